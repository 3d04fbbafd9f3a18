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
  { "import", cmd_tm_import, "Make a TMX file from TSV or CSV pairs" },
  { "merge", cmd_tm_merge, "Merge TMX files: one unit per source and target, the newest" },
  { "grep", cmd_tm_grep, "Find a word or phrase, inflected forms too (concordance)" },
  { "lookup", cmd_tm_lookup, "Fuzzy matches for a new sentence, with CAT-style percentages" },
  { "clean", cmd_tm_clean, "Drop empty, letterless, identical or low-score units, by reason" },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "usage: bitext tm COMMAND [OPTIONS] FILE…\n\n"
                   "Inspect, export, import, merge, clean and search TMX translation "
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

void
cmd_tm_append_tsv (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\\': g_string_append (out, "\\\\"); break;
      default: g_string_append_c (out, *p);
      }
}

gboolean
cmd_tm_parse_date (const char *text, gint64 *date, GError **error)
{
  guint64 seconds = 0;
  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      *date = (gint64) seconds;
      return TRUE;
    }
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL && strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);
      dt = g_date_time_new_from_iso8601 (midnight, utc);
    }
  if (dt == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--date '%s': not a date (seconds since 1970, YYYY-MM-DD, ISO 8601 or "
                   "YYYYMMDDThhmmssZ)", text);
      return FALSE;
    }
  *date = g_date_time_to_unix (dt);
  return TRUE;
}

gboolean
cmd_tm_filter_setup (const CmdTmFilterOptions *o, BitextTmFilter *filter,
                     const BitextTmFilter **use, GError **error)
{
  *filter = (BitextTmFilter) BITEXT_TM_FILTER_INIT;
  if (!(o->min_score >= 0.0 && o->min_score <= 1.0))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--min-score %g: a confidence from 0 to 1 expected", o->min_score);
      return FALSE;
    }
  filter->min_score = o->min_score;
  filter->mark = o->mark;
  *use = o->no_filter ? NULL : filter;
  return TRUE;
}

void
cmd_tm_report_filtered (const char *what, const CmdTmFilterOptions *o, const guint64 *counts)
{
  guint64 flagged = 0, total = 0;
  for (guint r = 0; r < BITEXT_TM_FILTER_N_REASONS; r++)
    {
      total += counts[r];
      flagged += r != BITEXT_TM_FILTER_KEEP ? counts[r] : 0;
    }
  if (flagged == 0)
    return;
  g_autoptr(GString) line = g_string_new (NULL);
  g_string_printf (line, "bitext: %s: %s %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                   " units (", what, o->mark ? "marked" : "dropped", flagged, total);
  bitext_tm_filter_append_counts (line, counts);
  g_string_append (line, o->mark ? "): prop " BITEXT_TM_FILTER_PROP "\n"
                                 : "); --no-filter keeps them\n");
  fputs (line->str, stderr);
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
