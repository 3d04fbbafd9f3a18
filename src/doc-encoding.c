/* bitext — decoding an input to UTF-8: --encoding, BOMs, UTF-8, UTF-16 without BOM, declared
 * charsets and ICU's detector, with a map from decoded offsets back to the input's bytes.
 *
 * The map keeps one byte per decoded character (the input bytes it came
 * from) and the input offset of every DECODED_BLOCK-th character, so a
 * lookup walks at most one block.
 */
#include "docformat-private.h"

#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/uchar.h>
#include <unicode/ucsdet.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "bitext/error.h"

#define DECODED_BLOCK 4096  /* characters per entry of the block index */
#define CANDIDATES    3     /* encodings an error message names */

struct _BitextDecoded
{
  const char *text;         /* points into own or into the caller's input */
  gsize length;
  GString *own;             /* the decoded text, NULL when the input is used as it is */
  gsize skip;               /* input bytes before text[0] (a BOM) when used as it is */
  char *encoding;
  GByteArray *widths;       /* input bytes of each decoded character; NULL: one to one */
  GArray *blocks;           /* DecodedBlock every DECODED_BLOCK characters */
};

typedef struct
{
  gsize decoded;
  gsize input;
} DecodedBlock;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UCharsetDetector, ucsdet_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UConverter, ucnv_close)

void
bitext_doc__decoded_free (BitextDecoded *d)
{
  if (d == NULL)
    return;
  if (d->own != NULL)
    g_string_free (d->own, TRUE);
  g_free (d->encoding);
  if (d->widths != NULL)
    g_byte_array_unref (d->widths);
  if (d->blocks != NULL)
    g_array_unref (d->blocks);
  g_free (d);
}

const char *
bitext_doc__decoded_get_text (const BitextDecoded *d, gsize *length)
{
  if (length != NULL)
    *length = d->length;
  return d->text;
}

const char *
bitext_doc__decoded_get_encoding (const BitextDecoded *d)
{
  return d->encoding;
}

gsize
bitext_doc__decoded_to_input (const BitextDecoded *d, gsize offset)
{
  offset = MIN (offset, d->length);
  if (d->widths == NULL)
    return d->skip + offset;
  guint lo = bitext_doc__find_floor (d->blocks, offset);
  const DecodedBlock *b = &g_array_index (d->blocks, DecodedBlock, lo);
  gsize input = b->input, at = b->decoded, c = (gsize) lo * DECODED_BLOCK;
  while (at < offset && c < d->widths->len)
    {
      input += d->widths->data[c++];
      at = g_utf8_next_char (d->text + at) - d->text;
    }
  return input;
}

static BitextDecoded *
decoded_as_is (const char *data, gsize length, gsize skip)
{
  BitextDecoded *d = g_new0 (BitextDecoded, 1);
  d->text = data + skip;
  d->length = length - skip;
  d->skip = skip;
  d->encoding = g_strdup ("UTF-8");
  return d;
}

/*
** Convert @data with ICU converter @cv. Each decoded character's width is
** the distance between the input offsets ICU reports for it and the next
** (escape sequences of stateful encodings count with the character after
** them). Fails on a byte sequence the encoding does not define.
*/
static BitextDecoded *
convert (const char *name, const char *data, gsize length, UConverter *cv, GError **error)
{
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack (cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
  gsize cap = length + 1;
  g_autofree UChar *u = g_new (UChar, cap);
  g_autofree int32_t *offsets = g_new (int32_t, cap);
  UChar *target = u;
  const char *source = data;
  int32_t *off = offsets;
  ucnv_toUnicode (cv, &target, u + cap, &source, data + length, off, TRUE, &status);
  const char *enc = ucnv_getName (cv, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
                   "%s: not valid %s (byte offset %" G_GSIZE_FORMAT "); give the right --encoding",
                   name, U_SUCCESS (status) || enc == NULL ? "text" : enc,
                   (gsize) (source - data));
      return NULL;
    }
  gsize n = target - u;
  BitextDecoded *d = g_new0 (BitextDecoded, 1);
  d->own = g_string_sized_new (n + n / 2);
  d->widths = g_byte_array_new ();
  d->blocks = g_array_new (FALSE, FALSE, sizeof (DecodedBlock));
  d->encoding = g_strdup (enc);
  for (gsize i = 0; i < n;)
    {
      UChar32 c;
      gsize start = i;
      U16_NEXT (u, i, n, c);
      gsize from = (gsize) offsets[start];
      gsize to = i < n ? (gsize) offsets[i] : length;
      if (d->widths->len % DECODED_BLOCK == 0)
        {
          DecodedBlock b = { d->own->len, d->widths->len == 0 ? 0 : from };
          g_array_append_val (d->blocks, b);
        }
      guint8 w = (guint8) MIN (to - from, G_MAXUINT8);
      g_byte_array_append (d->widths, &w, 1);
      g_string_append_unichar (d->own, c == 0 ? 0xFFFD : (gunichar) c);
    }
  if (d->blocks->len == 0)
    {
      DecodedBlock b = { 0, 0 };
      g_array_append_val (d->blocks, b);
    }
  d->text = d->own->str;
  d->length = d->own->len;
  return d;
}

static BitextDecoded *
convert_with (const char *name, const char *data, gsize length, const char *encoding,
              GError **error)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autoptr(UConverter) cv = ucnv_open (encoding, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
                   "%s: unknown encoding \"%s\" (ICU names: UTF-8, UTF-16LE, cp1251, KOI8-R, "
                   "cp1252, ISO-8859-5...; `uconv -l` lists them)", name, encoding);
      return NULL;
    }
  return convert (name, data, length, cv, error);
}

/*
** UTF-16 without a BOM ("UTF-16LE" or "UTF-16BE"), or NULL: every NUL byte
** on odd offsets (LE: the high bytes of ASCII characters) or every one on
** even offsets (BE), and, read in that order, a space or a line feed among
** the code units and no C0 control but TAB, LF and CR. Text in a byte
** encoding has no NUL byte at all; a binary file has them on both parities
** or makes control characters. A UTF-16 text with no character below
** U+0100 (CJK without spaces) has no NUL byte and is not recognised: it
** needs a BOM or --encoding.
*/
const char *
bitext_doc__utf16_order (const char *data, gsize length)
{
  gsize nul[2] = { 0, 0 };
  for (gsize i = 0; i < length; i++)
    if (data[i] == '\0')
      nul[i % 2]++;
  if (length % 2 != 0 || (nul[0] == 0) == (nul[1] == 0))
    return NULL;
  gboolean le = nul[1] > 0, spaced = FALSE;
  const guchar *p = (const guchar *) data;
  for (gsize i = 0; i + 1 < length; i += 2)
    {
      guint u = le ? p[i] | (p[i + 1] << 8u) : (p[i] << 8u) | p[i + 1];
      if (u < 0x20 && u != '\t' && u != '\n' && u != '\r')
        return NULL;
      spaced |= u == ' ' || u == '\n';
    }
  return !spaced ? NULL : le ? "UTF-16LE" : "UTF-16BE";
}

/* The charset an HTML, XML or PO input declares in its first bytes, or NULL. */
static char *
declared_charset (const char *data, gsize length, BitextFormat format)
{
  /* HTML 5, 13.2.3.2: the prescan looks at the first 1024 bytes. */
  gsize n = MIN (length, 1024);
  const char *keys[] = { "charset=", "encoding=" };
  if (format == BITEXT_FORMAT_PO)
    n = MIN (length, 4096);  /* the header entry comes first, after comments */
  else if (format != BITEXT_FORMAT_HTML && format != BITEXT_FORMAT_XML
           && format != BITEXT_FORMAT_XLIFF && format != BITEXT_FORMAT_TMX)
    return NULL;
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      const char *p = g_strstr_len (data, n, keys[k]);
      if (p == NULL)
        continue;
      p += strlen (keys[k]);
      while (p < data + n && (*p == '"' || *p == '\'' || *p == ' '))
        p++;
      const char *e = p;
      while (e < data + n && (g_ascii_isalnum (*e) || *e == '-' || *e == '_' || *e == '.'
                              || *e == ':'))
        e++;
      if (e > p)
        return g_strndup (p, e - p);
    }
  return NULL;
}

/*
** The byte offset of the first invalid UTF-8 sequence, and whether a valid
** multi-byte sequence comes before it: a text that has one is UTF-8 with a
** defect, not a text in another encoding.
*/
static gsize
utf8_prefix (const char *data, gsize length, gboolean *had_multibyte)
{
  const char *end = NULL;
  g_utf8_validate_len (data, length, &end);
  *had_multibyte = FALSE;
  for (const char *p = data; p < end && !*had_multibyte; p++)
    *had_multibyte = (guchar) *p >= 0x80;
  return (gsize) (end - data);
}

/*
** Whether @text (decoded from a legacy encoding) reads as text of one
** script: every non-ASCII character a letter or mark of one script, or a
** Common/Inherited character that is assigned and not a control (« — №),
** and at least one of those letters inside a word (next to another
** letter): a lone one ("Bad \xff byte") is a stray byte, no evidence. A wrong single-byte code page makes letters of
** another script, symbols or unassigned code points.
*/
static gboolean
reads_as_one_script (const char *text, gsize length)
{
  UScriptCode script = USCRIPT_INVALID_CODE;
  gboolean letter = FALSE, prev_alpha = FALSE, in_word = FALSE;
  const char *end = text + length;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean alpha = g_unichar_isalpha (c);
      gboolean was_alpha = prev_alpha;
      prev_alpha = alpha;
      if (c < 0x80)
        continue;
      const char *next = g_utf8_next_char (p);
      in_word |= alpha && (was_alpha || (next < end && g_unichar_isalpha (g_utf8_get_char (next))));
      UErrorCode status = U_ZERO_ERROR;
      UScriptCode sc = uscript_getScript ((UChar32) c, &status);
      int8_t type = u_charType ((UChar32) c);
      if (type == U_UNASSIGNED || type == U_CONTROL_CHAR || type == U_PRIVATE_USE_CHAR)
        return FALSE;
      if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
        continue;
      if (!u_isalpha ((UChar32) c) && type != U_NON_SPACING_MARK && type != U_COMBINING_SPACING_MARK)
        return FALSE;
      if (script != USCRIPT_INVALID_CODE && sc != script)
        return FALSE;
      script = sc;
      letter = TRUE;
    }
  return letter && in_word;
}

/* Line and column of byte @bad of @data, whose bytes before it are valid UTF-8. */
static BitextPosition
position_of (const char *data, gsize bad)
{
  BitextPosition pos = { 1, 1 };
  gsize line_start = 0;
  for (gsize i = 0; i < bad; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= bad || data[i + 1] != '\n')))
      {
        pos.line++;
        line_start = i + 1;
      }
  pos.column = 1 + (guint) g_utf8_strlen (data + line_start, (gssize) (bad - line_start));
  return pos;
}

/*
** Upper-case letters that follow a lower-case letter in the same word. A
** wrong code page of the right script (KOI8-R read as cp1251) swaps the
** cases, so its words are full of them; real text has almost none.
*/
static gsize
case_breaks (const char *text, gsize length)
{
  gsize n = 0;
  gboolean after_lower = FALSE;
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isupper (c) && after_lower)
        n++;
      after_lower = g_unichar_islower (c);
    }
  return n;
}

static gboolean
is_unicode_name (const char *enc)
{
  return g_str_has_prefix (enc, "UTF-") || g_str_has_prefix (enc, "UTF");
}

/*
** ICU's detector, checked. Candidates at confidence 10 or below (ICU: no
** evidence beyond "can represent") are not tried. The figures above mislead (a KOI8-R
** Russian text scores 85 as ISO-8859-8-I Hebrew, an English text with one
** stray byte 85 as ISO-8859-1), so each byte encoding it proposes is tried:
** it must decode the whole input to text of one script
** (reads_as_one_script()); among those that do, the fewest case_breaks()
** wins. The input is converted when exactly one decoding wins (several
** encodings giving the same text count as one); otherwise
** @error names the candidates and `--encoding`.
*/
static BitextDecoded *
detect (const char *name, const char *data, gsize length, gsize bad, char **hint, GError **error)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autoptr(UCharsetDetector) det = ucsdet_open (&status);
  ucsdet_setText (det, data, (int32_t) length, &status);
  int32_t n = 0;
  const UCharsetMatch **matches = ucsdet_detectAll (det, &n, &status);
  g_autoptr(BitextDecoded) chosen = NULL;
  g_autoptr(GString) likely = g_string_new (NULL);
  gsize best_breaks = G_MAXSIZE;
  guint n_likely = 0;
  gboolean ambiguous = FALSE;
  for (int32_t i = 0; U_SUCCESS (status) && i < n; i++)
    {
      const char *enc = ucsdet_getName (matches[i], &status);
      /* ICU (ucsdet.h): 10 is "can represent the input, no other indication". */
      if (U_FAILURE (status) || is_unicode_name (enc) || ucsdet_getConfidence (matches[i], &status) <= 10)
        continue;
      g_autoptr(BitextDecoded) d = convert_with (name, data, length, enc, NULL);
      if (d == NULL || !reads_as_one_script (d->text, d->length))
        continue;
      if (n_likely++ < CANDIDATES)
        g_string_append_printf (likely, "%s%s", likely->len > 0 ? ", " : "", enc);
      gsize breaks = case_breaks (d->text, d->length);
      if (breaks < best_breaks)
        {
          g_clear_pointer (&chosen, bitext_doc__decoded_free);
          chosen = g_steal_pointer (&d);
          best_breaks = breaks;
          ambiguous = FALSE;
        }
      else if (breaks == best_breaks
               && (chosen->length != d->length || memcmp (chosen->text, d->text, d->length) != 0))
        ambiguous = TRUE;
    }
  if (chosen != NULL && !ambiguous)
    return g_steal_pointer (&chosen);
  BitextPosition pos = position_of (data, bad);
  g_autofree char *advice = NULL;
  if (chosen != NULL)
    advice = g_strdup_printf ("the encoding is unclear (maybe %s): give it with "
                              "--encoding", likely->str);
  else
    advice = g_strdup ("for a text in another encoding give --encoding (e.g. cp1251, KOI8-R "
                       "or cp1252)");
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
               "%s:%u:%u: invalid UTF-8 (byte offset %" G_GSIZE_FORMAT "); %s", name, pos.line,
               pos.column, bad, advice);
  if (hint != NULL)
    *hint = g_steal_pointer (&advice);
  return NULL;
}

BitextDecoded *
bitext_doc__decode (const char *name, const char *data, gsize length, BitextFormat format,
                    const char *encoding, char **hint, GError **error)
{
  if ((gsize) G_MAXINT32 < length)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: too large to decode", name);
      return NULL;
    }
  if (encoding != NULL)
    return convert_with (name, data, length, encoding, error);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    encoding = "UTF-8";
  else if (length >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    encoding = "UTF-16LE";
  else if (length >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    encoding = "UTF-16BE";
  gboolean multibyte;
  gsize bad = utf8_prefix (data, length, &multibyte);
  if (encoding == NULL && bad == length)
    return decoded_as_is (data, length, 0);
  if (encoding == NULL)
    encoding = bitext_doc__utf16_order (data, length);
  if (encoding != NULL)
    {
      gboolean utf16_bom = length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0
                                           || memcmp (data, "\xFE\xFF", 2) == 0);
      gsize bom = strcmp (encoding, "UTF-8") == 0 ? 3 : utf16_bom ? 2 : 0;
      if (strcmp (encoding, "UTF-8") == 0 && g_utf8_validate_len (data + 3, length - 3, NULL))
        return decoded_as_is (data, length, 3);
      BitextDecoded *d = convert_with (name, data + bom, length - bom, encoding, error);
      if (d != NULL && d->blocks != NULL)
        for (guint i = 0; i < d->blocks->len; i++)
          g_array_index (d->blocks, DecodedBlock, i).input += bom;
      return d;
    }
  if (multibyte || memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
                   "%s: invalid UTF-8 (byte offset %" G_GSIZE_FORMAT "); if the file is in "
                   "another encoding, give it with --encoding", name, bad);
      return NULL;
    }
  g_autofree char *declared = declared_charset (data, length, format);
  if (declared != NULL && g_ascii_strcasecmp (declared, "utf-8") != 0)
    return convert_with (name, data, length, declared, error);
  return detect (name, data, length, bad, hint, error);
}
