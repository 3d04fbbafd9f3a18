/* bitext — DOCX and ODT documents (zip + XML). Not written yet: h-fmt2 fills these in. */
#include "docformat-private.h"

#include "bitext/error.h"

static gboolean
not_yet (const BitextDocInput *input, const char *what, GError **error)
{
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
               "%s: this is %s; bitext cannot read it yet: convert it to text or HTML "
               "(e.g. `pandoc -t html`)", input->name, what);
  return FALSE;
}

gboolean
bitext_doc__convert_docx (BitextDocBuilder *builder, const char *data, gsize length,
                          const BitextDocInput *input, GError **error)
{
  (void) builder, (void) data, (void) length;
  return not_yet (input, "a DOCX document", error);
}

gboolean
bitext_doc__convert_odt (BitextDocBuilder *builder, const char *data, gsize length,
                         const BitextDocInput *input, GError **error)
{
  (void) builder, (void) data, (void) length;
  return not_yet (input, "an ODT document", error);
}
