/* bitext tests — TMX reading, writing and round trips. */
#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "test-util.h"
#include "tmx-private.h"

/* 2025-01-01T00:00:00Z: every test writes with this date, so outputs are reproducible. */
#define TEST_DATE 1735689600

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "tmx", name, NULL);
}

static const char *
shared_dir (void)
{
  static char *dir = NULL;
  if (dir == NULL)
    dir = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "tmx", NULL);
  return dir;
}

static BitextTm *
read_ok (const char *path, const BitextTmxReadOptions *options)
{
  g_autoptr(GError) error = NULL;
  BitextTm *tm = bitext_tmx_read_file (path, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tm);
  return tm;
}

static char *
write_ok (BitextTm *tm, gsize *length)
{
  BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  options.date = TEST_DATE;
  g_autoptr(GError) error = NULL;
  char *data = bitext_tmx_write_to_data (tm, &options, length, &error);
  g_assert_no_error (error);
  return data;
}

/* Validate @data against tmx14.dtd with xmllint, when both are there. */
static void
assert_dtd_valid (const char *what, const char *data, gsize length)
{
  g_autofree char *dtd = g_build_filename (shared_dir (), "tmx14.dtd", NULL);
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  if (xmllint == NULL || !g_file_test (dtd, G_FILE_TEST_EXISTS))
    {
      g_test_message ("DTD check of %s skipped: no xmllint or no %s", what, dtd);
      return;
    }
  g_autofree char *tmp = NULL;
  int fd = g_file_open_tmp ("bitext-XXXXXX.tmx", &tmp, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (tmp, data, (gssize) length, NULL));
  const char *argv[] = { xmllint, "--noout", "--dtdvalid", dtd, tmp, NULL };
  g_autofree char *err = NULL;
  int status = 0;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, &err, &status, NULL));
  g_unlink (tmp);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s is not DTD-valid:\n%s", what, err);
}

static BitextTmUnit *
unit_with (const char *src, const char *tgt)
{
  BitextTmUnit *unit = bitext_tm_unit_new ();
  g_assert_nonnull (bitext_tm_unit_add_variant (unit, "en", src, NULL));
  g_assert_nonnull (bitext_tm_unit_add_variant (unit, "ru", tgt, NULL));
  return unit;
}

/* The TMX profile bitext writes, byte for byte (tests/data/tmx/profile.tmx.expected). */
static BitextTm *
profile_tm (void)
{
  BitextTm *tm = bitext_tm_new ("en", "ru");
  BitextTmUnit *u = unit_with ("The **new** plan *works*.", "Новый план работает.");
  bitext_tm_unit_add_prop (u, BITEXT_TMX_PROP_SCORE, "0.9312");
  bitext_tm_unit_add_prop (u, BITEXT_TMX_PROP_BEAD, "1-1");
  bitext_tm_unit_add_prop (u, BITEXT_TMX_PROP_SOURCE, "speech.en.txt speech.ru.txt");
  bitext_tm_unit_add_prop (u, BITEXT_TMX_PROP_POSITION, "1 1");
  bitext_tm_append_unit (tm, u);
  u = unit_with ("Tom & Jerry <3 \"quotes\"\r\n  two  spaces ", "Том и Джерри.");
  bitext_tm_unit_add_prop (u, BITEXT_TMX_PROP_BEAD, "1-2");
  bitext_tm_unit_add_note (u, "number mismatch: 3");
  bitext_tm_append_unit (tm, u);
  return tm;
}

static void
test_write_profile (void)
{
  g_autoptr(BitextTm) tm = profile_tm ();
  gsize length = 0;
  g_autofree char *data = write_ok (tm, &length);
  g_autofree char *golden = fixture ("profile.tmx.expected");
  if (g_getenv ("BITEXT_UPDATE_GOLDEN") != NULL)
    g_assert_true (g_file_set_contents (golden, data, (gssize) length, NULL));
  g_autofree char *expected = NULL;
  g_assert_true (g_file_get_contents (golden, &expected, NULL, NULL));
  g_assert_cmpstr (data, ==, expected);
  assert_dtd_valid ("profile", data, length);
}

static void
test_write_source_date_epoch (void)
{
  g_autoptr(BitextTm) tm = profile_tm ();
  g_setenv ("SOURCE_DATE_EPOCH", "86400", TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = bitext_tmx_write_to_data (tm, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (data, "creationdate=\"19700102T000000Z\""));
  g_setenv ("SOURCE_DATE_EPOCH", "yesterday", TRUE);
  g_autofree char *bad = bitext_tmx_write_to_data (tm, NULL, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

/* Markdown emphasis: the markup written, and the text read back (always the input). */
static void
test_markdown (void)
{
  static const struct { const char *text, *markup; } cases[] = {
    { "plain", "plain" },
    { "**bold**", "<bpt i=\"1\" x=\"1\" type=\"bold\">**</bpt>bold<ept i=\"1\">**</ept>" },
    { "an *em* word", "an <bpt i=\"1\" x=\"1\" type=\"italic\">*</bpt>em<ept i=\"1\">*</ept> word" },
    { "*a **b** c*", "<bpt i=\"1\" x=\"1\" type=\"italic\">*</bpt>a <bpt i=\"2\" x=\"2\" "
      "type=\"bold\">**</bpt>b<ept i=\"2\">**</ept> c<ept i=\"1\">*</ept>" },
    { "2 * 3 * 4", "2 * 3 * 4" },
    { "a* b*", "a* b*" },
    { "**unclosed", "**unclosed" },
    { "***", "***" },
    { "x < y & *z*", "x &lt; y &amp; <bpt i=\"1\" x=\"1\" type=\"italic\">*</bpt>z<ept i=\"1\">*</ept>" },
    { "***both***", NULL },
    { "**a** and **b**", NULL },
    { "* list item", "* list item" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
      g_autoptr(GError) error = NULL;
      BitextTmUnit *unit = bitext_tm_add_unit (tm, cases[i].text, "x", &error);
      g_assert_no_error (error);
      BitextTmVariant *v = bitext_tm_unit_get_variant (unit, 0);
      if (cases[i].markup != NULL)
        g_assert_cmpstr (bitext_tm_variant_get_markup (v), ==, cases[i].markup);
      g_assert_cmpstr (bitext_tm_variant_get_text (v), ==, cases[i].text);
      gsize length = 0;
      g_autofree char *data = write_ok (tm, &length);
      g_autoptr(BitextTm) back = bitext_tmx_read_data ("md", data, length, NULL, &error);
      g_assert_no_error (error);
      BitextTmVariant *b = bitext_tm_unit_get_variant (bitext_tm_get_unit (back, 0), 0);
      g_assert_cmpstr (bitext_tm_variant_get_text (b), ==, cases[i].text);
      g_assert_cmpstr (bitext_tm_variant_get_markup (b), ==, bitext_tm_variant_get_markup (v));
    }
}

static void
test_read_inline (void)
{
  g_autofree char *path = fixture ("inline.tmx");
  g_autoptr(BitextTm) tm = read_ok (path, NULL);
  g_assert_cmpuint (bitext_tm_get_n_units (tm), ==, 3);
  g_assert_cmpstr (bitext_tm_get_src_lang (tm), ==, "en");
  g_assert_cmpstr (bitext_tm_get_tgt_lang (tm), ==, "ru");
  const GPtrArray *header = bitext_tm_unit_get_annotations (bitext_tm_get_header (tm));
  g_assert_cmpuint (header->len, ==, 2);
  g_assert_null (((BitextTmAnnotation *) header->pdata[0])->type);
  g_assert_cmpstr (((BitextTmAnnotation *) header->pdata[1])->text, ==, "Pægasus & co");

  BitextTmUnit *u = bitext_tm_get_unit (tm, 0);
  g_assert_cmpstr (bitext_tm_unit_get_tuid (u), ==, "a1");
  g_assert_cmpstr (bitext_tm_unit_get_attr (u, "creationdate"), ==, "20250101T120000Z");
  g_assert_cmpstr (bitext_tm_unit_lookup_prop (u, "x-alignment-score"), ==, "0.93");
  g_assert_cmpuint (bitext_tm_unit_get_line (u), ==, 9);
  g_assert_cmpstr (bitext_tm_variant_get_text (bitext_tm_unit_lookup_variant (u, "ru")), ==,
                   "Кошка сидела на коврике.");

  u = bitext_tm_get_unit (tm, 1);
  BitextTmVariant *en = bitext_tm_unit_lookup_variant (u, "en");
  g_assert_cmpstr (bitext_tm_variant_get_lang (en), ==, "EN-us");
  g_assert_true (bitext_tm_variant_has_inline (en));
  g_assert_cmpstr (bitext_tm_variant_get_markup (en), ==,
                   "Press <bpt i=\"1\" type=\"bold\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;</ept>"
                   " &amp; wait.<ph x=\"2\" type=\"lb\">&lt;br/&gt;</ph>");
  g_assert_cmpstr (bitext_tm_variant_get_text (en), ==, "Press <b>OK</b> & wait.<br/>");
  g_autofree char *plain = bitext_tm_variant_dup_plain_text (en);
  g_assert_cmpstr (plain, ==, "Press OK & wait.");
  BitextTmVariant *ru = bitext_tm_unit_lookup_variant (u, "ru-RU");
  g_assert_cmpstr (bitext_tm_variant_get_lang (ru), ==, "ru");
  const GPtrArray *props = bitext_tm_variant_get_annotations (ru);
  g_assert_cmpuint (props->len, ==, 1);
  g_assert_cmpstr (((BitextTmAnnotation *) props->pdata[0])->type, ==, "x-origin");

  u = bitext_tm_get_unit (tm, 2);
  g_assert_cmpstr (bitext_tm_variant_get_lang (bitext_tm_unit_get_variant (u, 0)), ==, "ru");
  g_assert_cmpstr (bitext_tm_variant_get_text (bitext_tm_unit_lookup_variant (u, "en")), ==,
                   "  Spaces\tand a term  ");
}

static void
test_read_strip (void)
{
  g_autofree char *path = fixture ("inline.tmx");
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  options.inline_mode = BITEXT_TMX_INLINE_STRIP;
  g_autoptr(BitextTm) tm = read_ok (path, &options);
  BitextTmVariant *en = bitext_tm_unit_get_variant (bitext_tm_get_unit (tm, 1), 0);
  g_assert_false (bitext_tm_variant_has_inline (en));
  g_assert_cmpstr (bitext_tm_variant_get_text (en), ==, "Press OK & wait.");
  g_assert_cmpstr (bitext_tm_variant_get_markup (en), ==, "Press OK &amp; wait.");
}

static void
test_lang_match (void)
{
  static const struct { const char *wanted, *lang; int score; } cases[] = {
    { "en", "en", 3 }, { "en", "EN", 3 }, { "en-us", "EN-US", 3 }, { "en_US", "en-us", 3 },
    { "en", "en-US", 2 }, { "en-US", "en", 2 }, { "en-US", "en-GB", 1 },
    { "en", "eng", 0 }, { "ru", "en", 0 }, { "en", "*all*", 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bitext_tm_lang_match (cases[i].wanted, cases[i].lang), ==, cases[i].score);
  g_autoptr(BitextTmUnit) u = bitext_tm_unit_new ();
  bitext_tm_unit_add_variant (u, "en-GB", "colour", NULL);
  bitext_tm_unit_add_variant (u, "en", "color", NULL);
  bitext_tm_unit_add_variant (u, "en-US", "color!", NULL);
  g_assert_cmpstr (bitext_tm_variant_get_text (bitext_tm_unit_lookup_variant (u, "en-us")), ==,
                   "color!");
  g_assert_cmpstr (bitext_tm_variant_get_text (bitext_tm_unit_lookup_variant (u, "en-AU")), ==,
                   "color");
  g_assert_null (bitext_tm_unit_lookup_variant (u, "ru"));
}

static void
collect_warning (const char *message, gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup (message));
}

static void
test_read_malformed_unit (void)
{
  g_autofree char *path = fixture ("malformed-unit.tmx");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  options.warning_func = collect_warning;
  options.warning_data = warnings;
  g_autoptr(BitextTm) tm = read_ok (path, &options);
  g_assert_cmpuint (bitext_tm_get_n_units (tm), ==, 3);
  const char *tuids[] = { "1", "3", "5" };
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (bitext_tm_unit_get_tuid (bitext_tm_get_unit (tm, i)), ==, tuids[i]);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_true (g_str_has_suffix (warnings->pdata[0], "malformed-unit.tmx:7: <tuv> without "
                                                       "xml:lang (unit skipped)"));
  g_assert_true (g_str_has_suffix (warnings->pdata[1], "malformed-unit.tmx:11: <tuv> without "
                                                       "<seg> (unit skipped)"));

  options.strict = TRUE;
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTm) strict = bitext_tmx_read_file (path, &options, &error);
  g_assert_null (strict);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_assert_true (g_str_has_suffix (error->message, "malformed-unit.tmx:7: <tuv> without xml:lang"));
}

/* Hostile or broken files: one error naming the file and line, nothing else. */
static void
test_read_hostile (void)
{
  static const struct { const char *file; int code; const char *message; } cases[] = {
    { "billion-laughs.tmx", BITEXT_ERROR_PARSE, "billion-laughs.tmx:3: the DOCTYPE declares the entity 'a': refused" },
    { "xxe.tmx", BITEXT_ERROR_PARSE, "xxe.tmx:2: the DOCTYPE declares the entity 'xxe': refused" },
    { "undefined-entity.tmx", BITEXT_ERROR_PARSE, "undefined-entity.tmx:4:42: Entity 'nbsp' not defined" },
    { "truncated.tmx", BITEXT_ERROR_PARSE, "truncated.tmx:16: the file ends before </tmx>: truncated?" },
    { "invalid-utf8.tmx", BITEXT_ERROR_ENCODING, "invalid-utf8.tmx:4:74: invalid UTF-8" },
    { "not-xml.tmx", BITEXT_ERROR_PARSE, "not-xml.tmx:1:1: not a TMX file: Document is empty" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture (cases[i].file);
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextTm) tm = bitext_tmx_read_file (path, NULL, &error);
      g_assert_null (tm);
      g_assert_error (error, BITEXT_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("%s: got \"%s\", want \"%s\"", cases[i].file, error->message, cases[i].message);
      g_assert_null (strstr (error->message, "root:"));
    }
}

static gboolean
count_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) header, (void) unit, (void) error;
  (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
stop_at_second (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  g_assert_cmpstr (bitext_tm_get_src_lang (header), ==, "en");
  guint *n = user_data;
  if (++*n < 2)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INTR, "stopped at %s",
               bitext_tm_unit_get_tuid (unit));
  return FALSE;
}

/* A callback's error stops the reading and comes back as is. */
static void
test_read_callback_stops (void)
{
  g_autofree char *path = fixture ("inline.tmx");
  guint n = 0;
  g_autoptr(GError) error = NULL;
  g_assert_false (bitext_tmx_foreach_unit (path, NULL, stop_at_second, &n, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INTR);
  g_assert_cmpstr (error->message, ==, "stopped at a2");
  g_assert_cmpuint (n, ==, 2);
}

/* Units before a fatal XML error reach the callback; the error names the line. */
static void
test_read_units_before_error (void)
{
  g_autofree char *path = fixture ("invalid-utf8.tmx");
  guint n = 0;
  g_autoptr(GError) error = NULL;
  g_assert_false (bitext_tmx_foreach_unit (path, NULL, count_unit, &n, NULL, &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpuint (n, ==, 0);
  g_autofree char *inline_path = fixture ("inline.tmx");
  g_clear_error (&error);
  g_assert_true (bitext_tmx_foreach_unit (inline_path, NULL, count_unit, &n, NULL, &error));
  g_assert_cmpuint (n, ==, 3);
}

static void
test_read_huge_unit (void)
{
  GString *doc = g_string_new ("<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv "
                               "xml:lang=\"en\"><seg>");
  for (guint i = 0; i < BITEXT_TMX_MAX_UNIT_BYTES / 10 + 1; i++)
    g_string_append (doc, "0123456789");
  g_string_append (doc, "</seg></tuv></tu></body></tmx>");
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTm) tm = bitext_tmx_read_data ("huge", doc->str, doc->len, NULL, &error);
  g_string_free (doc, TRUE);
  g_assert_null (tm);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
  g_assert_cmpstr (error->message, ==, "huge:1: unit larger than 10000000 bytes: refused");

  /* Many small elements count too: 200,000 empty variants in one unit. */
  g_clear_error (&error);
  doc = g_string_new ("<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu>\n");
  for (guint i = 0; i < 200000; i++)
    g_string_append (doc, "<tuv xml:lang=\"en\"><seg/></tuv>");
  g_string_append (doc, "</tu></body></tmx>");
  g_autoptr(BitextTm) many = bitext_tmx_read_data ("many", doc->str, doc->len, NULL, &error);
  g_string_free (doc, TRUE);
  g_assert_null (many);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
  g_assert_cmpstr (error->message, ==, "many:2: unit larger than 10000000 bytes: refused");
}

static void
test_read_utf16 (void)
{
  g_autofree char *path = fixture ("inline.tmx");
  g_autofree char *utf8 = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (path, &utf8, &length, NULL));
  /* UTF-16LE with a BOM; the declaration must then not say UTF-8. */
  g_autofree char *decl_free = g_strdup (utf8);
  char *decl = strstr (decl_free, " encoding=\"UTF-8\"");
  memmove (decl, decl + 17, strlen (decl + 17) + 1);
  gsize n16 = 0;
  g_autofree char *u16 = g_convert (decl_free, -1, "UTF-16LE", "UTF-8", NULL, &n16, NULL);
  g_autofree char *bom = g_malloc (n16 + 2);
  bom[0] = (char) 0xFF, bom[1] = (char) 0xFE;
  memcpy (bom + 2, u16, n16);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTm) tm = bitext_tmx_read_data ("u16", bom, n16 + 2, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(BitextTm) ref = read_ok (path, NULL);
  g_assert_cmpuint (bitext_tm_get_n_units (tm), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (
        bitext_tm_variant_get_markup (bitext_tm_unit_get_variant (bitext_tm_get_unit (tm, i), 1)),
        ==,
        bitext_tm_variant_get_markup (bitext_tm_unit_get_variant (bitext_tm_get_unit (ref, i), 1)));
}

/* ---- round trips ---------------------------------------------------------------------- */

static void
assert_attrs_kept (const char *what, const GPtrArray *before, const GPtrArray *after,
                   const char *const *written)
{
  for (guint i = 0; i < before->len; i++)
    {
      const BitextTmAttr *a = g_ptr_array_index (before, i);
      if (written != NULL && !g_strv_contains (written, a->name))
        continue;
      const char *value = NULL;
      for (guint j = 0; j < after->len && value == NULL; j++)
        if (strcmp (((BitextTmAttr *) after->pdata[j])->name, a->name) == 0)
          value = ((BitextTmAttr *) after->pdata[j])->value;
      if (g_strcmp0 (value, a->value) != 0)
        g_error ("%s: attribute %s=\"%s\" became \"%s\"", what, a->name, a->value, value);
    }
}

static void
assert_annotations_equal (const char *what, const GPtrArray *a, const GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const BitextTmAnnotation *x = a->pdata[i], *y = b->pdata[i];
      if (g_strcmp0 (x->type, y->type) != 0 || g_strcmp0 (x->text, y->text) != 0)
        g_error ("%s: annotation %u differs: %s=\"%s\" vs %s=\"%s\"", what, i, x->type, x->text,
                 y->type, y->text);
    }
}

/* The variant order the writer uses: the source language's variant first. */
static GPtrArray *
writer_order (const BitextTmUnit *unit, const char *header_src)
{
  GPtrArray *order = g_ptr_array_new ();
  const char *src = bitext_tm_unit_get_attr (unit, "srclang");
  src = src != NULL ? src : header_src;
  BitextTmVariant *first = strcmp (src, "*all*") == 0 ? NULL
                                                     : bitext_tm_unit_lookup_variant (unit, src);
  if (first != NULL)
    g_ptr_array_add (order, first);
  for (guint i = 0; i < bitext_tm_unit_get_n_variants (unit); i++)
    if (bitext_tm_unit_get_variant (unit, i) != first)
      g_ptr_array_add (order, bitext_tm_unit_get_variant (unit, i));
  return order;
}

/*
** "Keeps" means: the same units in the same order; each with the same props
** and notes (type, text, order), the tu attributes TMX declares, and the same
** variants (source variant first), each with the same language, attributes
** TMX declares, props, notes and markup — hence the same text and inline
** elements.
*/
static void
assert_tm_equal (const char *what, BitextTm *a, BitextTm *b)
{
  static const char *const tu_written[] = { "tuid", "o-encoding", "datatype", "usagecount",
    "lastusagedate", "creationtool", "creationtoolversion", "creationdate", "creationid",
    "changedate", "segtype", "changeid", "o-tmf", "srclang", NULL };
  g_assert_cmpstr (bitext_tm_get_src_lang (a), ==, bitext_tm_get_src_lang (b));
  assert_annotations_equal (what, bitext_tm_unit_get_annotations (bitext_tm_get_header (a)),
                            bitext_tm_unit_get_annotations (bitext_tm_get_header (b)));
  g_assert_cmpuint (bitext_tm_get_n_units (a), ==, bitext_tm_get_n_units (b));
  for (guint i = 0; i < bitext_tm_get_n_units (a); i++)
    {
      BitextTmUnit *x = bitext_tm_get_unit (a, i), *y = bitext_tm_get_unit (b, i);
      assert_attrs_kept (what, bitext_tm_unit_get_attrs (x), bitext_tm_unit_get_attrs (y),
                         tu_written);
      assert_annotations_equal (what, bitext_tm_unit_get_annotations (x),
                                bitext_tm_unit_get_annotations (y));
      g_autoptr(GPtrArray) vx = writer_order (x, bitext_tm_get_src_lang (a));
      g_assert_cmpuint (vx->len, ==, bitext_tm_unit_get_n_variants (y));
      for (guint j = 0; j < vx->len; j++)
        {
          BitextTmVariant *p = vx->pdata[j], *q = bitext_tm_unit_get_variant (y, j);
          g_assert_cmpstr (bitext_tm_variant_get_lang (p), ==, bitext_tm_variant_get_lang (q));
          g_assert_cmpstr (bitext_tm_variant_get_markup (p), ==, bitext_tm_variant_get_markup (q));
          g_assert_cmpstr (bitext_tm_variant_get_text (p), ==, bitext_tm_variant_get_text (q));
          assert_annotations_equal (what, bitext_tm_variant_get_annotations (p),
                                    bitext_tm_variant_get_annotations (q));
          static const char *const tuv_written[] = { "o-encoding", "datatype", "usagecount",
            "lastusagedate", "creationtool", "creationtoolversion", "creationdate",
            "creationid", "changedate", "o-tmf", "changeid", NULL };
          assert_attrs_kept (what, bitext_tm_variant_get_attrs (p),
                             bitext_tm_variant_get_attrs (q), tuv_written);
        }
    }
}

/* TMX -> bitext -> TMX -> bitext keeps everything; the second write is byte-identical. */
static void
roundtrip_file (const char *path)
{
  g_autoptr(BitextTm) first = read_ok (path, NULL);
  gsize n1 = 0, n2 = 0;
  g_autofree char *out1 = write_ok (first, &n1);
  assert_dtd_valid (path, out1, n1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextTm) second = bitext_tmx_read_data ("out1", out1, n1, NULL, &error);
  g_assert_no_error (error);
  assert_tm_equal (path, first, second);
  g_autofree char *out2 = write_ok (second, &n2);
  g_assert_cmpuint (n1, ==, n2);
  g_assert_cmpstr (out1, ==, out2);
}

static void
test_roundtrip_own (void)
{
  const char *files[] = { "inline.tmx", "profile.tmx.expected" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture (files[i]);
      roundtrip_file (path);
    }
  /* bitext's own output reads back to the same bytes. */
  g_autofree char *golden = fixture ("profile.tmx.expected");
  g_autofree char *expected = NULL;
  g_assert_true (g_file_get_contents (golden, &expected, NULL, NULL));
  g_autoptr(BitextTm) tm = read_ok (golden, NULL);
  g_autofree char *again = write_ok (tm, NULL);
  g_assert_cmpstr (again, ==, expected);
}

static void
test_roundtrip_samples (void)
{
  g_autofree char *dir_path = g_build_filename (shared_dir (), "samples", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  if (dir == NULL)
    {
      g_test_skip ("no ../shared/tmx/samples");
      return;
    }
  guint n = 0;
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    if (g_str_has_suffix (name, ".tmx"))
      {
        g_autofree char *path = g_build_filename (dir_path, name, NULL);
        g_test_message ("round trip %s", name);
        roundtrip_file (path);
        n++;
      }
  g_assert_cmpuint (n, >=, 16);
  g_autofree char *minimal = g_build_filename (shared_dir (), "minimal-en-ru.tmx", NULL);
  roundtrip_file (minimal);
}

/* What the samples hold, checked by hand against the files (see samples/README.md). */
static void
test_read_samples_content (void)
{
  g_autofree char *dir = g_build_filename (shared_dir (), "samples", NULL);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no ../shared/tmx/samples");
      return;
    }
  g_autofree char *p1a = g_build_filename (dir, "omegat-compkit-ImportTest1A.tmx", NULL);
  g_autoptr(BitextTm) a = read_ok (p1a, NULL);
  g_assert_cmpuint (bitext_tm_get_n_units (a), >=, 1);

  g_autofree char *p1k = g_build_filename (dir, "omegat-compkit-ImportTest1K.tmx", NULL);
  g_autoptr(BitextTm) k = read_ok (p1k, NULL);
  g_assert_cmpstr (bitext_tm_unit_get_attr (bitext_tm_get_unit (k, 0), "srclang"), ==, "de-de");

  g_autofree char *pspec = g_build_filename (dir, "okapi-sampleTMX2-spec-example.tmx", NULL);
  g_autoptr(BitextTm) spec = read_ok (pspec, NULL);
  BitextTmUnit *u = bitext_tm_get_unit (spec, 0);
  g_assert_cmpstr (bitext_tm_unit_lookup_prop (u, "x-Project"), ==, "Pægasus");
  g_assert_cmpstr (bitext_tm_variant_get_text (bitext_tm_unit_lookup_variant (u, "fr-ca")), ==,
                   "données (avec un caractère non standard: \xef\xa3\xbf).");
  g_assert_cmpuint (bitext_tm_unit_get_n_variants (bitext_tm_get_unit (spec, 1)), ==, 3);
  g_assert_cmpstr (bitext_tm_unit_lookup_prop (bitext_tm_get_unit (spec, 1), "Domain"), ==,
                   "Cooking\n   ");

  g_autofree char *psmp = g_build_filename (dir, "omegat-test-SMP-tmx11.tmx", NULL);
  g_autoptr(BitextTm) smp = read_ok (psmp, NULL);
  BitextTmVariant *v = bitext_tm_unit_get_variant (bitext_tm_get_unit (smp, 0), 0);
  g_assert_cmpuint ((guchar) bitext_tm_variant_get_text (v)[0], ==, 0xF0);

  g_autofree char *prltc = g_build_filename (dir, "rltc-olifant-en-ru.tmx", NULL);
  g_autoptr(BitextTm) rltc = read_ok (prltc, NULL);
  u = bitext_tm_get_unit (rltc, 0);
  g_assert_cmpuint (bitext_tm_unit_get_n_variants (u), ==, 8);
  g_assert_cmpstr (bitext_tm_variant_get_attr (bitext_tm_unit_get_variant (u, 1), "gender"), ==,
                   "F");
}

/* ---- atomic replacement ---------------------------------------------------------------- */

static void
assert_dir_holds_only (const char *dir, const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  for (const char *entry; (entry = g_dir_read_name (d)) != NULL;)
    g_assert_cmpstr (entry, ==, name);
}

static void
test_write_failure_keeps_old_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bitext-tmx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "memory.tmx", NULL);
  const char *old = "old memory, not even XML\n";
  g_assert_true (g_file_set_contents (path, old, -1, NULL));
  g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *src = g_strdup_printf ("Sentence number %u.", i);
      bitext_tm_add_unit (tm, src, "Предложение.", NULL);
    }
  BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  options.date = TEST_DATE;

  /* A disk that fills up after 64 KiB: close fails, the old file stays. */
  g_autoptr(GError) error = NULL;
  BitextTmxWriter *w = bitext_tmx_writer_new (path, tm, &options, &error);
  g_assert_no_error (error);
  bitext_tmx__writer_fail_after (w, 65536);
  gboolean ok = TRUE;
  for (guint i = 0; i < bitext_tm_get_n_units (tm) && ok; i++)
    ok = bitext_tmx_writer_add_unit (w, bitext_tm_get_unit (tm, i), &error);
  if (ok)
    ok = bitext_tmx_writer_close (w, &error);
  g_assert_false (ok);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_assert_true (g_str_has_suffix (error->message, "memory.tmx: write failed: No space left on device"));
  bitext_tmx_writer_free (w);
  g_autofree char *now = NULL;
  g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
  g_assert_cmpstr (now, ==, old);
  assert_dir_holds_only (dir, "memory.tmx");

  /* A writer dropped without close: the same. */
  w = bitext_tmx_writer_new (path, tm, &options, NULL);
  bitext_tmx_writer_add_unit (w, bitext_tm_get_unit (tm, 0), NULL);
  bitext_tmx_writer_free (w);
  g_clear_pointer (&now, g_free);
  g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
  g_assert_cmpstr (now, ==, old);
  assert_dir_holds_only (dir, "memory.tmx");

  /* Success replaces it. */
  g_clear_error (&error);
  g_assert_true (bitext_tmx_write_file (tm, path, &options, &error));
  g_assert_no_error (error);
  g_autoptr(BitextTm) back = read_ok (path, NULL);
  g_assert_cmpuint (bitext_tm_get_n_units (back), ==, 2000);
  assert_dir_holds_only (dir, "memory.tmx");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_write_bad_text (void)
{
  g_autoptr(BitextTmUnit) u = bitext_tm_unit_new ();
  g_autoptr(GError) error = NULL;
  g_assert_null (bitext_tm_unit_add_variant (u, "en", "nonchar \xef\xbf\xbe here", &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "character U+FFFE cannot appear in XML (byte offset 8)");
  g_clear_error (&error);
  g_assert_null (bitext_tm_unit_add_variant (u, "en", "bad \xc3( utf8", &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_clear_error (&error);
  g_assert_null (bitext_tm_unit_add_variant_markup (u, "en", "<b>x</b>", &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (bitext_tm_unit_add_variant_markup (u, "en", "<bpt i=\"1\">x", &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (bitext_tm_unit_add_variant_markup (u, "en", "a & b", &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_clear_error (&error);
  BitextTmVariant *v = bitext_tm_unit_add_variant_markup (
      u, "en", "<ph x='1'>&lt;img alt=\"<sub>Hi &amp; bye</sub>\"&gt;</ph> ok<ph/>", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bitext_tm_variant_get_text (v), ==, "<img alt=\"Hi & bye\"> ok");
  g_autofree char *plain = bitext_tm_variant_dup_plain_text (v);
  g_assert_cmpstr (plain, ==, " ok");
}

/*
** The view QA reads: a code that holds XML or HTML tags shows their names alone, attributes
** left out (void elements and empty-element tags close themselves); any other code (Markdown's
** **, a control character, a <sub> inside) stays as it is, and text is decoded as usual.
*/
static void
test_tag_text (void)
{
  static const struct { const char *markup, *want; } cases[] = {
    { "The <bpt i=\"1\" x=\"1\">&lt;span class=\"quote\"&gt;</bpt>held<ept i=\"1\">&lt;/span&gt;</ept> &amp; kept.",
      "The <span>held</span> & kept." },
    { "See <bpt i=\"1\">&lt;a href=\"ch02.html\" title=\"Chapter 2\"&gt;&lt;code&gt;</bpt>x<ept i=\"1\">&lt;/code&gt;&lt;/a&gt;</ept>",
      "See <a><code>x</code></a>" },
    { "A <ph x=\"1\">&lt;img src=\"a.png\"&gt;</ph> and <ph x=\"2\">&lt;br /&gt;</ph> end",
      "A <img/> and <br/> end" },
    /* NULL: the same as the text view (bitext_tmx__markup_to_text). */
    { "A <bpt i=\"1\">**</bpt>bold<ept i=\"1\">**</ept> step", "A **bold** step" },
    { "Bell<ph type=\"x-ctrl\">&#x2407;</ph> rings<ph/>", NULL },
    { "<ph x='1'>&lt;img alt=\"<sub>Hi &amp; bye</sub>\"&gt;</ph> ok", "<img alt=\"Hi & bye\"> ok" },
    { "No codes at all.", "No codes at all." },
    /* An attribute whose XML name starts with '_' or a non-ASCII letter (a fuzzed TMX). */
    { "Press <ept i=\"1\" _x=\"1\" \xc3\xa9=\"2\">&lt;/b&gt;</ept> now.", "Press </b> now." },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_assert_true (bitext_tmx__markup_to_tag_text (cases[k].markup, out, &error));
      g_assert_no_error (error);
      g_autoptr(GString) text = g_string_new (NULL);
      g_assert_true (bitext_tmx__markup_to_text (cases[k].markup, text, NULL, NULL, NULL));
      g_assert_cmpstr (out->str, ==, cases[k].want != NULL ? cases[k].want : text->str);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_test_add_func ("/tmx/markup/tag-text", test_tag_text);
  g_test_add_func ("/tmx/write/profile", test_write_profile);
  g_test_add_func ("/tmx/write/source-date-epoch", test_write_source_date_epoch);
  g_test_add_func ("/tmx/write/markdown-emphasis", test_markdown);
  g_test_add_func ("/tmx/write/failure-keeps-old-file", test_write_failure_keeps_old_file);
  g_test_add_func ("/tmx/write/bad-text", test_write_bad_text);
  g_test_add_func ("/tmx/read/inline", test_read_inline);
  g_test_add_func ("/tmx/read/strip", test_read_strip);
  g_test_add_func ("/tmx/read/lang-match", test_lang_match);
  g_test_add_func ("/tmx/read/malformed-unit", test_read_malformed_unit);
  g_test_add_func ("/tmx/read/hostile", test_read_hostile);
  g_test_add_func ("/tmx/read/units-before-error", test_read_units_before_error);
  g_test_add_func ("/tmx/read/callback-stops", test_read_callback_stops);
  g_test_add_func ("/tmx/read/huge-unit", test_read_huge_unit);
  g_test_add_func ("/tmx/read/utf16", test_read_utf16);
  g_test_add_func ("/tmx/read/samples-content", test_read_samples_content);
  g_test_add_func ("/tmx/roundtrip/own", test_roundtrip_own);
  g_test_add_func ("/tmx/roundtrip/samples", test_roundtrip_samples);
  return g_test_run ();
}
