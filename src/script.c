/* bitext — letters counted by script, and whether two texts are in the languages they are said to be in. */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "bitext/error.h"
#include "bitext/script.h"

struct _BitextScriptCount
{
  guint letters[USCRIPT_CODE_LIMIT];  /* per UScriptCode */
  guint n_letters;
};

BitextScriptCount *
bitext_script_count_new (void)
{
  return g_new0 (BitextScriptCount, 1);
}

void
bitext_script_count_free (BitextScriptCount *count)
{
  g_free (count);
}

/*
** Count the letters of @text (UTF-8; @length < 0: NUL-terminated) by their
** script. A letter of no script of its own (Common: mathematical
** alphanumerics such as U+1D400, letterlike symbols, the Japanese length
** mark; Inherited; Unknown) is not counted: it belongs to no language.
*/
void
bitext_script_count_add (BitextScriptCount *count, const char *text, gssize length)
{
  g_return_if_fail (count != NULL && text != NULL);
  const char *end = length < 0 ? text + strlen (text) : text + length;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      guchar b = (guchar) *p;
      if (b < 0x80 && !g_ascii_isalpha ((char) b))
        continue;
      UChar32 c = b < 0x80 ? (UChar32) b : (UChar32) g_utf8_get_char (p);
      if (b >= 0x80 && !u_isalpha (c))
        continue;
      UErrorCode status = U_ZERO_ERROR;
      UScriptCode script = b < 0x80 ? USCRIPT_LATIN : uscript_getScript (c, &status);
      if (U_FAILURE (status) || script < 0 || script >= USCRIPT_CODE_LIMIT
          || script == USCRIPT_COMMON || script == USCRIPT_INHERITED || script == USCRIPT_UNKNOWN)
        continue;
      count->letters[script]++;
      count->n_letters++;
    }
}

guint
bitext_script_count_get_n_letters (const BitextScriptCount *count)
{
  return count->n_letters;
}

/* The scripts @lang is written in (ICU's locale data); 0 when unknown. */
static int
lang_scripts (const char *lang, UScriptCode *codes, int capacity)
{
  if (lang == NULL || *lang == '\0' || g_ascii_strcasecmp (lang, "auto") == 0)
    return 0;
  UErrorCode status = U_ZERO_ERROR;
  int n = uscript_getCode (lang, codes, capacity, &status);
  if (U_FAILURE (status) || n <= 0)
    return 0;
  for (int i = 0; i < n; i++)
    if (codes[i] == USCRIPT_COMMON || codes[i] == USCRIPT_INHERITED
        || codes[i] == USCRIPT_INVALID_CODE)
      return 0;
  return n;
}

/* How many of @count's letters are in one of the scripts @codes[0, n). */
static guint
letters_in (const BitextScriptCount *count, const UScriptCode *codes, int n)
{
  guint sum = 0;
  for (int i = 0; i < n; i++)
    sum += count->letters[codes[i]];
  return sum;
}

/* Whether more than half of @count's letters are in the scripts @codes[0, n): "mostly". */
static gboolean
mostly_in (const BitextScriptCount *count, const UScriptCode *codes, int n)
{
  return n > 0 && count->n_letters > 0 && 2 * (guint64) letters_in (count, codes, n) > count->n_letters;
}

/* Whether @code is one of @codes[0, n). */
static gboolean
script_in (UScriptCode code, const UScriptCode *codes, int n)
{
  for (int i = 0; i < n; i++)
    if (codes[i] == code)
      return TRUE;
  return FALSE;
}

/* Whether no script of @a[0, na) is one of @b[0, nb). */
static gboolean
disjoint (const UScriptCode *a, int na, const UScriptCode *b, int nb)
{
  gboolean shared = FALSE;
  for (int i = 0; i < na; i++)
    shared |= script_in (a[i], b, nb);
  return !shared;
}

/* The script that has most of @count's letters. */
static UScriptCode
top_script (const BitextScriptCount *count)
{
  int best = 0;
  for (int s = 1; s < USCRIPT_CODE_LIMIT; s++)
    if (count->letters[s] > count->letters[best])
      best = s;
  return (UScriptCode) best;
}

/* That script's English name ("Cyrillic"). */
static const char *
main_script (const BitextScriptCount *count)
{
  const char *name = uscript_getName (top_script (count));
  return name != NULL ? name : "unknown";
}

/* Whether @count is mostly in one script that is none of @a[0, na) and @b[0, nb). */
static gboolean
mostly_outside (const BitextScriptCount *count, const UScriptCode *a, int na,
                const UScriptCode *b, int nb)
{
  UScriptCode top = top_script (count);
  if (count->n_letters == 0 || 2 * (guint64) count->letters[top] <= count->n_letters)
    return FALSE;
  return !script_in (top, a, na) && !script_in (top, b, nb);
}


/**
 * bitext_script_check_languages:
 * @source: the letters of the source text (or of a sample of its sentences)
 * @src_lang: (nullable): its language code; NULL or "auto": unknown
 * @target: the letters of the translation
 * @tgt_lang: (nullable): its language
 * @error: return location for a #GError
 *
 * Contract. "Mostly" means more than half of a side's letters: the least
 * share that makes a script the text's own, whatever the others. Each
 * language's scripts come from ICU's locale data (uscript_getCode: en is
 * Latin, ru Cyrillic, ja Han, Hiragana and Katakana). When the two
 * languages are written in different scripts:
 *
 * - the texts look swapped when the source is mostly in the target
 *   language's scripts and the target mostly in the source language's;
 * - the source looks like the translation when it is mostly in the
 *   target language's scripts.
 *
 * And whatever the scripts, a side is not in its language when it is
 * mostly in scripts that are neither its language's nor (for the target)
 * the source language's: a target in the source's script is an
 * untranslated text, which the QA checks report unit by unit.
 *
 * A side without letters, or a language whose script ICU does not know,
 * is not judged; two languages of one script (en and de) cannot be told
 * apart by script and are not judged either.
 *
 * Returns: %FALSE with %BITEXT_ERROR_WRONG_LANGUAGE (a one-line message)
 *   when the texts are not what their languages say
 */
gboolean
bitext_script_check_languages (const BitextScriptCount *source, const char *src_lang,
                               const BitextScriptCount *target, const char *tgt_lang,
                               GError **error)
{
  g_return_val_if_fail (source != NULL && target != NULL, FALSE);
  UScriptCode sc[8], tc[8];
  int ns = lang_scripts (src_lang, sc, G_N_ELEMENTS (sc));
  int nt = lang_scripts (tgt_lang, tc, G_N_ELEMENTS (tc));
  if (ns > 0 && nt > 0 && disjoint (sc, ns, tc, nt) && mostly_in (source, tc, nt))
    {
      if (mostly_in (target, sc, ns))
        g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_WRONG_LANGUAGE,
                     "the texts look swapped: the source is mostly %s, as %s is written, and the "
                     "target mostly %s, as %s is written",
                     main_script (source), tgt_lang, main_script (target), src_lang);
      else
        g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_WRONG_LANGUAGE,
                     "the source is mostly %s, as the target language %s is written, not %s",
                     main_script (source), tgt_lang, src_lang);
      return FALSE;
    }
  if (ns > 0 && mostly_outside (source, sc, ns, NULL, 0))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_WRONG_LANGUAGE,
                   "the source is mostly %s, which is not how %s is written",
                   main_script (source), src_lang);
      return FALSE;
    }
  if (nt > 0 && mostly_outside (target, tc, nt, sc, ns))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_WRONG_LANGUAGE,
                   "the target is mostly %s, which is not how %s is written",
                   main_script (target), tgt_lang);
      return FALSE;
    }
  return TRUE;
}
