/* bitext — glossaries: loading (TSV, CSV, do-not-translate lists) and term matching on stems. */
#include <string.h>

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include <bitext/error.h>
#include <bitext/terms.h>

#include "qa-private.h"
#include "text-private.h"

/*
** A term as a sequence of word ids. A word id names a stem ("s:" + the
** Snowball stem of the folded word) or, for a word written in capitals, the
** word itself ("=" + the capitals). Ids are interned per side.
*/
typedef struct
{
  guint entry;
  int variant;
  gboolean forbidden;
  guint n;
  guint ids[];
} Seq;

/* A stem cache entry: a word form by its FNV-1a hash and length, and its stem id + 1 (0: free). */
typedef struct
{
  guint64 hash;
  guint32 id1;
  guint32 length;
} CacheSlot;

/* A word of running text and the two ids it can match a term word by. */
typedef struct
{
  gsize start, end;
  guint stem;
  guint exact;
  guint64 hash;             /* word_hash () */
} Token;

/* One language side: its stemmer, its word ids, and the terms by first word. */
typedef struct
{
  char *lang;
  struct sb_stemmer *stemmer;
  gboolean english;
  GHashTable *ids;          /* key (char *) -> id (guint, from 1) */
  GHashTable *first;        /* first word id -> GPtrArray of Seq * */
  CacheSlot *cache;         /* word as written -> stem id: open addressing on a 64-bit hash,
                               allocated on first use (cache_make_room) */
  guint cache_bits;         /* its size: 1 << cache_bits slots; 0 while not allocated */
  guint cache_used;
  GString *buf;
  GString *key;             /* tokenize's, kept from one call to the next */
  GArray *tokens;           /* bitext_glossary_match's (Token), kept likewise */
} Side;

typedef struct
{
  BitextGlossaryEntry pub;
  char *source;
  char **targets;
  char **forbidden;
  char *note;
} Entry;

struct _BitextGlossary
{
  Side side[2];
  GPtrArray *entries;       /* Entry * */
  GPtrArray *seqs;          /* Seq *, owned */
  GHashTable *keep;         /* folded words that may stay in the source's script */
  gboolean borrowed;        /* a matcher (bitext_glossary__dup_matcher): all but the stemmers
                               and caches belong to the glossary it was made from */
};

/* The stem cache holds at most this many word forms (4 MiB a side): a
** text's vocabulary follows Zipf's law, so refilling after a reset costs little. It
** starts at 1 << STEM_CACHE_MIN_BITS slots (16 KiB: a short text's few hundred word
** forms) and doubles up to that as the vocabulary grows (each form is rehashed about
** once, as in a growing hash table), so that a glossary matched against one short text
** (a QA run's, a review edit's) does not allocate and clear 4 MiB a side. */
#define STEM_CACHE_BITS 18
#define STEM_CACHE_MIN_BITS 10
#define STEM_CACHE_LOAD(bits) ((1u << (bits)) / 10 * 7)    /* load factor 0.7 */

/* Snowball's Russian stemmer leaves some suffixes of names on the stem
** (Медведева -> медведев, Лиссабонском -> лиссабонск): a stem that is a
** glossary stem of at least STEM_MIN_PREFIX letters plus at most
** STEM_MAX_EXTRA letters matches it too. */
#define STEM_MIN_PREFIX 5
#define STEM_MAX_EXTRA 2

/* Text helpers shared with the checks */

static QaScript
script_of (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_LATIN: return QA_SCRIPT_LATIN;
    case G_UNICODE_SCRIPT_CYRILLIC: return QA_SCRIPT_CYRILLIC;
    default: return QA_SCRIPT_OTHER;
    }
}

/* А to я, most letters of a Russian text: letters, Cyrillic, upper case below а. */
#define IS_BASIC_CYRILLIC(c) ((c) >= 0x0410 && (c) <= 0x044F)

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);
  return IS_BASIC_CYRILLIC (c) || g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/*
** Find the next word of text[*pos .. length) and advance *pos past it.
** Returns FALSE at the end. Expects valid UTF-8.
*/
gboolean
bitext_qa__next_word (const char *text, gsize length, gsize *pos, QaWord *word)
{
  gsize p = *pos;
  while (p < length
         && ((guchar) text[p] < 0x80 ? !g_ascii_isalnum (text[p])
                                     : !is_word_char (g_utf8_get_char (text + p))))
    p = (gsize) (g_utf8_next_char (text + p) - text);
  if (p >= length)
    {
      *pos = length;
      return FALSE;
    }
  memset (word, 0, sizeof *word);
  word->start = p;
  while (p < length)
    {
      guchar b = (guchar) text[p];
      if (b < 0x80)
        {
          /* ASCII, most of the words of many texts: no table lookups. */
          if (!g_ascii_isalnum (b))
            break;
          if (g_ascii_isdigit (b))
            word->n_digits++;
          else
            {
              word->n_letters++;
              word->n_upper += g_ascii_isupper (b);
              if (word->script == QA_SCRIPT_NONE)
                word->script = QA_SCRIPT_LATIN;
              else if (word->script != QA_SCRIPT_LATIN)
                word->script = QA_SCRIPT_MIXED;
            }
          p++;
          continue;
        }
      gunichar c = g_utf8_get_char (text + p);
      if (IS_BASIC_CYRILLIC (c))
        {
          /* No table lookups here either. */
          word->n_letters++;
          word->n_upper += c < 0x0430;
          if (word->script == QA_SCRIPT_NONE)
            word->script = QA_SCRIPT_CYRILLIC;
          else if (word->script != QA_SCRIPT_CYRILLIC)
            word->script = QA_SCRIPT_MIXED;
          p += 2;
          continue;
        }
      if (!is_word_char (c))
        break;
      if (g_unichar_isalpha (c))
        {
          word->n_letters++;
          word->n_upper += g_unichar_isupper (c);
          QaScript s = script_of (c);
          if (word->script == QA_SCRIPT_NONE)
            word->script = s;
          else if (word->script != s)
            word->script = QA_SCRIPT_MIXED;
        }
      else if (g_unichar_isdigit (c))
        word->n_digits++;
      p = (gsize) (g_utf8_next_char (text + p) - text);
    }
  word->end = *pos = p;
  return TRUE;
}

/* The script a language is written in, for the languages whose script is unambiguous. */
QaScript
bitext_qa__script_for_lang (const char *lang)
{
  static const char *const cyrillic[] = { "ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg",
                                          "mn", NULL };
  if (lang == NULL || strlen (lang) < 2)
    return QA_SCRIPT_NONE;
  char code[4] = { g_ascii_tolower (lang[0]), g_ascii_tolower (lang[1]), '\0', '\0' };
  if (g_ascii_isalpha (lang[2]))
    return QA_SCRIPT_NONE;
  for (const char *const *c = cyrillic; *c != NULL; c++)
    if (strcmp (code, *c) == 0)
      return QA_SCRIPT_CYRILLIC;
  static const char *const latin[] = { "en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sv",
                                       "da", "no", "nb", "fi", "et", "lv", "lt", "ro", "hu", "tr",
                                       "sk", "sl", "hr", "ca", NULL };
  for (const char *const *c = latin; *c != NULL; c++)
    if (strcmp (code, *c) == 0)
      return QA_SCRIPT_LATIN;
  return QA_SCRIPT_NONE;
}

/*
** Case-fold @text with ICU's full case folding (Unicode CaseFolding.txt, so
** "Straße" and "STRASSE" agree) and read ё as е. Returns (transfer full) UTF-8.
*/
char *
bitext_qa__fold (const char *text, gssize length)
{
  if (length < 0)
    length = (gssize) strlen (text);
  UChar small[128];
  g_autofree UChar *big = NULL;
  UChar *u = small;
  int32_t cap = G_N_ELEMENTS (small), n = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8 (u, cap, &n, text, (int32_t) length, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      cap = n + 1;
      u = big = g_new (UChar, cap);
      status = U_ZERO_ERROR;
      u_strFromUTF8 (u, cap, &n, text, (int32_t) length, &status);
    }
  if (U_FAILURE (status))
    return g_utf8_casefold (text, length);
  /* Full folding may grow a string (ß -> ss): at most three code units each. */
  g_autofree UChar *folded = g_new (UChar, (gsize) n * 3 + 1);
  int32_t m = u_strFoldCase (folded, n * 3 + 1, u, n, U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE (status))
    return g_utf8_casefold (text, length);
  for (int32_t i = 0; i < m; i++)
    if (folded[i] == 0x0451)
      folded[i] = 0x0435;
  char *out = g_new (char, (gsize) m * 3 + 1);
  int32_t out_len = 0;
  u_strToUTF8 (out, m * 3 + 1, &out_len, folded, m, &status);
  out[out_len] = '\0';
  return out;
}

static gboolean
ends_with (const GString *w, const char *suffix, gsize *stem_len)
{
  gsize n = strlen (suffix);
  if (w->len < n || memcmp (w->str + w->len - n, suffix, n) != 0)
    return FALSE;
  *stem_len = w->len - n;
  return TRUE;
}

/*
** Rewrite a case-folded English word from British to American spelling for
** the pairs that differ only in a suffix: -ence/-ense (defence), -our/-or
** (honour), -ise/-ize (organise), -yse/-yze, -tre/-ter (centre). Applied to
** both the glossary and the text, so a rewritten non-pair word ("sense" ->
** "sence") is harmless. The letters required before the suffix keep short
** words (our, your, rise) out.
*/
void
bitext_qa__fold_spelling_en (GString *w)
{
  static const struct
  {
    const char *from, *to;
    gsize min_before;
  } rules[] = {
    { "ence", "ense", 2 }, { "ences", "enses", 2 },
    { "our", "or", 3 }, { "ours", "ors", 3 }, { "oured", "ored", 3 }, { "ouring", "oring", 3 },
    { "ourable", "orable", 3 }, { "ourite", "orite", 3 }, { "ourites", "orites", 3 },
    { "ise", "ize", 3 }, { "ises", "izes", 3 }, { "ised", "ized", 3 }, { "ising", "izing", 3 },
    { "isation", "ization", 3 }, { "isations", "izations", 3 },
    { "yse", "yze", 3 }, { "ysed", "yzed", 3 }, { "ysing", "yzing", 3 },
    { "tre", "ter", 2 }, { "tres", "ters", 2 },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      gsize stem;
      if (ends_with (w, rules[i].from, &stem) && stem >= rules[i].min_before)
        {
          g_string_truncate (w, stem);
          g_string_append (w, rules[i].to);
          return;
        }
    }
}

/*
** Append @text lower-cased character by character (g_unichar_tolower, a
** table lookup) with ё read as е. Cheaper than full case folding by far,
** and enough for keys that whole words or segments are compared by.
*/
void
bitext_qa__lower (const char *text, gsize length, GString *out)
{
  for (const char *p = text, *end = text + length; p < end; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;
      if (b < 0x80)
        {
          g_string_append_c (out, (char) g_ascii_tolower ((char) b));
          continue;
        }
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));
      char buf[8];
      g_string_append_len (out, buf, g_unichar_to_utf8 (c == 0x0451 ? 0x0435 : c, buf));
    }
}

/* Lower-cased, trimmed, white space collapsed: the form findings are compared and ignored by. */
char *
bitext_qa__normalise_key (const char *text)
{
  gsize n = strlen (text);
  g_autoptr(GString) folded = g_string_sized_new (n);
  bitext_qa__lower (text, n, folded);
  GString *out = g_string_sized_new (folded->len);
  gboolean space = FALSE;
  for (const char *p = folded->str; *p != '\0';)
    {
      const char *next = g_utf8_next_char (p);
      gboolean is_space = (guchar) *p < 0x80 ? g_ascii_isspace (*p)
                                             : g_unichar_isspace (g_utf8_get_char (p));
      if (is_space)
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_len (out, p, next - p);
        }
      p = next;
    }
  return g_string_free (out, FALSE);
}

/* Sides */

static void
side_init (Side *s, const char *lang)
{
  s->lang = g_strdup (lang);
  if (lang != NULL && strlen (lang) >= 2)
    {
      /* libstemmer knows ISO 639-1 codes ("en", "ru") as aliases. */
      char code[3] = { g_ascii_tolower (lang[0]), g_ascii_tolower (lang[1]), '\0' };
      s->stemmer = sb_stemmer_new (code, "UTF_8");
      s->english = strcmp (code, "en") == 0;
    }
  s->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->first = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);
  s->buf = g_string_new (NULL);
  s->key = g_string_new (NULL);
  s->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
}

/* @s's own state (stemmer, cache, buffer) for @src's language; the term tables are @src's. */
static void
side_init_borrowed (Side *s, const Side *src)
{
  side_init (s, src->lang);
  g_hash_table_unref (s->ids);
  g_hash_table_unref (s->first);
  s->ids = src->ids;
  s->first = src->first;
}

static void
side_clear (Side *s, gboolean borrowed)
{
  g_free (s->lang);
  if (s->stemmer != NULL)
    sb_stemmer_delete (s->stemmer);
  if (!borrowed)
    {
      g_hash_table_unref (s->ids);
      g_hash_table_unref (s->first);
    }
  g_free (s->cache);
  g_string_free (s->buf, TRUE);
  g_string_free (s->key, TRUE);
  g_array_unref (s->tokens);
}

/* The word in capitals that an acronym matches: "NATO", "ICBMs" -> "ICBM"; FALSE if not one. */
static gboolean
acronym_key (const char *w, gsize len, const QaWord *info, GString *out)
{
  if (info->n_letters < 2)
    return FALSE;
  gsize n = len;
  guint upper = info->n_upper;
  if (upper + 1 == info->n_letters && n > 1 && w[n - 1] == 's')
    n--;
  else if (upper != info->n_letters)
    return FALSE;
  if (upper < 2)
    return FALSE;
  g_string_assign (out, "=");
  g_string_append_len (out, w, (gssize) n);
  return TRUE;
}

/* "s:" + the stem of the folded word (English spelling folded first). */
static void
stem_key (Side *s, const char *w, gsize len, GString *out)
{
  g_autofree char *folded = bitext_qa__fold (w, (gssize) len);
  g_string_assign (s->buf, folded);
  if (s->english)
    bitext_qa__fold_spelling_en (s->buf);
  g_string_assign (out, "s:");
  if (s->stemmer == NULL)
    {
      g_string_append_len (out, s->buf->str, (gssize) s->buf->len);
      return;
    }
  const sb_symbol *stem = sb_stemmer_stem (s->stemmer, (const sb_symbol *) s->buf->str,
                                           (int) s->buf->len);
  if (stem == NULL)
    g_string_append_len (out, s->buf->str, (gssize) s->buf->len);
  else
    g_string_append_len (out, (const char *) stem, sb_stemmer_length (s->stemmer));
}

static guint
side_lookup (const Side *s, const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (s->ids, key));
}

static guint
side_intern (Side *s, const char *key)
{
  guint id = side_lookup (s, key);
  if (id == 0)
    {
      id = g_hash_table_size (s->ids) + 1;
      g_hash_table_insert (s->ids, g_strdup (key), GUINT_TO_POINTER (id));
    }
  return id;
}

/* The glossary stem id of a stem key, allowing STEM_MAX_EXTRA trailing letters; 0 if none. */
static guint
lookup_stem (const Side *s, GString *key)
{
  guint id = side_lookup (s, key->str);
  glong n = g_utf8_strlen (key->str + 2, -1);
  for (glong extra = 1; id == 0 && extra <= STEM_MAX_EXTRA && n - extra >= STEM_MIN_PREFIX; extra++)
    {
      g_string_truncate (key, (gsize) (g_utf8_prev_char (key->str + key->len) - key->str));
      id = side_lookup (s, key->str);
    }
  return id;
}

/* Empty the stem cache (its memory comes back zeroed from calloc on the next use). */
static void
cache_reset (Side *s)
{
  g_clear_pointer (&s->cache, g_free);
  s->cache_bits = 0;
  s->cache_used = 0;
}

/* FNV-1a (64 bits) of a word as written: its key in the stem cache. */
static guint64
word_hash (const char *text, const QaWord *w)
{
  guint64 h = 14695981039346656037u;
  for (gsize k = w->start; k < w->end; k++)
    h = (h ^ (guchar) text[k]) * 1099511628211u;
  return h;
}

static gsize
cache_slot (const Side *s, guint64 h)
{
  return (gsize) (h ^ (h >> 32)) & (((gsize) 1 << s->cache_bits) - 1);
}

/*
** Allocate the stem cache, or make room in it for one more form: double it
** (rehashing its forms) below STEM_CACHE_BITS, empty it at that size.
*/
static void
cache_make_room (Side *s)
{
  if (s->cache == NULL)
    {
      s->cache_bits = STEM_CACHE_MIN_BITS;
      s->cache = g_new0 (CacheSlot, (gsize) 1 << s->cache_bits);
      return;
    }
  if (s->cache_used < STEM_CACHE_LOAD (s->cache_bits))
    return;
  if (s->cache_bits >= STEM_CACHE_BITS)
    {
      memset (s->cache, 0, sizeof (CacheSlot) << s->cache_bits);
      s->cache_used = 0;
      return;
    }
  CacheSlot *old = s->cache;
  gsize n_old = (gsize) 1 << s->cache_bits;
  s->cache_bits++;
  s->cache = g_new0 (CacheSlot, (gsize) 1 << s->cache_bits);
  gsize mask = ((gsize) 1 << s->cache_bits) - 1;
  for (gsize k = 0; k < n_old; k++)
    if (old[k].id1 != 0)
      {
        gsize i = cache_slot (s, old[k].hash);
        while (s->cache[i].id1 != 0)
          i = (i + 1) & mask;
        s->cache[i] = old[k];
      }
  g_free (old);
}

/*
** The stem id of a word of running text, through the cache (allocated). The cache is
** keyed by the word's 64-bit FNV-1a hash @h (word_hash) and its length,
** without the word itself: one memory access a word instead of a hash
** table's three (slot, key, string), the cost that dominated matching a
** million units. Two distinct forms of one length would need the same
** 64-bit hash to be confused; among a million forms the chance is about
** 2^-25.
*/
static guint
cached_stem_id (Side *s, const char *text, gsize start, gsize end, guint64 h, GString *key)
{
  gsize len = end - start;
  gsize mask = ((gsize) 1 << s->cache_bits) - 1;
  gsize i = cache_slot (s, h);
  for (; s->cache[i].id1 != 0; i = (i + 1) & mask)
    if (s->cache[i].hash == h && s->cache[i].length == len)
      return s->cache[i].id1 - 1;
  stem_key (s, text + start, len, key);
  guint id = lookup_stem (s, key);
  if (s->cache_used >= STEM_CACHE_LOAD (s->cache_bits))
    {
      cache_make_room (s);
      mask = ((gsize) 1 << s->cache_bits) - 1;
      for (i = cache_slot (s, h); s->cache[i].id1 != 0; i = (i + 1) & mask)
        ;
    }
  s->cache[i] = (CacheSlot) { h, id + 1, (guint32) len };
  s->cache_used++;
  return id;
}

/* The stem id of word @w of @text, through the cache (allocated here if need be). */
static guint
word_stem_id (Side *s, const char *text, const QaWord *w, GString *key)
{
  if (s->cache == NULL)
    cache_make_room (s);
  return cached_stem_id (s, text, w->start, w->end, word_hash (text, w), key);
}

/*
** The words of @text with their ids. Two passes: the first finds the words
** and asks the processor to fetch their stem cache slots, the second reads
** them. The cache is too big for the processor's own caches, and a slot
** read one word at a time waits for memory each time (most of the time
** of matching); fetched together, the waits overlap.
*/
static void
tokenize (Side *s, const char *text, GArray *tokens)
{
  GString *key = s->key;
  gsize length = strlen (text), pos = 0;
  QaWord w;
  g_array_set_size (tokens, 0);
  if (s->cache == NULL)
    cache_make_room (s);
  while (bitext_qa__next_word (text, length, &pos, &w))
    {
      Token t = { w.start, w.end, 0, 0, word_hash (text, &w) };
      if (acronym_key (text + w.start, w.end - w.start, &w, key))
        t.exact = side_lookup (s, key->str);
      __builtin_prefetch (&s->cache[cache_slot (s, t.hash)]);
      g_array_append_val (tokens, t);
    }
  Token *v = (Token *) (void *) tokens->data;
  for (guint k = 0; k < tokens->len; k++)
    v[k].stem = cached_stem_id (s, text, v[k].start, v[k].end, v[k].hash, key);
}

/* Loading */

static void
entry_free (gpointer p)
{
  Entry *e = p;
  g_free (e->source);
  g_strfreev (e->targets);
  g_strfreev (e->forbidden);
  g_free (e->note);
  g_free (e);
}

/**
 * bitext_glossary_new:
 * @src_lang: (nullable): ISO 639-1 code of the source terms, for stemming
 * @tgt_lang: (nullable): the same for the target terms
 *
 * Without a language (or with one Snowball does not know), words match on
 * their case-folded form only.
 *
 * Returns: (transfer full): an empty glossary
 */
BitextGlossary *
bitext_glossary_new (const char *src_lang, const char *tgt_lang)
{
  BitextGlossary *g = g_new0 (BitextGlossary, 1);
  side_init (&g->side[BITEXT_GLOSSARY_SOURCE], src_lang);
  side_init (&g->side[BITEXT_GLOSSARY_TARGET], tgt_lang);
  g->entries = g_ptr_array_new_with_free_func (entry_free);
  g->seqs = g_ptr_array_new_with_free_func (g_free);
  g->keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return g;
}

void
bitext_glossary_free (BitextGlossary *glossary)
{
  if (glossary == NULL)
    return;
  side_clear (&glossary->side[0], glossary->borrowed);
  side_clear (&glossary->side[1], glossary->borrowed);
  if (!glossary->borrowed)
    {
      g_ptr_array_unref (glossary->entries);
      g_ptr_array_unref (glossary->seqs);
      g_hash_table_unref (glossary->keep);
    }
  g_free (glossary);
}

/*
** A glossary that matches as @glossary does, for another thread: it has
** its own stemmers and stem caches (the state matching changes) and reads
** @glossary's terms, which must outlive it and must not change meanwhile.
** Free it with bitext_glossary_free().
*/
BitextGlossary *
bitext_glossary__dup_matcher (const BitextGlossary *glossary)
{
  BitextGlossary *g = g_new0 (BitextGlossary, 1);
  side_init_borrowed (&g->side[0], &glossary->side[0]);
  side_init_borrowed (&g->side[1], &glossary->side[1]);
  g->entries = glossary->entries;
  g->seqs = glossary->seqs;
  g->keep = glossary->keep;
  g->borrowed = TRUE;
  return g;
}

const char *
bitext_glossary_get_src_lang (const BitextGlossary *glossary)
{
  return glossary->side[BITEXT_GLOSSARY_SOURCE].lang;
}

const char *
bitext_glossary_get_tgt_lang (const BitextGlossary *glossary)
{
  return glossary->side[BITEXT_GLOSSARY_TARGET].lang;
}

/* Add @term as a word-id sequence of @side; FALSE if it holds no word. */
static gboolean
add_seq (BitextGlossary *g, Side *s, const char *term, guint entry, int variant, gboolean forbidden)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize length = strlen (term), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (term, length, &pos, &w))
    {
      if (!acronym_key (term + w.start, w.end - w.start, &w, key))
        stem_key (s, term + w.start, w.end - w.start, key);
      guint id = side_intern (s, key->str);
      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    return FALSE;
  Seq *seq = g_malloc (sizeof (Seq) + ids->len * sizeof (guint));
  *seq = (Seq) { entry, variant, forbidden, ids->len };
  memcpy (seq->ids, ids->data, ids->len * sizeof (guint));
  g_ptr_array_add (g->seqs, seq);
  gpointer first = GUINT_TO_POINTER (seq->ids[0]);
  GPtrArray *list = g_hash_table_lookup (s->first, first);
  if (list == NULL)
    g_hash_table_insert (s->first, first, list = g_ptr_array_new ());
  g_ptr_array_add (list, seq);
  return TRUE;
}

/* Split "a | b | c" into trimmed, non-empty alternatives. */
static char **
split_alternatives (const char *cell)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (cell != NULL ? cell : "", "|", -1);
  for (char **p = parts; *p != NULL; p++)
    {
      char *t = g_strstrip (g_strdup (*p));
      if (*t == '\0')
        g_free (t);
      else
        g_ptr_array_add (out, t);
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static void
keep_words (BitextGlossary *g, const char *term)
{
  gsize length = strlen (term), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (term, length, &pos, &w))
    g_hash_table_add (g->keep, bitext_qa__fold (term + w.start, (gssize) (w.end - w.start)));
}

static gboolean
add_entry (BitextGlossary *g, const char *source, const char *targets, const char *forbidden,
           const char *note, guint line, gboolean dnt, GError **error)
{
  g_autofree char *src = g_strstrip (g_strdup (source));
  g_auto(GStrv) alts = split_alternatives (targets);
  g_auto(GStrv) bad = split_alternatives (forbidden);
  if (alts[0] == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "term '%s' has no target", src);
      return FALSE;
    }
  guint index = g->entries->len;
  Side *s = &g->side[BITEXT_GLOSSARY_SOURCE], *t = &g->side[BITEXT_GLOSSARY_TARGET];
  if (!add_seq (g, s, src, index, -1, FALSE))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "term '%s' has no word", src);
      return FALSE;
    }
  for (int i = 0; alts[i] != NULL; i++)
    {
      add_seq (g, t, alts[i], index, i, FALSE);
      keep_words (g, alts[i]);
    }
  for (int i = 0; bad[i] != NULL; i++)
    add_seq (g, t, bad[i], index, i, TRUE);
  cache_reset (s);
  cache_reset (t);

  Entry *e = g_new0 (Entry, 1);
  e->source = g_steal_pointer (&src);
  e->targets = g_steal_pointer (&alts);
  e->forbidden = g_steal_pointer (&bad);
  e->note = g_strdup (note != NULL ? note : "");
  e->pub = (BitextGlossaryEntry) { e->source, (const char *const *) e->targets,
                                   (const char *const *) e->forbidden, e->note, line, dnt };
  g_ptr_array_add (g->entries, e);
  return TRUE;
}

/**
 * bitext_glossary_add_entry:
 * @glossary: a glossary
 * @source: the source term
 * @targets: its approved renderings, separated by " | "
 * @forbidden: (nullable): renderings to flag, separated by " | "
 * @note: (nullable): a note for the translator
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %BITEXT_ERROR_PARSE when a term has no word or no target
 */
gboolean
bitext_glossary_add_entry (BitextGlossary *glossary, const char *source, const char *targets,
                           const char *forbidden, const char *note, GError **error)
{
  g_return_val_if_fail (glossary != NULL && source != NULL && targets != NULL, FALSE);
  return add_entry (glossary, source, targets, forbidden, note, 0, FALSE, error);
}

/**
 * bitext_glossary_add_dnt:
 * @glossary: a glossary
 * @term: a name or acronym that stays as it is in the translation
 * @error: return location for a #GError
 *
 * The term becomes an entry whose only rendering is itself, and its words
 * may appear in the translation in the source's script.
 */
gboolean
bitext_glossary_add_dnt (BitextGlossary *glossary, const char *term, GError **error)
{
  g_return_val_if_fail (glossary != NULL && term != NULL, FALSE);
  return add_entry (glossary, term, term, NULL, NULL, 0, TRUE, error);
}

guint
bitext_glossary_get_n_entries (const BitextGlossary *glossary)
{
  return glossary->entries->len;
}

/**
 * bitext_glossary_get_entry:
 * Returns: (transfer none): the entry, valid until the glossary changes
 */
const BitextGlossaryEntry *
bitext_glossary_get_entry (const BitextGlossary *glossary, guint index)
{
  g_return_val_if_fail (index < glossary->entries->len, NULL);
  return &((Entry *) g_ptr_array_index (glossary->entries, index))->pub;
}

gboolean
bitext_glossary__keeps_word (const BitextGlossary *glossary, const char *folded)
{
  return g_hash_table_contains (glossary->keep, folded);
}

/*
** Whether word @w of @text is, in any inflection, a word of one of the
** terms of @side: its stem (with the matcher's allowance for trailing
** letters) or, in capitals, the word itself is one the terms hold. Uses
** the side's stem cache, so one thread at a time, as for matching.
*/
gboolean
bitext_glossary__has_word (BitextGlossary *glossary, BitextGlossarySide side, const char *text,
                           const QaWord *w)
{
  Side *s = &glossary->side[side];
  g_autoptr(GString) key = g_string_new (NULL);
  if (acronym_key (text + w->start, w->end - w->start, w, key) && side_lookup (s, key->str) != 0)
    return TRUE;
  return g_hash_table_size (s->ids) > 0 && word_stem_id (s, text, w, key) != 0;
}

/**
 * bitext_glossary_is_dnt:
 * @word: one word, as written
 *
 * Returns: whether @word (case folded) is a word of a do-not-translate entry
 *   or of an approved rendering, i.e. may stay in the source's script
 */
gboolean
bitext_glossary_is_dnt (const BitextGlossary *glossary, const char *word)
{
  g_autofree char *folded = bitext_qa__fold (word, -1);
  return g_hash_table_contains (glossary->keep, folded);
}

/* File formats */

/* One row of cells, from a TSV line or a CSV record. */
typedef struct
{
  GPtrArray *cells;
  guint line;
} Row;

static gboolean
next_tsv_row (const char *data, gsize length, gsize *pos, guint *line, Row *row)
{
  const char *s = data + *pos, *end = data + length;
  const char *nl = memchr (s, '\n', (gsize) (end - s));
  const char *eol = nl != NULL ? nl : end;
  g_autofree char *text = g_strndup (s, (gsize) (eol - s));
  gsize n = strlen (text);
  if (n > 0 && text[n - 1] == '\r')
    text[n - 1] = '\0';
  g_ptr_array_set_size (row->cells, 0);
  g_auto(GStrv) cells = g_strsplit (text, "\t", -1);
  for (char **c = cells; *c != NULL; c++)
    g_ptr_array_add (row->cells, g_strdup (*c));
  row->line = (*line)++;
  *pos = nl != NULL ? (gsize) (nl + 1 - data) : length;
  return TRUE;
}

/* Split the one cell of @row at @sep (a '#' header line of a CSV file). */
static void
split_cells (Row *row, const char *sep)
{
  g_auto(GStrv) cells = g_strsplit (row->cells->pdata[0], sep, -1);
  g_ptr_array_set_size (row->cells, 0);
  for (char **c = cells; *c != NULL; c++)
    g_ptr_array_add (row->cells, g_strdup (*c));
}

enum { COL_SOURCE, COL_TARGET, COL_NOTE, COL_FORBIDDEN, N_COLS };

/*
** The columns `bitext glossary extract` writes besides source, target and
** note (see terms-format.c): evidence for a terminologist, not for QA. A
** header may name them; they are read past. The variants are the inflected
** forms seen, which stem matching finds without them.
*/
static const char *const evidence_columns[] = { "score", "frequency", "example", "variants",
                                                NULL };

/* The extraction layout without a header: source, target, score, frequency, example, variants, note. */
static const int extract_cols[N_COLS] = { 0, 1, 6, -1 };

/* If every cell of @row names a column, fill @cols with their positions. A '#' may start the row. */
static gboolean
read_header (const Row *row, int cols[N_COLS])
{
  static const char *const names[N_COLS] = { "source", "target", "note", "forbidden" };
  int map[N_COLS] = { -1, -1, -1, -1 };
  for (guint i = 0; i < row->cells->len; i++)
    {
      const char *cell = row->cells->pdata[i];
      if (i == 0 && cell[0] == '#')
        cell++;
      g_autofree char *name = g_ascii_strdown (cell, -1);
      g_strstrip (name);
      int k = 0;
      while (k < N_COLS && strcmp (name, names[k]) != 0)
        k++;
      if (k < N_COLS)
        map[k] = (int) i;
      else if (!g_strv_contains (evidence_columns, name))
        return FALSE;
    }
  if (map[COL_SOURCE] < 0 || map[COL_TARGET] < 0)
    return FALSE;
  memcpy (cols, map, sizeof map);
  return TRUE;
}

static const char *
cell (const Row *row, int col)
{
  return col >= 0 && (guint) col < row->cells->len ? row->cells->pdata[col] : NULL;
}

static gboolean
is_number (const char *s)
{
  if (s == NULL)
    return FALSE;
  char *end = NULL;
  g_ascii_strtod (s, &end);
  return end != s && *end == '\0';
}

static gboolean
is_blank_row (const Row *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    {
      const char *c = row->cells->pdata[i];
      while (g_ascii_isspace (*c))
        c++;
      if (*c != '\0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_row (BitextGlossary *g, const char *name, const Row *row, const int cols[N_COLS],
         GError **error)
{
  const char *target = cell (row, cols[COL_TARGET]);
  if (target == NULL)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s:%u: expected SOURCE and TARGET separated by a %s, found %u column", name,
                   row->line, cols == NULL ? "comma" : "tab", row->cells->len);
      return FALSE;
    }
  g_autoptr(GError) local = NULL;
  if (!add_entry (g, cell (row, cols[COL_SOURCE]), target, cell (row, cols[COL_FORBIDDEN]),
                  cell (row, cols[COL_NOTE]), row->line, FALSE, &local))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: %s", name, row->line,
                   local->message);
      return FALSE;
    }
  return TRUE;
}

/*
** TBX-Basic (ISO 30042), read by the glossary file reader of term
** extraction (terms-format.c): each termEntry's source term and preferred
** target term make an entry, with its note. The target's variants (the
** inflected forms extraction saw, termType "variant") are left out: stem
** matching finds them, and as alternatives they would count as renderings
** to be consistent about.
*/
static gboolean
load_tbx (BitextGlossary *g, const char *name, const char *data, gsize length, GError **error)
{
  g_autoptr(BitextTermList) list = bitext_term_list_load_data (
      name, data, length, BITEXT_TERM_FORMAT_TBX, bitext_glossary_get_src_lang (g),
      bitext_glossary_get_tgt_lang (g), error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < bitext_term_list_get_n_pairs (list); i++)
    {
      const BitextTermPair *p = bitext_term_list_get_pair (list, i);
      g_autoptr(GError) local = NULL;
      if (!add_entry (g, p->source, p->target, NULL, p->note, 0, FALSE, &local))
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: termEntry %u: %s", name,
                       i + 1, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_rows (BitextGlossary *g, const char *name, const char *data, gsize length, gboolean csv,
           GError **error)
{
  int cols[N_COLS] = { COL_SOURCE, COL_TARGET, COL_NOTE, COL_FORBIDDEN };
  Row row = { g_ptr_array_new_with_free_func (g_free), 0 };
  g_autoptr(GPtrArray) cells = row.cells;
  gsize pos = 0;
  guint line = 1, n_rows = 0;
  while (pos < length)
    {
      if (data[pos] == '#')
        {
          /* A comment; before any row, it may be a header, as `bitext glossary extract` writes. */
          next_tsv_row (data, length, &pos, &line, &row);
          if (csv && row.cells->len == 1)
            split_cells (&row, ",");
          if (n_rows == 0 && read_header (&row, cols))
            n_rows++;
          continue;
        }
      if (csv)
        {
          row.line = line;
          if (!bitext__csv_next_record (name, data, length, &pos, &line, row.cells, error))
            return FALSE;
        }
      else
        next_tsv_row (data, length, &pos, &line, &row);
      if (is_blank_row (&row))
        continue;
      if (n_rows == 0 && read_header (&row, cols))
        {
          n_rows++;
          continue;
        }
      if (n_rows++ == 0 && is_number (cell (&row, 2)))
        memcpy (cols, extract_cols, sizeof extract_cols);
      if (!add_row (g, name, &row, cols, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * bitext_glossary_load_data:
 * @glossary: a glossary
 * @name: the name used in messages; a name ending in ".csv" selects CSV
 * @data: (array length=length): the file's bytes, UTF-8
 * @length: their number
 * @error: return location for a #GError
 *
 * Adds the entries of a TSV or CSV glossary (see glossary.h for the format).
 *
 * Returns: %FALSE with @error set (BITEXT_ERROR_ENCODING, BITEXT_ERROR_PARSE
 *   with "NAME:LINE: message") on bad input; entries read before stay added
 */
gboolean
bitext_glossary_load_data (BitextGlossary *glossary, const char *name, const char *data,
                           gsize length, GError **error)
{
  g_return_val_if_fail (glossary != NULL && name != NULL && data != NULL, FALSE);
  const char *bad;
  if (!g_utf8_validate_len (data, length, &bad))
    {
      guint line = 1;
      for (const char *p = data; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING, "%s:%u: invalid UTF-8", name,
                   line);
      return FALSE;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  gsize skip = 0;
  while (skip < length && g_ascii_isspace (data[skip]))
    skip++;
  if (g_str_has_suffix (name, ".tbx") || (skip < length && data[skip] == '<'))
    return load_tbx (glossary, name, data, length, error);
  return load_rows (glossary, name, data, length, g_str_has_suffix (name, ".csv"), error);
}

static gboolean
read_file (const char *path, char **data, gsize *length, GError **error)
{
  g_autoptr(GError) local = NULL;
  if (g_file_get_contents (path, data, length, &local))
    return TRUE;
  g_set_error (error, local->domain, local->code, "%s", local->message);
  return FALSE;
}

/**
 * bitext_glossary_load_file:
 * @glossary: a glossary
 * @path: (type filename): a TSV, CSV (name ends in .csv) or TBX (.tbx) glossary
 * @error: return location for a #GError
 *
 * Returns: %FALSE with @error set on I/O or format errors
 */
gboolean
bitext_glossary_load_file (BitextGlossary *glossary, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  if (!read_file (path, &data, &length, error))
    return FALSE;
  return bitext_glossary_load_data (glossary, path, data, length, error);
}

/**
 * bitext_glossary_load_files:
 * @glossary: a glossary
 * @paths: (nullable) (array zero-terminated=1) (element-type filename): glossaries, loaded in
 *   order as bitext_glossary_load_file() loads one
 * @dnt_paths: (nullable) (array zero-terminated=1) (element-type filename): do-not-translate
 *   lists, loaded after them as bitext_glossary_load_dnt_file() loads one
 * @error: return location for a #GError
 *
 * Every file a user names, as `-g A.tsv -g B.tsv --dnt names.txt` names them: none is dropped.
 *
 * Returns: %FALSE with @error set (naming the file) at the first file that cannot be loaded
 * Since: 0.1
 */
gboolean
bitext_glossary_load_files (BitextGlossary *glossary, const char *const *paths,
                            const char *const *dnt_paths, GError **error)
{
  for (guint k = 0; paths != NULL && paths[k] != NULL; k++)
    if (!bitext_glossary_load_file (glossary, paths[k], error))
      return FALSE;
  for (guint k = 0; dnt_paths != NULL && dnt_paths[k] != NULL; k++)
    if (!bitext_glossary_load_dnt_file (glossary, dnt_paths[k], error))
      return FALSE;
  return TRUE;
}

/**
 * bitext_glossary_load_dnt_file:
 * @glossary: a glossary
 * @path: (type filename): one term a line; '#' starts a comment line
 * @error: return location for a #GError
 *
 * Returns: %FALSE with @error set on I/O errors or invalid UTF-8
 */
gboolean
bitext_glossary_load_dnt_file (BitextGlossary *glossary, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length;
  if (!read_file (path, &data, &length, error))
    return FALSE;
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_utf8_validate (lines[i], -1, NULL))
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING, "%s:%u: invalid UTF-8", path,
                       i + 1);
          return FALSE;
        }
      char *term = g_strstrip (lines[i]);
      if (*term == '\0' || *term == '#')
        continue;
      g_autoptr(GError) local = NULL;
      if (!add_entry (glossary, term, term, NULL, NULL, i + 1, TRUE, &local))
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: %s", path, i + 1,
                       local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Matching */

static gboolean
seq_matches (const Seq *seq, const Token *t, guint n_left)
{
  if (seq->n > n_left)
    return FALSE;
  for (guint k = 0; k < seq->n; k++)
    if (seq->ids[k] != t[k].stem && seq->ids[k] != t[k].exact)
      return FALSE;
  return TRUE;
}

static void
match_at (const Side *s, GHashTable *first, guint id, const Token *t, guint n_left, GArray *out)
{
  (void) s;
  if (id == 0)
    return;
  GPtrArray *list = g_hash_table_lookup (first, GUINT_TO_POINTER (id));
  for (guint k = 0; list != NULL && k < list->len; k++)
    {
      const Seq *seq = list->pdata[k];
      if (!seq_matches (seq, t, n_left))
        continue;
      BitextTermMatch m = { seq->entry, seq->variant, seq->forbidden, t[0].start,
                            t[seq->n - 1].end };
      g_array_append_val (out, m);
    }
}

/**
 * bitext_glossary_match:
 * @glossary: a glossary
 * @side: which side's terms to look for
 * @text: UTF-8 text (a segment)
 *
 * Finds every occurrence of every term of @side in @text, nested and
 * overlapping ones included, in order of start then entry. Cost: one hash
 * lookup per word (the stem cache) plus the terms starting with that word;
 * the size of the glossary does not enter. Updates the glossary's stem
 * cache, so one glossary must not be matched from two threads at once.
 *
 * Returns: (transfer full) (element-type BitextTermMatch): the matches
 */
GArray *
bitext_glossary_match (BitextGlossary *glossary, BitextGlossarySide side, const char *text)
{
  g_return_val_if_fail (glossary != NULL && text != NULL, NULL);
  Side *s = &glossary->side[side];
  GArray *out = g_array_new (FALSE, FALSE, sizeof (BitextTermMatch));
  if (g_hash_table_size (s->first) == 0)
    return out;
  GArray *tokens = s->tokens;
  tokenize (s, text, tokens);
  const Token *t = (const Token *) (void *) tokens->data;
  for (guint i = 0; i < tokens->len; i++)
    {
      match_at (s, s->first, t[i].stem, t + i, tokens->len - i, out);
      if (t[i].exact != t[i].stem)
        match_at (s, s->first, t[i].exact, t + i, tokens->len - i, out);
    }
  return out;
}
