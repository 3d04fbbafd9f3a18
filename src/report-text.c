/* bitext — the terminal view of a report: pairs side by side, flagged spans marked, a summary. */
#include <string.h>

#include <unicode/uchar.h>

#include "report-private.h"

typedef struct
{
  GString *out;
  gboolean colour;
  guint width;              /* display columns of one side */
} View;

static const char *const colour_on[] = { "\033[30;46m", "\033[30;43m", "\033[1;37;41m" };
#define COLOUR_OFF "\033[0m"

/* Display width of a character: 0 for combining marks, 2 for East Asian wide and fullwidth. */
static guint
char_width (gunichar c)
{
  int8_t type = u_charType ((UChar32) c);
  if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || c == 0x200B)
    return 0;
  int ea = u_getIntPropertyValue ((UChar32) c, UCHAR_EAST_ASIAN_WIDTH);
  return ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
}

/* One displayed line of a side: its bytes (with markers or colour) and its width. */
typedef struct
{
  GString *text;
  guint width;
} Cell;

static void
cell_free (gpointer p)
{
  g_string_free (((Cell *) p)->text, TRUE);
  g_free (p);
}

static Cell *
new_cell (GPtrArray *cells, const View *view, guint8 state)
{
  Cell *c = g_new0 (Cell, 1);
  c->text = g_string_new (NULL);
  if (state && view->colour)
    g_string_append (c->text, colour_on[state - 1]);
  g_ptr_array_add (cells, c);
  return c;
}

/* End @cur at a line break: close an open colour, and start the next line reopening it. */
static Cell *
break_line (GPtrArray *cells, Cell *cur, const View *view, guint8 state)
{
  if (state && view->colour)
    g_string_append (cur->text, COLOUR_OFF);
  return new_cell (cells, view, state);
}

/* Switch from flag level @state to @level at the current position of @cur. */
static void
switch_level (Cell *cur, const View *view, guint8 state, guint8 level)
{
  if (view->colour)
    {
      g_string_append (cur->text, level ? colour_on[level - 1] : COLOUR_OFF);
      return;
    }
  g_string_append (cur->text, state ? "]]" : "");
  g_string_append (cur->text, level ? "[[" : "");
  cur->width += (state ? 2 : 0) + (level ? 2 : 0);
}

/* Columns of @text[i..) up to and including the spaces after the next word, markers counted. */
static guint
word_width (const View *view, const char *text, gsize n, const guint8 *level, gsize i, gsize *end)
{
  gsize j = i;
  guint w = 0;
  while (j < n && text[j] != ' ')
    {
      w += char_width (g_utf8_get_char (text + j));
      if (!view->colour && level[j] != (j > 0 ? level[j - 1] : 0))
        w += 2;
      j = (gsize) (g_utf8_next_char (text + j) - text);
    }
  while (j < n && text[j] == ' ')
    j++, w++;
  *end = j;
  return w;
}

/*
** Lay out @text in lines of at most view->width columns, breaking after
** spaces where it can and inside a word only when the word alone is wider
** than a line. @level[i] is 0 for a plain byte and severity + 1 for a
** flagged one; flagged runs get colour (closed and reopened at line ends)
** or [[ ]] markers.
*/
static GPtrArray *
layout (const View *view, const char *text, const guint8 *level)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (cell_free);
  guint8 state = 0;
  Cell *cur = new_cell (cells, view, state);
  gsize n = strlen (text);
  for (gsize i = 0; i < n;)
    {
      gsize j;
      guint w = word_width (view, text, n, level, i, &j);
      if (cur->width > 0 && cur->width + w > view->width)
        cur = break_line (cells, cur, view, state);
      for (; i < j; i = (gsize) (g_utf8_next_char (text + i) - text))
        {
          if (level[i] != state)
            {
              switch_level (cur, view, state, level[i]);
              state = level[i];
            }
          guint cw = char_width (g_utf8_get_char (text + i));
          if (cur->width + cw > view->width && cur->width > 0)
            cur = break_line (cells, cur, view, state);
          g_string_append_len (cur->text, text + i, g_utf8_next_char (text + i) - (text + i));
          cur->width += cw;
        }
    }
  if (state)
    switch_level (cur, view, state, 0);
  return cells;
}

/* Flag levels per byte of one side of a unit from its findings [first, last). */
static guint8 *
flag_levels (const char *text, const GPtrArray *findings, guint first, guint last,
             gboolean source)
{
  gsize n = strlen (text);
  guint8 *level = g_new0 (guint8, n + 1);
  for (guint k = first; k < last; k++)
    {
      const BitextFinding *f = findings->pdata[k];
      const BitextQaSpan *s = source ? &f->source_span : &f->target_span;
      for (gssize b = s->byte_start; b >= 0 && b < s->byte_end && (gsize) b < n; b++)
        level[b] = MAX (level[b], (guint8) (f->severity + 1));
    }
  return level;
}

static void
append_pair (View *view, const BitextQaUnit *q, guint unit, const char *label,
             const GPtrArray *findings, guint first, guint last)
{
  const char *src = q->source != NULL ? q->source : "";
  const char *tgt = q->target != NULL ? q->target : "";
  g_autofree guint8 *sl = flag_levels (src, findings, first, last, TRUE);
  g_autofree guint8 *tl = flag_levels (tgt, findings, first, last, FALSE);
  g_autoptr(GPtrArray) left = layout (view, src, sl);
  g_autoptr(GPtrArray) right = layout (view, tgt, tl);
  g_string_append_printf (view->out, "── %u%s%s\n", unit, label[0] != '\0' ? " " : "", label);
  for (guint r = 0; r < MAX (left->len, right->len); r++)
    {
      const Cell *a = r < left->len ? left->pdata[r] : NULL;
      const Cell *b = r < right->len ? right->pdata[r] : NULL;
      guint pad = view->width - (a != NULL ? MIN (a->width, view->width) : 0);
      g_string_append_printf (view->out, "  %s%*s │ %s\n", a != NULL ? a->text->str : "",
                              (int) pad, "", b != NULL ? b->text->str : "");
    }
  for (guint k = first; k < last; k++)
    {
      const BitextFinding *f = findings->pdata[k];
      g_string_append_printf (view->out, "  %s%-7s%s %-20s %s\n",
                              view->colour ? colour_on[f->severity] : "",
                              bitext_severity_get_name (f->severity),
                              view->colour ? COLOUR_OFF : "", bitext_check_get_id (f->check),
                              f->message);
    }
  g_string_append_c (view->out, '\n');
}

static void
append_summary (GString *out, const GPtrArray *findings, guint n_units)
{
  BitextReportSummary sum;
  bitext_report_summarise (findings, &sum);
  g_string_append_printf (out, "%u findings in %u units\n", findings->len, n_units);
  g_string_append_printf (out, "  %-20s %6s %8s %6s\n", "check", "error", "warning", "info");
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    {
      const guint *n = sum.by_check[c];
      if (n[0] + n[1] + n[2] > 0)
        g_string_append_printf (out, "  %-20s %6u %8u %6u\n", bitext_check_get_id (c), n[2],
                                n[1], n[0]);
    }
}

/**
 * bitext_report_append_text:
 * @out: the string to append to
 * @units: (array length=n_units): the units checked
 * @n_units: their number
 * @findings: (element-type BitextFinding): the findings, sorted by unit
 * @options: (nullable): labels, width, colour, whether to show clean pairs
 *
 * Appends the terminal view: each flagged pair (every pair with
 * options->all) side by side in two columns of (width - 5) / 2 display
 * columns (East Asian wide characters count 2, combining marks 0), the
 * flagged spans in colour or between [[ and ]], one line per finding under
 * its pair, then the counts by check and severity.
 */
void
bitext_report_append_text (GString *out, const BitextQaUnit *units, guint n_units,
                           const GPtrArray *findings, const BitextReportOptions *options)
{
  g_return_if_fail (out != NULL && (units != NULL || n_units == 0) && findings != NULL);
  BitextReportOptions defaults = BITEXT_REPORT_OPTIONS_INIT;
  const BitextReportOptions *opts = options != NULL ? options : &defaults;
  View view = { out, opts->colour, MAX (opts->width > 5 ? (opts->width - 5) / 2 : 0, 20u) };
  g_autofree guint *first = bitext_report__index_findings (findings, n_units);
  for (guint u = 0; u < n_units; u++)
    if (first[u + 1] > first[u] || opts->all)
      append_pair (&view, &units[u], u, opts->labels != NULL ? opts->labels[u] : "",
                   findings, first[u], first[u + 1]);
  append_summary (out, findings, n_units);
  g_autofree char *note = bitext_qa_dup_spelling_note (opts->src_lang, opts->tgt_lang);
  if (note != NULL)
    g_string_append_printf (out, "note: %s\n", note);
}
