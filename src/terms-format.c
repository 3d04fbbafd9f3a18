/* bitext — glossary files: TSV, CSV, TBX-Basic and OmegaT's glossary text, read and written. */
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include <bitext/error.h>

#include "error-private.h"
#include "terms-private.h"
#include "text-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextWriter, xmlFreeTextWriter)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextReader, xmlFreeTextReader)

/*
** TSV and CSV (RFC 4180) share one layout, written with a header:
**   source, target, score, frequency, example, variants, note
** variants are the target forms seen, separated by " | ". Read back, a
** header (a first row of column names, '#' before it allowed) maps the
** columns; without one, a row whose third cell is a number is read in the
** layout above and any other as a plain glossary: source, target, note.
**
** TBX-Basic (ISO 30042:2008, the martif form CAT tools import):
**   martif[type=TBX-Basic]/text/body/termEntry/langSet/tig/term
** One termEntry per pair; the target's first tig is the dictionary form,
** the others the forms seen (termNote termType "variant"); the example is
** a descrip "context" of the source term; scores go in a note
** "bitext: score=..; dice=..; llr=..; frequency=..; units=..".
** TBX v3 (ISO 30042:2019: conceptEntry/langSec/termSec) is read too.
**
** OmegaT glossary text: source TAB target TAB comment, UTF-8, '#' comments.
*/

static const char *const columns[] = { "source", "target", "score", "frequency", "example",
                                       "variants", "note", NULL };
enum { COL_SOURCE, COL_TARGET, COL_SCORE, COL_FREQ, COL_EXAMPLE, COL_VARIANTS, COL_NOTE, N_COLS };

#define VARIANT_SEP " | "

/**
 * bitext_term_format_from_name:
 * @name: a format name (tsv, csv, tbx, omegat) or a file name, judged by its extension
 *   (.tsv, .csv, .tbx; .txt, .utf8 and .tab are OmegaT glossaries)
 * @format: (out): the format
 *
 * Returns: whether @name names a format
 */
gboolean
bitext_term_format_from_name (const char *name, BitextTermFormat *format)
{
  static const struct
  {
    const char *name;
    BitextTermFormat format;
  } names[] = {
    { "tsv", BITEXT_TERM_FORMAT_TSV }, { "csv", BITEXT_TERM_FORMAT_CSV },
    { "tbx", BITEXT_TERM_FORMAT_TBX }, { "omegat", BITEXT_TERM_FORMAT_OMEGAT },
    { "txt", BITEXT_TERM_FORMAT_OMEGAT }, { "utf8", BITEXT_TERM_FORMAT_OMEGAT },
    { "tab", BITEXT_TERM_FORMAT_OMEGAT },
  };
  g_return_val_if_fail (name != NULL && format != NULL, FALSE);
  const char *dot = strrchr (name, '.');
  const char *ext = dot != NULL ? dot + 1 : name;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (ext, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}

/* Writing */

/* @text with tabs and line breaks made spaces: a TSV cell. */
static void
append_cell (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}


static char *
join_variants (const BitextTermPair *p)
{
  return g_strjoinv (VARIANT_SEP, (char **) p->variants);
}

static void
write_rows (const BitextTermList *list, GString *out, gboolean csv)
{
  void (*cell) (GString *, const char *) = csv ? bitext__append_csv_field : append_cell;
  char sep = csv ? ',' : '\t';
  if (!csv)
    g_string_append (out, "# ");
  for (guint c = 0; c < N_COLS; c++)
    g_string_append_printf (out, "%s%c", columns[c], c + 1 < N_COLS ? sep : '\n');
  for (guint i = 0; i < bitext_term_list_get_n_pairs (list); i++)
    {
      const BitextTermPair *p = bitext_term_list_get_pair (list, i);
      g_autofree char *variants = join_variants (p);
      char score[G_ASCII_DTOSTR_BUF_SIZE];
      g_ascii_formatd (score, sizeof score, "%.3f", p->score);
      g_autofree char *freq = g_strdup_printf ("%u", p->freq);
      const char *cells[N_COLS] = { p->source, p->target, score, freq, p->example, variants, p->note };
      for (guint c = 0; c < N_COLS; c++)
        {
          cell (out, cells[c]);
          g_string_append_c (out, c + 1 < N_COLS ? sep : '\n');
        }
    }
}

/* The note OmegaT shows: the user's note, else the evidence. */
static char *
omegat_comment (const BitextTermPair *p)
{
  if (p->note[0] != '\0')
    return g_strdup (p->note);
  GString *s = g_string_new (NULL);
  if (p->freq > 0)
    g_string_append_printf (s, "%u units", p->freq);
  if (p->variants[0] != NULL)
    {
      g_autofree char *v = join_variants (p);
      g_string_append_printf (s, "%sforms: %s", s->len > 0 ? "; " : "", v);
    }
  return g_string_free (s, FALSE);
}

static void
write_omegat (const BitextTermList *list, GString *out)
{
  g_string_append (out, "# OmegaT glossary: source\ttarget\tcomment\n");
  for (guint i = 0; i < bitext_term_list_get_n_pairs (list); i++)
    {
      const BitextTermPair *p = bitext_term_list_get_pair (list, i);
      g_autofree char *comment = omegat_comment (p);
      append_cell (out, p->source);
      g_string_append_c (out, '\t');
      append_cell (out, p->target);
      if (comment[0] != '\0')
        {
          g_string_append_c (out, '\t');
          append_cell (out, comment);
        }
      g_string_append_c (out, '\n');
    }
}

static char *
evidence_note (const BitextTermPair *p)
{
  char score[G_ASCII_DTOSTR_BUF_SIZE], dice[G_ASCII_DTOSTR_BUF_SIZE], llr[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (score, sizeof score, "%.3f", p->score);
  g_ascii_formatd (dice, sizeof dice, "%.3f", p->dice);
  g_ascii_formatd (llr, sizeof llr, "%.3f", p->llr);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "bitext: score=%s; dice=%s; llr=%s; frequency=%u; units=", score,
                          dice, llr, p->freq);
  for (guint k = 0; k < p->n_examples; k++)
    g_string_append_printf (s, "%s%u", k > 0 ? "," : "", p->examples[k]);
  return g_string_free (s, FALSE);
}

static void
write_tig (xmlTextWriter *w, const char *term, const char *term_type, const char *context)
{
  xmlTextWriterStartElement (w, BAD_CAST "tig");
  xmlTextWriterWriteElement (w, BAD_CAST "term", BAD_CAST term);
  if (term_type != NULL)
    {
      xmlTextWriterStartElement (w, BAD_CAST "termNote");
      xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "termType");
      xmlTextWriterWriteString (w, BAD_CAST term_type);
      xmlTextWriterEndElement (w);
    }
  if (context != NULL && context[0] != '\0')
    {
      xmlTextWriterStartElement (w, BAD_CAST "descrip");
      xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "context");
      xmlTextWriterWriteString (w, BAD_CAST context);
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);
}

static void
write_entry (xmlTextWriter *w, const BitextTermList *list, guint i)
{
  const BitextTermPair *p = bitext_term_list_get_pair (list, i);
  const char *src_lang = bitext_term_list_get_src_lang (list);
  const char *tgt_lang = bitext_term_list_get_tgt_lang (list);
  xmlTextWriterStartElement (w, BAD_CAST "termEntry");
  xmlTextWriterWriteFormatAttribute (w, BAD_CAST "id", "e%u", i + 1);
  if (p->note[0] != '\0')
    xmlTextWriterWriteElement (w, BAD_CAST "note", BAD_CAST p->note);
  g_autofree char *evidence = evidence_note (p);
  xmlTextWriterWriteElement (w, BAD_CAST "note", BAD_CAST evidence);
  xmlTextWriterStartElement (w, BAD_CAST "langSet");
  xmlTextWriterWriteAttribute (w, BAD_CAST "xml:lang", BAD_CAST (src_lang != NULL ? src_lang : "und"));
  write_tig (w, p->source, NULL, p->example);
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElement (w, BAD_CAST "langSet");
  xmlTextWriterWriteAttribute (w, BAD_CAST "xml:lang", BAD_CAST (tgt_lang != NULL ? tgt_lang : "und"));
  write_tig (w, p->target, NULL, NULL);
  for (const char *const *v = p->variants; *v != NULL; v++)
    if (strcmp (*v, p->target) != 0)
      write_tig (w, *v, "variant", NULL);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
}

static char *
write_tbx (const BitextTermList *list, gsize *length)
{
  g_autoptr(xmlBuffer) buf = xmlBufferCreate ();
  xmlTextWriter *w = xmlNewTextWriterMemory (buf, 0);
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (w, BAD_CAST "martif");
  xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "TBX-Basic");
  const char *src_lang = bitext_term_list_get_src_lang (list);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xml:lang", BAD_CAST (src_lang != NULL ? src_lang : "und"));
  xmlTextWriterStartElement (w, BAD_CAST "martifHeader");
  xmlTextWriterStartElement (w, BAD_CAST "fileDesc");
  xmlTextWriterStartElement (w, BAD_CAST "sourceDesc");
  xmlTextWriterWriteElement (w, BAD_CAST "p", BAD_CAST "bitext glossary");
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElement (w, BAD_CAST "encodingDesc");
  xmlTextWriterStartElement (w, BAD_CAST "p");
  xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "XCSURI");
  xmlTextWriterWriteString (w, BAD_CAST "TBXBasicXCSV02.xcs");
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElement (w, BAD_CAST "text");
  xmlTextWriterStartElement (w, BAD_CAST "body");
  for (guint i = 0; i < bitext_term_list_get_n_pairs (list); i++)
    write_entry (w, list, i);
  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  *length = (gsize) xmlBufferLength (buf);
  return g_strndup ((const char *) xmlBufferContent (buf), *length);
}

/**
 * bitext_term_list_to_data:
 * @list: the entries
 * @format: the file format
 * @length: (out) (optional): the length of the result in bytes
 *
 * Returns: (transfer full): the file's contents, UTF-8, NUL-terminated
 */
char *
bitext_term_list_to_data (const BitextTermList *list, BitextTermFormat format, gsize *length)
{
  g_return_val_if_fail (list != NULL, NULL);
  gsize n = 0;
  if (format == BITEXT_TERM_FORMAT_TBX)
    {
      char *data = write_tbx (list, &n);
      if (length != NULL)
        *length = n;
      return data;
    }
  GString *out = g_string_new (NULL);
  if (format == BITEXT_TERM_FORMAT_OMEGAT)
    write_omegat (list, out);
  else
    write_rows (list, out, format == BITEXT_TERM_FORMAT_CSV);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* Reading */

typedef struct
{
  GPtrArray *cells;         /* char * */
  guint line;
} Row;

static void
row_free (gpointer data)
{
  Row *r = data;
  g_ptr_array_unref (r->cells);
  g_free (r);
}

/* The rows of a TSV or CSV file; '#' lines are kept as one cell, for the header test. */
static GPtrArray *
read_rows (const char *name, const char *data, gsize length, gboolean csv, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  gsize pos = 0;
  guint line = 1;
  while (pos < length)
    {
      Row *row = g_new0 (Row, 1);
      row->cells = g_ptr_array_new_with_free_func (g_free);
      row->line = line;
      g_ptr_array_add (rows, row);
      if (!csv || data[pos] == '#')
        {
          const char *nl = memchr (data + pos, '\n', length - pos);
          gsize end = nl != NULL ? (gsize) (nl - data) : length;
          g_autofree char *text = g_strndup (data + pos, end - pos);
          g_strchomp (text);
          g_auto(GStrv) cells = g_strsplit (text, data[pos] == '#' && csv ? "," : "\t", -1);
          for (char **c = cells; *c != NULL; c++)
            g_ptr_array_add (row->cells, g_strdup (*c));
          pos = nl != NULL ? end + 1 : length;
          line++;
        }
      else if (!bitext__csv_next_record (name, data, length, &pos, &line, row->cells, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

static int
column_index (const char *name)
{
  for (int c = 0; columns[c] != NULL; c++)
    if (g_ascii_strcasecmp (name, columns[c]) == 0)
      return c;
  return g_ascii_strcasecmp (name, "forbidden") == 0 ? N_COLS : -1;
}

/* If @row names columns (a '#' before the first allowed), fill @map: column -> cell index. */
static gboolean
read_header (const Row *row, int map[N_COLS])
{
  for (int c = 0; c < N_COLS; c++)
    map[c] = -1;
  for (guint i = 0; i < row->cells->len; i++)
    {
      g_autofree char *cell = g_strdup (row->cells->pdata[i]);
      char *name = g_strstrip (i == 0 && cell[0] == '#' ? cell + 1 : cell);
      int c = column_index (name);
      if (c < 0)
        return FALSE;
      if (c < N_COLS)
        map[c] = (int) i;
    }
  return map[COL_SOURCE] >= 0 && map[COL_TARGET] >= 0;
}

static gboolean
is_number (const char *s)
{
  char *end = NULL;
  g_ascii_strtod (s, &end);
  return end != s && *end == '\0';
}

static const char *
cell_at (const Row *row, int index)
{
  return index >= 0 && (guint) index < row->cells->len ? row->cells->pdata[index] : "";
}

static gboolean
add_scored_row (BitextTermList *list, const char *name, const Row *row, const int map[N_COLS],
                GError **error)
{
  if (row->cells->len < 2)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s:%u: expected a source and a target term, found %u column", name, row->line,
                   row->cells->len);
      return FALSE;
    }
  const char *score = cell_at (row, map[COL_SCORE]), *freq = cell_at (row, map[COL_FREQ]);
  if ((score[0] != '\0' && !is_number (score)) || (freq[0] != '\0' && !is_number (freq)))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                   "%s:%u: score and frequency must be numbers", name, row->line);
      return FALSE;
    }
  const char *variants = cell_at (row, map[COL_VARIANTS]);
  g_auto(GStrv) forms = variants[0] != '\0' ? g_strsplit (variants, VARIANT_SEP, -1)
                                            : g_new0 (char *, 1);
  BitextTermPair p = {
    .source = cell_at (row, map[COL_SOURCE]),
    .target = cell_at (row, map[COL_TARGET]),
    .variants = (const char *const *) forms,
    .note = cell_at (row, map[COL_NOTE]),
    .example = cell_at (row, map[COL_EXAMPLE]),
    .score = score[0] != '\0' ? g_ascii_strtod (score, NULL) : 0,
    .freq = freq[0] != '\0' ? (guint) g_ascii_strtoull (freq, NULL, 10) : 0,
  };
  bitext_term_list_add (list, &p);
  return TRUE;
}

/* A plain glossary (source, target, note, forbidden): read by the QA glossary loader. */
static gboolean
load_plain (BitextTermList *list, const char *name, const char *data, gsize length, gboolean csv,
            GError **error)
{
  g_autoptr(BitextGlossary) g = bitext_glossary_new (bitext_term_list_get_src_lang (list),
                                                     bitext_term_list_get_tgt_lang (list));
  g_autofree char *loader_name = csv && !g_str_has_suffix (name, ".csv")
                                   ? g_strconcat (name, ".csv", NULL) : g_strdup (name);
  if (!bitext_glossary_load_data (g, loader_name, data, length, error))
    return FALSE;
  static const char *const none[] = { NULL };
  for (guint i = 0; i < bitext_glossary_get_n_entries (g); i++)
    {
      const BitextGlossaryEntry *e = bitext_glossary_get_entry (g, i);
      g_autofree char *target = g_strjoinv (VARIANT_SEP, (char **) e->targets);
      BitextTermPair p = { .source = e->source, .target = target, .variants = none,
                           .note = e->note };
      bitext_term_list_add (list, &p);
    }
  return TRUE;
}

static gboolean
is_blank (const char *s)
{
  while (g_ascii_isspace (*s))
    s++;
  return *s == '\0';
}

static gboolean
load_rows (BitextTermList *list, const char *name, const char *data, gsize length, gboolean csv,
           GError **error)
{
  g_autoptr(GPtrArray) rows = read_rows (name, data, length, csv, error);
  if (rows == NULL)
    return FALSE;
  int map[N_COLS];
  gboolean header = FALSE, scored = FALSE;
  guint first = 0;
  for (; first < rows->len; first++)
    {
      const Row *row = rows->pdata[first];
      const char *c0 = cell_at (row, 0);
      if (row->cells->len == 1 && is_blank (c0))
        continue;
      header = read_header (row, map);
      if (header)
        scored = map[COL_SCORE] >= 0 || map[COL_FREQ] >= 0 || map[COL_VARIANTS] >= 0
                 || map[COL_EXAMPLE] >= 0;
      else if (c0[0] == '#')
        continue;
      else
        scored = is_number (cell_at (row, 2));
      break;
    }
  if (!scored)
    return load_plain (list, name, data, length, csv, error);
  if (!header)
    for (int c = 0; c < N_COLS; c++)
      map[c] = c;
  for (guint i = first + header; i < rows->len; i++)
    {
      const Row *row = rows->pdata[i];
      const char *c0 = cell_at (row, 0);
      if (c0[0] == '#' || (row->cells->len == 1 && is_blank (c0)))
        continue;
      if (!add_scored_row (list, name, row, map, error))
        return FALSE;
    }
  return TRUE;
}

/* OmegaT: source TAB target [TAB comment]; a comment we wrote ("N units; forms: ...") is read back. */
static gboolean
load_omegat (BitextTermList *list, const char *name, const char *data, gsize length,
             GError **error)
{
  g_autoptr(GPtrArray) rows = read_rows (name, data, length, FALSE, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = rows->pdata[i];
      const char *c0 = cell_at (row, 0);
      if (c0[0] == '#' || (row->cells->len == 1 && is_blank (c0)))
        continue;
      if (row->cells->len < 2)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%u: expected SOURCE<TAB>TARGET[<TAB>COMMENT]", name, row->line);
          return FALSE;
        }
      const char *comment = cell_at (row, 2);
      g_auto(GStrv) forms = NULL;
      guint freq = 0;
      const char *note = comment;
      /* Our own comment: "7 units; forms: a | b" */
      const char *f = strstr (comment, "forms: ");
      char *end = NULL;
      guint64 n = g_ascii_strtoull (comment, &end, 10);
      if (end != comment && g_str_has_prefix (end, " units"))
        {
          freq = (guint) n;
          note = "";
        }
      else if (f == comment)
        note = "";
      forms = f != NULL && note[0] == '\0' ? g_strsplit (f + strlen ("forms: "), VARIANT_SEP, -1)
                                           : g_new0 (char *, 1);
      BitextTermPair p = { .source = c0, .target = cell_at (row, 1),
                           .variants = (const char *const *) forms, .note = note, .freq = freq };
      bitext_term_list_add (list, &p);
    }
  return TRUE;
}

/* TBX */

typedef struct
{
  char *source, *target, *example, *note, *evidence;
  GPtrArray *variants;
  /* the tig or termSec being read */
  char *term, *context;
  gboolean variant;
  gboolean in_source;       /* in the source langSet */
  guint n_lang_sets;
  int line;                 /* of the termEntry or conceptEntry, for warnings */
} TbxEntry;

static void
tbx_entry_reset (TbxEntry *e)
{
  g_clear_pointer (&e->source, g_free);
  g_clear_pointer (&e->target, g_free);
  g_clear_pointer (&e->example, g_free);
  g_clear_pointer (&e->note, g_free);
  g_clear_pointer (&e->evidence, g_free);
  g_clear_pointer (&e->term, g_free);
  g_clear_pointer (&e->context, g_free);
  if (e->variants != NULL)
    g_ptr_array_set_size (e->variants, 0);
  e->variant = FALSE;
  e->in_source = FALSE;
  e->n_lang_sets = 0;
}

/* Parse our evidence note "bitext: score=..; dice=..; llr=..; frequency=..; units=a,b". */
static void
parse_evidence (const char *text, BitextTermPair *p, guint *examples)
{
  g_auto(GStrv) fields = g_strsplit (text + strlen ("bitext:"), ";", -1);
  for (char **f = fields; *f != NULL; f++)
    {
      char *kv = g_strstrip (*f);
      char *eq = strchr (kv, '=');
      if (eq == NULL)
        continue;
      *eq = '\0';
      const char *v = eq + 1;
      if (strcmp (kv, "score") == 0)
        p->score = g_ascii_strtod (v, NULL);
      else if (strcmp (kv, "dice") == 0)
        p->dice = g_ascii_strtod (v, NULL);
      else if (strcmp (kv, "llr") == 0)
        p->llr = g_ascii_strtod (v, NULL);
      else if (strcmp (kv, "frequency") == 0)
        p->freq = (guint) g_ascii_strtoull (v, NULL, 10);
      else if (strcmp (kv, "units") == 0)
        {
          g_auto(GStrv) units = g_strsplit (v, ",", 3);
          for (char **u = units; *u != NULL && **u != '\0'; u++)
            examples[p->n_examples++] = (guint) g_ascii_strtoull (*u, NULL, 10);
        }
    }
}

static void
tbx_entry_add (BitextTermList *list, const char *name, TbxEntry *e)
{
  if (e->source == NULL || e->target == NULL || *e->source == '\0' || *e->target == '\0')
    {
      const char *side = e->source == NULL || *e->source == '\0' ? "source" : "target";
      bitext_term_list__add_warning (
          list, g_strdup_printf ("%s:%d: entry without a %s term: dropped", name, e->line, side));
      return;
    }
  g_ptr_array_add (e->variants, NULL);
  guint examples[3];
  BitextTermPair p = {
    .source = e->source, .target = e->target, .variants = (const char *const *) e->variants->pdata,
    .note = e->note, .example = e->example, .examples = examples,
  };
  if (e->evidence != NULL)
    parse_evidence (e->evidence, &p, examples);
  bitext_term_list_add (list, &p);
}

static char *
attr (xmlTextReader *r, const char *name)
{
  xmlChar *v = xmlTextReaderGetAttribute (r, BAD_CAST name);
  char *out = g_strdup ((const char *) v);
  xmlFree (v);
  return out;
}

static char *
read_text (xmlTextReader *r)
{
  xmlChar *v = xmlTextReaderReadString (r);
  char *out = g_strdup (v != NULL ? (const char *) v : "");
  xmlFree (v);
  return g_strstrip (out);
}

static void
tbx_start (xmlTextReader *r, const char *el, TbxEntry *e)
{
  if (strcmp (el, "langSet") == 0 || strcmp (el, "langSec") == 0)
    e->in_source = e->n_lang_sets++ == 0;
  else if (strcmp (el, "term") == 0)
    {
      g_free (e->term);
      e->term = read_text (r);
    }
  else if (strcmp (el, "termNote") == 0)
    {
      g_autofree char *type = attr (r, "type");
      g_autofree char *v = read_text (r);
      if (g_strcmp0 (type, "termType") == 0 && strcmp (v, "variant") == 0)
        e->variant = TRUE;
    }
  else if (strcmp (el, "descrip") == 0)
    {
      g_autofree char *type = attr (r, "type");
      if (g_strcmp0 (type, "context") == 0)
        {
          g_free (e->context);
          e->context = read_text (r);
        }
    }
  else if (strcmp (el, "note") == 0)
    {
      char *v = read_text (r);
      char **slot = g_str_has_prefix (v, "bitext:") ? &e->evidence : &e->note;
      g_free (*slot);
      *slot = v;
    }
}

static void
tbx_end_term (TbxEntry *e)
{
  if (e->term == NULL)
    return;
  if (e->in_source && e->source == NULL)
    {
      e->source = g_steal_pointer (&e->term);
      e->example = g_steal_pointer (&e->context);
    }
  else if (!e->in_source && e->target == NULL && !e->variant)
    e->target = g_steal_pointer (&e->term);
  else if (!e->in_source)
    g_ptr_array_add (e->variants, g_steal_pointer (&e->term));
  g_clear_pointer (&e->term, g_free);
  g_clear_pointer (&e->context, g_free);
  e->variant = FALSE;
}

/* Whether the DOCTYPE the reader stands on declares entities (the TMX reader refuses them too).
   The node, not xmlTextReaderCurrentDoc(), which would leave the document to us to free. */
static gboolean
tbx_declares_entities (xmlTextReader *r)
{
  xmlNode *node = xmlTextReaderCurrentNode (r);
  return node != NULL && node->type == XML_DTD_NODE && ((xmlDtd *) node)->entities != NULL;
}

static gboolean
load_tbx (BitextTermList *list, const char *name, const char *data, gsize length, GError **error)
{
  g_autoptr(xmlTextReader) r = xmlReaderForMemory (data, (int) length, name, "UTF-8",
                                                   XML_PARSE_NONET | XML_PARSE_NOERROR
                                                   | XML_PARSE_NOWARNING);
  TbxEntry e = { 0 };
  e.variants = g_ptr_array_new_with_free_func (g_free);
  gboolean root_seen = FALSE;
  int ret;
  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);
      const char *el = (const char *) xmlTextReaderConstLocalName (r);
      if (type == XML_READER_TYPE_ELEMENT && !root_seen)
        {
          root_seen = TRUE;
          if (strcmp (el, "martif") != 0 && strcmp (el, "tbx") != 0)
            {
              g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                           "%s:%d: <%s> is not a TBX root (martif or tbx)", name,
                           xmlTextReaderGetParserLineNumber (r), el);
              break;
            }
        }
      if (type == XML_READER_TYPE_DOCUMENT_TYPE && tbx_declares_entities (r))
        {
          bitext_error__set_entity_refused (error, name, data, length, "TBX");
          break;
        }
      if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%d: undefined entity &%s; (TBX allows only &amp; &lt; &gt; &quot; "
                       "&apos; and character references)", name,
                       (int) xmlGetLineNo (xmlTextReaderCurrentNode (r)),
                       (const char *) xmlTextReaderConstName (r));
          break;
        }
      if (type == XML_READER_TYPE_ELEMENT
          && (strcmp (el, "termEntry") == 0 || strcmp (el, "conceptEntry") == 0))
        e.line = (int) xmlGetLineNo (xmlTextReaderCurrentNode (r));
      if (type == XML_READER_TYPE_ELEMENT)
        tbx_start (r, el, &e);
      else if (type == XML_READER_TYPE_END_ELEMENT
               && (strcmp (el, "tig") == 0 || strcmp (el, "termSec") == 0 || strcmp (el, "ntig") == 0))
        tbx_end_term (&e);
      else if (type == XML_READER_TYPE_END_ELEMENT
               && (strcmp (el, "termEntry") == 0 || strcmp (el, "conceptEntry") == 0))
        {
          tbx_entry_add (list, name, &e);
          tbx_entry_reset (&e);
        }
    }
  gboolean ok = ret == 0 && root_seen && (error == NULL || *error == NULL);
  if (ret < 0 || (!root_seen && ret == 0))
    {
      const xmlError *x = xmlGetLastError ();
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%d: %s", name,
                   x != NULL ? x->line : xmlTextReaderGetParserLineNumber (r),
                   x != NULL && x->message != NULL ? g_strchomp (x->message) : "not well-formed XML");
    }
  tbx_entry_reset (&e);
  g_ptr_array_unref (e.variants);
  return ok;
}

/**
 * bitext_term_list_load_data:
 * @name: the name used in messages
 * @data: (array length=length): the file's bytes, UTF-8
 * @length: their number
 * @format: the format
 * @src_lang: (nullable): the source language
 * @tgt_lang: (nullable): the target language
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the entries, or %NULL with @error
 *   set: BITEXT_ERROR_ENCODING, BITEXT_ERROR_PARSE with "NAME:LINE: message"
 */
BitextTermList *
bitext_term_list_load_data (const char *name, const char *data, gsize length,
                            BitextTermFormat format, const char *src_lang, const char *tgt_lang,
                            GError **error)
{
  g_return_val_if_fail (name != NULL && (data != NULL || length == 0), NULL);
  const char *bad;
  if (!g_utf8_validate_len (data, length, &bad))
    {
      guint line = 1;
      for (const char *p = data; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING, "%s:%u: invalid UTF-8", name, line);
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 && format != BITEXT_TERM_FORMAT_TBX)
    data += 3, length -= 3;
  g_autoptr(BitextTermList) list = bitext_term_list_new (src_lang, tgt_lang);
  gboolean ok;
  switch (format)
    {
    case BITEXT_TERM_FORMAT_TBX:
      ok = load_tbx (list, name, data, length, error);
      break;
    case BITEXT_TERM_FORMAT_OMEGAT:
      ok = load_omegat (list, name, data, length, error);
      break;
    default:
      ok = load_rows (list, name, data, length, format == BITEXT_TERM_FORMAT_CSV, error);
      break;
    }
  return ok ? g_steal_pointer (&list) : NULL;
}

/**
 * bitext_term_list_load_file:
 * @path: (type filename): a glossary file
 * @format: its format (see bitext_term_format_from_name())
 *
 * Returns: (transfer full) (nullable): as bitext_term_list_load_data()
 */
BitextTermList *
bitext_term_list_load_file (const char *path, BitextTermFormat format, const char *src_lang,
                            const char *tgt_lang, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return bitext_term_list_load_data (path, data, length, format, src_lang, tgt_lang, error);
}
