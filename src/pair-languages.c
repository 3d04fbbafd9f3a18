/* bitext — a pair's texts checked against their languages before aligning or checking them. */
#include "bitext/error.h"
#include "bitext/script.h"
#include "bitext/segment.h"
#include "pair-private.h"
#include "text-private.h"

#include <string.h>

/*
** The language of @doc's prose, as bitext_guess_language() finds it in its
** natural-language words only (about its first PAIR_GUESS_BYTES): text in
** code spans (inline codes of type x-code: HTML's <code>, <tt>, <kbd>,
** <samp>) and tokens that are not words (bitext__is_word()) are left out, so that
** a Russian manual full of commands, file names and URLs is Russian. A text
** without words is guessed from all of it.
*/
const char *
bitext_pair__guess_language (const BitextDocument *doc)
{
  gsize length;
  const char *text = bitext_document_get_text (doc, &length);
  length = MIN (length, PAIR_GUESS_BYTES);
  guint n_codes = 0;
  const BitextCode *codes = bitext_document_get_codes (doc, &n_codes);
  g_autoptr(GHashTable) open = g_hash_table_new (NULL, NULL);  /* ids of open code spans */
  g_autoptr(GString) words = g_string_new (NULL);
  gsize at = 0;
  for (guint k = 0; k <= n_codes && at < length; k++)
    {
      const BitextCode *c = k < n_codes ? &codes[k] : NULL;
      gsize next = c != NULL ? MIN (c->text_offset, length) : length;
      if (next > at && g_hash_table_size (open) == 0)
        bitext__append_words (words, text, at, next);
      at = MAX (at, next);
      if (c == NULL || c->type == NULL || strcmp (c->type, "x-code") != 0)
        continue;
      if (c->kind == BITEXT_CODE_OPEN)
        g_hash_table_add (open, GUINT_TO_POINTER (c->id));
      else if (c->kind == BITEXT_CODE_CLOSE)
        g_hash_table_remove (open, GUINT_TO_POINTER (c->id));
    }
  if (words->len == 0)
    return bitext_guess_language (text, length);
  return bitext_guess_language (words->str, words->len);
}

/*
** The letters of an even sample of @text's sentences: every k-th, with k
** chosen so that about PAIR_GUESS_BYTES are read (the amount the language
** guess reads), so that a memory of a million units costs what a small text
** does, and its beginning alone (a header, a licence) does not decide.
*/
static BitextScriptCount *
count_side (const PairText *text)
{
  BitextScriptCount *count = bitext_script_count_new ();
  const GArray *sentences = text->sentences;
  gsize total = 0;
  for (guint i = 0; i < sentences->len; i++)
    total += strlen (g_array_index (sentences, PairSentence, i).pub.text);
  guint step = (guint) (total / PAIR_GUESS_BYTES) + 1;
  for (guint i = 0; i < sentences->len; i += step)
    bitext_script_count_add (count, g_array_index (sentences, PairSentence, i).pub.text, -1);
  return count;
}

/*
** Whether the pair's texts are in the scripts of their languages, as
** bitext_script_check_languages () judges; always TRUE when
** @options->no_language_check is set.
*/
gboolean
bitext_pair__check_languages (const BitextPair *pair, const BitextPairOptions *options,
                              GError **error)
{
  if (options->no_language_check)
    return TRUE;
  g_autoptr(BitextScriptCount) src = count_side (&pair->text[BITEXT_PAIR_SOURCE]);
  g_autoptr(BitextScriptCount) tgt = count_side (&pair->text[BITEXT_PAIR_TARGET]);
  return bitext_script_check_languages (src, pair->text[BITEXT_PAIR_SOURCE].lang, tgt,
                                       pair->text[BITEXT_PAIR_TARGET].lang, error);
}
