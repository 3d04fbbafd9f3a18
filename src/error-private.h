/* bitext — error helpers shared by the XML readers (internal). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Set @error to "NAME:LINE: the DOCTYPE declares an entity: refused (FORMAT needs only XML's
   predefined entities)", LINE being that of the first <!ENTITY in @data. */
void bitext_error__set_entity_refused (GError **error, const char *name, const char *data,
                                       gsize length, const char *format);

G_END_DECLS
