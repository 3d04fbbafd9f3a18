/* bitext — aligner internals shared by align.c, align-cost.c and align-lex.c. */
#pragma once

#include <math.h>

#include <bitext/align.h>
#include <bitext/error.h>

G_BEGIN_DECLS

/*
** Lexical keys: a 32-bit value whose top three bits name the kind of
** evidence and whose low 29 bits hash its content. Two sentences "share" a
** key when the same value occurs in both; keys are kept sorted per sentence
** and may repeat (a number written twice counts twice).
*/
typedef enum
{
  KEY_NUMBER = 0,           /* a digit string, separators dropped */
  KEY_PUNCT = 1,            /* ? ! : quotes, emphasis markup, % ... */
  KEY_PREFIX = 2,           /* first 4 letters of a 4+ letter word, in Latin (Simard et al. 1992) */
  KEY_NAME = 3,             /* consonant skeleton of a capitalised word, in Latin */
  KEY_DICT = 4,             /* an entry of the user's dictionary */
  KEY_LEARNED = 5,          /* a stem pair learned from the first pass */
} KeyKind;

#define KEY_KIND(k) ((k) >> 29)
#define KEY_MAKE(kind, h) (((guint32) (kind) << 29) | ((h) & 0x1fffffffu))

/*
** A compressed list of sorted guint32 arrays, one per sentence (CSR):
** sentence i owns vals[off[i] .. off[i+1]).
*/
typedef struct
{
  guint n;
  guint32 *off;             /* n + 1 entries */
  GArray *vals;             /* guint32 */
} KeyLists;

void     key_lists_init   (KeyLists *l, guint n);
void     key_lists_clear  (KeyLists *l);
static inline const guint32 *
key_lists_get (const KeyLists *l, guint i, guint *len)
{
  *len = l->off[i + 1] - l->off[i];
  return &g_array_index (l->vals, guint32, l->off[i]);
}

guint    keys_intersect   (const guint32 *a, guint na, const guint32 *b, guint nb);
void     keys_intersect_by_kind (const guint32 *a, guint na, const guint32 *b, guint nb,
                                 guint counts[8]);

/* Per-sentence features of one side, computed once. */
typedef struct
{
  guint n;
  guint32 *len;             /* characters that are not white space */
  guint32 *para;            /* paragraph index */
  KeyLists keys;            /* anchor (+ dictionary, + learned) keys */
  KeyLists stems;           /* stem hashes, sorted, unique: input of the dictionary learner */
} AlignSide;

/* Word analysis for one language: stemmer, transliterator, and a cache. Not thread safe. */
typedef struct _AlignLex AlignLex;

AlignLex *bitext_align__lex_new       (const char *lang, GError **error);
void      bitext_align__lex_free      (AlignLex *lex);
/* Stem hashes of a dictionary term, in order of the words; empty for no word. */
GArray   *bitext_align__lex_term      (AlignLex *lex, const char *term);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AlignLex, bitext_align__lex_free)

/*
** A bilingual dictionary of multi-word terms over stem hashes. An entry
** matches a sentence when the stems of its source term (or of one of its
** target alternatives) occur in the sentence one after the other, in order.
*/
typedef struct
{
  GPtrArray *src_terms;     /* GArray of guint32 per entry */
  GPtrArray *tgt_terms;     /* GPtrArray of GArray per entry (alternatives) */
  /* Each term is indexed under its rarest word (bitext_align__dict_index()): stem -> GArray
     of pairs (entry id, or entry id << 8 | alternative; the word's place in the term). */
  GHashTable *src_index;
  GHashTable *tgt_index;
  gboolean indexed;         /* the indexes hold every entry added */
} AlignDict;

void      bitext_align__dict_init  (AlignDict *dict);
void      bitext_align__dict_clear (AlignDict *dict);
void      bitext_align__dict_add   (AlignDict *dict, GArray *src_stems, GPtrArray *tgt_alts);
void      bitext_align__dict_index (AlignDict *dict);

/* Fill @side from @texts; keys include dictionary keys when @dict has entries. */
void      bitext_align__side_build (AlignSide *side, AlignLex *lex, const char *const *texts,
                                    const guint *para, guint n, const AlignDict *dict,
                                    gboolean is_src);
void      bitext_align__side_clear (AlignSide *side);
void      bitext_align__dict_prune (AlignSide *src, AlignSide *tgt);

/* Learned stem pairs: src stem -> pair id, tgt stem -> pair id. */
typedef struct
{
  GHashTable *src;
  GHashTable *tgt;
  guint n_pairs;
} AlignLearned;

/* Add learned keys to a copy of @from's keys (sorted) into @to. */
void      bitext_align__add_learned (const KeyLists *from, const KeyLists *stems,
                                     GHashTable *map, KeyLists *to);

/* ---- cost model (align-cost.c) ---- */

enum { BEAD_1_1, BEAD_1_0, BEAD_0_1, BEAD_2_1, BEAD_1_2, BEAD_2_2, BEAD_3_1, BEAD_1_3,
       N_BEAD_TYPES };
extern const guint8 bitext_align__bead_a[N_BEAD_TYPES];
extern const guint8 bitext_align__bead_b[N_BEAD_TYPES];
guint bitext_align__bead_shape (const BitextBead *b);

/* The kinds of bead that come in runs: a sentence added (0-1) or left out (1-0), and the rest. */
enum { RUN_OTHER, RUN_ADDED, RUN_OMITTED, N_RUN_KINDS };
static inline guint
run_kind (guint t)
{
  return t == BEAD_0_1 ? RUN_ADDED : t == BEAD_1_0 ? RUN_OMITTED : RUN_OTHER;
}

/*
** How the kind of a bead depends on the kind of the one before it:
** delta[k][x] is added to the cost of a bead of kind x after a bead of
** kind k (bitext_align__runs_estimate()).
*/
typedef struct
{
  double delta[N_RUN_KINDS][N_RUN_KINDS];
} AlignRuns;

#define LEN_TABLE_SIZE 1024       /* |z| in steps of 1/LEN_TABLE_STEP */
#define LEN_TABLE_STEP 32.0
#define INV_SD_SIZE 4096
#define LEX_MAX_M 64
#define LEX_MAX_K 256

typedef struct
{
  double ratio;             /* expected target chars per source char */
  double variance;          /* s^2: variance of the target length per source char */
  float len_cost[LEN_TABLE_SIZE];
  float lex_cost[LEX_MAX_M][LEX_MAX_K];
  float prior[N_BEAD_TYPES];    /* -log P(type); 1-0 and 0-1 hold the deletion cost */
  float para_penalty;
  /* A bead that starts a paragraph on one side only, or on both (bitext_align__break_cost()). */
  float break_cost[2];
  gboolean use_lex;
  gboolean del_length;
  float ratio_f, inv_ratio, half_variance;  /* copies for bitext_align__length_zf() */
  float inv_sd[INV_SD_SIZE];    /* 1 / sqrt(half_variance * x) for integer x */      /* Gale & Church: 1-0 and 0-1 beads also pay for their length */
} AlignModel;

void   bitext_align__model_init_gale_church (AlignModel *model, double ratio);
void   bitext_align__runs_estimate (const GArray *beads, const AlignModel *model, AlignRuns *out);
double bitext_align__length_z (const AlignModel *model, double ls, double lt);
void   bitext_align__model_sync (AlignModel *model);
/* bitext_align__length_z() in single precision, for the DP's inner loop. */
static inline float
bitext_align__length_zf (const AlignModel *model, float ls, float lt)
{
  float mean2 = ls + lt * model->inv_ratio;
  if (mean2 <= 0.0f)
    return 0.0f;
  /* Tabulated for the common sentence lengths: the DP's inner loop does no sqrt nor division. */
  if (mean2 < INV_SD_SIZE - 1)
    {
      guint k = (guint) mean2;
      float f = mean2 - (float) k;
      return (lt - model->ratio_f * ls) * (model->inv_sd[k] + f * (model->inv_sd[k + 1] - model->inv_sd[k]));
    }
  return (lt - model->ratio_f * ls) / sqrtf (model->half_variance * mean2);
}
static inline float
bitext_align__len_cost (const AlignModel *model, float z)
{
  float a = fabsf (z) * (float) LEN_TABLE_STEP;
  guint i = a >= LEN_TABLE_SIZE - 1 ? LEN_TABLE_SIZE - 1 : (guint) a;
  return model->len_cost[i];
}
static inline float
bitext_align__lex_cost (const AlignModel *model, guint m, guint k)
{
  if (k >= LEX_MAX_K)
    {
      m = (guint) ((double) m * (LEX_MAX_K - 1) / k + 0.5);
      k = LEX_MAX_K - 1;
    }
  if (m >= LEX_MAX_M)
    m = LEX_MAX_M - 1;
  return model->lex_cost[m][k];
}

/*
** The keys that each of the @n sentences of one side of a merged bead is
** judged on, in @k, from its own (@off[x+1] - @off[x]) and its matches
** with the @k_other keys of the other side (@m[x]). A sentence that
** matches is judged on its own keys and those of the other side that the
** rest of its side leaves unmatched: the keys it would face in a 1-1 bead
** with the other side, were the rest left out. A sentence that matches
** nothing is judged as against a translation of its own size (twice its
** keys): the other side's unmatched keys count already against the
** sentences that match, and counting them again would charge a short
** sentence more beside a long neighbour than beside a short one. A
** sentence without keys shows nothing and gets 0.
*/
static inline void
bitext_align__member_keys (guint n, const guint m[3], const guint32 *off, guint k_other,
                           guint k[3])
{
  guint64 all = 0;
  for (guint x = 0; x < n; x++)
    all += m[x];
  for (guint x = 0; x < n; x++)
    {
      guint64 own = off[x + 1] - off[x], others = all - m[x];
      if (m[x] == 0)
        k[x] = (guint) MIN (2 * own, G_MAXUINT);
      else
        k[x] = (guint) MIN (own + k_other - MIN (others, (guint64) k_other), G_MAXUINT);
    }
}

/*
** The lexical cost of the @n sentences of one side of a bead against the
** @k_other keys of the other side, @m[x] of them matched by sentence x.
**
** A merged bead claims that each of its sentences translates part of the
** other side, so its evidence is that of each sentence against the other
** side (naive Bayes over the members), on the keys of
** bitext_align__member_keys(). The Dice of the merged key sets could not
** tell a sentence that shares nothing with the other side from matches
** spread evenly: a sentence with words, names or numbers of its own that
** match nothing there diluted the merged Dice a little, and the merge
** beat the 1-1 bead plus a 1-0 bead on prior odds. Read by members, it is
** evidence against the merge, as it would be against a 1-1 bead, while its
** partner is judged as in that 1-1 bead: dragging a sentence in improves
** nobody's score. And a merge is credited with the evidence of each of its
** sentences, where the Dice of the merged sets stays bounded however many
** anchors the bead holds (a 1-3 bead whose three targets each share a
** name and a number with the source). A side of one sentence, or without
** keys, is read as one text: a 1-1 bead's cost is its Dice cost as before.
*/
static inline float
bitext_align__side_lex_cost (const AlignModel *model, guint n, const guint m[3],
                             const guint32 *off, guint k_other)
{
  guint64 k_side = off[n] - off[0];
  if (k_side == 0 || n == 1)
    return bitext_align__lex_cost (model, m[0], (guint) MIN (k_side + k_other, G_MAXUINT));
  guint k[3];
  bitext_align__member_keys (n, m, off, k_other, k);
  float c = 0.0f;
  for (guint x = 0; x < n; x++)
    if (k[x] > 0)
      c += bitext_align__lex_cost (model, m[x], k[x]);
  return c;
}

/*
** The lexical cost of the best split of a merged bead of @a source and @b
** target sentences into 1-1 beads and deletions: the cheapest monotone
** path through its pairs, each 1-1 pair at its own cost (the matches
** @cell[x][y] among the keys of its two sentences), a sentence left on
** its own at 0 (a deletion carries no lexical evidence). Merged sub-beads
** need no place of their own: their cost is capped by their own split.
*/
static inline float
bitext_align__split_lex_cost (const AlignModel *model, guint a, guint b, const guint cell[3][3],
                              const guint32 *soff, const guint32 *toff)
{
  float best[4][4];
  for (guint x = 0; x <= a; x++)
    for (guint y = 0; y <= b; y++)
      {
        if (x == 0 && y == 0)
          {
            best[0][0] = 0.0f;
            continue;
          }
        float c = G_MAXFLOAT;
        if (x > 0)
          c = MIN (c, best[x - 1][y]);
        if (y > 0)
          c = MIN (c, best[x][y - 1]);
        if (x > 0 && y > 0)
          c = MIN (c, best[x - 1][y - 1]
                        + bitext_align__lex_cost (model, cell[x - 1][y - 1],
                                                  soff[x] - soff[x - 1] + toff[y] - toff[y - 1]));
        best[x][y] = c;
      }
  return best[a][b];
}

/*
** The lexical cost of a bead of @a source and @b target sentences, from
** the matches of each pair of its sentences (@cell[s][t]) and the key
** offsets of its sentences (@soff[0..a], @toff[0..b], from the CSR).
**
** A merged bead must earn its place against the best split of the same
** sentences (Thompson & Koehn 2019, s.3; Liu & Zhu 2022). Its evidence is
** read member by member: each sentence of its larger side against the
** other side (bitext_align__side_lex_cost()), the mean of both sides for
** a 2-2. For a bead with one sentence on a side (2-1, 1-2, 3-1, 1-3),
** that reading is already the comparison with its split: the split
** leaves the extra sentences on their own, where their matches with the
** other side would be chance, and each member's term is the likelihood
** ratio of its matches between a translation and chance (a sentence that
** matches nothing counts against the merge). A 2-2 bead can split into
** two 1-1 beads that explain every sentence, and then its members, each
** read against the pooled other side, find matches that the neighbour's
** translation shares by chance (the words of one topic, and far more of
** them with a general dictionary): their number grows with the words in
** the bead and made two clean 1-1 pairs one 2-2 bead. So a 2-2 bead is
** credited with no more lexical evidence than its best split
** (bitext_align__split_lex_cost()): more matched words cannot make it
** look better than the beads inside it, and only what a merge alone
** explains, lengths that add up and crossing content, decides for it.
*/
static inline float
bitext_align__members_lex_cost (const AlignModel *model, guint a, guint b, const guint cell[3][3],
                                const guint32 *soff, const guint32 *toff)
{
  guint ms[3] = { 0, 0, 0 }, mt[3] = { 0, 0, 0 };
  for (guint x = 0; x < a; x++)
    for (guint y = 0; y < b; y++)
      {
        ms[x] += cell[x][y];
        mt[y] += cell[x][y];
      }
  guint ks = soff[a] - soff[0], kt = toff[b] - toff[0];
  if (a == 1 && b == 1)
    return bitext_align__lex_cost (model, ms[0], ks + kt);
  float merged;
  if (a > b)
    merged = bitext_align__side_lex_cost (model, a, ms, soff, kt);
  else if (b > a)
    merged = bitext_align__side_lex_cost (model, b, mt, toff, ks);
  else
    merged = 0.5f * (bitext_align__side_lex_cost (model, a, ms, soff, kt)
                     + bitext_align__side_lex_cost (model, b, mt, toff, ks));
  /* The split leaving every sentence alone costs 0, so the best split
     costs at most 0 and caps only a merge with evidence for it. */
  if (a != b || merged >= 0.0f)
    return merged;
  return MAX (merged, bitext_align__split_lex_cost (model, a, b, cell, soff, toff));
}

/* Samples of aligned and unrelated pairs, from which a model is estimated. */
typedef struct
{
  GArray *z_aligned;        /* double */
  GArray *z_random;         /* double */
  GArray *lex_aligned;      /* guint32: m << 16 | k */
  GArray *lex_random;
  guint counts[N_BEAD_TYPES];
  /* Over windows of consecutive beads: keys matched, twice the keys of the smaller sides, beads. */
  guint64 window_m, window_k, window_beads;
  /* The pass's beads: all, those that start where the source starts a paragraph, where
     the target does; those that take the first sentence of a paragraph, and of these,
     those at a paragraph start of one text only (bitext_align__break_cost()). */
  guint starts_all, starts_src, starts_tgt, break_any, break_one;
} AlignSample;

void   bitext_align__sample_init  (AlignSample *s);
void   bitext_align__sample_clear (AlignSample *s);
void   bitext_align__model_estimate (AlignModel *model, const AlignSample *sample,
                                     gboolean use_lex, guint n_src_para, guint n_tgt_para);
double bitext_align__robust_variance (const AlignSide *src, const AlignSide *tgt,
                                      const GArray *beads, double ratio, double fallback);

/* ---- the band and the dynamic programme (align-band.c) ---- */

/* The band stops widening beyond this many cells (one byte of backpointer, one of matches). */
#define MAX_BAND_CELLS G_GUINT64_CONSTANT (1000000000)

/*
** Rows r0..r1 of the DP (row i: i source sentences consumed), row i holding
** columns lo..hi. Lexical matches of source sentence s and target sentence
** t are kept, one byte each, at row s+1 for columns t+1 in lo-3 ..
** lo-3+stride-1, so that the merged beads ending in the band find theirs.
*/
typedef struct
{
  guint n, m;               /* the whole problem */
  guint r0, r1;             /* the rows held */
  guint width;              /* of the widest row */
  guint stride;             /* bytes of matches per row */
  guint *lo, *hi;           /* one per row held */
  guint8 *matches;          /* (r1 - r0 + 1) * stride, or NULL */
  const KeyLists *skeys, *tkeys;
} AlignBand;

static inline guint
band_lo (const AlignBand *band, guint i)
{
  return band->lo[i - band->r0];
}

static inline guint
band_hi (const AlignBand *band, guint i)
{
  return band->hi[i - band->r0];
}

/*
** Where each key occurs on the target side: for key k, the target
** sentences holding it, in order, with how many times they hold it.
** Counting a source sentence's matches against every target sentence of
** its band row then costs the number of occurrences of its keys there,
** not one merge of two key lists per cell. Built once a pass, read by
** several threads.
*/
typedef struct
{
  guint32 *slot_key;        /* open addressing: key of each slot */
  guint32 *slot_first;      /* first entry + 1 of the key, 0 for an empty slot */
  guint32 mask;
  guint32 *sent;            /* target sentence of each entry */
  guint8 *count;            /* occurrences of the key in it */
  guint32 *key_end;         /* per entry: one past the last entry of its key */
} AlignPostings;

typedef struct
{
  const AlignSide *src, *tgt;
  const AlignModel *model;
  const AlignBand *band;
  guint64 *scum, *tcum;     /* prefix sums of lengths */
  const guint32 *skoff, *tkoff;   /* prefix sums of key counts (the CSR offsets) */
  guint64 max_band_cells;   /* the first pass's limit; 0: MAX_BAND_CELLS */
  guint post_thread_beads;  /* beads from which the posterior takes two threads; 0: its default */
} AlignDp;

/* Sentence @i of @side starts a paragraph other than the first. */
static inline gboolean
bitext_align__para_starts (const AlignSide *side, guint i)
{
  return i > 0 && i < side->n && side->para[i] != side->para[i - 1];
}

/*
** The paragraph term of a bead of @a source and @b target sentences
** whose first source sentence starts a paragraph (@sb) and whose first
** target one does (@tb), or where they would be for a side it leaves
** empty: the bead takes the first sentence of a paragraph where the
** other text starts one too, or where it does not. A 1-0 or 0-1 bead is
** transparent to the other side's break: the sentence a translation
** leaves out at the end of a paragraph puts the target's break before
** the source's, yet both paragraphs start together at the next bead.
*/
static inline float
bitext_align__break_cost (const AlignModel *model, gboolean sb, gboolean tb, guint a, guint b)
{
  if ((a > 0 && sb) || (b > 0 && tb))
    return model->break_cost[sb && tb];
  return 0.0f;
}

/* bitext_align__break_cost() of the bead of @a and @b sentences that starts at (i, j). */
static inline float
bitext_align__bead_break_cost (const AlignDp *dp, guint i, guint j, guint a, guint b)
{
  return bitext_align__break_cost (dp->model, bitext_align__para_starts (dp->src, i),
                                   bitext_align__para_starts (dp->tgt, j), a, b);
}

void bitext_align__set_max_band_cells (BitextAligner *aligner, guint64 cells);
void bitext_align__set_post_thread_beads (BitextAligner *aligner, guint beads);

void     bitext_align__band_alloc (AlignBand *band, guint n, guint m, guint r0, guint r1);
void     bitext_align__band_set_width (AlignBand *band, guint width);
void     bitext_align__band_around_path (AlignBand *band, guint n, guint m, guint w,
                                         const BitextBead *path, guint n_path, guint r0, guint r1);
void     bitext_align__band_fill_matches (AlignBand *band, const AlignPostings *post);
void     bitext_align__band_clear (AlignBand *band);
void     bitext_align__postings_build (AlignPostings *p, const KeyLists *keys);
void     bitext_align__postings_clear (AlignPostings *p);
float    bitext_align__bead_cost (const AlignDp *dp, guint t, guint i, guint j, double *z_out,
                                  guint *m_out);
float    bitext_align__bead_cost_cells (const AlignDp *dp, guint t, guint i, guint j,
                                        const guint cell[3][3]);
float    bitext_align__evidence_cost (const AlignDp *dp, guint t, guint i, guint j, double *z,
                                      guint *m);
gboolean bitext_align__run_dp (const AlignDp *dp, AlignBand *band, guint i0, guint j0, guint i1,
                               guint j1, guint w, gboolean coarse, GArray *beads,
                               GArray *touched);
void     bitext_align__run_first_pass (AlignDp *dp, guint *w, GArray *beads);
guint64 *bitext_align__cumulative (const guint32 *len, guint n);

/* ---- bead posteriors (align-post.c) ---- */

/* Temperatures of the posterior and their weights (bitext_align__fit_temperature()). */
typedef struct
{
  guint n;
  double t[3], w[3];
  double lex_w;             /* weight of the lexical cost against the rest, in [0, 1] */
} AlignTemperature;

void     bitext_align__posterior (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys,
                                  GArray *beads, const AlignTemperature *temp);
void     bitext_align__fit_temperature (const AlignDp *dp, const KeyLists *skeys,
                                        const KeyLists *tkeys, const GArray *beads,
                                        guint max_beads, AlignTemperature *out);
void     bitext_align__temperature_from_pairs (const GArray *cost, const GArray *label,
                                               AlignTemperature *out);
double   bitext_align__lex_weight_from_pairs (const GArray *rest, const GArray *lex,
                                              const GArray *label);
void     bitext_align__mark_low (GArray *beads, double low);

G_END_DECLS
