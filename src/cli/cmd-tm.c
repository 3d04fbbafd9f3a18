/* bitext tm — translation memories: a table of `bitext tm NAME` subcommands.
 *
 * Each subcommand is an ordinary command function (argv[0] is its name) in
 * its own file, cmd-tm-NAME.c; adding one means a line in tm_commands[] and
 * a declaration in cmd-tm.h.
 */
#include <stdio.h>
#include <string.h>

#include "cmd-tm.h"
#include "cmd.h"

static const BitextCommand tm_commands[] = {
  { "stats", cmd_tm_stats, "Units, languages, duplicates and segment lengths of a TMX file" },
  { "export", cmd_tm_export, "Write the units of a TMX file as TSV, CSV or JSON lines" },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "usage: bitext tm COMMAND [OPTIONS] FILE…\n\n"
                   "Inspect, export (and later merge, import and search) TMX translation "
                   "memories.\n\nCommands:\n");
  for (const BitextCommand *c = tm_commands; c->name != NULL; c++)
    fprintf (stream, "  %-10s %s\n", c->name, c->summary);
  fprintf (stream, "\nSee 'bitext tm COMMAND --help' for a command's options.\n");
}

void
cmd_tm_print_warning (const char *message, gpointer user_data)
{
  (void) user_data;
  fprintf (stderr, "bitext: warning: %s\n", message);
}

int
cmd_tm (int argc, char **argv, GError **error)
{
  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? BITEXT_EXIT_ERROR : BITEXT_EXIT_OK;
    }
  for (const BitextCommand *c = tm_commands; c->name != NULL; c++)
    if (strcmp (c->name, argv[1]) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("bitext tm %s", c->name);
        g_set_prgname (prgname);
        return c->func (argc - 1, argv + 1, error);
      }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
               "tm: '%s' is not a tm command. See 'bitext tm --help'.", argv[1]);
  return BITEXT_EXIT_ERROR;
}
