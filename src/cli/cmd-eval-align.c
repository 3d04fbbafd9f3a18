/* bitext eval-align — score alignments against gold ones: strict and lax precision, recall, F1. */
#include <string.h>

#include <bitext/bitext.h>

#include "cmd.h"
#include "common.h"

static char *opt_format = NULL;
static char *opt_output = NULL;

static const GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "text (a table, default) or json (one object with the counts too)", "FORMAT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (replaced only when complete) instead of stdout", "FILE" },
  { NULL }
};

typedef struct
{
  const char *gold;
  const char *pred;
  BitextAlignEvalCounts counts;
} Document;

static void
print_text_row (FILE *out, const BitextAlignEvalCounts *c, const char *label)
{
  BitextAlignEvalScore s, l;
  bitext_align_eval_score (c, &s, &l);
  fprintf (out, "%7u %7u   %.4f %.4f %.4f   %.4f %.4f %.4f   %s\n", c->pred_beads, c->gold_beads,
           s.precision, s.recall, s.f1, l.precision, l.recall, l.f1, label);
}

static void
print_text (FILE *out, const GArray *docs, const BitextAlignEvalCounts *total)
{
  fprintf (out, "%7s %7s   %-20s   %s\n", "pred", "gold", "strict", "lax");
  fprintf (out, "%7s %7s   %-6s %-6s %-6s   %-6s %-6s %-6s   %s\n", "beads", "beads", "P", "R",
           "F1", "P", "R", "F1", "gold file");
  for (guint i = 0; i < docs->len; i++)
    {
      const Document *d = &g_array_index (docs, Document, i);
      print_text_row (out, &d->counts, d->gold);
    }
  g_autofree char *label = g_strdup_printf ("micro-average of %u document%s", docs->len,
                                            docs->len == 1 ? "" : "s");
  print_text_row (out, total, label);
}

static void
append_json_counts (GString *j, const BitextAlignEvalCounts *c)
{
  BitextAlignEvalScore s, l;
  bitext_align_eval_score (c, &s, &l);
  g_string_append_printf (j,
                          "\"pred_beads\":%u,\"gold_beads\":%u,"
                          "\"strict\":{\"precision\":%.6f,\"recall\":%.6f,\"f1\":%.6f,"
                          "\"pred_hits\":%u,\"gold_hits\":%u},"
                          "\"lax\":{\"precision\":%.6f,\"recall\":%.6f,\"f1\":%.6f,"
                          "\"pred_hits\":%u,\"gold_hits\":%u}",
                          c->pred_beads, c->gold_beads, s.precision, s.recall, s.f1,
                          c->strict_pred_hits, c->strict_gold_hits, l.precision, l.recall, l.f1,
                          c->lax_pred_hits, c->lax_gold_hits);
}

static void
print_json (FILE *out, const GArray *docs, const BitextAlignEvalCounts *total)
{
  g_autoptr(GString) j = g_string_new ("{\"documents\":[");
  for (guint i = 0; i < docs->len; i++)
    {
      const Document *d = &g_array_index (docs, Document, i);
      g_string_append (j, i > 0 ? ",{\"gold\":" : "{\"gold\":");
      bitext_json_append_string (j, d->gold);
      g_string_append (j, ",\"pred\":");
      bitext_json_append_string (j, d->pred);
      g_string_append_c (j, ',');
      append_json_counts (j, &d->counts);
      g_string_append_c (j, '}');
    }
  g_string_append_printf (j, "],\"micro\":{\"documents\":%u,", docs->len);
  append_json_counts (j, total);
  g_string_append (j, "}}\n");
  fwrite (j->str, 1, j->len, out);
}

static gboolean
score_pair (Document *d, GError **error)
{
  g_autoptr(BitextBeadList) gold = bitext_bead_list_load_file (d->gold, error);
  if (gold == NULL)
    return FALSE;
  g_autoptr(BitextBeadList) pred = bitext_bead_list_load_file (d->pred, error);
  if (pred == NULL)
    return FALSE;
  bitext_align_eval_count (gold, pred, &d->counts);
  return TRUE;
}

int
cmd_eval_align (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "GOLD PRED [GOLD PRED…]",
      "Score each PRED alignment (a bead file, - for stdin) against its GOLD one: strict\n"
      "(exact bead) and lax (a shared sentence on each side) precision, recall and F1, per\n"
      "document and micro-averaged. Precision counts every predicted bead, recall the gold\n"
      "beads with both sides non-empty (Sennrich & Volk 2011; vecalign's scorer).",
      entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc < 3 || (argc - 1) % 2 != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "eval-align: expected GOLD PRED pairs, got %d file%s; see 'bitext help "
                   "eval-align'", argc - 1, argc == 2 ? "" : "s");
      return BITEXT_EXIT_ERROR;
    }
  const char *format = opt_format != NULL ? opt_format : "text";
  if (strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "eval-align: unknown --format '%s' (text or json)", format);
      return BITEXT_EXIT_ERROR;
    }

  int n_stdin = 0;
  for (int i = 1; i < argc; i++)
    n_stdin += strcmp (argv[i], "-") == 0;
  if (n_stdin > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "eval-align: standard input (-) can be read only once");
      return BITEXT_EXIT_ERROR;
    }

  /* Everything is read and scored before anything is written. */
  g_autoptr(GArray) docs = g_array_new (FALSE, TRUE, sizeof (Document));
  BitextAlignEvalCounts total = { 0 };
  for (int i = 1; i + 1 < argc; i += 2)
    {
      Document d = { .gold = argv[i], .pred = argv[i + 1] };
      if (!score_pair (&d, error))
        return BITEXT_EXIT_ERROR;
      bitext_align_eval_add (&total, &d.counts);
      g_array_append_val (docs, d);
    }

  BitextOutput out;
  if (!bitext_output_open (&out, opt_output, error))
    return BITEXT_EXIT_ERROR;
  if (strcmp (format, "json") == 0)
    print_json (out.stream, docs, &total);
  else
    print_text (out.stream, docs, &total);
  return bitext_output_commit (&out, error) ? BITEXT_EXIT_OK : BITEXT_EXIT_ERROR;
}
