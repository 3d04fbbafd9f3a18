/* bitext — internals shared by terms.c, terms-pair.c, terms-morph.c and terms-format.c. */
#pragma once

#include <bitext/terms.h>

G_BEGIN_DECLS

#define TERM_MAX_WORDS 4

/* Token flags. */
enum
{
  TOK_STOP = 1 << 0,        /* a stop word: may be inside an n-gram, never at its ends */
  TOK_BREAK = 1 << 1,       /* punctuation or a number before it: no n-gram spans the gap */
  TOK_ACRONYM = 1 << 2,     /* two or more capitals, no lower-case letter except a plural s */
  TOK_CAPITAL = 1 << 3,     /* first letter upper case */
  TOK_FIRST = 1 << 4,       /* first word of its text */
  TOK_LINK = 1 << 5,        /* a stop word that may link a term's words: of, and; и, на */
  TOK_COORD = 1 << 6,       /* a linking word that coordinates: and; и */
  TOK_POSS = 1 << 7,        /* an English possessive: NATO's */
};

/* A word of a text: its stem id and where it is. */
typedef struct
{
  guint32 id;               /* TermSide word id, from 1 */
  guint32 start;            /* bytes into the text */
  guint32 end;
  guint32 flags;
} TermToken;

/*
** One language: ICU word iterator, Snowball stemmer, stop words and the
** interned stem keys. A stem key is "s:" + the stem of the case-folded word
** (English spelling folded to American, as the glossary matcher does), or
** "=" + the word for an acronym, so "US" never meets "us".
*/
typedef struct _TermBase TermBase;

typedef struct
{
  char *lang;
  gboolean english;
  struct sb_stemmer *stemmer;
  const TermBase *base;     /* the language's word lists, interned once per process (terms.c);
                               ids, cache and coords below hold only what this side adds to it */
  GHashTable *stop;         /* folded word -> 1, 2 link, 3 coordinator (the base's, shared) */
  GHashTable *ids;          /* stem key -> id */
  GPtrArray *keys;          /* id - 1 -> stem key (in strings, or the base's) */
  GStringChunk *strings;    /* the stem keys this side interned */
  GHashTable *cache;        /* word as written -> id | stop << 31 */
  GHashTable *coords;       /* ids of coordinators (and, и): a set */
  GHashTable *general;      /* ids of general-language words (rules/general-LL.txt): a set (the
                               base's, shared) */
  void *iter;               /* UBreakIterator * */
  GArray *u16;              /* UChar */
  GArray *capitals;         /* by id: guint32 pairs (occurrences not first in a text, capitalised) */
  GString *buf;
} TermSide;

gboolean  bitext_terms__side_init     (TermSide *side, const char *lang, GError **error);
void      bitext_terms__side_clear    (TermSide *side);
void      bitext_terms__tokenize      (TermSide *side, const char *text, GArray *tokens);
gboolean  bitext_terms__is_stop_key   (const TermSide *side, guint32 id);
GHashTable *bitext_terms__ref_stop_words (const char *lang);
gboolean  bitext_terms__is_name       (const TermSide *side, guint32 id);
gboolean  bitext_terms__is_general    (const TermSide *side, guint32 id);

/* An n-gram of word ids, zero-padded; interned in a TermTable. */
typedef struct
{
  guint32 id[TERM_MAX_WORDS];
} TermKey;

static inline guint
term_key_len (const TermKey *k)
{
  guint n = 0;
  while (n < TERM_MAX_WORDS && k->id[n] != 0)
    n++;
  return n;
}

/* Open-addressing table of TermKeys -> dense indices 0..n-1, with one counter each. */
typedef struct
{
  TermKey *keys;            /* dense, by index */
  guint32 *counts;          /* dense, by index */
  guint32 *slots;           /* index + 1, 0 = empty */
  gsize n;
  gsize cap_slots;          /* power of two */
  gsize cap_dense;
} TermTable;

void     bitext_terms__table_init   (TermTable *t, gsize expected);
void     bitext_terms__table_clear  (TermTable *t);
gsize    bitext_terms__table_intern (TermTable *t, const TermKey *key);
gssize   bitext_terms__table_lookup (const TermTable *t, const TermKey *key);

/*
** A count-min sketch of n-gram occurrences (see terms.c): its estimate of a
** count is never below the true count. Sized by the occurrences to come.
*/
typedef struct
{
  guint8 *rows;             /* 2 * (mask + 1) saturating counters */
  gsize mask;
} TermSketch;

/* terms-pair.c: a reader's note on an entry it dropped; takes @message. */
void     bitext_term_list__add_warning (BitextTermList *list, char *message);

void     bitext_terms__sketch_init     (TermSketch *s, gsize occurrences);
void     bitext_terms__sketch_clear    (TermSketch *s);
void     bitext_terms__sketch_add      (TermSketch *s, const TermKey *key);
guint    bitext_terms__sketch_estimate (const TermSketch *s, const TermKey *key);

/*
** Whether tokens[i .. i+n) may form a candidate: no break inside, neither
** end a stop word, at most one stop word inside and that one a linking word
** ("rules of engagement", «центр планирования и операций»): the
** prepositional and coordinated noun phrases of Frantzi et al.'s
** linguistic filter, approximated without a part-of-speech tagger.
*/
gboolean bitext_terms__ngram_ok (const TermToken *tokens, guint n_tokens, guint i, guint n);

/* Candidates found over tokenised texts, by C-value, best first. */
typedef struct
{
  TermKey key;
  guint n_words;
  guint freq;
  double cvalue;
  GArray *units;            /* guint, ascending, distinct */
  GArray *free_units;       /* the units where it occurs outside a longer, better candidate */
  GHashTable *forms;        /* form as written -> count */
  char *text;               /* most frequent form */
  guint n_capital;          /* occurrences capitalised not at the start of their text */
  guint n_inner;            /* occurrences not at the start of their text */
  gboolean acronym;
  guint split;              /* 1: its last word is an independent head (see terms.c) */
  double cohesion;          /* unithood in 0..1 (see terms.c) */
} TermCand;

GPtrArray *bitext_terms__candidates (TermSide *side, GArray *const *tokens,
                                     const char *const *texts, guint n_texts, guint min_freq,
                                     guint max_words, guint max_candidates);
void       bitext_terms__cand_free  (gpointer cand);
void       bitext_terms__count_form (GHashTable *forms, char *form, guint32 first_flags);
void       bitext_terms__settle_initial_forms (GHashTable *forms);

/* The C-value weight of an n-gram's length (see terms.c). */
double bitext_terms__cvalue_weight (guint n_words);

/* Dunning's (1993) log-likelihood ratio G² of a 2x2 table of unit counts. */
double bitext_terms__llr  (double k11, double k12, double k21, double k22);
double bitext_terms__dice (double f_xy, double f_x, double f_y);

/* ICU "Any-Latin; Latin-ASCII", lower-cased; similarity of two names in 0..1. */
double bitext_terms__translit_similarity (const char *a, const char *b);
/* A Snowball stemmer for @lang's two-letter code, or NULL (sb_stemmer_delete). */
struct sb_stemmer *bitext_terms__stemmer_new (const char *lang);
/* The consonants of a word as it sounds, in Latin letters; (transfer full). */
char  *bitext_terms__sound_key (const char *word);

/* Dictionary forms for a phrase with the forms seen; (transfer full). */
char *bitext_terms__dictionary_form (BitextTermMorph *morph, GHashTable *forms, gboolean plural);
gboolean bitext_terms__morph_is_plural_only (BitextTermMorph *morph, GHashTable *forms);
gboolean bitext_terms__morph_has_noun (BitextTermMorph *morph, const char *phrase);
gboolean bitext_terms__morph_is_adjective (BitextTermMorph *morph, const char *word);
gboolean bitext_terms__morph_is_adjective_entry (BitextTermMorph *morph, const char *word);
int bitext_terms__morph_same_word (BitextTermMorph *morph, const char *a, const char *b);
gboolean bitext_terms__morph_spell (BitextTermMorph *morph, const char *word, gboolean compounds);
gboolean bitext_terms__morph_spell_once (BitextTermMorph *morph, const char *word);
gboolean bitext_terms__morph_has_dict (const char *lang, const char *dict_dir);

G_END_DECLS
