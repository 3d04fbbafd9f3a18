/* bitext tm merge — TMX files into one: one unit per source and target, the newest. */
#include <errno.h>
#include <string.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"

static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_output = NULL;
static char *opt_report = NULL;
static char *opt_date = NULL;
static gboolean opt_strict = FALSE;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "The TMX file to write (replaced only when complete; may be one of the inputs)", "FILE" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (default: each unit's srclang, else its file's)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang,
    "Target language (default: each unit's first other language)", "LANG" },
  { "report", 'r', 0, G_OPTION_ARG_FILENAME, &opt_report,
    "Write the conflicts (a source kept with several targets) as TSV to FILE, not stderr",
    "FILE" },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
    "Header creationdate (default: $SOURCE_DATE_EPOCH, else now)", "DATE" },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, "A malformed unit is an error", NULL },
  { NULL }
};

typedef struct
{
  FILE *stream;               /* the --report file, or NULL: stderr */
  GString *line;
} Report;

/* One line per unit kept whose source is kept with another target too. */
static void
report_conflict (const char *path, const BitextTmUnit *unit, const BitextTmVariant *source,
                 const BitextTmVariant *target, gpointer user_data)
{
  Report *r = user_data;
  GString *l = r->line;
  g_string_truncate (l, 0);
  if (r->stream == NULL)
    g_string_append (l, "bitext: conflict: ");
  g_string_append_printf (l, "%s:%u%s", path, bitext_tm_unit_get_line (unit),
                          r->stream == NULL ? ": " : "\t");
  cmd_tm_append_tsv (l, bitext_tm_variant_get_text (source));
  g_string_append (l, r->stream == NULL ? " => " : "\t");
  cmd_tm_append_tsv (l, bitext_tm_variant_get_text (target));
  g_string_append_c (l, '\n');
  fputs (l->str, r->stream != NULL ? r->stream : stderr);
}

static gboolean
run_merge (int n_files, char **files, Report *report, GError **error)
{
  BitextTmxReadOptions read_options = BITEXT_TMX_READ_OPTIONS_INIT;
  read_options.strict = opt_strict;
  read_options.warning_func = cmd_tm_print_warning;
  BitextTmxWriteOptions write_options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  if (opt_date != NULL && !cmd_tm_parse_date (opt_date, &write_options.date, error))
    return FALSE;
  g_autoptr(BitextTmMerge) merge = bitext_tm_merge_new (opt_src_lang, opt_tgt_lang);
  for (int i = 0; i < n_files; i++)
    if (!bitext_tm_merge_add_file (merge, files[i], &read_options, error))
      return FALSE;
  BitextTmMergeSummary s;
  if (!bitext_tm_merge_write (merge, opt_output, &read_options, &write_options, report_conflict,
                              report, &s, error))
    return FALSE;
  fprintf (stderr, "bitext: tm merge: %" G_GUINT64_FORMAT " units read, %" G_GUINT64_FORMAT
           " written, %" G_GUINT64_FORMAT " duplicates dropped, %" G_GUINT64_FORMAT
           " sources with conflicting targets\n", s.n_units, s.n_written, s.n_duplicates,
           s.n_conflict_sources);
  return TRUE;
}

int
cmd_tm_merge (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "FILE…", "Merge TMX files into one: of the units with the same source and target the "
               "newest (changedate, else creationdate) is kept. A source kept with several "
               "targets is reported; it is not an error.", entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc < 2 || opt_output == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "tm merge: give FILE… and -o OUT.tmx; see 'bitext tm merge --help'");
      return BITEXT_EXIT_ERROR;
    }
  BitextOutput out = { 0 };
  if (opt_report != NULL && !bitext_output_open (&out, opt_report, error))
    return BITEXT_EXIT_ERROR;
  g_autoptr(GString) line = g_string_new (NULL);
  Report report = { .stream = opt_report != NULL ? out.stream : NULL, .line = line };
  if (report.stream != NULL)
    fputs ("file:line\tsource\ttarget\n", report.stream);
  if (!run_merge (argc - 1, argv + 1, &report, error))
    {
      if (opt_report != NULL)
        bitext_output_abort (&out);
      return BITEXT_EXIT_ERROR;
    }
  if (opt_report != NULL && !bitext_output_commit (&out, error))
    return BITEXT_EXIT_ERROR;
  return BITEXT_EXIT_OK;
}
