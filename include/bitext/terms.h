/* bitext — term extraction: monolingual candidates, bilingual pairs, glossary files. */
#pragma once

#include <bitext/glossary.h>
#include <bitext/types.h>

G_BEGIN_DECLS

/*
** Term extraction works on aligned units: an array of (source, target)
** texts, one translation unit each. Candidates are word n-grams found by
** ICU word segmentation and grouped on Snowball stems; they are ranked by
** C-value (Frantzi, Ananiadou & Mima 2000). Pairs link each source
** candidate to a target n-gram that co-occurs with it over the units (Dice;
** log-likelihood ratio, Dunning 1993) by competitive linking (Melamed
** 2000), give the target in dictionary form when Hunspell dictionaries for
** the language are found, and are ranked by termhood times consistency.
*/
typedef struct
{
  const char *source;
  const char *target;
} BitextTextPair;

typedef struct
{
  guint version;
  const char *src_lang;
  const char *tgt_lang;
  guint min_freq;               /* a candidate occurs in at least this many units */
  guint max_words;              /* longest n-gram, 1..4 */
  guint top;                    /* pairs kept, best first; 0 keeps all */
  guint max_candidates;         /* source candidates paired, by C-value; 0 = all */
  const BitextGlossary *seed;   /* (nullable) known pairs, preferred when they co-occur */
  const char *dict_dir;         /* (nullable) Hunspell .aff/.dic folder; NULL: system default */
} BitextTermOptions;

#define BITEXT_TERM_OPTIONS_INIT \
  { .version = 1, .min_freq = 2, .max_words = 4, .top = 0, .max_candidates = 20000 }

/* A monolingual candidate. Borrowed: valid while its BitextTermCandidates lives. */
typedef struct
{
  const char *text;             /* the most frequent form as written */
  guint n_words;
  guint freq;                   /* occurrences */
  double cvalue;
  const guint *units;           /* indices of the texts it occurs in, ascending */
  guint n_units;
  gboolean acronym;             /* all capitals: NATO, ICBM */
  gboolean name;                /* capitalised in most occurrences not at the start of a text */
} BitextTermCandidate;

typedef struct _BitextTermCandidates BitextTermCandidates;

BITEXT_API BitextTermCandidates      *bitext_terms_find_candidates (const char *lang,
                                                                    const char *const *texts,
                                                                    guint n_texts,
                                                                    const BitextTermOptions *options,
                                                                    GError **error);
BITEXT_API void                       bitext_term_candidates_free  (BitextTermCandidates *candidates);
BITEXT_API guint                      bitext_term_candidates_get_n (const BitextTermCandidates *candidates);
BITEXT_API const BitextTermCandidate *bitext_term_candidates_get   (const BitextTermCandidates *candidates,
                                                                    guint index);

/* One glossary entry, extracted or read from a file. */
typedef struct
{
  const char *source;
  const char *target;           /* dictionary form */
  const char *const *variants;  /* target forms seen, NULL-terminated, possibly empty */
  const char *note;             /* "" when none */
  const char *example;          /* source text of the first example unit, "" when none */
  double score;                 /* ranking score, 0 when unknown */
  double dice;
  double llr;
  guint freq;                   /* units holding both */
  const guint *examples;        /* up to 3 unit indices */
  guint n_examples;
} BitextTermPair;               /* Borrowed: valid while its BitextTermList lives */

typedef struct _BitextTermList BitextTermList;

typedef enum
{
  BITEXT_TERM_FORMAT_TSV,
  BITEXT_TERM_FORMAT_CSV,
  BITEXT_TERM_FORMAT_TBX,
  BITEXT_TERM_FORMAT_OMEGAT,
} BitextTermFormat;

BITEXT_API BitextTermList       *bitext_terms_extract         (const BitextTextPair *units, guint n_units,
                                                               const BitextTermOptions *options,
                                                               GError **error);

BITEXT_API BitextTermList       *bitext_term_list_new         (const char *src_lang, const char *tgt_lang);
BITEXT_API void                  bitext_term_list_free        (BitextTermList *list);
BITEXT_API void                  bitext_term_list_add         (BitextTermList *list, const BitextTermPair *pair);
BITEXT_API guint                 bitext_term_list_get_n_pairs (const BitextTermList *list);
BITEXT_API const char *const    *bitext_term_list_get_warnings (const BitextTermList *list);
BITEXT_API const BitextTermPair *bitext_term_list_get_pair    (const BitextTermList *list, guint index);
BITEXT_API const char           *bitext_term_list_get_src_lang (const BitextTermList *list);
BITEXT_API const char           *bitext_term_list_get_tgt_lang (const BitextTermList *list);

BITEXT_API gboolean        bitext_term_format_from_name (const char *name, BitextTermFormat *format);
BITEXT_API BitextTermList *bitext_term_list_load_data   (const char *name, const char *data, gsize length,
                                                         BitextTermFormat format, const char *src_lang,
                                                         const char *tgt_lang, GError **error);
BITEXT_API BitextTermList *bitext_term_list_load_file   (const char *path, BitextTermFormat format,
                                                         const char *src_lang, const char *tgt_lang,
                                                         GError **error);
BITEXT_API char           *bitext_term_list_to_data     (const BitextTermList *list,
                                                         BitextTermFormat format, gsize *length);

/* Dictionary forms (Hunspell); NULL when no dictionary for @lang is found. */
typedef struct _BitextTermMorph BitextTermMorph;

BITEXT_API BitextTermMorph *bitext_term_morph_new        (const char *lang, const char *dict_dir);
BITEXT_API void             bitext_term_morph_free       (BitextTermMorph *morph);
BITEXT_API char            *bitext_term_morph_dup_lemma  (BitextTermMorph *morph, const char *phrase,
                                                          gboolean plural);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTermCandidates, bitext_term_candidates_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTermList, bitext_term_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextTermMorph, bitext_term_morph_free)

G_END_DECLS
