/* bitext — untranslated terms and the names a translation keeps, learned from the text itself. */
#include <string.h>

#include "qa-private.h"
#include "terms-private.h"

#define ENABLED_CHECK(ctx, check) (((ctx)->options->checks & (1u << (check))) != 0)

/*
** The per-unit pass (qa-checks.c) records every target word in the
** source's script that nothing excuses (ctx->kept_words) and which units it
** looked at (ctx->term_checked). This pass decides, word by word, over the
** whole text:
**
** A word is a NAME KEPT BY CONVENTION when the translation keeps it in the
** source's script in more units than it translates it (a strict majority:
** the translator's usual choice) and in at least two units. The minimum is
** the least evidence of a convention: one unit is one decision, and a single
** Latin word left in a Russian sentence is as likely a slip as a choice; a
** second unit that makes the same choice independently is what tells a
** habit from an oversight. (Neither number is fitted to any text; "more
** than half" and "more than one" are the definitions of "most" and of
** "repeated".)
**
** A name is reported once, as info ("kept in Latin in N of M units"), at its
** first kept occurrence. The units whose source has it and whose target
** does not keep it get a warning instead (inconsistency): there the
** translation departs from its own convention. Words that are not names
** make runs (neighbours separated by spaces, hyphens or apostrophes), one
** finding each. In software strings a run copied from the source is a note
** and any other a warning; in documents a run copied from the source is a
** warning only for a reason document_kept_kind names, else a note. Glosses
** (is_gloss) are neither kept words nor findings.
**
** M counts the units whose source has the word (as a word, case folded)
** and whose target the untranslated-term check looked at, plus the units
** that keep it without its being in the source.
*/

typedef struct
{
  guint kept;               /* units whose target keeps the word */
  guint translated;         /* units whose source has it and whose target does not keep it */
  guint last_kept;          /* the last unit counted in kept, + 1 (0: none) */
  guint first;              /* index in kept_words of the first kept occurrence */
  gboolean name;
  gboolean capital;         /* the first kept form has a capital: a source word in lower case
                               is another word (the name X Window, a window) */
  gboolean acronym_transcribed; /* a unit that translates it writes a Cyrillic acronym like it
                                   (NATO: НАТО), counted for acronyms only */
} NameStat;

/* The folded word of @w's text, into @key. */
static void
fold_word (const char *text, gsize start, gsize end, GString *key)
{
  g_autofree char *f = bitext_qa__fold (text + start, (gssize) (end - start));
  g_string_assign (key, f);
}

/*
** Where the flagged words occur in the source, as written, or else in
** another case (ASCII letters only, so the length is the same): a word
** that opens the source's sentence ("Locate database size") is copied as
** the same word inside the target's («базы данных locate»); -1 if nowhere.
*/
static gssize
find_in_source (const char *s, const char *t, gsize start, gsize end)
{
  g_autofree char *needle = g_strndup (t + start, end - start);
  const char *hit = strstr (s, needle);
  if (hit != NULL)
    return hit - s;
  gsize n = end - start, len = strlen (s);
  for (gsize k = 0; n > 0 && k + n <= len; k++)
    if (g_ascii_strncasecmp (s + k, needle, n) == 0)
      return (gssize) k;
  return -1;
}

/*
** Where the words t[start, end) occur in @s with their letters and digits
** joined or parted otherwise (the identifier PageUp, KP_Page_Up or NumLock
** as the label «Page Up», «Num Lock»), case aside: TRUE with the bytes
** [*a, *b) of @s.
*/
static gboolean
find_parted (const char *s, const char *t, gsize start, gsize end, gsize *a, gsize *b)
{
  GString *needle = g_string_new (NULL);
  for (gsize k = start; k < end; k++)
    if (g_ascii_isalnum (t[k]))
      g_string_append_c (needle, g_ascii_tolower (t[k]));
  gboolean found = FALSE;
  for (gsize k = 0; s[k] != '\0' && !found && needle->len >= 4; k++)
    {
      if (!g_ascii_isalnum (s[k]) || g_ascii_tolower (s[k]) != needle->str[0])
        continue;
      gsize i = 0, q = k;
      for (; s[q] != '\0' && i < needle->len; q++)
        {
          if (g_ascii_isalnum (s[q]))
            {
              if (g_ascii_tolower (s[q]) != needle->str[i])
                break;
              i++;
            }
          else if (s[q] != '_' && s[q] != '-' && s[q] != ' ')
            break;
        }
      if (i == needle->len && !g_ascii_isalnum (s[q]))
        *a = k, *b = q, found = TRUE;
    }
  g_string_free (needle, TRUE);
  return found;
}

/*
** Whether the run [start, end) of @t stands alone in parentheses after a
** word of the target's script, «межсетевого экрана (firewall)», or after an
** acronym it spells out, "DNS (Domain Name Service)": Russian technical
** writing gives the original of a term, and an acronym's expansion, that way
** on purpose.
*/
static gboolean
is_gloss (const QaContext *ctx, const char *t, gsize start, gsize end)
{
  if (start < 2 || t[start - 1] != '(' || t[end] != ')')
    return FALSE;
  gsize pos = 0;
  QaWord w;
  gboolean before = FALSE;
  while (bitext_qa__next_word (t, start - 1, &pos, &w))
    before = w.script == ctx->tgt_script
             || (w.n_upper >= 2 && bitext_qa__all_capitals (t, w.start, w.end));
  return before;
}

/*
** Drop from ctx->kept_words the runs that are glosses (is_gloss): the original
** of a term given after its Russian rendering is no kept word, and counting
** «Живая система (live system)» as keeping "live" would make a name of it.
** Runs join words as flag_runs does.
*/
static void
drop_glosses (QaContext *ctx)
{
  GArray *words = ctx->kept_words;
  guint n = 0;
  for (guint k = 0; k < words->len;)
    {
      const SpellingWord *w = &g_array_index (words, SpellingWord, k);
      const char *t = ctx->units[w->unit].target;
      guint e = k + 1;
      for (; e < words->len; e++)
        {
          const SpellingWord *p = &g_array_index (words, SpellingWord, e - 1);
          const SpellingWord *q = &g_array_index (words, SpellingWord, e);
          if (q->unit != w->unit || strspn (t + p->end, " -'’") < q->start - p->end)
            break;
        }
      if (!is_gloss (ctx, t, w->start, g_array_index (words, SpellingWord, e - 1).end))
        for (; k < e; k++)
          g_array_index (words, SpellingWord, n++) = g_array_index (words, SpellingWord, k);
      k = e;
    }
  g_array_set_size (words, n);
}

/* Whether the word text[start, end) has a capital letter. */
static gboolean
has_capital (const char *text, gsize start, gsize end)
{
  for (const char *p = text + start; p < text + end; p = g_utf8_next_char (p))
    if (g_unichar_isupper (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Count the units that keep each word; returns the words' stats (folded word -> NameStat). */
static GHashTable *
count_kept (const QaContext *ctx, GArray *stat_of)
{
  GHashTable *stats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) key = g_string_new (NULL);
  const GArray *words = ctx->kept_words;
  for (guint k = 0; k < words->len; k++)
    {
      const SpellingWord *w = &g_array_index (words, SpellingWord, k);
      fold_word (ctx->units[w->unit].target, w->start, w->end, key);
      NameStat *st = g_hash_table_lookup (stats, key->str);
      if (st == NULL)
        {
          st = g_new0 (NameStat, 1);
          st->first = k;
          st->capital = has_capital (ctx->units[w->unit].target, w->start, w->end);
          g_hash_table_insert (stats, g_strdup (key->str), st);
        }
      if (st->last_kept != w->unit + 1)
        st->kept++;
      st->last_kept = w->unit + 1;
      g_array_append_val (stat_of, st);
    }
  return stats;
}

/* Whether @unit's target has the word @folded in the source's script, excused or not. */
static gboolean
target_has (const QaContext *ctx, guint unit, const char *folded)
{
  const char *t = ctx->units[unit].target;
  gsize length = strlen (t), pos = 0;
  QaWord w;
  g_autoptr(GString) key = g_string_new (NULL);
  while (bitext_qa__next_word (t, length, &pos, &w))
    if (w.script == ctx->src_script)
      {
        fold_word (t, w.start, w.end, key);
        if (strcmp (key->str, folded) == 0)
          return TRUE;
      }
  return FALSE;
}

/*
** Whether the target of unit @unit writes the acronym @acronym (@length
** bytes) as an acronym of its own script: a word in capitals whose
** transliteration is like it (NATO: НАТО).
*/
static gboolean
writes_acronym (const QaContext *ctx, guint unit, const char *acronym, gsize length)
{
  g_autofree char *latin = g_strndup (acronym, length);
  const char *t = ctx->units[unit].target;
  gsize n = strlen (t), pos = 0;
  QaWord w;
  while (bitext_qa__next_word (t, n, &pos, &w))
    {
      if (w.script == ctx->src_script || w.n_upper != w.n_letters || w.n_letters < 2)
        continue;
      g_autofree char *word = g_strndup (t + w.start, w.end - w.start);
      if (bitext_terms__translit_similarity (word, latin) > QA_NAME_SIMILARITY)
        return TRUE;
    }
  return FALSE;
}

/*
** Whether s[start, end) is a part of a hyphenated compound, joined by a
** hyphen to letters before or after it ("Pre-base", "Pre-Depends",
** "post-Debian"): the compound is one word, its parts morphemes, and a
** part is not the name its letters spell where they stand alone. A
** translation renders "Pre-base Substitutions" whole («Предварительные
** замены») even where it keeps the field name "Pre-Depends" in Latin.
*/
static gboolean
compound_part (const char *s, gsize start, gsize end)
{
  gboolean before = start >= 2 && s[start - 1] == '-' && g_ascii_isalpha (s[start - 2]);
  gboolean after = s[end] == '-' && g_ascii_isalpha (s[end + 1]);
  return before || after;
}

/*
** For the words kept in @min_kept units or more, count the units whose source
** has the word and whose target does not keep it; their source spans go to
** @translated (SpellingWord, one per unit and word). A source word in lower
** case is not a kept word written with a capital: "a window" is not the name
** X Window, "the system bus" not D-Bus's Bus, "alt." (alternative) not the
** key Alt. (The converse does not hold: software strings capitalise a
** message's first word, "End of file" beside the key End, so a capital there
** says nothing.) A part of a hyphenated compound (compound_part) is no
** occurrence of the name.
*/
static void
count_translated (QaContext *ctx, GHashTable *stats, GArray *stat_of, guint min_kept,
                  GArray *translated, GPtrArray *translated_stat)
{
  GHashTableIter it;
  gpointer value;
  gboolean any = FALSE;
  g_hash_table_iter_init (&it, stats);
  while (g_hash_table_iter_next (&it, NULL, &value))
    any |= ((NameStat *) value)->kept >= min_kept;
  if (!any)
    return;
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GPtrArray) here = g_ptr_array_new ();    /* the stats the unit's target keeps */
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();    /* the stats counted for this unit */
  const GArray *words = ctx->kept_words;
  guint k = 0;
  for (guint i = 0; i < ctx->n_units; i++)
    {
      g_ptr_array_set_size (here, 0);
      g_ptr_array_set_size (seen, 0);
      for (; k < words->len && g_array_index (words, SpellingWord, k).unit == i; k++)
        g_ptr_array_add (here, g_array_index (stat_of, NameStat *, k));
      if (!ctx->term_checked[i])
        continue;
      const char *s = ctx->units[i].source;
      gsize length = strlen (s), pos = 0;
      QaWord w;
      while (bitext_qa__next_word (s, length, &pos, &w))
        {
          if (w.script != ctx->src_script || compound_part (s, w.start, w.end))
            continue;
          fold_word (s, w.start, w.end, key);
          NameStat *st = g_hash_table_lookup (stats, key->str);
          if (st == NULL || st->kept < min_kept
              || (st->capital && w.n_upper == 0)
              || g_ptr_array_find (here, st, NULL) || g_ptr_array_find (seen, st, NULL))
            continue;
          g_ptr_array_add (seen, st);
          if (target_has (ctx, i, key->str))
            continue;             /* kept where it is excused (GNU/Linux in a path, a tag) */
          st->translated++;
          if (!st->acronym_transcribed && w.n_upper == w.n_letters && w.n_letters >= 2)
            st->acronym_transcribed = writes_acronym (ctx, i, s + w.start, w.end - w.start);
          SpellingWord sw = { i, w.start, w.end };
          g_array_append_val (translated, sw);
          g_ptr_array_add (translated_stat, st);
        }
    }
}

/* What the rules for documents consult; loaded once a run, when it has kept words. */
typedef struct
{
  GHashTable *stop;             /* the source language's function words (folded) */
  BitextTermMorph *src_morph;   /* the source language's dictionary, or NULL */
  BitextTermMorph *tgt_morph;   /* the target language's, or NULL */
  BitextGlossary *glossary;     /* a matcher of the run's glossary, or NULL */
} Lexicon;

static void
lexicon_clear (Lexicon *lx)
{
  g_clear_pointer (&lx->stop, g_hash_table_unref);
  g_clear_pointer (&lx->src_morph, bitext_term_morph_free);
  g_clear_pointer (&lx->tgt_morph, bitext_term_morph_free);
  g_clear_pointer (&lx->glossary, bitext_glossary_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Lexicon, lexicon_clear)

static void
lexicon_load (Lexicon *lx, const QaContext *ctx)
{
  const char *src = ctx->options->src_lang, *tgt = ctx->options->tgt_lang;
  lx->stop = bitext_terms__ref_stop_words (src);
  lx->src_morph = src != NULL ? bitext_term_morph_new (src, NULL) : NULL;
  lx->tgt_morph = tgt != NULL ? bitext_term_morph_new (tgt, NULL) : NULL;
  if (ctx->options->glossary != NULL)
    lx->glossary = bitext_glossary__dup_matcher (ctx->options->glossary);
}

/* Whether @pos of @s begins a sentence: only spaces and opening quotes or brackets since the
** text's start or since a . ! ? or … */
static gboolean
starts_sentence (const char *s, gsize pos)
{
  const char *p = s + pos;
  while (p > s)
    {
      const char *q = g_utf8_prev_char (p);
      gunichar c = g_utf8_get_char (q);
      GUnicodeType type = g_unichar_type (c);
      if (!g_unichar_isspace (c) && type != G_UNICODE_OPEN_PUNCTUATION
          && type != G_UNICODE_INITIAL_PUNCTUATION && c != '"' && c != '\'')
        return c == '.' || c == '!' || c == '?' || c == 0x2026;
      p = q;
    }
  return TRUE;
}

/*
** Whether target word @w, copied from the source at @src_pos, is a common
** word of the source language: in lower case, or capitalised only where it
** begins the source's sentence, and in the source's dictionary (Hunspell
** lists names with their capital). Without a dictionary, every such word.
** Acronyms (NATO), mixed case (PPPoE), a capital inside a sentence (the
** Continue button, Linux Foundation) and words no dictionary has (udev,
** debootstrap) are names and code.
*/
static gboolean
is_common_word (const Lexicon *lx, const char *s, gsize src_pos, const char *t, const QaWord *w)
{
  if (w->n_upper > 1
      || (w->n_upper == 1
          && (!g_unichar_isupper (g_utf8_get_char (t + w->start))
              || !starts_sentence (s, src_pos))))
    return FALSE;
  if (lx->src_morph == NULL)
    return TRUE;
  g_autofree char *lower = g_utf8_strdown (t + w->start, (gssize) (w->end - w->start));
  return bitext_terms__morph_spell (lx->src_morph, lower, FALSE);
}

/*
** Whether the word before @start in @t, with nothing but spaces between,
** is an adjective or a participle of the target language («в российских
** media», «успешное computer aided exercise»): it agrees with the word
** after it, so that word is used as a word of the sentence, not mentioned.
*/
static gboolean
follows_adjective (const QaContext *ctx, const Lexicon *lx, const char *t, gsize start)
{
  if (lx->tgt_morph == NULL)
    return FALSE;
  gsize pos = 0;
  QaWord w, last = { 0 };
  while (bitext_qa__next_word (t, start, &pos, &w))
    last = w;
  if (last.end == 0 || last.script != ctx->tgt_script
      || strspn (t + last.end, " ") < start - last.end)
    return FALSE;
  g_autofree char *lower = g_utf8_strdown (t + last.start, (gssize) (last.end - last.start));
  return bitext_terms__morph_is_adjective (lx->tgt_morph, lower);
}

typedef enum
{
  KEPT_MENTION,             /* a name, code or a word mentioned: a note */
  KEPT_NOT_IN_SOURCE,       /* not copied from the source as written */
  KEPT_PROSE,               /* source-language prose: a function word */
  KEPT_AGAINST_TEXT,        /* a name or code word the text translates elsewhere */
  KEPT_AGAINST_GLOSSARY,    /* a word of a glossary term that has a rendering */
  KEPT_AS_WORD,             /* a common word an adjective agrees with */
} KeptKind;

/*
** Whether the run of kept words [k0, k1) reads as source-language prose: a
** function word of the source language inside it, after a space ("Perform
** the actual installation according to", "For more information about").
** One that opens the run or is joined by a hyphen is more likely a command or
** an identifier ("make install", "apt-get", "do-release-upgrade").
*/
static gboolean
is_prose_run (const QaContext *ctx, const Lexicon *lx, guint k0, guint k1)
{
  const GArray *words = ctx->kept_words;
  for (guint k = k0 + 1; k < k1; k++)
    {
      const SpellingWord *sw = &g_array_index (words, SpellingWord, k);
      const char *t = ctx->units[sw->unit].target;
      if (t[sw->start - 1] != ' ' || t[sw->end] == '-'
          || bitext_qa__all_capitals (t, sw->start, sw->end))
        continue;
      g_autofree char *f = bitext_qa__fold (t + sw->start, (gssize) (sw->end - sw->start));
      if (g_hash_table_contains (lx->stop, f))
        return TRUE;
    }
  return FALSE;
}

/*
** Why the run of kept words [k0, k1) of one unit, copied as written from
** its source at @at, is left untranslated in a document; KEPT_MENTION when
** nothing says so. Russian technical writing keeps names, acronyms, code,
** commands and values in Latin («команда expert», «кнопка Continue», «пакет
** udev»), so a word copied from the source is a finding only when something
** shows it belongs to the sentence: source-language prose (is_prose_run),
** in the run or, for a common word, elsewhere in the unit (@unit_prose: the
** unit shows English left in it), an approved rendering in the glossary,
** more units that translate the same name than keep it (the definition of
** the text's usual choice, as for names: NATO in one unit, НАТО in the
** rest; for an acronym, only when they write it as a Cyrillic acronym:
** Russian technical prose uses a Latin acronym beside its expansion in
** words, RAM beside «оперативная память», USB beside «универсальная
** последовательная шина», as two accepted forms of one term), or an
** adjective that agrees with it (a common word used as a
** Russian noun: «в российских media»). Other units that translate a common
** word are no such sign: they use it in prose, this unit may mention it.
*/
static KeptKind
document_kept_kind (const QaContext *ctx, const Lexicon *lx, const GArray *stat_of, guint k0,
                    guint k1, gsize at, gboolean unit_prose, guint *n_translated)
{
  if (is_prose_run (ctx, lx, k0, k1))
    return KEPT_PROSE;
  const GArray *words = ctx->kept_words;
  const SpellingWord *first = &g_array_index (words, SpellingWord, k0);
  const BitextQaUnit *u = &ctx->units[first->unit];
  const char *t = u->target;
  for (guint k = k0; k < k1; k++)
    {
      const SpellingWord *sw = &g_array_index (words, SpellingWord, k);
      gsize pos = sw->start;
      QaWord w;
      if (!bitext_qa__next_word (t, sw->end, &pos, &w))
        continue;
      gboolean common = is_common_word (lx, u->source, at + (sw->start - first->start), t, &w);
      const NameStat *st = g_array_index (stat_of, NameStat *, k);
      *n_translated = st->translated;
      if (common && unit_prose)
        return KEPT_PROSE;
      if (!common && st->translated > st->kept
          && (w.n_upper != w.n_letters || w.n_letters < 2 || st->acronym_transcribed))
        return KEPT_AGAINST_TEXT;
      if (lx->glossary != NULL
          && bitext_glossary__has_word (lx->glossary, BITEXT_GLOSSARY_SOURCE, t, &w))
        return KEPT_AGAINST_GLOSSARY;
      if (k == k0 && common && follows_adjective (ctx, lx, t, w.start))
        return KEPT_AS_WORD;
    }
  return KEPT_MENTION;
}

/*
** Whether t[start, end) is written as a manual-page reference: the name, then
** the section in parentheses with nothing between ("open(2)", "mkfifo(3)",
** "systemd.unit(5)", "ls(1p)"). The Unix manuals' convention names a
** function, a command or a file by it, so the word is code, not prose.
*/
static gboolean
is_man_reference (const char *t, gsize end)
{
  const char *p = t + end;
  if (*p++ != '(' || !g_ascii_isdigit (*p++))
    return FALSE;
  while (g_ascii_isalnum (*p))
    p++;
  return *p == ')';
}

/*
** Whether the run t[start, end) of two words or more is the expansion of an
** acronym the target keeps: the initials of its words spell a word in
** capitals of the target ("First In First Out" beside FIFO, «сокращение от
** First In First Out, первым вошёл, первым вышел»). The acronym is the
** source language's, and its expansion says what its letters are: kept on
** purpose, as a gloss is.
*/
static gboolean
expands_acronym (const char *t, gsize start, gsize end)
{
  g_autoptr(GString) initials = g_string_new (NULL);
  gsize pos = start;
  QaWord w;
  while (bitext_qa__next_word (t, end, &pos, &w))
    g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (t + w.start)));
  if (initials->len < 2 || g_utf8_strlen (initials->str, -1) < 2)
    return FALSE;
  pos = 0;
  while (bitext_qa__next_word (t, strlen (t), &pos, &w))
    if (w.end - w.start == initials->len && w.n_upper == w.n_letters
        && strncmp (t + w.start, initials->str, initials->len) == 0)
      return TRUE;
  return FALSE;
}

/*
** Whether the run of kept words [k0, k1), not in its unit's source, is one
** word that is no function word of the source language («compgen
** предназначен для использования в функциях bash» for "Intended to be used
** from within a shell function"): a translator who names the command or
** the program the sentence is about has made it explicit. English left in a
** target shows as a run of words or a function word ("see", "according
** to"), which stay warnings.
*/
static gboolean
lone_added_word (const QaContext *ctx, const Lexicon *lx, guint k0, guint k1)
{
  if (k1 - k0 != 1)
    return FALSE;
  const SpellingWord *sw = &g_array_index (ctx->kept_words, SpellingWord, k0);
  g_autofree char *f = bitext_qa__fold (ctx->units[sw->unit].target + sw->start,
                                        (gssize) (sw->end - sw->start));
  return !g_hash_table_contains (lx->stop, f);
}

/* Whether kept word @k is a name by convention joined to the run [k0, k1) of its unit by
** spaces or a hyphen: the run is then part of a longer name (X Window System, Linux
** Foundation). */
static gboolean
joins_name (const QaContext *ctx, const GArray *stat_of, guint k, guint k0, guint k1)
{
  const GArray *words = ctx->kept_words;
  if (k >= words->len || !g_array_index (stat_of, NameStat *, k)->name)
    return FALSE;
  const SpellingWord *w = &g_array_index (words, SpellingWord, k);
  const SpellingWord *a = &g_array_index (words, SpellingWord, k < k0 ? k : k1 - 1);
  const SpellingWord *b = &g_array_index (words, SpellingWord, k < k0 ? k0 : k);
  const char *t = ctx->units[w->unit].target;
  return a->unit == b->unit && strspn (t + a->end, " -") >= b->start - a->end;
}

/* One finding for the run of kept words [k0, k1) of one unit; @unit_prose: some run of the
** unit is prose (is_prose_run). */
static void
flag_term_run (QaContext *ctx, const Lexicon *lx, const GArray *stat_of, guint k0, guint k1,
               gboolean unit_prose)
{
  const SpellingWord *first = &g_array_index (ctx->kept_words, SpellingWord, k0);
  const SpellingWord *last = &g_array_index (ctx->kept_words, SpellingWord, k1 - 1);
  guint i = first->unit;
  gsize start = first->start, end = last->end;
  const BitextQaUnit *u = &ctx->units[i];
  if (!ctx->software
      && ((k0 > 0 && joins_name (ctx, stat_of, k0 - 1, k0, k1))
          || joins_name (ctx, stat_of, k1, k0, k1)))
    return;
  gssize at = find_in_source (u->source, u->target, start, end);
  gsize pa, pb;
  if (at < 0 && find_parted (u->source, u->target, start, end, &pa, &pb))
    {
      bitext_qa__add_finding (ctx, BITEXT_CHECK_UNTRANSLATED_TERM, BITEXT_SEVERITY_INFO, i,
                              (gssize) pa, (gssize) pb, (gssize) start, (gssize) end,
                              "'%.*s' is the source's '%.*s' written apart (a key, a name)",
                              (int) (end - start), u->target + start, (int) (pb - pa),
                              u->source + pa);
      return;
    }
  /* In software strings a word copied as written from the source is most often code the
  ** message mentions (a command, a keyword, a key, a value: "встречена .fail", "нажмите
  ** [Enter]"): a note for the reviewer, not a warning. Documents: document_kept_kind. */
  /* Documents: a lone word the translation adds (lone_added_word), a manual-page reference
  ** and an acronym's expansion kept beside it are mentions too. */
  guint n_translated = 0;
  KeptKind kind = at < 0 ? (!ctx->software && lone_added_word (ctx, lx, k0, k1)
                              ? KEPT_MENTION
                              : KEPT_NOT_IN_SOURCE)
                  : ctx->software ? KEPT_MENTION
                  : is_man_reference (u->target, end) || expands_acronym (u->target, start, end)
                    ? KEPT_MENTION
                    : document_kept_kind (ctx, lx, stat_of, k0, k1, (gsize) at, unit_prose,
                                          &n_translated);
  g_autoptr(GString) message = g_string_new (NULL);
  g_string_printf (message,
                   kind == KEPT_MENTION && at < 0
                     ? "'%.*s' is not in the source: a name or code the translation adds?"
                   : kind == KEPT_MENTION ? "'%.*s' is copied from the source (code or a name?)"
                                          : "'%.*s' is left in the source language",
                   (int) (end - start), u->target + start);
  if (kind == KEPT_AGAINST_TEXT)
    g_string_append_printf (message, " (translated in %u other units)", n_translated);
  else if (kind == KEPT_AGAINST_GLOSSARY)
    g_string_append (message, " (the glossary translates it)");
  bitext_qa__add_finding (ctx, BITEXT_CHECK_UNTRANSLATED_TERM,
                          kind == KEPT_MENTION ? BITEXT_SEVERITY_INFO : BITEXT_SEVERITY_WARNING, i,
                          at, at < 0 ? -1 : at + (gssize) (end - start), (gssize) start,
                          (gssize) end, "%s", message->str);
}

typedef struct
{
  guint k0, k1;             /* kept words [k0, k1) */
  gboolean prose;
} Run;

/* The unit of run @r. */
static guint
run_unit (const QaContext *ctx, const GArray *runs, guint r)
{
  return g_array_index (ctx->kept_words, SpellingWord, g_array_index (runs, Run, r).k0).unit;
}

/* The untranslated-term findings: runs of the words that are not names, unit by unit. */
static void
flag_runs (QaContext *ctx, const Lexicon *lx, const GArray *stat_of)
{
  const GArray *words = ctx->kept_words;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  for (guint k = 0; k < words->len; k++)
    {
      const SpellingWord *w = &g_array_index (words, SpellingWord, k);
      if (g_array_index (stat_of, NameStat *, k)->name)
        continue;
      Run *r = runs->len > 0 ? &g_array_index (runs, Run, runs->len - 1) : NULL;
      const SpellingWord *last = r != NULL ? &g_array_index (words, SpellingWord, r->k1 - 1) : NULL;
      const char *t = ctx->units[w->unit].target;
      if (last != NULL && last->unit == w->unit
          && strspn (t + last->end, " -'’") >= w->start - last->end)
        r->k1 = k + 1;
      else
        g_array_append_val (runs, ((Run) { k, k + 1, FALSE }));
    }
  if (!ctx->software)
    for (guint r = 0; r < runs->len; r++)
      {
        Run *run = &g_array_index (runs, Run, r);
        run->prose = is_prose_run (ctx, lx, run->k0, run->k1);
      }
  for (guint r = 0, e; r < runs->len; r = e)
    {
      /* [r, e): the runs of one unit */
      guint unit = run_unit (ctx, runs, r);
      gboolean prose = FALSE;
      for (e = r; e < runs->len && run_unit (ctx, runs, e) == unit; e++)
        prose |= g_array_index (runs, Run, e).prose;
      for (guint x = r; x < e; x++)
        flag_term_run (ctx, lx, stat_of, g_array_index (runs, Run, x).k0,
                       g_array_index (runs, Run, x).k1, prose);
    }
}

/* Whether the kept name @name (@length bytes) is a common word of the source language in
** lower case (false, locale). */
static gboolean
common_name (const Lexicon *lx, const NameStat *st, const char *name, gsize length)
{
  if (st->capital || lx->src_morph == NULL)
    return FALSE;
  g_autofree char *word = g_strndup (name, length);
  return bitext_terms__morph_spell (lx->src_morph, word, FALSE);
}

/*
** Whether the target of unit @unit has a word, in the target's script, that
** writes the name @name (@length bytes) by its sound: bytes [*start, *end).
*/
static gboolean
written_by_sound (QaContext *ctx, QaSound *sound, guint unit, const char *name, gsize length,
                  gsize *start, gsize *end)
{
  if (ctx->src_script == ctx->tgt_script)
    return FALSE;
  g_autofree char *key = bitext_qa__sound_key (sound, BITEXT_GLOSSARY_SOURCE, name, (gssize) length);
  return bitext_qa__sound_find (sound, BITEXT_GLOSSARY_TARGET, ctx->units[unit].target,
                                ctx->tgt_script, 1, key, TRUE, start, end);
}

/*
** Whether the target of unit @unit has a word in the target's script that
** starts with a capital and that the target's dictionary does not know
** («Дебиан», «ДЕБИАН»): a name, written some way the sound match does not
** find. A unit whose target lacks a name the text keeps and has no such
** word has left the name out or said it another way (a pronoun, «живая
** система» for "the Debian GNU/Linux live system", the name translated:
** «Оконная система X»): that is the omission check's business when
** anything is missing, and a note here, not a departure from a spelling.
** Without a dictionary for the target, every unit keeps its warning.
*/
static gboolean
unknown_capital (const QaContext *ctx, const Lexicon *lx, guint unit)
{
  if (lx->tgt_morph == NULL)
    return TRUE;
  const char *t = ctx->units[unit].target;
  gsize pos = 0;
  QaWord w;
  while (bitext_qa__next_word (t, strlen (t), &pos, &w))
    {
      if (w.script != ctx->tgt_script || w.n_upper == 0 || w.n_digits > 0
          || !g_unichar_isupper (g_utf8_get_char (t + w.start)))
        continue;
      g_autofree char *word = g_strndup (t + w.start, w.end - w.start);
      g_autofree char *lower = g_utf8_strdown (word, -1);
      if (!bitext_terms__morph_spell (lx->tgt_morph, word, TRUE)
          && !bitext_terms__morph_spell (lx->tgt_morph, lower, TRUE))
        return TRUE;
    }
  return FALSE;
}

/*
** Software strings: whether the kept name @name is also a common word of the
** source language (its lower-case form is in the source's dictionary): the
** keys End and Shift, the value None, the D-Bus Bus, the category Office.
** Interface text writes labels in title case and starts messages with a
** capital, so a unit that says "End index", "Bus error" or "Shift value"
** with a capital may use the common word, which is rightly translated.
** Only a name no dictionary has (Flatpak, AtkHyperlink, Debian) is a name
** in every unit. The dictionary is loaded at the first word asked about.
*/
static gboolean
homonym (const QaContext *ctx, Lexicon *lx, const char *name, gsize length)
{
  if (lx->src_morph == NULL && ctx->options->src_lang != NULL)
    lx->src_morph = bitext_term_morph_new (ctx->options->src_lang, NULL);
  if (lx->src_morph == NULL)
    return FALSE;
  g_autofree char *lower = g_utf8_strdown (name, (gssize) length);
  return bitext_terms__morph_spell (lx->src_morph, lower, FALSE);
}

/*
** Whether the kept name of @st is written with its capital somewhere a
** common word would have none: inside a unit, after its first word, or with
** a capital after its first letter (NumLock). A word capitalised only where
** it opens its unit ("Pre-base Substitutions") is no proof of a name.
*/
static gboolean
capital_inside (const QaContext *ctx, const GArray *stat_of, const NameStat *st, GHashTable *memo)
{
  gpointer v;
  if (g_hash_table_lookup_extended (memo, st, NULL, &v))
    return GPOINTER_TO_INT (v);
  gboolean inside = FALSE;
  for (guint k = 0; k < ctx->kept_words->len && !inside; k++)
    {
      if (g_array_index (stat_of, NameStat *, k) != st)
        continue;
      const SpellingWord *w = &g_array_index (ctx->kept_words, SpellingWord, k);
      const char *t = ctx->units[w->unit].target;
      for (const char *p = g_utf8_next_char (t + w->start); p < t + w->end && !inside;
           p = g_utf8_next_char (p))
        inside = g_unichar_isupper (g_utf8_get_char (p));
      for (gsize i = 0; i < w->start && !inside; i++)
        inside = g_ascii_isalnum (t[i]) || (guchar) t[i] >= 0x80;
    }
  g_hash_table_insert (memo, (gpointer) st, GINT_TO_POINTER (inside));
  return inside;
}

void
bitext_qa__check_kept_names (QaContext *ctx)
{
  if (ctx->kept_words == NULL || ctx->term_checked == NULL)
    return;
  drop_glosses (ctx);
  g_autoptr(GArray) stat_of = g_array_sized_new (FALSE, FALSE, sizeof (NameStat *),
                                                 ctx->kept_words->len);
  g_autoptr(GHashTable) stats = count_kept (ctx, stat_of);
  g_autoptr(GArray) translated = g_array_new (FALSE, FALSE, sizeof (SpellingWord));
  g_autoptr(GPtrArray) translated_stat = g_ptr_array_new ();
  /* Documents weigh every kept word against the units that translate it (document_kept_kind);
  ** software strings only the names. */
  g_auto(Lexicon) lx = { NULL };
  if (!ctx->software && ctx->kept_words->len > 0)
    lexicon_load (&lx, ctx);
  count_translated (ctx, stats, stat_of, ctx->software ? 2 : 1, translated, translated_stat);

  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, stats);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      NameStat *st = value;
      st->name = st->kept >= 2 && st->kept > st->translated;
    }
  flag_runs (ctx, &lx, stat_of);
  const char *script = ctx->src_script == QA_SCRIPT_LATIN      ? "Latin"
                       : ctx->src_script == QA_SCRIPT_CYRILLIC ? "Cyrillic"
                                                               : "the source's script";

  /* One note per name, at its first kept occurrence; stats are visited in text order. */
  for (guint k = 0; k < ctx->kept_words->len; k++)
    {
      const NameStat *st = g_array_index (stat_of, NameStat *, k);
      if (!st->name || st->first != k)
        continue;
      const SpellingWord *w = &g_array_index (ctx->kept_words, SpellingWord, k);
      const BitextQaUnit *u = &ctx->units[w->unit];
      gssize at = find_in_source (u->source, u->target, w->start, w->end);
      bitext_qa__add_finding (ctx, BITEXT_CHECK_UNTRANSLATED_TERM, BITEXT_SEVERITY_INFO, w->unit,
                              at, at < 0 ? -1 : at + (gssize) (w->end - w->start),
                              (gssize) w->start, (gssize) w->end,
                              "'%.*s' is kept in %s in %u of %u units: a name kept by "
                              "convention",
                              (int) (w->end - w->start), u->target + w->start, script, st->kept,
                              st->kept + st->translated);
    }
  /* Where a name is written in the target's script by its sound (Unicode «Юникод»), the units
  ** that do so: a spelling used in two units or more is the language's other spelling, which
  ** the memory uses too (a choice to make, a note); used once, it is a slip from the convention. */
  g_autoptr(QaSound) sound = bitext_qa__sound_new (ctx->options->src_lang, ctx->options->tgt_lang);
  g_autofree gsize *by_sound = g_new0 (gsize, 2 * (gsize) translated->len + 1);
  g_autoptr(GHashTable) n_by_sound = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) capitals = g_hash_table_new (NULL, NULL);   /* NameStat -> capital_inside */
  for (guint k = 0; k < translated->len; k++)
    {
      const NameStat *st = translated_stat->pdata[k];
      if (!st->name)
        continue;
      const SpellingWord *w = &g_array_index (translated, SpellingWord, k);
      const SpellingWord *first = &g_array_index (ctx->kept_words, SpellingWord, st->first);
      const char *name = ctx->units[first->unit].target + first->start;
      if (written_by_sound (ctx, sound, w->unit, name, first->end - first->start, &by_sound[2 * k],
                            &by_sound[2 * k + 1]))
        g_hash_table_insert (n_by_sound, (gpointer) st,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n_by_sound, st)) + 1));
    }
  for (guint k = 0; k < translated->len; k++)
    {
      const NameStat *st = translated_stat->pdata[k];
      if (!st->name || !ENABLED_CHECK (ctx, BITEXT_CHECK_INCONSISTENCY))
        continue;
      const SpellingWord *w = &g_array_index (translated, SpellingWord, k);
      const SpellingWord *first = &g_array_index (ctx->kept_words, SpellingWord, st->first);
      const char *name = ctx->units[first->unit].target + first->start;
      /* In software strings only a word written as a proper name (Debian, PostgreSQL) is a
      ** name whatever the unit: a lower-case word (pid, stderr) or an acronym (PC, ASCII) is
      ** also code or a common word that a translator may render by its meaning («процесс»,
      ** «ПК»), a note. A document's prose keeps its conventions for acronyms and code too
      ** (GNU, udev), but a common word it keeps as a value or a command (false, locale) is
      ** rendered by its meaning where the prose uses it: a note. */
      gsize length = first->end - first->start;
      gboolean proper = ctx->software
                          ? g_unichar_isupper (g_utf8_get_char (name))
                              && !bitext_qa__all_capitals (name, 0, length)
                              && !homonym (ctx, &lx, name, length)
                              && capital_inside (ctx, stat_of, st, capitals)
                          : !common_name (&lx, st, name, length);
      /* The name written apart (NumLock «Num Lock»): the same name, no finding. */
      gsize pa, pb;
      g_autofree char *whole = g_strndup (name, length);
      if (find_parted (ctx->units[w->unit].target, whole, 0, length, &pa, &pb))
        continue;
      gsize r_start = by_sound[2 * k], r_end = by_sound[2 * k + 1];
      guint n_sound = GPOINTER_TO_UINT (g_hash_table_lookup (n_by_sound, st));
      if (r_end > r_start)
        {
          bitext_qa__add_finding (ctx, BITEXT_CHECK_INCONSISTENCY,
                                  proper && n_sound < 2 ? BITEXT_SEVERITY_WARNING
                                                        : BITEXT_SEVERITY_INFO,
                                  w->unit, (gssize) w->start, (gssize) w->end, (gssize) r_start,
                                  (gssize) r_end,
                                  "'%.*s' is kept in %s in %u of %u units, written «%.*s» here "
                                  "(so in %u): one spelling throughout?",
                                  (int) length, name, script, st->kept, st->kept + st->translated,
                                  (int) (r_end - r_start), ctx->units[w->unit].target + r_start,
                                  n_sound);
          continue;
        }
      gboolean other_spelling = unknown_capital (ctx, &lx, w->unit);
      bitext_qa__add_finding (ctx, BITEXT_CHECK_INCONSISTENCY,
                              proper && other_spelling ? BITEXT_SEVERITY_WARNING
                                                       : BITEXT_SEVERITY_INFO,
                              w->unit, (gssize) w->start, (gssize) w->end, -1, -1,
                              "'%.*s' is kept in %s in %u of %u units, but not here",
                              (int) (first->end - first->start), name, script, st->kept,
                              st->kept + st->translated);
    }
}
