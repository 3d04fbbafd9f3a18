/* bitext — internals shared by report.c, report-text.c and report-html.c. */
#pragma once

#include <bitext/report.h>

G_BEGIN_DECLS

/* The findings of each unit: findings[first[u] .. first[u + 1]) belong to unit u. */
guint *bitext_report__index_findings (const GPtrArray *findings, guint n_units);
char  *bitext_report__dup_date       (gint64 date);

G_END_DECLS
