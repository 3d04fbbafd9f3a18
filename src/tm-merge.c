/* bitext — merging TMX files (bitext tm merge): one unit per (source, target), the newest.
 *
 * Two streaming passes over the inputs. The first keeps 32 bytes per unit
 * (hashes of the source and of the pair, the date and the unit's number)
 * and decides which units stay; the second reads the files again and writes
 * those units, in input order. Memory does not depend on the segments'
 * lengths, and nothing but the decision is held between the passes.
 *
 * Equal pairs are found by 64-bit hashes of the source's and the target's
 * TMX markup (inline codes count). Two different pairs taken as one have a
 * chance of about n^2 / 2^65: 3e-8 for a million units.
 */
#include "bitext/tmx.h"

#include <string.h>

#include "bitext/error.h"
#include "file-private.h"
#include "tmx-private.h"

typedef struct
{
  guint64 pair;               /* hash of (source, target) markup */
  guint64 source;             /* hash of the source markup */
  guint64 date;               /* bitext_tm__date_key of the newer of changedate, creationdate */
  guint32 number;             /* the unit's position among all units read, from 0 */
} Record;

struct _BitextTmMerge
{
  char *src_lang;             /* as asked, or NULL: each unit's */
  char *tgt_lang;
  char *header_src_lang;      /* the first file's srclang */
  GPtrArray *paths;
  GArray *records;            /* Record: the units with a source and a target */
  guint32 n_units;            /* units read in pass 1 */
  guint8 *keep;               /* bit per unit number: write it (pass 2) */
  guint8 *conflict;           /* bit per unit number: its source has another target kept */
  BitextTmMergeSummary summary;
};

#define BIT_SET(bits, i) ((bits)[(i) >> 3] |= (guint8) (1u << ((i) & 7)))
#define BIT_GET(bits, i) (((bits)[(i) >> 3] >> ((i) & 7)) & 1u)

/**
 * bitext_tm_merge_new:
 * @src_lang: (nullable): the source language, or %NULL for each unit's srclang, else its file's
 * @tgt_lang: (nullable): the target language, or %NULL for the first other language of each unit
 *
 * Returns: (transfer full): a merge; add files, then write the result
 */
BitextTmMerge *
bitext_tm_merge_new (const char *src_lang, const char *tgt_lang)
{
  BitextTmMerge *m = g_new0 (BitextTmMerge, 1);
  m->src_lang = g_strdup (src_lang);
  m->tgt_lang = g_strdup (tgt_lang);
  m->paths = g_ptr_array_new_with_free_func (g_free);
  m->records = g_array_new (FALSE, FALSE, sizeof (Record));
  return m;
}

void
bitext_tm_merge_free (BitextTmMerge *m)
{
  if (m == NULL)
    return;
  g_free (m->src_lang);
  g_free (m->tgt_lang);
  g_free (m->header_src_lang);
  g_ptr_array_unref (m->paths);
  g_array_unref (m->records);
  g_free (m->keep);
  g_free (m->conflict);
  g_free (m);
}

/* The source and target variants of @unit, or FALSE when it has not both. */
static gboolean
unit_pair (BitextTmMerge *m, const BitextTm *header, const BitextTmUnit *unit,
           BitextTmVariant **src, BitextTmVariant **tgt)
{
  *src = bitext_tm_unit_choose_source (unit, header, m->src_lang);
  *tgt = *src != NULL ? bitext_tm_unit_choose_target (unit, *src, m->tgt_lang) : NULL;
  return *tgt != NULL;
}

static gboolean
record_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  BitextTmMerge *m = user_data;
  if (m->n_units == G_MAXUINT32)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "more than %u units to merge",
                   G_MAXUINT32 - 1);
      return FALSE;
    }
  if (m->header_src_lang == NULL)
    m->header_src_lang = g_strdup (bitext_tm_get_src_lang (header));
  guint32 number = m->n_units++;
  BitextTmVariant *src, *tgt;
  if (!unit_pair (m, header, unit, &src, &tgt))
    return TRUE;
  const char *s = bitext_tm_variant_get_markup (src), *t = bitext_tm_variant_get_markup (tgt);
  guint64 hs = bitext_tm__hash (s, strlen (s)), ht = bitext_tm__hash (t, strlen (t));
  guint64 change = bitext_tm__date_key (bitext_tm_unit_get_attr (unit, "changedate"));
  guint64 create = bitext_tm__date_key (bitext_tm_unit_get_attr (unit, "creationdate"));
  /* The pair's hash: the target's, rotated, mixed into the source's (splitmix64's multiplier). */
  Record r = { .pair = (hs ^ ((ht << 29) | (ht >> 35))) * 0xBF58476D1CE4E5B9ull ^ ht,
               .source = hs, .date = MAX (change, create), .number = number };
  g_array_append_val (m->records, r);
  return TRUE;
}

/**
 * bitext_tm_merge_add_file:
 * @path: (type filename): a TMX file (not stdin nor a pipe: it is read twice)
 *
 * The first pass over @path: its units are counted and hashed.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
bitext_tm_merge_add_file (BitextTmMerge *m, const char *path, const BitextTmxReadOptions *options,
                          GError **error)
{
  g_return_val_if_fail (m != NULL && path != NULL, FALSE);
  if (bitext__file_read_once (path))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT,
                   "%s: a memory to merge is read twice; give a file, not a pipe",
                   bitext__input_name (path));
      return FALSE;
    }
  g_ptr_array_add (m->paths, g_strdup (path));
  return bitext_tmx_foreach_unit (path, options, record_unit, m, NULL, error);
}

/* Same pair first; of those, the newest first, then the first read. */
static int
compare_pairs (gconstpointer pa, gconstpointer pb)
{
  const Record *a = pa, *b = pb;
  if (a->pair != b->pair)
    return a->pair < b->pair ? -1 : 1;
  if (a->date != b->date)
    return a->date > b->date ? -1 : 1;
  return a->number < b->number ? -1 : a->number > b->number;
}

static int
compare_sources (gconstpointer pa, gconstpointer pb)
{
  const Record *a = pa, *b = pb;
  if (a->source != b->source)
    return a->source < b->source ? -1 : 1;
  return a->number < b->number ? -1 : a->number > b->number;
}

/*
** Decide: the first record of each pair (the newest) is kept, and every
** unit without a pair too; kept records whose source has another kept
** target are conflicts. The records are sorted in place and then dropped.
*/
static void
decide (BitextTmMerge *m)
{
  gsize n_bytes = ((gsize) m->n_units + 7) / 8 + 1;
  m->keep = g_malloc (n_bytes);
  memset (m->keep, 0xFF, n_bytes);
  m->conflict = g_malloc0 (n_bytes);
  GArray *r = m->records;
  g_array_sort (r, compare_pairs);
  guint n_kept = 0;
  for (guint i = 0; i < r->len; i++)
    {
      const Record *x = &g_array_index (r, Record, i);
      if (i > 0 && x->pair == g_array_index (r, Record, i - 1).pair)
        {
          m->keep[x->number >> 3] &= (guint8) ~(1u << (x->number & 7));
          m->summary.n_duplicates++;
        }
      else
        g_array_index (r, Record, n_kept++) = *x;
    }
  g_array_set_size (r, n_kept);
  g_array_sort (r, compare_sources);
  for (guint i = 0; i < r->len;)
    {
      guint j = i + 1;
      while (j < r->len && g_array_index (r, Record, j).source == g_array_index (r, Record, i).source)
        j++;
      if (j - i > 1)
        {
          m->summary.n_conflict_sources++;
          for (guint k = i; k < j; k++)
            BIT_SET (m->conflict, g_array_index (r, Record, k).number);
        }
      i = j;
    }
  g_array_set_size (r, 0);
}

typedef struct
{
  BitextTmMerge *merge;
  BitextTmxWriter *writer;
  const char *path;
  guint32 number;
  BitextTmMergeConflictFunc conflict_func;
  gpointer conflict_data;
} Pass2;

static gboolean
write_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  Pass2 *p = user_data;
  BitextTmMerge *m = p->merge;
  guint32 number = p->number++;
  if (number >= m->n_units)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: changed while being merged",
                   p->path);
      return FALSE;
    }
  if (!BIT_GET (m->keep, number))
    return TRUE;
  BitextTmVariant *src, *tgt;
  if (BIT_GET (m->conflict, number) && p->conflict_func != NULL
      && unit_pair (m, header, unit, &src, &tgt))
    p->conflict_func (p->path, unit, src, tgt, p->conflict_data);
  m->summary.n_written++;
  return bitext_tmx_writer_add_unit (p->writer, unit, error);
}

/**
 * bitext_tm_merge_write:
 * @path: (type filename): the TMX file to write (put in place only when complete)
 * @conflict_func: (nullable): called for each unit written whose source has
 *   another target in the output, in output order
 * @summary: (out caller-allocates) (optional): the counts
 *
 * The second pass: reads the files again and writes one unit per (source,
 * target) pair, the newest by changedate or creationdate (the first read
 * among equals), and every unit without both languages, in input order.
 *
 * Returns: %TRUE, or %FALSE with @error set (and @path untouched)
 */
gboolean
bitext_tm_merge_write (BitextTmMerge *m, const char *path, const BitextTmxReadOptions *options,
                       const BitextTmxWriteOptions *write_options,
                       BitextTmMergeConflictFunc conflict_func, gpointer user_data,
                       BitextTmMergeSummary *summary, GError **error)
{
  g_return_val_if_fail (m != NULL && path != NULL && m->keep == NULL, FALSE);
  decide (m);
  const char *src_lang = m->src_lang != NULL ? m->src_lang : m->header_src_lang;
  g_autoptr(BitextTm) header = bitext_tm_new (src_lang, m->tgt_lang);
  g_autoptr(BitextTmxWriter) writer = bitext_tmx_writer_new (path, header, write_options, error);
  if (writer == NULL)
    return FALSE;
  Pass2 p = { .merge = m, .writer = writer, .conflict_func = conflict_func,
              .conflict_data = user_data };
  BitextTmxReadOptions quiet = options != NULL ? *options
                                               : (BitextTmxReadOptions) BITEXT_TMX_READ_OPTIONS_INIT;
  quiet.warning_func = NULL;  /* the first pass has reported the skipped units */
  for (guint i = 0; i < m->paths->len; i++)
    {
      p.path = m->paths->pdata[i];
      if (!bitext_tmx_foreach_unit (p.path, &quiet, write_unit, &p, NULL, error))
        return FALSE;
    }
  if (p.number != m->n_units)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: changed while being merged",
                   (char *) m->paths->pdata[m->paths->len - 1]);
      return FALSE;
    }
  if (!bitext_tmx_writer_close (writer, error))
    return FALSE;
  m->summary.n_units = m->n_units;
  if (summary != NULL)
    *summary = m->summary;
  return TRUE;
}
