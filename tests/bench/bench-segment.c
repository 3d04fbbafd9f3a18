/* bench-segment — sentence segmentation throughput: raw ICU against libbitext.
 *
 * Usage: bench-segment --lang en|ru [--runs N] [--tsv FILE] FILE
 *
 * Measures in one process, on the same input file:
 *
 *  - "raw ICU", the baseline: the file is read whole into memory once,
 *    outside the timing. Each timed run splits it into paragraphs at blank
 *    lines, converts every paragraph with u_strFromUTF8 and counts the
 *    boundaries of one UBRK_SENTENCE iterator (ubrk_setText per paragraph).
 *    No I/O, no normalisation, no rules: the ceiling for any ICU-based
 *    segmenter on this machine.
 *
 *  - "bitext": the library's streaming path, from opening the file to the
 *    last callback: bitext_reader_new_for_path, bitext_segmenter_new and
 *    bitext_segmenter_segment_reader with a callback that counts segments.
 *
 * The two alternate, best of --runs each. MB are 10^6 bytes of input file.
 *
 * Before the file is loaded, a forked child runs the bitext streaming path
 * once more and samples its peak RSS (getrusage ru_maxrss) at 10 %, 25 %,
 * 50 %, 75 % and 100 % of the input: a streaming segmenter's RSS must stay
 * flat once it has warmed up, whatever the size of the input.
 *
 * The bitext figures count only if its last segment ends where the text of
 * the file ends (trailing white space aside): a segmenter that stops early
 * and reports success would otherwise look fast.
 *
 * Exit status: 0 figures printed, 1 the streaming RSS grew with the input,
 * 2 error (usage, I/O, segmentation, bitext did not cover the input).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include <bitext/bitext.h>

#include "segment-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UBreakIterator, ubrk_close)

/* Errors of the harness itself; the library's come in BITEXT_ERROR. */
#define BENCH_ERROR (bench_error_quark ())
static G_DEFINE_QUARK (bench-segment-error-quark, bench_error)

#define MB 1e6                          /* throughput unit: 10^6 bytes of input */
#define N_CHECKPOINTS 5

/* Fractions of the input at which the memory check samples ru_maxrss. */
static const double checkpoints[N_CHECKPOINTS] = { 0.10, 0.25, 0.50, 0.75, 1.00 };

/*
** Growth of the streaming peak RSS between the 10 % checkpoint and the end
** that still counts as flat. Allocator arenas and ICU caches settle within
** the first 10 % of a 100 MB corpus; anything kept per segment or per byte
** (a leak, a position map never forgotten) shows up as tens of MiB there.
*/
#define RSS_SLACK_KB 8192
/* Below this size the checkpoints are too close together to judge growth. */
#define MEMORY_CHECK_MIN_BYTES (10 * 1000 * 1000)

static char *opt_lang;
static int opt_runs = 3;
static char *opt_tsv;
static int opt_threads = -1;
static char **opt_files;

static const GOptionEntry entries[] = {
  { "lang", 'l', 0, G_OPTION_ARG_STRING, &opt_lang, "Language of the input (en, ru)", "LANG" },
  { "runs", 'n', 0, G_OPTION_ARG_INT, &opt_runs, "Timed runs of each method (default 3)", "N" },
  { "threads", 't', 0, G_OPTION_ARG_INT, &opt_threads,
    "bitext's worker threads (0: none, the calling thread only; default: one per core)", "N" },
  { "tsv", 0, 0, G_OPTION_ARG_FILENAME, &opt_tsv, "Also append one TSV row of figures to FILE",
    "FILE" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL, "FILE" },
  { NULL }
};

/* What bitext's segment callbacks saw. */
typedef struct
{
  guint64 segments;
  gsize end;                            /* source_end of the last segment */
} Tally;

/* Result of the forked memory check, sent back through a pipe. */
typedef struct
{
  gboolean ok;
  Tally tally;
  long rss_setup_kb;                    /* after reader and segmenter are created */
  long rss_kb[N_CHECKPOINTS];           /* peak RSS when the checkpoint was passed */
  char message[512];                    /* the GError message when !ok */
} MemoryReport;

/* State of the memory check's segment callback. */
typedef struct
{
  Tally tally;
  gsize file_size;
  guint next;                           /* next checkpoint to pass */
  long *rss_kb;
} Probe;

static long
peak_rss_kb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;               /* KiB on Linux */
}

static double
mib (long kb)
{
  return kb / 1024.0;
}

/*
** Return the next paragraph of data[*pos..length): a maximal run of lines
** that hold something besides spaces, tabs and CR, without its final line
** break. Advances *pos past it. FALSE at the end of the data. This is the
** paragraph notion of include/bitext/document.h, on raw bytes.
*/
static gboolean
next_paragraph (const char *data, gsize length, gsize *pos, const char **para, gsize *para_len)
{
  const char *end = data + length;
  const char *p = data + *pos;
  const char *start = NULL;
  const char *last = NULL;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      const char *q = p;

      while (q < line_end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
      if (q == line_end && start != NULL)
        break;                          /* blank line after a paragraph */
      if (q != line_end)
        {
          if (start == NULL)
            start = p;
          last = line_end;
        }
      p = nl != NULL ? nl + 1 : end;
    }

  *pos = p - data;
  if (start == NULL)
    return FALSE;
  *para = start;
  *para_len = last - start;
  return TRUE;
}

/*
** Count the ICU sentence boundaries of one paragraph. @u16 is a scratch
** buffer reused across paragraphs; a paragraph needs at most one UTF-16
** unit per UTF-8 byte, plus the terminator.
*/
static gboolean
count_paragraph (UBreakIterator *bi, const char *para, gsize para_len, GArray *u16,
                 guint64 *segments, GError **error)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t n16 = 0;

  if (para_len >= G_MAXINT32)
    {
      g_set_error (error, BENCH_ERROR, 0,
                   "paragraph of %" G_GSIZE_FORMAT " bytes is too long for ICU", para_len);
      return FALSE;
    }
  if (u16->len < para_len + 1)
    g_array_set_size (u16, para_len + 1);

  u_strFromUTF8 ((UChar *) u16->data, (int32_t) u16->len, &n16, para, (int32_t) para_len,
                 &status);
  if (U_SUCCESS (status))
    ubrk_setText (bi, (const UChar *) u16->data, n16, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BENCH_ERROR, 0, "ICU: %s", u_errorName (status));
      return FALSE;
    }

  while (ubrk_next (bi) != UBRK_DONE)
    (*segments)++;
  return TRUE;
}

/* The baseline: raw ICU over the in-memory file. See the file comment. */
static gboolean
run_icu (const char *lang, const char *data, gsize length, guint64 *segments, GError **error)
{
  UErrorCode status = U_ZERO_ERROR;
  g_autoptr(UBreakIterator) bi = ubrk_open (UBRK_SENTENCE, lang, NULL, 0, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, BENCH_ERROR, 0, "ubrk_open(%s): %s", lang, u_errorName (status));
      return FALSE;
    }

  g_autoptr(GArray) u16 = g_array_new (FALSE, FALSE, sizeof (UChar));
  gsize pos = 0;
  const char *para;
  gsize para_len;

  *segments = 0;
  while (next_paragraph (data, length, &pos, &para, &para_len))
    if (!count_paragraph (bi, para, para_len, u16, segments, error))
      return FALSE;
  return TRUE;
}

static gboolean
count_segment (const BitextSegment *segment, const char *text, gpointer user_data,
               GError **error)
{
  Tally *tally = user_data;

  (void) text;
  (void) error;
  tally->segments++;
  tally->end = segment->source_end;
  return TRUE;
}

/* As count_segment, and samples the peak RSS as the input passes each checkpoint. */
static gboolean
probe_segment (const BitextSegment *segment, const char *text, gpointer user_data,
               GError **error)
{
  Probe *probe = user_data;

  (void) text;
  (void) error;
  probe->tally.segments++;
  probe->tally.end = segment->source_end;
  while (probe->next < N_CHECKPOINTS - 1
         && segment->source_end >= checkpoints[probe->next] * probe->file_size)
    probe->rss_kb[probe->next++] = peak_rss_kb ();
  return TRUE;
}

/*
** The library's streaming path, open to last callback. With @probe, the
** segments go to probe_segment and @rss_setup_kb gets the peak RSS once the
** reader and segmenter exist; otherwise they are only counted.
*/
static gboolean
run_bitext (const char *lang, const char *path, Tally *tally, Probe *probe, long *rss_setup_kb,
            GError **error)
{
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  g_autoptr(BitextSegmenter) segmenter = bitext_segmenter_new (lang, NULL, error);
  if (segmenter == NULL)
    return FALSE;
  if (opt_threads >= 0)
    bitext_segmenter__set_threads (segmenter, (guint) opt_threads);

  *tally = (Tally) { 0, 0 };
  if (probe == NULL)
    return bitext_segmenter_segment_reader (segmenter, reader, count_segment, tally, error);

  *rss_setup_kb = peak_rss_kb ();
  if (!bitext_segmenter_segment_reader (segmenter, reader, probe_segment, probe, error))
    return FALSE;
  *tally = probe->tally;
  return TRUE;
}

/*
** Best time in seconds of creating and freeing a segmenter for @lang over
** --runs tries: the fixed cost (SRX rules, ICU iterators) that the bitext
** figure includes and that dominates on small inputs. Negative on error.
*/
static double
time_segmenter_new (const char *lang, GError **error)
{
  double best = -1;

  for (int run = 0; run < opt_runs; run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(BitextSegmenter) segmenter = bitext_segmenter_new (lang, NULL, error);
      if (segmenter == NULL)
        return -1;
      g_clear_pointer (&segmenter, bitext_segmenter_free);
      double t = (g_get_monotonic_time () - t0) / 1e6;
      best = best < 0 ? t : MIN (best, t);
    }
  return best;
}

/* The body of the memory-check child: fills @report, never fails otherwise. */
static void
memory_check_child (const char *lang, const char *path, gsize file_size, MemoryReport *report)
{
  Probe probe = { .file_size = file_size, .rss_kb = report->rss_kb };
  g_autoptr(GError) error = NULL;

  report->ok = run_bitext (lang, path, &report->tally, &probe, &report->rss_setup_kb, &error);
  if (!report->ok)
    {
      g_strlcpy (report->message, error->message, sizeof report->message);
      return;
    }
  /* Checkpoints the segments never reached (trailing blank text) and the end. */
  for (guint i = probe.next; i < N_CHECKPOINTS; i++)
    report->rss_kb[i] = peak_rss_kb ();
}

/*
** Run memory_check_child in a fresh child process, so that its RSS does not
** include the parent's copy of the file. Must run before the file is loaded:
** a forked child starts with its parent's resident pages.
*/
static gboolean
memory_check (const char *lang, const char *path, gsize file_size, MemoryReport *report,
              GError **error)
{
  int fds[2];

  memset (report, 0, sizeof *report);
  if (pipe (fds) != 0)
    {
      g_set_error (error, BENCH_ERROR, errno, "pipe: %s", g_strerror (errno));
      return FALSE;
    }
  fflush (stdout);
  fflush (stderr);

  pid_t pid = fork ();
  if (pid < 0)
    {
      int saved = errno;
      close (fds[0]);
      close (fds[1]);
      g_set_error (error, BENCH_ERROR, saved, "fork: %s", g_strerror (saved));
      return FALSE;
    }
  if (pid == 0)
    {
      close (fds[0]);
      memory_check_child (lang, path, file_size, report);
      _exit (write (fds[1], report, sizeof *report) == (ssize_t) sizeof *report ? 0 : 3);
    }

  close (fds[1]);
  gsize got = 0;
  while (got < sizeof *report)
    {
      ssize_t r = read (fds[0], (char *) report + got, sizeof *report - got);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      got += r;
    }
  close (fds[0]);

  int wstatus = 0;
  while (waitpid (pid, &wstatus, 0) < 0 && errno == EINTR)
    ;
  if (got == sizeof *report && WIFEXITED (wstatus) && WEXITSTATUS (wstatus) == 0)
    return TRUE;

  if (WIFSIGNALED (wstatus))
    g_set_error (error, BENCH_ERROR, 0, "memory check: child killed by signal %d",
                 WTERMSIG (wstatus));
  else
    g_set_error (error, BENCH_ERROR, 0, "memory check: child exited with %d",
                 WEXITSTATUS (wstatus));
  return FALSE;
}

typedef struct
{
  const char *name;
  guint64 segments;
  double best;                          /* seconds */
  GArray *times;                        /* of double */
  long rss_kb;                          /* peak RSS, see time_methods */
  double setup;                         /* seconds, see time_segmenter_new; 0 for ICU */
  gsize end;                            /* source_end of bitext's last segment */
} Method;

static double
throughput (gsize bytes, double seconds)
{
  return seconds > 0 ? bytes / MB / seconds : 0;
}

/*
** Time @icu and @bitext alternately, --runs times each. @icu->rss_kb gets
** the peak RSS after the first ICU run, before bitext ran in this process:
** the file held in memory plus ICU.
*/
static gboolean
time_methods (const char *lang, const char *path, const char *data, gsize length,
              Method *icu, Method *bitext, GError **error)
{
  for (int run = 0; run < opt_runs; run++)
    {
      guint64 n = 0;
      gint64 t0 = g_get_monotonic_time ();
      if (!run_icu (lang, data, length, &n, error))
        return FALSE;
      gint64 t1 = g_get_monotonic_time ();
      icu->segments = n;
      if (run == 0)
        icu->rss_kb = peak_rss_kb ();
      Tally tally;
      if (!run_bitext (lang, path, &tally, NULL, NULL, error))
        {
          g_prefix_error (error, "bitext: ");
          return FALSE;
        }
      gint64 t2 = g_get_monotonic_time ();
      bitext->segments = tally.segments;
      bitext->end = tally.end;

      double ti = (t1 - t0) / 1e6;
      double tb = (t2 - t1) / 1e6;
      g_array_append_val (icu->times, ti);
      g_array_append_val (bitext->times, tb);
      icu->best = run == 0 ? ti : MIN (icu->best, ti);
      bitext->best = run == 0 ? tb : MIN (bitext->best, tb);
    }
  return TRUE;
}

static void
print_times (const Method *m)
{
  printf ("  %-8s runs (s):", m->name);
  for (guint i = 0; i < m->times->len; i++)
    printf (" %.3f", g_array_index (m->times, double, i));
  printf ("\n");
}

/* The figures of one bench-segment run, as printed and as written to --tsv. */
typedef struct
{
  double icu_mbs;
  double bitext_mbs;
  double ratio;                         /* bitext_mbs / icu_mbs */
  long growth_kb;                       /* streaming peak RSS, 10 % checkpoint to the end */
  const char *verdict;                  /* "flat", "grows" or "not-judged" */
  gsize text_end;                       /* the file's length less trailing white space */
  gboolean complete;                    /* every bitext run's last segment ended at text_end */
} Summary;

/* Where the text of @data ends: trailing white space (the corpus's last newline) aside. */
static gsize
text_end (const char *data, gsize length)
{
  while (length > 0 && g_ascii_isspace (data[length - 1]))
    length--;
  return length;
}

static Summary
summarize (const char *data, gsize length, const Method *icu, const Method *bitext,
           const MemoryReport *mem)
{
  Summary sum = { .icu_mbs = throughput (length, icu->best),
                  .bitext_mbs = throughput (length, bitext->best),
                  .growth_kb = mem->rss_kb[N_CHECKPOINTS - 1] - mem->rss_kb[0],
                  .text_end = text_end (data, length) };

  sum.complete = bitext->end == sum.text_end && mem->tally.end == sum.text_end;
  sum.ratio = sum.icu_mbs > 0 ? sum.bitext_mbs / sum.icu_mbs : 0;
  if (length < MEMORY_CHECK_MIN_BYTES || !sum.complete)
    sum.verdict = "not-judged";
  else
    sum.verdict = sum.growth_kb <= RSS_SLACK_KB ? "flat" : "grows";
  return sum;
}

#define ROW_FORMAT "  %-8s %12" G_GUINT64_FORMAT " %10.3f %10.2f %12.2f %12.1f (%s)\n"

/* "0 (calling thread only)" or the worker threads bitext uses. */
static const char *
threads_label (void)
{
  static char label[64];
  if (opt_threads == 0)
    return "0 (calling thread only)";
  g_snprintf (label, sizeof label, "%u workers + the calling thread",
              opt_threads > 0 ? (guint) opt_threads : MIN (g_get_num_processors (), 16));
  return label;
}

static void
print_report (const char *path, gsize length, const Method *icu, const Method *bitext,
              const MemoryReport *mem, const Summary *sum)
{
  printf ("bench-segment: --lang %s  %s  %.2f MB (10^6 bytes)  best of %d  bitext threads: %s\n",
          opt_lang, path, length / MB, opt_runs, threads_label ());
  printf ("  %-8s %12s %10s %10s %12s %16s\n", "method", "segments", "best (s)", "MB/s",
          "vs raw ICU", "peak RSS (MiB)");
  printf (ROW_FORMAT, icu->name, icu->segments, icu->best, sum->icu_mbs, 1.0, mib (icu->rss_kb),
          "a");
  printf (ROW_FORMAT, bitext->name, bitext->segments, bitext->best, sum->bitext_mbs, sum->ratio,
          mib (mem->rss_kb[N_CHECKPOINTS - 1]), "b");
  printf ("  (a) this process after the first ICU run: the whole file in memory, and ICU\n");
  printf ("  (b) a separate process streaming the file (memory check below)\n");
  print_times (icu);
  print_times (bitext);
  printf ("  bitext/ICU throughput %.2f (bitext takes %.2fx the time of raw ICU)\n", sum->ratio,
          sum->ratio > 0 ? 1 / sum->ratio : 0);
  printf ("  bitext_segmenter_new + free: %.1f ms (best; part of each bitext run)\n",
          bitext->setup * 1000);

  printf ("  memory check, bitext streaming: %.1f MiB after setup; peak",
          mib (mem->rss_setup_kb));
  for (int i = 0; i < N_CHECKPOINTS; i++)
    printf ("%s %.1f @%d%%", i ? "," : "", mib (mem->rss_kb[i]), (int) (checkpoints[i] * 100));
  if (!sum->complete)
    printf ("\n  memory verdict: not judged, bitext did not read the whole input\n");
  else if (length < MEMORY_CHECK_MIN_BYTES)
    printf ("\n  memory verdict: not judged, input under %d MB\n",
            MEMORY_CHECK_MIN_BYTES / 1000000);
  else
    printf ("\n  memory verdict: %s (%+.1f MiB from 10%% to 100%% of the input, slack %d MiB)\n",
            sum->verdict, mib (sum->growth_kb), RSS_SLACK_KB / 1024);
  if (sum->complete)
    printf ("  coverage: bitext's last segment ends at byte %" G_GSIZE_FORMAT
            ", the end of the text\n", sum->text_end);
  else
    printf ("  COVERAGE ERROR: bitext's last segment ends at byte %" G_GSIZE_FORMAT
            " (memory check: %" G_GSIZE_FORMAT "), the text at byte %" G_GSIZE_FORMAT
            ":\n  bitext stopped early yet reported success; its figures are not comparable\n",
            bitext->end, mem->tally.end, sum->text_end);
}

static gboolean
append_tsv (const char *tsv, const char *path, gsize length, const Method *icu,
            const Method *bitext, const MemoryReport *mem, const Summary *sum, GError **error)
{
  g_autofree char *row = g_strdup_printf (
    "%s\t%s\t%" G_GSIZE_FORMAT "\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT
    "\t%.3f\t%.3f\t%.2f\t%.2f\t%.3f\t%ld\t%ld\t%ld\t%s\t%.4f\t%" G_GSIZE_FORMAT "\t%s\t%d\n",
    opt_lang, path, length, icu->segments, bitext->segments, icu->best, bitext->best,
    sum->icu_mbs, sum->bitext_mbs, sum->ratio, icu->rss_kb, mem->rss_kb[N_CHECKPOINTS - 1],
    sum->growth_kb, sum->verdict, bitext->setup, bitext->end,
    sum->complete ? "complete" : "INCOMPLETE",
    opt_threads >= 0 ? opt_threads : (int) MIN (g_get_num_processors (), 16));

  FILE *f = g_fopen (tsv, "a");
  if (f == NULL || fputs (row, f) == EOF || fclose (f) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", tsv,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static int
bench (const char *path, GError **error)
{
  GStatBuf st;
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return 2;
    }

  MemoryReport mem;
  if (!memory_check (opt_lang, path, st.st_size, &mem, error))
    return 2;
  if (!mem.ok)
    {
      g_set_error (error, BENCH_ERROR, 0, "bitext: %s", mem.message);
      return 2;
    }

  /* Read whole, outside the timing: the baseline measures ICU, not I/O. */
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &data, &length, error))
    return 2;

  g_autoptr(GArray) icu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bitext_times = g_array_new (FALSE, FALSE, sizeof (double));
  Method icu = { .name = "raw ICU", .times = icu_times };
  Method bitext = { .name = "bitext", .times = bitext_times };
  if (!time_methods (opt_lang, path, data, length, &icu, &bitext, error))
    return 2;
  bitext.setup = time_segmenter_new (opt_lang, error);
  if (bitext.setup < 0)
    return 2;

  Summary sum = summarize (data, length, &icu, &bitext, &mem);
  print_report (path, length, &icu, &bitext, &mem, &sum);
  if (opt_tsv != NULL && !append_tsv (opt_tsv, path, length, &icu, &bitext, &mem, &sum, error))
    return 2;
  if (!sum.complete)
    return 2;
  return strcmp (sum.verdict, "grows") == 0 ? 1 : 0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE");
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
                                "Sentence segmentation throughput and memory: raw ICU "
                                "(baseline) against libbitext's streaming segmenter.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-segment: %s\n", error->message);
      return 2;
    }
  if (opt_lang == NULL || opt_files == NULL || opt_files[0] == NULL || opt_files[1] != NULL
      || opt_runs < 1)
    {
      g_printerr ("usage: bench-segment --lang en|ru [--runs N] [--tsv FILE] FILE\n");
      return 2;
    }

  int status = bench (opt_files[0], &error);
  if (error != NULL)
    g_printerr ("bench-segment: %s\n", error->message);

  g_free (opt_lang);
  g_free (opt_tsv);
  g_strfreev (opt_files);
  return status;
}
