/* bitext — the memory filters: units a translation memory is better without.
 *
 * One classifier for every tool that writes a memory: `align --format tmx`
 * and `tm import` apply it through the TMX writer's options, `tm clean`
 * to an existing memory. A unit is flagged, in this order, when:
 *   - a side is missing or blank (nothing to match or nothing to offer);
 *   - a side holds no letter: numbers, punctuation or symbols alone (page
 *     numbers, "17 / 57", bullets), which a CAT tool's own placeables
 *     handle and which only pollute fuzzy matching and glossaries;
 *   - the target is the source (EN=EN copies) and the source holds a
 *     phrase of a natural language (bitext__has_phrase(): two words in a
 *     row, or a clause of a script written without spaces): a sentence
 *     left in the source language is untranslated, and a memory must not
 *     offer it as a translation. In the Debian installation guide's HTML
 *     (tests/bench/formats) most identical units are English paragraphs
 *     the Russian version has not translated yet. An identical unit
 *     without a phrase is kept: a path, URL, option, command, number label,
 *     name, key or menu label ("/etc/fstab", "--help", "D.5.", "Linux",
 *     "aptitude safe-upgrade", "Search", "Vertical-Split") stays what it is
 *     in the translation it came from, and a translator expects the memory
 *     to fill it in (OmegaT inserts it as any exact match). The Russian
 *     pages of the aptitude manual (tests/bench/formats, SET=aptitude) keep
 *     641 of OmegaT's 3,480 distinct segments as they are, nearly all of
 *     them keys, commands, options and names;
 *   - its x-bitext-score, the aligner's confidence, is below the minimum
 *     asked for (units without a score pass).
 * Texts are compared in the plain view (native codes dropped) with the
 * white space at the ends ignored.
 */
#include "bitext/tm.h"

#include <math.h>
#include <string.h>

#include "bitext/tmx.h"
#include "text-private.h"
#include "tmx-private.h"

static const char *const reason_names[BITEXT_TM_FILTER_N_REASONS] = {
  [BITEXT_TM_FILTER_KEEP] = "kept",
  [BITEXT_TM_FILTER_EMPTY] = "empty",
  [BITEXT_TM_FILTER_NO_LETTERS] = "no-letters",
  [BITEXT_TM_FILTER_IDENTICAL] = "identical",
  [BITEXT_TM_FILTER_LOW_SCORE] = "low-score",
};

/* Returns: (transfer none): the reason's name, as in the reports and in the x-bitext-filter prop */
const char *
bitext_tm_filter_reason_name (BitextTmFilterReason reason)
{
  g_return_val_if_fail (reason < BITEXT_TM_FILTER_N_REASONS, NULL);
  return reason_names[reason];
}

/* @text without the white space at its ends: [*start, *start + *length). */
static void
trim (const char *text, const char **start, gsize *length)
{
  const char *end = text + strlen (text);
  while (text < end && g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);
  while (end > text)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  *start = text;
  *length = (gsize) (end - text);
}

static gboolean
wants (const BitextTmFilter *filter, BitextTmFilterReason reason)
{
  return (filter->reasons & BITEXT_TM_FILTER_BIT (reason)) != 0;
}

/**
 * bitext_tm_filter_classify_texts:
 * @filter: which filters apply
 * @source: (nullable): the source text (plain view), %NULL when the unit has none
 * @target: (nullable): the target text
 * @score: the aligner's confidence in [0, 1], or NAN when unknown
 *
 * Returns: the first reason (in the order of #BitextTmFilterReason) that
 *   flags the unit, or %BITEXT_TM_FILTER_KEEP
 */
BitextTmFilterReason
bitext_tm_filter_classify_texts (const BitextTmFilter *filter, const char *source,
                                 const char *target, double score)
{
  g_return_val_if_fail (filter != NULL, BITEXT_TM_FILTER_KEEP);
  const char *s = "", *t = "";
  gsize s_len = 0, t_len = 0;
  if (source != NULL)
    trim (source, &s, &s_len);
  if (target != NULL)
    trim (target, &t, &t_len);
  if (wants (filter, BITEXT_TM_FILTER_EMPTY) && (s_len == 0 || t_len == 0))
    return BITEXT_TM_FILTER_EMPTY;
  if (wants (filter, BITEXT_TM_FILTER_NO_LETTERS) && (s_len > 0 || t_len > 0)
      && (!bitext__has_letter (s, s_len) || !bitext__has_letter (t, t_len)))
    return BITEXT_TM_FILTER_NO_LETTERS;
  if (wants (filter, BITEXT_TM_FILTER_IDENTICAL) && s_len > 0 && s_len == t_len
      && memcmp (s, t, s_len) == 0 && bitext__has_phrase (s, s_len))
    return BITEXT_TM_FILTER_IDENTICAL;
  if (wants (filter, BITEXT_TM_FILTER_LOW_SCORE) && !isnan (score) && score < filter->min_score)
    return BITEXT_TM_FILTER_LOW_SCORE;
  return BITEXT_TM_FILTER_KEEP;
}

/**
 * bitext_tm_filter_classify:
 * @header: (nullable): the memory the unit belongs to (its srclang and target language)
 *
 * Classifies @unit by its source and target variants (chosen as `tm export`
 * does, or by @filter's languages) and its x-bitext-score prop.
 *
 * Returns: the reason that flags @unit, or %BITEXT_TM_FILTER_KEEP
 */
BitextTmFilterReason
bitext_tm_filter_classify (const BitextTmFilter *filter, const BitextTm *header,
                           const BitextTmUnit *unit)
{
  g_return_val_if_fail (filter != NULL && unit != NULL, BITEXT_TM_FILTER_KEEP);
  const char *tgt_lang = filter->tgt_lang;
  if (tgt_lang == NULL && header != NULL)
    tgt_lang = bitext_tm_get_tgt_lang (header);
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, filter->src_lang);
  BitextTmVariant *tgt = src != NULL ? bitext_tm_unit_choose_target (unit, src, tgt_lang) : NULL;
  g_autofree char *s = src != NULL ? bitext_tm_variant_dup_plain_text (src) : NULL;
  g_autofree char *t = tgt != NULL ? bitext_tm_variant_dup_plain_text (tgt) : NULL;
  double score = NAN;
  const char *prop = bitext_tm_unit_lookup_prop (unit, BITEXT_TMX_PROP_SCORE);
  if (prop != NULL)
    {
      char *end = NULL;
      double value = g_ascii_strtod (prop, &end);
      if (end != prop && *end == '\0')
        score = value;
    }
  return bitext_tm_filter_classify_texts (filter, s, t, score);
}

/* Add "identical 477, no-letters 124" (the non-zero counts of @counts) to @out. */
void
bitext_tm_filter_append_counts (GString *out, const guint64 *counts)
{
  g_return_if_fail (out != NULL && counts != NULL);
  gboolean first = TRUE;
  for (guint r = BITEXT_TM_FILTER_KEEP + 1; r < BITEXT_TM_FILTER_N_REASONS; r++)
    {
      if (counts[r] == 0)
        continue;
      g_string_append_printf (out, "%s%s %" G_GUINT64_FORMAT, first ? "" : ", ", reason_names[r],
                              counts[r]);
      first = FALSE;
    }
  if (first)
    g_string_append (out, "none");
}
