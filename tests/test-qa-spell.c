/* bitext tests — the spelling check: Hunspell over both sides, and the words it must leave alone. */
#include <locale.h>
#include <string.h>

#include "test-util.h"
#include "terms-private.h"

#define U(s, t) { s, t, 0, BITEXT_QA_COUNT_UNKNOWN, BITEXT_QA_COUNT_UNKNOWN }

/* The findings of @checks (bits of BitextCheck) on @units, numbered in order. */
static GPtrArray *
run_checks (BitextQaUnit *units, guint n, const char *src_lang, const char *tgt_lang,
            BitextGlossary *g, guint checks, guint n_threads)
{
  for (guint i = 0; i < n; i++)
    units[i].index = i;
  BitextQaOptions options = BITEXT_QA_OPTIONS_INIT;
  options.src_lang = src_lang;
  options.tgt_lang = tgt_lang;
  options.glossary = g;
  options.checks = checks;
  options.n_threads = n_threads;
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = bitext_qa_run (units, n, &options, &error);
  g_assert_no_error (error);
  return findings;
}

/* Spelling findings as text, one a line: "unit severity side[byte start,end) «text»". */
static char *
spelling_findings (BitextQaUnit *units, guint n, const char *src_lang, const char *tgt_lang,
                   BitextGlossary *g, guint n_threads)
{
  g_autoptr(GPtrArray) findings = run_checks (units, n, src_lang, tgt_lang, g,
                                              1u << BITEXT_CHECK_SPELLING, n_threads);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      const BitextFinding *f = findings->pdata[i];
      g_assert_cmpint (f->check, ==, BITEXT_CHECK_SPELLING);
      gboolean target = f->target_span.start >= 0;
      const BitextQaSpan *span = target ? &f->target_span : &f->source_span;
      g_string_append_printf (s, "%u %s %c[%zd,%zd) «%s»\n", f->unit,
                              bitext_severity_get_name (f->severity), target ? 't' : 's',
                              span->byte_start, span->byte_end, f->text);
    }
  return g_string_free (s, FALSE);
}

static gboolean
have_dictionaries (void)
{
  if (bitext_qa_can_spell ("ru") && bitext_qa_can_spell ("en"))
    return TRUE;
  g_test_skip ("no Hunspell dictionaries ru_RU and en_US in /usr/share/hunspell "
               "(Debian packages hunspell-ru, hunspell-en-us)");
  return FALSE;
}

/* Russian targets: a misspelt root is flagged; inflections, ё/е, acronyms, names are not. */
static void
test_russian (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("Missile defence protects Europe.", "Противоракетная оборона защищает Европу."),
    U ("Defence, of defence, about defence, for defence, with defence.",
       "Оборона, обороны, об обороне, за оборону, с обороной."),
    U ("Our defence is strong.", "Наша аборона крепка."),
    /* A Latin o inside a Russian word: a mixed-script word, not spelling's business. */
    U ("This missile defence system.", "Эта прoтиворакетная система."),
    U ("NATO and BMD agreed.", "НАТО и ПРО договорились, а NATO молчит."),
    U ("Rasmussen met Medvedev again.", "Расмуссен ещё раз встретился с Медведевым, еще раз."),
    U ("See the report.", "См. доклад на http://пример.рф/абарона и в файле отчёт2012."),
    U ("Run with --verbose.", "Запустите с --подробно, %аборона, ${аборона}, ключ аборона_х."),
    /* Capitalised, both would pass as a name and its transliteration: see test_names. No word
       is one edit from «деконфликтинг»: a coinage, a note (test_typo_or_term). */
    U ("We need deconfliction.", "Нужен деконфликтинг, деконфликтинга мало."),
    U ("The partnerships and concerns.", "Партнёрств и озабоченностям хватает, а пративоракетная нет."),
    /* 10: stress marks are no part of the spelling; a misspelt word with one still is. */
    U ("A special region, a strong defence.", "Осо́бый район, крепкая оборо́на, а аборо́на нет."),
  };
  g_autofree char *got = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 1);
  g_assert_cmpstr (got, ==,
                   "2 warning t[9,23) «аборона»\n"
                   "8 info t[11,37) «деконфликтинг»\n"
                   "8 info s[8,21) «deconfliction»\n"
                   "8 info t[39,67) «деконфликтинга»\n"
                   "9 warning t[72,102) «пративоракетная»\n"
                   "10 warning t[63,79) «аборо́на»\n");
}

/*
** A word the dictionary lacks is a likely slip (warning) when a common word is one edit from
** it, else a likely term or name (note); a capital inside a sentence marks a name; a lower-case
** word that renders a name of the source (a language: Sango, «санго») is no finding.
*/
static void
test_typo_or_term (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("The image is damaged.", "Изоражение повреждено."),
    U ("Save the Image.", "Сохраните Изабражение."),
    U ("The code is reentrant.", "Код реентерабельный."),
    U ("Sango", "санго"),
    U ("The connection was lost.", "Саединение потеряно."),
  };
  g_autofree char *got = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 1);
  g_assert_cmpstr (got, ==,
                   "0 warning t[0,20) «Изоражение»\n"
                   "1 info t[19,41) «Изабражение»\n"
                   "2 info t[7,37) «реентерабельный»\n"
                   "2 info s[12,21) «reentrant»\n"
                   "3 info s[0,5) «Sango»\n"
                   "4 warning t[0,20) «Саединение»\n");
}

/*
** Issue 15, gettext memory: *emphasis* in a plain-text message rendered by a common word in
** capitals («ТОЧНО») is kept, not lost; an acronym in capitals (НАТО, ПРО) is no such word, so
** emphasis dropped beside one is still found; an asterisk with spaces on both sides ("An *
** marks") is a literal, and so is one that nothing closes (the type list x-content/ and a star), as
** in CommonMark.
*/
static void
test_emphasis_in_capitals (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("If you *really* know what you are doing, answer yes.",
       "Если вы ТОЧНО знаете, что делаете, ответьте «да»."),
    U ("We *bolster* the defence of NATO.", "Мы укрепляем оборону НАТО и ПРО."),
    U ("An * marks non-POSIX settings.", "Звёздочкой отмечены настройки не из POSIX."),
    U ("List of x-content/* types", "Список типов x-content/*, которые"),
  };
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), "en", "ru", NULL,
                                              (1u << BITEXT_CHECK_MARKUP)
                                                | (1u << BITEXT_CHECK_SPELLING), 1);
  g_autoptr(GString) got = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      const BitextFinding *f = findings->pdata[i];
      if (f->check == BITEXT_CHECK_MARKUP)
        g_string_append_printf (got, "%u %s «%s»\n", f->unit,
                                bitext_severity_get_name (f->severity), f->text);
    }
  g_assert_cmpstr (got->str, ==, "1 warning «*bolster*»\n");
}

/*
** Words Russian forms at will from words the dictionary knows, which it lists only where they
** are common: a prefix on a known word (с+генерированная, от+рисовываемый, спец+код) and the
** first part of a compound adjective (японо-рюкюские). They are notes («рюкюские», a name's
** adjective, is one as a term). (A slip in such a word's root is a note too: its root less
** one letter is so often another form of a word, генерирован/генерировал, that looking for
** it there raised more false warnings than it found slips on the gettext memory.)
*/
static void
test_word_formation (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("Generated line", "Сгенерированная строка"),
    U ("invalid Unicode escape", "неверный спецкод Unicode"),
    U ("Japanese (family)", "японо-рюкюские языки"),
  };
  g_autofree char *got = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 1);
  g_assert_cmpstr (got, ==,
                   "0 info t[0,30) «Сгенерированная»\n"
                   "1 info t[17,31) «спецкод»\n"
                   "2 info t[0,10) «японо»\n"
                   "2 info t[11,27) «рюкюские»\n");
}

/*
** A slip is a letter left out, added or swapped, or one replaced by a key next to it or by a
** letter that sounds alike («адиночку»); a word one replacement from a dictionary word by a
** far key (вычищаются, «вычитаются»: щ for т) is another word, a note, and so is a word of
** three letters or fewer, which nearly every string is one edit from.
*/
static void
test_slips (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("create and switch to a branch", "создать и перключиться на ветку"),
    U ("I fought alone.", "Я боролся в адиночку."),
    U ("packages are cleaned up", "пакеты вычищаются"),
    U ("data type", "тим данных"),
  };
  g_autofree char *got = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 1);
  g_assert_cmpstr (got, ==,
                   "0 warning t[18,42) «перключиться»\n"
                   "1 warning t[21,37) «адиночку»\n"
                   "2 info t[13,33) «вычищаются»\n"
                   "3 info t[0,6) «тим»\n");
}

/*
** A word the dictionary lacks that renders a source word by its sound is a loanword or a name
** (info), however close a common word is; a vowel put into a cluster of the source word's
** consonants is no rendering: «конфиликта» for "conflict" stays a slip.
*/
static void
test_renderings (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("File is a socket.", "Файл является сокетом."),
    U ("Directories with avatar faces", "Каталоги с аватарками"),
    U ("Bury", "Бэри"),
    U ("Cache file created.", "Кеш-файл создан."),
    U ("after resolving a conflict", "после разрешения конфиликта"),
  };
  g_autofree char *got = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 1);
  g_assert_cmpstr (got, ==,
                   "0 info t[26,40) «сокетом»\n"
                   "1 info t[20,40) «аватарками»\n"
                   "2 info t[0,8) «Бэри»\n"
                   "3 info t[0,6) «Кеш»\n"
                   "4 warning t[32,52) «конфиликта»\n");

  static const struct { const char *word, *key; } keys[] = {
    { "socket", "sVkVt" }, { "сокет", "sVkVt" }, { "Fife", "fVf" }, { "Файф", "fVf" },
    { "Slough", "sl" }, { "Слау", "sl" }, { "phone", "fVn" }, { "cache", "kVC" },
    { "conflict", "kVnflVkt" }, { "конфиликт", "kVnfVlVkt" }, { "taxi", "tVks" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *key = bitext_terms__sound_key (keys[i].word);
      g_assert_cmpstr (key, ==, keys[i].key);
    }
}

/*
** Words the dictionary lacks that are no slips although a common word is one edit away: the
** lower-case part of a hyphenated place name, a case ending after a hyphen, an abbreviation cut
** short with a period, a unit with a prefix (Тбит), and the rendering of a source made only of
** names. A slip in the same kind of sentence stays a warning.
*/
static void
test_names_and_abbreviations (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("Welcome to Reggio Calabria.", "Добро пожаловать в Реджо-ди-Калабрия."),
    U ("Print every Nth line.", "Напечатать каждую N-ную строку."),
    U ("Other info of the user", "Другая инф. о пользователе"),
    U ("Expression", "Выр."),
    U ("Qax", "Кахский район"),
    U ("Welcome to the new city.", "Добро пожаловать в новый горад."),
    U ("2 Tb, 4 GiB", "2 Тбит, 4 ГиБ"),
  };
  g_autofree char *got = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 1);
  g_assert_cmpstr (got, ==,
                   "0 info s[11,17) «Reggio»\n"
                   "0 info t[35,45) «Реджо»\n"
                   "0 info t[46,50) «ди»\n"
                   "1 info t[36,42) «ную»\n"
                   "2 info t[13,19) «инф»\n"
                   "3 info t[0,6) «Выр»\n"
                   "4 info s[0,3) «Qax»\n"
                   "4 info t[0,14) «Кахский»\n"
                   "5 warning t[46,56) «горад»\n"
                   "6 info t[2,10) «Тбит»\n");
}

/* A glossary term Hunspell does not know passes in any form; a do-not-translate word too. */
static void
test_glossary_terms (void)
{
  if (!have_dictionaries ())
    return;
  g_autoptr(BitextGlossary) g = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_add_entry (g, "deconfliction", "деконфликтинг", NULL, NULL,
                                            &error));
  g_assert_true (bitext_glossary_add_dnt (g, "Aegis", &error));
  g_assert_no_error (error);
  BitextQaUnit units[] = {
    U ("We need deconfliction.", "Нужен деконфликтинг, деконфликтинга мало, о нём молчат."),
    U ("Aegis ships.", "Корабли Aegis и Аегис."),
    U ("Our defence is strong.", "Наша аборона крепка."),
  };
  g_autofree char *got = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", g, 1);
  g_assert_cmpstr (got, ==, "2 warning t[9,23) «аборона»\n");
}

/* English: the source's words are noted (info), the target's flagged; British spelling passes. */
static void
test_english (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("The commitee isn't ready; NATO's organisation honoured pre-planned talks.",
       "Комитет не готов."),
    U ("Комитет не готов.", "The comittee is not ready, its members' views differ."),
  };
  g_autofree char *en_ru = spelling_findings (units, 1, "en", "ru", NULL, 1);
  g_assert_cmpstr (en_ru, ==, "0 info s[4,12) «commitee»\n");
  g_autofree char *ru_en = spelling_findings (units + 1, 1, "ru", "en", NULL, 1);
  g_assert_cmpstr (ru_en, ==, "0 warning t[4,12) «comittee»\n");
}

/*
** A capitalised word the dictionary lacks that transliterates a capitalised
** word of the other side is a name; without such a word it is noted: no common
** word is one edit from it (test_typo_or_term).
*/
static void
test_names (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    U ("Rasmussen and Fogh spoke.", "Расмуссен и Фог выступили, Расмуссена слушали."),
    U ("The secretary spoke.", "Расмуссен выступил."),
  };
  g_autofree char *got = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 1);
  g_assert_cmpstr (got, ==, "1 info t[0,18) «Расмуссен»\n");
}

/* A language without a dictionary: that side is not checked, and that is no error. */
static void
test_no_dictionary (void)
{
  g_assert_false (bitext_qa_can_spell ("xx"));
  g_assert_false (bitext_qa_can_spell (NULL));
  BitextQaUnit units[] = { U ("Qwertz asdfgh.", "Zxcvb nmlkj.") };
  g_autofree char *got = spelling_findings (units, 1, "xx", "yy", NULL, 1);
  g_assert_cmpstr (got, ==, "");
}

/* The note the summaries carry when a side went unchecked, in the terminal view for one. */
static void
test_note (void)
{
  g_autofree char *both = bitext_qa_dup_spelling_note ("xx", "yy");
  g_assert_cmpstr (both, ==, "spelling: neither side (xx, yy) was checked: no Hunspell dictionary");
  g_autofree char *unknown = bitext_qa_dup_spelling_note (NULL, NULL);
  g_assert_null (unknown);
  if (!have_dictionaries ())
    return;
  g_autofree char *none = bitext_qa_dup_spelling_note ("en", "ru");
  g_assert_null (none);
  g_autofree char *target = bitext_qa_dup_spelling_note ("en", "xx");
  g_assert_cmpstr (target, ==, "spelling: the target (xx) was not checked: no Hunspell dictionary");
  BitextQaUnit units[] = { U ("Our defence is strong.", "Unsere Verteidigung ist stark.") };
  g_autoptr(GPtrArray) findings = g_ptr_array_new ();
  BitextReportOptions options = BITEXT_REPORT_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "xx";
  g_autoptr(GString) out = g_string_new (NULL);
  bitext_report_append_text (out, units, 1, findings, &options);
  g_assert_true (g_str_has_suffix (out->str, "\nnote: spelling: the target (xx) was not checked: "
                                             "no Hunspell dictionary\n"));
}

/*
** Three threads share the dictionaries (locked) with a cache each: the findings of one thread.
** Each misspelling differs («аборона», «абоорона», ...): one the translation repeats is its
** vocabulary, not a slip, and is left alone.
*/
static void
test_threads (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[60];
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(GString) t = g_string_new ("Наша оборона крепка.");
      if (i % 3 == 0)
        {
          g_string_assign (t, "Наша аб");
          for (guint k = 0; k <= i / 3; k++)
            g_string_append (t, "о");
          g_string_append (t, "рона крепка.");
        }
      g_ptr_array_add (texts, g_string_free (g_steal_pointer (&t), FALSE));
      units[i] = (BitextQaUnit) U ("Our defence is strong.", texts->pdata[i]);
    }
  g_autofree char *one = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 1);
  g_autofree char *three = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 3);
  g_assert_cmpstr (three, ==, one);
  guint n_lines = 0;
  for (const char *p = one; (p = strchr (p, '\n')) != NULL; p++)
    n_lines++;
  g_assert_cmpuint (n_lines, ==, 20);
  for (guint i = 0; i < G_N_ELEMENTS (units); i += 3)
    units[i].target = "Наша аборона крепка.";
  g_autofree char *repeated = spelling_findings (units, G_N_ELEMENTS (units), "en", "ru", NULL, 3);
  g_assert_cmpstr (repeated, ==, "");
}

/* Punctuation findings of n-1 units as text, one a line: "unit t[byte start,end) «text»". */
static char *
lost_break_findings (BitextQaUnit *units, guint n)
{
  g_autoptr(GPtrArray) findings = run_checks (units, n, "en", "ru", NULL,
                                              (1u << BITEXT_CHECK_SPELLING)
                                              | (1u << BITEXT_CHECK_PUNCTUATION), 1);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      const BitextFinding *f = findings->pdata[i];
      if (f->check == BITEXT_CHECK_PUNCTUATION)
        g_string_append_printf (s, "%u t[%zd,%zd) «%s»\n", f->unit, f->target_span.byte_start,
                                f->target_span.byte_end, f->text);
    }
  return g_string_free (s, FALSE);
}

/*
** Two source sentences, one target sentence: a capitalised common word after
** a lower-case word, where the source's break falls, is a lost full stop
** (qa-breaks.c). Not a merge with a conjunction, not a name, not a title far
** from the break, not a 1-1 unit.
*/
static void
test_lost_break (void)
{
  if (!have_dictionaries ())
    return;
  BitextQaUnit units[] = {
    { "We met in Moscow. We talked about defence.",
      "Мы встретились в Москве Мы обсудили оборону.", 0, 2, 1 },
    { "We met in Moscow. We talked about defence.",
      "Мы встретились в Москве и обсудили оборону.", 0, 2, 1 },
    { "We met in Moscow. We talked about defence.",
      "Мы встретились в Москве Мы обсудили оборону.", 0, 1, 1 },
    /* A title's capital far from the break: the length model rules it out. */
    { "The Interim Capability will be announced in Chicago later this month. It protects Europe.",
      "О Промежуточном потенциале объявят в Чикаго позднее в этом месяце, он защищает Европу.",
      0, 2, 1 },
    /* A name after the break: its capital is its own (a limit: the lost stop goes unseen). */
    { "We met the minister. Russia agreed.", "Мы встретились с министром Россия согласилась.",
      0, 2, 1 },
  };
  g_autofree char *got = lost_break_findings (units, G_N_ELEMENTS (units));
  g_assert_cmpstr (got, ==, "0 t[31,48) «Москве Мы»\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qa/spelling/russian", test_russian);
  g_test_add_func ("/qa/spelling/typo-or-term", test_typo_or_term);
  g_test_add_func ("/qa/spelling/glossary-terms", test_glossary_terms);
  g_test_add_func ("/qa/spelling/english", test_english);
  g_test_add_func ("/qa/spelling/names", test_names);
  g_test_add_func ("/qa/spelling/word-formation", test_word_formation);
  g_test_add_func ("/qa/spelling/renderings", test_renderings);
  g_test_add_func ("/qa/spelling/slips", test_slips);
  g_test_add_func ("/qa/spelling/emphasis-in-capitals", test_emphasis_in_capitals);
  g_test_add_func ("/qa/spelling/names-and-abbreviations", test_names_and_abbreviations);
  g_test_add_func ("/qa/spelling/no-dictionary", test_no_dictionary);
  g_test_add_func ("/qa/spelling/note", test_note);
  g_test_add_func ("/qa/spelling/threads", test_threads);
  g_test_add_func ("/qa/punctuation/lost-break", test_lost_break);
  return g_test_run ();
}
