/* bitext — the aligned pair: its units (joined texts, labels) and the writers. */
#include "pair-private.h"

#include <string.h>

#include "text-private.h"
#include "tmx-private.h"

static const PairSentence *
sentence_at (const BitextPair *pair, guint side, guint index)
{
  return &g_array_index (pair->text[side].sentences, PairSentence, index);
}

/* The sentences start .. start+len of @side joined by single spaces. */
static void
append_joined (GString *out, const BitextPair *pair, guint side, guint start, guint len)
{
  for (guint k = 0; k < len; k++)
    {
      if (k > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, sentence_at (pair, side, start + k)->pub.text);
    }
}

/* A TMX unit's own label and shape, while its bead is still one source sentence. */
static const PairUnitInfo *
unit_info (const BitextPair *pair, const BitextBead *b)
{
  if (pair->unit_info == NULL || b->src_len != 1 || b->tgt_len > 1)
    return NULL;
  return &g_array_index (pair->unit_info, PairUnitInfo, b->src_start);
}

static void
append_label (GString *out, const BitextPair *pair, const BitextBead *b)
{
  const PairUnitInfo *info = unit_info (pair, b);
  if (info != NULL)
    {
      g_string_append (out, info->label);
      return;
    }
  g_autofree char *ids = bitext_bead_format (b);
  g_string_append (out, ids);
}

/**
 * bitext_pair_dup_bead_label:
 *
 * Returns: (transfer full): the bead's label: "[3]:[3,4]", or a TMX unit's "tu 12"
 */
char *
bitext_pair_dup_bead_label (const BitextPair *pair, guint index)
{
  g_return_val_if_fail (pair != NULL && index < pair->beads->len, NULL);
  GString *out = g_string_new (NULL);
  append_label (out, pair, &g_array_index (pair->beads, PairBead, index).bead);
  return g_string_free (out, FALSE);
}

/**
 * bitext_pair_dup_unit_text:
 *
 * Returns: (transfer full): the sentences of @side in bead @index joined by one space
 *   ("" for an empty side)
 */
char *
bitext_pair_dup_unit_text (const BitextPair *pair, guint index, BitextPairSide side)
{
  g_return_val_if_fail (pair != NULL && index < pair->beads->len && side <= 1, NULL);
  const BitextBead *b = &g_array_index (pair->beads, PairBead, index).bead;
  GString *out = g_string_new (NULL);
  append_joined (out, pair, side, side == 0 ? b->src_start : b->tgt_start,
                 side == 0 ? b->src_len : b->tgt_len);
  return g_string_free (out, FALSE);
}

/* A side's text in the units: the sentence itself when there is one, else a joined copy. */
static const char *
unit_side (BitextPair *pair, GString *scratch, guint side, guint start, guint len)
{
  if (len == 0)
    return "";
  if (len == 1)
    return sentence_at (pair, side, start)->pub.text;
  g_string_truncate (scratch, 0);
  append_joined (scratch, pair, side, start, len);
  return g_string_chunk_insert_len (pair->unit_strings, scratch->str, (gssize) scratch->len);
}

/* Rebuild the units and labels after an edit (or for the first time). */
static void
ensure_units (BitextPair *pair)
{
  if (pair->units_valid)
    return;
  g_clear_pointer (&pair->unit_strings, g_string_chunk_free);
  g_clear_pointer (&pair->qa_units, g_array_unref);
  g_clear_pointer (&pair->labels, g_ptr_array_unref);
  pair->unit_strings = g_string_chunk_new (1 << 16);
  pair->qa_units = g_array_sized_new (FALSE, FALSE, sizeof (BitextQaUnit), pair->beads->len);
  pair->labels = g_ptr_array_sized_new (pair->beads->len + 1);
  g_autoptr(GString) scratch = g_string_new (NULL);
  for (guint i = 0; i < pair->beads->len; i++)
    {
      const BitextBead *b = &g_array_index (pair->beads, PairBead, i).bead;
      const PairUnitInfo *info = unit_info (pair, b);
      g_string_truncate (scratch, 0);
      append_label (scratch, pair, b);
      if (info != NULL)
        g_ptr_array_add (pair->labels, (char *) info->label);
      else
        g_ptr_array_add (pair->labels,
                         g_string_chunk_insert_len (pair->unit_strings, scratch->str,
                                                    (gssize) scratch->len));
      BitextQaUnit u = { .source = unit_side (pair, scratch, 0, b->src_start, b->src_len),
                         .target = unit_side (pair, scratch, 1, b->tgt_start, b->tgt_len),
                         .index = i, .src_count = info != NULL ? info->n_src : b->src_len,
                         .tgt_count = info != NULL ? info->n_tgt : b->tgt_len };
      if (b->lone_side != BITEXT_LONE_NONE)
        {
          /* The lone sentence's bytes in the side's text: the sentences before it, each with
             the space that joins it to the next (append_joined ()). */
          guint side = b->lone_side == BITEXT_LONE_SOURCE ? 0 : 1;
          guint start = side == 0 ? b->src_start : b->tgt_start;
          gsize at = 0;
          for (guint k = start; k < b->lone_index; k++)
            at += strlen (sentence_at (pair, side, k)->pub.text) + 1;
          u.lone_side = b->lone_side;
          u.lone_start = at;
          u.lone_end = at + strlen (sentence_at (pair, side, b->lone_index)->pub.text);
        }
      g_array_append_val (pair->qa_units, u);
    }
  g_ptr_array_add (pair->labels, NULL);
  pair->units_valid = TRUE;
}

/**
 * bitext_pair_get_qa_units:
 * @n_units: (out): the number of units (one per bead)
 *
 * The units for bitext_qa_run(): unit i is bead i, its index i, its
 * sentence counts the bead's (a TMX unit's x-bitext-bead shape, or
 * BITEXT_QA_COUNT_UNKNOWN, for a pair read from a TMX file).
 *
 * Returns: (transfer none) (array length=n_units): the units, valid until the next edit
 */
const BitextQaUnit *
bitext_pair_get_qa_units (BitextPair *pair, guint *n_units)
{
  g_return_val_if_fail (pair != NULL && n_units != NULL, NULL);
  ensure_units (pair);
  *n_units = pair->qa_units->len;
  return (const BitextQaUnit *) (void *) pair->qa_units->data;
}

/**
 * bitext_pair_get_labels:
 *
 * Returns: (transfer none) (array zero-terminated=1): one label per bead
 *   (bitext_pair_dup_bead_label()), valid until the next edit
 */
const char *const *
bitext_pair_get_labels (BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, NULL);
  ensure_units (pair);
  return (const char *const *) pair->labels->pdata;
}

/**
 * bitext_pair_dup_text_pairs:
 *
 * The units with both sides non-empty, for bitext_terms_extract().
 *
 * Returns: (transfer container) (element-type BitextTextPair): the pairs; their
 *   strings are valid until the next edit
 */
GArray *
bitext_pair_dup_text_pairs (BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, NULL);
  ensure_units (pair);
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (BitextTextPair), pair->qa_units->len);
  for (guint i = 0; i < pair->qa_units->len; i++)
    {
      const BitextBead *b = &g_array_index (pair->beads, PairBead, i).bead;
      const BitextQaUnit *u = &g_array_index (pair->qa_units, BitextQaUnit, i);
      BitextTextPair p = { u->source, u->target };
      if (b->src_len > 0 && b->tgt_len > 0)
        g_array_append_val (out, p);
    }
  return out;
}

/* Writers ------------------------------------------------------------------------------------- */

gboolean
bitext_pair_format_from_name (const char *name, BitextPairFormat *format)
{
  static const char *const names[] = { "tsv", "jsonl", "beads" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i]) == 0)
      {
        *format = (BitextPairFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* A side's sentences: a JSON array, or joined by spaces with tabs and newlines made spaces. */
static void
append_texts (GString *l, const BitextPair *pair, guint side, guint start, guint len, gboolean json)
{
  if (json)
    g_string_append_c (l, '[');
  for (guint k = 0; k < len; k++)
    {
      const char *t = sentence_at (pair, side, start + k)->pub.text;
      if (k > 0)
        g_string_append_c (l, json ? ',' : ' ');
      if (json)
        {
          bitext__append_json_string (l, t);
          continue;
        }
      for (const char *p = t; *p != '\0'; p++)
        g_string_append_c (l, *p == '\t' || *p == '\n' ? ' ' : *p);
    }
  if (json)
    g_string_append_c (l, ']');
}

static void
append_jsonl (GString *l, const BitextPair *pair, const BitextBead *b)
{
  g_autofree char *s = bitext_bead_format (b);
  *strchr (s, ':') = '\0';
  g_string_append_printf (l, "{\"src\":%s,\"tgt\":%s,\"type\":\"%s\",\"score\":%.4f,"
                             "\"low_confidence\":%s,\"evidence\":{\"length_z\":%.3f,"
                             "\"lexical\":%.3f,\"anchors\":%u,\"dict_hits\":%u,"
                             "\"learned_hits\":%u,\"crosses_paragraph\":%s},\"src_text\":",
                          s, s + strlen (s) + 1, bitext_bead_get_type (b), b->score,
                          b->low_confidence ? "true" : "false", b->length_z, b->lexical,
                          b->anchors, b->dict_hits, b->learned_hits,
                          b->crosses_paragraph ? "true" : "false");
  append_texts (l, pair, 0, b->src_start, b->src_len, TRUE);
  if (b->lone_side != BITEXT_LONE_NONE)
    g_string_append_printf (l, ",\"lone\":{\"side\":\"%s\",\"sentence\":%u}",
                            b->lone_side == BITEXT_LONE_SOURCE ? "source" : "target", b->lone_index);
  g_string_append (l, ",\"tgt_text\":");
  append_texts (l, pair, 1, b->tgt_start, b->tgt_len, TRUE);
  g_string_append_c (l, '}');
}

/**
 * bitext_pair_append_bead:
 * @out: where the line goes (appended, with its newline)
 *
 * Formats bead @index as one line of `bitext align`'s output (README,
 * `bitext align`): TSV, JSON Lines or a bead-file line.
 */
void
bitext_pair_append_bead (BitextPair *pair, guint index, BitextPairFormat format, GString *out)
{
  g_return_if_fail (pair != NULL && index < pair->beads->len && out != NULL);
  const BitextBead *b = &g_array_index (pair->beads, PairBead, index).bead;
  g_autofree char *ids = bitext_bead_format (b);
  switch (format)
    {
    case BITEXT_PAIR_FORMAT_BEADS:
      g_string_append (out, ids);
      break;
    case BITEXT_PAIR_FORMAT_TSV:
      g_string_append_printf (out, "%s\t%s\t%.3f\t%s\t", ids, bitext_bead_get_type (b), b->score,
                              b->low_confidence ? "low" : "");
      append_texts (out, pair, 0, b->src_start, b->src_len, FALSE);
      g_string_append_c (out, '\t');
      append_texts (out, pair, 1, b->tgt_start, b->tgt_len, FALSE);
      break;
    case BITEXT_PAIR_FORMAT_JSONL:
      append_jsonl (out, pair, b);
      break;
    }
  g_string_append_c (out, '\n');
}

/* "7" or "7-9": 1-based sentence numbers, as a translator counts them. */
static void
append_range (GString *s, guint start, guint len)
{
  g_string_append_printf (s, "%u", start + 1);
  if (len > 1)
    g_string_append_printf (s, "-%u", start + len);
}

/*
** The TMX markup of sentences start..start+len-1 of @side joined by one
** space, or NULL when one of them has none (a plain text). An edited
** sentence keeps the codes its text still holds (bitext_tmx__markup_reapply()),
** or is NULL when they cannot be kept.
** A document numbers its codes through the text, so its sentences' never
** clash; the units of a memory each number theirs from 1, so a sentence
** whose bpt/ept pairs reuse a number of the sentences before it has its
** numbers moved past theirs (TMX 1.4b: `i` is unique within a segment).
*/
static char *
unit_markup (const BitextPair *pair, guint side, guint start, guint len)
{
  GString *out = g_string_new (NULL);
  guint used = 0;
  for (guint k = 0; k < len; k++)
    {
      const PairSentence *s = sentence_at (pair, side, start + k);
      g_autoptr(GString) edited = s->pub.edited ? g_string_new (NULL) : NULL;
      if (s->markup == NULL
          || (edited != NULL && !bitext_tmx__markup_reapply (s->markup, s->pub.text, edited)))
        return (g_string_free (out, TRUE), NULL);
      const char *markup = edited != NULL ? edited->str : s->markup;
      if (k > 0)
        g_string_append_c (out, ' ');
      guint lo, hi;
      bitext_tmx__markup_pairs (markup, 0, NULL, &lo, &hi);
      if (lo == G_MAXUINT)
        g_string_append (out, markup);
      else if (lo > used)
        {
          g_string_append (out, markup);
          used = hi;
        }
      else
        {
          bitext_tmx__markup_pairs (markup, used, out, &lo, &hi);
          used += hi;
        }
    }
  return g_string_free (out, FALSE);
}

/* Add the variant of @side of bead @b: its markup when its sentences have codes, else its text. */
static gboolean
add_side (BitextTmUnit *unit, const BitextPair *pair, guint side, const BitextBead *b,
          const char *text, GError **error)
{
  const char *lang = pair->text[side].lang;
  g_autofree char *markup = unit_markup (pair, side, side == 0 ? b->src_start : b->tgt_start,
                                         side == 0 ? b->src_len : b->tgt_len);
  if (markup != NULL)
    return bitext_tm_unit_add_variant_markup (unit, lang, markup, error) != NULL;
  return bitext_tm_unit_add_variant (unit, lang, text, error) != NULL;
}

/*
** The translation unit of one bead: source variant first, then target, with
** the props of include/bitext/tmx.h.
*/
static BitextTmUnit *
bead_unit (BitextPair *pair, guint index, const char *source, GError **error)
{
  const BitextBead *b = &g_array_index (pair->beads, PairBead, index).bead;
  const BitextQaUnit *u = &g_array_index (pair->qa_units, BitextQaUnit, index);
  g_autoptr(BitextTmUnit) unit = bitext_tm_unit_new ();
  char score[32];
  g_ascii_formatd (score, sizeof score, "%.4f", b->score);
  g_autoptr(GString) position = g_string_new (NULL);
  append_range (position, b->src_start, b->src_len);
  g_string_append_c (position, ' ');
  append_range (position, b->tgt_start, b->tgt_len);
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_SCORE, score);
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_BEAD, bitext_bead_get_type (b));
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_SOURCE, source);
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_POSITION, position->str);
  if (!add_side (unit, pair, 0, b, u->source, error) || !add_side (unit, pair, 1, b, u->target, error))
    return NULL;
  return g_steal_pointer (&unit);
}

/*
** Make the units of the memory in order and hand each to @writer, or
** append it to @tm. Beads with an empty side (1-0, 0-1) make no unit: a
** sentence left out or added is not a translation, and a CAT tool would
** offer the empty side as one.
*/
static gboolean
make_units (BitextPair *pair, BitextTm *tm, BitextTmxWriter *writer, GError **error)
{
  ensure_units (pair);
  g_autofree char *src_name = g_path_get_basename (pair->text[0].path);
  g_autofree char *tgt_name = g_path_get_basename (pair->text[1].path);
  g_autofree char *source = g_strconcat (src_name, " ", tgt_name, NULL);
  for (guint i = 0; i < pair->beads->len; i++)
    {
      const BitextBead *b = &g_array_index (pair->beads, PairBead, i).bead;
      if (b->src_len == 0 || b->tgt_len == 0)
        continue;
      g_autoptr(BitextTmUnit) unit = bead_unit (pair, i, source, error);
      if (unit == NULL)
        return FALSE;
      if (writer == NULL)
        bitext_tm_append_unit (tm, g_steal_pointer (&unit));
      else if (!bitext_tmx_writer_add_unit (writer, unit, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * bitext_pair_dup_tm:
 *
 * The pair as a translation memory: one unit per bead with both sides
 * non-empty, with the props of include/bitext/tmx.h.
 *
 * Returns: (transfer full) (nullable): the memory, or %NULL with @error set
 */
BitextTm *
bitext_pair_dup_tm (BitextPair *pair, GError **error)
{
  g_return_val_if_fail (pair != NULL, NULL);
  g_autoptr(BitextTm) tm = bitext_tm_new (pair->text[0].lang, pair->text[1].lang);
  if (!make_units (pair, tm, NULL, error))
    return NULL;
  return g_steal_pointer (&tm);
}

/**
 * bitext_pair_write_tmx_file:
 * @path: (type filename): the TMX file, replaced only when complete
 * @options: (nullable): the date
 *
 * Streams the units of bitext_pair_dup_tm() to @path as TMX 1.4b.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bitext_pair_write_tmx_file (BitextPair *pair, const char *path,
                            const BitextTmxWriteOptions *options, GError **error)
{
  g_return_val_if_fail (pair != NULL && path != NULL, FALSE);
  BitextTmxWriteOptions defaults = BITEXT_TMX_WRITE_OPTIONS_INIT;
  g_autoptr(BitextTm) header = bitext_tm_new (pair->text[0].lang, pair->text[1].lang);
  g_autoptr(BitextTmxWriter) writer = bitext_tmx_writer_new (path, header,
                                                             options != NULL ? options : &defaults,
                                                             error);
  if (writer == NULL || !make_units (pair, NULL, writer, error))
    return FALSE;
  return bitext_tmx_writer_close (writer, error);
}
