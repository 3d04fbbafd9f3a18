/* bitext — scoring a sentence alignment against a gold one: strict and lax precision, recall, F1. */
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

BITEXT_API BitextBeadList       *bitext_bead_list_parse       (const char *name, const char *data,
                                                               gsize length, GError **error);
BITEXT_API BitextBeadList       *bitext_bead_list_load_file   (const char *path, GError **error);
BITEXT_API void                  bitext_bead_list_free        (BitextBeadList *list);
BITEXT_API guint                 bitext_bead_list_get_n_beads (const BitextBeadList *list);
BITEXT_API const BitextEvalBead *bitext_bead_list_get_bead    (const BitextBeadList *list,
                                                               guint index);

BITEXT_API void bitext_align_eval_count (const BitextBeadList *gold, const BitextBeadList *pred,
                                         BitextAlignEvalCounts *counts);
BITEXT_API void bitext_align_eval_add   (BitextAlignEvalCounts *total,
                                         const BitextAlignEvalCounts *counts);
BITEXT_API void bitext_align_eval_score (const BitextAlignEvalCounts *counts,
                                         BitextAlignEvalScore *strict, BitextAlignEvalScore *lax);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextBeadList, bitext_bead_list_free)

G_END_DECLS
