/* bitext — reading dictd dictionaries (Debian's FreeDict packages): index + dictzip data (internal). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where Debian's dict-freedict-* packages install their files. */
#define BITEXT_DICTD_DIR "/usr/share/dictd"

/*
** Called once per entry of a dictionary, in index order: the headword as
** the entry writes it and its translation terms, cleaned (see
** bitext_dictd__parse_entry()), NULL-terminated and never empty. @line is
** the entry's 1-based line in the index file.
*/
typedef void (*BitextDictdFunc) (const char *headword, const char *const *translations,
                                 guint line, gpointer user_data);

gboolean bitext_dictd__is_dictd_path (const char *path);
gboolean bitext_dictd__foreach       (const char *path, BitextDictdFunc func, gpointer user_data,
                                      GError **error);
gboolean bitext_dictd__foreach_data  (const char *index, const char *ix, gsize ix_len, GBytes *data,
                                      BitextDictdFunc func, gpointer user_data, GError **error);
char    *bitext_dictd__parse_entry   (const char *text, gsize length, GPtrArray *translations);
char    *bitext_dictd__parse_indented_entry (const char *text, gsize length,
                                             GPtrArray *translations);
char    *bitext_dictd__find_freedict (const char *dir, const char *src_lang, const char *tgt_lang,
                                      gboolean *reversed, GError **error);
gboolean bitext_dictd__decode_number (const char *text, gsize length, guint64 *value);

G_END_DECLS
