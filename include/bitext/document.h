/* bitext — loading text: bytes -> UTF-8, NFC, LF newlines, with a map back to the source file. */
#pragma once

#include <bitext/types.h>

G_BEGIN_DECLS

/*
** The normalised text of an input is the input with a leading BOM dropped,
** UTF-16 decoded to UTF-8, CRLF and lone CR turned into LF, and NFC applied.
** Offsets called "text offsets" below count bytes of that normalised text
** from the start of the input; "source offsets" count bytes of the file
** as it is on disk. A blank line (only spaces and tabs) normalises to an
** empty line, so the text between two paragraphs is only LF characters.
*/

/*
** One paragraph: a maximal run of non-blank lines (a blank line holds only
** spaces and tabs). The text keeps its inner single newlines and the
** indentation of its lines; it has no trailing newline.
*/
typedef struct
{
  const char *text;         /* borrowed; NUL-terminated; valid until the next call */
  gsize length;             /* bytes */
  gsize text_offset;        /* text offset of text[0] */
  guint index;              /* 0-based paragraph number in the input */
} BitextParagraph;

typedef struct _BitextReader BitextReader;

BITEXT_API BitextReader *bitext_reader_new_for_path   (const char *path, GError **error);
BITEXT_API BitextReader *bitext_reader_new_for_data   (const char *name, const void *data,
                                                       gsize length);
BITEXT_API void          bitext_reader_free           (BitextReader *reader);
BITEXT_API const char   *bitext_reader_get_name       (const BitextReader *reader);
BITEXT_API gboolean      bitext_reader_next_paragraph (BitextReader *reader, BitextParagraph *para,
                                                       GError **error);
BITEXT_API gsize         bitext_reader_get_source_offset (const BitextReader *reader,
                                                          gsize text_offset);
BITEXT_API BitextPosition bitext_reader_get_position  (const BitextReader *reader,
                                                       gsize text_offset);
/* Offsets below @text_offset will not be asked about again: lets the reader drop its map. */
BITEXT_API void          bitext_reader_forget         (BitextReader *reader, gsize text_offset);

/*
** Input formats. A file is recognised by its content (magic bytes, XML
** root, BOM, PO header), not by its name; gzip compression is undone first
** whatever the format. BITEXT_FORMAT_AUTO asks for that detection; any
** other value forces the format (`--input-format`).
*/
typedef enum
{
  BITEXT_FORMAT_AUTO = 0,
  BITEXT_FORMAT_TEXT,       /* plain text (UTF-8, UTF-16 or a legacy encoding) */
  BITEXT_FORMAT_HTML,       /* HTML or XHTML */
  BITEXT_FORMAT_MAN,        /* a roff man page */
  BITEXT_FORMAT_DOCX,       /* Office Open XML word processing (zip) */
  BITEXT_FORMAT_ODT,        /* OpenDocument text (zip) */
  BITEXT_FORMAT_PDF,
  BITEXT_FORMAT_PO,         /* gettext catalog: a bilingual input */
  BITEXT_FORMAT_XLIFF,      /* XLIFF 1.2 or 2.0: a bilingual input */
  BITEXT_FORMAT_TMX,        /* a translation memory */
  BITEXT_FORMAT_XML,        /* XML of another vocabulary */
  BITEXT_FORMAT_ZIP,        /* a zip archive that is neither DOCX nor ODT */
  BITEXT_FORMAT_BINARY,     /* none of the above and not text */
} BitextFormat;

BITEXT_API const char   *bitext_format_get_name       (BitextFormat format);
BITEXT_API gboolean      bitext_format_from_name      (const char *name, BitextFormat *format);
BITEXT_API BitextFormat  bitext_format_detect         (const void *data, gsize length);

/*
** How to read an input. @encoding (an ICU converter name: "cp1251",
** "KOI8-R", "UTF-16LE"...) applies to every text-based format; NULL reads
** UTF-8 and UTF-16 (BOM or not) and detects anything else.
** @max_input bounds the bytes held in memory after decompression (0: the
** default, BITEXT_DOCUMENT_MAX_INPUT).
*/
typedef struct
{
  guint version;
  BitextFormat format;
  const char *encoding;
  gsize max_input;
} BitextDocumentOptions;

/* libxml2's and ICU's lengths are int: nothing longer can be parsed whole. */
#define BITEXT_DOCUMENT_MAX_INPUT ((gsize) G_MAXINT32)
#define BITEXT_DOCUMENT_OPTIONS_INIT { .version = 1 }

BITEXT_API BitextReader *bitext_reader_new_for_path_with_options (const char *path,
                                                                  const BitextDocumentOptions *options,
                                                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextReader, bitext_reader_free)

/*
** A whole document in memory: the normalised text and its paragraphs.
*/
typedef struct _BitextDocument BitextDocument;

BITEXT_API BitextDocument *bitext_document_load        (const char *path, GError **error);
BITEXT_API BitextDocument *bitext_document_new_for_data (const char *name, const void *data,
                                                         gsize length, GError **error);
BITEXT_API BitextDocument *bitext_document_load_with_options (const char *path,
                                                              const BitextDocumentOptions *options,
                                                              GError **error);
BITEXT_API BitextDocument *bitext_document_new_for_data_with_options (
    const char *name, const void *data, gsize length, const BitextDocumentOptions *options,
    GError **error);
BITEXT_API void            bitext_document_free        (BitextDocument *doc);
BITEXT_API const char     *bitext_document_get_name    (const BitextDocument *doc);
BITEXT_API const char     *bitext_document_get_text    (const BitextDocument *doc, gsize *length);
BITEXT_API guint           bitext_document_get_n_paragraphs (const BitextDocument *doc);
BITEXT_API BitextSpan      bitext_document_get_paragraph (const BitextDocument *doc, guint index);
BITEXT_API gsize           bitext_document_get_source_offset (const BitextDocument *doc,
                                                              gsize text_offset);
BITEXT_API BitextPosition  bitext_document_get_position (const BitextDocument *doc,
                                                         gsize text_offset);
BITEXT_API BitextFormat    bitext_document_get_format  (const BitextDocument *doc);

/*
** Inline codes: the markup of a structured input (HTML <b>, roff \fB, a
** DOCX run's formatting) that sits inside a paragraph. The text holds only
** what a reader reads; each code stands at a text offset, between two
** characters. An OPEN and its CLOSE share an id; an ISOLATED code (an
** image, a <br> kept as a code) stands alone. Codes are sorted by offset,
** in document order where offsets are equal.
*/
typedef enum
{
  BITEXT_CODE_OPEN,
  BITEXT_CODE_CLOSE,
  BITEXT_CODE_ISOLATED,
} BitextCodeKind;

typedef struct
{
  gsize text_offset;
  BitextCodeKind kind;
  guint id;                 /* pairs OPEN and CLOSE; unique in the document */
  const char *native;       /* the markup as in the input ("<b>", "\\fB"); borrowed */
  const char *type;         /* TMX type ("bold", "italic", "link", "code"...), or NULL */
} BitextCode;

BITEXT_API const BitextCode *bitext_document_get_codes (const BitextDocument *doc,
                                                        guint *n_codes);
BITEXT_API char            *bitext_document_dup_markup (const BitextDocument *doc, gsize offset,
                                                        gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextDocument, bitext_document_free)

G_END_DECLS
