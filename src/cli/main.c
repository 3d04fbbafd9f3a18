/* bitext — the command-line tool: a table of git-style subcommands. */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <bitext/bitext.h>

#include "cmd.h"
#include "common.h"

static const BitextCommand commands[] = {
  { "segment", cmd_segment, "Split texts into sentences" },
  { "align", cmd_align, "Sentence-align a text with its translation" },
  { "eval-align", cmd_eval_align, "Score alignments against gold ones (strict and lax P/R/F1)" },
  { "tm", cmd_tm, "TMX memories: stats, export, import, merge, grep, lookup" },
  { "check", cmd_check, "QA checks with a side-by-side view of the findings" },
  { "glossary", cmd_glossary, "Extract a glossary from aligned units; convert glossary files" },
  { "review", cmd_review, "Review and correct an alignment in the browser" },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "usage: bitext [--version] [--help] COMMAND [ARGS]\n\n"
                   "bitext aligns a text with its translation sentence by sentence.\n\n"
                   "Commands:\n");
  for (const BitextCommand *c = commands; c->name != NULL; c++)
    fprintf (stream, "  %-10s %s\n", c->name, c->summary);
  fprintf (stream, "\nSee 'bitext help COMMAND' or 'bitext COMMAND --help' for a command's "
                   "options.\nExit status: 0 success, 1 findings, 2 usage, input or I/O error.\n");
}

static const BitextCommand *
find_command (const char *name)
{
  for (const BitextCommand *c = commands; c->name != NULL; c++)
    if (strcmp (c->name, name) == 0)
      return c;
  return NULL;
}

static int
run_command (const BitextCommand *command, int argc, char **argv)
{
  g_autofree char *prgname = g_strdup_printf ("bitext %s", command->name);
  g_set_prgname (prgname);
  g_autoptr(GError) error = NULL;
  int status = command->func (argc, argv, &error);
  /* Whatever a command wrote to stdout and did not flush itself: a lost write is an error. */
  if (error == NULL && status != BITEXT_EXIT_ERROR && !bitext_stdout_finish (&error))
    status = BITEXT_EXIT_ERROR;
  if (error != NULL)
    {
      fprintf (stderr, "bitext: %s\n", error->message);
      return status == BITEXT_EXIT_OK ? BITEXT_EXIT_ERROR : status;
    }
  return status;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* Past a file size limit (ulimit -f), a write fails with EFBIG and the output is
     abandoned cleanly, instead of SIGXFSZ killing us with a temporary file left. */
  signal (SIGXFSZ, SIG_IGN);
  if (argc < 2)
    {
      print_usage (stderr);
      return BITEXT_EXIT_ERROR;
    }
  const char *name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0)
    {
      print_usage (stdout);
      return BITEXT_EXIT_OK;
    }
  if (strcmp (name, "--version") == 0)
    {
      printf ("bitext %s\n", BITEXT_VERSION);
      return BITEXT_EXIT_OK;
    }
  if (strcmp (name, "help") == 0)
    {
      if (argc < 3)
        {
          print_usage (stdout);
          return BITEXT_EXIT_OK;
        }
      const BitextCommand *command = find_command (argv[2]);
      if (command == NULL)
        {
          fprintf (stderr, "bitext: '%s' is not a bitext command. See 'bitext --help'.\n", argv[2]);
          return BITEXT_EXIT_ERROR;
        }
      char *help_argv[] = { argv[2], (char *) "--help", NULL };
      return run_command (command, 2, help_argv);
    }
  const BitextCommand *command = find_command (name);
  if (command == NULL)
    {
      fprintf (stderr, "bitext: '%s' is not a bitext command. See 'bitext --help'.\n", name);
      return BITEXT_EXIT_ERROR;
    }
  return run_command (command, argc - 1, argv + 1);
}
