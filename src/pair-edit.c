/* bitext — the aligned pair: edits, undo and redo, realignment between confirmed beads. */
#include "pair-private.h"

#include <string.h>

#include "bitext/error.h"

void
bitext_pair__edit_free (PairEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->name);
  g_clear_pointer (&edit->old_beads, g_array_unref);
  g_clear_pointer (&edit->new_beads, g_array_unref);
  g_free (edit);
}

/* The units and labels no longer match the beads or the texts. */
void
bitext_pair__invalidate (BitextPair *pair)
{
  pair->units_valid = FALSE;
}

/* Whether a bead's sentences on one side come from more than one paragraph (as the aligner says). */
gboolean
bitext_pair__crosses_paragraph (const BitextPair *pair, const BitextBead *bead)
{
  for (guint s = 0; s < 2; s++)
    {
      guint start = s == 0 ? bead->src_start : bead->tgt_start;
      guint len = s == 0 ? bead->src_len : bead->tgt_len;
      const GArray *sent = pair->text[s].sentences;
      if (len > 1 && start + len <= sent->len
          && g_array_index (sent, PairSentence, start).pub.paragraph
               != g_array_index (sent, PairSentence, start + len - 1).pub.paragraph)
        return TRUE;
    }
  return FALSE;
}

/*
** Apply @edit (forward) or take it back. The edit was checked when it was
** made, and every edit after it was undone first, so it applies as is.
*/
void
bitext_pair__apply (BitextPair *pair, const PairEdit *edit, gboolean forward)
{
  bitext_pair__invalidate (pair);
  if (edit->kind == PAIR_EDIT_TEXT)
    {
      PairSentence *s = &g_array_index (pair->text[edit->side].sentences, PairSentence,
                                        edit->sentence);
      s->pub.text = forward ? edit->new_text : edit->old_text;
      s->pub.edited = strcmp (s->pub.text, s->original) != 0;
      return;
    }
  const GArray *from = forward ? edit->old_beads : edit->new_beads;
  const GArray *to = forward ? edit->new_beads : edit->old_beads;
  g_array_remove_range (pair->beads, edit->at, from->len);
  g_array_insert_vals (pair->beads, edit->at, to->data, to->len);
}

/* Apply a new edit, make it the last step of the history (dropping what could be redone). */
static gboolean
commit (BitextPair *pair, PairEdit *edit)
{
  bitext_pair__apply (pair, edit, TRUE);
  g_ptr_array_add (pair->undo, edit);
  g_ptr_array_set_size (pair->redo, 0);
  pair->version++;
  return TRUE;
}

/* An edit replacing beads[at, at + n_old) with @new_beads (taken). */
static gboolean
commit_beads (BitextPair *pair, const char *name, guint at, guint n_old, GArray *new_beads)
{
  PairEdit *edit = g_new0 (PairEdit, 1);
  edit->kind = PAIR_EDIT_BEADS;
  edit->name = g_strdup (name);
  edit->at = at;
  edit->old_beads = g_array_sized_new (FALSE, FALSE, sizeof (PairBead), n_old);
  g_array_append_vals (edit->old_beads, &g_array_index (pair->beads, PairBead, at), n_old);
  edit->new_beads = new_beads;
  return commit (pair, edit);
}

/*
** A bead an edit makes: the sentence ranges, score 1 and no evidence (it is
** the translator's decision, not the aligner's), not confirmed.
*/
static void
append_made_bead (const BitextPair *pair, GArray *out, guint src_start, guint src_len,
                  guint tgt_start, guint tgt_len)
{
  PairBead b = { { .src_start = src_start, .src_len = src_len, .tgt_start = tgt_start,
                   .tgt_len = tgt_len, .score = 1.0 }, FALSE };
  b.bead.crosses_paragraph = bitext_pair__crosses_paragraph (pair, &b.bead);
  g_array_append_val (out, b);
}

static GArray *
bead_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (PairBead));
}

static gboolean
check_bead_index (const BitextPair *pair, guint bead, GError **error)
{
  if (bead < pair->beads->len)
    return TRUE;
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT, "bead %u: no such bead (%u beads)",
               bead, pair->beads->len);
  return FALSE;
}

static const BitextBead *
bead_at (const BitextPair *pair, guint index)
{
  return &g_array_index (pair->beads, PairBead, index).bead;
}

/**
 * bitext_pair_merge_next:
 * @bead: a bead that has a next one
 *
 * Merges @bead with the bead after it.
 *
 * Returns: %TRUE, or %FALSE with @error set (BITEXT_ERROR_INVALID_EDIT)
 */
gboolean
bitext_pair_merge_next (BitextPair *pair, guint bead, GError **error)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  if (!check_bead_index (pair, bead, error))
    return FALSE;
  if (bead + 1 >= pair->beads->len)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT,
                   "bead %u: the last bead has no next bead to merge with", bead);
      return FALSE;
    }
  const BitextBead *a = bead_at (pair, bead), *b = bead_at (pair, bead + 1);
  GArray *made = bead_array ();
  append_made_bead (pair, made, a->src_start, a->src_len + b->src_len, a->tgt_start,
                    a->tgt_len + b->tgt_len);
  return commit_beads (pair, "merge", bead, 2, made);
}

/**
 * bitext_pair_split:
 * @bead: the bead to split
 * @n_src: the source sentences that stay in the first part
 * @n_tgt: the target sentences that stay in the first part
 *
 * Splits @bead in two at a sentence boundary of each side. Neither part
 * may be empty.
 *
 * Returns: %TRUE, or %FALSE with @error set (BITEXT_ERROR_INVALID_EDIT)
 */
gboolean
bitext_pair_split (BitextPair *pair, guint bead, guint n_src, guint n_tgt, GError **error)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  if (!check_bead_index (pair, bead, error))
    return FALSE;
  const BitextBead *b = bead_at (pair, bead);
  if (n_src > b->src_len || n_tgt > b->tgt_len || n_src + n_tgt == 0
      || n_src + n_tgt == b->src_len + b->tgt_len)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT,
                   "bead %u (%s): cannot split after %u source and %u target sentences", bead,
                   bitext_bead_get_type (b), n_src, n_tgt);
      return FALSE;
    }
  GArray *made = bead_array ();
  append_made_bead (pair, made, b->src_start, n_src, b->tgt_start, n_tgt);
  append_made_bead (pair, made, b->src_start + n_src, b->src_len - n_src, b->tgt_start + n_tgt,
                    b->tgt_len - n_tgt);
  return commit_beads (pair, "split", bead, 1, made);
}

/* Append a bead unless it is empty on both sides (a bead that gave away its last sentence). */
static void
append_unless_empty (const BitextPair *pair, GArray *out, const BitextBead *b)
{
  if (b->src_len + b->tgt_len > 0)
    append_made_bead (pair, out, b->src_start, b->src_len, b->tgt_start, b->tgt_len);
}

/**
 * bitext_pair_move_sentence:
 * @bead: the bead that gives a sentence
 * @side: the side of the sentence
 * @down: %TRUE: its last sentence of @side goes to the start of the next bead;
 *   %FALSE: its first sentence of @side goes to the end of the previous bead
 *
 * A bead left with no sentence at all disappears.
 *
 * Returns: %TRUE, or %FALSE with @error set (BITEXT_ERROR_INVALID_EDIT)
 */
gboolean
bitext_pair_move_sentence (BitextPair *pair, guint bead, BitextPairSide side, gboolean down,
                           GError **error)
{
  g_return_val_if_fail (pair != NULL && side <= BITEXT_PAIR_TARGET, FALSE);
  if (!check_bead_index (pair, bead, error))
    return FALSE;
  BitextBead from = *bead_at (pair, bead);
  guint *from_start = side == BITEXT_PAIR_SOURCE ? &from.src_start : &from.tgt_start;
  guint *from_len = side == BITEXT_PAIR_SOURCE ? &from.src_len : &from.tgt_len;
  if (*from_len == 0 || (down ? bead + 1 >= pair->beads->len : bead == 0))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT,
                   "bead %u: no %s sentence to move %s", bead,
                   side == BITEXT_PAIR_SOURCE ? "source" : "target",
                   down ? "to a next bead" : "to a previous bead");
      return FALSE;
    }
  guint other = down ? bead + 1 : bead - 1;
  BitextBead to = *bead_at (pair, other);
  guint *to_start = side == BITEXT_PAIR_SOURCE ? &to.src_start : &to.tgt_start;
  guint *to_len = side == BITEXT_PAIR_SOURCE ? &to.src_len : &to.tgt_len;
  (*from_len)--;
  (*to_len)++;
  if (down)
    (*to_start)--;
  else
    (*from_start)++;
  GArray *made = bead_array ();
  append_unless_empty (pair, made, down ? &from : &to);
  append_unless_empty (pair, made, down ? &to : &from);
  return commit_beads (pair, "move", MIN (bead, other), 2, made);
}

/**
 * bitext_pair_detach_sentence:
 * @side: the side of @sentence
 * @sentence: the first or the last sentence of @side in its bead
 *
 * Makes @sentence a bead of its own (1-0 or 0-1: left untranslated, or
 * added by the translator). The rest of its bead stays one bead, after it
 * when @sentence was first, before it when it was last.
 *
 * Returns: %TRUE, or %FALSE with @error set (BITEXT_ERROR_INVALID_EDIT)
 */
gboolean
bitext_pair_detach_sentence (BitextPair *pair, BitextPairSide side, guint sentence, GError **error)
{
  g_return_val_if_fail (pair != NULL && side <= BITEXT_PAIR_TARGET, FALSE);
  const char *name = side == BITEXT_PAIR_SOURCE ? "source" : "target";
  if (sentence >= bitext_pair_get_n_sentences (pair, side))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT,
                   "%s sentence %u: no such sentence (%u sentences)", name, sentence,
                   bitext_pair_get_n_sentences (pair, side));
      return FALSE;
    }
  guint index = bitext_pair_find_bead (pair, side, sentence);
  BitextBead rest = *bead_at (pair, index);
  guint *start = side == BITEXT_PAIR_SOURCE ? &rest.src_start : &rest.tgt_start;
  guint *len = side == BITEXT_PAIR_SOURCE ? &rest.src_len : &rest.tgt_len;
  gboolean first = sentence == *start, last = sentence == *start + *len - 1;
  if (rest.src_len + rest.tgt_len == 1 || !(first || last))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT,
                   first ? "%s sentence %u is alone in its bead already"
                         : "%s sentence %u is inside its bead: split the bead first",
                   name, sentence);
      return FALSE;
    }
  (*len)--;
  if (first)
    (*start)++;
  GArray *made = bead_array ();
  BitextBead alone = { 0 };
  if (side == BITEXT_PAIR_SOURCE)
    alone = (BitextBead) { .src_start = sentence, .src_len = 1,
                           .tgt_start = first ? rest.tgt_start : rest.tgt_start + rest.tgt_len };
  else
    alone = (BitextBead) { .tgt_start = sentence, .tgt_len = 1,
                           .src_start = first ? rest.src_start : rest.src_start + rest.src_len };
  append_unless_empty (pair, made, first ? &alone : &rest);
  append_unless_empty (pair, made, first ? &rest : &alone);
  return commit_beads (pair, "detach", index, 1, made);
}

/**
 * bitext_pair_set_sentence_text:
 * @text: the new text (UTF-8)
 *
 * Replaces a sentence's text (a typo fixed in the translation, say). The
 * beads stay as they are. Setting the text it has already is no edit.
 *
 * Returns: %TRUE, or %FALSE with @error set (BITEXT_ERROR_INVALID_EDIT)
 */
gboolean
bitext_pair_set_sentence_text (BitextPair *pair, BitextPairSide side, guint sentence,
                               const char *text, GError **error)
{
  g_return_val_if_fail (pair != NULL && side <= BITEXT_PAIR_TARGET && text != NULL, FALSE);
  const char *name = side == BITEXT_PAIR_SOURCE ? "source" : "target";
  if (sentence >= bitext_pair_get_n_sentences (pair, side) || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT,
                   sentence >= bitext_pair_get_n_sentences (pair, side)
                     ? "%s sentence %u: no such sentence"
                     : "%s sentence %u: the new text is not valid UTF-8",
                   name, sentence);
      return FALSE;
    }
  const PairSentence *s = &g_array_index (pair->text[side].sentences, PairSentence, sentence);
  if (strcmp (s->pub.text, text) == 0)
    return TRUE;
  PairEdit *edit = g_new0 (PairEdit, 1);
  edit->kind = PAIR_EDIT_TEXT;
  edit->name = g_strdup ("text");
  edit->side = side;
  edit->sentence = sentence;
  edit->old_text = s->pub.text;
  edit->new_text = g_string_chunk_insert_const (pair->strings, text);
  return commit (pair, edit);
}

/**
 * bitext_pair_set_confirmed:
 * @confirmed: %TRUE to confirm the bead (bitext_pair_realign() keeps it), %FALSE to unconfirm it
 *
 * Marking a bead as it is already is no edit.
 *
 * Returns: %TRUE, or %FALSE with @error set (BITEXT_ERROR_INVALID_EDIT)
 */
gboolean
bitext_pair_set_confirmed (BitextPair *pair, guint bead, gboolean confirmed, GError **error)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  if (!check_bead_index (pair, bead, error))
    return FALSE;
  PairBead b = g_array_index (pair->beads, PairBead, bead);
  if (!b.confirmed == !confirmed)
    return TRUE;
  b.confirmed = confirmed != FALSE;
  GArray *made = bead_array ();
  g_array_append_val (made, b);
  return commit_beads (pair, confirmed ? "confirm" : "unconfirm", bead, 1, made);
}

/*
** The installed FreeDict dictionary of the aligner's languages, when there is one: no
** dictionary for the pair (or languages without an ISO 639-2 code) is no error.
*/
static gboolean
load_installed_dict (BitextAligner *aligner, GError **error)
{
  g_autoptr(GError) local = NULL;
  if (bitext_aligner_load_dict (aligner, "freedict", &local))
    return TRUE;
  if (g_error_matches (local, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* The aligner, made on first use with the pair's languages, settings and dictionaries. */
static BitextAligner *
get_aligner (BitextPair *pair, GError **error)
{
  if (pair->aligner != NULL)
    return pair->aligner;
  BitextAlignOptions options = pair->align;
  options.src_lang = pair->text[0].lang;
  options.tgt_lang = pair->text[1].lang;
  g_autoptr(BitextAligner) aligner = bitext_aligner_new (&options, error);
  if (aligner == NULL
      || (pair->dict_path != NULL && !bitext_aligner_load_dict (aligner, pair->dict_path, error))
      || (pair->installed_dict && g_strcmp0 (pair->dict_path, "freedict") != 0
          && !load_installed_dict (aligner, error)))
    return NULL;
  return pair->aligner = g_steal_pointer (&aligner);
}

/* The texts (NULL-terminated) and paragraph numbers of sentences [start, start + n) of @side. */
static void
side_arrays (const BitextPair *pair, guint side, guint start, guint n, GPtrArray *texts,
             GArray *para)
{
  for (guint k = 0; k < n; k++)
    {
      const PairSentence *ps = &g_array_index (pair->text[side].sentences, PairSentence, start + k);
      g_ptr_array_add (texts, (char *) ps->pub.text);
      g_array_append_val (para, ps->pub.paragraph);
    }
  g_ptr_array_add (texts, NULL);
}

/*
** Align the source sentences [src_start, src_start + n_src) with the target
** sentences [tgt_start, tgt_start + n_tgt). Returns the beads (PairBead,
** unconfirmed) with indices into the whole texts.
*/
GArray *
bitext_pair__align_range (BitextPair *pair, guint src_start, guint n_src, guint tgt_start,
                          guint n_tgt, GError **error)
{
  BitextAligner *aligner = get_aligner (pair, error);
  if (aligner == NULL)
    return NULL;
  g_autoptr(GPtrArray) src_texts = g_ptr_array_new ();
  g_autoptr(GPtrArray) tgt_texts = g_ptr_array_new ();
  g_autoptr(GArray) src_para = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) tgt_para = g_array_new (FALSE, FALSE, sizeof (guint));
  side_arrays (pair, 0, src_start, n_src, src_texts, src_para);
  side_arrays (pair, 1, tgt_start, n_tgt, tgt_texts, tgt_para);
  g_autoptr(GArray) beads = bitext_aligner_align (
      aligner, (const char *const *) src_texts->pdata, (const guint *) (void *) src_para->data,
      n_src, (const char *const *) tgt_texts->pdata, (const guint *) (void *) tgt_para->data, n_tgt,
      error);
  if (beads == NULL)
    return NULL;
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (PairBead), beads->len);
  for (guint i = 0; i < beads->len; i++)
    {
      PairBead b = { g_array_index (beads, BitextBead, i), FALSE };
      b.bead.src_start += src_start;
      b.bead.tgt_start += tgt_start;
      g_array_append_val (out, b);
    }
  return out;
}

/* Whether two beads are the same in every field (realignment, and checking a pair file's history). */
gboolean
bitext_pair__bead_equal (const PairBead *a, const PairBead *b)
{
  const BitextBead *x = &a->bead, *y = &b->bead;
  return a->confirmed == b->confirmed && x->src_start == y->src_start && x->src_len == y->src_len
         && x->tgt_start == y->tgt_start && x->tgt_len == y->tgt_len && x->score == y->score
         && x->cost == y->cost && x->length_z == y->length_z && x->lexical == y->lexical
         && x->anchors == y->anchors && x->dict_hits == y->dict_hits
         && x->learned_hits == y->learned_hits && x->crosses_paragraph == y->crosses_paragraph
         && x->low_confidence == y->low_confidence && x->lone_side == y->lone_side
         && x->lone_index == y->lone_index;
}

/* Realign the unconfirmed beads [from, to), which hold the sentences after @prev's. */
static gboolean
realign_stretch (BitextPair *pair, guint from, guint to, GArray *out, GError **error)
{
  const BitextBead *first = bead_at (pair, from), *last = bead_at (pair, to - 1);
  g_autoptr(GArray) made = bitext_pair__align_range (
      pair, first->src_start, last->src_start + last->src_len - first->src_start,
      first->tgt_start, last->tgt_start + last->tgt_len - first->tgt_start, error);
  if (made == NULL)
    return FALSE;
  g_array_append_vals (out, made->data, made->len);
  return TRUE;
}

/**
 * bitext_pair_realign:
 *
 * Realigns every stretch of unconfirmed beads between two confirmed ones
 * (or the start or end of the texts): confirmed beads are fixed anchors,
 * so one correction, confirmed, repairs the drift after it. One step of
 * the history; nothing changes, and no step is made, when the aligner
 * finds the beads there are.
 *
 * Returns: %TRUE, or %FALSE with @error set (the aligner's)
 */
gboolean
bitext_pair_realign (BitextPair *pair, GError **error)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  g_autoptr(GArray) all = bead_array ();
  guint n = pair->beads->len;
  for (guint i = 0; i < n;)
    {
      const PairBead *b = &g_array_index (pair->beads, PairBead, i);
      if (b->confirmed)
        {
          g_array_append_val (all, *b);
          i++;
          continue;
        }
      guint j = i;
      while (j < n && !g_array_index (pair->beads, PairBead, j).confirmed)
        j++;
      if (!realign_stretch (pair, i, j, all, error))
        return FALSE;
      i = j;
    }
  /* Record only the beads that changed: the common head and tail stay out of the step. */
  guint head = 0, tail = 0;
  while (head < n && head < all->len
         && bitext_pair__bead_equal (&g_array_index (pair->beads, PairBead, head),
                        &g_array_index (all, PairBead, head)))
    head++;
  while (tail < n - head && tail < all->len - head
         && bitext_pair__bead_equal (&g_array_index (pair->beads, PairBead, n - 1 - tail),
                        &g_array_index (all, PairBead, all->len - 1 - tail)))
    tail++;
  if (head == n && head == all->len)
    return TRUE;
  GArray *made = bead_array ();
  g_array_append_vals (made, &g_array_index (all, PairBead, head), all->len - head - tail);
  return commit_beads (pair, "realign", head, n - head - tail, made);
}

/* History ------------------------------------------------------------------------------------- */

/**
 * bitext_pair_undo:
 *
 * Takes back the last edit (it can then be redone).
 *
 * Returns: %TRUE, or %FALSE with @error set (BITEXT_ERROR_INVALID_EDIT: nothing to undo)
 */
gboolean
bitext_pair_undo (BitextPair *pair, GError **error)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  if (pair->undo->len == 0)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT, "nothing to undo");
      return FALSE;
    }
  PairEdit *edit = g_ptr_array_steal_index (pair->undo, pair->undo->len - 1);
  bitext_pair__apply (pair, edit, FALSE);
  g_ptr_array_add (pair->redo, edit);
  pair->version++;
  return TRUE;
}

/**
 * bitext_pair_redo:
 *
 * Makes the last undone edit again.
 *
 * Returns: %TRUE, or %FALSE with @error set (BITEXT_ERROR_INVALID_EDIT: nothing to redo)
 */
gboolean
bitext_pair_redo (BitextPair *pair, GError **error)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  if (pair->redo->len == 0)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INVALID_EDIT, "nothing to redo");
      return FALSE;
    }
  PairEdit *edit = g_ptr_array_steal_index (pair->redo, pair->redo->len - 1);
  bitext_pair__apply (pair, edit, TRUE);
  g_ptr_array_add (pair->undo, edit);
  pair->version++;
  return TRUE;
}

gboolean
bitext_pair_can_undo (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  return pair->undo->len > 0;
}

gboolean
bitext_pair_can_redo (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  return pair->redo->len > 0;
}

/* Returns: (transfer none) (nullable): what undo would take back ("merge", "split", ...) */
const char *
bitext_pair_get_undo_name (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, NULL);
  return pair->undo->len > 0 ? ((PairEdit *) pair->undo->pdata[pair->undo->len - 1])->name : NULL;
}

/* Returns: (transfer none) (nullable): what redo would make again */
const char *
bitext_pair_get_redo_name (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, NULL);
  return pair->redo->len > 0 ? ((PairEdit *) pair->redo->pdata[pair->redo->len - 1])->name : NULL;
}

/*
** The version: 0 for a new pair, one more after every edit, undo and redo
** (and kept by the pair file). A client that saw version N and finds
** another knows that someone else edited the pair in between.
*/
guint64
bitext_pair_get_version (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, 0);
  return pair->version;
}

/* Whether the pair changed since it was made, loaded or last saved. */
gboolean
bitext_pair_is_modified (const BitextPair *pair)
{
  g_return_val_if_fail (pair != NULL, FALSE);
  return pair->version != pair->saved_version;
}
