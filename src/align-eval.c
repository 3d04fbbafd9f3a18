/* bitext — reading bead files and scoring an alignment against a gold one. */
#include <bitext/align-eval.h>
#include <bitext/error.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct _BitextBeadList
{
  GArray *beads;            /* BitextEvalBead; src and tgt point into ids */
  guint *ids;               /* every bead's indices, source side then target side */
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
      BitextEvalBead b = { list->ids + o->src, o->n_src, list->ids + o->tgt, o->n_tgt, o->line };
      g_array_append_val (list->beads, b);
    }
  return list;
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
      if (!parse_bead (&ps, &b, error))
        return NULL;
      g_array_append_val (offsets, b);
    }
  return bead_list_finish (offsets, g_steal_pointer (&ids));
}

/* Append all of @fd to @out; FALSE with a G_FILE_ERROR naming @name on a read error. */
static gboolean
read_all (int fd, const char *name, GByteArray *out, GError **error)
{
  guint8 buf[65536];
  for (;;)
    {
      ssize_t n = read (fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", name,
                       g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      g_byte_array_append (out, buf, (guint) n);
    }
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
  gboolean ok = read_all (fd, name, data, error);
  if (!is_stdin)
    close (fd);
  if (!ok)
    return NULL;
  return bitext_bead_list_parse (name, (const char *) data->data, data->len, error);
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
