/* bitext CLI — the progress line (progress.h). */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A test hook: $BITEXT_PROGRESS_DELAY_MS replaces the 2 s delay (tests cannot wait on time). */
static gint64
delay (void)
{
  const char *ms = g_getenv ("BITEXT_PROGRESS_DELAY_MS");
  guint64 value;
  if (ms != NULL && g_ascii_string_to_unsigned (ms, 10, 0, 600000, &value, NULL))
    return (gint64) value * 1000;
  return BITEXT_PROGRESS_DELAY;
}

void
bitext_progress_init (BitextProgress *p, gboolean quiet)
{
  bitext_progress_init_forced (p, quiet, FALSE);
}

void
bitext_progress_init_forced (BitextProgress *p, gboolean quiet, gboolean forced)
{
  p->enabled = !quiet && (forced || isatty (fileno (stderr)));
  p->start = g_get_monotonic_time ();
  p->last_draw = 0;
  p->drawn = FALSE;
  p->stage[0] = '\0';
}

void
bitext_progress_func (const char *stage, guint64 done, guint64 total, gpointer user_data)
{
  BitextProgress *p = user_data;
  if (p == NULL || !p->enabled)
    return;
  gint64 now = g_get_monotonic_time ();
  gboolean new_stage = strncmp (stage, p->stage, sizeof p->stage - 1) != 0;
  if (now - p->start < delay () || (!new_stage && now - p->last_draw < G_USEC_PER_SEC / 10))
    return;
  if (new_stage)
    g_strlcpy (p->stage, stage, sizeof p->stage);
  p->last_draw = now;
  p->drawn = TRUE;
  if (total > 0)
    fprintf (stderr, "\r\033[Kbitext: %s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " (%u%%)",
             stage, done, total, (guint) (100.0 * (double) done / (double) total));
  else
    fprintf (stderr, "\r\033[Kbitext: %s: %" G_GUINT64_FORMAT, stage, done);
  fflush (stderr);
}

void
bitext_progress_done (BitextProgress *p)
{
  if (p->drawn)
    fputs ("\r\033[K", stderr);
  p->drawn = FALSE;
  p->stage[0] = '\0';
}
