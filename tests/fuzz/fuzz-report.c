/* Fuzz target: the QA checks and both report writers (text and HTML) on hostile text.
 *
 * The input is "source TAB target" lines, one unit a line; the first byte picks
 * the report options (colour, all pairs, width). The checks run on one thread,
 * and their findings, with the units' texts, go through both writers.
 */
#include "fuzz.h"

#include <bitext/qa.h>
#include <bitext/report.h>

#define MAX_UNITS 64

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint8 sel = fuzz_take_selector (&data, &size);
  g_autofree char *text = g_strndup ((const char *) data, size);  /* cut at a NUL */
  g_auto(GStrv) lines = g_strsplit (text, "\n", MAX_UNITS + 1);
  BitextQaUnit units[MAX_UNITS];
  char *labels[MAX_UNITS + 1] = { NULL };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = 0;
  for (guint i = 0; lines[i] != NULL && n < MAX_UNITS; i++)
    {
      if (!g_utf8_validate (lines[i], -1, NULL))
        continue;
      char **cols = g_strsplit (lines[i], "\t", 3);
      g_ptr_array_add (parts, cols);
      units[n] = (BitextQaUnit) { .source = cols[0], .target = cols[0] != NULL ? cols[1] : NULL,
                                  .index = i, .src_count = 1, .tgt_count = 1 };
      labels[n] = cols[0] != NULL && cols[1] != NULL && cols[2] != NULL ? cols[2] : "[1]:[1]";
      n++;
    }
  BitextQaOptions qa = BITEXT_QA_OPTIONS_INIT;
  qa.src_lang = "en";
  qa.tgt_lang = "ru";
  qa.n_threads = 1;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = bitext_qa_run (units, n, &qa, &error);
  if (findings == NULL)
    return 0;
  BitextReportOptions options = BITEXT_REPORT_OPTIONS_INIT;
  options.labels = (const char *const *) labels;
  options.date = 0;
  options.colour = (sel & 1) != 0;
  options.all = (sel & 2) != 0;
  options.width = sel >> 2;   /* 0 to 63 columns: narrow lines are the hard case */
  options.source_name = "<src&\"'>";
  options.target_name = "tgt";
  g_autoptr(GString) out = g_string_new (NULL);
  bitext_report_append_text (out, units, n, findings, &options);
  bitext_report_append_html (out, units, n, findings, &options);
  BitextReportSummary summary;
  bitext_report_summarise (findings, &summary);
  return 0;
}
