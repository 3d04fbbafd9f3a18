/* bitext review — review and correct an alignment in the browser (a local server on 127.0.0.1). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib-unix.h>
#include <gio/gio.h>

#include <bitext/bitext.h>
#include <bitext/pair.h>
#include <bitext/review.h>

#include "cmd.h"
#include "common.h"

static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_dict = NULL;
static char *opt_beads = NULL;
static char *opt_pair = NULL;
static char *opt_tmx = NULL;
static char **opt_glossary = NULL;
static char **opt_dnt = NULL;
static gboolean opt_presegmented = FALSE;
static gboolean opt_no_open = FALSE;
static gboolean opt_no_freedict = FALSE;
static int opt_port = 0;

static const GOptionEntry entries[] = {
  { "port", 'p', 0, G_OPTION_ARG_INT, &opt_port, "Listen on this port of 127.0.0.1 (default: a "
    "free one)", "N" },
  { "no-open", 0, 0, G_OPTION_ARG_NONE, &opt_no_open, "Print the address, do not open a browser",
    NULL },
  { "pair", 0, 0, G_OPTION_ARG_FILENAME, &opt_pair, "The pair file that Save writes (default: "
    "NAME.SRC-TGT.pair.json here, NAME from SRC)", "FILE" },
  { "tmx", 0, 0, G_OPTION_ARG_FILENAME, &opt_tmx, "The TMX that Save + TMX writes, relative to "
    "the pair file's folder (default: tm/NAME.tmx)", "PATH" },
  { "glossary", 'g', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_glossary, "Glossary for the QA marks "
    "(as bitext check takes it); may be repeated", "FILE" },
  { "dnt", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_dnt, "Do-not-translate list for the QA marks "
    "(as bitext check takes it); may be repeated", "FILE" },
  { "src-lang", 0, 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Language of SRC: en, ru, any code, or auto (from the text; default)", "LANG" },
  { "tgt-lang", 0, 0, G_OPTION_ARG_STRING, &opt_tgt_lang, "Language of TGT (as --src-lang)",
    "LANG" },
  { "dict", 'd', 0, G_OPTION_ARG_FILENAME, &opt_dict,
    "Bilingual dictionary for the aligner (as bitext align takes it)", "FILE" },
  BITEXT_NO_FREEDICT_ENTRY (opt_no_freedict),
  { "presegmented", 0, 0, G_OPTION_ARG_NONE, &opt_presegmented,
    "SRC and TGT hold one sentence a line; blank lines separate paragraphs", NULL },
  { "beads", 0, 0, G_OPTION_ARG_FILENAME, &opt_beads,
    "Start from this alignment of SRC and TGT ([i,j]:[k] a line) instead of aligning", "FILE" },
  { NULL }
};

/* The pair from the arguments: two texts (aligned, or with --beads), a pair file, or a TMX. */
static BitextPair *
load_pair (int argc, char **argv, GError **error)
{
  BitextPairOptions opts = BITEXT_PAIR_OPTIONS_INIT;
  opts.src_lang = opt_src_lang;
  opts.tgt_lang = opt_tgt_lang;
  opts.presegmented = opt_presegmented;
  opts.dict_path = opt_dict;
  opts.installed_dict = !opt_no_freedict;
  if (!bitext_pair_input_options (&opts, error))
    return NULL;
  return bitext_pair_open ((const char *const *) argv + 1, (guint) argc - 1, opt_beads, &opts,
                           error);
}

/* Where Save writes: --pair, the pair file opened (its autosave's pair file), else a new name. */
static char *
pair_path (BitextPair *pair, int argc, char **argv, GError **error)
{
  if (opt_pair != NULL)
    return g_strdup (opt_pair);
  const char *input = argv[1];
  /* A pair file as bitext_pair_open () tells it; an autosave is its pair file's name plus a
  ** suffix, and opening it resumes that pair. */
  g_autofree char *suffix = bitext_pair_dup_autosave_path ("");
  if (argc == 2 && g_str_has_suffix (input, suffix) && strlen (input) > strlen (suffix))
    return g_strndup (input, strlen (input) - strlen (suffix));
  if (argc == 2 && g_str_has_suffix (input, ".json"))
    return g_strdup (input);
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  g_autofree char *path = g_strdup_printf ("%s.%s-%s.pair.json", base,
                                           bitext_pair_get_lang (pair, BITEXT_PAIR_SOURCE),
                                           bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET));
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   "%s exists: resume it with 'bitext review %s', or name another with --pair",
                   path, path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

typedef struct
{
  GMainLoop *loop;
  BitextReview *review;
} Running;

/* Ctrl-C: nothing is saved that was not asked for; the autosave keeps the edits. */
static gboolean
on_signal (gpointer user_data)
{
  Running *r = user_data;
  g_autoptr(GError) error = NULL;
  const char *autosave = bitext_review_get_autosave_path (r->review);
  if (!bitext_review_has_unsaved_edits (r->review))
    fprintf (stderr, "bitext: stopped; nothing was saved (there were no unsaved edits)\n");
  else if (!bitext_review_flush_autosave (r->review, &error))
    fprintf (stderr, "bitext: stopped; nothing was saved, and the unsaved edits could not be "
                     "kept in %s: %s\n", autosave, error->message);
  else
    fprintf (stderr, "bitext: stopped; nothing was saved. The unsaved edits are in %s "
                     "(resume with 'bitext review %s')\n", autosave, autosave);
  g_main_loop_quit (r->loop);
  return G_SOURCE_CONTINUE;
}

int
cmd_review (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
    "SRC TGT | PAIR.json | TM.tmx", "Review and correct an alignment in the browser.", entries);
  bitext_option_context_add_input (context);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc < 2 || argc > 3 || opt_port < 0 || opt_port > 65535 || (opt_beads && argc != 3))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "usage: bitext review SRC TGT | PAIR.json | TM.tmx [--port N] "
                           "[--no-open]");
      return BITEXT_EXIT_ERROR;
    }
  g_autoptr(BitextPair) pair = load_pair (argc, argv, error);
  if (pair == NULL)
    return BITEXT_EXIT_ERROR;
  g_autoptr(BitextGlossary) glossary = NULL;
  if (opt_glossary != NULL || opt_dnt != NULL)
    {
      glossary = bitext_glossary_new (bitext_pair_get_lang (pair, BITEXT_PAIR_SOURCE),
                                      bitext_pair_get_lang (pair, BITEXT_PAIR_TARGET));
      if (!bitext_glossary_load_files (glossary, (const char *const *) opt_glossary,
                                       (const char *const *) opt_dnt, error))
        return BITEXT_EXIT_ERROR;
    }
  g_autofree char *path = pair_path (pair, argc, argv, error);
  if (path == NULL)
    return BITEXT_EXIT_ERROR;
  g_autofree char *autosave = bitext_pair_dup_autosave_path (path);
  if (strcmp (argv[1], autosave) != 0 && g_file_test (autosave, G_FILE_TEST_EXISTS))
    fprintf (stderr, "bitext: %s holds unsaved edits of this pair; resume them with "
                     "'bitext review %s' (the next edit here replaces it)\n", autosave, autosave);

  BitextReviewOptions opts = BITEXT_REVIEW_OPTIONS_INIT;
  opts.port = (guint) opt_port;
  opts.pair_path = path;
  opts.tmx_path = opt_tmx;
  opts.glossary = glossary;
  g_autoptr(BitextReview) review = bitext_review_new (pair, &opts, error);
  if (review == NULL || !bitext_review_listen (review, error))
    return BITEXT_EXIT_ERROR;

  printf ("%s\n", bitext_review_get_url (review));
  fflush (stdout);
  fprintf (stderr, "bitext: reviewing %u beads; Save writes %s. Ctrl-C stops.\n",
           bitext_pair_get_n_beads (pair), path);
  if (!opt_no_open)
    {
      g_autoptr(GError) local = NULL;
      if (!g_app_info_launch_default_for_uri (bitext_review_get_url (review), NULL, &local))
        fprintf (stderr, "bitext: could not open a browser (%s): open the address above\n",
                 local->message);
    }
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Running running = { loop, review };
  guint sigint = g_unix_signal_add (SIGINT, on_signal, &running);
  guint sigterm = g_unix_signal_add (SIGTERM, on_signal, &running);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  return BITEXT_EXIT_OK;
}
