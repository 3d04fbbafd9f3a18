/* bitext — a sentence break the translation lost: two source sentences run together in the target. */
#include <math.h>
#include <string.h>

#include "qa-private.h"

/*
** Contract. A unit whose source holds more sentences than its target (an
** n-1 bead of the aligner, src_count > tgt_count) is either a translator's
** merge — two sentences joined by a comma, a conjunction, a dash — or a
** sentence-final mark lost: «…неоднократно подробно их обсуждали Мы с
** готовностью…». In a language with letter case, a common word is written
** with a capital only at the start of a sentence (a name's capital is its
** own: the dictionary lists «Россия», not «россия»), so a capitalised word
** whose lower-case form is a word of the dictionary, right after a
** lower-case letter and a space with no punctuation between them, is where
** a sentence ended without its mark. Russian titles that capitalise a common
** first word («Промежуточного потенциала») look the same, so the place must
** also agree with the source: the characters before it must be as many as
** the source's before one of its sentence breaks, by Gale & Church's length
** model (1993, "A Program for Aligning Sentences in Bilingual Corpora",
** Computational Linguistics 19(1), p. 81: target length ~ N(c·l, s²·l),
** s² = 6.8, c the unit's own ratio of characters). A place within the
** central 95 % of that distribution (|δ| < 1.96) gets a `punctuation`
** warning, the best src_count − tgt_count of them at most.
**
** Needs the target language's Hunspell dictionary (the spelling check's,
** see qa-spell.c); without it, or with the spelling check off, the rule is
** silent. Scripts without case (Han, Arabic) never match.
*/

#define GC_VARIANCE 6.8     /* s², Gale & Church 1993, p. 81 */
#define Z_95 1.959964       /* two-sided 95 % point of the standard normal */

/* Closing marks a sentence end may carry after its final mark: quotes and brackets. */
static gboolean
is_closer (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x00BB || c == 0x201D
         || c == 0x2019;
}

static gboolean
is_final_mark (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/*
** The character offsets at which the source's sentences after the first
** begin: a final mark, closing marks, white space, then an upper-case
** letter (or an opening quote before one).
*/
static GArray *
source_breaks (const char *text)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  gsize chars = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), chars++)
    {
      if (!is_final_mark (g_utf8_get_char (p)))
        continue;
      const char *q = g_utf8_next_char (p);
      while (*q != '\0' && is_closer (g_utf8_get_char (q)))
        q = g_utf8_next_char (q);
      if (!g_unichar_isspace (g_utf8_get_char (q)))
        continue;
      while (*q != '\0' && g_unichar_isspace (g_utf8_get_char (q)))
        q = g_utf8_next_char (q);
      gunichar c = g_utf8_get_char (q);
      if (c == '"' || c == 0x00AB || c == 0x201C || c == 0x201E)
        c = g_utf8_get_char (g_utf8_next_char (q));
      if (g_unichar_isupper (c))
        {
          double at = (double) g_utf8_strlen (text, q - text);
          g_array_append_val (out, at);
        }
    }
  return out;
}

typedef struct
{
  gsize prev_start;         /* bytes: the word before, and the capitalised word */
  gsize end;
  double z;                 /* |δ| against the nearest source break */
} Place;

static int
compare_places (gconstpointer a, gconstpointer b)
{
  double x = ((const Place *) a)->z, y = ((const Place *) b)->z;
  return x < y ? -1 : x > y;
}

void
bitext_qa__check_lost_break (QaContext *ctx, guint i)
{
  const BitextQaUnit *u = &ctx->units[i];
  if (u->src_count < 2 || u->tgt_count == 0 || u->src_count <= u->tgt_count
      || u->source == NULL || u->target == NULL)
    return;
  g_autoptr(GArray) breaks = source_breaks (u->source);
  glong src_chars = g_utf8_strlen (u->source, -1), tgt_chars = g_utf8_strlen (u->target, -1);
  if (breaks->len == 0 || src_chars == 0)
    return;
  double c = (double) tgt_chars / (double) src_chars;
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (Place));
  const char *t = u->target;
  gsize length = strlen (t), pos = 0;
  QaWord prev = { 0 }, w;
  gboolean have_prev = FALSE;
  for (; bitext_qa__next_word (t, length, &pos, &w); prev = w, have_prev = TRUE)
    {
      if (!have_prev || w.n_upper != 1 || w.n_digits > 0 || w.n_letters < 1
          || !g_unichar_isupper (g_utf8_get_char (t + w.start)))
        continue;
      /* A lower-case letter ends the word before, and only white space lies between them. */
      const char *last = g_utf8_prev_char (t + prev.end);
      if (!g_unichar_islower (g_utf8_get_char (last)) || prev.end == w.start)
        continue;
      gboolean blank = TRUE;
      for (const char *p = t + prev.end; p < t + w.start && blank; p = g_utf8_next_char (p))
        blank = g_unichar_isspace (g_utf8_get_char (p));
      if (!blank || bitext_qa__in_code (t, w.start, w.end) || bitext_qa__in_url (t, w.start, w.end))
        continue;
      g_autofree char *word = g_strndup (t + w.start, w.end - w.start);
      if (!bitext_qa__spell_is_common_word (ctx, BITEXT_GLOSSARY_TARGET, word))
        continue;
      double at = (double) g_utf8_strlen (t, (gssize) w.start), best = INFINITY;
      for (guint k = 0; k < breaks->len; k++)
        {
          double l = g_array_index (breaks, double, k);
          best = MIN (best, fabs (at - c * l) / sqrt (GC_VARIANCE * l));
        }
      if (best < Z_95)
        g_array_append_val (places, ((Place) { prev.start, w.end, best }));
    }
  g_array_sort (places, compare_places);
  for (guint k = 0; k < places->len && k < u->src_count - u->tgt_count; k++)
    {
      const Place *p = &g_array_index (places, Place, k);
      g_autofree char *span = g_strndup (t + p->prev_start, p->end - p->prev_start);
      bitext_qa__add_finding (ctx, BITEXT_CHECK_PUNCTUATION, BITEXT_SEVERITY_WARNING, i, -1, -1,
                              (gssize) p->prev_start, (gssize) p->end,
                              "'%s': a sentence runs on with no final mark where the source has "
                              "%u sentences for the target's %u (a full stop lost?)",
                              span, u->src_count, u->tgt_count);
    }
}
