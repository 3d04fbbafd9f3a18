/* bitext — reading dictd dictionaries (Debian's FreeDict packages): index + dictzip data. */
#include <string.h>

#include <gio/gio.h>
#include <unicode/uloc.h>

#include <bitext/error.h>

#include "dictd-private.h"

/*
** A dictd dictionary is two files (dictd(8), "Database format"):
**   NAME.index    one line per headword: headword TAB offset TAB length
**                 [TAB original headword], the numbers in dictd's base64;
**   NAME.dict.dz  the entries' text, dictzip-compressed: a gzip member with
**                 a random-access table in its extra field. A reader that
**                 inflates the whole file sees plain gzip (or NAME.dict,
**                 uncompressed).
** FreeDict renders its TEI source into entries of this shape:
**   headword /pronunciation/ <part of speech>
**   1. translation, translation          (or one unnumbered line)
**   a definition in the source language
**    2.                                   (a sub-sense: only a definition follows)
**   another definition
** and the dictionary's own description under 00-database-* headwords.
*/

/* dictd's base64 digits (dictd/dictzip.c, b64_decode). */
static const char b64_digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/*
** Decode a dictd base64 number: big-endian base-64 digits, no padding.
** FALSE when @text is empty, holds another character or overflows 48 bits
** (more than any file a dictionary holds; the cap keeps offset + length in range).
*/
gboolean
bitext_dictd__decode_number (const char *text, gsize length, guint64 *value)
{
  guint64 v = 0;
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      const char *d = text[i] != '\0' ? strchr (b64_digits, text[i]) : NULL;
      if (d == NULL || v >> 42 != 0)
        return FALSE;
      v = v << 6 | (guint64) (d - b64_digits);
    }
  *value = v;
  return TRUE;
}

/* Whether @path names a dictd file: NAME.index, NAME.dict.dz or NAME.dict. */
gboolean
bitext_dictd__is_dictd_path (const char *path)
{
  return g_str_has_suffix (path, ".index") || g_str_has_suffix (path, ".dict.dz")
         || g_str_has_suffix (path, ".dict");
}

/* ---- entries ------------------------------------------------------------ */

/* Remove (...), [...], {...} and <...> spans, nested or not, from @s in place. */
static void
drop_brackets (char *s)
{
  int depth = 0;
  char *o = s;
  for (const char *p = s; *p != '\0'; p++)
    {
      if (strchr ("([{<", *p) != NULL)
        depth++;
      else if (depth > 0 && strchr (")]}>", *p) != NULL)
        depth--;
      else if (depth == 0)
        *o++ = *p;
    }
  *o = '\0';
}

/*
** Clean one alternative: a word written "a/b" keeps "a" (couvert/e,
** te/vous), a wiki link "term#target" keeps "term"; blanks collapse.
** Returns NULL for what is no term: empty, a pattern with a gap
** ("ne … pas", "ni...ni"), or a labelled definition ("Chemie: ...").
*/
static char *
clean_alternative (const char *alt)
{
  if (strstr (alt, "\u2026") != NULL || strstr (alt, "...") != NULL || strchr (alt, ':') != NULL)
    return NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (alt, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *w = words[i];
      w[strcspn (w, "/#")] = '\0';
      if (*w == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, w);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* Add the alternatives of one translation line to @out, skipping repeats. */
static void
add_translations (const char *line, gsize length, GPtrArray *out)
{
  g_autofree char *s = g_strndup (line, length);
  drop_brackets (s);
  g_strchomp (s);
  /* A sense number left at the end of the line ("juger 2."): the next sense's, not a term. */
  char *end = s + strlen (s);
  char *q = end;
  if (q > s && q[-1] == '.')
    {
      q--;
      while (q > s && g_ascii_isdigit (q[-1]))
        q--;
      if (q < end - 1 && (q == s || q[-1] == ' '))
        *q = '\0';
    }
  g_auto(GStrv) alts = g_strsplit_set (s, ",;", -1);
  for (guint i = 0; alts[i] != NULL; i++)
    {
      char *t = clean_alternative (g_strstrip (alts[i]));
      if (t == NULL)
        continue;
      gboolean seen = FALSE;
      for (guint k = 0; k < out->len && !seen; k++)
        seen = strcmp (g_ptr_array_index (out, k), t) == 0;
      if (seen)
        g_free (t);
      else
        g_ptr_array_add (out, t);
    }
}

/* Length of a leading sense number "12. " in [p, eol), 0 when there is none. */
static gsize
sense_number (const char *p, const char *eol)
{
  const char *q = p;
  while (q < eol && g_ascii_isdigit (*q))
    q++;
  if (q == p || q + 1 >= eol || q[0] != '.' || q[1] != ' ')
    return 0;
  return (gsize) (q + 2 - p);
}

/*
** Parse one FreeDict entry. Returns the headword (pronunciations between
** slashes, the part of speech in <...> and notes in brackets dropped;
** transfer full), or NULL when the entry has none. Appends to
** @translations (a GPtrArray with g_free) the translation terms: the first
** line after the headword and every line opening with a sense number
** ("2. ..."), split at commas and semicolons, without notes in brackets.
** Definitions, examples and sub-sense lines (" 3." and the line after it)
** are source-language text and are dropped.
*/
char *
bitext_dictd__parse_entry (const char *text, gsize length, GPtrArray *translations)
{
  const char *end = text + length;
  const char *eol = memchr (text, '\n', length);
  if (eol == NULL)
    eol = end;
  g_autofree char *head = g_strndup (text, (gsize) (eol - text));
  char *cut = strstr (head, " /");
  if (cut != NULL)
    *cut = '\0';
  drop_brackets (head);
  g_strstrip (head);
  if (*head == '\0')
    return NULL;

  gboolean expect = TRUE;   /* the next line is a translation line */
  for (const char *p = eol < end ? eol + 1 : end; p < end;)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *e = nl != NULL ? nl : end;
      gsize num = sense_number (p, e);
      if (p == e)
        ;                   /* a blank line changes nothing */
      else if (g_ascii_isspace (*p))
        expect = FALSE;     /* a sub-sense number or an indented definition */
      else if (num > 0 || expect)
        {
          add_translations (p + num, (gsize) (e - p) - num, translations);
          expect = FALSE;
        }
      p = nl != NULL ? nl + 1 : end;
    }
  return g_steal_pointer (&head);
}

/* ---- files -------------------------------------------------------------- */

/* The entries' text: @path inflated when it is gzip (dictzip), as it is otherwise. */
static GBytes *
load_data (const char *path, GError **error)
{
  g_autofree char *raw = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &raw, &length, error))
    return NULL;
  if (length < 2 || (guchar) raw[0] != 0x1f || (guchar) raw[1] != 0x8b)
    return g_bytes_new_take (g_steal_pointer (&raw), length);

  g_autoptr(GBytes) packed = g_bytes_new_take (g_steal_pointer (&raw), length);
  g_autoptr(GInputStream) mem = g_memory_input_stream_new_from_bytes (packed);
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (mem, G_CONVERTER (z));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) local = NULL;
  if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                           | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, &local)
      < 0)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: not a readable dictzip file: %s",
                   path, local->message);
      return NULL;
    }
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* NAME.index and the data file beside it (NAME.dict.dz, else NAME.dict) for any of the three. */
static void
dictd_paths (const char *path, char **index, char **data)
{
  g_autofree char *base = NULL;
  if (g_str_has_suffix (path, ".index"))
    base = g_strndup (path, strlen (path) - strlen (".index"));
  else if (g_str_has_suffix (path, ".dict.dz"))
    base = g_strndup (path, strlen (path) - strlen (".dict.dz"));
  else
    base = g_strndup (path, strlen (path) - strlen (".dict"));
  *index = g_strconcat (base, ".index", NULL);
  *data = g_strconcat (base, ".dict.dz", NULL);
  if (!g_file_test (*data, G_FILE_TEST_EXISTS))
    {
      g_free (*data);
      *data = g_strconcat (base, ".dict", NULL);
    }
}

static gboolean
index_error (GError **error, const char *index, guint line, const char *what)
{
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: %s", index, line, what);
  return FALSE;
}

/* The dictionary's description, not a word: 00-database-info, 00databaseutf8, ... */
static gboolean
is_meta_headword (const char *headword, gsize length)
{
  return (length >= 10 && strncmp (headword, "00database", 10) == 0)
         || (length >= 12 && strncmp (headword, "00-database-", 12) == 0);
}

/*
** Read one index line [p, eol) and, when it names an entry not yet seen
** (FreeDict indexes an entry under several spellings), hand the entry to @func.
*/
static gboolean
read_index_line (const char *p, const char *eol, guint line, const char *index, GBytes *data,
                 GHashTable *seen, BitextDictdFunc func, gpointer user_data, GError **error)
{
  const char *t1 = memchr (p, '\t', (gsize) (eol - p));
  const char *t2 = t1 != NULL ? memchr (t1 + 1, '\t', (gsize) (eol - t1 - 1)) : NULL;
  if (t2 == NULL)
    return index_error (error, index, line, "expected headword<TAB>offset<TAB>length");
  const char *t3 = memchr (t2 + 1, '\t', (gsize) (eol - t2 - 1));
  const char *len_end = t3 != NULL ? t3 : eol;
  guint64 offset, length;
  if (!bitext_dictd__decode_number (t1 + 1, (gsize) (t2 - t1 - 1), &offset)
      || !bitext_dictd__decode_number (t2 + 1, (gsize) (len_end - t2 - 1), &length))
    return index_error (error, index, line, "offset or length is not a dictd base64 number");
  gsize size;
  const char *text = g_bytes_get_data (data, &size);
  if (offset + length > size)
    return index_error (error, index, line, "entry lies past the end of the dictionary data");
  if (is_meta_headword (p, (gsize) (t1 - p)) || !g_hash_table_add (seen, GSIZE_TO_POINTER (offset)))
    return TRUE;
  if (!g_utf8_validate (text + offset, (gssize) length, NULL))
    return index_error (error, index, line, "entry is not valid UTF-8");
  g_autoptr(GPtrArray) trans = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = bitext_dictd__parse_entry (text + offset, length, trans);
  if (head != NULL && trans->len > 0)
    {
      g_ptr_array_add (trans, NULL);
      func (head, (const char *const *) trans->pdata, line, user_data);
    }
  return TRUE;
}

/**
 * bitext_dictd__foreach:
 * @path: (type filename): NAME.index, NAME.dict.dz or NAME.dict of a dictd dictionary
 * @func: called for every entry with at least one translation
 *
 * Reads the whole dictionary (the data inflated once; an index line points
 * into it) and calls @func per entry in index order, each entry once.
 *
 * Returns: %FALSE with @error set: the file's own error when a file cannot
 * be read, %BITEXT_ERROR_PARSE "INDEX:LINE: ..." on a malformed index line
 */
gboolean
bitext_dictd__foreach (const char *path, BitextDictdFunc func, gpointer user_data, GError **error)
{
  g_autofree char *index = NULL, *data_path = NULL;
  dictd_paths (path, &index, &data_path);
  g_autofree char *ix = NULL;
  gsize ix_len = 0;
  if (!g_file_get_contents (index, &ix, &ix_len, error))
    return FALSE;
  g_autoptr(GBytes) data = load_data (data_path, error);
  if (data == NULL)
    return FALSE;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const char *p = ix, *end = ix + ix_len;
  for (guint line = 1; p < end; line++)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *eol = nl != NULL ? nl : end;
      if (eol > p && eol[-1] == '\r')
        eol--;
      if (eol > p && !read_index_line (p, eol, line, index, data, seen, func, user_data, error))
        return FALSE;
      p = nl != NULL ? nl + 1 : end;
    }
  return TRUE;
}

/* ---- FreeDict packages -------------------------------------------------- */

/* FreeDict's code of a language: ISO 639-2/T (deu, fra, rus), from a BCP 47 or ICU code. */
static char *
iso3_language (const char *lang)
{
  g_autofree char *id = g_strdelimit (g_strdup (lang), "-", '_');
  const char *code = uloc_getISO3Language (id);
  return code != NULL && *code != '\0' ? g_strdup (code) : NULL;
}

/**
 * bitext_dictd__find_freedict:
 * @dir: (type filename): where the dictionaries are (BITEXT_DICTD_DIR)
 * @reversed: (out): set when only the target-to-source dictionary exists
 *
 * Finds FreeDict's dictionary for a language pair: DIR/freedict-SRC-TGT.index,
 * or else DIR/freedict-TGT-SRC.index read in reverse.
 *
 * Returns: (transfer full) (nullable): the index path, or %NULL with
 * %BITEXT_ERROR_LANGUAGE naming the Debian package to install
 */
char *
bitext_dictd__find_freedict (const char *dir, const char *src_lang, const char *tgt_lang,
                             gboolean *reversed, GError **error)
{
  if (src_lang == NULL || tgt_lang == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE,
                   "freedict: the source and target languages must be known");
      return NULL;
    }
  g_autofree char *s = iso3_language (src_lang), *t = iso3_language (tgt_lang);
  if (s == NULL || t == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE,
                   "freedict: no ISO 639-2 code for '%s'", s == NULL ? src_lang : tgt_lang);
      return NULL;
    }
  for (int r = 0; r < 2; r++)
    {
      g_autofree char *name = g_strdup_printf ("freedict-%s-%s.index", r ? t : s, r ? s : t);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          *reversed = r == 1;
          return g_steal_pointer (&path);
        }
    }
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE,
               "freedict: no %s-%s dictionary in %s; install the Debian package "
               "dict-freedict-%s-%s (or dict-freedict-%s-%s)",
               s, t, dir, s, t, t, s);
  return NULL;
}
