/* bitext tm export — the units of a TMX file as TSV, CSV, JSON lines, PO or XLIFF 2.0. */
#include <string.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"
#include "text-private.h"

static char *opt_format = NULL;
static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_output = NULL;
static gboolean opt_plain = FALSE;
static gboolean opt_strict = FALSE;

static const GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "tsv (default; \\t \\n \\r \\\\ escaped), csv (RFC 4180, a header line), jsonl, po "
    "(gettext; plural forms regrouped) or xliff (XLIFF 2.0, codes as sc/ec/ph)", "FORMAT" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (default: each unit's srclang, else the header's)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang,
    "Target language (default: the first unit's first other language)", "LANG" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (replaced only when complete) instead of stdout", "FILE" },
  { "plain", 0, 0, G_OPTION_ARG_NONE, &opt_plain,
    "Drop inline codes (bpt, ept, ph, it) instead of putting their native text back", NULL },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, "A malformed unit is an error", NULL },
  { NULL }
};

typedef enum { FORMAT_TSV, FORMAT_CSV, FORMAT_JSONL, FORMAT_PO, FORMAT_XLIFF } Format;

typedef struct
{
  FILE *stream;
  Format format;
  char *tgt_lang;             /* fixed by the first unit when not given */
  guint64 n_written;
  guint64 n_without_pair;
  GString *line;
  BitextBilingualWriter *writer;  /* PO, XLIFF: made at the first unit, with the file's header */
} Export;

static void
format_pair (Export *e, const BitextTmUnit *unit, const BitextTmVariant *src,
             const BitextTmVariant *tgt, const char *src_text, const char *tgt_text)
{
  GString *l = e->line;
  g_string_truncate (l, 0);
  switch (e->format)
    {
    case FORMAT_TSV:
      cmd_tm_append_tsv (l, src_text);
      g_string_append_c (l, '\t');
      cmd_tm_append_tsv (l, tgt_text);
      g_string_append_c (l, '\n');
      break;
    case FORMAT_CSV:
      bitext__append_csv_field (l, src_text);
      g_string_append_c (l, ',');
      bitext__append_csv_field (l, tgt_text);
      g_string_append (l, "\r\n");
      break;
    case FORMAT_JSONL:
      g_string_append (l, "{\"tuid\":");
      if (bitext_tm_unit_get_tuid (unit) != NULL)
        bitext_json_append_string (l, bitext_tm_unit_get_tuid (unit));
      else
        g_string_append (l, "null");
      g_string_append (l, ",\"src_lang\":");
      bitext_json_append_string (l, bitext_tm_variant_get_lang (src));
      g_string_append (l, ",\"tgt_lang\":");
      bitext_json_append_string (l, bitext_tm_variant_get_lang (tgt));
      g_string_append (l, ",\"src\":");
      bitext_json_append_string (l, src_text);
      g_string_append (l, ",\"tgt\":");
      bitext_json_append_string (l, tgt_text);
      g_string_append (l, "}\n");
      break;
    case FORMAT_PO:
    case FORMAT_XLIFF:
      bitext_bilingual_writer_add (e->writer, unit, src, tgt, l);
      break;
    }
}

static gboolean
export_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) error;
  Export *e = user_data;
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, opt_src_lang);
  BitextTmVariant *tgt = src != NULL ? bitext_tm_unit_choose_target (unit, src, e->tgt_lang)
                                     : NULL;
  if (tgt == NULL)
    {
      e->n_without_pair++;
      return TRUE;
    }
  if (e->tgt_lang == NULL)
    e->tgt_lang = g_strdup (bitext_tm_variant_get_lang (tgt));
  if (e->writer == NULL && (e->format == FORMAT_PO || e->format == FORMAT_XLIFF))
    e->writer = bitext_bilingual_writer_new (e->format == FORMAT_PO ? BITEXT_BILINGUAL_PO
                                                                    : BITEXT_BILINGUAL_XLIFF,
                                             header, opt_src_lang, e->tgt_lang);
  g_autofree char *src_plain = opt_plain ? bitext_tm_variant_dup_plain_text (src) : NULL;
  g_autofree char *tgt_plain = opt_plain ? bitext_tm_variant_dup_plain_text (tgt) : NULL;
  format_pair (e, unit, src, tgt, opt_plain ? src_plain : bitext_tm_variant_get_text (src),
               opt_plain ? tgt_plain : bitext_tm_variant_get_text (tgt));
  fwrite (e->line->str, 1, e->line->len, e->stream);
  e->n_written++;
  return TRUE;
}

static gboolean
parse_format (const char *name, Format *format, GError **error)
{
  static const struct { const char *name; Format format; } formats[] = {
    { "tsv", FORMAT_TSV }, { "csv", FORMAT_CSV }, { "jsonl", FORMAT_JSONL },
    { "po", FORMAT_PO }, { "xliff", FORMAT_XLIFF },
  };
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (formats[i].name, name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "tm export: unknown --format '%s' (tsv, csv, jsonl, po or xliff)", name);
  return FALSE;
}

static gboolean
ignore_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) header, (void) unit, (void) user_data, (void) error;
  return TRUE;
}

/*
** Output to stdout cannot be taken back, so a regular file is read twice:
** once to find a fault (a truncated file, a bad byte) before any line is
** written, then to export. Stdin and pipes can only be read once; with
** -o the output is only put in place when complete anyway.
*/
static gboolean
check_file (const char *path, GError **error)
{
  if ((opt_output != NULL && strcmp (opt_output, "-") != 0) || strcmp (path, "-") == 0
      || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  options.segments_only = TRUE;
  options.strict = opt_strict;
  return bitext_tmx_foreach_unit (path, &options, ignore_unit, NULL, NULL, error);
}

static gboolean
run_export (const char *path, Export *e, GError **error)
{
  if (!check_file (path, error))
    return FALSE;
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  options.strict = opt_strict;
  options.warning_func = cmd_tm_print_warning;
  if (e->format == FORMAT_CSV)
    {
      g_autoptr(GString) head = g_string_new (NULL);
      bitext__append_csv_field (head, opt_src_lang != NULL ? opt_src_lang : "source");
      g_string_append_c (head, ',');
      bitext__append_csv_field (head, opt_tgt_lang != NULL ? opt_tgt_lang : "target");
      g_string_append (head, "\r\n");
      fputs (head->str, e->stream);
    }
  if (!bitext_tmx_foreach_unit (path, &options, export_unit, e, NULL, error))
    return FALSE;
  if (e->format == FORMAT_PO || e->format == FORMAT_XLIFF)
    {
      if (e->writer == NULL)
        e->writer = bitext_bilingual_writer_new (e->format == FORMAT_PO ? BITEXT_BILINGUAL_PO
                                                                        : BITEXT_BILINGUAL_XLIFF,
                                                 NULL, opt_src_lang, e->tgt_lang);
      g_string_truncate (e->line, 0);
      bitext_bilingual_writer_finish (e->writer, e->line);
      fwrite (e->line->str, 1, e->line->len, e->stream);
    }
  if (e->n_without_pair > 0)
    fprintf (stderr, "bitext: warning: %s: %" G_GUINT64_FORMAT " units without both languages "
             "were not exported\n", path, e->n_without_pair);
  return TRUE;
}

int
cmd_tm_export (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "FILE", "Write the source and target of each unit of a TMX file (- for stdin).", entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc != 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "tm export: give one FILE; see 'bitext tm export --help'");
      return BITEXT_EXIT_ERROR;
    }
  Format format = FORMAT_TSV;
  if (opt_format != NULL && !parse_format (opt_format, &format, error))
    return BITEXT_EXIT_ERROR;
  BitextOutput out;
  if (!bitext_output_open (&out, opt_output, error))
    return BITEXT_EXIT_ERROR;
  g_autoptr(GString) line = g_string_new (NULL);
  Export e = { .stream = out.stream, .format = format, .tgt_lang = g_strdup (opt_tgt_lang),
               .line = line };
  gboolean ok = run_export (argv[1], &e, error);
  g_free (e.tgt_lang);
  g_clear_pointer (&e.writer, bitext_bilingual_writer_free);
  if (!ok)
    {
      bitext_output_abort (&out);
      return BITEXT_EXIT_ERROR;
    }
  return bitext_output_commit (&out, error) ? BITEXT_EXIT_OK : BITEXT_EXIT_ERROR;
}
