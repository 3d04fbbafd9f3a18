/* bitext — the aligner's band, postings and dynamic programme (split out of align.c). */
#include <math.h>
#include <string.h>

#include "align-private.h"

/* ------------------------------------------------------------------------ */
/* The band                                                                  */
/* ------------------------------------------------------------------------ */



void
bitext_align__band_alloc (AlignBand *band, guint n, guint m, guint r0, guint r1)
{
  memset (band, 0, sizeof *band);
  band->n = n;
  band->m = m;
  band->r0 = r0;
  band->r1 = r1;
  band->lo = g_new (guint, (gsize) (r1 - r0) + 1);
  band->hi = g_new (guint, (gsize) (r1 - r0) + 1);
}

/* Width and match stride for rows whose bounds are set. */
void
bitext_align__band_set_width (AlignBand *band, guint width)
{
  guint n = band->n, m = band->m;
  band->width = width;
  /* Merged beads reach up to 2 rows back, where hi can be 2*ceil(m/n)+1 columns lower;
  ** matches further away are counted directly (pair_matches). */
  band->stride = width + 8 + 3 * (n > 0 ? (m + n - 1) / n : 1);
}

static inline void
band_cover (AlignBand *band, guint i, guint j)
{
  if (i < band->r0 || i > band->r1)
    return;
  guint r = i - band->r0;
  band->lo[r] = MIN (band->lo[r], j);
  band->hi[r] = MAX (band->hi[r], j);
}

/*
** Rows r0..r1 of a band of half-width @w around the cells that the beads
** @path[0 .. n_path) pass through; they must cover rows r0..r1. The rows
** inside a merged bead count as passing through the straight line between
** its corners.
*/
void
bitext_align__band_around_path (AlignBand *band, guint n, guint m, guint w,
                                const BitextBead *path, guint n_path, guint r0, guint r1)
{
  bitext_align__band_alloc (band, n, m, r0, r1);
  for (guint r = 0; r <= r1 - r0; r++)
    {
      band->lo[r] = G_MAXUINT;
      band->hi[r] = 0;
    }
  for (guint k = 0; k < n_path; k++)
    {
      const BitextBead *b = &path[k];
      guint i = b->src_start, j = b->tgt_start;
      band_cover (band, i, j);
      for (guint r = 1; r < b->src_len; r++)
        band_cover (band, i + r, j + (b->tgt_len * r) / b->src_len);
      band_cover (band, i + b->src_len, j + b->tgt_len);
    }
  guint width = 0;
  for (guint r = 0; r <= r1 - r0; r++)
    {
      g_assert (band->lo[r] != G_MAXUINT);
      band->lo[r] = band->lo[r] > w ? band->lo[r] - w : 0;
      band->hi[r] = MIN (m, band->hi[r] + w);
      width = MAX (width, band->hi[r] - band->lo[r] + 1);
    }
  bitext_align__band_set_width (band, width);
}

void
bitext_align__band_clear (AlignBand *band)
{
  g_clear_pointer (&band->lo, g_free);
  g_clear_pointer (&band->hi, g_free);
  g_clear_pointer (&band->matches, g_free);
}

static inline guint
pair_matches (const AlignBand *band, guint s, guint t)
{
  guint r = s + 1, col = t + 1;
  if (band->matches != NULL && r >= band->r0 && r <= band->r1 && col + 3 >= band_lo (band, r))
    {
      guint off = col + 3 - band_lo (band, r);
      if (off < band->stride)
        return band->matches[(gsize) (r - band->r0) * band->stride + off];
    }
  guint na, nb;
  const guint32 *a = key_lists_get (band->skeys, s, &na);
  const guint32 *b = key_lists_get (band->tkeys, t, &nb);
  return keys_intersect (a, na, b, nb);
}


static inline guint32
mix32 (guint32 x)
{
  /* The finaliser of MurmurHash3: keys are hashes already, but their low bits
  ** are shared by the kinds. */
  x ^= x >> 16;
  x *= 0x85ebca6bu;
  x ^= x >> 13;
  x *= 0xc2b2ae35u;
  return x ^ (x >> 16);
}

static guint32
postings_lookup (const AlignPostings *p, guint32 key)
{
  for (guint32 h = mix32 (key) & p->mask;; h = (h + 1) & p->mask)
    {
      if (p->slot_first[h] == 0)
        return 0;
      if (p->slot_key[h] == key)
        return p->slot_first[h];
    }
}

/*
** Sort @v by its top 32 bits then its low 32 bits: a least-significant-digit
** radix sort, 16 bits a pass, skipping the passes whose digit is the same
** for every element. Linear time, where a comparison sort of the tens of
** millions of (key, sentence) pairs of a large text dominated the pass.
*/
static void
radix_sort_u64 (guint64 *v, gsize n)
{
  g_autofree guint64 *tmp = g_new (guint64, MAX (n, 1));
  g_autofree gsize *count = g_new (gsize, 65536);
  guint64 *a = v, *b = tmp;
  for (guint shift = 0; shift < 64; shift += 16)
    {
      memset (count, 0, 65536 * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        count[(a[i] >> shift) & 0xffff]++;
      if (n == 0 || count[(a[0] >> shift) & 0xffff] == n)
        continue;
      gsize sum = 0;
      for (guint d = 0; d < 65536; d++)
        {
          gsize c = count[d];
          count[d] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        b[count[(a[i] >> shift) & 0xffff]++] = a[i];
      guint64 *t = a;
      a = b;
      b = t;
    }
  if (a != v)
    memcpy (v, a, n * sizeof (guint64));
}

void
bitext_align__postings_build (AlignPostings *p, const KeyLists *keys)
{
  /* (key, sentence, occurrences) for each distinct key of each sentence. */
  gsize n_all = 0;
  g_autofree guint64 *all = g_new (guint64, (gsize) keys->vals->len + 1);
  g_autofree guint8 *occ = NULL;
  for (guint t = 0; t < keys->n; t++)
    {
      guint n;
      const guint32 *k = key_lists_get (keys, t, &n);
      for (guint x = 0; x < n; x++)
        if (x == 0 || k[x] != k[x - 1])
          all[n_all++] = (guint64) k[x] << 32 | t;
    }
  radix_sort_u64 (all, n_all);
  gsize n_keys = 0;
  for (gsize e = 0; e < n_all; e++)
    n_keys += e == 0 || (all[e] >> 32) != (all[e - 1] >> 32);
  guint32 cap = 16;
  while (cap < 2 * n_keys)
    cap *= 2;
  p->mask = cap - 1;
  p->slot_key = g_new0 (guint32, cap);
  p->slot_first = g_new0 (guint32, cap);
  p->sent = g_new (guint32, n_all + 1);
  p->count = g_new (guint8, n_all + 1);
  p->key_end = g_new (guint32, n_all + 1);
  gsize start = 0;
  for (gsize e = 0; e < n_all; e++)
    {
      guint32 key = (guint32) (all[e] >> 32), t = (guint32) all[e];
      guint n;
      const guint32 *k = key_lists_get (keys, t, &n);
      /* The sentence's keys are sorted: its copies of @key are one run, found by bisection. */
      guint lo = 0, hi = n;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (k[mid] < key)
            lo = mid + 1;
          else
            hi = mid;
        }
      guint c = 0;
      while (lo + c < n && k[lo + c] == key)
        c++;
      p->sent[e] = t;
      p->count[e] = (guint8) MIN (c, 255u);
      if (e + 1 == n_all || (all[e + 1] >> 32) != key)
        {
          guint32 h = mix32 (key) & p->mask;
          while (p->slot_first[h] != 0)
            h = (h + 1) & p->mask;
          p->slot_key[h] = key;
          p->slot_first[h] = (guint32) start + 1;
          for (gsize x = start; x <= e; x++)
            p->key_end[x] = (guint32) e + 1;
          start = e + 1;
        }
    }
}

void
bitext_align__postings_clear (AlignPostings *p)
{
  g_clear_pointer (&p->slot_key, g_free);
  g_clear_pointer (&p->slot_first, g_free);
  g_clear_pointer (&p->sent, g_free);
  g_clear_pointer (&p->count, g_free);
  g_clear_pointer (&p->key_end, g_free);
}

/* Add the matches of source sentence r-1 with the targets of row r's columns. */
static void
fill_row (AlignBand *band, const AlignPostings *post, guint r)
{
  guint8 *row = band->matches + (gsize) (r - band->r0) * band->stride;
  guint na;
  const guint32 *a = key_lists_get (band->skeys, r - 1, &na);
  /* Columns lo-3 .. lo-3+stride-1 hold target sentences col-1. */
  gint64 first = (gint64) band_lo (band, r) - 4, last = first + (gint64) band->stride - 1;
  for (guint x = 0; x < na;)
    {
      guint cs = 1;
      while (x + cs < na && a[x + cs] == a[x])
        cs++;
      guint32 v = postings_lookup (post, a[x]);
      x += cs;
      if (v == 0)
        continue;
      guint e = v - 1, end = post->key_end[e];
      /* Binary search for the first entry at or after the window. */
      guint lo = e, hi = end;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if ((gint64) post->sent[mid] < first)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint y = lo; y < end && (gint64) post->sent[y] <= last; y++)
        {
          guint8 *cell = &row[post->sent[y] - first];
          guint add = MIN (cs, (guint) post->count[y]);
          *cell = (guint8) MIN (255u, *cell + add);
        }
    }
}

/* Fill the band's match bytes. */
void
bitext_align__band_fill_matches (AlignBand *band, const AlignPostings *post)
{
  band->matches = g_malloc0 ((gsize) (band->r1 - band->r0 + 1) * band->stride);
  for (guint r = MAX (band->r0, 1u); r <= band->r1; r++)
    fill_row (band, post, r);
}

/* ------------------------------------------------------------------------ */
/* Costs and the dynamic programme                                           */
/* ------------------------------------------------------------------------ */


/*
** The cost of the bead of shape @t ending at (i, j): -log of its prior,
** plus length and lexical costs from the model's tables, plus the
** paragraph penalty if the bead crosses a paragraph boundary on either
** side. The lexical cost comes from the matches of each pair of the
** bead's sentences, @cell[s][t] (bitext_align__members_lex_cost()).
*/
static inline __attribute__ ((always_inline)) float
bead_cost_m (const AlignDp *dp, guint t, guint i, guint j, const guint cell[3][3], double *z_out)
{
  const AlignModel *model = dp->model;
  guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
  float ls = (float) (dp->scum[i] - dp->scum[i - a]);
  float lt = (float) (dp->tcum[j] - dp->tcum[j - b]);
  float c = model->prior[t];
  float z = 0.0f;
  if (a == 0 || b == 0)
    {
      if (model->del_length)
        {
          z = bitext_align__length_zf (model, ls, lt);
          c += bitext_align__len_cost (model, z);
        }
    }
  else
    {
      z = bitext_align__length_zf (model, ls, lt);
      c += bitext_align__len_cost (model, z);
      if (model->use_lex)
        c += bitext_align__members_lex_cost (model, a, b, cell, dp->skoff + (i - a),
                                             dp->tkoff + (j - b));
      if (a > 1 && dp->src->para[i - 1] != dp->src->para[i - a])
        c += model->para_penalty;
      if (b > 1 && dp->tgt->para[j - 1] != dp->tgt->para[j - b])
        c += model->para_penalty;
    }
  c += bitext_align__bead_break_cost (dp, i - a, j - b, a, b);
  if (z_out != NULL)
    *z_out = z;
  return c;
}

/* bead_cost_m() for callers outside the DP that count the matches themselves. */
float
bitext_align__bead_cost_cells (const AlignDp *dp, guint t, guint i, guint j, const guint cell[3][3])
{
  return bead_cost_m (dp, t, i, j, cell, NULL);
}

/* The same, counting the bead's matches pair by pair (outside the DP). */
float
bitext_align__bead_cost (const AlignDp *dp, guint t, guint i, guint j, double *z_out, guint *m_out)
{
  guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
  guint mm = 0, cell[3][3];
  if (dp->model->use_lex)
    for (guint s = i - a; s < i; s++)
      for (guint u = j - b; u < j; u++)
        mm += cell[s - (i - a)][u - (j - b)] = pair_matches (dp->band, s, u);
  if (m_out != NULL)
    *m_out = mm;
  return bead_cost_m (dp, t, i, j, cell, z_out);
}

/* Evidence cost of a bead: length and lexical log-likelihood ratios, without prior. */
float
bitext_align__evidence_cost (const AlignDp *dp, guint t, guint i, guint j, double *z, guint *m)
{
  float c = bitext_align__bead_cost (dp, t, i, j, z, m) - dp->model->prior[t];
  guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
  if (a > 1 && dp->src->para[i - 1] != dp->src->para[i - a])
    c -= dp->model->para_penalty;
  if (b > 1 && dp->tgt->para[j - 1] != dp->tgt->para[j - b])
    c -= dp->model->para_penalty;
  c -= bitext_align__bead_break_cost (dp, i - a, j - b, a, b);
  return c;
}

/* Prefix sums of row @i's match bytes, so that a bead's matches in a row are one subtraction. */
static void
row_prefix (const AlignBand *band, guint i, guint32 *pre)
{
  pre[0] = 0;
  if (band->matches == NULL || i == 0 || i < band->r0)
    {
      memset (pre, 0, (band->stride + 1) * sizeof (guint32));
      return;
    }
  const guint8 *row = band->matches + (gsize) (i - band->r0) * band->stride;
  for (guint k = 0; k < band->stride; k++)
    pre[k + 1] = pre[k] + row[k];
}

/* What the beads of one shape ending in a row share: where they start, and their source side. */
typedef struct
{
  const float *prev;        /* costs of row i - a, from its column plo */
  guint plo, phi;
  float ls;                 /* characters of the bead's source sentences */
  float src_pen;            /* paragraph penalty of the source side: 0 or the model's */
  gboolean sb;              /* source sentence i-a starts a paragraph */
  gboolean ok;              /* row i - a belongs to this run */
} Shape;

/* One cell (i, j) being filled, with what its row and its column share. */
typedef struct
{
  const AlignDp *dp;
  const AlignBand *band;    /* the band being filled (dp->band may be another thread's) */
  const guint32 *pre;       /* four rows of match prefix sums */
  Shape shape[N_BEAD_TYPES];
  float lt[4];              /* characters of target sentences j-b .. j-1, b = 0..3 */
  float tgt_pen[4];
  gboolean tb[4];           /* target sentence j-b starts a paragraph */
  guint S, i, j, j0;
  gboolean lex;
} Cell;

/* Set up the shapes of row @i, whose previous rows' costs are in @rows. */
static void
cell_row (Cell *c, const float *rows, guint W, guint i, guint i0)
{
  const AlignDp *dp = c->dp;
  c->i = i;
  for (guint t = 0; t < N_BEAD_TYPES; t++)
    {
      Shape *sh = &c->shape[t];
      guint a = bitext_align__bead_a[t];
      sh->ok = i >= i0 + a;
      if (!sh->ok)
        continue;
      guint pi = i - a;
      sh->prev = rows + (gsize) (pi & 3) * W;
      sh->plo = band_lo (c->band, pi);
      sh->phi = band_hi (c->band, pi);
      sh->ls = (float) (dp->scum[i] - dp->scum[pi]);
      sh->sb = bitext_align__para_starts (dp->src, pi);
      sh->src_pen = a > 1 && dp->src->para[i - 1] != dp->src->para[pi] ? dp->model->para_penalty
                                                                        : 0.0f;
    }
}

/* Set up the target side of cell (i, j). */
static inline __attribute__ ((always_inline)) void
cell_column (Cell *c, guint j)
{
  const AlignDp *dp = c->dp;
  c->j = j;
  for (guint b = 0; b <= 3 && b <= j; b++)
    c->tb[b] = bitext_align__para_starts (dp->tgt, j - b);
  c->lt[0] = 0.0f;
  for (guint b = 1; b <= 3 && b <= j; b++)
    {
      c->lt[b] = (float) (dp->tcum[j] - dp->tcum[j - b]);
      c->tgt_pen[b] = b > 1 && dp->tgt->para[j - 1] != dp->tgt->para[j - b]
                        ? dp->model->para_penalty : 0.0f;
    }
}

/*
** Try the bead of shape (a, b) ending at the cell: keep it in *best if it
** gives a cheaper path. Called with constant shapes, so that the compiler
** specialises each call. The cost is bead_cost_m()'s, added up in the same
** order, so that both give the same bits.
*/
static inline __attribute__ ((always_inline)) void
relax (const Cell *c, guint t, guint a, guint b, float *best, guint8 *arg)
{
  const Shape *sh = &c->shape[t];
  guint i = c->i, j = c->j;
  if (!sh->ok || j < c->j0 + b)
    return;
  guint pj = j - b;
  if (pj < sh->plo || pj > sh->phi)
    return;
  float prev = sh->prev[pj - sh->plo];
  if (prev == INFINITY)
    return;
  const AlignModel *model = c->dp->model;
  float cost = model->prior[t];
  if (a == 0 || b == 0)
    {
      if (model->del_length)
        cost += bitext_align__len_cost (model, bitext_align__length_zf (model, sh->ls, c->lt[b]));
    }
  else
    {
      cost += bitext_align__len_cost (model, bitext_align__length_zf (model, sh->ls, c->lt[b]));
      if (c->lex)
        {
          const AlignBand *band = c->band;
          guint cell[3][3];
          for (guint r = i - a + 1; r <= i; r++)
            {
              /* Columns j-b+1 .. j of row r; stored from column lo[r] - 3. */
              const guint32 *p = c->pre + (gsize) (r & 3) * c->S;
              guint lo = band_lo (band, r), x = r - (i - a + 1);
              if (j + 3 >= lo + b - 1 && j + 3 - lo < band->stride)
                for (guint y = 0; y < b; y++)
                  cell[x][y] = p[j + 3 - lo + 2 - b + y] - p[j + 3 - lo + 1 - b + y];
              else
                for (guint y = 0; y < b; y++)
                  cell[x][y] = pair_matches (band, r - 1, j - b + y);
            }
          const AlignDp *dp = c->dp;
          cost += bitext_align__members_lex_cost (model, a, b, cell, dp->skoff + (i - a),
                                                  dp->tkoff + (j - b));
        }
      if (a > 1)
        cost += sh->src_pen;
      if (b > 1)
        cost += c->tgt_pen[b];
    }
  cost += bitext_align__break_cost (model, sh->sb, c->tb[b], a, b);
  cost = prev + cost;
  if (cost < *best)
    {
      *best = cost;
      *arg = (guint8) t;
    }
}

/* Bounds of row @i of a band that follows the path: @centre ± @w within [j0, j1]. */
static void
follow (AlignBand *band, guint i, guint centre, guint w, guint j0, guint j1)
{
  centre = CLAMP (centre, j0, j1);
  band->lo[i - band->r0] = centre > j0 + w ? centre - w : j0;
  band->hi[i - band->r0] = MIN (j1, centre + w);
}

/* The state of one run of the DP: backpointers of every row, costs of the last four. */
typedef struct
{
  guint i0, j0, i1, j1;
  guint W, S;
  guint8 *bp;               /* (i1 - i0 + 1) * W; 255: unreachable */
  float *rows;              /* 4 * W */
  guint32 *pre;             /* 4 * S */
} Fill;

static void
fill_clear (Fill *f)
{
  g_clear_pointer (&f->bp, g_free);
  g_clear_pointer (&f->rows, g_free);
  g_clear_pointer (&f->pre, g_free);
}

/* The cost of the best path to (i, j), a cell of the last four rows filled; INFINITY if none. */
static float
fill_cost (const Fill *f, const AlignBand *band, guint i, guint j)
{
  if (i < f->i0 || i > f->i1 || i + 3 < f->i1 || j < band_lo (band, i) || j > band_hi (band, i))
    return INFINITY;
  return f->rows[(gsize) (i & 3) * f->W + (j - band_lo (band, i))];
}

/*
** Fill the DP from cell (i0, j0) down to row i1, columns up to j1; @step
** is the expected slope for a band that follows the path (@w > 0). See
** bitext_align__run_dp().
*/
static void
dp_fill (const AlignDp *dp, AlignBand *band, Fill *f, guint w, guint step, gboolean coarse)
{
  guint i0 = f->i0, j0 = f->j0, i1 = f->i1, j1 = f->j1;
  guint W = f->W = w > 0 ? 2 * w + 1 : band->width, S = f->S = band->stride + 1;
  f->bp = g_malloc ((gsize) (i1 - i0 + 1) * W);
  f->rows = g_new (float, (gsize) 4 * W);
  f->pre = g_new (guint32, (gsize) 4 * S);
  float *rows = f->rows;
  guint32 *pre = f->pre;
  gboolean lex = dp->model->use_lex;
  guint centre = j0;
  for (guint i = i0; i <= i1; i++)
    {
      if (w > 0)
        follow (band, i, i == i0 ? j0 : centre + step, w, j0, j1);
      float *row = rows + (gsize) (i & 3) * W;
      guint8 *brow = f->bp + (gsize) (i - i0) * W;
      guint lo = band_lo (band, i), hi = band_hi (band, i);
      if (lex)
        row_prefix (band, i, pre + (gsize) (i & 3) * S);
      float row_best = INFINITY;
      Cell cell = { .dp = dp, .band = band, .pre = pre, .S = S, .j0 = j0, .lex = lex };
      cell_row (&cell, rows, W, i, i0);
      for (guint j = lo; j <= hi; j++)
        {
          float best = INFINITY;
          guint8 arg = 255;
          if (i == i0 && j == j0)
            best = 0.0f;
          else if (j >= j0 && j <= j1)
            {
              cell_column (&cell, j);
              relax (&cell, BEAD_1_1, 1, 1, &best, &arg);
              relax (&cell, BEAD_1_0, 1, 0, &best, &arg);
              relax (&cell, BEAD_0_1, 0, 1, &best, &arg);
              relax (&cell, BEAD_2_1, 2, 1, &best, &arg);
              relax (&cell, BEAD_1_2, 1, 2, &best, &arg);
              if (!coarse)
                {
                  relax (&cell, BEAD_2_2, 2, 2, &best, &arg);
                  relax (&cell, BEAD_3_1, 3, 1, &best, &arg);
                  relax (&cell, BEAD_1_3, 1, 3, &best, &arg);
                }
            }
          row[j - lo] = best;
          brow[j - lo] = arg;
          if (best < row_best)
            {
              row_best = best;
              centre = j;
            }
        }
    }
}

/*
** Append to @beads the path from (i0, j0) to the reachable cell (i, j),
** in order. Rows where it runs along the band's edge go to @touched.
*/
static void
dp_trace (const Fill *f, const AlignBand *band, guint i, guint j, GArray *beads, GArray *touched)
{
  guint first = beads->len;
  while (i > f->i0 || j > f->j0)
    {
      guint lo = band_lo (band, i), hi = band_hi (band, i);
      guint8 t = f->bp[(gsize) (i - f->i0) * f->W + (j - lo)];
      g_assert (t < N_BEAD_TYPES);
      if ((j == lo && j > f->j0) || (j == hi && j < f->j1))
        g_array_append_val (touched, i);
      guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
      BitextBead bead = { .src_start = i - a, .src_len = a, .tgt_start = j - b, .tgt_len = b };
      g_array_append_val (beads, bead);
      i -= a;
      j -= b;
    }
  for (guint x = first, y = beads->len ? beads->len - 1 : 0; x < y; x++, y--)
    {
      BitextBead tmp = g_array_index (beads, BitextBead, x);
      g_array_index (beads, BitextBead, x) = g_array_index (beads, BitextBead, y);
      g_array_index (beads, BitextBead, y) = tmp;
    }
}

/*
** The best path from cell (i0, j0) to cell (i1, j1) in the band, appended
** to @beads. Backpointers take one byte per cell; costs live in four
** rolling rows. Rows where the path runs along the band's edge (where the
** band could have been wider) are appended to @touched.
**
** With @w > 0 the band is not fixed in advance but follows the path: row i
** spans @w columns either side of the cheapest cell of row i-1, moved on by
** the expected slope. The cheapest cell of a row is where the best partial
** path stands, so the band keeps up with drift that a band around a fixed
** diagonal could follow only by being as wide as the drift. With @coarse,
** only the shapes of Gale & Church (1993) are tried: 1-1, 1-0, 0-1, 2-1, 1-2.
**
** Returns FALSE when (i1, j1) lies outside the band or cannot be reached.
*/
gboolean
bitext_align__run_dp (const AlignDp *dp, AlignBand *band, guint i0, guint j0, guint i1, guint j1,
                      guint w, gboolean coarse, GArray *beads, GArray *touched)
{
  Fill f = { .i0 = i0, .j0 = j0, .i1 = i1, .j1 = j1 };
  guint step = i1 > i0 ? (guint) (((guint64) (j1 - j0) + (i1 - i0) / 2) / (i1 - i0)) : 0;
  dp_fill (dp, band, &f, w, step, coarse);
  gboolean ok = j1 >= band_lo (band, i1) && j1 <= band_hi (band, i1)
                && f.bp[(gsize) (i1 - i0) * f.W + (j1 - band_lo (band, i1))] != 255;
  if (ok)
    dp_trace (&f, band, i1, j1, beads, touched);
  fill_clear (&f);
  return ok || (i1 == i0 && j1 == j0);
}

/* ------------------------------------------------------------------------ */
/* Pass 1 from both ends                                                     */
/* ------------------------------------------------------------------------ */

/*
** The text read backwards: sentence k of the mirror is sentence n-1-k. A
** bead's cost depends only on the lengths and paragraphs of its sentences,
** so the best path from (0, 0) to a cell of the mirror problem is the best
** path from the mirrored cell to (n, m) of the text.
*/
typedef struct
{
  AlignSide src, tgt;
  AlignDp dp;
} Mirror;

static void
mirror_side (AlignSide *to, const AlignSide *from)
{
  to->n = from->n;
  to->len = g_new (guint32, MAX (from->n, 1u));
  to->para = g_new (guint32, MAX (from->n, 1u));
  for (guint k = 0; k < from->n; k++)
    {
      to->len[k] = from->len[from->n - 1 - k];
      to->para[k] = from->para[from->n - 1 - k];
    }
}

/* Prefix sums of @len: element i is the total of the first i lengths. */
guint64 *
bitext_align__cumulative (const guint32 *len, guint n)
{
  guint64 *c = g_new (guint64, (gsize) n + 1);
  c[0] = 0;
  for (guint i = 0; i < n; i++)
    c[i + 1] = c[i] + len[i];
  return c;
}

static void
mirror_init (Mirror *mr, const AlignDp *dp)
{
  memset (mr, 0, sizeof *mr);
  mirror_side (&mr->src, dp->src);
  mirror_side (&mr->tgt, dp->tgt);
  mr->dp = (AlignDp) { .src = &mr->src, .tgt = &mr->tgt, .model = dp->model };
  mr->dp.scum = bitext_align__cumulative (mr->src.len, mr->src.n);
  mr->dp.tcum = bitext_align__cumulative (mr->tgt.len, mr->tgt.n);
}

static void
mirror_clear (Mirror *mr)
{
  g_free (mr->src.len);
  g_free (mr->src.para);
  g_free (mr->tgt.len);
  g_free (mr->tgt.para);
  g_free (mr->dp.scum);
  g_free (mr->dp.tcum);
}

typedef struct
{
  const AlignDp *dp;
  AlignBand *band;
  Fill *fill;
  guint w, step;
} FillJob;

static gpointer
fill_job (gpointer data)
{
  FillJob *job = data;
  dp_fill (job->dp, job->band, job->fill, job->w, job->step, FALSE);
  return NULL;
}

/* Where the two halves meet: the path's last cell of the forward half, the bead across, if any. */
typedef struct
{
  float cost;
  guint i, j;               /* end of the forward path */
  guint t;                  /* the bead from (i, j) into the backward half, or N_BEAD_TYPES */
} Join;

/* Try the bead of shape @t from the forward cell (i, j) to the backward cell it ends at. */
static void
join_try (const AlignDp *dp, const Fill *ff, const AlignBand *fb, const Fill *bf,
          const AlignBand *bb, guint t, guint i, guint j, Join *best)
{
  guint n = dp->src->n, m = dp->tgt->n;
  guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
  if (i + a > n || j + b > m)
    return;
  float c = fill_cost (ff, fb, i, j) + fill_cost (bf, bb, n - i - a, m - j - b);
  if (c == INFINITY)
    return;
  c += bitext_align__bead_cost (dp, t, i + a, j + b, NULL, NULL);
  if (c < best->cost)
    *best = (Join) { c, i, j, t };
}

/*
** The cheapest way through row @h: a cell of row h reached by both halves,
** or a bead that jumps over row h (2-1, 2-2, 3-1 from rows h-2 or h-1).
*/
static Join
join_halves (const AlignDp *dp, const Fill *ff, const AlignBand *fb, const Fill *bf,
             const AlignBand *bb, guint h)
{
  guint n = dp->src->n, m = dp->tgt->n;
  Join best = { INFINITY, 0, 0, N_BEAD_TYPES };
  for (guint j = band_lo (fb, h); j <= band_hi (fb, h); j++)
    {
      float c = fill_cost (ff, fb, h, j) + fill_cost (bf, bb, n - h, m - j);
      if (c < best.cost)
        best = (Join) { c, h, j, N_BEAD_TYPES };
    }
  for (guint t = 0; t < N_BEAD_TYPES; t++)
    for (guint back = 1; back < bitext_align__bead_a[t] && back <= h; back++)
      for (guint j = band_lo (fb, h - back); j <= band_hi (fb, h - back); j++)
        join_try (dp, ff, fb, bf, bb, t, h - back, j, &best);
  return best;
}

/* Append the backward half's path from mirror cell (k, l) to its origin, as beads of the text. */
static void
trace_mirror (const Fill *bf, const AlignBand *bb, guint n, guint m, guint k, guint l,
              GArray *beads, GArray *touched)
{
  g_autoptr(GArray) rev = g_array_new (FALSE, FALSE, sizeof (BitextBead));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
  dp_trace (bf, bb, k, l, rev, rows);
  for (guint x = rev->len; x-- > 0;)
    {
      BitextBead b = g_array_index (rev, BitextBead, x);
      b.src_start = n - b.src_start - b.src_len;
      b.tgt_start = m - b.tgt_start - b.tgt_len;
      g_array_append_val (beads, b);
    }
  for (guint x = 0; x < rows->len; x++)
    {
      guint r = n - g_array_index (rows, guint, x);
      g_array_append_val (touched, r);
    }
}

/*
** Pass 1 on two threads: the forward DP from (0, 0) to row h = n/2 and
** the same DP over the mirrored text from (n, m) back to row h, each in a
** band that follows its own path; the path is the cheapest join of the
** two (as in Hirschberg's divide and conquer, 1975, but joined once). The
** halves' bands may miss each other at row h: then it returns FALSE, as a
** path that missed the end does.
*/
static gboolean
run_dp_halves (const AlignDp *dp, guint w, GArray *beads, GArray *touched)
{
  guint n = dp->src->n, m = dp->tgt->n, h = n / 2;
  guint step = (guint) (((guint64) m + n / 2) / n);
  Mirror mr;
  mirror_init (&mr, dp);
  AlignBand fb, bb;
  bitext_align__band_alloc (&fb, n, m, 0, h);
  bitext_align__band_set_width (&fb, 2 * w + 1);
  bitext_align__band_alloc (&bb, n, m, 0, n - h);
  bitext_align__band_set_width (&bb, 2 * w + 1);
  Fill ff = { .i0 = 0, .j0 = 0, .i1 = h, .j1 = m }, bf = { .i0 = 0, .j0 = 0, .i1 = n - h, .j1 = m };
  FillJob forward = { dp, &fb, &ff, w, step }, backward = { &mr.dp, &bb, &bf, w, step };
  GThread *thread = g_thread_new ("bitext-align", fill_job, &forward);
  fill_job (&backward);
  g_thread_join (thread);
  Join join = join_halves (dp, &ff, &fb, &bf, &bb, h);
  gboolean ok = join.cost < INFINITY;
  if (ok)
    {
      dp_trace (&ff, &fb, join.i, join.j, beads, touched);
      guint i = join.i, j = join.j;
      if (join.t < N_BEAD_TYPES)
        {
          guint a = bitext_align__bead_a[join.t], b = bitext_align__bead_b[join.t];
          BitextBead bead = { .src_start = i, .src_len = a, .tgt_start = j, .tgt_len = b };
          g_array_append_val (beads, bead);
          i += a;
          j += b;
        }
      trace_mirror (&bf, &bb, n, m, n - i, m - j, beads, touched);
    }
  fill_clear (&ff);
  fill_clear (&bf);
  bitext_align__band_clear (&fb);
  bitext_align__band_clear (&bb);
  mirror_clear (&mr);
  return ok;
}

/* Texts shorter than this run pass 1 on one thread: a second would not pay for itself. */
#define HALVES_MIN_ROWS 20000

/*
** Pass 1: Gale & Church's length model in a band that follows the path
** (bitext_align__run_dp), from half-width *@w, doubled while the path runs
** along the band's edge. A long text runs from both ends at once.
*/
void
bitext_align__run_first_pass (AlignDp *dp, guint *w, GArray *beads)
{
  guint n = dp->src->n, m = dp->tgt->n;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));
  g_assert (!dp->model->use_lex);
  guint64 max_cells = dp->max_band_cells > 0 ? dp->max_band_cells : MAX_BAND_CELLS;
  for (;;)
    {
      g_array_set_size (beads, 0);
      g_array_set_size (touched, 0);
      gint64 t0 = g_get_monotonic_time ();
      gboolean ok;
      if (n >= HALVES_MIN_ROWS)
        ok = run_dp_halves (dp, *w, beads, touched);
      else
        {
          AlignBand band;
          bitext_align__band_alloc (&band, n, m, 0, n);
          bitext_align__band_set_width (&band, 2 * *w + 1);
          dp->band = &band;
          ok = bitext_align__run_dp (dp, &band, 0, 0, n, m, *w, FALSE, beads, touched);
          dp->band = NULL;
          bitext_align__band_clear (&band);
        }
      g_debug ("align: pass 1, band ±%u following the path: %.2f s, %s", *w,
               (g_get_monotonic_time () - t0) / 1e6,
               !ok ? "missed the end" : touched->len > 0 ? "touched the edge" : "inside");
      if ((ok && touched->len == 0) || *w >= MAX (n, m)
          || (guint64) (n + 1) * (4 * (guint64) *w + 1) > max_cells)
        break;
      *w = (guint) MIN ((guint64) *w * 2, (guint64) MAX (n, m));
    }
  if (beads->len == 0)
    {
      /* The band that follows the path grew to the limit and still missed the end (texts
         whose lengths drift apart over hundreds of thousands of sentences): align in a band
         fixed around the straight line from corner to corner, as wide as the limit allows,
         which holds the end and, through 1-0 and 0-1 beads, a path to it. */
      guint64 half = MAX (max_cells / (2 * ((guint64) n + 1)), 1u);
      *w = (guint) MIN (half, (guint64) MAX (n, m));
      BitextBead whole = { .src_start = 0, .src_len = n, .tgt_start = 0, .tgt_len = m };
      AlignBand band;
      bitext_align__band_around_path (&band, n, m, *w, &whole, 1, 0, n);
      dp->band = &band;
      g_array_set_size (touched, 0);
      gboolean ok = bitext_align__run_dp (dp, &band, 0, 0, n, m, 0, FALSE, beads, touched);
      dp->band = NULL;
      bitext_align__band_clear (&band);
      g_debug ("align: pass 1 in a fixed band of ±%u around the diagonal: %s", *w,
               ok ? "reached the end" : "missed the end");
    }
  g_assert (beads->len > 0);
}
