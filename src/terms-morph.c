/* bitext — dictionary forms of term renderings with Hunspell's morphological analysis. */
#include <stdlib.h>
#include <string.h>

#include <hunspell/hunspell.h>

#include "terms-private.h"

/*
** Hunspell dictionaries give a word's dictionary entries (Hunspell_stem):
** the nominative singular of a noun, the masculine nominative singular of
** an adjective. Debian's ru_RU carries no grammatical tags, so agreement is
** rebuilt from the entry's ending by the rules of Russian grammar (the
** standard declension of adjectives: hard -ый/-ой, soft -ий, and the
** velar and sibilant spelling rules), and every form built is kept only if
** Hunspell accepts it as a word.
*/
typedef struct
{
  Hunhandle *h;
  GMutex lock;              /* over h and verdicts: a Hunhandle is not thread-safe */
  char *encoding;           /* of the dictionary; words are converted at this boundary */
  GHashTable *verdicts;     /* Hunspell_spell's answers, word (UTF-8) -> GINT_TO_POINTER: shared
                               by every analyser of the process (see spell_shared) */
} Dict;

struct _BitextTermMorph
{
  Dict *dict;               /* the process's (dict_get) */
  gboolean utf8;
  gboolean russian;
  gboolean english;
  /* Memos of the three Hunspell questions this file asks (see memo_make_room):
     spell_whole's verdicts, compound_tail's offsets + 1, lemmas' arrays. A
     word recurs all over a text (Zipf), and Hunspell's analysis of one word
     costs tens of microseconds: a memory of a million units asks about the
     same few thousand words again and again. */
  GHashTable *known;
  GHashTable *tails;
  GHashTable *stems;
};

/*
** The memos grow with the vocabulary: one entry per distinct word, a few
** hundred bytes at most. A text's vocabulary grows with the square root of
** its length (Heaps' law), so even a memory of a million units stays under
** this bound; past it the memos are emptied and fill again (the answers
** are the same, only recomputed).
*/
#define MEMO_MAX_WORDS (1u << 18)

#define DEFAULT_DICT_DIR "/usr/share/hunspell"

typedef enum
{
  POS_OTHER,
  POS_NOUN,
  POS_ADJ,
} Pos;

typedef enum
{
  MASC,
  FEM,
  NEUT,
} Gender;

static char *
dict_name (const char *lang)
{
  /* "ru" -> ru_RU, "en" -> en_US, "en-GB" -> en_GB */
  char ll[3] = { g_ascii_tolower (lang[0]), g_ascii_tolower (lang[1]), '\0' };
  if (strlen (lang) >= 5 && (lang[2] == '-' || lang[2] == '_'))
    return g_strdup_printf ("%s_%c%c", ll, g_ascii_toupper (lang[3]), g_ascii_toupper (lang[4]));
  if (strcmp (ll, "en") == 0)
    return g_strdup ("en_US");
  return g_strdup_printf ("%s_%c%c", ll, g_ascii_toupper (ll[0]), g_ascii_toupper (ll[1]));
}

/* The .aff and .dic files for @lang in @dict_dir (NULL: the default); FALSE if they are not there. */
static gboolean
dict_paths (const char *lang, const char *dict_dir, char **aff, char **dic)
{
  if (strlen (lang) < 2)
    return FALSE;
  g_autofree char *name = dict_name (lang);
  g_autofree char *aff_name = g_strconcat (name, ".aff", NULL);
  g_autofree char *dic_name = g_strconcat (name, ".dic", NULL);
  const char *dir = dict_dir != NULL ? dict_dir : DEFAULT_DICT_DIR;
  *aff = g_build_filename (dir, aff_name, NULL);
  *dic = g_build_filename (dir, dic_name, NULL);
  return g_file_test (*aff, G_FILE_TEST_IS_REGULAR) && g_file_test (*dic, G_FILE_TEST_IS_REGULAR);
}

/* Whether a Hunspell dictionary for @lang is installed, without loading it. */
gboolean
bitext_terms__morph_has_dict (const char *lang, const char *dict_dir)
{
  g_autofree char *aff = NULL;
  g_autofree char *dic = NULL;
  return lang != NULL && dict_paths (lang, dict_dir, &aff, &dic);
}

/*
** The Hunspell dictionaries of the process, loaded once each: loading one
** takes tens of milliseconds (en_US) to a quarter of a second (ru_RU),
** far more than analysing a short text, and every QA run, term extraction
** and PDF reader asks for them again. Each has its own lock, so analysers
** on several threads share it. They are freed at exit, so that leak
** checkers see nothing left; a dictionary file changed while the process
** runs is not read again.
*/
G_LOCK_DEFINE_STATIC (dicts);
static GHashTable *dicts;       /* "AFF\nDIC" -> Dict (owned) */

static void
dict_free (Dict *d)
{
  Hunspell_destroy (d->h);
  g_mutex_clear (&d->lock);
  g_hash_table_unref (d->verdicts);
  g_free (d->encoding);
  g_free (d);
}

static void
dicts_free (void)
{
  G_LOCK (dicts);
  g_clear_pointer (&dicts, g_hash_table_unref);
  G_UNLOCK (dicts);
}

/* The dictionary of files @aff and @dic, loaded on first use; NULL if Hunspell cannot. (transfer none) */
static Dict *
dict_get (const char *aff, const char *dic)
{
  g_autofree char *key = g_strconcat (aff, "\n", dic, NULL);
  G_LOCK (dicts);
  if (dicts == NULL)
    {
      dicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) dict_free);
      atexit (dicts_free);
    }
  Dict *d = g_hash_table_lookup (dicts, key);
  if (d == NULL)
    {
      Hunhandle *h = Hunspell_create (aff, dic);
      if (h != NULL)
        {
          d = g_new0 (Dict, 1);
          d->h = h;
          g_mutex_init (&d->lock);
          d->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          const char *enc = Hunspell_get_dic_encoding (h);
          d->encoding = g_strdup (enc != NULL ? enc : "ISO8859-1");
          g_hash_table_insert (dicts, g_steal_pointer (&key), d);
        }
    }
  G_UNLOCK (dicts);
  return d;
}

/**
 * bitext_term_morph_new:
 * @lang: a language ("ru", "en", "en-GB")
 * @dict_dir: (nullable): the folder of LL_CC.aff and LL_CC.dic; %NULL for
 *   /usr/share/hunspell
 *
 * Returns: (transfer full) (nullable): the analyser, or %NULL when there is
 *   no dictionary for @lang (dictionary forms are then left as seen)
 */
BitextTermMorph *
bitext_term_morph_new (const char *lang, const char *dict_dir)
{
  g_return_val_if_fail (lang != NULL, NULL);
  g_autofree char *aff = NULL;
  g_autofree char *dic = NULL;
  if (!dict_paths (lang, dict_dir, &aff, &dic))
    return NULL;
  Dict *d = dict_get (aff, dic);
  if (d == NULL)
    return NULL;
  BitextTermMorph *m = g_new0 (BitextTermMorph, 1);
  m->dict = d;
  m->utf8 = g_ascii_strcasecmp (d->encoding, "UTF-8") == 0;
  m->russian = g_ascii_strncasecmp (lang, "ru", 2) == 0;
  m->english = g_ascii_strncasecmp (lang, "en", 2) == 0;
  m->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->tails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  return m;
}

void
bitext_term_morph_free (BitextTermMorph *morph)
{
  if (morph == NULL)
    return;
  g_hash_table_destroy (morph->known);
  g_hash_table_destroy (morph->tails);
  g_hash_table_destroy (morph->stems);
  g_free (morph);       /* its dictionary stays loaded for the next (dict_get) */
}

/* UTF-8 to the dictionary's encoding; NULL when the word has no form there (KOI8-R has no Latin ß). */
static char *
to_dict (const BitextTermMorph *m, const char *word)
{
  if (m->utf8)
    return g_strdup (word);
  return g_convert (word, -1, m->dict->encoding, "UTF-8", NULL, NULL, NULL);
}

static char *
from_dict (const BitextTermMorph *m, const char *word)
{
  if (m->utf8)
    return g_utf8_validate (word, -1, NULL) ? g_strdup (word) : NULL;
  return g_convert (word, -1, "UTF-8", m->dict->encoding, NULL, NULL, NULL);
}

/* Room for one more word in @memo. The memos are the analyser's own: one thread at a time uses an
   analyser (only its dictionary is shared between analysers, under the dictionary's lock). */
static void
memo_make_room (GHashTable *memo)
{
  if (g_hash_table_size (memo) >= MEMO_MAX_WORDS)
    g_hash_table_remove_all (memo);
}

/*
** Whether Hunspell knows @word. The verdicts are kept with the dictionary,
** for every analyser of the process: a QA run makes new analysers (and new
** memos) each time, and Hunspell's check of one word (tens of microseconds)
** costs more than the rest of a short run; the review server re-checks the
** same text after each edit. Bounded as the memos are (memo_make_room).
*/
static gboolean
spell_shared (const BitextTermMorph *m, const char *word)
{
  Dict *d = m->dict;
  gpointer v;
  g_mutex_lock (&d->lock);
  gboolean known;
  if (g_hash_table_lookup_extended (d->verdicts, word, NULL, &v))
    known = GPOINTER_TO_INT (v);
  else
    {
      g_autofree char *w = to_dict (m, word);
      known = w != NULL && Hunspell_spell (d->h, w) != 0;
      memo_make_room (d->verdicts);
      g_hash_table_insert (d->verdicts, g_strdup (word), GINT_TO_POINTER (known));
    }
  g_mutex_unlock (&d->lock);
  return known;
}

static gboolean
spell_whole (const BitextTermMorph *m, const char *word)
{
  gpointer v;
  if (g_hash_table_lookup_extended (m->known, word, NULL, &v))
    return GPOINTER_TO_INT (v);
  gboolean known = spell_shared (m, word);
  memo_make_room (m->known);
  g_hash_table_insert (m->known, g_strdup (word), GINT_TO_POINTER (known));
  return known;
}

/*
** The byte offset of the last element of a compound the dictionary lacks
** («евро|атлантического», «противо|ракетной»): the longest tail of at least
** five letters after a prefix of at least two that Hunspell knows; 0 if
** none. A Russian compound inflects on its last element only, so the
** tail's analysis is the compound's.
*/
static gsize
compound_tail (const BitextTermMorph *m, const char *word)
{
  if (!m->russian || g_utf8_strlen (word, -1) < 7)
    return 0;
  gpointer v = g_hash_table_lookup (m->tails, word);
  if (v != NULL)
    return GPOINTER_TO_SIZE (v) - 1;
  gsize tail = 0;
  const char *p = g_utf8_next_char (g_utf8_next_char (word));
  for (; g_utf8_strlen (p, -1) >= 5; p = g_utf8_next_char (p))
    if (spell_shared (m, p))   /* the tails are not in m->known: not words of the text */
      {
        tail = (gsize) (p - word);
        break;
      }
  memo_make_room (m->tails);
  g_hash_table_insert (m->tails, g_strdup (word), GSIZE_TO_POINTER (tail + 1));
  return tail;
}

static gboolean
spell (const BitextTermMorph *m, const char *word)
{
  return spell_whole (m, word) || compound_tail (m, word) > 0;
}

static void
add_stems (const BitextTermMorph *m, const char *prefix, const char *word, GPtrArray *out)
{
  g_autofree char *w = to_dict (m, word);
  if (w == NULL)
    return;
  char **list = NULL;
  g_mutex_lock (&m->dict->lock);
  int n = Hunspell_stem (m->dict->h, &list, w);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *l = from_dict (m, list[i]);
      if (l != NULL)
        g_ptr_array_add (out, g_strconcat (prefix, l, NULL));
    }
  if (n > 0)
    Hunspell_free_list (m->dict->h, &list, n);
  g_mutex_unlock (&m->dict->lock);
}

/*
** The dictionary entries of @word, UTF-8, lower case as in the dictionary;
** for a compound the dictionary lacks, its prefix + the entries of its
** last element. (transfer full; the caller must not change it: it is the
** memo's too)
*/
static GPtrArray *
lemmas (const BitextTermMorph *m, const char *word)
{
  GPtrArray *out = g_hash_table_lookup (m->stems, word);
  if (out != NULL)
    return g_ptr_array_ref (out);
  out = g_ptr_array_new_with_free_func (g_free);
  add_stems (m, "", word, out);
  gsize tail = out->len == 0 ? compound_tail (m, word) : 0;
  if (tail > 0)
    {
      g_autofree char *prefix = g_strndup (word, tail);
      add_stems (m, prefix, word + tail, out);
    }
  memo_make_room (m->stems);
  g_hash_table_insert (m->stems, g_strdup (word), g_ptr_array_ref (out));
  return out;
}

static gboolean
ends_with (const char *s, const char *suffix)
{
  return g_str_has_suffix (s, suffix);
}

/* The byte length of @s without its last @n characters. */
static gsize
cut (const char *s, guint n)
{
  const char *p = s + strlen (s);
  while (n-- > 0 && p > s)
    p = g_utf8_prev_char (p);
  return (gsize) (p - s);
}

/* The last character of @s before its last @skip characters. */
static gunichar
last_char (const char *s, guint skip)
{
  gsize n = cut (s, skip);
  return n == 0 ? 0 : g_utf8_get_char (g_utf8_prev_char (s + n));
}

static gboolean
is_velar (gunichar c)
{
  return c == 0x0433 || c == 0x043A || c == 0x0445;          /* г к х */
}

static gboolean
is_sibilant (gunichar c)
{
  return c == 0x0436 || c == 0x0448 || c == 0x0447 || c == 0x0449 || c == 0x0446; /* ж ш ч щ ц */
}

/*
** The form of the adjective entry @lemma (masculine nominative singular)
** agreeing with a head of @gender, or the plural: "противоракетный" +
** FEM -> "противоракетная". Endings by the standard declension; the first
** form Hunspell accepts wins. (transfer full) (nullable)
*/
static char *
adjective_form (const BitextTermMorph *m, const char *lemma, Gender gender, gboolean plural)
{
  if (gender == MASC && !plural)
    return g_strdup (lemma);
  gunichar before = last_char (lemma, 2);
  const char *soft = ends_with (lemma, "ий") && !is_velar (before) && !is_sibilant (before)
                         ? "soft" : NULL;
  const char *endings[3];
  if (plural)
    endings[0] = is_velar (before) || is_sibilant (before) || soft ? "ие" : "ые", endings[1] = "ые",
    endings[2] = "ие";
  else if (gender == FEM)
    endings[0] = soft ? "яя" : "ая", endings[1] = "ая", endings[2] = "яя";
  else
    endings[0] = soft || (is_sibilant (before) && ends_with (lemma, "ий")) ? "ее" : "ое",
    endings[1] = "ое", endings[2] = "ее";
  g_autofree char *stem = g_strndup (lemma, cut (lemma, 2));
  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      char *form = g_strconcat (stem, endings[i], NULL);
      if (spell (m, form))
        return form;
      g_free (form);
    }
  return NULL;
}

static gboolean
is_adjective_lemma (const BitextTermMorph *m, const char *lemma)
{
  if (!ends_with (lemma, "ый") && !ends_with (lemma, "ий") && !ends_with (lemma, "ой"))
    return FALSE;
  g_autofree char *fem = adjective_form (m, lemma, FEM, FALSE);
  return fem != NULL;
}

/* The gender of a noun entry, from its ending; -ь nouns are feminine when the -ью form exists. */
static Gender
noun_gender (const BitextTermMorph *m, const char *lemma)
{
  if (ends_with (lemma, "а") || ends_with (lemma, "я"))
    return ends_with (lemma, "мя") ? NEUT : FEM;
  if (ends_with (lemma, "о") || ends_with (lemma, "е") || ends_with (lemma, "ё"))
    return NEUT;
  if (ends_with (lemma, "ь"))
    {
      g_autofree char *stem = g_strndup (lemma, cut (lemma, 1));
      g_autofree char *instr = g_strconcat (stem, "ью", NULL);
      return spell (m, instr) ? FEM : MASC;
    }
  return MASC;
}

/* The nominative plural of a noun entry; (transfer full), the entry itself if none is accepted. */
static char *
noun_plural (const BitextTermMorph *m, const char *lemma)
{
  gunichar last = last_char (lemma, 0);
  gboolean vowel_end = (ends_with (lemma, "а") || ends_with (lemma, "я") || ends_with (lemma, "о") || ends_with (lemma, "е")
                      || ends_with (lemma, "ь") || ends_with (lemma, "й"));
  g_autofree char *stem = g_strndup (lemma, vowel_end ? cut (lemma, 1) : strlen (lemma));
  gunichar before = vowel_end ? last_char (lemma, 1) : last;
  const char *endings[3] = { "ы", "и", "а" };
  if (ends_with (lemma, "о"))
    endings[0] = "а";
  else if (ends_with (lemma, "е"))
    endings[0] = "я";
  else if (ends_with (lemma, "я") || ends_with (lemma, "ь") || ends_with (lemma, "й")
           || is_velar (before) || is_sibilant (before))
    endings[0] = "и";
  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      char *form = g_strconcat (stem, endings[i], NULL);
      if (spell (m, form))
        return form;
      g_free (form);
    }
  return g_strdup (lemma);
}

/* Write @lemma with the capitalisation of @seen: all capitals, first capital, or as it is. */
static char *
with_case_of (const char *lemma, const char *seen)
{
  gunichar c = g_utf8_get_char (seen);
  if (!g_unichar_isupper (c))
    return g_strdup (lemma);
  GString *s = g_string_new (NULL);
  g_string_append_unichar (s, g_unichar_toupper (g_utf8_get_char (lemma)));
  g_string_append (s, g_utf8_next_char (lemma));
  return g_string_free (s, FALSE);
}

typedef struct
{
  char *word;               /* as written */
  char *noun;               /* noun entry, or NULL */
  char *adj;                /* adjective entry, or NULL */
  char *noun2;              /* another noun entry, or NULL: «компонента» is a form of
                               «компонент» and «компонента» */
} Word;

static void
word_clear (Word *w)
{
  g_free (w->word);
  g_free (w->noun);
  g_free (w->adj);
  g_free (w->noun2);
}

static void
words_free (Word *w, guint n)
{
  for (guint i = 0; i < n; i++)
    word_clear (&w[i]);
  g_free (w);
}

static gboolean
is_capitals (const char *w)
{
  guint upper = 0;
  for (const char *p = w; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_islower (c))
        return FALSE;
      upper += g_unichar_isupper (c);
    }
  return upper >= 2;
}

static void
analyse (const BitextTermMorph *m, Word *w)
{
  if (is_capitals (w->word) || strpbrk (w->word, "-\xe2") != NULL)
    return;
  g_autoptr(GPtrArray) ls = lemmas (m, w->word);
  if (ls->len == 0)
    {
      g_autofree char *lower = g_utf8_strdown (w->word, -1);
      g_ptr_array_unref (ls);
      ls = lemmas (m, lower);
    }
  for (guint i = 0; i < ls->len; i++)
    {
      const char *l = ls->pdata[i];
      if (w->adj == NULL && is_adjective_lemma (m, l))
        w->adj = g_strdup (l);
      else if (w->noun == NULL && !is_adjective_lemma (m, l))
        w->noun = g_strdup (l);
      else if (w->noun2 == NULL && w->noun != NULL && strcmp (l, w->noun) != 0
               && !is_adjective_lemma (m, l))
        w->noun2 = g_strdup (l);
    }
}

/* Gender and number a Russian adjective form can show, as a mask of these bits. */
enum
{
  AGR_MASC = 1 << MASC,
  AGR_FEM = 1 << FEM,
  AGR_NEUT = 1 << NEUT,
  AGR_PL = 1 << 3,
};

/*
** What the ending of adjective form @form (entry @lemma) says of the noun
** it agrees with, by the standard declension: «-ой» is feminine (oblique)
** or, for an entry in «-ой», masculine; «-ого» masculine or neuter; «-ых»
** plural; «-ым» any of these. 0 when the ending says nothing.
*/
static guint
adjective_agreement (const char *form, const char *lemma)
{
  static const struct
  {
    const char *ending;
    guint mask;
  } endings[] = {
    { "ыми", AGR_PL }, { "ими", AGR_PL },
    { "ого", AGR_MASC | AGR_NEUT }, { "его", AGR_MASC | AGR_NEUT },
    { "ому", AGR_MASC | AGR_NEUT }, { "ему", AGR_MASC | AGR_NEUT },
    { "ая", AGR_FEM }, { "яя", AGR_FEM }, { "ую", AGR_FEM }, { "юю", AGR_FEM }, { "ей", AGR_FEM },
    { "ое", AGR_NEUT }, { "ее", AGR_NEUT },
    { "ые", AGR_PL }, { "ие", AGR_PL }, { "ых", AGR_PL }, { "их", AGR_PL },
    { "ым", AGR_MASC | AGR_NEUT | AGR_PL }, { "им", AGR_MASC | AGR_NEUT | AGR_PL },
    { "ом", AGR_MASC | AGR_NEUT }, { "ем", AGR_MASC | AGR_NEUT },
    { "ый", AGR_MASC }, { "ий", AGR_MASC },
  };
  if (ends_with (form, "ой"))
    return AGR_FEM | (ends_with (lemma, "ой") ? AGR_MASC : 0);
  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    if (ends_with (form, endings[i].ending))
      return endings[i].mask;
  return 0;
}

static int noun_number (const char *form, const char *lemma);

/*
** Whether adjective @a can agree with the noun @n that follows it: the
** genders and numbers its ending allows meet the noun's (its entry's
** gender, its number when the form shows it). «переменной окружения» does
** not agree (feminine before a neuter noun): «переменной» is an adjective
** used as a noun, the head, and «окружения» its complement.
*/
static gboolean
agrees (const BitextTermMorph *m, const Word *a, const Word *n)
{
  guint adj = adjective_agreement (a->word, a->adj);
  if (adj == 0)
    return TRUE;
  g_autofree char *lower = g_utf8_strdown (n->word, -1);
  guint gender = 1u << noun_gender (m, n->noun);
  int number = noun_number (lower, n->noun);
  guint noun = number == 2 ? AGR_PL : number == 1 ? gender : gender | AGR_PL;
  return (adj & noun) != 0;
}

/*
** The dictionary form of an adjective used as a noun («данных» ->
** «данные», «переменной» -> «переменная»): the nominative of the gender
** and number its ending shows; masculine singular when it shows several.
** (transfer full)
*/
static char *
substantive_form (const BitextTermMorph *m, const Word *w, Gender *gender, gboolean *plural)
{
  guint mask = adjective_agreement (w->word, w->adj);
  *gender = mask == AGR_FEM ? FEM : mask == AGR_NEUT ? NEUT : MASC;
  *plural = *plural || mask == AGR_PL;
  char *form = adjective_form (m, w->adj, *gender, *plural);
  return form != NULL ? form : g_strdup (w->adj);
}

/* A hyphenated word («ракет-перехватчиков»): each part to its noun entry. */
static char *
hyphenated_nominative (const BitextTermMorph *m, const char *word)
{
  GString *out = g_string_new (NULL);
  const char *part = word;
  for (const char *p = word;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c != 0 && c != '-' && c != 0x2010 && c != 0x2011 && c != 0x2013)
        continue;
      Word w = { .word = g_strndup (part, (gsize) (p - part)) };
      analyse (m, &w);
      const char *l = w.noun != NULL ? w.noun : w.adj;
      g_autofree char *cased = l != NULL ? with_case_of (l, w.word) : g_strdup (w.word);
      g_string_append (out, cased);
      word_clear (&w);
      if (c == 0)
        break;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      part = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/*
** The Russian glossary form of @phrase: leading adjectives and the head
** noun (the first noun after them) go to the nominative, the adjectives
** agreeing with the head's gender and number; words after the head are
** complements (genitives, prepositional phrases) and stay as seen.
** A phrase that does not start that way is returned as it is. With @alt,
** the head takes its other noun entry (Word.noun2); NULL when it has none.
*/
static char *
russian_form (const BitextTermMorph *m, const char *phrase, gboolean plural, gboolean alt)
{
  g_auto(GStrv) words = g_strsplit (phrase, " ", -1);
  guint n = g_strv_length (words);
  Word *w = g_new0 (Word, n);
  for (guint i = 0; i < n; i++)
    {
      w[i].word = g_strdup (words[i]);
      analyse (m, &w[i]);
    }
  /* The head: the first word with a noun entry, all words before it adjectives;
     or an adjective used as a noun: one that does not agree with the noun after
     it, or the last of a phrase of adjectives. */
  guint head = 0;
  gboolean substantive = FALSE;
  while (head < n && w[head].adj != NULL && !(w[head].noun != NULL && head + 1 == n)
         && !(w[head].noun != NULL && w[head + 1].adj == NULL && w[head + 1].noun == NULL))
    {
      if (head + 1 < n && w[head + 1].noun != NULL && w[head + 1].adj == NULL
          && !agrees (m, &w[head], &w[head + 1]))
        {
          substantive = TRUE;
          break;
        }
      head++;
    }
  if (head == n && n > 0 && w[n - 1].adj != NULL)
    head = n - 1, substantive = TRUE;
  gboolean head_ok = head < n && (substantive || w[head].noun != NULL
                                  || strpbrk (w[head].word, "-\xe2") != NULL);
  if (alt && (!head_ok || substantive || w[head].noun2 == NULL))
    {
      words_free (w, n);
      return NULL;
    }
  if (alt)
    {
      g_free (w[head].noun);
      w[head].noun = g_steal_pointer (&w[head].noun2);
    }
  GString *out = g_string_new (NULL);
  Gender gender = MASC;
  char *head_form = NULL;
  if (substantive)
    head_form = substantive_form (m, &w[head], &gender, &plural);
  else if (head_ok && w[head].noun != NULL)
    {
      gender = noun_gender (m, w[head].noun);
      head_form = plural ? noun_plural (m, w[head].noun) : g_strdup (w[head].noun);
    }
  else if (head_ok)
    {
      head_form = hyphenated_nominative (m, w[head].word);
      Word first = { .word = g_strndup (w[head].word, strcspn (w[head].word, "-\xe2")) };
      analyse (m, &first);
      if (first.noun != NULL)
        gender = noun_gender (m, first.noun);
      word_clear (&first);
    }
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      g_autofree char *form = NULL;
      if (head_ok && i < head)
        form = adjective_form (m, w[i].adj, gender, plural);
      else if (head_ok && i == head)
        form = g_strdup (head_form);
      if (form != NULL && strchr (form, '-') == NULL)
        {
          g_autofree char *cased = with_case_of (form, w[i].word);
          g_string_append (out, cased);
        }
      else
        g_string_append (out, form != NULL ? form : w[i].word);
    }
  g_free (head_form);
  words_free (w, n);
  return g_string_free (out, FALSE);
}

/*
** The English glossary form: the last word, the head of an English noun
** phrase, in the singular when it is written in lower case and Hunspell
** gives it an entry that is the word without its plural ending.
*/
static char *
english_form (const BitextTermMorph *m, const char *phrase)
{
  const char *space = strrchr (phrase, ' ');
  const char *last = space != NULL ? space + 1 : phrase;
  if (!g_ascii_islower (*last) || !ends_with (last, "s") || ends_with (last, "ss"))
    return g_strdup (phrase);
  g_autoptr(GPtrArray) ls = lemmas (m, last);
  gsize n = strlen (last);
  for (guint i = 0; i < ls->len; i++)
    {
      const char *l = ls->pdata[i];
      gsize ln = strlen (l);
      gboolean plural_of = (ln + 1 == n || ln + 2 == n) && strncmp (l, last, ln) == 0;
      plural_of |= ends_with (l, "y") && ln + 2 == n && ends_with (last, "ies")
                   && strncmp (l, last, ln - 1) == 0;
      if (plural_of)
        return g_strdup_printf ("%.*s%s", (int) (last - phrase), phrase, l);
    }
  /* en_US lists some -ies plurals as entries of their own (capabilities): try the -y word. */
  if (ends_with (last, "ies") && n > 4)
    {
      g_autofree char *y = g_strdup_printf ("%.*sy", (int) (n - 3), last);
      if (spell (m, y))
        return g_strdup_printf ("%.*s%s", (int) (last - phrase), phrase, y);
    }
  return g_strdup (phrase);
}

/* Whether a Russian dictionary entry is a verb: its infinitive ending (-ть, -ти, -чь, reflexive -ся). */
static gboolean
is_verb_lemma (const char *lemma)
{
  static const char *const endings[] = { "ти", "чь", "ться", "тись", "чься" };
  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    if (ends_with (lemma, endings[i]))
      return TRUE;
  /* -ть after a vowel (читать, видеть); -ость, -есть are nouns (стабильность) */
  if (!ends_with (lemma, "ть") || g_utf8_strlen (lemma, -1) < 3)
    return FALSE;
  gunichar v = g_utf8_get_char (g_utf8_offset_to_pointer (lemma, g_utf8_strlen (lemma, -1) - 3));
  return g_utf8_strchr ("аеёиоуыэюя", -1, v) != NULL;
}

/*
** Whether a Russian word form has an ending of an adjective or of a verb
** (infinitive, present or past). ru_RU entries also stand for derivations
** («стабильность» has the entry «стабильный»), so an entry alone does not
** tell the part of speech of the form.
*/
static gboolean
looks_inflected_non_noun (const char *w)
{
  static const char *const endings[] = {
    "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
    "ую", "юю", "ых", "их", "ыми", "ими", "ти", "чь", "ся", "ет", "ют", "ит", "ят", "ал", "ил",
  };
  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    if (ends_with (w, endings[i]))
      return TRUE;
  return is_verb_lemma (w);
}

/* Whether the last word of English @phrase is a verb's -ing or -ed form (see below). */
static gboolean
is_english_verb_form (const BitextTermMorph *m, const char *phrase)
{
  const char *space = strrchr (phrase, ' ');
  const char *last = space != NULL ? space + 1 : phrase;
  if (!g_ascii_islower (*last) || !(ends_with (last, "ing") || ends_with (last, "ed")))
    return FALSE;
  g_autoptr(GPtrArray) ls = lemmas (m, last);
  for (guint i = 0; i < ls->len; i++)
    if (strcmp (ls->pdata[i], last) == 0)
      return FALSE;
  return ls->len > 0;
}

/*
** Whether @phrase can be a noun phrase: some word of it has a dictionary
** entry that is neither a verb nor an adjective, or none Hunspell knows
** (names, acronyms, compounds). Term candidates are noun phrases (Justeson
** & Katz 1995); «найти», «российских» are not. In English the head is the
** last word, and it is no noun when it is an -ing or -ed form whose only
** dictionary entries are another word, its verb ("protecting" -> protect;
** "briefing" and "planning" have entries of their own). TRUE for other
** languages.
*/
gboolean
bitext_terms__morph_has_noun (BitextTermMorph *m, const char *phrase)
{
  if (m != NULL && m->english)
    return !is_english_verb_form (m, phrase);
  if (m == NULL || !m->russian)
    return TRUE;
  g_auto(GStrv) words = g_strsplit (phrase, " ", -1);
  for (char **w = words; *w != NULL; w++)
    {
      if (is_capitals (*w) || strpbrk (*w, "-\xe2") != NULL)
        return TRUE;
      g_autofree char *lower = g_utf8_strdown (*w, -1);
      g_autoptr(GPtrArray) ls = lemmas (m, lower);
      if (ls->len == 0 || !looks_inflected_non_noun (lower))
        return TRUE;
      for (guint i = 0; i < ls->len; i++)
        if (!is_verb_lemma (ls->pdata[i]) && !is_adjective_lemma (m, ls->pdata[i]))
          return TRUE;
    }
  return FALSE;
}

/*
** Whether Russian @word (lower case) is a form of an adjective or a
** participle only: every dictionary entry of it is an adjective's
** («российских» -> российский, «успешное» -> успешный). A gerund
** («нажимая») or a noun that shares the ending («установки», «значение») is
** not. Such a word before a noun agrees with it: the noun is a word of the
** sentence. FALSE for other languages and for words Hunspell does not know.
*/
gboolean
bitext_terms__morph_is_adjective (BitextTermMorph *m, const char *word)
{
  if (m == NULL || !m->russian || !looks_inflected_non_noun (word))
    return FALSE;
  g_autoptr(GPtrArray) ls = lemmas (m, word);
  for (guint i = 0; i < ls->len; i++)
    if (!is_adjective_lemma (m, ls->pdata[i]))
      return FALSE;
  return ls->len > 0;
}

/*
** Whether the words @a and @b (lower case) are one word up to inflection:
** equal, or with a dictionary entry in common ("installed" and "installs":
** install; «конца» and «конец»: конец). 1 when they are, 0 when both have
** entries and none is shared ("installed" install, "installation"
** installation: two words of one root), -1 when the dictionary knows
** neither or only one of them (the caller falls back to its stems).
*/
int
bitext_terms__morph_same_word (BitextTermMorph *m, const char *a, const char *b)
{
  if (strcmp (a, b) == 0)
    return 1;
  if (m == NULL)
    return -1;
  g_autoptr(GPtrArray) la = lemmas (m, a);
  g_autoptr(GPtrArray) lb = lemmas (m, b);
  if (la->len == 0 || lb->len == 0)
    return -1;
  for (guint i = 0; i < la->len; i++)
    for (guint j = 0; j < lb->len; j++)
      if (strcmp (la->pdata[i], lb->pdata[j]) == 0)
        return 1;
  return 0;
}

/*
** Whether every dictionary entry of Russian @word (lower case, any form) is
** an adjective's or a participle's («последней» -> последний,
** «системного» -> системный). Unlike bitext_terms__morph_is_adjective this
** reads the entries only, not the form's ending: the oblique -ей, -ой of
** adjectives are nouns' endings too, and the entries tell them apart
** («линией» -> линия). FALSE for other languages and unknown words.
*/
gboolean
bitext_terms__morph_is_adjective_entry (BitextTermMorph *m, const char *word)
{
  if (m == NULL || !m->russian)
    return FALSE;
  g_autoptr(GPtrArray) ls = lemmas (m, word);
  for (guint i = 0; i < ls->len; i++)
    if (!is_adjective_lemma (m, ls->pdata[i]))
      return FALSE;
  return ls->len > 0;
}

/**
 * bitext_term_morph_dup_lemma:
 * @morph: an analyser
 * @phrase: a term as seen, words separated by single spaces
 * @plural: whether the term is plural only (Russian: «силы сдерживания»)
 *
 * Returns: (transfer full): @phrase in the form a glossary writes it: in
 *   Russian the head noun and its adjectives in the nominative
 *   («противоракетной обороны» -> «противоракетная оборона»), in English the
 *   head in the singular; other languages as given
 */
char *
bitext_term_morph_dup_lemma (BitextTermMorph *morph, const char *phrase, gboolean plural)
{
  g_return_val_if_fail (morph != NULL && phrase != NULL, NULL);
  if (morph->russian)
    return russian_form (morph, phrase, plural, FALSE);
  if (morph->english)
    return english_form (morph, phrase);
  return g_strdup (phrase);
}

/*
** Whether Hunspell accepts @word (UTF-8) as written. With @compounds, a
** Russian compound the dictionary lacks passes when its last element does
** (see compound_tail) and its first part is a word of its own too: the
** spelling check's test, stricter than the dictionary-form builder's,
** which must not pass a misspelt prefix («пративоракетный»). An analyser
** is not thread-safe (its memos): one caller at a time per @morph.
*/
gboolean
bitext_terms__morph_spell (BitextTermMorph *morph, const char *word, gboolean compounds)
{
  g_return_val_if_fail (morph != NULL && word != NULL, FALSE);
  if (spell_whole (morph, word))
    return TRUE;
  gsize tail = compounds ? compound_tail (morph, word) : 0;
  if (tail == 0)
    return FALSE;
  g_autofree char *head = g_strndup (word, tail);
  return spell_whole (morph, head);
}

/* Number of a noun form, from its ending against its entry: 1 singular, 2 plural, 0 either. */
static int
noun_number (const char *form, const char *lemma)
{
  if (strcmp (form, lemma) == 0)
    return 1;
  static const char *const plural_endings[] = { "ам", "ям", "ами", "ями", "ах", "ях", NULL };
  for (const char *const *e = plural_endings; *e != NULL; e++)
    if (ends_with (form, *e))
      return 2;
  gsize stem = cut (lemma, 1);
  gboolean vowel = ends_with (lemma, "а") || ends_with (lemma, "о");
  if (vowel && strlen (form) == stem && strncmp (form, lemma, stem) == 0)
    return 2;                                   /* ракет, сил: genitive plural */
  if (!vowel && !ends_with (lemma, "я") && !ends_with (lemma, "е")
      && (ends_with (form, "ов") || ends_with (form, "ев")))
    return 2;
  if (ends_with (form, "ом") || ends_with (form, "ой") || ends_with (form, "ою")
      || ends_with (form, "ею") || ((ends_with (lemma, "а") || ends_with (lemma, "я"))
                                    && (ends_with (form, "у") || ends_with (form, "ю"))))
    return 1;
  return 0;
}

/*
** Whether the head noun of a Russian phrase is plural in every form seen
** that shows its number, and in one at least («сил», «силами», «силы»): the
** glossary then keeps the plural. @forms: form as written -> count.
*/
gboolean
bitext_terms__morph_is_plural_only (BitextTermMorph *morph, GHashTable *forms)
{
  if (morph == NULL || !morph->russian)
    return FALSE;
  guint singular = 0, plural = 0;
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, forms);
  while (g_hash_table_iter_next (&it, &k, NULL))
    {
      g_auto(GStrv) words = g_strsplit (k, " ", -1);
      guint n = g_strv_length (words);
      Word *w = g_new0 (Word, n);
      for (guint i = 0; i < n; i++)
        {
          w[i].word = g_utf8_strdown (words[i], -1);
          analyse (morph, &w[i]);
        }
      guint head = 0;
      while (head < n && w[head].adj != NULL && w[head].noun == NULL)
        head++;
      if (head < n && w[head].noun != NULL)
        {
          int num = noun_number (w[head].word, w[head].noun);
          singular += num == 1;
          plural += num == 2;
        }
      for (guint i = 0; i < n; i++)
        word_clear (&w[i]);
      g_free (w);
    }
  return plural > 0 && singular == 0;
}

static int
compare_by_count (gconstpointer pa, gconstpointer pb, gpointer forms)
{
  const char *a = *(const char *const *) pa, *b = *(const char *const *) pb;
  guint na = GPOINTER_TO_UINT (g_hash_table_lookup (forms, a));
  guint nb = GPOINTER_TO_UINT (g_hash_table_lookup (forms, b));
  return na != nb ? (na > nb ? -1 : 1) : strcmp (a, b);
}

/*
** The dictionary form of a phrase seen in @forms (form -> count): each form
** is reduced by bitext_term_morph_dup_lemma, and the reduction that most
** occurrences are compatible with wins (ties: the one of the more frequent
** form). One form alone may be misread (Hunspell gives «пикселах» the entry
** «пиксела»), the forms together rarely are («пикселях», «пикселей»,
** «пикселя» give «пиксель»). A Russian form whose head has two noun
** entries votes for both («компонента»: «компонент» and «компонента»), so
** the entry that the unambiguous forms («компонентов», «компонентом»)
** show wins. Forms are taken most frequent first and the count stops once
** the rest cannot change the winner. (transfer full)
*/
char *
bitext_terms__dictionary_form (BitextTermMorph *morph, GHashTable *forms, gboolean plural)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init (&it, forms);
  while (g_hash_table_iter_next (&it, &k, NULL))
    g_ptr_array_add (order, k);
  if (order->len == 0)
    return g_strdup ("");
  g_ptr_array_sort_with_data (order, compare_by_count, forms);
  if (morph == NULL)
    return g_strdup (order->pdata[0]);
  guint remaining = 0;
  for (guint i = 0; i < order->len; i++)
    remaining += GPOINTER_TO_UINT (g_hash_table_lookup (forms, order->pdata[i]));
  g_autoptr(GHashTable) votes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);   /* readings, first seen first */
  guint best = 0, best_n = 0, second_n = 0;
  for (guint i = 0; i < order->len && (seen->len == 0 || best_n < second_n + remaining); i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (forms, order->pdata[i]));
      remaining -= n;
      char *readings[2] = { bitext_term_morph_dup_lemma (morph, order->pdata[i], plural),
                            morph->russian ? russian_form (morph, order->pdata[i], plural, TRUE) : NULL };
      if (readings[1] != NULL && strcmp (readings[0], readings[1]) == 0)
        g_clear_pointer (&readings[1], g_free);
      for (guint r = 0; r < 2 && readings[r] != NULL; r++)
        {
          char *key = NULL;
          gpointer count = NULL;
          if (!g_hash_table_lookup_extended (votes, readings[r], (gpointer *) &key, &count))
            g_ptr_array_add (seen, key = g_strdup (readings[r]));
          g_hash_table_insert (votes, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + n));
          g_free (readings[r]);
        }
      /* Tallies in the order readings were first seen: a tie goes to the earlier one. */
      best_n = second_n = 0;
      for (guint k = 0; k < seen->len; k++)
        {
          guint v = GPOINTER_TO_UINT (g_hash_table_lookup (votes, seen->pdata[k]));
          if (v > best_n)
            second_n = best_n, best_n = v, best = k;
          else
            second_n = MAX (second_n, v);
        }
    }
  return g_strdup (seen->pdata[best]);
}

/*
** Whether Hunspell accepts @word (UTF-8) as written, without the analyser's
** memo: for words of no text, such as the spelling check's candidate
** corrections, which would only crowd the text's words out of it. They do
** go into the dictionary's verdicts (spell_shared): the same misspelling
** yields the same candidates in the next run.
*/
gboolean
bitext_terms__morph_spell_once (BitextTermMorph *morph, const char *word)
{
  g_return_val_if_fail (morph != NULL && word != NULL, FALSE);
  return spell_shared (morph, word);
}
