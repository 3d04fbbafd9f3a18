/* bitext glossary — extract a glossary from aligned units; convert glossary files. */
#include <string.h>

#include <bitext/bitext.h>
#include <bitext/terms.h>

#include "cmd.h"
#include "common.h"
#include "progress.h"

static char *opt_output = NULL;
static char *opt_format = NULL;
static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_seed = NULL;
static char *opt_dict_dir = NULL;
static int opt_min_freq = 2;
static int opt_top = 0;
static char *opt_from = NULL;
static char *opt_to = NULL;
static gboolean opt_quiet = FALSE;
static gboolean opt_progress = FALSE;
static BitextProgress progress;

static const GOptionEntry extract_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write the glossary to FILE (default: stdout)", "FILE" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "tsv, csv, tbx or omegat (default: by the extension of -o, else tsv)", "FORMAT" },
  { "min-freq", 0, 0, G_OPTION_ARG_INT, &opt_min_freq, "A term occurs in at least N units (default 2)", "N" },
  { "top", 0, 0, G_OPTION_ARG_INT, &opt_top, "Keep the N best entries (default: all)", "N" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang, "Source language (default: en, or the TMX's)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang, "Target language (default: ru, or the TMX's)", "LANG" },
  { "glossary", 'g', 0, G_OPTION_ARG_FILENAME, &opt_seed, "A known glossary (TSV or CSV) to prefer", "SEED" },
  { "dict-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dict_dir,
    "Folder of Hunspell dictionaries (default /usr/share/hunspell)", "DIR" },
  BITEXT_PROGRESS_ENTRIES (opt_quiet, opt_progress),
  { NULL }
};

static const GOptionEntry convert_entries[] = {
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, "Format of IN (default: by its extension)", "FORMAT" },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to, "Format of OUT (default: by its extension)", "FORMAT" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang, "Source language (default en)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang, "Target language (default ru)", "LANG" },
  { NULL }
};

/* The aligned units of a TMX, PO or XLIFF file (as plain text) or of a TSV of pairs. */
static BitextPair *
read_units (const char *path, GError **error)
{
  BitextPairOptions options = BITEXT_PAIR_OPTIONS_INIT;
  options.src_lang = opt_src_lang;
  options.tgt_lang = opt_tgt_lang;
  options.strip_markup = TRUE;
  options.progress_func = bitext_progress_func;
  options.progress_data = &progress;
  return bitext_pair_new_from_units (path, &options, error);
}

static gboolean
parse_format (const char *given, const char *path, BitextTermFormat *format, GError **error)
{
  if (given != NULL && !bitext_term_format_from_name (given, format))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "glossary: unknown format '%s' (tsv, csv, tbx or omegat)", given);
      return FALSE;
    }
  if (given == NULL && (path == NULL || !bitext_term_format_from_name (path, format)))
    *format = BITEXT_TERM_FORMAT_TSV;
  return TRUE;
}

static gboolean
write_list (const BitextTermList *list, const char *path, BitextTermFormat format, GError **error)
{
  BitextOutput out = { 0 };
  if (!bitext_output_open (&out, path != NULL && strcmp (path, "-") != 0 ? path : NULL, error))
    return FALSE;
  gsize length;
  g_autofree char *data = bitext_term_list_to_data (list, format, &length);
  if (fwrite (data, 1, length, out.stream) != length)
    {
      bitext_output_abort (&out);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: write failed", path);
      return FALSE;
    }
  return bitext_output_commit (&out, error);
}

static int
glossary_extract (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "TM.tmx|PAIRS.tsv", "Propose a glossary from aligned units: source terms by C-value, "
                          "their renderings by Dice, in dictionary form.", extract_entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  BitextTermFormat format;
  if (argc != 2 || opt_min_freq < 1 || opt_top < 0 || !parse_format (opt_format, opt_output, &format, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     "glossary extract: expected one TM.tmx or PAIRS.tsv, --min-freq >= 1 and "
                     "--top >= 0; see 'bitext glossary extract --help'");
      return BITEXT_EXIT_ERROR;
    }
  bitext_progress_init_forced (&progress, opt_quiet, opt_progress);
  g_autoptr(BitextPair) pair = read_units (argv[1], error);
  bitext_progress_done (&progress);
  if (pair == NULL)
    return BITEXT_EXIT_ERROR;
  const char *src_lang = bitext_pair_get_lang (pair, BITEXT_PAIR_SOURCE);
  const char *tgt_lang = bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET);
  BitextTermOptions options = BITEXT_TERM_OPTIONS_INIT;
  options.src_lang = src_lang != NULL ? src_lang : "en";
  options.tgt_lang = tgt_lang != NULL ? tgt_lang : "ru";
  options.min_freq = (guint) opt_min_freq;
  options.top = (guint) opt_top;
  options.dict_dir = opt_dict_dir;
  g_autoptr(BitextGlossary) seed = NULL;
  if (opt_seed != NULL)
    {
      seed = bitext_glossary_new (options.src_lang, options.tgt_lang);
      if (!bitext_glossary_load_file (seed, opt_seed, error))
        return BITEXT_EXIT_ERROR;
      options.seed = seed;
    }
  g_autoptr(GArray) pairs = bitext_pair_dup_text_pairs (pair);
  bitext_progress_func ("extracting terms from units", pairs->len, 0, &progress);
  g_autoptr(BitextTermList) list = bitext_terms_extract ((const BitextTextPair *) (void *) pairs->data,
                                                         pairs->len, &options, error);
  bitext_progress_done (&progress);
  if (list == NULL || !write_list (list, opt_output, format, error))
    return BITEXT_EXIT_ERROR;
  return BITEXT_EXIT_OK;
}

static int
glossary_convert (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "IN OUT", "Convert a glossary between TSV, CSV, TBX-Basic and OmegaT's text format.",
      convert_entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc != 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "glossary convert: expected IN and OUT; see 'bitext glossary convert --help'");
      return BITEXT_EXIT_ERROR;
    }
  BitextTermFormat from, to;
  if (!parse_format (opt_from, argv[1], &from, error) || !parse_format (opt_to, argv[2], &to, error))
    return BITEXT_EXIT_ERROR;
  g_autoptr(BitextTermList) list = bitext_term_list_load_file (
      argv[1], from, opt_src_lang != NULL ? opt_src_lang : "en",
      opt_tgt_lang != NULL ? opt_tgt_lang : "ru", error);
  if (list == NULL)
    return BITEXT_EXIT_ERROR;
  for (const char *const *w = bitext_term_list_get_warnings (list); *w != NULL; w++)
    fprintf (stderr, "bitext: warning: %s\n", *w);
  if (!write_list (list, argv[2], to, error))
    return BITEXT_EXIT_ERROR;
  return BITEXT_EXIT_OK;
}

static const BitextCommand glossary_commands[] = {
  { "extract", glossary_extract, "Propose a glossary from a TMX file or a TSV of aligned pairs" },
  { "convert", glossary_convert, "Convert a glossary between TSV, CSV, TBX and OmegaT" },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "usage: bitext glossary COMMAND [OPTIONS] FILE…\n\nCommands:\n");
  for (const BitextCommand *c = glossary_commands; c->name != NULL; c++)
    fprintf (stream, "  %-10s %s\n", c->name, c->summary);
  fprintf (stream, "\nSee 'bitext glossary COMMAND --help' for a command's options.\n");
}

int
cmd_glossary (int argc, char **argv, GError **error)
{
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? BITEXT_EXIT_ERROR : BITEXT_EXIT_OK;
    }
  for (const BitextCommand *c = glossary_commands; c->name != NULL; c++)
    if (strcmp (c->name, argv[1]) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("bitext glossary %s", c->name);
        g_set_prgname (prgname);
        return c->func (argc - 1, argv + 1, error);
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
               "glossary: '%s' is not a glossary command. See 'bitext glossary --help'.", argv[1]);
  return BITEXT_EXIT_ERROR;
}
