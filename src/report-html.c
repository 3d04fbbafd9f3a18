/* bitext — the HTML view of a report: one self-contained page (inline CSS and script, no network). */
#include <stdlib.h>
#include <string.h>

#include "file-private.h"
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
** ticked. Everything is shown as written, so the page is drawn before the
** script walks it: the walk runs on the first change of a box (or at load
** when the browser kept a box unticked from an earlier visit).
*/
static const char script[] =
  "(function(){\n"
  "var boxes=document.querySelectorAll('#filters input[type=checkbox]'),marks=null;\n"
  "function update(){\n"
  "  var on={};\n"
  "  if(!marks){marks={};\n"
  "    document.querySelectorAll('mark[data-finding]').forEach(function(m){\n"
  "      (marks[m.dataset.finding]=marks[m.dataset.finding]||[]).push(m);});}\n"
  "  boxes.forEach(function(b){on[b.name+':'+b.value]=b.checked;});\n"
  "  document.querySelectorAll('tbody.unit').forEach(function(u){\n"
  "    var rows=u.querySelectorAll('tr.finding'),shown=0;\n"
  "    rows.forEach(function(r){\n"
  "      var v=on['check:'+r.dataset.check]&&on['severity:'+r.dataset.severity];\n"
  "      r.hidden=!v;if(v)shown++;\n"
  "      (marks[r.id.slice(2)]||[]).forEach(function(m){m.classList.toggle('off',!v);});});\n"
  "    u.hidden=rows.length?shown==0:!on['pairs:clean'];});\n"
  "}\n"
  "boxes.forEach(function(b){b.addEventListener('change',update);});\n"
  "if(Array.prototype.some.call(boxes,function(b){return !b.checked;}))update();\n"
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

typedef struct Pages Pages;
static void append_finding_link (GString *out, const Pages *p, guint k, const char *text);

/*
** The summary by check; each check's name links to its first finding
** (@first_of), on this page or, with @p, on its page of @p. With @next_of,
** a column links to each check's next finding from this page on.
*/
static void
append_summary_table (GString *out, const BitextReportSummary *sum, const int *first_of,
                      const int *next_of, const Pages *p)
{
  g_string_append (out, "<section id=\"summary\">\n<h2>Findings by check</h2>\n"
                        "<table class=\"summary\">\n<thead><tr><th>Check</th><th>What it flags"
                        "</th><th>error</th><th>warning</th><th>info</th>");
  if (next_of != NULL)
    g_string_append (out, "<th>from this page on</th>");
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    {
      const guint *n = sum->by_check[c];
      const char *id = bitext_check_get_id (c);
      g_string_append_printf (out, "<tr data-check=\"%s\"><td>", id);
      if (first_of[c] >= 0 && p != NULL)
        append_finding_link (out, p, (guint) first_of[c], id);
      else if (first_of[c] >= 0)
        g_string_append_printf (out, "<a href=\"#f-%d\">%s</a>", first_of[c], id);
      else
        g_string_append (out, id);
      g_string_append_printf (out,
                              "</td><td>%s</td><td class=\"n\">%u</td><td class=\"n\">%u</td>"
                              "<td class=\"n\">%u</td>",
                              bitext_check_get_description (c), n[2], n[1], n[0]);
      if (next_of != NULL)
        {
          g_string_append (out, "<td class=\"next\">");
          if (next_of[c] >= 0)
            append_finding_link (out, p, (guint) next_of[c], "next");
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append_printf (out,
                          "</tbody>\n<tfoot><tr><td>total</td><td></td><td class=\"n\">%u</td>"
                          "<td class=\"n\">%u</td><td class=\"n\">%u</td></tr></tfoot>\n"
                          "</table>\n</section>\n",
                          sum->by_severity[2], sum->by_severity[1], sum->by_severity[0]);
}

/* The summary of a one-page report: links to the rows of the page. */
static void
append_summary (GString *out, const GPtrArray *findings, const BitextReportSummary *sum)
{
  int first_of[BITEXT_CHECK_N];
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    first_of[c] = -1;
  for (guint k = findings->len; k-- > 0;)
    first_of[((const BitextFinding *) findings->pdata[k])->check] = (int) k;
  append_summary_table (out, sum, first_of, NULL, NULL);
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
                          "<mark class=\"check-%s sev-%s\" data-check=\"%s\" data-finding=\"%u\""
                          " title=\"",
                          check, sev, check, k);
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
                          "<tr class=\"finding\" id=\"f-%u\" data-check=\"%s\" "
                          "data-severity=\"%s\"><td></td><td colspan=\"2\" class=\"sev-%s\">"
                          "<span class=\"sev\">%s</span> <span class=\"check\">%s</span> ",
                          k, check, sev, sev, sev, check);
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
  g_string_append_printf (out, "<tbody class=\"unit%s\" id=\"u-%u\">\n"
                               "<tr class=\"pair\"><td class=\"label\">%u",
                          first == last ? " clean" : "", u, q->index);
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

/* The top of a page: head, header, summary (links from @link_of), spelling note. */
typedef struct
{
  const BitextReportOptions *opts;
  const BitextReportSummary *sum;
  const GPtrArray *findings;
  guint n_units;
} Report;

static void
append_top (GString *out, const Report *r)
{
  append_head (out, r->opts);
  append_header (out, r->opts, r->n_units, r->sum);
}

static void
append_note (GString *out, const Report *r)
{
  g_autofree char *note = bitext_qa_dup_spelling_note (r->opts->src_lang, r->opts->tgt_lang);
  if (note != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (note, -1);
      g_string_append_printf (out, "<p class=\"note\" id=\"spelling-note\">%s</p>\n", escaped);
    }
}

static void
append_table_head (GString *out, const BitextReportOptions *opts)
{
  g_string_append (out, "<table class=\"pairs\">\n<colgroup><col class=\"label\"><col><col>"
                        "</colgroup>\n<thead><tr><th>Pair</th>");
  append_side_header (out, "Source", opts->src_lang);
  append_side_header (out, "Target", opts->tgt_lang);
  g_string_append (out, "</tr></thead>\n");
}

static void
append_bottom (GString *out)
{
  g_string_append_printf (out, "</table>\n<script>\n%s</script>\n</body>\n</html>\n", script);
}

/* Units [@a, @b) rendered into @out; unit_end[u - a] is @out's length after unit u. */
static void
append_units (GString *out, const BitextQaUnit *units, guint a, guint b, const Report *r,
              const guint *first, gsize *unit_end)
{
  for (guint u = a; u < b; u++)
    {
      append_unit (out, &units[u], u, r->opts->labels != NULL ? r->opts->labels[u] : NULL,
                   r->findings, first[u], first[u + 1]);
      if (unit_end != NULL)
        unit_end[u - a] = out->len;
    }
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
 * <mark class="check-ID sev-SEVERITY" data-check data-finding
 * title="message">, and one row per finding under its pair
 * (<tr class="finding" id="f-K" data-check data-severity>, K the finding's
 * position in @findings). All text is escaped; the page loads nothing from
 * the network. One page holds every unit, whatever its size: for big
 * inputs, bitext_report_write_html() splits the report into pages.
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
  Report r = { opts, &sum, findings, n_units };
  append_top (out, &r);
  append_summary (out, findings, &sum);
  append_note (out, &r);
  append_filters (out, &sum);
  append_table_head (out, opts);
  g_autofree guint *first = bitext_report__index_findings (findings, n_units);
  append_units (out, units, 0, n_units, &r, first, NULL);
  append_bottom (out);
}

/* Paged reports ------------------------------------------------------------------------------- */

/*
** A report split into pages: page p holds units [page_first[p],
** page_first[p + 1]); units_html holds every unit's rows, unit u ending at
** unit_end[u].
*/
struct Pages
{
  const BitextQaUnit *units;
  guint n_units;
  Report r;
  guint *first;            /* findings by unit */
  GString *units_html;
  gsize *unit_end;
  GArray *page_first;      /* guint, n_pages + 1 */
  guint *page_of_unit;
  char *stem;              /* page file names: STEM-P.html, P from 1 */
  char *index_name;        /* the index page's file name, for links */
};

static void
pages_clear (Pages *p)
{
  g_free (p->first);
  if (p->units_html != NULL)
    g_string_free (p->units_html, TRUE);
  g_free (p->unit_end);
  if (p->page_first != NULL)
    g_array_unref (p->page_first);
  g_free (p->page_of_unit);
  g_free (p->stem);
  g_free (p->index_name);
}

static guint
n_pages (const Pages *p)
{
  return p->page_first->len - 1;
}

static guint
page_start (const Pages *p, guint page)
{
  return g_array_index (p->page_first, guint, page);
}

static gsize
unit_offset (const Pages *p, guint u)
{
  return u == 0 ? 0 : p->unit_end[u - 1];
}

/* The link to finding @k: "STEM-P.html#f-K" (base name only: pages sit side by side). */
static void
append_finding_link (GString *out, const Pages *p, guint k, const char *text)
{
  const BitextFinding *f = p->r.findings->pdata[k];
  g_autofree char *base = g_path_get_basename (p->stem);
  g_string_append_printf (out, "<a href=\"");
  append_escaped (out, base, -1);
  g_string_append_printf (out, "-%u.html#f-%u\">%s</a>", p->page_of_unit[f->unit] + 1, k, text);
}

static void
append_page_link (GString *out, const Pages *p, guint page, const char *rel, const char *text)
{
  g_autofree char *base = g_path_get_basename (p->stem);
  g_string_append_printf (out, "<a rel=\"%s\" href=\"", rel);
  append_escaped (out, base, -1);
  g_string_append_printf (out, "-%u.html\">%s</a>", page + 1, text);
}

/* The first finding of each check at or after unit @u, or -1. */
static void
first_from (const Pages *p, guint u, int first_of[BITEXT_CHECK_N])
{
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    first_of[c] = -1;
  const GPtrArray *findings = p->r.findings;
  guint found = 0;
  for (guint k = p->first[u]; k < findings->len && found < BITEXT_CHECK_N; k++)
    {
      const BitextFinding *f = findings->pdata[k];
      if (first_of[f->check] < 0)
        {
          first_of[f->check] = (int) k;
          found++;
        }
    }
}

/*
** The summary of a paged report: counts by check over the whole report, the
** link to each check's first finding and, on a page, to its first finding
** on or after this page ("next").
*/
static void
append_paged_summary (GString *out, const Pages *p, int page)
{
  int first_of[BITEXT_CHECK_N], next_of[BITEXT_CHECK_N];
  first_from (p, 0, first_of);
  if (page >= 0)
    first_from (p, page_start (p, (guint) page), next_of);
  append_summary_table (out, p->r.sum, first_of, page >= 0 ? next_of : NULL, p);
}

/* Counts of the findings of units [a, b) by severity. */
static void
count_range (const Pages *p, guint a, guint b, guint n[BITEXT_SEVERITY_ERROR + 1])
{
  for (int s = 0; s <= BITEXT_SEVERITY_ERROR; s++)
    n[s] = 0;
  for (guint k = p->first[a]; k < p->first[b]; k++)
    n[((const BitextFinding *) p->r.findings->pdata[k])->severity]++;
}

/* The index page: header, summary, and one row a page with its pairs and counts. */
static void
append_index (GString *out, const Pages *p)
{
  append_top (out, &p->r);
  append_paged_summary (out, p, -1);
  append_note (out, &p->r);
  g_string_append (out, "<section id=\"pages\">\n<h2>Pages</h2>\n<table class=\"summary\">\n"
                        "<thead><tr><th>Page</th><th>Pairs</th><th>error</th><th>warning</th>"
                        "<th>info</th></tr></thead>\n<tbody>\n");
  for (guint page = 0; page < n_pages (p); page++)
    {
      guint a = page_start (p, page), b = page_start (p, page + 1);
      guint n[BITEXT_SEVERITY_ERROR + 1];
      count_range (p, a, b, n);
      g_autofree char *text = g_strdup_printf ("%u", page + 1);
      g_string_append (out, "<tr><td>");
      append_page_link (out, p, page, "section", text);
      g_string_append_printf (out, "</td><td>%u–%u</td><td class=\"n\">%u</td><td class=\"n\">%u"
                                   "</td><td class=\"n\">%u</td></tr>\n",
                              a < b ? p->units[a].index : 0, a < b ? p->units[b - 1].index : 0,
                              n[2], n[1], n[0]);
    }
  g_string_append (out, "</tbody>\n</table>\n</section>\n</body>\n</html>\n");
}

/* Page @page's navigation: the index, previous and next pages. */
static void
append_nav (GString *out, const Pages *p, guint page)
{
  g_string_append (out, "<nav class=\"pages\"><a rel=\"index\" href=\"");
  append_escaped (out, p->index_name, -1);
  g_string_append (out, "\">index</a>");
  if (page > 0)
    {
      g_string_append (out, " · ");
      append_page_link (out, p, page - 1, "prev", "‹ previous");
    }
  g_string_append_printf (out, " · page %u of %u", page + 1, n_pages (p));
  if (page + 1 < n_pages (p))
    {
      g_string_append (out, " · ");
      append_page_link (out, p, page + 1, "next", "next ›");
    }
  g_string_append (out, "</nav>\n");
}

/* Page @page, whole, into @out. */
static void
append_page (GString *out, const Pages *p, guint page)
{
  guint a = page_start (p, page), b = page_start (p, page + 1);
  append_top (out, &p->r);
  append_nav (out, p, page);
  append_paged_summary (out, p, (int) page);
  BitextReportSummary here;
  g_autoptr(GPtrArray) some = g_ptr_array_new ();
  for (guint k = p->first[a]; k < p->first[b]; k++)
    g_ptr_array_add (some, p->r.findings->pdata[k]);
  bitext_report_summarise (some, &here);
  append_filters (out, &here);
  append_table_head (out, p->r.opts);
  g_string_append_len (out, p->units_html->str + unit_offset (p, a),
                       (gssize) (unit_offset (p, b) - unit_offset (p, a)));
  g_string_append (out, "</table>\n");
  append_nav (out, p, page);
  g_string_append_printf (out, "<script>\n%s</script>\n</body>\n</html>\n", script);
}

/* The bytes of page @page as written. */
static gsize
page_bytes (const Pages *p, guint page)
{
  g_autoptr(GString) s = g_string_new (NULL);
  append_page (s, p, page);
  return s->len;
}

/*
** Split the units into pages of at most @limit bytes: greedy, with @reserve
** bytes a page kept for its frame (head, navigation, summary, filters). A
** unit bigger than a page alone gets a page of its own.
*/
static void
paginate (Pages *p, gsize limit, gsize reserve)
{
  g_array_set_size (p->page_first, 0);
  guint zero = 0;
  g_array_append_val (p->page_first, zero);
  gsize budget = limit > reserve ? limit - reserve : 0;
  gsize start = 0;
  for (guint u = 0; u < p->n_units; u++)
    {
      guint a = g_array_index (p->page_first, guint, p->page_first->len - 1);
      if (u > a && p->unit_end[u] - start > budget)
        {
          g_array_append_val (p->page_first, u);
          start = unit_offset (p, u);
        }
    }
  g_array_append_val (p->page_first, p->n_units);
  if (p->n_units == 0)
    g_array_append_val (p->page_first, p->n_units);
  for (guint page = 0; page < n_pages (p); page++)
    for (guint u = page_start (p, page); u < page_start (p, page + 1); u++)
      p->page_of_unit[u] = page;
}

/* The default writer of bitext_report_write_html(): bitext__file_replace(). */
static gboolean
write_file (const char *path, const GString *s, gpointer data, GError **error)
{
  (void) data;
  return bitext__file_replace (path, s->str, s->len, error);
}

/**
 * bitext_report_write_html:
 * @path: the report's file (its folder must exist)
 * @units: (array length=n_units): the units checked
 * @n_units: their number
 * @findings: (element-type BitextFinding): the findings, sorted by unit
 * @options: (nullable): as for bitext_report_append_html(); page_bytes bounds a page
 * @write: (nullable) (scope call): writes one file whole or not at all; %NULL:
 *   the library's own writer (an unnamed temporary file named and renamed over it)
 * @write_data: its data
 * @n_pages_out: (out) (optional): the number of pages of units written (1: one page)
 * @error: return location for an error
 *
 * Writes the HTML report to @path. When the page of
 * bitext_report_append_html() fits in options->page_bytes, that page is
 * @path. Otherwise @path is an index (the header, counts by check linking
 * to each check's first finding, and the pages with their pairs and
 * counts) and the units go to pages STEM-1.html, STEM-2.html, … beside it
 * (STEM: @path without ".html"), each at most page_bytes unless one unit
 * alone is bigger, each self-contained (inline style and script), with
 * links to the index and the previous and next pages, and the summary with
 * each check's next finding from that page on. Each file goes through
 * @write, the index last.
 *
 * Returns: %TRUE on success
 */
gboolean
bitext_report_write_html (const char *path, const BitextQaUnit *units, guint n_units,
                          const GPtrArray *findings, const BitextReportOptions *options,
                          BitextReportWriteFunc write, gpointer write_data, guint *n_pages_out,
                          GError **error)
{
  g_return_val_if_fail (path != NULL && (units != NULL || n_units == 0) && findings != NULL,
                        FALSE);
  BitextReportOptions defaults = BITEXT_REPORT_OPTIONS_INIT;
  const BitextReportOptions *opts = options != NULL ? options : &defaults;
  if (write == NULL)
    write = write_file;
  gsize limit = opts->page_bytes > 0 ? opts->page_bytes : BITEXT_REPORT_PAGE_BYTES;
  BitextReportSummary sum;
  bitext_report_summarise (findings, &sum);
  Pages p = { units, n_units, { opts, &sum, findings, n_units }, NULL, NULL, NULL, NULL, NULL,
              NULL, NULL };
  p.first = bitext_report__index_findings (findings, n_units);
  p.units_html = g_string_new (NULL);
  p.unit_end = g_new0 (gsize, (gsize) n_units + 1);
  append_units (p.units_html, units, 0, n_units, &p.r, p.first, p.unit_end);
  gboolean ok;
  {
    g_autoptr(GString) one = g_string_new (NULL);
    append_top (one, &p.r);
    append_summary (one, findings, &sum);
    append_note (one, &p.r);
    append_filters (one, &sum);
    append_table_head (one, opts);
    if (one->len + p.units_html->len + sizeof script + 64 <= limit)
      {
        g_string_append_len (one, p.units_html->str, (gssize) p.units_html->len);
        append_bottom (one);
        ok = write (path, one, write_data, error);
        if (n_pages_out != NULL)
          *n_pages_out = 1;
        pages_clear (&p);
        return ok;
      }
  }
  p.page_first = g_array_new (FALSE, FALSE, sizeof (guint));
  p.page_of_unit = g_new0 (guint, (gsize) n_units + 1);
  p.stem = g_str_has_suffix (path, ".html") ? g_strndup (path, strlen (path) - 5)
                                            : g_strdup (path);
  p.index_name = g_path_get_basename (path);
  /* The frame grows with the numbers in its links: paginate, measure, and again while a
     page of more than one unit is over the limit. */
  gsize reserve = 0;
  for (int round = 0; round < 8; round++)
    {
      paginate (&p, limit, reserve);
      gsize over = 0;
      for (guint page = 0; page < n_pages (&p); page++)
        {
          guint a = page_start (&p, page), b = page_start (&p, page + 1);
          gsize bytes = page_bytes (&p, page);
          if (bytes > limit && b - a > 1)
            over = MAX (over, bytes - limit);
        }
      if (over == 0)
        break;
      reserve += over;
    }
  ok = TRUE;
  for (guint page = 0; ok && page < n_pages (&p); page++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      append_page (s, &p, page);
      g_autofree char *name = g_strdup_printf ("%s-%u.html", p.stem, page + 1);
      ok = write (name, s, write_data, error);
    }
  if (ok)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      append_index (s, &p);
      ok = write (path, s, write_data, error);
    }
  if (n_pages_out != NULL)
    *n_pages_out = n_pages (&p);
  pages_clear (&p);
  return ok;
}
