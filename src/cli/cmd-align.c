/* bitext align — sentence-align a text with its translation. */
#include <string.h>

#include <bitext/bitext.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"
#include "progress.h"
#include "file-private.h"

static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_dict = NULL;
static char *opt_format = NULL;
static char *opt_output = NULL;
static char *opt_date = NULL;
static gboolean opt_presegmented = FALSE;
static CmdTmFilterOptions opt_filter = { 0 };
static gboolean opt_no_language_check = FALSE;
static gboolean opt_quiet = FALSE;
static gboolean opt_progress = FALSE;
static BitextProgress progress;

static const GOptionEntry entries[] = {
  { "src-lang", 0, 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Language of SRC: en, ru, any code, or auto (from the script; default)", "LANG" },
  { "tgt-lang", 0, 0, G_OPTION_ARG_STRING, &opt_tgt_lang, "Language of TGT (as --src-lang)",
    "LANG" },
  { "dict", 'd', 0, G_OPTION_ARG_FILENAME, &opt_dict,
    "Bilingual dictionary: source<TAB>target[<TAB>note], alternatives separated by ' | '",
    "FILE" },
  { "presegmented", 0, 0, G_OPTION_ARG_NONE, &opt_presegmented,
    "Inputs hold one sentence a line; blank lines separate paragraphs", NULL },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "tsv (default), jsonl (indices, texts, type, score, evidence), beads ([i,j]:[k]) or tmx",
    "FORMAT" },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
    "tmx: creationdate of the memory (default: $SOURCE_DATE_EPOCH, else now)", "DATE" },
  { "no-language-check", 0, 0, G_OPTION_ARG_NONE, &opt_no_language_check,
    "Go on when a text is not in its language's script, or SRC and TGT look swapped", NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (replaced only when complete) instead of stdout", "FILE" },
  CMD_TM_FILTER_ENTRIES (opt_filter),
  BITEXT_PROGRESS_ENTRIES (opt_quiet, opt_progress),
  { NULL }
};

/* Every bead as one line of @format, to -o FILE (replaced only when complete) or stdout. */
static gboolean
write_alignment (BitextPair *pair, BitextPairFormat format, GError **error)
{
  BitextOutput out;
  if (!bitext_output_open (&out, opt_output, error))
    return FALSE;
  g_autoptr(GString) line = g_string_new (NULL);
  for (guint i = 0; i < bitext_pair_get_n_beads (pair); i++)
    {
      g_string_truncate (line, 0);
      bitext_pair_append_bead (pair, i, format, line);
      bitext_progress_func ("writing", i + 1, bitext_pair_get_n_beads (pair), &progress);
      fwrite (line->str, 1, line->len, out.stream);
    }
  return bitext_output_commit (&out, error);
}

/* TMX: streamed to -o FILE (which the writer replaces only when complete), or built for stdout. */
static gboolean
write_tmx (BitextPair *pair, GError **error)
{
  BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  BitextTmFilter filter;
  guint64 counts[BITEXT_TM_FILTER_N_REASONS] = { 0 };
  if ((opt_date != NULL && !cmd_tm_parse_date (opt_date, &options.date, error))
      || !cmd_tm_filter_setup (&opt_filter, &filter, &options.filter, error))
    return FALSE;
  options.n_filtered = counts;
  gboolean ok;
  if (opt_output != NULL)
    ok = bitext_pair_write_tmx_file (pair, opt_output, &options, error);
  else
    {
      g_autoptr(BitextTm) tm = bitext_pair_dup_tm (pair, error);
      gsize length;
      g_autofree char *data = tm != NULL ? bitext_tmx_write_to_data (tm, &options, &length, error)
                                         : NULL;
      ok = data != NULL && fwrite (data, 1, length, stdout) == length && fflush (stdout) == 0;
    }
  if (ok)
    cmd_tm_report_filtered ("align", &opt_filter, counts);
  return ok;
}

/* A text with no sentence leaves nothing to align. */
static gboolean
check_not_empty (const BitextPair *pair, GError **error)
{
  for (guint side = 0; side < 2; side++)
    if (bitext_pair_get_n_sentences (pair, side) == 0)
      {
        const char *path = bitext_pair_get_path (pair, side);
        g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: no sentences to align",
                     bitext__input_name (path));
        return FALSE;
      }
  return TRUE;
}

int
cmd_align (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "SRC TGT", "Align the sentences of SRC with those of its translation TGT.", entries);
  bitext_option_context_add_input (context);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc != 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "align: expected SRC and TGT; see 'bitext help align'");
      return BITEXT_EXIT_ERROR;
    }
  const char *format = opt_format != NULL ? opt_format : "tsv";
  BitextPairFormat unused;
  if (!bitext_pair_format_from_name (format, &unused) && strcmp (format, "tmx") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "align: unknown --format '%s' (tsv, jsonl, beads or tmx)", format);
      return BITEXT_EXIT_ERROR;
    }
  BitextPairOptions options = BITEXT_PAIR_OPTIONS_INIT;
  options.src_lang = opt_src_lang;
  options.tgt_lang = opt_tgt_lang;
  options.presegmented = opt_presegmented;
  options.no_language_check = opt_no_language_check;
  options.dict_path = opt_dict;
  if (!bitext_pair_input_options (&options, error))
    return BITEXT_EXIT_ERROR;
  bitext_progress_init_forced (&progress, opt_quiet, opt_progress);
  options.progress_func = options.align.progress_func = bitext_progress_func;
  options.progress_data = options.align.progress_data = &progress;
  g_autoptr(BitextPair) pair = bitext_pair_new_from_texts (argv[1], argv[2], &options, error);
  bitext_progress_done (&progress);
  if (pair == NULL)
    bitext_language_hint (*error);
  if (pair == NULL || !check_not_empty (pair, error))
    return BITEXT_EXIT_ERROR;
  BitextPairFormat pair_format;
  gboolean ok = bitext_pair_format_from_name (format, &pair_format)
                  ? write_alignment (pair, pair_format, error)
                  : write_tmx (pair, error);
  bitext_progress_done (&progress);
  return ok ? BITEXT_EXIT_OK : BITEXT_EXIT_ERROR;
}
