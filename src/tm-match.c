/* bitext — searching a translation memory: fuzzy matches (bitext tm lookup) and a
 * concordance that finds inflected forms (bitext tm grep).
 *
 * Both work on word tokens from an ICU word break iterator, case-folded
 * (u_strFoldCase, full folding: "Straße" and "STRASSE" are one token). The
 * fuzzy match is the score CAT tools show: a Levenshtein distance counted in
 * tokens, as a percentage of the longer segment. The concordance compares
 * Snowball stems (libstemmer), so "оборона" finds "обороны".
 */
#include "bitext/tm.h"

#include <string.h>

#include <libstemmer.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "bitext/error.h"
#include "tmx-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UBreakIterator, ubrk_close)

/* A token: a span of the text and its case-folded form in Tokenizer.keys. */
typedef struct
{
  gsize offset, length;       /* bytes in the text */
  gsize key_offset, key_length;
} Token;

typedef struct
{
  UBreakIterator *iter;
  GArray *u16;                /* UChar: the text */
  GArray *map;                /* gsize: byte offset of each UTF-16 unit, and of the end */
  GArray *fold;               /* UChar: one token folded */
  GArray *tokens;             /* Token */
  GString *keys;
} Tokenizer;

static gboolean
tokenizer_init (Tokenizer *tk, const char *lang, GError **error)
{
  UErrorCode status = U_ZERO_ERROR;
  /* ICU locale ids take '_' where language tags have '-'. */
  g_autofree char *locale = g_strdelimit (g_strdup (lang != NULL ? lang : ""), "-", '_');
  tk->iter = ubrk_open (UBRK_WORD, locale, NULL, 0, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_SEGMENTATION,
                   "ICU word break iterator for '%s': %s", locale, u_errorName (status));
      return FALSE;
    }
  tk->u16 = g_array_new (FALSE, FALSE, sizeof (UChar));
  tk->map = g_array_new (FALSE, FALSE, sizeof (gsize));
  tk->fold = g_array_new (FALSE, FALSE, sizeof (UChar));
  tk->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  tk->keys = g_string_new (NULL);
  return TRUE;
}

static void
tokenizer_clear (Tokenizer *tk)
{
  g_clear_pointer (&tk->iter, ubrk_close);
  g_clear_pointer (&tk->u16, g_array_unref);
  g_clear_pointer (&tk->map, g_array_unref);
  g_clear_pointer (&tk->fold, g_array_unref);
  g_clear_pointer (&tk->tokens, g_array_unref);
  if (tk->keys != NULL)
    g_string_free (g_steal_pointer (&tk->keys), TRUE);
}

/* Text (valid UTF-8) to UTF-16, with the byte offset of every UTF-16 unit. */
static void
load_utf16 (Tokenizer *tk, const char *text, gsize length)
{
  g_array_set_size (tk->u16, 0);
  g_array_set_size (tk->map, 0);
  for (const char *p = text, *end = text + length; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize at = (gsize) (p - text);
      UChar units[2];
      int n = 0;
      if (c > 0xFFFF)
        {
          units[n++] = (UChar) (0xD7C0 + (c >> 10));
          units[n++] = (UChar) (0xDC00 | (c & 0x3FF));
        }
      else
        units[n++] = (UChar) c;
      g_array_append_vals (tk->u16, units, n);
      for (int i = 0; i < n; i++)
        g_array_append_val (tk->map, at);
    }
  g_array_append_val (tk->map, length);
}

static gboolean
all_space (const UChar *s, int32_t length)
{
  for (int32_t i = 0; i < length; i++)
    if (!u_isUWhiteSpace (s[i]))
      return FALSE;
  return TRUE;
}

/* Append the case-folded UTF-8 form of s[0..length) to tk->keys. */
static void
append_folded (Tokenizer *tk, const UChar *s, int32_t length)
{
  UErrorCode status = U_ZERO_ERROR;
  g_array_set_size (tk->fold, (guint) length * 3 + 8);
  int32_t n = u_strFoldCase ((UChar *) tk->fold->data, (int32_t) tk->fold->len, s, length,
                             U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE (status))
    {
      n = length;               /* cannot happen with this capacity; keep the token unfolded */
      memcpy (tk->fold->data, s, (gsize) length * sizeof (UChar));
    }
  gsize at = tk->keys->len;
  g_string_set_size (tk->keys, at + (gsize) n * 3 + 1);
  int32_t written = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8 (tk->keys->str + at, n * 3 + 1, &written, (const UChar *) tk->fold->data, n,
               &status);
  g_string_set_size (tk->keys, at + (U_SUCCESS (status) ? (gsize) written : 0));
}

/*
** Split @text into tokens (tk->tokens, keys in tk->keys). With @words_only
** the tokens are ICU's words (letters, numbers, kana, ideographs); otherwise
** every non-space piece counts, punctuation too, as CAT tools count it.
*/
static void
tokenize (Tokenizer *tk, const char *text, gsize length, gboolean words_only)
{
  g_array_set_size (tk->tokens, 0);
  g_string_truncate (tk->keys, 0);
  load_utf16 (tk, text, length);
  const UChar *u = (const UChar *) tk->u16->data;
  const gsize *map = (const gsize *) tk->map->data;
  UErrorCode status = U_ZERO_ERROR;
  ubrk_setText (tk->iter, u, (int32_t) tk->u16->len, &status);
  if (U_FAILURE (status))
    return;
  int32_t start = ubrk_first (tk->iter);
  for (int32_t end = ubrk_next (tk->iter); end != UBRK_DONE; start = end, end = ubrk_next (tk->iter))
    {
      gboolean word = ubrk_getRuleStatus (tk->iter) >= UBRK_WORD_NONE_LIMIT;
      if (words_only ? !word : all_space (u + start, end - start))
        continue;
      Token t = { .offset = map[start], .length = map[end] - map[start],
                  .key_offset = tk->keys->len };
      append_folded (tk, u + start, end - start);
      t.key_length = tk->keys->len - t.key_offset;
      g_array_append_val (tk->tokens, t);
    }
}

/* Fuzzy matching */

struct _BitextTmIndex
{
  Tokenizer tk;
  GHashTable *vocab;          /* folded token -> id + 1 */
  guint n_vocab;
  GArray *starts;             /* guint32: entry i's tokens are toks[starts[i]..starts[i+1]) */
  GArray *toks;               /* guint32 token ids */
  GArray *dates;              /* guint64: YYYYMMDDhhmmss, 0 when unknown */
  /* Postings, built on the first lookup after an add: the entries holding token t
     (once each) are post[post_start[t]..post_start[t+1]). */
  guint32 *post_start;
  guint32 *post;
  gboolean dirty;
  guint32 *stamp;             /* per entry: the serial of the last query that saw it */
  guint32 serial;
  GArray *row0, *row1;        /* guint: Levenshtein rows */
};

/**
 * bitext_tm_index_new:
 * @lang: (nullable): language of the segments, for ICU's word boundaries
 *
 * An index of source segments for fuzzy lookup. Memory: the token ids of
 * every segment (4 bytes each) and once more as postings, plus the vocabulary.
 *
 * Returns: (transfer full) (nullable): the index, or %NULL with @error set
 */
BitextTmIndex *
bitext_tm_index_new (const char *lang, GError **error)
{
  BitextTmIndex *index = g_new0 (BitextTmIndex, 1);
  if (!tokenizer_init (&index->tk, lang, error))
    {
      g_free (index);
      return NULL;
    }
  index->vocab = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  index->toks = g_array_new (FALSE, FALSE, sizeof (guint32));
  index->dates = g_array_new (FALSE, FALSE, sizeof (guint64));
  index->row0 = g_array_new (FALSE, FALSE, sizeof (guint));
  index->row1 = g_array_new (FALSE, FALSE, sizeof (guint));
  guint32 zero = 0;
  g_array_append_val (index->starts, zero);
  return index;
}

void
bitext_tm_index_free (BitextTmIndex *index)
{
  if (index == NULL)
    return;
  tokenizer_clear (&index->tk);
  g_hash_table_unref (index->vocab);
  g_array_unref (index->starts);
  g_array_unref (index->toks);
  g_array_unref (index->dates);
  g_array_unref (index->row0);
  g_array_unref (index->row1);
  g_free (index->post_start);
  g_free (index->post);
  g_free (index->stamp);
  g_free (index);
}

/* A TMX date, "YYYYMMDDThhmmssZ", as the number YYYYMMDDhhmmss (ordered as the dates); 0 if none. */
guint64
bitext_tm__date_key (const char *date)
{
  guint64 key = 0;
  int digits = 0;
  for (const char *p = date; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      {
        key = key * 10 + (guint64) (*p - '0');
        digits++;
      }
    else if (*p != 'T' && *p != 'Z')
      return 0;
  return digits == 14 ? key : 0;
}

/* The token ids of the text just tokenized; with @add, unknown tokens join the vocabulary. */
static void
token_ids (BitextTmIndex *index, gboolean add, GArray *ids)
{
  Tokenizer *tk = &index->tk;
  for (guint i = 0; i < tk->tokens->len; i++)
    {
      const Token *t = &g_array_index (tk->tokens, Token, i);
      char *key = tk->keys->str + t->key_offset;
      char saved = key[t->key_length];
      key[t->key_length] = '\0';
      guint32 id = GPOINTER_TO_UINT (g_hash_table_lookup (index->vocab, key));
      if (id == 0 && add)
        {
          g_hash_table_insert (index->vocab, g_strdup (key), GUINT_TO_POINTER (++index->n_vocab));
          id = index->n_vocab;
        }
      key[t->key_length] = saved;
      /* Ids are 0-based; a token the memory never had is G_MAXUINT32 and matches nothing. */
      guint32 value = id > 0 ? id - 1 : G_MAXUINT32;
      g_array_append_val (ids, value);
    }
}

/**
 * bitext_tm_index_add:
 * @text: a source segment (UTF-8)
 * @date: (nullable): its TMX changedate or creationdate; newer wins ties
 *
 * Returns: the entry's id: 0 for the first one added, then 1, 2, ...
 */
guint
bitext_tm_index_add (BitextTmIndex *index, const char *text, const char *date)
{
  g_return_val_if_fail (index != NULL && text != NULL, 0);
  tokenize (&index->tk, text, strlen (text), FALSE);
  token_ids (index, TRUE, index->toks);
  guint32 end = index->toks->len;
  g_array_append_val (index->starts, end);
  guint64 key = bitext_tm__date_key (date);
  g_array_append_val (index->dates, key);
  index->dirty = TRUE;
  return index->dates->len - 1;
}

guint
bitext_tm_index_get_n_entries (const BitextTmIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->dates->len;
}

/* Build the postings by counting sort: each entry once per distinct token it holds. */
static void
build_postings (BitextTmIndex *index)
{
  guint n = index->dates->len, v = index->n_vocab;
  const guint32 *starts = (const guint32 *) index->starts->data;
  const guint32 *toks = (const guint32 *) index->toks->data;
  g_free (index->post_start);
  g_free (index->post);
  g_free (index->stamp);
  index->post_start = g_new0 (guint32, (gsize) v + 2);
  guint32 *last = g_new (guint32, v + 1);
  memset (last, 0xFF, sizeof (guint32) * (v + 1));
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint e = 0; e < n; e++)
        for (guint32 k = starts[e]; k < starts[e + 1]; k++)
          {
            guint32 t = toks[k];
            if (last[t] == e + pass * n)
              continue;
            last[t] = e + pass * n;
            if (pass == 0)
              index->post_start[t + 2]++;
            else
              index->post[index->post_start[t + 1]++] = e;
          }
      if (pass == 0)
        {
          for (guint t = 2; t < v + 2; t++)
            index->post_start[t] += index->post_start[t - 1];
          index->post = g_new (guint32, (gsize) index->post_start[v + 1] + 1);
          memset (last, 0xFF, sizeof (guint32) * (v + 1));
        }
    }
  g_free (last);
  index->stamp = g_new0 (guint32, (gsize) n + 1);
  index->serial = 0;
  index->dirty = FALSE;
}

/*
** Levenshtein distance between token id sequences a[0..n) and b[0..m), or
** max + 1 once it is sure to exceed @max (a row whose smallest cell is over
** @max can only grow).
*/
static guint
token_distance (BitextTmIndex *index, const guint32 *a, guint n, const guint32 *b, guint m,
                guint max)
{
  g_array_set_size (index->row0, m + 1);
  g_array_set_size (index->row1, m + 1);
  guint *prev = (guint *) index->row0->data, *cur = (guint *) index->row1->data;
  for (guint j = 0; j <= m; j++)
    prev[j] = j;
  for (guint i = 1; i <= n; i++)
    {
      cur[0] = i;
      guint row_min = cur[0];
      for (guint j = 1; j <= m; j++)
        {
          guint best = prev[j - 1] + (a[i - 1] != b[j - 1]);
          best = MIN (best, prev[j] + 1);
          best = MIN (best, cur[j - 1] + 1);
          cur[j] = best;
          row_min = MIN (row_min, best);
        }
      if (row_min > max)
        return max + 1;
      guint *swap = prev;
      prev = cur;
      cur = swap;
    }
  return MIN (prev[m], max + 1);
}

typedef struct
{
  BitextTmMatch match;
  guint length;               /* the longer of the two lengths */
  guint64 date;
} Scored;

/* Best first: higher exact score ((L - d) / L), then newer, then added first. */
static int
compare_scored (gconstpointer pa, gconstpointer pb)
{
  const Scored *a = pa, *b = pb;
  guint64 x = (guint64) (a->length - a->match.distance) * b->length;
  guint64 y = (guint64) (b->length - b->match.distance) * a->length;
  if (x != y)
    return x > y ? -1 : 1;
  if (a->date != b->date)
    return a->date > b->date ? -1 : 1;
  return a->match.id < b->match.id ? -1 : a->match.id > b->match.id;
}

typedef struct
{
  guint32 id;
  guint32 n_postings;
} QueryToken;

static int
compare_rarity (gconstpointer pa, gconstpointer pb)
{
  const QueryToken *a = pa, *b = pb;
  return a->n_postings < b->n_postings ? -1 : a->n_postings > b->n_postings;
}

/*
** Score entry @e against the query; add it to @out when it reaches
** @threshold. Lengths first: the distance is at least |n - m|, so an entry
** with 100 × min(n, m) < threshold × max(n, m) cannot reach it.
*/
static void
score_entry (BitextTmIndex *index, const guint32 *q, guint n, guint e, guint threshold,
             GArray *out)
{
  const guint32 *starts = (const guint32 *) index->starts->data;
  guint m = starts[e + 1] - starts[e];
  guint longer = MAX (n, m);
  if (longer == 0 || (guint64) 100 * MIN (n, m) < (guint64) threshold * longer)
    return;
  /* 100 (L - d) >= threshold L  <=>  d <= L (100 - threshold) / 100 */
  guint max = (guint) ((guint64) longer * (100 - threshold) / 100);
  guint d = token_distance (index, q, n, (const guint32 *) index->toks->data + starts[e], m, max);
  if (d > max)
    return;
  Scored s = { .match = { .id = e, .distance = d,
                          .score = (guint) ((guint64) 100 * (longer - d) / longer) },
               .length = longer, .date = g_array_index (index->dates, guint64, e) };
  g_array_append_val (out, s);
}

/*
** The candidates: a match of at least threshold% shares at least
** c = ceil(threshold × n / 100) tokens with the query (each edit removes at
** most one shared token). So it holds one of any n - c + 1 of the query's
** tokens, and we walk the postings of the rarest n - c + 1 only: the prefix
** filter of Chaudhuri, Ganti & Kaushik, "A primitive operator for similarity
** joins in data cleaning", ICDE 2006. Threshold 0 compares every entry.
*/
static void
find_candidates (BitextTmIndex *index, const guint32 *q, guint n, guint threshold, GArray *out)
{
  guint n_entries = index->dates->len;
  if (threshold == 0)
    {
      for (guint e = 0; e < n_entries; e++)
        score_entry (index, q, n, e, threshold, out);
      return;
    }
  if (++index->serial == 0)
    {
      memset (index->stamp, 0, sizeof (guint32) * n_entries);
      index->serial = 1;
    }
  g_autoptr(GArray) tokens = g_array_sized_new (FALSE, FALSE, sizeof (QueryToken), n);
  for (guint i = 0; i < n; i++)
    {
      QueryToken t = { q[i], q[i] == G_MAXUINT32 ? 0
                             : index->post_start[q[i] + 1] - index->post_start[q[i]] };
      g_array_append_val (tokens, t);
    }
  g_array_sort (tokens, compare_rarity);
  guint shared = (guint) (((guint64) threshold * n + 99) / 100);
  for (guint i = 0; i + shared < n + 1 && i < n; i++)
    {
      guint32 t = g_array_index (tokens, QueryToken, i).id;
      if (t == G_MAXUINT32)
        continue;
      for (guint32 k = index->post_start[t]; k < index->post_start[t + 1]; k++)
        {
          guint32 e = index->post[k];
          if (index->stamp[e] == index->serial)
            continue;
          index->stamp[e] = index->serial;
          score_entry (index, q, n, e, threshold, out);
        }
    }
}

/**
 * bitext_tm_index_lookup:
 * @text: the new sentence
 * @top_k: how many matches at most (0: all)
 * @threshold: the lowest score wanted, in percent (0–100)
 *
 * The score is 100 × (1 − d / max(n, m)), rounded down, where d is the
 * Levenshtein distance between the two segments' token sequences (words and
 * punctuation, case-folded) and n, m their lengths in tokens. Equal scores
 * put the newer entry first, then the one added first.
 *
 * Returns: (transfer full) (element-type BitextTmMatch): the matches, best first
 */
GArray *
bitext_tm_index_lookup (BitextTmIndex *index, const char *text, guint top_k, guint threshold)
{
  g_return_val_if_fail (index != NULL && text != NULL && threshold <= 100, NULL);
  if (index->dirty || index->post_start == NULL)
    build_postings (index);
  tokenize (&index->tk, text, strlen (text), FALSE);
  g_autoptr(GArray) q = g_array_new (FALSE, FALSE, sizeof (guint32));
  token_ids (index, FALSE, q);
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  if (q->len > 0)
    find_candidates (index, (const guint32 *) q->data, q->len, threshold, scored);
  g_array_sort (scored, compare_scored);
  GArray *matches = g_array_sized_new (FALSE, FALSE, sizeof (BitextTmMatch), scored->len);
  for (guint i = 0; i < scored->len && (top_k == 0 || i < top_k); i++)
    g_array_append_val (matches, g_array_index (scored, Scored, i).match);
  return matches;
}

/* Concordance */

/* What one language needs: its tokenizer, its stemmer and the phrase's stems in it. */
typedef struct
{
  Tokenizer tk;
  struct sb_stemmer *stemmer; /* NULL: no Snowball stemmer for the language; folded forms */
  GPtrArray *phrase;          /* char *: the phrase's stems */
  GPtrArray *stems;           /* char *: the stems of the text at hand */
} ConcordanceLang;

struct _BitextTmConcordance
{
  char *phrase;
  GHashTable *langs;          /* primary language subtag -> ConcordanceLang */
};

static void
concordance_lang_free (gpointer data)
{
  ConcordanceLang *cl = data;
  tokenizer_clear (&cl->tk);
  if (cl->stemmer != NULL)
    sb_stemmer_delete (cl->stemmer);
  g_ptr_array_unref (cl->phrase);
  g_ptr_array_unref (cl->stems);
  g_free (cl);
}

/* The stems of the text just tokenized by cl->tk, into @out. */
static void
stem_tokens (ConcordanceLang *cl, GPtrArray *out)
{
  g_ptr_array_set_size (out, 0);
  for (guint i = 0; i < cl->tk.tokens->len; i++)
    {
      const Token *t = &g_array_index (cl->tk.tokens, Token, i);
      const char *key = cl->tk.keys->str + t->key_offset;
      if (cl->stemmer == NULL)
        {
          g_ptr_array_add (out, g_strndup (key, t->key_length));
          continue;
        }
      const sb_symbol *stem = sb_stemmer_stem (cl->stemmer, (const sb_symbol *) key,
                                               (int) t->key_length);
      g_ptr_array_add (out, stem != NULL ? g_strndup ((const char *) stem,
                                                      (gsize) sb_stemmer_length (cl->stemmer))
                                         : g_strndup (key, t->key_length));
    }
}

/**
 * bitext_tm_concordance_new:
 * @phrase: a word or phrase (UTF-8)
 *
 * Returns: (transfer full): a concordance search for @phrase
 */
BitextTmConcordance *
bitext_tm_concordance_new (const char *phrase)
{
  g_return_val_if_fail (phrase != NULL, NULL);
  BitextTmConcordance *c = g_new0 (BitextTmConcordance, 1);
  c->phrase = g_strdup (phrase);
  c->langs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, concordance_lang_free);
  return c;
}

void
bitext_tm_concordance_free (BitextTmConcordance *c)
{
  if (c == NULL)
    return;
  g_free (c->phrase);
  g_hash_table_unref (c->langs);
  g_free (c);
}

static ConcordanceLang *
concordance_get_lang (BitextTmConcordance *c, const char *lang, GError **error)
{
  g_autofree char *primary = g_ascii_strdown (lang, (gssize) strcspn (lang, "-_"));
  ConcordanceLang *cl = g_hash_table_lookup (c->langs, primary);
  if (cl != NULL)
    return cl;
  cl = g_new0 (ConcordanceLang, 1);
  if (!tokenizer_init (&cl->tk, primary, error))
    {
      g_free (cl);
      return NULL;
    }
  /* libstemmer knows ISO 639-1 codes ("en", "ru") as aliases of its algorithms. */
  cl->stemmer = sb_stemmer_new (primary, "UTF_8");
  cl->phrase = g_ptr_array_new_with_free_func (g_free);
  cl->stems = g_ptr_array_new_with_free_func (g_free);
  tokenize (&cl->tk, c->phrase, strlen (c->phrase), TRUE);
  stem_tokens (cl, cl->phrase);
  g_hash_table_insert (c->langs, g_steal_pointer (&primary), cl);
  return cl;
}

/**
 * bitext_tm_concordance_find:
 * @text: a segment (UTF-8)
 * @lang: its language: the stemmer and word boundaries to use
 *
 * Finds the phrase in @text: a run of words whose stems are the phrase's
 * words' stems, in order. Punctuation and spaces between the words do not
 * matter. Runs do not overlap.
 *
 * Returns: (transfer full) (element-type BitextSpan) (nullable): the runs
 * found (byte spans of @text, possibly none), or %NULL with @error set
 */
GArray *
bitext_tm_concordance_find (BitextTmConcordance *c, const char *text, const char *lang,
                            GError **error)
{
  g_return_val_if_fail (c != NULL && text != NULL && lang != NULL, NULL);
  ConcordanceLang *cl = concordance_get_lang (c, lang, error);
  if (cl == NULL)
    return NULL;
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (BitextSpan));
  guint n = cl->phrase->len;
  if (n == 0)
    return spans;
  tokenize (&cl->tk, text, strlen (text), TRUE);
  stem_tokens (cl, cl->stems);
  for (guint i = 0; i + n <= cl->stems->len;)
    {
      guint k = 0;
      while (k < n && strcmp (cl->stems->pdata[i + k], cl->phrase->pdata[k]) == 0)
        k++;
      if (k < n)
        {
          i++;
          continue;
        }
      const Token *first = &g_array_index (cl->tk.tokens, Token, i);
      const Token *last = &g_array_index (cl->tk.tokens, Token, i + n - 1);
      BitextSpan span = { .offset = first->offset,
                          .length = last->offset + last->length - first->offset };
      g_array_append_val (spans, span);
      i += n;
    }
  return spans;
}

/* Returns: the number of words in the phrase for @lang (0: nothing to search for) */
guint
bitext_tm_concordance_get_n_words (BitextTmConcordance *c, const char *lang)
{
  g_return_val_if_fail (c != NULL && lang != NULL, 0);
  ConcordanceLang *cl = concordance_get_lang (c, lang, NULL);
  return cl != NULL ? cl->phrase->len : 0;
}
