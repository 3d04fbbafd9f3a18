/* bitext CLI — progress of long runs on stderr: one line redrawn, only on a terminal. */
#pragma once

#include <bitext/bitext.h>

/*
** A progress line: shown only when stderr is a terminal, --quiet was not
** given, and the run has lasted a while (BITEXT_PROGRESS_DELAY, 2 s: work
** shorter than that needs no progress); then redrawn at most 10 times a
** second. bitext_progress_func() is a BitextProgressFunc for the library;
** bitext_progress_done() clears the line.
*/
typedef struct
{
  gboolean enabled;
  gint64 start;               /* monotonic µs */
  gint64 last_draw;
  gboolean drawn;
} BitextProgress;

#define BITEXT_PROGRESS_DELAY (2 * G_USEC_PER_SEC)

void bitext_progress_init (BitextProgress *p, gboolean quiet);
void bitext_progress_func (const char *stage, guint64 done, guint64 total, gpointer user_data);
void bitext_progress_done (BitextProgress *p);
