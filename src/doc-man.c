/* bitext — man pages (roff). */
#include "docformat-private.h"

#include "bitext/error.h"

gboolean
bitext_doc__convert_man (BitextDocBuilder *builder, const char *data, gsize length,
                          const BitextDocInput *input, GError **error)
{
  (void) builder, (void) data, (void) length;
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: man: not yet", input->name);
  return FALSE;
}
