/* bitext — HTML and XHTML pages with libxml2's HTML parser. */
#include "docformat-private.h"

#include "bitext/error.h"

gboolean
bitext_doc__convert_html (BitextDocBuilder *builder, const char *data, gsize length,
                          const BitextDocInput *input, GError **error)
{
  (void) builder, (void) data, (void) length;
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: HTML: not yet", input->name);
  return FALSE;
}
