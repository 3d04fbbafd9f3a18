/* bitext CLI — helpers shared by the subcommands. */
#pragma once

#include <stdio.h>

#include <glib.h>

#include <bitext/document.h>
#include <bitext/pair.h>

/*
** An output stream: stdout, or a file written under a temporary name in the
** same folder and renamed over the target only by output_commit(), so that a
** failed run never leaves a half-written file (nor truncates an old one).
*/
typedef struct
{
  FILE *stream;
  char *path;               /* NULL for stdout */
  char *tmp_path;
  gboolean unnamed;         /* an O_TMPFILE: tmp_path is NULL until the commit names it */
} BitextOutput;

gboolean bitext_output_open   (BitextOutput *out, const char *path, GError **error);
gboolean bitext_output_commit (BitextOutput *out, GError **error);
void     bitext_output_abort  (BitextOutput *out);
/* Flush stdout; FALSE with "<stdout>: write failed: REASON" when anything written to it was lost. */
gboolean bitext_stdout_finish (GError **error);

void     bitext_json_append_string (GString *out, const char *text);
void     bitext_language_hint      (GError *error);

GOptionContext *bitext_option_context_new (const char *parameters, const char *summary,
                                           const GOptionEntry *entries);
gboolean bitext_parse_options (GOptionContext *context, int *argc, char ***argv,
                               GError **error);

/* --no-freedict, for the commands that check a translation (check, review): VAR is a gboolean. */
#define BITEXT_NO_FREEDICT_ENTRY(var)                                                          \
  { "no-freedict", 0, 0, G_OPTION_ARG_NONE, &(var),                                           \
    "Align without the installed FreeDict dictionary of the two languages "                   \
    "(/usr/share/dictd/freedict-SRC-TGT, used by default when installed)", NULL }

/* --input-format and --encoding, for the commands that read texts (align, check, segment...). */
void     bitext_option_context_add_input (GOptionContext *context);
gboolean bitext_input_options (guint index, BitextDocumentOptions *options, GError **error);
gboolean bitext_pair_input_options (BitextPairOptions *options, GError **error);
