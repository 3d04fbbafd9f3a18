/* bitext tm import — a TMX file from source/target pairs in TSV or CSV (what tm export writes), PO or XLIFF. */
#include <errno.h>
#include <string.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"
#include "progress.h"
#include "bilingual-private.h"
#include "file-private.h"

static char *opt_format = NULL;
static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_output = NULL;
static char *opt_date = NULL;
static gboolean opt_no_markup = FALSE;
static gboolean opt_strict = FALSE;
static CmdTmFilterOptions opt_filter = { 0 };
static gboolean opt_include_fuzzy = FALSE;
static gboolean opt_include_untranslated = FALSE;
static gboolean opt_quiet = FALSE;
static BitextProgress progress;

static const GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "tsv (\\t \\n \\r \\\\ escaped), csv (RFC 4180, a header line), po or xliff (1.2 or "
    "2.0); default: told by the content, else tsv unless FILE ends in .csv", "FORMAT" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (required for TSV and CSV; PO and XLIFF: the file's, PO: else en)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang,
    "Target language (required for TSV and CSV; PO and XLIFF: the file's)", "LANG" },
  { "include-fuzzy", 0, 0, G_OPTION_ARG_NONE, &opt_include_fuzzy,
    "PO, XLIFF: import fuzzy and unapproved entries too (prop x-bitext-state=fuzzy)", NULL },
  { "include-untranslated", 0, 0, G_OPTION_ARG_NONE, &opt_include_untranslated,
    "PO, XLIFF: import entries without a translation too (an empty target)", NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
    "No progress line (it shows only on a terminal, after 2 s)", NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "The TMX file to write (replaced only when complete)", "FILE" },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
    "creationdate of the units (default: $SOURCE_DATE_EPOCH, else now)", "DATE" },
  { "no-markup", 0, 0, G_OPTION_ARG_NONE, &opt_no_markup,
    "Keep Markdown emphasis (**, *) as text, not as paired bpt/ept codes: for tools that "
    "see the asterisks as text (OmegaT's plain-text filter)", NULL },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict,
    "A pair XML cannot carry (U+FFFE, U+FFFF) is an error, not a warning and a skip", NULL },
  CMD_TM_FILTER_ENTRIES (opt_filter),
  { NULL }
};

typedef struct
{
  const char *name;           /* for messages */
  FILE *stream;
  gboolean csv;
  guint64 line;               /* of the last line read */
  char *buf;                  /* getline's */
  size_t cap;
  GString *field[2];
} Reader;

static void G_GNUC_PRINTF (4, 5)
set_input_error (GError **error, const Reader *r, gsize column, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  if (column > 0)
    g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ":%zu: %s",
                 r->name, r->line, column, message);
  else
    g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ": %s", r->name,
                 r->line, message);
}

/* The next line without its LF (and CR), -1 at the end, -2 on a read error (@error set). */
static gssize
read_line (Reader *r, GError **error)
{
  errno = 0;
  gssize n = getline (&r->buf, &r->cap, r->stream);
  if (n < 0)
    {
      if (ferror (r->stream))
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", r->name,
                       g_strerror (saved));
          return -2;
        }
      return -1;
    }
  r->line++;
  if (n > 0 && r->buf[n - 1] == '\n')
    r->buf[--n] = '\0';
  if (n > 0 && r->buf[n - 1] == '\r')
    r->buf[--n] = '\0';
  if ((gsize) n != strlen (r->buf))
    {
      set_input_error (error, r, strlen (r->buf) + 1, "NUL byte");
      return -2;
    }
  const char *bad = NULL;
  if (!g_utf8_validate (r->buf, n, &bad))
    {
      set_input_error (error, r, (gsize) (bad - r->buf) + 1, "invalid UTF-8");
      return -2;
    }
  return n;
}

/* A TSV line: two fields split at the one raw TAB, escapes undone. */
static gboolean
parse_tsv (Reader *r, const char *line, GError **error)
{
  guint f = 0;
  g_string_truncate (r->field[0], 0);
  g_string_truncate (r->field[1], 0);
  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '\t')
        {
          if (++f > 1)
            {
              set_input_error (error, r, 0, "more than 2 tab-separated fields");
              return FALSE;
            }
          continue;
        }
      if (*p != '\\')
        {
          g_string_append_c (r->field[f], *p);
          continue;
        }
      static const char from[] = "tnr\\", to[] = "\t\n\r\\";
      const char *e = p[1] != '\0' ? strchr (from, p[1]) : NULL;
      if (e == NULL)
        {
          set_input_error (error, r, (gsize) (p - line) + 1,
                           "unknown escape (\\t \\n \\r \\\\ are known)");
          return FALSE;
        }
      g_string_append_c (r->field[f], to[e - from]);
      p++;
    }
  if (f != 1)
    {
      set_input_error (error, r, 0, "one field: a source TAB target line expected");
      return FALSE;
    }
  return TRUE;
}

/*
** A CSV record (RFC 4180): fields split at commas, a quoted field may hold
** commas, doubled quotes and line breaks (then it goes on on the next line).
** Returns 1 for a record, 0 at the end of the input, -1 with @error set.
*/
static int
parse_csv (Reader *r, GError **error)
{
  gssize n = read_line (r, error);
  if (n < 0)
    return n == -1 ? 0 : -1;
  guint f = 0;
  g_string_truncate (r->field[0], 0);
  g_string_truncate (r->field[1], 0);
  guint64 first_line = r->line;
  gboolean quoted = FALSE, was_quoted = FALSE;
  for (gsize i = 0;; i++)
    {
      const char *p = r->buf + i;
      if (*p == '\0' && quoted)
        {
          g_string_append_c (r->field[f], '\n');
          if ((n = read_line (r, error)) < 0)
            {
              if (n == -1)
                {
                  r->line = first_line;
                  set_input_error (error, r, 0, "quoted field not closed");
                }
              return -1;
            }
          i = (gsize) -1;     /* the loop's i++ makes it 0 */
          continue;
        }
      if (*p == '\0')
        break;
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (r->field[f], '"');
              i++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (r->field[f], *p);
          continue;
        }
      if (*p == ',')
        {
          if (++f > 1)
            {
              set_input_error (error, r, i + 1, "more than 2 fields");
              return -1;
            }
          was_quoted = FALSE;
          continue;
        }
      if (*p == '"' && r->field[f]->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          continue;
        }
      if (*p == '"' || was_quoted)
        {
          set_input_error (error, r, i + 1,
                           was_quoted ? "text after a quoted field" : "quote inside an unquoted field");
          return -1;
        }
      g_string_append_c (r->field[f], *p);
    }
  if (f != 1)
    {
      set_input_error (error, r, 0, "one field: source,target expected");
      return -1;
    }
  return 1;
}

/* The next pair in r->field; 1, 0 at the end, -1 with @error set. Blank TSV lines are skipped. */
static int
next_pair (Reader *r, GError **error)
{
  if (r->csv)
    return parse_csv (r, error);
  for (;;)
    {
      gssize n = read_line (r, error);
      if (n < 0)
        return n == -1 ? 0 : -1;
      if (n > 0)
        return parse_tsv (r, r->buf, error) ? 1 : -1;
    }
}

static gboolean
add_variant (BitextTmUnit *unit, const char *lang, const char *text, GError **error)
{
  if (!opt_no_markup)
    return bitext_tm_unit_add_variant (unit, lang, text, error) != NULL;
  /* Only what XML requires in text: & and <, and > for "]]>". */
  g_autoptr(GString) markup = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&': g_string_append (markup, "&amp;"); break;
      case '<': g_string_append (markup, "&lt;"); break;
      case '>': g_string_append (markup, "&gt;"); break;
      default: g_string_append_c (markup, *p);
      }
  return bitext_tm_unit_add_variant_markup (unit, lang, markup->str, error) != NULL;
}

static gboolean
import_pairs (Reader *r, BitextTmxWriter *writer, guint64 *n_skipped, GError **error)
{
  if (r->csv && parse_csv (r, error) < 0)   /* the header */
    return FALSE;
  g_autoptr(BitextTmUnit) unit = bitext_tm_unit_new ();
  for (;;)
    {
      int got = next_pair (r, error);
      if (got <= 0)
        return got == 0;
      bitext_tm_unit_free (unit);
      unit = bitext_tm_unit_new ();
      g_autoptr(GError) local = NULL;
      if (!add_variant (unit, opt_src_lang, r->field[0]->str, &local)
          || !add_variant (unit, opt_tgt_lang, r->field[1]->str, &local))
        {
          set_input_error (error, r, 0, "%s", local->message);
          if (opt_strict)
            return FALSE;
          /* One bad pair costs that pair, never the file. */
          bitext_progress_done (&progress);
          fprintf (stderr, "bitext: warning: %s (pair skipped)\n", (*error)->message);
          g_clear_error (error);
          (*n_skipped)++;
          continue;
        }
      if (!bitext_tmx_writer_add_unit (writer, unit, error))
        return FALSE;
      bitext_progress_func ("reading", r->line, 0, &progress);
    }
}

/* Pairs read from @stream (called @name in messages) into the TMX file opt_output. */
static gboolean
import_stream (FILE *stream, const char *name, gboolean csv, const BitextTmxWriteOptions *options,
               GError **error)
{
  Reader r = { .name = name, .stream = stream, .csv = csv,
               .field = { g_string_new (NULL), g_string_new (NULL) } };
  g_autoptr(BitextTm) header = bitext_tm_new (opt_src_lang, opt_tgt_lang);
  g_autoptr(BitextTmxWriter) writer = bitext_tmx_writer_new (opt_output, header, options, error);
  guint64 n_skipped = 0;
  gboolean ok = writer != NULL && import_pairs (&r, writer, &n_skipped, error)
                && bitext_tmx_writer_close (writer, error);
  bitext_progress_done (&progress);
  if (ok && n_skipped > 0)
    fprintf (stderr, "bitext: tm import: %s: %" G_GUINT64_FORMAT " pairs skipped (see the "
             "warnings above)\n", r.name, n_skipped);
  free (r.buf);
  g_string_free (r.field[0], TRUE);
  g_string_free (r.field[1], TRUE);
  return ok;
}

/*
** The pairs of @path into the TMX file opt_output; from @data (@length
** bytes) when not NULL, an input read once already to tell its format.
*/
static gboolean
run_import (const char *path, const char *data, gsize length, gboolean csv,
            const BitextTmxWriteOptions *options, GError **error)
{
  gboolean is_stdin = strcmp (path, "-") == 0;
  FILE *stream = data != NULL ? fmemopen ((void *) data, length, "r")
                 : is_stdin   ? stdin
                              : fopen (path, "r");
  if (stream == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  gboolean ok = import_stream (stream, bitext__input_name (path), csv, options, error);
  if (stream != stdin)
    fclose (stream);
  return ok;
}

typedef struct
{
  const BitextTmxWriteOptions *options;
  BitextTmxWriter *writer;    /* made at the first unit, with the file's languages */
} BilingualImport;

static gboolean
import_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  BilingualImport *b = user_data;
  if (b->writer == NULL)
    {
      b->writer = bitext_tmx_writer_new (opt_output, (BitextTm *) header, b->options, error);
      if (b->writer == NULL)
        return FALSE;
    }
  return bitext_tmx_writer_add_unit (b->writer, unit, error);
}

/* PO, XLIFF (or TMX): the units as they are read, what was skipped said on stderr. */
static gboolean
run_bilingual_import (const char *path, const char *data, gsize length,
                      BitextBilingualFormat format, const BitextTmxWriteOptions *options,
                      GError **error)
{
  BitextBilingualReadOptions read_options = BITEXT_BILINGUAL_READ_OPTIONS_INIT;
  read_options.src_lang = opt_src_lang;
  read_options.tgt_lang = opt_tgt_lang;
  read_options.include_fuzzy = opt_include_fuzzy;
  read_options.include_untranslated = opt_include_untranslated;
  read_options.warning_func = cmd_tm_print_warning;
  read_options.progress_func = bitext_progress_func;
  read_options.progress_data = &progress;
  BilingualImport b = { options, NULL };
  BitextBilingualCounts counts;
  g_autoptr(BitextTm) header = NULL;
  gboolean ok = bitext__bilingual_foreach_input (path, data, length, format, &read_options,
                                                 import_unit, &b, &counts, &header, error);
  if (ok && b.writer == NULL)
    ok = (b.writer = bitext_tmx_writer_new (opt_output, header, options, error)) != NULL;
  ok = ok && bitext_tmx_writer_close (b.writer, error);
  g_clear_pointer (&b.writer, bitext_tmx_writer_free);
  if (!ok)
    return FALSE;
  bitext_progress_done (&progress);
  g_autoptr(GString) skipped = g_string_new (NULL);
  bitext_bilingual_append_counts (skipped, &counts);
  if (skipped->len > 0)
    fprintf (stderr, "bitext: tm import: %s: %" G_GUINT64_FORMAT " units read; not imported: "
             "%s%s\n", bitext__input_name (path), counts.n_units, skipped->str,
             opt_include_fuzzy || opt_include_untranslated ? "" : " (see --include-fuzzy, "
             "--include-untranslated)");
  return TRUE;
}

int
cmd_tm_import (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "FILE", "Make a TMX file from source/target pairs in TSV or CSV (- for stdin), or from the "
      "translated entries of a PO or XLIFF file.", entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  BitextBilingualFormat bilingual = BITEXT_BILINGUAL_UNKNOWN;
  /* Stdin or a pipe without --format is read once, and its format told by those bytes. */
  g_autofree char *data = NULL;
  gsize length = 0;
  if (argc == 2 && opt_format == NULL)
    {
      g_autoptr(GError) local = NULL;
      if (!bitext__bilingual_sniff_input (argv[1], &bilingual, &data, &length, &local))
        {
          if (bitext__file_read_once (argv[1]))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return BITEXT_EXIT_ERROR;
            }
          bilingual = BITEXT_BILINGUAL_UNKNOWN;  /* a file that cannot be read is said so below */
        }
    }
  else if (opt_format != NULL && strcmp (opt_format, "po") == 0)
    bilingual = BITEXT_BILINGUAL_PO;
  else if (opt_format != NULL && strcmp (opt_format, "xliff") == 0)
    bilingual = BITEXT_BILINGUAL_XLIFF;
  gboolean need_langs = bilingual == BITEXT_BILINGUAL_UNKNOWN;
  if (argc != 2 || opt_output == NULL
      || (need_langs && (opt_src_lang == NULL || opt_tgt_lang == NULL)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "tm import: give one FILE, -o OUT.tmx, and for TSV or CSV --src-lang and "
                   "--tgt-lang; see 'bitext tm import --help'");
      return BITEXT_EXIT_ERROR;
    }
  const char *format = opt_format != NULL ? opt_format
                       : bilingual != BITEXT_BILINGUAL_UNKNOWN ? bitext_bilingual_format_name (bilingual)
                       : g_str_has_suffix (argv[1], ".csv") ? "csv" : "tsv";
  if (bilingual == BITEXT_BILINGUAL_UNKNOWN && strcmp (format, "tsv") != 0
      && strcmp (format, "csv") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "tm import: unknown --format '%s' (tsv, csv, po or xliff)", format);
      return BITEXT_EXIT_ERROR;
    }
  BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  BitextTmFilter filter;
  guint64 counts[BITEXT_TM_FILTER_N_REASONS] = { 0 };
  if ((opt_date != NULL && !cmd_tm_parse_date (opt_date, &options.date, error))
      || !cmd_tm_filter_setup (&opt_filter, &filter, &options.filter, error))
    return BITEXT_EXIT_ERROR;
  options.n_filtered = counts;
  bitext_progress_init (&progress, opt_quiet);
  gboolean ok = bilingual != BITEXT_BILINGUAL_UNKNOWN
                  ? run_bilingual_import (argv[1], data, length, bilingual, &options, error)
                  : run_import (argv[1], data, length, strcmp (format, "csv") == 0, &options,
                                error);
  bitext_progress_done (&progress);
  if (!ok)
    return BITEXT_EXIT_ERROR;
  cmd_tm_report_filtered ("tm import", &opt_filter, counts);
  return BITEXT_EXIT_OK;
}
