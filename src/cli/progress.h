/* bitext CLI — progress of long runs on stderr: one line redrawn, only on a terminal. */
#pragma once

#include <bitext/bitext.h>

/*
** A progress line: shown only when stderr is a terminal, --quiet was not
** given, and the run has lasted a while (BITEXT_PROGRESS_DELAY, 2 s: work
** shorter than that needs no progress); then redrawn at most 10 times a
** second, and at once when the stage changes. bitext_progress_func() is a BitextProgressFunc for the library;
** bitext_progress_done() clears the line. --progress (@forced) draws it
** whatever stderr is (a log, a test); it never goes to the output.
*/
typedef struct
{
  gboolean enabled;
  gint64 start;               /* monotonic µs */
  gint64 last_draw;
  gboolean drawn;
  char stage[256];            /* the stage last drawn (cut): a new one is drawn at once */
} BitextProgress;

#define BITEXT_PROGRESS_DELAY (2 * G_USEC_PER_SEC)

/* The --quiet and --progress options of a command, for its GOptionEntry list. */
#define BITEXT_PROGRESS_ENTRIES(quiet, forced)                                                     \
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &(quiet),                                                  \
    "No progress line (it shows only on a terminal, after 2 s)", NULL },                           \
  { "progress", 0, 0, G_OPTION_ARG_NONE, &(forced),                                                \
    "Draw the progress line on stderr even when it is not a terminal", NULL }

void bitext_progress_init (BitextProgress *p, gboolean quiet);
void bitext_progress_init_forced (BitextProgress *p, gboolean quiet, gboolean forced);
void bitext_progress_func (const char *stage, guint64 done, guint64 total, gpointer user_data);
void bitext_progress_done (BitextProgress *p);
