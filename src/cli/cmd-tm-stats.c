/* bitext tm stats — units, languages, duplicates and segment lengths of TMX files. */
#include <string.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"

static char *opt_format = NULL;
static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static gboolean opt_strict = FALSE;

static const GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "text (default) or json", "FORMAT" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (default: each unit's srclang, else the header's)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang,
    "Target language (default: the first unit's first other language)", "LANG" },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict, "A malformed unit is an error", NULL },
  { NULL }
};

static gboolean
add_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) error;
  bitext_tm_stats_add_unit (user_data, header, unit);
  return TRUE;
}

static void
print_text (const char *path, const BitextTmSummary *s, BitextTmStats *stats, guint skipped)
{
  printf ("file: %s\nunits: %" G_GUINT64_FORMAT "\nskipped (malformed): %u\nlanguages:", path,
          s->n_units, skipped);
  g_autoptr(GPtrArray) langs = bitext_tm_stats_dup_languages (stats);
  for (guint i = 0; i < langs->len; i++)
    printf ("%s %s %" G_GUINT64_FORMAT, i > 0 ? "," : "", (char *) langs->pdata[i],
            bitext_tm_stats_get_lang_count (stats, langs->pdata[i]));
  printf ("\npair: %s -> %s, %" G_GUINT64_FORMAT " units\n", s->src_lang ? s->src_lang : "-",
          s->tgt_lang ? s->tgt_lang : "-", s->n_pairs);
  const char *bound = s->duplicates_exact ? "" : "at least ";
  printf ("duplicates (same source and target as an earlier unit): %s%" G_GUINT64_FORMAT "\n"
          "other targets for an earlier source: %s%" G_GUINT64_FORMAT "\n"
          "empty source or target: %" G_GUINT64_FORMAT "\n",
          bound, s->n_duplicates, bound, s->n_conflicts, s->n_empty);
  printf ("length in characters: %-8s %8s %8s %10s %8s %12s\n", "", "min", "median", "mean",
          "max", "total");
  const BitextTmLengths *l[] = { &s->src, &s->tgt };
  const char *names[] = { s->src_lang, s->tgt_lang };
  for (guint i = 0; i < 2; i++)
    printf ("  %-27s %8u %8u %10.1f %8u %12" G_GUINT64_FORMAT "\n", names[i] ? names[i] : "-",
            l[i]->min, l[i]->median, l[i]->mean, l[i]->max, l[i]->n_chars);
}

static void
append_lengths (GString *j, const char *lang, const BitextTmLengths *l)
{
  bitext_json_append_string (j, lang != NULL ? lang : "");
  g_string_append_printf (j, ":{\"min\":%u,\"median\":%u,\"mean\":%.2f,\"max\":%u,\"total\":%"
                          G_GUINT64_FORMAT "}", l->min, l->median, l->mean, l->max, l->n_chars);
}

static void
print_json (const char *path, const BitextTmSummary *s, BitextTmStats *stats, guint skipped)
{
  g_autoptr(GString) j = g_string_new ("{\"file\":");
  bitext_json_append_string (j, path);
  g_string_append_printf (j, ",\"units\":%" G_GUINT64_FORMAT ",\"skipped\":%u,\"languages\":{",
                          s->n_units, skipped);
  g_autoptr(GPtrArray) langs = bitext_tm_stats_dup_languages (stats);
  for (guint i = 0; i < langs->len; i++)
    {
      if (i > 0)
        g_string_append_c (j, ',');
      bitext_json_append_string (j, langs->pdata[i]);
      g_string_append_printf (j, ":%" G_GUINT64_FORMAT,
                              bitext_tm_stats_get_lang_count (stats, langs->pdata[i]));
    }
  g_string_append (j, "},\"src_lang\":");
  bitext_json_append_string (j, s->src_lang != NULL ? s->src_lang : "");
  g_string_append (j, ",\"tgt_lang\":");
  bitext_json_append_string (j, s->tgt_lang != NULL ? s->tgt_lang : "");
  g_string_append_printf (j, ",\"pairs\":%" G_GUINT64_FORMAT ",\"duplicates\":%" G_GUINT64_FORMAT
                          ",\"conflicts\":%" G_GUINT64_FORMAT ",\"duplicates_exact\":%s"
                          ",\"empty\":%" G_GUINT64_FORMAT ",\"length\":{", s->n_pairs,
                          s->n_duplicates, s->n_conflicts,
                          s->duplicates_exact ? "true" : "false", s->n_empty);
  append_lengths (j, "source", &s->src);
  g_string_append_c (j, ',');
  append_lengths (j, "target", &s->tgt);
  g_string_append (j, "}}\n");
  fputs (j->str, stdout);
}

static gboolean
stats_file (const char *path, gboolean json, GError **error)
{
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  options.segments_only = TRUE;
  options.strict = opt_strict;
  options.warning_func = cmd_tm_print_warning;
  g_autoptr(BitextTmStats) stats = bitext_tm_stats_new (opt_src_lang, opt_tgt_lang);
  guint skipped = 0;
  if (!bitext_tmx_foreach_unit (path, &options, add_unit, stats, &skipped, error))
    return FALSE;
  const BitextTmSummary *s = bitext_tm_stats_get_summary (stats);
  if (json)
    print_json (path, s, stats, skipped);
  else
    print_text (path, s, stats, skipped);
  return TRUE;
}

int
cmd_tm_stats (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "FILE…", "Count the units, languages, duplicates and segment lengths of TMX files "
               "(- for stdin).", entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc < 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "tm stats: no FILE given; see 'bitext tm stats --help'");
      return BITEXT_EXIT_ERROR;
    }
  const char *format = opt_format != NULL ? opt_format : "text";
  if (strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "tm stats: unknown --format '%s' (text or json)", format);
      return BITEXT_EXIT_ERROR;
    }
  for (int i = 1; i < argc; i++)
    {
      if (!stats_file (argv[i], strcmp (format, "json") == 0, error))
        return BITEXT_EXIT_ERROR;
      if (i + 1 < argc && strcmp (format, "text") == 0)
        putchar ('\n');
    }
  return bitext_stdout_finish (error) ? BITEXT_EXIT_OK : BITEXT_EXIT_ERROR;
}
