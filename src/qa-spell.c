/* bitext — the spelling check: the words of each side against the Hunspell dictionary of its language. */
#include <string.h>

#include <libstemmer.h>

#include "qa-private.h"
#include "terms-private.h"

#define ENABLED(ctx) (((ctx)->options->checks & (1u << BITEXT_CHECK_SPELLING)) != 0)

/*
** One language's dictionary, shared by the threads of a run. A Hunspell
** handle is not thread-safe, so calls go through the lock, as do the
** verdicts shared by the threads; each thread also keeps its own
** (QaSpellCache), so after the first units the lock is taken only for
** words the thread has not seen before.
*/
struct _QaSpeller
{
  BitextTermMorph *morph;
  GMutex lock;              /* over morph and verdicts */
  GHashTable *verdicts;     /* every thread's verdicts: word as written -> GINT_TO_POINTER */
  char *lang;
  QaScript script;          /* the language's script; words in another are not spell-checked */
  gboolean english;
  gboolean russian;         /* inflections the dictionary lacks are rebuilt (spell_inflected) */
};

struct _QaSpellCache
{
  GHashTable *verdicts[2];  /* by side: word as written -> GINT_TO_POINTER (VERDICT_*) */
  GHashTable *names;        /* "word<TAB>name" -> GINT_TO_POINTER (VERDICT_*): transliterates */
  GString *word;
};

enum { VERDICT_KNOWN = 1, VERDICT_UNKNOWN = 2 };

/* Words a thread remembers per side before it starts afresh: a text's vocabulary follows Zipf's
** law, so the words that come back are soon cached again (as the glossary's stem cache does). */
#define CACHE_MAX (1u << 20)


static QaSpeller *
speller_new (const char *lang)
{
  if (lang == NULL || !bitext_terms__morph_has_dict (lang, NULL))
    return NULL;
  BitextTermMorph *morph = bitext_term_morph_new (lang, NULL);
  if (morph == NULL)
    return NULL;
  QaSpeller *sp = g_new0 (QaSpeller, 1);
  sp->morph = morph;
  g_mutex_init (&sp->lock);
  sp->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sp->lang = g_strdup (lang);
  sp->script = bitext_qa__script_for_lang (lang);
  sp->english = g_ascii_strncasecmp (lang, "en", 2) == 0 && !g_ascii_isalpha (lang[2]);
  sp->russian = g_ascii_strncasecmp (lang, "ru", 2) == 0 && !g_ascii_isalpha (lang[2]);
  return sp;
}

static void
speller_free (QaSpeller *sp)
{
  if (sp == NULL)
    return;
  bitext_term_morph_free (sp->morph);
  g_mutex_clear (&sp->lock);
  g_hash_table_unref (sp->verdicts);
  g_free (sp->lang);
  g_free (sp);
}

/**
 * bitext_qa_can_spell:
 * @lang: (nullable): a language ("ru", "en", "en-GB")
 *
 * Whether the spelling check has a Hunspell dictionary for @lang (in
 * /usr/share/hunspell). Without one, the check leaves that side alone.
 *
 * Returns: %TRUE if the dictionary is installed
 */
gboolean
bitext_qa_can_spell (const char *lang)
{
  return lang != NULL && bitext_terms__morph_has_dict (lang, NULL);
}

/**
 * bitext_qa_dup_spelling_note:
 * @src_lang: (nullable): the source language of a run
 * @tgt_lang: (nullable): its target language
 *
 * What a report's summary says when the spelling check left a side
 * unchecked for want of a dictionary. A side whose language is %NULL is
 * not mentioned: the caller did not say what ran.
 *
 * Returns: (transfer full) (nullable): e.g. "spelling: the target (de) was
 *   not checked: no Hunspell dictionary", or %NULL when there is nothing to say
 */
char *
bitext_qa_dup_spelling_note (const char *src_lang, const char *tgt_lang)
{
  gboolean src = src_lang != NULL && !bitext_qa_can_spell (src_lang);
  gboolean tgt = tgt_lang != NULL && !bitext_qa_can_spell (tgt_lang);
  if (src && tgt)
    return g_strdup_printf ("spelling: neither side (%s, %s) was checked: no Hunspell dictionary",
                            src_lang, tgt_lang);
  if (src || tgt)
    return g_strdup_printf ("spelling: the %s (%s) was not checked: no Hunspell dictionary",
                            src ? "source" : "target", src ? src_lang : tgt_lang);
  return NULL;
}

void
bitext_qa__spell_clear (QaContext *ctx)
{
  g_clear_pointer (&ctx->speller[0], speller_free);
  g_clear_pointer (&ctx->speller[1], speller_free);
}

/* A thread's verdict cache, or NULL when no side is spell-checked. */
QaSpellCache *
bitext_qa__spell_cache_new (const QaContext *ctx)
{
  if (!ENABLED (ctx) || (ctx->speller[0] == NULL && ctx->speller[1] == NULL))
    return NULL;
  QaSpellCache *cache = g_new0 (QaSpellCache, 1);
  for (guint k = 0; k < 2; k++)
    cache->verdicts[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cache->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cache->word = g_string_new (NULL);
  return cache;
}

void
bitext_qa__spell_cache_free (QaSpellCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->verdicts[0]);
  g_hash_table_unref (cache->verdicts[1]);
  g_hash_table_unref (cache->names);
  g_string_free (cache->word, TRUE);
  g_free (cache);
}

/* @word with the two bytes at @at replaced by @letter (2 bytes: ё/е are both 2 bytes in UTF-8). */
static gboolean
spell_with (BitextTermMorph *m, const char *word, gsize at, const char *letter)
{
  g_autofree char *w = g_strdup (word);
  memcpy (w + at, letter, 2);
  return bitext_terms__morph_spell (m, w, FALSE);
}

/*
** Whether the dictionary knows @word, with ё and е read as one letter:
** Russian print writes ё mostly as е, and dictionaries hold one or the
** other. A ё is tried as е (all of them), an е as ё one at a time.
*/
static gboolean
spell_folded (BitextTermMorph *m, const char *word)
{
  if (bitext_terms__morph_spell (m, word, TRUE))
    return TRUE;
  if (strstr (word, "ё") != NULL || strstr (word, "Ё") != NULL)
    {
      g_autofree char *w = g_strdup (word);
      for (char *p = w; (p = strstr (p, "ё")) != NULL; p += 2)
        memcpy (p, "е", 2);
      for (char *p = w; (p = strstr (p, "Ё")) != NULL; p += 2)
        memcpy (p, "Е", 2);
      return bitext_terms__morph_spell (m, w, FALSE);
    }
  for (const char *p = word; (p = strstr (p, "е")) != NULL; p += 2)
    if (spell_with (m, word, (gsize) (p - word), "ё"))
      return TRUE;
  return FALSE;
}

/*
** Inflectional endings of Russian nouns, adjectives and verbs (the
** declension and conjugation tables of any Russian grammar), "" for the
** bare stem; and the endings of their dictionary forms (nominative
** singular, plural-only nouns, infinitive), which the dictionary holds
** for every word it holds.
*/
static const char *const russian_endings[] = {
  "", "а", "я", "о", "е", "ь", "ы", "и", "у", "ю", "й", "ой", "ей", "ий", "ый", "ая", "яя",
  "ое", "ее", "ые", "ие", "ом", "ем", "ам", "ям", "ах", "ях", "ов", "ев", "ую", "юю", "ами",
  "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ать", "ять", "ить", "еть", NULL
};
static const char *const russian_lemma_endings[] = {
  "", "а", "я", "о", "е", "ь", "й", "ы", "и", "ий", "ый", "ой", "ать", "ять", "ить", "еть", NULL
};

/* The fewest letters a stem must keep for spell_inflected to build forms on it. */
#define MIN_STEM_LETTERS 4

/*
** A Russian word form that the dictionary does not list although it lists
** the word (Debian's ru_RU lacks many plurals of abstract nouns:
** «озабоченностям», «партнерств»): the word less one of its possible
** endings, plus the ending of a dictionary form, is a word the dictionary
** knows. Only endings are swapped, never suffixes, so a misspelt root or
** suffix («аборона», «обязаность») gives none; a misspelt ending may pass,
** the price of those gaps. At most a few dozen lookups, for words the
** dictionary does not know only.
*/
static gboolean
spell_inflected (QaSpeller *sp, const char *word)
{
  if (!sp->russian)
    return FALSE;
  g_autofree char *folded = bitext_qa__fold (word, -1);
  gsize n = strlen (folded);
  for (const char *const *e = russian_endings; *e != NULL; e++)
    {
      gsize cut = strlen (*e);
      if (cut > n || strcmp (folded + n - cut, *e) != 0)
        continue;
      g_autofree char *stem = g_strndup (folded, n - cut);
      if (g_utf8_strlen (stem, -1) < MIN_STEM_LETTERS)
        continue;
      for (const char *const *f = russian_lemma_endings; *f != NULL; f++)
        {
          if (strcmp (*f, *e) == 0)
            continue;
          g_autofree char *form = g_strconcat (stem, *f, NULL);
          if (bitext_terms__morph_spell (sp->morph, form, FALSE))
            return TRUE;
        }
    }
  return FALSE;
}

/* An English word in British spelling (honoured, organisation): the American dictionary's form. */
static gboolean
spell_british (QaSpeller *sp, const char *word)
{
  if (!sp->english)
    return FALSE;
  g_autoptr(GString) w = g_string_new (NULL);
  bitext_qa__lower (word, strlen (word), w);
  gsize n = w->len;
  g_autofree char *before = g_strdup (w->str);
  bitext_qa__fold_spelling_en (w);
  return (w->len != n || strcmp (before, w->str) != 0)
         && bitext_terms__morph_spell (sp->morph, w->str, FALSE);
}

static void
remember (GHashTable *verdicts, const char *word, int verdict)
{
  if (g_hash_table_size (verdicts) >= CACHE_MAX)
    g_hash_table_remove_all (verdicts);
  g_hash_table_insert (verdicts, g_strdup (word), GINT_TO_POINTER (verdict));
}

/*
** The verdict on one word (cache->word): from the thread's cache without a
** lock, else from the dictionary's, shared by the threads, so that a word
** costs its lookups once per run (an unknown one costs dozens).
*/
static gboolean
knows (QaSpellCache *cache, QaSpeller *sp, guint side)
{
  const char *word = cache->word->str;
  int v = GPOINTER_TO_INT (g_hash_table_lookup (cache->verdicts[side], word));
  if (v != 0)
    return v == VERDICT_KNOWN;
  g_mutex_lock (&sp->lock);
  v = GPOINTER_TO_INT (g_hash_table_lookup (sp->verdicts, word));
  if (v == 0)
    {
      gboolean ok = spell_folded (sp->morph, word) || spell_british (sp, word)
                    || spell_inflected (sp, word);
      v = ok ? VERDICT_KNOWN : VERDICT_UNKNOWN;
      remember (sp->verdicts, word, v);
    }
  g_mutex_unlock (&sp->lock);
  remember (cache->verdicts[side], word, v);
  return v == VERDICT_KNOWN;
}

/*
** Words the check leaves alone before asking the dictionary: with digits,
** of one letter, in another script (Latin in Russian is the
** untranslated-term check's), with two or more capitals (NATO, ПРО, ICBMs,
** McDonald: acronyms and names), inside a URL, e-mail, path, tag or code.
*/
static gboolean
skipped (const QaSpeller *sp, const char *text, const QaWord *w)
{
  if (w->n_digits > 0 || w->n_letters < 2 || w->n_upper >= 2)
    return TRUE;
  if (w->script == QA_SCRIPT_MIXED || w->script == QA_SCRIPT_OTHER
      || (sp->script != QA_SCRIPT_NONE && w->script != sp->script))
    return TRUE;
  return bitext_qa__in_url (text, w->start, w->end) || bitext_qa__in_code (text, w->start, w->end);
}

/* Units and words the language test (in_language) samples at most, and the fewest it judges by. */
#define SAMPLE_UNITS 200
#define SAMPLE_WORDS 2000
#define SAMPLE_MIN_WORDS 50

/* Running text in a language has by far most of its words in a dictionary of the language (its
** commonest words make up most of any text, by Zipf's law); a text of which fewer than half are
** there is not in that language, or not language at all (a test corpus of made-up words). */
#define MIN_COVERAGE 0.5

/*
** Whether one side of the units is text in @sp's language: at least
** MIN_COVERAGE of the words of a sample of units spread over the text are
** in its dictionary as written. Too few words to judge: yes. Otherwise
** each unknown word would cost dozens of dictionary lookups and give a
** finding, for a text the dictionary cannot judge.
*/
static gboolean
in_language (const QaContext *ctx, QaSpeller *sp, guint side)
{
  guint n_words = 0, n_known = 0, step = MAX (ctx->n_units / SAMPLE_UNITS, 1u);
  for (guint i = 0; i < ctx->n_units && n_words < SAMPLE_WORDS; i += step)
    {
      const char *text = side == BITEXT_GLOSSARY_TARGET ? ctx->units[i].target
                                                        : ctx->units[i].source;
      gsize length = text != NULL ? strlen (text) : 0, pos = 0;
      QaWord w;
      while (n_words < SAMPLE_WORDS && bitext_qa__next_word (text, length, &pos, &w))
        {
          if (skipped (sp, text, &w))
            continue;
          g_autofree char *word = g_strndup (text + w.start, w.end - w.start);
          n_words++;
          n_known += bitext_terms__morph_spell (sp->morph, word, FALSE);
        }
    }
  return n_words < SAMPLE_MIN_WORDS || n_known >= MIN_COVERAGE * n_words;
}

/*
** Load the dictionaries of the run's languages when the check is on. A
** side stays NULL (not checked) without a dictionary, or when it is not
** text in that language (in_language).
*/
void
bitext_qa__spell_load (QaContext *ctx)
{
  if (!ENABLED (ctx))
    return;
  const char *langs[2] = { ctx->options->src_lang, ctx->options->tgt_lang };
  for (guint side = 0; side < 2; side++)
    {
      QaSpeller *sp = speller_new (langs[side]);
      if (sp != NULL && !in_language (ctx, sp, side))
        g_clear_pointer (&sp, speller_free);
      ctx->speller[side] = sp;
    }
}

/*
** Whether @word, put in lower case, is a word of @side's dictionary as
** written: a common word, not a name (Hunspell's dictionaries list names
** with their capital, «Россия», and refuse them in lower case). FALSE
** when that side has no dictionary loaded (see bitext_qa__spell_load).
*/
gboolean
bitext_qa__spell_is_common_word (QaContext *ctx, guint side, const char *word)
{
  QaSpeller *sp = ctx->speller[side];
  if (sp == NULL)
    return FALSE;
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_mutex_lock (&sp->lock);
  gboolean known = bitext_terms__morph_spell (sp->morph, lower, FALSE);
  g_mutex_unlock (&sp->lock);
  return known;
}

/*
** Whether @word renders @name: the same word in the same script (case
** folded), else their transliterations are alike. Transliterating is the
** costly part, so the verdicts on pairs are kept.
*/
static gboolean
renders (QaSpellCache *cache, const char *word, QaScript script, const char *name,
         QaScript name_script)
{
  if (script == name_script)
    {
      g_autofree char *a = g_utf8_casefold (word, -1);
      g_autofree char *b = g_utf8_casefold (name, -1);
      return strcmp (a, b) == 0;
    }
  char *key = g_strconcat (word, "\t", name, NULL);
  int v = GPOINTER_TO_INT (g_hash_table_lookup (cache->names, key));
  if (v == 0)
    {
      v = bitext_terms__translit_similarity (word, name) > QA_NAME_SIMILARITY ? VERDICT_KNOWN
                                                                          : VERDICT_UNKNOWN;
      remember (cache->names, key, v);
    }
  g_free (key);
  return v == VERDICT_KNOWN;
}

/*
** Whether the other side of unit @unit has a capitalised word that @word
** (a name) renders. The other side's dictionary cannot tell names from
** other words: it holds many names (Rasmussen, Медведев).
*/
static gboolean
names_a_word_of (QaContext *ctx, QaSpellCache *cache, guint unit, guint side, const char *word,
                 QaScript script)
{
  guint other_side = !side;
  const char *other = other_side == BITEXT_GLOSSARY_TARGET ? ctx->units[unit].target
                                                          : ctx->units[unit].source;
  guint n_letters = (guint) g_utf8_strlen (word, -1);
  gsize length = strlen (other), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (other, length, &pos, &w))
    {
      if (w.n_upper == 0 || !g_unichar_isupper (g_utf8_get_char (other + w.start)))
        continue;
      /* A rendering keeps a name's length within a factor of two (transliterations of one
         letter are one to four letters long, most of them one). */
      if (w.n_letters * 2 < n_letters || w.n_letters > 2 * n_letters)
        continue;
      g_autofree char *name = g_strndup (other + w.start, w.end - w.start);
      if (renders (cache, word, script, name, w.script))
        return TRUE;
    }
  return FALSE;
}

/*
** Words the dictionary lacks that are not misspellings: a word of a
** glossary term in any inflection, of a do-not-translate entry or of an
** approved rendering, and a word that renders a name of the other side
** («Расмуссен» for Rasmussen), in Russian in lower case too: Russian writes
** the names of languages, peoples and currencies so («санго» for Sango,
** «ринггит» for Ringgit). English writes names with a capital.
*/
static gboolean
excused (QaContext *ctx, QaSpellCache *cache, guint unit, guint side, const char *text,
         const QaWord *w, const char *word)
{
  BitextGlossary *g = ctx->options->glossary;
  if (g != NULL)
    {
      g_autofree char *folded = bitext_qa__fold (word, -1);
      if (bitext_glossary__keeps_word (g, folded)
          || bitext_glossary__has_word (g, (BitextGlossarySide) side, text, w))
        return TRUE;
    }
  return (g_unichar_isupper (g_utf8_get_char (word)) || ctx->speller[side]->russian)
         && names_a_word_of (ctx, cache, unit, side, word, w->script);
}

/*
** A word joined to the next by an apostrophe (isn't, we'll, NATO's): the
** joined form is what the dictionary holds. Returns the end of the joined
** form and sets *possessive for 's, whose word is checked without it; 0
** when @w is not joined.
*/
static gsize
joined_end (const char *text, gsize length, const QaWord *w, gboolean *possessive)
{
  gsize p = w->end, n = 0;
  if (p < length && text[p] == '\'')
    n = 1;
  else if (p + 3 <= length && memcmp (text + p, "’", 3) == 0)
    n = 3;
  if (n == 0)
    return 0;
  gsize pos = p, start = p + n;
  QaWord tail;
  if (!bitext_qa__next_word (text, length, &pos, &tail) || tail.start != start)
    return 0;
  *possessive = tail.end - tail.start == 1 && (text[start] == 's' || text[start] == 'S');
  return tail.end;
}

/* The end of the words joined to @w by hyphens (pre-planned, по-прежнему); 0 if none is. */
static gsize
hyphen_run_end (const char *text, gsize length, const QaWord *w)
{
  gsize end = 0, pos = w->end;
  QaWord next;
  while (pos < length && text[pos] == '-' && bitext_qa__next_word (text, length, &pos, &next)
         && next.start == (end > 0 ? end : w->end) + 1)
    end = pos = next.end;
  return end;
}

/* Whether the dictionary knows text[start, end) as written, or with its hyphens left out. */
static gboolean
knows_hyphenated (QaSpellCache *cache, QaSpeller *sp, guint side, const char *text, gsize start,
                  gsize end)
{
  g_string_assign (cache->word, "");
  g_string_append_len (cache->word, text + start, (gssize) (end - start));
  if (knows (cache, sp, side))
    return TRUE;
  g_string_assign (cache->word, "");
  for (gsize k = start; k < end; k++)
    if (text[k] != '-')
      g_string_append_c (cache->word, text[k]);
  return knows (cache, sp, side);
}

static void
flag (QaContext *ctx, guint unit, guint side, const QaSpeller *sp, gsize start, gsize end,
      const char *word)
{
  gssize s = (gssize) start, e = (gssize) end;
  if (side == BITEXT_GLOSSARY_TARGET)
    bitext_qa__add_finding (ctx, BITEXT_CHECK_SPELLING, BITEXT_SEVERITY_WARNING, unit, -1, -1, s,
                            e, "'%s' is not in the %s dictionary: misspelt?", word, sp->lang);
  else
    bitext_qa__add_finding (ctx, BITEXT_CHECK_SPELLING, BITEXT_SEVERITY_INFO, unit, s, e, -1, -1,
                            "the source's '%s' is not in the %s dictionary: misspelt?", word,
                            sp->lang);
}

/*
** @n bytes at @p without stress marks (U+0301 and U+0300 after a vowel:
** «Осо́бый», «оборо́на»), which dictionaries, learners' texts and names of
** places carry or not: they are no part of the spelling.
*/
static void
append_unstressed (GString *out, const char *p, gsize n)
{
  for (gsize k = 0; k < n; k++)
    {
      if (k + 1 < n && (guchar) p[k] == 0xCC && ((guchar) p[k + 1] == 0x81 || (guchar) p[k + 1] == 0x80))
        k++;    /* U+0301 or U+0300: two bytes */
      else
        g_string_append_c (out, p[k]);
    }
}

/* Spell-check one side of unit @unit. */
static void
check_side (QaContext *ctx, guint unit, guint side, QaSpellCache *cache)
{
  QaSpeller *sp = ctx->speller[side];
  const BitextQaUnit *u = &ctx->units[unit];
  const char *text = side == BITEXT_GLOSSARY_TARGET ? u->target : u->source;
  const char *other = side == BITEXT_GLOSSARY_TARGET ? u->source : u->target;
  if (text == NULL || other == NULL)
    return;
  gsize length = strlen (text), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (text, length, &pos, &w))
    {
      /* A hyphenated word the dictionary holds whole is fine; otherwise its parts are judged. */
      gsize run_end = hyphen_run_end (text, length, &w);
      if (run_end > 0 && !skipped (sp, text, &w)
          && knows_hyphenated (cache, sp, side, text, w.start, run_end))
        {
          pos = run_end;
          continue;
        }
      gboolean possessive = FALSE;
      gsize end = joined_end (text, length, &w, &possessive);
      if (end > 0 && !possessive)
        {
          /* The joined form is one word: judged as one, flagged as one. */
          pos = end;
          w.end = end;
        }
      else if (end > 0)
        pos = end;
      if (skipped (sp, text, &w))
        continue;
      g_string_assign (cache->word, "");
      append_unstressed (cache->word, text + w.start, w.end - w.start);
      if (knows (cache, sp, side))
        continue;
      g_autofree char *word = g_strdup (cache->word->str);
      if (!excused (ctx, cache, unit, side, text, &w, word))
        flag (ctx, unit, side, sp, w.start, w.end, word);
    }
}

/*
** Words of the target (a warning) and of the source (a note: the source is
** not the translator's) that the Hunspell dictionary of their language
** lacks, with ё read as е; see skipped () and excused () for the words
** left alone. A side whose language has no dictionary is not checked.
*/
void
bitext_qa__check_spelling (QaContext *ctx, guint unit, QaSpellCache *cache)
{
  for (guint side = 0; side < 2; side++)
    if (ctx->speller[side] != NULL)
      check_side (ctx, unit, side, cache);
}

/*
** Leave out the target's misspellings whose word the dictionary lacks in
** two units or more: a word the translation uses again and again is its
** vocabulary (jargon such as «виджет», «коммит», a name), while a slip of
** the keys is not repeated letter for letter. Runs on all the findings,
** after the threads.
*/
void
bitext_qa__spell_drop_repeated (GPtrArray *findings)
{
  g_autoptr(GHashTable) units = g_hash_table_new (g_str_hash, g_str_equal);  /* word -> unit + 1 */
  g_autoptr(GHashTable) repeated = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < findings->len; k++)
    {
      const BitextFinding *f = findings->pdata[k];
      if (f->check != BITEXT_CHECK_SPELLING || f->target_span.start < 0)
        continue;
      gpointer seen = g_hash_table_lookup (units, f->text);
      if (seen == NULL)
        g_hash_table_insert (units, f->text, GUINT_TO_POINTER (f->unit + 1));
      else if (GPOINTER_TO_UINT (seen) != f->unit + 1)
        g_hash_table_add (repeated, f->text);
    }
  if (g_hash_table_size (repeated) == 0)
    return;
  guint kept = 0;
  for (guint k = 0; k < findings->len; k++)
    {
      BitextFinding *f = findings->pdata[k];
      if (f->check == BITEXT_CHECK_SPELLING && f->target_span.start >= 0
          && g_hash_table_contains (repeated, f->text))
        bitext_finding_free (f);
      else
        findings->pdata[kept++] = f;
    }
  for (guint k = kept; k < findings->len; k++)
    findings->pdata[k] = NULL;          /* moved or freed: the free function skips NULL */
  g_ptr_array_set_size (findings, kept);
}

/* The case of a word: all lower case, an initial capital only, or another mix. */
typedef enum { CASE_LOWER, CASE_INITIAL, CASE_OTHER } WordCase;

static WordCase
word_case (const char *word)
{
  guint upper = 0, letters = 0;
  gboolean first_upper = FALSE;
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isalpha (c))
        continue;
      if (g_unichar_isupper (c))
        {
          upper++;
          first_upper = first_upper || letters == 0;
        }
      letters++;
    }
  if (upper == 0)
    return CASE_LOWER;
  return upper == 1 && first_upper ? CASE_INITIAL : CASE_OTHER;
}

/* The lower-case letters of @script's alphabet (Russian's 33, English's 26); 0 if none is known. */
static guint
alphabet (QaScript script, gunichar *out)
{
  guint n = 0;
  if (script == QA_SCRIPT_CYRILLIC)
    {
      for (gunichar c = 0x0430; c <= 0x044F; c++)
        out[n++] = c;
      out[n++] = 0x0451;
    }
  else if (script == QA_SCRIPT_LATIN)
    for (gunichar c = 'a'; c <= 'z'; c++)
      out[n++] = c;
  return n;
}

/*
** The slips a writer of @lang makes in replacing one letter by another: a
** key next to the one meant, on the language's standard keyboard (Russian
** ЙЦУКЕН, ГОСТ 6431-90; English QWERTY; German QWERTZ, DIN 2137; French
** AZERTY), drawn as three rows, each lower row's key touching the two above
** it; or letters that sound alike where the spelling must be learnt (for
** Russian the unstressed vowels а/о, е/и, я/е and the voiced and
** voiceless pairs б/п, в/ф, г/к, д/т, ж/ш, з/с, ь/ъ, и/й: the classic
** errors of Russian orthography; not е/э, which loanwords spell either way,
** хеш and хэш, кеш and кэш). A replacement neither is, such as щ for
** т (вычищаются for вычитаются) or в for ж (двусловных for двусложных), is
** another word, not a slip. Deletions, insertions and transpositions are
** always slips (Damerau 1964). NULL rows: a language with no table, every
** replacement a slip.
*/
typedef struct
{
  const char *lang;
  const char *rows[3];
  const char *sounds;       /* pairs of letters that sound alike, concatenated */
} Keyboard;

static const Keyboard keyboards[] = {
  { "ru", { "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю" },
    "аоеияебпвфгкдтжшзсьъий" },
  { "en", { "qwertyuiop", "asdfghjkl", "zxcvbnm" }, "" },
  { "de", { "qwertzuiopü", "asdfghjklöä", "yxcvbnm" }, "" },
  { "fr", { "azertyuiop", "qsdfghjklm", "wxcvbn" }, "" },
};

static const Keyboard *
keyboard_for (const char *lang)
{
  for (gsize i = 0; lang != NULL && i < G_N_ELEMENTS (keyboards); i++)
    if (g_ascii_strncasecmp (lang, keyboards[i].lang, 2) == 0 && !g_ascii_isalpha (lang[2]))
      return &keyboards[i];
  return NULL;
}

/* Row and column of @c on @kb, or FALSE. */
static gboolean
key_of (const Keyboard *kb, gunichar c, int *row, int *col)
{
  for (int r = 0; r < 3; r++)
    {
      int k = 0;
      for (const char *p = kb->rows[r]; *p != '\0'; p = g_utf8_next_char (p), k++)
        if (g_utf8_get_char (p) == c)
          {
            *row = r, *col = k;
            return TRUE;
          }
    }
  return FALSE;
}

/* Whether writing @b for @a is a slip of @kb's writer (see Keyboard). */
static gboolean
slip (const Keyboard *kb, gunichar a, gunichar b)
{
  if (kb == NULL)
    return TRUE;
  for (const char *p = kb->sounds; *p != '\0';)
    {
      gunichar x = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      g_assert (*p != '\0');   /* pairs: an even number of letters */
      gunichar y = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if ((a == x && b == y) || (a == y && b == x))
        return TRUE;
    }
  int ra, ca, rb, cb;
  if (!key_of (kb, a, &ra, &ca) || !key_of (kb, b, &rb, &cb))
    return TRUE;   /* a letter the table lacks (ё): no evidence against */
  if (ra == rb)
    return ABS (ca - cb) == 1;
  if (ABS (ra - rb) != 1)
    return FALSE;
  int upper = ra < rb ? ca : cb, lower = ra < rb ? cb : ca;
  return upper == lower || upper == lower + 1;
}

/* Whether the dictionary knows @c[0..n) in lower case. */
static gboolean
knows_chars (QaSpeller *sp, const gunichar *c, glong n)
{
  g_autofree char *w = g_ucs4_to_utf8 (c, n, NULL, NULL, NULL);
  return w != NULL && bitext_terms__morph_spell_once (sp->morph, w);
}

/*
** Whether the dictionary knows, in lower case, a word one edit away from
** @word: one letter left out, two neighbours swapped, one replaced or one
** added (Damerau 1964, "A technique for computer detection and correction
** of spelling errors", CACM 7(3): 80 % of the misspellings of his sample
** were one such edit from the word meant). About 70 lookups a letter, each a
** plain Hunspell_spell: Hunspell's own suggestions (n-grams, phonetics)
** cost a hundred times more.
*/
static gboolean
has_neighbour (QaSpeller *sp, const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  glong n;
  g_autofree gunichar *w = g_utf8_to_ucs4_fast (lower, -1, &n);
  gunichar letters[40];
  guint n_letters = alphabet (sp->script, letters);
  g_autofree gunichar *c = g_new (gunichar, n + 1);
  for (glong k = 0; k < n; k++)           /* left out */
    {
      memcpy (c, w, (gsize) k * sizeof *c);
      memcpy (c + k, w + k + 1, (gsize) (n - k - 1) * sizeof *c);
      if (n > 1 && knows_chars (sp, c, n - 1))
        return TRUE;
    }
  for (glong k = 0; k + 1 < n; k++)       /* swapped */
    {
      memcpy (c, w, (gsize) n * sizeof *c);
      c[k] = w[k + 1], c[k + 1] = w[k];
      if (c[k] != c[k + 1] && knows_chars (sp, c, n))
        return TRUE;
    }
  const Keyboard *kb = keyboard_for (sp->lang);
  for (glong k = 0; k < n; k++)           /* replaced */
    for (guint a = 0; a < n_letters; a++)
      {
        if (letters[a] == w[k] || !slip (kb, letters[a], w[k]))
          continue;
        memcpy (c, w, (gsize) n * sizeof *c);
        c[k] = letters[a];
        if (knows_chars (sp, c, n))
          return TRUE;
      }
  for (glong k = 0; k <= n; k++)          /* added */
    for (guint a = 0; a < n_letters; a++)
      {
        memcpy (c, w, (gsize) k * sizeof *c);
        c[k] = letters[a];
        memcpy (c + k + 1, w + k, (gsize) (n - k) * sizeof *c);
        if (knows_chars (sp, c, n + 1))
          return TRUE;
      }
  return FALSE;
}

/*
** Whether the word at @start of @text begins a sentence: nothing but white
** space, opening quotes or brackets before it, back to the text's start, a
** line break or a sentence's final mark.
*/
static gboolean
starts_sentence (const char *text, gsize start)
{
  const char *p = text + start;
  while (p > text)
    {
      p = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (p);
      if (c == '\n' || c == '.' || c == '!' || c == '?' || c == 0x2026)
        return TRUE;
      if (!g_unichar_isspace (c) && c != '"' && c != '(' && c != 0x00AB && c != 0x201C
          && c != 0x201E)
        return FALSE;
    }
  return TRUE;
}

/*
** Russian prefixes (the verbal prefixes of any Russian grammar, and the
** combining forms of technical words: спец-, видео-, авто-...); every one
** that begins a word is tried. A prefix on a word the dictionary knows
** is a word Russian forms at will (с+генерированная, от+рисовываемый,
** спец+код), which the dictionary lists only where it is common.
*/
static const char *const russian_prefixes[] = {
  "пере", "пред", "недо", "обез", "обес", "разо", "рас", "раз", "роз", "рос", "при", "пре",
  "про", "под", "подо", "над", "надо", "об", "обо", "от", "ото", "вз", "вс", "воз", "вос",
  "из", "ис", "за", "вы", "до", "на", "по", "со", "с", "у", "в",
  "спец", "авто", "видео", "аудио", "фото", "теле", "радио", "электро", "микро", "макро",
  "мини", "мульти", "псевдо", "супер", "гипер", "интер", "контр", "анти", "мета", "суб",
  "пост", "квази", "нано", "гео", "био", "эко", "медиа", "веб", NULL
};

/*
** Whether a word the dictionary lacks is likely a slip of the keys: the
** dictionary holds a common (lower-case) word one edit away (has_neighbour).
** A word nothing in the dictionary is that close to is likely a term or a
** name it does not hold (technical Russian, a place: «реентерабельный»,
** «Акстафинский»). A capitalised word that does not begin a sentence is a
** name: a common word has a capital there only (the reading of
** qa-breaks.c); so is a word with capitals after its first letter. A word
** longer than MAX_NEIGHBOUR_LEN letters is not searched (70 lookups a
** letter); Chromium's spelling service suggests for words up to 24 letters,
** the limit it observed in the macOS checker (hunspell_engine.cc,
** kMaxSuggestLen): beyond it a token is a code, a hash or a compound that
** no typo search serves. Nor is a word of MIN_NEIGHBOUR_LEN letters or fewer:
** nearly every such string is one edit from some dictionary word («сиу»,
** Siouan, has 19 in hunspell-ru), so a neighbour tells nothing, and the
** short words a dictionary lacks are abbreviations (Пн, янв, инф, чч).
*/
#define MAX_NEIGHBOUR_LEN 24
#define MIN_NEIGHBOUR_LEN 3

static gboolean
likely_typo (QaSpeller *sp, const char *word, gboolean initial)
{
  WordCase wc = word_case (word);
  glong n = g_utf8_strlen (word, -1);
  if (wc == CASE_OTHER || (wc == CASE_INITIAL && !initial) || n > MAX_NEIGHBOUR_LEN
      || n <= MIN_NEIGHBOUR_LEN)
    return FALSE;
  return has_neighbour (sp, word);
}

/*
** Whether the word text[start, end) is joined by a hyphen to a word that
** begins with a capital (Russian writes compound place names so, their
** function words in lower case: Реджо-ди-Калабрия, Ист-Райдинг-оф-Йоркшир,
** Ла-Массана), or follows a hyphen after a number or a one-letter word,
** which makes it a case ending (5-го, K-ую, N-ную).
*/
static gboolean
in_hyphenated_name (const char *text, gsize start, gsize end)
{
  if ((start == 0 || text[start - 1] != '-') && text[end] != '-')
    return FALSE;
  /* The compound: letters, digits and hyphens around the word, without a break. */
  gsize a = start, b = end;
  while (a > 0 && (text[a - 1] == '-' || g_unichar_isalnum (g_utf8_get_char (
                                             g_utf8_prev_char (text + a)))))
    a = (gsize) (g_utf8_prev_char (text + a) - text);
  while (text[b] == '-' || (text[b] != '\0' && g_unichar_isalnum (g_utf8_get_char (text + b))))
    b = (gsize) (g_utf8_next_char (text + b) - text);
  gsize pos = a;
  QaWord w, prev = { 0 };
  while (bitext_qa__next_word (text, b, &pos, &w))
    {
      if (w.start == start)
        {
          if (w.start > a && (prev.n_digits > 0 || prev.n_letters == 1))
            return TRUE;
        }
      else if (g_unichar_isupper (g_utf8_get_char (text + w.start)))
        return TRUE;
      prev = w;
    }
  return FALSE;
}

/*
** Whether the word text[start, end) ends in -о or -е and a hyphen joins it
** to a lower-case word: the first part of a compound adjective (японо-
** рюкюские, хетто-лувийские, русско-английский), which Russian forms from
** any adjective's stem and no dictionary lists alone.
*/
static gboolean
compound_first_part (const char *text, gsize start, gsize end)
{
  if (end - start < 4 || text[end] != '-' || !g_unichar_islower (g_utf8_get_char (text + end + 1)))
    return FALSE;
  const char *last = g_utf8_prev_char (text + end);
  return strncmp (last, "о", 2) == 0 || strncmp (last, "е", 2) == 0;
}

/* Whether @word (lower case) is a prefix of russian_prefixes on a word of 3 letters or more
** that the dictionary knows, or would know with another ending (spell_inflected). */
static gboolean
prefixed_known (QaSpeller *sp, const char *word)
{
  if (!sp->russian)
    return FALSE;
  g_autofree char *folded = bitext_qa__fold (word, -1);
  for (const char *const *p = russian_prefixes; *p != NULL; p++)
    {
      if (!g_str_has_prefix (folded, *p))
        continue;
      const char *rest = folded + strlen (*p);
      if (g_utf8_strlen (rest, -1) >= 3
          && (spell_folded (sp->morph, rest) || spell_inflected (sp, rest)))
        return TRUE;
    }
  return FALSE;
}

/*
** Whether the source of unit @unit has words and none of them is a common
** word of its language (a place, a language, a person: "Qax", "Gwynedd",
** "Scottish Gaelic", "Pará Arára"): its target renders names (Кахский
** район, Гэльский шотландский), and a word of it the dictionary lacks is a
** name's rendering, not a slip of the keys.
*/
static gboolean
source_is_names (QaContext *ctx, guint unit)
{
  const char *s = ctx->units[unit].source;
  gsize length = strlen (s), pos = 0;
  QaWord w;
  guint n = 0;
  while (bitext_qa__next_word (s, length, &pos, &w))
    {
      if (w.n_digits > 0 || w.n_letters < 2)
        continue;
      g_autofree char *word = g_strndup (s + w.start, w.end - w.start);
      if (bitext_qa__spell_is_common_word (ctx, BITEXT_GLOSSARY_SOURCE, word))
        return FALSE;
      n++;
    }
  return n > 0;
}

struct _QaSound
{
  struct sb_stemmer *stem[2];   /* source, target: NULL where libstemmer has no language */
};

QaSound *
bitext_qa__sound_new (const char *src_lang, const char *tgt_lang)
{
  QaSound *s = g_new0 (QaSound, 1);
  s->stem[BITEXT_GLOSSARY_SOURCE] = bitext_terms__stemmer_new (src_lang);
  s->stem[BITEXT_GLOSSARY_TARGET] = bitext_terms__stemmer_new (tgt_lang);
  return s;
}

void
bitext_qa__sound_free (QaSound *s)
{
  for (int i = 0; i < 2; i++)
    if (s->stem[i] != NULL)
      sb_stemmer_delete (s->stem[i]);
  g_free (s);
}

/* The sound key (bitext_terms__sound_key) of the stem of @word, a word of @side. (transfer full) */
char *
bitext_qa__sound_key (QaSound *s, guint side, const char *word, gssize length)
{
  struct sb_stemmer *stemmer = s->stem[side];
  g_autofree char *folded = bitext_qa__fold (word, length);
  const sb_symbol *stem = stemmer == NULL ? NULL
                          : sb_stemmer_stem (stemmer, (const sb_symbol *) folded,
                                             (int) strlen (folded));
  if (stem == NULL)
    return bitext_terms__sound_key (folded);
  g_autofree char *t = g_strndup ((const char *) stem, (gsize) sb_stemmer_length (stemmer));
  return bitext_terms__sound_key (t);
}

/* The consonants of a sound key (its letters that are not V). */
static gsize
consonants (const char *key)
{
  gsize n = 0;
  for (; *key != '\0'; key++)
    n += *key != 'V';
  return n;
}

/*
** Whether the target word of sound key @key renders by sound the source
** word of sound key @source (both of stems: bitext_qa__sound_key): a
** loanword or a name (socket «сокетом», cookies «Кукисы», avatars
** «аватарками», Bury «Бэри», Unicode «юникодный»), which dictionaries list
** late or never. @source must begin @key (C, the Latin "ch", is c or s),
** which may add at most two consonants (a derivational suffix: avatar
** «аватар-к-ами», rasterize «растериз-ов-анный»), and hold two at least:
** one consonant matches too much by chance.
*/
gboolean
bitext_qa__sound_renders (const char *key, const char *source)
{
  gsize m = strlen (source);
  if (m > strlen (key) || consonants (source) < 2)
    return FALSE;
  for (gsize i = 0; i < m; i++)
    if (key[i] != source[i] && !(source[i] == 'C' && (key[i] == 'c' || key[i] == 's')))
      return FALSE;
  return consonants (key + m) <= 2;
}

/*
** The first word of @text, in @script and of @min_letters letters or more,
** without digits, whose sound key (of @side's stem) renders @key (when
** @word_renders) or is rendered by it: TRUE with its bytes [*start, *end).
*/
gboolean
bitext_qa__sound_find (QaSound *sound, guint side, const char *text, QaScript script,
                       guint min_letters, const char *key, gboolean word_renders, gsize *start,
                       gsize *end)
{
  gsize length = strlen (text), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (text, length, &pos, &w))
    {
      if (w.n_digits > 0 || w.n_letters < min_letters || w.script != script)
        continue;
      g_autofree char *other = bitext_qa__sound_key (sound, side, text + w.start,
                                                     (gssize) (w.end - w.start));
      if (word_renders ? bitext_qa__sound_renders (other, key)
                       : bitext_qa__sound_renders (key, other))
        {
          *start = w.start, *end = w.end;
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether @word, in another script than the source's, renders a word of unit @unit's source by
** its sound (bitext_qa__sound_renders). */
static gboolean
renders_source_word (QaContext *ctx, guint unit, const char *word, QaSound *sound)
{
  if (ctx->src_script == ctx->tgt_script)
    return FALSE;
  g_autofree char *key = bitext_qa__sound_key (sound, BITEXT_GLOSSARY_TARGET, word, -1);
  gsize a, b;
  return consonants (key) >= 2
         && bitext_qa__sound_find (sound, BITEXT_GLOSSARY_SOURCE, ctx->units[unit].source,
                                   ctx->src_script, 3, key, FALSE, &a, &b);
}

/*
** Whether the word text[start, end) is an abbreviation: a period follows it
** that ends no sentence (a lower-case word comes next: «вспм. заголовка»), or
** ends the target where the source has none (a label: "func" «функ.»).
** Russian abbreviates by cutting a word short and marking the cut with a
** period (ГОСТ 7.0.12), so the cut word is no dictionary word.
*/
static gboolean
abbreviation (const char *text, gsize end, const char *source)
{
  if (text[end] != '.')
    return FALSE;
  const char *p = text + end + 1;
  while (*p == ' ')
    p++;
  if (*p == '\0' || *p == '\n')
    {
      const char *q = source + strlen (source);
      while (q > source && g_ascii_isspace (q[-1]))
        q--;
      return q == source || q[-1] != '.';
    }
  return g_unichar_islower (g_utf8_get_char (p));
}

/*
** Whether @word is a unit's symbol with a decimal or binary prefix (Тбит,
** ГиБ, МГц, kHz, TiB): the prefixes of the SI and of IEC 80000-13 and the
** units of ГОСТ 8.417-2002 (the Russian symbols) or of the SI brochure, as
** bitext's texts write them. Dictionaries list a few (Мбит) and not the
** others (Гбит).
*/
static gboolean
prefixed_unit (const char *word)
{
  static const char *const prefixes[] = {
    "Ки", "Ми", "Ги", "Ти", "Пи", "Эи", "мк", "к", "К", "М", "Г", "Т", "П", "Э", "м", "н", "п",
    "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "K", "M", "G", "T", "P", "E", "m", "u", "n", "p",
    "\xc2\xb5" /* µ */, NULL
  };
  static const char *const units[] = {
    "бит", "байт", "Б", "б", "Гц", "бод", "м", "г", "с", "В", "Вт", "А", "Ом", "Дж", "Па", "Ф",
    "bit", "byte", "B", "b", "Hz", "bps", "baud", "m", "g", "s", "V", "W", "A", "J", "Pa", "F",
    "Ohm", NULL
  };
  for (const char *const *p = prefixes; *p != NULL; p++)
    {
      if (!g_str_has_prefix (word, *p))
        continue;
      const char *rest = word + strlen (*p);
      for (const char *const *u = units; *u != NULL; u++)
        if (strcmp (rest, *u) == 0)
          return TRUE;
    }
  return FALSE;
}

/*
** Grade the target's spelling warnings by how likely a slip they are
** (likely_typo): a likely term or name becomes a note, and so does a word
** that is part of a hyphenated name, renders a source made only of names,
** or is an abbreviation. Runs after the
** threads and bitext_qa__spell_drop_repeated, on the words still flagged
** (Hunspell's suggestions are costly), each word asked once.
*/
void
bitext_qa__spell_grade (QaContext *ctx)
{
  QaSpeller *sp = ctx->speller[BITEXT_GLOSSARY_TARGET];
  if (sp == NULL)
    return;
  g_autoptr(GHashTable) typos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(QaSound) sound = bitext_qa__sound_new (ctx->options->src_lang, ctx->options->tgt_lang);
  for (guint k = 0; k < ctx->findings->len; k++)
    {
      BitextFinding *f = ctx->findings->pdata[k];
      if (f->check != BITEXT_CHECK_SPELLING || f->severity != BITEXT_SEVERITY_WARNING
          || f->target_span.byte_start < 0)
        continue;
      const char *t = ctx->units[f->unit].target;
      g_autoptr(GString) bare = g_string_new (NULL);
      append_unstressed (bare, f->text, strlen (f->text));
      const char *word = bare->str;
      gsize start = (gsize) f->target_span.byte_start, end = (gsize) f->target_span.byte_end;
      if (renders_source_word (ctx, f->unit, word, sound))
        {
          f->severity = BITEXT_SEVERITY_INFO;
          g_free (f->message);
          f->message = g_strdup_printf ("'%s' is not in the %s dictionary: a rendering of a "
                                        "source word by its sound (a loanword or a name)?",
                                        f->text, sp->lang);
          continue;
        }
      if (in_hyphenated_name (t, start, end) || abbreviation (t, end, ctx->units[f->unit].source)
          || prefixed_unit (word) || source_is_names (ctx, f->unit))
        {
          f->severity = BITEXT_SEVERITY_INFO;
          g_free (f->message);
          f->message = g_strdup_printf ("'%s' is not in the %s dictionary: part of a name, a "
                                        "name, an abbreviation or a unit?", f->text, sp->lang);
          continue;
        }
      gboolean initial = starts_sentence (t, start);
      g_autofree char *key = g_strdup_printf ("%d%s", initial, word);
      gpointer v;
      /* Per word: bit 0 a likely typo, bit 1 a prefix on a word the dictionary knows. */
      if (!g_hash_table_lookup_extended (typos, key, NULL, &v))
        {
          v = GINT_TO_POINTER (likely_typo (sp, word, initial)
                               | prefixed_known (sp, word) << 1);
          g_hash_table_insert (typos, g_steal_pointer (&key), v);
        }
      gboolean formed = (GPOINTER_TO_INT (v) & 2) != 0 || compound_first_part (t, start, end);
      if ((GPOINTER_TO_INT (v) & 1) != 0 && !formed)
        continue;
      f->severity = BITEXT_SEVERITY_INFO;
      g_free (f->message);
      if (formed)
        f->message = g_strdup_printf ("'%s' is not in the %s dictionary, but is formed from a word "
                                      "it knows (a prefix, or the first part of a compound)",
                                      f->text, sp->lang);
      else if (g_utf8_strlen (word, -1) <= MIN_NEIGHBOUR_LEN)
        f->message = g_strdup_printf ("'%s' is not in the %s dictionary: a short word, an "
                                      "abbreviation?", f->text, sp->lang);
      else
        f->message = g_strdup_printf ("'%s' is not in the %s dictionary, and no word of it is one "
                                      "slip away: a term or a name?", f->text, sp->lang);
    }
}
