/* bitext — the HTML view of a report: one self-contained page (inline CSS and script, no network). */
#include <stdlib.h>
#include <string.h>

#include "report-private.h"

/* Append @length bytes of @text (-1: up to NUL) escaped for HTML text and quoted attributes. */
static void
append_escaped (GString *out, const char *text, gssize length)
{
  g_autofree char *e = g_markup_escape_text (text != NULL ? text : "", text != NULL ? length : 0);
  g_string_append (out, e);
}

static const char style[] =
  "body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#1b1b1b;background:#fff}\n"
  "h1{font-size:1.4em;margin:0 0 .4em}h2{font-size:1.1em;margin:1.2em 0 .4em}\n"
  "dl.inputs{display:grid;grid-template-columns:max-content auto;gap:.1em 1em;margin:0}\n"
  "dl.inputs dt{font-weight:600}dl.inputs dd{margin:0;word-break:break-all}\n"
  "table{border-collapse:collapse}th,td{padding:.3em .5em;vertical-align:top;text-align:left}\n"
  "table.summary td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
  "table.summary tr+tr td,table.summary tfoot td{border-top:1px solid #ddd}\n"
  "#filters fieldset{display:inline-block;border:1px solid #ccc;margin:0 1em .5em 0}\n"
  "#filters label{margin-right:.9em;white-space:nowrap}\n"
  "table.pairs{width:100%;table-layout:fixed}\n"
  "table.pairs col.label{width:5.5em}\n"
  "table.pairs thead th{position:sticky;top:0;background:#f4f4f4;border-bottom:2px solid #ccc}\n"
  "tbody.unit{border-top:1px solid #ddd}tbody.unit:target{outline:2px solid #06c}\n"
  "tr.pair td{white-space:pre-wrap;overflow-wrap:anywhere}\n"
  "td.label{color:#666;font-size:.85em}\n"
  "tr.finding td{font-size:.9em;padding-top:0}tr.finding:target{background:#eef4ff}\n"
  "span.sev{display:inline-block;min-width:4.5em;font-weight:600}\n"
  "span.check{display:inline-block;min-width:12.5em;font-family:monospace}\n"
  "q.flagged{font-style:italic;color:#444}\n"
  "mark{border-radius:2px;padding:0 1px}\n"
  "mark.sev-error{background:#ffc2c2;box-shadow:inset 0 -2px #d00}\n"
  "mark.sev-warning{background:#ffe9a8;box-shadow:inset 0 -2px #c90}\n"
  "mark.sev-info{background:#d6ecff;box-shadow:inset 0 -2px #48c}\n"
  "mark.off{background:none;box-shadow:none}\n"
  ".sev-error>span.sev,span.sev.sev-error{color:#b00}.sev-warning>span.sev{color:#960}\n"
  ".sev-info>span.sev{color:#36a}\n"
  "[hidden]{display:none!important}\n";

/*
** The filters: a finding row is shown when both its check and its severity
** are ticked, and its marks are coloured only then; a pair is shown when it
** has a shown finding, or when it has none and "pairs without findings" is
** ticked.
*/
static const char script[] =
  "(function(){\n"
  "var boxes=document.querySelectorAll('#filters input[type=checkbox]');\n"
  "var units=document.querySelectorAll('tbody.unit');\n"
  "var marks={};\n"
  "document.querySelectorAll('mark[data-finding]').forEach(function(m){\n"
  "  (marks[m.dataset.finding]=marks[m.dataset.finding]||[]).push(m);});\n"
  "function update(){\n"
  "  var on={};\n"
  "  boxes.forEach(function(b){on[b.name+':'+b.value]=b.checked;});\n"
  "  units.forEach(function(u){\n"
  "    var rows=u.querySelectorAll('tr.finding'),shown=0;\n"
  "    rows.forEach(function(r){\n"
  "      var v=on['check:'+r.dataset.check]&&on['severity:'+r.dataset.severity];\n"
  "      r.hidden=!v;if(v)shown++;\n"
  "      (marks[r.dataset.finding]||[]).forEach(function(m){m.classList.toggle('off',!v);});});\n"
  "    u.hidden=rows.length?shown==0:!on['pairs:clean'];});\n"
  "}\n"
  "boxes.forEach(function(b){b.addEventListener('change',update);});\n"
  "update();\n"
  "})();\n";

static void
append_head (GString *out, const BitextReportOptions *opts)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"generator\" content=\"bitext check\">\n<title>bitext check");
  if (opts->source_name != NULL)
    {
      g_string_append (out, ": ");
      append_escaped (out, opts->source_name, -1);
    }
  if (opts->target_name != NULL)
    {
      g_string_append (out, " → ");
      append_escaped (out, opts->target_name, -1);
    }
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

static void
append_input (GString *out, const char *term, const char *name, const char *lang)
{
  if (name == NULL && lang == NULL)
    return;
  g_string_append_printf (out, "<dt>%s</dt><dd>", term);
  append_escaped (out, name != NULL ? name : "", -1);
  if (lang != NULL)
    {
      g_string_append (out, name != NULL ? " (" : "(");
      append_escaped (out, lang, -1);
      g_string_append_c (out, ')');
    }
  g_string_append (out, "</dd>\n");
}

static void
append_header (GString *out, const BitextReportOptions *opts, guint n_units,
               const BitextReportSummary *sum)
{
  g_autofree char *date = bitext_report__dup_date (opts->date);
  g_string_append (out, "<header>\n<h1>bitext check — QA report</h1>\n<dl class=\"inputs\">\n");
  append_input (out, "Source", opts->source_name, opts->src_lang);
  append_input (out, "Target", opts->target_name, opts->tgt_lang);
  append_input (out, "Glossary", opts->glossary_name, NULL);
  g_string_append_printf (out, "<dt>Date</dt><dd><time>%s</time></dd>\n", date);
  g_string_append_printf (out,
                          "<dt>Pairs</dt><dd id=\"n-units\">%u</dd>\n"
                          "<dt>Findings</dt><dd id=\"n-findings\">%u (%u errors, %u warnings, "
                          "%u info)</dd>\n</dl>\n</header>\n",
                          n_units, sum->n_findings, sum->by_severity[BITEXT_SEVERITY_ERROR],
                          sum->by_severity[BITEXT_SEVERITY_WARNING],
                          sum->by_severity[BITEXT_SEVERITY_INFO]);
}

/* The summary by check; each check's name links to its first finding's row. */
static void
append_summary (GString *out, const GPtrArray *findings, const BitextReportSummary *sum)
{
  int first_of[BITEXT_CHECK_N];
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    first_of[c] = -1;
  for (guint k = findings->len; k-- > 0;)
    first_of[((const BitextFinding *) findings->pdata[k])->check] = (int) k;
  g_string_append (out, "<section id=\"summary\">\n<h2>Findings by check</h2>\n"
                        "<table class=\"summary\">\n<thead><tr><th>Check</th><th>What it flags"
                        "</th><th>error</th><th>warning</th><th>info</th></tr></thead>\n<tbody>\n");
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    {
      const guint *n = sum->by_check[c];
      const char *id = bitext_check_get_id (c);
      g_string_append_printf (out, "<tr data-check=\"%s\"><td>", id);
      if (first_of[c] >= 0)
        g_string_append_printf (out, "<a href=\"#f-%d\">%s</a>", first_of[c], id);
      else
        g_string_append (out, id);
      g_string_append_printf (out,
                              "</td><td>%s</td><td class=\"n\">%u</td><td class=\"n\">%u</td>"
                              "<td class=\"n\">%u</td></tr>\n",
                              bitext_check_get_description (c), n[2], n[1], n[0]);
    }
  g_string_append_printf (out,
                          "</tbody>\n<tfoot><tr><td>total</td><td></td><td class=\"n\">%u</td>"
                          "<td class=\"n\">%u</td><td class=\"n\">%u</td></tr></tfoot>\n"
                          "</table>\n</section>\n",
                          sum->by_severity[2], sum->by_severity[1], sum->by_severity[0]);
}

static void
append_filters (GString *out, const BitextReportSummary *sum)
{
  g_string_append (out, "<section id=\"filters\">\n<h2>Show</h2>\n<fieldset><legend>Checks"
                        "</legend>\n");
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    {
      const guint *n = sum->by_check[c];
      const char *id = bitext_check_get_id (c);
      g_string_append_printf (out,
                              "<label><input type=\"checkbox\" name=\"check\" value=\"%s\" "
                              "checked> %s (%u)</label>\n",
                              id, id, n[0] + n[1] + n[2]);
    }
  g_string_append (out, "</fieldset>\n<fieldset><legend>Severity</legend>\n");
  for (int s = BITEXT_SEVERITY_ERROR; s >= BITEXT_SEVERITY_INFO; s--)
    {
      const char *name = bitext_severity_get_name (s);
      g_string_append_printf (out,
                              "<label><input type=\"checkbox\" name=\"severity\" value=\"%s\" "
                              "checked> %s (%u)</label>\n",
                              name, name, sum->by_severity[s]);
    }
  g_string_append (out, "</fieldset>\n<fieldset><legend>Pairs</legend>\n<label><input "
                        "type=\"checkbox\" name=\"pairs\" value=\"clean\" checked> pairs without "
                        "findings</label>\n</fieldset>\n</section>\n");
}

/* A flagged span of one side of a unit: bytes [start, end) of the text, finding @k. */
typedef struct
{
  gsize start;
  gsize end;
  guint k;
} Mark;

static int
compare_marks (gconstpointer a, gconstpointer b)
{
  const Mark *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;       /* the longer one outside */
  return x->k < y->k ? -1 : x->k > y->k;
}

static void
open_mark (GString *out, const GPtrArray *findings, guint k)
{
  const BitextFinding *f = findings->pdata[k];
  const char *check = bitext_check_get_id (f->check);
  const char *sev = bitext_severity_get_name (f->severity);
  g_string_append_printf (out,
                          "<mark class=\"check-%s sev-%s\" data-check=\"%s\" data-severity=\"%s\""
                          " data-finding=\"%u\" title=\"",
                          check, sev, check, sev, k);
  append_escaped (out, f->message, -1);
  g_string_append (out, "\">");
}

/*
** Close the marks open at @pos that end there. Marks nest by construction
** (sorted by start, longer first), except where two spans cross: then the
** marks above the one that ends are closed with it and reopened after it,
** so each piece is well nested and every mark holds only flagged text.
*/
static void
close_marks (GString *out, const GPtrArray *findings, GArray *stack, gsize pos)
{
  guint d = 0;
  while (d < stack->len && g_array_index (stack, Mark, d).end != pos)
    d++;
  if (d == stack->len)
    return;
  for (guint i = stack->len; i > d; i--)
    g_string_append (out, "</mark>");
  guint kept = d;
  for (guint i = d; i < stack->len; i++)
    {
      Mark m = g_array_index (stack, Mark, i);
      if (m.end == pos)
        continue;
      open_mark (out, findings, m.k);
      g_array_index (stack, Mark, kept++) = m;
    }
  g_array_set_size (stack, kept);
}

/*
** Append one side of a unit as HTML with each finding's span in a <mark>.
** Spans come from the findings' byte offsets, so they fall on character
** boundaries whatever the script; an empty span gets no mark.
*/
static void
append_side (GString *out, const char *text, const GPtrArray *findings, guint first, guint last,
             gboolean source)
{
  gsize n = strlen (text);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  for (guint k = first; k < last; k++)
    {
      const BitextFinding *f = findings->pdata[k];
      const BitextQaSpan *s = source ? &f->source_span : &f->target_span;
      if (s->byte_start < 0 || s->byte_end <= s->byte_start || (gsize) s->byte_end > n)
        continue;
      Mark m = { (gsize) s->byte_start, (gsize) s->byte_end, k };
      g_array_append_val (marks, m);
    }
  g_array_sort (marks, compare_marks);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Mark));
  gsize pos = 0;
  guint next = 0;
  for (;;)
    {
      gsize stop = n;
      if (next < marks->len)
        stop = MIN (stop, g_array_index (marks, Mark, next).start);
      for (guint i = 0; i < stack->len; i++)
        stop = MIN (stop, g_array_index (stack, Mark, i).end);
      append_escaped (out, text + pos, (gssize) (stop - pos));
      pos = stop;
      close_marks (out, findings, stack, pos);
      for (; next < marks->len && g_array_index (marks, Mark, next).start == pos; next++)
        {
          open_mark (out, findings, g_array_index (marks, Mark, next).k);
          g_array_append_val (stack, g_array_index (marks, Mark, next));
        }
      if (pos == n && stack->len == 0)
        break;
    }
}

static void
append_finding_row (GString *out, const GPtrArray *findings, guint k)
{
  const BitextFinding *f = findings->pdata[k];
  const char *check = bitext_check_get_id (f->check);
  const char *sev = bitext_severity_get_name (f->severity);
  g_string_append_printf (out,
                          "<tr class=\"finding check-%s sev-%s\" id=\"f-%u\" data-check=\"%s\" "
                          "data-severity=\"%s\" data-finding=\"%u\"><td></td><td colspan=\"2\" "
                          "class=\"sev-%s\"><span class=\"sev\">%s</span> <span class=\"check\">"
                          "%s</span> ",
                          check, sev, k, check, sev, k, sev, sev, check);
  append_escaped (out, f->message, -1);
  if (f->text != NULL && f->text[0] != '\0')
    {
      g_string_append (out, " <q class=\"flagged\">");
      append_escaped (out, f->text, -1);
      g_string_append (out, "</q>");
    }
  g_string_append (out, "</td></tr>\n");
}

static void
append_unit (GString *out, const BitextQaUnit *q, guint u, const char *label,
             const GPtrArray *findings, guint first, guint last)
{
  g_string_append_printf (out, "<tbody class=\"unit%s\" id=\"u-%u\" data-unit=\"%u\">\n"
                               "<tr class=\"pair\"><td class=\"label\">%u",
                          first == last ? " clean" : "", u, q->index, q->index);
  if (label != NULL && label[0] != '\0')
    {
      g_string_append (out, "<br>");
      append_escaped (out, label, -1);
    }
  g_string_append (out, "</td><td class=\"src\">");
  append_side (out, q->source != NULL ? q->source : "", findings, first, last, TRUE);
  g_string_append (out, "</td><td class=\"tgt\">");
  append_side (out, q->target != NULL ? q->target : "", findings, first, last, FALSE);
  g_string_append (out, "</td></tr>\n");
  for (guint k = first; k < last; k++)
    append_finding_row (out, findings, k);
  g_string_append (out, "</tbody>\n");
}

/* The column header of one side: "Source (en)". */
static void
append_side_header (GString *out, const char *name, const char *lang)
{
  g_string_append_printf (out, "<th>%s", name);
  if (lang != NULL)
    {
      g_string_append (out, " (");
      append_escaped (out, lang, -1);
      g_string_append_c (out, ')');
    }
  g_string_append (out, "</th>");
}

/**
 * bitext_report_append_html:
 * @out: the string to append to
 * @units: (array length=n_units): the units checked
 * @n_units: their number
 * @findings: (element-type BitextFinding): the findings, sorted by unit
 * @options: (nullable): labels, input names, languages, date
 *
 * Appends a self-contained HTML page: the inputs and date, counts by check
 * (each check linking to its first finding), filters by check and severity,
 * and every pair side by side with each finding's flagged text in a
 * <mark class="check-ID sev-SEVERITY" data-check data-severity
 * data-finding title="message">, and one row per finding under its pair
 * (id "f-K", K the finding's position in @findings). All text is escaped;
 * the page loads nothing from the network.
 */
void
bitext_report_append_html (GString *out, const BitextQaUnit *units, guint n_units,
                           const GPtrArray *findings, const BitextReportOptions *options)
{
  g_return_if_fail (out != NULL && (units != NULL || n_units == 0) && findings != NULL);
  BitextReportOptions defaults = BITEXT_REPORT_OPTIONS_INIT;
  const BitextReportOptions *opts = options != NULL ? options : &defaults;
  BitextReportSummary sum;
  bitext_report_summarise (findings, &sum);
  append_head (out, opts);
  append_header (out, opts, n_units, &sum);
  append_summary (out, findings, &sum);
  g_autofree char *note = bitext_qa_dup_spelling_note (opts->src_lang, opts->tgt_lang);
  if (note != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (note, -1);
      g_string_append_printf (out, "<p class=\"note\" id=\"spelling-note\">%s</p>\n", escaped);
    }
  append_filters (out, &sum);
  g_string_append (out, "<table class=\"pairs\">\n<colgroup><col class=\"label\"><col><col>"
                        "</colgroup>\n<thead><tr><th>Pair</th>");
  append_side_header (out, "Source", opts->src_lang);
  append_side_header (out, "Target", opts->tgt_lang);
  g_string_append (out, "</tr></thead>\n");
  g_autofree guint *first = bitext_report__index_findings (findings, n_units);
  for (guint u = 0; u < n_units; u++)
    append_unit (out, &units[u], u, opts->labels != NULL ? opts->labels[u] : NULL, findings,
                 first[u], first[u + 1]);
  g_string_append_printf (out, "</table>\n<script>\n%s</script>\n</body>\n</html>\n", script);
}
