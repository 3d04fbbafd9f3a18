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

/*
** The headword of the entry [text, text + length): its first line, cut at
** @cut when that occurs (FreeDict's " /" before a pronunciation), without
** notes in brackets; NULL when nothing is left. @eol: the end of that line.
*/
static char *
entry_headword (const char *text, gsize length, const char *cut, const char **eol)
{
  const char *nl = memchr (text, '\n', length);
  *eol = nl != NULL ? nl : text + length;
  g_autofree char *head = g_strndup (text, (gsize) (*eol - text));
  char *at = cut != NULL ? strstr (head, cut) : NULL;
  if (at != NULL)
    *at = '\0';
  drop_brackets (head);
  g_strstrip (head);
  return *head != '\0' ? g_steal_pointer (&head) : NULL;
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
  const char *end = text + length, *eol;
  g_autofree char *head = entry_headword (text, length, " /", &eol);
  if (head == NULL)
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

/*
** The indented layout (Müller's English-Russian dictionary in Debian's
** mueller7-dict, after the Starling edition): the headword alone on its
** line and the whole entry indented below it: a transcription in square
** brackets, labels that open with an underscore (_n., _v., _pl., _тех.,
** _разг.; the homonym numbers _I, _II), parts of speech numbered "1.",
** senses "1)", sub-senses "а)", and inside a sense translations separated
** by commas and semicolons, with the phrases of the headword's language
** and their renderings among them ("I can speak French я говорю
** по-французски"). Lines wrap anywhere, so the entry is read as one line.
*/

/* Whether @tok is a sense number of the indented layout: "1.", "12)", "а)". */
static gboolean
is_sense_marker (const char *tok)
{
  const char *p = tok;
  while (g_ascii_isdigit (*p))
    p++;
  if (p > tok)
    return (p[0] == '.' || p[0] == ')') && p[1] == '\0';
  gunichar c = g_utf8_get_char (tok);
  const char *next = g_utf8_next_char (tok);
  return g_unichar_islower (c) && next[0] == ')' && next[1] == '\0';
}

/*
** Whether the piece @text of a sense is a list of translations: no letter
** of the headword's script @script (then it is a phrase of the headword's
** language, an example or a cross-reference "от man"), at least one letter,
** and none of = ~ : ! ? (a cross-reference "= shortbread", a definition,
** an exclamation quoted from use).
*/
static gboolean
is_translation_piece (const char *text, GUnicodeScript script)
{
  gboolean letter = FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 0x80 && strchr ("=~:!?", (int) c) != NULL)
        return FALSE;
      if (g_unichar_isalpha (c))
        {
          if (g_unichar_get_script (c) == script)
            return FALSE;
          letter = TRUE;
        }
    }
  return letter;
}

/* The script of the first letter of @headword (G_UNICODE_SCRIPT_COMMON when it has none). */
static GUnicodeScript
headword_script (const char *headword)
{
  for (const char *p = headword; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalpha (c))
        return g_unichar_get_script (c);
    }
  return G_UNICODE_SCRIPT_COMMON;
}

/*
** Parse one entry of the indented layout (above). Returns the headword
** (notes in brackets dropped; transfer full), or NULL when the entry has
** none, and appends to @translations the terms of its senses: the pieces
** between sense numbers and semicolons that hold no letter of the
** headword's script, without brackets and labels, split at commas. The
** phrases of the headword's language and their renderings are dropped
** together: where one ends and the other begins is not marked.
*/
char *
bitext_dictd__parse_indented_entry (const char *text, gsize length, GPtrArray *translations)
{
  const char *end = text + length, *eol;
  g_autofree char *head = entry_headword (text, length, NULL, &eol);
  if (head == NULL)
    return NULL;
  GUnicodeScript script = headword_script (head);

  g_autofree char *body = g_strndup (eol, (gsize) (end - eol));
  drop_brackets (body);
  g_auto(GStrv) tokens = g_strsplit_set (body, " \t\r\n", -1);
  g_autoptr(GString) piece = g_string_new (NULL);
  for (guint i = 0;; i++)
    {
      const char *tok = tokens[i];
      gboolean last = tok == NULL;
      gboolean marker = !last && is_sense_marker (tok);
      if (!last && !marker && tok[0] != '_' && tok[0] != '\0')
        {
          if (piece->len > 0)
            g_string_append_c (piece, ' ');
          g_string_append (piece, tok);
        }
      if (last || marker || (piece->len > 0 && piece->str[piece->len - 1] == ';'))
        {
          g_strchomp (piece->str);
          if (is_translation_piece (piece->str, script))
            add_translations (piece->str, strlen (piece->str), translations);
          g_string_truncate (piece, 0);
        }
      if (last)
        break;
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
** The fields of one index line [p, eol): the headword's length, the
** entry's offset and length, checked against the @size bytes of data.
*/
static gboolean
parse_index_line (const char *p, const char *eol, guint line, const char *index, gsize size,
                  gsize *head_len, guint64 *offset, guint64 *length, GError **error)
{
  const char *t1 = memchr (p, '\t', (gsize) (eol - p));
  const char *t2 = t1 != NULL ? memchr (t1 + 1, '\t', (gsize) (eol - t1 - 1)) : NULL;
  if (t2 == NULL)
    return index_error (error, index, line, "expected headword<TAB>offset<TAB>length");
  const char *t3 = memchr (t2 + 1, '\t', (gsize) (eol - t2 - 1));
  const char *len_end = t3 != NULL ? t3 : eol;
  if (!bitext_dictd__decode_number (t1 + 1, (gsize) (t2 - t1 - 1), offset)
      || !bitext_dictd__decode_number (t2 + 1, (gsize) (len_end - t2 - 1), length))
    return index_error (error, index, line, "offset or length is not a dictd base64 number");
  if (*offset + *length > size)
    return index_error (error, index, line, "entry lies past the end of the dictionary data");
  *head_len = (gsize) (t1 - p);
  return TRUE;
}

/* The end of the line that starts at @p in [p, end), without its CR. */
static const char *
line_end (const char *p, const char *end, const char **next)
{
  const char *nl = memchr (p, '\n', (gsize) (end - p));
  const char *eol = nl != NULL ? nl : end;
  *next = nl != NULL ? nl + 1 : end;
  if (eol > p && eol[-1] == '\r')
    eol--;
  return eol;
}

typedef char *(*ParseFunc) (const char *text, gsize length, GPtrArray *translations);

/*
** Which layout the entries of a dictionary have: the indented one when
** the line after the headword is indented in most of its first 100 word
** entries (FreeDict starts its translations at the margin), else
** FreeDict's. A malformed index line ends the look; reading reports it.
*/
static ParseFunc
detect_layout (const char *ix, gsize ix_len, GBytes *data)
{
  gsize size;
  const char *text = g_bytes_get_data (data, &size);
  guint seen = 0, indented = 0;
  const char *p = ix, *end = ix + ix_len, *next;
  for (; p < end && seen < 100; p = next)
    {
      const char *eol = line_end (p, end, &next);
      gsize head_len;
      guint64 offset, length;
      if (eol == p)
        continue;
      if (!parse_index_line (p, eol, 0, "", size, &head_len, &offset, &length, NULL))
        break;
      if (is_meta_headword (p, head_len) || length == 0)
        continue;
      const char *e = text + offset, *nl = memchr (e, '\n', length);
      if (nl == NULL || nl + 1 >= e + length)
        continue;
      seen++;
      indented += nl[1] == ' ' || nl[1] == '\t';
    }
  return 2 * indented > seen ? bitext_dictd__parse_indented_entry : bitext_dictd__parse_entry;
}

/*
** Read one index line [p, eol) and, when it names an entry not yet seen
** (FreeDict indexes an entry under several spellings), hand the entry,
** read by @parse, to @func.
*/
static gboolean
read_index_line (const char *p, const char *eol, guint line, const char *index, GBytes *data,
                 ParseFunc parse, GHashTable *seen, BitextDictdFunc func, gpointer user_data,
                 GError **error)
{
  gsize size, head_len;
  const char *text = g_bytes_get_data (data, &size);
  guint64 offset, length;
  if (!parse_index_line (p, eol, line, index, size, &head_len, &offset, &length, error))
    return FALSE;
  /* An empty entry holds no headword (and the data may be empty too: no pointer into it). */
  if (length == 0 || is_meta_headword (p, head_len)
      || !g_hash_table_add (seen, GSIZE_TO_POINTER (offset)))
    return TRUE;
  if (!g_utf8_validate (text + offset, (gssize) length, NULL))
    return index_error (error, index, line, "entry is not valid UTF-8");
  g_autoptr(GPtrArray) trans = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = parse (text + offset, length, trans);
  if (head != NULL && trans->len > 0)
    {
      g_ptr_array_add (trans, NULL);
      func (head, (const char *const *) trans->pdata, line, user_data);
    }
  return TRUE;
}

/*
** bitext_dictd__foreach_data:
** @index: the index file's name, for the errors
** @ix: (array length=ix_len): the index's text
** @data: the entries' text, inflated
**
** bitext_dictd__foreach() on a dictionary already read (the fuzz target's way in).
*/
gboolean
bitext_dictd__foreach_data (const char *index, const char *ix, gsize ix_len, GBytes *data,
                            BitextDictdFunc func, gpointer user_data, GError **error)
{
  ParseFunc parse = detect_layout (ix, ix_len, data);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const char *p = ix, *end = ix + ix_len, *next;
  for (guint line = 1; p < end; line++, p = next)
    {
      const char *eol = line_end (p, end, &next);
      if (eol > p
          && !read_index_line (p, eol, line, index, data, parse, seen, func, user_data, error))
        return FALSE;
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
  return data != NULL
         && bitext_dictd__foreach_data (index, ix, ix_len, data, func, user_data, error);
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
