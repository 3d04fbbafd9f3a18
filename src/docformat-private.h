/* bitext — the document layer's internals: input formats, their converters and the builder they fill.
 *
 * Loading an input goes:
 *
 *   file bytes ──gunzip (bounded)──▶ bytes ──detect──▶ format
 *        │                                               │
 *        │  text-based formats (text, html, man, po...)  │  binary formats (docx, odt, pdf)
 *        ▼                                               ▼
 *   decode to UTF-8 (--encoding, BOM, UTF-8,        the converter gets the bytes
 *   ICU detection) with a decoded→input map         as they are
 *        │                                               │
 *        └──────────────▶ converter ◀────────────────────┘
 *                            │  builder calls: text runs, paragraph ends, inline codes
 *                            ▼
 *                     BitextDocument: text, paragraphs, codes, text→source map
 *
 * Plain text does not go through a converter: document.c's reader reads it
 * (and stays streaming for bitext_reader_next_paragraph()).
 *
 * Offsets. A converter gives, with every piece of text and every code, the
 * offset in ITS input where that piece starts: for text-based formats an
 * offset into the decoded UTF-8 it was given, which the document maps back
 * to the file; for binary formats whatever offset the converter documents
 * (e.g. into the XML part of a zip, or 0 when there is none). Offsets must
 * not decrease along the document.
 */
#pragma once

#include "bitext/document.h"

G_BEGIN_DECLS

typedef struct _BitextDocBuilder BitextDocBuilder;

/* What a converter is told about its input. */
typedef struct
{
  const char *name;         /* for messages: the path, "<stdin>" or a test's name */
  BitextFormat format;      /* the format detected or forced */
} BitextDocInput;

/*
** A converter: turn @data (@length bytes; decoded UTF-8 without NUL for a
** text-based format, else the input's bytes, decompressed) into calls on
** @builder. Returns FALSE with @error set (BITEXT_ERROR_PARSE, or
** BITEXT_ERROR_INPUT for an input it recognises but cannot read, as an
** encrypted PDF) on the first problem, as a one-line message that starts
** with "NAME:" (and a line or page where it applies). Whatever it built
** before failing is thrown away. Never reads the network or other files
** (no DTD, no external entity: libxml2 with XML_PARSE_NONET, no
** XML_PARSE_NOENT, no XML_PARSE_DTDLOAD).
*/
typedef gboolean (*BitextDocConvertFunc) (BitextDocBuilder *builder, const char *data,
                                          gsize length, const BitextDocInput *input,
                                          GError **error);

/* One row of the format table (docformat.c). */
typedef struct
{
  BitextFormat format;
  const char *name;         /* for --input-format and messages: "html" */
  const char *what;         /* "an HTML page", for "NAME: this is an HTML page; ..." */
  gboolean binary;          /* the converter gets the bytes, not decoded UTF-8 */
  BitextDocConvertFunc convert; /* NULL: bitext cannot read it as a document */
  const char *hint;         /* what to do instead, when convert is NULL or fails to start */
} BitextDocFormatInfo;

const BitextDocFormatInfo *bitext_doc__format_info (BitextFormat format);

/* ---- The builder ---------------------------------------------------------
**
** Paragraphs are built in order. Text goes to the paragraph being built (one
** starts with the first text or code after the previous one ended). In the
** default "collapse" mode, as HTML renders it, every run of white space
** (space, TAB, LF, CR, FF) becomes one space, and white space at the start
** and end of a paragraph goes; bitext_doc__builder_set_preserve() keeps it
** as it is (<pre>, roff .nf), a lone LF staying a line break inside the
** paragraph. A paragraph with no text (only codes or spaces) is dropped with
** its codes. The document's text separates paragraphs with one blank line,
** as a plain text does, and is NFC (each run is normalised as it comes).
*/
BitextDocBuilder *bitext_doc__builder_new      (void);
void     bitext_doc__builder_free              (BitextDocBuilder *b);
/* @text: @length bytes of UTF-8 without NUL; @source: the input offset of text[0]. */
void     bitext_doc__builder_text              (BitextDocBuilder *b, const char *text,
                                                gsize length, gsize source);
/* A line break inside the paragraph (<br>, roff .br): '\n' in the text. */
void     bitext_doc__builder_line_break        (BitextDocBuilder *b, gsize source);
void     bitext_doc__builder_end_paragraph     (BitextDocBuilder *b);
void     bitext_doc__builder_set_preserve      (BitextDocBuilder *b, gboolean preserve);
/*
** Inline codes at the current end of the text. @native is the markup as the
** input has it (copied); @type a TMX 1.4b type ("bold", "italic", "ulined",
** "link", "code"...; NULL if none fits). open returns the id that close
** takes. An open code whose close never comes (or a close without its open)
** is written as TMX <it>.
*/
guint    bitext_doc__builder_open_code         (BitextDocBuilder *b, const char *native,
                                                const char *type, gsize source);
void     bitext_doc__builder_close_code        (BitextDocBuilder *b, guint id,
                                                const char *native, gsize source);
void     bitext_doc__builder_isolated_code     (BitextDocBuilder *b, const char *native,
                                                const char *type, gsize source);
/* Bytes of text built so far: converters use it to bound their output. */
gsize    bitext_doc__builder_get_length        (const BitextDocBuilder *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextDocBuilder, bitext_doc__builder_free)

/* ---- Converters: one per format, each in its own file ------------------- */

/* doc-html.c */
gboolean bitext_doc__convert_html (BitextDocBuilder *builder, const char *data, gsize length,
                                   const BitextDocInput *input, GError **error);
/* doc-man.c */
gboolean bitext_doc__convert_man  (BitextDocBuilder *builder, const char *data, gsize length,
                                   const BitextDocInput *input, GError **error);
/* doc-office.c (h-fmt2): DOCX and ODT */
gboolean bitext_doc__convert_docx (BitextDocBuilder *builder, const char *data, gsize length,
                                   const BitextDocInput *input, GError **error);
gboolean bitext_doc__convert_odt  (BitextDocBuilder *builder, const char *data, gsize length,
                                   const BitextDocInput *input, GError **error);
/* doc-pdf.c (h-fmt2) */
gboolean bitext_doc__convert_pdf  (BitextDocBuilder *builder, const char *data, gsize length,
                                   const BitextDocInput *input, GError **error);

/* ---- Encodings (doc-encoding.c) ----------------------------------------- */

/*
** A decoded input: UTF-8 text and, when it is not the input's own bytes,
** a map from decoded offsets back to input offsets.
*/
typedef struct _BitextDecoded BitextDecoded;

/*
** Decode @data to UTF-8: with @encoding if given (an ICU converter name);
** else a UTF-8 or UTF-16 BOM, else valid UTF-8 as it is, else UTF-16 without
** BOM (NUL bytes all on odd offsets: LE; all on even: BE), else a declared
** charset (<meta charset>, <?xml encoding>, a PO Content-Type) for those
** formats, else ICU's detector when it is confident. Otherwise fails with
** BITEXT_ERROR_ENCODING naming the likely encodings and `--encoding`, and,
** when the encoding could not be told, sets @hint (nullable) to that advice
** alone (for document.c's reader, which reports the bad byte itself).
*/
BitextDecoded *bitext_doc__decode         (const char *name, const char *data, gsize length,
                                           BitextFormat format, const char *encoding,
                                           char **hint, GError **error);
void         bitext_doc__decoded_free     (BitextDecoded *d);
const char  *bitext_doc__decoded_get_text (const BitextDecoded *d, gsize *length);
/* The input offset of decoded offset @offset (a character boundary). */
gsize        bitext_doc__decoded_to_input (const BitextDecoded *d, gsize offset);
/* The encoding used ("UTF-8", "UTF-16LE", "windows-1251"...). */
const char  *bitext_doc__decoded_get_encoding (const BitextDecoded *d);
/* "UTF-16LE" or "UTF-16BE" if @data (no BOM) is UTF-16 text by its NUL bytes, else NULL. */
const char  *bitext_doc__utf16_order      (const char *data, gsize length);
/* Whether a text goes to document.c's reader undecoded (UTF-8, UTF-16 with BOM). */
gboolean     bitext_doc__reads_as_is      (const char *data, gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextDecoded, bitext_doc__decoded_free)

/* docformat.c: in an array of elements that start with a sorted gsize key, the last at most @key. */
guint        bitext_doc__find_floor       (const GArray *array, gsize key);

/* ---- Gzip (docformat.c) ------------------------------------------------- */

/*
** If @data starts with the gzip magic (1f 8b), decompress it (every member)
** into @out, failing with BITEXT_ERROR_INPUT past @max_output bytes (a
** "zip bomb") and BITEXT_ERROR_PARSE on a truncated or corrupt stream.
** Returns TRUE with @out untouched if @data is not gzip.
*/
gboolean bitext_doc__gunzip (const char *name, const char *data, gsize length, gsize max_output,
                             GBytes **out, GError **error);

G_END_DECLS
