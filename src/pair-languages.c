/* bitext — a pair's texts checked against their languages before aligning or checking them. */
#include "bitext/error.h"
#include "bitext/script.h"
#include "pair-private.h"

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
