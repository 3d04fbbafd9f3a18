/* bitext — DOCX and ODT documents (zip + XML) for the document layer: doc-ooxml.c and doc-odf.c
 * read them into paragraphs with codes (doc-build.c), handed on here. Source offsets are 0: the
 * text of a zip member has no byte offset in the file (positions are {0, 0} for these formats). */
#include "doc-build-private.h"

typedef gboolean (*OfficeRead) (const char *name, GBytes *bytes, DocBuilder *b, GError **error);

static gboolean
convert (OfficeRead read, BitextDocBuilder *builder, const char *data, gsize length,
         const BitextDocInput *input, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  g_autoptr(DocBuilder) b = doc_builder_new ();
  if (!read (input->name, bytes, b, error))
    return FALSE;
  doc_builder_emit (b, builder);
  return TRUE;
}

gboolean
bitext_doc__convert_docx (BitextDocBuilder *builder, const char *data, gsize length,
                          const BitextDocInput *input, GError **error)
{
  return convert (doc_read_docx, builder, data, length, input, error);
}

gboolean
bitext_doc__convert_odt (BitextDocBuilder *builder, const char *data, gsize length,
                         const BitextDocInput *input, GError **error)
{
  return convert (doc_read_odt, builder, data, length, input, error);
}
