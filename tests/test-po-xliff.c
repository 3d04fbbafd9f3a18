/* bitext tests — PO and XLIFF 1.2/2.0 as bilingual inputs (units, codes, states) and PO/XLIFF 2.0 output. */
#include <locale.h>
#include <string.h>

#include "test-util.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "po-xliff", name, NULL);
}

/* Each unit as "tuid|props|source markup|target markup" (props: type=value, comma-joined). */
static gboolean
collect (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) error;
  GPtrArray *out = user_data;
  const char *src_lang = bitext_tm_get_src_lang (header);
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, NULL);
  BitextTmVariant *tgt = bitext_tm_unit_choose_target (unit, src, NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_string_append_printf (line, "%s|", bitext_tm_unit_get_tuid (unit) != NULL
                                         ? bitext_tm_unit_get_tuid (unit) : "-");
  const GPtrArray *annotations = bitext_tm_unit_get_annotations (unit);
  for (guint i = 0; i < annotations->len; i++)
    {
      const BitextTmAnnotation *a = g_ptr_array_index (annotations, i);
      g_string_append_printf (line, "%s%s=%s", i > 0 ? "," : "", a->type != NULL ? a->type : "note",
                              a->text);
    }
  g_string_append_printf (line, "|%s:%s|%s:%s", bitext_tm_variant_get_lang (src),
                          bitext_tm_variant_get_markup (src), bitext_tm_variant_get_lang (tgt),
                          bitext_tm_variant_get_markup (tgt));
  g_assert_cmpstr (src_lang, ==, bitext_tm_variant_get_lang (src));
  g_ptr_array_add (out, g_string_free (g_steal_pointer (&line), FALSE));
  return TRUE;
}

static GPtrArray *
read_units (const char *name, const char *data, gsize length,
            const BitextBilingualReadOptions *options, BitextBilingualCounts *counts,
            GError **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = data != NULL
                  ? bitext_bilingual_foreach_unit_data (name, data, length, BITEXT_BILINGUAL_UNKNOWN,
                                                        options, collect, units, counts, NULL, error)
                  : bitext_bilingual_foreach_unit (name, BITEXT_BILINGUAL_UNKNOWN, options, collect,
                                                   units, counts, NULL, error);
  return ok ? g_steal_pointer (&units) : NULL;
}

static void
test_po_read (void)
{
  g_autofree char *path = data_path ("sample.ru.po");
  BitextBilingualCounts counts;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = read_units (path, NULL, 0, NULL, &counts, &error);
  g_assert_no_error (error);
  static const char *const expected[] = {
    "-|note=A greeting on the start page.,x-po-extracted=TRANSLATORS: keep it short.,"
    "x-po-reference=src/main.c:12|en:Hello, world!|ru:Привет, мир!",
    "-|x-po-reference=src/main.c:20,x-po-flags=c-format,x-po-plural=0,"
    "x-po-msgid-plural=Saved %d files.|en:Saved %d file.|ru:Сохранён %d файл.",
    "-|x-po-reference=src/main.c:20,x-po-flags=c-format,x-po-plural=1|en:Saved %d files."
    "|ru:Сохранено %d файла.",
    "-|x-po-reference=src/main.c:20,x-po-flags=c-format,x-po-plural=2|en:Saved %d files."
    "|ru:Сохранено %d файлов.",
    "-|x-po-reference=src/menu.c:5,x-po-msgctxt=menu|en:Open|ru:Открыть",
    "-|x-po-reference=src/help.c:40|en:Usage: sample [OPTION]... FILE\nPrint the lines of FILE "
    "with their numbers, one after the other, on the standard output.\n|ru:Использование: sample "
    "[ПАРАМЕТР]... ФАЙЛ\nПечатает строки ФАЙЛА с их номерами, одну за другой, на стандартный "
    "вывод.\n",
    "-|x-po-reference=src/help.c:52|en:Tab\there, a \"quote\" and a backslash \\.|ru:Табуляция\t"
    "здесь, «кавычки» и обратная косая черта \\.",
    NULL,
  };
  bitext_test_assert_strv ("units", units, expected);
  g_assert_cmpuint (counts.n_units, ==, 7);
  g_assert_cmpuint (counts.n_fuzzy, ==, 1);
  g_assert_cmpuint (counts.n_untranslated, ==, 1);
  g_assert_cmpuint (counts.n_obsolete, ==, 1);

  /* Asked for, the fuzzy and the untranslated entries come with their state. */
  BitextBilingualReadOptions options = BITEXT_BILINGUAL_READ_OPTIONS_INIT;
  options.include_fuzzy = options.include_untranslated = TRUE;
  g_ptr_array_unref (units);
  units = read_units (path, NULL, 0, &options, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 9);
  g_assert_cmpstr (g_ptr_array_index (units, 7), ==,
                   "-|x-po-reference=src/main.c:30,x-po-flags=fuzzy,x-bitext-state=fuzzy"
                   "|en:Close the window|ru:Закрыть окно");
  g_assert_cmpstr (g_ptr_array_index (units, 8), ==,
                   "-|x-po-reference=src/main.c:31,x-bitext-state=untranslated|en:Quit|ru:");
}

static void
test_po_escapes (void)
{
  static const char po[] = "msgid \"a\\a\\b\\f\\v\\x41\\101\\?\\'\"\nmsgstr \"\\tb \\\"q\\\" \\\\\"\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = read_units ("e.po", po, strlen (po), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  /* BEL, BS, FF, VT are controls XML cannot carry: x-ctrl codes; the text view has them back. */
  g_assert_cmpstr (g_ptr_array_index (units, 0), ==,
                   "-||en:a<ph type=\"x-ctrl\">\u2407</ph><ph type=\"x-ctrl\">\u2408</ph>"
                   "<ph type=\"x-ctrl\">\u240C</ph><ph type=\"x-ctrl\">\u240B</ph>AA?'|und:\tb \"q\" \\");

  static const struct { const char *po, *message; } bad[] = {
    { "msgid \"ok\"\nmsgstr \"bad \\q escape\"\n", "b.po:2:13: unknown escape sequence '\\q'" },
    { "msgid \"open\nmsgstr \"x\"\n", "b.po:1:7: string not closed before the end of the line" },
    { "msgid \"a\" b\nmsgstr \"x\"\n", "b.po:1:11: text after the closing quote" },
    { "msgid \"a\\0\"\nmsgstr \"x\"\n", "b.po:1:9: NUL character in a string" },
    { "msgid \"a\\x\"\nmsgstr \"x\"\n", "b.po:1:9: bad numeric escape" },
    { "msgid \"a\"\nmsgstr[0] \"x\"\n", "b.po:2:7: msgstr[N] without msgid_plural" },
    { "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"x\"\n", "b.po:3:1: msgstr[0] expected here" },
    { "msgid \"a\"\nmsgstr \"x\"\nfoo\n", "b.po:3:1: msgid, msgstr, msgctxt, a comment or a string expected" },
    { "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"x\"\n", "b.po:3:1: msgid without msgstr before it" },
    { "msgid \"\xff\"\nmsgstr \"x\"\n", "b.po:1:8: invalid UTF-8 or a NUL byte" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(GPtrArray) none = read_units ("b.po", bad[i].po, strlen (bad[i].po), NULL, NULL, &e);
      g_assert_null (none);
      g_assert_error (e, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      g_assert_cmpstr (e->message, ==, bad[i].message);
    }
}

/* A Latin-1 file (its header says so) is converted. */
static void
test_po_charset (void)
{
  static const char po[] = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n"
                           "Language: fr\\n\"\n\nmsgid \"Summer\"\nmsgstr \"\xc9t\xe9\"\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = read_units ("l.po", po, strlen (po), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (units, 0), ==, "-||en:Summer|fr:Été");
}

static char *
write_all (BitextBilingualFormat format, BitextTm *tm)
{
  g_autoptr(BitextBilingualWriter) w = bitext_bilingual_writer_new (format, tm, NULL, NULL);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < bitext_tm_get_n_units (tm); i++)
    {
      BitextTmUnit *u = bitext_tm_get_unit (tm, i);
      bitext_bilingual_writer_add (w, u, bitext_tm_unit_get_variant (u, 0),
                                   bitext_tm_unit_get_variant (u, 1), out);
    }
  bitext_bilingual_writer_finish (w, out);
  return g_string_free (out, FALSE);
}

static void
test_po_write (void)
{
  g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
  BitextTmUnit *u = bitext_tm_add_unit (tm, "One file", "Один файл", NULL);
  bitext_tm_unit_add_prop (u, "x-po-plural", "0");
  bitext_tm_unit_add_prop (u, "x-po-msgid-plural", "%d files");
  u = bitext_tm_add_unit (tm, "%d files", "%d файла", NULL);
  bitext_tm_unit_add_prop (u, "x-po-plural", "1");
  u = bitext_tm_add_unit (tm, "Open", "Открыть", NULL);
  bitext_tm_unit_add_prop (u, "x-po-msgctxt", "menu");
  bitext_tm_unit_add_note (u, "A menu item.");
  bitext_tm_add_unit (tm, "A long sentence that goes on and on past the seventy-nine columns "
                          "of a PO file line, so it wraps.", "Да.\n", NULL);
  bitext_tm_add_unit (tm, "Two\nlines \"quoted\" \\ and a\fform feed", "x", NULL);
  g_autofree char *po = write_all (BITEXT_BILINGUAL_PO, tm);
  g_assert_cmpstr (po, ==,
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Project-Id-Version: bitext\\n\"\n"
    "\"Language: ru\\n\"\n"
    "\"MIME-Version: 1.0\\n\"\n"
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "\"Content-Transfer-Encoding: 8bit\\n\"\n"
    "\"X-Source-Language: en\\n\"\n"
    "\n"
    "msgid \"One file\"\n"
    "msgid_plural \"%d files\"\n"
    "msgstr[0] \"Один файл\"\n"
    "msgstr[1] \"%d файла\"\n"
    "\n"
    "# A menu item.\n"
    "msgctxt \"menu\"\n"
    "msgid \"Open\"\n"
    "msgstr \"Открыть\"\n"
    "\n"
    "msgid \"\"\n"
    "\"A long sentence that goes on and on past the seventy-nine columns of a PO \"\n"
    "\"file line, so it wraps.\"\n"
    "msgstr \"Да.\\n\"\n"
    "\n"
    "msgid \"\"\n"
    "\"Two\\n\"\n"
    "\"lines \\\"quoted\\\" \\\\ and a\\fform feed\"\n"
    "msgstr \"x\"\n");
  /* And it reads back to the same units. */
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = read_units ("w.po", po, strlen (po), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (units, 4), ==,
                   "-||en:Two\nlines \"quoted\" \\ and a<ph type=\"x-ctrl\">\u240C</ph>form feed|ru:x");
}

static void
test_xliff_read (void)
{
  g_autofree char *v12 = data_path ("codes-1.2.xlf");
  BitextBilingualCounts counts;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = read_units (v12, NULL, 0, NULL, &counts, &error);
  g_assert_no_error (error);
  static const char *const expected12[] = {
    "t1|note=A button label.|en:Press <bpt i=\"1\"></bpt>OK<ept i=\"1\"></ept> to go on."
    "|ru:Нажмите <bpt i=\"1\"></bpt>ОК<ept i=\"1\"></ept>, чтобы продолжить.",
    "t2||en:Line one<ph x=\"2\"></ph>line two|ru:Строка один<ph x=\"2\"></ph>строка два",
    "t3||en:<bpt i=\"3\">&lt;b&gt;</bpt>Bold<ept i=\"3\">&lt;/b&gt;</ept> and "
    "<ph x=\"4\">&lt;br/&gt;</ph>.|ru:<bpt i=\"3\">&lt;b&gt;</bpt>Жирный<ept i=\"3\">&lt;/b&gt;"
    "</ept> и <ph x=\"4\">&lt;br/&gt;</ph>.",
    NULL,
  };
  bitext_test_assert_strv ("XLIFF 1.2 units", units, expected12);
  g_assert_cmpuint (counts.n_fuzzy, ==, 2);
  g_assert_cmpuint (counts.n_untranslated, ==, 1);

  g_autofree char *v20 = data_path ("codes-2.0.xlf");
  g_ptr_array_unref (units);
  units = read_units (v20, NULL, 0, NULL, &counts, &error);
  g_assert_no_error (error);
  static const char *const expected20[] = {
    "u1|note=A button label.|en:Press <bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;</ept>"
    "<ph x=\"2\">&lt;br/&gt;</ph>|ru:Нажмите <bpt i=\"1\">&lt;b&gt;</bpt>ОК<ept i=\"1\">&lt;/b&gt;"
    "</ept><ph x=\"2\">&lt;br/&gt;</ph>",
    "u1:s2|note=A button label.|en:Page<ph type=\"x-ctrl\">\u240C</ph>break <bpt i=\"3\">&lt;b&gt;"
    "</bpt>here<ept i=\"3\">&lt;/b&gt;</ept>.|ru:Разрыв<ph type=\"x-ctrl\">\u240C</ph>страницы "
    "<bpt i=\"3\">&lt;b&gt;</bpt>здесь<ept i=\"3\">&lt;/b&gt;</ept>.",
    NULL,
  };
  bitext_test_assert_strv ("XLIFF 2.0 units", units, expected20);
  g_assert_cmpuint (counts.n_fuzzy, ==, 1);
}

static void
test_xliff_hostile (void)
{
  static const struct { const char *xml, *message; } bad[] = {
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE x [\n<!ENTITY a \"aaaa\">\n<!ENTITY b \"&a;&a;&a;\">\n]>\n"
      "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&b;</source></trans-unit>"
      "</body></file></xliff>",
      "h.xlf:3: the DOCTYPE declares an entity: refused (XLIFF needs none; this is how "
      "billion-laughs and external-entity attacks start)" },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
      "<xliff version=\"1.2\"/>",
      "h.xlf:2: the DOCTYPE declares an entity: refused (XLIFF needs none; this is how "
      "billion-laughs and external-entity attacks start)" },
    { "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\">"
      "<source>&nbsp;</source></trans-unit></body></file></xliff>",
      "h.xlf:2:67: Entity 'nbsp' not defined" },
    { "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\">"
      "<source>cut", "h.xlf:2:64: Extra content at the end of the document" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(GPtrArray) none = read_units ("h.xlf", bad[i].xml, strlen (bad[i].xml), NULL, NULL, &e);
      g_assert_null (none);
      g_assert_error (e, BITEXT_ERROR, BITEXT_ERROR_PARSE);
      g_assert_cmpstr (e->message, ==, bad[i].message);
    }
}

static void
test_xliff_write (void)
{
  g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
  BitextTmUnit *u = bitext_tm_unit_new ();
  bitext_tm_unit_set_attr (u, "tuid", "a1");
  bitext_tm_unit_add_note (u, "Note & more.");
  g_assert_nonnull (bitext_tm_unit_add_variant_markup (u, "en", "Press <bpt i=\"1\">&lt;b&gt;</bpt>OK"
                                                       "<ept i=\"1\">&lt;/b&gt;</ept><ph x=\"2\">"
                                                       "&lt;br/&gt;</ph>", NULL));
  g_assert_nonnull (bitext_tm_unit_add_variant (u, "ru", "Жми\fОК", NULL));
  bitext_tm_append_unit (tm, u);
  g_autofree char *xlf = write_all (BITEXT_BILINGUAL_XLIFF, tm);
  g_assert_cmpstr (xlf, ==,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"ru\">\n"
    "  <file id=\"f1\">\n"
    "    <unit id=\"a1\">\n"
    "      <notes>\n"
    "        <note>Note &amp; more.</note>\n"
    "      </notes>\n"
    "      <originalData>\n"
    "        <data id=\"d1\">&lt;b&gt;</data>\n"
    "        <data id=\"d2\">&lt;/b&gt;</data>\n"
    "        <data id=\"d3\">&lt;br/&gt;</data>\n"
    "      </originalData>\n"
    "      <segment state=\"translated\">\n"
    "        <source xml:space=\"preserve\">Press <sc id=\"1\" dataRef=\"d1\"/>OK<ec startRef=\"1\" "
    "dataRef=\"d2\"/><ph id=\"2\" dataRef=\"d3\"/></source>\n"
    "        <target xml:space=\"preserve\">Жми<cp hex=\"000C\"/>ОК</target>\n"
    "      </segment>\n"
    "    </unit>\n"
    "  </file>\n"
    "</xliff>\n");
  /* Read back: the same markup on both sides. */
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = read_units ("w.xlf", xlf, strlen (xlf), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (units, 0), ==,
                   "a1|note=Note & more.|en:Press <bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;"
                   "</ept><ph x=\"2\">&lt;br/&gt;</ph>|ru:Жми<ph type=\"x-ctrl\">\u240C</ph>ОК");
}

static void
test_sniff (void)
{
  static const struct { const char *name, *data; BitextBilingualFormat want; } cases[] = {
    { "a.txt", "<?xml version=\"1.0\"?>\n<!-- c -->\n<tmx version=\"1.4\">", BITEXT_BILINGUAL_TMX },
    { "a.txt", "<?xml version=\"1.0\"?><xliff version=\"2.0\">", BITEXT_BILINGUAL_XLIFF },
    { "a.txt", "# comment\n#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n", BITEXT_BILINGUAL_PO },
    { "a.txt", "msgctxt \"x\"\nmsgid \"a\"\n", BITEXT_BILINGUAL_PO },
    { "a.txt", "Hello\tПривет\n", BITEXT_BILINGUAL_UNKNOWN },
    { "a.pot", "", BITEXT_BILINGUAL_PO },
    { "a.xlf", "", BITEXT_BILINGUAL_XLIFF },
    { "a.html", "<html><body>msgid</body></html>", BITEXT_BILINGUAL_UNKNOWN },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bitext_bilingual_sniff_data (cases[i].name, cases[i].data,
                                                  strlen (cases[i].data)), ==, cases[i].want);
}

/* check and glossary extract get PO through bitext_pair_open(): one bead per translated unit. */
static void
test_pair_open (void)
{
  g_autofree char *path = data_path ("sample.ru.po");
  const char *paths[] = { path };
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextPair) pair = bitext_pair_open (paths, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_pair_get_n_beads (pair), ==, 7);
  g_assert_cmpuint (bitext_pair_get_skipped_units (pair), ==, 2);
  g_assert_cmpstr (bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET), ==, "ru");
  g_autofree char *t = bitext_pair_dup_unit_text (pair, 4, BITEXT_PAIR_TARGET);
  g_assert_cmpstr (t, ==, "Открыть");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/po/read", test_po_read);
  g_test_add_func ("/po/escapes", test_po_escapes);
  g_test_add_func ("/po/charset", test_po_charset);
  g_test_add_func ("/po/write", test_po_write);
  g_test_add_func ("/xliff/read", test_xliff_read);
  g_test_add_func ("/xliff/hostile", test_xliff_hostile);
  g_test_add_func ("/xliff/write", test_xliff_write);
  g_test_add_func ("/bilingual/sniff", test_sniff);
  g_test_add_func ("/bilingual/pair-open", test_pair_open);
  return g_test_run ();
}
