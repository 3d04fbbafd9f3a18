/* bitext tests — bead files and alignment scoring (strict and lax P/R/F1). */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "test-util.h"

static BitextBeadList *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  BitextBeadList *list = bitext_bead_list_parse ("t", text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static BitextBeadList *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "align-eval", name, NULL);
  g_autoptr(GError) error = NULL;
  BitextBeadList *list = bitext_bead_list_load_file (path, &error);
  g_assert_no_error (error);
  return list;
}

/* A bead written back as `[a,b]:[c]`, to compare parses with one string. */
static char *
bead_to_string (const BitextEvalBead *b)
{
  GString *s = g_string_new ("[");
  for (guint i = 0; i < b->n_src; i++)
    g_string_append_printf (s, i > 0 ? ",%u" : "%u", b->src[i]);
  g_string_append (s, "]:[");
  for (guint i = 0; i < b->n_tgt; i++)
    g_string_append_printf (s, i > 0 ? ",%u" : "%u", b->tgt[i]);
  g_string_append_printf (s, "]@%u", b->line);
  return g_string_free (s, FALSE);
}

static char *
list_to_string (const BitextBeadList *list)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < bitext_bead_list_get_n_beads (list); i++)
    {
      g_autofree char *b = bead_to_string (bitext_bead_list_get_bead (list, i));
      g_string_append_printf (s, "%s%s", i > 0 ? " " : "", b);
    }
  return g_string_free (s, FALSE);
}

/* Spellings of the format that tools write: spaces or none, a cost field, CRLF, blank lines. */
static void
test_parse_variants (void)
{
  static const struct
  {
    const char *text, *expected;
  } cases[] = {
    { "[0,1]:[2]\n[]:[3]\n[2]:[]\n", "[0,1]:[2]@1 []:[3]@2 [2]:[]@3" },
    { "[0, 1]:[2]\n[]:[3, 4, 5]", "[0,1]:[2]@1 []:[3,4,5]@2" },
    { " [ 0 , 1 ] : [ 2 ] \t\n", "[0,1]:[2]@1" },
    { "[0]:[0]:0.4321\n[1, 2]:[1]:1.5e-3\n", "[0]:[0]@1 [1,2]:[1]@2" },
    { "[0]:[0]\r\n\r\n\n[1]:[1]\r\n", "[0]:[0]@1 [1]:[1]@4" },
    { "[]:[]\n", "[]:[]@1" },
    { "[2, 1]:[007]\n", "[2,1]:[7]@1" },
    { "[2147483647]:[0]", "[2147483647]:[0]@1" },
    { "", "" },
    { "\n \n", "" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BitextBeadList) list = parse (cases[i].text);
      g_autofree char *got = list_to_string (list);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* Every error names the file, the line and the column (1-based, in characters). */
static void
test_parse_errors (void)
{
  static const struct
  {
    const char *text;
    gsize length;           /* 0: strlen */
    const char *message;
  } cases[] = {
    { "[0]:[0]\n[1]:[1\n", 0, "t:2:7: expected ',' or ']', found end of line" },
    { "[0]:[0]\n0:[1]\n", 0, "t:2:1: expected '[', found '0'" },
    { "[0] [1]\n", 0, "t:1:5: expected ':' between the source and the target side, found '['" },
    { "[0]:[1] x\n", 0, "t:1:9: expected end of line or ':' after the bead, found 'x'" },
    { "[0]:[1]]\n", 0, "t:1:8: expected end of line or ':' after the bead, found ']'" },
    { "[-1]:[0]\n", 0, "t:1:2: expected a sentence index or ']', found '-'" },
    { "[0,]:[1]\n", 0, "t:1:4: expected a sentence index after ',', found ']'" },
    { "[0 1]:[1]\n", 0, "t:1:4: expected ',' or ']', found '1'" },
    { "[0]:\n", 0, "t:1:5: expected '[', found end of line" },
    { "[0]:[1]\n[é]:[2]\n", 0, "t:2:2: expected a sentence index or ']', found 'é'" },
    { "[0]:[«1»]\n", 0, "t:1:6: expected a sentence index or ']', found '«'" },
    { "[0]:\xff\n", 0, "t:1:5: expected '[', found byte 0xFF" },
    { "[0\0]:[1]\n", 9, "t:1:3: expected ',' or ']', found byte 0x00" },
    { "[2147483648]:[0]\n", 0, "t:1:2: sentence index too large (at most 2147483647)" },
    { "[0]:[99999999999999999999999]\n", 0, "t:1:6: sentence index too large (at most 2147483647)" },
    /* A file that opens with a bead is a bead file: a JSON line further down is an error. */
    { "[0]:[0]\n{\"src\": [0]}\n", 0, "t:2:1: expected '[', found '{'" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = cases[i].length != 0 ? cases[i].length : strlen (cases[i].text);
      g_autoptr(BitextBeadList) list = bitext_bead_list_parse ("t", cases[i].text, len, &error);
      g_assert_null (list);
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_load_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextBeadList) missing = bitext_bead_list_load_file ("/nonexistent/x.align", &error);
  g_assert_null (missing);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/x.align: "));
  g_clear_error (&error);

  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "align-eval", NULL);
  g_autoptr(BitextBeadList) isdir = bitext_bead_list_load_file (dir, &error);
  g_assert_null (isdir);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
  g_autofree char *want_dir = g_strdup_printf ("%s: is a directory", dir);
  g_assert_cmpstr (error->message, ==, want_dir);
  g_clear_error (&error);

  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "align-eval", "bad.align", NULL);
  g_autoptr(BitextBeadList) list = bitext_bead_list_load_file (bad, &error);
  g_assert_null (list);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_autofree char *want = g_strdup_printf ("%s:3:9: expected a sentence index after ',', found 'x'", bad);
  g_assert_cmpstr (error->message, ==, want);
}

/* The format of tests/data/speech.gold.align (no spaces) parses: 80 beads. */
static void
test_load_speech_gold (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "speech.gold.align", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextBeadList) list = bitext_bead_list_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_bead_list_get_n_beads (list), ==, 80);
}

#define assert_counts(c, pb, gb, sp, lp, sg, lg)                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_assert_cmpuint ((c)->pred_beads, ==, (pb));                                                  \
    g_assert_cmpuint ((c)->gold_beads, ==, (gb));                                                  \
    g_assert_cmpuint ((c)->strict_pred_hits, ==, (sp));                                            \
    g_assert_cmpuint ((c)->lax_pred_hits, ==, (lp));                                               \
    g_assert_cmpuint ((c)->strict_gold_hits, ==, (sg));                                            \
    g_assert_cmpuint ((c)->lax_gold_hits, ==, (lg));                                               \
  }                                                                                                \
  G_STMT_END

#define assert_score(s, p, r, f)                                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_assert_cmpfloat_with_epsilon ((s)->precision, (p), 1e-12);                                   \
    g_assert_cmpfloat_with_epsilon ((s)->recall, (r), 1e-12);                                      \
    g_assert_cmpfloat_with_epsilon ((s)->f1, (f), 1e-12);                                          \
  }                                                                                                \
  G_STMT_END

/*
** doc1, worked by hand. Gold: [0]:[0] [1,2]:[1] [3]:[2,3] []:[4] [4]:[5] [5]:[]
** (4 beads with both sides: the recall denominator).
** Prediction, 7 beads: [0]:[0] strict; [1]:[1] lax (shares 1|1 with [1,2]:[1]);
** [2]:[] miss (an empty side matches only strictly); [3]:[2] lax; []:[3] miss;
** []:[4] strict (gold has it); [4,5]:[5] lax (4|5 with [4]:[5]).
** Precision strict 2/7, lax 5/7. Recall: [0]:[0] strict, the other three lax:
** strict 1/4, lax 4/4. F1 strict 2PR/(P+R) = (1/7)/(15/28) = 4/15, lax 5/6.
*/
static void
test_score_doc1 (void)
{
  g_autoptr(BitextBeadList) gold = load_fixture ("doc1.gold");
  g_autoptr(BitextBeadList) pred = load_fixture ("doc1.pred");
  BitextAlignEvalCounts c;
  bitext_align_eval_count (gold, pred, &c);
  assert_counts (&c, 7, 4, 2, 5, 1, 4);
  BitextAlignEvalScore s, l;
  bitext_align_eval_score (&c, &s, &l);
  assert_score (&s, 2.0 / 7, 1.0 / 4, 4.0 / 15);
  assert_score (&l, 5.0 / 7, 1.0, 5.0 / 6);
}

/*
** Micro-average over doc1 and doc2: counts are summed, then scored. doc2:
** 2 predicted, 2 gold, all strict hits. Strict P = 4/9, R = 3/6,
** F1 = (4/9)/(17/18) = 8/17; lax P = 7/9, R = 6/6, F1 = 7/8. (The macro
** average of the F1s, (4/15 + 1)/2, would differ.)
*/
static void
test_score_micro (void)
{
  g_autoptr(BitextBeadList) g1 = load_fixture ("doc1.gold");
  g_autoptr(BitextBeadList) p1 = load_fixture ("doc1.pred");
  g_autoptr(BitextBeadList) g2 = load_fixture ("doc2.gold");
  g_autoptr(BitextBeadList) p2 = load_fixture ("doc2.pred");
  g_assert_cmpuint (bitext_bead_list_get_n_beads (p2), ==, 2);
  BitextAlignEvalCounts c1, c2, total = { 0 };
  bitext_align_eval_count (g1, p1, &c1);
  bitext_align_eval_count (g2, p2, &c2);
  assert_counts (&c2, 2, 2, 2, 2, 2, 2);
  bitext_align_eval_add (&total, &c1);
  bitext_align_eval_add (&total, &c2);
  assert_counts (&total, 9, 6, 4, 7, 3, 6);
  BitextAlignEvalScore s, l;
  bitext_align_eval_score (&total, &s, &l);
  assert_score (&s, 4.0 / 9, 1.0 / 2, 8.0 / 17);
  assert_score (&l, 7.0 / 9, 1.0, 7.0 / 8);
}

typedef struct
{
  const char *name, *gold, *pred;
  guint pred_beads, gold_beads, strict_pred, lax_pred, strict_gold, lax_gold;
} ScoreCase;

static const ScoreCase score_cases[] = {
  /* A lax match needs a source and a target sentence of the SAME gold bead. */
  { "lax-same-gold-bead", "[0]:[0]\n[1]:[1]\n", "[0]:[1]\n[1]:[0]\n", 2, 2, 0, 0, 0, 0 },
  { "lax-2-1-vs-1-1", "[0, 1]:[0]\n", "[0]:[0]\n[1]:[]\n", 2, 1, 0, 1, 0, 1 },
  /* Gold 1-0 / 0-1 beads are not recall targets, but a predicted one that matches scores. */
  { "gold-deletion", "[0]:[]\n[1]:[1]\n", "[0]:[]\n[1]:[1]\n", 2, 1, 2, 2, 1, 1 },
  { "pred-deletions-only", "[0]:[0]\n", "[0]:[]\n[]:[0]\n", 2, 1, 0, 0, 0, 0 },
  /* Predicted beads with both sides non-empty count for lax recall; deletions do not. */
  { "lax-recall-needs-both-sides", "[0, 1]:[0, 1]\n", "[0]:[]\n[1]:[1]\n[]:[0]\n", 3, 1, 0, 1, 0, 1 },
  /* Indices compare in the order written, as the reference scorer's tuples do. */
  { "order-matters", "[1, 2]:[0]\n", "[2, 1]:[0]\n", 1, 1, 0, 1, 0, 1 },
  { "duplicates-once", "[0]:[0]\n[0]:[0]\n", "[0]:[0]\n[0]:[0]\n[0]:[0]\n", 1, 1, 1, 1, 1, 1 },
  { "empty-both", "", "", 0, 0, 0, 0, 0, 0 },
  { "empty-pred", "[0]:[0]\n", "", 0, 1, 0, 0, 0, 0 },
  { "only-empty-beads", "[]:[]\n", "[]:[]\n", 0, 0, 0, 0, 0, 0 },
  /* Non-contiguous gold beads (as in Text+Berg) match laxly through any member. */
  { "gap-in-gold", "[5]:[4, 9]\n", "[5]:[9]\n[]:[4]\n", 2, 1, 0, 1, 0, 1 },
};

static void
test_score_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (score_cases); i++)
    {
      const ScoreCase *t = &score_cases[i];
      g_test_message ("case %s", t->name);
      g_autoptr(BitextBeadList) gold = parse (t->gold);
      g_autoptr(BitextBeadList) pred = parse (t->pred);
      BitextAlignEvalCounts c;
      bitext_align_eval_count (gold, pred, &c);
      assert_counts (&c, t->pred_beads, t->gold_beads, t->strict_pred, t->lax_pred, t->strict_gold,
                     t->lax_gold);
    }
}

/* Zero denominators give 0, never NaN; so does F1 when P and R are 0. */
static void
test_score_zero (void)
{
  BitextAlignEvalCounts none = { 0 };
  BitextAlignEvalScore s, l;
  bitext_align_eval_score (&none, &s, &l);
  assert_score (&s, 0.0, 0.0, 0.0);
  assert_score (&l, 0.0, 0.0, 0.0);
  BitextAlignEvalCounts miss = { .pred_beads = 3, .gold_beads = 2 };
  bitext_align_eval_score (&miss, &s, NULL);
  assert_score (&s, 0.0, 0.0, 0.0);
}

/* The gold against itself scores 1 everywhere; the gold-bead count matches the README (858). */
static void
test_textberg_self (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "eval",
                                                "textberg", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("../shared/eval/textberg absent");
      return;
    }
  BitextAlignEvalCounts total = { 0 };
  guint n_beads = 0;
  for (int i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("test%d.defr", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextBeadList) gold = bitext_bead_list_load_file (path, &error);
      g_assert_no_error (error);
      n_beads += bitext_bead_list_get_n_beads (gold);
      BitextAlignEvalCounts c;
      bitext_align_eval_count (gold, gold, &c);
      bitext_align_eval_add (&total, &c);
    }
  g_assert_cmpuint (n_beads, ==, 916);
  assert_counts (&total, 916, 858, 916, 916, 858, 858);
}

/*
** Calibration on scored.jsonl, worked by hand. Beads: [0]:[0] 0.95 right, [1]:[1] 0.35 low
** right, [2,3]:[2,3] 0.9 wrong, [4]:[4] 0.35 low wrong, [5]:[] 0.05 low wrong.
** AUC: right {0.95, 0.35} against wrong {0.9, 0.35, 0.05}: 0.95 beats all
** three (3), 0.35 beats 0.05 and ties 0.35 (1.5); 4.5 of 6 pairs = 0.75.
*/
static void
test_calibration (void)
{
  g_autoptr(BitextBeadList) gold = load_fixture ("scored.gold");
  g_autoptr(BitextBeadList) pred = load_fixture ("scored.jsonl");
  g_assert_false (bitext_bead_list_has_scores (gold));
  g_assert_true (bitext_bead_list_has_scores (pred));
  g_assert_cmpuint (bitext_bead_list_get_n_beads (pred), ==, 5);
  const BitextEvalBead *b = bitext_bead_list_get_bead (pred, 2);
  g_autofree char *s = bead_to_string (b);
  g_assert_cmpstr (s, ==, "[2,3]:[2,3]@3");
  g_assert_cmpfloat (b->score, ==, 0.9);
  g_assert_false (b->low);
  g_assert_cmpfloat (bitext_bead_list_get_bead (gold, 0)->score, ==, -1.0);

  /* Strict and lax scores are those of the same beads in a bead file. */
  BitextAlignEvalCounts c;
  bitext_align_eval_count (gold, pred, &c);
  g_assert_cmpuint (c.pred_beads, ==, 5);
  g_assert_cmpuint (c.strict_pred_hits, ==, 2);

  g_autoptr(BitextAlignScores) scores = bitext_align_scores_new ();
  bitext_align_scores_add (scores, gold, pred);
  bitext_align_scores_add (scores, pred, gold);        /* no scores: adds nothing */
  BitextAlignCalibration cal;
  bitext_align_scores_calibrate (scores, &cal);
  g_assert_cmpuint (cal.beads, ==, 5);
  g_assert_cmpuint (cal.wrong, ==, 3);
  g_assert_cmpfloat_with_epsilon (cal.auc, 0.75, 1e-12);
  g_assert_cmpuint (cal.low_beads, ==, 3);
  g_assert_cmpuint (cal.low_wrong, ==, 2);
  /* 15% of 5 beads is less than one: the best threshold marks none. */
  g_assert_cmpuint (cal.best_beads, ==, 0);
  g_assert_cmpuint (cal.best_wrong, ==, 0);
  static const guint bins[BITEXT_ALIGN_CALIBRATION_BINS] = { 1, 0, 0, 2, 0, 0, 0, 0, 0, 2 };
  for (guint k = 0; k < BITEXT_ALIGN_CALIBRATION_BINS; k++)
    {
      g_assert_cmpuint (cal.bin_beads[k], ==, bins[k]);
      g_assert_true (bins[k] > 0 || (isnan (cal.bin_mean_score[k]) && isnan (cal.bin_right[k])));
    }
  g_assert_cmpfloat_with_epsilon (cal.bin_mean_score[0], 0.05, 1e-12);
  g_assert_cmpfloat (cal.bin_right[0], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (cal.bin_mean_score[3], 0.35, 1e-12);
  g_assert_cmpfloat (cal.bin_right[3], ==, 0.5);
  g_assert_cmpfloat_with_epsilon (cal.bin_mean_score[9], 0.925, 1e-12);
  g_assert_cmpfloat (cal.bin_right[9], ==, 0.5);

  /* Micro-average: a second copy of the document doubles the counts, the AUC stays. */
  g_autoptr(BitextAlignScores) total = bitext_align_scores_new ();
  bitext_align_scores_merge (total, scores);
  bitext_align_scores_merge (total, scores);
  bitext_align_scores_calibrate (total, &cal);
  g_assert_cmpuint (cal.beads, ==, 10);
  g_assert_cmpuint (cal.low_wrong, ==, 4);
  g_assert_cmpfloat_with_epsilon (cal.auc, 0.75, 1e-12);
}

/* Calibrate @n beads [k]:[k] against a gold of the same, bead k scored @score[k], wrong
** (paired off its gold) where @wrong[k], marked low where @low[k]. */
static void
calibrate_beads (guint n, const double *score, const gboolean *wrong, const gboolean *low,
                 BitextAlignCalibration *cal)
{
  GString *gold = g_string_new (NULL), *pred = g_string_new (NULL);
  for (guint k = 0; k < n; k++)
    {
      g_string_append_printf (gold, "[%u]:[%u]\n", k, k);
      g_string_append_printf (pred, "{\"src\":[%u],\"tgt\":[%u],\"score\":%g,\"low_confidence\":%s}\n",
                              k, wrong[k] ? k + n : k, score[k], low[k] ? "true" : "false");
    }
  g_autoptr(BitextBeadList) g = parse (gold->str);
  g_autoptr(BitextBeadList) p = parse (pred->str);
  g_string_free (gold, TRUE);
  g_string_free (pred, TRUE);
  g_autoptr(BitextAlignScores) scores = bitext_align_scores_new ();
  bitext_align_scores_add (scores, g, p);
  bitext_align_scores_calibrate (scores, cal);
}

/*
** The best threshold on the score marking at most 15% of the beads: 20
** beads, so at most 3. Wrong beads score 0.1, 0.2 and 0.4, the last tied
** with two right beads; the 15 other right beads 0.9. Marking up to 0.2
** takes 2 beads, both wrong; up to 0.4 would take 5, more than 3, and a
** threshold cannot split the tie: 2 of 3 wrong beads at 2 marked. The low
** marks (on two 0.9 beads) do not change it. Then with only the bead at
** 0.1 wrong and right ones at 0.2 and 0.3, thresholds at 0.1, 0.2 and 0.3
** all catch it: the lowest, marking one bead, is the one reported.
*/
static void
test_calibration_best_threshold (void)
{
  double score[20];
  gboolean wrong[20], low[20];
  for (guint k = 0; k < 20; k++)
    {
      score[k] = k == 0 ? 0.1 : k == 1 ? 0.2 : k < 5 ? 0.4 : 0.9;
      wrong[k] = k < 3;
      low[k] = k >= 18;
    }
  BitextAlignCalibration cal;
  calibrate_beads (20, score, wrong, low, &cal);
  g_assert_cmpuint (cal.beads, ==, 20);
  g_assert_cmpuint (cal.wrong, ==, 3);
  g_assert_cmpuint (cal.low_beads, ==, 2);
  g_assert_cmpuint (cal.low_wrong, ==, 0);
  g_assert_cmpuint (cal.best_beads, ==, 2);
  g_assert_cmpuint (cal.best_wrong, ==, 2);

  for (guint k = 0; k < 20; k++)
    {
      score[k] = k == 0 ? 0.1 : k == 1 ? 0.2 : k == 2 ? 0.3 : 0.9;
      wrong[k] = k == 0;
    }
  calibrate_beads (20, score, wrong, low, &cal);
  g_assert_cmpuint (cal.wrong, ==, 1);
  g_assert_cmpuint (cal.best_beads, ==, 1);
  g_assert_cmpuint (cal.best_wrong, ==, 1);
}

/* AUC edge cases: perfect ranking 1, reversed 0, all tied 0.5, one class only NAN. */
static void
test_calibration_auc (void)
{
  static const struct
  {
    const char *pred;
    double auc;
  } cases[] = {
    { "{\"src\":[0],\"tgt\":[0],\"score\":0.9}\n{\"src\":[1],\"tgt\":[2],\"score\":0.2}\n", 1.0 },
    { "{\"src\":[0],\"tgt\":[0],\"score\":0.2}\n{\"src\":[1],\"tgt\":[2],\"score\":0.9}\n", 0.0 },
    { "{\"src\":[0],\"tgt\":[0],\"score\":1}\n{\"src\":[1],\"tgt\":[2],\"score\":1}\n", 0.5 },
    { "{\"src\":[0],\"tgt\":[0],\"score\":1}\n{\"src\":[1],\"tgt\":[1],\"score\":0}\n", NAN },
  };
  g_autoptr(BitextBeadList) gold = parse ("[0]:[0]\n[1]:[1]\n");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BitextBeadList) pred = parse (cases[i].pred);
      g_autoptr(BitextAlignScores) scores = bitext_align_scores_new ();
      bitext_align_scores_add (scores, gold, pred);
      BitextAlignCalibration cal;
      bitext_align_scores_calibrate (scores, &cal);
      if (isnan (cases[i].auc))
        g_assert_true (isnan (cal.auc));
      else
        g_assert_cmpfloat (cal.auc, ==, cases[i].auc);
    }
}

/* JSON Lines that do not parse: NAME:LINE and the cause. */
static void
test_jsonl_errors (void)
{
  static const struct
  {
    const char *text, *message;
  } cases[] = {
    { "{\"src\":[0],\"tgt\":[0],\"score\":1}\n{\"src\":[1],\"tgt\":[1]}\n",
      "t:2: expected \"score\": a number" },
    { "{\"src\":[0],\"score\":1}\n", "t:1: expected \"tgt\": an array of sentence indices" },
    { "{\"src\":[-1],\"tgt\":[0],\"score\":1}\n",
      "t:1: \"src\" holds something other than a sentence index" },
    { "{\"src\":[0.5],\"tgt\":[0],\"score\":1}\n",
      "t:1: \"src\" holds something other than a sentence index" },
    { "{\"src\":[0],\"tgt\":[0],\"score\":\"high\"}\n", "t:1: expected \"score\": a number" },
    { "{\"src\":[0],\"tgt\":[0],\"score\":1,\"low_confidence\":1}\n",
      "t:1: \"low_confidence\" is not true or false" },
    { "\n{\"src\":[0],\"tgt\":[0],\"score\":1}\n[1,2]\n", "t:3: expected a JSON object" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextBeadList) list = bitext_bead_list_parse ("t", cases[i].text,
                                                               strlen (cases[i].text), &error);
      g_assert_null (list);
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  /* A line that is no JSON at all names its line; the parser's words follow. */
  g_autoptr(GError) error = NULL;
  const char *text = "{\"src\":[0],\"tgt\":[0],\"score\":1}\n{oops\n";
  g_assert_null (bitext_bead_list_parse ("t", text, strlen (text), &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "t:2: not JSON: "));
}

/* Issue 16: a bead file must cover both texts once, in order, or be refused at its first bad line. */
static void
test_check_cover (void)
{
  static const struct
  {
    const char *text;
    gboolean in_order;
    const char *message;    /* NULL: accepted */
  } cases[] = {
    { "[0]:[0]\n[1,2]:[]\n[]:[1]\n", TRUE, NULL },
    { "", TRUE, "t: no beads" },
    { "\n\n", FALSE, "t: no beads" },
    { "[1]:[0]\n", TRUE, "t:1: expected source sentence 0 here, found 1 (the beads must cover the "
                        "source once, in order, a run of consecutive sentences each)" },
    { "[0]:[0]\n\n[1]:[2]\n", TRUE, "t:3: expected target sentence 1 here, found 2" },
    { "[0,1]:[0]\n[1]:[1]\n", TRUE, "t:2: expected source sentence 2 here, found 1" },
    { "[0]:[0]\n[]:[]\n", TRUE, "t:2: a bead with no sentence" },
    { "[0]:[1]\n[0]:[0]\n", TRUE, "t:1: expected target sentence 0 here, found 1" },
    { "[5]:[4, 9]\n[0]:[0]\n[]:[]\n", FALSE, NULL },   /* a gold standard may cross and skip */
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BitextBeadList) list = parse (cases[i].text);
      g_autoptr(GError) error = NULL;
      guint covered[2] = { 0, 0 };
      gboolean ok = bitext_bead_list_check_cover (list, "t", cases[i].in_order, NULL, covered,
                                                  &error);
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
  /* With the texts' sizes: an index past the end, and sentences left out at the end. */
  g_autoptr(BitextBeadList) list = parse ("[0]:[0]\n[1]:[1,2]\n");
  g_autoptr(GError) error = NULL;
  guint sizes[2] = { 2, 2 };
  g_assert_false (bitext_bead_list_check_cover (list, "t", TRUE, sizes, NULL, &error));
  g_assert_cmpstr (error->message, ==, "t:2: sentence 2 is past the end of the target (2 sentences)");
  g_clear_error (&error);
  guint more[2] = { 4, 3 };
  g_assert_false (bitext_bead_list_check_cover (list, "t", TRUE, more, NULL, &error));
  g_assert_cmpstr (error->message, ==, "t: source sentences 2 to 3 are in no bead");
  g_clear_error (&error);
  guint covered[2];
  g_assert_true (bitext_bead_list_check_cover (list, "t", TRUE, NULL, covered, &error));
  g_assert_cmpuint (covered[0], ==, 2);
  g_assert_cmpuint (covered[1], ==, 3);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/align-eval/parse/variants", test_parse_variants);
  g_test_add_func ("/align-eval/parse/check-cover", test_check_cover);
  g_test_add_func ("/align-eval/parse/errors", test_parse_errors);
  g_test_add_func ("/align-eval/parse/load-errors", test_load_errors);
  g_test_add_func ("/align-eval/parse/speech-gold", test_load_speech_gold);
  g_test_add_func ("/align-eval/score/doc1", test_score_doc1);
  g_test_add_func ("/align-eval/score/micro-average", test_score_micro);
  g_test_add_func ("/align-eval/score/cases", test_score_cases);
  g_test_add_func ("/align-eval/score/zero", test_score_zero);
  g_test_add_func ("/align-eval/score/textberg-self", test_textberg_self);
  g_test_add_func ("/align-eval/calibration/hand-worked", test_calibration);
  g_test_add_func ("/align-eval/calibration/auc-edges", test_calibration_auc);
  g_test_add_func ("/align-eval/calibration/best-threshold", test_calibration_best_threshold);
  g_test_add_func ("/align-eval/calibration/jsonl-errors", test_jsonl_errors);
  return g_test_run ();
}
