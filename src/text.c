/* bitext — small text helpers shared by modules and the CLI. */
#include <string.h>

#include "bitext/error.h"
#include "text-private.h"

/*
** Append @text to @out as one CSV field (RFC 4180): quoted when it holds a
** comma, a quote or a line break, with quotes doubled inside.
*/
void
bitext__append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/*
** Read the RFC 4180 record that starts at data[*pos] into @cells (cleared
** first; each cell a new string): fields split at commas, a quoted field may
** hold commas, doubled quotes and line breaks; CRs outside quotes are
** dropped. Moves *pos past the record's line break and *line past its lines.
** FALSE with @error ("NAME:LINE: unterminated quoted field") when a quote is
** not closed.
*/
gboolean
bitext__csv_next_record (const char *name, const char *data, gsize length, gsize *pos,
                         guint *line, GPtrArray *cells, GError **error)
{
  gsize p = *pos;
  guint start_line = *line;
  g_autoptr(GString) cell = g_string_new (NULL);
  g_ptr_array_set_size (cells, 0);
  for (;;)
    {
      g_string_truncate (cell, 0);
      if (p < length && data[p] == '"')
        {
          for (p++;; p++)
            {
              if (p >= length)
                {
                  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                               "%s:%u: unterminated quoted field", name, start_line);
                  return FALSE;
                }
              if (data[p] == '"' && (p + 1 >= length || data[p + 1] != '"'))
                break;
              if (data[p] == '"')
                p++;
              *line += data[p] == '\n';
              g_string_append_c (cell, data[p]);
            }
          p++;
        }
      while (p < length && data[p] != ',' && data[p] != '\n')
        if (data[p++] != '\r')
          g_string_append_c (cell, data[p - 1]);
      g_ptr_array_add (cells, g_strdup (cell->str));
      if (p >= length || data[p] == '\n')
        break;
      p++;
    }
  (*line)++;
  *pos = p < length ? p + 1 : length;
  return TRUE;
}

/* Append @text as a JSON string literal (RFC 8259), UTF-8 kept as is. */
void
bitext__append_json_string (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      /* The bytes that need no escape, in one append. */
      const char *run = p;
      while ((guchar) *p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, run, p - run);
      if (*p == '\0')
        break;
      guchar c = (guchar) *p;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

/*
** Append @text[0..length) to @out with every run of white space that holds a
** line break replaced by one space (a sentence's text: bitext_segment_dup_text()).
** With @escape (nullable), the pieces kept go through it instead of being
** appended as they are (the document layer escapes them for TMX).
*/
void
bitext__append_collapsed_with (GString *out, const char *text, gsize length,
                               void (*escape) (GString *out, const char *text, gsize length))
{
  gsize i = 0;
  while (i < length)
    {
      const char *nl = memchr (text + i, '\n', length - i);
      gsize a = nl != NULL ? (gsize) (nl - text) : length, b = a + 1;
      if (nl != NULL)
        {
          while (a > i && (text[a - 1] == ' ' || text[a - 1] == '\t'))
            a--;
          while (b < length && (text[b] == ' ' || text[b] == '\t' || text[b] == '\n'))
            b++;
        }
      if (escape != NULL)
        escape (out, text + i, a - i);
      else
        g_string_append_len (out, text + i, (gssize) (a - i));
      if (nl == NULL)
        return;
      g_string_append_c (out, ' ');
      i = b;
    }
}

void
bitext__append_collapsed (GString *out, const char *text, gsize length)
{
  bitext__append_collapsed_with (out, text, length, NULL);
}

gboolean
bitext__has_letter (const char *text, gsize length)
{
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Punctuation that may stand before a word: opening brackets and quotes, "¿", "¡", "*". */
static gboolean
opens_word (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);
  return t == G_UNICODE_OPEN_PUNCTUATION || t == G_UNICODE_INITIAL_PUNCTUATION
         || t == G_UNICODE_FINAL_PUNCTUATION || c == 0xBF || c == 0xA1
         || (c != 0 && c < 0x80 && strchr ("\"'*", (int) c) != NULL);
}

/* Punctuation that may stand after a word: closing brackets and quotes, stops, commas... */
static gboolean
closes_word (gunichar c)
{
  GUnicodeType t = g_unichar_type (c);
  return t == G_UNICODE_CLOSE_PUNCTUATION || t == G_UNICODE_INITIAL_PUNCTUATION
         || t == G_UNICODE_FINAL_PUNCTUATION || c == 0x2026
         || (c != 0 && c < 0x80 && strchr ("\"'*.,;:!?", (int) c) != NULL);
}

/*
** Whether @token (@length bytes, no white space) is a word of a natural
** language once the punctuation at its ends is set aside: letters (and
** combining marks), joined by hyphens or apostrophes at most. URLs, paths,
** file names, options, variables and identifiers ("http://", "/mnt",
** "ch01.html", "--help", "$HOME", "lvm2", "grub_cmd") are not.
*/
gboolean
bitext__is_word (const char *token, gsize length)
{
  const char *p = token, *end = token + length;
  while (p < end && opens_word (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  while (end > p)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!closes_word (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  if (p == end || !g_unichar_isalpha (g_utf8_get_char (p)))
    return FALSE;
  for (gunichar last = 0; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean joiner = c == '-' || c == '\'' || c == 0x2019 || c == 0x2010;
      if (joiner && (last == '-' || last == '\'' || last == 0x2019 || last == 0x2010))
        return FALSE;
      if (!joiner && !g_unichar_isalpha (c) && !g_unichar_ismark (c))
        return FALSE;
      last = c;
    }
  return TRUE;
}

/* Append the words of text[start, end) (see bitext__is_word()) to @out, a space after each. */
void
bitext__append_words (GString *out, const char *text, gsize start, gsize end)
{
  gsize i = start;
  while (i < end)
    {
      while (i < end && g_unichar_isspace (g_utf8_get_char (text + i)))
        i = (gsize) (g_utf8_next_char (text + i) - text);
      gsize token = i;
      while (i < end && !g_unichar_isspace (g_utf8_get_char (text + i)))
        i = (gsize) (g_utf8_next_char (text + i) - text);
      if (i > token && bitext__is_word (text + token, i - token))
        {
          g_string_append_len (out, text + token, (gssize) (i - token));
          g_string_append_c (out, ' ');
        }
    }
}

/*
** Whether @c belongs to a script written without spaces between words
** (Han, Hiragana, Katakana): there a run of letters is a clause, not a
** word.
*/
gboolean
bitext__unspaced_script (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
      return TRUE;
    default:
      return FALSE;
    }
}

/*
** Whether @text holds a phrase of a natural language: two words in a row
** (bitext__is_word(), white space alone between them), neither joined by
** hyphens into a compound or an identifier ("safe-upgrade") nor written in
** capitals (an acronym, a key or keyword: "OK", "NULL"); or a word of a
** script written without spaces, where a run of letters is a clause and
** spaces tell nothing. Any sentence has one; a name, a label, a key or a
** command ("Linux", "Search", "aptitude safe-upgrade", "--help") has not.
*/
gboolean
bitext__has_phrase (const char *text, gsize length)
{
  gsize i = 0;
  gboolean after_word = FALSE;
  while (i < length)
    {
      while (i < length && g_unichar_isspace (g_utf8_get_char (text + i)))
        i = (gsize) (g_utf8_next_char (text + i) - text);
      gsize token = i;
      gboolean hyphen = FALSE, lower = FALSE, unspaced = FALSE;
      while (i < length && !g_unichar_isspace (g_utf8_get_char (text + i)))
        {
          gunichar c = g_utf8_get_char (text + i);
          hyphen |= c == '-' || c == 0x2010;
          lower |= g_unichar_islower (c);
          unspaced |= c >= 0x2E80 && bitext__unspaced_script (c);
          i = (gsize) (g_utf8_next_char (text + i) - text);
        }
      if (i == token)
        break;
      gboolean word = bitext__is_word (text + token, i - token);
      if (word && unspaced)
        return TRUE;
      word = word && lower && !hyphen;
      if (word && after_word)
        return TRUE;
      after_word = word;
    }
  return FALSE;
}

/* HTML's void elements (HTML Living Standard, 13.1.2): they have no end tag. */
gboolean
bitext__html_void_element (const char *name, gsize length)
{
  static const char *const names[] = { "area", "base", "br", "col", "embed", "hr", "img", "input",
                                       "link", "meta", "source", "track", "wbr", "param" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == length && g_ascii_strncasecmp (name, names[i], length) == 0)
      return TRUE;
  return FALSE;
}
