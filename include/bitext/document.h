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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextReader, bitext_reader_free)

/*
** A whole document in memory: the normalised text and its paragraphs.
*/
typedef struct _BitextDocument BitextDocument;

BITEXT_API BitextDocument *bitext_document_load        (const char *path, GError **error);
BITEXT_API BitextDocument *bitext_document_new_for_data (const char *name, const void *data,
                                                         gsize length, GError **error);
BITEXT_API void            bitext_document_free        (BitextDocument *doc);
BITEXT_API const char     *bitext_document_get_name    (const BitextDocument *doc);
BITEXT_API const char     *bitext_document_get_text    (const BitextDocument *doc, gsize *length);
BITEXT_API guint           bitext_document_get_n_paragraphs (const BitextDocument *doc);
BITEXT_API BitextSpan      bitext_document_get_paragraph (const BitextDocument *doc, guint index);
BITEXT_API gsize           bitext_document_get_source_offset (const BitextDocument *doc,
                                                              gsize text_offset);
BITEXT_API BitextPosition  bitext_document_get_position (const BitextDocument *doc,
                                                         gsize text_offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextDocument, bitext_document_free)

G_END_DECLS
