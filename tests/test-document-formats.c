/* Tests of the document readers: DOCX, ODT and PDF as paragraphs with inline codes.
 *
 * Fixtures (tests/data/documents, made by make-fixtures.sh): one short text
 * written for these tests, in English and Russian, as Markdown (the source),
 * plain text (the reference: its paragraphs are what a translator sees), and
 * DOCX, ODT (pandoc) and PDF (Chromium); tracked.docx/.odt (tracked changes
 * and the other cases, written as raw XML by tracked.py); hyphen.pdf.
 */
#include <string.h>

#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-memory.h>

#include "bitext/error.h"
#include "doc-build-private.h"
#include "test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)

typedef gboolean (*ReadFunc) (const char *name, GBytes *bytes, DocBuilder *b, GError **error);

static GBytes *
fixture_bytes (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "documents", file, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize n = 0;
  g_file_get_contents (path, &data, &n, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, n);
}

static gboolean
read_pdf (const char *name, GBytes *bytes, DocBuilder *b, GError **error)
{
  return doc_read_pdf (name, bytes, NULL, b, error);
}

/* The document of the fixture @file, its format detected by content. */
static BitextDocument *
load_fixture (const char *file)
{
  g_autoptr(GBytes) bytes = fixture_bytes (file);
  g_autoptr(GError) error = NULL;
  BitextDocumentOptions opts = BITEXT_DOCUMENT_OPTIONS_INIT;
  gsize n = 0;
  const char *data = g_bytes_get_data (bytes, &n);
  BitextDocument *doc = bitext_document_new_for_data_with_options (file, data, n, &opts, &error);
  g_assert_no_error (error);
  return doc;
}

/* The paragraphs of @file as the document layer gives them: as TMX markup (@markup) or as text. */
static GPtrArray *
read_paragraphs (const char *file, gboolean markup)
{
  g_autoptr(BitextDocument) doc = load_fixture (file);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *text = bitext_document_get_text (doc, NULL);
  for (guint i = 0; i < bitext_document_get_n_paragraphs (doc); i++)
    {
      BitextSpan s = bitext_document_get_paragraph (doc, i);
      g_ptr_array_add (out, markup ? bitext_document_dup_markup (doc, s.offset, s.length)
                                   : g_strndup (text + s.offset, s.length));
    }
  return out;
}

/* The paragraphs of the plain-text version, as bitext's text reader makes them. */
static GPtrArray *
text_paragraphs (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "documents", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextDocument) doc = bitext_document_load (path, &error);
  g_assert_no_error (error);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *text = bitext_document_get_text (doc, NULL);
  for (guint i = 0; i < bitext_document_get_n_paragraphs (doc); i++)
    {
      BitextSpan s = bitext_document_get_paragraph (doc, i);
      g_ptr_array_add (out, g_strndup (text + s.offset, s.length));
    }
  g_ptr_array_add (out, NULL);
  return out;
}

static void
assert_paragraphs (const char *file, gboolean markup, const char *const *expected)
{
  g_autoptr(GPtrArray) got = read_paragraphs (file, markup);
  bitext_test_assert_strv (file, got, expected);
}

/* DOCX and ODT of the same text: the plain text's paragraphs exactly, codes aside. */
static void
test_same_as_text (gconstpointer data)
{
  const char *file = data;
  g_autofree char *stem = g_strndup (file, strrchr (file, '.') - file);
  g_autofree char *txt = g_strconcat (stem, ".txt", NULL);
  g_autoptr(GPtrArray) want = text_paragraphs (txt);
  assert_paragraphs (file, FALSE, (const char *const *) want->pdata);
}

static const char *const lighthouse_en_markup[] = {
  "The Lighthouse Keeper",
  "The lighthouse on the northern cape was built in 1874. For <bpt i=\"1\" x=\"1\" type=\"bold\">"
  "&lt;b&gt;</bpt>ninety years<ept i=\"1\">&lt;/b&gt;</ept> a keeper lived in the small house beside it and lit the "
  "lamp every evening.",
  "The lamp burned paraffin until 1921.",
  "The last keeper, Anna Berg, kept a diary. She wrote about storms, ships and the "
  "<bpt i=\"3\" x=\"1\" type=\"italic\">&lt;i&gt;</bpt>slow<ept i=\"3\">&lt;/i&gt;</ept> change of the seasons. Her "
  "diary is now in the <bpt i=\"4\" x=\"2\" type=\"link\">"
  "&lt;a href=\"https://example.org/museum\"&gt;</bpt>town museum<ept i=\"4\">&lt;/a&gt;</ept>.",
  "The lamp", "Year", "Event", "1874", "The tower was built.", "1964", "The lamp became automatic.",
  "Today visitors can climb the one hundred and twelve steps to the top. On a clear day they can "
  "see the islands in the west.",
  NULL
};

/* Bold, italic, a link and a footnote mark as codes; the same from DOCX and ODT. */
static void
test_markup (gconstpointer data)
{
  assert_paragraphs (data, TRUE, lighthouse_en_markup);
}

/* The codes of @file's document as "paragraph:offset kind native type", in order. */
static GPtrArray *
codes_of (const char *file)
{
  g_autoptr(BitextDocument) doc = load_fixture (file);
  guint n_codes = 0;
  const BitextCode *codes = bitext_document_get_codes (doc, &n_codes);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  static const char *const kinds[] = { "open", "close", "isolated" };
  for (guint i = 0; i < n_codes; i++)
    {
      guint p = 0;
      while (p + 1 < bitext_document_get_n_paragraphs (doc)
             && bitext_document_get_paragraph (doc, p + 1).offset <= codes[i].text_offset)
        p++;
      gsize at = codes[i].text_offset - bitext_document_get_paragraph (doc, p).offset;
      g_ptr_array_add (out, g_strdup_printf ("%u:%" G_GSIZE_FORMAT " %s %s %s", p, at,
                                             kinds[codes[i].kind], codes[i].native,
                                             codes[i].type != NULL ? codes[i].type : "-"));
    }
  return out;
}

/* Codes at a paragraph's edges, which a paragraph's markup leaves out, are in the document. */
static void
test_codes (void)
{
  static const char *const want[] = {
    "3:0 open <b> bold", "3:0 open <i> italic", "3:11 close </i> -", "3:11 close </b> -",
    "3:16 open <i> italic", "3:22 close </i> -",
    "5:11 isolated <footnote n=\"1\"/> fnote",
    "8:0 open <a href=\"https://example.org/\"> link", "8:8 close </a> -",
    NULL
  };
  g_autoptr(GPtrArray) got = codes_of ("tracked.odt");
  bitext_test_assert_strv ("tracked.odt codes", got, want);
}

static void
test_docx_tracked (void)
{
  static const char *const want[] = {
    "The keeper painted the tower.",          /* w:ins kept, w:del dropped */
    "It was white and red.",                  /* a deleted paragraph mark joins two */
    "Name\tYear Berg\t1964",                  /* w:tab; w:br: a space in the markup */
    "<bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt>Bold<ept i=\"1\">&lt;/b&gt;</ept> plain, see page 3.",
    "Lamps need care<ph type=\"fnote\">&lt;footnote n=\"1\"/&gt;</ph> in the new place. Well-kept.",
    "Paraffin smokes.",                       /* the endnote, after its paragraph */
    "<bpt i=\"3\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt><bpt i=\"4\" x=\"2\" type=\"italic\">&lt;i&gt;</bpt>"
    "Styled<ept i=\"4\">&lt;/i&gt;</ept><ept i=\"3\">&lt;/b&gt;</ept> run, a box:", /* w:rStyle, w:basedOn */
    "Boxed text.",                            /* a text box once: mc:Fallback skipped */
    "Cell one",
    "Cell two",                               /* a link round it all: left to the paragraph */
    NULL
  };
  assert_paragraphs ("tracked.docx", TRUE, want);
}

static void
test_odt_tracked (void)
{
  static const char *const want[] = {
    "The keeper",                             /* white space collapses */
    "The keeper painted the tower.",          /* text:tracked-changes dropped */
    "Two   spaces, a\ttab and a break.",      /* text:s c=3, text:tab, text:line-break (a space in markup) */
    "<bpt i=\"1\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt><bpt i=\"2\" x=\"2\" type=\"italic\">&lt;i&gt;</bpt>"
    "Bold italic<ept i=\"2\">&lt;/i&gt;</ept><ept i=\"1\">&lt;/b&gt;</ept> and <bpt i=\"3\" "
    "x=\"3\" type=\"italic\">&lt;i&gt;</bpt>italic<ept i=\"3\">&lt;/i&gt;</ept> text.",        /* parent style from styles.xml; comment dropped */
    "First item",
    "Second item",                            /* its note mark at the end: see test_codes */
    "A note.",
    "Cell one",
    "Cell two",
    NULL
  };
  assert_paragraphs ("tracked.odt", TRUE, want);
}

/*
** The PDF of the English text: date, title, file URL and "n/2" dropped as
** running heads and feet. It differs from the plain text where print
** differs: the footnote is at the end with its number, its mark is a digit
** glued to "evening.", a table row is one paragraph, and the table's
** header row, repeated on page 2, is read twice.
*/
static void
test_pdf_en (void)
{
  static const char *const want[] = {
    "The Lighthouse Keeper",
    "The lighthouse on the northern cape was built in 1874. For ninety years a keeper lived in the "
    "small house beside it and lit the lamp every evening.1",
    "The last keeper, Anna Berg, kept a diary. She wrote about storms, ships and the slow change of "
    "the seasons. Her diary is now in the town museum.",
    "The lamp", "Year", "Event", "1874 The tower was built.", "Year", "Event",
    "1964 The lamp became automatic.",
    "Today visitors can climb the one hundred and twelve steps to the top. On a clear day they can "
    "see the islands in the west.",
    "1. The lamp burned paraffin until 1921.",
    NULL
  };
  assert_paragraphs ("lighthouse.en.pdf", FALSE, want);
}

static void
test_pdf_ru (void)
{
  static const char *const want[] = {
    "Смотритель маяка",
    "Маяк на северном мысе построили в 1874 году. Девяносто лет в маленьком доме рядом с ним жил "
    "смотритель и каждый вечер зажигал лампу.1",
    "Последний смотритель, Анна Берг, вела дневник. Она писала о штормах, кораблях и медленной "
    "смене времён года. Её дневник теперь хранится в городском музее.",
    "Лампа", "Год", "Событие", "1874 Башню построили. 1964 Лампа стала автоматической.",
    "Сегодня посетители могут подняться по ста двенадцати ступеням на вершину. В ясный день с неё "
    "видны острова на западе.",
    "1. Лампа горела на керосине до 1921 года.",
    NULL
  };
  assert_paragraphs ("lighthouse.ru.pdf", FALSE, want);
}

/* Line-end hyphens: dropped where Hunspell knows the joined word, kept in "well-known". */
static void
test_pdf_hyphens (void)
{
  if (!bitext_qa_can_spell ("en") || !bitext_qa_can_spell ("ru"))
    {
      g_test_skip ("no Hunspell dictionaries for en and ru");
      return;
    }
  static const char *const want[] = {
    "The lighthouse keeper kept a diary and a well-known log.",
    "Смотритель маяка вёл дневник.",
    NULL
  };
  assert_paragraphs ("hyphen.pdf", FALSE, want);
}

/* A zip package of @n_members members named "m<i>", each @size bytes of 'a', plus @extra. */
static GBytes *
make_zip (guint n_members, gsize size, const char *extra_name, const char *extra)
{
  g_autoptr(GsfOutput) sink = gsf_output_memory_new ();
  g_autoptr(GError) error = NULL;
  GsfOutfile *zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  g_autofree char *chunk = g_malloc (65536);
  memset (chunk, 'a', 65536);
  for (guint i = 0; i < n_members; i++)
    {
      g_autofree char *name = g_strdup_printf ("m%u", i);
      GsfOutput *m = gsf_outfile_new_child (zip, name, FALSE);
      for (gsize done = 0; done < size; done += 65536)
        gsf_output_write (m, MIN (65536, size - done), (const guint8 *) chunk);
      gsf_output_close (m);
      g_object_unref (m);
    }
  if (extra_name != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (extra_name, "/", -1);
      GsfOutfile *dir = zip;
      g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; parts[i + 1] != NULL; i++)
        {
          dir = GSF_OUTFILE (gsf_outfile_new_child (dir, parts[i], TRUE));
          g_ptr_array_add (dirs, dir);
        }
      GsfOutput *m = gsf_outfile_new_child (dir, parts[g_strv_length (parts) - 1], FALSE);
      gsf_output_write (m, strlen (extra), (const guint8 *) extra);
      gsf_output_close (m);
      g_object_unref (m);
      for (guint i = dirs->len; i-- > 0;)
        gsf_output_close (g_ptr_array_index (dirs, i));
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  return g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)),
                      gsf_output_size (sink));
}

static void
assert_refused (ReadFunc read, GBytes *bytes, const char *pattern)
{
  g_autoptr(DocBuilder) b = doc_builder_new ();
  g_autoptr(GError) error = NULL;
  g_assert_false (read ("bad", bytes, b, &error));
  g_assert_nonnull (error);
  if (!g_regex_match_simple (pattern, error->message, 0, 0))
    g_test_fail_printf ("message «%s» does not match «%s»", error->message, pattern);
  g_assert_null (strchr (error->message, '\n'));
}

static gboolean
xml_domain_expected (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  (void) level;
  (void) message;
  (void) data;
  return g_strcmp0 (domain, "XML") != 0;
}

static void
test_bad_packages (void)
{
  /* One member of 64 MiB of one letter: 64 KiB compressed, more than 100 times the file. */
  g_autoptr(GBytes) bomb = make_zip (1, 64 << 20, NULL, NULL);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1 << 20);
  assert_refused (doc_read_docx, bomb, "^bad: member m0 would inflate to 67108864 bytes, more than "
                  "100 times the [0-9]+-byte file: refused as a zip bomb$");
  assert_refused (doc_read_odt, bomb, "zip bomb$");
  g_autoptr(GBytes) many = make_zip (1001, 1, NULL, NULL);
  assert_refused (doc_read_docx, many, "^bad: zip package with more than 1000 members: refused as "
                  "a zip bomb$");

  g_autoptr(GBytes) docx = fixture_bytes ("lighthouse.en.docx");
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (docx, 0, g_bytes_get_size (docx) / 2);
  assert_refused (doc_read_docx, cut, "^bad: not a readable zip package \\(.*\\): truncated or "
                  "damaged$");
  g_autoptr(GBytes) odt = fixture_bytes ("lighthouse.en.odt");
  g_autoptr(GBytes) cut_odt = g_bytes_new_from_bytes (odt, 0, g_bytes_get_size (odt) - 10);
  assert_refused (doc_read_odt, cut_odt, "truncated or damaged$");

  g_autoptr(GBytes) not_word = make_zip (1, 10, "content.xml", "<x/>");
  assert_refused (doc_read_docx, not_word, "^bad: a zip package without an Office Open XML main "
                  "document$");
  assert_refused (doc_read_odt, docx, "^bad: no content.xml in the package$");
  /* Malformed package relationships: one line, not libgsf's criticals on stderr (fuzzed).
     libgsf still logs them, as criticals the library keeps; the test harness would abort on
     a critical, so those of libgsf's "XML" domain are declared expected. */
  g_test_log_set_fatal_handler (xml_domain_expected, NULL);
  g_autoptr(GBytes) bad_rels = make_zip (0, 0, "_rels/.rels",
                                         "<Relationships xmlns=\"http://schemas.openxmlformats.org/"
                                         "package/2006/relationships\"/><extra/>");
  assert_refused (doc_read_docx, bad_rels, "^bad: damaged package: Extra content at the end of "
                  "the document$");
  /* A relationship whose target goes through a folder the package lacks names no part
     (libgsf's own walk asserts there and leaks; found by fuzzing). */
  g_autoptr(GBytes) through_file = make_zip (1, 10, "_rels/.rels",
                                             "<Relationships xmlns=\"http://schemas.openxmlformats.org/"
                                             "package/2006/relationships\"><Relationship Id=\"r1\" "
                                             "Type=\"http://schemas.openxmlformats.org/officeDocument/"
                                             "2006/relationships/officeDocument\" Target=\"none/x.xml\"/>"
                                             "</Relationships>");
  assert_refused (doc_read_docx, through_file, "^bad: a zip package without an Office Open XML "
                  "main document$");
}

/* An external entity and a billion-laughs DTD in content.xml: refused before libxml2 parses. */
static void
test_xxe (void)
{
  static const char *const bodies[] = {
    "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">"
    "&x;</office:document-content>",
    "<!-- c --><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><d>&c;</d>",
  };
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) zip = make_zip (0, 0, "content.xml", bodies[i]);
      assert_refused (doc_read_odt, zip, "^bad: content.xml has a DOCTYPE, which office documents "
                      "never have: refused \\(external entities or entity expansion\\)$");
    }
  g_autoptr(GBytes) broken = make_zip (0, 0, "content.xml", "<a><b></a>");
  assert_refused (doc_read_odt, broken, "^bad: content.xml:1: [A-Z]");
}

static void
test_bad_pdf (void)
{
  /* The standard security handler with a user password: poppler cannot open it without. */
  static const char encrypted[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    "3 0 obj<</Filter/Standard/V 1/R 2/O<0000000000000000000000000000000000000000000000000000000000000000>"
    "/U<0000000000000000000000000000000000000000000000000000000000000000>/P -4>>endobj\n"
    "trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n"
    "%%EOF\n";
  g_autoptr(GBytes) enc = g_bytes_new_static (encrypted, sizeof encrypted - 1);
  assert_refused (read_pdf, enc, "^bad: the PDF is encrypted \\(it needs a password\\): give a "
                  "decrypted copy or its text$");
  g_autoptr(GBytes) junk = g_bytes_new_static ("%PDF-1.4\nnothing", 16);
  assert_refused (read_pdf, junk, "^bad: not a readable PDF \\(");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  static const char *const same[] = {
    "lighthouse.en.docx", "lighthouse.ru.docx", "lighthouse.en.odt", "lighthouse.ru.odt",
  };
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *path = g_strconcat ("/documents/same-as-text/", same[i], NULL);
      g_test_add_data_func (path, same[i], test_same_as_text);
    }
  g_test_add_data_func ("/documents/markup/docx", "lighthouse.en.docx", test_markup);
  g_test_add_data_func ("/documents/markup/odt", "lighthouse.en.odt", test_markup);
  g_test_add_func ("/documents/docx/tracked", test_docx_tracked);
  g_test_add_func ("/documents/odt/tracked", test_odt_tracked);
  g_test_add_func ("/documents/odt/codes", test_codes);
  g_test_add_func ("/documents/pdf/en", test_pdf_en);
  g_test_add_func ("/documents/pdf/ru", test_pdf_ru);
  g_test_add_func ("/documents/pdf/hyphens", test_pdf_hyphens);
  g_test_add_func ("/documents/bad/packages", test_bad_packages);
  g_test_add_func ("/documents/bad/xxe", test_xxe);
  g_test_add_func ("/documents/bad/pdf", test_bad_pdf);
  return g_test_run ();
}
