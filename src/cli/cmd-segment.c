/* bitext segment — split texts into sentences. */
#include <string.h>

#include <bitext/bitext.h>

#include "cmd.h"
#include "common.h"
#include "progress.h"

static char *opt_lang = NULL;
static char *opt_srx = NULL;
static char *opt_format = NULL;
static char *opt_output = NULL;
static gboolean opt_stats = FALSE;
static gboolean opt_quiet = FALSE;
static gboolean opt_progress = FALSE;

static const GOptionEntry entries[] = {
  { "lang", 'l', 0, G_OPTION_ARG_STRING, &opt_lang,
    "Language of the text: en, ru, any code, or auto (from the script; default)", "LANG" },
  { "srx", 0, 0, G_OPTION_ARG_FILENAME, &opt_srx,
    "Segmentation rules (SRX 2.0) to use instead of bitext's own", "FILE" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "text (one segment a line, default) or jsonl (text, paragraph, source span)", "FORMAT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (replaced only when complete) instead of stdout", "FILE" },
  { "stats", 0, 0, G_OPTION_ARG_NONE, &opt_stats,
    "Print one summary line per file instead of the segments", NULL },
  BITEXT_PROGRESS_ENTRIES (opt_quiet, opt_progress),
  { NULL }
};

typedef struct
{
  FILE *stream;
  const char *file;
  gboolean jsonl;
  gboolean stats;
  guint n_segments;
  guint n_paragraphs;
  gsize n_chars;
  GString *line;
  BitextProgress *progress;
  char *stage;               /* "segmenting FILE" */
} SegmentSink;

static gboolean
write_segment (const BitextSegment *s, const char *text, gpointer user_data, GError **error)
{
  (void) error;
  SegmentSink *sink = user_data;
  guint index = sink->n_segments++;
  sink->n_paragraphs = s->paragraph + 1;
  bitext_progress_func (sink->stage, sink->n_segments, 0, sink->progress);
  if (sink->stats)
    {
      sink->n_chars += g_utf8_strlen (text, -1);
      return TRUE;
    }
  if (!sink->jsonl)
    {
      fputs (text, sink->stream);
      fputc ('\n', sink->stream);
      return TRUE;
    }
  GString *l = sink->line;
  g_string_assign (l, "{\"file\":");
  bitext_json_append_string (l, sink->file);
  g_string_append_printf (l, ",\"index\":%u,\"paragraph\":%u,\"text\":", index, s->paragraph);
  bitext_json_append_string (l, text);
  g_string_append_printf (l,
                          ",\"offset\":%" G_GSIZE_FORMAT ",\"length\":%" G_GSIZE_FORMAT
                          ",\"source\":{\"start\":%" G_GSIZE_FORMAT ",\"end\":%" G_GSIZE_FORMAT
                          ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u}}\n",
                          s->span.offset, s->span.length, s->source_offset, s->source_end,
                          s->start.line, s->start.column, s->end.line, s->end.column);
  fwrite (l->str, 1, l->len, sink->stream);
  return TRUE;
}

/*
** A regular file is read twice: once to check its encoding, so that a bad
** byte is reported before any of its segments is written, then to segment.
** Stdin and pipes can only be read once.
*/
static gboolean
check_file (const char *path, const BitextDocumentOptions *input, GError **error)
{
  if (strcmp (path, "-") == 0 || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path_with_options (path, input, error);
  if (reader == NULL)
    return FALSE;
  BitextParagraph para;
  while (bitext_reader_next_paragraph (reader, &para, error))
    bitext_reader_forget (reader, para.text_offset + para.length);
  return error == NULL || *error == NULL;
}

static gboolean
segment_file (const char *path, guint index, SegmentSink *sink, GError **error)
{
  BitextDocumentOptions input;
  if (!bitext_input_options (index, &input, error) || !check_file (path, &input, error))
    return FALSE;
  g_autoptr(BitextReader) reader = bitext_reader_new_for_path_with_options (path, &input, error);
  if (reader == NULL)
    return FALSE;
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new (opt_lang, opt_srx, error);
  if (seg == NULL)
    return FALSE;
  sink->file = bitext_reader_get_name (reader);
  g_free (sink->stage);
  sink->stage = g_strdup_printf ("segmenting %s", sink->file);
  sink->n_segments = sink->n_paragraphs = 0;
  sink->n_chars = 0;
  if (!bitext_segmenter_segment_reader (seg, reader, write_segment, sink, error))
    return FALSE;
  if (sink->stats)
    fprintf (sink->stream, "%s: %u segments in %u paragraphs, %" G_GSIZE_FORMAT
                           " characters, language %s\n",
             sink->file, sink->n_segments, sink->n_paragraphs, sink->n_chars,
             bitext_segmenter_get_lang (seg) != NULL ? bitext_segmenter_get_lang (seg) : "-");
  return TRUE;
}

int
cmd_segment (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "FILE…", "Split each FILE (- for stdin) into sentences, one a line.", entries);
  bitext_option_context_add_input (context);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc < 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "segment: no FILE given (use - for stdin); see 'bitext help segment'");
      return BITEXT_EXIT_ERROR;
    }
  const char *format = opt_format != NULL ? opt_format : "text";
  if (strcmp (format, "text") != 0 && strcmp (format, "jsonl") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "segment: unknown --format '%s' (text or jsonl)", format);
      return BITEXT_EXIT_ERROR;
    }
  BitextOutput out;
  if (!bitext_output_open (&out, opt_output, error))
    return BITEXT_EXIT_ERROR;
  g_autoptr(GString) line = g_string_new (NULL);
  BitextProgress progress;
  bitext_progress_init_forced (&progress, opt_quiet, opt_progress);
  SegmentSink sink = { .stream = out.stream, .jsonl = strcmp (format, "jsonl") == 0,
                       .stats = opt_stats, .line = line, .progress = &progress };
  gboolean ok = TRUE;
  for (int i = 1; i < argc && ok; i++)
    ok = segment_file (argv[i], (guint) i - 1, &sink, error);
  g_free (sink.stage);
  bitext_progress_done (&progress);
  if (!ok)
    {
      bitext_output_abort (&out);
      return BITEXT_EXIT_ERROR;
    }
  return bitext_output_commit (&out, error) ? BITEXT_EXIT_OK : BITEXT_EXIT_ERROR;
}
