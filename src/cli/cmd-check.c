/* bitext check — QA checks over aligned texts or a TMX file, with a side-by-side view of findings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bitext/bitext.h>

#include "cmd.h"
#include "common.h"

static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static char *opt_glossary = NULL;
static char *opt_dnt = NULL;
static char *opt_ignore = NULL;
static char *opt_format = NULL;
static char *opt_fail_on = NULL;
static char *opt_beads = NULL;
static char *opt_output = NULL;
static gboolean opt_presegmented = FALSE;
static gboolean opt_all = FALSE;

static const GOptionEntry entries[] = {
  { "glossary", 'g', 0, G_OPTION_ARG_FILENAME, &opt_glossary,
    "Glossary: TSV or CSV (source, target, note, forbidden; alternatives separated by ' | ')",
    "FILE" },
  { "dnt", 0, 0, G_OPTION_ARG_FILENAME, &opt_dnt,
    "Do-not-translate list: one name or acronym a line", "FILE" },
  { "ignore", 0, 0, G_OPTION_ARG_FILENAME, &opt_ignore,
    "Accepted findings: CHECK<TAB>TEXT a line (the ignore_key of --format json)", "FILE" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "term (default: pairs side by side), html (a self-contained page) or json (one finding a line)", "FORMAT" },
  { "fail-on", 0, 0, G_OPTION_ARG_STRING, &opt_fail_on,
    "Exit 1 when a finding of this severity or above exists: error, warning (default), info",
    "SEVERITY" },
  { "presegmented", 0, 0, G_OPTION_ARG_NONE, &opt_presegmented,
    "SRC and TGT hold one sentence a line; blank lines separate paragraphs", NULL },
  { "beads", 0, 0, G_OPTION_ARG_FILENAME, &opt_beads,
    "Use this alignment of SRC and TGT ([i,j]:[k] a line) instead of aligning", "FILE" },
  { "src-lang", 0, 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (default: guessed from the text, or the TMX header)", "LANG" },
  { "tgt-lang", 0, 0, G_OPTION_ARG_STRING, &opt_tgt_lang, "Target language (as --src-lang)",
    "LANG" },
  { "all", 'a', 0, G_OPTION_ARG_NONE, &opt_all, "term: show every pair, not only flagged ones",
    NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (replaced only when complete) instead of stdout", "FILE" },
  { NULL }
};

/*
** Where the texts of the units live: blocks filled one after the other and
** freed together. Blocks grow from 1 MiB to 64 MiB; the big ones are
** aligned to and advised into 2 MiB pages where the system has them,
** because a million units' texts take hundreds of MiB, and touching them
** first in 4 KiB pages cost more than reading the TMX (page faults).
*/
typedef struct
{
  GPtrArray *blocks;
  char *next;
  gsize left;
} TextStore;

#define TEXT_BLOCK_MIN ((gsize) 1 << 20)
#define TEXT_BLOCK_MAX ((gsize) 64 << 20)
#define HUGE_PAGE ((gsize) 2 << 20)

static void
text_store_clear (TextStore *store)
{
  g_clear_pointer (&store->blocks, g_ptr_array_unref);
}

static const char *
text_store_add (TextStore *store, const char *text)
{
  gsize n = strlen (text) + 1;
  if (n > store->left)
    {
      gsize size = MIN (TEXT_BLOCK_MIN << store->blocks->len, TEXT_BLOCK_MAX);
      size = MAX (size, (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE);
      store->next = g_aligned_alloc (1, size, HUGE_PAGE);
#ifdef MADV_HUGEPAGE
      madvise (store->next, size, MADV_HUGEPAGE);     /* advice only: failure changes nothing */
#endif
      store->left = size;
      g_ptr_array_add (store->blocks, store->next);
    }
  char *out = memcpy (store->next, text, n);
  store->next += n;
  store->left -= n;
  return out;
}

/* The units to check and the strings they point into. */
typedef struct
{
  GArray *units;            /* BitextQaUnit */
  TextStore strings;        /* the texts and labels */
  GPtrArray *labels;        /* "[3]:[3,4]" or "tu 12", one per unit (in strings) */
  GString *scratch;
  char *src_lang;
  char *tgt_lang;
} Units;

static void
units_clear (Units *u)
{
  g_clear_pointer (&u->units, g_array_unref);
  text_store_clear (&u->strings);
  g_clear_pointer (&u->labels, g_ptr_array_unref);
  if (u->scratch != NULL)
    g_string_free (g_steal_pointer (&u->scratch), TRUE);
  g_clear_pointer (&u->src_lang, g_free);
  g_clear_pointer (&u->tgt_lang, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Units, units_clear)

/* Add a unit; the texts and the label are copied. */
static void
add_unit (Units *u, const char *src, const char *tgt, guint n_src, guint n_tgt, const char *label)
{
  g_ptr_array_add (u->labels, (char *) text_store_add (&u->strings, label));
  BitextQaUnit unit = { text_store_add (&u->strings, src), text_store_add (&u->strings, tgt),
                        u->units->len, n_src, n_tgt };
  g_array_append_val (u->units, unit);
}

/* Sentences of one text file: one a line (--presegmented) or split by the segmenter. */
static GPtrArray *
load_sentences (const char *path, const char *lang, GArray *para, char **lang_out, GError **error)
{
  g_autoptr(BitextDocument) doc = bitext_document_load (path, error);
  if (doc == NULL)
    return NULL;
  gsize length;
  const char *text = bitext_document_get_text (doc, &length);
  gboolean auto_lang = lang == NULL || strcmp (lang, "auto") == 0;
  *lang_out = g_strdup (auto_lang ? bitext_guess_language (text, MIN (length, 1u << 20)) : lang);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  if (opt_presegmented)
    for (guint p = 0; p < bitext_document_get_n_paragraphs (doc); p++)
      {
        BitextSpan span = bitext_document_get_paragraph (doc, p);
        g_autofree char *para_text = g_strndup (text + span.offset, span.length);
        g_auto(GStrv) lines = g_strsplit (para_text, "\n", -1);
        for (char **l = lines; *l != NULL; l++)
          {
            g_ptr_array_add (out, g_strdup (*l));
            g_array_append_val (para, p);
          }
      }
  else
    {
      g_autoptr(BitextSegmenter) seg = bitext_segmenter_new (*lang_out, NULL, error);
      g_autoptr(GArray) segs = seg != NULL ? bitext_segmenter_segment_document (seg, doc, error)
                                           : NULL;
      if (segs == NULL)
        return NULL;
      for (guint i = 0; i < segs->len; i++)
        {
          const BitextSegment *s = &g_array_index (segs, BitextSegment, i);
          g_ptr_array_add (out, bitext_segment_dup_text (text, &s->span));
          g_array_append_val (para, s->paragraph);
        }
    }
  return g_steal_pointer (&out);
}

/* The sentences src[idx[0..n)] joined by spaces. */
static char *
join (GPtrArray *sent, const guint *idx, guint n)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, "%s%s", k > 0 ? " " : "", (char *) sent->pdata[idx[k]]);
  return g_string_free (s, FALSE);
}

static gboolean
units_from_beads (Units *u, GPtrArray *src, GPtrArray *tgt, GError **error)
{
  g_autoptr(BitextBeadList) list = bitext_bead_list_load_file (opt_beads, error);
  if (list == NULL)
    return FALSE;
  for (guint b = 0; b < bitext_bead_list_get_n_beads (list); b++)
    {
      const BitextEvalBead *bead = bitext_bead_list_get_bead (list, b);
      for (guint k = 0; k < bead->n_src + bead->n_tgt; k++)
        {
          gboolean is_src = k < bead->n_src;
          guint v = is_src ? bead->src[k] : bead->tgt[k - bead->n_src];
          if (v >= (is_src ? src : tgt)->len)
            {
              g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                           "%s:%u: sentence %u is past the end of the %s (%u sentences)",
                           opt_beads, bead->line, v, is_src ? "source" : "target",
                           (is_src ? src : tgt)->len);
              return FALSE;
            }
        }
      GString *label = g_string_new (NULL);
      for (guint side = 0; side < 2; side++)
        {
          const guint *idx = side == 0 ? bead->src : bead->tgt;
          guint n = side == 0 ? bead->n_src : bead->n_tgt;
          g_string_append (label, side == 0 ? "[" : "]:[");
          for (guint k = 0; k < n; k++)
            g_string_append_printf (label, "%s%u", k > 0 ? "," : "", idx[k]);
        }
      g_string_append_c (label, ']');
      g_autofree char *s = join (src, bead->src, bead->n_src);
      g_autofree char *t = join (tgt, bead->tgt, bead->n_tgt);
      add_unit (u, s, t, bead->n_src, bead->n_tgt, label->str);
      g_string_free (label, TRUE);
    }
  return TRUE;
}

static gboolean
units_from_aligner (Units *u, GPtrArray *src, GArray *sp, GPtrArray *tgt, GArray *tp,
                    GError **error)
{
  BitextAlignOptions options = BITEXT_ALIGN_OPTIONS_INIT;
  options.src_lang = u->src_lang;
  options.tgt_lang = u->tgt_lang;
  g_autoptr(BitextAligner) aligner = bitext_aligner_new (&options, error);
  if (aligner == NULL || (opt_glossary != NULL && !bitext_aligner_load_dict (aligner, opt_glossary, error)))
    return FALSE;
  g_autoptr(GArray) beads = bitext_aligner_align (
      aligner, (const char *const *) src->pdata, (const guint *) (void *) sp->data, src->len,
      (const char *const *) tgt->pdata, (const guint *) (void *) tp->data, tgt->len, error);
  if (beads == NULL)
    return FALSE;
  for (guint b = 0; b < beads->len; b++)
    {
      const BitextBead *bead = &g_array_index (beads, BitextBead, b);
      g_autofree guint *si = g_new (guint, bead->src_len + 1);
      g_autofree guint *ti = g_new (guint, bead->tgt_len + 1);
      for (guint k = 0; k < bead->src_len; k++)
        si[k] = bead->src_start + k;
      for (guint k = 0; k < bead->tgt_len; k++)
        ti[k] = bead->tgt_start + k;
      g_autofree char *s = join (src, si, bead->src_len);
      g_autofree char *t = join (tgt, ti, bead->tgt_len);
      g_autofree char *label = bitext_bead_format (bead);
      add_unit (u, s, t, bead->src_len, bead->tgt_len, label);
    }
  return TRUE;
}

static gboolean
units_from_texts (Units *u, const char *src_path, const char *tgt_path, GError **error)
{
  g_autoptr(GArray) sp = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) tp = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) src = load_sentences (src_path, opt_src_lang, sp, &u->src_lang, error);
  if (src == NULL)
    return FALSE;
  g_autoptr(GPtrArray) tgt = load_sentences (tgt_path, opt_tgt_lang, tp, &u->tgt_lang, error);
  if (tgt == NULL)
    return FALSE;
  if (opt_beads != NULL)
    return units_from_beads (u, src, tgt, error);
  return units_from_aligner (u, src, sp, tgt, tp, error);
}

/* A TMX unit: its source and target variants; the bead shape from x-bitext-bead when present. */
static gboolean
add_tmx_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) error;
  Units *u = user_data;
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, opt_src_lang);
  BitextTmVariant *tgt = src != NULL ? bitext_tm_unit_choose_target (unit, src, u->tgt_lang)
                                     : NULL;
  if (src == NULL)
    return TRUE;
  if (u->src_lang == NULL)
    u->src_lang = g_strdup (bitext_tm_variant_get_lang (src));
  if (u->tgt_lang == NULL && tgt != NULL)
    u->tgt_lang = g_strdup (bitext_tm_variant_get_lang (tgt));
  guint n_src = BITEXT_QA_COUNT_UNKNOWN, n_tgt = BITEXT_QA_COUNT_UNKNOWN;
  const char *shape = bitext_tm_unit_lookup_prop (unit, BITEXT_TMX_PROP_BEAD);
  if (shape != NULL && sscanf (shape, "%u-%u", &n_src, &n_tgt) != 2)
    n_src = n_tgt = BITEXT_QA_COUNT_UNKNOWN;
  const char *tuid = bitext_tm_unit_get_tuid (unit);
  g_string_assign (u->scratch, "tu ");
  if (tuid != NULL)
    g_string_append (u->scratch, tuid);
  else
    g_string_append_printf (u->scratch, "#%u", u->units->len + 1);
  add_unit (u, bitext_tm_variant_get_text (src),
            tgt != NULL ? bitext_tm_variant_get_text (tgt) : "", n_src, n_tgt, u->scratch->str);
  return TRUE;
}

static gboolean
units_from_tmx (Units *u, const char *path, GError **error)
{
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  u->tgt_lang = g_strdup (opt_tgt_lang);
  return bitext_tmx_foreach_unit (path, &options, add_tmx_unit, u, NULL, error);
}

/* The terminal and HTML views ------------------------------------------------------------------ */

static guint
terminal_width (FILE *out)
{
  const char *env = g_getenv ("COLUMNS");
  if (env != NULL && atoi (env) >= 40)
    return (guint) atoi (env);
  struct winsize ws;
  if (isatty (fileno (out)) && ioctl (fileno (out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
    return ws.ws_col;
  return 120;
}

static void
write_report (FILE *out, const char *format, const Units *u, GPtrArray *findings, int argc,
              char **argv)
{
  BitextReportOptions options = BITEXT_REPORT_OPTIONS_INIT;
  options.labels = (const char *const *) u->labels->pdata;
  options.source_name = argv[1];
  options.target_name = argc > 2 ? argv[2] : NULL;
  options.glossary_name = opt_glossary;
  options.src_lang = u->src_lang;
  options.tgt_lang = u->tgt_lang;
  options.all = opt_all;
  options.colour = isatty (fileno (out)) && g_getenv ("NO_COLOR") == NULL;
  options.width = terminal_width (out);
  g_autoptr(GString) s = g_string_new (NULL);
  const BitextQaUnit *units = (const BitextQaUnit *) (void *) u->units->data;
  if (strcmp (format, "html") == 0)
    bitext_report_append_html (s, units, u->units->len, findings, &options);
  else
    bitext_report_append_text (s, units, u->units->len, findings, &options);
  fwrite (s->str, 1, s->len, out);
}

/* JSON ---------------------------------------------------------------------------------------- */

static void
append_span (GString *l, const char *name, const BitextQaSpan *s)
{
  if (s->start < 0)
    g_string_append_printf (l, ",\"%s\":null", name);
  else
    g_string_append_printf (l, ",\"%s\":[%" G_GSSIZE_FORMAT ",%" G_GSSIZE_FORMAT "]", name,
                            s->start, s->end);
}

/* Append finding @k of @findings as one line of the JSON array. */
static void
append_json_finding (GString *l, const Units *u, GPtrArray *findings, guint k)
{
  const BitextFinding *f = findings->pdata[k];
  const BitextQaUnit *q = &g_array_index (u->units, BitextQaUnit, f->unit);
  g_autofree char *key = bitext_finding_dup_ignore_key (f);
  g_string_append (l, "{\"check\":\"");
  g_string_append (l, bitext_check_get_id (f->check));
  g_string_append (l, "\",\"severity\":\"");
  g_string_append (l, bitext_severity_get_name (f->severity));
  g_string_append_printf (l, "\",\"unit\":%u,\"bead\":", f->index);
  bitext_json_append_string (l, u->labels->pdata[f->unit]);
  g_string_append (l, ",\"message\":");
  bitext_json_append_string (l, f->message);
  g_string_append (l, ",\"source\":");
  bitext_json_append_string (l, q->source);
  g_string_append (l, ",\"target\":");
  bitext_json_append_string (l, q->target);
  append_span (l, "source_span", &f->source_span);
  append_span (l, "target_span", &f->target_span);
  g_string_append (l, ",\"text\":");
  bitext_json_append_string (l, f->text);
  g_string_append (l, ",\"ignore_key\":");
  bitext_json_append_string (l, key);
  g_string_append (l, k + 1 < findings->len ? "},\n" : "}\n");
}

/* A run of findings [begin, end) formatted into out, on a thread of its own. */
typedef struct
{
  const Units *u;
  GPtrArray *findings;
  guint begin, end;
  GString *out;
} JsonBlock;

static gpointer
format_json_block (gpointer data)
{
  JsonBlock *b = data;
  g_string_truncate (b->out, 0);
  for (guint k = b->begin; k < b->end; k++)
    append_json_finding (b->out, b->u, b->findings, k);
  return NULL;
}

/* Findings a thread formats at a time: a few MiB of text, written before the next ones. */
#define JSON_BLOCK 4096

/*
** The findings as JSON, one a line, then the summary. A million findings
** make most of a gigabyte of text (each line holds its unit's texts), so
** the lines are formatted in blocks, on one thread per processor, and
** written in order as each round of blocks is done.
*/
static void
write_json (FILE *out, const Units *u, GPtrArray *findings)
{
  guint counts[BITEXT_CHECK_N] = { 0 }, severities[3] = { 0 };
  for (guint k = 0; k < findings->len; k++)
    {
      const BitextFinding *f = findings->pdata[k];
      counts[f->check]++;
      severities[f->severity]++;
    }
  fputs ("{\"findings\":[\n", out);
  guint n = CLAMP (g_get_num_processors (), 1u, 8u);
  JsonBlock blocks[8];
  GThread *threads[8] = { NULL };
  for (guint t = 0; t < n; t++)
    blocks[t] = (JsonBlock) { u, findings, 0, 0, g_string_new (NULL) };
  for (guint start = 0; start < findings->len; start += n * JSON_BLOCK)
    {
      for (guint t = 0; t < n; t++)
        {
          blocks[t].begin = MIN (start + t * JSON_BLOCK, findings->len);
          blocks[t].end = MIN (blocks[t].begin + JSON_BLOCK, findings->len);
          if (t > 0 && blocks[t].begin < blocks[t].end)
            threads[t] = g_thread_new ("bitext-json", format_json_block, &blocks[t]);
        }
      format_json_block (&blocks[0]);
      for (guint t = 0; t < n; t++)
        {
          if (threads[t] != NULL)
            g_thread_join (g_steal_pointer (&threads[t]));
          if (blocks[t].begin < blocks[t].end)
            fwrite (blocks[t].out->str, 1, blocks[t].out->len, out);
        }
    }
  for (guint t = 0; t < n; t++)
    g_string_free (blocks[t].out, TRUE);
  fprintf (out, "],\n\"summary\":{\"units\":%u,\"findings\":%u,\"by_severity\":{\"error\":%u,"
                "\"warning\":%u,\"info\":%u},\"by_check\":{",
           u->units->len, findings->len, severities[2], severities[1], severities[0]);
  for (guint c = 0; c < BITEXT_CHECK_N; c++)
    fprintf (out, "%s\"%s\":%u", c > 0 ? "," : "", bitext_check_get_id (c), counts[c]);
  fputs ("},\"notes\":[", out);
  g_autofree char *note = bitext_qa_dup_spelling_note (u->src_lang, u->tgt_lang);
  if (note != NULL)
    {
      g_autoptr(GString) l = g_string_new (NULL);
      bitext_json_append_string (l, note);
      fputs (l->str, out);
    }
  fputs ("]}}\n", out);
}

/* The command --------------------------------------------------------------------------------- */

static BitextGlossary *
load_glossary (const Units *u, GError **error)
{
  g_autoptr(BitextGlossary) g = bitext_glossary_new (u->src_lang, u->tgt_lang);
  if (opt_glossary != NULL && !bitext_glossary_load_file (g, opt_glossary, error))
    return NULL;
  if (opt_dnt != NULL && !bitext_glossary_load_dnt_file (g, opt_dnt, error))
    return NULL;
  return g_steal_pointer (&g);
}

static gboolean
check_arguments (int argc, char **argv, BitextSeverity *fail_on, GError **error)
{
  const char *format = opt_format != NULL ? opt_format : "term";
  if (strcmp (format, "term") != 0 && strcmp (format, "json") != 0
      && strcmp (format, "html") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "check: unknown --format '%s' (term, html or json)", format);
      return FALSE;
    }
  if (!bitext_severity_from_name (opt_fail_on != NULL ? opt_fail_on : "warning", fail_on))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "check: unknown --fail-on '%s' (error, warning or info)", opt_fail_on);
      return FALSE;
    }
  gboolean tmx = argc == 2;
  if (argc != 2 && argc != 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "check: expected SRC TGT or TM.tmx; see 'bitext help check'");
      return FALSE;
    }
  if (tmx && (opt_beads != NULL || opt_presegmented))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "check: --beads and --presegmented need SRC and TGT, not a TMX file");
      return FALSE;
    }
  (void) argv;
  return TRUE;
}

int
cmd_check (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "SRC TGT | TM.tmx",
      "Check a translation: untranslated text, glossary terms, numbers, omissions, consistency,\n"
      "markup and punctuation. Exit status: 0 clean, 1 findings at or above --fail-on, 2 error.",
      entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  BitextSeverity fail_on;
  if (!check_arguments (argc, argv, &fail_on, error))
    return BITEXT_EXIT_ERROR;
  g_auto(Units) u = { g_array_new (FALSE, FALSE, sizeof (BitextQaUnit)),
                      { g_ptr_array_new_with_free_func (g_aligned_free), NULL, 0 },
                      g_ptr_array_new (), g_string_new (NULL),
                      NULL, NULL };
  if (argc == 2 ? !units_from_tmx (&u, argv[1], error)
                : !units_from_texts (&u, argv[1], argv[2], error))
    return BITEXT_EXIT_ERROR;
  g_autoptr(BitextGlossary) glossary = load_glossary (&u, error);
  g_autoptr(BitextQaIgnore) ignore = bitext_qa_ignore_new ();
  if (glossary == NULL || (opt_ignore != NULL && !bitext_qa_ignore_load_file (ignore, opt_ignore, error)))
    return BITEXT_EXIT_ERROR;

  BitextQaOptions options = BITEXT_QA_OPTIONS_INIT;
  options.src_lang = u.src_lang;
  options.tgt_lang = u.tgt_lang;
  options.glossary = glossary;
  options.ignore = ignore;
  g_autoptr(GPtrArray) findings = bitext_qa_run ((const BitextQaUnit *) (void *) u.units->data,
                                                 u.units->len, &options, error);
  if (findings == NULL)
    return BITEXT_EXIT_ERROR;

  BitextOutput out;
  if (!bitext_output_open (&out, opt_output, error))
    return BITEXT_EXIT_ERROR;
  const char *format = opt_format != NULL ? opt_format : "term";
  if (strcmp (format, "json") == 0)
    write_json (out.stream, &u, findings);
  else
    write_report (out.stream, format, &u, findings, argc, argv);
  if (!bitext_output_commit (&out, error))
    return BITEXT_EXIT_ERROR;
  for (guint k = 0; k < findings->len; k++)
    if (((BitextFinding *) findings->pdata[k])->severity >= fail_on)
      return BITEXT_EXIT_FINDINGS;
  return BITEXT_EXIT_OK;
}
