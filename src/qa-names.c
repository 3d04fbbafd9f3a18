/* bitext — untranslated terms and the names a translation keeps, learned from the text itself. */
#include <string.h>

#include "qa-private.h"

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
** are untranslated terms, as before: neighbouring ones separated by spaces,
** hyphens or apostrophes make one warning.
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
} NameStat;

/* The folded word of @w's text, into @key. */
static void
fold_word (const char *text, gsize start, gsize end, GString *key)
{
  g_autofree char *f = bitext_qa__fold (text + start, (gssize) (end - start));
  g_string_assign (key, f);
}

/* Where the flagged words occur in the source, as written, or -1. */
static gssize
find_in_source (const char *s, const char *t, gsize start, gsize end)
{
  g_autofree char *needle = g_strndup (t + start, end - start);
  const char *hit = strstr (s, needle);
  return hit != NULL ? hit - s : -1;
}

/*
** Whether the run [start, end) of @t stands alone in parentheses after words
** of the target's script: «межсетевого экрана (firewall)». Russian technical
** writing gives the original of a term that way, on purpose.
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
    before = w.script == ctx->tgt_script;
  return before;
}

static void
flag_term_run (QaContext *ctx, guint i, gsize start, gsize end)
{
  const BitextQaUnit *u = &ctx->units[i];
  if (is_gloss (ctx, u->target, start, end))
    return;
  gssize at = find_in_source (u->source, u->target, start, end);
  /* In software strings a word copied as written from the source is most often code the
  ** message mentions (a command, a keyword, a key, a value: "встречена .fail", "нажмите
  ** [Enter]"): a note for the reviewer, not a warning. */
  gboolean copied = ctx->software && at >= 0;
  bitext_qa__add_finding (ctx, BITEXT_CHECK_UNTRANSLATED_TERM,
                          copied ? BITEXT_SEVERITY_INFO : BITEXT_SEVERITY_WARNING, i, at,
                          at < 0 ? -1 : at + (gssize) (end - start), (gssize) start, (gssize) end,
                          copied ? "'%.*s' is copied from the source (code or a name?)"
                                 : "'%.*s' is left in the source language",
                          (int) (end - start), u->target + start);
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
** For the words kept in two units or more, count the units whose source has
** the word and whose target does not keep it; their source spans go to
** @translated (SpellingWord, one per unit and word).
*/
static void
count_translated (QaContext *ctx, GHashTable *stats, GArray *stat_of, GArray *translated,
                  GPtrArray *translated_stat)
{
  GHashTableIter it;
  gpointer value;
  gboolean any = FALSE;
  g_hash_table_iter_init (&it, stats);
  while (g_hash_table_iter_next (&it, NULL, &value))
    any |= ((NameStat *) value)->kept >= 2;
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
          if (w.script != ctx->src_script)
            continue;
          fold_word (s, w.start, w.end, key);
          NameStat *st = g_hash_table_lookup (stats, key->str);
          if (st == NULL || st->kept < 2 || g_ptr_array_find (here, st, NULL)
              || g_ptr_array_find (seen, st, NULL))
            continue;
          g_ptr_array_add (seen, st);
          if (target_has (ctx, i, key->str))
            continue;             /* kept where it is excused (GNU/Linux in a path, a tag) */
          st->translated++;
          SpellingWord sw = { i, w.start, w.end };
          g_array_append_val (translated, sw);
          g_ptr_array_add (translated_stat, st);
        }
    }
}

/* The untranslated-term warnings: runs of the words that are not names. */
static void
flag_runs (QaContext *ctx, const GArray *stat_of)
{
  const GArray *words = ctx->kept_words;
  gboolean in_run = FALSE;
  guint run_unit = 0;
  gsize run_start = 0, run_end = 0;
  for (guint k = 0; k < words->len; k++)
    {
      const SpellingWord *w = &g_array_index (words, SpellingWord, k);
      if (g_array_index (stat_of, NameStat *, k)->name)
        continue;
      const char *t = ctx->units[w->unit].target;
      if (in_run && run_unit == w->unit && strspn (t + run_end, " -'’") >= w->start - run_end)
        {
          run_end = w->end;
          continue;
        }
      if (in_run)
        flag_term_run (ctx, run_unit, run_start, run_end);
      in_run = TRUE;
      run_unit = w->unit;
      run_start = w->start;
      run_end = w->end;
    }
  if (in_run)
    flag_term_run (ctx, run_unit, run_start, run_end);
}

void
bitext_qa__check_kept_names (QaContext *ctx)
{
  if (ctx->kept_words == NULL || ctx->term_checked == NULL)
    return;
  g_autoptr(GArray) stat_of = g_array_sized_new (FALSE, FALSE, sizeof (NameStat *),
                                                 ctx->kept_words->len);
  g_autoptr(GHashTable) stats = count_kept (ctx, stat_of);
  g_autoptr(GArray) translated = g_array_new (FALSE, FALSE, sizeof (SpellingWord));
  g_autoptr(GPtrArray) translated_stat = g_ptr_array_new ();
  count_translated (ctx, stats, stat_of, translated, translated_stat);

  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, stats);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      NameStat *st = value;
      st->name = st->kept >= 2 && st->kept > st->translated;
    }
  flag_runs (ctx, stat_of);
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
      ** «ПК»), a note. A document's prose keeps its conventions for those too (GNU). */
      gboolean proper = !ctx->software
                        || (g_unichar_isupper (g_utf8_get_char (name))
                            && !bitext_qa__all_capitals (name, 0, first->end - first->start));
      bitext_qa__add_finding (ctx, BITEXT_CHECK_INCONSISTENCY,
                              proper ? BITEXT_SEVERITY_WARNING : BITEXT_SEVERITY_INFO, w->unit,
                              (gssize) w->start, (gssize) w->end, -1, -1,
                              "'%.*s' is kept in %s in %u of %u units, but not here",
                              (int) (first->end - first->start), name, script, st->kept,
                              st->kept + st->translated);
    }
}
