/* bitext — small text helpers shared by modules and the CLI (internal). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void bitext__append_csv_field (GString *out, const char *text);

G_END_DECLS
