/* bitext check — QA checks over aligned texts or a TMX file, with a side-by-side view of findings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <bitext/bitext.h>

#include "cmd.h"
#include "common.h"
#include "progress.h"

static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char **opt_glossary = NULL;
static char **opt_dnt = NULL;
static char **opt_ignore = NULL;
static char *opt_format = NULL;
static char *opt_fail_on = NULL;
static char *opt_beads = NULL;
static char *opt_output = NULL;
static char *opt_profile = NULL;
static gboolean opt_presegmented = FALSE;
static gboolean opt_no_language_check = FALSE;
static gboolean opt_no_freedict = FALSE;
static gboolean opt_all = FALSE;
static gboolean opt_quiet = FALSE;

static const GOptionEntry entries[] = {
  { "glossary", 'g', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_glossary,
    "Glossary: TSV or CSV (source, target, note, forbidden; alternatives separated by ' | '); "
    "may be repeated (the aligner uses the first)", "FILE" },
  { "dnt", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_dnt,
    "Do-not-translate list: one name or acronym a line; may be repeated", "FILE" },
  { "ignore", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_ignore,
    "Accepted findings: CHECK<TAB>TEXT<TAB>COUNTERPART a line (the ignore_key of --format "
    "json); may be repeated", "FILE" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "term (default: pairs side by side), html (self-contained pages: with -o NAME.html, a report over 1 MB is an index NAME.html and pages NAME-1.html, NAME-2.html... of at most 1 MB) or json (one finding a line)", "FORMAT" },
  { "fail-on", 0, 0, G_OPTION_ARG_STRING, &opt_fail_on,
    "Exit 1 when a finding of this severity or above exists: error, warning (default), info",
    "SEVERITY" },
  { "profile", 0, 0, G_OPTION_ARG_STRING, &opt_profile,
    "software (program messages: accelerators, paragraph breaks and a second translation of one "
    "message as a note) or document; default: told from the units", "PROFILE" },
  { "presegmented", 0, 0, G_OPTION_ARG_NONE, &opt_presegmented,
    "SRC and TGT hold one sentence a line; blank lines separate paragraphs", NULL },
  { "beads", 0, 0, G_OPTION_ARG_FILENAME, &opt_beads,
    "Use this alignment of SRC and TGT ([i,j]:[k] a line) instead of aligning", "FILE" },
  { "src-lang", 0, 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (default: guessed from the text, or the TMX header)", "LANG" },
  { "tgt-lang", 0, 0, G_OPTION_ARG_STRING, &opt_tgt_lang, "Target language (as --src-lang)", "LANG" },
  BITEXT_NO_FREEDICT_ENTRY (opt_no_freedict),
  { "all", 'a', 0, G_OPTION_ARG_NONE, &opt_all, "term: show every pair, not only flagged ones",
    NULL },
  { "no-language-check", 0, 0, G_OPTION_ARG_NONE, &opt_no_language_check,
    "Go on when a text is not in its language's script, or SRC and TGT look swapped", NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (replaced only when complete) instead of stdout", "FILE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
    "No progress line (it shows only on a terminal, after 2 s)", NULL },
  { NULL }
};

/* What the views show: the pair's units and labels, and its languages. */
typedef struct
{
  const BitextQaUnit *units;
  guint n_units;
  const char *const *labels;
  const char *src_lang;
  const char *tgt_lang;
} View;

/* The pair to check: SRC and TGT aligned (or the --beads given), a TMX file or a pair file. */
static BitextPair *
load_pair (int argc, char **argv, GError **error)
{
  BitextPairOptions options = BITEXT_PAIR_OPTIONS_INIT;
  options.src_lang = opt_src_lang;
  options.tgt_lang = opt_tgt_lang;
  options.presegmented = opt_presegmented;
  options.no_language_check = opt_no_language_check;
  /* QA reads a code by its tags' names, as a CAT tool shows it: attributes are not text. */
  options.bare_codes = TRUE;
  options.dict_path = opt_glossary != NULL ? opt_glossary[0] : NULL;
  options.installed_dict = !opt_no_freedict;
  if (!bitext_pair_input_options (&options, error))
    return NULL;
  BitextProgress progress;
  bitext_progress_init (&progress, opt_quiet);
  options.progress_func = bitext_progress_func;
  options.progress_data = &progress;
  BitextPair *pair = bitext_pair_open ((const char *const *) argv + 1, (guint) argc - 1, opt_beads,
                                       &options, error);
  bitext_progress_done (&progress);
  if (pair != NULL && bitext_pair_get_skipped_units (pair) > 0)
    fprintf (stderr, "bitext: check: %s: %" G_GUINT64_FORMAT " fuzzy or untranslated entries "
             "not checked\n", argv[1], bitext_pair_get_skipped_units (pair));
  return pair;
}

/* The terminal and HTML views ------------------------------------------------------------------ */

static guint
terminal_width (FILE *out)
{
  const char *env = g_getenv ("COLUMNS");
  if (env != NULL && atoi (env) >= 40)
    return (guint) atoi (env);
  struct winsize ws;
  if (isatty (fileno (out)) && ioctl (fileno (out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return ws.ws_col;
  return 120;
}

static void
set_report_options (BitextReportOptions *options, const View *u, int argc, char **argv)
{
  options->labels = u->labels;
  options->source_name = argv[1];
  options->target_name = argc > 2 ? argv[2] : NULL;
  options->src_lang = u->src_lang;
  options->tgt_lang = u->tgt_lang;
}

/* One page of the HTML report: under a temporary name, renamed when whole. */
static gboolean
write_page (const char *path, const GString *page, gpointer data, GError **error)
{
  (void) data;
  BitextOutput out;
  if (!bitext_output_open (&out, path, error))
    return FALSE;
  fwrite (page->str, 1, page->len, out.stream);
  return bitext_output_commit (&out, error);
}

/* The HTML report into --output, in pages when it is big. */
static gboolean
write_html_pages (const View *u, GPtrArray *findings, int argc, char **argv, GError **error)
{
  BitextReportOptions options = BITEXT_REPORT_OPTIONS_INIT;
  set_report_options (&options, u, argc, argv);
  g_autofree char *glossaries = opt_glossary != NULL ? g_strjoinv (", ", opt_glossary) : NULL;
  options.glossary_name = glossaries;
  return bitext_report_write_html (opt_output, u->units, u->n_units, findings, &options, write_page,
                                   NULL, NULL, error);
}

static int
exit_status (const GPtrArray *findings, BitextSeverity fail_on)
{
  for (guint k = 0; k < findings->len; k++)
    if (((BitextFinding *) findings->pdata[k])->severity >= fail_on)
      return BITEXT_EXIT_FINDINGS;
  return BITEXT_EXIT_OK;
}

static void
write_report (FILE *out, const char *format, const View *u, GPtrArray *findings, int argc,
              char **argv)
{
  BitextReportOptions options = BITEXT_REPORT_OPTIONS_INIT;
  set_report_options (&options, u, argc, argv);
  g_autofree char *glossaries = opt_glossary != NULL ? g_strjoinv (", ", opt_glossary) : NULL;
  options.glossary_name = glossaries;
  options.all = opt_all;
  options.colour = isatty (fileno (out)) && g_getenv ("NO_COLOR") == NULL;
  options.width = terminal_width (out);
  g_autoptr(GString) s = g_string_new (NULL);
  if (strcmp (format, "html") == 0)
    bitext_report_append_html (s, u->units, u->n_units, findings, &options);
  else
    bitext_report_append_text (s, u->units, u->n_units, findings, &options);
  fwrite (s->str, 1, s->len, out);
}

/* JSON ---------------------------------------------------------------------------------------- */

static void
append_span (GString *l, const char *name, const BitextQaSpan *s)
{
  if (s->start < 0)
    g_string_append_printf (l, ",\"%s\":null", name);
  else
    g_string_append_printf (l, ",\"%s\":[%" G_GSSIZE_FORMAT ",%" G_GSSIZE_FORMAT "]", name,
                            s->start, s->end);
}

/* Append finding @k of @findings as one line of the JSON array. */
static void
append_json_finding (GString *l, const View *u, GPtrArray *findings, guint k)
{
  const BitextFinding *f = findings->pdata[k];
  const BitextQaUnit *q = &u->units[f->unit];
  g_autofree char *key = bitext_finding_dup_ignore_key (f);
  g_string_append (l, "{\"check\":\"");
  g_string_append (l, bitext_check_get_id (f->check));
  g_string_append (l, "\",\"severity\":\"");
  g_string_append (l, bitext_severity_get_name (f->severity));
  g_string_append_printf (l, "\",\"unit\":%u,\"bead\":", f->index);
  bitext_json_append_string (l, u->labels[f->unit]);
  g_string_append (l, ",\"message\":");
  bitext_json_append_string (l, f->message);
  g_string_append (l, ",\"source\":");
  bitext_json_append_string (l, q->source);
  g_string_append (l, ",\"target\":");
  bitext_json_append_string (l, q->target);
  append_span (l, "source_span", &f->source_span);
  append_span (l, "target_span", &f->target_span);
  g_string_append (l, ",\"text\":");
  bitext_json_append_string (l, f->text);
  g_string_append (l, ",\"ignore_key\":");
  bitext_json_append_string (l, key);
  g_string_append (l, k + 1 < findings->len ? "},\n" : "}\n");
}

/* A run of findings [begin, end) formatted into out, on a thread of its own. */
typedef struct
{
  const View *u;
  GPtrArray *findings;
  guint begin, end;
  GString *out;
} JsonBlock;

static gpointer
format_json_block (gpointer data)
{
  JsonBlock *b = data;
  g_string_truncate (b->out, 0);
  for (guint k = b->begin; k < b->end; k++)
    append_json_finding (b->out, b->u, b->findings, k);
  return NULL;
}

/* Findings a thread formats at a time: a few MiB of text, written before the next ones. */
#define JSON_BLOCK 4096

/*
** The findings as JSON, one a line, then the summary. A million findings
** make most of a gigabyte of text (each line holds its unit's texts), so
** the lines are formatted in blocks, on one thread per processor, and
** written in order as each round of blocks is done.
*/
static void
write_json (FILE *out, const View *u, GPtrArray *findings)
{
  guint counts[BITEXT_CHECK_N] = { 0 }, severities[3] = { 0 };
  for (guint k = 0; k < findings->len; k++)
    {
      const BitextFinding *f = findings->pdata[k];
      counts[f->check]++;
      severities[f->severity]++;
    }
  fputs ("{\"findings\":[\n", out);
  guint n = CLAMP (g_get_num_processors (), 1u, 8u);
  JsonBlock blocks[8];
  GThread *threads[8] = { NULL };
  for (guint t = 0; t < n; t++)
    blocks[t] = (JsonBlock) { u, findings, 0, 0, g_string_new (NULL) };
  for (guint start = 0; start < findings->len; start += n * JSON_BLOCK)
    {
      for (guint t = 0; t < n; t++)
        {
          blocks[t].begin = MIN (start + t * JSON_BLOCK, findings->len);
          blocks[t].end = MIN (blocks[t].begin + JSON_BLOCK, findings->len);
          if (t > 0 && blocks[t].begin < blocks[t].end)
            threads[t] = g_thread_new ("bitext-json", format_json_block, &blocks[t]);
        }
      format_json_block (&blocks[0]);
      for (guint t = 0; t < n; t++)
        {
          if (threads[t] != NULL)
            g_thread_join (g_steal_pointer (&threads[t]));
          if (blocks[t].begin < blocks[t].end)
            fwrite (blocks[t].out->str, 1, blocks[t].out->len, out);
        }
    }
  for (guint t = 0; t < n; t++)
    g_string_free (blocks[t].out, TRUE);
  fprintf (out, "],\n\"summary\":{\"units\":%u,\"findings\":%u,\"by_severity\":{\"error\":%u,"
                "\"warning\":%u,\"info\":%u},\"by_check\":{",
           u->n_units, findings->len, severities[2], severities[1], severities[0]);
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    fprintf (out, "%s\"%s\":%u", c > 0 ? "," : "", bitext_check_get_id (c), counts[c]);
  fputs ("},\"notes\":[", out);
  g_autofree char *note = bitext_qa_dup_spelling_note (u->src_lang, u->tgt_lang);
  if (note != NULL)
    {
      g_autoptr(GString) l = g_string_new (NULL);
      bitext_json_append_string (l, note);
      fputs (l->str, out);
    }
  fputs ("]}}\n", out);
}

/* The command --------------------------------------------------------------------------------- */

static BitextGlossary *
load_glossary (const View *u, GError **error)
{
  g_autoptr(BitextGlossary) g = bitext_glossary_new (u->src_lang, u->tgt_lang);
  if (!bitext_glossary_load_files (g, (const char *const *) opt_glossary,
                                   (const char *const *) opt_dnt, error))
    return NULL;
  return g_steal_pointer (&g);
}

static gboolean
check_arguments (int argc, char **argv, BitextSeverity *fail_on, GError **error)
{
  const char *format = opt_format != NULL ? opt_format : "term";
  if (strcmp (format, "term") != 0 && strcmp (format, "json") != 0
      && strcmp (format, "html") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "check: unknown --format '%s' (term, html or json)", format);
      return FALSE;
    }
  if (!bitext_severity_from_name (opt_fail_on != NULL ? opt_fail_on : "warning", fail_on))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "check: unknown --fail-on '%s' (error, warning or info)", opt_fail_on);
      return FALSE;
    }
  gboolean tmx = argc == 2;
  if (argc != 2 && argc != 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "check: expected SRC TGT or TM.tmx; see 'bitext help check'");
      return FALSE;
    }
  if (tmx && (opt_beads != NULL || opt_presegmented))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "check: --beads and --presegmented need SRC and TGT, not a TMX file");
      return FALSE;
    }
  (void) argv;
  return TRUE;
}

int
cmd_check (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "SRC TGT | TM.tmx",
      "Check a translation: untranslated text, glossary terms, numbers, omissions, consistency,\n"
      "markup and punctuation. Exit status: 0 clean, 1 findings at or above --fail-on, 2 error.",
      entries);
  bitext_option_context_add_input (context);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  BitextSeverity fail_on;
  BitextQaProfile profile = BITEXT_QA_PROFILE_AUTO;
  if (!check_arguments (argc, argv, &fail_on, error))
    return BITEXT_EXIT_ERROR;
  if (opt_profile != NULL
      && (!bitext_qa_profile_from_name (opt_profile, &profile) || profile == BITEXT_QA_PROFILE_AUTO))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "check: unknown --profile '%s' (software or document)", opt_profile);
      return BITEXT_EXIT_ERROR;
    }
  g_autoptr(BitextPair) pair = load_pair (argc, argv, error);
  if (pair == NULL)
    {
      bitext_language_hint (*error);
      return BITEXT_EXIT_ERROR;
    }
  View u = { NULL, 0, bitext_pair_get_labels (pair), bitext_pair_get_lang (pair, BITEXT_PAIR_SOURCE),
             bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET) };
  u.units = bitext_pair_get_qa_units (pair, &u.n_units);
  g_autoptr(BitextGlossary) glossary = load_glossary (&u, error);
  g_autoptr(BitextQaIgnore) ignore = bitext_qa_ignore_new ();
  if (glossary == NULL)
    return BITEXT_EXIT_ERROR;
  for (guint k = 0; opt_ignore != NULL && opt_ignore[k] != NULL; k++)
    if (!bitext_qa_ignore_load_file (ignore, opt_ignore[k], error))
      return BITEXT_EXIT_ERROR;

  BitextQaOptions options = BITEXT_QA_OPTIONS_INIT;
  options.src_lang = u.src_lang;
  options.tgt_lang = u.tgt_lang;
  options.glossary = glossary;
  options.ignore = ignore;
  options.profile = profile;
  g_autoptr(GPtrArray) findings = bitext_qa_run (u.units, u.n_units, &options, error);
  if (findings == NULL)
    return BITEXT_EXIT_ERROR;

  const char *format = opt_format != NULL ? opt_format : "term";
  if (strcmp (format, "html") == 0 && opt_output != NULL)
    {
      /* A file: split into pages when the report is big (bitext_report_write_html()). */
      if (!write_html_pages (&u, findings, argc, argv, error))
        return BITEXT_EXIT_ERROR;
      return exit_status (findings, fail_on);
    }
  BitextOutput out;
  if (!bitext_output_open (&out, opt_output, error))
    return BITEXT_EXIT_ERROR;
  if (strcmp (format, "json") == 0)
    write_json (out.stream, &u, findings);
  else
    write_report (out.stream, format, &u, findings, argc, argv);
  if (!bitext_output_commit (&out, error))
    return BITEXT_EXIT_ERROR;
  return exit_status (findings, fail_on);
}
