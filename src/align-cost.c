/* bitext — the aligner's cost model: length, lexical evidence, bead priors, all as tables. */
#include <math.h>
#include <string.h>

#include "align-private.h"

const guint8 bitext_align__bead_a[N_BEAD_TYPES] = { 1, 1, 0, 2, 1, 2, 3, 1 };
const guint8 bitext_align__bead_b[N_BEAD_TYPES] = { 1, 0, 1, 1, 2, 2, 1, 3 };

/* The shape of @b, or N_BEAD_TYPES for one the aligner does not make. */
guint
bitext_align__bead_shape (const BitextBead *b)
{
  for (guint t = 0; t < N_BEAD_TYPES; t++)
    if (bitext_align__bead_a[t] == b->src_len && bitext_align__bead_b[t] == b->tgt_len)
      return t;
  return N_BEAD_TYPES;
}

/*
** Bead priors of Gale & Church (1993), Table 5: 1-1 0.89, 1-0 or 0-1
** 0.0099, 2-1 or 1-2 0.089, 2-2 0.011 (each pair split evenly between its
** two directions). They saw no 3-1 or 1-3 beads; we give those the 2-2
** figure split in two, the next rarer shape.
*/
static const double gale_church_prior[N_BEAD_TYPES] = {
  0.89, 0.0099 / 2, 0.0099 / 2, 0.089 / 2, 0.089 / 2, 0.011, 0.011 / 2, 0.011 / 2,
};

/* Gale & Church (1993), s^2 for English-German/French, per character of the source. */
#define GALE_CHURCH_VARIANCE 6.8

/* The weight of a prior, in beads, against the counts of the text (see bitext_align__model_estimate). */
#define PRIOR_BEADS 100.0
/* The least share of 1-1 beads whose lengths are not Gale & Church's normal. */
#define EPS_PRIOR 0.01

/* The median of a chi-square variable with one degree of freedom (z^2 for z ~ N(0,1)). */
#define CHI2_1_MEDIAN 0.45494

double
bitext_align__length_z (const AlignModel *model, double ls, double lt)
{
  double mean = (ls + lt / model->ratio) / 2.0;
  if (mean <= 0.0)
    return 0.0;
  return (lt - model->ratio * ls) / sqrt (model->variance * mean);
}

/* Refresh the single-precision copies after ratio or variance changed. */
void
bitext_align__model_sync (AlignModel *model)
{
  model->ratio_f = (float) model->ratio;
  model->inv_ratio = (float) (1.0 / model->ratio);
  model->half_variance = (float) (model->variance / 2.0);
  model->inv_sd[0] = 0.0f;
  for (guint k = 1; k < INV_SD_SIZE; k++)
    model->inv_sd[k] = (float) (1.0 / sqrt (model->variance / 2.0 * k));
}

static void
set_priors (AlignModel *model, const double p[N_BEAD_TYPES])
{
  for (guint t = 0; t < N_BEAD_TYPES; t++)
    model->prior[t] = (float) -log (p[t]);
}

/*
** The classic model, used for the first pass: the cost of a length
** difference is -log P(|Z| >= |z|) = -log erfc(|z|/sqrt 2), deletions pay
** for their length like any bead, and no lexical evidence is used.
*/
void
bitext_align__model_init_gale_church (AlignModel *model, double ratio)
{
  memset (model, 0, sizeof *model);
  model->ratio = ratio > 0.0 ? ratio : 1.0;
  model->variance = GALE_CHURCH_VARIANCE * model->ratio;
  bitext_align__model_sync (model);
  for (guint i = 0; i < LEN_TABLE_SIZE; i++)
    {
      double z = i / LEN_TABLE_STEP;
      double p = erfc (z / G_SQRT2);
      model->len_cost[i] = (float) (p > 1e-300 ? -log (p) : 690.0);
    }
  set_priors (model, gale_church_prior);
  model->para_penalty = model->prior[BEAD_1_0];
  model->break_cost[0] = model->break_cost[1] = 0.0f;
  model->use_lex = FALSE;
  model->del_length = TRUE;
}

/* ---- estimation ---- */

#define Z_BINS 64
#define Z_BIN_WIDTH 0.25

static guint
size_bin (guint k)
{
  /* 1-2, 3-4, 5-8, 9-16, 17-32, 33+ keys in the bead. */
  if (k <= 2)
    return 0;
  if (k <= 4)
    return 1;
  if (k <= 8)
    return 2;
  if (k <= 16)
    return 3;
  if (k <= 32)
    return 4;
  return 5;
}
#define N_SIZE_BINS 6

static guint
dice_bin (guint m, guint k)
{
  /* 0, then tenths: (0, 0.1], (0.1, 0.2], ... */
  if (m == 0)
    return 0;
  double d = MIN (1.0, 2.0 * m / k);
  guint b = (guint) ceil (d * 10.0 - 1e-9);
  return MAX (1u, MIN (b, 10u));
}
#define N_DICE_BINS 11

/*
** Estimate the length cost as the log-likelihood ratio of a bead's length
** z-score between translations and unrelated neighbouring sentences. The
** translation density is a half-normal contaminated by the unrelated one
** in the proportion of outliers the first pass saw beyond |z| = 2.5: long
** notes and omissions make real texts heavier-tailed than Gale & Church's
** normal. The cost is made non-decreasing in |z|.
*/
static void
estimate_length (AlignModel *model, const GArray *za, const GArray *zr)
{
  double hist[Z_BINS + 1];
  for (guint b = 0; b <= Z_BINS; b++)
    hist[b] = 0.5;
  for (guint i = 0; i < zr->len; i++)
    {
      double z = fabs (g_array_index (zr, double, i));
      guint b = (guint) (z / Z_BIN_WIDTH);
      hist[MIN (b, (guint) Z_BINS)] += 1.0;
    }
  double total = 0.0;
  for (guint b = 0; b <= Z_BINS; b++)
    total += hist[b];
  guint outliers = 0;
  for (guint i = 0; i < za->len; i++)
    outliers += fabs (g_array_index (za, double, i)) > 2.5;
  /* 1.24% of a normal lies beyond 2.5 sigma. The excess is shrunk towards
  ** EPS_PRIOR, which weighs as much as PRIOR_BEADS beads: a handful of
  ** beads, one of them an error of the previous pass, must not flatten the
  ** length cost. */
  double excess = MAX (0.0, outliers - 0.0124 * za->len);
  double eps = (excess + PRIOR_BEADS * EPS_PRIOR) / (za->len + PRIOR_BEADS);
  eps = CLAMP (eps, EPS_PRIOR, 0.5);
  float prev = -G_MAXFLOAT;
  for (guint i = 0; i < LEN_TABLE_SIZE; i++)
    {
      double z = i / LEN_TABLE_STEP;
      guint b = MIN ((guint) (z / Z_BIN_WIDTH), (guint) Z_BINS);
      double width = b < Z_BINS ? Z_BIN_WIDTH : 8.0;
      double pr = hist[b] / (total * width);
      double pn = 2.0 * exp (-z * z / 2.0) / sqrt (2.0 * G_PI);
      double pa = (1.0 - eps) * pn + eps * pr;
      float c = (float) -log (pa / pr);
      prev = MAX (prev, c);
      model->len_cost[i] = prev;
    }
}

/*
** P(Dice bin | k keys) when each of the floor(k/2) pairs that a bead of k
** keys can form matches with probability @theta, independently.
*/
static void
binomial_dice (double theta, guint k, double out[N_DICE_BINS])
{
  guint trials = MAX (1u, k / 2);
  memset (out, 0, N_DICE_BINS * sizeof (double));
  /* P(m + 1) = P(m) (trials - m) theta / ((m + 1)(1 - theta)). */
  double pm = pow (1.0 - theta, trials);
  for (guint m = 0; m <= trials; m++)
    {
      out[dice_bin (m, k)] += pm;
      pm *= (double) (trials - m) * theta / ((m + 1) * (1.0 - theta));
    }
}

/*
** Estimate the lexical cost of m shared keys among k keys in a bead as
** the log-likelihood ratio of the Dice coefficient 2m/k between
** translations and unrelated sentences, conditioned on the bead's size
** class (no match among 2 keys says little; among 40 it says a lot).
**
** Each distribution is a histogram over its sample (translations: the
** previous pass's 1-1 beads; chance: the unrelated pairs, on a short text
** all n x m of them), per size class, smoothed with kappa pseudo-pairs
** drawn from the distribution pooled over the classes. The pooled
** distribution is in turn shrunk towards a parametric prior with the
** weight kappa / (kappa + n) against the n pairs of the sample (Bayesian
** shrinkage): on a long text the counts decide, on a short one, whose
** handful of beads says little, the prior carries the model. The prior
** assumes that the floor(k/2) pairs a bead of k keys can form match
** independently at one rate, binomially: theta for translations, theta_r
** by chance, each a single number estimated from its own sample
** (2 sum(m) / sum(k); theta with a prior, see below), theta never
** below theta_r: that translations share cognates, numbers and names at
** a rate well above chance is the premise of anchor-based alignment
** (Simard, Foster & Isabelle 1992), and a pass whose beads show no more
** is no evidence against it. A share EPS_PRIOR of translations is loose
** and follows the chance distribution. The cost is made non-increasing
** in m.
*/
static void
estimate_lexical (AlignModel *model, const AlignSample *sample)
{
  const GArray *la = sample->lex_aligned, *lr = sample->lex_random;
  double a[N_SIZE_BINS][N_DICE_BINS] = { { 0 } }, r[N_SIZE_BINS][N_DICE_BINS] = { { 0 } };
  double na[N_SIZE_BINS] = { 0 }, nr[N_SIZE_BINS] = { 0 };
  double ea[N_DICE_BINS], er[N_DICE_BINS];
  double sum_m[2] = { 0 }, sum_k[2] = { 0 };
  /* Half a pair in every bin: no Dice is impossible. */
  for (guint d = 0; d < N_DICE_BINS; d++)
    ea[d] = er[d] = 0.5;
  const GArray *src[2] = { la, lr };
  for (guint w = 0; w < 2; w++)
    for (guint i = 0; i < src[w]->len; i++)
      {
        guint32 v = g_array_index (src[w], guint32, i);
        guint m = v >> 16, k = v & 0xffff;
        if (k == 0)
          continue;
        guint s = size_bin (k), d = dice_bin (m, k);
        sum_m[w] += MIN (m, k);
        sum_k[w] += k;
        if (w == 0)
          a[s][d] += 1, na[s] += 1, ea[d] += 1;
        else
          r[s][d] += 1, nr[s] += 1, er[d] += 1;
      }
  double ta = 0, tr = 0, n_a = 0, n_r = 0;
  for (guint d = 0; d < N_DICE_BINS; d++)
    ta += ea[d], tr += er[d];
  for (guint s = 0; s < N_SIZE_BINS; s++)
    n_a += na[s], n_r += nr[s];
  /* Each rate smoothed by half a match in one key. */
  double theta_r = CLAMP ((2.0 * sum_m[1] + 0.5) / (sum_k[1] + 1.0), 0.001, 0.45);
  /* Pseudo-pairs: ten beads' worth. */
  const double kappa = 10.0;
  /* The translations' rate has a beta prior of kappa beads' worth of keys
  ** (at least one key) centred on the rate within windows of the pass
  ** (sample_windows() in align.c), which a pass's local errors do not
  ** bias: on a short text whose first pass, by lengths alone, paired the
  ** wrong sentences, the few 1-1 beads share nothing and would set the
  ** rate to chance's, and the lexical evidence to nothing. */
  double theta0 = (2.0 * sample->window_m + 0.5) / (sample->window_k + 1.0);
  double w0 = MAX (1.0, kappa * sample->window_k / MAX (1.0, (double) sample->window_beads));
  double theta = (2.0 * sum_m[0] + w0 * theta0) / (sum_k[0] + w0);
  theta = CLAMP (MAX (theta, theta_r), 0.002, 0.95);
  g_debug ("align: key match rates: translations %.3f (windows %.3f), chance %.3f", theta, theta0,
           theta_r);
  double wa = kappa / (kappa + n_a), wr = kappa / (kappa + n_r);
  for (guint k = 1; k < LEX_MAX_K; k++)
    {
      guint s = size_bin (k);
      double pa[N_DICE_BINS], pr[N_DICE_BINS];
      binomial_dice (theta_r, k, pr);
      binomial_dice (theta, k, pa);
      for (guint d = 0; d < N_DICE_BINS; d++)
        {
          pr[d] = wr * pr[d] + (1.0 - wr) * er[d] / tr;
          pa[d] = wa * ((1.0 - EPS_PRIOR) * pa[d] + EPS_PRIOR * pr[d]) + (1.0 - wa) * ea[d] / ta;
        }
      float prev = G_MAXFLOAT;
      guint prev_d = G_MAXUINT;
      for (guint m = 0; m < LEX_MAX_M; m++)
        {
          guint d = dice_bin (MIN (m, k), k);
          if (d != prev_d)
            {
              double qa = (a[s][d] + kappa * pa[d]) / (na[s] + kappa);
              double qr = (r[s][d] + kappa * pr[d]) / (nr[s] + kappa);
              prev = MIN (prev, (float) CLAMP (-log (qa / qr), -12.0, 12.0));
              prev_d = d;
            }
          model->lex_cost[m][k] = prev;
        }
    }
  for (guint m = 0; m < LEX_MAX_M; m++)
    model->lex_cost[m][0] = 0.0f;
}

/*
** Paragraphs. A translation keeps the paragraphs of its original more
** often than not (Gale & Church 1993 aligned the paragraphs of their
** texts first, then the sentences inside them), so a bead that takes the
** first sentence of a paragraph on one side should start one on the
** other side too (bitext_align__break_cost()). Among the beads of the
** pass that take the first sentence of a paragraph, the share that start
** a paragraph of one text only is estimated with Jeffreys's prior,
** Beta(1/2, 1/2); by chance, were the paragraph starts of the two texts
** independent at the pass's beads, it would be (p + q - 2pq) /
** (p + q - pq), p and q the shares of the beads that start at a
** paragraph of each text. The cost of either outcome is its
** log-likelihood ratio. Paragraphs are taken to correspond at least as
** often as chance has it: two texts whose paragraphs do not correspond,
** or that have none, get no cost.
*/
static void
estimate_breaks (AlignModel *model, const AlignSample *sample)
{
  model->break_cost[0] = model->break_cost[1] = 0.0f;
  if (sample->break_any == 0)
    return;
  double qa = (sample->break_one + 0.5) / (sample->break_any + 1.0);
  double p = (double) sample->starts_src / sample->starts_all;
  double q = (double) sample->starts_tgt / sample->starts_all;
  double qr = (p + q - 2.0 * p * q) / (p + q - p * q);
  if (qa >= qr)
    return;
  model->break_cost[0] = (float) -log (qa / qr);
  model->break_cost[1] = (float) -log ((1.0 - qa) / (1.0 - qr));
  g_debug ("align: paragraph starts of one text only: translations %.3f, chance %.3f", qa, qr);
}

/*
** Re-estimate @model from a sample drawn from the previous pass. Bead
** priors mix Gale & Church's with the shapes the previous pass found,
** with equal weight (Gale & Church's counting for at least 100 beads, so
** that a short text cannot make a rare shape common). In the estimated model a bead's cost is
** -log P(shape) minus the log-likelihood ratio of its evidence; a 1-0 or
** 0-1 bead has no evidence and pays its prior only.
** The paragraph penalty is the price of a deletion, scaled down by how
** much the two texts' paragraph counts differ.
*/
void
bitext_align__model_estimate (AlignModel *model, const AlignSample *sample, gboolean use_lex,
                              guint n_src_para, guint n_tgt_para)
{
  bitext_align__model_sync (model);
  estimate_length (model, sample->z_aligned, sample->z_random);
  if (use_lex)
    estimate_lexical (model, sample);
  model->use_lex = use_lex;
  model->del_length = FALSE;
  guint total = 0;
  for (guint t = 0; t < N_BEAD_TYPES; t++)
    total += sample->counts[t];
  /* The prior weighs as much as the text's counts, and never less than 100 beads. */
  double alpha = MAX ((double) total, PRIOR_BEADS);
  double p[N_BEAD_TYPES];
  for (guint t = 0; t < N_BEAD_TYPES; t++)
    p[t] = (sample->counts[t] + alpha * gale_church_prior[t]) / (total + alpha);
  set_priors (model, p);
  estimate_breaks (model, sample);
  double agree = (double) MIN (n_src_para, n_tgt_para) / MAX (1u, MAX (n_src_para, n_tgt_para));
  model->para_penalty = (float) (model->prior[BEAD_1_0] * agree);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/*
** The variance of the length model, estimated robustly from the 1-1 beads
** of a pass: the median of (lt - c ls)^2 / mean length, divided by the
** median of a chi-square(1). Returns @fallback with fewer than 10 beads.
*/
double
bitext_align__robust_variance (const AlignSide *src, const AlignSide *tgt, const GArray *beads,
                               double ratio, double fallback)
{
  g_autoptr(GArray) r = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < beads->len; i++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, i);
      if (b->src_len != 1 || b->tgt_len != 1)
        continue;
      double ls = src->len[b->src_start], lt = tgt->len[b->tgt_start];
      double mean = (ls + lt / ratio) / 2.0;
      if (mean <= 0.0)
        continue;
      double d = (lt - ratio * ls);
      double v = d * d / mean;
      g_array_append_val (r, v);
    }
  if (r->len < 10)
    return fallback;
  g_array_sort (r, cmp_double);
  double median = g_array_index (r, double, r->len / 2);
  return median > 0.0 ? median / CHI2_1_MEDIAN : fallback;
}

void
bitext_align__sample_init (AlignSample *s)
{
  memset (s, 0, sizeof *s);
  s->z_aligned = g_array_new (FALSE, FALSE, sizeof (double));
  s->z_random = g_array_new (FALSE, FALSE, sizeof (double));
  s->lex_aligned = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->lex_random = g_array_new (FALSE, FALSE, sizeof (guint32));
}

void
bitext_align__sample_clear (AlignSample *s)
{
  g_clear_pointer (&s->z_aligned, g_array_unref);
  g_clear_pointer (&s->z_random, g_array_unref);
  g_clear_pointer (&s->lex_aligned, g_array_unref);
  g_clear_pointer (&s->lex_random, g_array_unref);
}

/*
** How much more (or less) likely a bead of each kind is after a bead of
** each kind than anywhere, from the path @beads of a pass and the shape
** priors of @model. Added and omitted sentences come in runs (an edition
** adds an appendix, a translator leaves out a passage), which a model of
** independent beads prices as so many separate deletions, each at the
** full deletion prior: a run of five added sentences at the end of a
** text then costs more than spreading the text's last sentences over it.
** So the kinds of consecutive beads form a Markov chain:
**
** - whether a run of added (or omitted) sentences goes on after one of
**   them is a coin about which nothing is known beforehand: its
**   probability has Jeffreys's prior, Beta(1/2, 1/2) (the reference
**   prior of a proportion; Jeffreys 1946), and is estimated at its
**   posterior mean, (runs continued + 1/2) / (deletions of that kind + 1);
**   the rest of that row is shared among the other kinds in proportion
**   to their counts after that kind plus their prior probabilities;
** - after any other bead, a deletion is as likely as it must be for the
**   chain to keep the model's own probability of each kind (its shape
**   priors, estimated as before): P(x | other) = (P(x) - sum over the
**   deletion kinds k of P(x | k) P(k)) / P(other).
**
** delta[k][x] = -log (P(x | k) / P(x)), what a bead of kind x costs
** after one of kind k on top of its prior.
*/
void
bitext_align__runs_estimate (const GArray *beads, const AlignModel *model, AlignRuns *out)
{
  double n[N_RUN_KINDS][N_RUN_KINDS] = { { 0 } }, p[N_RUN_KINDS], q[N_RUN_KINDS][N_RUN_KINDS];
  p[RUN_ADDED] = exp (-model->prior[BEAD_0_1]);
  p[RUN_OMITTED] = exp (-model->prior[BEAD_1_0]);
  p[RUN_OTHER] = 1.0 - p[RUN_ADDED] - p[RUN_OMITTED];
  guint prev = RUN_OTHER;
  for (guint k = 0; k < beads->len; k++)
    {
      guint x = run_kind (bitext_align__bead_shape (&g_array_index (beads, BitextBead, k)));
      if (k > 0)
        n[prev][x] += 1.0;
      prev = x;
    }
  for (guint k = RUN_ADDED; k < N_RUN_KINDS; k++)
    {
      double row = 0.0, rest = 0.0;
      for (guint x = 0; x < N_RUN_KINDS; x++)
        {
          row += n[k][x];
          if (x != k)
            rest += n[k][x] + p[x];
        }
      q[k][k] = (n[k][k] + 0.5) / (row + 1.0);
      for (guint x = 0; x < N_RUN_KINDS; x++)
        if (x != k)
          q[k][x] = (1.0 - q[k][k]) * (n[k][x] + p[x]) / rest;
    }
  double other = 0.0;
  for (guint x = RUN_ADDED; x < N_RUN_KINDS; x++)
    {
      double v = p[x];
      for (guint k = RUN_ADDED; k < N_RUN_KINDS; k++)
        v -= q[k][x] * p[k];
      /* Only a degenerate path (every deletion of one kind right after one of the other)
      ** leaves nothing here; the floor keeps the logarithm finite and such runs possible. */
      q[RUN_OTHER][x] = MAX (v, p[x] * 1e-3) / p[RUN_OTHER];
      other += q[RUN_OTHER][x];
    }
  q[RUN_OTHER][RUN_OTHER] = 1.0 - other;
  for (guint k = 0; k < N_RUN_KINDS; k++)
    for (guint x = 0; x < N_RUN_KINDS; x++)
      out->delta[k][x] = -log (q[k][x] / p[x]);
  g_debug ("align: runs: a bead that is not a deletion, an added sentence, an omitted one "
           "costs %+.2f %+.2f %+.2f after the first, %+.2f %+.2f %+.2f after the second, "
           "%+.2f %+.2f %+.2f after the third", out->delta[0][0], out->delta[0][1],
           out->delta[0][2], out->delta[1][0], out->delta[1][1], out->delta[1][2],
           out->delta[2][0], out->delta[2][1], out->delta[2][2]);
}
