/* bitext CLI — the `bitext tm` subcommands (one file each: cmd-tm-NAME.c). */
#pragma once

#include <bitext/bitext.h>

int cmd_tm_stats  (int argc, char **argv, GError **error);
int cmd_tm_export (int argc, char **argv, GError **error);
int cmd_tm_merge  (int argc, char **argv, GError **error);
int cmd_tm_import (int argc, char **argv, GError **error);
int cmd_tm_grep   (int argc, char **argv, GError **error);
int cmd_tm_lookup (int argc, char **argv, GError **error);
int cmd_tm_clean  (int argc, char **argv, GError **error);

/* Prints "bitext: MESSAGE" for each unit the TMX reader skipped. */
void cmd_tm_print_warning (const char *message, gpointer user_data);

/* Append @text with TAB, LF, CR and backslash escaped as \t \n \r \\ (the TSV of tm export). */
void cmd_tm_append_tsv (GString *out, const char *text);

/* Parse --date: seconds since 1970, YYYY-MM-DD, ISO 8601 (UTC unless it says) or a TMX date. */
gboolean cmd_tm_parse_date (const char *text, gint64 *date, GError **error);

/*
** The memory filters' options (README "Memory filters"), shared by align,
** tm import and tm clean: --min-score, --no-filter and --mark-filtered.
*/
typedef struct
{
  double min_score;
  gboolean no_filter;
  gboolean mark;
} CmdTmFilterOptions;

#define CMD_TM_FILTER_ENTRIES(o)                                                              \
  { "min-score", 0, 0, G_OPTION_ARG_DOUBLE, &(o).min_score,                                 \
    "Drop units whose alignment confidence (x-bitext-score) is below SCORE, 0 to 1 "        \
    "(default 0: none)", "SCORE" },                                                         \
  { "no-filter", 0, 0, G_OPTION_ARG_NONE, &(o).no_filter,                                   \
    "Keep every unit: no memory filters (empty, no letters, identical, --min-score)", NULL }, \
  { "mark-filtered", 0, 0, G_OPTION_ARG_NONE, &(o).mark,                                    \
    "Keep the units the filters flag, with a prop x-bitext-filter naming the reason", NULL }

/* Fill @filter from @o (FALSE with @error set for a --min-score outside [0, 1]); NULL: no filter. */
gboolean cmd_tm_filter_setup (const CmdTmFilterOptions *o, BitextTmFilter *filter,
                              const BitextTmFilter **use, GError **error);

/* "bitext: WHAT: dropped N units of M (identical 2, empty 1)" on stderr, when any was flagged. */
void cmd_tm_report_filtered (const char *what, const CmdTmFilterOptions *o,
                             const guint64 *counts);
