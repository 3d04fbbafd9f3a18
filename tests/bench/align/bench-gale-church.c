/* bench-gale-church — the baseline sentence aligner: plain Gale & Church (1993).
 *
 * Usage: bench-gale-church [--band N] SRC TGT > BEADS
 *
 * SRC and TGT hold one sentence a line. Writes one bead a line in the
 * `[i,j]:[k]` format of `bitext align --format beads`. This is the textbook
 * length-based aligner, kept plain on purpose so that it can serve as the
 * baseline measured in the same run as bitext:
 *
 * - lengths are counted in characters (Unicode code points);
 * - the length model has fixed parameters, c = 1 target character per
 *   source character and s^2 = 6.8 (Gale & Church 1993, sections 4.1-4.2),
 *   never estimated from the text;
 * - the cost of a bead is -log P(shape) - log(2 (1 - Phi(|z|))) with
 *   z = (c l1 - l2) / sqrt(s^2 (l1 + l2 / c) / 2), the form of the paper's
 *   appendix program; 2 (1 - Phi(|z|)) is computed as erfc(|z| / sqrt 2);
 * - bead shapes 1-1, 1-0, 0-1, 2-1, 1-2, 2-2 with the paper's priors
 *   (Table 5: 0.89, 0.0099, 0.089, 0.011), each direction of a category
 *   getting that category's probability, as common ports of the paper do;
 * - every cost is computed in the cell that needs it: no table, no cache.
 *
 * --band 0 (the default) fills the whole (n+1) x (m+1) matrix: time and
 * memory are quadratic. --band N keeps the cells within N sentences of the
 * diagonal j = i m / n (a fixed band that never widens): linear, and wrong
 * wherever the true path strays further than N from the diagonal.
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#define C_RATIO 1.0             /* Gale & Church 1993, 4.1: c, target chars per source char */
#define S2 6.8                  /* Gale & Church 1993, 4.2: s^2, variance per character */
#define BIG_COST 1e6            /* a length pair whose probability underflows */

typedef struct
{
  int ds, dt;                   /* sentences taken from source and target */
  double prior;                 /* Gale & Church 1993, Table 5 */
} Shape;

static const Shape shapes[] = {
  { 1, 1, 0.89 }, { 1, 0, 0.0099 }, { 0, 1, 0.0099 },
  { 2, 1, 0.089 }, { 1, 2, 0.089 }, { 2, 2, 0.011 },
};
#define N_SHAPES G_N_ELEMENTS (shapes)

static int opt_band = 0;
static char **opt_args;

static const GOptionEntry entries[] = {
  { "band", 'b', 0, G_OPTION_ARG_INT, &opt_band,
    "Half-width of a fixed band around the diagonal (0: the full matrix)", "N" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_args, NULL, "SRC TGT" },
  { NULL }
};

/* Character lengths of the lines of @path (the final newline ends the last line). */
static GArray *
read_lengths (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  GArray *lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = data, *end = data + len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *eol = nl != NULL ? nl : end;
      guint n = 0;
      for (const char *q = p; q < eol; q++)
        n += ((guchar) *q & 0xC0) != 0x80;
      g_array_append_val (lengths, n);
      p = nl != NULL ? nl + 1 : end;
    }
  return lengths;
}

/* -log P(length pair | match): two-sided tail of a standard normal at |z|. */
static double
length_cost (guint l1, guint l2)
{
  if (l1 == 0 && l2 == 0)
    return 0.0;
  double mean = (l1 + l2 / C_RATIO) / 2.0;
  double z = fabs ((C_RATIO * l1 - l2) / sqrt (S2 * mean));
  double pd = erfc (z / G_SQRT2);
  return pd > 0.0 ? -log (pd) : BIG_COST;
}

typedef struct
{
  const guint *ls, *lt;         /* sentence lengths */
  guint n, m;
  guint *lo, *hi;               /* row i covers columns lo[i] .. hi[i] */
  gsize *row;                   /* offset of row i in back */
  guint width;                  /* the widest row */
  double *cost[3];              /* D(i, j) of rows i, i-1, i-2 in turn: cost[i % 3] */
  guint8 *back;                 /* the shape that reached (i, j), 255 for none */
} Dp;

static gboolean
in_row (const Dp *dp, guint i, guint j)
{
  return j >= dp->lo[i] && j <= dp->hi[i];
}

static void
set_band (Dp *dp, guint band)
{
  for (guint i = 0; i <= dp->n; i++)
    {
      if (band == 0)
        {
          dp->lo[i] = 0;
          dp->hi[i] = dp->m;
          continue;
        }
      guint64 centre = dp->n == 0 ? 0 : (guint64) i * dp->m / dp->n;
      dp->lo[i] = centre > band ? (guint) (centre - band) : 0;
      dp->hi[i] = MIN ((guint64) dp->m, centre + band);
    }
  dp->hi[dp->n] = dp->m;        /* the end cell is always inside */
  gsize off = 0;
  dp->width = 0;
  for (guint i = 0; i <= dp->n; i++)
    {
      dp->row[i] = off;
      off += dp->hi[i] - dp->lo[i] + 1;
      dp->width = MAX (dp->width, dp->hi[i] - dp->lo[i] + 1);
    }
  dp->row[dp->n + 1] = off;
}

static void
fill_cell (Dp *dp, guint i, guint j)
{
  double best = INFINITY;
  guint8 arg = 255;
  if (i == 0 && j == 0)
    best = 0.0;
  for (guint s = 0; s < N_SHAPES; s++)
    {
      int ds = shapes[s].ds, dt = shapes[s].dt;
      if ((int) i < ds || (int) j < dt || !in_row (dp, i - ds, j - dt))
        continue;
      double prev = dp->cost[(i - ds) % 3][j - dt - dp->lo[i - ds]];
      if (isinf (prev))
        continue;
      guint l1 = 0, l2 = 0;
      for (int k = 1; k <= ds; k++)
        l1 += dp->ls[i - k];
      for (int k = 1; k <= dt; k++)
        l2 += dp->lt[j - k];
      double c = prev + length_cost (l1, l2) - log (shapes[s].prior);
      if (c < best)
        {
          best = c;
          arg = (guint8) s;
        }
    }
  dp->cost[i % 3][j - dp->lo[i]] = best;
  dp->back[dp->row[i] + (j - dp->lo[i])] = arg;
}

static void
print_side (GString *out, guint from, guint count)
{
  g_string_append_c (out, '[');
  for (guint k = 0; k < count; k++)
    g_string_append_printf (out, k > 0 ? ",%u" : "%u", from + k);
  g_string_append_c (out, ']');
}

/* Follow the back pointers from (n, m) and print the beads in order. */
static gboolean
print_path (const Dp *dp)
{
  GArray *path = g_array_new (FALSE, FALSE, sizeof (guint8));
  guint i = dp->n, j = dp->m;
  while (i > 0 || j > 0)
    {
      guint8 s = dp->back[dp->row[i] + (j - dp->lo[i])];
      if (s == 255)
        {
          g_array_unref (path);
          return FALSE;
        }
      g_array_append_val (path, s);
      i -= shapes[s].ds;
      j -= shapes[s].dt;
    }
  g_autoptr(GString) out = g_string_new (NULL);
  for (guint k = path->len; k-- > 0;)
    {
      const Shape *sh = &shapes[g_array_index (path, guint8, k)];
      print_side (out, i, sh->ds);
      g_string_append_c (out, ':');
      print_side (out, j, sh->dt);
      g_string_append_c (out, '\n');
      i += sh->ds;
      j += sh->dt;
      if (out->len > 1 << 16)
        {
          fwrite (out->str, 1, out->len, stdout);
          g_string_truncate (out, 0);
        }
    }
  fwrite (out->str, 1, out->len, stdout);
  g_array_unref (path);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("SRC TGT");
  g_option_context_set_summary (context, "Align two files of one sentence a line with plain "
                                         "Gale & Church (1993); print beads.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_args == NULL
      || g_strv_length (opt_args) != 2 || opt_band < 0)
    {
      fprintf (stderr, "bench-gale-church: %s\n",
               error != NULL ? error->message : "usage: bench-gale-church [--band N] SRC TGT");
      return 2;
    }
  g_autoptr(GArray) ls = read_lengths (opt_args[0], &error);
  g_autoptr(GArray) lt = ls != NULL ? read_lengths (opt_args[1], &error) : NULL;
  if (lt == NULL)
    {
      fprintf (stderr, "bench-gale-church: %s\n", error->message);
      return 2;
    }
  Dp dp = { .ls = (const guint *) (void *) ls->data, .lt = (const guint *) (void *) lt->data,
            .n = ls->len, .m = lt->len };
  dp.lo = g_new (guint, dp.n + 1);
  dp.hi = g_new (guint, dp.n + 1);
  dp.row = g_new (gsize, dp.n + 2);
  set_band (&dp, (guint) opt_band);
  for (int r = 0; r < 3; r++)
    dp.cost[r] = g_new (double, dp.width);
  dp.back = g_new (guint8, dp.row[dp.n + 1]);
  for (guint i = 0; i <= dp.n; i++)
    for (guint j = dp.lo[i]; j <= dp.hi[i]; j++)
      fill_cell (&dp, i, j);
  gboolean ok = print_path (&dp);
  if (!ok)
    fprintf (stderr, "bench-gale-church: no path within the band (try a wider --band)\n");
  g_free (dp.lo);
  g_free (dp.hi);
  g_free (dp.row);
  for (int r = 0; r < 3; r++)
    g_free (dp.cost[r]);
  g_free (dp.back);
  return ok ? 0 : 1;
}
