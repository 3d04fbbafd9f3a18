/* bitext — term consistency beyond the glossary: a term the extractor finds, rendered two ways. */
#include <string.h>

#include <bitext/terms.h>

#include "qa-private.h"

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

/* The extracted terms of two words or more, outside the user's glossary, as a glossary. */
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
  g_autoptr(BitextGlossary) own = o->glossary != NULL ? bitext_glossary__dup_matcher (o->glossary) : NULL;
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

/* One occurrence of a learned term in a unit's source, and whether the target has its rendering. */
typedef struct
{
  guint entry;
  guint unit;
  gsize start, end;         /* the source span */
  gboolean rendered;
  gssize t_start, t_end;    /* the rendering's span in the target when rendered */
  char *context;            /* the stem of the content word before the rendering, or NULL */
  gssize c_start;           /* where that word starts */
} Use;

static void
clear_use (gpointer p)
{
  g_free (((Use *) p)->context);
}

/*
** The stem of the last content word before @start in @t, or NULL: words of
** three letters or fewer are passed over as function words (над, об, the,
** of: the prepositions, conjunctions and articles of Russian and English
** are nearly all that short; the content words of terms are longer).
*/
static char *
context_stem (SbStemmer *stemmer, const char *t, gsize start, gssize *at)
{
  gsize pos = 0;
  QaWord w, last = { 0 };
  gboolean found = FALSE;
  while (bitext_qa__next_word (t, start, &pos, &w))
    if (w.n_letters > 3 && w.n_digits == 0)
      last = w, found = TRUE;
  if (!found)
    return NULL;
  /* Only the word right before the rendering, or one function word away. */
  gsize gap_pos = last.end;
  guint between = 0;
  while (bitext_qa__next_word (t, start, &gap_pos, &w))
    between++;
  if (between > 1)
    return NULL;
  g_autoptr(GString) lower = g_string_new (NULL);
  bitext_qa__lower (t + last.start, last.end - last.start, lower);
  const sb_symbol *stem = sb_stemmer_stem (stemmer, (const sb_symbol *) lower->str, (int) lower->len);
  *at = (gssize) last.start;
  return stem != NULL ? g_strndup ((const char *) stem, (gsize) sb_stemmer_length (stemmer)) : NULL;
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
static void
flag_context (QaContext *ctx, BitextGlossary *g, const Use *uses, guint n)
{
  const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, uses[0].entry);
  if (strchr (e->targets[0], ' ') != NULL)
    return;                 /* the rendering is a phrase already: the word before it is context */
  const char *best = NULL;
  guint best_n = 0, with = 0;
  for (guint k = 0; k < n; k++)
    {
      if (uses[k].context == NULL)
        continue;
      with++;
      guint c = 0;
      for (guint j = 0; j < n; j++)
        c += uses[j].context != NULL && strcmp (uses[j].context, uses[k].context) == 0;
      if (c > best_n)
        best = uses[k].context, best_n = c;
    }
  if (best == NULL || best_n < 2 || 2 * best_n <= with)
    return;
  guint first = 0;
  for (guint k = n; k-- > 0;)
    if (uses[k].context != NULL && strcmp (uses[k].context, best) == 0)
      first = k;
  const Use *f = &uses[first];
  const char *ft = ctx->units[f->unit].target;
  for (guint k = 0; k < n; k++)
    {
      const Use *u = &uses[k];
      if (u->context == NULL || strcmp (u->context, best) == 0)
        continue;
      bitext_qa__add_finding (ctx, BITEXT_CHECK_INCONSISTENCY,
                              ctx->software ? BITEXT_SEVERITY_INFO : BITEXT_SEVERITY_WARNING, u->unit,
                              (gssize) u->start, (gssize) u->end, u->c_start, u->t_end,
                              "'%s' is rendered '%.*s' in %u of %u units (first in unit %u), "
                              "otherwise here",
                              e->source, (int) (f->t_end - f->c_start), ft + f->c_start, best_n,
                              with, ctx->units[f->unit].index);
    }
}

void
bitext_qa__check_renderings (QaContext *ctx, const gboolean *skip)
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
  char code[3] = { g_ascii_tolower (o->tgt_lang[0]), o->tgt_lang[0] != '\0' ? g_ascii_tolower (o->tgt_lang[1]) : '\0', '\0' };
  g_autoptr(SbStemmer) stemmer = sb_stemmer_new (code, "UTF_8");
  for (guint k = 0; k < s.n; k++)
    {
      guint i = s.units[k];
      g_autoptr(GArray) sm = bitext_glossary_match (g, BITEXT_GLOSSARY_SOURCE, ctx->units[i].source);
      if (sm->len == 0)
        continue;
      g_autoptr(GArray) tm = bitext_glossary_match (g, BITEXT_GLOSSARY_TARGET, ctx->units[i].target);
      for (guint x = 0; x < sm->len; x++)
        {
          const BitextTermMatch *m = &g_array_index (sm, BitextTermMatch, x);
          gboolean seen = FALSE;
          const BitextTermMatch *r = NULL;
          for (guint y = 0; y < x; y++)
            seen |= g_array_index (sm, BitextTermMatch, y).entry == m->entry;
          for (guint y = 0; y < tm->len && r == NULL; y++)
            if (g_array_index (tm, BitextTermMatch, y).entry == m->entry)
              r = &g_array_index (tm, BitextTermMatch, y);
          if (seen)
            continue;
          Use u = { m->entry, i, m->start, m->end, r != NULL, r != NULL ? (gssize) r->start : -1,
                    r != NULL ? (gssize) r->end : -1, NULL, -1 };
          if (r != NULL && stemmer != NULL)
            u.context = context_stem (stemmer, ctx->units[i].target, r->start, &u.c_start);
          g_array_append_val (uses, u);
        }
    }
  g_array_sort (uses, compare_uses);
  const Use *v = (const Use *) (void *) uses->data;
  for (guint a = 0, b; a < uses->len; a = b)
    {
      for (b = a + 1; b < uses->len && v[b].entry == v[a].entry; b++)
        ;
      flag_context (ctx, g, v + a, b - a);
    }
}
