/* bitext eval-align — score alignments against gold ones: strict and lax precision, recall, F1,
** and, for scored predictions (align --format jsonl), the calibration of the scores. */
#include <math.h>
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
  BitextAlignScores *scores;    /* NULL when the predictions carry no scores */
} Document;

static void
clear_document (gpointer p)
{
  Document *d = p;
  g_clear_pointer (&d->scores, bitext_align_scores_free);
}

/* A ratio for the calibration block: "-" when undefined. */
static char *
fmt_ratio (double v)
{
  return isnan (v) ? g_strdup ("-") : g_strdup_printf ("%.4f", v);
}

static double
safe_ratio (guint num, guint den)
{
  return den == 0 ? NAN : (double) num / den;
}

static void
print_text_calibration (FILE *out, const BitextAlignScores *scores, guint n_docs)
{
  BitextAlignCalibration c;
  bitext_align_scores_calibrate (scores, &c);
  g_autofree char *auc = fmt_ratio (c.auc);
  g_autofree char *caught = fmt_ratio (safe_ratio (c.low_wrong, c.wrong));
  g_autofree char *marked = fmt_ratio (safe_ratio (c.low_beads, c.beads));
  fprintf (out, "\ncalibration: %u scored bead%s in %u document%s, %u wrong (not exactly a gold bead)\n",
           c.beads, c.beads == 1 ? "" : "s", n_docs, n_docs == 1 ? "" : "s", c.wrong);
  fprintf (out, "  AUC of the score, right beads above wrong ones (ties half): %s\n", auc);
  fprintf (out, "  low mark: %u of %u wrong beads caught (%s), %u of %u beads marked (%s)\n",
           c.low_wrong, c.wrong, caught, c.low_beads, c.beads, marked);
  g_autofree char *best_caught = fmt_ratio (safe_ratio (c.best_wrong, c.wrong));
  g_autofree char *best_marked = fmt_ratio (safe_ratio (c.best_beads, c.beads));
  fprintf (out, "  best threshold on the score marking at most %.0f%% of the beads: %u of %u wrong"
           " beads caught (%s), %u of %u beads marked (%s)\n",
           100.0 * BITEXT_ALIGN_CALIBRATION_MARK_SHARE, c.best_wrong, c.wrong, best_caught,
           c.best_beads, c.beads, best_marked);
  fprintf (out, "  %-9s %7s %7s %7s\n", "score", "beads", "mean", "right");
  for (guint k = 0; k < BITEXT_ALIGN_CALIBRATION_BINS; k++)
    {
      g_autofree char *mean = fmt_ratio (c.bin_mean_score[k]);
      g_autofree char *right = fmt_ratio (c.bin_right[k]);
      fprintf (out, "  %.1f-%.1f   %7u %7s %7s\n", (double) k / BITEXT_ALIGN_CALIBRATION_BINS,
               (double) (k + 1) / BITEXT_ALIGN_CALIBRATION_BINS, c.bin_beads[k], mean, right);
    }
}

/* A JSON number, or null when undefined. */
static void
append_json_number (GString *j, double v)
{
  if (isnan (v))
    g_string_append (j, "null");
  else
    g_string_append_printf (j, "%.6f", v);
}

static void
append_json_calibration (GString *j, const BitextAlignScores *scores)
{
  BitextAlignCalibration c;
  bitext_align_scores_calibrate (scores, &c);
  g_string_append_printf (j, ",\"calibration\":{\"beads\":%u,\"wrong\":%u,\"auc\":", c.beads,
                          c.wrong);
  append_json_number (j, c.auc);
  g_string_append_printf (j, ",\"low\":{\"beads\":%u,\"wrong\":%u,\"wrong_caught\":", c.low_beads,
                          c.low_wrong);
  append_json_number (j, safe_ratio (c.low_wrong, c.wrong));
  g_string_append (j, ",\"beads_marked\":");
  append_json_number (j, safe_ratio (c.low_beads, c.beads));
  g_string_append_printf (j, "},\"best_threshold\":{\"max_marked\":%.2f,\"beads\":%u,\"wrong\":%u,"
                          "\"wrong_caught\":", BITEXT_ALIGN_CALIBRATION_MARK_SHARE, c.best_beads,
                          c.best_wrong);
  append_json_number (j, safe_ratio (c.best_wrong, c.wrong));
  g_string_append (j, ",\"beads_marked\":");
  append_json_number (j, safe_ratio (c.best_beads, c.beads));
  g_string_append (j, "},\"bins\":[");
  for (guint k = 0; k < BITEXT_ALIGN_CALIBRATION_BINS; k++)
    {
      g_string_append_printf (j, "%s{\"from\":%.1f,\"to\":%.1f,\"beads\":%u,\"mean_score\":",
                              k > 0 ? "," : "", (double) k / BITEXT_ALIGN_CALIBRATION_BINS,
                              (double) (k + 1) / BITEXT_ALIGN_CALIBRATION_BINS, c.bin_beads[k]);
      append_json_number (j, c.bin_mean_score[k]);
      g_string_append (j, ",\"right\":");
      append_json_number (j, c.bin_right[k]);
      g_string_append_c (j, '}');
    }
  g_string_append (j, "]}");
}

static void
print_text_row (FILE *out, const BitextAlignEvalCounts *c, const char *label)
{
  BitextAlignEvalScore s, l;
  bitext_align_eval_score (c, &s, &l);
  fprintf (out, "%7u %7u   %.4f %.4f %.4f   %.4f %.4f %.4f   %s\n", c->pred_beads, c->gold_beads,
           s.precision, s.recall, s.f1, l.precision, l.recall, l.f1, label);
}

static void
print_text (FILE *out, const GArray *docs, const BitextAlignEvalCounts *total,
            const BitextAlignScores *scores, guint n_scored)
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
  if (n_scored > 0)
    print_text_calibration (out, scores, n_scored);
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
print_json (FILE *out, const GArray *docs, const BitextAlignEvalCounts *total,
            const BitextAlignScores *scores, guint n_scored)
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
      if (d->scores != NULL)
        append_json_calibration (j, d->scores);
      g_string_append_c (j, '}');
    }
  g_string_append_printf (j, "],\"micro\":{\"documents\":%u,", docs->len);
  append_json_counts (j, total);
  if (n_scored > 0)
    {
      append_json_calibration (j, scores);
      g_string_truncate (j, j->len - 1);
      g_string_append_printf (j, ",\"documents\":%u}", n_scored);
    }
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
  /* The prediction covers both texts once, in order; the gold may cross and skip
     sentences but names none past the prediction's end. */
  guint covered[2];
  if (!bitext_bead_list_check_cover (pred, d->pred, TRUE, NULL, covered, error)
      || !bitext_bead_list_check_cover (gold, d->gold, FALSE, covered, NULL, error))
    return FALSE;
  bitext_align_eval_count (gold, pred, &d->counts);
  if (bitext_bead_list_has_scores (pred))
    {
      d->scores = bitext_align_scores_new ();
      bitext_align_scores_add (d->scores, gold, pred);
    }
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
      "beads with both sides non-empty (Sennrich & Volk 2011; vecalign's scorer).\n"
      "A PRED written by 'bitext align --format jsonl' carries scores: then the AUC of the\n"
      "score for telling wrong beads from right ones, a reliability table in 10 score bins,\n"
      "what the low mark catches, and what the best threshold on the score marking at most\n"
      "15% of the beads would catch (the bound the ranking of the scores sets) are printed too.",
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
  g_array_set_clear_func (docs, clear_document);
  BitextAlignEvalCounts total = { 0 };
  g_autoptr(BitextAlignScores) scores = bitext_align_scores_new ();
  guint n_scored = 0;
  for (int i = 1; i + 1 < argc; i += 2)
    {
      Document d = { .gold = argv[i], .pred = argv[i + 1] };
      if (!score_pair (&d, error))
        return BITEXT_EXIT_ERROR;
      bitext_align_eval_add (&total, &d.counts);
      if (d.scores != NULL)
        {
          bitext_align_scores_merge (scores, d.scores);
          n_scored++;
        }
      g_array_append_val (docs, d);
    }

  BitextOutput out;
  if (!bitext_output_open (&out, opt_output, error))
    return BITEXT_EXIT_ERROR;
  if (strcmp (format, "json") == 0)
    print_json (out.stream, docs, &total, scores, n_scored);
  else
    print_text (out.stream, docs, &total, scores, n_scored);
  return bitext_output_commit (&out, error) ? BITEXT_EXIT_OK : BITEXT_EXIT_ERROR;
}
