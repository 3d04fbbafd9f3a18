/* bitext CLI — the `bitext tm` subcommands (one file each: cmd-tm-NAME.c). */
#pragma once

#include <bitext/bitext.h>

int cmd_tm_stats  (int argc, char **argv, GError **error);
int cmd_tm_export (int argc, char **argv, GError **error);
int cmd_tm_merge  (int argc, char **argv, GError **error);
int cmd_tm_import (int argc, char **argv, GError **error);
int cmd_tm_grep   (int argc, char **argv, GError **error);
int cmd_tm_lookup (int argc, char **argv, GError **error);

/* Prints "bitext: MESSAGE" for each unit the TMX reader skipped. */
void cmd_tm_print_warning (const char *message, gpointer user_data);

/* Append @text with TAB, LF, CR and backslash escaped as \t \n \r \\ (the TSV of tm export). */
void cmd_tm_append_tsv (GString *out, const char *text);

/* Parse --date: seconds since 1970, YYYY-MM-DD, ISO 8601 (UTC unless it says) or a TMX date. */
gboolean cmd_tm_parse_date (const char *text, gint64 *date, GError **error);
