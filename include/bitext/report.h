/* bitext — reports: QA findings over aligned pairs, as a terminal view or a self-contained HTML page. */
#pragma once

#include <bitext/qa.h>

G_BEGIN_DECLS

/*
** What a report shows beside the units and findings. The renderers read
** the findings in the order bitext_qa_run() returns them (by unit), and
** highlight each finding's spans in its unit's texts.
*/
typedef struct
{
  guint version;
  const char *const *labels;  /* nullable: one per unit ("[3]:[3,4]", "tu 12") */
  const char *source_name;    /* the inputs, shown in the HTML header; nullable */
  const char *target_name;
  const char *glossary_name;
  const char *src_lang;
  const char *tgt_lang;
  gint64 date;                /* Unix time shown as the report's date; -1: $SOURCE_DATE_EPOCH,
                                 else now */
  gboolean all;               /* text: every pair, not only flagged ones (HTML shows all) */
  gboolean colour;            /* text: ANSI colours instead of [[ ]] markers */
  guint width;                /* text: display columns of a whole line */
} BitextReportOptions;

#define BITEXT_REPORT_OPTIONS_INIT { .version = 1, .date = -1, .width = 120 }

/* Finding counts: [check][severity]. */
typedef struct
{
  guint by_check[BITEXT_CHECK_N][BITEXT_SEVERITY_ERROR + 1];
  guint by_severity[BITEXT_SEVERITY_ERROR + 1];
  guint n_findings;
} BitextReportSummary;

BITEXT_API void        bitext_report_summarise     (const GPtrArray *findings,
                                                    BitextReportSummary *summary);
BITEXT_API const char *bitext_check_get_description (BitextCheck check);
BITEXT_API void        bitext_report_append_text   (GString *out, const BitextQaUnit *units,
                                                    guint n_units, const GPtrArray *findings,
                                                    const BitextReportOptions *options);
BITEXT_API void        bitext_report_append_html   (GString *out, const BitextQaUnit *units,
                                                    guint n_units, const GPtrArray *findings,
                                                    const BitextReportOptions *options);

G_END_DECLS
