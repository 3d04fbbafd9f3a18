/* bitext tests — document.c: reading, normalising and mapping text back to its file. */
#include <bitext/bitext.h>

#include "document-private.h"
#include "test-util.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* The advice an invalid UTF-8 error ends with when the bytes are not UTF-8 from the start. */
#define ADVICE_UNCLEAR "; the encoding is unclear (maybe ISO-8859-1, ISO-8859-2, ISO-8859-9): " \
                       "give it with --encoding"
#define ADVICE_NONE "; for a text in another encoding give --encoding (e.g. cp1251, KOI8-R or cp1252)"

static char *tmpdir;

/* Write DATA[0,LEN) to a new file NAME in the test's temporary directory; returns its path. */
static char *
write_tmp (const char *name, const char *data, gsize len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  GError *error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

static BitextDocument *
load_data (const char *data, gsize len)
{
  GError *error = NULL;
  BitextDocument *doc = bitext_document_new_for_data ("test", data, len, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* All paragraphs of READER as "offset:text" strings; asserts it ends without error. */
static GPtrArray *
read_paragraphs (BitextReader *reader)
{
  GPtrArray *got = g_ptr_array_new_with_free_func (g_free);
  BitextParagraph para;
  GError *error = NULL;

  while (bitext_reader_next_paragraph (reader, &para, &error))
    {
      g_assert_cmpuint (para.index, ==, got->len);
      g_assert_cmpuint (strlen (para.text), ==, para.length);
      g_ptr_array_add (got,
                       g_strdup_printf ("%" G_GSIZE_FORMAT ":%s", para.text_offset, para.text));
    }
  g_assert_no_error (error);
  g_assert_false (bitext_reader_next_paragraph (reader, &para, &error));
  g_assert_no_error (error);
  return got;
}

/* The same for a document. */
static GPtrArray *
document_paragraphs (const BitextDocument *doc)
{
  GPtrArray *got = g_ptr_array_new_with_free_func (g_free);
  const char *text = bitext_document_get_text (doc, NULL);

  for (guint i = 0; i < bitext_document_get_n_paragraphs (doc); i++)
    {
      BitextSpan s = bitext_document_get_paragraph (doc, i);
      g_ptr_array_add (got, g_strdup_printf ("%" G_GSIZE_FORMAT ":%.*s", s.offset, (int) s.length,
                                             text + s.offset));
    }
  return got;
}

static void
assert_strv (GPtrArray *got, const char *const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < MIN (got->len, n); i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, expected[i]);
  g_assert_cmpuint (got->len, ==, n);
}

/* Check DATA's paragraphs through a reader over memory, over a file and through a document. */
static void
assert_paragraphs (const char *data, gsize len, const char *const *expected)
{
  g_autoptr(BitextReader) mem = bitext_reader_new_for_data ("mem", data, len);
  g_autoptr(GPtrArray) got = read_paragraphs (mem);
  assert_strv (got, expected);

  g_autofree char *path = write_tmp ("paragraphs.txt", data, len);
  GError *error = NULL;
  g_autoptr(BitextReader) file = bitext_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_autoptr(GPtrArray) got_file = read_paragraphs (file);
  assert_strv (got_file, expected);

  g_autoptr(BitextDocument) doc = load_data (data, len);
  g_autoptr(GPtrArray) got_doc = document_paragraphs (doc);
  assert_strv (got_doc, expected);
}

static void
assert_text (const BitextDocument *doc, const char *expected)
{
  gsize len = 0;
  const char *text = bitext_document_get_text (doc, &len);

  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (len, ==, strlen (expected));
}

static void
assert_position (BitextPosition pos, guint line, guint column)
{
  g_assert_cmpuint (pos.line, ==, line);
  g_assert_cmpuint (pos.column, ==, column);
}

/* Read DATA through a reader until it fails; returns the paragraphs read before, and the error. */
static GPtrArray *
read_until_error (const char *name, const char *data, gsize len, GError **error)
{
  g_autoptr(BitextReader) reader = bitext_reader_new_for_data (name, data, len);
  GPtrArray *got = g_ptr_array_new_with_free_func (g_free);
  BitextParagraph para;

  while (bitext_reader_next_paragraph (reader, &para, error))
    g_ptr_array_add (got, g_strdup (para.text));
  g_assert_nonnull (*error);
  /* Sticky: the same error again. */
  GError *again = NULL;
  g_assert_false (bitext_reader_next_paragraph (reader, &para, &again));
  g_assert_error (again, (*error)->domain, (*error)->code);
  g_assert_cmpstr (again->message, ==, (*error)->message);
  g_error_free (again);
  return got;
}

/* Load DATA from a file NAME and return the error (asserting it fails). */
static GError *
load_error (const char *name, const char *data, gsize len)
{
  g_autofree char *path = write_tmp (name, data, len);
  GError *error = NULL;
  g_autoptr(BitextDocument) doc = bitext_document_load (path, &error);

  g_assert_null (doc);
  g_assert_nonnull (error);
  return error;
}

/* DATA (UTF-8) as UTF-16 with a BOM. */
static char *
utf16_bytes (const char *utf8, gboolean big_endian, gsize *len)
{
  glong n = 0;
  g_autofree gunichar2 *u = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
  char *out = g_malloc (2 * (gsize) n + 2);

  for (glong i = -1; i < n; i++)
    {
      gunichar2 c = i < 0 ? 0xFEFF : u[i];
      out[2 * (i + 1) + (big_endian ? 1 : 0)] = (char) (c & 0xFF);
      out[2 * (i + 1) + (big_endian ? 0 : 1)] = (char) (c >> 8);
    }
  *len = 2 * (gsize) n + 2;
  return out;
}

static GString *reference_text (const GString *input, GArray *source_of);

/* ---- UTF-8 ---------------------------------------------------------------- */

static void
test_utf8_paragraphs (void)
{
  static const char input[] = "Hello world.\nSecond line.\n\nNext para.\n";
  static const char *const expected[] = { "0:Hello world.\nSecond line.", "27:Next para.", NULL };

  assert_paragraphs (input, sizeof input - 1, expected);
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);
  assert_text (doc, input);
  g_assert_cmpstr (bitext_document_get_name (doc), ==, "test");
}

static void
test_utf8_invalid_position (void)
{
  /* Four Cyrillic letters (8 bytes) on line 3 before the bad byte: column 5, offset 6 + 8. */
  static const char input[] = "ab\ncd\n\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xff" "et\n";
  GError *error = load_error ("bad.txt", input, sizeof input - 1);
  g_autofree char *path = g_build_filename (tmpdir, "bad.txt", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:3:5: invalid UTF-8 (byte offset 14)", path);

  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, expected);
  g_error_free (error);

  error = NULL;
  g_autoptr(GPtrArray) before = read_until_error ("bad", input, sizeof input - 1, &error);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "bad:3:5: invalid UTF-8 (byte offset 14)");
  g_assert_cmpuint (before->len, ==, 0);  /* "ab\ncd" is one paragraph with the bad line */
  g_error_free (error);
}

static void
test_utf8_error_after_paragraphs (void)
{
  static const char input[] = "para one\n\nab\xc3(\n";
  GError *error = NULL;
  g_autoptr(GPtrArray) before = read_until_error ("x", input, sizeof input - 1, &error);
  static const char *const expected[] = { "para one", NULL };

  assert_strv (before, expected);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "x:3:3: invalid UTF-8 (byte offset 12)" ADVICE_UNCLEAR);
  g_error_free (error);
}

static void
test_utf8_truncated (void)
{
  static const struct { const char *input; const char *message; } cases[] = {
    { "abc\xd0", "t:1:4: invalid UTF-8 (byte offset 3)" },
    { "\xc0\x80", "t:1:1: invalid UTF-8 (byte offset 0)" ADVICE_NONE },      /* overlong NUL */
    { "x\n\xed\xa0\x80", "t:2:1: invalid UTF-8 (byte offset 2)" ADVICE_NONE }, /* surrogate */
    { "  \t\xfe", "t:1:4: invalid UTF-8 (byte offset 3)" ADVICE_NONE },     /* after blanks */
    { "a\r\xe2\x82", "t:2:1: invalid UTF-8 (byte offset 2)" },              /* CR ends line 1 */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GError *error = NULL;
      g_autoptr(GPtrArray) before = read_until_error ("t", cases[i].input,
                                                      strlen (cases[i].input), &error);
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_error_free (error);
    }
}

/* A character cut by the 64 KiB read window, then a bad byte at the window's end. */
static void
test_utf8_across_window (void)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; i < 65535; i++)
    g_string_append_c (s, 'a');
  g_string_append (s, "\xd0\x9f\n\nb");
  g_autofree char *path = write_tmp ("window.txt", s->str, s->len);
  GError *error = NULL;
  g_autoptr(BitextDocument) doc = bitext_document_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_document_get_n_paragraphs (doc), ==, 2);
  g_assert_cmpuint (bitext_document_get_paragraph (doc, 0).length, ==, 65537);
  assert_position (bitext_document_get_position (doc, 65537), 1, 65537);

  g_string_truncate (s, 65535);
  g_string_append (s, "\xd0" "A\n");
  GError *bad = load_error ("window-bad.txt", s->str, s->len);
  g_autofree char *bad_path = g_build_filename (tmpdir, "window-bad.txt", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:1:65536: invalid UTF-8 (byte offset 65535)" ADVICE_NONE,
                                               bad_path);
  g_assert_error (bad, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpstr (bad->message, ==, expected);
  g_error_free (bad);
  g_string_free (s, TRUE);
}

/* The message READER gives for DATA must name the first bad byte that g_utf8_validate() finds. */
static void
assert_checks_like_glib (BitextReader *reader, const char *data, gsize len)
{
  const char *end = NULL;
  gboolean valid = g_utf8_validate_len (data, len, &end);
  BitextParagraph para;
  GError *error = NULL;

  while (bitext_reader_next_paragraph (reader, &para, &error))
    ;
  if (valid)
    {
      g_assert_no_error (error);
      return;
    }
  g_autofree char *expected = g_strdup_printf ("%s (byte offset %" G_GSIZE_FORMAT ")",
                                               *end == 0 ? "NUL byte: not a text file"
                                                         : "invalid UTF-8",
                                               (gsize) (end - data));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  if (!g_str_has_suffix (error->message, expected))
    g_error ("%s: expected ...%s", error->message, expected);
  g_error_free (error);
}

/*
** Random text made of good characters of every length and, now and then, a
** bad sequence of one kind or another, checked as GLib checks it.
*/
static void
test_utf8_matches_glib (void)
{
  static const char *const good[] = { "a", " ", "\n", "\xc2\xa0", "\xd0\x96", "\xdf\xbf",
                                       "\xcc\x81", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xef\xbf\xbf",
                                       "\xe4\xb8\xad", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf" };
  static const char *const bad[] = { "\xc0\x80", "\xc1\xbf", "\x80", "\xbf", "\xd0", "\xd0 ",
                                     "\xe0\x80\x80", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
                                     "\xe2\x82", "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf",
                                     "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf8", "\xff",
                                     "\xd0\xd0\x96", "\xf0\x90\x80" };
  GRand *rand = g_rand_new_with_seed (7);

  /* Each bad sequence at each alignment in a 16-byte block, then ASCII or Cyrillic. */
  for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
    for (int shift = 0; shift < 40; shift++)
      {
        g_autoptr(GString) s = g_string_new ("x");
        for (int k = 0; k < shift; k++)
          g_string_append (s, shift % 2 ? "\xd0\x96" : "b");
        g_string_append (s, bad[b]);
        g_string_append (s, shift % 3 ? "abcdefghijklmnop" : "\xd0\x96\xd0\x96\xd0\x96\xd0\x96");
        g_autoptr(BitextReader) reader = bitext_reader__new_raw ("r", s->str, s->len);
        assert_checks_like_glib (reader, s->str, s->len);
      }
  for (int i = 0; i < 40000; i++)
    {
      g_autoptr(GString) s = g_string_new ("x");  /* no BOM */
      for (int k = g_rand_int_range (rand, 1, 40); k > 0; k--)
        {
          int r = g_rand_int_range (rand, 0, 60);
          if (r < (int) G_N_ELEMENTS (bad))
            g_string_append (s, bad[r]);
          else if (r == 59)
            g_string_append_c (s, '\0');
          else
            g_string_append (s, good[r % G_N_ELEMENTS (good)]);
        }
      g_autoptr(BitextReader) reader = bitext_reader__new_raw ("r", s->str, s->len);
      assert_checks_like_glib (reader, s->str, s->len);
    }
  g_rand_free (rand);
}

/* ---- Encodings ------------------------------------------------------------ */

static void
test_bom_utf8 (void)
{
  static const char input[] = "\xef\xbb\xbfHello\n\nWorld";
  static const char *const expected[] = { "0:Hello", "7:World", NULL };

  assert_paragraphs (input, sizeof input - 1, expected);
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);
  assert_text (doc, "Hello\n\nWorld");
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 0), ==, 3);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 7), ==, 10);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 12), ==, 15);
  assert_position (bitext_document_get_position (doc, 7), 3, 1);
  assert_position (bitext_document_get_position (doc, 0), 1, 1);
}

static void
test_utf16_le (void)
{
  gsize len = 0;
  g_autofree char *input = utf16_bytes ("Hi\r\nПривет 𝄞!\n\n\n", FALSE, &len);
  static const char *const expected[] = { "0:Hi\nПривет 𝄞!", NULL };

  assert_paragraphs (input, len, expected);
  g_autoptr(BitextDocument) doc = load_data (input, len);
  assert_text (doc, "Hi\nПривет 𝄞!\n\n\n");
  /* BOM 2 + "Hi" 4 + CRLF 4 = 10; six Cyrillic letters and a space 14; U+1D11E 4. */
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 0), ==, 2);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 3), ==, 10);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 16), ==, 24);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 20), ==, 28);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 21), ==, 30);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 24), ==, len);
  assert_position (bitext_document_get_position (doc, 20), 2, 9);
}

static void
test_utf16_be (void)
{
  gsize len = 0;
  g_autofree char *input = utf16_bytes ("A\nB\r\rЖ", TRUE, &len);
  static const char *const expected[] = { "0:A\nB", "5:Ж", NULL };

  assert_paragraphs (input, len, expected);
  g_autoptr(BitextDocument) doc = load_data (input, len);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 5), ==, 2 + 5 * 2);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 7), ==, len);
  assert_position (bitext_document_get_position (doc, 5), 4, 1);
}

static void
test_utf16_errors (void)
{
  static const struct { const char *input; gsize len; const char *message; } cases[] = {
    { "\xff\xfe" "a\0b\0\x00\xd8" "c\0", 10, "u:1:3: invalid UTF-16 (byte offset 6)" },
    { "\xff\xfe" "a\0\x00\xdc", 6, "u:1:2: invalid UTF-16 (byte offset 4)" },
    { "\xfe\xff" "\0a\xd8\x00", 6, "u:1:2: invalid UTF-16 (byte offset 4)" },  /* at the end */
    { "\xff\xfe" "a\0b", 5, "u:1:2: invalid UTF-16 (byte offset 4)" },         /* odd length */
    { "\xff\xfe" "a\0\n\0\0\0", 8, "u:2:1: NUL byte: not a text file (byte offset 6)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GError *error = NULL;
      g_autoptr(GPtrArray) before = read_until_error ("u", cases[i].input, cases[i].len, &error);
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_error_free (error);
    }
}

static void
test_utf16_paragraphs_before_error (void)
{
  static const char input[] = "\xff\xfe" "a\0\n\0\n\0b\0\x00\xdc";
  GError *error = NULL;
  g_autoptr(GPtrArray) before = read_until_error ("u", input, sizeof input - 1, &error);
  static const char *const expected[] = { "a", NULL };

  assert_strv (before, expected);
  g_assert_cmpstr (error->message, ==, "u:3:2: invalid UTF-16 (byte offset 10)");
  g_error_free (error);
}

/* ---- Newlines, blank lines, NFC ------------------------------------------ */

static void
test_newlines_crlf (void)
{
  static const char input[] = "one\r\ntwo\r\n\r\nthree\r\n";
  static const char *const expected[] = { "0:one\ntwo", "9:three", NULL };

  assert_paragraphs (input, sizeof input - 1, expected);
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);
  assert_text (doc, "one\ntwo\n\nthree\n");
}

static void
test_newlines_cr (void)
{
  static const char input[] = "one\rtwo\r\rthree";
  static const char *const expected[] = { "0:one\ntwo", "9:three", NULL };

  assert_paragraphs (input, sizeof input - 1, expected);
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);
  assert_text (doc, "one\ntwo\n\nthree");
  assert_position (bitext_document_get_position (doc, 4), 2, 1);
  assert_position (bitext_document_get_position (doc, 9), 4, 1);
  assert_position (bitext_document_get_position (doc, 14), 4, 6);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 9), ==, 9);
}

static void
test_newlines_mixed (void)
{
  static const char input[] = "a\nb\r\nc\rd\r\r\ne\n\r";
  static const char *const expected[] = { "0:a\nb\nc\nd", "9:e", NULL };

  assert_paragraphs (input, sizeof input - 1, expected);
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);
  assert_text (doc, "a\nb\nc\nd\n\ne\n\n");
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 4), ==, 5);   /* c */
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 6), ==, 7);   /* d */
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 9), ==, 11);  /* e */
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 12), ==, 14); /* end */
  assert_position (bitext_document_get_position (doc, 9), 6, 1);
  assert_position (bitext_document_get_position (doc, 12), 8, 1);
}

static void
test_nfc_decomposed (void)
{
  /* "Cafe" U+0301 " nai" U+0308 "ve" */
  static const char input[] = "Cafe\xcc\x81 nai\xcc\x88ve\n";
  static const char *const expected[] = { "0:Café naïve", NULL };

  assert_paragraphs (input, sizeof input - 1, expected);
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);
  assert_text (doc, "Café naïve\n");
  static const gsize map[][2] = { { 0, 0 }, { 3, 3 }, { 5, 6 }, { 6, 7 }, { 8, 9 }, { 10, 12 },
                                  { 12, 14 }, { 13, 15 } };
  for (gsize i = 0; i < G_N_ELEMENTS (map); i++)
    g_assert_cmpuint (bitext_document_get_source_offset (doc, map[i][0]), ==, map[i][1]);
  assert_position (bitext_document_get_position (doc, 10), 1, 9);
}

static void
test_nfc_other_changes (void)
{
  static const struct { const char *input, *text; gsize end_source; } cases[] = {
    { "\xe1\x84\x80\xe1\x85\xa1!", "\xea\xb0\x80!", 7 },   /* Hangul L+V -> U+AC00 */
    { "x\xef\xa4\x80y", "x\xe8\xb1\x88y", 5 },             /* U+F900 -> U+8C48 */
    { "\xe0\xa5\x98.", "\xe0\xa4\x95\xe0\xa4\xbc.", 4 },   /* U+0958 -> U+0915 U+093C */
    { "\xcc\x81x", "\xcc\x81x", 3 },                       /* a mark first: unchanged */
    { "a\xcc\xa3\xcc\x87" "b", "\xe1\xba\xa1\xcc\x87" "b", 6 }, /* reordered, composed */
    { "a\xcc\x87\xcc\xa3" "b", "\xe1\xba\xa1\xcc\x87" "b", 6 },
    { "\xd9\x83\xd9\x8e\xd8\xaa\xd9\x8e", "\xd9\x83\xd9\x8e\xd8\xaa\xd9\x8e", 8 }, /* already NFC */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BitextDocument) doc = load_data (cases[i].input, strlen (cases[i].input));
      gsize len = 0;
      const char *text = bitext_document_get_text (doc, &len);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpuint (bitext_document_get_source_offset (doc, len), ==, cases[i].end_source);
      g_assert_cmpuint (bitext_document_get_source_offset (doc, len - 1), ==,
                        cases[i].end_source - 1);
    }
}

/*
** Random lines full of characters that NFC changes, or might: the text must
** be GLib's NFC of the lines, and every line start must map back exactly.
*/
static void
test_nfc_random (void)
{
  static const char *const pieces[] = { "a", "e", " ", "\xcc\x81", "\xcc\x88", "\xcc\xa3",
                                        "\xcc\xa7", "\xe1\x84\x80", "\xe1\x85\xa1",
                                        "\xe1\x86\xa8", "\xef\xa4\x80", "\xe0\xa5\x98",
                                        "\xcd\x84", "\xc3\xa9", "\xd0\x96", "\xf0\x9d\x85\x97",
                                        "\xf0\x9d\x85\xa5", "\xe2\x84\xab", "\xd9\x8e" };
  static const char *const ends[] = { "\n", "\r\n", "\r", "\n\n" };
  GRand *rand = g_rand_new_with_seed (3);
  g_autoptr(GArray) source_of = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (int round = 0; round < 200; round++)
    {
      g_autoptr(GString) input = g_string_new (NULL);
      for (int line = g_rand_int_range (rand, 1, 8); line > 0; line--)
        {
          for (int k = g_rand_int_range (rand, 1, 30); k > 0; k--)
            g_string_append (input, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          g_string_append (input, ends[g_rand_int_range (rand, 0, G_N_ELEMENTS (ends))]);
        }
      g_autoptr(GString) raw = reference_text (input, source_of);
      g_autofree char *expected = g_utf8_normalize (raw->str, (gssize) raw->len, G_NORMALIZE_NFC);
      g_autoptr(BitextDocument) doc = load_data (input->str, input->len);
      assert_text (doc, expected);

      /* Line k starts after the k-th '\n' in both texts. */
      const char *text = bitext_document_get_text (doc, NULL);
      gsize t = 0, r = 0;
      for (guint line = 1;; line++)
        {
          g_assert_cmpuint (bitext_document_get_source_offset (doc, t), ==,
                            g_array_index (source_of, gsize, r));
          assert_position (bitext_document_get_position (doc, t), line, 1);
          const char *nt = strchr (text + t, '\n'), *nr = strchr (raw->str + r, '\n');
          g_assert_true ((nt == NULL) == (nr == NULL));
          if (nt == NULL)
            break;
          g_assert_cmpuint (bitext_document_get_source_offset (doc, (gsize) (nt - text)), ==,
                            g_array_index (source_of, gsize, nr - raw->str));
          t = (gsize) (nt - text) + 1;
          r = (gsize) (nr - raw->str) + 1;
        }
    }
  g_rand_free (rand);
}

static void
test_paragraphs_blank_lines (void)
{
  static const char input[] = "a\n  \t \nb\n \n\n  c\n";
  static const char *const expected[] = { "0:a", "3:b", "7:  c", NULL };

  assert_paragraphs (input, sizeof input - 1, expected);
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);
  assert_text (doc, "a\n\nb\n\n\n  c\n");
  static const gsize map[][2] = { { 0, 0 }, { 1, 1 }, { 2, 2 }, { 3, 7 }, { 4, 8 }, { 5, 9 },
                                  { 6, 11 }, { 7, 12 }, { 9, 14 }, { 10, 15 }, { 11, 16 } };
  for (gsize i = 0; i < G_N_ELEMENTS (map); i++)
    g_assert_cmpuint (bitext_document_get_source_offset (doc, map[i][0]), ==, map[i][1]);
  assert_position (bitext_document_get_position (doc, 2), 2, 1);
  assert_position (bitext_document_get_position (doc, 5), 4, 1);
  assert_position (bitext_document_get_position (doc, 6), 5, 1);
  assert_position (bitext_document_get_position (doc, 9), 6, 3);
  assert_position (bitext_document_get_position (doc, 11), 7, 1);
}

static void
test_paragraphs_indentation (void)
{
  static const char input[] = "\n\n  indented\n\tline two \n \t\n\n\tnext";
  static const char *const expected[] = { "2:  indented\n\tline two ", "26:\tnext", NULL };

  assert_paragraphs (input, sizeof input - 1, expected);
}

/* ---- Errors and edge cases ------------------------------------------------ */

static void
test_error_missing (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "missing.txt", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: No such file or directory", path);
  GError *error = NULL;

  g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
  g_assert_null (reader);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_autoptr(BitextDocument) doc = bitext_document_load (path, &error);
  g_assert_null (doc);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpstr (error->message, ==, expected);
  g_error_free (error);
}

static void
test_error_directory (void)
{
  g_autofree char *expected = g_strdup_printf ("%s: is a directory", tmpdir);
  GError *error = NULL;
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path (tmpdir, &error);

  g_assert_null (reader);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
  g_assert_cmpstr (error->message, ==, expected);
  g_error_free (error);
}

static void
test_error_not_regular (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "socket", NULL);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  if (strlen (path) >= sizeof addr.sun_path)
    {
      close (fd);
      g_test_skip ("temporary directory path too long for a socket");
      return;
    }
  strcpy (addr.sun_path, path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);

  g_autofree char *expected = g_strdup_printf ("%s: not a regular file", path);
  GError *error = NULL;
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
  g_assert_null (reader);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
  g_assert_cmpstr (error->message, ==, expected);
  g_error_free (error);
  close (fd);
  g_unlink (path);
}

/* A read error comes from next_paragraph(), not from the constructor: /proc/self/mem gives EIO. */
static void
test_error_read (void)
{
  const char *path = "/proc/self/mem";
  GError *error = NULL;
  BitextParagraph para;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no /proc/self/mem");
      return;
    }
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_false (bitext_reader_next_paragraph (reader, &para, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_IO);
  g_assert_cmpstr (error->message, ==, "/proc/self/mem: Input/output error");
  g_error_free (error);
}

static void
test_error_nul (void)
{
  static const char input[] = "abc\n\0def";
  GError *error = load_error ("nul.txt", input, sizeof input - 1);
  g_autofree char *path = g_build_filename (tmpdir, "nul.txt", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:2:1: NUL byte: not a text file (byte offset 4)",
                                               path);

  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, expected);
  g_error_free (error);
}

static void
test_empty (void)
{
  static const char *const none[] = { NULL };

  assert_paragraphs ("", 0, none);
  g_autoptr(BitextDocument) doc = load_data (NULL, 0);
  assert_text (doc, "");
  g_assert_cmpuint (bitext_document_get_n_paragraphs (doc), ==, 0);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 0), ==, 0);
  assert_position (bitext_document_get_position (doc, 0), 1, 1);

  g_autoptr(BitextDocument) blank = load_data ("\n \r\n\t", 5);
  assert_text (blank, "\n\n");
  g_assert_cmpuint (bitext_document_get_n_paragraphs (blank), ==, 0);
  g_assert_cmpuint (bitext_document_get_source_offset (blank, 2), ==, 4);

  g_autoptr(BitextDocument) bom = load_data ("\xef\xbb\xbf", 3);
  assert_text (bom, "");
  g_autofree char *path = write_tmp ("empty.txt", "", 0);
  GError *error = NULL;
  g_autoptr(BitextDocument) file = bitext_document_load (path, &error);
  g_assert_no_error (error);
  assert_text (file, "");
}

/* ---- Source offsets and positions ----------------------------------------- */

static void
test_source_offset_crlf (void)
{
  static const char input[] = "ab\r\ncd\r\n\r\nef";
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);
  static const gsize map[][2] = { { 0, 0 }, { 2, 2 }, { 3, 4 }, { 5, 6 }, { 6, 8 }, { 7, 10 },
                                  { 9, 12 } };

  assert_text (doc, "ab\ncd\n\nef");
  for (gsize i = 0; i < G_N_ELEMENTS (map); i++)
    g_assert_cmpuint (bitext_document_get_source_offset (doc, map[i][0]), ==, map[i][1]);

  /* The reader gives the same at the end of each paragraph. */
  g_autoptr(BitextReader) reader = bitext_reader_new_for_data ("r", input, sizeof input - 1);
  BitextParagraph para;
  GError *error = NULL;
  g_assert_true (bitext_reader_next_paragraph (reader, &para, &error));
  gsize end = para.text_offset + para.length;
  g_assert_cmpuint (bitext_reader_get_source_offset (reader, end), ==, 6);
  g_assert_true (bitext_reader_next_paragraph (reader, &para, &error));
  end = para.text_offset + para.length;
  g_assert_cmpuint (bitext_reader_get_source_offset (reader, para.text_offset), ==, 10);
  g_assert_cmpuint (bitext_reader_get_source_offset (reader, end), ==, 12);
  g_assert_no_error (error);
}

static void
test_position_cyrillic (void)
{
  static const char input[] = "Привет, мир!\nЁлка\n";
  g_autoptr(BitextDocument) doc = load_data (input, sizeof input - 1);

  assert_position (bitext_document_get_position (doc, 14), 1, 9);
  assert_position (bitext_document_get_position (doc, 21), 1, 13);
  assert_position (bitext_document_get_position (doc, 22), 2, 1);
  assert_position (bitext_document_get_position (doc, 24), 2, 2);
  assert_position (bitext_document_get_position (doc, 31), 3, 1);
}

/* Positions and offsets deep inside a paragraph longer than the mark stride. */
static void
test_position_long_paragraph (void)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; s->len < 400000; i++)
    g_string_append_printf (s, "%u Съешь же ещё этих мягких булок%s\r\n", i,
                            i % 7 == 0 ? " и выпей чаю" : "");
  g_autoptr(BitextDocument) doc = load_data (s->str, s->len);
  gsize len = 0;
  const char *text = bitext_document_get_text (doc, &len);
  g_assert_cmpuint (bitext_document_get_n_paragraphs (doc), ==, 1);

  guint line = 1, column = 1;
  gsize crs = 0;
  for (gsize t = 0; t < len; t++)
    {
      if ((guchar) text[t] >> 6 == 2)
        continue;
      if (t % 97 == 0 || text[t] == '\n')
        {
          assert_position (bitext_document_get_position (doc, t), line, column);
          g_assert_cmpuint (bitext_document_get_source_offset (doc, t), ==, t + crs);
        }
      if (text[t] == '\n')
        line++, column = 1, crs++;
      else
        column++;
    }
  g_string_free (s, TRUE);
}

/* ---- Streaming ------------------------------------------------------------ */

static void
test_stream_stdin (void)
{
  static const char input[] = "from\nstdin\n\nok";
  g_autofree char *path = write_tmp ("stdin.txt", input, sizeof input - 1);
  int saved = dup (STDIN_FILENO);
  int fd = g_open (path, O_RDONLY, 0);

  g_assert_cmpint (dup2 (fd, STDIN_FILENO), ==, STDIN_FILENO);
  close (fd);
  GError *error = NULL;
  BitextReader *reader = bitext_reader_new_for_path ("-", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bitext_reader_get_name (reader), ==, "<stdin>");
  g_autoptr(GPtrArray) got = read_paragraphs (reader);
  static const char *const expected[] = { "0:from\nstdin", "12:ok", NULL };
  assert_strv (got, expected);
  bitext_reader_free (reader);
  g_assert_cmpint (fcntl (STDIN_FILENO, F_GETFD), !=, -1);  /* not closed */
  dup2 (saved, STDIN_FILENO);
  close (saved);
}

static void
test_stream_crlf_across_window (void)
{
  GString *s = g_string_new (NULL);
  for (int i = 0; i < 65535; i++)
    g_string_append_c (s, 'a');
  g_string_append (s, "\r\nb\r\n");
  g_autofree char *path = write_tmp ("crlf-window.txt", s->str, s->len);
  GError *error = NULL;
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  BitextParagraph para;
  g_assert_true (bitext_reader_next_paragraph (reader, &para, &error));
  g_assert_cmpuint (para.length, ==, 65537);
  g_assert_cmpstr (para.text + 65535, ==, "\nb");
  g_assert_cmpuint (bitext_reader_get_source_offset (reader, 65535), ==, 65535);
  g_assert_cmpuint (bitext_reader_get_source_offset (reader, 65536), ==, 65537);
  g_assert_cmpuint (bitext_reader_get_source_offset (reader, 65537), ==, 65538);
  assert_position (bitext_reader_get_position (reader, 65536), 2, 1);
  g_assert_false (bitext_reader_next_paragraph (reader, &para, &error));
  g_assert_no_error (error);
  g_string_free (s, TRUE);
}

/* One line of 8 MB, no newline: it works, and positions stay exact. */
static void
test_stream_huge_line (void)
{
  GString *s = g_string_new (NULL);
  while (s->len < 8 * 1024 * 1024)
    g_string_append (s, "ёжик в тумане ");
  g_autofree char *path = write_tmp ("huge.txt", s->str, s->len);
  GError *error = NULL;
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  BitextParagraph para;
  g_assert_true (bitext_reader_next_paragraph (reader, &para, &error));
  g_assert_cmpuint (para.length, ==, s->len);
  g_assert_true (memcmp (para.text, s->str, s->len) == 0);
  glong chars = g_utf8_strlen (s->str, (gssize) s->len);
  assert_position (bitext_reader_get_position (reader, s->len), 1, (guint) chars + 1);
  assert_position (bitext_reader_get_position (reader, s->len - 1), 1, (guint) chars);
  g_assert_cmpuint (bitext_reader_get_source_offset (reader, s->len), ==, s->len);
  g_string_free (s, TRUE);
}

/*
** A random input of about SIZE bytes: words in ASCII and Cyrillic, leading
** spaces, blank lines with spaces, LF, CRLF and CR line ends, long lines.
*/
static GString *
random_input (GRand *rand, gsize size)
{
  static const char *const words[] = { "alpha", "beta", "Жук", "щётка", "x", "—", "9.5",
                                       "€" };
  static const char *const ends[] = { "\n", "\r\n", "\r" };
  GString *s = g_string_new (NULL);

  while (s->len < size)
    {
      int kind = g_rand_int_range (rand, 0, 10);
      if (kind < 2)
        g_string_append (s, kind == 0 ? "" : g_rand_boolean (rand) ? "  " : " \t ");
      else
        {
          int n = kind == 9 ? g_rand_int_range (rand, 2000, 20000) : g_rand_int_range (rand, 1, 12);
          if (g_rand_int_range (rand, 0, 5) == 0)
            g_string_append (s, "  ");
          for (int i = 0; i < n; i++)
            g_string_append_printf (s, "%s%s", i ? " " : "",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      g_string_append (s, ends[g_rand_int_range (rand, 0, 3)]);
    }
  return s;
}

/*
** The normalised text of INPUT (no NFC changes in it) computed the slow way,
** with the expected source offset of every text offset.
*/
static GString *
reference_text (const GString *input, GArray *source_of)
{
  GString *text = g_string_new (NULL);
  gsize i = 0, n = input->len;

  g_array_set_size (source_of, 0);
  while (i <= n)
    {
      gsize end = i;
      while (end < n && input->str[end] != '\n' && input->str[end] != '\r')
        end++;
      gboolean blank = TRUE;
      for (gsize k = i; k < end; k++)
        blank = blank && (input->str[k] == ' ' || input->str[k] == '\t');
      if (!blank)
        for (gsize k = i; k < end; k++)
          {
            g_string_append_c (text, input->str[k]);
            g_array_append_val (source_of, k);
          }
      gsize at = blank ? i : end;
      g_array_append_val (source_of, at);  /* the '\n', or the end of the text */
      if (end == n)
        break;
      g_string_append_c (text, '\n');
      i = end + (input->str[end] == '\r' && end + 1 < n && input->str[end + 1] == '\n' ? 2 : 1);
    }
  /* The end of the text after a final line end is the end of the input. */
  if (n > 0 && (input->str[n - 1] == '\n' || input->str[n - 1] == '\r'))
    g_array_index (source_of, gsize, text->len) = n;
  return text;
}

static void
assert_matches_reference (const char *what, BitextDocument *doc, const GString *ref,
                          const GArray *source_of)
{
  gsize len = 0;
  const char *text = bitext_document_get_text (doc, &len);
  guint line = 1, column = 1;

  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", what, len);
  g_assert_cmpuint (len, ==, ref->len);
  g_assert_true (memcmp (text, ref->str, len) == 0);
  for (gsize t = 0; t <= len; t++)
    {
      if (t < len && (guchar) text[t] >> 6 == 2)
        continue;
      if (t % (len > 100000 ? 131 : 13) == 0 || t == len || text[t] == '\n')
        {
          g_assert_cmpuint (bitext_document_get_source_offset (doc, t), ==,
                            g_array_index (source_of, gsize, t));
          assert_position (bitext_document_get_position (doc, t), line, column);
        }
      if (t < len && text[t] == '\n')
        line++, column = 1;
      else
        column++;
    }
}

/*
** Read with a reader the way the segmenter does (one paragraph held back,
** forget at each new paragraph) and check every answer against the document.
*/
static void
assert_stream_matches (BitextReader *reader, BitextDocument *doc)
{
  BitextParagraph para;
  GError *error = NULL;
  gsize prev = 0;
  guint n = 0;

  while (bitext_reader_next_paragraph (reader, &para, &error))
    {
      BitextSpan span = bitext_document_get_paragraph (doc, n++);
      g_assert_cmpuint (para.text_offset, ==, span.offset);
      g_assert_cmpuint (para.length, ==, span.length);
      g_assert_true (memcmp (para.text, bitext_document_get_text (doc, NULL) + span.offset,
                             span.length) == 0);
      for (gsize t = prev; t <= para.text_offset + para.length; t += 1 + t % 61)
        {
          BitextPosition a = bitext_reader_get_position (reader, t);
          BitextPosition b = bitext_document_get_position (doc, t);
          if ((guchar) bitext_document_get_text (doc, NULL)[t] >> 6 == 2)
            continue;
          assert_position (a, b.line, b.column);
          g_assert_cmpuint (bitext_reader_get_source_offset (reader, t), ==,
                            bitext_document_get_source_offset (doc, t));
        }
      bitext_reader_forget (reader, para.text_offset);
      prev = para.text_offset;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, bitext_document_get_n_paragraphs (doc));
}

static void
test_stream_random (void)
{
  g_autoptr(GArray) source_of = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (guint32 seed = 1; seed <= 6; seed++)
    {
      GRand *rand = g_rand_new_with_seed (seed);
      GString *input = random_input (rand, seed % 2 ? 3000 : 300000);
      GString *ref = reference_text (input, source_of);
      g_autofree char *path = write_tmp ("random.txt", input->str, input->len);
      GError *error = NULL;

      g_autoptr(BitextDocument) doc = bitext_document_load (path, &error);
      g_assert_no_error (error);
      assert_matches_reference ("file", doc, ref, source_of);
      g_autoptr(BitextDocument) mem = load_data (input->str, input->len);
      assert_matches_reference ("memory", mem, ref, source_of);

      g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
      g_assert_no_error (error);
      assert_stream_matches (reader, doc);

      g_string_free (ref, TRUE);
      g_string_free (input, TRUE);
      g_rand_free (rand);
    }
}

/* With a BOM, UTF-16 and NFC changes the reader still agrees with the document. */
static void
test_stream_encodings (void)
{
  GRand *rand = g_rand_new_with_seed (42);
  GString *input = random_input (rand, 200000);
  g_string_replace (input, "beta", "be\xcc\x81ta", 0);

  for (int variant = 0; variant < 4; variant++)
    {
      g_autofree char *data = NULL;
      gsize len = input->len;
      if (variant == 0)
        data = g_strdup (input->str);
      else if (variant == 1)
        data = g_strconcat ("\xef\xbb\xbf", input->str, NULL), len += 3;
      else
        data = utf16_bytes (input->str, variant == 3, &len);
      g_autofree char *path = write_tmp ("encodings.txt", data, len);
      GError *error = NULL;
      g_autoptr(BitextDocument) doc = load_data (data, len);
      g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
      g_assert_no_error (error);
      assert_stream_matches (reader, doc);
    }
  g_string_free (input, TRUE);
  g_rand_free (rand);
}


/* ---- Formats ------------------------------------------------------------- */

static void
test_format_detect (void)
{
  static const struct { const char *data; gsize len; BitextFormat format; } cases[] = {
    { "%PDF-1.7\n", 9, BITEXT_FORMAT_PDF },
    { "<!DOCTYPE html>\n<html>", 22, BITEXT_FORMAT_HTML },
    { "<?xml version=\"1.0\"?>\n<!-- c -->\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", 76,
      BITEXT_FORMAT_HTML },
    { "<?xml version=\"1.0\"?><xliff version=\"1.2\">", 42, BITEXT_FORMAT_XLIFF },
    { "<?xml version=\"1.0\"?><tmx version=\"1.4\">", 40, BITEXT_FORMAT_TMX },
    { "<?xml version=\"1.0\"?><svg/>", 27, BITEXT_FORMAT_XML },
    { "# comment\nmsgid \"\"\nmsgstr \"\"\n", 29, BITEXT_FORMAT_PO },
    { ".\\\" comment\n.TH LS 1\n", 21, BITEXT_FORMAT_MAN },
    { "\xEF\xBB\xBF<p>Hi</p>", 12, BITEXT_FORMAT_HTML },
    { "<\0p\0>\0H\0i\0 \0", 12, BITEXT_FORMAT_HTML },          /* UTF-16LE without BOM */
    { "Plain text.\n", 12, BITEXT_FORMAT_TEXT },
    { "\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0", 10, BITEXT_FORMAT_TEXT },  /* cp1251 */
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, BITEXT_FORMAT_BINARY },
    { "\x1f\x8b\x08\0", 4, BITEXT_FORMAT_BINARY },
    { "PK\x03\x04", 4, BITEXT_FORMAT_ZIP },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bitext_format_detect (cases[i].data, cases[i].len), ==, cases[i].format);
  /* A page without <html> is HTML when all its text is inside elements; a text whose first
     line quotes a tag and then goes on in prose is text. */
  static const struct { const char *data; BitextFormat format; } fragments[] = {
    { "<h1 id=\"a\">Title</h1>\n<p>One<br>two <img src=\"x.png\" alt=\"x\"/>\n three.</p>\n"
      "<!-- note -->\n<ul>\n<li>Item</ul>\n<p>Cut off in the mid", BITEXT_FORMAT_HTML },
    { "<script>if (a < b) x = \"</p>\";</script>\n<div>Text</div>\n", BITEXT_FORMAT_HTML },
    { "<script>window.x = 1</script> is what the attacker typed into the form.\n\n"
      "The page ran it.\n", BITEXT_FORMAT_TEXT },
    { "<p>A paragraph</p>\nThen prose that quotes the tag above.\n", BITEXT_FORMAT_TEXT },
    { "<b>bold</b> & <i>italic</i> are the two inline tags we use.\n", BITEXT_FORMAT_TEXT },
    { "<p>Price < 5 and done.</p>\n< this is a stray arrow\n", BITEXT_FORMAT_TEXT },
  };
  for (guint i = 0; i < G_N_ELEMENTS (fragments); i++)
    g_assert_cmpint (bitext_format_detect (fragments[i].data, strlen (fragments[i].data)), ==,
                     fragments[i].format);
  BitextFormat f;
  g_assert_true (bitext_format_from_name ("xhtml", &f) && f == BITEXT_FORMAT_HTML);
  g_assert_false (bitext_format_from_name ("rtf", &f));
}

/* "offset:text" of each paragraph, then "offset kind id native" of each code. */
static void
assert_document (const BitextDocument *doc, const char *const *paragraphs,
                 const char *const *codes)
{
  g_autoptr(GPtrArray) got = document_paragraphs (doc);
  assert_strv (got, paragraphs);
  guint n;
  const BitextCode *c = bitext_document_get_codes (doc, &n);
  g_autoptr(GPtrArray) got_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (got_codes, g_strdup_printf ("%" G_GSIZE_FORMAT " %d %u %s", c[i].text_offset,
                                                 (int) c[i].kind, c[i].id, c[i].native));
  assert_strv (got_codes, codes);
}

static const char html_page[] =
  "<html><head><title>T&amp;C</title><script>x</script></head>\n"
  "<body><h1>One &amp; two</h1>\n"
  "<p>A <a href=\"x\">link</a> and <code>code</code>.<br>Next&nbsp;line.</p>"
  "<ul><li>item <b>one</b></li></ul></body></html>\n";

static void
test_html_paragraphs (void)
{
  g_autoptr(BitextDocument) doc = load_data (html_page, sizeof html_page - 1);
  static const char *const paragraphs[] = {
    "0:T&C", "5:One & two", "16:A link and code.\nNext\u00A0line.", "46:item one", NULL
  };
  static const char *const codes[] = {
    "18 0 1 <a href=\"x\">", "22 1 1 </a>", "27 0 2 <code>", "31 1 2 </code>", "51 0 3 <b>",
    "54 1 3 </b>", NULL
  };
  g_assert_cmpint (bitext_document_get_format (doc), ==, BITEXT_FORMAT_HTML);
  assert_document (doc, paragraphs, codes);
  /* Offsets back to the file: after an entity, and the text of a line. */
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 0), ==, 19);      /* T */
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 2), ==, 25);      /* C after &amp; */
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 10), ==, 79);     /* " two" after &amp; */
  assert_position (bitext_document_get_position (doc, 5), 2, 11);
  assert_position (bitext_document_get_position (doc, 46), 3, 80);
  g_autofree char *markup = bitext_document_dup_markup (doc, 16, 16);
  g_assert_cmpstr (markup, ==, "A <bpt i=\"1\" x=\"1\" type=\"link\">&lt;a href=\"x\"&gt;</bpt>link"
                   "<ept i=\"1\">&lt;/a&gt;</ept> and <bpt i=\"2\" x=\"2\" type=\"x-code\">&lt;code&gt;"
                   "</bpt>code<ept i=\"2\">&lt;/code&gt;</ept>.");
  /* A code that wraps the whole span belongs to the paragraph, not to the segment. */
  g_autofree char *one = bitext_document_dup_markup (doc, 51, 3);
  g_assert_cmpstr (one, ==, "one");
}

/*
** What OmegaT's HTML filter makes of a page, where bitext's segments must
** match its own: a sentence's tags numbered in their paragraph (x), an
** empty anchor before a heading's text left out, and the title, alt and
** summary attributes as paragraphs of their own after their block.
*/
static const char omegat_page[] =
  "<html><head><title>Page</title><link rel=\"up\" href=\"u.html\" title=\"Up &amp; on\">"
  "</head><body>\n"
  "<h2><a name=\"x\"></a>A.2. Booting</h2>\n"
  "<p>Press <b>Esc</b> now. Then type <code>ls</code> and <a href=\"y\" title=\"Help\">go</a>.</p>\n"
  "<table summary=\"Sizes\"><tr><td><img src=\"p.png\" alt=\"Prev\"> One</td></tr></table>\n"
  "<p><a href=\"#f\"><sup>[1] </sup></a>Footnotes <b>need </b>care.</p>\n"
  "<h2><span class=\"section-number\">5.6.1. </span>Ports<a class=\"headerlink\" "
  "href=\"#p\">¶</a></h2>\n"
  "<p><b>Note. </b>Read it.</p>\n"
  "</body></html>\n";

static void
test_html_as_omegat (void)
{
  g_autoptr(BitextDocument) doc = load_data (omegat_page, sizeof omegat_page - 1);
  static const char *const paragraphs[] = {
    "0:Page", "6:Up & on", "15:A.2. Booting", "29:Press Esc now. Then type ls and go.",
    "66:Help", "72:One", "77:Sizes", "84:Prev", "90:[1] Footnotes need care.", "116:5.6.1. Ports¶",
    "132:Note. Read it.", NULL
  };
  g_autoptr(GPtrArray) got = document_paragraphs (doc);
  assert_strv (got, paragraphs);
  g_autofree char *heading = bitext_document_dup_markup (doc, 15, 12);
  g_assert_cmpstr (heading, ==, "A.2. Booting");
  g_autofree char *first = bitext_document_dup_markup (doc, 29, 14);
  g_assert_cmpstr (first, ==, "Press <bpt i=\"2\" x=\"1\" type=\"bold\">&lt;b&gt;</bpt>Esc"
                   "<ept i=\"2\">&lt;/b&gt;</ept> now.");
  g_autofree char *second = bitext_document_dup_markup (doc, 44, 20);
  g_assert_cmpstr (second, ==, "Then type <bpt i=\"3\" x=\"2\" type=\"x-code\">&lt;code&gt;</bpt>"
                   "ls<ept i=\"3\">&lt;/code&gt;</ept> and <bpt i=\"4\" x=\"3\" type=\"link\">"
                   "&lt;a href=\"y\" title=\"Help\"&gt;</bpt>go<ept i=\"4\">&lt;/a&gt;</ept>.");
  /* White space before an end tag stays before its code, as in OmegaT's segment
     "<a0><s1>[1] </s1></a0>Footnotes": a footnote's mark, a bold word. */
  g_autofree char *note = bitext_document_dup_markup (doc, 90, 24);
  g_assert_cmpstr (note, ==, "<bpt i=\"6\" x=\"1\" type=\"link\">&lt;a href=\"#f\"&gt;</bpt>"
                   "<bpt i=\"7\" x=\"2\">&lt;sup&gt;</bpt>[1] <ept i=\"7\">&lt;/sup&gt;</ept>"
                   "<ept i=\"6\">&lt;/a&gt;</ept>Footnotes <bpt i=\"8\" x=\"3\" type=\"bold\">"
                   "&lt;b&gt;</bpt>need <ept i=\"8\">&lt;/b&gt;</ept>care.");
  /* A pair cut by a sentence boundary keeps its halves in both sentences, as OmegaT's
     "<s0>5.6.1." and "</s0>Ports<a1>¶</a1>", "<b0>Note." and "</b0>Read it." do. */
  g_autofree char *number = bitext_document_dup_markup (doc, 116, 6);
  g_assert_cmpstr (number, ==, "<it pos=\"begin\">&lt;span class=\"section-number\"&gt;</it>5.6.1.");
  g_autofree char *title = bitext_document_dup_markup (doc, 123, 7);
  g_assert_cmpstr (title, ==, "<it pos=\"end\">&lt;/span&gt;</it>Ports<bpt i=\"10\" x=\"2\" "
                   "type=\"link\">&lt;a class=\"headerlink\" href=\"#p\"&gt;</bpt>¶"
                   "<ept i=\"10\">&lt;/a&gt;</ept>");
  g_autofree char *lead = bitext_document_dup_markup (doc, 132, 5);
  g_assert_cmpstr (lead, ==, "<it pos=\"begin\" type=\"bold\">&lt;b&gt;</it>Note.");
  g_autofree char *after = bitext_document_dup_markup (doc, 138, 8);
  g_assert_cmpstr (after, ==, "<it pos=\"end\">&lt;/b&gt;</it>Read it.");
}

static void
test_html_entities_refused (void)
{
  static const char page[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n<!ENTITY a \"aaaa\">\n]>\n"
                             "<html><body><p>&a;</p></body></html>";
  GError *error = NULL;
  g_autoptr(BitextDocument) doc = bitext_document_new_for_data ("x.xhtml", page, sizeof page - 1,
                                                                &error);
  g_assert_null (doc);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "x.xhtml:3: the DOCTYPE declares entities"));
  g_error_free (error);
}

static void
test_man_paragraphs (void)
{
  static const char page[] = ".TH T 1\n.SH NAME\nt \\- test\n.SH DESCRIPTION\nSee \\fBbold\\fR and\n"
                             ".I it\nhere.\n.TP\n\\fB\\-x\\fR\nOption x.\n";
  g_autoptr(BitextDocument) doc = load_data (page, sizeof page - 1);
  static const char *const paragraphs[] = {
    "0:NAME", "6:t - test", "16:DESCRIPTION", "29:See bold and it here.", "52:-x", "56:Option x.",
    NULL
  };
  static const char *const codes[] = {
    "33 0 1 \\fB", "37 1 1 \\fR", "42 0 2 .I", "44 1 2 ", "52 0 3 \\fB", "54 1 3 \\fR", NULL
  };
  g_assert_cmpint (bitext_document_get_format (doc), ==, BITEXT_FORMAT_MAN);
  assert_document (doc, paragraphs, codes);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 52), ==, 81);  /* "\-" of "\-x" */
  assert_position (bitext_document_get_position (doc, 52), 9, 4);
  g_autofree char *markup = bitext_document_dup_markup (doc, 29, 21);
  g_assert_cmpstr (markup, ==, "See <bpt i=\"1\" x=\"1\" type=\"bold\">\\fB</bpt>bold<ept i=\"1\">\\fR"
                   "</ept> and <bpt i=\"2\" x=\"2\" type=\"italic\">.I</bpt>it<ept i=\"2\"></ept> here.");
}

static GBytes *
gzip_bytes (const char *data, gsize len)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (z));
  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static void
test_gzip (void)
{
  static const char text[] = "First paragraph.\n\nSecond one.\n";
  g_autoptr(GBytes) gz = gzip_bytes (text, sizeof text - 1);
  gsize n;
  const char *data = g_bytes_get_data (gz, &n);
  g_autoptr(BitextDocument) doc = load_data (data, n);
  static const char *const expected[] = { "0:First paragraph.", "18:Second one.", NULL };
  g_autoptr(GPtrArray) got = document_paragraphs (doc);
  assert_strv (got, expected);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 18), ==, 18);  /* decompressed bytes */

  /* Cut short: an error, not a shorter text. */
  GError *error = NULL;
  g_autoptr(BitextDocument) cut = bitext_document_new_for_data ("cut.gz", data, n - 6, &error);
  g_assert_null (cut);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE);
  g_clear_error (&error);

  /* A bomb: 4 MiB of spaces from a few KiB, with a 1 MiB bound. */
  gsize big = 4 << 20;
  g_autofree char *spaces = g_malloc (big);
  memset (spaces, ' ', big);
  g_autoptr(GBytes) bomb = gzip_bytes (spaces, big);
  const char *bomb_data = g_bytes_get_data (bomb, &n);
  g_assert_cmpuint (n, <, big / 100);
  BitextDocumentOptions options = BITEXT_DOCUMENT_OPTIONS_INIT;
  options.max_input = 1 << 20;
  g_autoptr(BitextDocument) none = bitext_document_new_for_data_with_options ("bomb.gz", bomb_data, n,
                                                                              &options, &error);
  g_assert_null (none);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
  g_assert_true (strstr (error->message, "a compression bomb?") != NULL);
  g_clear_error (&error);
}

static void
test_encoding_legacy (void)
{
  /* "Мы пришли. Дом стоит." in cp1251: detected, offsets back to the cp1251 bytes. */
  static const char cp1251[] = "\xcc\xfb \xef\xf0\xe8\xf8\xeb\xe8.\n\n\xc4\xee\xec \xf1\xf2\xee\xe8\xf2.\n";
  g_autoptr(BitextDocument) doc = load_data (cp1251, sizeof cp1251 - 1);
  static const char *const expected[] = { "0:Мы пришли.", "20:Дом стоит.", NULL };
  g_autoptr(GPtrArray) got = document_paragraphs (doc);
  assert_strv (got, expected);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 20), ==, 12);
  g_assert_cmpuint (bitext_document_get_source_offset (doc, 20 + 7), ==, 16);  /* "с" of "стоит" */
  assert_position (bitext_document_get_position (doc, 20), 3, 1);

  /* --encoding given: used as it is; an unknown name is an error. */
  BitextDocumentOptions options = BITEXT_DOCUMENT_OPTIONS_INIT;
  options.encoding = "cp1251";
  GError *error = NULL;
  g_autoptr(BitextDocument) forced = bitext_document_new_for_data_with_options (
      "t", cp1251, sizeof cp1251 - 1, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_document_get_n_paragraphs (forced), ==, 2);
  options.encoding = "no-such-encoding";
  g_autoptr(BitextDocument) bad = bitext_document_new_for_data_with_options (
      "t", cp1251, sizeof cp1251 - 1, &options, &error);
  g_assert_null (bad);
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_clear_error (&error);

  /* UTF-16LE without BOM. */
  glong n16 = 0;
  g_autofree gunichar2 *u16 = g_utf8_to_utf16 ("Hi there.\n\nДа.\n", -1, NULL, &n16, NULL);
  g_autoptr(BitextDocument) u = load_data ((const char *) u16, 2 * (gsize) n16);
  static const char *const expected16[] = { "0:Hi there.", "11:Да.", NULL };
  g_autoptr(GPtrArray) got16 = document_paragraphs (u);
  assert_strv (got16, expected16);
  g_assert_cmpuint (bitext_document_get_source_offset (u, 11), ==, 22);
}

typedef enum { CHANGE_TRUNCATE, CHANGE_APPEND, CHANGE_REWRITE } Change;

typedef struct
{
  const char *path;
  Change change;
  guint calls;
} ChangeHook;

/* After the first read(2): change the file being read, as another program would. */
static void
change_file (gpointer data)
{
  ChangeHook *h = data;
  if (h->calls++ != 0)
    return;
  int fd = open (h->path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  if (h->change == CHANGE_TRUNCATE)
    g_assert_cmpint (ftruncate (fd, 1000), ==, 0);
  else if (h->change == CHANGE_APPEND)
    g_assert_cmpint (pwrite (fd, "More.\n", 6, lseek (fd, 0, SEEK_END)), ==, 6);
  else
    g_assert_cmpint (pwrite (fd, "Other", 5, 600000), ==, 5);  /* same size, new mtime */
  close (fd);
}

/*
** A file truncated, extended or rewritten while it is read (issue 16) gives
** "FILE: changed while being read", not a text cut short or half old, half
** new: the reader compares the bytes it read, the size and the modification
** time with those at open. The file is larger than one read(2) (256 KiB).
*/
static void
test_changed_while_read (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bitext-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  while (text->len < 1000 * 1000)
    g_string_append (text, "A sentence of the text. Another one follows.\n\n");
  static const Change changes[] = { CHANGE_TRUNCATE, CHANGE_APPEND, CHANGE_REWRITE };
  for (gsize k = 0; k < G_N_ELEMENTS (changes); k++)
    {
      g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
      /* An mtime in the past, so that a rewrite in the same clock tick still shows. */
      struct timespec past[2] = { { 946684800, 0 }, { 946684800, 0 } };
      g_assert_cmpint (utimensat (AT_FDCWD, path, past, 0), ==, 0);
      GError *error = NULL;
      g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
      g_assert_no_error (error);
      ChangeHook hook = { path, changes[k], 0 };
      bitext_reader__set_read_hook (reader, change_file, &hook);
      BitextParagraph para;
      guint n = 0;
      while (bitext_reader_next_paragraph (reader, &para, &error))
        bitext_reader_forget (reader, para.text_offset + para.length), n++;
      g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
      g_autofree char *expected = g_strdup_printf ("%s: changed while being read", path);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
      g_assert_cmpuint (hook.calls, >=, 1);

      /* Unchanged, the same file reads to its end. */
      g_autoptr(BitextDocument) doc = bitext_document_load (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (doc);
    }
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/*
** A file smaller than a read(2) gets a buffer of its size, which must grow when
** the file does: 5,000 bytes extended after the first read still read to the
** error of a changed file, never to a text cut at the old size; unchanged,
** every paragraph is read.
*/
static void
test_changed_while_read_small (void)
{
  g_autofree char *dir = g_dir_make_tmp ("bitext-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "small.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_paras = 0;
  for (; text->len < 5000; n_paras++)
    g_string_append (text, "A sentence of the text. Another one follows.\n\n");
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  GError *error = NULL;
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  ChangeHook hook = { path, CHANGE_APPEND, 0 };
  bitext_reader__set_read_hook (reader, change_file, &hook);
  BitextParagraph para;
  while (bitext_reader_next_paragraph (reader, &para, &error))
    ;
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT);
  g_autofree char *expected = g_strdup_printf ("%s: changed while being read", path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  g_autoptr(BitextReader) again = bitext_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  guint n = 0;
  while (bitext_reader_next_paragraph (again, &para, &error))
    n++;
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_paras);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/document/reader/changed-while-read", test_changed_while_read);
  g_test_add_func ("/document/reader/changed-while-read-small", test_changed_while_read_small);

  GError *error = NULL;
  tmpdir = g_dir_make_tmp ("test-document-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/document/utf8/paragraphs", test_utf8_paragraphs);
  g_test_add_func ("/document/utf8/invalid-position", test_utf8_invalid_position);
  g_test_add_func ("/document/utf8/error-after-paragraphs", test_utf8_error_after_paragraphs);
  g_test_add_func ("/document/utf8/truncated", test_utf8_truncated);
  g_test_add_func ("/document/utf8/across-window", test_utf8_across_window);
  g_test_add_func ("/document/utf8/matches-glib", test_utf8_matches_glib);
  g_test_add_func ("/document/bom/utf8", test_bom_utf8);
  g_test_add_func ("/document/utf16/le", test_utf16_le);
  g_test_add_func ("/document/utf16/be", test_utf16_be);
  g_test_add_func ("/document/utf16/errors", test_utf16_errors);
  g_test_add_func ("/document/utf16/paragraphs-before-error", test_utf16_paragraphs_before_error);
  g_test_add_func ("/document/newlines/crlf", test_newlines_crlf);
  g_test_add_func ("/document/newlines/cr", test_newlines_cr);
  g_test_add_func ("/document/newlines/mixed", test_newlines_mixed);
  g_test_add_func ("/document/nfc/decomposed-input", test_nfc_decomposed);
  g_test_add_func ("/document/nfc/other-changes", test_nfc_other_changes);
  g_test_add_func ("/document/nfc/random-vs-glib", test_nfc_random);
  g_test_add_func ("/document/paragraphs/blank-lines-with-spaces", test_paragraphs_blank_lines);
  g_test_add_func ("/document/paragraphs/indentation", test_paragraphs_indentation);
  g_test_add_func ("/document/error/missing", test_error_missing);
  g_test_add_func ("/document/error/directory", test_error_directory);
  g_test_add_func ("/document/error/not-regular", test_error_not_regular);
  g_test_add_func ("/document/error/read", test_error_read);
  g_test_add_func ("/document/error/nul", test_error_nul);
  g_test_add_func ("/document/empty", test_empty);
  g_test_add_func ("/document/source-offset/crlf", test_source_offset_crlf);
  g_test_add_func ("/document/position/cyrillic", test_position_cyrillic);
  g_test_add_func ("/document/position/long-paragraph", test_position_long_paragraph);
  g_test_add_func ("/document/stream/stdin", test_stream_stdin);
  g_test_add_func ("/document/stream/crlf-across-window", test_stream_crlf_across_window);
  g_test_add_func ("/document/stream/huge-line", test_stream_huge_line);
  g_test_add_func ("/document/stream/random", test_stream_random);
  g_test_add_func ("/document/stream/encodings", test_stream_encodings);
  g_test_add_func ("/document/format/detect", test_format_detect);
  g_test_add_func ("/document/html/paragraphs-codes-offsets", test_html_paragraphs);
  g_test_add_func ("/document/html/as-omegat", test_html_as_omegat);
  g_test_add_func ("/document/html/entity-declarations-refused", test_html_entities_refused);
  g_test_add_func ("/document/man/paragraphs-codes-offsets", test_man_paragraphs);
  g_test_add_func ("/document/gzip/plain-cut-bomb", test_gzip);
  g_test_add_func ("/document/encoding/cp1251-utf16le", test_encoding_legacy);

  int status = g_test_run ();
  bitext_test_rm_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
