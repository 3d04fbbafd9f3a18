/* bench-icu-segment — raw ICU sentence segmentation, for comparison with `bitext segment`.
 *
 * Usage: bench-icu-segment [--locale LOCALE] < TEXT
 *
 * Reads all of standard input (UTF-8), runs one ICU UBRK_SENTENCE iterator
 * for LOCALE (default "en"; "en@ss=standard" turns on ICU's abbreviation
 * suppressions) over the whole text and prints one segment per line: with
 * surrounding white space removed, each inner run of white space that holds
 * a line break collapsed to one space (as `bitext segment` prints them), and
 * empty segments dropped. Nothing else: no paragraphs, no exception lists.
 *
 * Exit status: 0 ok, 2 error.
 */

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UBreakIterator, ubrk_close)

#define BENCH_ERROR (bench_error_quark ())
static G_DEFINE_QUARK (bench-icu-segment-error-quark, bench_error)

static char *opt_locale;

static const GOptionEntry entries[] = {
  { "locale", 'l', 0, G_OPTION_ARG_STRING, &opt_locale,
    "ICU locale of the break iterator (en, en@ss=standard, ru, ...)", "LOCALE" },
  { NULL }
};

static gboolean
read_stdin (GString *text, GError **error)
{
  char buf[65536];
  size_t n;

  while ((n = fread (buf, 1, sizeof buf, stdin)) > 0)
    g_string_append_len (text, buf, n);
  if (ferror (stdin))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "standard input: read error");
      return FALSE;
    }
  if (!g_utf8_validate_len (text->str, text->len, NULL))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   "standard input: not valid UTF-8");
      return FALSE;
    }
  return TRUE;
}

/*
** Append @segment (UTF-8, NUL-terminated) to @out as one output line, see
** the file comment. Nothing is appended for an all-white-space segment.
*/
static void
append_segment_line (GString *out, const char *segment)
{
  gsize start = out->len;
  const char *space = NULL;               /* start of the pending white-space run */
  gboolean has_break = FALSE;

  for (const char *p = segment; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        {
          if (space == NULL)
            space = p;
          has_break |= c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85;
          continue;
        }
      if (space != NULL && out->len > start)
        {
          if (has_break)
            g_string_append_c (out, ' ');
          else
            g_string_append_len (out, space, p - space);
        }
      space = NULL;
      has_break = FALSE;
      g_string_append_unichar (out, c);
    }
  if (out->len > start)
    g_string_append_c (out, '\n');
}

static gboolean
segment (const char *locale, const GString *text, GString *out, GError **error)
{
  UErrorCode status = U_ZERO_ERROR;

  if (text->len >= G_MAXINT32)
    {
      g_set_error (error, BENCH_ERROR, 0, "standard input: too long for ICU");
      return FALSE;
    }

  /* At most one UTF-16 unit per UTF-8 byte; at most 3 UTF-8 bytes per unit. */
  g_autofree UChar *u16 = g_new (UChar, text->len + 1);
  g_autofree char *u8 = g_malloc (3 * text->len + 1);
  int32_t n16 = 0;
  u_strFromUTF8 (u16, (int32_t) text->len + 1, &n16, text->str, (int32_t) text->len, &status);
  g_autoptr(UBreakIterator) bi = ubrk_open (UBRK_SENTENCE, locale, u16, n16, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BENCH_ERROR, 0, "ICU (%s): %s", locale, u_errorName (status));
      return FALSE;
    }

  for (int32_t start = ubrk_first (bi), end; (end = ubrk_next (bi)) != UBRK_DONE; start = end)
    {
      int32_t n8 = 0;
      u_strToUTF8 (u8, (int32_t) (3 * text->len + 1), &n8, u16 + start, end - start, &status);
      if (U_FAILURE (status))
        {
          g_set_error (error, BENCH_ERROR, 0, "ICU: %s", u_errorName (status));
          return FALSE;
        }
      append_segment_line (out, u8);
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("< TEXT");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_option_context_set_summary (context, "Print ICU's sentence segments of standard input, "
                                         "one per line.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-icu-segment: %s\n", error->message);
      return 2;
    }
  if (argc != 1)
    {
      g_printerr ("usage: bench-icu-segment [--locale LOCALE] < TEXT\n");
      return 2;
    }

  int status = 0;
  if (!read_stdin (text, &error) || !segment (opt_locale ? opt_locale : "en", text, out, &error))
    status = 2;
  else if (fwrite (out->str, 1, out->len, stdout) != out->len || fflush (stdout) != 0)
    {
      g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_IO, "standard output: write error");
      status = 2;
    }
  if (error != NULL)
    g_printerr ("bench-icu-segment: %s\n", error->message);
  g_free (opt_locale);
  return status;
}
