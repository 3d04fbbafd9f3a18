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
** path around the bead, as the posterior of the whole band would. A bead
** inside the stride has more context than that, and the windows overlap
** by the context alone: each bead's costs are computed (STRIDE + 2
** CONTEXT) / STRIDE times, 1.5 at a stride of 16 (3 at 4, which took a
** fifth of the aligner's time on a long text for the same scores).
*/
#define POST_CONTEXT 4
#define POST_STRIDE 16
/* Columns either side of the path that the alternatives may use: a 1-3 bead
** and its neighbours leave the path by at most three sentences. */
#define POST_MARGIN 3

/* One window: rows i0..i1, row i holding columns lo[i-i0]..lo[i-i0]+W-1. */
typedef struct
{
  guint i0, j0, i1, j1, W;
  guint *lo;
  guint nt;                 /* temperatures */
  double inv_t[3];          /* their inverses */
  double lex_w;             /* weight of the lexical cost (AlignTemperature) */
  /* Log domain, (i1 - i0 + 1) * W cells of N_RUN_KINDS states of nt values: the paths to
  ** (alpha) or from (beta) the cell whose bead at the cell is of that kind; entry, the
  ** paths to the cell, weighted for a next bead of each kind (window_mix()). */
  double *alpha, *beta, *entry;
  double ltrans[3][N_RUN_KINDS][N_RUN_KINDS];  /* -delta / T of AlignRuns, by temperature */
  double etrans[3][N_RUN_KINDS][N_RUN_KINDS];  /* exp of ltrans */
  guint first_kind;         /* the kind of the bead before the window */
  gint after_kind;          /* the kind of the bead after it, -1 for none */
  double *cost;             /* bead costs by end cell and shape, NAN = not yet computed */
  guint8 *match;            /* pair matches, (i1 - i0) * (j1 - j0), 255 = not yet counted */
  const KeyLists *skeys, *tkeys;
} Window;

static inline gboolean
window_has (const Window *w, guint i, guint j)
{
  return i >= w->i0 && i <= w->i1 && j >= w->lo[i - w->i0] && j < w->lo[i - w->i0] + w->W
         && j >= w->j0 && j <= w->j1;
}

static inline gsize
window_cell (const Window *w, guint i, guint j)
{
  return (gsize) (i - w->i0) * w->W + (j - w->lo[i - w->i0]);
}

/* The values of alpha, beta or entry at (i, j): N_RUN_KINDS states of nt temperatures. */
static inline double *
window_at (const Window *w, double *v, guint i, guint j)
{
  return &v[window_cell (w, i, j) * N_RUN_KINDS * w->nt];
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

/*
** The cost of the bead of shape @t ending at (i, j) whose sentence pairs
** match as @cell says, with its lexical part (the model's lexical cost of
** the pairs) weighted by @lex_w; the lexical part alone in *@lex.
*/
static double
weighted_cost (const AlignDp *dp, guint t, guint i, guint j, const guint cell[3][3], double lex_w,
               double *lex)
{
  guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
  double c = bitext_align__bead_cost_cells (dp, t, i, j, cell);
  *lex = 0.0;
  if (dp->model->use_lex && a > 0 && b > 0 && !isinf (c))
    *lex = bitext_align__members_lex_cost (dp->model, a, b, cell, dp->skoff + (i - a),
                                           dp->tkoff + (j - b));
  return c - (1.0 - lex_w) * *lex;
}

/*
** The cost of the bead of shape @t ending at (i, j), computed once per
** window and kept for the forward and backward passes.
*/
static double
window_cost (const AlignDp *dp, Window *w, guint t, guint i, guint j)
{
  double *c = &w->cost[window_cell (w, i, j) * N_BEAD_TYPES + t];
  if (isnan (*c))
    {
      guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
      guint cell[3][3] = { { 0 } };
      if (dp->model->use_lex)
        for (guint x = 0; x < a; x++)
          for (guint y = 0; y < b; y++)
            cell[x][y] = window_match (w, i - a + x, j - b + y);
      double lex;
      *c = weighted_cost (dp, t, i, j, cell, w->lex_w, &lex);
    }
  return *c;
}

/*
** log (sum of exp (v[k])) over @n terms, -INFINITY for none: one exp per
** term and one log per sum, the largest term factored out so that none
** overflows.
*/
static inline double
log_sum_exp (const double *v, guint n)
{
  double m = -INFINITY;
  for (guint k = 0; k < n; k++)
    m = MAX (m, v[k]);
  if (m == -INFINITY)
    return m;
  double sum = 0.0;
  for (guint k = 0; k < n; k++)
    sum += exp (v[k] - m);
  return m + log (sum);
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
** Forward, from the states @v of a cell (N_RUN_KINDS x nt values: the
** paths to it by the kind of their last bead), the sums for a next bead
** of each kind: out[x][n] = log sum_k exp (v[k][n] + ltrans[n][k][x]).
** Backward, from @v the paths on from the cell by the kind of their first
** bead, the sums by the kind of the bead before: out[x][n] = log sum_k
** exp (v[k][n] + ltrans[n][x][k]).
*/
static inline void
window_mix (const Window *w, const double *v, double *out, gboolean forward)
{
  for (guint n = 0; n < w->nt; n++)
    {
      double m = -INFINITY, e[N_RUN_KINDS];
      for (guint k = 0; k < N_RUN_KINDS; k++)
        m = MAX (m, v[k * w->nt + n]);
      if (m == -INFINITY)
        {
          for (guint k = 0; k < N_RUN_KINDS; k++)
            out[k * w->nt + n] = -INFINITY;
          continue;
        }
      for (guint k = 0; k < N_RUN_KINDS; k++)
        e[k] = exp (v[k * w->nt + n] - m);
      for (guint x = 0; x < N_RUN_KINDS; x++)
        {
          double sum = 0.0;
          for (guint k = 0; k < N_RUN_KINDS; k++)
            sum += e[k] * (forward ? w->etrans[n][k][x] : w->etrans[n][x][k]);
          out[x * w->nt + n] = m + log (sum);
        }
    }
}

/*
** Sum over the paths from (i0, j0) to (i1, j1) of exp(-cost / T), at each
** temperature of the window: alpha forward, beta backward, each by the
** kind of the bead at the cell (AlignRuns), since the cost of a bead
** depends on the kind of the one before it. The temperatures share one
** pass, and each bead's cost is read once for them all.
*/
static void
window_sums (const AlignDp *dp, Window *w)
{
  guint nt = w->nt, S = N_RUN_KINDS * nt;
  gsize values = (gsize) (w->i1 - w->i0 + 1) * w->W * S;
  for (gsize c = 0; c < values; c++)
    w->alpha[c] = w->beta[c] = w->entry[c] = -INFINITY;
  double *origin = window_at (w, w->alpha, w->i0, w->j0);
  for (guint n = 0; n < nt; n++)
    origin[w->first_kind * nt + n] = 0.0;
  window_mix (w, origin, window_at (w, w->entry, w->i0, w->j0), TRUE);
  for (guint i = w->i0; i <= w->i1; i++)
    for (guint j = w->lo[i - w->i0]; j < w->lo[i - w->i0] + w->W && j <= w->j1; j++)
      {
        if (j < w->j0 || (i == w->i0 && j == w->j0))
          continue;
        double term[N_RUN_KINDS][3][N_BEAD_TYPES];
        guint k[N_RUN_KINDS] = { 0 };
        for (guint t = 0; t < N_BEAD_TYPES; t++)
          {
            guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t], x = run_kind (t);
            if (i < w->i0 + a || j < w->j0 + b || !window_has (w, i - a, j - b))
              continue;
            const double *prev = window_at (w, w->entry, i - a, j - b) + x * nt;
            if (prev[0] == -INFINITY)
              continue;
            double c = window_cost (dp, w, t, i, j);
            for (guint n = 0; n < nt; n++)
              term[x][n][k[x]] = prev[n] - c * w->inv_t[n];
            k[x]++;
          }
        double *out = window_at (w, w->alpha, i, j);
        for (guint x = 0; x < N_RUN_KINDS; x++)
          for (guint n = 0; n < nt; n++)
            out[x * nt + n] = log_sum_exp (term[x][n], k[x]);
        window_mix (w, out, window_at (w, w->entry, i, j), TRUE);
      }
  double *end = window_at (w, w->beta, w->i1, w->j1);
  for (guint x = 0; x < N_RUN_KINDS; x++)
    for (guint n = 0; n < nt; n++)
      end[x * nt + n] = w->after_kind < 0 ? 0.0 : w->ltrans[n][x][w->after_kind];
  for (guint i = w->i1 + 1; i-- > w->i0;)
    for (guint j = MIN (w->lo[i - w->i0] + w->W - 1, w->j1) + 1; j-- > w->lo[i - w->i0];)
      {
        if (j < w->j0 || (i == w->i1 && j == w->j1))
          continue;
        double term[N_RUN_KINDS][3][N_BEAD_TYPES];
        guint k[N_RUN_KINDS] = { 0 };
        for (guint t = 0; t < N_BEAD_TYPES; t++)
          {
            guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t], x = run_kind (t);
            if (!window_has (w, i + a, j + b))
              continue;
            const double *next = window_at (w, w->beta, i + a, j + b) + x * nt;
            if (next[0] == -INFINITY)
              continue;
            double c = window_cost (dp, w, t, i + a, j + b);
            for (guint n = 0; n < nt; n++)
              term[x][n][k[x]] = next[n] - c * w->inv_t[n];
            k[x]++;
          }
        double by_kind[N_RUN_KINDS * 3];
        for (guint x = 0; x < N_RUN_KINDS; x++)
          for (guint n = 0; n < nt; n++)
            by_kind[x * nt + n] = log_sum_exp (term[x][n], k[x]);
        window_mix (w, by_kind, window_at (w, w->beta, i, j), FALSE);
      }
}

/*
** Score beads [ka, kb) of @beads from the window of beads [wa, wb): the
** posterior of each at every temperature of @temp, averaged with its
** weights.
*/
static void
score_window (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, GArray *beads,
              guint wa, guint wb, guint ka, guint kb, const AlignTemperature *temp,
              const AlignRuns *runs)
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
  w.lex_w = temp->lex_w;
  w.nt = MIN (temp->n, G_N_ELEMENTS (w.inv_t));
  for (guint n = 0; n < w.nt; n++)
    {
      w.inv_t[n] = 1.0 / temp->t[n];
      for (guint x = 0; x < N_RUN_KINDS; x++)
        for (guint y = 0; y < N_RUN_KINDS; y++)
          {
            w.ltrans[n][x][y] = -runs->delta[x][y] * w.inv_t[n];
            w.etrans[n][x][y] = exp (w.ltrans[n][x][y]);
          }
    }
  w.first_kind = wa > 0 ? run_kind (bitext_align__bead_shape (&path[wa - 1])) : RUN_OTHER;
  w.after_kind = wb < beads->len ? (gint) run_kind (bitext_align__bead_shape (&path[wb])) : -1;
  w.alpha = g_new (double, cells * N_RUN_KINDS * w.nt);
  w.beta = g_new (double, cells * N_RUN_KINDS * w.nt);
  w.entry = g_new (double, cells * N_RUN_KINDS * w.nt);
  w.cost = g_new (double, cells * N_BEAD_TYPES);
  for (gsize c = 0; c < cells * N_BEAD_TYPES; c++)
    w.cost[c] = NAN;
  gsize nm = (gsize) (w.i1 - w.i0) * (w.j1 - w.j0);
  w.match = g_malloc (MAX (nm, 1));
  memset (w.match, 255, MAX (nm, 1));
  window_sums (dp, &w);
  /* All the paths: those to the window's end by the kind of their last bead, each with
  ** the step on to the bead after the window (beta there). */
  double z[3];
  const double *last = window_at (&w, w.alpha, w.i1, w.j1);
  const double *on = window_at (&w, w.beta, w.i1, w.j1);
  for (guint n = 0; n < w.nt; n++)
    {
      double v[N_RUN_KINDS];
      for (guint x = 0; x < N_RUN_KINDS; x++)
        v[x] = last[x * w.nt + n] + on[x * w.nt + n];
      z[n] = log_sum_exp (v, N_RUN_KINDS);
    }
  for (guint k = ka; k < kb && z[0] != -INFINITY; k++)
    {
      BitextBead *b = &path[k];
      guint t = bitext_align__bead_shape (b);
      if (t == N_BEAD_TYPES)
        continue;
      guint i = b->src_start + b->src_len, j = b->tgt_start + b->tgt_len, x = run_kind (t);
      const double *before = window_at (&w, w.entry, b->src_start, b->tgt_start) + x * w.nt;
      const double *after = window_at (&w, w.beta, i, j) + x * w.nt;
      double c = window_cost (dp, &w, t, i, j), sum = 0.0;
      for (guint n = 0; n < w.nt; n++)
        sum += temp->w[n] * CLAMP (exp (before[n] - c * w.inv_t[n] + after[n] - z[n]), 0.0, 1.0);
      b->score = CLAMP (sum, 0.0, 1.0);
    }
  g_free (w.lo);
  g_free (w.alpha);
  g_free (w.beta);
  g_free (w.entry);
  g_free (w.cost);
  g_free (w.match);
}

/* Windows that score beads [ka, kb) of the path, @ka a multiple of POST_STRIDE. */
typedef struct
{
  const AlignDp *dp;
  const KeyLists *skeys, *tkeys;
  GArray *beads;
  guint ka, kb;
  const AlignTemperature *temp;
  const AlignRuns *runs;
} PosteriorJob;

static gpointer
posterior_run (gpointer data)
{
  const PosteriorJob *job = data;
  for (guint ka = job->ka; ka < job->kb; ka += POST_STRIDE)
    {
      guint kb = MIN (ka + POST_STRIDE, job->kb);
      guint wa = ka > POST_CONTEXT ? ka - POST_CONTEXT : 0;
      guint wb = MIN (kb + POST_CONTEXT, job->beads->len);
      score_window (job->dp, job->skeys, job->tkeys, job->beads, wa, wb, ka, kb, job->temp,
                    job->runs);
    }
  return NULL;
}

/* Beads of a path worth a second thread: the posterior of a long text takes seconds. */
#define POST_THREAD_BEADS 20000

/*
** Set each bead's score to its posterior probability: the share, among
** the paths through the bead's neighbourhood weighted by exp(-cost / T),
** of those that contain it (the forward-backward algorithm; Rabiner
** 1989), averaged over the temperatures of @temp
** (bitext_align__fit_temperature()). The band is the path's, POST_MARGIN
** sentences wide; the window's ends are POST_CONTEXT beads of the path
** away from the beads it scores. Each window writes the scores of its own
** beads only and reads the others' places, so on a long path two threads
** take half the windows each, with the same windows and scores as one.
*/
void
bitext_align__posterior (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys,
                         GArray *beads, const AlignTemperature *temp)
{
  guint cut = beads->len / 2 / POST_STRIDE * POST_STRIDE;
  AlignRuns runs;
  bitext_align__runs_estimate (beads, dp->model, &runs);
  PosteriorJob jobs[2] = {
    { dp, skeys, tkeys, beads, 0, cut, temp, &runs },
    { dp, skeys, tkeys, beads, cut, beads->len, temp, &runs },
  };
  if (beads->len < (dp->post_thread_beads > 0 ? dp->post_thread_beads : POST_THREAD_BEADS))
    {
      jobs[0].kb = beads->len;
      posterior_run (&jobs[0]);
      return;
    }
  GThread *thread = g_thread_new ("bitext-align", posterior_run, &jobs[1]);
  posterior_run (&jobs[0]);
  g_thread_join (thread);
}

/*
** The cost of a bead of shape @t whose first sentences are source
** sentence @s and target sentence @u, or NAN when it would run past
** either side; its lexical part in *@lex.
*/
static double
shape_cost (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, guint t, gint64 s,
            gint64 u, double *lex)
{
  guint a = bitext_align__bead_a[t], b = bitext_align__bead_b[t];
  if (s < 0 || u < 0 || s + a > dp->src->n || u + b > dp->tgt->n)
    return NAN;
  guint cell[3][3] = { { 0 } };
  if (dp->model->use_lex)
    for (guint x = 0; x < a; x++)
      for (guint y = 0; y < b; y++)
        {
          guint na, nb;
          const guint32 *ka = key_lists_get (skeys, (guint) s + x, &na);
          const guint32 *kb = key_lists_get (tkeys, (guint) u + y, &nb);
          cell[x][y] = keys_intersect (ka, na, kb, nb);
        }
  return weighted_cost (dp, t, (guint) s + a, (guint) u + b, cell, 1.0, lex);
}

/* The pseudo-labelled beads: cost without its lexical part, lexical part, label. */
typedef struct
{
  GArray *rest, *lex, *label;
} PseudoLabels;

/* Append the costs of a bead (shape @t from (@s, @u)) and its label @y, when it fits. */
static void
add_pseudo_label (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, guint t,
                  gint64 s, gint64 u, double y, PseudoLabels *pl)
{
  double lex = 0.0;
  double c = shape_cost (dp, skeys, tkeys, t, s, u, &lex);
  if (isnan (c) || isinf (c))
    return;
  double rest = c - lex;
  g_array_append_val (pl->rest, rest);
  g_array_append_val (pl->lex, lex);
  g_array_append_val (pl->label, y);
}

/*
** A logistic model P(pair) = sigma(a + b cost) of labels in [0, 1], with a
** Gaussian prior on (a, b): mean @m, precision @P (row-major 2x2).
*/
typedef struct
{
  const GArray *cost, *label;
  double m[2], P[4];
} Logistic;

/* The log posterior at (a, b), up to a constant. */
static double
log_posterior (const Logistic *lg, double a, double b)
{
  double ll = 0.0;
  for (guint k = 0; k < lg->cost->len; k++)
    {
      double v = a + b * g_array_index (lg->cost, double, k);
      /* log sigma(v) and log (1 - sigma(v)), without overflow. */
      double log1pe = v > 0 ? v + log1p (exp (-v)) : log1p (exp (v));
      ll += g_array_index (lg->label, double, k) * v - log1pe;
    }
  double da = a - lg->m[0], db = b - lg->m[1];
  return ll - 0.5 * (lg->P[0] * da * da + 2.0 * lg->P[1] * da * db + lg->P[3] * db * db);
}

/* The Fisher information of the pairs at (a, b), H[0..3], row-major. */
static void
information (const Logistic *lg, double a, double b, double H[4])
{
  H[0] = H[1] = H[2] = H[3] = 0.0;
  for (guint k = 0; k < lg->cost->len; k++)
    {
      double x = g_array_index (lg->cost, double, k);
      double p = 1.0 / (1.0 + exp (-(a + b * x))), w = p * (1.0 - p);
      H[0] += w;
      H[1] += w * x;
      H[3] += w * x * x;
    }
  H[2] = H[1];
}

/*
** The posterior mode of (a, b) (Newton's method, each step halved until
** the log posterior grows) and the variance of b there, from the inverse
** of the information plus the prior precision (Laplace's approximation).
** Returns FALSE when that matrix is singular.
*/
static gboolean
fit_logistic (const Logistic *lg, double *a_out, double *b_out, double *var_b)
{
  double a = lg->m[0], b = lg->m[1], lp = log_posterior (lg, a, b);
  double H[4];
  for (guint it = 0; it < 100; it++)
    {
      double g0 = -(lg->P[0] * (a - lg->m[0]) + lg->P[1] * (b - lg->m[1]));
      double g1 = -(lg->P[2] * (a - lg->m[0]) + lg->P[3] * (b - lg->m[1]));
      for (guint k = 0; k < lg->cost->len; k++)
        {
          double x = g_array_index (lg->cost, double, k), y = g_array_index (lg->label, double, k);
          double p = 1.0 / (1.0 + exp (-(a + b * x)));
          g0 += y - p;
          g1 += (y - p) * x;
        }
      information (lg, a, b, H);
      double h00 = H[0] + lg->P[0], h01 = H[1] + lg->P[1], h11 = H[3] + lg->P[3];
      double det = h00 * h11 - h01 * h01;
      if (!(det > 0.0))
        return FALSE;
      double da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det;
      double step = 1.0, next = log_posterior (lg, a + da, b + db);
      while (next < lp && step > 1e-6)
        {
          step /= 2.0;
          next = log_posterior (lg, a + step * da, b + step * db);
        }
      if (next < lp)
        break;
      a += step * da;
      b += step * db;
      gboolean done = next - lp < 1e-10;
      lp = next;
      if (done)
        break;
    }
  information (lg, a, b, H);
  double h00 = H[0] + lg->P[0], h01 = H[1] + lg->P[1], h11 = H[3] + lg->P[3];
  double det = h00 * h11 - h01 * h01;
  if (!(det > 0.0))
    return FALSE;
  *a_out = a;
  *b_out = b;
  *var_b = h00 / det;
  return TRUE;
}

/*
** The temperatures of the posterior, estimated from the text. The costs
** are sums of log-likelihood ratios estimated as if their evidence were
** independent (length, and each member of a merge), and read at face
** value they make the posterior overconfident. So the bead cost is
** calibrated as temperature scaling does (Guo et al. 2017), with
** pseudo-labels instead of labelled data. Temperature scaling fits T on
** the decisions that the calibrated model makes, and the posterior's
** decisions are between a bead and the beads that overlap it in the band:
** the same sentence paired one sentence off, the merges and splits that
** hold it, and its sentences left unpaired. So each 1-1 bead of the path
** is a translation, and its source sentence paired with either neighbour
** of its target is not, nor are the four 1-2 and 2-1 beads that hold the
** pair and a neighbour, nor its source or its target sentence alone (1-0,
** 0-1); each 1-2 or 2-1 bead of the path is a translation, and the 1-1
** pairs inside it are not; each 1-0 or 0-1 bead of the path is right, and
** its sentence paired with either sentence at its place on the other side
** is not. Neighbours alone are easy negatives (their costs lie far
** from the path's), and a slope fitted to them alone is too steep: on the
** evaluation sets it left most wrong beads scored above 0.5. The slope b
** of the logistic fitted to all of them gives T = -1/b, one temperature
** for every shape, as the posterior divides every cost by it. Before it,
** the lexical part of each cost is weighted against the rest by the same
** labels (bitext_align__lex_weight_from_pairs()), and the posterior uses
** that weight too (AlignTemperature.lex_w).
**
** A short text gives few pairs, and a slope fitted to them is uncertain:
** taking it at its best value would make the posterior of a short text as
** sharp as that of a long one. So the slope is given a prior and a
** posterior, and the bead posterior is averaged over it (Bayesian model
** averaging; MacKay 1992 does the same for a logistic's output). The
** prior is centred on the costs' own claim, b = -1 (T = 1) at the even
** odds of the labels, and holds the information of one pair there (Kass
** & Wasserman 1995's unit-information prior), so that it decides nothing
** once the text has a few dozen pairs and keeps the fit finite when the
** costs separate the labels. The posterior of b is Laplace's
** approximation at its mode; the average is a three-point Gauss-Hermite
** rule (b +- sqrt 3 sd, weights 1/6, 2/3, 1/6: exact for polynomials of
** degree 5). Each T is kept in [1, 100]: costs that are log-likelihoods
** already are not sharpened, and 100 is flat (a slope at or above 0,
** which does not tell pairs from neighbours, gives 100).
*/
void
bitext_align__fit_temperature (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys,
                               const GArray *beads, guint max_beads, AlignTemperature *out)
{
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) lex = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) label = g_array_new (FALSE, FALSE, sizeof (double));
  PseudoLabels store = { rest, lex, label }, *pl = &store;
  guint stride = MAX (1u, beads->len / MAX (max_beads, 1u));
  for (guint k = 0; k < beads->len; k += stride)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, k);
      gint64 s = b->src_start, u = b->tgt_start;
      if (b->src_len == 1 && b->tgt_len == 1)
        {
          add_pseudo_label (dp, skeys, tkeys, BEAD_1_1, s, u, 1.0, pl);
          add_pseudo_label (dp, skeys, tkeys, BEAD_1_1, s, u - 1, 0.0, pl);
          add_pseudo_label (dp, skeys, tkeys, BEAD_1_1, s, u + 1, 0.0, pl);
          add_pseudo_label (dp, skeys, tkeys, BEAD_1_2, s, u - 1, 0.0, pl);
          add_pseudo_label (dp, skeys, tkeys, BEAD_1_2, s, u, 0.0, pl);
          add_pseudo_label (dp, skeys, tkeys, BEAD_2_1, s - 1, u, 0.0, pl);
          add_pseudo_label (dp, skeys, tkeys, BEAD_2_1, s, u, 0.0, pl);
          add_pseudo_label (dp, skeys, tkeys, BEAD_1_0, s, u, 0.0, pl);
          add_pseudo_label (dp, skeys, tkeys, BEAD_0_1, s, u, 0.0, pl);
        }
      else if (b->src_len + b->tgt_len == 1)
        {
          add_pseudo_label (dp, skeys, tkeys, bitext_align__bead_shape (b), s, u, 1.0, pl);
          if (b->src_len == 1)
            for (int d = -1; d <= 0; d++)
              add_pseudo_label (dp, skeys, tkeys, BEAD_1_1, s, u + d, 0.0, pl);
          else
            for (int d = -1; d <= 0; d++)
              add_pseudo_label (dp, skeys, tkeys, BEAD_1_1, s + d, u, 0.0, pl);
        }
      else if ((b->src_len == 1 && b->tgt_len == 2) || (b->src_len == 2 && b->tgt_len == 1))
        {
          add_pseudo_label (dp, skeys, tkeys, bitext_align__bead_shape (b), s, u, 1.0, pl);
          for (guint x = 0; x < b->src_len; x++)
            for (guint y = 0; y < b->tgt_len; y++)
              add_pseudo_label (dp, skeys, tkeys, BEAD_1_1, s + x, u + y, 0.0, pl);
        }
    }
  double r = bitext_align__lex_weight_from_pairs (rest, lex, label);
  g_autoptr(GArray) cost = g_array_sized_new (FALSE, FALSE, sizeof (double), rest->len);
  for (guint k = 0; k < rest->len; k++)
    {
      double c = g_array_index (rest, double, k) + r * g_array_index (lex, double, k);
      g_array_append_val (cost, c);
    }
  bitext_align__temperature_from_pairs (cost, label, out);
  out->lex_w = r;
}

/*
** The logistic of @label on @cost with its prior (see
** bitext_align__fit_temperature()): centred on the labels' log-odds and
** a slope of -1, holding the information of one pair there. FALSE
** without both labels.
*/
static gboolean
logistic_setup (Logistic *lg, const GArray *cost, const GArray *label)
{
  double n_pos = 0.0;
  for (guint k = 0; k < label->len; k++)
    n_pos += g_array_index (label, double, k);
  if (!(n_pos > 0.0 && n_pos < label->len))
    return FALSE;
  *lg = (Logistic) { .cost = cost, .label = label };
  lg->m[0] = log (n_pos / (label->len - n_pos));
  lg->m[1] = -1.0;
  information (lg, lg->m[0], lg->m[1], lg->P);
  for (guint c = 0; c < 4; c++)
    lg->P[c] /= label->len;
  return TRUE;
}

/*
** The log posterior, at its mode, of the logistic of @label on the cost
** @rest + @r @lex (written into @cost), or -INFINITY when it cannot be
** fitted.
*/
static double
profile_at (const GArray *rest, const GArray *lex, const GArray *label, double r, GArray *cost)
{
  g_array_set_size (cost, rest->len);
  for (guint k = 0; k < rest->len; k++)
    g_array_index (cost, double, k) = g_array_index (rest, double, k)
                                      + r * g_array_index (lex, double, k);
  Logistic lg;
  double a, b, var_b;
  if (!logistic_setup (&lg, cost, label) || !fit_logistic (&lg, &a, &b, &var_b))
    return -INFINITY;
  return log_posterior (&lg, a, b);
}

/*
** The weight of the lexical part of the bead cost against the rest
** (length, shape prior, paragraphs), from the same pseudo-labels as the
** temperature: @rest and @lex are each pair's two parts, @label its label.
** The bead cost adds the log-likelihood ratios of its evidence as if they
** were independent, and the lexical ones are not: the matched words of a
** pair come in runs (a sentence rich in dictionary words matches many,
** one without matches none, translation or not), so a sum over words
** overstates what they say, and more so the more words a dictionary
** matches. So the weight r of the lexical part is estimated as a
** coefficient of the logistic (Platt 1999's calibration, one coefficient
** per source of evidence): r is the value in [0, 1] at which the
** logistic on rest + r lex fits the labels best (the profile of its log
** posterior, maximised by golden-section search to 1e-3). The weight is
** not raised above 1 (evidence is not sharpened, as the temperature is
** kept at 1 or more); 1 without lexical costs or without both labels.
*/
double
bitext_align__lex_weight_from_pairs (const GArray *rest, const GArray *lex, const GArray *label)
{
  gboolean any = FALSE;
  for (guint k = 0; k < lex->len && !any; k++)
    any = g_array_index (lex, double, k) != 0.0;
  if (!any)
    return 1.0;
  g_autoptr(GArray) cost = g_array_new (FALSE, FALSE, sizeof (double));
  const double phi = 0.6180339887498949;
  double lo = 0.0, hi = 1.0;
  double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
  double f1 = profile_at (rest, lex, label, x1, cost), f2 = profile_at (rest, lex, label, x2, cost);
  if (f1 == -INFINITY && f2 == -INFINITY)
    return 1.0;
  while (hi - lo > 1e-3)
    {
      if (f1 < f2)
        {
          lo = x1;
          x1 = x2;
          f1 = f2;
          x2 = lo + phi * (hi - lo);
          f2 = profile_at (rest, lex, label, x2, cost);
        }
      else
        {
          hi = x2;
          x2 = x1;
          f2 = f1;
          x1 = hi - phi * (hi - lo);
          f1 = profile_at (rest, lex, label, x1, cost);
        }
    }
  double r = (lo + hi) / 2.0;
  g_debug ("align: lexical cost weight %.3f from %u pairs", r, label->len);
  return r;
}

/*
** The temperatures of the posterior and their weights, from
** beads with their costs (@cost) and labels (@label, 1 for a
** translation, 0 for not, in between for a soft label): see
** bitext_align__fit_temperature(). Without both labels, or when the
** information is singular, one temperature of 1.
*/
void
bitext_align__temperature_from_pairs (const GArray *cost, const GArray *label,
                                      AlignTemperature *out)
{
  out->n = 1;
  out->t[0] = 1.0;
  out->w[0] = 1.0;
  out->lex_w = 1.0;
  Logistic lg;
  double a, b, var_b;
  if (!logistic_setup (&lg, cost, label) || !fit_logistic (&lg, &a, &b, &var_b))
    return;
  static const double node[3] = { -1.7320508075688772, 0.0, 1.7320508075688772 };
  static const double weight[3] = { 1.0 / 6.0, 2.0 / 3.0, 1.0 / 6.0 };
  out->n = 3;
  for (guint k = 0; k < 3; k++)
    {
      double bk = b + node[k] * sqrt (var_b);
      out->t[k] = bk < 0.0 ? CLAMP (-1.0 / bk, 1.0, 100.0) : 100.0;
      out->w[k] = weight[k];
    }
  g_debug ("align: posterior temperatures %.2f %.2f %.2f from %u pairs", out->t[0], out->t[1],
           out->t[2], label->len);
}

/*
** The share of the document's expected wrong beads that the low mark
** holds: issue 12's promise to the reviewer, that the marked beads hold
** 60% of the wrong ones (item 5, "the low mark catches >= 60% of the
** wrong beads"). A product requirement, not a value fitted to a text.
*/
#define LOW_MARK_SHARE 0.6

/* Bead indices by score, lowest first; ties in text order. */
static int
cmp_by_score (const void *a, const void *b, void *data)
{
  const BitextBead *beads = data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  double sx = beads[x].score, sy = beads[y].score;
  if (sx != sy)
    return sx < sy ? -1 : 1;
  return (x > y) - (x < y);
}

/*
** Set each bead's low mark. The posterior says how likely each bead is
** to be wrong (1 - score), and their sum is the number of wrong beads
** the document is expected to hold. The mark goes to the least confident
** beads, in order, until the marked beads hold LOW_MARK_SHARE of that
** expected number: read as probabilities, the mark then catches that
** share of the wrong beads, whatever the document's error rate (a fixed
** threshold on the score marks nothing on a text whose wrong beads score
** between 1/2 and its usual 0.97, and too much on a hard one). A bead
** whose chance of being wrong is no more than the document's average is
** never marked: when the doubt is spread evenly, no bead stands out, and
** the share cannot be held by a few. Beads scoring below @low (more
** likely wrong than right at the default 1/2) are always marked.
*/
void
bitext_align__mark_low (GArray *beads, double low)
{
  guint n = beads->len;
  BitextBead *b = (BitextBead *) (void *) beads->data;
  double expected = 0.0;
  for (guint k = 0; k < n; k++)
    {
      b[k].low_confidence = b[k].score < low;
      expected += 1.0 - b[k].score;
    }
  if (n == 0 || !(expected > 0.0))
    return;
  g_autofree guint *order = g_new (guint, n);
  for (guint k = 0; k < n; k++)
    order[k] = k;
  g_qsort_with_data (order, n, sizeof (guint), cmp_by_score, b);
  double held = 0.0, average = expected / n;
  for (guint k = 0; k < n && held < LOW_MARK_SHARE * expected; k++)
    {
      BitextBead *x = &b[order[k]];
      if (1.0 - x->score <= average)
        break;
      x->low_confidence = TRUE;
      held += 1.0 - x->score;
    }
}
