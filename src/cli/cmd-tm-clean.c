/* bitext tm clean — the memory filters applied to an existing TMX file, with a report by reason. */
#include <string.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"
#include "progress.h"

static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_output = NULL;
static char *opt_report = NULL;
static char *opt_date = NULL;
static gboolean opt_strict = FALSE;
static CmdTmFilterOptions opt_filter = { 0 };
static gboolean opt_quiet = FALSE;
static BitextProgress progress;

static const GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "The TMX file to write (replaced only when complete; may be the input)", "FILE" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (default: each unit's srclang, else the header's)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang,
    "Target language (default: each unit's first other language)", "LANG" },
  { "report", 'r', 0, G_OPTION_ARG_FILENAME, &opt_report,
    "Write each flagged unit as TSV (line, reason, source, target) to FILE", "FILE" },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
    "Header creationdate (default: $SOURCE_DATE_EPOCH, else now)", "DATE" },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, "A malformed unit is an error", NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
    "No progress line (it shows only on a terminal, after 2 s)", NULL },
  CMD_TM_FILTER_ENTRIES (opt_filter),
  { NULL }
};

typedef struct
{
  const BitextTmxWriteOptions *write_options;
  const BitextTmFilter *filter;
  BitextTmxWriter *writer;    /* made at the first unit, with the file's header */
  FILE *report;               /* nullable */
  GString *line;
  guint64 n_read;
} Clean;

static gboolean
clean_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  Clean *c = user_data;
  c->n_read++;
  bitext_progress_func ("reading", c->n_read, 0, &progress);
  if (c->writer == NULL)
    {
      /* The writer only reads the header (the memory holds no unit while streaming). */
      c->writer = bitext_tmx_writer_new (opt_output, (BitextTm *) header, c->write_options, error);
      if (c->writer == NULL)
        return FALSE;
    }
  if (c->report != NULL)
    {
      BitextTmFilterReason reason = bitext_tm_filter_classify (c->filter, header, unit);
      if (reason != BITEXT_TM_FILTER_KEEP)
        {
          BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, opt_src_lang);
          BitextTmVariant *tgt = src != NULL ? bitext_tm_unit_choose_target (unit, src, opt_tgt_lang)
                                             : NULL;
          g_string_printf (c->line, "%u\t%s\t", bitext_tm_unit_get_line (unit),
                           bitext_tm_filter_reason_name (reason));
          cmd_tm_append_tsv (c->line, src != NULL ? bitext_tm_variant_get_text (src) : "");
          g_string_append_c (c->line, '\t');
          cmd_tm_append_tsv (c->line, tgt != NULL ? bitext_tm_variant_get_text (tgt) : "");
          g_string_append_c (c->line, '\n');
          fputs (c->line->str, c->report);
        }
    }
  return bitext_tmx_writer_add_unit (c->writer, unit, error);
}

static gboolean
run_clean (const char *path, Clean *c, GError **error)
{
  BitextTmxReadOptions read_options = BITEXT_TMX_READ_OPTIONS_INIT;
  read_options.strict = opt_strict;
  read_options.warning_func = cmd_tm_print_warning;
  guint n_skipped = 0;
  if (!bitext_tmx_foreach_unit (path, &read_options, clean_unit, c, &n_skipped, error))
    return FALSE;
  if (c->writer == NULL)
    {
      g_autoptr(BitextTm) empty = bitext_tm_new (opt_src_lang, opt_tgt_lang);
      c->writer = bitext_tmx_writer_new (opt_output, empty, c->write_options, error);
      if (c->writer == NULL)
        return FALSE;
    }
  return bitext_tmx_writer_close (c->writer, error);
}

int
cmd_tm_clean (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "FILE", "Copy a TMX file without the units the memory filters flag: a side empty, a "
              "side without letters (numbers, punctuation), the target identical to the "
              "source, or an alignment confidence below --min-score. Prints what it dropped, "
              "by reason.", entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc != 2 || opt_output == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "tm clean: give one FILE and -o OUT.tmx; see 'bitext tm clean --help'");
      return BITEXT_EXIT_ERROR;
    }
  BitextTmFilter filter;
  guint64 counts[BITEXT_TM_FILTER_N_REASONS] = { 0 };
  BitextTmxWriteOptions write_options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  if (!cmd_tm_filter_setup (&opt_filter, &filter, &write_options.filter, error)
      || (opt_date != NULL && !cmd_tm_parse_date (opt_date, &write_options.date, error)))
    return BITEXT_EXIT_ERROR;
  filter.src_lang = opt_src_lang;
  filter.tgt_lang = opt_tgt_lang;
  write_options.n_filtered = counts;
  BitextOutput out = { 0 };
  if (opt_report != NULL && !bitext_output_open (&out, opt_report, error))
    return BITEXT_EXIT_ERROR;
  g_autoptr(GString) line = g_string_new (NULL);
  Clean c = { &write_options, write_options.filter, NULL,
              opt_report != NULL && write_options.filter != NULL ? out.stream : NULL, line, 0 };
  if (c.report != NULL)
    fputs ("line\treason\tsource\ttarget\n", c.report);
  bitext_progress_init (&progress, opt_quiet);
  gboolean ok = run_clean (argv[1], &c, error);
  bitext_progress_done (&progress);
  g_clear_pointer (&c.writer, bitext_tmx_writer_free);
  if (!ok)
    {
      if (opt_report != NULL)
        bitext_output_abort (&out);
      return BITEXT_EXIT_ERROR;
    }
  if (opt_report != NULL && !bitext_output_commit (&out, error))
    return BITEXT_EXIT_ERROR;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_string_printf (summary, "bitext: tm clean: %" G_GUINT64_FORMAT " units read, %"
                   G_GUINT64_FORMAT " kept, %s: ", c.n_read,
                   c.filter != NULL ? counts[BITEXT_TM_FILTER_KEEP] : c.n_read,
                   opt_filter.mark ? "marked" : "dropped");
  bitext_tm_filter_append_counts (summary, counts);
  g_string_append_c (summary, '\n');
  fputs (summary->str, stderr);
  return BITEXT_EXIT_OK;
}
