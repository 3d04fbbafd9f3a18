/* bitext — reports: what the text and HTML renderers share (counts, check descriptions, dates). */
#include "report-private.h"

/* One line a check, for a reader who has not seen the tool: the HTML summary and legends. */
static const char *const descriptions[BITEXT_CHECK_N] = {
  "target empty, a copy of the source, or mostly in the source's script",
  "source-language words left in the target",
  "a glossary term not rendered as approved, or rendered as forbidden",
  "a number, date or year of one side missing from the other",
  "source text with no translation, or a translation much shorter than expected",
  "target text with no source, or a translation much longer than expected",
  "the same source translated differently, or one translation for different sources",
  "emphasis or inline tags on one side only",
  "final punctuation, quotes and spacing",
  "the source spells one word in two ways",
  "words the Hunspell dictionary of their language does not know",
  "printf conversions, placeholders, variables, escapes or accelerators that differ",
};

/**
 * bitext_check_get_description:
 * @check: a check
 *
 * Returns: (transfer none): one line saying what @check flags
 */
const char *
bitext_check_get_description (BitextCheck check)
{
  g_return_val_if_fail (check < BITEXT_CHECK_N, NULL);
  return descriptions[check];
}

/**
 * bitext_report_summarise:
 * @findings: (element-type BitextFinding): findings
 * @summary: (out caller-allocates): their counts by check and severity
 */
void
bitext_report_summarise (const GPtrArray *findings, BitextReportSummary *summary)
{
  g_return_if_fail (findings != NULL && summary != NULL);
  *summary = (BitextReportSummary) { 0 };
  for (guint k = 0; k < findings->len; k++)
    {
      const BitextFinding *f = findings->pdata[k];
      summary->by_check[f->check][f->severity]++;
      summary->by_severity[f->severity]++;
    }
  summary->n_findings = findings->len;
}

/*
** Index the findings by unit: returns first[0..n_units], where unit u's
** findings are findings[first[u] .. first[u + 1]). The findings must be
** sorted by unit, as bitext_qa_run() returns them; a finding whose unit is
** out of range is left out.
*/
guint *
bitext_report__index_findings (const GPtrArray *findings, guint n_units)
{
  guint *first = g_new (guint, (gsize) n_units + 1);
  guint k = 0;
  for (guint u = 0; u <= n_units; u++)
    {
      while (k < findings->len && ((const BitextFinding *) findings->pdata[k])->unit < u)
        k++;
      first[u] = k;
    }
  return first;
}

/* @date as "2024-05-03 14:02 UTC"; -1: $SOURCE_DATE_EPOCH (reproducible-builds.org), else now. */
char *
bitext_report__dup_date (gint64 date)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  if (date < 0 && epoch != NULL)
    date = g_ascii_strtoll (epoch, NULL, 10);
  g_autoptr(GDateTime) dt = date >= 0 ? g_date_time_new_from_unix_utc (date)
                                      : g_date_time_new_now_utc ();
  if (dt == NULL)
    return g_strdup ("");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M UTC");
}
