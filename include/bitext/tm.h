/* bitext — an in-memory translation memory: units, their language variants, props and notes. */
#pragma once

#include <bitext/types.h>

G_BEGIN_DECLS

/*
** A translation memory holds a header and an ordered list of units. A unit
** (TMX <tu>) holds one variant per language (TMX <tuv>), and both carry
** attributes (tuid, creationdate, ...) and annotations: props (a type and a
** value) and notes (free text), kept in the order they came.
**
** A variant's segment is kept as TMX inline markup: the content of <seg>,
** text escaped as XML, inline elements (bpt, ept, it, ph, hi, ut, sub) as
** tags. Three views of it:
**   markup  — that markup (what the TMX writer writes, byte for byte);
**   text    — the text with every native code put back: the content of
**             bpt/ept/it/ph/ut unescaped, so "**bold**" stays "**bold**"
**             and "<b>" comes back as "<b>" (the original document's text);
**   plain   — the text with the native codes dropped (OmegaT's Level 1).
*/
typedef struct _BitextTm BitextTm;
typedef struct _BitextTmUnit BitextTmUnit;
typedef struct _BitextTmVariant BitextTmVariant;

typedef struct
{
  char *name;
  char *value;
} BitextTmAttr;

/* A prop (type != NULL) or a note (type == NULL). Borrowed, read-only. */
typedef struct
{
  char *type;
  char *text;
  GPtrArray *attrs;         /* (element-type BitextTmAttr): xml:lang, o-encoding */
} BitextTmAnnotation;

/* The memory */
BITEXT_API BitextTm     *bitext_tm_new             (const char *src_lang, const char *tgt_lang);
BITEXT_API void          bitext_tm_free            (BitextTm *tm);
BITEXT_API const char   *bitext_tm_get_src_lang    (const BitextTm *tm);
BITEXT_API const char   *bitext_tm_get_tgt_lang    (const BitextTm *tm);
BITEXT_API void          bitext_tm_set_tgt_lang    (BitextTm *tm, const char *tgt_lang);
BITEXT_API BitextTmUnit *bitext_tm_get_header      (BitextTm *tm);
BITEXT_API guint         bitext_tm_get_n_units     (const BitextTm *tm);
BITEXT_API BitextTmUnit *bitext_tm_get_unit        (const BitextTm *tm, guint index);
BITEXT_API void          bitext_tm_append_unit     (BitextTm *tm, BitextTmUnit *unit);
BITEXT_API BitextTmUnit *bitext_tm_add_unit        (BitextTm *tm, const char *src, const char *tgt,
                                                    GError **error);

/* Units */
BITEXT_API BitextTmUnit    *bitext_tm_unit_new              (void);
BITEXT_API BitextTmUnit    *bitext_tm_unit_copy             (const BitextTmUnit *unit);
BITEXT_API void             bitext_tm_unit_free             (BitextTmUnit *unit);
BITEXT_API const char      *bitext_tm_unit_get_attr         (const BitextTmUnit *unit,
                                                             const char *name);
BITEXT_API void             bitext_tm_unit_set_attr         (BitextTmUnit *unit, const char *name,
                                                             const char *value);
BITEXT_API const GPtrArray *bitext_tm_unit_get_attrs        (const BitextTmUnit *unit);
BITEXT_API const char      *bitext_tm_unit_get_tuid         (const BitextTmUnit *unit);
BITEXT_API guint            bitext_tm_unit_get_line         (const BitextTmUnit *unit);
BITEXT_API const GPtrArray *bitext_tm_unit_get_annotations  (const BitextTmUnit *unit);
BITEXT_API const char      *bitext_tm_unit_lookup_prop      (const BitextTmUnit *unit,
                                                             const char *type);
BITEXT_API void             bitext_tm_unit_add_prop         (BitextTmUnit *unit, const char *type,
                                                             const char *value);
BITEXT_API void             bitext_tm_unit_add_note         (BitextTmUnit *unit, const char *text);
BITEXT_API guint            bitext_tm_unit_get_n_variants   (const BitextTmUnit *unit);
BITEXT_API BitextTmVariant *bitext_tm_unit_get_variant      (const BitextTmUnit *unit, guint index);
BITEXT_API BitextTmVariant *bitext_tm_unit_lookup_variant   (const BitextTmUnit *unit,
                                                             const char *lang);
BITEXT_API BitextTmVariant *bitext_tm_unit_add_variant      (BitextTmUnit *unit, const char *lang,
                                                             const char *text, GError **error);
BITEXT_API BitextTmVariant *bitext_tm_unit_add_variant_markup (BitextTmUnit *unit,
                                                               const char *lang,
                                                               const char *markup,
                                                               GError **error);

/* Variants (borrowed from their unit) */
BITEXT_API const char      *bitext_tm_variant_get_lang        (const BitextTmVariant *variant);
BITEXT_API const char      *bitext_tm_variant_get_text        (const BitextTmVariant *variant);
BITEXT_API const char      *bitext_tm_variant_get_markup      (const BitextTmVariant *variant);
BITEXT_API char            *bitext_tm_variant_dup_plain_text  (const BitextTmVariant *variant);
BITEXT_API gboolean         bitext_tm_variant_has_inline      (const BitextTmVariant *variant);
BITEXT_API const char      *bitext_tm_variant_get_attr        (const BitextTmVariant *variant,
                                                               const char *name);
BITEXT_API void             bitext_tm_variant_set_attr        (BitextTmVariant *variant,
                                                               const char *name,
                                                               const char *value);
BITEXT_API const GPtrArray *bitext_tm_variant_get_attrs       (const BitextTmVariant *variant);
BITEXT_API const GPtrArray *bitext_tm_variant_get_annotations (const BitextTmVariant *variant);
BITEXT_API void             bitext_tm_variant_add_prop        (BitextTmVariant *variant,
                                                               const char *type,
                                                               const char *value);
BITEXT_API void             bitext_tm_variant_add_note        (BitextTmVariant *variant,
                                                               const char *text);

/* Language tags */
BITEXT_API int              bitext_tm_lang_match              (const char *wanted,
                                                               const char *lang);

/*
** Statistics over a stream of units, for one language pair. Memory is
** bounded (30 MiB of tables at most): the duplicate count keeps 64-bit hashes of
** sources and pairs, exact up to about 1.5 million distinct sources and
** 390,000 extra targets; past that the duplicate figures are lower bounds
** (duplicates_exact FALSE).
*/
typedef struct
{
  guint64 n_variants;         /* segments in this language */
  guint64 n_chars;            /* their total length in characters (text view) */
  guint min, max, median;     /* characters; the median is capped at 65535 */
  double mean;
} BitextTmLengths;

typedef struct
{
  guint64 n_units;
  guint64 n_pairs;            /* units with a source and a target variant */
  guint64 n_duplicates;       /* pairs whose source and target both came before */
  guint64 n_conflicts;        /* distinct pairs whose source came before with another target */
  guint64 n_empty;            /* pairs with an empty source or target */
  gboolean duplicates_exact;  /* FALSE: too many distinct units; the two counts above are minima */
  const char *src_lang;       /* borrowed; NULL if no unit gave it */
  const char *tgt_lang;
  BitextTmLengths src, tgt;
} BitextTmSummary;

typedef struct _BitextTmStats BitextTmStats;

BITEXT_API BitextTmStats *bitext_tm_stats_new           (const char *src_lang,
                                                         const char *tgt_lang);
BITEXT_API void           bitext_tm_stats_free          (BitextTmStats *stats);
BITEXT_API void           bitext_tm_stats_add_unit      (BitextTmStats *stats, const BitextTm *header,
                                                         const BitextTmUnit *unit);
BITEXT_API const BitextTmSummary *bitext_tm_stats_get_summary (BitextTmStats *stats);
BITEXT_API GPtrArray     *bitext_tm_stats_dup_languages (const BitextTmStats *stats);
BITEXT_API guint64        bitext_tm_stats_get_lang_count (const BitextTmStats *stats,
                                                          const char *lang);
BITEXT_API BitextTmVariant *bitext_tm_unit_choose_source (const BitextTmUnit *unit,
                                                          const BitextTm *header,
                                                          const char *src_lang);
BITEXT_API BitextTmVariant *bitext_tm_unit_choose_target (const BitextTmUnit *unit,
                                                          const BitextTmVariant *source,
                                                          const char *tgt_lang);

/*
** Memory filters (src/tm-clean.c): units a memory is better without. The
** TMX writer applies them when its options name a filter (align --format
** tmx, tm import), and `bitext tm clean` to an existing memory. The reasons
** are tried in this order; the first that applies is the unit's.
*/
typedef enum
{
  BITEXT_TM_FILTER_KEEP = 0,
  BITEXT_TM_FILTER_EMPTY,       /* no source or target, or a blank one */
  BITEXT_TM_FILTER_NO_LETTERS,  /* a side of numbers, punctuation or symbols alone */
  BITEXT_TM_FILTER_IDENTICAL,   /* the target is the source (EN=EN) */
  BITEXT_TM_FILTER_LOW_SCORE,   /* x-bitext-score below min_score */
  BITEXT_TM_FILTER_N_REASONS
} BitextTmFilterReason;

#define BITEXT_TM_FILTER_BIT(reason) (1u << (reason))
#define BITEXT_TM_FILTER_ALL                                                          \
  (BITEXT_TM_FILTER_BIT (BITEXT_TM_FILTER_EMPTY) | BITEXT_TM_FILTER_BIT (BITEXT_TM_FILTER_NO_LETTERS) \
   | BITEXT_TM_FILTER_BIT (BITEXT_TM_FILTER_IDENTICAL) | BITEXT_TM_FILTER_BIT (BITEXT_TM_FILTER_LOW_SCORE))

/* The prop a marked unit carries (mark instead of drop): the reason's name. */
#define BITEXT_TM_FILTER_PROP "x-bitext-filter"

typedef struct
{
  guint version;
  guint reasons;              /* BITEXT_TM_FILTER_BIT()s of the filters that apply */
  double min_score;           /* LOW_SCORE: the least confidence kept, in [0, 1] */
  gboolean mark;              /* writers: keep flagged units with the prop above, not drop them */
  const char *src_lang;       /* nullable: the source language (default: the unit's, the header's) */
  const char *tgt_lang;       /* nullable: the target language (default: the header's, else the
                                 first other language) */
} BitextTmFilter;

#define BITEXT_TM_FILTER_INIT { .version = 1, .reasons = BITEXT_TM_FILTER_ALL, .min_score = 0.0 }

BITEXT_API const char          *bitext_tm_filter_reason_name    (BitextTmFilterReason reason);
BITEXT_API BitextTmFilterReason bitext_tm_filter_classify_texts (const BitextTmFilter *filter,
                                                                 const char *source,
                                                                 const char *target, double score);
BITEXT_API BitextTmFilterReason bitext_tm_filter_classify       (const BitextTmFilter *filter,
                                                                 const BitextTm *header,
                                                                 const BitextTmUnit *unit);
BITEXT_API void                 bitext_tm_filter_append_counts  (GString *out,
                                                                 const guint64 *counts);

/*
** Fuzzy matching (bitext tm lookup): an index of source segments and the
** CAT-style match percentage, 100 × (1 − d / max(n, m)) with d the
** Levenshtein distance over word and punctuation tokens (ICU word
** boundaries, case-folded) and n, m the segments' lengths in tokens.
*/
typedef struct _BitextTmIndex BitextTmIndex;

typedef struct
{
  guint id;                   /* the entry, as bitext_tm_index_add() numbered it */
  guint score;                /* percent, rounded down */
  guint distance;             /* in tokens */
} BitextTmMatch;

BITEXT_API BitextTmIndex *bitext_tm_index_new           (const char *lang, GError **error);
BITEXT_API void           bitext_tm_index_free          (BitextTmIndex *index);
BITEXT_API guint          bitext_tm_index_add           (BitextTmIndex *index, const char *text,
                                                         const char *date);
BITEXT_API guint          bitext_tm_index_get_n_entries (const BitextTmIndex *index);
BITEXT_API GArray        *bitext_tm_index_lookup        (BitextTmIndex *index, const char *text,
                                                         guint top_k, guint threshold);

/* Concordance (bitext tm grep): a phrase found through Snowball stems. */
typedef struct _BitextTmConcordance BitextTmConcordance;

BITEXT_API BitextTmConcordance *bitext_tm_concordance_new   (const char *phrase);
BITEXT_API void                 bitext_tm_concordance_free  (BitextTmConcordance *c);
BITEXT_API GArray              *bitext_tm_concordance_find  (BitextTmConcordance *c,
                                                             const char *text, const char *lang,
                                                             GError **error);
BITEXT_API guint                bitext_tm_concordance_get_n_words (BitextTmConcordance *c,
                                                                   const char *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTmIndex, bitext_tm_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTmConcordance, bitext_tm_concordance_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTmStats, bitext_tm_stats_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTm, bitext_tm_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTmUnit, bitext_tm_unit_free)

G_END_DECLS
