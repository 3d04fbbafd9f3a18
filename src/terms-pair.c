/* bitext — bilingual term pairs: each source candidate's most associated target n-gram. */
#include <math.h>
#include <string.h>

#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include <bitext/error.h>

#include "terms-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UTransliterator, utrans_close)

/*
** A source candidate's target contenders are the target n-grams of the
** units it occurs in. At most this many, by co-occurrence count, go on to
** be scored: the rest co-occur less often than all of them and cannot win
** on Dice unless they are rarer than the candidate, in which case they
** explain few of its units. Keeps the work per candidate bounded.
*/
#define MAX_CONTENDERS 64

/* Example units kept per pair. */
#define MAX_EXAMPLES 3

/*
** Units a candidate's contenders, target forms and indirect associations
** are estimated from: at most this many of its units, evenly spaced, with
** counts scaled to all of them. A proportion estimated from n units has a
** standard error of at most 1 / (2 sqrt n), 0.031 here: well below the
** gaps in Dice that decide a link, and it keeps the work per candidate
** bounded whatever the memory's size. Candidates with fewer units (every
** one in a memory of a few thousand units) are counted exactly.
*/
#define SAMPLE_UNITS 256

/* Association measures */

/* Dice's coefficient 2 f(x,y) / (f(x) + f(y)) of two unit counts and their co-occurrence. */
double
bitext_terms__dice (double f_xy, double f_x, double f_y)
{
  return f_x + f_y > 0 ? 2.0 * f_xy / (f_x + f_y) : 0.0;
}

static double
xlogx_ratio (double k, double expected)
{
  return k > 0 && expected > 0 ? k * log (k / expected) : 0.0;
}

/*
** Dunning's (1993) log-likelihood ratio G² = 2 Σ k_ij ln (k_ij / E_ij) of
** the 2x2 table k11 = both, k12 = x without y, k21 = y without x, k22 =
** neither, E_ij = row_i col_j / N. Zero cells contribute nothing.
*/
double
bitext_terms__llr (double k11, double k12, double k21, double k22)
{
  double n = k11 + k12 + k21 + k22;
  if (n <= 0)
    return 0.0;
  double r1 = k11 + k12, r2 = k21 + k22, c1 = k11 + k21, c2 = k12 + k22;
  double g = xlogx_ratio (k11, r1 * c1 / n) + xlogx_ratio (k12, r1 * c2 / n)
             + xlogx_ratio (k21, r2 * c1 / n) + xlogx_ratio (k22, r2 * c2 / n);
  return MAX (0.0, 2.0 * g);
}

/* Transliteration */

/* @text in Latin ASCII, lower case, letters only. (transfer full) */
static char *
latin_key (UTransliterator *tr, const char *text)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = 0;
  u_strFromUTF8 (NULL, 0, &n, text, -1, &status);
  status = U_ZERO_ERROR;
  int32_t cap = n * 4 + 16;
  g_autofree UChar *u = g_new (UChar, cap);
  u_strFromUTF8 (u, cap, &n, text, -1, &status);
  int32_t limit = n;
  if (tr != NULL && U_SUCCESS (status))
    utrans_transUChars (tr, u, &n, cap, 0, &limit, &status);
  if (U_FAILURE (status))
    return g_utf8_strdown (text, -1);
  GString *s = g_string_new (NULL);
  for (int32_t i = 0; i < n; i++)
    if (u[i] < 0x80 && g_ascii_isalpha ((char) u[i]))
      g_string_append_c (s, g_ascii_tolower ((char) u[i]));
  return g_string_free (s, FALSE);
}

static guint
levenshtein (const char *a, const char *b)
{
  gsize na = strlen (a), nb = strlen (b);
  g_autofree guint *row = g_new (guint, nb + 1);
  for (gsize j = 0; j <= nb; j++)
    row[j] = (guint) j;
  for (gsize i = 1; i <= na; i++)
    {
      guint diag = row[0];
      row[0] = (guint) i;
      for (gsize j = 1; j <= nb; j++)
        {
          guint up = row[j];
          guint sub = diag + (a[i - 1] != b[j - 1]);
          row[j] = MIN (sub, MIN (up, row[j - 1]) + 1);
          diag = up;
        }
    }
  return row[nb];
}

static double
similarity (const char *a, const char *b)
{
  gsize n = MAX (strlen (a), strlen (b));
  return n == 0 ? 0.0 : 1.0 - (double) levenshtein (a, b) / (double) n;
}

static UTransliterator *
open_translit (void)
{
  static const UChar id[] = u"Any-Latin; Latin-ASCII";
  UErrorCode status = U_ZERO_ERROR;
  UTransliterator *tr = utrans_openU (id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  return U_SUCCESS (status) ? tr : NULL;
}

/*
** The calling thread's transliterator, opened on its first use and closed
** when the thread ends. Opening one (ICU builds its rule set) takes about
** 0.2 ms, many times what transliterating a name takes; a UTransliterator
** is not to be used by two threads at once.
*/
static GPrivate thread_translit = G_PRIVATE_INIT ((GDestroyNotify) utrans_close);

static UTransliterator *
get_thread_translit (void)
{
  UTransliterator *tr = g_private_get (&thread_translit);
  if (tr == NULL)
    {
      tr = open_translit ();
      g_private_set (&thread_translit, tr);
    }
  return tr;
}

/*
** Similarity in 0..1 of two names after both are transliterated to Latin
** ASCII (ICU "Any-Latin; Latin-ASCII"): 1 - Levenshtein distance / length.
*/
double
bitext_terms__translit_similarity (const char *a, const char *b)
{
  UTransliterator *tr = get_thread_translit ();
  g_autofree char *ka = latin_key (tr, a);
  g_autofree char *kb = latin_key (tr, b);
  return similarity (ka, kb);
}

/*
** The consonants of a word as it sounds, in Latin letters: what a rendering
** by sound keeps when a word passes from one script to another (socket
** «сокет», cookies «кукисы», Fife «Файф», Bury «Бэри»). Vowels, which
** renderings change most (and й), are written V, one V for a run of them and
** none at the end; doubled letters are written once, as in the consonant
** codes of name matching (Soundex: Russell 1918; Knuth, TAOCP vol. 3, 6.4).
** The V keeps the clusters: a vowel put into one (конфликт «конфиликт»)
** is no rendering of "conflict". A word in the Latin script is read with
** the spelling rules English, French and German loanwords share (ph = f,
** ck = k, c before e/i/y = s, else k, ch = C (either č or š: chip «чип»,
** cache «кеш»), sh = s, th = t, silent gh,
** qu = kv, x = ks, w = v); a word in another script is transliterated
** first (ICU "Any-Latin; Latin-ASCII": ч = c, ш = s, ж = z, х = h).
*/
char *
bitext_terms__sound_key (const char *word)
{
  gboolean latin = TRUE; /* read with Latin spelling rules */
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript sc = g_unichar_get_script (g_utf8_get_char (p));
      if (sc != G_UNICODE_SCRIPT_LATIN && sc != G_UNICODE_SCRIPT_COMMON
          && sc != G_UNICODE_SCRIPT_INHERITED)
        latin = FALSE;
    }
  g_autofree char *ascii = latin_key (get_thread_translit (), word);
  GString *key = g_string_new (NULL);
  for (const char *p = ascii; *p != '\0'; p++)
    {
      char c = *p, next = p[1];
      if (strchr ("aeiouyj", c) != NULL)
        {
          if (key->len == 0 || key->str[key->len - 1] != 'V')
            g_string_append_c (key, 'V');
          continue;
        }
      if (latin)
        {
          if ((c == 'p' && next == 'h') || (c == 'g' && next == 'h') || (c == 'c' && next == 'k')
              || (c == 'c' && next == 'h') || (c == 's' && next == 'h') || (c == 't' && next == 'h')
              || (c == 'w' && next == 'h'))
            {
              p++;
              c = c == 'p' ? 'f' : c == 'c' && next == 'k' ? 'k' : c == 'c' ? 'C' : c == 'w' ? 'v' : c;
              if (c == 'g')
                continue;
            }
          else if (c == 'c')
            c = next == 'e' || next == 'i' || next == 'y' ? 's' : 'k';
          else if (c == 'q')
            c = 'k';
          else if (c == 'w')
            c = 'v';
          else if (c == 'x')
            {
              if (key->len == 0 || key->str[key->len - 1] != 'k')
                g_string_append_c (key, 'k');
              c = 's';
            }
        }
      if (key->len == 0 || key->str[key->len - 1] != c)
        g_string_append_c (key, c);
    }
  if (key->len > 1 && key->str[key->len - 1] == 'V')
    g_string_truncate (key, key->len - 1);   /* a final vowel: an ending, or a silent e */
  return g_string_free (key, FALSE);
}

/* The term list */

typedef struct
{
  BitextTermPair pub;
  char *source, *target, *note, *example;
  char **variants;
  guint *examples;
} Pair;

struct _BitextTermList
{
  char *src_lang;
  char *tgt_lang;
  GPtrArray *pairs;         /* Pair * */
  GPtrArray *warnings;      /* char *: "NAME:LINE: ..." for each entry a reader dropped */
};

static void
pair_free (gpointer data)
{
  Pair *p = data;
  g_free (p->source);
  g_free (p->target);
  g_free (p->note);
  g_free (p->example);
  g_strfreev (p->variants);
  g_free (p->examples);
  g_free (p);
}

/**
 * bitext_term_list_new:
 * @src_lang: (nullable): the source language
 * @tgt_lang: (nullable): the target language
 *
 * Returns: (transfer full): an empty list of term pairs
 */
BitextTermList *
bitext_term_list_new (const char *src_lang, const char *tgt_lang)
{
  BitextTermList *l = g_new0 (BitextTermList, 1);
  l->src_lang = g_strdup (src_lang);
  l->tgt_lang = g_strdup (tgt_lang);
  l->pairs = g_ptr_array_new_with_free_func (pair_free);
  l->warnings = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  return l;
}

void
bitext_term_list_free (BitextTermList *list)
{
  if (list == NULL)
    return;
  g_free (list->src_lang);
  g_free (list->tgt_lang);
  g_ptr_array_unref (list->pairs);
  g_ptr_array_unref (list->warnings);
  g_free (list);
}

/**
 * bitext_term_list_add:
 * @pair: an entry; its strings and arrays are copied, NULL strings read as ""
 *
 * Appends a copy of @pair.
 */
void
bitext_term_list_add (BitextTermList *list, const BitextTermPair *pair)
{
  g_return_if_fail (list != NULL && pair != NULL);
  Pair *p = g_new0 (Pair, 1);
  p->pub = *pair;
  p->source = g_strdup (pair->source != NULL ? pair->source : "");
  p->target = g_strdup (pair->target != NULL ? pair->target : "");
  p->note = g_strdup (pair->note != NULL ? pair->note : "");
  p->example = g_strdup (pair->example != NULL ? pair->example : "");
  static const char *const none[] = { NULL };
  p->variants = g_strdupv ((char **) (pair->variants != NULL ? pair->variants : none));
  p->pub.n_examples = MIN (pair->n_examples, MAX_EXAMPLES);
  p->examples = g_new0 (guint, MAX_EXAMPLES);
  if (pair->examples != NULL)
    memcpy (p->examples, pair->examples, p->pub.n_examples * sizeof (guint));
  p->pub.source = p->source;
  p->pub.target = p->target;
  p->pub.note = p->note;
  p->pub.example = p->example;
  p->pub.variants = (const char *const *) p->variants;
  p->pub.examples = p->examples;
  g_ptr_array_add (list->pairs, p);
}

/* A reader's note on an entry it dropped, "NAME:LINE: ..." (see bitext_term_list_get_warnings()). */
void
bitext_term_list__add_warning (BitextTermList *list, char *message)
{
  g_ptr_array_add (list->warnings, message);
}

/**
 * bitext_term_list_get_warnings:
 *
 * Returns: (transfer none) (array zero-terminated=1): one "NAME:LINE: message"
 *   per entry the file reader dropped (a TBX entry without a source or a
 *   target term), in file order; empty for a list not read from a file
 */
const char *const *
bitext_term_list_get_warnings (const BitextTermList *list)
{
  g_return_val_if_fail (list != NULL, NULL);
  static const char *const none[] = { NULL };
  /* An empty array may have no storage yet. */
  return list->warnings->pdata != NULL ? (const char *const *) list->warnings->pdata : none;
}

guint
bitext_term_list_get_n_pairs (const BitextTermList *list)
{
  g_return_val_if_fail (list != NULL, 0);
  return list->pairs->len;
}

/**
 * bitext_term_list_get_pair:
 *
 * Returns: (transfer none): entry @index
 */
const BitextTermPair *
bitext_term_list_get_pair (const BitextTermList *list, guint index)
{
  g_return_val_if_fail (list != NULL && index < list->pairs->len, NULL);
  return &((Pair *) list->pairs->pdata[index])->pub;
}

const char *
bitext_term_list_get_src_lang (const BitextTermList *list)
{
  return list->src_lang;
}

const char *
bitext_term_list_get_tgt_lang (const BitextTermList *list)
{
  return list->tgt_lang;
}

/* Extraction */

typedef struct
{
  TermSide src, tgt;
  GArray **src_tok, **tgt_tok;    /* per unit */
  const char **src_text, **tgt_text;
  guint n_units;
  guint max_words;
  guint min_freq;
  TermTable all;                  /* target n-grams that may co-occur min_freq times; counts:
                                     units holding each */
  guint32 *unit_ids;              /* the distinct keys of ctx->all in each unit's target ... */
  gsize *unit_start;              /* ... unit u's from unit_start[u] to unit_start[u + 1], */
  guint32 *unit_words;            /* its one-word keys first, unit_words[u] of them */
  guint32 *scratch;               /* per key of ctx->all: a count, zero between uses */
  UTransliterator *translit;
  BitextTermMorph *src_morph, *tgt_morph;
  const BitextGlossary *seed;
  GArray *keys;                   /* scratch: TermKey */
  GArray *starts;                 /* scratch: guint */
} Ctx;

typedef struct
{
  TermKey key;
  guint co;                       /* units with both */
  double assoc;                   /* what the choice is made by */
  double dice, llr;
  gboolean translit;              /* spelt like the source name */
} Contender;

/* A possible link of source candidate @cand to its contender @contender. */
typedef struct
{
  guint cand;
  guint contender;
  double assoc;
  double llr;
  guint n_words;                  /* of the source */
} Link;

static void
make_key (const TermToken *tokens, guint i, guint n, TermKey *key)
{
  memset (key, 0, sizeof *key);
  for (guint k = 0; k < n; k++)
    key->id[k] = tokens[i + k].id;
}

/*
** The valid target n-grams of unit @u (not crossing a break, not starting
** or ending with a stop word) into @keys, with their first token in @starts
** (nullable).
*/
static void
unit_target_keys (const Ctx *ctx, guint u, GArray *keys, GArray *starts)
{
  g_array_set_size (keys, 0);
  if (starts != NULL)
    g_array_set_size (starts, 0);
  const TermToken *tok = (const TermToken *) ctx->tgt_tok[u]->data;
  guint n_tok = ctx->tgt_tok[u]->len;
  for (guint i = 0; i < n_tok; i++)
    for (guint n = 1; n <= ctx->max_words && i + n <= n_tok; n++)
      {
        if (n > 1 && (tok[i + n - 1].flags & TOK_BREAK))
          break;
        if (!bitext_terms__ngram_ok (tok, n_tok, i, n))
          continue;
        TermKey key;
        make_key (tok, i, n, &key);
        g_array_append_val (keys, key);
        if (starts != NULL)
          g_array_append_val (starts, i);
      }
}

static int
compare_co (gconstpointer pa, gconstpointer pb)
{
  const Contender *a = pa, *b = pb;
  if (a->co != b->co)
    return a->co > b->co ? -1 : 1;
  guint la = term_key_len (&a->key), lb = term_key_len (&b->key);
  if (la != lb)
    return la > lb ? -1 : 1;
  return memcmp (&a->key, &b->key, sizeof a->key);
}

static char *key_text (const TermSide *side, const TermKey *key);

/* Whether one-word target @key is spelt like the name @name_latin (see score_contenders). */
static gboolean
spelt_like (Ctx *ctx, const char *name_latin, const TermKey *key)
{
  if (name_latin == NULL || term_key_len (key) != 1)
    return FALSE;
  g_autofree char *t = key_text (&ctx->tgt, key);
  g_autofree char *t_latin = latin_key (ctx->translit, t);
  return similarity (name_latin, t_latin) > 0.5;
}

/* The @i-th of at most SAMPLE_UNITS units of @units, evenly spaced; the number is sample_size (). */
static guint
sample_size (const GArray *units)
{
  return MIN (units->len, SAMPLE_UNITS);
}

static guint
sample_unit (const GArray *units, guint i)
{
  guint64 k = units->len <= SAMPLE_UNITS ? i : (guint64) i * units->len / SAMPLE_UNITS;
  return g_array_index (units, guint, k);
}

/*
** The target n-grams co-occurring with a candidate in at least min_freq of
** its units @units, most often first; with @words_only, one-word targets.
** Counted over a sample of the units (SAMPLE_UNITS).
** For a one-word name (@name_latin, its transliteration; nullable) a
** target word spelt like it is kept from one co-occurrence: inflection
** splits a Russian name's few occurrences over stems (Медведев, Медведева).
*/
static GArray *
find_contenders (Ctx *ctx, GArray *units, gboolean words_only, const char *name_latin)
{
  guint n_sample = sample_size (units);
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint k = 0; k < n_sample; k++)
    {
      guint u = sample_unit (units, k);
      gsize end = words_only ? ctx->unit_start[u] + ctx->unit_words[u] : ctx->unit_start[u + 1];
      for (gsize i = ctx->unit_start[u]; i < end; i++)
        {
          guint32 id = ctx->unit_ids[i];
          if (ctx->scratch[id]++ == 0)
            g_array_append_val (touched, id);
        }
    }
  /* Those that may be contenders, with their sample counts (at most SAMPLE_UNITS). */
  g_autoptr(GArray) passed = g_array_new (FALSE, FALSE, 2 * sizeof (guint32));
  guint hist[SAMPLE_UNITS + 1] = { 0 };
  for (guint i = 0; i < touched->len; i++)
    {
      guint32 id = g_array_index (touched, guint32, i);
      guint32 seen = ctx->scratch[id];
      ctx->scratch[id] = 0;
      /* Counted on a sample: scaled to all units (exact when all are in it). */
      guint n = (guint) ((guint64) seen * units->len / MAX (n_sample, 1));
      if (n >= ctx->min_freq || spelt_like (ctx, name_latin, &ctx->all.keys[id]))
        {
          guint32 pair[2] = { id, seen };
          g_array_append_val (passed, pair);
          hist[seen]++;
        }
    }
  /* Only the MAX_CONTENDERS most frequent are kept. The scaling is strictly
     increasing in the sample count (units->len >= n_sample), so the least
     count among them is found on the counts, and only those at or above it
     are sorted: a candidate of a large memory touches thousands. */
  guint least = SAMPLE_UNITS, above = hist[SAMPLE_UNITS];
  while (least > 0 && above < MAX_CONTENDERS)
    above += hist[--least];
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Contender));
  for (guint i = 0; i < passed->len; i++)
    {
      const guint32 *pair = &g_array_index (passed, guint32, 2 * i);
      if (pair[1] < least)
        continue;
      Contender c = { .key = ctx->all.keys[pair[0]],
                      .co = (guint) ((guint64) pair[1] * units->len / MAX (n_sample, 1)) };
      g_array_append_val (out, c);
    }
  g_array_sort (out, compare_co);
  /* Kept at their exact size: 20,000 candidates keep two lists each until
     the entries are made. */
  guint n_kept = MIN (out->len, MAX_CONTENDERS);
  GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (Contender), n_kept);
  g_array_append_vals (kept, out->data, n_kept);
  g_array_unref (out);
  return kept;
}

/*
** Add to @ids the distinct keys of ctx->all among the target n-grams of unit
** @u in ctx->keys: its single words (@words) or its longer n-grams, those
** the @sketch (nullable) counts min_freq times; @last holds, by key, the
** last unit + 1 that counted it.
*/
static void
index_unit_keys (Ctx *ctx, guint u, gboolean words, const TermSketch *sketch, GArray *last, GArray *ids)
{
  for (guint i = 0; i < ctx->keys->len; i++)
    {
      const TermKey *key = &g_array_index (ctx->keys, TermKey, i);
      if ((key->id[1] == 0) != words
          || (sketch != NULL && bitext_terms__sketch_estimate (sketch, key) < ctx->min_freq))
        continue;
      guint32 id = (guint32) bitext_terms__table_intern (&ctx->all, key);
      if (id >= last->len)
        g_array_set_size (last, MAX (id + 1, last->len * 2));
      if (g_array_index (last, guint32, id) == u + 1)
        continue;
      g_array_index (last, guint32, id) = u + 1;
      ctx->all.counts[id]++;
      g_array_append_val (ids, id);
    }
}

/*
** The target index: every target n-gram that may co-occur with a candidate
** min_freq times (its occurrences reach min_freq by a count-min sketch; all
** single words, which a name's spelling may link from one co-occurrence)
** into ctx->all, with the number of units holding it, and the distinct ones
** of each unit in ctx->unit_ids, its single words first (the word pass of
** find_contenders reads those only). The units' targets are read once here;
** the contenders of every candidate are then counted on these ids.
*/
static void
build_target_index (Ctx *ctx)
{
  gsize occurrences = 0;
  for (guint u = 0; u < ctx->n_units; u++)
    occurrences += (gsize) ctx->tgt_tok[u]->len * ctx->max_words;
  TermSketch sketch = { NULL, 0 };
  gboolean filter = ctx->min_freq > 1 && ctx->min_freq <= 255 && occurrences >= (1u << 20);
  if (filter)
    {
      bitext_terms__sketch_init (&sketch, occurrences);
      for (guint u = 0; u < ctx->n_units; u++)
        {
          unit_target_keys (ctx, u, ctx->keys, NULL);
          for (guint i = 0; i < ctx->keys->len; i++)
            bitext_terms__sketch_add (&sketch, &g_array_index (ctx->keys, TermKey, i));
        }
    }
  bitext_terms__table_init (&ctx->all, MIN (occurrences / 4, 1u << 22));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) last = g_array_new (FALSE, TRUE, sizeof (guint32));    /* per key: last unit + 1 */
  ctx->unit_start = g_new (gsize, ctx->n_units + 1);
  ctx->unit_words = g_new (guint32, MAX (ctx->n_units, 1));
  for (guint u = 0; u < ctx->n_units; u++)
    {
      ctx->unit_start[u] = ids->len;
      unit_target_keys (ctx, u, ctx->keys, NULL);
      index_unit_keys (ctx, u, TRUE, NULL, last, ids);
      ctx->unit_words[u] = (guint32) (ids->len - ctx->unit_start[u]);
      index_unit_keys (ctx, u, FALSE, filter ? &sketch : NULL, last, ids);
    }
  ctx->unit_start[ctx->n_units] = ids->len;
  ctx->unit_ids = g_renew (guint32, (guint32 *) g_array_free (g_steal_pointer (&ids), FALSE),
                           MAX (ctx->unit_start[ctx->n_units], 1));
  ctx->scratch = g_new0 (guint32, MAX (ctx->all.n, 1));
  bitext_terms__sketch_clear (&sketch);
}

/* build_target_index as a GThreadFunc. */
static gpointer
build_target_index_thread (gpointer ctx)
{
  build_target_index (ctx);
  return NULL;
}

/* The stem keys of an n-gram joined by spaces, without their "s:"/"=" marks, for transliteration. */
static char *
key_text (const TermSide *side, const TermKey *key)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < TERM_MAX_WORDS && key->id[k] != 0; k++)
    {
      const char *w = side->keys->pdata[key->id[k] - 1];
      g_string_append (s, w[0] == '=' ? w + 1 : w + 2);
    }
  return g_string_free (s, FALSE);
}

/*
** The seed glossary's renderings of @cand as target keys: for every entry
** whose source is the candidate's form, its targets tokenised on the
** target side. (transfer full) GArray of TermKey.
*/
static GArray *
seed_keys (Ctx *ctx, const TermCand *cand)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (TermKey));
  if (ctx->seed == NULL)
    return keys;
  g_autoptr(GArray) matches = bitext_glossary_match ((BitextGlossary *) ctx->seed,
                                                     BITEXT_GLOSSARY_SOURCE, cand->text);
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (TermToken));
  for (guint m = 0; matches != NULL && m < matches->len; m++)
    {
      const BitextTermMatch *match = &g_array_index (matches, BitextTermMatch, m);
      if (match->start != 0 || match->end != strlen (cand->text))
        continue;
      const BitextGlossaryEntry *e = bitext_glossary_get_entry (ctx->seed, match->entry);
      for (const char *const *t = e->targets; *t != NULL; t++)
        {
          bitext_terms__tokenize (&ctx->tgt, *t, tokens);
          if (tokens->len == 0 || tokens->len > TERM_MAX_WORDS)
            continue;
          TermKey key;
          make_key ((TermToken *) tokens->data, 0, tokens->len, &key);
          g_array_append_val (keys, key);
        }
    }
  return keys;
}

/*
** How compatible a rendering of @lt words is with a source n-gram of @ls
** words: 1 when the lengths differ by at most a word, halved for each word
** more. A difference of a word is common between English and Russian
** (sensor, «средство обнаружения»; strategic deterrent, «силы
** стратегического сдерживания»), of two rare, so a one-word source seldom
** takes a three-word rendering unless the association says so clearly.
*/
static double
length_compat (guint ls, guint lt)
{
  guint d = ls > lt ? ls - lt : lt - ls;
  return d <= 1 ? 1.0 : ldexp (1.0, 1 - (int) d);
}

/*
** Score the contenders of @cand: Dice over unit counts times the length
** compatibility; a one-word name or acronym adds twice the similarity of
** its transliteration (ICU Any-Latin) to a one-word contender's when that
** exceeds 1/2, so that for names spelling dominates co-occurrence (names of
** several words are translated, not transliterated: "Euro-Atlantic Area");
** a rendering from the seed glossary adds 1.
*/
static gboolean
is_name (const TermCand *cand)
{
  return cand->acronym || (cand->n_inner > 0 && cand->n_capital * 2 > cand->n_inner);
}

static void
score_contenders (Ctx *ctx, const TermCand *cand, GArray *units, GArray *contenders)
{
  gboolean name = is_name (cand);
  g_autofree char *src_latin = name ? latin_key (ctx->translit, cand->text) : NULL;
  g_autoptr(GArray) seeds = seed_keys (ctx, cand);
  double n = ctx->n_units, fs = units->len;
  for (guint i = 0; i < contenders->len; i++)
    {
      Contender *c = &g_array_index (contenders, Contender, i);
      gssize idx = bitext_terms__table_lookup (&ctx->all, &c->key);
      double ft = idx >= 0 ? ctx->all.counts[idx] : c->co;
      guint lt = term_key_len (&c->key);
      c->dice = bitext_terms__dice (c->co, fs, ft);
      c->llr = bitext_terms__llr (c->co, fs - c->co, ft - c->co, n - fs - ft + c->co);
      c->assoc = c->dice * length_compat (cand->n_words, lt);
      if (src_latin != NULL && cand->n_words == 1 && lt == 1)
        {
          g_autofree char *t = key_text (&ctx->tgt, &c->key);
          g_autofree char *t_latin = latin_key (ctx->translit, t);
          double sim = similarity (src_latin, t_latin);
          if (sim > 0.5)
            {
              c->assoc += 2.0 * sim;
              c->translit = TRUE;
            }
        }
      for (guint k = 0; k < seeds->len; k++)
        if (memcmp (&g_array_index (seeds, TermKey, k), &c->key, sizeof c->key) == 0)
          c->assoc += 1.0;
    }
}

/* The first letters of the words of @key, lower case; (transfer full). */
static char *
initials (const TermSide *side, const TermKey *key)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < TERM_MAX_WORDS && key->id[k] != 0; k++)
    {
      const char *w = side->keys->pdata[key->id[k] - 1];
      w += w[0] == '=' ? 1 : 2;
      g_string_append_unichar (s, g_unichar_tolower (g_utf8_get_char (w)));
    }
  return g_string_free (s, FALSE);
}

/*
** Whether the letters of @acronym occur in order in @phrase (both lower
** case), the first at its start: «про» in «противоракетн оборон», «мбр» in
** «межконтинентальн баллистическ ракет». Schwartz & Hearst (2003, "A simple
** algorithm for identifying abbreviation definitions in biomedical text")
** match short forms to long forms this way.
*/
static gboolean
letters_in_order (const char *acronym, const char *phrase)
{
  if (g_utf8_get_char (acronym) != g_utf8_get_char (phrase))
    return FALSE;
  const char *p = phrase;
  for (const char *a = acronym; *a != '\0'; a = g_utf8_next_char (a))
    {
      gunichar c = g_utf8_get_char (a);
      while (*p != '\0' && g_utf8_get_char (p) != c)
        p = g_utf8_next_char (p);
      if (*p == '\0')
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

/*
** Acronyms of phrases: when a source acronym spells the initials of another
** source candidate ("MD", "missile defence"), a target acronym whose letters
** spell that candidate's best rendering («ПРО», «противоракетная оборона»)
** is its rendering too: add 2 to its association, as transliteration does
** for names. Across scripts an acronym cannot be transliterated (NATO and
** НАТО can; MD and ПРО cannot).
*/
static void
acronym_evidence (Ctx *ctx, GPtrArray *cands, GPtrArray *contenders)
{
  for (guint a = 0; a < cands->len; a++)
    {
      const TermCand *acr = cands->pdata[a];
      if (!acr->acronym || acr->n_words != 1)
        continue;
      const char *k = ctx->src.keys->pdata[acr->key.id[0] - 1];
      if (k[0] != '=')
        continue;
      g_autofree char *letters = g_utf8_strdown (k + 1, -1);
      for (guint p = 0; p < cands->len; p++)
        {
          const TermCand *phrase = cands->pdata[p];
          GArray *pc = contenders->pdata[p];
          if (phrase->n_words < 2 || phrase->n_words != g_utf8_strlen (letters, -1) || pc->len == 0)
            continue;
          g_autofree char *init = initials (&ctx->src, &phrase->key);
          if (strcmp (init, letters) != 0)
            continue;
          guint best = 0;
          for (guint i = 1; i < pc->len; i++)
            if (g_array_index (pc, Contender, i).assoc > g_array_index (pc, Contender, best).assoc)
              best = i;
          g_autofree char *long_form = key_text (&ctx->tgt, &g_array_index (pc, Contender, best).key);
          g_autofree char *long_lower = g_utf8_strdown (long_form, -1);
          GArray *ac = contenders->pdata[a];
          for (guint i = 0; i < ac->len; i++)
            {
              Contender *c = &g_array_index (ac, Contender, i);
              const char *t = ctx->tgt.keys->pdata[c->key.id[0] - 1];
              if (term_key_len (&c->key) != 1 || t[0] != '=')
                continue;
              g_autofree char *short_lower = g_utf8_strdown (t + 1, -1);
              if (letters_in_order (short_lower, long_lower))
                c->assoc += 2.0;
            }
          break;
        }
    }
}

/* Whether n-gram @small occurs as consecutive words in @big (or equals it). */
static gboolean
key_contains (const TermKey *big, const TermKey *small)
{
  guint nb = term_key_len (big), ns = term_key_len (small);
  for (guint off = 0; ns > 0 && off + ns <= nb; off++)
    if (memcmp (big->id + off, small->id, ns * sizeof (guint32)) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_links (gconstpointer pa, gconstpointer pb)
{
  const Link *a = pa, *b = pb;
  if (a->assoc != b->assoc)
    return a->assoc > b->assoc ? -1 : 1;
  if (a->llr != b->llr)
    return a->llr > b->llr ? -1 : 1;
  /* The longer source first: a part's equal association comes from the whole. */
  if (a->n_words != b->n_words)
    return a->n_words > b->n_words ? -1 : 1;
  if (a->cand != b->cand)
    return a->cand < b->cand ? -1 : 1;
  return a->contender < b->contender ? -1 : a->contender > b->contender;
}

static GArray *shared_units (Ctx *ctx, const TermCand *cand, const TermKey *key, gboolean sample);

/* Word-to-word association: (source word id, target word id) -> assoc, from the word pass. */
typedef struct
{
  TermTable pairs;                /* TermKey { source, target } */
  GArray *assoc;                  /* double, by index in pairs */
} WordAssoc;

static double
word_assoc (const WordAssoc *wa, guint32 src, guint32 tgt)
{
  TermKey k = { { src, tgt } };
  gssize i = bitext_terms__table_lookup (&wa->pairs, &k);
  return i < 0 ? 0.0 : g_array_index (wa->assoc, double, i);
}

/*
** Whether word @w of a rendering is better explained, in unit @u, by a
** source word outside candidate @cand than by any word of @cand: some other
** source word of the unit is more associated with it.
*/
static gboolean
explained_outside (Ctx *ctx, const WordAssoc *wa, const TermCand *cand, guint u, guint32 w)
{
  double inside = 0;
  for (guint k = 0; k < cand->n_words; k++)
    inside = MAX (inside, word_assoc (wa, cand->key.id[k], w));
  const GArray *tok = ctx->src_tok[u];
  for (guint i = 0; i < tok->len; i++)
    {
      guint32 s = g_array_index (tok, TermToken, i).id;
      gboolean in_cand = FALSE;
      for (guint k = 0; k < cand->n_words && !in_cand; k++)
        in_cand = cand->key.id[k] == s;
      if (!in_cand && word_assoc (wa, s, w) > inside)
        return TRUE;
    }
  return FALSE;
}

/*
** Melamed's indirect associations, unit by unit: whether in at least half
** of the units @cand shares with rendering @t, some word of @t is better
** explained by a source word outside @cand ("missile proliferation",
** «распространение ракет»: «ракет» goes with "missile", so "proliferation"
** is «распространение»).
*/
static gboolean
holds_foreign_words (Ctx *ctx, const WordAssoc *wa, const TermCand *cand, const TermKey *t)
{
  guint lt = term_key_len (t);
  if (lt < 2)
    return FALSE;
  g_autoptr(GArray) units = shared_units (ctx, cand, t, TRUE);
  guint explained = 0;
  for (guint k = 0; k < units->len; k++)
    {
      guint u = g_array_index (units, guint, k);
      for (guint w = 0; w < lt; w++)
        if (explained_outside (ctx, wa, cand, u, t->id[w]))
          {
            explained++;
            break;
          }
    }
  return units->len > 0 && 2 * explained >= units->len;
}

/*
** Whether one-word candidate @whole is a closed compound holding one-word
** candidate @part in its spelling: "database" holds "data", "checksum"
** "sum". Such a word is rendered by a phrase holding the part's rendering
** («база данных»), as an open compound holds its words ("NATO missile
** defence", «противоракетная оборона НАТО»). A part of three letters at
** least, so that no chance letters count.
*/
static gboolean
closed_compound_of (const TermCand *whole, const TermCand *part)
{
  if (whole->n_words != 1 || part->n_words != 1 || g_utf8_strlen (part->text, -1) < 3)
    return FALSE;
  g_autofree char *w = g_utf8_casefold (whole->text, -1);
  g_autofree char *p = g_utf8_casefold (part->text, -1);
  return strlen (p) < strlen (w) && strstr (w, p) != NULL;
}

/*
** Whether target @t may be linked to source candidate @c given the links
** made so far (@owned: the linked targets, @owner: by index in @owned,
** their sources) and the word associations of the first pass (@wa). No
** other source holds @t itself; @t holds no rendering linked to a source
** that is not part of @c («МБР слишком» holds МБР, the rendering of ICBM,
** so it cannot render "interceptor"; «противоракетная оборона НАТО» may
** render "NATO missile defence", which holds both, and «база данных»
** "database", a closed compound of "data"); and @t does not hold
** words that other source words of the units explain (holds_foreign_words).
*/
static gboolean
link_allowed (Ctx *ctx, GPtrArray *cands, const TermTable *owned, const GArray *owner,
              const WordAssoc *wa, guint c, const TermKey *t)
{
  const TermCand *cand = cands->pdata[c];
  guint lt = term_key_len (t);
  /* Every sub-n-gram of t (t itself included) that another source holds. */
  for (guint n = 1; n <= lt; n++)
    for (guint off = 0; off + n <= lt; off++)
      {
        TermKey sub = { { 0 } };
        memcpy (sub.id, t->id + off, n * sizeof (guint32));
        gssize idx = bitext_terms__table_lookup (owned, &sub);
        if (idx < 0)
          continue;
        guint o = g_array_index (owner, guint, idx);
        const TermCand *oc = cands->pdata[o];
        if (n == lt || !(key_contains (&cand->key, &oc->key) || closed_compound_of (cand, oc)))
          return FALSE;
      }
  return wa == NULL || !holds_foreign_words (ctx, wa, cand, t);
}

/* The number of units whose target holds @key (counted by build_target_index). */
static double
unit_freq (const Ctx *ctx, const Contender *c)
{
  gssize idx = bitext_terms__table_lookup (&ctx->all, &c->key);
  return idx >= 0 ? ctx->all.counts[idx] : c->co;
}

/*
** A longer rendering for candidate @c than its contender @k, when the
** rendering is the head of a fixed phrase: a contender of one word more
** that holds it, in at least half the units where @k comes with the
** candidate and in at least half of all units holding @k (target unithood,
** as cohesion_of measures it on the source side), and that may be linked.
** "database" co-occurs a little more often with «база» than with «база
** данных», whose «база» is nearly always followed by «данных»: the entry is
** «база данных». Returns the contender's index, or -1. The length stays
** compatible with the source's (length_compat), and only links made on
** co-occurrence alone are extended.
*/
static gssize
extend_rendering (Ctx *ctx, GPtrArray *cands, const TermTable *owned, const GArray *owner,
                  const WordAssoc *wa, guint c, GArray *contenders, guint k)
{
  const Contender *base = &g_array_index (contenders, Contender, k);
  guint lk = term_key_len (&base->key), ls = ((const TermCand *) cands->pdata[c])->n_words;
  /* A link made on spelling (transliteration, an acronym's letters) or on the
     seed glossary names its rendering exactly: assoc above Dice. */
  if (lk + 1 > ls + 1 || base->assoc > base->dice)
    return -1;
  gssize best = -1;
  for (guint j = 0; j < contenders->len; j++)
    {
      const Contender *x = &g_array_index (contenders, Contender, j);
      if (term_key_len (&x->key) != lk + 1 || !key_contains (&x->key, &base->key) || 2 * x->co < base->co
          || (best >= 0 && x->co <= g_array_index (contenders, Contender, best).co)
          || 2 * unit_freq (ctx, x) < unit_freq (ctx, base)
          || !link_allowed (ctx, cands, owned, owner, wa, c, &x->key))
        continue;
      best = j;
    }
  return best;
}

/*
** Competitive linking (Melamed 2000, "Models of translational equivalence
** among words", Computational Linguistics 26(2)): all (source, target)
** links in descending order of association; a link is made when neither
** its source nor its target is linked yet. A target that co-occurs with
** a source only because it comes with the source's true rendering loses
** to that rendering's own link (Melamed's indirect associations).
** With @wa NULL, only one-word sources and targets take part (Melamed's
** word-to-word model); otherwise all, checked against those associations.
** @chosen[c] is the contender index linked to candidate c, or -1.
*/
static void
competitive_linking (Ctx *ctx, GPtrArray *cands, GArray *const *contenders, const WordAssoc *wa,
                     gssize *chosen)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (Link));
  for (guint c = 0; c < cands->len; c++)
    {
      const TermCand *cand = cands->pdata[c];
      chosen[c] = -1;
      for (guint i = 0; i < contenders[c]->len && (wa != NULL || cand->n_words == 1); i++)
        {
          const Contender *k = &g_array_index (contenders[c], Contender, i);
          if (wa == NULL && term_key_len (&k->key) != 1)
            continue;
          Link l = { c, i, k->assoc, k->llr, cand->n_words };
          g_array_append_val (links, l);
        }
    }
  g_array_sort (links, compare_links);
  TermTable owned;                /* linked targets -> their index in owner */
  bitext_terms__table_init (&owned, cands->len);
  g_autoptr(GArray) owner = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < links->len; i++)
    {
      const Link *l = &g_array_index (links, Link, i);
      if (chosen[l->cand] >= 0)
        continue;
      const TermKey *t = &g_array_index (contenders[l->cand], Contender, l->contender).key;
      if (!link_allowed (ctx, cands, &owned, owner, wa, l->cand, t))
        continue;
      gssize ext = wa != NULL ? extend_rendering (ctx, cands, &owned, owner, wa, l->cand,
                                                 contenders[l->cand], l->contender) : -1;
      chosen[l->cand] = ext >= 0 ? ext : (gssize) l->contender;
      t = &g_array_index (contenders[l->cand], Contender, chosen[l->cand]).key;
      gsize idx = bitext_terms__table_intern (&owned, t);
      g_array_set_size (owner, MAX (owner->len, idx + 1));
      g_array_index (owner, guint, idx) = l->cand;
    }
  bitext_terms__table_clear (&owned);
}

/*
** A one-word name whose word link is a transliteration (Medvedev,
** Медведев) is a unit of its own wherever it stands, "President Medvedev"
** included: its units are all free, and its contenders those of the word
** pass. A capitalised common word inside a name ("Interim" in "Interim
** Capability") is translated, not transliterated, and stays nested.
*/
static void
free_transliterated_names (GPtrArray *cands, GPtrArray *contenders, GPtrArray *word_contenders,
                           const gssize *chosen)
{
  for (guint c = 0; c < cands->len; c++)
    {
      TermCand *cand = cands->pdata[c];
      GArray *wc = word_contenders->pdata[c];
      if (chosen[c] < 0 || !g_array_index (wc, Contender, chosen[c]).translit)
        continue;
      g_array_unref (cand->free_units);
      cand->free_units = g_array_copy (cand->units);
      g_array_unref (contenders->pdata[c]);
      contenders->pdata[c] = g_array_copy (wc);
    }
}

/* The associations of every one-word candidate with its one-word contenders, into @wa. */
static void
word_assoc_init (WordAssoc *wa, GPtrArray *cands, GArray *const *word_contenders)
{
  bitext_terms__table_init (&wa->pairs, cands->len * 4);
  wa->assoc = g_array_new (FALSE, TRUE, sizeof (double));
  for (guint c = 0; c < cands->len; c++)
    for (guint i = 0; i < word_contenders[c]->len; i++)
      {
        const Contender *k = &g_array_index (word_contenders[c], Contender, i);
        TermKey key = { { ((TermCand *) cands->pdata[c])->key.id[0], k->key.id[0] } };
        gsize idx = bitext_terms__table_intern (&wa->pairs, &key);
        g_array_set_size (wa->assoc, MAX (wa->assoc->len, idx + 1));
        g_array_index (wa->assoc, double, idx) = k->assoc;
      }
}

static void
word_assoc_clear (WordAssoc *wa)
{
  bitext_terms__table_clear (&wa->pairs);
  g_clear_pointer (&wa->assoc, g_array_unref);
}

/* The forms of target n-gram @key as written in units @units (a sample of them): form -> count. */
static GHashTable *
target_forms (Ctx *ctx, GArray *units, const TermKey *key)
{
  GHashTable *forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = term_key_len (key);
  for (guint k = 0; k < sample_size (units); k++)
    {
      guint u = sample_unit (units, k);
      unit_target_keys (ctx, u, ctx->keys, ctx->starts);
      const TermToken *tok = (const TermToken *) ctx->tgt_tok[u]->data;
      for (guint i = 0; i < ctx->keys->len; i++)
        {
          if (memcmp (&g_array_index (ctx->keys, TermKey, i), key, sizeof *key) != 0)
            continue;
          guint s = g_array_index (ctx->starts, guint, i);
          GString *f = g_string_new (NULL);
          for (guint w = 0; w < n; w++)
            {
              if (w > 0)
                g_string_append_c (f, ' ');
              g_string_append_len (f, ctx->tgt_text[u] + tok[s + w].start,
                                   tok[s + w].end - tok[s + w].start);
            }
          bitext_terms__count_form (forms, g_string_free (f, FALSE), tok[s].flags);
        }
    }
  bitext_terms__settle_initial_forms (forms);
  return forms;
}

/*
** Whether the target of unit @u holds n-gram @key as a valid n-gram (the
** test unit_target_keys applies): a scan of its tokens, no key built.
*/
static gboolean
unit_has_key (const Ctx *ctx, guint u, const TermKey *key)
{
  const TermToken *tok = (const TermToken *) ctx->tgt_tok[u]->data;
  guint n_tok = ctx->tgt_tok[u]->len, n = term_key_len (key);
  for (guint i = 0; i + n <= n_tok; i++)
    {
      if (tok[i].id != key->id[0])
        continue;
      guint k = 1;
      while (k < n && tok[i + k].id == key->id[k])
        k++;
      if (k == n && bitext_terms__ngram_ok (tok, n_tok, i, n))
        return TRUE;
    }
  return FALSE;
}

/*
** The free units of @cand whose target holds @key, all of them or, with
** @sample, those of the sample of SAMPLE_UNITS. (transfer full)
*/
static GArray *
shared_units (Ctx *ctx, const TermCand *cand, const TermKey *key, gboolean sample)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = sample ? sample_size (cand->free_units) : cand->free_units->len;
  for (guint k = 0; k < n; k++)
    {
      guint u = sample ? sample_unit (cand->free_units, k) : g_array_index (cand->free_units, guint, k);
      if (unit_has_key (ctx, u, key))
        g_array_append_val (out, u);
    }
  return out;
}

/* Forms by count, most frequent first, ties alphabetical. */
static int
compare_forms (gconstpointer pa, gconstpointer pb, gpointer user_data)
{
  const char *a = *(const char *const *) pa, *b = *(const char *const *) pb;
  guint na = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, a));
  guint nb = GPOINTER_TO_UINT (g_hash_table_lookup (user_data, b));
  return na != nb ? (na > nb ? -1 : 1) : strcmp (a, b);
}

/*
** Whether some occurrence of the source candidate is plural: a form whose
** dictionary form (singular head) differs from the form as written.
*/
static gboolean
source_has_plural (Ctx *ctx, const TermCand *cand)
{
  if (ctx->src_morph == NULL)
    return FALSE;
  guint plural = 0, all = 0;
  GHashTableIter it;
  gpointer k, v;
  g_hash_table_iter_init (&it, cand->forms);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      g_autofree char *lemma = bitext_term_morph_dup_lemma (ctx->src_morph, k, FALSE);
      all += GPOINTER_TO_UINT (v);
      plural += strcmp (lemma, k) != 0 ? GPOINTER_TO_UINT (v) : 0;
    }
  return plural > 0 && all > 0;
}

/*
** The ranking score of an entry: termhood times translation consistency.
** Termhood is log2 (1 + C-value), so that frequency counts but does not
** decide alone (a term seen twice is still a term); consistency is Dice.
** Three factors halve it: a source or rendering that is no noun phrase
** (Justeson & Katz 1995: terms are noun phrases; judged on Hunspell
** entries, see bitext_terms__morph_has_noun); a single word, not a name,
** of the general vocabulary (rules/general-LL.txt); and an n-gram of weak
** unithood, that accounts for less than half the occurrences of the rarer
** of two parts it splits into (two terms that meet: "NATO system").
** score_bound() is the score before the noun-phrase factor, the one that
** needs the entry's dictionary forms: an upper bound of it.
*/
static double
score_bound (Ctx *ctx, const TermCand *cand, double dice)
{
  double score = log2 (1.0 + cand->cvalue) * dice;
  if (cand->n_words == 1 && !is_name (cand) && bitext_terms__is_general (&ctx->src, cand->key.id[0]))
    score *= 0.5;
  if (cand->cohesion < 0.5)
    score *= 0.5;
  return score;
}

static double
rank_score (Ctx *ctx, const TermCand *cand, const char *target, double dice)
{
  double score = score_bound (ctx, cand, dice);
  if (!bitext_terms__morph_has_noun (ctx->tgt_morph, target)
      || !bitext_terms__morph_has_noun (ctx->src_morph, cand->text))
    score *= 0.5;
  return score;
}

/*
** The entry for @cand rendered by @key: dictionary forms of both sides, the
** target forms seen as variants, up to three example units. The score
** ranks entries: C-value (termhood of the source) times Dice (how
** consistently the rendering comes with it).
*/
static void
add_pair (Ctx *ctx, BitextTermList *list, const TermCand *cand, const TermKey *key, double dice,
          double llr)
{
  g_autoptr(GArray) units = shared_units (ctx, cand, key, FALSE);
  g_autoptr(GHashTable) forms = target_forms (ctx, units, key);
  /* A rendering always plural for a source never plural is plural only («силы сдерживания»). */
  gboolean plural = bitext_terms__morph_is_plural_only (ctx->tgt_morph, forms)
                    && !source_has_plural (ctx, cand);
  g_autofree char *target = bitext_terms__dictionary_form (ctx->tgt_morph, forms, plural);
  g_autofree char *source = ctx->src_morph != NULL
                              ? bitext_term_morph_dup_lemma (ctx->src_morph, cand->text, FALSE)
                              : g_strdup (cand->text);
  g_autoptr(GPtrArray) variants = g_ptr_array_new ();
  GHashTableIter it;
  gpointer form;
  g_hash_table_iter_init (&it, forms);
  while (g_hash_table_iter_next (&it, &form, NULL))
    g_ptr_array_add (variants, form);
  g_ptr_array_sort_with_data (variants, compare_forms, forms);
  g_ptr_array_add (variants, NULL);
  guint examples[MAX_EXAMPLES];
  guint n_examples = MIN (units->len, MAX_EXAMPLES);
  memcpy (examples, units->data, n_examples * sizeof (guint));
  BitextTermPair pair = {
    .source = source,
    .target = target,
    .variants = (const char *const *) variants->pdata,
    .note = "",
    .example = n_examples > 0 ? ctx->src_text[examples[0]] : "",
    .score = rank_score (ctx, cand, target, dice),
    .dice = dice,
    .llr = llr,
    .freq = units->len,
    .examples = examples,
    .n_examples = n_examples,
  };
  bitext_term_list_add (list, &pair);
}

typedef struct
{
  guint cand;
  double bound;
} Pending;

static int
compare_pending (gconstpointer pa, gconstpointer pb)
{
  const Pending *a = pa, *b = pb;
  if (a->bound != b->bound)
    return a->bound > b->bound ? -1 : 1;
  return a->cand < b->cand ? -1 : a->cand > b->cand;
}

static int
compare_doubles_desc (gconstpointer pa, gconstpointer pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;
  return a > b ? -1 : a < b;
}

/*
** The entries of the linked candidates (@chosen) into @list. With @top,
** only those that can be among the @top best: entries are made in the
** order of their score's upper bound (score_bound), and once @top are made,
** an entry whose bound is below the @top-th best score so far cannot enter.
** Dictionary forms, the costly part, are then found for few more entries
** than are kept.
*/
static void
add_pairs (Ctx *ctx, BitextTermList *list, GPtrArray *cands, GPtrArray *contenders,
           const gssize *chosen, guint top)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  for (guint c = 0; c < cands->len; c++)
    if (chosen[c] >= 0)
      {
        const Contender *k = &g_array_index ((GArray *) contenders->pdata[c], Contender, chosen[c]);
        Pending p = { c, score_bound (ctx, cands->pdata[c], k->dice) };
        g_array_append_val (pending, p);
      }
  g_array_sort (pending, compare_pending);
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  double kth = -1;                /* the top-th best score so far; only grows */
  for (guint i = 0; i < pending->len; i++)
    {
      const Pending *p = &g_array_index (pending, Pending, i);
      if (top > 0 && p->bound < kth)
        break;
      const Contender *k = &g_array_index ((GArray *) contenders->pdata[p->cand], Contender, chosen[p->cand]);
      add_pair (ctx, list, cands->pdata[p->cand], &k->key, k->dice, k->llr);
      double score = ((Pair *) list->pairs->pdata[list->pairs->len - 1])->pub.score;
      g_array_append_val (scores, score);
      if (top > 0 && scores->len >= top && (scores->len - top) % 64 == 0)
        {
          g_array_sort (scores, compare_doubles_desc);
          kth = g_array_index (scores, double, top - 1);
        }
    }
}

static int
compare_pairs (gconstpointer pa, gconstpointer pb)
{
  const BitextTermPair *a = *(const BitextTermPair *const *) pa;
  const BitextTermPair *b = *(const BitextTermPair *const *) pb;
  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  if (a->freq != b->freq)
    return a->freq > b->freq ? -1 : 1;
  int c = strcmp (a->source, b->source);
  return c != 0 ? c : strcmp (a->target, b->target);
}

static void
ctx_clear (Ctx *ctx)
{
  for (guint u = 0; u < ctx->n_units; u++)
    {
      g_array_unref (ctx->src_tok[u]);
      g_array_unref (ctx->tgt_tok[u]);
    }
  g_free (ctx->src_tok);
  g_free (ctx->tgt_tok);
  g_free (ctx->src_text);
  g_free (ctx->tgt_text);
  bitext_terms__side_clear (&ctx->src);
  bitext_terms__side_clear (&ctx->tgt);
  bitext_terms__table_clear (&ctx->all);
  g_free (ctx->unit_ids);
  g_free (ctx->unit_start);
  g_free (ctx->unit_words);
  g_free (ctx->scratch);
  ctx->translit = NULL;     /* the thread's (get_thread_translit) */
  g_clear_pointer (&ctx->src_morph, bitext_term_morph_free);
  g_clear_pointer (&ctx->tgt_morph, bitext_term_morph_free);
  g_clear_pointer (&ctx->keys, g_array_unref);
  g_clear_pointer (&ctx->starts, g_array_unref);
}

typedef struct
{
  TermSide *side;
  const char **texts;
  GArray **tokens;
  guint n;
} TokenizeJob;

/* Tokenise the texts of one side: a GThreadFunc, touching that side only. */
static gpointer
tokenize_all (gpointer data)
{
  TokenizeJob *job = data;
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (TermToken));
  for (guint u = 0; u < job->n; u++)
    {
      /* Kept at their exact size: a million units hold tens of millions of tokens. */
      bitext_terms__tokenize (job->side, job->texts[u], scratch);
      job->tokens[u] = g_array_sized_new (FALSE, FALSE, sizeof (TermToken), scratch->len);
      g_array_append_vals (job->tokens[u], scratch->data, scratch->len);
    }
  return NULL;
}

static gboolean
ctx_init (Ctx *ctx, const BitextTextPair *units, guint n_units, const BitextTermOptions *options,
          GError **error)
{
  memset (ctx, 0, sizeof *ctx);
  if (!bitext_terms__side_init (&ctx->src, options->src_lang, error))
    return FALSE;
  if (!bitext_terms__side_init (&ctx->tgt, options->tgt_lang, error))
    {
      bitext_terms__side_clear (&ctx->src);
      return FALSE;
    }
  ctx->n_units = n_units;
  ctx->max_words = CLAMP (options->max_words, 1, TERM_MAX_WORDS);
  ctx->min_freq = MAX (options->min_freq, 1);
  ctx->seed = options->seed;
  ctx->src_tok = g_new (GArray *, MAX (n_units, 1));
  ctx->tgt_tok = g_new (GArray *, MAX (n_units, 1));
  ctx->src_text = g_new (const char *, MAX (n_units, 1));
  ctx->tgt_text = g_new (const char *, MAX (n_units, 1));
  for (guint u = 0; u < n_units; u++)
    {
      ctx->src_text[u] = units[u].source != NULL ? units[u].source : "";
      ctx->tgt_text[u] = units[u].target != NULL ? units[u].target : "";
    }
  /* The two sides share nothing: the target is tokenised in a thread of its own. */
  TokenizeJob tgt_job = { &ctx->tgt, ctx->tgt_text, ctx->tgt_tok, n_units };
  TokenizeJob src_job = { &ctx->src, ctx->src_text, ctx->src_tok, n_units };
  GThread *worker = n_units >= 1000 ? g_thread_try_new ("bitext-terms", tokenize_all, &tgt_job, NULL) : NULL;
  tokenize_all (&src_job);
  if (worker != NULL)
    g_thread_join (worker);
  else
    tokenize_all (&tgt_job);
  ctx->translit = get_thread_translit ();    /* used on this thread only */
  ctx->src_morph = bitext_term_morph_new (options->src_lang, options->dict_dir);
  ctx->tgt_morph = bitext_term_morph_new (options->tgt_lang, options->dict_dir);
  ctx->keys = g_array_new (FALSE, FALSE, sizeof (TermKey));
  ctx->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  return TRUE;
}

/**
 * bitext_terms_extract:
 * @units: (array length=n_units): aligned units, source and target text each
 * @n_units: their number
 * @options: src_lang and tgt_lang are required
 * @error: return location for a #GError
 *
 * Proposes a glossary: source candidates by C-value, each linked to a
 * target n-gram by competitive linking over their association (Dice times
 * length compatibility, with transliteration for names, acronyms of
 * phrases and the seed glossary as further evidence), in dictionary form
 * where Hunspell dictionaries are found, best first by termhood times
 * consistency (see rank_score).
 *
 * Returns: (transfer full) (nullable): the entries, or %NULL with @error set
 *   (BITEXT_ERROR_LANGUAGE when a language is missing)
 */
BitextTermList *
bitext_terms_extract (const BitextTextPair *units, guint n_units, const BitextTermOptions *options,
                      GError **error)
{
  g_return_val_if_fail (units != NULL || n_units == 0, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  Ctx ctx;
  if (!ctx_init (&ctx, units, n_units, options, error))
    return NULL;
  /* The target index reads the target side only, the candidates the source
     side only: in a large memory the index is built in a thread of its own. */
  GThread *worker = n_units >= 1000 ? g_thread_try_new ("bitext-terms", build_target_index_thread,
                                                        &ctx, NULL) : NULL;
  g_autoptr(GPtrArray) cands = bitext_terms__candidates (&ctx.src, ctx.src_tok, ctx.src_text,
                                                          n_units, ctx.min_freq, ctx.max_words,
                                                          options->max_candidates);
  if (worker != NULL)
    g_thread_join (worker);
  else
    build_target_index (&ctx);
  /* Contenders over a candidate's free units; for one-word candidates also
     one-word contenders over all their units, for the word-to-word pass. */
  g_autoptr(GPtrArray) contenders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) word_contenders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint c = 0; c < cands->len; c++)
    {
      TermCand *cand = cands->pdata[c];
      g_autofree char *name = cand->n_words == 1 && is_name (cand)
                                ? latin_key (ctx.translit, cand->text) : NULL;
      g_ptr_array_add (contenders, find_contenders (&ctx, cand->free_units, FALSE, name));
      g_ptr_array_add (word_contenders, cand->n_words == 1 ? find_contenders (&ctx, cand->units, TRUE, name)
                                                           : g_array_new (FALSE, FALSE, sizeof (Contender)));
    }
  g_autoptr(BitextTermList) list = bitext_term_list_new (options->src_lang, options->tgt_lang);
  for (guint c = 0; c < cands->len; c++)
    {
      TermCand *cand = cands->pdata[c];
      score_contenders (&ctx, cand, cand->free_units, contenders->pdata[c]);
      score_contenders (&ctx, cand, cand->units, word_contenders->pdata[c]);
    }
  acronym_evidence (&ctx, cands, contenders);
  acronym_evidence (&ctx, cands, word_contenders);
  g_autofree gssize *chosen = g_new (gssize, MAX (cands->len, 1));
  GArray *const *by_cand = (GArray *const *) contenders->pdata;
  GArray *const *by_word = (GArray *const *) word_contenders->pdata;
  competitive_linking (&ctx, cands, by_word, NULL, chosen);
  free_transliterated_names (cands, contenders, word_contenders, chosen);
  WordAssoc wa;
  word_assoc_init (&wa, cands, by_word);
  competitive_linking (&ctx, cands, by_cand, &wa, chosen);
  word_assoc_clear (&wa);
  add_pairs (&ctx, list, cands, contenders, chosen, options->top);
  ctx_clear (&ctx);
  g_ptr_array_sort (list->pairs, compare_pairs);
  if (options->top > 0 && list->pairs->len > options->top)
    g_ptr_array_set_size (list->pairs, options->top);
  return g_steal_pointer (&list);
}
