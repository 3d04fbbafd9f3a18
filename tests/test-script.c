/* bitext tests — letters by script, and the language check of a pair's texts: exact verdicts and messages. */
#include "test-util.h"

#include <bitext/script.h>

/* The verdict on one source and one target text: NULL when they pass, else the message. */
static char *
verdict (const char *src, const char *src_lang, const char *tgt, const char *tgt_lang)
{
  g_autoptr(BitextScriptCount) s = bitext_script_count_new ();
  g_autoptr(BitextScriptCount) t = bitext_script_count_new ();
  bitext_script_count_add (s, src, -1);
  bitext_script_count_add (t, tgt, -1);
  g_autoptr(GError) error = NULL;
  if (bitext_script_check_languages (s, src_lang, t, tgt_lang, &error))
    {
      g_assert_no_error (error);
      return NULL;
    }
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_WRONG_LANGUAGE);
  return g_strdup (error->message);
}

static void
test_count (void)
{
  g_autoptr(BitextScriptCount) c = bitext_script_count_new ();
  bitext_script_count_add (c, "Debian 12 — это ОС.", -1);
  g_assert_cmpuint (bitext_script_count_get_n_letters (c), ==, 6 + 3 + 2);
  bitext_script_count_add (c, "日本語abc", 6);   /* two characters of three bytes */
  g_assert_cmpuint (bitext_script_count_get_n_letters (c), ==, 13);
  /* Letters of no script: mathematical bold (U+1D400...), the double-struck R, the length mark. */
  bitext_script_count_add (c, "\xf0\x9d\x90\x80\xf0\x9d\x90\x81 \xe2\x84\x9d \xe3\x83\xbc", -1);
  g_assert_cmpuint (bitext_script_count_get_n_letters (c), ==, 13);
}

static void
test_verdicts (void)
{
  const char *en = "The installer asks for the root password.";
  const char *ru = "Программа установки спрашивает пароль root.";
  g_assert_null (verdict (en, "en", ru, "ru"));
  g_assert_null (verdict (en, "auto", ru, NULL));
  g_assert_null (verdict (en, "en", "Der Installer fragt.", "de"));  /* one script: not judged */
  g_assert_null (verdict (en, "en", en, "ru"));                     /* untranslated: QA's finding */
  g_assert_null (verdict ("12 34", "en", "56", "ru"));              /* no letters */
  /* Letters of no script (OmegaT's test-SMP.tmx: U+1D400 and up) tell no language. */
  g_assert_null (verdict ("\xf0\x9d\x90\x80\xf0\x9d\x90\x81\xf0\x9d\x90\x82", "en",
                          "\xf0\x9d\x90\x83\xf0\x9d\x90\x84\xf0\x9d\x90\x85", "be"));
  g_assert_null (verdict ("インストーラは日本語で", "ja", ru, "ru"));   /* ja: three scripts */

  g_autofree char *swapped = verdict (ru, "en", en, "ru");
  g_assert_cmpstr (swapped, ==,
                   "the texts look swapped: the source is mostly Cyrillic, as ru is written, and the "
                   "target mostly Latin, as en is written");
  g_autofree char *same = verdict (ru, "en", ru, "ru");
  g_assert_cmpstr (same, ==, "the source is mostly Cyrillic, as the target language ru is written, not en");
  g_autofree char *greek = verdict ("Ο εγκαταστάτης ρωτά.", "en", ru, "ru");
  g_assert_cmpstr (greek, ==, "the source is mostly Greek, which is not how en is written");
  g_autofree char *target = verdict (en, "en", "Ο εγκαταστάτης ρωτά.", "ru");
  g_assert_cmpstr (target, ==, "the target is mostly Greek, which is not how ru is written");
  /* A source mostly Latin that quotes Russian passes. */
  g_assert_null (verdict ("Say abcd: «Пока»", "en", ru, "ru"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/script/count", test_count);
  g_test_add_func ("/script/verdicts", test_verdicts);
  return g_test_run ();
}
