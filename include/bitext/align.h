/* bitext — sentence alignment: which sentences of a text translate which of its translation. */
#pragma once

#include <bitext/types.h>

G_BEGIN_DECLS

/*
** One bead: src[src_start .. src_start+src_len) translates
** tgt[tgt_start .. tgt_start+tgt_len). One side may be empty (a sentence
** left out or added). Beads come in order and cover both texts exactly once.
*/
typedef struct
{
  guint src_start;
  guint src_len;
  guint tgt_start;
  guint tgt_len;
  double score;             /* confidence in [0,1] */
  double cost;              /* the bead's cost in the final pass (lower is better) */
  /* Evidence, so that a translator can see why. */
  double length_z;          /* length z-score: 0 = lengths as expected, |z| > 2 unusual */
  double lexical;           /* lexical similarity in [0,1] (Dice over anchors, dictionary, stems) */
  guint anchors;            /* numbers, punctuation, names and cognates matched */
  guint dict_hits;          /* --dict entries matched */
  guint learned_hits;       /* stem pairs learned from the text itself (second pass) */
  gboolean crosses_paragraph;
  gboolean low_confidence;  /* score < options.low_confidence, or among the least confident
                               beads that hold 60% of the document's expected wrong beads */
  /* A sentence of a low-confidence 2-1 or 1-2 bead that may have no counterpart: the
     other sentence of that side alone explains the lone sentence of the other side
     better (length and lexical evidence) than the merge does. lone_side:
     BITEXT_LONE_NONE, _SOURCE or _TARGET; lone_index: the sentence on that side. */
  guint lone_side;
  guint lone_index;
} BitextBead;

enum
{
  BITEXT_LONE_NONE = 0,
  BITEXT_LONE_SOURCE = 1,
  BITEXT_LONE_TARGET = 2,
};

typedef struct
{
  guint version;
  const char *src_lang;     /* ISO 639-1 code for stemming, or NULL (no stemming) */
  const char *tgt_lang;
  guint band;               /* initial half-width of the DP band, in sentences */
  double del_percentile;    /* 1-0/0-1 threshold: this quantile of unrelated-pair costs */
  double low_confidence;    /* beads scoring below are flagged (and the least confident ones) */
  gboolean second_pass;     /* learn stem pairs from the first pass and realign */
  BitextProgressFunc progress_func; /* nullable: called as each pass starts ("aligning", pass
                                       done, passes) */
  gpointer progress_data;    /* must live as long as the aligner */
} BitextAlignOptions;

/* band: ±100 sentences, the band the reference banded G&C DP uses; widened on demand.
** del_percentile: Thompson & Koehn 2019 (vecalign, --del_percentile_frac 0.2). */
#define BITEXT_ALIGN_OPTIONS_INIT                                                                  \
  { .version = 1, .src_lang = NULL, .tgt_lang = NULL, .band = 100, .del_percentile = 0.2,          \
    .low_confidence = 0.5, .second_pass = TRUE }

typedef struct _BitextAligner BitextAligner;

BITEXT_API BitextAligner *bitext_aligner_new       (const BitextAlignOptions *options,
                                                    GError **error);
BITEXT_API void           bitext_aligner_free      (BitextAligner *aligner);
BITEXT_API gboolean       bitext_aligner_load_dict (BitextAligner *aligner, const char *path,
                                                    GError **error);
BITEXT_API gboolean       bitext_aligner_add_dict_entry (BitextAligner *aligner, const char *src,
                                                         const char *tgt);
BITEXT_API GArray        *bitext_aligner_align     (BitextAligner *aligner,
                                                    const char *const *src, const guint *src_para,
                                                    guint n_src,
                                                    const char *const *tgt, const guint *tgt_para,
                                                    guint n_tgt, GError **error);
BITEXT_API guint          bitext_aligner_get_band  (const BitextAligner *aligner);

BITEXT_API char          *bitext_bead_format       (const BitextBead *bead);
BITEXT_API const char    *bitext_bead_get_type     (const BitextBead *bead);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextAligner, bitext_aligner_free)

G_END_DECLS
