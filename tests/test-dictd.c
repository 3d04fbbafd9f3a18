/* bitext tests — dictd dictionaries (FreeDict, Müller): index, dictzip data, entries, --dict freedict. */
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dictd-private.h"
#include "test-util.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "dictd", name, NULL);
}

/* dictd's base64: big-endian digits A-Z a-z 0-9 + /, no padding. */
static void
test_base64 (void)
{
  static const struct
  {
    const char *text;
    gboolean ok;
    guint64 value;
  } cases[] = {
    { "A", TRUE, 0 },     { "B", TRUE, 1 },           { "/", TRUE, 63 },
    { "BA", TRUE, 64 },   { "Bj", TRUE, 99 },         { "CpQ", TRUE, 2 * 4096 + 41 * 64 + 16 },
    { "", FALSE, 0 },     { "B!", FALSE, 0 },         { "B=", FALSE, 0 },
    { "////////", TRUE, G_GUINT64_CONSTANT (0xffffffffffff) },
    { "B////////", FALSE, 0 },                        /* past 48 bits */
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 v = 12345;
      gboolean ok = bitext_dictd__decode_number (cases[i].text, strlen (cases[i].text), &v);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpuint (v, ==, cases[i].value);
    }
}

/* "headword: t1 | t2" for an entry's text, or "(none)" when it has no headword. */
static char *
parse_to_string (const char *text, char *(*parse) (const char *, gsize, GPtrArray *))
{
  g_autoptr(GPtrArray) trans = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = parse (text, strlen (text), trans);
  if (head == NULL)
    return g_strdup ("(none)");
  g_ptr_array_add (trans, NULL);
  g_autofree char *joined = g_strjoinv (" | ", (char **) trans->pdata);
  return g_strdup_printf ("%s: %s", head, joined);
}

/* Entries as FreeDict writes them: what is kept as a translation and what is dropped. */
static void
test_entries (void)
{
  static const struct
  {
    const char *text, *expected;
  } cases[] = {
    /* Pronunciation and part of speech dropped; a note in brackets dropped. */
    { "house /haʊs/ <n>\n1. дом (здание)\n2. палата\nthe lower house of a parliament\n\n",
      "house: дом | палата" },
    /* Definitions after a sense, a sub-sense " 2." with its definition, an example,
    ** and the next sense's number left at the end of a line. */
    { "run /rʌn/ <v>\n1. бежать, бегать\nto move quickly on foot\n 2.\nto operate a machine\n"
      "2. управлять; руководить 3.\n\"She runs the company.\"\n",
      "run: бежать | бегать | управлять | руководить" },
    /* FreeDict deu-fra: an unnumbered translation line, then the German definition. */
    { "urteilen /ˈuːɐ̯ˌtaɪ̯lən/ /ˈʊʁˌtaɪ̯lən/ <v>\njuger 2.\nzu einem Urteil kommen\n 3.\n"
      "zu einer Meinung kommen\n",
      "urteilen: juger" },
    /* Phrases stay phrases; a slash keeps its first form; a wiki link its text; repeats once. */
    { "Tennisschläger /ˈtɛnɪsˌʃlɛːɡɐ/ <n, masc>\nraquette de tennis, couvert/e, abîmer#abîmer "
      "(Französisch), raquette de tennis\nSpielgerät zum Tennisspielen\n",
      "Tennisschläger: raquette de tennis | couvert | abîmer" },
    /* A pattern with a gap and a labelled definition are no terms. */
    { "nothing /ˈnʌθɪŋ/ <pron>\nничего … не, ни...ни, Chemie: Alkohol\n", "nothing: " },
    /* A headword line with no word, and no pronunciation at all. */
    { " /x/ <n>\nдом\n", "(none)" },
    { "Adam's apple\nадамово яблоко\n", "Adam's apple: адамово яблоко" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = parse_to_string (cases[i].text, bitext_dictd__parse_entry);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* Entries of the indented layout (Müller's English-Russian dictionary, Debian's mueller7-dict). */
static void
test_indented_entries (void)
{
  static const struct
  {
    const char *text, *expected;
  } cases[] = {
    /* Transcription and labels dropped; the phrase of the headword's language and its
    ** rendering dropped together; parts of speech and senses both split. */
    { "bridge\n   [brɪdʒ]\n   1. _n.\n      1) мост; to cross the bridge перейти мост\n"
      "      2) _мор. капитанский мостик\n   2. _v. наводить мост\n",
      "bridge: мост | капитанский мостик | наводить мост" },
    /* Sub-senses "а)", a note in brackets, the homonym label _I. */
    { "run\n   _I [rʌn] _v.\n      1) бежать, бегать; run for it спасайся\n      2) управлять\n"
      "         а) вести (дело);\n         б) руководить\n",
      "run: бежать | бегать | управлять | вести | руководить" },
    /* A cross-reference ("= ...", "от ..."), a definition after a colon, an exclamation. */
    { "ran\n   [ræn] _p. от run\n", "ran: " },
    { "shortbread\n   1) = short cake\n   2) печенье: сладкое\n   3) не может быть!\n", "shortbread: " },
    /* A line wrapped to the margin inside a note. */
    { "train\n   [treɪn] _n. поезд; состав (из вагонов\nи т.п.)\n", "train: поезд | состав" },
    /* Numbers in a translation are no sense numbers unless they stand alone. */
    { "ton\n   [tʌn] _n. тонна (1016 кг)\n", "ton: тонна" },
    { "\n   [x] _n. дом\n", "(none)" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = parse_to_string (cases[i].text, bitext_dictd__parse_indented_entry);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
collect_entry (const char *headword, const char *const *translations, guint line,
               gpointer user_data)
{
  GString *out = user_data;
  g_autofree char *joined = g_strjoinv (" | ", (char **) translations);
  g_string_append_printf (out, "%u %s: %s\n", line, headword, joined);
}

/* The fixtures' entries: meta entries, the entry without a term and the alias left out. */
static const char tiny_expected[] = "3 and: и | а\n"
                                    "4 couple: пара | чета | супруг\n"
                                    "5 house: дом | палата\n"
                                    "6 missile defence: противоракетная оборона | ПРО\n"
                                    "9 run: бежать | бегать | управлять | руководить\n";

static void
test_read (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = fixture (name);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_dictd__foreach (path, collect_entry, got, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (got->str, ==, tiny_expected);
}

/* A dictionary whose entries are indented is read in that layout, told from its entries. */
static void
test_read_indented (void)
{
  g_autofree char *path = fixture ("indented.index");
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_dictd__foreach (path, collect_entry, got, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (got->str, ==,
                   "2 bridge: мост | капитанский мостик | наводить мост\n"
                   "4 river: река | поток\n"
                   "5 run: бежать | бегать | управлять | вести | руководить\n"
                   "6 train: поезд | состав\n");
}

/* tiny.dict.dz is a real dictzip file: gzip with the random-access "RA" extra field. */
static void
test_dictzip_header (void)
{
  g_autofree char *path = fixture ("tiny.dict.dz");
  g_autofree char *raw = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (path, &raw, &length, NULL));
  g_assert_cmpuint (length, >, 14);
  g_assert_cmpint ((guchar) raw[0], ==, 0x1f);
  g_assert_cmpint ((guchar) raw[3] & 0x04, ==, 0x04);     /* FEXTRA */
  g_assert_cmpint (raw[12], ==, 'R');
  g_assert_cmpint (raw[13], ==, 'A');
}

static void
assert_load_error (const char *index_path, const char *expected_suffix)
{
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_assert_false (bitext_dictd__foreach (index_path, collect_entry, got, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_autofree char *expected = g_strconcat (index_path, expected_suffix, NULL);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Malformed index lines name the index file and line. */
static void
test_malformed (void)
{
  g_autofree char *bad = fixture ("bad.index");
  assert_load_error (bad, ":3: expected headword<TAB>offset<TAB>length");

  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bitext-dictd-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *index = g_build_filename (dir, "x.index", NULL);
  g_autofree char *dict = g_build_filename (dir, "x.dict", NULL);
  g_assert_true (g_file_set_contents (dict, "word\nслово\n\n", -1, NULL));
  static const struct
  {
    const char *index, *suffix;
  } cases[] = {
    { "word\tA\tBA\n", ":1: entry lies past the end of the dictionary data" },
    { "a\tA\tB\nword\tA\t*\n", ":2: offset or length is not a dictd base64 number" },
    { "word\t\tB\n", ":1: offset or length is not a dictd base64 number" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (g_file_set_contents (index, cases[i].index, -1, NULL));
      assert_load_error (index, cases[i].suffix);
    }
  /* CRLF line ends are read as LF. */
  g_assert_true (g_file_set_contents (index, "word\tA\tQ\r\n", -1, NULL));
  g_autoptr(GString) crlf = g_string_new (NULL);
  g_assert_true (bitext_dictd__foreach (index, collect_entry, crlf, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crlf->str, ==, "1 word: слово\n");
  /* Not UTF-8: the entry's line is named too. */
  g_assert_true (g_file_set_contents (dict, "w\n\xff\xfe\n", 5, NULL));
  g_assert_true (g_file_set_contents (index, "w\tA\tF\n", -1, NULL));
  assert_load_error (index, ":1: entry is not valid UTF-8");
  /* A data file that claims to be gzip and is not. */
  g_assert_true (g_file_set_contents (dict, "\x1f\x8b garbage", -1, NULL));
  g_autofree char *dz = g_build_filename (dir, "x.dict.dz", NULL);
  g_assert_true (g_rename (dict, dz) == 0);
  g_autoptr(GString) got = g_string_new (NULL);
  g_assert_false (bitext_dictd__foreach (index, collect_entry, got, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, dz));
  g_remove (dz);
  g_remove (index);
  g_rmdir (dir);
}

/* freedict-SRC-TGT by ISO 639-2 codes; the reverse dictionary when only it exists. */
static void
test_find (void)
{
  g_autofree char *dir = fixture ("freedict");
  g_autoptr(GError) error = NULL;
  gboolean reversed = FALSE;
  g_autofree char *path = bitext_dictd__find_freedict (dir, "en", "ru", &reversed, &error);
  g_assert_no_error (error);
  g_autofree char *expected = g_build_filename (dir, "freedict-rus-eng.index", NULL);
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (reversed);
  g_autofree char *same = bitext_dictd__find_freedict (dir, "ru", "en", &reversed, &error);
  g_assert_cmpstr (same, ==, expected);
  g_assert_false (reversed);

  g_assert_null (bitext_dictd__find_freedict (dir, "de", "fr", &reversed, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE);
  g_autofree char *msg = g_strdup_printf ("freedict: no deu-fra dictionary in %s; install the "
                                          "Debian package dict-freedict-deu-fra (or "
                                          "dict-freedict-fra-deu)", dir);
  g_assert_cmpstr (error->message, ==, msg);
  g_clear_error (&error);
  g_assert_null (bitext_dictd__find_freedict (dir, "en", NULL, &reversed, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE);
}

static BitextAligner *
new_aligner (const char *src_lang, const char *tgt_lang)
{
  BitextAlignOptions options = BITEXT_ALIGN_OPTIONS_INIT;
  options.src_lang = src_lang;
  options.tgt_lang = tgt_lang;
  g_autoptr(GError) error = NULL;
  BitextAligner *aligner = bitext_aligner_new (&options, &error);
  g_assert_no_error (error);
  return aligner;
}

/* One sentence each side through an aligner with @dict loaded; returns the bead's dict hits. */
static guint
dict_hits (const char *src_lang, const char *tgt_lang, const char *dict, const char *src,
           const char *tgt)
{
  g_autoptr(BitextAligner) aligner = new_aligner (src_lang, tgt_lang);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_aligner_load_dict (aligner, dict, &error));
  g_assert_no_error (error);
  const char *s[] = { src, NULL }, *t[] = { tgt, NULL };
  g_autoptr(GArray) beads = bitext_aligner_align (aligner, s, NULL, 1, t, NULL, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (beads->len, ==, 1);
  return g_array_index (beads, BitextBead, 0).dict_hits;
}

/*
** Entries match on stems (inflected Russian forms), and multi-word ones only
** as phrases, whether they come from a dictd file or from a TSV, CSV or TBX glossary.
*/
static void
test_align_phrase (void)
{
  g_autofree char *dict = fixture ("tiny.index");
  g_assert_cmpuint (dict_hits ("en", "ru", dict, "Missile defences were discussed.",
                               "Обсуждались вопросы противоракетной обороны."), ==, 1);
  g_assert_cmpuint (dict_hits ("en", "ru", dict, "They ran home to the house.",
                               "Они побежали к своим домам."), ==, 1);
  /* The same words, not in a row: no match on either side. */
  g_assert_cmpuint (dict_hits ("en", "ru", dict, "The defence of the missile base.",
                               "Оборона противоракетной базы."), ==, 0);
  /* A dictionary's function words ("and" -> «и, а») are left out; a glossary's are kept. */
  g_assert_cmpuint (dict_hits ("en", "ru", dict, "Cats and dogs.", "Кошки и собаки."), ==, 0);
  /* The TSV glossary's phrases match the same way. */
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bitext-dictd-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *tsv = g_build_filename (dir, "g.tsv", NULL);
  g_assert_true (g_file_set_contents (tsv, "missile defence\tпротиворакетная оборона\n", -1, NULL));
  g_assert_cmpuint (dict_hits ("en", "ru", tsv, "Missile defences were discussed.",
                               "Обсуждались вопросы противоракетной обороны."), ==, 1);
  g_assert_cmpuint (dict_hits ("en", "ru", tsv, "The defence of the missile base.",
                               "Оборона противоракетной базы."), ==, 0);
  g_autofree char *and_tsv = g_build_filename (dir, "and.tsv", NULL);
  g_assert_true (g_file_set_contents (and_tsv, "and\tи | а\n", -1, NULL));
  g_assert_cmpuint (dict_hits ("en", "ru", and_tsv, "Cats and dogs.", "Кошки и собаки."), ==, 1);
  g_remove (and_tsv);
  /* A CSV and a TBX glossary go through the glossary reader. */
  static const struct
  {
    const char *name, *data;
  } glossaries[] = {
    { "g.csv", "source,target\n\"missile defence\",\"противоракетная оборона | ПРО\"\n" },
    { "g.TBX", "<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>missile defence"
               "</term></tig></langSet><langSet xml:lang='ru'><tig><term>противоракетная оборона"
               "</term></tig></langSet></termEntry></body></text></martif>" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (glossaries); i++)
    {
      g_autofree char *path = g_build_filename (dir, glossaries[i].name, NULL);
      g_assert_true (g_file_set_contents (path, glossaries[i].data, -1, NULL));
      g_assert_cmpuint (dict_hits ("en", "ru", path, "Missile defences were discussed.",
                                   "Обсуждались вопросы противоракетной обороны."), ==, 1);
      g_remove (path);
    }
  g_remove (tsv);
  g_rmdir (dir);
}

/* --dict freedict with Debian's dict-freedict-eng-rus, in both directions. */
static void
test_installed (void)
{
  g_autofree char *path = g_build_filename (BITEXT_DICTD_DIR, "freedict-eng-rus.index", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("dict-freedict-eng-rus is not installed (tests/setup.sh installs it)");
      return;
    }
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_dictd__foreach (path, collect_entry, got, &error));
  g_assert_no_error (error);
  /* An entry with two senses, read from the real file. */
  g_assert_nonnull (strstr (got->str, " American: американский | американец\n"));
  g_assert_null (strstr (got->str, "00-database"));

  g_assert_cmpuint (dict_hits ("en", "ru", "freedict", "The houses are big.",
                               "Дома большие."), >=, 1);
  /* Only eng-rus is installed for this pair: ru-en reads it in reverse. */
  g_autofree char *rev = g_build_filename (BITEXT_DICTD_DIR, "freedict-rus-eng.index", NULL);
  if (!g_file_test (rev, G_FILE_TEST_EXISTS))
    g_assert_cmpuint (dict_hits ("ru", "en", "freedict", "Дома большие.",
                                 "The houses are big."), >=, 1);
}

/*
** Debian's mueller7-dict (Müller's English-Russian dictionary, indented layout): read
** whole, its senses split, the phrases of its examples left out; and --dict with it
** matches inflected Russian forms.
*/
static void
test_installed_mueller (void)
{
  g_autofree char *path = g_build_filename (BITEXT_DICTD_DIR, "mueller7.index", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("mueller7-dict is not installed (tests/setup.sh installs it)");
      return;
    }
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_dictd__foreach (path, collect_entry, got, &error));
  g_assert_no_error (error);
  guint n = 0;
  for (const char *p = got->str; (p = strchr (p, '\n')) != NULL; p++)
    n++;
  /* 46,205 index lines, some of them aliases, meta entries or entries without a translation. */
  g_assert_cmpuint (n, >, 40000);
  g_assert_nonnull (strstr (got->str, " disk: диск | круг | "));
  g_assert_nonnull (strstr (got->str, " volume: том | книга | "));
  g_assert_cmpuint (dict_hits ("en", "ru", path, "Both disks are encrypted.",
                               "Оба диска зашифрованы."), ==, 1);
}

/* The speech pair with --dict freedict (dict-freedict-eng-rus) aligns exactly to its gold. */
static void
test_speech_freedict (void)
{
  g_autofree char *installed = g_build_filename (BITEXT_DICTD_DIR, "freedict-eng-rus.index", NULL);
  if (!g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("dict-freedict-eng-rus is not installed (tests/setup.sh installs it)");
      return;
    }
  g_autofree char *en_path = g_test_build_filename (G_TEST_DIST, "data", "speech.en.sent", NULL);
  g_autofree char *ru_path = g_test_build_filename (G_TEST_DIST, "data", "speech.ru.sent", NULL);
  g_autoptr(GPtrArray) en = bitext_test_read_lines (en_path);
  g_autoptr(GPtrArray) ru = bitext_test_read_lines (ru_path);
  g_autoptr(BitextAligner) aligner = new_aligner ("en", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_true (bitext_aligner_load_dict (aligner, "freedict", &error));
  g_autoptr(GArray) beads = bitext_aligner_align (aligner, (const char *const *) en->pdata, NULL,
                                                  en->len, (const char *const *) ru->pdata, NULL,
                                                  ru->len, &error);
  g_assert_no_error (error);
  g_autoptr(GString) got = g_string_new (NULL);
  guint hits = 0;
  for (guint i = 0; i < beads->len; i++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, i);
      g_autofree char *f = bitext_bead_format (b);
      g_string_append_printf (got, "%s\n", f);
      hits += b->dict_hits;
    }
  g_autofree char *gold_path = g_test_build_filename (G_TEST_DIST, "data", "speech.gold.align", NULL);
  g_autofree char *gold = NULL;
  g_assert_true (g_file_get_contents (gold_path, &gold, NULL, NULL));
  g_assert_cmpstr (got->str, ==, gold);
  g_assert_cmpuint (hits, >, beads->len);
}

/* --dict freedict for a pair with no FreeDict package names the package to install. */
static void
test_missing_pair (void)
{
  g_autofree char *a = g_build_filename (BITEXT_DICTD_DIR, "freedict-fra-rus.index", NULL);
  g_autofree char *b = g_build_filename (BITEXT_DICTD_DIR, "freedict-rus-fra.index", NULL);
  if (g_file_test (a, G_FILE_TEST_EXISTS) || g_file_test (b, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("a French-Russian FreeDict dictionary is installed");
      return;
    }
  g_autoptr(BitextAligner) aligner = new_aligner ("fr", "ru");
  g_autoptr(GError) error = NULL;
  g_assert_false (bitext_aligner_load_dict (aligner, "freedict", &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_LANGUAGE);
  g_assert_nonnull (strstr (error->message, "dict-freedict-fra-rus"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dictd/index/base64", test_base64);
  g_test_add_func ("/dictd/entry/senses-notes-definitions", test_entries);
  g_test_add_data_func ("/dictd/read/dictzip", "tiny.index", test_read);
  g_test_add_data_func ("/dictd/read/gzip", "tiny-gz.dict.dz", test_read);
  g_test_add_func ("/dictd/entry/indented", test_indented_entries);
  g_test_add_func ("/dictd/read/indented", test_read_indented);
  g_test_add_func ("/dictd/read/dictzip-header", test_dictzip_header);
  g_test_add_func ("/dictd/read/malformed", test_malformed);
  g_test_add_func ("/dictd/freedict/find", test_find);
  g_test_add_func ("/dictd/freedict/installed-eng-rus", test_installed);
  g_test_add_func ("/dictd/freedict/missing-pair", test_missing_pair);
  g_test_add_func ("/dictd/freedict/speech-exact", test_speech_freedict);
  g_test_add_func ("/dictd/mueller/installed-eng-rus", test_installed_mueller);
  g_test_add_func ("/dictd/align/stems-and-phrases", test_align_phrase);
  return g_test_run ();
}
