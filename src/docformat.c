/* bitext — input formats: detection by content, gzip, the format table and the converters' builder.
 *
 * The builder keeps the text of a converted document, its paragraphs, its
 * inline codes and a map back to the converter's input: a SourceMark
 * wherever the text/input delta changes (from mark.text on, text and input
 * advance together up to the next mark).
 */
#include "docformat-private.h"

#include <string.h>

#include <gio/gio.h>

#include "bitext/error.h"
#include "document-private.h"
#include "text-private.h"
#include "tmx-private.h"

/* ---- The format table --------------------------------------------------- */

static const BitextDocFormatInfo formats[] = {
  { BITEXT_FORMAT_TEXT, "text", "a plain text", FALSE, NULL, NULL },
  { BITEXT_FORMAT_HTML, "html", "an HTML page", FALSE, bitext_doc__convert_html, NULL },
  { BITEXT_FORMAT_MAN, "man", "a man page (roff)", FALSE, bitext_doc__convert_man, NULL },
  { BITEXT_FORMAT_DOCX, "docx", "a DOCX document", TRUE, bitext_doc__convert_docx,
    "convert it to text or HTML (e.g. `pandoc -t html`)" },
  { BITEXT_FORMAT_ODT, "odt", "an ODT document", TRUE, bitext_doc__convert_odt,
    "convert it to text or HTML (e.g. `pandoc -t html`)" },
  { BITEXT_FORMAT_PDF, "pdf", "a PDF", TRUE, bitext_doc__convert_pdf,
    "convert it to text (`pdftotext -layout`)" },
  { BITEXT_FORMAT_PO, "po", "a PO catalog (bilingual)", FALSE, NULL,
    "give it to `bitext check` or `bitext tm import`, which read both languages" },
  { BITEXT_FORMAT_XLIFF, "xliff", "an XLIFF file (bilingual)", FALSE, NULL,
    "give it to `bitext check` or `bitext tm import`, which read both languages" },
  { BITEXT_FORMAT_TMX, "tmx", "a TMX translation memory", FALSE, NULL,
    "use `bitext tm`, or `bitext check` on it" },
  { BITEXT_FORMAT_XML, "xml", "an XML file of an unknown vocabulary", FALSE, NULL,
    "convert it to text or HTML, or give --input-format text to read it as text" },
  { BITEXT_FORMAT_ZIP, "zip", "a zip archive (not DOCX or ODT)", TRUE, NULL,
    "extract the document from it" },
  { BITEXT_FORMAT_BINARY, "binary", "a binary file, not text", TRUE, NULL,
    "give a text, HTML, man page, DOCX, ODT or PDF; for a text in another encoding use --encoding" },
};

const BitextDocFormatInfo *
bitext_doc__format_info (BitextFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return &formats[i];
  return NULL;
}

/**
 * bitext_format_get_name:
 *
 * Returns: (transfer none): the format's name, as `--input-format` takes it
 *   ("auto", "text", "html", "man", "docx", "odt", "pdf", "po", "xliff",
 *   "tmx", "xml", "zip", "binary")
 */
const char *
bitext_format_get_name (BitextFormat format)
{
  const BitextDocFormatInfo *info = bitext_doc__format_info (format);
  return info != NULL ? info->name : "auto";
}

/**
 * bitext_format_from_name:
 * @name: a format name (bitext_format_get_name()); "txt" and "xhtml" too
 *
 * Returns: %TRUE with @format set, %FALSE if @name is not a format bitext knows
 */
gboolean
bitext_format_from_name (const char *name, BitextFormat *format)
{
  g_return_val_if_fail (name != NULL && format != NULL, FALSE);
  static const struct { const char *alias; BitextFormat format; } aliases[] = {
    { "auto", BITEXT_FORMAT_AUTO }, { "txt", BITEXT_FORMAT_TEXT },
    { "xhtml", BITEXT_FORMAT_HTML }, { "htm", BITEXT_FORMAT_HTML },
    { "roff", BITEXT_FORMAT_MAN }, { "xlf", BITEXT_FORMAT_XLIFF },
  };
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (name, aliases[i].alias) == 0)
      {
        *format = aliases[i].format;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

/* ---- Detection ---------------------------------------------------------- */

/* The bytes detection looks at: enough for a DOCTYPE, comments and a PO header. */
#define SNIFF_BYTES 4096

static gboolean
has_prefix_ci (const char *p, const char *end, const char *prefix)
{
  gsize n = strlen (prefix);
  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

static const char *
skip_space (const char *p, const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/*
** Past a comment or a processing instruction at @p: where it ends, @p if
** none starts there, or NULL if it is not closed before @end.
*/
static const char *
skip_comment_or_pi (const char *p, const char *end)
{
  gboolean comment = has_prefix_ci (p, end, "<!--");
  if (!comment && !has_prefix_ci (p, end, "<?"))
    return p;
  const char *close = g_strstr_len (p, end - p, comment ? "-->" : "?>");
  return close != NULL ? close + (comment ? 3 : 2) : NULL;
}

/*
** The root element of markup at @p, past XML declarations, processing
** instructions, comments and a DOCTYPE (whose name counts as the root's).
** Returns the name, lower-cased, or NULL if @p does not start markup.
*/
static char *
markup_root (const char *p, const char *end)
{
  for (;;)
    {
      p = skip_space (p, end);
      if (p >= end || *p != '<')
        return NULL;
      const char *past = skip_comment_or_pi (p, end);
      if (past == NULL)
        return NULL;
      if (past != p)
        {
          p = past;
          continue;
        }
      p += has_prefix_ci (p, end, "<!DOCTYPE") ? 9 : 1;
      p = skip_space (p, end);
      const char *name = p;
      while (p < end && (g_ascii_isalnum (*p) || *p == ':' || *p == '-' || *p == '_'))
        p++;
      if (p == name)
        return NULL;
      const char *colon = memchr (name, ':', p - name);  /* a prefix: xhtml:html */
      if (colon != NULL)
        name = colon + 1;
      return g_ascii_strdown (name, p - name);
    }
}

/* Elements that start an HTML page written without <html> (HTML 5 allows that). */
static gboolean
is_html_start (const char *name)
{
  static const char *const names[] = { "html", "head", "body", "title", "meta", "link", "div",
                                       "p", "h1", "h2", "h3", "table", "style", "script" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/*
** Whether the text of [p, end) is all inside elements: an HTML fragment
** (a page without <html>) holds no character data between its top-level
** elements, while a text that quotes a tag goes on in prose after it. Tags
** are counted open and closed (void and self-closed elements excepted;
** end tags HTML lets one omit only keep an element open); the contents of
** script, style and comments are skipped whole. A tag cut off by the end of
** the window counts as markup.
*/
static gboolean
is_all_inside_elements (const char *p, const char *end)
{
  guint depth = 0;
  while (p < end)
    {
      if (*p != '<')
        {
          if (depth == 0 && !g_ascii_isspace (*p))
            return FALSE;
          p++;
          continue;
        }
      const char *past = skip_comment_or_pi (p, end);
      if (past == p && has_prefix_ci (p, end, "<!"))  /* a DOCTYPE */
        {
          past = memchr (p, '>', end - p);
          past = past != NULL ? past + 1 : NULL;
        }
      if (past != p)
        {
          if (past == NULL)
            return TRUE;   /* cut off by the end of the window */
          p = past;
          continue;
        }
      gboolean closing = p + 1 < end && p[1] == '/';
      const char *name = p + (closing ? 2 : 1), *q = name;
      while (q < end && (g_ascii_isalnum (*q) || *q == ':' || *q == '-'))
        q++;
      if (q == name)
        {
          if (depth == 0)
            return FALSE;   /* a '<' that starts no tag is character data */
          p++;
          continue;
        }
      const char *gt = memchr (q, '>', end - q);
      if (gt == NULL)
        return TRUE;
      gsize length = q - name;
      if (closing)
        depth = depth > 0 ? depth - 1 : 0;
      else if (!bitext__html_void_element (name, length) && gt[-1] != '/')
        {
          depth++;
          if ((length == 6 && g_ascii_strncasecmp (name, "script", 6) == 0)
              || (length == 5 && g_ascii_strncasecmp (name, "style", 5) == 0))
            {
              /* Raw text up to its end tag, which closes the element. */
              g_autofree char *close_tag = g_strdup_printf ("</%.*s", (int) length, name);
              const char *c = gt;
              while (c < end && !has_prefix_ci (c, end, close_tag))
                c++;
              if (c >= end)
                return TRUE;
              gt = memchr (c, '>', end - c);
              if (gt == NULL)
                return TRUE;
              depth--;
            }
        }
      p = gt + 1;
    }
  return TRUE;
}

static BitextFormat
detect_markup (const char *p, const char *end)
{
  g_autofree char *root = markup_root (p, end);
  if (root == NULL)
    return BITEXT_FORMAT_AUTO;
  /* An <html> root or DOCTYPE says HTML; another element HTML starts with
     says it only when the whole text is markup, not one quoted line. */
  if (strcmp (root, "html") == 0 || (is_html_start (root) && is_all_inside_elements (p, end)))
    return BITEXT_FORMAT_HTML;
  if (is_html_start (root))
    return BITEXT_FORMAT_AUTO;
  if (strcmp (root, "xliff") == 0)
    return BITEXT_FORMAT_XLIFF;
  if (strcmp (root, "tmx") == 0)
    return BITEXT_FORMAT_TMX;
  return has_prefix_ci (p, end, "<?xml") ? BITEXT_FORMAT_XML : BITEXT_FORMAT_AUTO;
}

/*
** PO or roff, by their first line that is not a comment: a PO entry starts
** with msgid or msgctxt (after "#" comments), a man page with a request
** such as .TH or .SH (after .\" comments); mdoc pages start with .Dd.
*/
static BitextFormat
detect_lines (const char *p, const char *end)
{
  static const char *const man_starts[] = { ".TH ", ".SH ", ".Dd ", ".so ", ".de ", ".ig",
                                            ".TH\t", ".SH\t" };
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *line_end = eol != NULL ? eol : end;
      const char *s = skip_space (p, line_end);
      if (s == line_end || *s == '#' || has_prefix_ci (s, line_end, ".\\\"")
          || has_prefix_ci (s, line_end, "'\\\"") || has_prefix_ci (s, line_end, "\\\""))
        {
          p = line_end + 1;
          continue;
        }
      if (has_prefix_ci (s, line_end, "msgid ") || has_prefix_ci (s, line_end, "msgctxt "))
        return BITEXT_FORMAT_PO;
      for (guint i = 0; i < G_N_ELEMENTS (man_starts); i++)
        if (line_end - s >= (gssize) strlen (man_starts[i])
            && strncmp (s, man_starts[i], strlen (man_starts[i])) == 0)
          return BITEXT_FORMAT_MAN;
      return BITEXT_FORMAT_TEXT;
    }
  return BITEXT_FORMAT_TEXT;
}

/* A zip archive: ODT by its first member "mimetype", DOCX by its parts' names. */
static BitextFormat
detect_zip (const char *data, gsize length)
{
  /* ODF 1.2 part 3, 3.3: "mimetype" is the first file, stored uncompressed; its
     name starts at byte 30 of the local header and its content follows the name. */
  static const char odt[] = "mimetypeapplication/vnd.oasis.opendocument.text";
  if (length >= 30 + sizeof odt - 1 && memcmp (data + 30, odt, sizeof odt - 1) == 0)
    return BITEXT_FORMAT_ODT;
  if (memmem (data, length, "[Content_Types].xml", 19) != NULL
      && memmem (data, length, "word/", 5) != NULL)
    return BITEXT_FORMAT_DOCX;
  return BITEXT_FORMAT_ZIP;
}

/*
** The first bytes of a UTF-16 input as UTF-8 (ASCII is all detection
** needs; other characters become '?'), or NULL if it is not UTF-16.
*/
static char *
utf16_prefix (const guchar *p, gsize n)
{
  gboolean be;
  gsize start = 0;
  if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    be = FALSE, start = 2;
  else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    be = TRUE, start = 2;
  else
    {
      const char *order = bitext_doc__utf16_order ((const char *) p, n - n % 2);
      if (order == NULL)
        return NULL;
      be = strcmp (order, "UTF-16BE") == 0;
    }
  GString *s = g_string_new (NULL);
  for (gsize i = start; i + 1 < n; i += 2)
    {
      guint u = be ? (p[i] << 8u) | p[i + 1] : p[i] | (p[i + 1] << 8u);
      g_string_append_c (s, u < 0x80 ? (char) u : '?');
    }
  return g_string_free (s, FALSE);
}

/**
 * bitext_format_detect:
 * @data: (array length=length): the input's first bytes (at least 4 KiB
 *   when there are that many; for a zip archive, all of it), decompressed
 * @length: their number
 *
 * Tells the format of an input by its content: PDF and zip signatures
 * (DOCX and ODT by their parts), the root of markup (HTML, XHTML, XLIFF,
 * TMX, other XML), a PO entry or a roff request on the first line that is
 * not a comment, and otherwise text (UTF-8, UTF-16 with or without BOM, or
 * a legacy encoding) unless NUL bytes say binary. Gzip is not undone here.
 *
 * Returns: the format; never %BITEXT_FORMAT_AUTO
 */
BitextFormat
bitext_format_detect (const void *data, gsize length)
{
  g_return_val_if_fail (data != NULL || length == 0, BITEXT_FORMAT_BINARY);
  if (data == NULL || length == 0)
    return BITEXT_FORMAT_TEXT;
  const char *p = data;
  gsize n = MIN (length, SNIFF_BYTES);
  if (g_strstr_len (p, MIN (length, 1024), "%PDF-") != NULL)  /* PDF 1.7, annex H.3: within 1024 bytes */
    return BITEXT_FORMAT_PDF;
  if (length >= 4 && memcmp (p, "PK\x03\x04", 4) == 0)
    return detect_zip (p, length);
  if (length >= 2 && (guchar) p[0] == 0x1F && (guchar) p[1] == 0x8B)
    return BITEXT_FORMAT_BINARY;
  g_autofree char *u16 = NULL;
  if (memchr (p, '\0', n) != NULL || (n >= 2 && ((guchar) p[0] == 0xFF || (guchar) p[0] == 0xFE)))
    {
      u16 = utf16_prefix ((const guchar *) p, n);
      if (u16 == NULL)
        return BITEXT_FORMAT_BINARY;
      p = u16;
      n = strlen (u16);
    }
  if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3, n -= 3;
  BitextFormat f = detect_markup (p, p + n);
  return f != BITEXT_FORMAT_AUTO ? f : detect_lines (p, p + n);
}

/* ---- Gzip --------------------------------------------------------------- */


gboolean
bitext_doc__gunzip (const char *name, const char *data, gsize length, gsize max_output,
                    GBytes **out, GError **error)
{
  if (length < 2 || (guchar) data[0] != 0x1F || (guchar) data[1] != 0x8B)
    return TRUE;
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  gsize in = 0, chunk = 65536;
  for (;;)
    {
      gsize at = buf->len, read = 0, written = 0;
      g_byte_array_set_size (buf, at + chunk);
      GError *local = NULL;
      GConverterResult r = g_converter_convert (G_CONVERTER (z), data + in, length - in,
                                                buf->data + at, chunk, G_CONVERTER_INPUT_AT_END,
                                                &read, &written, &local);
      g_byte_array_set_size (buf, at + written);
      in += read;
      if (r == G_CONVERTER_ERROR)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: corrupt or truncated gzip "
                       "data (%s); check the download, or give the file uncompressed", name,
                       local->message);
          g_error_free (local);
          return FALSE;
        }
      if (buf->len > max_output)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: gzip data expands past "
                       "%" G_GSIZE_FORMAT " bytes (a compression bomb?); not read", name,
                       max_output);
          return FALSE;
        }
      if (r == G_CONVERTER_FINISHED)
        {
          /* RFC 1952, 2.2: a file may hold several members, read as one. */
          if (in + 2 <= length && (guchar) data[in] == 0x1F && (guchar) data[in + 1] == 0x8B)
            {
              g_converter_reset (G_CONVERTER (z));
              continue;
            }
          break;
        }
      if (read == 0 && written == 0 && in >= length)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: truncated gzip data; "
                       "check the download, or give the file uncompressed", name);
          return FALSE;
        }
    }
  gsize n = buf->len;
  *out = g_bytes_new_take (g_byte_array_steal (buf, NULL), n);
  return TRUE;
}

/* ---- The builder -------------------------------------------------------- */

struct _BitextDocBuilder
{
  GString *text;
  GArray *paragraphs;       /* BitextSpan */
  GArray *marks;            /* DocMark */
  GArray *codes;            /* BitextCode; native and type in strings */
  GStringChunk *strings;
  gboolean in_para;
  gsize para_start;         /* text offset of the paragraph being built */
  gsize para_codes;         /* codes->len when it started */
  gboolean pending_space;   /* collapse mode: white space seen, not yet written */
  gsize pending_source;
  gboolean preserve;
  guint next_id;
};

BitextDocBuilder *
bitext_doc__builder_new (void)
{
  BitextDocBuilder *b = g_new0 (BitextDocBuilder, 1);
  b->text = g_string_new (NULL);
  b->paragraphs = g_array_new (FALSE, FALSE, sizeof (BitextSpan));
  b->marks = g_array_new (FALSE, FALSE, sizeof (DocMark));
  b->codes = g_array_new (FALSE, FALSE, sizeof (BitextCode));
  b->strings = g_string_chunk_new (4096);
  b->next_id = 1;
  return b;
}

void
bitext_doc__builder_free (BitextDocBuilder *b)
{
  if (b == NULL)
    return;
  g_string_free (b->text, TRUE);
  g_array_unref (b->paragraphs);
  g_array_unref (b->marks);
  g_array_unref (b->codes);
  g_string_chunk_free (b->strings);
  g_free (b);
}

gsize
bitext_doc__builder_get_length (const BitextDocBuilder *b)
{
  return b->text->len;
}

void
bitext_doc__builder_set_preserve (BitextDocBuilder *b, gboolean preserve)
{
  b->preserve = preserve;
}

/* Text offset @text now maps to input offset @source (a mark unless the delta is unchanged). */
static void
add_mark (BitextDocBuilder *b, gsize text, gsize source)
{
  if (b->marks->len > 0)
    {
      DocMark *last = &g_array_index (b->marks, DocMark, b->marks->len - 1);
      if (last->text == text)
        {
          last->source = source;
          return;
        }
      if (source >= last->source && source - last->source == text - last->text)
        return;
    }
  DocMark m = { text, source };
  g_array_append_val (b->marks, m);
}

/* Start a paragraph if none is open: separated from the previous one by a blank line. */
static void
open_paragraph (BitextDocBuilder *b, gsize source)
{
  if (b->in_para)
    return;
  if (b->paragraphs->len > 0)
    g_string_append (b->text, "\n\n");
  b->in_para = TRUE;
  b->para_start = b->text->len;
  b->para_codes = b->codes->len;
  b->pending_space = FALSE;
  add_mark (b, b->text->len, source);
}

static void
flush_space (BitextDocBuilder *b)
{
  if (!b->pending_space)
    return;
  b->pending_space = FALSE;
  if (b->text->len == b->para_start || b->text->str[b->text->len - 1] == '\n')
    return;
  add_mark (b, b->text->len, b->pending_source);
  g_string_append_c (b->text, ' ');
}

/* Append @n bytes at @p (no white space in collapse mode), NFC, mapped to @source. */
static void
append_run (BitextDocBuilder *b, const char *p, gsize n, gsize source)
{
  if (n == 0)
    return;
  flush_space (b);
  add_mark (b, b->text->len, source);
  gboolean ascii = TRUE;
  for (gsize i = 0; i < n && ascii; i++)
    ascii = (guchar) p[i] < 0x80;
  if (ascii)
    {
      g_string_append_len (b->text, p, n);
      return;
    }
  g_autofree char *nfc = g_utf8_normalize (p, n, G_NORMALIZE_DEFAULT_COMPOSE);
  if (nfc == NULL)
    g_string_append_len (b->text, p, n);
  else
    g_string_append (b->text, nfc);
}

static gboolean
is_collapsible (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void
bitext_doc__builder_text (BitextDocBuilder *b, const char *text, gsize length, gsize source)
{
  g_return_if_fail (b != NULL && (text != NULL || length == 0));
  const char *p = text, *end = text + length;
  while (p < end)
    {
      const char *run = p;
      if (b->preserve)
        {
          while (p < end && *p != '\n')
            p++;
          open_paragraph (b, source + (run - text));
          append_run (b, run, p - run, source + (run - text));
          if (p < end)
            bitext_doc__builder_line_break (b, source + (p++ - text));
          continue;
        }
      while (p < end && !is_collapsible (*p))
        p++;
      if (p > run)
        {
          open_paragraph (b, source + (run - text));
          append_run (b, run, p - run, source + (run - text));
        }
      if (p < end && b->in_para && b->text->len > b->para_start)
        {
          if (!b->pending_space)
            b->pending_source = source + (p - text);
          b->pending_space = TRUE;
        }
      while (p < end && is_collapsible (*p))
        p++;
    }
}

void
bitext_doc__builder_line_break (BitextDocBuilder *b, gsize source)
{
  g_return_if_fail (b != NULL);
  open_paragraph (b, source);
  b->pending_space = FALSE;
  /* A paragraph starts and ends with text: a break there is dropped, as are blank lines. */
  if (b->text->len == b->para_start || b->text->str[b->text->len - 1] == '\n')
    return;
  add_mark (b, b->text->len, source);
  g_string_append_c (b->text, '\n');
}

static guint
add_code (BitextDocBuilder *b, BitextCodeKind kind, guint id, const char *native,
          const char *type, gsize source)
{
  open_paragraph (b, source);
  /* White space before a tag stays before its code, an end tag's too ("[94] </sup></a>Text"):
     where the page has it, and where OmegaT's HTML filter keeps it in its segments. */
  flush_space (b);
  BitextCode c = { b->text->len, kind, id, g_string_chunk_insert_const (b->strings, native),
                   type != NULL ? g_string_chunk_insert_const (b->strings, type) : NULL };
  g_array_append_val (b->codes, c);
  return id;
}

guint
bitext_doc__builder_open_code (BitextDocBuilder *b, const char *native, const char *type,
                               gsize source)
{
  g_return_val_if_fail (b != NULL && native != NULL, 0);
  return add_code (b, BITEXT_CODE_OPEN, b->next_id++, native, type, source);
}

void
bitext_doc__builder_close_code (BitextDocBuilder *b, guint id, const char *native, gsize source)
{
  g_return_if_fail (b != NULL && native != NULL);
  add_code (b, BITEXT_CODE_CLOSE, id, native, NULL, source);
}

void
bitext_doc__builder_isolated_code (BitextDocBuilder *b, const char *native, const char *type,
                                   gsize source)
{
  g_return_if_fail (b != NULL && native != NULL);
  add_code (b, BITEXT_CODE_ISOLATED, b->next_id++, native, type, source);
}

void
bitext_doc__builder_end_paragraph (BitextDocBuilder *b)
{
  g_return_if_fail (b != NULL);
  if (!b->in_para)
    return;
  b->in_para = FALSE;
  b->pending_space = FALSE;
  gsize end = b->text->len;
  while (end > b->para_start && b->text->str[end - 1] == '\n')
    end--;
  if (end == b->para_start)
    {
      /* Nothing to read: drop it, its codes and the separator before it. */
      g_array_set_size (b->codes, b->para_codes);
      gsize cut = b->paragraphs->len > 0 ? b->para_start - 2 : b->para_start;
      g_string_truncate (b->text, cut);
      while (b->marks->len > 1 && g_array_index (b->marks, DocMark, b->marks->len - 1).text > cut)
        g_array_set_size (b->marks, b->marks->len - 1);
      return;
    }
  g_string_truncate (b->text, end);
  for (guint i = b->para_codes; i < b->codes->len; i++)
    {
      BitextCode *c = &g_array_index (b->codes, BitextCode, i);
      c->text_offset = MIN (c->text_offset, end);
    }
  BitextSpan span = { b->para_start, end - b->para_start };
  g_array_append_val (b->paragraphs, span);
}

/*
** Move what @b built into @conv (the converted part of a document): the
** text, paragraphs, codes (their strings with them) and the map.
*/
void
bitext_doc__builder_finish (BitextDocBuilder *b, DocConverted *conv)
{
  bitext_doc__builder_end_paragraph (b);
  if (b->marks->len == 0)
    add_mark (b, 0, 0);
  conv->text = g_steal_pointer (&b->text);
  conv->paragraphs = g_steal_pointer (&b->paragraphs);
  conv->marks = g_steal_pointer (&b->marks);
  conv->codes = g_steal_pointer (&b->codes);
  conv->strings = g_steal_pointer (&b->strings);
  b->text = g_string_new (NULL);
  b->paragraphs = g_array_new (FALSE, FALSE, sizeof (BitextSpan));
  b->marks = g_array_new (FALSE, FALSE, sizeof (DocMark));
  b->codes = g_array_new (FALSE, FALSE, sizeof (BitextCode));
  b->strings = g_string_chunk_new (64);
}

/*
** In @array, whose elements start with a gsize key sorted in increasing
** order, the index of the last element whose key is at most @key (0 if
** none is).
*/
guint
bitext_doc__find_floor (const GArray *array, gsize key)
{
  guint size = g_array_get_element_size ((GArray *) array);
  guint lo = 0, hi = array->len;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      gsize k;
      memcpy (&k, array->data + (gsize) mid * size, sizeof k);
      if (k <= key)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* The converter input offset of text offset @t. */
gsize
bitext_doc__converted_source (const DocConverted *conv, gsize t)
{
  guint lo = bitext_doc__find_floor (conv->marks, t);
  const DocMark *m = &g_array_index (conv->marks, DocMark, lo);
  return m->source + (t >= m->text ? t - m->text : 0);
}

/* ---- Markup of a span --------------------------------------------------- */

/* Index of the first code at or after text offset @t. */
static guint
first_code (const GArray *codes, gsize t)
{
  guint lo = 0, hi = codes->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (codes, BitextCode, mid).text_offset < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The index in codes[from, to) of the code of kind @kind with @id, or -1. */
static gssize
find_partner (const GArray *codes, guint from, guint to, BitextCodeKind kind, guint id)
{
  for (guint i = from; i < to; i++)
    {
      const BitextCode *c = &g_array_index (codes, BitextCode, i);
      if (c->kind == kind && c->id == id)
        return i;
    }
  return -1;
}

/*
** Which codes of [first, last) belong to the span [start, end): every code
** strictly inside; at the start, an OPEN whose CLOSE is strictly inside; at
** the end, a CLOSE whose OPEN is strictly inside. Codes that wrap the whole
** span, stand alone at its edges, or open and close there with nothing
** between (an empty anchor before a heading's text), belong to the
** paragraph's layout, not to the sentence (CAT tools such as OmegaT drop
** them from a segment too).
*/
static gboolean
code_in_span (const GArray *codes, guint first, guint last, guint i, gsize start, gsize end)
{
  const BitextCode *c = &g_array_index (codes, BitextCode, i);
  if (c->text_offset > start && c->text_offset < end)
    return TRUE;
  gssize j = -1;
  if (c->text_offset == start && c->kind == BITEXT_CODE_OPEN)
    j = find_partner (codes, i + 1, last, BITEXT_CODE_CLOSE, c->id);
  else if (c->text_offset == end && c->kind == BITEXT_CODE_CLOSE)
    j = find_partner (codes, first, i, BITEXT_CODE_OPEN, c->id);
  if (j < 0)
    return FALSE;
  gsize partner = g_array_index (codes, BitextCode, j).text_offset;
  return partner > start && partner < end;
}

/*
** Whether code @i of the paragraph [start, end) takes a number in OmegaT's
** count: its filters number the codes of a paragraph (not of a sentence)
** in order, a pair once at its start, leaving out the codes at the
** paragraph's edges that they drop (code_in_span() of the paragraph).
*/
static gboolean
takes_number (const GArray *codes, guint first, guint last, guint i, gsize start, gsize end)
{
  const BitextCode *c = &g_array_index (codes, BitextCode, i);
  return c->kind != BITEXT_CODE_CLOSE && code_in_span (codes, first, last, i, start, end);
}

/*
** Whether code @i, one half of a pair, stands at an edge of the sentence
** [start, end) while its other half lies in the sentence's paragraph (codes
** [p_first, p_last), text [p_start, p_end)) beyond that edge: the section
** number in Sphinx's <h2><span class="section-number">5.6.1. </span>Architectures,
** which the segmentation cuts from its title, or a bold lead-in "<b>Note. </b>Text".
** OmegaT keeps such a half in its segment ("</s0>Architectures<a1>¶</a1>",
** "<b0>Note."), so the TMX keeps it too, as an it. A pair that wraps the
** paragraph, or an empty one (an anchor), stays out (code_in_span()).
*/
static gboolean
half_at_edge (const GArray *codes, guint p_first, guint p_last, guint i, gsize start, gsize end,
              gsize p_start, gsize p_end)
{
  const BitextCode *c = &g_array_index (codes, BitextCode, i);
  if (i < p_first || i >= p_last || c->kind == BITEXT_CODE_ISOLATED)
    return FALSE;
  gboolean open = c->kind == BITEXT_CODE_OPEN;
  /* An opening half at the start, a closing one at either edge. */
  if (open ? c->text_offset != start : c->text_offset != start && c->text_offset != end)
    return FALSE;
  gssize j = open ? find_partner (codes, i + 1, p_last, BITEXT_CODE_CLOSE, c->id)
                  : find_partner (codes, p_first, i, BITEXT_CODE_OPEN, c->id);
  if (j < 0)
    return FALSE;
  gsize partner = g_array_index (codes, BitextCode, j).text_offset;
  if (open ? partner <= end : partner >= start)
    return FALSE;
  return takes_number (codes, p_first, p_last, open ? i : (guint) j, p_start, p_end);
}

/* Escape text[0, length) for TMX, line breaks made spaces as in sentence texts. */
static void
escape_collapsed (GString *out, const char *text, gsize length)
{
  bitext__append_collapsed_with (out, text, length, bitext_tmx__escape_text);
}

/*
** Code @i of @codes as TMX: bpt/ept when its partner is in codes[first,
** last) too (and in the span: the caller checks), else it (an unpaired
** half) or ph (isolated). Its number (i) is its id, unique in the
** document, so that the markups of a bead's sentences can be joined. A
** bpt's x is @number + 1, its number among the codes of its paragraph
** (takes_number()): OmegaT's TMX reader (InlineTagHandler.startBPT) makes
** the tag <b@number> of x - 1, which is what its HTML filter numbers the
** paragraph's tags, so that a sentence after the first one matches; the
** codes of the two languages are not matched to each other by x.
*/
static void
append_code (GString *out, const GArray *codes, guint first, guint last, guint i, gsize start,
             gsize end, guint number)
{
  const BitextCode *c = &g_array_index (codes, BitextCode, i);
  g_autoptr(GString) attr = g_string_new (NULL);
  if (c->type != NULL)
    {
      g_string_append (attr, " type=\"");
      bitext_tmx__escape_attr (attr, c->type, strlen (c->type));
      g_string_append_c (attr, '"');
    }
  const char *elem;
  if (c->kind == BITEXT_CODE_ISOLATED)
    elem = "ph";
  else
    {
      gboolean open = c->kind == BITEXT_CODE_OPEN;
      gssize j = open ? find_partner (codes, i + 1, last, BITEXT_CODE_CLOSE, c->id)
                      : find_partner (codes, first, i, BITEXT_CODE_OPEN, c->id);
      gboolean paired = j >= 0 && code_in_span (codes, first, last, (guint) j, start, end);
      elem = !paired ? "it" : open ? "bpt" : "ept";
    }
  g_string_append_printf (out, "<%s", elem);
  if (strcmp (elem, "bpt") == 0)
    g_string_append_printf (out, " i=\"%u\" x=\"%u\"%s", c->id, number + 1, attr->str);
  else if (strcmp (elem, "ept") == 0)
    g_string_append_printf (out, " i=\"%u\"", c->id);
  else if (strcmp (elem, "it") == 0)
    g_string_append_printf (out, " pos=\"%s\"%s", c->kind == BITEXT_CODE_OPEN ? "begin" : "end",
                            attr->str);
  else
    g_string_append_printf (out, "%s", attr->str);
  g_string_append_c (out, '>');
  bitext_tmx__escape_text (out, c->native, strlen (c->native));
  g_string_append_printf (out, "</%s>", elem);
}

/* The paragraph of @conv holding text offset @t (the last one starting at or before it). */
static BitextSpan
paragraph_at (const DocConverted *conv, gsize t)
{
  guint lo = 0, hi = conv->paragraphs->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (conv->paragraphs, BitextSpan, mid).offset <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return (BitextSpan) { 0, conv->text->len };
  return g_array_index (conv->paragraphs, BitextSpan, lo - 1);
}

/* The codes [*first, *last) at text offsets [start, end]. */
static void
codes_between (const GArray *codes, gsize start, gsize end, guint *first, guint *last)
{
  *first = first_code (codes, start);
  *last = *first;
  while (*last < codes->len && g_array_index (codes, BitextCode, *last).text_offset <= end)
    (*last)++;
}

/*
** TMX inline markup for text[start, end) of a converted document: the text
** escaped (line breaks as spaces), and the codes that belong to the span
** (code_in_span()) in their places, numbered in their paragraph.
*/
char *
bitext_doc__converted_markup (const DocConverted *conv, gsize start, gsize end)
{
  GString *out = g_string_new (NULL);
  const GArray *codes = conv->codes;
  guint first, last, p_first, p_last;
  codes_between (codes, start, end, &first, &last);
  BitextSpan para = paragraph_at (conv, start);
  gsize p_start = para.offset, p_end = para.offset + para.length;
  codes_between (codes, p_start, p_end, &p_first, &p_last);
  guint number = 0;
  for (guint i = p_first; i < first && i < p_last; i++)
    number += takes_number (codes, p_first, p_last, i, p_start, p_end);
  gsize at = start;
  for (guint i = first; i < last; i++)
    {
      gboolean numbered = i >= p_first && i < p_last
                          && takes_number (codes, p_first, p_last, i, p_start, p_end);
      if (code_in_span (codes, first, last, i, start, end)
          || half_at_edge (codes, p_first, p_last, i, start, end, p_start, p_end))
        {
          gsize t = g_array_index (codes, BitextCode, i).text_offset;
          escape_collapsed (out, conv->text->str + at, t - at);
          at = t;
          append_code (out, codes, first, last, i, start, end, number);
        }
      number += numbered;
    }
  escape_collapsed (out, conv->text->str + at, end - at);
  return g_string_free (out, FALSE);
}

/* ---- Loading ------------------------------------------------------------ */

/* Whether @p[0, n) is the start of a UTF-8 sequence whose end is missing. */
static gboolean
is_cut_utf8 (const char *p, gsize n)
{
  guchar c = (guchar) p[0];
  gsize need = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (need == 0 || n >= need)
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (((guchar) p[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

/*
** Whether a text input goes to the plain-text reader as it is: UTF-8
** (valid, or broken after valid multi-byte characters, or with NUL bytes
** that are not UTF-16's: the reader reports those with line and column) or
** UTF-16 with a BOM. Anything else needs decoding first. @data may be the
** input's first bytes only (a character cut at its end is UTF-8).
*/
gboolean
bitext_doc__reads_as_is (const char *data, gsize length)
{
  if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    return TRUE;
  const char *end = NULL;
  if (g_utf8_validate_len (data, length, &end))
    return TRUE;
  gsize bad = (gsize) (end - data);
  if (is_cut_utf8 (data + bad, length - bad))
    return TRUE;  /* UTF-8 cut short: at the end of the input, or of the window seen */
  for (const char *p = data; p < end; p++)
    if ((guchar) *p >= 0x80)
      return TRUE;
  if (memchr (data, '\0', length) == NULL)
    return FALSE;
  return bitext_doc__utf16_order (data, length) == NULL;
}

static BitextDocument *
load_text (const char *name, GBytes *bytes, const BitextDocumentOptions *options, GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  if (options->encoding == NULL && bitext_doc__reads_as_is (data, length))
    {
      BitextDocument *doc = bitext_document__read_text (name, data, length, error);
      if (doc != NULL)
        doc->input = g_bytes_ref (bytes);
      return doc;
    }
  g_autoptr(BitextDecoded) decoded = bitext_doc__decode (name, data, length, BITEXT_FORMAT_TEXT,
                                                         options->encoding, NULL, error);
  if (decoded == NULL)
    return NULL;
  return bitext_doc__load_decoded (name, bytes, g_steal_pointer (&decoded), error);
}

/* A text decoded from @bytes (@decoded taken) as a document. */
BitextDocument *
bitext_doc__load_decoded (const char *name, GBytes *bytes, BitextDecoded *decoded_text,
                          GError **error)
{
  g_autoptr(BitextDecoded) decoded = decoded_text;
  gsize n;
  const char *text = bitext_doc__decoded_get_text (decoded, &n);
  BitextDocument *doc = bitext_document__read_text (name, text, n, error);
  if (doc == NULL)
    return NULL;
  doc->input = g_bytes_ref (bytes);
  doc->decoded = g_steal_pointer (&decoded);
  return doc;
}

static void
index_lines (DocConverted *conv, const char *text, gsize length)
{
  conv->line_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;
  g_array_append_val (conv->line_starts, zero);
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n')))
      {
        gsize next = i + 1;
        g_array_append_val (conv->line_starts, next);
      }
}

static BitextDocument *
load_converted (const char *name, GBytes *bytes, const BitextDocFormatInfo *info,
                const BitextDocumentOptions *options, GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(BitextDecoded) decoded = NULL;
  if (!info->binary)
    {
      decoded = bitext_doc__decode (name, data, length, info->format, options->encoding, NULL, error);
      if (decoded == NULL)
        return NULL;
      data = bitext_doc__decoded_get_text (decoded, &length);
      if (memchr (data, '\0', length) != NULL)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING, "%s: NUL byte in %s: not a "
                       "text file", name, info->what);
          return NULL;
        }
    }
  g_autoptr(BitextDocBuilder) b = bitext_doc__builder_new ();
  BitextDocInput input = { name, info->format };
  if (!info->convert (b, data, length, &input, error))
    return NULL;
  BitextDocument *doc = g_new0 (BitextDocument, 1);
  doc->format = info->format;
  bitext_doc__builder_finish (b, &doc->conv);
  doc->conv.name = g_strdup (name);
  if (!info->binary)
    index_lines (&doc->conv, data, length);
  doc->input = g_bytes_ref (bytes);
  doc->decoded = g_steal_pointer (&decoded);
  return doc;
}

/*
** Load @bytes (the whole input, as read) named @name: gunzip, detect or
** take the format, and read it as text or through its converter.
*/
BitextDocument *
bitext_doc__load (const char *name, GBytes *bytes, const BitextDocumentOptions *options,
                  GError **error)
{
  BitextDocumentOptions defaults = BITEXT_DOCUMENT_OPTIONS_INIT;
  if (options == NULL)
    options = &defaults;
  gsize max = options->max_input != 0 ? options->max_input : BITEXT_DOCUMENT_MAX_INPUT;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GBytes) plain = NULL;
  if (!bitext_doc__gunzip (name, data, length, max, &plain, error))
    return NULL;
  if (plain != NULL)
    bytes = plain;
  data = g_bytes_get_data (bytes, &length);
  BitextFormat format = options->format;
  if (format == BITEXT_FORMAT_AUTO)
    format = bitext_format_detect (data, length);
  if (format == BITEXT_FORMAT_TEXT)
    return load_text (name, bytes, options, error);
  const BitextDocFormatInfo *info = bitext_doc__format_info (format);
  if (info == NULL || info->convert == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: this is %s; %s", name,
                   info != NULL ? info->what : "an unknown format",
                   info != NULL ? info->hint : "give --input-format");
      return NULL;
    }
  return load_converted (name, bytes, info, options, error);
}
