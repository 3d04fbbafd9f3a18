/* bitext — term consistency beyond the glossary: a term the extractor finds, rendered two ways. */
#include <string.h>

#include <bitext/terms.h>

#include "qa-private.h"
#include "terms-private.h"

/*
** Contract. The glossary extractor (terms*.c) pairs the source's terms
** with their usual renderings, learned from the text itself. When it pairs
** a term of two words or more with a rendering of one word ("arms control"
** with «вооружения»), that word is the head of the translator's phrase, and
** the content word before it tells the phrases apart: «контроль над
** вооружениями», «ограничение вооружений». The word used before the head
** in a strict majority of the units that render the term, and in at least
** two (one unit is no convention, as for the names of qa-names.c), is the
** text's usual rendering; each unit with another content word there gets an
** `inconsistency` warning, with the term's span in the source and the
** other phrase in the target, and the message names the usual phrase and
** the unit that first uses it. Terms of the user's glossary are the glossary
** check's business and are left out.
**
** What counts as the same word. The glossary matcher compares Snowball
** stems, which join words of one root: "installed" and "installation" are
** both 'instal', «системе» and «системного» both 'систем'. An occurrence
** of the term in the source, and of its rendering in the target, must be
** the same word up to inflection: the word as written, or a word with a
** Hunspell dictionary entry in common with it ("installed system" is no
** occurrence in "installation system"); a word the dictionary does not
** know keeps the stem match. The words before the head are compared the
** same way, by dictionary entry («конец», «конца»), and two words of one
** family, one's stem beginning the other's and five letters at least
** («установка», «установите»: the noun and the verb of one root), are one
** choice of word in another syntax, not another term.
**
** What is no term rendering. A rendering that is an adjective by every
** dictionary entry («последней» for "command executed", «установленную» for
** "installed system") is passed over: the head of a Russian noun phrase is
** a noun, and the word before an adjective is the sentence's, not the
** term's («состоянию последней», «Запустите установленную»).
**
** A unit has the usual phrase when one of the three words before the head
** is the usual word, with a word between («конец канала для чтения» beside
** «конец для чтения»), or when the rendering occurs twice and one of them
** has it: the other occurrence is another phrase of the sentence
** («в системе управления пакетами ... в установленной системе»).
**
** Not done: a unit that lacks the head word too (a rendering with no word
** in common, ПРО beside противоракетная оборона) is not judged: a target
** without the head may as well have left the term out or paraphrased it,
** and the stem matching of inflected phrases («операционных систем») misses
** too often to tell those apart.
**
** The extractor reads an even sample of the units, about as many source
** bytes as the language guess reads (1 MiB): every unit of a document up
** to that size, and a memory of a million units in the time a document
** takes. The warnings are given in the sampled units.
*/

#define SAMPLE_BYTES ((gsize) 1 << 20)

typedef struct
{
  guint *units;             /* the sample: unit indices */
  guint n;
} Sample;

/* The units to read: those the per-unit pass checked, every k-th so that about SAMPLE_BYTES are read. */
static Sample
sample_units (const QaContext *ctx, const gboolean *skip)
{
  gsize total = 0;
  for (guint i = 0; i < ctx->n_units; i++)
    if (!skip[i] && ctx->units[i].source != NULL && ctx->units[i].target != NULL)
      total += strlen (ctx->units[i].source);
  guint step = (guint) (total / SAMPLE_BYTES) + 1, k = 0;
  Sample s = { g_new (guint, ctx->n_units / step + 2), 0 };
  for (guint i = 0; i < ctx->n_units; i++)
    if (!skip[i] && ctx->units[i].source != NULL && ctx->units[i].target != NULL
        && *ctx->units[i].target != '\0' && k++ % step == 0)
      s.units[s.n++] = i;
  return s;
}

/*
** The extracted terms of two words or more, outside the user's glossary, as a glossary.
** @ctx's glossary matcher is this check's own (bitext_qa__renderings_start()).
*/
static BitextGlossary *
learned_terms (QaContext *ctx, const Sample *s)
{
  const BitextQaOptions *o = ctx->options;
  g_autofree BitextTextPair *pairs = g_new (BitextTextPair, s->n + 1);
  for (guint k = 0; k < s->n; k++)
    pairs[k] = (BitextTextPair) { ctx->units[s->units[k]].source, ctx->units[s->units[k]].target };
  BitextTermOptions topts = BITEXT_TERM_OPTIONS_INIT;
  topts.src_lang = o->src_lang;
  topts.tgt_lang = o->tgt_lang;
  g_autoptr(BitextTermList) list = bitext_terms_extract (pairs, s->n, &topts, NULL);
  if (list == NULL)
    return NULL;
  BitextGlossary *own = o->glossary;
  BitextGlossary *g = bitext_glossary_new (o->src_lang, o->tgt_lang);
  for (guint k = 0; k < bitext_term_list_get_n_pairs (list); k++)
    {
      const BitextTermPair *p = bitext_term_list_get_pair (list, k);
      if (strchr (p->source, ' ') == NULL || *p->target == '\0')
        continue;
      if (own != NULL)
        {
          g_autoptr(GArray) m = bitext_glossary_match (own, BITEXT_GLOSSARY_SOURCE, p->source);
          if (m->len > 0)
            continue;
        }
      bitext_glossary_add_entry (g, p->source, p->target, NULL, NULL, NULL);
    }
  return g;
}

/* A content word before an occurrence of a rendering. */
typedef struct
{
  char *word;               /* lower case */
  char *stem;               /* its Snowball stem */
  gssize start;             /* where it starts in the target */
  gssize head_end;          /* where the rendering it stands before ends */
} Context;

static void
clear_context (gpointer p)
{
  g_free (((Context *) p)->word);
  g_free (((Context *) p)->stem);
}

/* One occurrence of a learned term in a unit's source, and the words before its renderings. */
typedef struct
{
  guint entry;
  guint unit;
  gsize start, end;         /* the source span */
  GArray *near;             /* Context: the word right before each rendering (see context_words) */
  GArray *window;           /* Context: every content word of the three before each rendering */
} Use;

static void
clear_use (gpointer p)
{
  g_clear_pointer (&((Use *) p)->near, g_array_unref);
  g_clear_pointer (&((Use *) p)->window, g_array_unref);
}

/* The analysers and stemmer of the run's two languages (any may be NULL). */
typedef struct
{
  BitextTermMorph *src_morph;
  BitextTermMorph *tgt_morph;
  SbStemmer *stemmer;       /* the target's */
} Lex;

static Context
make_context (const Lex *lx, const char *t, const QaWord *w, gsize head_end)
{
  g_autoptr(GString) lower = g_string_new (NULL);
  bitext_qa__lower (t + w->start, w->end - w->start, lower);
  const sb_symbol *stem = NULL;
  if (lx->stemmer != NULL)
    stem = sb_stemmer_stem (lx->stemmer, (const sb_symbol *) lower->str, (int) lower->len);
  char *st = stem != NULL ? g_strndup ((const char *) stem, (gsize) sb_stemmer_length (lx->stemmer))
                          : g_strdup (lower->str);
  return (Context) { g_string_free (g_steal_pointer (&lower), FALSE), st, (gssize) w->start,
                     (gssize) head_end };
}

/*
** The content words before the rendering at [@start, @end) of @t: into
** @window every one among the three words before it, into @near the last
** content word before it when at most one word stands between (the
** function word of «контроль над вооружениями»). Words of three letters or
** fewer are passed over as function words (над, об, the, of: the
** prepositions, conjunctions and articles of Russian and English are
** nearly all that short; the content words of terms are longer).
*/
static void
context_words (const Lex *lx, const char *t, gsize start, gsize end, GArray *near, GArray *window)
{
  QaWord words[3], w;
  guint n = 0;
  gsize pos = 0;
  while (bitext_qa__next_word (t, start, &pos, &w))
    {
      if (n == G_N_ELEMENTS (words))
        memmove (words, words + 1, sizeof words - sizeof words[0]), n--;
      words[n++] = w;
    }
  gboolean near_done = FALSE;
  for (guint k = n; k-- > 0;)
    {
      if (words[k].n_letters <= 3 || words[k].n_digits > 0)
        continue;
      Context c = make_context (lx, t, &words[k], end);
      if (!near_done && n - 1 - k <= 1)
        {
          Context d = make_context (lx, t, &words[k], end);
          g_array_append_val (near, d);
        }
      near_done = TRUE;
      g_array_append_val (window, c);
    }
}

/* Whether two words before a head are one choice of word (see the contract). */
static gboolean
same_context (const Lex *lx, const Context *a, const Context *b)
{
  if (strcmp (a->stem, b->stem) == 0
      || bitext_terms__morph_same_word (lx->tgt_morph, a->word, b->word) == 1)
    return TRUE;
  const Context *s = strlen (a->stem) <= strlen (b->stem) ? a : b, *l = s == a ? b : a;
  return g_utf8_strlen (s->stem, -1) >= 5 && g_str_has_prefix (l->stem, s->stem);
}

/*
** Whether the words of @span (@length bytes) are those of @phrase up to
** inflection, word for word (see the contract): FALSE when a word pair has
** dictionary entries and none in common. A different number of words (the
** matcher's hyphens and apostrophes) is left to the stem match.
*/
static gboolean
same_words (BitextTermMorph *morph, const char *phrase, const char *span, gsize length)
{
  if (morph == NULL)
    return TRUE;
  g_autoptr(GPtrArray) a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func (g_free);
  const char *texts[2] = { phrase, span };
  gsize lengths[2] = { strlen (phrase), length };
  GPtrArray *lists[2] = { a, b };
  for (guint side = 0; side < 2; side++)
    {
      gsize pos = 0;
      QaWord w;
      while (bitext_qa__next_word (texts[side], lengths[side], &pos, &w))
        {
          GString *lower = g_string_new (NULL);
          bitext_qa__lower (texts[side] + w.start, w.end - w.start, lower);
          g_ptr_array_add (lists[side], g_string_free (lower, FALSE));
        }
    }
  if (a->len != b->len)
    return TRUE;
  for (guint k = 0; k < a->len; k++)
    if (bitext_terms__morph_same_word (morph, a->pdata[k], b->pdata[k]) == 0)
      return FALSE;
  return TRUE;
}

/* Whether the rendering of the learned pair @e is a head whose word before it tells
** renderings apart (see the contract). */
static gboolean
judged_entry (const Lex *lx, const BitextGlossaryEntry *e)
{
  if (strchr (e->targets[0], ' ') != NULL)
    return FALSE;           /* the rendering is a phrase already: the word before it is context */
  g_autofree char *r = g_utf8_strdown (e->targets[0], -1);
  return !bitext_terms__morph_is_adjective_entry (lx->tgt_morph, r);
}

static int
compare_uses (gconstpointer a, gconstpointer b)
{
  const Use *x = a, *y = b;
  if (x->entry != y->entry)
    return x->entry < y->entry ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/*
** A rendering of one word for a term of several (the extractor's
** «вооружения» for "arms control") is the head of a longer phrase: when a strict majority, two or more, of
** the units that render it have the same content word before it
** («контроль над вооружениями»), the units with another word there
** («ограничении вооружений») have rendered the term another way.
**
** In software strings this is a note. A memory of messages merges many
** programs and translators, each consistent within its own catalogue at
** most, and a message is too short for the word before the head to be the
** term's rather than the message's own wording: "unable to find" gives
** «не удалось найти» in one catalogue and «невозможно найти» in another,
** both standard; "channel binding" «привязка»/«связывание каналов» in two
** programs. (Debian's catalogues: 37 such warnings, about one in ten a
** real difference of terms.)
*/
static gboolean
has_context (const Lex *lx, const GArray *list, const Context *c)
{
  for (guint k = 0; k < list->len; k++)
    if (same_context (lx, &g_array_index (list, Context, k), c))
      return TRUE;
  return FALSE;
}

static void
flag_context (QaContext *ctx, const Lex *lx, BitextGlossary *g, const Use *uses, guint n)
{
  const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, uses[0].entry);
  if (!judged_entry (lx, e))
    return;
  const Context *best = NULL;
  guint best_n = 0, with = 0;
  for (guint k = 0; k < n; k++)
    {
      with += uses[k].near->len > 0;
      for (guint x = 0; x < uses[k].near->len; x++)
        {
          const Context *cand = &g_array_index (uses[k].near, Context, x);
          guint c = 0;
          for (guint j = 0; j < n; j++)
            c += has_context (lx, uses[j].near, cand);
          if (c > best_n)
            best = cand, best_n = c;
        }
    }
  if (best == NULL || best_n < 2 || 2 * best_n <= with)
    return;
  const Context *f = NULL;
  guint first = 0;
  for (guint k = 0; k < n && f == NULL; k++)
    for (guint x = 0; x < uses[k].near->len && f == NULL; x++)
      if (same_context (lx, &g_array_index (uses[k].near, Context, x), best))
        f = &g_array_index (uses[k].near, Context, x), first = k;
  const char *ft = ctx->units[uses[first].unit].target;
  for (guint k = 0; k < n; k++)
    {
      const Use *u = &uses[k];
      if (u->near->len == 0 || has_context (lx, u->window, best))
        continue;
      const Context *c = &g_array_index (u->near, Context, 0);
      bitext_qa__add_finding (ctx, BITEXT_CHECK_INCONSISTENCY,
                              ctx->software ? BITEXT_SEVERITY_INFO : BITEXT_SEVERITY_WARNING, u->unit,
                              (gssize) u->start, (gssize) u->end, c->start, c->head_end,
                              "'%s' is rendered '%.*s' in %u of %u units (first in unit %u), "
                              "otherwise here",
                              e->source, (int) (f->head_end - f->start), ft + f->start, best_n,
                              with, ctx->units[uses[first].unit].index);
    }
}

/* The uses of the learned terms in unit @i: source occurrences and the words before their
** renderings in the target. */
static void
collect_uses (QaContext *ctx, const Lex *lx, BitextGlossary *g, guint i, GArray *uses)
{
  const char *src = ctx->units[i].source, *tgt = ctx->units[i].target;
  g_autoptr(GArray) sm = bitext_glossary_match (g, BITEXT_GLOSSARY_SOURCE, src);
  if (sm->len == 0)
    return;
  g_autoptr(GArray) tm = bitext_glossary_match (g, BITEXT_GLOSSARY_TARGET, tgt);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  for (guint x = 0; x < sm->len; x++)
    {
      const BitextTermMatch *m = &g_array_index (sm, BitextTermMatch, x);
      const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, m->entry);
      if (g_hash_table_contains (seen, GUINT_TO_POINTER (m->entry + 1))
          || !same_words (lx->src_morph, e->source, src + m->start, m->end - m->start))
        continue;
      g_hash_table_add (seen, GUINT_TO_POINTER (m->entry + 1));
      Use u = { m->entry, i, m->start, m->end, g_array_new (FALSE, FALSE, sizeof (Context)),
                g_array_new (FALSE, FALSE, sizeof (Context)) };
      g_array_set_clear_func (u.near, clear_context);
      g_array_set_clear_func (u.window, clear_context);
      for (guint y = 0; y < tm->len; y++)
        {
          const BitextTermMatch *r = &g_array_index (tm, BitextTermMatch, y);
          if (r->entry == m->entry
              && same_words (lx->tgt_morph, e->targets[0], tgt + r->start, r->end - r->start))
            context_words (lx, tgt, r->start, r->end, u.near, u.window);
        }
      g_array_append_val (uses, u);
    }
}

static void
check_renderings (QaContext *ctx, const gboolean *skip)
{
  const BitextQaOptions *o = ctx->options;
  if (o->src_lang == NULL || o->tgt_lang == NULL || ctx->n_units == 0)
    return;
  Sample s = sample_units (ctx, skip);
  g_autofree guint *sampled = s.units;
  g_autoptr(BitextGlossary) g = learned_terms (ctx, &s);
  if (g == NULL || bitext_glossary_get_n_entries (g) == 0)
    return;
  g_autoptr(GArray) uses = g_array_new (FALSE, FALSE, sizeof (Use));
  g_array_set_clear_func (uses, clear_use);
  g_autoptr(BitextTermMorph) src_morph = bitext_term_morph_new (o->src_lang, NULL);
  g_autoptr(BitextTermMorph) tgt_morph = bitext_term_morph_new (o->tgt_lang, NULL);
  g_autoptr(SbStemmer) stemmer = bitext_terms__stemmer_new (o->tgt_lang);
  Lex lx = { src_morph, tgt_morph, stemmer };
  for (guint k = 0; k < s.n; k++)
    collect_uses (ctx, &lx, g, s.units[k], uses);
  g_array_sort (uses, compare_uses);
  const Use *v = (const Use *) (void *) uses->data;
  for (guint a = 0, b; a < uses->len; a = b)
    {
      for (b = a + 1; b < uses->len && v[b].entry == v[a].entry; b++)
        ;
      flag_context (ctx, &lx, g, v + a, b - a);
    }
}

/*
** The check reads only the units, the options and the profile, and its
** term extraction is the longest of the whole-text checks (on a memory of
** a million units, a third of the time after the per-unit pass): it runs on
** its own thread with a copy of the context that has its own findings and
** its own glossary matcher (matching changes the matcher's stem caches).
*/
struct _QaRenderings
{
  QaContext ctx;
  BitextQaOptions opts;
  const gboolean *skip;
  GThread *thread;
};

static gpointer
renderings_thread (gpointer data)
{
  QaRenderings *run = data;
  check_renderings (&run->ctx, run->skip);
  return NULL;
}

QaRenderings *
bitext_qa__renderings_start (const QaContext *ctx, const gboolean *skip)
{
  QaRenderings *run = g_new0 (QaRenderings, 1);
  run->opts = *ctx->options;
  if (run->opts.glossary != NULL)
    run->opts.glossary = bitext_glossary__dup_matcher (ctx->options->glossary);
  run->ctx = (QaContext) { .units = ctx->units, .n_units = ctx->n_units, .options = &run->opts,
                           .src_script = ctx->src_script, .tgt_script = ctx->tgt_script,
                           .unit_begin = 0, .unit_end = ctx->n_units,
                           .software = ctx->software };
  run->ctx.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) bitext_finding_free);
  run->skip = skip;
  run->thread = g_thread_try_new ("bitext-qa-terms", renderings_thread, run, NULL);
  if (run->thread == NULL)
    renderings_thread (run);
  return run;
}

void
bitext_qa__renderings_finish (QaContext *ctx, QaRenderings *run)
{
  if (run->thread != NULL)
    g_thread_join (run->thread);
  g_ptr_array_extend_and_steal (ctx->findings, g_steal_pointer (&run->ctx.findings));
  if (run->opts.glossary != ctx->options->glossary)
    bitext_glossary_free (run->opts.glossary);
  g_free (run);
}
