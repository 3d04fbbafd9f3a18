/* bitext align — sentence-align a text with its translation. */
#include <string.h>

#include <bitext/bitext.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"

static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_dict = NULL;
static char *opt_format = NULL;
static char *opt_output = NULL;
static char *opt_date = NULL;
static gboolean opt_presegmented = FALSE;

static const GOptionEntry entries[] = {
  { "src-lang", 0, 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Language of SRC: en, ru, any code, or auto (from the script; default)", "LANG" },
  { "tgt-lang", 0, 0, G_OPTION_ARG_STRING, &opt_tgt_lang, "Language of TGT (as --src-lang)",
    "LANG" },
  { "dict", 'd', 0, G_OPTION_ARG_FILENAME, &opt_dict,
    "Bilingual dictionary: source<TAB>target[<TAB>note], alternatives separated by ' | '",
    "FILE" },
  { "presegmented", 0, 0, G_OPTION_ARG_NONE, &opt_presegmented,
    "Inputs hold one sentence a line; blank lines separate paragraphs", NULL },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "tsv (default), jsonl (indices, texts, type, score, evidence), beads ([i,j]:[k]) or tmx",
    "FORMAT" },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
    "tmx: creationdate of the memory (default: $SOURCE_DATE_EPOCH, else now)", "DATE" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (replaced only when complete) instead of stdout", "FILE" },
  { NULL }
};

/* The sentences of one input with their paragraph numbers, and its language. */
typedef struct
{
  GPtrArray *texts;         /* char * */
  GArray *para;             /* guint */
  char *lang;
} Input;

static void
input_clear (Input *in)
{
  g_clear_pointer (&in->texts, g_ptr_array_unref);
  g_clear_pointer (&in->para, g_array_unref);
  g_clear_pointer (&in->lang, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Input, input_clear)

static void
add_sentence (Input *in, char *text, guint para)
{
  g_ptr_array_add (in->texts, text);
  g_array_append_val (in->para, para);
}

/* One sentence a line; each paragraph (run of non-blank lines) gets its number. */
static void
read_presegmented (const BitextDocument *doc, Input *in)
{
  const char *text = bitext_document_get_text (doc, NULL);
  for (guint p = 0; p < bitext_document_get_n_paragraphs (doc); p++)
    {
      BitextSpan span = bitext_document_get_paragraph (doc, p);
      const char *s = text + span.offset, *end = s + span.length;
      while (s < end)
        {
          const char *nl = memchr (s, '\n', (gsize) (end - s));
          const char *eol = nl != NULL ? nl : end;
          add_sentence (in, g_strndup (s, (gsize) (eol - s)), p);
          s = nl != NULL ? nl + 1 : end;
        }
    }
}

static gboolean
read_segmented (const BitextDocument *doc, const char *lang, Input *in, GError **error)
{
  g_autoptr(BitextSegmenter) seg = bitext_segmenter_new (lang, NULL, error);
  if (seg == NULL)
    return FALSE;
  g_autoptr(GArray) segs = bitext_segmenter_segment_document (seg, doc, error);
  if (segs == NULL)
    return FALSE;
  const char *text = bitext_document_get_text (doc, NULL);
  for (guint i = 0; i < segs->len; i++)
    {
      const BitextSegment *s = &g_array_index (segs, BitextSegment, i);
      add_sentence (in, bitext_segment_dup_text (text, &s->span), s->paragraph);
    }
  if (bitext_segmenter_get_lang (seg) != NULL)
    in->lang = g_strdup (bitext_segmenter_get_lang (seg));
  return TRUE;
}

static gboolean
load_input (const char *path, const char *lang, Input *in, GError **error)
{
  in->texts = g_ptr_array_new_with_free_func (g_free);
  in->para = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(BitextDocument) doc = bitext_document_load (path, error);
  if (doc == NULL)
    return FALSE;
  gboolean auto_lang = lang == NULL || strcmp (lang, "auto") == 0;
  if (opt_presegmented)
    read_presegmented (doc, in);
  else if (!read_segmented (doc, auto_lang ? NULL : lang, in, error))
    return FALSE;
  if (in->texts->len == 0)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: no sentences to align",
                   bitext_document_get_name (doc));
      return FALSE;
    }
  if (in->lang == NULL)
    {
      gsize length;
      const char *text = bitext_document_get_text (doc, &length);
      in->lang = g_strdup (auto_lang ? bitext_guess_language (text, MIN (length, 1u << 20)) : lang);
    }
  g_ptr_array_add (in->texts, NULL);
  return TRUE;
}

static void
append_texts (GString *l, const Input *in, guint start, guint len, gboolean json)
{
  if (json)
    g_string_append_c (l, '[');
  for (guint k = 0; k < len; k++)
    {
      const char *t = g_ptr_array_index (in->texts, start + k);
      if (json)
        {
          if (k > 0)
            g_string_append_c (l, ',');
          bitext_json_append_string (l, t);
          continue;
        }
      if (k > 0)
        g_string_append_c (l, ' ');
      for (const char *p = t; *p != '\0'; p++)
        g_string_append_c (l, *p == '\t' || *p == '\n' ? ' ' : *p);
    }
  if (json)
    g_string_append_c (l, ']');
}

static void
write_bead (GString *l, const BitextBead *b, const Input *src, const Input *tgt,
            const char *format)
{
  g_autofree char *ids = bitext_bead_format (b);
  g_string_truncate (l, 0);
  if (strcmp (format, "beads") == 0)
    g_string_append (l, ids);
  else if (strcmp (format, "tsv") == 0)
    {
      g_string_append_printf (l, "%s\t%s\t%.3f\t%s\t", ids, bitext_bead_get_type (b), b->score,
                              b->low_confidence ? "low" : "");
      append_texts (l, src, b->src_start, b->src_len, FALSE);
      g_string_append_c (l, '\t');
      append_texts (l, tgt, b->tgt_start, b->tgt_len, FALSE);
    }
  else
    {
      g_string_append_printf (l, "{\"src\":");
      g_autofree char *s = bitext_bead_format (b);
      *strchr (s, ':') = '\0';
      g_string_append_printf (l, "%s,\"tgt\":%s,\"type\":\"%s\",\"score\":%.4f,"
                                 "\"low_confidence\":%s,\"evidence\":{\"length_z\":%.3f,"
                                 "\"lexical\":%.3f,\"anchors\":%u,\"dict_hits\":%u,"
                                 "\"learned_hits\":%u,\"crosses_paragraph\":%s},\"src_text\":",
                              s, s + strlen (s) + 1, bitext_bead_get_type (b), b->score,
                              b->low_confidence ? "true" : "false", b->length_z, b->lexical,
                              b->anchors, b->dict_hits, b->learned_hits,
                              b->crosses_paragraph ? "true" : "false");
      append_texts (l, src, b->src_start, b->src_len, TRUE);
      g_string_append (l, ",\"tgt_text\":");
      append_texts (l, tgt, b->tgt_start, b->tgt_len, TRUE);
      g_string_append_c (l, '}');
    }
  g_string_append_c (l, '\n');
}

static gboolean
write_alignment (const GArray *beads, const Input *src, const Input *tgt, const char *format,
                 GError **error)
{
  BitextOutput out;
  if (!bitext_output_open (&out, opt_output, error))
    return FALSE;
  g_autoptr(GString) line = g_string_new (NULL);
  for (guint i = 0; i < beads->len; i++)
    {
      write_bead (line, &g_array_index (beads, BitextBead, i), src, tgt, format);
      fwrite (line->str, 1, line->len, out.stream);
    }
  return bitext_output_commit (&out, error);
}

/* The sentences start .. start+len of @in joined by single spaces (a TMX segment). */
static char *
join_texts (const Input *in, guint start, guint len)
{
  g_autoptr(GString) s = g_string_new (NULL);
  for (guint k = 0; k < len; k++)
    {
      if (k > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, g_ptr_array_index (in->texts, start + k));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* "7" or "7-9": 1-based sentence numbers, as a translator counts them. */
static void
append_range (GString *s, guint start, guint len)
{
  g_string_append_printf (s, "%u", start + 1);
  if (len > 1)
    g_string_append_printf (s, "-%u", start + len);
}

/*
** The translation unit of one bead: source variant first, then target, with
** the props of include/bitext/tmx.h. Beads with an empty side (1-0, 0-1)
** make no unit: a sentence left out or added is not a translation, and a CAT
** tool would offer the empty side as one.
*/
static BitextTmUnit *
bead_unit (const BitextBead *b, const Input *src, const Input *tgt, const char *source,
           GError **error)
{
  g_autoptr(BitextTmUnit) unit = bitext_tm_unit_new ();
  g_autofree char *s = join_texts (src, b->src_start, b->src_len);
  g_autofree char *t = join_texts (tgt, b->tgt_start, b->tgt_len);
  char score[32];
  g_ascii_formatd (score, sizeof score, "%.4f", b->score);
  g_autoptr(GString) position = g_string_new (NULL);
  append_range (position, b->src_start, b->src_len);
  g_string_append_c (position, ' ');
  append_range (position, b->tgt_start, b->tgt_len);
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_SCORE, score);
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_BEAD, bitext_bead_get_type (b));
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_SOURCE, source);
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_POSITION, position->str);
  if (bitext_tm_unit_add_variant (unit, src->lang, s, error) == NULL
      || bitext_tm_unit_add_variant (unit, tgt->lang, t, error) == NULL)
    return NULL;
  return g_steal_pointer (&unit);
}

/*
** TMX through the memory module: streamed to -o FILE (which the writer
** replaces only when complete), or built in memory for stdout.
*/
static gboolean
write_tmx (const GArray *beads, const Input *src, const Input *tgt, const char *src_path,
           const char *tgt_path, GError **error)
{
  BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  if (opt_date != NULL && !cmd_tm_parse_date (opt_date, &options.date, error))
    return FALSE;
  g_autofree char *src_name = g_path_get_basename (src_path);
  g_autofree char *tgt_name = g_path_get_basename (tgt_path);
  g_autofree char *source = g_strconcat (src_name, " ", tgt_name, NULL);
  g_autoptr(BitextTm) tm = bitext_tm_new (src->lang, tgt->lang);
  g_autoptr(BitextTmxWriter) writer = NULL;
  if (opt_output != NULL
      && (writer = bitext_tmx_writer_new (opt_output, tm, &options, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < beads->len; i++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, i);
      if (b->src_len == 0 || b->tgt_len == 0)
        continue;
      g_autoptr(BitextTmUnit) unit = bead_unit (b, src, tgt, source, error);
      if (unit == NULL)
        return FALSE;
      if (writer == NULL)
        bitext_tm_append_unit (tm, g_steal_pointer (&unit));
      else if (!bitext_tmx_writer_add_unit (writer, unit, error))
        return FALSE;
    }
  if (writer != NULL)
    return bitext_tmx_writer_close (writer, error);
  gsize length;
  g_autofree char *data = bitext_tmx_write_to_data (tm, &options, &length, error);
  if (data == NULL)
    return FALSE;
  fwrite (data, 1, length, stdout);
  return fflush (stdout) == 0;
}

int
cmd_align (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "SRC TGT", "Align the sentences of SRC with those of its translation TGT.", entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc != 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "align: expected SRC and TGT; see 'bitext help align'");
      return BITEXT_EXIT_ERROR;
    }
  const char *format = opt_format != NULL ? opt_format : "tsv";
  if (strcmp (format, "tsv") != 0 && strcmp (format, "jsonl") != 0 && strcmp (format, "beads") != 0
      && strcmp (format, "tmx") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "align: unknown --format '%s' (tsv, jsonl, beads or tmx)", format);
      return BITEXT_EXIT_ERROR;
    }
  g_auto(Input) src = { 0 }, tgt = { 0 };
  if (!load_input (argv[1], opt_src_lang, &src, error)
      || !load_input (argv[2], opt_tgt_lang, &tgt, error))
    return BITEXT_EXIT_ERROR;
  BitextAlignOptions options = BITEXT_ALIGN_OPTIONS_INIT;
  options.src_lang = src.lang;
  options.tgt_lang = tgt.lang;
  g_autoptr(BitextAligner) aligner = bitext_aligner_new (&options, error);
  if (aligner == NULL || (opt_dict != NULL && !bitext_aligner_load_dict (aligner, opt_dict, error)))
    return BITEXT_EXIT_ERROR;
  guint n_src = src.texts->len - 1, n_tgt = tgt.texts->len - 1;
  g_autoptr(GArray) beads = bitext_aligner_align (
      aligner, (const char *const *) src.texts->pdata, (const guint *) (void *) src.para->data,
      n_src, (const char *const *) tgt.texts->pdata, (const guint *) (void *) tgt.para->data,
      n_tgt, error);
  if (beads == NULL)
    return BITEXT_EXIT_ERROR;
  gboolean ok = strcmp (format, "tmx") == 0
                  ? write_tmx (beads, &src, &tgt, argv[1], argv[2], error)
                  : write_alignment (beads, &src, &tgt, format, error);
  return ok ? BITEXT_EXIT_OK : BITEXT_EXIT_ERROR;
}
