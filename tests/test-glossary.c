/* bitext tests — glossaries: loading TSV/CSV/DNT files, matching terms on Snowball stems. */
#include <locale.h>
#include <string.h>

#include <bitext/terms.h>

#include "test-util.h"

static BitextGlossary *
load (const char *name, const char *data)
{
  BitextGlossary *g = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_load_data (g, name, data, strlen (data), &error));
  g_assert_no_error (error);
  return g;
}

/* The matches of @side in @text as "entry:variant[start,end)" (bytes), '!' marking forbidden. */
static char *
matches (BitextGlossary *g, BitextGlossarySide side, const char *text)
{
  g_autoptr(GArray) m = bitext_glossary_match (g, side, text);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < m->len; i++)
    {
      const BitextTermMatch *x = &g_array_index (m, BitextTermMatch, i);
      g_string_append_printf (s, "%s%u:%s%d[%zu,%zu)", i > 0 ? " " : "", x->entry,
                              x->forbidden ? "!" : "", x->variant, x->start, x->end);
    }
  return g_string_free (s, FALSE);
}

static void
test_load_tsv (void)
{
  g_autoptr(BitextGlossary) g = load ("g.tsv", "# a comment\n"
                                               "missile defence\tпротиворакетная оборона | ПРО\t"
                                               "a note\n"
                                               "\n"
                                               "sensor\tсредство обнаружения\t\tдатчик | сенсор\r\n");
  g_assert_cmpuint (bitext_glossary_get_n_entries (g), ==, 2);
  const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, 0);
  g_assert_cmpstr (e->source, ==, "missile defence");
  g_assert_cmpstr (e->targets[0], ==, "противоракетная оборона");
  g_assert_cmpstr (e->targets[1], ==, "ПРО");
  g_assert_null (e->targets[2]);
  g_assert_null (e->forbidden[0]);
  g_assert_cmpstr (e->note, ==, "a note");
  g_assert_cmpuint (e->line, ==, 2);
  e = bitext_glossary_get_entry (g, 1);
  g_assert_cmpstr (e->note, ==, "");
  g_assert_cmpstr (e->forbidden[0], ==, "датчик");
  g_assert_cmpstr (e->forbidden[1], ==, "сенсор");
  g_assert_cmpuint (e->line, ==, 4);
}

static void
test_load_header_row (void)
{
  g_autoptr(BitextGlossary) g = load ("g.tsv", "forbidden\ttarget\tsource\n"
                                               "датчик\tсредство обнаружения\tsensor\n");
  g_assert_cmpuint (bitext_glossary_get_n_entries (g), ==, 1);
  const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, 0);
  g_assert_cmpstr (e->source, ==, "sensor");
  g_assert_cmpstr (e->targets[0], ==, "средство обнаружения");
  g_assert_cmpstr (e->forbidden[0], ==, "датчик");
}

static void
test_load_csv (void)
{
  g_autoptr(BitextGlossary) g = load ("g.csv", "source,target,note\n"
                                               "\"command, control\",боевое управление,\"say "
                                               "\"\"боевое\"\"\nnot \"\"командное\"\"\"\n"
                                               "summit,саммит,\n");
  g_assert_cmpuint (bitext_glossary_get_n_entries (g), ==, 2);
  const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, 0);
  g_assert_cmpstr (e->source, ==, "command, control");
  g_assert_cmpstr (e->note, ==, "say \"боевое\"\nnot \"командное\"");
  g_assert_cmpuint (bitext_glossary_get_entry (g, 1)->line, ==, 4);
}

static void
test_load_errors (void)
{
  static const struct
  {
    const char *name, *data;
    int code;
    const char *message;
  } cases[] = {
    { "g.tsv", "# x\nsummit\tсаммит\nLisbon\n", BITEXT_ERROR_PARSE,
      "g.tsv:3: expected SOURCE and TARGET separated by a tab, found 1 column" },
    { "g.tsv", "summit\t | \n", BITEXT_ERROR_PARSE, "g.tsv:1: term 'summit' has no target" },
    { "g.tsv", "—\tтире\n", BITEXT_ERROR_PARSE, "g.tsv:1: term '—' has no word" },
    { "g.tsv", "a\tb\nc\t\xff\n", BITEXT_ERROR_ENCODING, "g.tsv:2: invalid UTF-8" },
    { "g.csv", "a,\"b\n", BITEXT_ERROR_PARSE, "g.csv:1: unterminated quoted field" },
    { "g.tbx", "<html/>", BITEXT_ERROR_PARSE, "g.tbx:1: <html> is not a TBX root (martif or tbx)" },
    { "g.tbx", "<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>—</term></tig>"
      "</langSet><langSet xml:lang='ru'><tig><term>тире</term></tig></langSet></termEntry>"
      "</body></text></martif>", BITEXT_ERROR_PARSE, "g.tbx: termEntry 1: term '—' has no word" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BitextGlossary) g = bitext_glossary_new ("en", "ru");
      g_autoptr(GError) error = NULL;
      g_assert_false (bitext_glossary_load_data (g, cases[i].name, cases[i].data,
                                                 strlen (cases[i].data), &error));
      g_assert_error (error, BITEXT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Two pairs as `bitext glossary extract` gives them: scores, frequencies, examples, variants. */
static BitextTermList *
extracted_pairs (void)
{
  BitextTermList *list = bitext_term_list_new ("en", "ru");
  static const char *const forms[] = { "противоракетной обороны", "противоракетную оборону", NULL };
  static const char *const none[] = { NULL };
  static const guint units[] = { 3, 7 };
  BitextTermPair a = { .source = "missile defence", .target = "противоракетная оборона",
                       .variants = forms, .note = "", .example = "Missile defence, again.",
                       .score = 12.5, .freq = 7, .examples = units, .n_examples = 2 };
  BitextTermPair b = { .source = "summit", .target = "саммит", .variants = none,
                       .note = "not «встреча в верхах»", .example = "", .score = 3, .freq = 2 };
  bitext_term_list_add (list, &a);
  bitext_term_list_add (list, &b);
  return list;
}

/* The entries as "source = target | alternatives ! forbidden (note)", one a line. */
static char *
entries (const BitextGlossary *g)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < bitext_glossary_get_n_entries (g); i++)
    {
      const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, i);
      g_autofree char *targets = g_strjoinv (" | ", (char **) e->targets);
      g_autofree char *forbidden = g_strjoinv (" | ", (char **) e->forbidden);
      g_string_append_printf (s, "%s = %s ! %s (%s)\n", e->source, targets, forbidden, e->note);
    }
  return g_string_free (s, FALSE);
}

/*
** A glossary written by `bitext glossary extract` (source, target, score,
** frequency, example, variants, note) loads for QA with its header, without
** it, and as CSV: the evidence columns are read past, never taken for a
** note or a forbidden rendering ("7" would flag every 7 of the target).
*/
static void
test_load_extracted (void)
{
  g_autoptr(BitextTermList) list = extracted_pairs ();
  static const char expected[] = "missile defence = противоракетная оборона !  ()\n"
                                 "summit = саммит !  (not «встреча в верхах»)\n";
  for (guint k = 0; k < 3; k++)
    {
      gboolean csv = k == 2;
      g_autofree char *data = bitext_term_list_to_data (list, csv ? BITEXT_TERM_FORMAT_CSV
                                                                  : BITEXT_TERM_FORMAT_TSV, NULL);
      const char *rows = data;
      g_assert_true (g_str_has_prefix (data, csv ? "source,target,score,frequency"
                                                 : "# source\ttarget\tscore\tfrequency"));
      if (k == 1)
        rows = strchr (data, '\n') + 1;              /* no header: the layout by its number */
      g_autoptr(BitextGlossary) g = load (csv ? "x.csv" : "x.tsv", rows);
      g_autofree char *got = entries (g);
      g_assert_cmpstr (got, ==, expected);
      g_autofree char *m = matches (g, BITEXT_GLOSSARY_TARGET, "7 раз о саммите, 2 раза.");
      g_assert_cmpstr (m, ==, "1:0[12,26)");
    }
}

/* A TBX written by extraction: the dictionary form is the rendering; the variants match as inflections. */
static void
test_load_tbx (void)
{
  g_autoptr(BitextTermList) list = extracted_pairs ();
  gsize n = 0;
  g_autofree char *tbx = bitext_term_list_to_data (list, BITEXT_TERM_FORMAT_TBX, &n);
  g_assert_nonnull (strstr (tbx, "<termNote type=\"termType\">variant</termNote>"));
  g_autoptr(BitextGlossary) g = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_load_data (g, "x.tbx", tbx, n, &error));
  g_assert_no_error (error);
  g_autofree char *got = entries (g);
  g_assert_cmpstr (got, ==, "missile defence = противоракетная оборона !  ()\n"
                            "summit = саммит !  (not «встреча в верхах»)\n");
  g_autofree char *m = matches (g, BITEXT_GLOSSARY_TARGET, "о противоракетной обороне");
  g_assert_cmpstr (m, ==, "0:0[3,48)");
}

/* Every case of «оборона» and of «противоракетная оборона» matches; words that only look alike do not. */
static void
test_match_russian_inflections (void)
{
  g_autoptr(BitextGlossary) g = load ("g.tsv", "defence\tоборона\n"
                                               "missile defence\tпротиворакетная оборона\n");
  static const struct
  {
    const char *text, *expected;
  } cases[] = {
    { "оборона", "0:0[0,14)" },
    { "нет обороны", "0:0[7,21)" },
    { "к обороне", "0:0[3,17)" },
    { "за оборону", "0:0[5,19)" },
    { "обороной", "0:0[0,16)" },
    { "ОБОРОНЕ", "0:0[0,14)" },
    { "противоракетная оборона", "1:0[0,45) 0:0[31,45)" },
    { "системы противоракетной обороны", "1:0[15,60) 0:0[46,60)" },
    { "о противоракетной обороне", "1:0[3,48) 0:0[34,48)" },
    { "создать противоракетную оборону", "1:0[15,60) 0:0[46,60)" },
    { "с противоракетной обороной", "1:0[3,50) 0:0[34,50)" },
    /* Near misses: another stem (оборот), a compound (обороноспособность), words apart. */
    { "оборот капитала", "" },
    { "обороноспособность страны", "" },
    { "противоракетная и воздушная оборона", "0:0[53,67)" },
    /* Snowball gives the adjective оборонный the noun's stem: the match is real behaviour. */
    { "оборонный завод", "0:0[0,18)" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = matches (g, BITEXT_GLOSSARY_TARGET, cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_match_english (void)
{
  g_autoptr(BitextGlossary) g = load ("g.tsv", "missile defence\tПРО\n"
                                               "ICBM\tМБР\n"
                                               "Data Fusion Centre\tЦентр обобщения данных\n");
  static const struct
  {
    const char *text, *expected;
  } cases[] = {
    { "our missile defences", "0:-1[4,20)" },
    { "Missile Defense Conference", "0:-1[0,15)" },   /* American spelling */
    { "Russian ICBMs", "1:-1[8,13)" },                /* an acronym's plural */
    { "an icbm", "" },                                /* acronyms keep their capitals */
    { "the NATO-Russia Data Fusion Center", "2:-1[16,34)" },
    { "missile, defence", "0:-1[0,16)" },             /* punctuation between words is no word */
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = matches (g, BITEXT_GLOSSARY_SOURCE, cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_match_russian_names_and_acronyms (void)
{
  g_autoptr(BitextGlossary) g = load ("g.tsv", "Theatre Missile Defence\tПРО ТВД\n"
                                               "Lisbon\tЛиссабон\n"
                                               "Medvedev\tМедведев\n"
                                               "combined forces\tобъединённые силы\n"
                                               "sensor\tсредство обнаружения\t\tдатчик\n");
  static const struct
  {
    const char *text, *expected;
  } cases[] = {
    { "учения ПРО ТВД", "0:0[13,26)" },
    { "говорили про ТВД", "" },                       /* про the preposition is not ПРО */
    { "на Лиссабонском саммите", "1:0[5,29)" },       /* -ск- adjective of a place name */
    { "идеи Президента Медведева", "2:0[30,48)" },    /* Snowball keeps -ев on the stem */
    { "Медведчук", "" },
    { "объединенных сил", "3:0[0,31)" },              /* ё and е are one letter */
    { "ряд датчиков", "4:!0[7,23)" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = matches (g, BITEXT_GLOSSARY_TARGET, cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_dnt (void)
{
  g_autoptr(BitextGlossary) g = bitext_glossary_new ("en", "ru");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "qa", "dnt.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_load_dnt_file (g, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_glossary_get_n_entries (g), ==, 2);
  const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, 1);
  g_assert_cmpstr (e->source, ==, "Aegis Ashore");
  g_assert_cmpstr (e->targets[0], ==, "Aegis Ashore");
  g_assert_true (e->dnt);
  g_assert_cmpuint (e->line, ==, 3);
  g_assert_true (bitext_glossary_is_dnt (g, "aegis"));
  g_assert_true (bitext_glossary_is_dnt (g, "SM"));
  g_assert_false (bitext_glossary_is_dnt (g, "NATO"));
  g_autofree char *got = matches (g, BITEXT_GLOSSARY_TARGET, "комплекс Aegis Ashore");
  g_assert_cmpstr (got, ==, "1:0[17,29)");

  g_autoptr(GError) missing = NULL;
  g_assert_false (bitext_glossary_load_dnt_file (g, "/nonexistent/dnt.txt", &missing));
  g_assert_error (missing, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/*
** Every file a user names is loaded, glossaries in order, then the
** do-not-translate lists; the first that cannot be read stops it, named.
*/
static void
test_load_files (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "samples",
                                                   "glossary.en-ru.tsv", NULL);
  g_autofree char *extra = g_test_build_filename (G_TEST_DIST, "data", "qa", "speech-extra.tsv",
                                                  NULL);
  g_autofree char *dnt = g_test_build_filename (G_TEST_DIST, "data", "qa", "dnt.txt", NULL);
  g_autoptr(BitextGlossary) one = bitext_glossary_new ("en", "ru");
  g_assert_true (bitext_glossary_load_file (one, extra, NULL));
  guint n_extra = bitext_glossary_get_n_entries (one);
  g_assert_cmpuint (n_extra, >, 0);

  const char *const paths[] = { sample, extra, NULL };
  const char *const dnts[] = { dnt, NULL };
  g_autoptr(BitextGlossary) g = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_load_files (g, paths, dnts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_glossary_get_n_entries (g), ==, 25 + n_extra + 2);
  g_assert_false (bitext_glossary_get_entry (g, 0)->dnt);
  g_assert_true (bitext_glossary_get_entry (g, 25 + n_extra)->dnt);
  g_assert_true (bitext_glossary_is_dnt (g, "SM"));
  /* Nothing named: nothing loaded, no error. */
  g_autoptr(BitextGlossary) none = bitext_glossary_new ("en", "ru");
  g_assert_true (bitext_glossary_load_files (none, NULL, NULL, NULL));
  g_assert_cmpuint (bitext_glossary_get_n_entries (none), ==, 0);
  /* A missing second file. */
  const char *const bad[] = { sample, "/nonexistent/b.tsv", NULL };
  g_autoptr(BitextGlossary) h = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) missing = NULL;
  g_assert_false (bitext_glossary_load_files (h, bad, NULL, &missing));
  g_assert_error (missing, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (missing->message, "/nonexistent/b.tsv"));
}

/* The sample glossary loads whole. */
static void
test_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "samples", "glossary.en-ru.tsv",
                                                 NULL);
  g_autoptr(BitextGlossary) g = bitext_glossary_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_glossary_load_file (g, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_glossary_get_n_entries (g), ==, 25);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/glossary/load/tsv", test_load_tsv);
  g_test_add_func ("/glossary/load/header-row", test_load_header_row);
  g_test_add_func ("/glossary/load/csv", test_load_csv);
  g_test_add_func ("/glossary/load/extracted", test_load_extracted);
  g_test_add_func ("/glossary/load/tbx", test_load_tbx);
  g_test_add_func ("/glossary/load/errors", test_load_errors);
  g_test_add_func ("/glossary/match/ru-inflections", test_match_russian_inflections);
  g_test_add_func ("/glossary/match/en", test_match_english);
  g_test_add_func ("/glossary/match/ru-names-acronyms", test_match_russian_names_and_acronyms);
  g_test_add_func ("/glossary/dnt", test_dnt);
  g_test_add_func ("/glossary/load/files", test_load_files);
  g_test_add_func ("/glossary/sample", test_sample);
  return g_test_run ();
}
