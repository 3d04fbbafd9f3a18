/* bitext — PDF documents with poppler-glib. Not written yet: h-fmt2 fills this in. */
#include "docformat-private.h"

#include "bitext/error.h"

gboolean
bitext_doc__convert_pdf (BitextDocBuilder *builder, const char *data, gsize length,
                         const BitextDocInput *input, GError **error)
{
  (void) builder, (void) data, (void) length;
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
               "%s: this is a PDF; bitext cannot read it yet: give text (`pdftotext -layout`)",
               input->name);
  return FALSE;
}
