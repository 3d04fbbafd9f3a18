/* bitext — what document.c shares with the format layer (docformat.c and the converters). */
#pragma once

#include "bitext/document.h"
#include "docformat-private.h"

G_BEGIN_DECLS

/* From text offset TEXT on (up to the next mark), text and input advance together. */
typedef struct
{
  gsize text;
  gsize source;
} DocMark;

/* A document made by a converter: its text, paragraphs, codes and map to the converter's input. */
typedef struct
{
  char *name;
  GString *text;
  GArray *paragraphs;       /* BitextSpan */
  GArray *marks;            /* DocMark, sorted by text, never empty */
  GArray *codes;            /* BitextCode, sorted by text_offset */
  GStringChunk *strings;    /* the codes' native and type strings */
  GArray *line_starts;      /* gsize: decoded offsets of line starts, for positions; NULL: none */
} DocConverted;

struct _BitextDocument
{
  BitextFormat format;
  BitextReader *reader;     /* plain text: at end of input, holds the text and the maps */
  GArray *paragraphs;       /* BitextSpan (plain text) */
  DocConverted conv;        /* other formats (conv.text != NULL) */
  BitextDecoded *decoded;   /* the input decoded to UTF-8, when not read as it is */
  GBytes *input;            /* the input's bytes when they are kept (decompressed, ...) */
};

/* document.c */
BitextReader   *bitext_reader__new_raw     (const char *name, const char *data, gsize length);
const char     *bitext_reader__peek_text   (const BitextReader *r, gsize text_offset, gsize length);
void            bitext_reader__set_read_hook (BitextReader *r, void (*hook) (gpointer data),
                                              gpointer data);
BitextDocument *bitext_document__read_text (const char *name, const char *data, gsize length,
                                            GError **error);
/* docformat.c */
BitextDocument *bitext_doc__load    (const char *name, GBytes *bytes,
                                     const BitextDocumentOptions *options, GError **error);
BitextDocument *bitext_doc__load_decoded (const char *name, GBytes *bytes, BitextDecoded *decoded,
                                          GError **error);
void   bitext_doc__builder_finish   (BitextDocBuilder *b, DocConverted *conv);
gsize  bitext_doc__converted_source (const DocConverted *conv, gsize text_offset);
char  *bitext_doc__converted_markup (const DocConverted *conv, gsize start, gsize end);

G_END_DECLS
