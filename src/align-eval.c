/* bitext — reading bead files and scoring an alignment against a gold one. */
#include <bitext/align-eval.h>
#include <bitext/error.h>

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "file-private.h"

struct _BitextBeadList
{
  GArray *beads;            /* BitextEvalBead; src and tgt point into ids */
  guint *ids;               /* every bead's indices, source side then target side */
  gboolean scored;          /* read from JSON Lines: every bead has a score and a low mark */
};

/* ---- Parsing ------------------------------------------------------------ */

/*
** The largest sentence index accepted. Indices are line numbers, so anything
** near G_MAXUINT is a corrupt file, not a text; the cap keeps sums in range.
*/
#define MAX_INDEX ((guint64) G_MAXINT32)

typedef struct
{
  const char *name;
  const char *line_start;
  const char *eol;          /* end of the current line (its '\n' or the end of data) */
  const char *p;
  guint line;
  GArray *ids;              /* guint */
} Parser;

/* Where a bead's sides sit in Parser.ids while the file is read (ids may move). */
typedef struct
{
  guint src, n_src, tgt, n_tgt, line;
  double score;             /* -1 in a bead file */
  gboolean low;
} BeadOffsets;

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void
skip_blanks (Parser *ps)
{
  while (ps->p < ps->eol && is_blank (*ps->p))
    ps->p++;
}

/* Column of ps->p: 1-based, in code points (UTF-8 continuation bytes do not count). */
static guint
column (const Parser *ps)
{
  guint col = 1;
  for (const char *q = ps->line_start; q < ps->p; q++)
    if (((guchar) *q & 0xC0) != 0x80)
      col++;
  return col;
}

/* A quotable description of what stands at ps->p: "end of line", "'x'" or "byte 0xNN". */
static char *
describe_found (const Parser *ps)
{
  if (ps->p >= ps->eol)
    return g_strdup ("end of line");
  gunichar c = g_utf8_get_char_validated (ps->p, ps->eol - ps->p);
  if (c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isgraph (c))
    return g_strdup_printf ("'%.*s'", (int) (g_utf8_next_char (ps->p) - ps->p), ps->p);
  return g_strdup_printf ("byte 0x%02X", (guchar) *ps->p);
}

static gboolean
fail (const Parser *ps, GError **error, const char *expected)
{
  g_autofree char *found = describe_found (ps);
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u:%u: expected %s, found %s",
               ps->name, ps->line, column (ps), expected, found);
  return FALSE;
}

/* A decimal sentence index, no sign; appended to ps->ids. */
static gboolean
parse_index (Parser *ps, const char *expected, GError **error)
{
  if (ps->p >= ps->eol || !g_ascii_isdigit (*ps->p))
    return fail (ps, error, expected);
  const char *start = ps->p;
  guint64 v = 0;
  while (ps->p < ps->eol && g_ascii_isdigit (*ps->p))
    {
      v = v * 10 + (guint64) (*ps->p - '0');
      if (v > MAX_INDEX)
        {
          ps->p = start;
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%u:%u: sentence index too large (at most %" G_GUINT64_FORMAT ")",
                       ps->name, ps->line, column (ps), MAX_INDEX);
          return FALSE;
        }
      ps->p++;
    }
  guint id = (guint) v;
  g_array_append_val (ps->ids, id);
  return TRUE;
}

/*
** One side, `[]` or `[3]` or `[3, 4]` (blanks allowed around every token,
** as vecalign writes `[3, 4]` and other tools `[3,4]`). Stores where its
** indices start in ps->ids and how many there are.
*/
static gboolean
parse_side (Parser *ps, guint *first, guint *count, GError **error)
{
  skip_blanks (ps);
  if (ps->p >= ps->eol || *ps->p != '[')
    return fail (ps, error, "'['");
  ps->p++;
  *first = ps->ids->len;
  skip_blanks (ps);
  if (ps->p < ps->eol && *ps->p == ']')
    {
      ps->p++;
      *count = 0;
      return TRUE;
    }
  if (!parse_index (ps, "a sentence index or ']'", error))
    return FALSE;
  for (;;)
    {
      skip_blanks (ps);
      if (ps->p < ps->eol && *ps->p == ']')
        break;
      if (ps->p >= ps->eol || *ps->p != ',')
        return fail (ps, error, "',' or ']'");
      ps->p++;
      skip_blanks (ps);
      if (!parse_index (ps, "a sentence index after ','", error))
        return FALSE;
    }
  ps->p++;
  *count = ps->ids->len - *first;
  return TRUE;
}

/*
** One line holding one bead, `SRC:TGT`, optionally followed by `:` and a
** third field that is ignored (vecalign writes the bead's cost there).
*/
static gboolean
parse_bead (Parser *ps, BeadOffsets *b, GError **error)
{
  b->line = ps->line;
  b->score = -1.0;
  b->low = FALSE;
  if (!parse_side (ps, &b->src, &b->n_src, error))
    return FALSE;
  skip_blanks (ps);
  if (ps->p >= ps->eol || *ps->p != ':')
    return fail (ps, error, "':' between the source and the target side");
  ps->p++;
  if (!parse_side (ps, &b->tgt, &b->n_tgt, error))
    return FALSE;
  skip_blanks (ps);
  if (ps->p < ps->eol && *ps->p != ':')
    return fail (ps, error, "end of line or ':' after the bead");
  return TRUE;
}

static gboolean
line_is_blank (const char *p, const char *eol)
{
  for (; p < eol; p++)
    if (!is_blank (*p))
      return FALSE;
  return TRUE;
}

/* Point each bead's sides into the final ids array. */
static BitextBeadList *
bead_list_finish (GArray *offsets, GArray *ids)
{
  BitextBeadList *list = g_new0 (BitextBeadList, 1);
  list->ids = (guint *) (void *) g_array_free (ids, FALSE);
  if (list->ids == NULL)        /* no index at all: keep the sides' pointers valid for memcmp */
    list->ids = g_new0 (guint, 1);
  list->beads = g_array_sized_new (FALSE, FALSE, sizeof (BitextEvalBead), offsets->len);
  for (guint i = 0; i < offsets->len; i++)
    {
      const BeadOffsets *o = &g_array_index (offsets, BeadOffsets, i);
      BitextEvalBead b = { list->ids + o->src, o->n_src, list->ids + o->tgt, o->n_tgt, o->line,
                           o->score, o->low };
      g_array_append_val (list->beads, b);
    }
  return list;
}

/* ---- JSON Lines (bitext align --format jsonl) ---- */

static gboolean G_GNUC_PRINTF (3, 4)
jsonl_fail (const Parser *ps, GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: %s", ps->name, ps->line, what);
  return FALSE;
}

/* One side of a JSON bead, "src": [3, 4]; its indices appended to ps->ids. */
static gboolean
jsonl_side (Parser *ps, JsonObject *o, const char *member, guint *first, guint *count,
            GError **error)
{
  JsonNode *n = json_object_get_member (o, member);
  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return jsonl_fail (ps, error, "expected \"%s\": an array of sentence indices", member);
  JsonArray *a = json_node_get_array (n);
  *first = ps->ids->len;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_INT64
          || json_node_get_int (e) < 0 || (guint64) json_node_get_int (e) > MAX_INDEX)
        return jsonl_fail (ps, error, "\"%s\" holds something other than a sentence index",
                           member);
      guint id = (guint) json_node_get_int (e);
      g_array_append_val (ps->ids, id);
    }
  *count = ps->ids->len - *first;
  return TRUE;
}

/*
** One line of `bitext align --format jsonl`: an object with "src" and
** "tgt" (index arrays), "score" (a number) and optionally
** "low_confidence" (a boolean); other members are read past.
*/
static gboolean
parse_json_bead (Parser *ps, JsonParser *parser, BeadOffsets *b, GError **error)
{
  b->line = ps->line;
  g_autoptr(GError) local = NULL;
  if (!json_parser_load_from_data (parser, ps->line_start, ps->eol - ps->line_start, &local))
    return jsonl_fail (ps, error, "not JSON: %s", local->message);
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return jsonl_fail (ps, error, "expected a JSON object");
  JsonObject *o = json_node_get_object (root);
  if (!jsonl_side (ps, o, "src", &b->src, &b->n_src, error)
      || !jsonl_side (ps, o, "tgt", &b->tgt, &b->n_tgt, error))
    return FALSE;
  JsonNode *score = json_object_get_member (o, "score");
  GType t = score != NULL && JSON_NODE_HOLDS_VALUE (score) ? json_node_get_value_type (score) : 0;
  if (t != G_TYPE_DOUBLE && t != G_TYPE_INT64)
    return jsonl_fail (ps, error, "expected \"score\": a number");
  b->score = json_node_get_double (score);
  JsonNode *low = json_object_get_member (o, "low_confidence");
  if (low != NULL && (!JSON_NODE_HOLDS_VALUE (low) || json_node_get_value_type (low) != G_TYPE_BOOLEAN))
    return jsonl_fail (ps, error, "\"low_confidence\" is not true or false");
  b->low = low != NULL && json_node_get_boolean (low);
  return TRUE;
}

/* Whether the data's first non-blank character opens a JSON object. */
static gboolean
is_jsonl (const char *data, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (!is_blank (data[i]) && data[i] != '\n')
      return data[i] == '{';
  return FALSE;
}

/**
 * bitext_bead_list_parse:
 * @name: the file name used in messages
 * @data: (array length=length): the bytes of a bead file
 * @length: the length of @data in bytes
 * @error: return location for a #GError
 *
 * Parses a bead file: one bead a line, `[source indices]:[target indices]`,
 * indices 0-based and comma-separated, a side `[]` when empty (a 1-0 or 0-1
 * bead). Blanks may stand around any token and blank lines are skipped; a
 * third `:`-separated field (vecalign's cost) is ignored. This is the format
 * of `bitext align --format beads`, vecalign, Bertalign and the Text+Berg
 * gold files. A line that does not parse gives %BITEXT_ERROR_PARSE with the
 * message `NAME:LINE:COLUMN: expected ..., found ...`.
 *
 * Data whose first non-blank character is `{` is read as JSON Lines, the
 * output of `bitext align --format jsonl`: one object a line with "src"
 * and "tgt" index arrays, a "score" and optionally "low_confidence"; the
 * beads then carry their scores (bitext_bead_list_has_scores()). Errors
 * are `NAME:LINE: ...`.
 *
 * Returns: (transfer full) (nullable): the beads in file order, or %NULL
 * with @error set
 *
 * Since: 0.1
 */
BitextBeadList *
bitext_bead_list_parse (const char *name, const char *data, gsize length, GError **error)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (BeadOffsets));
  Parser ps = { .name = name, .ids = ids };
  gboolean json = is_jsonl (data, length);
  g_autoptr(JsonParser) parser = json ? json_parser_new_immutable () : NULL;
  const char *end = data + length;
  for (const char *l = data; l < end;)
    {
      const char *nl = memchr (l, '\n', end - l);
      ps.line++;
      ps.line_start = ps.p = l;
      ps.eol = nl != NULL ? nl : end;
      l = nl != NULL ? nl + 1 : end;
      if (line_is_blank (ps.line_start, ps.eol))
        continue;
      BeadOffsets b;
      if (!(json ? parse_json_bead (&ps, parser, &b, error) : parse_bead (&ps, &b, error)))
        return NULL;
      g_array_append_val (offsets, b);
    }
  BitextBeadList *list = bead_list_finish (offsets, g_steal_pointer (&ids));
  list->scored = json;
  return list;
}

/**
 * bitext_bead_list_load_file:
 * @path: (type filename): a bead file, or "-" for standard input
 * @error: return location for a #GError
 *
 * Reads and parses a bead file (see bitext_bead_list_parse()). I/O errors
 * are %G_FILE_ERROR with the message `PATH: reason`, a directory is
 * %BITEXT_ERROR_INPUT (`PATH: is a directory`); standard input is named
 * `<stdin>` in messages and is not closed.
 *
 * Returns: (transfer full) (nullable): the beads, or %NULL with @error set
 *
 * Since: 0.1
 */
BitextBeadList *
bitext_bead_list_load_file (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  gboolean is_stdin = strcmp (path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  int fd = is_stdin ? STDIN_FILENO : open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", name,
                   g_strerror (saved));
      return NULL;
    }
  struct stat st;
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      if (!is_stdin)
        close (fd);
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: is a directory", name);
      return NULL;
    }
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gboolean ok = bitext__fd_read_all (fd, name, data, error);
  if (!is_stdin)
    close (fd);
  if (!ok)
    return NULL;
  return bitext_bead_list_parse (name, (const char *) data->data, data->len, error);
}

static const char *const side_names[2] = { "source", "target" };

/*
** Side @s of bead @b: indices below n_sentences[s] (when given) and, when
** @in_order, a run of consecutive ones starting at *next (where the previous
** bead ended on that side); *next moves past the largest index.
*/
static gboolean
check_side (const char *name, const BitextEvalBead *b, guint s, gboolean in_order,
            const guint *n_sentences, guint *next, GError **error)
{
  const guint *idx = s == 0 ? b->src : b->tgt;
  guint n = s == 0 ? b->n_src : b->n_tgt;
  for (guint k = 0; k < n; k++)
    if (n_sentences != NULL && idx[k] >= n_sentences[s])
      {
        g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                     "%s:%u: sentence %u is past the end of the %s (%u sentences)", name,
                     b->line, idx[k], side_names[s], n_sentences[s]);
        return FALSE;
      }
  for (guint k = 0; k < n; k++)
    {
      if (in_order && idx[k] != *next)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                       "%s:%u: expected %s sentence %u here, found %u (the beads must cover the "
                       "%s once, in order, a run of consecutive sentences each)",
                       name, b->line, side_names[s], *next, idx[k], side_names[s]);
          return FALSE;
        }
      *next = MAX (*next, idx[k] + 1);
    }
  return TRUE;
}

/**
 * bitext_bead_list_check_cover:
 * @list: beads read by bitext_bead_list_parse()
 * @name: the file name used in messages
 * @in_order: whether the beads must cover both texts once, in order
 * @n_sentences: (array fixed-size=2) (nullable): the sentences of the
 *   source and the target, when known
 * @covered: (array fixed-size=2) (out) (optional): one past the largest
 *   index on each side
 * @error: return location for a #GError
 *
 * Refuses a bead list that describes no alignment: an empty one (`NAME: no
 * beads`), an index past the end of its text (when @n_sentences is given)
 * and, when @in_order, beads that do not cover sentences 0, 1, 2, ... of
 * each side exactly once and in order, a bead with no sentence, and beads
 * that stop before the end of a text of @n_sentences. The error names the
 * first offending line (`NAME:LINE: ...`). An aligner's output must be in
 * order; a published gold standard need not be (Text+Berg's cross, skip
 * and repeat sentences), so for it @in_order is %FALSE.
 *
 * Returns: %TRUE when the list is usable, else %FALSE with @error set
 *   (%BITEXT_ERROR_PARSE)
 */
gboolean
bitext_bead_list_check_cover (const BitextBeadList *list, const char *name, gboolean in_order,
                              const guint *n_sentences, guint *covered, GError **error)
{
  g_return_val_if_fail (list != NULL && name != NULL, FALSE);
  if (list->beads->len == 0)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s: no beads", name);
      return FALSE;
    }
  guint next[2] = { 0, 0 };
  for (guint i = 0; i < list->beads->len; i++)
    {
      const BitextEvalBead *b = &g_array_index (list->beads, BitextEvalBead, i);
      if (in_order && b->n_src + b->n_tgt == 0)
        {
          g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: a bead with no sentence",
                       name, b->line);
          return FALSE;
        }
      for (guint s = 0; s < 2; s++)
        if (!check_side (name, b, s, in_order, n_sentences, &next[s], error))
          return FALSE;
    }
  for (guint s = 0; s < 2 && in_order && n_sentences != NULL; s++)
    if (next[s] != n_sentences[s])
      {
        g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE,
                     "%s: %s sentences %u to %u are in no bead", name, side_names[s], next[s],
                     n_sentences[s] - 1);
        return FALSE;
      }
  if (covered != NULL)
    memcpy (covered, next, sizeof next);
  return TRUE;
}

void
bitext_bead_list_free (BitextBeadList *list)
{
  if (list == NULL)
    return;
  g_array_unref (list->beads);
  g_free (list->ids);
  g_free (list);
}

/**
 * bitext_bead_list_has_scores:
 *
 * Returns: whether the beads carry the aligner's scores and low marks (JSON Lines input)
 */
gboolean
bitext_bead_list_has_scores (const BitextBeadList *list)
{
  g_return_val_if_fail (list != NULL, FALSE);
  return list->scored;
}

guint
bitext_bead_list_get_n_beads (const BitextBeadList *list)
{
  g_return_val_if_fail (list != NULL, 0);
  return list->beads->len;
}

/**
 * bitext_bead_list_get_bead:
 * @list: a bead list
 * @index: 0-based, less than bitext_bead_list_get_n_beads()
 *
 * Returns: (transfer none): the bead, valid while @list lives
 */
const BitextEvalBead *
bitext_bead_list_get_bead (const BitextBeadList *list, guint index)
{
  g_return_val_if_fail (list != NULL, NULL);
  g_return_val_if_fail (index < list->beads->len, NULL);
  return &g_array_index (list->beads, BitextEvalBead, index);
}

/* ---- Scoring ------------------------------------------------------------ */

/* A reference side of the comparison: its distinct beads and, per source sentence, its beads. */
typedef struct
{
  GHashTable *set;          /* const BitextEvalBead *, distinct by content */
  GArray *postings;         /* Posting, sorted by id */
} BeadIndex;

typedef struct
{
  guint id;                 /* a source sentence */
  const BitextEvalBead *bead;
} Posting;

static guint
bead_hash (gconstpointer p)
{
  const BitextEvalBead *b = p;
  guint h = 2166136261u ^ b->n_src;     /* FNV-1a over the sizes and the indices */
  for (guint i = 0; i < b->n_src; i++)
    h = (h ^ b->src[i]) * 16777619u;
  h = (h ^ (0x80000000u | b->n_tgt)) * 16777619u;
  for (guint i = 0; i < b->n_tgt; i++)
    h = (h ^ b->tgt[i]) * 16777619u;
  return h;
}

/* Strict equality: the same indices in the same order on both sides. */
static gboolean
bead_equal (gconstpointer pa, gconstpointer pb)
{
  const BitextEvalBead *a = pa, *b = pb;
  return a->n_src == b->n_src && a->n_tgt == b->n_tgt
         && memcmp (a->src, b->src, a->n_src * sizeof (guint)) == 0
         && memcmp (a->tgt, b->tgt, a->n_tgt * sizeof (guint)) == 0;
}

/*
** Which beads take part. Precision counts every bead that is not empty on
** both sides (a bare `[]:[]` says nothing); recall counts only beads with
** both sides non-empty, so that gold insertions and deletions are not
** recall targets (vecalign's score.py, following Sennrich & Volk 2011).
*/
static gboolean
bead_counts (const BitextEvalBead *b, gboolean both_sides)
{
  return both_sides ? b->n_src > 0 && b->n_tgt > 0 : b->n_src > 0 || b->n_tgt > 0;
}

static int
posting_cmp (const void *pa, const void *pb)
{
  const Posting *a = pa, *b = pb;
  return a->id < b->id ? -1 : a->id > b->id;
}

static void
bead_index_init (BeadIndex *ix, const BitextBeadList *list, gboolean both_sides)
{
  ix->set = g_hash_table_new (bead_hash, bead_equal);
  ix->postings = g_array_new (FALSE, FALSE, sizeof (Posting));
  for (guint i = 0; i < list->beads->len; i++)
    {
      const BitextEvalBead *b = &g_array_index (list->beads, BitextEvalBead, i);
      if (!bead_counts (b, both_sides) || !g_hash_table_add (ix->set, (gpointer) b))
        continue;
      for (guint k = 0; k < b->n_src; k++)
        {
          Posting p = { b->src[k], b };
          g_array_append_val (ix->postings, p);
        }
    }
  g_array_sort (ix->postings, posting_cmp);
}

static void
bead_index_clear (BeadIndex *ix)
{
  g_clear_pointer (&ix->set, g_hash_table_unref);
  g_clear_pointer (&ix->postings, g_array_unref);
}

static gboolean
share_index (const guint *a, guint n_a, const guint *b, guint n_b)
{
  for (guint i = 0; i < n_a; i++)
    for (guint k = 0; k < n_b; k++)
      if (a[i] == b[k])
        return TRUE;
  return FALSE;
}

/* Index of the first posting for source sentence @id, or postings->len. */
static guint
first_posting (const GArray *postings, guint id)
{
  guint lo = 0, hi = postings->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (postings, Posting, mid).id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/*
** Lax match: some reference bead shares at least one source sentence and at
** least one target sentence with @b. A bead with an empty side never
** matches laxly (only strictly, when the reference holds the same bead).
*/
static gboolean
lax_match (const BeadIndex *ref, const BitextEvalBead *b)
{
  for (guint i = 0; i < b->n_src; i++)
    for (guint k = first_posting (ref->postings, b->src[i]); k < ref->postings->len; k++)
      {
        const Posting *p = &g_array_index (ref->postings, Posting, k);
        if (p->id != b->src[i])
          break;
        if (share_index (p->bead->tgt, p->bead->n_tgt, b->tgt, b->n_tgt))
          return TRUE;
      }
  return FALSE;
}

/*
** Match the distinct counted beads of @test against @ref: how many there
** are, how many equal a reference bead, how many match one laxly.
*/
static void
match_side (const BeadIndex *ref, const BitextBeadList *test, gboolean both_sides, guint *n,
            guint *strict, guint *lax)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (bead_hash, bead_equal);
  *n = *strict = *lax = 0;
  for (guint i = 0; i < test->beads->len; i++)
    {
      const BitextEvalBead *b = &g_array_index (test->beads, BitextEvalBead, i);
      if (!bead_counts (b, both_sides) || !g_hash_table_add (seen, (gpointer) b))
        continue;
      (*n)++;
      if (g_hash_table_contains (ref->set, b))
        {
          (*strict)++;
          (*lax)++;
        }
      else if (lax_match (ref, b))
        (*lax)++;
    }
}

/**
 * bitext_align_eval_count:
 * @gold: the reference alignment of one document
 * @pred: the alignment to score, of the same document
 * @counts: (out caller-allocates): the counts
 *
 * Counts matches the way the sentence-alignment literature scores an
 * aligner (Sennrich & Volk 2011; vecalign's score.py). Each file is taken
 * as a set: a bead written twice counts once.
 *
 * - Precision side: every predicted bead not empty on both sides, 1-0 and
 *   0-1 beads included. It is a strict hit when the gold holds the same
 *   bead, a lax hit when it is a strict hit or some gold bead shares at
 *   least one source and at least one target sentence with it.
 * - Recall side: every gold bead with both sides non-empty; a strict hit
 *   when the prediction holds the same bead, a lax hit when it is a strict
 *   hit or some predicted bead with both sides non-empty shares a source
 *   and a target sentence with it.
 *
 * Since: 0.1
 */
void
bitext_align_eval_count (const BitextBeadList *gold, const BitextBeadList *pred,
                         BitextAlignEvalCounts *counts)
{
  g_return_if_fail (gold != NULL && pred != NULL && counts != NULL);

  BeadIndex ref;
  bead_index_init (&ref, gold, FALSE);
  match_side (&ref, pred, FALSE, &counts->pred_beads, &counts->strict_pred_hits,
              &counts->lax_pred_hits);
  bead_index_clear (&ref);

  bead_index_init (&ref, pred, TRUE);
  match_side (&ref, gold, TRUE, &counts->gold_beads, &counts->strict_gold_hits,
              &counts->lax_gold_hits);
  bead_index_clear (&ref);
}

/**
 * bitext_align_eval_add:
 * @total: (inout): a running sum, zero-initialised before the first document
 * @counts: one document's counts
 *
 * Adds @counts to @total. Scoring the total gives the micro-average over
 * the documents: every bead weighs the same, whatever its document.
 */
void
bitext_align_eval_add (BitextAlignEvalCounts *total, const BitextAlignEvalCounts *counts)
{
  g_return_if_fail (total != NULL && counts != NULL);
  total->pred_beads += counts->pred_beads;
  total->gold_beads += counts->gold_beads;
  total->strict_pred_hits += counts->strict_pred_hits;
  total->lax_pred_hits += counts->lax_pred_hits;
  total->strict_gold_hits += counts->strict_gold_hits;
  total->lax_gold_hits += counts->lax_gold_hits;
}

static double
ratio (guint num, guint den)
{
  return den == 0 ? 0.0 : (double) num / den;
}

static void
score (guint pred_hits, guint pred_beads, guint gold_hits, guint gold_beads,
       BitextAlignEvalScore *s)
{
  s->precision = ratio (pred_hits, pred_beads);
  s->recall = ratio (gold_hits, gold_beads);
  double sum = s->precision + s->recall;
  s->f1 = sum == 0.0 ? 0.0 : 2.0 * s->precision * s->recall / sum;
}

/**
 * bitext_align_eval_score:
 * @counts: one document's counts, or a sum (micro-average)
 * @strict: (out caller-allocates) (optional): exact-match precision, recall, F1
 * @lax: (out caller-allocates) (optional): overlap-match precision, recall, F1
 *
 * Precision is hits over predicted beads, recall hits over gold beads, F1
 * their harmonic mean. A ratio whose denominator is 0 is 0, and so is F1
 * when precision and recall are both 0 (as vecalign's scorer has it).
 */
void
bitext_align_eval_score (const BitextAlignEvalCounts *counts, BitextAlignEvalScore *strict,
                         BitextAlignEvalScore *lax)
{
  g_return_if_fail (counts != NULL);
  if (strict != NULL)
    score (counts->strict_pred_hits, counts->pred_beads, counts->strict_gold_hits,
           counts->gold_beads, strict);
  if (lax != NULL)
    score (counts->lax_pred_hits, counts->pred_beads, counts->lax_gold_hits, counts->gold_beads,
           lax);
}

/* ---- Calibration: how well the scores tell wrong beads from right ones ---- */

typedef struct
{
  double score;
  gboolean right;           /* equal to a gold bead */
  gboolean low;
} ScoredBead;

struct _BitextAlignScores
{
  GArray *beads;            /* ScoredBead */
};

/**
 * bitext_align_scores_new:
 *
 * Returns: (transfer full): an empty accumulator of scored beads
 */
BitextAlignScores *
bitext_align_scores_new (void)
{
  BitextAlignScores *scores = g_new0 (BitextAlignScores, 1);
  scores->beads = g_array_new (FALSE, FALSE, sizeof (ScoredBead));
  return scores;
}

void
bitext_align_scores_free (BitextAlignScores *scores)
{
  if (scores == NULL)
    return;
  g_array_unref (scores->beads);
  g_free (scores);
}

/**
 * bitext_align_scores_add:
 * @scores: the accumulator
 * @gold: the reference alignment of one document
 * @pred: the scored alignment of the same document (JSON Lines); nothing
 *   is added when it carries no scores
 *
 * Adds the predicted beads that precision counts (distinct, not empty on
 * both sides; the first score of a bead written twice), each marked right
 * when the gold holds the same bead (a strict hit) and wrong otherwise.
 */
void
bitext_align_scores_add (BitextAlignScores *scores, const BitextBeadList *gold,
                         const BitextBeadList *pred)
{
  g_return_if_fail (scores != NULL && gold != NULL && pred != NULL);
  if (!pred->scored)
    return;
  BeadIndex ref;
  bead_index_init (&ref, gold, FALSE);
  g_autoptr(GHashTable) seen = g_hash_table_new (bead_hash, bead_equal);
  for (guint i = 0; i < pred->beads->len; i++)
    {
      const BitextEvalBead *b = &g_array_index (pred->beads, BitextEvalBead, i);
      if (!bead_counts (b, FALSE) || !g_hash_table_add (seen, (gpointer) b))
        continue;
      ScoredBead s = { b->score, g_hash_table_contains (ref.set, b), b->low };
      g_array_append_val (scores->beads, s);
    }
  bead_index_clear (&ref);
}

/* Adds @scores's beads to @total: calibrating the total gives the micro-average. */
void
bitext_align_scores_merge (BitextAlignScores *total, const BitextAlignScores *scores)
{
  g_return_if_fail (total != NULL && scores != NULL);
  g_array_append_vals (total->beads, scores->beads->data, scores->beads->len);
}

static int
scored_cmp (const void *pa, const void *pb)
{
  const ScoredBead *a = pa, *b = pb;
  return a->score < b->score ? -1 : a->score > b->score;
}

/*
** Area under the ROC curve of the score as a test for "right", by the
** Mann-Whitney statistic: ranks in score order, tied scores sharing their
** mean rank (so a tie counts half). NAN unless both classes occur.
** @sorted is in score order.
*/
static double
auc (const GArray *sorted, guint n_right)
{
  guint n = sorted->len, n_wrong = n - n_right;
  if (n_right == 0 || n_wrong == 0)
    return NAN;
  double rank_sum = 0.0;
  for (guint i = 0; i < n;)
    {
      guint j = i;
      guint right = 0;
      while (j < n && g_array_index (sorted, ScoredBead, j).score
                          == g_array_index (sorted, ScoredBead, i).score)
        right += g_array_index (sorted, ScoredBead, j++).right;
      rank_sum += right * ((i + 1 + j) / 2.0);      /* ranks i+1 .. j, their mean */
      i = j;
    }
  return (rank_sum - (double) n_right * (n_right + 1) / 2.0) / ((double) n_right * n_wrong);
}

/*
** The best threshold on the score that marks at most @limit beads: the
** beads scoring at or below it are marked, so tied scores are marked
** together or not at all, and the wrong beads marked only grow with the
** threshold. Of the thresholds that catch the most, the lowest (marking
** the fewest). @sorted is in score order; the marked and wrong counts go
** to *@marked and *@wrong.
*/
static void
best_threshold (const GArray *sorted, guint limit, guint *marked, guint *wrong)
{
  guint n = sorted->len, w = 0;
  *marked = *wrong = 0;
  for (guint i = 0; i < n;)
    {
      guint j = i;
      while (j < n && g_array_index (sorted, ScoredBead, j).score
                          == g_array_index (sorted, ScoredBead, i).score)
        w += !g_array_index (sorted, ScoredBead, j++).right;
      if (j > limit)
        break;
      if (w > *wrong)
        {
          *marked = j;
          *wrong = w;
        }
      i = j;
    }
}

/* The bin of @score: k with k/10 <= score < (k+1)/10, the top bin closed; outside [0,1] clamped. */
static guint
score_bin (double score)
{
  for (guint k = BITEXT_ALIGN_CALIBRATION_BINS - 1; k > 0; k--)
    if (score >= (double) k / BITEXT_ALIGN_CALIBRATION_BINS)
      return k;
  return 0;
}

/**
 * bitext_align_scores_calibrate:
 * @scores: the scored beads of one document or of several
 * @out: (out caller-allocates): the figures
 *
 * Computes how far the scores can be trusted: the AUC of the score for
 * telling right beads from wrong ones, the reliability table (beads, mean
 * score and fraction right in ten equal-width score bins), and what the
 * low mark catches: @out->low_wrong of @out->wrong wrong beads, marking
 * @out->low_beads of @out->beads; and the most that any threshold on the
 * score marking at most BITEXT_ALIGN_CALIBRATION_MARK_SHARE of the beads
 * would catch (@out->best_wrong, marking @out->best_beads), the bound the
 * ranking of the scores sets on any low mark.
 */
void
bitext_align_scores_calibrate (const BitextAlignScores *scores, BitextAlignCalibration *out)
{
  g_return_if_fail (scores != NULL && out != NULL);
  memset (out, 0, sizeof *out);
  double sum[BITEXT_ALIGN_CALIBRATION_BINS] = { 0 };
  guint right[BITEXT_ALIGN_CALIBRATION_BINS] = { 0 };
  guint n_right = 0;
  for (guint i = 0; i < scores->beads->len; i++)
    {
      const ScoredBead *s = &g_array_index (scores->beads, ScoredBead, i);
      guint k = score_bin (s->score);
      out->bin_beads[k]++;
      sum[k] += s->score;
      right[k] += s->right;
      n_right += s->right;
      out->low_beads += s->low;
      out->low_wrong += s->low && !s->right;
    }
  out->beads = scores->beads->len;
  out->wrong = out->beads - n_right;
  g_autoptr(GArray) sorted = g_array_copy (scores->beads);
  g_array_sort (sorted, scored_cmp);
  out->auc = auc (sorted, n_right);
  best_threshold (sorted, (guint) floor (BITEXT_ALIGN_CALIBRATION_MARK_SHARE * out->beads),
                  &out->best_beads, &out->best_wrong);
  for (guint k = 0; k < BITEXT_ALIGN_CALIBRATION_BINS; k++)
    {
      out->bin_mean_score[k] = out->bin_beads[k] > 0 ? sum[k] / out->bin_beads[k] : NAN;
      out->bin_right[k] = out->bin_beads[k] > 0 ? (double) right[k] / out->bin_beads[k] : NAN;
    }
}
