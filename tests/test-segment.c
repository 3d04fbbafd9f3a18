/* bitext tests — sentence segmentation. */
#include <locale.h>
#include <string.h>

#include <gio/gio.h>

#include "test-util.h"
#include "segment-private.h"

#define MAX_SENTS 8

typedef struct
{
  const char *name;
  const char *text;
  const char *expected[MAX_SENTS];
} Case;

/* English: abbreviations, initials, numbers, quotes, ellipses. */
static const Case en_cases[] = {
  { "simple", "The plan works. We start tomorrow.", { "The plan works.", "We start tomorrow." } },
  { "question-exclamation", "Is it ready? Yes! Ship it.", { "Is it ready?", "Yes!", "Ship it." } },
  { "title-mr", "Mr. Brown met Dr. Grey at noon.", { "Mr. Brown met Dr. Grey at noon." } },
  { "title-prof-st", "Prof. Lee lives near St. Anne's school.",
    { "Prof. Lee lives near St. Anne's school." } },
  { "eg-ie", "Use a short word, e.g. Paris or Rome. It helps, i.e. Readers follow.",
    { "Use a short word, e.g. Paris or Rome.", "It helps, i.e. Readers follow." } },
  { "us-attributive", "The U.S. Senate voted. Nobody objected.",
    { "The U.S. Senate voted.", "Nobody objected." } },
  { "us-final", "She moved to the U.S. Then she wrote a book.",
    { "She moved to the U.S.", "Then she wrote a book." } },
  { "no-number", "See item No. 7 on the list. It is short.",
    { "See item No. 7 on the list.", "It is short." } },
  { "page-number", "The quote is on p. 212 of the report.", { "The quote is on p. 212 of the report." } },
  { "am-lowercase", "We met at 9 a.m. and left at noon.", { "We met at 9 a.m. and left at noon." } },
  { "initials", "The novel by J. R. R. Tolkien sold well.", { "The novel by J. R. R. Tolkien sold well." } },
  { "initials-tight", "A.S. Byatt wrote it. She won a prize.",
    { "A.S. Byatt wrote it.", "She won a prize." } },
  { "unit-not-initial", "It reached 40°C. Schools closed at 5 p.m. The grid held at 5 V. Then it failed.",
    { "It reached 40°C.", "Schools closed at 5 p.m.", "The grid held at 5 V.", "Then it failed." } },
  { "case-name-circa", "Smith v. Jones was decided c. 1850. The court agreed.",
    { "Smith v. Jones was decided c. 1850.", "The court agreed." } },
  { "clause-numbers", "1.1. The Seller delivers the goods. 1.2. The Buyer pays. See clause 2.3. It is short.",
    { "1.1. The Seller delivers the goods.", "1.2. The Buyer pays.", "See clause 2.3.", "It is short." } },
  /* A title (no stop at its end) cuts off its section number set apart by a plain space; a
  ** title whose number is bound by a no-break space, a clause, and a one-level list number
  ** keep theirs. */
  { "title-section-number",
    "2.4.4. Hard Disk\n\nA.2. Booting the Installer\n\n1.2.\u00a0What is Debian\n\n"
    "3.1. Overview.\n\n1. The first item",
    { "2.4.4.", "Hard Disk", "A.2.", "Booting the Installer", "1.2.\u00a0What is Debian",
      "3.1. Overview.", "1. The first item" } },
  /* A title that opens with a name in lower case (a command) is a title all the same. */
  { "title-section-number-lower-case", "7.4. lintian usage\n\n5.2. debian/control",
    { "7.4.", "lintian usage", "5.2.", "debian/control" } },
  /* A title may end with a question or exclamation mark, or hold a colon inside. */
  { "title-section-number-question",
    "1.1. What is Debian?\n\n4.3. Back Up Your Data!\n\n3.3. Read this: it matters",
    { "1.1.", "What is Debian?", "4.3.", "Back Up Your Data!", "3.3.", "Read this: it matters" } },
  /* A '?' or '!' with a letter or digit right after it is inside a token: a URL's query, a
  ** search pattern, an operator; a stop followed by its space still ends the sentence. */
  { "stop-inside-token",
    "Open index.php?id=5 now. Use the ?bind term. Compare with != here! Yahoo!Japan is big? Yes.",
    { "Open index.php?id=5 now.", "Use the ?bind term.", "Compare with != here!",
      "Yahoo!Japan is big?", "Yes." } },
  { "label-nbsp", "Chapter 1.\u00a0Welcome to Debian. Appendix A.\u00a0Installing it. He was 25. She left.",
    { "Chapter 1.\u00a0Welcome to Debian.", "Appendix A.\u00a0Installing it.", "He was 25.",
      "She left." } },
  { "label-nbsp-sub", "B.2.\u00a0Booting. Part IV.\u00a0Reference.",
    { "B.2.\u00a0Booting.", "Part IV.\u00a0Reference." } },
  { "pronoun-i", "Nobody saw it but I. Then it vanished.", { "Nobody saw it but I.", "Then it vanished." } },
  { "decimal", "The rate rose to 3.75 per cent. Markets fell.",
    { "The rate rose to 3.75 per cent.", "Markets fell." } },
  { "money-final", "It costs $12.50. That is cheap.", { "It costs $12.50.", "That is cheap." } },
  { "quote-inside", "He said, \"We are done.\" and left the room.",
    { "He said, \"We are done.\" and left the room." } },
  { "quote-final", "He said, \"We are done.\" Nobody answered.",
    { "He said, \"We are done.\"", "Nobody answered." } },
  { "curly-quote-final", "She wrote: “It works.” The team cheered.",
    { "She wrote: “It works.”", "The team cheered." } },
  { "parenthesis-final", "The vote passed (by a wide margin.) Then we went home.",
    { "The vote passed (by a wide margin.)", "Then we went home." } },
  { "ellipsis-unicode", "He waited… Then he left.", { "He waited…", "Then he left." } },
  { "ellipsis-lowercase", "He waited... and waited.", { "He waited... and waited." } },
  { "exclamation-name", "They work at Yahoo! in London.", { "They work at Yahoo! in London." } },
  { "url", "The page is at www.example.org/a.html today. Read it.",
    { "The page is at www.example.org/a.html today.", "Read it." } },
  { "email", "Write to team@example.org. We answer fast.",
    { "Write to team@example.org.", "We answer fast." } },
  { "nato-acronym", "It was agreed within NATO. We have seen progress.",
    { "It was agreed within NATO.", "We have seen progress." } },
  { "ok-final", "It is OK. Then we go on.", { "It is OK.", "Then we go on." } },
  { "emphasis-inside", "We want *bolder* steps. Now.", { "We want *bolder* steps.", "Now." } },
  { "emphasis-after-stop", "**This is settled.** Next question.",
    { "**This is settled.**", "Next question." } },
  { "emphasis-span", "The **two centres** would work. They exist.",
    { "The **two centres** would work.", "They exist." } },
  { "footnote-mark-close", "It is the first treaty of the nuclear era.[12] It still holds.",
    { "It is the first treaty of the nuclear era.[12]", "It still holds." } },
  { "footnote-mark-spaced", "It builds binary packages. [65] This distinction matters.",
    { "It builds binary packages.", "[65] This distinction matters." } },
  { "footnote-text", "[65] The footnote says more. It ends here.",
    { "[65] The footnote says more.", "It ends here." } },
  { "numbered-inline", "1) Plan the route 2) Pack the bags 3) Leave early",
    { "1) Plan the route", "2) Pack the bags", "3) Leave early" } },
  { "numbered-dot-inline", "1. Read the text. 2. Align it.", { "1. Read the text.", "2. Align it." } },
  { "lettered-inline", "a. Red paint b. Blue paint", { "a. Red paint", "b. Blue paint" } },
  { "bullets-inline", "• Tea • Coffee • Water", { "• Tea", "• Coffee", "• Water" } },
  { "numbers-not-a-list", "He was 25. She was 26. They married.",
    { "He was 25.", "She was 26.", "They married." } },
  { "bracket-ellipsis", "\"The [...] plan\" (Jones 12). It failed.",
    { "\"The [...] plan\" (Jones 12).", "It failed." } },
};

/* Russian: abbreviations, initials, dates, quotes, dashes, direct speech, lists. */
static const Case ru_cases[] = {
  { "simple", "Мы начали работу. Она идёт быстро.", { "Мы начали работу.", "Она идёт быстро." } },
  { "question", "Кто здесь? Это я.", { "Кто здесь?", "Это я." } },
  { "exclamation", "Стой! Не двигайся.", { "Стой!", "Не двигайся." } },
  { "te", "Это главное, т. е. основа всего. Дальше проще.",
    { "Это главное, т. е. основа всего.", "Дальше проще." } },
  { "te-capital", "Речь о столице, т. е. Москве.", { "Речь о столице, т. е. Москве." } },
  { "td-final", "Купили хлеб, молоко и т. д. Потом пошли домой.",
    { "Купили хлеб, молоко и т. д.", "Потом пошли домой." } },
  { "tp-final", "Были столы, стулья и т. п. Всё продали.",
    { "Были столы, стулья и т. п.", "Всё продали." } },
  { "tp-inside", "Столы, стулья и т. п. мы продали.", { "Столы, стулья и т. п. мы продали." } },
  { "god-final", "Он родился в 1799 г. Его отец служил в армии.",
    { "Он родился в 1799 г.", "Его отец служил в армии." } },
  { "god-inside", "Договор подписан 3 мая 2012 г. в Москве.",
    { "Договор подписан 3 мая 2012 г. в Москве." } },
  { "gody", "Это было в 1990–2000 гг. Теперь всё иначе.",
    { "Это было в 1990–2000 гг.", "Теперь всё иначе." } },
  { "gorod", "Встреча прошла в г. Москве. Все приехали.",
    { "Встреча прошла в г. Москве.", "Все приехали." } },
  { "ulitsa", "Офис на ул. Тверской, д. 5. Вход со двора.",
    { "Офис на ул. Тверской, д. 5.", "Вход со двора." } },
  { "imeni", "Театр им. Пушкина открыт. Билеты есть.", { "Театр им. Пушкина открыт.", "Билеты есть." } },
  { "stranitsa", "См. стр. 15 и рис. 3. Там всё видно.", { "См. стр. 15 и рис. 3.", "Там всё видно." } },
  { "sm-capital", "Подробнее см. Приложение 2.", { "Подробнее см. Приложение 2." } },
  { "initials-before", "А. С. Пушкин родился в Москве.", { "А. С. Пушкин родился в Москве." } },
  { "initials-tight", "Роман написал Л.Н. Толстой. Он жил долго.",
    { "Роман написал Л.Н. Толстой.", "Он жил долго." } },
  { "initials-after", "Доклад сделал Иванов И. И. на первом заседании.",
    { "Доклад сделал Иванов И. И. на первом заседании." } },
  { "acronym-final", "Об этом договорились в НАТО. Россия ответила.",
    { "Об этом договорились в НАТО.", "Россия ответила." } },
  { "acronym-paren-final", "Речь о ПРО ТВД (театра военных действий). Это важно.",
    { "Речь о ПРО ТВД (театра военных действий).", "Это важно." } },
  { "decimal-comma", "Рост составил 3,5 %. Это много.", { "Рост составил 3,5 %.", "Это много." } },
  { "decimal-point", "Рост составил 3.5 процента. Это много.",
    { "Рост составил 3.5 процента.", "Это много." } },
  { "thousands", "Собрали 1 000 000 руб. Деньги ушли на ремонт.",
    { "Собрали 1 000 000 руб.", "Деньги ушли на ремонт." } },
  { "quotes-inside", "Он назвал план «смелым шагом» и ушёл.", { "Он назвал план «смелым шагом» и ушёл." } },
  { "quotes-final", "Он сказал: «Мы согласны». Все замолчали.",
    { "Он сказал: «Мы согласны».", "Все замолчали." } },
  { "quotes-stop-inside", "Он сказал: «Мы согласны.» Все замолчали.",
    { "Он сказал: «Мы согласны.»", "Все замолчали." } },
  { "direct-speech-question", "«Кто там?» — спросил он. Никто не ответил.",
    { "«Кто там?» — спросил он.", "Никто не ответил." } },
  { "direct-speech-exclamation", "«Уходите!» — крикнул сторож. Мы ушли.",
    { "«Уходите!» — крикнул сторож.", "Мы ушли." } },
  { "direct-speech-comma", "«Хорошо», — сказала она. Потом улыбнулась.",
    { "«Хорошо», — сказала она.", "Потом улыбнулась." } },
  { "dash-inside", "Москва — столица России. Она большая.", { "Москва — столица России.", "Она большая." } },
  { "dash-after-stop", "Мы ждали. — Долго? — Очень.", { "Мы ждали.", "— Долго?", "— Очень." } },
  { "dialogue-line", "— Ты придёшь? — спросила она. — Нет, — ответил он. — Не сегодня.",
    { "— Ты придёшь? — спросила она.", "— Нет, — ответил он.", "— Не сегодня." } },
  { "unit-not-initial", "Вода нагрелась до 90 °C. Потом остыла.",
    { "Вода нагрелась до 90 °C.", "Потом остыла." } },
  { "label-nbsp", "Глава 2.\u00a0Системные требования. Читайте внимательно.",
    { "Глава 2.\u00a0Системные требования.", "Читайте внимательно." } },
  { "footnote-mark", "Пакеты нужны для обычной сборки.[65] Это различие важно.",
    { "Пакеты нужны для обычной сборки.[65]", "Это различие важно." } },
  { "clause-numbers", "2.1. Продавец передаёт товар. 2.2. Покупатель принимает его.",
    { "2.1. Продавец передаёт товар.", "2.2. Покупатель принимает его." } },
  { "title-section-number", "5.3. Параметры загрузки\n\n5.3.1. Загрузочная консоль",
    { "5.3.", "Параметры загрузки", "5.3.1.", "Загрузочная консоль" } },
  { "title-capitalised", "Проф. Иванов не согласен. Ул. Тверская закрыта. Акад. Павлов возразил.",
    { "Проф. Иванов не согласен.", "Ул. Тверская закрыта.", "Акад. Павлов возразил." } },
  { "ellipsis", "Он замолчал… Потом ушёл.", { "Он замолчал…", "Потом ушёл." } },
  { "ellipsis-lowercase", "Он замолчал… и ушёл.", { "Он замолчал… и ушёл." } },
  { "century-roman", "Это угроза XXI века. Мы её видим.", { "Это угроза XXI века.", "Мы её видим." } },
  { "vek-final", "Храм построен в XV в. Его перестроили позже.",
    { "Храм построен в XV в.", "Его перестроили позже." } },
  { "numbered-list-inline", "1) Собрать данные 2) Проверить их 3) Отправить отчёт",
    { "1) Собрать данные", "2) Проверить их", "3) Отправить отчёт" } },
  { "lettered-list-inline", "а) первый пункт б) второй пункт", { "а) первый пункт", "б) второй пункт" } },
  { "emphasis", "Системы должны *усиливать* друг друга. Это ясно.",
    { "Системы должны *усиливать* друг друга.", "Это ясно." } },
  { "bold-after-stop", "**Первый центр.** Он собирает данные.",
    { "**Первый центр.**", "Он собирает данные." } },
  { "tk", "Мы опоздали, т. к. шёл дождь.", { "Мы опоздали, т. к. шёл дождь." } },
  { "eng-name-inside", "Компания Yahoo! открыла офис. Он в центре.",
    { "Компания Yahoo! открыла офис.", "Он в центре." } },
};

/* German and French: the rule sets of their own. */
static const Case de_cases[] = {
  { "ordinal-month", "Die Mauer fiel am 9. November 1989. Danach kam die Einheit.",
    { "Die Mauer fiel am 9. November 1989.", "Danach kam die Einheit." } },
  { "ordinal-century", "Im 19. Jahrhundert wuchs die Stadt. Heute ist sie groß.",
    { "Im 19. Jahrhundert wuchs die Stadt.", "Heute ist sie groß." } },
  { "two-letter-abbreviations", "Hier leben z. B. Studenten, d. h. junge Leute. Sie zahlen wenig.",
    { "Hier leben z. B. Studenten, d. h. junge Leute.", "Sie zahlen wenig." } },
  /* "z. B." and the like introduce what follows: a number or a name after them is no new
  ** sentence (the German maintainers' guide: "… hochladen, z.B. 1.0.1-1."). */
  /* A stop inside a file pattern ends nothing: "cron.*-Datei". */
  { "file-pattern", "Es wird keine dedizierte cron.*-Datei benötigt. Gut.",
    { "Es wird keine dedizierte cron.*-Datei benötigt.", "Gut." } },
  { "abbreviation-before-number", "Laden Sie es hoch, z.B. 1.0.1-1. Es gibt d. h. Pakete, v. a. Foo. Gut.",
    { "Laden Sie es hoch, z.B. 1.0.1-1.", "Es gibt d. h. Pakete, v. a. Foo.", "Gut." } },
  { "titles", "Prof. Schmidt und Hr. Meier stritten bzw. schwiegen. Dr. Braun ging.",
    { "Prof. Schmidt und Hr. Meier stritten bzw. schwiegen.", "Dr. Braun ging." } },
  { "reversed-guillemets", "Er ging. »Warte!« rief sie. „Kommst du?“ fragte er.",
    { "Er ging.", "»Warte!« rief sie.", "„Kommst du?“ fragte er." } },
};

static const Case fr_cases[] = {
  { "spaced-quotation", "« Tu viens ? » demanda-t-elle. « Non ! » Elle partit.",
    { "« Tu viens ? » demanda-t-elle.", "« Non ! »", "Elle partit." } },
  { "abbreviations", "Voir p. 12 et chap. 3 sur Mme Curie. Il est né en 52 av. J.-C. à Rome.",
    { "Voir p. 12 et chap. 3 sur Mme Curie.", "Il est né en 52 av. J.-C. à Rome." } },
  { "monsieur", "M. Dupont est arrivé. Il était fatigué.", { "M. Dupont est arrivé.", "Il était fatigué." } },
};

/* Greek: ';' is the question mark, and before a word in lower case the Latin semicolon. */
static const Case el_cases[] = {
  { "question-mark", "Τι είναι το Debian; Το Debian είναι ένας οργανισμός.",
    { "Τι είναι το Debian;", "Το Debian είναι ένας οργανισμός." } },
  { "semicolon-before-lower-case",
    "Το σύστημα δέχεται οδηγίες; γράφει δεδομένα;και τρέχει προγράμματα. Τέλος.",
    { "Το σύστημα δέχεται οδηγίες; γράφει δεδομένα;και τρέχει προγράμματα.", "Τέλος." } },
  { "heading-question", "1.1. Τι είναι το Debian;\n\n1.2. Ο πυρήνας\n\n3.3. Αυτή είναι μια πρόταση.",
    { "1.1.", "Τι είναι το Debian;", "1.2.", "Ο πυρήνας", "3.3. Αυτή είναι μια πρόταση." } },
};

/* Scripts without spaces between sentences or without case (texts written for these tests). */
static const Case zh_cases[] = {
  /* A title cuts off its section number as in cased scripts; a sentence keeps it. */
  { "heading-number", "1.7. 文档的组织\n\n3.3.1. 硬件兼容性\n\n3.3. 这是一句。",
    { "1.7.", "文档的组织", "3.3.1.", "硬件兼容性", "3.3. 这是一句。" } },
  { "bracket-opens-next", "这是第一句。（这是括号里的第二句。）这是第三句。",
    { "这是第一句。", "（这是括号里的第二句。）", "这是第三句。" } },
  /* A half-width '?' between Chinese clauses still ends a sentence (no space is written). */
  { "halfwidth-question", "你好吗?我很好。", { "你好吗?", "我很好。" } },
};

static const Case ja_cases[] = {
  { "corner-quote-opens-next", "雨が降った。「寒いね。」と彼は言った。",
    { "雨が降った。", "「寒いね。」と彼は言った。" } },
};

/* Layout: paragraphs, lines, headings, list items, broken paragraphs. */
static const Case layout_cases[] = {
  { "paragraph-hard-boundary", "First part without stop\n\nSecond part starts here.",
    { "First part without stop", "Second part starts here." } },
  { "broken-paragraph", "These sites are in the wrong place if we\n\nwere trying to do that. Next.",
    { "These sites are in the wrong place if we were trying to do that.", "Next." } },
  { "broken-paragraph-spaces", "one of\n   \n\nthe main threats.", { "one of the main threats." } },
  { "not-broken-after-stop", "It ended.\n\nthen a lower-case start.", { "It ended.", "then a lower-case start." } },
  /* An item of a definition list ("name - what it is") is no sentence cut by a page break. */
  { "definition-item-after-aside", "It avoids bugs. (see pbuilder(8))\n\nperl - Perl is a language. It is old.",
    { "It avoids bugs. (see pbuilder(8))", "perl - Perl is a language.", "It is old." } },
  /* List items without final stops, each a paragraph: not a sentence cut by a page break. */
  { "list-paragraphs-in-lower-case", "Steps:\n\ninstall the old version\n\nupgrade it\n\npurge it\n\nThen stop.",
    { "Steps:", "install the old version", "upgrade it", "purge it", "Then stop." } },
  { "heading-line", "Introduction\nThe project started in May. It went well.",
    { "Introduction", "The project started in May.", "It went well." } },
  { "list-lines", "You need:\n- eggs\n- milk\n- flour",
    { "You need:", "- eggs", "- milk", "- flour" } },
  { "numbered-lines", "Steps\n1. Open the file\n2. Save it",
    { "Steps", "1. Open the file", "2. Save it" } },
  { "wrapped-prose", "This is a long line of prose that wraps at the margin and goes on with\n"
                     "Russia and NATO in the next line of the same sentence, ending here.",
    { "This is a long line of prose that wraps at the margin and goes on with Russia and NATO "
      "in the next line of the same sentence, ending here." } },
  { "title-block", "**A vision of cooperation,\nAddress by the Ambassador,\nDeputy Head of Mission\n"
                   "to the Conference, 3 May 2012**",
    { "**A vision of cooperation, Address by the Ambassador, Deputy Head of Mission to the "
      "Conference, 3 May 2012**" } },
  { "address-block", "John Smith\nHigh Street 5\nLondon", { "John Smith", "High Street 5", "London" } },
  { "crlf", "One.\r\nTwo.\r\n\r\nThree.", { "One.", "Two.", "Three." } },
  { "markdown-heading", "# Results\nWe won. Everyone cheered.", { "# Results", "We won.", "Everyone cheered." } },
  { "table-rows", "| Option | Meaning |\n|---|---|\n| -v | Verbose. Shows more. |\nThe table ends here.",
    { "| Option | Meaning |", "|---|---|", "| -v | Verbose.", "Shows more. |", "The table ends here." } },
};

static void
run_cases (const char *lang, const Case *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) got = bitext_test_segment (lang, cases[i].text);
      g_autofree char *what = g_strdup_printf ("%s case '%s'", lang, cases[i].name);
      bitext_test_assert_strv (what, got, cases[i].expected);
    }
}

static void
test_en_cases (void)
{
  run_cases ("en", en_cases, G_N_ELEMENTS (en_cases));
}

static void
test_ru_cases (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (ru_cases), >=, 40);
  run_cases ("ru", ru_cases, G_N_ELEMENTS (ru_cases));
}

/* Spanish and Portuguese (the installation guide's translations), and the Latin and English
** abbreviations that texts in every language borrow. */
static const Case es_cases[] = {
  { "p-ej", "Elige uno (p. ej. RAID1). Bien.", { "Elige uno (p. ej. RAID1).", "Bien." } },
  { "aka", "Comandos para SunOS 5.x (a.k.a. Solaris) y GNU/Linux. Bien.",
    { "Comandos para SunOS 5.x (a.k.a. Solaris) y GNU/Linux.", "Bien." } },
};
static const Case pt_cases[] = {
  { "e-g", "Com alguns tipos de hardware (e.g. USB) funciona. Bom.",
    { "Com alguns tipos de hardware (e.g. USB) funciona.", "Bom." } },
  { "p-ex", "Escolha um (p. ex. RAID1). Bom.", { "Escolha um (p. ex. RAID1).", "Bom." } },
};

/* Korean: a cross-reference's label ("5장.", "5.1.6절.", "부록 E.") is followed by its title. */
static const Case ko_cases[] = {
  { "labels",
    "그 다음 5장. 설치 시스템 부팅하기에서는, 부팅하는 방법을 설명합니다. 방법은 부록 E. 문서 관리 정보에 있습니다. 5.1.6절. 그래픽 설치 프로그램을 참고하십시오.",
    { "그 다음 5장. 설치 시스템 부팅하기에서는, 부팅하는 방법을 설명합니다.",
      "방법은 부록 E. 문서 관리 정보에 있습니다.", "5.1.6절. 그래픽 설치 프로그램을 참고하십시오." } },
  /* The verb's full stop ends the sentence before a word in lower case: Hangul has no case. */
  { "stop-before-lower-case", "메모를 가지고 있어야 합니다. part_crypt에 해당되는 사항을 찾아 볼 수 있습니다.",
    { "메모를 가지고 있어야 합니다.", "part_crypt에 해당되는 사항을 찾아 볼 수 있습니다." } },
};

static void
test_es_pt_ko_cases (void)
{
  run_cases ("es", es_cases, G_N_ELEMENTS (es_cases));
  run_cases ("pt", pt_cases, G_N_ELEMENTS (pt_cases));
  run_cases ("ko", ko_cases, G_N_ELEMENTS (ko_cases));
}

static void
test_de_fr_cases (void)
{
  run_cases ("de", de_cases, G_N_ELEMENTS (de_cases));
  run_cases ("fr", fr_cases, G_N_ELEMENTS (fr_cases));
}

static void
test_el_cases (void)
{
  run_cases ("el", el_cases, G_N_ELEMENTS (el_cases));
}

static void
test_zh_ja_cases (void)
{
  run_cases ("zh", zh_cases, G_N_ELEMENTS (zh_cases));
  run_cases ("ja", ja_cases, G_N_ELEMENTS (ja_cases));
}

static void
test_layout_cases (void)
{
  run_cases ("en", layout_cases, G_N_ELEMENTS (layout_cases));
}

static void
check_sample (const char *lang, const char *sample, const char *sentences)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "samples", sample, NULL);
  g_autofree char *gold = g_test_build_filename (G_TEST_DIST, "data", sentences, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(GPtrArray) expected = bitext_test_read_lines (gold);
  g_ptr_array_add (expected, NULL);
  g_autoptr(GPtrArray) got = bitext_test_segment (lang, text);
  bitext_test_assert_strv (sample, got, (const char *const *) expected->pdata);
}

static void
test_sample_en (void)
{
  check_sample ("en", "speech.en.txt", "speech.en.sent");
}

static void
test_sample_ru (void)
{
  check_sample ("ru", "speech.ru.txt", "speech.ru.sent");
}

static gboolean
collect_segments (const BitextSegment *s, const char *text, gpointer user_data, GError **error)
{
  (void) text;
  (void) error;
  g_array_append_val ((GArray *) user_data, *s);
  return TRUE;
}

/* Spans point back into the original bytes: CRLF and the BOM are counted. */
static void
test_source_spans (void)
{
  static const char input[] = "\xEF\xBB\xBFTitle line\r\n\r\nFirst one. Second\r\none.\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new ("en", NULL, &error);
  g_autoptr(BitextReader) reader = bitext_reader_new_for_data ("spans", input, sizeof input - 1);
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (BitextSegment));
  g_assert_true (bitext_segmenter_segment_reader (seg, reader, collect_segments, segs, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (segs->len, ==, 3);
  const BitextSegment *s = &g_array_index (segs, BitextSegment, 0);
  g_assert_cmpuint (s->source_offset, ==, 3);
  g_assert_cmpuint (s->source_end, ==, 13);
  g_assert_cmpuint (s->start.line, ==, 1);
  g_assert_cmpuint (s->start.column, ==, 1);
  g_assert_cmpuint (s->paragraph, ==, 0);
  s = &g_array_index (segs, BitextSegment, 1);
  g_assert_cmpuint (s->source_offset, ==, 17);
  g_assert_cmpuint (s->source_end, ==, 27);
  g_assert_cmpuint (s->start.line, ==, 3);
  g_assert_cmpuint (s->paragraph, ==, 1);
  s = &g_array_index (segs, BitextSegment, 2);
  g_assert_cmpuint (s->source_offset, ==, 28);
  g_assert_cmpuint (s->source_end, ==, 40);
  g_assert_cmpuint (s->start.line, ==, 3);
  g_assert_cmpuint (s->start.column, ==, 12);
  g_assert_cmpuint (s->end.line, ==, 4);
  g_assert_cmpuint (s->end.column, ==, 4);
}

/* The document API gives the same segments, with spans into the document's text. */
static void
test_document (void)
{
  static const char input[] = "Alpha one. Beta two.\n\nGamma three";
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextDocument) doc = bitext_document_new_for_data ("doc", input, sizeof input - 1,
                                                                &error);
  g_assert_no_error (error);
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new ("en", NULL, &error);
  g_autoptr(GArray) segs = bitext_segmenter_segment_document (seg, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segs->len, ==, 3);
  const char *text = bitext_document_get_text (doc, NULL);
  static const char *const expected[] = { "Alpha one.", "Beta two.", "Gamma three" };
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *s = bitext_segment_dup_text (text, &g_array_index (segs, BitextSegment, i).span);
      g_assert_cmpstr (s, ==, expected[i]);
    }
  g_assert_cmpuint (g_array_index (segs, BitextSegment, 2).paragraph, ==, 1);
}

/* Languages without rules of their own: ICU plus the generic rules, never an error. */
static void
test_generic_language (void)
{
  static const char *const nl[] = { "Dr. Jansen is er.", "We gaan nu.", NULL };
  g_autoptr(GPtrArray) got = bitext_test_segment ("nl", "Dr. Jansen is er. We gaan nu.");
  bitext_test_assert_strv ("nl", got, nl);
  static const char *const fr[] = { "C'est « fini » ?", "Oui.", NULL };
  g_autoptr(GPtrArray) got_fr = bitext_test_segment ("fr-CA", "C'est « fini » ? Oui.");
  bitext_test_assert_strv ("fr-CA", got_fr, fr);
}

static void
test_auto_language (void)
{
  g_assert_cmpstr (bitext_guess_language ("Это текст.", strlen ("Это текст.")), ==, "ru");
  g_assert_cmpstr (bitext_guess_language ("This is text.", 13), ==, "en");
  static const struct { const char *lang, *text; } latin[] = {
    { "en", "The wall fell in 1989, and the country was united a year later." },
    { "de", "Die Mauer fiel 1989, und das Land ist ein Jahr später vereint." },
    { "fr", "Le mur est tombé en 1989, et le pays a été réunifié un an plus tard." },
    { "es", "El muro cayó en 1989 y el país se reunificó un año después." },
    { "it", "Il muro è caduto nel 1989 e il paese è stato riunificato." },
    { "nl", "De muur viel in 1989 en het land werd een jaar later herenigd." },
    { "pt", "O muro caiu em 1989 e o país foi reunificado um ano depois, com festa." },
    { "en", "Berlin, 1989." },  /* no function word: English, as before */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (latin); i++)
    g_assert_cmpstr (bitext_guess_language (latin[i].text, strlen (latin[i].text)), ==, latin[i].lang);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new ("auto", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (bitext_segmenter_get_lang (seg));
  static const char *const ru[] = { "Это было в 1799 г.", "Потом всё изменилось.", NULL };
  g_autoptr(GPtrArray) got = bitext_test_segment ("auto", "Это было в 1799 г. Потом всё изменилось.");
  bitext_test_assert_strv ("auto", got, ru);
}

static void
test_bad_language (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new ("en!!", NULL, &error);
  g_assert_null (seg);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE);
}

/* A callback that fails stops segmentation and its error comes back. */
static gboolean
fail_second (const BitextSegment *s, const char *text, gpointer user_data, GError **error)
{
  (void) s;
  (void) text;
  if (++*(int *) user_data == 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "stop");
      return FALSE;
    }
  return TRUE;
}

static void
test_callback_error (void)
{
  static const char input[] = "One. Two. Three.";
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new ("en", NULL, &error);
  g_autoptr(BitextReader) reader = bitext_reader_new_for_data ("cb", input, sizeof input - 1);
  int calls = 0;
  g_assert_false (bitext_segmenter_segment_reader (seg, reader, fail_second, &calls, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
  g_assert_cmpint (calls, ==, 2);
}

static gboolean
describe_segment (const BitextSegment *s, const char *text, gpointer user_data, GError **error)
{
  (void) error;
  g_string_append_printf (user_data, "%" G_GSIZE_FORMAT "+%" G_GSIZE_FORMAT " p%u src %" G_GSIZE_FORMAT
                          "-%" G_GSIZE_FORMAT " %u:%u-%u:%u %s\n", s->span.offset, s->span.length,
                          s->paragraph, s->source_offset, s->source_end, s->start.line,
                          s->start.column, s->end.line, s->end.column, text);
  return TRUE;
}

/*
** Every segment and its spans, one a line, with @n_threads worker threads
** and long lines in windows of @window bytes (0: the default).
*/
static char *
describe_windowed (const char *lang, const char *text, gsize length, guint n_threads,
                   gsize window, gsize context, guint *n_segments)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new (lang, NULL, &error);
  g_assert_no_error (error);
  bitext_segmenter__set_threads (seg, n_threads);
  if (window != 0)
    bitext_segmenter__set_window (seg, window, context);
  g_autoptr(BitextReader) reader = bitext_reader_new_for_data ("big", text, length);
  GString *out = g_string_new (NULL);
  g_assert_true (bitext_segmenter_segment_reader (seg, reader, describe_segment, out, &error));
  g_assert_no_error (error);
  *n_segments = 0;
  for (const char *p = out->str; (p = strchr (p, '\n')) != NULL; p++)
    (*n_segments)++;
  return g_string_free (out, FALSE);
}

static char *
describe_segmentation (const char *lang, const char *text, gsize length, guint n_threads,
                       guint *n_segments)
{
  return describe_windowed (lang, text, length, n_threads, 0, 0, n_segments);
}

/*
** Offsets, lines and columns in the three kinds of paragraph the segmenter
** maps differently: ASCII only, other BMP characters (2 and 3 bytes), and
** characters beyond the BMP (two UTF-16 units, four bytes, one column).
** Figures checked by hand against the bytes of the input.
*/
static void
test_positions_by_script (void)
{
  static const char input[] = "Plain one. Two\nwraps here.\n\n"
                              "Привет, мир. Ещё 中文\nпредложение.\n\n"
                              "Smile \xF0\x9F\x98\x80 now. Math \xF0\x9D\x94\xB8\nis \xF0\x9D\x94\xB8 fun.\n";
  guint n = 0;
  g_autofree char *got = describe_segmentation ("en", input, sizeof input - 1, 0, &n);
  g_assert_cmpstr (got, ==,
                   "0+10 p0 src 0-10 1:1-1:10 Plain one.\n"
                   "11+15 p0 src 11-26 1:12-2:11 Two wraps here.\n"
                   "28+21 p1 src 28-49 4:1-4:12 Привет, мир.\n"
                   "50+37 p1 src 50-87 4:14-5:12 Ещё 中文 предложение.\n"
                   "89+15 p2 src 89-104 7:1-7:12 Smile \xF0\x9F\x98\x80 now.\n"
                   "105+22 p2 src 105-127 7:14-8:9 Math \xF0\x9D\x94\xB8 is \xF0\x9D\x94\xB8 fun.\n");
}

/* The contents of samples/@name. */
static char *
read_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "samples", name, NULL);
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/*
** A text of several megabytes goes through the worker threads in batches;
** the segments, their order and every span must be those of the
** single-threaded run. The text mixes both samples, CRLF, a broken paragraph
** and a non-BMP character, so batches start and end in varied places.
*/
static void
test_threads_same_output (void)
{
  g_autofree char *en = read_sample ("speech.en.txt");
  g_autofree char *ru = read_sample ("speech.ru.txt");
  g_autoptr(GString) big = g_string_new (NULL);
  for (int i = 0; big->len < 3 * 1024 * 1024; i++)
    {
      g_string_append (big, i % 3 == 0 ? ru : en);
      g_string_append (big, i % 2 == 0 ? "\r\n\r\nThe sentence goes on\r\n\r\nafter a page break \xF0\x9D\x90\x80.\r\n\r\n"
                                       : "\n\n");
    }
  guint n_single = 0, n_threaded = 0;
  g_autofree char *single = describe_segmentation ("en", big->str, big->len, 0, &n_single);
  g_autofree char *threaded = describe_segmentation ("en", big->str, big->len, 2, &n_threaded);
  g_assert_cmpuint (n_single, >, 10000);
  g_assert_cmpuint (n_threaded, ==, n_single);
  g_assert_cmpstr (threaded, ==, single);

  /* A callback that stops mid-way, batches still in the workers' hands. */
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new ("en", NULL, &error);
  bitext_segmenter__set_threads (seg, 2);
  g_autoptr(BitextReader) reader = bitext_reader_new_for_data ("big", big->str, big->len);
  int calls = -4998;
  g_assert_false (bitext_segmenter_segment_reader (seg, reader, fail_second, &calls, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
  g_assert_cmpint (calls, ==, 2);
}

/* @text with each run of white space (line breaks included) made one space. */
static char *
one_line (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

/*
** A paragraph on one line, of several batches' size, is segmented a window
** at a time (segment.c, WINDOW_BYTES). With windows of a few hundred bytes,
** each window edge falls somewhere else in a sentence: inside an
** abbreviation ("Mr. Brown", "e.g. Paris"), between a full stop and the
** next word, in a Cyrillic or a non-BMP character, in a run of numbers
** whose end decides whether the full stop before it ends a sentence. Every
** segment and span must be those of one window over the whole line. A line
** that starts with an inline enumeration is never windowed: its markers are
** counted to the end of the paragraph.
*/
static void
test_windows_same_output (void)
{
  g_autofree char *en_text = read_sample ("speech.en.txt");
  g_autofree char *ru_text = read_sample ("speech.ru.txt");
  g_autofree char *en = one_line (en_text), *ru = one_line (ru_text);
  static const char *const heads[] = { "", "1) First item here. 2) Second item. " };
  for (gsize h = 0; h < G_N_ELEMENTS (heads); h++)
    {
      g_autoptr(GString) line = g_string_new (heads[h]);
      for (int i = 0; line->len < 300 * 1024; i++)
        {
          g_string_append (line, i % 3 == 1 ? ru : en);
          g_string_append (line, i % 2 == 0 ? " Mr. Brown met Dr. Grey (e.g. in the U.S. Senate)"
                                              " at 9 a.m. \xF0\x9D\x90\x80 today. "
                                            : " ");
          /* ICU keeps "5. 12 12 ... and" together (UAX #29 SB8) only after seeing the
             lower-case word at the end of the run, which a window edge may cut. */
          g_string_append (line, "He paid 5. ");
          for (int k = 0; k < 20 + i % 50; k++)
            g_string_append (line, "12 ");
          g_string_append (line, "and then left. ");
        }
      guint n_whole = 0;
      g_autofree char *whole = describe_windowed ("en", line->str, line->len, 0, G_MAXSIZE, 0,
                                                  &n_whole);
      g_assert_cmpuint (n_whole, >, 1500);
      static const gsize sizes[][2] = { { 4096, 512 }, { 997, 101 }, { 333, 40 } };
      for (gsize k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          guint n = 0;
          g_autofree char *windowed = describe_windowed ("en", line->str, line->len, 0,
                                                         sizes[k][0], sizes[k][1], &n);
          g_assert_cmpuint (n, ==, n_whole);
          g_assert_cmpstr (windowed, ==, whole);
        }
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/segment/en/cases", test_en_cases);
  g_test_add_func ("/segment/ru/cases", test_ru_cases);
  g_test_add_func ("/segment/layout/cases", test_layout_cases);
  g_test_add_func ("/segment/sample/en", test_sample_en);
  g_test_add_func ("/segment/sample/ru", test_sample_ru);
  g_test_add_func ("/segment/spans/source", test_source_spans);
  g_test_add_func ("/segment/spans/scripts", test_positions_by_script);
  g_test_add_func ("/segment/document", test_document);
  g_test_add_func ("/segment/lang/generic", test_generic_language);
  g_test_add_func ("/segment/de-fr/cases", test_de_fr_cases);
  g_test_add_func ("/segment/es-pt-ko/cases", test_es_pt_ko_cases);
  g_test_add_func ("/segment/el/cases", test_el_cases);
  g_test_add_func ("/segment/zh-ja/cases", test_zh_ja_cases);
  g_test_add_func ("/segment/lang/auto", test_auto_language);
  g_test_add_func ("/segment/lang/invalid", test_bad_language);
  g_test_add_func ("/segment/callback-error", test_callback_error);
  g_test_add_func ("/segment/threads", test_threads_same_output);
  g_test_add_func ("/segment/windows", test_windows_same_output);
  return g_test_run ();
}
