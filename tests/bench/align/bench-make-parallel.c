/* bench-make-parallel — a large parallel text with its gold alignment, made of real documents.
 *
 * Usage: bench-make-parallel --sentences N [--seed S] [--drop P] [--merge P] OUT DOC...
 *
 * Each DOC is a path prefix with DOC.de, DOC.fr (one sentence a line) and
 * DOC.defr (gold beads, `[i, j]:[k]`), as in the Text+Berg set; --src,
 * --tgt and --gold change the suffixes. The documents are concatenated, in
 * order and over and over, until the source side holds at least N
 * sentences (whole documents only). The target side is disturbed so that
 * the aligner cannot follow a diagonal: each target sentence is dropped
 * with probability --drop (the source sentence becomes a 1-0 bead), or
 * else joined to the previous target sentence of the same document with
 * probability --merge (a 1-1 becomes a 2-1). The gold beads are carried
 * along: shifted, with dropped sentences removed and merged ones counted
 * once. Writes OUT.src, OUT.tgt and OUT.gold, each under a temporary name
 * renamed at the end. The same arguments give the same bytes (GRand is a
 * Mersenne Twister).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

static int opt_sentences = 10000;
static int opt_seed = 20261126;
static double opt_drop = 0.01;
static double opt_merge = 0.02;
static char *opt_src = NULL;
static char *opt_tgt = NULL;
static char *opt_gold = NULL;
static char **opt_args;

static const GOptionEntry entries[] = {
  { "sentences", 'n', 0, G_OPTION_ARG_INT, &opt_sentences,
    "Source sentences to reach, at least (10000)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the random drops and merges", "S" },
  { "drop", 0, 0, G_OPTION_ARG_DOUBLE, &opt_drop, "Probability to drop a target sentence (0.01)",
    "P" },
  { "merge", 0, 0, G_OPTION_ARG_DOUBLE, &opt_merge,
    "Probability to join a target sentence to the previous one (0.02)", "P" },
  { "src", 0, 0, G_OPTION_ARG_STRING, &opt_src, "Source suffix (de)", "EXT" },
  { "tgt", 0, 0, G_OPTION_ARG_STRING, &opt_tgt, "Target suffix (fr)", "EXT" },
  { "gold", 0, 0, G_OPTION_ARG_STRING, &opt_gold, "Gold suffix (defr)", "EXT" },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_args, NULL, "OUT DOC…" },
  { NULL }
};

typedef struct
{
  char **src;               /* lines */
  char **tgt;
  GPtrArray *gold;          /* GArray of guint per bead side: src at 2k, tgt at 2k+1 */
} Doc;

static char **
read_lines (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  if (!g_file_get_contents (path, &data, NULL, error))
    return NULL;
  gsize len = strlen (data);
  if (len > 0 && data[len - 1] == '\n')
    data[len - 1] = '\0';
  return g_strsplit (data, "\n", -1);
}

/* Indices of a side "[1, 2]" (no validation: the gold files are trusted here). */
static GArray *
parse_side (const char *side)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (guint));
  for (const char *p = side; *p != '\0' && *p != ']'; p++)
    if (g_ascii_isdigit (*p))
      {
        char *end;
        guint id = (guint) g_ascii_strtoull (p, &end, 10);
        g_array_append_val (ids, id);
        p = end - 1;
      }
  return ids;
}

static gboolean
load_doc (const char *prefix, Doc *doc, GError **error)
{
  g_autofree char *src = g_strdup_printf ("%s.%s", prefix, opt_src);
  g_autofree char *tgt = g_strdup_printf ("%s.%s", prefix, opt_tgt);
  g_autofree char *gold = g_strdup_printf ("%s.%s", prefix, opt_gold);
  doc->src = read_lines (src, error);
  doc->tgt = doc->src != NULL ? read_lines (tgt, error) : NULL;
  g_auto(GStrv) beads = doc->tgt != NULL ? read_lines (gold, error) : NULL;
  if (beads == NULL)
    return FALSE;
  doc->gold = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (char **b = beads; *b != NULL; b++)
    {
      const char *colon = strstr (*b, "]:[");
      if (colon == NULL)
        continue;
      g_ptr_array_add (doc->gold, parse_side (*b));
      g_ptr_array_add (doc->gold, parse_side (colon + 2));
    }
  return TRUE;
}

typedef struct
{
  FILE *src, *tgt, *gold;
  GRand *rand;
  guint n_src, n_tgt;       /* lines written so far */
  GString *pending;         /* the last target line, held back in case the next joins it */
} Out;

static void
flush_pending (Out *o)
{
  if (o->pending->len == 0)
    return;
  fputs (o->pending->str, o->tgt);
  fputc ('\n', o->tgt);
  g_string_truncate (o->pending, 0);
}

static void
write_side (FILE *f, const GArray *ids, const int *map, guint base)
{
  fputc ('[', f);
  int last = -1;
  gboolean first = TRUE;
  for (guint k = 0; k < ids->len; k++)
    {
      guint id = g_array_index (ids, guint, k);
      int v = map != NULL ? map[id] : (int) (base + id);
      if (v < 0 || v == last)
        continue;
      fprintf (f, first ? "%d" : ", %d", v);
      first = FALSE;
      last = v;
    }
  fputc (']', f);
}

/* One copy of @doc: its source lines, its disturbed target lines, its shifted gold beads. */
static void
write_doc (Out *o, const Doc *doc)
{
  guint base = o->n_src;
  for (char **l = doc->src; *l != NULL; l++, o->n_src++)
    fprintf (o->src, "%s\n", *l);
  guint n_tgt = g_strv_length (doc->tgt);
  g_autofree int *map = g_new (int, n_tgt);
  gboolean can_merge = FALSE;
  for (guint k = 0; k < n_tgt; k++)
    {
      if (g_rand_double (o->rand) < opt_drop)
        {
          map[k] = -1;
          continue;
        }
      if (can_merge && g_rand_double (o->rand) < opt_merge)
        {
          g_string_append_printf (o->pending, " %s", doc->tgt[k]);
          map[k] = (int) o->n_tgt - 1;
          can_merge = FALSE;            /* at most two sentences in one line */
          continue;
        }
      flush_pending (o);
      g_string_assign (o->pending, doc->tgt[k]);
      map[k] = (int) o->n_tgt++;
      can_merge = TRUE;
    }
  flush_pending (o);
  for (guint b = 0; b + 1 < doc->gold->len; b += 2)
    {
      const GArray *s = g_ptr_array_index (doc->gold, b), *t = g_ptr_array_index (doc->gold, b + 1);
      gboolean any_tgt = FALSE;
      for (guint k = 0; k < t->len && !any_tgt; k++)
        any_tgt = map[g_array_index (t, guint, k)] >= 0;
      if (s->len == 0 && !any_tgt)
        continue;
      write_side (o->gold, s, NULL, base);
      fputc (':', o->gold);
      write_side (o->gold, t, map, 0);
      fputc ('\n', o->gold);
    }
}

static FILE *
open_tmp (const char *out, const char *ext, char **tmp, GError **error)
{
  *tmp = g_strdup_printf ("%s.%s.tmp", out, ext);
  FILE *f = fopen (*tmp, "w");
  if (f == NULL)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", *tmp,
                 g_strerror (errno));
  return f;
}

static gboolean
commit (FILE *f, const char *tmp, const char *out, const char *ext, GError **error)
{
  g_autofree char *final = g_strdup_printf ("%s.%s", out, ext);
  if (fclose (f) != 0 || g_rename (tmp, final) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", final,
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("OUT DOC…");
  g_option_context_add_main_entries (context, entries, NULL);
  g_autoptr(GError) error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_args == NULL
      || g_strv_length (opt_args) < 2)
    {
      fprintf (stderr, "bench-make-parallel: %s\n",
               error != NULL ? error->message : "usage: bench-make-parallel [OPTION…] OUT DOC…");
      return 2;
    }
  opt_src = opt_src != NULL ? opt_src : (char *) "de";
  opt_tgt = opt_tgt != NULL ? opt_tgt : (char *) "fr";
  opt_gold = opt_gold != NULL ? opt_gold : (char *) "defr";
  guint n_docs = g_strv_length (opt_args) - 1;
  g_autofree Doc *docs = g_new0 (Doc, n_docs);
  for (guint d = 0; d < n_docs; d++)
    if (!load_doc (opt_args[d + 1], &docs[d], &error))
      {
        fprintf (stderr, "bench-make-parallel: %s\n", error->message);
        return 2;
      }
  const char *out = opt_args[0];
  g_autofree char *tsrc = NULL, *ttgt = NULL, *tgold = NULL;
  Out o = { .rand = g_rand_new_with_seed ((guint32) opt_seed), .pending = g_string_new (NULL) };
  o.src = open_tmp (out, "src", &tsrc, &error);
  o.tgt = o.src != NULL ? open_tmp (out, "tgt", &ttgt, &error) : NULL;
  o.gold = o.tgt != NULL ? open_tmp (out, "gold", &tgold, &error) : NULL;
  if (o.gold == NULL)
    {
      fprintf (stderr, "bench-make-parallel: %s\n", error->message);
      return 2;
    }
  while (o.n_src < (guint) opt_sentences)
    for (guint d = 0; d < n_docs && o.n_src < (guint) opt_sentences; d++)
      write_doc (&o, &docs[d]);
  if (!commit (o.src, tsrc, out, "src", &error) || !commit (o.tgt, ttgt, out, "tgt", &error)
      || !commit (o.gold, tgold, out, "gold", &error))
    {
      fprintf (stderr, "bench-make-parallel: %s\n", error->message);
      return 2;
    }
  printf ("%s: %u source and %u target sentences\n", out, o.n_src, o.n_tgt);
  g_rand_free (o.rand);
  g_string_free (o.pending, TRUE);
  for (guint d = 0; d < n_docs; d++)
    {
      g_strfreev (docs[d].src);
      g_strfreev (docs[d].tgt);
      g_ptr_array_unref (docs[d].gold);
    }
  return 0;
}
