/* bitext — error helpers shared by the XML readers (internal). */
#pragma once

#include <glib.h>
#include <libxml/xmlerror.h>

G_BEGIN_DECLS

/* Set @error to "NAME:LINE: the DOCTYPE declares an entity: refused (FORMAT needs only XML's
   predefined entities)", LINE being that of the first <!ENTITY in @data. */
void bitext_error__set_entity_refused (GError **error, const char *name, const char *data,
                                       gsize length, const char *format);

/*
** While an XML file is read: libxml2 reports an input that does not match the
** encoding the file declares ("encoding error : input conversion failed …", "I/O
** error : encoder error") with no parser attached, on stderr, and the reader
** then sees a truncated document. The guard keeps those messages off stderr and
** keeps the first one, so that the reader's error names the real cause.
*/
typedef struct
{
  xmlStructuredErrorFunc old_structured;
  xmlGenericErrorFunc old_generic;
  void *old_structured_ctx, *old_generic_ctx;
  char *message;            /* the first encoding or I/O message, or NULL */
} BitextXmlGuard;

void bitext_error__xml_guard_begin (BitextXmlGuard *guard);

/* Restore libxml2's handlers. If the guard kept a message and *@error is set, *@error becomes
   "NAME:LINE: the bytes do not match the encoding the file declares (libxml2: MESSAGE)". */
void bitext_error__xml_guard_end (BitextXmlGuard *guard, GError **error, const char *name,
                                  int line);

G_END_DECLS
