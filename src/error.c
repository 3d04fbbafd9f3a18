/* bitext — the BITEXT_ERROR domain. */
#include "bitext/error.h"

G_DEFINE_QUARK (bitext-error-quark, bitext_error)

#include "error-private.h"

#include <libxml/globals.h>
#include <libxml/xmlerror.h>

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

static void
on_guarded_error (void *data, xmlErrorPtr e)
{
  BitextXmlGuard *guard = data;
  if (guard->message == NULL && e != NULL && e->message != NULL
      && (e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO))
    guard->message = g_strchomp (g_strdup (e->message));
}

/* libxml2's bare messages ("xmlParseChunk: encoder error"): the reader reports the failure. */
static void
on_generic_error (void *data, const char *format, ...)
{
  (void) data;
  (void) format;
}

void
bitext_error__xml_guard_begin (BitextXmlGuard *guard)
{
  guard->old_structured = xmlStructuredError;
  guard->old_structured_ctx = xmlStructuredErrorContext;
  guard->old_generic = xmlGenericError;
  guard->old_generic_ctx = xmlGenericErrorContext;
  guard->message = NULL;
  xmlSetStructuredErrorFunc (guard, on_guarded_error);
  xmlSetGenericErrorFunc (NULL, on_generic_error);
}

void
bitext_error__xml_guard_end (BitextXmlGuard *guard, GError **error, const char *name, int line)
{
  xmlSetStructuredErrorFunc (guard->old_structured_ctx, guard->old_structured);
  xmlSetGenericErrorFunc (guard->old_generic_ctx, guard->old_generic);
  g_autofree char *message = g_steal_pointer (&guard->message);
  if (message == NULL || error == NULL || *error == NULL)
    return;
  g_clear_error (error);
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
               "%s:%d: the bytes do not match the encoding the file declares (libxml2: %s)",
               name, MAX (line, 1), message);
}
