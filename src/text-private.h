/* bitext — small text helpers shared by modules and the CLI (internal). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     bitext__append_csv_field (GString *out, const char *text);
void     bitext__append_json_string (GString *out, const char *text);
gboolean bitext__csv_next_record (const char *name, const char *data, gsize length, gsize *pos,
                                  guint *line, GPtrArray *cells, GError **error);

void     bitext__append_collapsed (GString *out, const char *text, gsize length);
void     bitext__append_collapsed_with (GString *out, const char *text, gsize length,
                                        void (*escape) (GString *out, const char *text,
                                                        gsize length));
/* Whether the @length bytes at @text hold a letter (a Unicode L* character). */
gboolean bitext__has_letter (const char *text, gsize length);
/* Whether a token is a word of a natural language (not a URL, path, option...); see text.c. */
gboolean bitext__is_word   (const char *token, gsize length);
/* Append the words (bitext__is_word()) of text[start, end) to @out, a space after each. */
void     bitext__append_words (GString *out, const char *text, gsize start, gsize end);
/* Whether @c is of a script written without spaces between words (Han, Hiragana, Katakana). */
gboolean bitext__unspaced_script (gunichar c);
/* Whether the element @name (@length bytes, any case) is one of HTML's void elements. */
gboolean bitext__html_void_element (const char *name, gsize length);
/* Whether the @length bytes at @text hold a phrase of a natural language; see text.c. */
gboolean bitext__has_phrase (const char *text, gsize length);

G_END_DECLS
