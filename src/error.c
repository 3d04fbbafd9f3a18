/* bitext — the BITEXT_ERROR domain. */
#include "bitext/error.h"

G_DEFINE_QUARK (bitext-error-quark, bitext_error)

#include "error-private.h"

/*
** An XML file whose DOCTYPE declares entities is refused by every reader, as
** the TMX reader does: entities are how billion-laughs and external-entity
** attacks start, and none of TMX, TBX or SRX needs more than XML's own five.
*/
void
bitext_error__set_entity_refused (GError **error, const char *name, const char *data,
                                  gsize length, const char *format)
{
  const char *decl = g_strstr_len (data, (gssize) length, "<!ENTITY");
  int line = 1;
  for (const char *p = data; decl != NULL && p < decl; p++)
    line += *p == '\n';
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
               "%s:%d: the DOCTYPE declares an entity: refused (%s needs only XML's predefined "
               "entities)", name, line, format);
}
