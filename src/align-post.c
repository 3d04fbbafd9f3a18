/* bitext — bead posteriors: how likely each bead of the path is, given the alternatives around it. */
#include <math.h>
#include <string.h>

#include "align-private.h"

/*
** Posteriors are computed in windows of the path: the beads of a window
** that are scored (STRIDE of them) have CONTEXT beads of the path on each
** side, whose outer ends are taken as fixed. An alignment error spans one
** or two beads (a merge missed or a sentence put one bead off), so that
** four beads of context hold every alternative path that differs from the
** path around the bead, as the posterior of the whole band would.
*/
#define POST_CONTEXT 4
#define POST_STRIDE 4
/* Columns either side of the path that the alternatives may use: a 1-3 bead
** and its neighbours leave the path by at most three sentences. */
#define POST_MARGIN 3

/* One window: rows i0..i1, row i holding columns lo[i-i0]..lo[i-i0]+W-1. */
typedef struct
{
  guint i0, j0, i1, j1, W;
  guint *lo;
  double *alpha, *beta;     /* (i1 - i0 + 1) * W, log domain */
  guint8 *match;            /* pair matches, (i1 - i0) * (j1 - j0), 255 = not yet counted */
  const KeyLists *skeys, *tkeys;
} Window;

static inline gboolean
window_has (const Window *w, guint i, guint j)
{
  return i >= w->i0 && i <= w->i1 && j >= w->lo[i - w->i0] && j < w->lo[i - w->i0] + w->W
         && j >= w->j0 && j <= w->j1;
}

static inline double *
window_at (const Window *w, double *v, guint i, guint j)
{
  return &v[(gsize) (i - w->i0) * w->W + (j - w->lo[i - w->i0])];
}

static guint
window_match (Window *w, guint s, guint t)
{
  guint8 *m = &w->match[(gsize) (s - w->i0) * (w->j1 - w->j0) + (t - w->j0)];
  if (*m == 255)
    {
      guint na, nb;
      const guint32 *a = key_lists_get (w->skeys, s, &na);
      const guint32 *b = key_lists_get (w->tkeys, t, &nb);
      *m = (guint8) MIN (keys_intersect (a, na, b, nb), 254u);
    }
  return *m;
}

/* The cost of the bead of shape @t ending at (i, j), divided by the temperature. */
static double
window_cost (const AlignDp *dp, Window *w, guint t, guint i, guint j, double inv_t)
{
  guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
  guint cell[3][3] = { { 0 } };
  if (dp->model->use_lex)
    for (guint x = 0; x < a; x++)
      for (guint y = 0; y < b; y++)
        cell[x][y] = window_match (w, i - a + x, j - b + y);
  return bitext_align__bead_cost_cells (dp, t, i, j, cell) * inv_t;
}

static inline void
log_add (double *acc, double v)
{
  if (v == -INFINITY)
    return;
  if (*acc == -INFINITY)
    *acc = v;
  else if (*acc > v)
    *acc += log1p (exp (v - *acc));
  else
    *acc = v + log1p (exp (*acc - v));
}

/* Columns of each row of the window: the path's, widened by POST_MARGIN. */
static void
window_rows (Window *w, const BitextBead *path, guint n_path)
{
  guint rows = w->i1 - w->i0 + 1;
  g_autofree guint *hi = g_new (guint, rows);
  for (guint r = 0; r < rows; r++)
    {
      w->lo[r] = G_MAXUINT;
      hi[r] = 0;
    }
  for (guint k = 0; k < n_path; k++)
    {
      const BitextBead *b = &path[k];
      for (guint r = 0; r <= b->src_len; r++)
        {
          guint i = b->src_start + r - w->i0;
          w->lo[i] = MIN (w->lo[i], b->tgt_start);
          hi[i] = MAX (hi[i], b->tgt_start + b->tgt_len);
        }
    }
  w->W = 0;
  for (guint r = 0; r < rows; r++)
    {
      w->lo[r] = MAX (w->j0, w->lo[r] > POST_MARGIN ? w->lo[r] - POST_MARGIN : 0);
      hi[r] = MIN (w->j1, hi[r] + POST_MARGIN);
      w->W = MAX (w->W, hi[r] - w->lo[r] + 1);
    }
}

/*
** Sum over the paths from (i0, j0) to (i1, j1) of exp(-cost / T): alpha
** forward, beta backward.
*/
static void
window_sums (const AlignDp *dp, Window *w, double inv_t)
{
  gsize cells = (gsize) (w->i1 - w->i0 + 1) * w->W;
  for (gsize c = 0; c < cells; c++)
    w->alpha[c] = w->beta[c] = -INFINITY;
  *window_at (w, w->alpha, w->i0, w->j0) = 0.0;
  for (guint i = w->i0; i <= w->i1; i++)
    for (guint j = w->lo[i - w->i0]; j < w->lo[i - w->i0] + w->W && j <= w->j1; j++)
      {
        if (j < w->j0 || (i == w->i0 && j == w->j0))
          continue;
        double acc = -INFINITY;
        for (guint t = 0; t < N_BEAD_TYPES; t++)
          {
            guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
            if (i < w->i0 + a || j < w->j0 + b || !window_has (w, i - a, j - b))
              continue;
            double prev = *window_at (w, w->alpha, i - a, j - b);
            if (prev != -INFINITY)
              log_add (&acc, prev - window_cost (dp, w, t, i, j, inv_t));
          }
        *window_at (w, w->alpha, i, j) = acc;
      }
  *window_at (w, w->beta, w->i1, w->j1) = 0.0;
  for (guint i = w->i1 + 1; i-- > w->i0;)
    for (guint j = MIN (w->lo[i - w->i0] + w->W - 1, w->j1) + 1; j-- > w->lo[i - w->i0];)
      {
        if (j < w->j0 || (i == w->i1 && j == w->j1))
          continue;
        double acc = -INFINITY;
        for (guint t = 0; t < N_BEAD_TYPES; t++)
          {
            guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
            if (!window_has (w, i + a, j + b))
              continue;
            double next = *window_at (w, w->beta, i + a, j + b);
            if (next != -INFINITY)
              log_add (&acc, next - window_cost (dp, w, t, i + a, j + b, inv_t));
          }
        *window_at (w, w->beta, i, j) = acc;
      }
}

/* Score beads [ka, kb) of @beads from the window of beads [wa, wb). */
static void
score_window (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, GArray *beads,
              guint wa, guint wb, guint ka, guint kb, double inv_t)
{
  BitextBead *path = &g_array_index (beads, BitextBead, 0);
  Window w = { .skeys = skeys, .tkeys = tkeys };
  w.i0 = path[wa].src_start;
  w.j0 = path[wa].tgt_start;
  w.i1 = path[wb - 1].src_start + path[wb - 1].src_len;
  w.j1 = path[wb - 1].tgt_start + path[wb - 1].tgt_len;
  guint rows = w.i1 - w.i0 + 1;
  w.lo = g_new (guint, rows);
  window_rows (&w, path + wa, wb - wa);
  gsize cells = (gsize) rows * w.W;
  w.alpha = g_new (double, cells);
  w.beta = g_new (double, cells);
  gsize nm = (gsize) (w.i1 - w.i0) * (w.j1 - w.j0);
  w.match = g_malloc (MAX (nm, 1));
  memset (w.match, 255, MAX (nm, 1));
  window_sums (dp, &w, inv_t);
  double z = *window_at (&w, w.alpha, w.i1, w.j1);
  for (guint k = ka; k < kb; k++)
    {
      BitextBead *b = &path[k];
      guint t = bitext_align__bead_shape (b);
      guint i = b->src_start + b->src_len, j = b->tgt_start + b->tgt_len;
      if (t == N_BEAD_TYPES || z == -INFINITY)
        continue;
      double lp = *window_at (&w, w.alpha, b->src_start, b->tgt_start)
                  - window_cost (dp, &w, t, i, j, inv_t) + *window_at (&w, w.beta, i, j) - z;
      b->score = CLAMP (exp (lp), 0.0, 1.0);
    }
  g_free (w.lo);
  g_free (w.alpha);
  g_free (w.beta);
  g_free (w.match);
}

/*
** Set each bead's score to its posterior probability: the share, among
** the paths through the bead's neighbourhood weighted by exp(-cost / T),
** of those that contain it (the forward-backward algorithm; Rabiner
** 1989). @temperature scales the costs: 1 reads them as log-likelihoods.
** The band is the path's, POST_MARGIN sentences wide; the window's ends
** are POST_CONTEXT beads of the path away from the beads it scores.
*/
void
bitext_align__posterior (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys,
                         GArray *beads, double temperature)
{
  double inv_t = 1.0 / temperature;
  for (guint ka = 0; ka < beads->len; ka += POST_STRIDE)
    {
      guint kb = MIN (ka + POST_STRIDE, beads->len);
      guint wa = ka > POST_CONTEXT ? ka - POST_CONTEXT : 0;
      guint wb = MIN (kb + POST_CONTEXT, beads->len);
      score_window (dp, skeys, tkeys, beads, wa, wb, ka, kb, inv_t);
    }
}

/* The 1-1 cost of source sentence @s against target sentence @t. */
static double
pair_cost (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, guint s, guint t)
{
  guint cell[3][3] = { { 0 } };
  if (dp->model->use_lex)
    {
      guint na, nb;
      const guint32 *a = key_lists_get (skeys, s, &na);
      const guint32 *b = key_lists_get (tkeys, t, &nb);
      cell[0][0] = keys_intersect (a, na, b, nb);
    }
  return bitext_align__bead_cost_cells (dp, BEAD_1_1, s + 1, t + 1, cell);
}

static double
log_likelihood (const GArray *cost, const GArray *label, double a, double b)
{
  double ll = 0.0;
  for (guint k = 0; k < cost->len; k++)
    {
      double v = a + b * g_array_index (cost, double, k);
      /* log sigma(v) and log (1 - sigma(v)), without overflow. */
      double log1pe = v > 0 ? v + log1p (exp (-v)) : log1p (exp (v));
      ll += g_array_index (label, double, k) > 0.0 ? v - log1pe : -log1pe;
    }
  return ll;
}

/*
** Fit P(pair) = logistic(a + b cost) by maximum likelihood: Newton's
** method, each step halved until the likelihood grows. Returns -1/b, the
** temperature, or G_MAXDOUBLE when the cost does not tell them apart.
*/
static double
fit_logistic (const GArray *cost, const GArray *label)
{
  double a = 0.0, b = -1.0, ll = log_likelihood (cost, label, a, b);
  for (guint it = 0; it < 100; it++)
    {
      double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
      for (guint k = 0; k < cost->len; k++)
        {
          double x = g_array_index (cost, double, k), y = g_array_index (label, double, k);
          double p = 1.0 / (1.0 + exp (-(a + b * x))), w = MAX (p * (1.0 - p), 1e-12);
          g0 += y - p;
          g1 += (y - p) * x;
          h00 += w;
          h01 += w * x;
          h11 += w * x * x;
        }
      double det = h00 * h11 - h01 * h01;
      if (det <= 1e-12)
        break;
      double da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det;
      double step = 1.0, next = log_likelihood (cost, label, a + da, b + db);
      while (next < ll && step > 1e-6)
        {
          step /= 2.0;
          next = log_likelihood (cost, label, a + step * da, b + step * db);
        }
      if (next < ll)
        break;
      a += step * da;
      b += step * db;
      gboolean done = ll - next > -1e-10;
      ll = next;
      if (done)
        break;
    }
  return b < 0.0 ? -1.0 / b : G_MAXDOUBLE;
}

/*
** The temperature of the posterior, estimated from the text: the costs
** are sums of log-likelihood ratios estimated as if their evidence were
** independent (length, and each member of a merge), and read at face
** value they make the posterior overconfident. So the cost of a 1-1 pair
** is calibrated as temperature scaling does (Guo et al. 2017), with
** pseudo-labels instead of labelled data: each 1-1 bead of the path is a
** translation, and its source sentence paired with the target sentences
** next to its own is not, the confusion an aligner makes. T is the
** inverse slope of the logistic fitted to them; never below 1, costs that
** are log-likelihoods already. With fewer than 30 pairs, or when the
** costs separate them, 1.
*/
double
bitext_align__fit_temperature (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys,
                               const GArray *beads, guint max_beads)
{
  g_autoptr(GArray) cost = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) label = g_array_new (FALSE, FALSE, sizeof (double));
  guint stride = MAX (1u, beads->len / MAX (max_beads, 1u));
  for (guint k = 0; k < beads->len; k += stride)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, k);
      if (b->src_len != 1 || b->tgt_len != 1)
        continue;
      for (int d = -1; d <= 1; d++)
        {
          gint64 t = (gint64) b->tgt_start + d;
          if (t < 0 || t >= dp->tgt->n)
            continue;
          double c = pair_cost (dp, skeys, tkeys, b->src_start, (guint) t), y = d == 0;
          g_array_append_val (cost, c);
          g_array_append_val (label, y);
        }
    }
  double max_pos = -G_MAXDOUBLE, min_neg = G_MAXDOUBLE;
  for (guint k = 0; k < cost->len; k++)
    {
      double x = g_array_index (cost, double, k);
      if (g_array_index (label, double, k) > 0.0)
        max_pos = MAX (max_pos, x);
      else
        min_neg = MIN (min_neg, x);
    }
  /* Separated pairs (or too few) show no overconfidence to correct, and have no finite fit. */
  if (cost->len < 30 || max_pos < min_neg)
    return 1.0;
  double t = fit_logistic (cost, label);
  g_debug ("align: posterior temperature %.2f from %u pairs", t, cost->len);
  return CLAMP (t, 1.0, 100.0);
}
