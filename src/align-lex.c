/* bitext — the aligner's lexical features: anchors, transliteration, stems, dictionaries. */
#include <string.h>

#include <libstemmer.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "align-private.h"
#include "text-private.h"

/*
** What one word contributes: its Simard prefix key, its name key (0 if
** none) and its stem hash. Cached per distinct word form, so that ICU's
** transliterator and the stemmer run once per vocabulary item, not once
** per running word.
*/
typedef struct
{
  guint32 prefix;
  guint32 name;
  guint32 stem;
  guint32 upper;            /* hash of an all-capitals form kept as is (ПРО, NATO), or 0 */
} WordInfo;

struct _AlignLex
{
  struct sb_stemmer *stemmer;
  UTransliterator *translit;
  GHashTable *cache;        /* word (UTF-8) -> WordInfo */
  GString *buf;
};

/* FNV-1a, 32 bits: a fast hash with good dispersion for short strings. */
static guint32
hash_bytes (const char *s, gsize n, guint32 seed)
{
  guint32 h = 2166136261u ^ seed;
  for (gsize i = 0; i < n; i++)
    {
      h ^= (guchar) s[i];
      h *= 16777619u;
    }
  return h == 0 ? 1 : h;
}

/*
** Character classes with a fast path for ASCII, which most running text of
** the Latin-script languages is: GLib's Unicode tables give the same
** answers for it. No ASCII character is a combining mark (they start at U+0300).
*/
static inline gunichar
get_char (const char *p)
{
  return (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char (p);
}

static inline gboolean
is_alpha (gunichar c)
{
  return c < 0x80 ? g_ascii_isalpha ((char) c) : g_unichar_isalpha (c);
}

static inline gboolean
is_digit (gunichar c)
{
  return c < 0x80 ? g_ascii_isdigit ((char) c) : g_unichar_isdigit (c);
}

static inline gboolean
is_mark (gunichar c)
{
  return c >= 0x300 && g_unichar_ismark (c);
}

static inline gboolean
is_space (gunichar c)
{
  /* g_unichar_isspace(): \t \n \r \f and the space separators; not \v. */
  return c < 0x80 ? c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
                  : g_unichar_isspace (c);
}

void
key_lists_init (KeyLists *l, guint n)
{
  l->n = n;
  l->off = g_new0 (guint32, (gsize) n + 1);
  l->vals = g_array_new (FALSE, FALSE, sizeof (guint32));
}

void
key_lists_clear (KeyLists *l)
{
  g_clear_pointer (&l->off, g_free);
  if (l->vals != NULL)
    g_array_unref (g_steal_pointer (&l->vals));
  l->n = 0;
}

/* Size of the multiset intersection of two sorted arrays. */
guint
keys_intersect (const guint32 *a, guint na, const guint32 *b, guint nb)
{
  guint i = 0, j = 0, m = 0;
  while (i < na && j < nb)
    {
      if (a[i] < b[j])
        i++;
      else if (a[i] > b[j])
        j++;
      else
        {
          m++;
          i++;
          j++;
        }
    }
  return m;
}

void
keys_intersect_by_kind (const guint32 *a, guint na, const guint32 *b, guint nb, guint counts[8])
{
  guint i = 0, j = 0;
  memset (counts, 0, 8 * sizeof (guint));
  while (i < na && j < nb)
    {
      if (a[i] < b[j])
        i++;
      else if (a[i] > b[j])
        j++;
      else
        {
          counts[KEY_KIND (a[i])]++;
          i++;
          j++;
        }
    }
}

static void
word_info_free (gpointer p)
{
  g_slice_free (WordInfo, p);
}

AlignLex *
bitext_align__lex_new (const char *lang, GError **error)
{
  g_autoptr(AlignLex) lex = g_new0 (AlignLex, 1);
  lex->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_info_free);
  lex->buf = g_string_new (NULL);
  if (lang != NULL && *lang != '\0')
    {
      /* libstemmer knows ISO 639-1 codes ("en", "ru", "de") as aliases. */
      g_autofree char *code = g_ascii_strdown (lang, -1);
      char *dash = strpbrk (code, "-_");
      if (dash != NULL)
        *dash = '\0';
      lex->stemmer = sb_stemmer_new (code, "UTF_8");
    }
  UErrorCode status = U_ZERO_ERROR;
  UChar id[64];
  u_uastrcpy (id, "Any-Latin; Latin-ASCII; Lower");
  lex->translit = utrans_openU (id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ALIGNMENT,
                   "cannot open the ICU transliterator: %s", u_errorName (status));
      return NULL;
    }
  return g_steal_pointer (&lex);
}

void
bitext_align__lex_free (AlignLex *lex)
{
  if (lex == NULL)
    return;
  if (lex->stemmer != NULL)
    sb_stemmer_delete (lex->stemmer);
  if (lex->translit != NULL)
    utrans_close (lex->translit);
  g_hash_table_unref (lex->cache);
  g_string_free (lex->buf, TRUE);
  g_free (lex);
}

/*
** Fold an ASCII lower-case word so that common spelling differences
** between languages and transliterations vanish: c/q -> k, w -> v,
** y/j -> i, z -> s, x -> ks, h after a consonant dropped, doubled letters
** single. "conference" and "konferentsii" then share "konf".
*/
static void
fold_ascii (const char *in, GString *out)
{
  g_string_truncate (out, 0);
  for (const char *p = in; *p != '\0'; p++)
    {
      char c = *p;
      if (!g_ascii_isalpha (c))
        continue;
      switch (c)
        {
        case 'c': case 'q': c = 'k'; break;
        case 'w': c = 'v'; break;
        case 'y': case 'j': c = 'i'; break;
        case 'z': c = 's'; break;
        case 'x': g_string_append_c (out, 'k'); c = 's'; break;
        case 'h':
          if (out->len > 0 && strchr ("aeiou", out->str[out->len - 1]) == NULL)
            continue;
          break;
        default: break;
        }
      if (out->len > 0 && out->str[out->len - 1] == c)
        continue;
      g_string_append_c (out, c);
    }
}

/* First letter, then consonants only, at most 4: "lisabon" -> "lsbn". */
static gsize
skeleton (const char *folded, char out[5])
{
  gsize n = 0;
  for (const char *p = folded; *p != '\0' && n < 4; p++)
    if (n == 0 || strchr ("aeiou", *p) == NULL)
      {
        if (n > 0 && out[n - 1] == *p)
          continue;
        out[n++] = *p;
      }
  out[n] = '\0';
  return n;
}

/* Latin-ASCII lower-case form of a word, through ICU only when it is not ASCII already. */
static char *
to_latin (AlignLex *lex, const char *word, gsize len)
{
  gboolean ascii = TRUE;
  for (gsize i = 0; i < len; i++)
    ascii = ascii && (guchar) word[i] < 0x80;
  if (ascii)
    return g_ascii_strdown (word, (gssize) len);
  UChar buf[256];
  int32_t n = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8 (buf, 128, &n, word, (int32_t) len, &status);
  if (U_FAILURE (status) || n >= 128)
    return g_utf8_strdown (word, (gssize) len);
  int32_t limit = n;
  utrans_transUChars (lex->translit, buf, &n, G_N_ELEMENTS (buf) - 1, 0, &limit, &status);
  if (U_FAILURE (status))
    return g_utf8_strdown (word, (gssize) len);
  char out[512];
  int32_t outlen = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8 (out, sizeof out, &outlen, buf, n, &status);
  if (U_FAILURE (status))
    return g_utf8_strdown (word, (gssize) len);
  return g_strndup (out, (gsize) outlen);
}

static guint32
stem_hash (AlignLex *lex, const char *lower)
{
  if (lex->stemmer == NULL)
    return hash_bytes (lower, strlen (lower), 0x5133);
  const sb_symbol *s = sb_stemmer_stem (lex->stemmer, (const sb_symbol *) lower,
                                        (int) strlen (lower));
  if (s == NULL)
    return hash_bytes (lower, strlen (lower), 0x5133);
  return hash_bytes ((const char *) s, (gsize) sb_stemmer_length (lex->stemmer), 0x5133);
}

static const WordInfo *
analyse_word (AlignLex *lex, const char *word, gsize len, guint n_chars)
{
  g_string_assign (lex->buf, "");
  g_string_append_len (lex->buf, word, (gssize) len);
  WordInfo *info = g_hash_table_lookup (lex->cache, lex->buf->str);
  if (info != NULL)
    return info;
  info = g_slice_new0 (WordInfo);
  g_autofree char *lower = g_utf8_strdown (word, (gssize) len);
  info->stem = stem_hash (lex, lower);
  gunichar first = g_utf8_get_char (word);
  gboolean capital = g_unichar_isupper (first);
  if (capital && n_chars >= 2)
    {
      g_autofree char *up = g_utf8_strup (word, (gssize) len);
      if (memcmp (up, word, len) == 0 && strlen (up) == len)
        info->upper = hash_bytes (word, len, 0x0bbe);
    }
  if (n_chars >= 4)
    {
      g_autofree char *latin = to_latin (lex, word, len);
      g_autoptr(GString) folded = g_string_new (NULL);
      fold_ascii (latin, folded);
      if (folded->len >= 4)
        info->prefix = KEY_MAKE (KEY_PREFIX, hash_bytes (folded->str, 4, 0x9e37));
      char sk[5];
      if (capital && skeleton (folded->str, sk) >= 4)
        info->name = KEY_MAKE (KEY_NAME, hash_bytes (sk, 4, 0x7f4a));
    }
  g_hash_table_insert (lex->cache, g_strndup (word, len), info);
  return info;
}

/*
** Split a text into words (runs of letters and marks), numbers (digits,
** with . , and thin or no-break spaces between digit groups dropped, so
** that 1,000 = 1 000 = 1000) and anchor punctuation. Calls @func for each.
*/
typedef void (*TokenFunc) (AlignLex *lex, const char *tok, gsize len, guint n_chars, int kind,
                           gpointer user_data);
enum { TOK_WORD, TOK_NUMBER, TOK_PUNCT };

static gboolean
is_group_sep (gunichar c)
{
  return c == '.' || c == ',' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == ' ';
}

static const char *
scan_number (const char *p, GString *digits)
{
  g_string_truncate (digits, 0);
  for (;;)
    {
      gunichar c = get_char (p);
      if (is_digit (c))
        {
          g_string_append_c (digits, (char) ('0' + g_unichar_digit_value (c)));
          p = g_utf8_next_char (p);
          continue;
        }
      if (!is_group_sep (c))
        return p;
      const char *q = g_utf8_next_char (p);
      guint n = 0;
      const char *r = q;
      while (is_digit (get_char (r)) && n < 4)
        {
          n++;
          r = g_utf8_next_char (r);
        }
      /* A space only joins groups of exactly three digits; . and , join any digits. */
      if (n == 0 || ((c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009) && n != 3)
          || (n > 3 && c != '.' && c != ','))
        return p;
      p = q;
    }
}

static const char *
punct_key (gunichar c)
{
  switch (c)
    {
    case '?': case 0xBF: return "?";
    case '!': case 0xA1: return "!";
    case ':': return ":";
    case ';': return ";";
    case '%': return "%";
    case '(': return "(";
    case '"': case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E: return "\"";
    default: return NULL;
    }
}

static void
tokenize (AlignLex *lex, const char *text, TokenFunc func, gpointer user_data)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  guint emphasis = 0;
  const char *p = text;
  while (*p != '\0')
    {
      gunichar c = get_char (p);
      if (is_alpha (c))
        {
          const char *start = p;
          guint n = 0;
          while (is_alpha (c) || is_mark (c))
            {
              n++;
              p = g_utf8_next_char (p);
              c = get_char (p);
            }
          func (lex, start, (gsize) (p - start), n, TOK_WORD, user_data);
          continue;
        }
      if (is_digit (c))
        {
          p = scan_number (p, digits);
          func (lex, digits->str, digits->len, (guint) digits->len, TOK_NUMBER, user_data);
          continue;
        }
      if (c == '*' && p[1] == '*')
        {
          /* Markdown emphasis: one key per pair of "**". */
          if (emphasis++ % 2 == 0)
            func (lex, "**", 2, 2, TOK_PUNCT, user_data);
          p += 2;
          continue;
        }
      const char *k = punct_key (c);
      if (k != NULL)
        func (lex, k, strlen (k), 1, TOK_PUNCT, user_data);
      p = g_utf8_next_char (p);
    }
}

/* A word of a sentence in text order, for phrase matching: its stem and capitals hashes. */
typedef struct
{
  guint32 stem;
  guint32 upper;            /* 0 unless written in capitals */
} WordPos;

typedef struct
{
  GArray *keys;
  GArray *stems;
  GArray *seq;              /* WordPos of the words and numbers, or NULL without a dictionary */
} SentenceSink;

/*
** Add the hash of each pair of adjacent characters of the run @tok to
** @stems: the units the stem-pair learner (align.c) counts for a script
** without spaces, where no word segmenter is at hand; overlapping
** character bigrams do about as well as words as units of Chinese text
** retrieval (Nie, Gao, Zhang & Zhou 2000). A run of one character is its
** own unit.
*/
static void
add_bigram_stems (const char *tok, gsize len, GArray *stems)
{
  const char *end = tok + len, *p = tok;
  if (g_utf8_next_char (p) >= end)
    {
      guint32 h = hash_bytes (tok, len, 0xb16a);
      g_array_append_val (stems, h);
      return;
    }
  for (const char *q = g_utf8_next_char (p); q < end; p = q, q = g_utf8_next_char (q))
    {
      guint32 h = hash_bytes (p, (gsize) (g_utf8_next_char (q) - p), 0xb16a);
      g_array_append_val (stems, h);
    }
}

static void
collect_token (AlignLex *lex, const char *tok, gsize len, guint n_chars, int kind,
               gpointer user_data)
{
  SentenceSink *s = user_data;
  guint32 k;
  switch (kind)
    {
    case TOK_NUMBER:
      k = KEY_MAKE (KEY_NUMBER, hash_bytes (tok, len, 0x1234));
      g_array_append_val (s->keys, k);
      if (s->seq != NULL)
        {
          WordPos wp = { stem_hash (lex, tok), 0 };
          g_array_append_val (s->seq, wp);
        }
      return;
    case TOK_PUNCT:
      k = KEY_MAKE (KEY_PUNCT, hash_bytes (tok, len, 0x4321));
      g_array_append_val (s->keys, k);
      return;
    default:
      break;
    }
  const WordInfo *w = analyse_word (lex, tok, len, n_chars);
  if (bitext__unspaced_script (g_utf8_get_char (tok)))
    add_bigram_stems (tok, len, s->stems);
  if (w->prefix != 0)
    g_array_append_val (s->keys, w->prefix);
  if (w->name != 0)
    g_array_append_val (s->keys, w->name);
  g_array_append_val (s->stems, w->stem);
  if (w->upper != 0)
    g_array_append_val (s->stems, w->upper);
  if (s->seq != NULL)
    {
      WordPos wp = { w->stem, w->upper };
      g_array_append_val (s->seq, wp);
    }
}

static int
cmp_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

static void
uniq_u32 (GArray *a)
{
  guint o = 0;
  for (guint i = 0; i < a->len; i++)
    if (o == 0 || g_array_index (a, guint32, i) != g_array_index (a, guint32, o - 1))
      g_array_index (a, guint32, o++) = g_array_index (a, guint32, i);
  g_array_set_size (a, o);
}

/*
** Whether @term (stem hashes in word order) stands at word @at of @seq: its
** words one after the other, each equal to the word's stem or, for a term
** word in capitals, to the word as written in capitals.
*/
static gboolean
phrase_at (const GArray *seq, guint at, const GArray *term)
{
  if (term->len > seq->len - at)
    return FALSE;
  for (guint k = 0; k < term->len; k++)
    {
      guint32 h = g_array_index (term, guint32, k);
      const WordPos *w = &g_array_index (seq, WordPos, at + k);
      if (h != w->stem && h != w->upper)
        return FALSE;
    }
  return TRUE;
}

/*
** Append to @keys the KEY_DICT keys of the entries indexed under @word
** whose terms stand in @seq with that word at word @at.
*/
static void
match_at (const AlignDict *dict, gboolean is_src, const GArray *seq, guint at, guint32 word,
          GArray *keys)
{
  GHashTable *index = is_src ? dict->src_index : dict->tgt_index;
  GArray *ids = g_hash_table_lookup (index, GUINT_TO_POINTER (word));
  for (guint j = 0; ids != NULL && j + 1 < ids->len; j += 2)
    {
      guint32 id = g_array_index (ids, guint32, j);
      guint32 place = g_array_index (ids, guint32, j + 1);
      if (place > at)
        continue;
      const GArray *term;
      if (is_src)
        term = g_ptr_array_index (dict->src_terms, id);
      else
        {
          GPtrArray *alts = g_ptr_array_index (dict->tgt_terms, id >> 8);
          term = g_ptr_array_index (alts, id & 0xff);
          id >>= 8;
        }
      if (phrase_at (seq, at - place, term))
        {
          guint32 k = KEY_MAKE (KEY_DICT, id);
          g_array_append_val (keys, k);
        }
    }
}

/*
** Append a KEY_DICT key for every dictionary entry found in the sentence:
** a term matches where its words' stems stand in a row in @seq (the
** sentence's words in order), so a phrase matches as a phrase, in any
** inflection the stemmer folds, and not as words scattered over the sentence.
*/
static void
add_dict_keys (const AlignDict *dict, gboolean is_src, const GArray *seq, GArray *keys)
{
  guint first = keys->len;
  for (guint i = 0; i < seq->len; i++)
    {
      const WordPos *w = &g_array_index (seq, WordPos, i);
      match_at (dict, is_src, seq, i, w->stem, keys);
      if (w->upper != 0)
        match_at (dict, is_src, seq, i, w->upper, keys);
    }
  /* An entry counts once per sentence, however many alternatives or places matched: the
     dictionary keys appended here are sorted and made unique, the others stay as they are. */
  if (keys->len > first + 1)
    {
      guint32 *d = &g_array_index (keys, guint32, first);
      guint n = keys->len - first;
      qsort (d, n, sizeof *d, cmp_u32);
      guint o = 1;
      for (guint i = 1; i < n; i++)
        if (d[i] != d[o - 1])
          d[o++] = d[i];
      g_array_set_size (keys, first + o);
    }
}

static guint32
count_chars (const char *text)
{
  guint32 n = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_space (get_char (p)))
      n++;
  return n;
}

void
bitext_align__side_build (AlignSide *side, AlignLex *lex, const char *const *texts,
                          const guint *para, guint n, const AlignDict *dict, gboolean is_src)
{
  side->n = n;
  side->len = g_new (guint32, (gsize) n + 1);
  side->para = g_new (guint32, (gsize) n + 1);
  key_lists_init (&side->keys, n);
  key_lists_init (&side->stems, n);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) stems = g_array_new (FALSE, FALSE, sizeof (guint32));
  gboolean use_dict = dict != NULL && dict->src_terms->len > 0;
  g_autoptr(GArray) seq = use_dict ? g_array_new (FALSE, FALSE, sizeof (WordPos)) : NULL;
  for (guint i = 0; i < n; i++)
    {
      g_array_set_size (keys, 0);
      g_array_set_size (stems, 0);
      if (seq != NULL)
        g_array_set_size (seq, 0);
      SentenceSink sink = { keys, stems, seq };
      tokenize (lex, texts[i], collect_token, &sink);
      g_array_sort (stems, cmp_u32);
      uniq_u32 (stems);
      if (use_dict)
        add_dict_keys (dict, is_src, seq, keys);
      g_array_sort (keys, cmp_u32);
      side->len[i] = count_chars (texts[i]);
      side->para[i] = para != NULL ? para[i] : 0;
      g_array_append_vals (side->keys.vals, keys->data, keys->len);
      side->keys.off[i + 1] = side->keys.vals->len;
      g_array_append_vals (side->stems.vals, stems->data, stems->len);
      side->stems.off[i + 1] = side->stems.vals->len;
    }
}

/* Count in @df, per KEY_DICT key, the sentences of @side that hold it (once a sentence). */
static void
count_dict_df (const AlignSide *side, GHashTable *df)
{
  for (guint i = 0; i < side->keys.n; i++)
    for (guint32 o = side->keys.off[i]; o < side->keys.off[i + 1]; o++)
      {
        guint32 k = g_array_index (side->keys.vals, guint32, o);
        if (KEY_KIND (k) != KEY_DICT)
          continue;
        gpointer key = GUINT_TO_POINTER (k);
        g_hash_table_insert (df, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (df, key)) + 1));
      }
}

/* Keep in @side only the KEY_DICT keys for which @keep(key) holds. */
static void
filter_dict_keys (AlignSide *side, GHashTable *keep)
{
  GArray *v = side->keys.vals;
  guint32 o = 0, start = 0;
  for (guint i = 0; i < side->keys.n; i++)
    {
      guint32 end = side->keys.off[i + 1];
      for (guint32 x = start; x < end; x++)
        {
          guint32 k = g_array_index (v, guint32, x);
          if (KEY_KIND (k) == KEY_DICT && !g_hash_table_contains (keep, GUINT_TO_POINTER (k)))
            continue;
          g_array_index (v, guint32, o++) = k;
        }
      side->keys.off[i + 1] = o;
      start = end;
    }
  g_array_set_size (v, o);
}

/*
** Keep only the dictionary entries whose matches are evidence in this
** pair of texts. An entry matches a source sentence that holds its
** headword and a target sentence that holds one of its translations;
** let it do so in d_s source and d_t target sentences. If each
** occurrence of the headword is translated once, at most d_s of the d_t
** target occurrences are its translations, and the rest are the same
** words standing for others (a general dictionary gives French "de",
** "faire" or "être" as translations of hundreds of German headwords, and
** a French sentence then held a hundred entries, most of them of
** headwords absent from the German text). So a target occurrence is the
** entry's translation with probability d_s / d_t, and by the same
** argument a source occurrence is translated by it with probability
** d_t / d_s. And an entry found in more than half the sentences of a
** side (German "und" and French "et") is found in an unrelated sentence
** more often than not, so that its match tells a translation from a
** neighbour no better than a coin. An entry is kept when a match is more
** likely than not the entry translating itself and more likely than not
** absent from an unrelated sentence: d_s / d_t and d_t / d_s at least
** one half, and at most half of the sentences other than the one that
** translates (d_s - 1 of n - 1 on the source side, d_t - 1 of m - 1 on
** the target) holding it (the decision boundary, not a tuned rate). Other entries are left out of
** both sides: an entry that never matches only swelled the keys of the
** sentences, the denominator of their Dice. This is the inverse
** document frequency of information retrieval (Sparck Jones 1972) made
** a yes or no, as the keys of a bead are counted, not weighed; hunalign
** too weighs its dictionary matches by frequency (Varga et al. 2005).
*/
void
bitext_align__dict_prune (AlignSide *src, AlignSide *tgt)
{
  g_autoptr(GHashTable) ds = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) dt = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) keep = g_hash_table_new (NULL, NULL);
  count_dict_df (src, ds);
  count_dict_df (tgt, dt);
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, ds);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      guint64 s = GPOINTER_TO_UINT (value), t = GPOINTER_TO_UINT (g_hash_table_lookup (dt, key));
      if (t > 0 && 2 * s >= t && 2 * t >= s && 2 * (s - 1) <= src->n - 1 && 2 * (t - 1) <= tgt->n - 1)
        g_hash_table_add (keep, key);
    }
  g_debug ("align: dictionary entries: %u in the source, %u in the target, %u kept",
           g_hash_table_size (ds), g_hash_table_size (dt), g_hash_table_size (keep));
  filter_dict_keys (src, keep);
  filter_dict_keys (tgt, keep);
}

void
bitext_align__side_clear (AlignSide *side)
{
  g_clear_pointer (&side->len, g_free);
  g_clear_pointer (&side->para, g_free);
  key_lists_clear (&side->keys);
  key_lists_clear (&side->stems);
}

static void
collect_term_stem (AlignLex *lex, const char *tok, gsize len, guint n_chars, int kind,
                   gpointer user_data)
{
  if (kind == TOK_PUNCT)
    return;
  GArray *out = user_data;
  guint32 h;
  if (kind == TOK_NUMBER)
    h = stem_hash (lex, tok);
  else
    {
      const WordInfo *w = analyse_word (lex, tok, len, n_chars);
      h = w->upper != 0 ? w->upper : w->stem;
    }
  g_array_append_val (out, h);
}

GArray *
bitext_align__lex_term (AlignLex *lex, const char *term)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint32));
  tokenize (lex, term, collect_term_stem, out);
  return out;
}

/* ---- dictionaries ---- */

static void
free_alts (gpointer p)
{
  g_ptr_array_unref (p);
}

void
bitext_align__dict_init (AlignDict *dict)
{
  dict->src_terms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  dict->tgt_terms = g_ptr_array_new_with_free_func (free_alts);
  dict->src_index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  dict->tgt_index = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  dict->indexed = FALSE;
}

void
bitext_align__dict_clear (AlignDict *dict)
{
  g_clear_pointer (&dict->src_terms, g_ptr_array_unref);
  g_clear_pointer (&dict->tgt_terms, g_ptr_array_unref);
  g_clear_pointer (&dict->src_index, g_hash_table_unref);
  g_clear_pointer (&dict->tgt_index, g_hash_table_unref);
}

static void
index_add (GHashTable *index, guint32 stem, guint32 value, guint32 place)
{
  GArray *a = g_hash_table_lookup (index, GUINT_TO_POINTER (stem));
  if (a == NULL)
    {
      a = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_hash_table_insert (index, GUINT_TO_POINTER (stem), a);
    }
  g_array_append_val (a, value);
  g_array_append_val (a, place);
}

/* Count, for each word of @term, one more term that holds it. */
static void
count_words (GHashTable *df, const GArray *term)
{
  for (guint k = 0; k < term->len; k++)
    {
      guint32 h = g_array_index (term, guint32, k);
      gboolean seen = FALSE;
      for (guint e = 0; e < k && !seen; e++)
        seen = g_array_index (term, guint32, e) == h;
      if (!seen)
        g_hash_table_insert (df, GUINT_TO_POINTER (h),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (df, GUINT_TO_POINTER (h))) + 1));
    }
}

/* Index @term under its word held by the fewest terms of its side (the first of those). */
static void
index_term (GHashTable *index, GHashTable *df, const GArray *term, guint32 value)
{
  if (term->len == 0)
    return;
  guint best = 0;
  guint best_n = G_MAXUINT;
  for (guint k = 0; k < term->len; k++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (df, GUINT_TO_POINTER (g_array_index (term, guint32, k))));
      if (n < best_n)
        best = k, best_n = n;
    }
  index_add (index, g_array_index (term, guint32, best), value, best);
}

/*
** Index every entry under the word of its term that the fewest terms of the
** dictionary hold. A sentence is matched word by word against the terms
** indexed under each of its words; indexed under their first word, the
** phrases of a general dictionary that open with a function word or a
** common verb ("sich ...", "faire ...", "de ...") were all tried at every
** occurrence of that word, which made a large dictionary cost more than
** the rest of the aligner. The rarest word of a term is the one fewest
** other terms share, so its list is the shortest to try.
*/
void
bitext_align__dict_index (AlignDict *dict)
{
  if (dict->indexed)
    return;
  g_hash_table_remove_all (dict->src_index);
  g_hash_table_remove_all (dict->tgt_index);
  g_autoptr(GHashTable) df_src = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) df_tgt = g_hash_table_new (NULL, NULL);
  for (guint id = 0; id < dict->src_terms->len; id++)
    {
      count_words (df_src, g_ptr_array_index (dict->src_terms, id));
      GPtrArray *alts = g_ptr_array_index (dict->tgt_terms, id);
      for (guint a = 0; a < alts->len && a < 256; a++)
        count_words (df_tgt, g_ptr_array_index (alts, a));
    }
  for (guint id = 0; id < dict->src_terms->len; id++)
    {
      index_term (dict->src_index, df_src, g_ptr_array_index (dict->src_terms, id), id);
      GPtrArray *alts = g_ptr_array_index (dict->tgt_terms, id);
      for (guint a = 0; a < alts->len && a < 256; a++)
        index_term (dict->tgt_index, df_tgt, g_ptr_array_index (alts, a), id << 8 | a);
    }
  dict->indexed = TRUE;
}

/* Takes ownership of @src_stems and @tgt_alts (GArrays of stems); at most 256 alternatives. */
void
bitext_align__dict_add (AlignDict *dict, GArray *src_stems, GPtrArray *tgt_alts)
{
  g_ptr_array_add (dict->src_terms, src_stems);
  g_ptr_array_add (dict->tgt_terms, tgt_alts);
  dict->indexed = FALSE;
}

void
bitext_align__add_learned (const KeyLists *from, const KeyLists *stems, GHashTable *map,
                           KeyLists *to)
{
  key_lists_init (to, from->n);
  g_autoptr(GArray) buf = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < from->n; i++)
    {
      guint nk, ns;
      const guint32 *k = key_lists_get (from, i, &nk);
      const guint32 *s = key_lists_get (stems, i, &ns);
      g_array_set_size (buf, 0);
      g_array_append_vals (buf, k, nk);
      guint first = buf->len;
      for (guint j = 0; j < ns; j++)
        {
          gpointer v;
          if (g_hash_table_lookup_extended (map, GUINT_TO_POINTER (s[j]), NULL, &v))
            {
              guint32 key = KEY_MAKE (KEY_LEARNED, GPOINTER_TO_UINT (v));
              g_array_append_val (buf, key);
            }
        }
      if (buf->len > first)
        g_array_sort (buf, cmp_u32);
      g_array_append_vals (to->vals, buf->data, buf->len);
      to->off[i + 1] = to->vals->len;
    }
}
