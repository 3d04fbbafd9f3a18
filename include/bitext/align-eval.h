/* bitext — scoring a sentence alignment against a gold one: strict and lax precision, recall, F1,
** and how well the aligner's confidence scores tell wrong beads from right ones. */
#pragma once

#include <bitext/types.h>

G_BEGIN_DECLS

/*
** One bead of a bead file: `[0, 1]:[2]` is source sentences 0 and 1 aligned
** with target sentence 2; `[]:[5]` an insertion. Indices are 0-based line
** numbers of the pre-segmented texts, kept in the order written.
** Borrowed: valid while the owning BitextBeadList lives.
*/
typedef struct
{
  const guint *src;
  guint n_src;
  const guint *tgt;
  guint n_tgt;
  guint line;               /* 1-based line of the bead in its file */
  double score;             /* the aligner's confidence (JSON Lines input), else -1 */
  gboolean low;             /* marked low-confidence (JSON Lines input), else FALSE */
} BitextEvalBead;

/* The beads of one file, in file order. */
typedef struct _BitextBeadList BitextBeadList;

/*
** Counts for one document, or summed over documents (micro-average).
** Precision side: every distinct predicted bead that is not empty on both
** sides. Recall side: every distinct gold bead with both sides non-empty.
*/
typedef struct
{
  guint pred_beads;         /* precision denominator */
  guint gold_beads;         /* recall denominator */
  guint strict_pred_hits;   /* predicted beads equal to a gold bead */
  guint lax_pred_hits;      /* predicted beads that match a gold bead laxly (strict hits too) */
  guint strict_gold_hits;   /* counted gold beads equal to a predicted bead */
  guint lax_gold_hits;      /* counted gold beads that match a predicted bead laxly */
} BitextAlignEvalCounts;

typedef struct
{
  double precision;
  double recall;
  double f1;
} BitextAlignEvalScore;

/* Number of equal-width score bins of the reliability table ([0, 0.1), ..., [0.9, 1]). */
#define BITEXT_ALIGN_CALIBRATION_BINS 10

/*
** The largest share of all beads the low mark may take: issue 12's bound
** (the mark catches 60% of the wrong beads while marking at most 15% of
** all beads). The calibration reports the best threshold on the score
** within it, which shows how far the ranking of the scores limits the mark.
*/
#define BITEXT_ALIGN_CALIBRATION_MARK_SHARE 0.15

/*
** How well the scores of predicted beads tell wrong beads (not exactly a
** gold bead) from right ones. Beads counted as on the precision side.
*/
typedef struct
{
  guint beads;              /* scored predicted beads */
  guint wrong;              /* of which not equal to a gold bead */
  double auc;               /* P(score of a right bead > a wrong one's), ties half; NAN without both */
  guint low_beads;          /* beads marked low */
  guint low_wrong;          /* wrong beads marked low */
  guint best_beads;         /* beads under the best threshold marking <= MARK_SHARE of them */
  guint best_wrong;         /* wrong beads under it: the most any threshold on the score catches */
  guint bin_beads[BITEXT_ALIGN_CALIBRATION_BINS];
  double bin_mean_score[BITEXT_ALIGN_CALIBRATION_BINS];  /* NAN for an empty bin */
  double bin_right[BITEXT_ALIGN_CALIBRATION_BINS];       /* fraction right; NAN for an empty bin */
} BitextAlignCalibration;

/* Scored beads of one document or several (micro-average): an accumulator. */
typedef struct _BitextAlignScores BitextAlignScores;

BITEXT_API BitextBeadList       *bitext_bead_list_parse       (const char *name, const char *data,
                                                               gsize length, GError **error);
BITEXT_API BitextBeadList       *bitext_bead_list_load_file   (const char *path, GError **error);
BITEXT_API gboolean              bitext_bead_list_check_cover (const BitextBeadList *list,
                                                               const char *name, gboolean in_order,
                                                               const guint *n_sentences,
                                                               guint *covered, GError **error);
BITEXT_API void                  bitext_bead_list_free        (BitextBeadList *list);
BITEXT_API gboolean              bitext_bead_list_has_scores  (const BitextBeadList *list);
BITEXT_API guint                 bitext_bead_list_get_n_beads (const BitextBeadList *list);
BITEXT_API const BitextEvalBead *bitext_bead_list_get_bead    (const BitextBeadList *list,
                                                               guint index);

BITEXT_API void bitext_align_eval_count (const BitextBeadList *gold, const BitextBeadList *pred,
                                         BitextAlignEvalCounts *counts);
BITEXT_API void bitext_align_eval_add   (BitextAlignEvalCounts *total,
                                         const BitextAlignEvalCounts *counts);
BITEXT_API void bitext_align_eval_score (const BitextAlignEvalCounts *counts,
                                         BitextAlignEvalScore *strict, BitextAlignEvalScore *lax);

BITEXT_API BitextAlignScores *bitext_align_scores_new       (void);
BITEXT_API void               bitext_align_scores_free      (BitextAlignScores *scores);
BITEXT_API void               bitext_align_scores_add       (BitextAlignScores *scores,
                                                             const BitextBeadList *gold,
                                                             const BitextBeadList *pred);
BITEXT_API void               bitext_align_scores_merge     (BitextAlignScores *total,
                                                             const BitextAlignScores *scores);
BITEXT_API void               bitext_align_scores_calibrate (const BitextAlignScores *scores,
                                                             BitextAlignCalibration *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextBeadList, bitext_bead_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextAlignScores, bitext_align_scores_free)

G_END_DECLS
