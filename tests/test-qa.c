/* bitext tests — the QA engine and its checks: exact findings (check, unit, spans), the speech. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "test-util.h"

#define U(s, t) { s, t, 0, BITEXT_QA_COUNT_UNKNOWN, BITEXT_QA_COUNT_UNKNOWN }

/*
** Findings as text, one a line: "check unit severity s[a,b) t[c,d) «flagged»", spans in
** characters ("-" for none). Units get their index from their position.
*/
static char *
describe (GPtrArray *findings)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      const BitextFinding *f = findings->pdata[i];
      g_string_append_printf (s, "%s %u %s ", bitext_check_get_id (f->check), f->unit,
                              bitext_severity_get_name (f->severity));
      if (f->source_span.start >= 0)
        g_string_append_printf (s, "s[%zd,%zd) ", f->source_span.start, f->source_span.end);
      else
        g_string_append (s, "s- ");
      if (f->target_span.start >= 0)
        g_string_append_printf (s, "t[%zd,%zd) ", f->target_span.start, f->target_span.end);
      else
        g_string_append (s, "t- ");
      g_string_append_printf (s, "«%s»\n", f->text);
    }
  return g_string_free (s, FALSE);
}

static GPtrArray *
run_checks (BitextQaUnit *units, guint n, BitextGlossary *g, guint checks,
            BitextQaProfile profile)
{
  for (guint i = 0; i < n; i++)
    units[i].index = i;
  BitextQaOptions options = BITEXT_QA_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  options.glossary = g;
  options.checks = checks;
  options.profile = profile;
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = bitext_qa_run (units, n, &options, &error);
  g_assert_no_error (error);
  return findings;
}

/* The findings of @checks (a bit per check) on the document @units, described. */
static char *
describe_checks (BitextQaUnit *units, guint n, guint checks)
{
  g_autoptr(GPtrArray) findings = run_checks (units, n, NULL, checks, BITEXT_QA_PROFILE_DOCUMENT);
  return describe (findings);
}

/* @check's findings on @units made a memory's (sentence counts unknown), described. */
static char *
describe_as_memory (BitextQaUnit *units, guint n, BitextCheck check)
{
  for (guint i = 0; i < n; i++)
    units[i].src_count = units[i].tgt_count = BITEXT_QA_COUNT_UNKNOWN;
  return describe_checks (units, n, 1u << check);
}

static void
assert_profile_findings (BitextQaUnit *units, guint n, BitextGlossary *g, BitextCheck check,
                         BitextQaProfile profile, const char *expected)
{
  g_autoptr(GPtrArray) findings = run_checks (units, n, g, 1u << check, profile);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, expected);
}

static void
assert_findings (BitextQaUnit *units, guint n, BitextGlossary *g, BitextCheck check,
                 const char *expected)
{
  assert_profile_findings (units, n, g, check, BITEXT_QA_PROFILE_AUTO, expected);
}

static BitextGlossary *
glossary (const char *tsv)
{
  BitextGlossary *g = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_load_data (g, "test.tsv", tsv, strlen (tsv), &error));
  g_assert_no_error (error);
  return g;
}

static void
test_untranslated_segment (void)
{
  g_autoptr(BitextGlossary) g = glossary ("NATO\tНАТО\n");
  g_assert_true (bitext_glossary_add_dnt (g, "Aegis", NULL));
  BitextQaUnit units[] = {
    U ("The plan was approved.", "The plan was approved."),     /* a copy */
    U ("We met twice.", " "),                                   /* empty */
    U ("The plan was approved today.", "The plan was approved сегодня."), /* mostly Latin */
    U ("2012", "2012"),                                         /* no word to translate */
    U ("Aegis", "Aegis"),                                       /* do-not-translate */
    U ("The plan was approved.", "План одобрен."),
  };
  assert_findings (units, G_N_ELEMENTS (units), g, BITEXT_CHECK_UNTRANSLATED_SEGMENT,
                   "untranslated-segment 0 error s[0,22) t[0,22) «The plan was approved.»\n"
                   "untranslated-segment 1 error s[0,13) t- «We met twice.»\n"
                   "untranslated-segment 2 error s[0,28) t[0,30) «The plan was approved "
                   "сегодня.»\n");
}

/*
** NATO kept where the glossary renders it «НАТО» is a warning; a name kept in
** Latin that nothing in the text or the glossary translates is a note (a
** document may keep it so).
*/
static void
test_untranslated_term (void)
{
  g_autoptr(BitextGlossary) g = glossary ("NATO\tНАТО\n");
  g_assert_true (bitext_glossary_add_dnt (g, "Aegis", NULL));
  BitextQaUnit units[] = {
    U ("NATO agreed.", "Альянс NATO согласился."),
    U ("At the Missile Defense Conference.", "На конференции Missile Defense Conference."),
    U ("See https://example.org/a now.", "См. https://example.org/a сейчас."),
    U ("The 21st century.", "XXI век."),
    U ("The Aegis system.", "Система Aegis."),
    U ("The <b>main</b> threat.", "Главная <b>угроза</b>."),
  };
  assert_findings (units, G_N_ELEMENTS (units), g, BITEXT_CHECK_UNTRANSLATED_TERM,
                   "untranslated-term 0 warning s[0,4) t[7,11) «NATO»\n"
                   "untranslated-term 1 info s[7,33) t[15,41) «Missile Defense Conference»\n");
}

static void
assert_document_terms (BitextQaUnit *units, guint n, const char *expected)
{
  guint checks = 1u << BITEXT_CHECK_UNTRANSLATED_TERM | 1u << BITEXT_CHECK_INCONSISTENCY;
  g_autoptr(GPtrArray) findings = run_checks (units, n, NULL, checks, BITEXT_QA_PROFILE_DOCUMENT);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, expected);
}

/*
** A document keeps commands, values, keys, code and names in Latin as the
** source writes them («выберите rescue», «демон udev», «в формате PDF»,
** «make install», «apt-get update»): a note each. An English clause left as
** it was (a function word inside it: "the", "about") is a warning, and so is
** a common word in the same unit ("see").
*/
static void
test_untranslated_term_mention (void)
{
  BitextQaUnit units[] = {
    U ("Select rescue in the boot menu.", "Выберите rescue в меню загрузки."),
    U ("Start the udev daemon.", "Запустите демон udev."),
    U ("Save it as PDF.", "Сохраните его в формате PDF."),
    U ("Read the manual first.", "Read the manual сначала."),
    U ("For more about it, see chapter 6.", "For more about it, see главу 6."),
    U ("Then run make install.", "Затем выполните make install."),
    U ("Run apt-get update first.", "Сначала выполните apt-get update."),
  };
  assert_document_terms (units, G_N_ELEMENTS (units),
                         "untranslated-term 0 info s[7,13) t[9,15) «rescue»\n"
                         "untranslated-term 1 info s[10,14) t[16,20) «udev»\n"
                         "untranslated-term 2 info s[11,14) t[24,27) «PDF»\n"
                         "untranslated-term 3 warning s[0,15) t[0,15) «Read the manual»\n"
                         "untranslated-term 4 warning s[0,17) t[0,17) «For more about it»\n"
                         "untranslated-term 4 warning s[19,22) t[19,22) «see»\n"
                         "untranslated-term 5 info s[9,21) t[16,28) «make install»\n"
                         "untranslated-term 6 info s[4,18) t[18,32) «apt-get update»\n");
}

/*
** A common English word after a Russian adjective that agrees with it is used
** as a Russian noun: a warning. After a gerund («нажимая enter») or a noun
** («кнопку Continue») it is mentioned: a note.
*/
static void
test_untranslated_term_adjective (void)
{
  BitextQaUnit units[] = {
    U ("As the Russian media reported.", "Как сообщали российские media."),
    U ("We held a successful computer aided exercise.",
       "Мы провели успешное computer aided exercise."),
    U ("Pressing enter toggles it.", "Нажимая enter, вы переключаете его."),
    U ("Tab to the Continue button.", "Перейдите на кнопку Continue."),
  };
  assert_document_terms (units, G_N_ELEMENTS (units),
                         "untranslated-term 0 warning s[15,20) t[24,29) «media»\n"
                         "untranslated-term 1 warning s[21,44) t[20,43) «computer aided exercise»\n"
                         "untranslated-term 2 info s[9,14) t[8,13) «enter»\n"
                         "untranslated-term 3 info s[11,19) t[20,28) «Continue»\n");
}

/*
** A name kept in Latin in one unit is a warning when more units translate it
** than keep it (NATO once, НАТО twice): the text's own choice is to translate.
** One unit each way (Web, «веб») is no convention: a note.
*/
static void
test_untranslated_term_against_text (void)
{
  BitextQaUnit units[] = {
    U ("NATO agreed.", "NATO согласилось."),
    U ("NATO met.", "НАТО собралось."),
    U ("NATO spoke.", "НАТО выступило."),
    U ("The Web team.", "Команда Web."),
    U ("A Web server.", "Веб-сервер."),
  };
  assert_document_terms (units, G_N_ELEMENTS (units),
                         "untranslated-term 0 warning s[0,4) t[0,4) «NATO»\n"
                         "untranslated-term 3 info s[4,7) t[8,11) «Web»\n");
}

/*
** The expansion of an acronym in parentheses is a gloss like the original
** after a Russian rendering, and neither counts as keeping the word: «Живая
** система (live system)» does not make "live" a name. A word joined to a name
** the text keeps is part of it (X Window System).
*/
static void
test_untranslated_term_gloss_and_name_parts (void)
{
  BitextQaUnit units[] = {
    U ("Use a DNS (Domain Name Service) server.", "Укажите сервер DNS (Domain Name Service)."),
    U ("A live system (live system) runs.", "Живая система (live system) работает."),
    U ("Boot a Live system.", "Загрузите Live-систему."),
    U ("The X Window System runs.", "Работает X Window System."),
    U ("Open an X Window.", "Откройте X Window."),
  };
  assert_document_terms (units, G_N_ELEMENTS (units),
                         "untranslated-term 0 info s[6,9) t[15,18) «DNS»\n"
                         "untranslated-term 2 info s[7,11) t[10,14) «Live»\n"
                         "untranslated-term 3 info s[6,12) t[11,17) «Window»\n");
}

/*
** A kept name with a capital (Window) is not the lower-case word of the source
** ("a window"), and a kept common word (false, a value) that prose units
** render by its meaning is a note, not an inconsistency warning, in a document.
*/
static void
test_kept_name_case (void)
{
  BitextQaUnit units[] = {
    U ("It runs in X Window.", "Она работает в X Window."),
    U ("Close X Window now.", "Закройте X Window сейчас."),
    U ("Close the window.", "Закройте окно."),
    U ("Set it to false.", "Установите в false."),
    U ("Set debug to false.", "Установите debug в false."),
    U ("That claim is false.", "Это утверждение ложно."),
  };
  assert_document_terms (units, G_N_ELEMENTS (units),
                         "untranslated-term 0 info s[13,19) t[17,23) «Window»\n"
                         "untranslated-term 3 info s[10,15) t[13,18) «false»\n"
                         "untranslated-term 4 info s[4,9) t[11,16) «debug»\n"
                         "inconsistency 5 info s[14,19) t- «false»\n");
}

/*
** Debian is kept in Latin in 3 of 4 units: a name (one info note), and the unit that
** writes «Дебиан» gets the warning. PostgreSQL is kept in 1 unit of 2: no majority
** either way, so it is no name and no departure from one, a note like Linux, kept once
** only. An English original in parentheses after its Russian rendering is a gloss; the
** same word bare is copied from the source, a note.
*/
static void
test_kept_names (void)
{
  BitextQaUnit units[] = {
    U ("Install Debian now.", "Установите Debian сейчас."),
    U ("Debian is free.", "Debian свободен."),
    U ("We use Debian and Linux.", "Мы используем Debian и Linux."),
    U ("Debian is stable.", "Дебиан стабилен."),
    U ("PostgreSQL runs.", "PostgreSQL работает."),
    U ("PostgreSQL stops.", "Постгрес останавливается."),
    U ("A firewall (or two).", "Межсетевой экран (firewall), а также firewall."),
  };
  guint checks = 1u << BITEXT_CHECK_UNTRANSLATED_TERM | 1u << BITEXT_CHECK_INCONSISTENCY;
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL, checks,
                                                BITEXT_QA_PROFILE_AUTO);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==,
                   "untranslated-term 0 info s[8,14) t[11,17) «Debian»\n"
                   "untranslated-term 2 info s[18,23) t[23,28) «Linux»\n"
                   "inconsistency 3 warning s[0,6) t- «Debian»\n"
                   "untranslated-term 4 info s[0,10) t[0,10) «PostgreSQL»\n"
                   "untranslated-term 6 info s[2,10) t[37,45) «firewall»\n");
  const BitextFinding *note = findings->pdata[0];
  g_assert_cmpstr (note->message, ==,
                   "'Debian' is kept in Latin in 3 of 4 units: a name kept by convention");
  const BitextFinding *odd = findings->pdata[2];
  g_assert_cmpstr (odd->message, ==, "'Debian' is kept in Latin in 3 of 4 units, but not here");
}

/*
** A name kept in Latin in most units and written by its sound in Cyrillic in others: a
** spelling used in two units or more is the language's other spelling (Unicode «Юникод»),
** a note that asks for one spelling; used in one unit only, a slip from the convention. The
** name written apart (NumLock, «Num Lock») is the same name: no inconsistency.
*/
static void
test_kept_names_by_sound (void)
{
  BitextQaUnit units[] = {
    U ("Unicode text", "Текст Unicode"),
    U ("Unicode input", "Ввод Unicode"),
    U ("Unicode output", "Вывод Unicode"),
    U ("Unicode fonts", "Юникодные шрифты"),
    U ("A Unicode name", "Имя в Юникоде"),
    U ("Runs on Linux.", "Работает в Linux."),
    U ("Linux is free.", "Linux свободен."),
    U ("Linux is stable.", "Linux стабилен."),
    U ("Ported to Linux.", "Перенесено на Линукс."),
    U ("Press NumLock now", "Нажмите NumLock сейчас"),
    U ("Press NumLock again", "Нажмите NumLock снова"),
    U ("Press NumLock twice", "Нажмите Num Lock дважды"),
  };
  guint checks = 1u << BITEXT_CHECK_UNTRANSLATED_TERM | 1u << BITEXT_CHECK_INCONSISTENCY;
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL, checks,
                                                BITEXT_QA_PROFILE_AUTO);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==,
                   "untranslated-term 0 info s[0,7) t[6,13) «Unicode»\n"
                   "inconsistency 3 info s[0,7) t[0,9) «Юникодные»\n"
                   "inconsistency 4 info s[2,9) t[6,13) «Юникоде»\n"
                   "untranslated-term 5 info s[8,13) t[11,16) «Linux»\n"
                   "inconsistency 8 warning s[10,15) t[14,20) «Линукс»\n"
                   "untranslated-term 9 info s[6,13) t[8,15) «NumLock»\n"
                   "untranslated-term 11 info s[6,13) t[8,16) «Num Lock»\n");
  const BitextFinding *odd = findings->pdata[4];
  g_assert_cmpstr (odd->message, ==, "'Linux' is kept in Latin in 3 of 4 units, written «Линукс» "
                                     "here (so in 1): one spelling throughout?");
}

/*
** A unit that lacks a name the text keeps (Debian in 3 of 5 units) and has no word that could
** write it otherwise has left it out or said it another way («Система стабильна»): a note.
** A capitalised word the target's dictionary does not know («Дебиан») is the name spelt
** otherwise: a warning.
*/
static void
test_kept_name_left_out (void)
{
  BitextQaUnit units[] = {
    U ("Install Debian now.", "Установите Debian сейчас."),
    U ("Debian is free.", "Debian свободен."),
    U ("We use Debian here.", "Мы используем Debian здесь."),
    U ("The Debian system is stable.", "Система стабильна."),
    U ("Debian is fast.", "Дебиан быстр."),
  };
  g_autofree char *got = describe_checks (units, G_N_ELEMENTS (units),
                                          1u << BITEXT_CHECK_UNTRANSLATED_TERM
                                            | 1u << BITEXT_CHECK_INCONSISTENCY);
  g_assert_cmpstr (got, ==, "untranslated-term 0 info s[8,14) t[11,17) «Debian»\n"
                            "inconsistency 3 info s[4,10) t- «Debian»\n"
                            "inconsistency 4 warning s[0,6) t- «Debian»\n");
}

/*
** Documents: a word written as a manual-page reference (pipe(2)) is code however the prose
** renders the word (канал); the expansion of an acronym kept beside it («FIFO (сокращение
** от First In First Out, …)») is a gloss; a lone word the translation adds (compgen, the
** subject made explicit) is a name or code. English the target adds as a phrase stays a
** warning.
*/
static void
test_kept_code_and_glosses (void)
{
  BitextQaUnit units[] = {
    U ("A pipe has two ends.", "У канала два конца."),
    U ("The pipe is full.", "Канал заполнен."),
    U ("Write to the pipe.", "Запишите в канал."),
    U ("A program that uses pipe(2) and fork(2) should call close(2) on the ends it does not use.",
       "Программа, использующая pipe(2) и fork(2), должна вызывать close(2) для неиспользуемых "
       "концов."),
    U ("A FIFO (short for First In First Out) has a name.",
       "У FIFO (сокращение от First In First Out, первым вошёл, первым вышел) есть имя."),
    U ("Intended to be used from a shell function.",
       "compgen предназначен для использования в функциях оболочки."),
    U ("Use the option.", "Используйте according to параметр."),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_UNTRANSLATED_TERM,
                           BITEXT_QA_PROFILE_DOCUMENT,
                           "untranslated-term 3 info s[20,24) t[24,28) «pipe»\n"
                           "untranslated-term 3 info s[32,36) t[34,38) «fork»\n"
                           "untranslated-term 3 info s[52,57) t[59,64) «close»\n"
                           "untranslated-term 4 info s[2,6) t[2,6) «FIFO»\n"
                           "untranslated-term 4 info s[18,36) t[22,40) «First In First Out»\n"
                           "untranslated-term 5 info s- t[0,7) «compgen»\n"
                           "untranslated-term 6 warning s- t[12,24) «according to»\n");
}

/*
** Software strings: a word kept in Latin is taken for a proper name only where it has a capital
** a common word would not have (inside a unit: "Install Debian now"); a word capitalised only
** where it opens its unit ("Zorb forms") may be a common word a unit rightly translates: a note.
*/
static void
test_kept_names_capitals (void)
{
  BitextQaUnit units[] = {
    U ("Zorb forms", "Zorb формы"),
    U ("Zorb lists", "Zorb списки"),
    U ("Zorb rules", "Zorb правила"),
    U ("Zorb tables", "Таблицы Зорба"),
    U ("Install Debian now", "Установите Debian"),
    U ("Debian is free", "Debian свободен"),
    U ("Run Debian", "Запустите Дебиан сейчас"),
    /* 7-9: the field Pre-Depends kept, its part Pre no name in another compound (10). */
    U ("Field Pre-Depends is set", "Поле Pre-Depends задано"),
    U ("Read Pre-Depends now", "Прочитайте Pre-Depends"),
    U ("Check Pre-Depends first", "Сначала проверьте Pre-Depends"),
    U ("Pre-base Substitutions", "Предварительные замены"),
  };
  guint checks = 1u << BITEXT_CHECK_UNTRANSLATED_TERM | 1u << BITEXT_CHECK_INCONSISTENCY;
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL, checks,
                                                BITEXT_QA_PROFILE_SOFTWARE);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==,
                   "untranslated-term 0 info s[0,4) t[0,4) «Zorb»\n"
                   "inconsistency 3 info s[0,4) t[8,13) «Зорба»\n"
                   "untranslated-term 4 info s[8,14) t[11,17) «Debian»\n"
                   "inconsistency 6 warning s[4,10) t- «Debian»\n"
                   "untranslated-term 7 info s[6,9) t[5,8) «Pre»\n"
                   "untranslated-term 7 info s[10,17) t[9,16) «Depends»\n");
}

static void
test_glossary (void)
{
  g_autoptr(BitextGlossary) g = glossary ("missile defence\tпротиворакетная оборона | ПРО\n"
                                          "sensor\tсредство обнаружения\t\tдатчик\n"
                                          "summit\tсаммит\n");
  BitextQaUnit units[] = {
    U ("Missile defences matter.", "Противоракетная оборона важна."),
    U ("We discussed missile defence.", "Мы обсудили вопросы противоракетной обороны."),
    U ("A missile defence centre.", "Центр ПРО."),
    U ("Our missile defence works.", "Наша оборона работает."),
    U ("New sensors were added.", "Добавлены новые датчики."),
    U ("At the summit, sensors.", "На саммите — средства обнаружения."),
    U ("The summit ended.", "Встреча завершилась."),
  };
  assert_findings (units, G_N_ELEMENTS (units), g, BITEXT_CHECK_GLOSSARY,
                   "glossary 3 warning s[4,19) t- «missile defence»\n"
                   "glossary 4 error s[4,11) t[16,23) «датчики»\n"
                   "glossary 6 warning s[4,10) t- «summit»\n");
}

static void
test_numbers (void)
{
  BitextQaUnit units[] = {
    U ("It cost 1,000.5 dollars.", "Это стоило 1 000,5 доллара."),
    U ("On 3 May 2012 we met.", "3 мая 2012 г. мы встретились."),
    U ("Over 30 states.", "Более 40 государств."),
    U ("The 21st century.", "XXI век."),
    U ("Two systems with one goal.", "Две системы с единой целью."),
    U ("They help one another.", "Они помогают друг другу."),
    U ("In November 2010.", "В декабре 2010 г."),
    U ("The MD Data Fusion Centre.", "Центр обобщения данных."),
    U ("Three centres and 12 sites.", "Два центра и 12 объектов."),
    U ("In 2012 and 2013.", "В 2012 г."),
    U ("The 20th century.", "XXI век."),
    /* A section's or a version's number is one label (not 6.3 and 5). */
    U ("See section 6.3.5.", "Смотрите раздел 6.3.4."),
    U ("Version 1.2.53 of 2,000,000 lines is out.", "Вышла версия 1.2.53 из 2 000 000 строк."),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_NUMBER,
                   "number 2 error s[5,7) t[6,8) «40»\n"
                   "number 6 error s[3,11) t[2,9) «декабре»\n"
                   "number 8 error s[0,5) t[0,3) «Два»\n"
                   "number 9 error s[12,16) t- «2013»\n"
                   "number 10 error s[4,6) t[0,3) «XXI»\n"
                   "number 11 error s[12,17) t[16,21) «6.3.4»\n");
}

/* Numerals and month names in capitals, Cyrillic ones too (they take a path of their own). */
/*
** Numbers written as software and schedules write them: a literal copied as it is (a list
** "[0,31]" that Russian would read as 0.31, an English grouped number left unchanged) is
** the same data; a 12-hour time may become a 24-hour one (5 PM is 17:00, 12 AM is 0:00),
** and the "00" of its minutes is no number of its own. A changed hour stays an error.
*/
static void
test_numbers_literals_and_clock (void)
{
  BitextQaUnit units[] = {
    U ("Value must be in [0,31].", "Значение должно быть в диапазоне [0,31]."),
    U ("Copy 1,048,576 bytes.", "Скопируйте 1,048,576 байт."),
    U ("The backup starts at 5 PM.", "Резервное копирование начинается в 17:00."),
    U ("Set it to 12 AM or 12:30 pm.", "Установите 0:00 или 12:30."),
    U ("Runs at 9 a.m. daily.", "Запускается ежедневно в 9 утра."),
    U ("Starts at 5 PM.", "Начинается в 18:00."),
    U ("Use [0,31].", "Используйте [0,32]."),
    /* coreutils writes its times with U+2236 RATIO. */
    U ("e.g. 2∶35 pm, 11∶46 am", "например, 14∶35, 11∶46"),
    /* 8: coreutils' examples: three 12-hour times gone, one 24-hour time of the
       translator's own (notes); 9: a time changed, minutes and all (errors: the 14 of
       14:15 is not 2:35 pm's hour). */
    U ("e.g. 15:30, 2:35 pm, 14:15:20, 11:46:30 am, 4 pm", "например, 15:30, 14:15:20, 7:20"),
    U ("It starts at 2:35 pm.", "Начинается в 14:15."),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_NUMBER,
                   "number 5 error s[10,11) t- «5»\n"
                   "number 5 error s- t[13,15) «18»\n"
                   "number 5 error s- t[16,18) «00»\n"
                   "number 6 error s[5,6) t- «0»\n"
                   "number 6 error s[7,9) t- «31»\n"
                   "number 6 error s- t[13,17) «0,32»\n"
                   "number 8 info s[12,19) t- «2:35 pm»\n"
                   "number 8 info s- t[27,31) «7:20»\n"
                   "number 8 info s[31,42) t- «11:46:30 am»\n"
                   "number 8 info s[44,48) t- «4 pm»\n"
                   "number 9 error s[13,14) t- «2»\n"
                   "number 9 error s- t[13,15) «14»\n"
                   "number 9 error s[15,17) t- «35»\n"
                   "number 9 error s- t[16,18) «15»\n");
}

/*
** Issue 15, gettext memory: a numeral in words used as a pronoun («одно/двух», «нулевой
** байт») must not take a digit's place, else the digit left over is reported; a number in
** code ("2.x-style", "#9") still matches the same number written as prose; a date in digits
** may name its month in words (2/29 is «29 февраля»). A changed number stays an error (the
** "29" of "2/29" reads as code, so only the target's 28 is reported).
*/
static void
test_numbers_words_code_dates (void)
{
  BitextQaUnit units[] = {
    U ("single/two letter suffix: 1K = 1000, 1Mi = 1048576",
       "одно/двух буквенный суффикс: 1K = 1000, 1Mi = 1048576"),
    U ("command '0', then a null byte, as for \"xargs -0\".",
       "команда «0», затем нулевой байт, как для «xargs -0»."),
    U ("No preferences on a PGP 2.x-style user ID.", "У идентификатора типа PGP 2.x нет предпочтений."),
    U ("#9 Envelope", "Конверт №9"),
    U ("use of 2/29 in non leap-year", "использование 29 февраля в невисокосном году"),
    U ("use of 2/29 in non leap-year", "использование 28 февраля в невисокосном году"),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_NUMBER,
                   "number 1 info s- t[19,26) «нулевой»\n"
                   "number 5 error s- t[14,16) «28»\n");
}

/*
** Ranks: an ordinal in digits (1st, «3-й») matches one in words in any case form («первой»);
** an ordinal in words is never reported alone (first of all, «во-первых») and never stands in
** for a count: "2 files" as «второй файл» stays an error.
*/
static void
test_numbers_ordinals (void)
{
  BitextQaUnit units[] = {
    U ("In the 1st form, create a link.", "В первой форме создаётся ссылка."),
    U ("Copy 2 files.", "Скопируйте второй файл."),
    U ("First, geography does not lie.", "География не лжёт."),
    U ("On the 3rd day.", "На 3-й день."),
    U ("The second attempt.", "Во-вторых, попытка."),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_NUMBER,
                   "number 1 error s[5,6) t- «2»\n");
}

/*
** Numbers inside Russian words: a compound adjective whose first part is a numeral
** («двухбайтовая», «восьмибитного», «трехходовое»), a numeral noun («степенью двойки»), the
** noun «нуль» beside «ноль», a label rendered by a rank ("operand 1", «первого операнда»), and
** digits glued to a name (base64). A compound with another number stays an error; a word
** that only begins like a numeral (тривиальный, семитский, десятичный) holds none.
*/
static void
test_numbers_inside_words (void)
{
  BitextQaUnit units[] = {
    U ("exponent less than 0", "экспонента меньше нуля"),
    U ("the 2-byte sequence", "двухбайтовая последовательность"),
    U ("%s requires value 0-2 as operand 1", "в качестве первого операнда для %s требуется значение 0-2"),
    U ("Alignment must be a power of 2", "Выравнивание должно быть степенью двойки"),
    U ("of 8bit character", "восьмибитного символа"),
    U ("perform a 3-way merge", "выполнить трехходовое слияние"),
    U ("create base-64 encoded output", "вывод в кодировке base64"),
    U ("use 3 threads", "использовать четырехпоточный режим"),
    U ("a trivial case of Semitic decimal numbers", "тривиальный случай семитских десятичных чисел"),
    /* A footnote's mark that the translation moved to the sentence before; an index stays. */
    U ("[65] This distinction matters.", "Это различие важно."),
    U ("It builds binary packages.", "Он собирает двоичные пакеты [65]."),
    U ("Read a[1] first.", "Прочтите a[2] сначала."),
    U ("Programs are compiled by invoking make.[11]", "Программы собираются командой make[11]."),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_NUMBER,
                   "number 7 error s[4,5) t[13,28) «четырехпоточный»\n"
                   "number 11 error s[7,8) t[11,12) «2»\n");
}

static void
test_numbers_capitals (void)
{
  BitextQaUnit units[] = {
    U ("Two systems on 3 May.", "ДВЕ системы 3 МАЯ."),
    U ("Eleven shirts.", "ОДИННАДЦАТЬ маек."),
    U ("Twelve.", "Майка."),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_NUMBER,
                   "number 2 info s[0,6) t- «Twelve»\n");
}

/*
** Numbers as people write them: words on one side and digits on the other in any case
** form, compound numerals, a count of one left implied, ranges and units. A number that
** changed stays an error; a numeral in words with nothing on the other side is info.
*/
static void
test_numbers_in_words (void)
{
  BitextQaUnit units[] = {
    U ("Wait for one minute or two.", "Подождите от одной до двух минут."),
    U ("Over 1 year ago.", "Больше года назад."),
    U ("It lies at two opposing ends.", "Они лежат на разных концах."),
    U ("Twenty-one files and 2,500 users.", "21 файл и две тысячи пятьсот пользователей."),
    U ("Use 5-10 MB, or 10km.", "Используйте 5–10 МБ или 10 км."),
    U ("With three of them.", "С тремя из них."),
    U ("Copy 3 files.", "Скопируйте 4 файла."),
    U ("See chapter 1.", "См. главу 2."),
    U ("Five hundred and two.", "502."),
    U ("Two thousand sites.", "Двадцать объектов."),
    U ("1 file deleted.", "%d файл удалён."),
    U ("In two days.", "Через три дня."),
    U ("Chapter 12.", "Глава."),
    /* 13-15: zero is 0, «ноль» or «нулевой»; a zero that became 1 stays an error. */
    U ("The height is zero.", "Высота равна 0."),
    U ("A value of 0 uses the default.", "При нулевом значении действует умолчание."),
    U ("Must be greater than zero.", "Должно быть больше 1."),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_NUMBER,
                   "number 2 info s[11,14) t- «two»\n"
                   "number 6 error s[5,6) t[11,12) «4»\n"
                   "number 7 error s[12,13) t[10,11) «2»\n"
                   "number 9 error s[0,12) t[0,8) «Двадцать»\n"
                   "number 11 error s[3,6) t[6,9) «три»\n"
                   "number 12 error s[8,10) t- «12»\n"
                   "number 15 error s[21,25) t[19,20) «1»\n");
}

static void
test_omission_addition (void)
{
  BitextQaUnit units[24];
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  /* Twenty pairs whose lengths vary a little around a ratio of 1.2. */
  for (guint i = 0; i < 20; i++)
    {
      char *s = g_strnfill (40 + 3 * i, 'a');
      char *t = g_strnfill ((gsize) ((40 + 3 * i) * 1.2) + (i % 3), 'b');
      g_ptr_array_add (texts, s);
      g_ptr_array_add (texts, t);
      units[i] = (BitextQaUnit) U (s, t);
    }
  units[20] = (BitextQaUnit) { "A sentence left out.", "", 0, 1, 0 };
  units[21] = (BitextQaUnit) { "", "Добавлено.", 0, 0, 1 };
  char *long_src = g_strnfill (80, 'a'), *short_tgt = g_strnfill (20, 'b');
  g_ptr_array_add (texts, long_src);
  g_ptr_array_add (texts, short_tgt);
  units[22] = (BitextQaUnit) U (long_src, short_tgt);
  char *short_src = g_strnfill (40, 'a'), *long_tgt = g_strnfill (140, 'b');
  g_ptr_array_add (texts, short_src);
  g_ptr_array_add (texts, long_tgt);
  units[23] = (BitextQaUnit) U (short_src, long_tgt);
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                              (1u << BITEXT_CHECK_OMISSION)
                                                  | (1u << BITEXT_CHECK_ADDITION), BITEXT_QA_PROFILE_DOCUMENT);
  g_autofree char *got = describe (findings);
  g_autofree char *expected = g_strdup_printf (
      "omission 20 error s[0,20) t- «A sentence left out.»\n"
      "addition 21 error s- t[0,10) «Добавлено.»\n"
      "omission 22 warning s[0,80) t[0,20) «%s»\n"
      "addition 23 warning s[0,40) t[0,140) «%s»\n",
      short_tgt, long_tgt);
  g_assert_cmpstr (got, ==, expected);
}

/*
** A class of source lengths whose own spread is narrower than the text's takes the text's
** (length_models ()): twenty short units that vary around a ratio of 1.1 by up to a quarter,
** twelve long ones within two per cent of it, and one long unit 1.3 times as long, which
** the long units alone would call an addition.
*/
static void
test_length_class_spread (void)
{
  BitextQaUnit units[33];
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  static const double wobble[] = { -0.25, 0.2, -0.1, 0.15, 0.05, -0.2, 0.25, -0.05, 0.1, -0.15 };
  for (guint i = 0; i < 33; i++)
    {
      gsize ls = i < 20 ? 40 + i : 150 + 4 * (i - 20);
      double r = i < 20 ? 1.1 + wobble[i % 10] : i < 32 ? 1.1 + ((int) (i % 3) - 1) * 0.02 : 1.3;
      char *a = g_strnfill (ls, 'a'), *b = g_strnfill ((gsize) (ls * r), 'b');
      g_ptr_array_add (texts, a);
      g_ptr_array_add (texts, b);
      units[i] = (BitextQaUnit) U (a, b);
    }
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                              (1u << BITEXT_CHECK_OMISSION)
                                                  | (1u << BITEXT_CHECK_ADDITION), BITEXT_QA_PROFILE_DOCUMENT);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, "");
}

/*
** Units without a letter (section numbers, dates, versions: "3.3." for "3.3.") are carried
** over, not translated, and stay out of the length model: twenty translations that vary
** around a ratio of 1.1 by up to a quarter, and twenty exact copies of section numbers,
** which fitted with them would narrow the spread until every fourth translation read as
** an omission or an addition.
*/
static void
test_length_labels (void)
{
  BitextQaUnit units[40];
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  static const double wobble[] = { -0.25, 0.2, -0.1, 0.15, 0.05, -0.2, 0.25, -0.05, 0.1, -0.15 };
  for (guint i = 0; i < 20; i++)
    {
      char *a = g_strnfill (60 + i, 'a'), *b = g_strnfill ((gsize) ((60 + i) * (1.1 + wobble[i % 10])), 'b');
      char *label = g_strdup_printf ("%u.%u.%u.", 1 + i / 8, 1 + i / 3 % 4, 1 + i % 3);
      g_ptr_array_add (texts, a);
      g_ptr_array_add (texts, b);
      g_ptr_array_add (texts, label);
      units[2 * i] = (BitextQaUnit) U (label, label);
      units[2 * i + 1] = (BitextQaUnit) U (a, b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    units[i].index = i;
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                              (1u << BITEXT_CHECK_OMISSION)
                                                  | (1u << BITEXT_CHECK_ADDITION), BITEXT_QA_PROFILE_DOCUMENT);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, "");
}

/*
** A merged unit's lone sentence (BitextQaUnit.lone_*, from the aligner's
** doubtful merges): an omission warning on the source sentence, an addition
** warning on the target one, flagged on that sentence's bytes; a span out of
** the text or not on character boundaries is ignored.
*/
static void
test_lone_sentence (void)
{
  const char *src = "We agreed on the plan. Science does not lie.";
  const char *tgt = "Мы согласовали план, и это важно для всех нас.";
  const char *tgt2 = "Мы согласовали план. Это наш общий успех.";
  BitextQaUnit units[] = {
    { .source = src, .target = tgt, .index = 0, .src_count = 2, .tgt_count = 1,
      .lone_side = BITEXT_LONE_SOURCE, .lone_start = 23, .lone_end = 44 },
    { .source = "We agreed on the plan.", .target = tgt2, .index = 1, .src_count = 1,
      .tgt_count = 2, .lone_side = BITEXT_LONE_TARGET, .lone_start = 38, .lone_end = 74 },
    { .source = src, .target = tgt, .index = 2, .src_count = 2, .tgt_count = 1,
      .lone_side = BITEXT_LONE_SOURCE, .lone_start = 23, .lone_end = 45 },
    { .source = "We agreed on the plan.", .target = tgt2, .index = 3, .src_count = 1,
      .tgt_count = 2, .lone_side = BITEXT_LONE_TARGET, .lone_start = 39, .lone_end = 74 },
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_OMISSION,
                   "omission 0 warning s[23,44) t- «Science does not lie.»\n");
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_ADDITION,
                   "addition 1 warning s- t[21,41) «Это наш общий успех.»\n");
}

/*
** A lone sentence whose number or name the other side has more often than the rest of its
** own side («let», «0»: "let returns 1; let returns 0 otherwise." split in two) has its
** counterpart there: a note; so has a list's lead-in ending with a colon where the other side
** ends with one ("They are as follows:"). A lone sentence with neither stays a warning.
*/
static void
test_lone_sentence_counterpart (void)
{
  const char *tgt = "Если значение равно 0, let возвращает 1. В противном случае let возвращает 0.";
  const char *tgt2 = "Мы согласовали план. Это наш общий успех.";
  BitextQaUnit units[] = {
    { .source = "If the value is 0, let returns 1; let returns 0 otherwise.", .target = tgt,
      .index = 0, .src_count = 1, .tgt_count = 2, .lone_side = BITEXT_LONE_TARGET },
    { .source = "We agreed on the plan.", .target = tgt2, .index = 1, .src_count = 1,
      .tgt_count = 2, .lone_side = BITEXT_LONE_TARGET, .lone_start = 38, .lone_end = 74 },
    { .source = "There are three areas to discuss. They are as follows:",
      .target = "Есть три области для обсуждения:", .index = 2, .src_count = 2, .tgt_count = 1,
      .lone_side = BITEXT_LONE_SOURCE, .lone_start = 34, .lone_end = 54 },
  };
  units[0].lone_start = (gsize) (strstr (tgt, "В противном") - tgt);
  units[0].lone_end = strlen (tgt);
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                              1u << BITEXT_CHECK_ADDITION
                                                | 1u << BITEXT_CHECK_OMISSION,
                                              BITEXT_QA_PROFILE_DOCUMENT);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, "addition 0 info s- t[41,77) «В противном случае let возвращает 0.»\n"
                            "addition 1 warning s- t[21,41) «Это наш общий успех.»\n"
                            "omission 2 info s[34,54) t- «They are as follows:»\n");
  g_assert_true (g_str_has_suffix (((const BitextFinding *) findings->pdata[0])->message,
                                   "; the source has its 'let' more often than the rest of the "
                                   "target (a sentence split otherwise?)"));
}

/*
** A sentence the alignment put one pair off (symlink(7): "See stat(2).)" joined to the next
** pair, its rendering «смотрите stat(2)» inside the pair before) leaves its number unmatched
** in both pairs: notes, not errors, between beads of one alignment; units of unknown shape
** (a memory's) are not neighbours, and a number missing in both pairs stays an error.
*/
static void
test_numbers_next_pair (void)
{
  BitextQaUnit units[] = {
    { .source = "A hard link is a reference to the same inode number.",
      .target = "Жёсткая ссылка указывает на тот же номер inode (смотрите stat(2)).",
      .src_count = 1, .tgt_count = 1 },
    { .source = "See stat(2).) Changes to a file are independent of its name.",
      .target = "Изменения файла не зависят от его имени.", .src_count = 2, .tgt_count = 1,
      .lone_side = BITEXT_LONE_SOURCE, .lone_start = 0, .lone_end = 13 },
    { .source = "Version 7 is out.", .target = "Вышла версия.", .src_count = 1,
      .tgt_count = 1 },
  };
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                              1u << BITEXT_CHECK_NUMBER
                                                | 1u << BITEXT_CHECK_OMISSION,
                                              BITEXT_QA_PROFILE_DOCUMENT);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, "number 0 info s- t[62,63) «2»\n"
                            "number 1 info s[9,10) t- «2»\n"
                            "omission 1 info s[0,13) t- «See stat(2).)»\n"
                            "number 2 error s[8,9) t- «7»\n");
  g_assert_true (g_str_has_suffix (((const BitextFinding *) findings->pdata[2])->message,
                                   "; the previous pair's target has its '2', unmatched there (a "
                                   "sentence the alignment put one pair off?)"));
  g_autofree char *got2 = describe_as_memory (units, G_N_ELEMENTS (units), BITEXT_CHECK_NUMBER);
  g_assert_cmpstr (got2, ==, "number 0 error s- t[62,63) «2»\n"
                             "number 1 error s[9,10) t- «2»\n"
                             "number 2 error s[8,9) t- «7»\n");
}

/*
** A document's target that repeats the source's term in parentheses after its rendering
** («конец (read end)»), the usual way to give a term's original once, is not longer for
** it: twenty units at a ratio of 1.2 and one that is so only without its two glosses.
*/
static void
test_length_gloss (void)
{
  BitextQaUnit units[21];
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 20; i++)
    {
      char *s = g_strnfill (40 + 3 * i, 'a');
      char *t = g_strnfill ((gsize) ((40 + 3 * i) * 1.2) + (i % 3), 'b');
      g_ptr_array_add (texts, s);
      g_ptr_array_add (texts, t);
      units[i] = (BitextQaUnit) U (s, t);
    }
  g_autofree char *pad_s = g_strnfill (50, 'a'), *pad_t = g_strnfill (78, 'b');
  g_autofree char *src = g_strconcat ("A read end and a write end ", pad_s, NULL);
  g_autofree char *tgt = g_strconcat ("Конец (read end) и конец (write end) ", pad_t, NULL);
  units[20] = (BitextQaUnit) U (src, tgt);
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                              (1u << BITEXT_CHECK_OMISSION)
                                                | (1u << BITEXT_CHECK_ADDITION),
                                              BITEXT_QA_PROFILE_DOCUMENT);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, "");
}

/*
** The length model's severity: a label rendered by a phrase is a note (the
** model cannot tell content added at that length), column padding is no
** content, a message id has no length, and a short unit whose sides hold
** different numbers of sentences, or a long one far out, is a warning.
*/
static void
test_length_evidence (void)
{
  BitextQaUnit units[] = {
    U ("The file was saved.", "Файл сохранён."),
    U ("Cannot open the configuration file.", "Не удаётся открыть файл настроек."),
    U ("The connection to the server was lost.", "Соединение с сервером потеряно."),
    U ("Press any key to continue.", "Нажмите любую клавишу, чтобы продолжить."),
    U ("The disk is almost full.", "Диск почти заполнен."),
    U ("Select the files you want to copy.", "Выберите файлы, которые нужно скопировать."),
    U ("The password must be at least eight characters long.",
       "Пароль должен содержать не менее восьми символов."),
    U ("An update is available for this program.", "Для этой программы доступно обновление."),
    U ("The printer is out of paper.", "В принтере закончилась бумага."),
    U ("Your changes have not been saved yet.", "Ваши изменения ещё не сохранены."),
    U ("The download was interrupted by the user.", "Загрузка прервана пользователем."),
    U ("This folder is empty.", "Эта папка пуста."),
    U ("Check the network cable and try again.", "Проверьте сетевой кабель и повторите попытку."),
    U ("The archive is damaged and cannot be extracted.",
       "Архив повреждён, и его нельзя распаковать."),
    /* 14: a label rendered by a phrase. */
    U ("Combo box", "Выпадающий список с возможностью ввода"),
    /* 15: a --help text whose columns the translation re-pads. */
    U ("  -q, --quiet    print nothing\n  -v, --verbose  print more",
       "  -q, --quiet                                 ничего не выводить\n"
       "  -v, --verbose                               выводить больше"),
    /* 16: short, but a sentence added. */
    U ("Done.", "Готово. Перезапустите программу."),
    /* 17: a clause added to a sentence. */
    U ("We must find common solutions for this common problem.",
       "Мы должны найти общие решения этой общей проблемы, и сделать это нужно как можно "
       "скорее, не откладывая дело в долгий ящик, пока угроза не стала реальностью для всех."),
    /* 18: a message id, translated by the text it stands for: no length to compare. */
    U ("pinentry.qualitybar.tooltip",
       "Стойкость введённого выше текста. Проконсультируйтесь у администратора о критериях."),
    /* 19: one sentence each (an initial's period ends none): a note, too short to tell. */
    U ("Written by Dmitry V. Levin.",
       "Программу написал Дмитрий В. Левин (Dmitry V. Levin) вместе с коллегами из команды."),
  };
  /* In software strings a message is written whole by its translator: only a sentence added
     (16) is a warning; a fuller phrasing of one sentence (17) is a note. */
  static const struct { BitextQaProfile profile; const char *severity; } cases[] = {
    { BITEXT_QA_PROFILE_AUTO, "warning" },
    { BITEXT_QA_PROFILE_SOFTWARE, "info" },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                                  (1u << BITEXT_CHECK_OMISSION)
                                                      | (1u << BITEXT_CHECK_ADDITION),
                                                  cases[c].profile);
      g_autofree char *got = describe (findings);
      g_autofree char *expected = g_strdup_printf (
          "addition 14 info s[0,9) t[0,38) «Выпадающий список с возможностью ввода»\n"
          "addition 16 warning s[0,5) t[0,32) «Готово. Перезапустите программу.»\n"
          "addition 17 %s s[0,54) t[0,165) «Мы должны найти общие решения этой общей "
          "проблемы, и сделать это нужно как можно скорее, не откладывая дело в долгий "
          "ящик, пока угроза не стала реальностью для всех.»\n"
          "addition 19 info s[0,27) t[0,83) «Программу написал Дмитрий В. Левин (Dmitry V. Levin) "
          "вместе с коллегами из команды.»\n", cases[c].severity);
      g_assert_cmpstr (got, ==, expected);
    }
}

/*
** One translation for two sources: a note when the text gives one translation to the same
** difference of wording for two pairs of sources (a paraphrase by its own evidence), a warning
** for a one-off substitution and for a word one source lacks.
*/
static void
test_same_translation_paraphrase (void)
{
  BitextQaUnit units[] = {
    U ("Delete the file.", "Удалить файл."),
    U ("Remove the file.", "Удалить файл."),
    U ("Delete this folder.", "Удалить эту папку."),
    U ("Remove this folder.", "Удалить эту папку."),
    U ("Bundle", "Пакет"),
    U ("Package", "Пакет"),
    U ("Group ID", "Группа"),
    U ("Group", "Группа"),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_INCONSISTENCY,
                           BITEXT_QA_PROFILE_AUTO,
                           "inconsistency 1 info s[0,16) t[0,13) «Удалить файл.»\n"
                           "inconsistency 3 info s[0,19) t[0,18) «Удалить эту папку.»\n"
                           "inconsistency 5 warning s[0,7) t[0,5) «Пакет»\n"
                           "inconsistency 7 warning s[0,5) t[0,6) «Группа»\n");
  /* Software strings: near-synonymous messages share one standard rendering; a note. */
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_INCONSISTENCY,
                           BITEXT_QA_PROFILE_SOFTWARE,
                           "inconsistency 1 info s[0,16) t[0,13) «Удалить файл.»\n"
                           "inconsistency 3 info s[0,19) t[0,18) «Удалить эту папку.»\n"
                           "inconsistency 5 info s[0,7) t[0,5) «Пакет»\n"
                           "inconsistency 7 info s[0,5) t[0,6) «Группа»\n");
}

static void
test_inconsistency (void)
{
  g_autoptr(BitextGlossary) g = glossary ("missile defence\tпротиворакетная оборона | ПРО\n");
  BitextQaUnit units[] = {
    U ("We agree.", "Мы согласны."),
    U ("Thank you.", "Спасибо."),
    U ("We agree.", "Мы согласны."),
    U ("We agree.", "Мы согласны с этим."),
    U ("Thanks a lot.", "Спасибо."),
    U ("On missile defence.", "О противоракетной обороне."),
    U ("Missile defence again.", "Снова противоракетная оборона."),
    U ("A missile defence centre.", "Центр ПРО."),
  };
  assert_findings (units, G_N_ELEMENTS (units), g, BITEXT_CHECK_INCONSISTENCY,
                   "inconsistency 3 warning s[0,9) t[0,19) «Мы согласны с этим.»\n"
                   "inconsistency 4 warning s[0,13) t[0,8) «Спасибо.»\n"
                   "inconsistency 7 info s- t[6,9) «ПРО»\n");
}

/*
** A term in no glossary, rendered two ways: the extractor pairs "arms control" with
** «контроль над вооружениями» (three units), and the unit that says «ограничение
** вооружений» gets the warning with both spans.
*/
static void
test_term_renderings (void)
{
  BitextQaUnit units[] = {
    U ("Arms control matters to everyone.", "Контроль над вооружениями важен для всех."),
    U ("We discussed arms control at length.", "Мы долго обсуждали контроль над вооружениями."),
    U ("The treaty on arms control expired.", "Договор о контроле над вооружениями истёк."),
    U ("New talks on arms control began today.", "Сегодня начались новые переговоры об ограничении вооружений."),
    U ("The weather was fine.", "Погода была хорошей."),
  };
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                              1u << BITEXT_CHECK_INCONSISTENCY, BITEXT_QA_PROFILE_AUTO);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, "inconsistency 3 warning s[13,25) t[37,59) «ограничении вооружений»\n");
  const BitextFinding *f = findings->pdata[0];
  g_assert_cmpstr (f->message, ==,
                   "'arms control' is rendered 'Контроль над вооружениями' in 3 of 4 units "
                   "(first in unit 0), otherwise here");
  /* Software strings: messages of many programs and translators; a note. */
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_INCONSISTENCY,
                           BITEXT_QA_PROFILE_SOFTWARE,
                           "inconsistency 3 info s[13,25) t[37,59) «ограничении вооружений»\n");
}

/* The issue's example: "arms control" rendered «контроль над вооружениями» three times
** (test_term_renderings), and once otherwise. */
#define ARMS_CONTROL_UNITS                                                                        \
  U ("Arms control matters to everyone.", "Контроль над вооружениями важен для всех."),         \
  U ("We discussed arms control at length.", "Мы долго обсуждали контроль над вооружениями."),  \
  U ("The treaty on arms control expired.", "Договор о контроле над вооружениями истёк.")
#define ARMS_CONTROL_OTHERWISE                                                                    \
  U ("New talks on arms control began today.",                                                   \
     "Сегодня начались новые переговоры об ограничении вооружений.")
/* "read end" rendered «конец для чтения», the last time in the genitive (pipe(7)). */
#define READ_END_UNITS                                                                            \
  U ("A pipe has a read end.", "У канала есть конец для чтения."),                               \
  U ("Close the read end first.", "Сначала закройте конец для чтения."),                         \
  U ("The read end is open.", "Конец для чтения открыт."),                                       \
  U ("Data comes from the read end.", "Данные приходят из конца для чтения.")

/* The inconsistency findings of @units as describe () gives them. */
static void
assert_renderings (BitextQaUnit *units, guint n, const char *expected)
{
  g_autoptr(GPtrArray) findings = run_checks (units, n, NULL, 1u << BITEXT_CHECK_INCONSISTENCY,
                                              BITEXT_QA_PROFILE_AUTO);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, expected);
}

/*
** The stems of "controller" and "control" are one ('control'), the words two: "the arms
** controller" (a person, «инспектор по вооружениям») is no use of the term "arms control".
*/
static void
test_term_renderings_source_word (void)
{
  BitextQaUnit units[] = {
    ARMS_CONTROL_UNITS,
    ARMS_CONTROL_OTHERWISE,
    U ("The arms controller resigned.", "Инспектор по вооружениям ушёл в отставку."),
    U ("The weather was fine.", "Погода была хорошей."),
  };
  assert_renderings (units, G_N_ELEMENTS (units),
                     "inconsistency 3 warning s[13,25) t[37,59) «ограничении вооружений»\n");
}

/* «вооружённых» (armed, an adjective) shares the stem of «вооружений» (arms): it is no
** rendering of "arms control", and the word before it says nothing of the term. */
static void
test_term_renderings_target_word (void)
{
  BitextQaUnit units[] = {
    ARMS_CONTROL_UNITS,
    U ("Arms control covers the armed forces.", "Договор касается также вооружённых сил."),
    U ("The weather was fine.", "Погода была хорошей."),
  };
  assert_renderings (units, G_N_ELEMENTS (units), "");
}

/* «конца для чтения» is «конец для чтения» in the genitive: the fleeting vowel gives
** another Snowball stem (конц, конец), the dictionary one entry. */
static void
test_term_renderings_inflection (void)
{
  BitextQaUnit units[] = {
    READ_END_UNITS,
    U ("The weather was fine.", "Погода была хорошей."),
  };
  assert_renderings (units, G_N_ELEMENTS (units), "");
}

/* «контролирование» and «контроль» are one word family (the stem 'контрол' begins
** 'контролирован'): a noun of another shape for the same choice of word. */
static void
test_term_renderings_word_family (void)
{
  BitextQaUnit units[] = {
    ARMS_CONTROL_UNITS,
    U ("Arms control is slow.", "Контролирование вооружений идёт медленно."),
    U ("The weather was fine.", "Погода была хорошей."),
  };
  assert_renderings (units, G_N_ELEMENTS (units), "");
}

/*
** A rendering that is an adjective («установленную» for "installed system", «последней» for
** "command executed"): the word before it is the sentence's verb or noun («Запустите»,
** «состоянию»), not the term's.
*/
static void
test_term_renderings_adjective_head (void)
{
  BitextQaUnit installed[] = {
    U ("Start the installed system now.", "Запустите установленную систему сейчас."),
    U ("Start the installed system again.", "Запустите установленную ОС снова."),
    U ("Start the installed system first.", "Сначала запустите установленную машину."),
    U ("Check the installed system later.", "Позже проверьте установленный дистрибутив."),
    U ("The weather was fine.", "Погода была хорошей."),
  };
  assert_renderings (installed, G_N_ELEMENTS (installed), "");
  BitextQaUnit executed[] = {
    U ("The status is that of the last command executed.",
       "Состояние соответствует состоянию последней выполненной команды."),
    U ("It returns the status of the last command executed.",
       "Возвращает состояние последней выполненной команды."),
    U ("Return the status of the last command executed.", "Вернуть состояние последней выполненной команды."),
    U ("The value is the exit status of the last command executed.",
       "Значение равно коду выхода последней выполненной команды."),
    U ("The weather was fine.", "Погода была хорошей."),
  };
  assert_renderings (executed, G_N_ELEMENTS (executed), "");
}

/* «конец канала для чтения»: the usual phrase with a word between. */
static void
test_term_renderings_word_between (void)
{
  BitextQaUnit units[] = {
    READ_END_UNITS,
    U ("Close the read end of the pipe.", "Закройте конец канала для чтения."),
    U ("The weather was fine.", "Погода была хорошей."),
  };
  assert_renderings (units, G_N_ELEMENTS (units), "");
}

/* The head twice in one target: «Запасы вооружений» is another phrase of the sentence, and
** «контроль над вооружениями» there is the usual rendering. */
static void
test_term_renderings_two_heads (void)
{
  BitextQaUnit units[] = {
    ARMS_CONTROL_UNITS,
    ARMS_CONTROL_OTHERWISE,
    U ("As stocks of arms grow, arms control is needed.",
       "Запасы вооружений растут, и контроль над вооружениями нужен."),
    U ("The weather was fine.", "Погода была хорошей."),
  };
  assert_renderings (units, G_N_ELEMENTS (units),
                     "inconsistency 3 warning s[13,25) t[37,59) «ограничении вооружений»\n");
}

static void
test_markup (void)
{
  BitextQaUnit units[] = {
    U ("Build **two centres** now.", "Создать два центра сейчас."),
    U ("They *bolster* it.", "Они *усиливают* её."),
    U ("The main threat.", "Главная <b>угроза</b>."),
    U ("A <br/> break.", "Разрыв <BR/> строки."),
    /* An autolink is a link to a site: its page may be localised, its site may not. */
    U ("Report bugs to <https://translationproject.org/team/>",
       "Сообщайте об ошибках по адресу <https://translationproject.org/team/ru.html>"),
    U ("Report bugs to <https://example.org/bugs>", "Сообщайте об ошибках: <https://example.com/>"),
    /* A bare <base> or <source> is a metavariable: HTML's need their href or src. */
    U ("git rebase <base> <source>", "git rebase <база> <источник>"),
    U ("An <img src=\"a.png\"> here", "Здесь картинка"),
    /* An element missing on one side is one finding (unit 2); a tag alone is its own. */
    U ("Press <b>Esc</b> now.", "Нажмите Esc</b> сейчас."),
    /* <link> is void too: with its attributes a tag, bare a metavariable (ln's usage). */
    U ("Styles: <link rel=\"stylesheet\" href=\"a.css\">", "Стили:"),
    U ("ln -s <target> <link>", "ln -s <цель> <ссылка>"),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_MARKUP,
                   "markup 0 warning s[6,21) t- «**two centres**»\n"
                   "markup 2 error s- t[8,21) «<b>угроза</b>»\n"
                   "markup 5 error s[15,41) t- «<https://example.org/bugs>»\n"
                   "markup 5 error s- t[22,44) «<https://example.com/>»\n"
                   "markup 7 error s[3,20) t- «<img src=\"a.png\">»\n"
                   "markup 8 error s[6,9) t- «<b>»\n"
                   "markup 9 error s[8,44) t- «<link rel=\"stylesheet\" href=\"a.css\">»\n");
}

static void
test_punctuation (void)
{
  BitextQaUnit units[] = {
    U ("Is it safe?", "Это безопасно."),
    U ("It is safe.", "Это безопасно!"),
    U ("It is safe.", "Это безопасно"),
    U ("He said \"no\".", "Он сказал \"нет\"."),
    U ("He said \"no\".", "Он сказал «нет» и „да“."),
    U ("He said no.", "Он  сказал , нет."),
    U ("Ladies and Gentlemen,", "Дамы и господа,"),
    U ("**Title, 2012**", "**Заголовок, 2012 г.**"),
    /* A space that sets a path apart from the final period is no finding. */
    U ("See the file /usr/share/doc/bash/copyright.", "См. файл /usr/share/doc/bash/copyright ."),
    /* A list item or an aside in lower case without its period: the list's style, a note. */
    U ("install the new package.", "установите новый пакет"),
    U ("(I've added the line numbers.)", "(номера строк добавлены для наглядности)"),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PUNCTUATION,
                   "punctuation 0 warning s[10,11) t[13,14) «.»\n"
                   "punctuation 1 warning s[10,11) t[13,14) «!»\n"
                   "punctuation 2 warning s[10,11) t[12,13) «о»\n"
                   "punctuation 3 warning s- t[10,15) «\"нет\"»\n"
                   "punctuation 5 warning s- t[2,4) «  »\n"
                   "punctuation 5 warning s- t[10,12) « ,»\n"
                   "punctuation 9 info s[23,24) t[21,22) «т»\n"
                   "punctuation 10 info s[28,29) t[38,39) «и»\n");
}

/*
** Beads in a row whose targets all leave out the source's final period are a list set without
** stops (the German maintainers' guide: "install the new package." → «Installieren Sie das neue
** Paket»): notes. One such bead alone, or units of unknown shape (a memory's), stay warnings.
*/
static void
test_punctuation_list_style (void)
{
  BitextQaUnit units[] = {
    { .source = "Run these steps:", .target = "Führen Sie diese Schritte aus:", .src_count = 1, .tgt_count = 1 },
    { .source = "install the new package.", .target = "Installieren Sie das neue Paket",
      .src_count = 1, .tgt_count = 1 },
    { .source = "remove it.", .target = "Entfernen Sie es", .src_count = 1, .tgt_count = 1 },
    { .source = "It works.", .target = "Es funktioniert.", .src_count = 1, .tgt_count = 1 },
    { .source = "It is safe.", .target = "Es ist sicher", .src_count = 1, .tgt_count = 1 },
  };
  g_autofree char *got = describe_checks (units, G_N_ELEMENTS (units),
                                          1u << BITEXT_CHECK_PUNCTUATION);
  g_assert_cmpstr (got, ==, "punctuation 1 info s[23,24) t[30,31) «t»\n"
                            "punctuation 2 info s[9,10) t[15,16) «s»\n"
                            "punctuation 4 warning s[10,11) t[12,13) «r»\n");
  g_autofree char *got2 = describe_as_memory (units, G_N_ELEMENTS (units),
                                              BITEXT_CHECK_PUNCTUATION);
  g_assert_cmpstr (got2, ==, "punctuation 1 warning s[23,24) t[30,31) «t»\n"
                             "punctuation 2 warning s[9,10) t[15,16) «s»\n"
                             "punctuation 4 warning s[10,11) t[12,13) «r»\n");
}

/* The final-punctuation messages name a side without final punctuation as such, not by its
** last letter (Olifant's "Don't visit \"…Children\"" against «Держитесь подальше…!»). */
static void
test_punctuation_messages (void)
{
  BitextQaUnit units[] = {
    U ("Don't visit \"Miss Peregrine's Home\"", "Держитесь подальше от этого дома!"),
    U ("Is it safe?", "Это безопасно"),
    U ("Is it safe?", "Это безопасно."),
  };
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL,
                                              1u << BITEXT_CHECK_PUNCTUATION,
                                              BITEXT_QA_PROFILE_AUTO);
  g_assert_cmpuint (findings->len, ==, 3);
  static const char *const expected[] = {
    "the target ends with '!', the source has no final punctuation",
    "the source ends with '?', the target has no final punctuation",
    "the source ends with '?', the target with '.'",
  };
  for (guint i = 0; i < findings->len; i++)
    {
      const BitextFinding *f = findings->pdata[i];
      g_assert_cmpuint (f->unit, ==, i);
      g_assert_cmpstr (f->message, ==, expected[i]);
    }
}

/* An indirect question that the translation asks directly after a colon («спросить:
** какой это том?») is a note; a statement ended with a question mark stays a warning. */
static void
test_punctuation_question_after_colon (void)
{
  BitextQaUnit units[] = {
    U ("You may wonder which volume it is.", "Вы можете спросить: какой это том?"),
    U ("It is safe.", "Это безопасно?"),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PUNCTUATION,
                   "punctuation 0 info s[33,34) t[33,34) «?»\n"
                   "punctuation 1 warning s[10,11) t[13,14) «?»\n");
}

/*
** Documents: a target in the source's script with no phrase of the source's language (no
** function word in a run of words) is a line of names and model numbers quoted as it is,
** not an untranslated sentence; one with such a phrase is.
*/
static void
test_untranslated_names_only (void)
{
  BitextQaUnit units[] = {
    U ("RTL8111/8168B PCI Express Gigabit Ethernet controller [10ec:8168] (rev 06)”.",
       "RTL8111/8168B PCI Express Gigabit Ethernet controller [10ec:8168] (rev 06)»."),
    U ("The keys move “forward” and “backward”.", "The keys move «forward» and «backward»."),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_UNTRANSLATED_SEGMENT,
                           BITEXT_QA_PROFILE_DOCUMENT,
                           "untranslated-segment 1 error s[0,39) t[0,39) "
                           "«The keys move «forward» and «backward».»\n");
}

/*
** A copy without a phrase of the source's language (two words in a row) is, in a document, a
** program, command, key or label name the translation quotes as it is (the aptitude manual keeps
** hundreds): a note. A copy with a phrase is an untranslated sentence. In software strings a
** one-word message left as it is ("Cancel") is an error.
*/
static void
test_untranslated_quoted_copies (void)
{
  BitextQaUnit units[] = {
    U ("aptitude safe-upgrade", "aptitude safe-upgrade"),
    U ("Search", "Search"),
    U ("Use Enter to activate choices.", "Use Enter to activate choices."),
    U ("Press q to quit.", "Нажмите q, чтобы выйти."),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_UNTRANSLATED_SEGMENT,
                           BITEXT_QA_PROFILE_DOCUMENT,
                           "untranslated-segment 0 info s[0,21) t[0,21) «aptitude safe-upgrade»\n"
                           "untranslated-segment 1 info s[0,6) t[0,6) «Search»\n"
                           "untranslated-segment 2 error s[0,30) t[0,30) "
                           "«Use Enter to activate choices.»\n");
  BitextQaUnit messages[] = {
    U ("Cancel", "Cancel"),
    U ("Quit", "Выход"),
  };
  assert_profile_findings (messages, G_N_ELEMENTS (messages), NULL,
                           BITEXT_CHECK_UNTRANSLATED_SEGMENT, BITEXT_QA_PROFILE_SOFTWARE,
                           "untranslated-segment 0 error s[0,6) t[0,6) «Cancel»\n");
}

static void
test_source_consistency (void)
{
  BitextQaUnit units[] = {
    U ("Our defence.", "Наша оборона."),
    U ("The Defense Conference.", "Конференция по обороне."),
    U ("The defence of NATO; defences.", "Оборона НАТО; оборона."),
    U ("We organise, they organize.", "Мы организуем, они организуют."),
    U ("The sense of it.", "Смысл этого."),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_SOURCE_CONSISTENCY,
                   "source-consistency 1 info s[4,11) t- «Defense»\n"
                   "source-consistency 3 info s[18,26) t- «organize»\n");
}

static void
test_ignore (void)
{
  BitextQaUnit units[] = {
    U ("NATO agreed.", "Альянс NATO согласился."),
    U ("Over 30 states.", "Более 40 государств."),
  };
  g_autoptr(BitextQaIgnore) ignore = bitext_qa_ignore_new ();
  const char *data = "# accepted\nuntranslated-term\tnato\n";
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_qa_ignore_load_data (ignore, "i", data, strlen (data), &error));
  BitextQaOptions options = BITEXT_QA_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  options.ignore = ignore;
  g_autoptr(GPtrArray) findings = bitext_qa_run (units, 2, &options, &error);
  g_assert_no_error (error);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, "number 1 error s[5,7) t[6,8) «40»\n");
  g_autofree char *key = bitext_finding_dup_ignore_key (findings->pdata[0]);
  g_assert_cmpstr (key, ==, "number\t40\t30");

  static const struct
  {
    const char *data, *message;
  } bad[] = {
    { "number 40\n", "i:1: expected CHECK<TAB>TEXT<TAB>COUNTERPART" },
    { "# c\nnumbers\t40\n", "i:2: unknown check 'numbers'" },
    { "punctuation\t\n", "i:1: 'punctuation' with no text would accept every punctuation "
                          "finding; give the line's ignore_key from --format json "
                          "(CHECK<TAB>TEXT<TAB>COUNTERPART)" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_assert_false (bitext_qa_ignore_load_data (ignore, "i", bad[i].data, strlen (bad[i].data), &e));
      g_assert_error (e, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      g_assert_cmpstr (e->message, ==, bad[i].message);
    }
}

/* Ignore keys fold case in every script, ё as е, and collapse white space. */
static void
test_ignore_key (void)
{
  BitextFinding f = { .check = BITEXT_CHECK_UNTRANSLATED_TERM,
                      .text = (char *) "  ЁЖИК\tв  Тумане, STRASSE Ǆ " };
  g_autofree char *key = bitext_finding_dup_ignore_key (&f);
  g_assert_cmpstr (key, ==, "untranslated-term\tежик в тумане, strasse ǆ\t");
}

/*
** An ignore line accepts one finding: its flagged text and counterpart. A run of spaces is
** known by the words around it, so accepting one leaves the others; old two-field keys accept
** the flagged text whatever its counterpart.
*/
static void
test_ignore_one_thing (void)
{
  BitextQaUnit units[] = {
    U ("Print lines", "Печатать  строки"),
    U ("Show files", "Показать  файлы"),
    U ("Over 30 states.", "Более 40 государств."),
    U ("Over 50 states.", "Более 40 государств."),
  };
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    units[i].index = i;
  g_autoptr(BitextQaIgnore) ignore = bitext_qa_ignore_new ();
  const char *data = "punctuation\tпечатать строки\t\n"
                     "number\t40\t30\n";
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_qa_ignore_load_data (ignore, "i", data, strlen (data), &error));
  BitextQaOptions options = BITEXT_QA_OPTIONS_INIT;
  options.src_lang = "en";
  options.tgt_lang = "ru";
  options.ignore = ignore;
  options.checks = 1u << BITEXT_CHECK_PUNCTUATION | 1u << BITEXT_CHECK_NUMBER;
  g_autoptr(GPtrArray) findings = bitext_qa_run (units, G_N_ELEMENTS (units), &options, &error);
  g_assert_no_error (error);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==, "punctuation 1 warning s- t[8,10) «  »\n"
                            "number 3 error s[5,7) t[6,8) «40»\n");
  g_autofree char *key = bitext_finding_dup_ignore_key (findings->pdata[0]);
  g_assert_cmpstr (key, ==, "punctuation\tпоказать файлы\t");

  const char *old = "number\t40\n";
  g_autoptr(BitextQaIgnore) old_ignore = bitext_qa_ignore_new ();
  g_assert_true (bitext_qa_ignore_load_data (old_ignore, "old", old, strlen (old), &error));
  options.ignore = old_ignore;
  g_autoptr(GPtrArray) rest = bitext_qa_run (units, G_N_ELEMENTS (units), &options, &error);
  g_autofree char *got_old = describe (rest);
  g_assert_cmpstr (got_old, ==, "punctuation 0 warning s- t[8,10) «  »\n"
                                "punctuation 1 warning s- t[8,10) «  »\n");
}

/* placeholder: every kind of broken placeholder the issue lists, each found, and what is benign. */
static void
test_placeholder_defects (void)
{
  BitextQaUnit units[] = {
    U ("Cannot open %s: %m", "Не удалось открыть: %m"),        /* lost */
    U ("Deleted %d files", "Удалено d файлов"),                  /* turned into a letter */
    U ("Saved to %s", "Сохранено в %с"),                         /* into a Cyrillic letter */
    U ("%d files", "%s файлов"),                                 /* %d -> %s */
    U ("Done.", "Готово: %s."),                                  /* %s added */
    U ("File %s exists", "Файл % s существует"),                 /* a space flag */
    U ("Name: %.50s", "Имя: %s"),                                /* precision lost */
    U ("%zu bytes", "%Zu байт"),                                 /* length modifier changed */
    U ("{count} items", "{число} элементов"),                    /* a named placeholder */
    U ("Hello, %(name)s!", "Привет, %(имя)s!"),                  /* a Python name */
    U ("Page %1 of %2", "Страница %1 из"),                       /* Qt */
    U ("$HOME is not set", "Переменная HOME не задана"),         /* a variable */
    U ("Read ${file} now", "Прочитать ${файл} сейчас"),
    U ("A line\\n", "Строка"),                                    /* an escape written out */
    U ("Size %<PRIu64>", "Размер %llu"),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PLACEHOLDER,
                   "placeholder 0 error s[12,14) t- «%s»\n"
                   "placeholder 1 error s[8,10) t- «%d»\n"
                   "placeholder 2 error s[9,11) t- «%s»\n"
                   "placeholder 3 error s[0,2) t[0,2) «%s»\n"
                   "placeholder 4 error s- t[8,10) «%s»\n"
                   "placeholder 5 error s[5,7) t[5,8) «% s»\n"
                   "placeholder 6 error s[6,11) t[5,7) «%s»\n"
                   "placeholder 7 error s[0,3) t[0,3) «%Zu»\n"
                   "placeholder 8 error s[0,7) t[0,7) «{число}»\n"
                   "placeholder 9 error s[7,15) t[8,15) «%(имя)s»\n"
                   "placeholder 10 error s[11,13) t- «%2»\n"
                   "placeholder 11 error s[0,5) t- «$HOME»\n"
                   "placeholder 12 error s[5,12) t[10,17) «${файл}»\n"
                   "placeholder 13 error s[6,8) t- «\\n»\n"
                   "placeholder 14 error s[5,14) t[7,11) «%llu»\n");
}

/* What gettext allows: %i for %d, reordering with %n$, a plural form's number, %% and 100%; and a
** variable the source names as a word, written with its sigil ($TIMEFORMAT); braces glued to a
** word ({dis}able) are usage notation, which a translation renders. */
static void
test_placeholder_benign (void)
{
  BitextQaUnit units[] = {
    U ("%d files", "%i файлов"),
    U ("Copy %s to %s", "В %2$s скопировать %1$s"),
    U ("One file in %s", "%d файл в %s"),
    U ("100%% done, %s left", "Готово на 100%%, осталось %s"),
    U ("Over 50% of users", "Более 50 % пользователей"),
    U ("Use {0} or {name}", "Используйте {name} или {0}"),
    U ("_Open", "_Открыть"),
    U ("Tom & Jerry, R&D", "Том и Джерри, НИОКР"),
    U ("The value of the TIMEFORMAT variable is used", "Используется значение переменной $TIMEFORMAT"),
    U ("  -{no-}jsri2bsr   {dis}able jsri to bsr", "  -{no-}jsri2bsr   {выкл}включить jsri в bsr"),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PLACEHOLDER,
                   "placeholder 2 info s- t[0,2) «%d»\n");
}

/* Accelerators only in the software profile, told from the units or given. */
static void
test_placeholder_accelerators (void)
{
  BitextQaUnit units[] = {
    U ("_Open", "Открыть"),
    U ("&Save", "&Сохранить"),
    U ("Save _As", "Сохранить как"),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PLACEHOLDER,
                           BITEXT_QA_PROFILE_AUTO,
                           "placeholder 0 error s[0,1) t- «_»\n"
                           "placeholder 2 error s[5,6) t- «_»\n");
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PLACEHOLDER,
                           BITEXT_QA_PROFILE_DOCUMENT, "");
}

/* No words out of code: options, placeholders, identifiers, paths, URLs, e-mail, backquotes, tags. */
static void
test_code_words (void)
{
  BitextQaUnit units[] = {
    U ("Use --lines to set it.", "Задайте это параметром --lines."),
    U ("Run dh_make first.", "Сначала запустите dh_make."),
    U ("Cannot open %s.", "Не удалось открыть %s."),
    U ("Use -R to recurse.", "Для рекурсии укажите -R."),
    U ("Edit config.h and std::string.", "Измените config.h и std::string."),
    U ("Text in utf8.", "Текст в utf8."),
    U ("Mail user@example.org.", "Пишите на user@example.org."),
    U ("Run `make install` now.", "Выполните `make install`."),
    U ("See <code>apt show</code>.", "См. <code>apt show</code>."),
    U ("Open /usr/lib/x86_64-linux-gnu.", "Откройте каталог библиотек."),
    U ("The server is down.", "Сервер down."),
  };
  /* A lone English word copied from the source may be a value the text mentions (a state:
  ** «интерфейс в состоянии down»): a note. */
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_UNTRANSLATED_TERM,
                   "untranslated-term 10 info s[14,18) t[7,11) «down»\n");
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_NUMBER, "");
}

/* Runs of spaces the source has are layout; white space at the ends and line breaks must agree. */
static void
test_whitespace (void)
{
  BitextQaUnit units[] = {
    U ("  -l, --lines    print lines", "  -l, --lines    печатать строки"),
    U ("Print  lines", "Печатать  строки"),
    U ("\nDone", "Готово"),
    U ("Done ", "Готово"),
    U ("One.\n\nTwo.", "Один. Два."),
    U ("Print lines", "Печатать  строки"),
    U ("Print the lines\nof a file", "Печатать\nстроки\nфайла"),     /* wrapped anew */
    U ("Name : %s", "Имя : %s"),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PUNCTUATION,
                           BITEXT_QA_PROFILE_SOFTWARE,
                           "punctuation 2 warning s[0,1) t[0,0) «»\n"
                           "punctuation 3 warning s[4,5) t[6,6) «»\n"
                           "punctuation 4 warning s- t[0,10) «Один. Два.»\n"
                           "punctuation 5 warning s- t[8,10) «  »\n");
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PUNCTUATION,
                           BITEXT_QA_PROFILE_DOCUMENT,
                           "punctuation 2 warning s[0,1) t[0,0) «»\n"
                           "punctuation 3 warning s[4,5) t[6,6) «»\n"
                           "punctuation 5 warning s- t[8,10) «  »\n");
}

/* Literals copied with their quotes and a usage text's <metavariables> are no findings. */
static void
test_software_literals (void)
{
  BitextQaUnit units[] = {
    U ("encoding \"%s\" is not supported", "кодировка \"%s\" не поддерживается"),
    U ("He said \"go\".", "Он сказал \"иди\"."),
    U ("--install <link> <path>", "--install <ссылка> <путь>"),
    U ("A <b>bold</b> claim", "Смелое заявление"),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PUNCTUATION,
                   "punctuation 1 info s- t[10,15) «\"иди\"»\n");
  /* In a document, a value assigned in code keeps its straight quotes; a quotation does not. */
  BitextQaUnit doc[] = {
    U ("DEBFULLNAME=\"Firstname Lastname\" export DEBFULLNAME",
       "DEBFULLNAME=\"Имя Фамилия\" export DEBFULLNAME"),
    U ("He said \"go\" and left.", "Он сказал \"иди\" и ушёл."),
  };
  assert_profile_findings (doc, G_N_ELEMENTS (doc), NULL, BITEXT_CHECK_PUNCTUATION,
                           BITEXT_QA_PROFILE_DOCUMENT,
                           "punctuation 1 warning s- t[10,15) «\"иди\"»\n");
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_MARKUP,
                   "markup 3 error s[2,13) t- «<b>bold</b>»\n");
}

/* Placeholders: what only looks like one is none (digits of a name, a quoted backslash, {…}, a
** constant's underscore, a space flag before a word); a real change is still found. */
static void
test_placeholder_lookalikes (void)
{
  BitextQaUnit units[] = {
    U ("Model X200 %s failed", "Модель X200 %s не отвечает"),
    U ("Use '\\' to quote", "Используйте «\\» для кавычек"),
    U ("Type {...} for a group", "Введите {…} для группы"),
    U ("Set `_MY_CONST' first", "Сначала задайте «_MY_CONST»"),
    U ("%(cond)  if true", "%(cond)  если истина"),
    U ("Model X200 %s failed", "Модель X200 %d не отвечает"),
    /* The shell's brace expansion is notation for names; an ICU argument is a placeholder. */
    U ("See the {pre,post}{inst,rm} scripts", "Смотрите сценарии {pre|post}{inst|rm}"),
    U ("{count, number} files left", "осталось {число, number} файлов"),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PLACEHOLDER,
                           BITEXT_QA_PROFILE_SOFTWARE, "placeholder 5 error s[11,13) t[12,14) «%d»\n"
                           "placeholder 7 error s[0,15) t[9,24) «{число, number}»\n");
}

/* Software strings: blanks before a line break print nothing; a one-sentence label without its
** period is a note; a '!' of "#!" ends no sentence. Two sentences without a period: a warning. */
static void
test_software_punctuation (void)
{
  BitextQaUnit units[] = {
    U ("Print the lines \n", "Печатать строки\n"),
    U ("Print the lines.", "Печатать строки"),
    U ("Read the lines. Print them.", "Прочитать строки. Напечатать их"),
    U ("Write the header line", "Записать строку #!"),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PUNCTUATION,
                           BITEXT_QA_PROFILE_SOFTWARE,
                           "punctuation 1 info s[15,16) t[14,15) «и»\n"
                           "punctuation 2 warning s[26,27) t[30,31) «х»\n");
}

/*
** Issue 15, gettext memory: a word copied from the source in another case (it opens the
** English sentence, not the Russian one) is copied all the same, a note; a name written
** otherwise than in the source (Flatpak as «Flatpack») is not in the source: a warning.
*/
static void
test_software_kept_case (void)
{
  BitextQaUnit units[] = {
    U ("Locate database size: %s byte", "Размер базы данных locate: %s байт"),
    U ("Unable to spawn Flatpak process: %s", "Невозможно запустить процесс Flatpack: %s"),
    /* An identifier written apart as its label: a key's name. */
    U ("KP_Page_Up", "Page Up (кейпад)"),
    U ("NumLock", "Num Lock"),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_UNTRANSLATED_TERM,
                           BITEXT_QA_PROFILE_SOFTWARE,
                           "untranslated-term 0 info s[0,6) t[19,25) «locate»\n"
                           "untranslated-term 1 warning s- t[29,37) «Flatpack»\n"
                           "untranslated-term 2 info s[3,10) t[0,7) «Page Up»\n"
                           "untranslated-term 3 info s[0,7) t[0,8) «Num Lock»\n");
}

/*
** Issue 15, gettext memory: layout that is the same as it prints. Tabs that indent a message
** and the spaces that indent it as far (3 tabs, 24 columns) are alike; columns the source
** lays out with a tab may be laid out with spaces; two spaces after a sentence's end are the
** GNU convention; a --help text whose every line drops its period in the target is the
** translation's style (a note). A double space inside a sentence, an indentation that moved
** and one line of two that lost its period stay warnings.
*/
static void
test_software_layout (void)
{
  BitextQaUnit units[] = {
    U ("\t\t\t[default is %s]\n", "\n                        (по умолчанию %s)\n"),
    U ("\t\t\t[default is %s]\n", "                        (по умолчанию %s)\n"),
    U ("-KPIC\tgenerate PIC\n-V\tprint version\n", "-KPIC       генерировать PIC\n-V          версия\n"),
    U ("The language, as an ISO code. Pango can use it.", "Язык в виде ISO-кода.  Pango может его использовать."),
    U ("  -h  Show help.\n  -v  Show the version.\n", "  -h  Показать справку\n  -v  Показать версию\n"),
    U ("Fix it with 'edit'.\nOr abort it.\n", "Исправьте это командой «edit».\nИли прервите\n"),
    U ("Unable to find part '%s'", "Не удалось найти часть  «%s»"),
    U ("   crt  same as %s\n", "  crt  синоним %s\n"),
    U ("? section flag ignored", "флаг раздела ? игнорируется"),
    U ("Written by %s and %s", "Авторы программы ? %s и %s"),
    U ("has the subject '*** HERE ***'. Pass --force.", "имеет заголовок «*** HERE ***».  Укажите --force."),
    U ("Usage: %s [-e]\n     [--help]", "Использование: %s [-e]\n\t    [--help]"),
    U ("  -Z,--context REGEXP kill only process(es)\n                      (must precede other arguments)\n",
       "  -Z,--context РЕГВЫР  завершать только процесс(ы)\n                       (указывается первым)\n"),
    U (" length: %08x\n", " длина:  %08x\n"),
    U ("value of field '%s' (missing newline?)", "в значении поля «%s» (возможно, нет символа новой строки)"),
    U ("Options:\n  -a  All.\n  -b  Brief.\n  -c  Count.\n  -d  Debug.\n  -e  Echo.\n"
       "  -f  Force.\n  -g  Group.\n  -h  Help.\n",
       "Параметры:\n  -a  Всё.\n  -b  Кратко\n  -c  Счёт\n  -d  Отладка\n  -e  Эхо\n"
       "  -f  Принудительно\n  -g  Группа\n  -h  Справка\n"),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_PUNCTUATION,
                           BITEXT_QA_PROFILE_SOFTWARE,
                           "punctuation 0 warning s[0,3) t[0,25) «\n                        »\n"
                           "punctuation 4 info s[39,40) t[43,44) «ю»\n"
                           "punctuation 5 warning s[31,32) t[42,43) «е»\n"
                           "punctuation 6 warning s- t[22,24) «  »\n"
                           "punctuation 7 warning s[0,3) t[0,2) «  »\n"
                           "punctuation 9 warning s- t[16,18) « ?»\n"
                           "punctuation 14 info s[36,37) t[55,56) «и»\n"
                           "punctuation 15 info s[107,108) t[115,116) «а»\n");
}

/*
** One translation for two wordings of one message is no finding; for two messages it is: a
** warning in a document, a note in software strings, where near-synonymous messages share one
** standard rendering and a merge cannot be told from it without the program.
*/
static void
test_same_translation (void)
{
  BitextQaUnit units[] = {
    U ("Cannot read the file", "Не удалось прочитать файл"),
    U ("cannot read files", "Не удалось прочитать файл"),
    U ("Cannot write the file", "Не удалось прочитать файл"),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_INCONSISTENCY,
                           BITEXT_QA_PROFILE_DOCUMENT,
                           "inconsistency 2 warning s[0,21) t[0,25) «Не удалось прочитать файл»\n");
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_INCONSISTENCY,
                           BITEXT_QA_PROFILE_SOFTWARE,
                           "inconsistency 2 info s[0,21) t[0,25) «Не удалось прочитать файл»\n");
}

/*
** Documents: an acronym kept in Latin where the other units write it in Russian words (RAM,
** «оперативная память») is a note; where they write it as a Cyrillic acronym (NATO, НАТО) it
** is a warning.
*/
static void
test_kept_acronym (void)
{
  BitextQaUnit units[] = {
    U ("The RAM is full.", "Оперативная память заполнена."),
    U ("Add more RAM to it.", "Добавьте в него оперативной памяти."),
    U ("It needs RAM for this.", "Для этого ему нужна RAM."),
    U ("NATO met today.", "НАТО собралось сегодня."),
    U ("NATO agreed on it.", "НАТО согласилось с этим."),
    U ("Ask NATO about it.", "Спросите NATO об этом."),
  };
  assert_profile_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_UNTRANSLATED_TERM,
                           BITEXT_QA_PROFILE_DOCUMENT,
                           "untranslated-term 2 info s[9,12) t[20,23) «RAM»\n"
                           "untranslated-term 5 warning s[4,8) t[9,13) «NATO»\n");
}

/* Software: a kept name translated in one unit is a warning for a proper name, a note for a
** lower-case word and for a common English word. */
static void
test_kept_name_shapes (void)
{
  BitextQaUnit units[] = {
    U ("Kill pid %d now", "Завершить pid %d сейчас"),
    U ("Wait for pid %d", "Ждать pid %d"),
    U ("Bad pid given", "Неверный идентификатор процесса"),
    U ("Install Debian today", "Установите Debian сегодня"),
    U ("Debian is free", "Debian свободна"),
    U ("Debian is fast", "Дебиан быстр"),
    /* A kept name that is also a common English word (the key End) is a note where a unit
       translates it with a capital ("End of file"); in lower case it is the common word. */
    U ("Press End to finish", "Нажмите End для завершения"),
    U ("End key pressed", "Нажата клавиша End"),
    U ("End of file", "Конец файла"),
    U ("at the end of the list", "в конце списка"),
  };
  guint checks = 1u << BITEXT_CHECK_UNTRANSLATED_TERM | 1u << BITEXT_CHECK_INCONSISTENCY;
  g_autoptr(GPtrArray) findings = run_checks (units, G_N_ELEMENTS (units), NULL, checks,
                                              BITEXT_QA_PROFILE_SOFTWARE);
  g_autofree char *got = describe (findings);
  g_assert_cmpstr (got, ==,
                   "untranslated-term 0 info s[5,8) t[10,13) «pid»\n"
                   "inconsistency 2 info s[4,7) t- «pid»\n"
                   "untranslated-term 3 info s[8,14) t[11,17) «Debian»\n"
                   "inconsistency 5 warning s[0,6) t- «Debian»\n"
                   "untranslated-term 6 info s[6,9) t[8,11) «End»\n"
                   "inconsistency 8 info s[0,3) t- «End»\n");
}

/* A target that translates its words and keeps commands and options is not untranslated; one that
** keeps English sentences (their function words) is. */
static void
test_untranslated_code (void)
{
  BitextQaUnit units[] = {
    U ("tool stash list [<options>]", "tool stash list [<параметры>]"),
    U ("the message section", "раздел message"),
    U ("Read the manual according to chapter 6", "Read the manual according to главе 6"),
    /* Function words inside identifiers, SQL keywords and quoted values are code. */
    U ("tool for-each-ref [--no-contains [<commit>]]", "tool for-each-ref [--no-contains [<коммит>]]"),
    U ("Use ALTER TABLE ... WITH (fillfactor = 10).", "Выполните ALTER TABLE ... WITH (fillfactor = 10)."),
    U ("Values: \"string\", \"numeric\" and \"all\".", "Значения: \"string\", \"numeric\" и \"all\"."),
    U ("Number \"%s\" is out of bounds", "Число «%s» is out of bounds"),
    /* 7-8: a function word alone is a keyword the message names (gas, binutils). */
    U ("endw without while", "endw без while"),
    U ("\".elseif\" after \".else\"", "«.elseif» после «.else»"),
  };
  assert_findings (units, G_N_ELEMENTS (units), NULL, BITEXT_CHECK_UNTRANSLATED_SEGMENT,
                   "untranslated-segment 2 error s[0,38) t[0,36) «Read the manual according to "
                   "главе 6»\n"
                   "untranslated-segment 6 error s[0,28) t[0,27) «Число «%s» is out of bounds»\n");
}

static void
test_invalid_utf8 (void)
{
  BitextQaUnit units[] = { U ("ok", "ok"), { "fine", "bad \xc3", 7, 1, 1 } };
  g_autoptr(GError) error = NULL;
  g_assert_null (bitext_qa_run (units, 2, NULL, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "unit 7: the target is not valid UTF-8");
}

/* The speech ------------------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *texts;
  GArray *units;
} Speech;

static void
speech_clear (Speech *s)
{
  g_clear_pointer (&s->texts, g_ptr_array_unref);
  g_clear_pointer (&s->units, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Speech, speech_clear)

static char *
join_lines (GPtrArray *lines, const guint *idx, guint n)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, "%s%s", k > 0 ? " " : "", (char *) lines->pdata[idx[k]]);
  return g_string_free (s, FALSE);
}

/* Units of tests/data/speech.en.sent and @tgt paired by the gold alignment @align. */
static void
load_speech (Speech *sp, const char *tgt, const char *align)
{
  g_autofree char *sp_path = g_test_build_filename (G_TEST_DIST, "data", "speech.en.sent", NULL);
  g_autofree char *tp_path = g_test_build_filename (G_TEST_DIST, "data", tgt, NULL);
  g_autofree char *ap_path = g_test_build_filename (G_TEST_DIST, "data", align, NULL);
  g_autoptr(GPtrArray) src = bitext_test_read_lines (sp_path);
  g_autoptr(GPtrArray) tgt_lines = bitext_test_read_lines (tp_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextBeadList) beads = bitext_bead_list_load_file (ap_path, &error);
  g_assert_no_error (error);
  sp->texts = g_ptr_array_new_with_free_func (g_free);
  sp->units = g_array_new (FALSE, FALSE, sizeof (BitextQaUnit));
  for (guint b = 0; b < bitext_bead_list_get_n_beads (beads); b++)
    {
      const BitextEvalBead *bead = bitext_bead_list_get_bead (beads, b);
      char *s = join_lines (src, bead->src, bead->n_src);
      char *t = join_lines (tgt_lines, bead->tgt, bead->n_tgt);
      g_ptr_array_add (sp->texts, s);
      g_ptr_array_add (sp->texts, t);
      BitextQaUnit u = { s, t, b, bead->n_src, bead->n_tgt };
      g_array_append_val (sp->units, u);
    }
}

static BitextGlossary *
speech_glossary (gboolean extra)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "samples",
                                                 "glossary.en-ru.tsv", NULL);
  g_autofree char *extra_path = g_test_build_filename (G_TEST_DIST, "data", "qa",
                                                       "speech-extra.tsv", NULL);
  BitextGlossary *g = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_load_file (g, path, &error));
  g_assert_true (!extra || bitext_glossary_load_file (g, extra_path, &error));
  g_assert_no_error (error);
  return g;
}

static GPtrArray *
check_speech (Speech *sp, BitextGlossary *g)
{
  BitextQaOptions options = BITEXT_QA_OPTIONS_INIT;
  options.glossary = g;
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = bitext_qa_run ((BitextQaUnit *) (void *) sp->units->data, sp->units->len,
                                       &options, &error);
  g_assert_no_error (error);
  return findings;
}

/* The clean translation with the sample glossary: nothing above info. */
static void
test_speech_clean (void)
{
  g_auto(Speech) sp = { 0 };
  load_speech (&sp, "speech.ru.sent", "speech.gold.align");
  g_autoptr(BitextGlossary) g = speech_glossary (TRUE);
  g_autoptr(GPtrArray) findings = check_speech (&sp, g);
  guint info = 0;
  for (guint i = 0; i < findings->len; i++)
    {
      const BitextFinding *f = findings->pdata[i];
      if (f->severity > BITEXT_SEVERITY_INFO)
        g_error ("unit %u: %s: %s", f->unit, bitext_check_get_id (f->check), f->message);
      info++;
    }
  g_test_message ("%u info findings on the clean speech", info);
}

/* Whether a finding of @check on @unit has a span on @side that holds @text. */
static gboolean
found (GPtrArray *findings, const Speech *sp, BitextCheck check, guint unit, gboolean source,
       const char *text)
{
  const BitextQaUnit *u = &g_array_index (sp->units, BitextQaUnit, unit);
  for (guint i = 0; i < findings->len; i++)
    {
      const BitextFinding *f = findings->pdata[i];
      const BitextQaSpan *s = source ? &f->source_span : &f->target_span;
      if (f->check != check || f->unit != unit || s->byte_start < 0)
        continue;
      g_autofree char *flagged = g_strndup ((source ? u->source : u->target) + s->byte_start,
                                            (gsize) (s->byte_end - s->byte_start));
      if (strstr (flagged, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Every planted defect of tests/data/speech.ru-draft.defects is found. */
static void
test_speech_draft (void)
{
  g_auto(Speech) sp = { 0 };
  load_speech (&sp, "speech.ru-draft.sent", "speech.ru-draft.gold.align");
  g_autoptr(BitextGlossary) g = speech_glossary (TRUE);
  g_autoptr(GPtrArray) findings = check_speech (&sp, g);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "speech.ru-draft.defects",
                                                 NULL);
  g_autoptr(GPtrArray) lines = bitext_test_read_lines (path);
  guint n = 0, hits = 0;
  guint per_check[BITEXT_CHECK_N] = { 0 };
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = lines->pdata[i];
      if (*line == '#' || *line == '\0')
        continue;
      g_auto(GStrv) f = g_strsplit (line, "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      BitextCheck check;
      g_assert_true (bitext_check_from_id (f[1], &check));
      n++;
      per_check[check]++;
      if (found (findings, &sp, check, (guint) atoi (f[2]), strcmp (f[3], "source") == 0, f[4]))
        hits++;
      else
        g_test_fail_printf ("%s (%s, unit %s, %s '%s') not found", f[0], f[1], f[2], f[3], f[4]);
    }
  /* Every check has planted defects, several where the text allows; a speech has no
     placeholders (the software checks have fixtures of their own: test-qa-placeholder.c). */
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    if (c != BITEXT_CHECK_PLACEHOLDER)
      g_assert_cmpuint (per_check[c], >=, 2);
  g_test_message ("recall %u/%u", hits, n);
  g_assert_cmpuint (hits, ==, n);
}

/* The draft checked on 1 and on 4 threads (which take its units one by one, in turn) gives
** the same findings. */
static void
test_speech_threads (void)
{
  g_auto(Speech) sp = { 0 };
  load_speech (&sp, "speech.ru-draft.sent", "speech.ru-draft.gold.align");
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(BitextGlossary) g = speech_glossary (TRUE);
      BitextQaOptions options = BITEXT_QA_OPTIONS_INIT;
      options.glossary = g;
      options.n_threads = k == 0 ? 1 : 4;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) findings = bitext_qa_run ((BitextQaUnit *) (void *) sp.units->data,
                                                     sp.units->len, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (findings->len, >, 40);
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < findings->len; i++)
        {
          const BitextFinding *f = findings->pdata[i];
          g_string_append_printf (s, "%u %s %s\n", f->unit, bitext_check_get_id (f->check),
                                  f->message);
        }
      g_ptr_array_add (got, g_string_free (s, FALSE));
    }
  g_assert_cmpstr (got->pdata[1], ==, got->pdata[0]);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qa/untranslated-segment", test_untranslated_segment);
  g_test_add_func ("/qa/untranslated-term", test_untranslated_term);
  g_test_add_func ("/qa/untranslated-term/kept-names", test_kept_names);
  g_test_add_func ("/qa/untranslated-term/kept-names-by-sound", test_kept_names_by_sound);
  g_test_add_func ("/qa/untranslated-term/kept-names-capitals", test_kept_names_capitals);
  g_test_add_func ("/qa/untranslated-term/mention", test_untranslated_term_mention);
  g_test_add_func ("/qa/untranslated-term/adjective", test_untranslated_term_adjective);
  g_test_add_func ("/qa/untranslated-term/against-text", test_untranslated_term_against_text);
  g_test_add_func ("/qa/untranslated-term/gloss-and-name-parts",
                   test_untranslated_term_gloss_and_name_parts);
  g_test_add_func ("/qa/untranslated-term/kept-name-case", test_kept_name_case);
  g_test_add_func ("/qa/glossary", test_glossary);
  g_test_add_func ("/qa/number", test_numbers);
  g_test_add_func ("/qa/number/capitals", test_numbers_capitals);
  g_test_add_func ("/qa/number/literals-and-clock", test_numbers_literals_and_clock);
  g_test_add_func ("/qa/number/words-code-dates", test_numbers_words_code_dates);
  g_test_add_func ("/qa/number/ordinals", test_numbers_ordinals);
  g_test_add_func ("/qa/number/inside-words", test_numbers_inside_words);
  g_test_add_func ("/qa/number/next-pair", test_numbers_next_pair);
  g_test_add_func ("/qa/software/layout", test_software_layout);
  g_test_add_func ("/qa/software/kept-case", test_software_kept_case);
  g_test_add_func ("/qa/number/in-words", test_numbers_in_words);
  g_test_add_func ("/qa/omission-addition", test_omission_addition);
  g_test_add_func ("/qa/omission-addition/evidence", test_length_evidence);
  g_test_add_func ("/qa/omission-addition/lone-sentence", test_lone_sentence);
  g_test_add_func ("/qa/omission-addition/lone-sentence-counterpart", test_lone_sentence_counterpart);
  g_test_add_func ("/qa/omission-addition/gloss", test_length_gloss);
  g_test_add_func ("/qa/omission-addition/class-spread", test_length_class_spread);
  g_test_add_func ("/qa/omission-addition/labels", test_length_labels);
  g_test_add_func ("/qa/inconsistency", test_inconsistency);
  g_test_add_func ("/qa/inconsistency/paraphrase", test_same_translation_paraphrase);
  g_test_add_func ("/qa/inconsistency/renderings", test_term_renderings);
  g_test_add_func ("/qa/inconsistency/name-left-out", test_kept_name_left_out);
  g_test_add_func ("/qa/untranslated-term/code-and-glosses", test_kept_code_and_glosses);
  g_test_add_func ("/qa/inconsistency/renderings/source-word", test_term_renderings_source_word);
  g_test_add_func ("/qa/inconsistency/renderings/target-word", test_term_renderings_target_word);
  g_test_add_func ("/qa/inconsistency/renderings/inflection", test_term_renderings_inflection);
  g_test_add_func ("/qa/inconsistency/renderings/word-family", test_term_renderings_word_family);
  g_test_add_func ("/qa/inconsistency/renderings/adjective-head", test_term_renderings_adjective_head);
  g_test_add_func ("/qa/inconsistency/renderings/word-between", test_term_renderings_word_between);
  g_test_add_func ("/qa/inconsistency/renderings/two-heads", test_term_renderings_two_heads);
  g_test_add_func ("/qa/markup", test_markup);
  g_test_add_func ("/qa/punctuation", test_punctuation);
  g_test_add_func ("/qa/punctuation/messages", test_punctuation_messages);
  g_test_add_func ("/qa/punctuation/list-style", test_punctuation_list_style);
  g_test_add_func ("/qa/punctuation/question-after-colon", test_punctuation_question_after_colon);
  g_test_add_func ("/qa/untranslated-segment/names-only", test_untranslated_names_only);
  g_test_add_func ("/qa/untranslated-segment/quoted-copies", test_untranslated_quoted_copies);
  g_test_add_func ("/qa/source-consistency", test_source_consistency);
  g_test_add_func ("/qa/placeholder/defects", test_placeholder_defects);
  g_test_add_func ("/qa/placeholder/benign", test_placeholder_benign);
  g_test_add_func ("/qa/placeholder/accelerators", test_placeholder_accelerators);
  g_test_add_func ("/qa/code-words", test_code_words);
  g_test_add_func ("/qa/whitespace", test_whitespace);
  g_test_add_func ("/qa/software-literals", test_software_literals);
  g_test_add_func ("/qa/placeholder/lookalikes", test_placeholder_lookalikes);
  g_test_add_func ("/qa/software-punctuation", test_software_punctuation);
  g_test_add_func ("/qa/same-translation", test_same_translation);
  g_test_add_func ("/qa/kept-name-shapes", test_kept_name_shapes);
  g_test_add_func ("/qa/kept-name-acronym", test_kept_acronym);
  g_test_add_func ("/qa/untranslated-segment/code", test_untranslated_code);
  g_test_add_func ("/qa/ignore", test_ignore);
  g_test_add_func ("/qa/ignore/key", test_ignore_key);
  g_test_add_func ("/qa/ignore/one-thing", test_ignore_one_thing);
  g_test_add_func ("/qa/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/qa/speech/clean", test_speech_clean);
  g_test_add_func ("/qa/speech/draft", test_speech_draft);
  g_test_add_func ("/qa/speech/threads", test_speech_threads);
  return g_test_run ();
}
