/* bitext CLI — the `bitext tm` subcommands (one file each: cmd-tm-NAME.c). */
#pragma once

#include <bitext/bitext.h>

int cmd_tm_stats  (int argc, char **argv, GError **error);
int cmd_tm_export (int argc, char **argv, GError **error);

/* Prints "bitext: MESSAGE" for each unit the TMX reader skipped. */
void cmd_tm_print_warning (const char *message, gpointer user_data);
