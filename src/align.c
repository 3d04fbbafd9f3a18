/* bitext — the bead aligner: banded dynamic programming in three passes. */
#include <math.h>
#include <string.h>

#include <bitext/glossary.h>

#include "align-private.h"
#include "dictd-private.h"
#include "terms-private.h"

struct _BitextAligner
{
  BitextAlignOptions options;
  char *src_lang;
  char *tgt_lang;
  AlignLex *src_lex;
  AlignLex *tgt_lex;
  AlignDict dict;
  guint last_band;
  guint64 max_band_cells;   /* tests: the first pass's band limit (0: MAX_BAND_CELLS) */
  guint post_thread_beads;  /* tests: beads from which the posterior takes two threads (0: default) */
};

/* Tests: make the first pass's band limit @cells (0: MAX_BAND_CELLS). */
void
bitext_align__set_max_band_cells (BitextAligner *aligner, guint64 cells)
{
  aligner->max_band_cells = cells;
}

/* Tests: the posterior takes two threads from @beads beads of path on (0: the default). */
void
bitext_align__set_post_thread_beads (BitextAligner *aligner, guint beads)
{
  aligner->post_thread_beads = beads;
}

/* At most this many 1-1 beads of a pass feed the estimation of the next one. */
#define MAX_SAMPLE_BEADS 20000
/* Offsets of the unrelated pairs drawn next to each sampled bead: near but not adjacent. */
static const int random_shifts[] = { -4, -2, 2, 4 };
/* With fewer shifted pairs than the 64 bins of the length histogram (align-cost.c), its
** pseudo-counts would outweigh the text: such short texts draw all their unrelated pairs,
** when they are no more than the shifted pairs of MAX_SAMPLE_BEADS beads. */
#define MIN_SHIFTED_PAIRS 64
#define MAX_ALL_PAIRS (G_N_ELEMENTS (random_shifts) * MAX_SAMPLE_BEADS)
/* Beads of a window (sample_windows()): wider than the one or two beads a pass's error spans. */
#define WINDOW_BEADS 5

/**
 * bitext_aligner_new:
 * @options: (nullable): options, or %NULL for %BITEXT_ALIGN_OPTIONS_INIT
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new aligner, or %NULL with @error set
 * Since: 0.1
 */
BitextAligner *
bitext_aligner_new (const BitextAlignOptions *options, GError **error)
{
  static const BitextAlignOptions defaults = BITEXT_ALIGN_OPTIONS_INIT;
  g_autoptr(BitextAligner) aligner = g_new0 (BitextAligner, 1);
  aligner->options = options != NULL ? *options : defaults;
  g_return_val_if_fail (aligner->options.version == 1, NULL);
  if (aligner->options.band == 0)
    aligner->options.band = defaults.band;
  aligner->src_lang = g_strdup (aligner->options.src_lang);
  aligner->tgt_lang = g_strdup (aligner->options.tgt_lang);
  aligner->options.src_lang = aligner->src_lang;
  aligner->options.tgt_lang = aligner->tgt_lang;
  bitext_align__dict_init (&aligner->dict);
  aligner->src_lex = bitext_align__lex_new (aligner->src_lang, error);
  if (aligner->src_lex == NULL)
    return NULL;
  aligner->tgt_lex = bitext_align__lex_new (aligner->tgt_lang, error);
  if (aligner->tgt_lex == NULL)
    return NULL;
  return g_steal_pointer (&aligner);
}

void
bitext_aligner_free (BitextAligner *aligner)
{
  if (aligner == NULL)
    return;
  bitext_align__lex_free (aligner->src_lex);
  bitext_align__lex_free (aligner->tgt_lex);
  if (aligner->dict.src_terms != NULL)
    bitext_align__dict_clear (&aligner->dict);
  g_free (aligner->src_lang);
  g_free (aligner->tgt_lang);
  g_free (aligner);
}

/**
 * bitext_aligner_get_band:
 *
 * Returns: the half-width of the band the last alignment ended with
 */
guint
bitext_aligner_get_band (const BitextAligner *aligner)
{
  return aligner->last_band;
}

/*
** Add one entry: @src and its @alts (NULL-terminated), each turned into
** stems. With @lenient, alternatives without a word are skipped (a
** dictionary's "?" or "-"); otherwise they make the entry fail. Returns
** FALSE when nothing was added.
*/
static gboolean
add_entry (BitextAligner *aligner, const char *src, const char *const *alts, gboolean lenient)
{
  g_autoptr(GArray) s = bitext_align__lex_term (aligner->src_lex, src);
  if (s->len == 0)
    return FALSE;
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; alts[i] != NULL && stems->len < 256; i++)
    {
      g_autoptr(GArray) t = bitext_align__lex_term (aligner->tgt_lex, alts[i]);
      if (t->len == 0 && !lenient)
        return FALSE;
      if (t->len > 0)
        g_ptr_array_add (stems, g_steal_pointer (&t));
    }
  if (stems->len == 0)
    return FALSE;
  bitext_align__dict_add (&aligner->dict, g_steal_pointer (&s), g_steal_pointer (&stems));
  return TRUE;
}

/**
 * bitext_aligner_add_dict_entry:
 * @src: a source term (one or more words)
 * @tgt: its translations, alternatives separated by " | "
 *
 * A term of several words matches a sentence where its words' stems stand
 * one after the other, in the term's order.
 *
 * Returns: %FALSE when a side holds no word
 */
gboolean
bitext_aligner_add_dict_entry (BitextAligner *aligner, const char *src, const char *tgt)
{
  g_auto(GStrv) parts = g_strsplit (tgt, " | ", 256);
  return add_entry (aligner, src, (const char *const *) parts, FALSE);
}

static gboolean
parse_error (GError **error, const char *path, guint line, const char *what)
{
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_PARSE, "%s:%u: %s", path, line, what);
  return FALSE;
}

static gboolean
load_tsv (BitextAligner *aligner, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  const char *p = data, *end = data + length;
  for (guint line = 1; p < end; line++)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *eol = nl != NULL ? nl : end;
      if (memchr (p, '\0', (gsize) (eol - p)) != NULL)
        return parse_error (error, path, line, "NUL byte");
      g_autofree char *text = g_strndup (p, (gsize) (eol - p));
      p = nl != NULL ? nl + 1 : end;
      g_strchomp (text);
      if (!g_utf8_validate (text, -1, NULL))
        return parse_error (error, path, line, "invalid UTF-8");
      if (text[0] == '\0' || text[0] == '#')
        continue;
      g_auto(GStrv) fields = g_strsplit (text, "\t", 3);
      if (fields[1] == NULL)
        return parse_error (error, path, line, "expected source<TAB>target");
      if (!bitext_aligner_add_dict_entry (aligner, fields[0], fields[1]))
        return parse_error (error, path, line, "a term or an alternative holds no word");
    }
  return TRUE;
}

/* A CSV or TBX glossary, read by the glossary module: each entry's source and approved targets. */
static gboolean
load_glossary (BitextAligner *aligner, const char *path, GError **error)
{
  g_autoptr(BitextGlossary) glossary = bitext_glossary_new (aligner->src_lang, aligner->tgt_lang);
  if (!bitext_glossary_load_file (glossary, path, error))
    return FALSE;
  for (guint i = 0; i < bitext_glossary_get_n_entries (glossary); i++)
    {
      const BitextGlossaryEntry *e = bitext_glossary_get_entry (glossary, i);
      add_entry (aligner, e->source, e->targets, TRUE);
    }
  return TRUE;
}

/*
** Entries of a dictd dictionary: headword -> translations, or each
** translation -> headword. A general dictionary also pairs function words
** ("a" -> «в, на», "and" -> «и»): they stand in nearly every sentence, so
** their matches say nothing about which sentences translate each other
** (the reason anchors need words of four letters or more) and only make
** longer beads look better. Terms made of nothing but the stop words of
** their language (rules/stopwords-LL.txt) are left out.
*/
typedef struct
{
  BitextAligner *aligner;
  gboolean reversed;
  GHashTable *stop[2];      /* the headword's and the translations' languages */
} DictdLoad;

/* Whether every word of @term is in @stop (empty: FALSE). */
static gboolean
only_stop_words (GHashTable *stop, const char *term)
{
  g_autofree char *folded = g_utf8_casefold (term, -1);
  gboolean any = FALSE;
  for (char *p = folded; *p != '\0';)
    {
      char *start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          char save = *p;
          *p = '\0';
          gboolean is_stop = g_hash_table_contains (stop, start);
          *p = save;
          if (!is_stop)
            return FALSE;
          any = TRUE;
        }
      if (*p != '\0')
        p = g_utf8_next_char (p);
    }
  return any;
}

static void
add_dictd_entry (const char *headword, const char *const *translations, guint line,
                 gpointer user_data)
{
  DictdLoad *load = user_data;
  (void) line;
  if (only_stop_words (load->stop[0], headword))
    return;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  for (guint i = 0; translations[i] != NULL; i++)
    if (!only_stop_words (load->stop[1], translations[i]))
      g_ptr_array_add (kept, (gpointer) translations[i]);
  g_ptr_array_add (kept, NULL);
  const char *const *alts = (const char *const *) kept->pdata;
  if (!load->reversed)
    {
      add_entry (load->aligner, headword, alts, TRUE);
      return;
    }
  const char *const head[] = { headword, NULL };
  for (guint i = 0; alts[i] != NULL; i++)
    add_entry (load->aligner, alts[i], head, TRUE);
}

/* Read a dictd dictionary into @aligner; @reversed when its headwords are in the target language. */
static gboolean
load_dictd (BitextAligner *aligner, const char *path, gboolean reversed, GError **error)
{
  DictdLoad load = { aligner, reversed, { NULL, NULL } };
  load.stop[0] = bitext_terms__ref_stop_words (reversed ? aligner->tgt_lang : aligner->src_lang);
  load.stop[1] = bitext_terms__ref_stop_words (reversed ? aligner->src_lang : aligner->tgt_lang);
  gboolean ok = bitext_dictd__foreach (path, add_dictd_entry, &load, error);
  g_hash_table_unref (load.stop[0]);
  g_hash_table_unref (load.stop[1]);
  return ok;
}

/**
 * bitext_aligner_load_dict:
 * @path: (type filename): the dictionary, one of
 *   - a TSV file: source, TAB, target (alternatives separated by " | "),
 *     optionally TAB and a note; blank lines and lines starting with # are skipped;
 *   - a glossary in CSV or TBX (the name ends in .csv or .tbx), read as
 *     bitext_glossary_load_file() reads it: each entry's source and approved targets;
 *   - a dictd dictionary (NAME.index, NAME.dict.dz or NAME.dict), as
 *     Debian's dict-freedict-* packages install them: headwords and their
 *     translations, definitions and examples left out;
 *   - the word "freedict": the installed FreeDict dictionary
 *     (/usr/share/dictd/freedict-SRC-TGT) for the aligner's languages, or
 *     the TGT-SRC one read in reverse.
 *
 * Returns: %FALSE with @error set: BITEXT_ERROR_PARSE naming file:line on a
 *   malformed line, BITEXT_ERROR_LANGUAGE (naming the Debian package) when
 *   no FreeDict dictionary is installed for the pair
 */
gboolean
bitext_aligner_load_dict (BitextAligner *aligner, const char *path, GError **error)
{
  g_return_val_if_fail (aligner != NULL && path != NULL, FALSE);
  if (strcmp (path, "freedict") == 0)
    {
      gboolean reversed = FALSE;
      g_autofree char *found = bitext_dictd__find_freedict (BITEXT_DICTD_DIR, aligner->src_lang,
                                                            aligner->tgt_lang, &reversed, error);
      return found != NULL && load_dictd (aligner, found, reversed, error);
    }
  if (bitext_dictd__is_dictd_path (path))
    return load_dictd (aligner, path, FALSE, error);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tbx"))
    return load_glossary (aligner, path, error);
  return load_tsv (aligner, path, error);
}

/* ------------------------------------------------------------------------ */
/* Features, built for both sides at once                                   */
/* ------------------------------------------------------------------------ */

typedef struct
{
  AlignSide *side;
  AlignLex *lex;
  const char *const *texts;
  const guint *para;
  guint n;
  const AlignDict *dict;
  gboolean is_src;
} BuildJob;

static gpointer
build_job (gpointer data)
{
  BuildJob *j = data;
  bitext_align__side_build (j->side, j->lex, j->texts, j->para, j->n, j->dict, j->is_src);
  return NULL;
}

static guint
bead_shape (const BitextBead *b)
{
  guint t = bitext_align__bead_shape (b);
  return t < N_BEAD_TYPES ? t : BEAD_1_1;
}

/* One stretch of a pass: from the path's cell (i0, j0) to (i1, j1), run by one thread. */
typedef struct
{
  AlignDp dp;               /* a copy: its band is the segment's */
  const AlignPostings *post; /* NULL without lexical evidence */
  const BitextBead *path;   /* the previous pass's beads of the stretch */
  guint n_path;
  guint i0, j0, i1, j1;
  guint w;
  GArray *beads;            /* out */
} Segment;

/* Index of the first bead of @beads[from..] that starts at row @row or later. */
static guint
bead_at_row (const GArray *beads, guint from, guint row)
{
  guint lo = from, hi = beads->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (beads, BitextBead, mid).src_start < row)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/*
** Run the DP from the start of bead @ka of @path to the start of bead @kb
** (or the segment's end), in a band of half-width @w around those beads.
*/
static void
segment_dp (Segment *seg, const BitextBead *path, guint n_path, guint ka, guint kb, guint w,
            GArray *out, GArray *touched)
{
  guint i0 = path[ka].src_start, j0 = path[ka].tgt_start;
  guint i1 = kb < n_path ? path[kb].src_start : seg->i1;
  guint j1 = kb < n_path ? path[kb].tgt_start : seg->j1;
  AlignBand band;
  bitext_align__band_around_path (&band, seg->dp.src->n, seg->dp.tgt->n, w, path + ka, kb - ka, i0, i1);
  band.skeys = seg->dp.band->skeys;
  band.tkeys = seg->dp.band->tkeys;
  if (seg->post != NULL)
    bitext_align__band_fill_matches (&band, seg->post);
  AlignDp dp = seg->dp;
  dp.band = &band;
  gboolean ok = bitext_align__run_dp (&dp, &band, i0, j0, i1, j1, 0, FALSE, out, touched);
  g_assert (ok);
  bitext_align__band_clear (&band);
}

static int
cmp_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/*
** Align a segment in a band of half-width seg->w around the previous path;
** where the new path runs along the band's edge, realign the stretch
** around it (between cells of the path some rows before and after) in a
** band twice as wide, until no edge is touched or the band is as wide as
** the text.
*/
static gpointer
segment_run (gpointer data)
{
  Segment *seg = data;
  guint n = seg->dp.src->n, m = seg->dp.tgt->n;
  g_autoptr(GArray) cur = g_array_new (FALSE, FALSE, sizeof (BitextBead));
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));
  segment_dp (seg, seg->path, seg->n_path, 0, seg->n_path, seg->w, cur, touched);
  guint w = seg->w;
  while (touched->len > 0 && w < MAX (n, m))
    {
      w = MIN (2 * w, MAX (n, m));
      guint margin = 2 * w + 16;
      g_autoptr(GArray) next = g_array_new (FALSE, FALSE, sizeof (BitextBead));
      g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (guint));
      /* Group the rows less than two margins apart; realign each group's stretch. */
      g_array_sort (touched, cmp_uint);
      guint k_done = 0;
      for (guint x = 0; x < touched->len;)
        {
          guint first = g_array_index (touched, guint, x), last = first;
          for (x++; x < touched->len && g_array_index (touched, guint, x) <= last + 2 * margin; x++)
            last = g_array_index (touched, guint, x);
          guint ka = bead_at_row (cur, k_done, first > seg->i0 + margin ? first - margin : seg->i0);
          guint kb = bead_at_row (cur, ka, last + margin);
          if (kb <= ka || (guint64) (last - first + 2 * margin) * (2 * w + 1) > MAX_BAND_CELLS)
            continue;
          g_array_append_vals (next, &g_array_index (cur, BitextBead, k_done), ka - k_done);
          segment_dp (seg, (const BitextBead *) (void *) cur->data, cur->len, ka, kb, w, next,
                      again);
          k_done = kb;
        }
      g_array_append_vals (next, &g_array_index (cur, BitextBead, k_done), cur->len - k_done);
      g_array_unref (cur);
      cur = g_steal_pointer (&next);
      g_array_unref (touched);
      touched = g_steal_pointer (&again);
      g_debug ("align: rows %u..%u realigned in a band of ±%u, %u rows still on the edge",
               seg->i0, seg->i1, w, touched->len);
    }
  seg->beads = g_steal_pointer (&cur);
  return NULL;
}

/*
** Passes 2 and 3: the DP in a band of half-width @w around the previous
** pass's path (in @beads, replaced by the new one). A long text is cut in
** two at a cell of the previous path near its middle, between two 1-1
** beads, and the halves are aligned on two threads: the path is then
** forced through that cell, which the previous pass found with the same
** or less evidence.
*/
static void
run_pass (AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, guint w, GArray *beads)
{
  guint n = dp->src->n, m = dp->tgt->n;
  AlignPostings post = { 0 };
  gint64 t0 = g_get_monotonic_time ();
  if (dp->model->use_lex)
    bitext_align__postings_build (&post, tkeys);
  AlignBand keys_only = { .skeys = skeys, .tkeys = tkeys };
  Segment segs[2];
  guint n_segs = 1, cut = beads->len;
  if (n >= 20000)
    {
      cut = bead_at_row (beads, 0, n / 2);
      for (guint k = cut; k + 1 < beads->len && k < cut + 1000; k++)
        if (bead_shape (&g_array_index (beads, BitextBead, k - 1)) == BEAD_1_1
            && bead_shape (&g_array_index (beads, BitextBead, k)) == BEAD_1_1)
          {
            cut = k;
            break;
          }
      n_segs = 2;
    }
  for (guint s = 0; s < n_segs; s++)
    {
      guint ka = s == 0 ? 0 : cut, kb = s + 1 < n_segs ? cut : beads->len;
      const BitextBead *path = &g_array_index (beads, BitextBead, ka);
      segs[s] = (Segment) { .dp = *dp, .post = dp->model->use_lex ? &post : NULL, .path = path,
                            .n_path = kb - ka, .w = w };
      segs[s].dp.band = &keys_only;
      segs[s].i0 = path[0].src_start;
      segs[s].j0 = path[0].tgt_start;
      segs[s].i1 = kb < beads->len ? g_array_index (beads, BitextBead, kb).src_start : n;
      segs[s].j1 = kb < beads->len ? g_array_index (beads, BitextBead, kb).tgt_start : m;
    }
  if (n_segs == 2)
    {
      GThread *t = g_thread_new ("bitext-align", segment_run, &segs[1]);
      segment_run (&segs[0]);
      g_thread_join (t);
    }
  else
    segment_run (&segs[0]);
  g_array_set_size (beads, 0);
  for (guint s = 0; s < n_segs; s++)
    {
      g_array_append_vals (beads, segs[s].beads->data, segs[s].beads->len);
      g_array_unref (segs[s].beads);
    }
  bitext_align__postings_clear (&post);
  g_debug ("align: pass with band ±%u, lexical %d: %.2f s", w, dp->model->use_lex,
           (g_get_monotonic_time () - t0) / 1e6);
}

/* ------------------------------------------------------------------------ */
/* Estimation from a pass                                                    */
/* ------------------------------------------------------------------------ */

static void
sample_pair (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, guint s, guint t,
             GArray *zs, GArray *lex)
{
  double z = bitext_align__length_z (dp->model, dp->src->len[s], dp->tgt->len[t]);
  g_array_append_val (zs, z);
  guint na, nb;
  const guint32 *a = key_lists_get (skeys, s, &na);
  const guint32 *b = key_lists_get (tkeys, t, &nb);
  guint32 v = (MIN (keys_intersect (a, na, b, nb), 0xffffu) << 16) | MIN (na + nb, 0xffffu);
  g_array_append_val (lex, v);
}

/*
** Every pair of sentences that the previous pass put in beads neither the
** same nor adjacent (as the shifted pairs skip the neighbours, which a
** merge the pass missed would relate), as unrelated pairs: on a short text the few shifted pairs next to its
** beads would leave the chance distributions of length and lexical
** evidence to the pseudo-counts, while all n x m pairs are there to count.
*/
static void
sample_all_unrelated (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys,
                      const GArray *beads, AlignSample *sample)
{
  g_autofree guint *bead_of_tgt = g_new (guint, dp->tgt->n);
  for (guint k = 0; k < beads->len; k++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, k);
      for (guint t = b->tgt_start; t < b->tgt_start + b->tgt_len; t++)
        bead_of_tgt[t] = k;
    }
  for (guint k = 0; k < beads->len; k++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, k);
      for (guint s = b->src_start; s < b->src_start + b->src_len; s++)
        for (guint t = 0; t < dp->tgt->n; t++)
          if (bead_of_tgt[t] != k)
            sample_pair (dp, skeys, tkeys, s, t, sample->z_random, sample->lex_random);
    }
}

static void merged_keys (const KeyLists *l, guint start, guint len, GArray *out);

/*
** Keys matched within windows of WINDOW_BEADS consecutive beads of the
** pass (one window in MAX(1, beads / MAX_SAMPLE_BEADS)), for the prior
** of the translations' key match rate (bitext_align__model_estimate).
** The previous pass may be wrong bead by bead, all the more on a short
** text whose first pass had lengths only; but its errors are local, a
** sentence put one bead off, and a window holds it whatever bead it
** went to. A window's keys are counted as twice those of its side with
** fewer (the Dice denominator of a balanced window), so that a sentence
** added or left out, whose keys have no partner to match, does not
** dilute the rate. The windows' rate overstates the translations' by the
** chance matches between neighbours, a small fraction of the chance rate.
*/
static void
sample_windows (const KeyLists *skeys, const KeyLists *tkeys, const GArray *beads,
                AlignSample *sample)
{
  g_autoptr(GArray) ka = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) kb = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n_windows = (beads->len + WINDOW_BEADS - 1) / WINDOW_BEADS;
  guint stride = MAX (1u, beads->len / MAX_SAMPLE_BEADS);
  for (guint w = 0; w < n_windows; w += stride)
    {
      const BitextBead *first = &g_array_index (beads, BitextBead, w * WINDOW_BEADS);
      guint last = MIN ((w + 1) * WINDOW_BEADS, beads->len) - 1;
      const BitextBead *end = &g_array_index (beads, BitextBead, last);
      guint ns = end->src_start + end->src_len - first->src_start;
      guint nt = end->tgt_start + end->tgt_len - first->tgt_start;
      merged_keys (skeys, first->src_start, ns, ka);
      merged_keys (tkeys, first->tgt_start, nt, kb);
      sample->window_m += keys_intersect ((const guint32 *) (void *) ka->data, ka->len,
                                          (const guint32 *) (void *) kb->data, kb->len);
      sample->window_k += 2 * MIN (ka->len, kb->len);
      sample->window_beads += last + 1 - w * WINDOW_BEADS;
    }
}

/*
** Draw aligned pairs (the pass's 1-1 beads) and unrelated ones: shifted
** next to each sampled bead, or all of them on a short text; and count
** the shapes.
*/
static void
draw_sample (const AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, const GArray *beads,
             AlignSample *sample)
{
  guint n11 = 0;
  for (guint i = 0; i < beads->len; i++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, i);
      sample->counts[bead_shape (b)]++;
      n11 += b->src_len == 1 && b->tgt_len == 1;
      gboolean sb = bitext_align__para_starts (dp->src, b->src_start);
      gboolean tb = bitext_align__para_starts (dp->tgt, b->tgt_start);
      sample->starts_all++;
      sample->starts_src += sb;
      sample->starts_tgt += tb;
      if ((sb && b->src_len > 0) || (tb && b->tgt_len > 0))
        {
          sample->break_any++;
          sample->break_one += !(sb && tb);
        }
    }
  gboolean all_pairs = G_N_ELEMENTS (random_shifts) * n11 < MIN_SHIFTED_PAIRS
                       && (guint64) dp->src->n * dp->tgt->n <= MAX_ALL_PAIRS;
  if (all_pairs)
    sample_all_unrelated (dp, skeys, tkeys, beads, sample);
  sample_windows (skeys, tkeys, beads, sample);
  guint stride = MAX (1u, n11 / MAX_SAMPLE_BEADS), k = 0;
  for (guint i = 0; i < beads->len; i++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, i);
      if (b->src_len != 1 || b->tgt_len != 1 || k++ % stride != 0)
        continue;
      sample_pair (dp, skeys, tkeys, b->src_start, b->tgt_start, sample->z_aligned,
                   sample->lex_aligned);
      for (guint d = 0; d < G_N_ELEMENTS (random_shifts) && !all_pairs; d++)
        {
          gint64 t = (gint64) b->tgt_start + random_shifts[d];
          if (t >= 0 && t < dp->tgt->n)
            sample_pair (dp, skeys, tkeys, b->src_start, (guint) t, sample->z_random,
                         sample->lex_random);
        }
    }
}

static guint
count_paragraphs (const AlignSide *side)
{
  guint n = 0;
  for (guint i = 0; i < side->n; i++)
    n += i == 0 || side->para[i] != side->para[i - 1];
  return n;
}

/* Re-estimate the model from @beads (ratio kept, variance and tables new). */
static void
reestimate (AlignDp *dp, AlignModel *model, const KeyLists *skeys, const KeyLists *tkeys,
            const GArray *beads)
{
  model->variance = bitext_align__robust_variance (dp->src, dp->tgt, beads, model->ratio,
                                                   model->variance);
  AlignSample sample;
  bitext_align__sample_init (&sample);
  dp->model = model;
  draw_sample (dp, skeys, tkeys, beads, &sample);
  bitext_align__model_estimate (model, &sample, TRUE, count_paragraphs (dp->src),
                                count_paragraphs (dp->tgt));
  bitext_align__sample_clear (&sample);
}

/* ------------------------------------------------------------------------ */
/* The learned dictionary (second pass)                                      */
/* ------------------------------------------------------------------------ */

/* An open-addressing table of (stem pair -> count); 0 is the empty key. */
static inline gsize
pair_hash (guint64 key)
{
  /* Both halves of the key must reach the low bits (splitmix64's finaliser). */
  key ^= key >> 30;
  key *= 0xbf58476d1ce4e5b9ull;
  key ^= key >> 27;
  key *= 0x94d049bb133111ebull;
  return (gsize) (key ^ (key >> 31));
}

typedef struct
{
  guint64 *keys;
  guint32 *counts;
  gsize cap, len;
} PairCounts;

static void
pair_counts_add (PairCounts *pc, guint64 key)
{
  if (pc->len * 2 >= pc->cap)
    {
      PairCounts bigger = { g_new0 (guint64, MAX (1024, pc->cap * 2)),
                            g_new0 (guint32, MAX (1024, pc->cap * 2)), MAX (1024, pc->cap * 2), 0 };
      for (gsize i = 0; i < pc->cap; i++)
        if (pc->keys[i] != 0)
          {
            gsize h = pair_hash (pc->keys[i]) & (bigger.cap - 1);
            while (bigger.keys[h] != 0)
              h = (h + 1) & (bigger.cap - 1);
            bigger.keys[h] = pc->keys[i];
            bigger.counts[h] = pc->counts[i];
            bigger.len++;
          }
      g_free (pc->keys);
      g_free (pc->counts);
      *pc = bigger;
    }
  gsize h = pair_hash (key) & (pc->cap - 1);
  while (pc->keys[h] != 0 && pc->keys[h] != key)
    h = (h + 1) & (pc->cap - 1);
  if (pc->keys[h] == 0)
    {
      pc->keys[h] = key;
      pc->len++;
    }
  pc->counts[h]++;
}

typedef struct
{
  guint32 s, t, c;
  double dice;
} Candidate;

static int
cmp_candidate (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  if (x->dice != y->dice)
    return x->dice > y->dice ? -1 : 1;
  if (x->c != y->c)
    return x->c > y->c ? -1 : 1;
  return x->s != y->s ? (x->s < y->s ? -1 : 1) : (x->t < y->t ? -1 : (x->t > y->t));
}

static void
count_df (GHashTable *df, const guint32 *v, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gpointer key = GUINT_TO_POINTER (v[i]);
      g_hash_table_insert (df, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (df, key)) + 1));
    }
}

/*
** Learn stem pairs from the confident 1-1 beads of a pass, in the spirit of
** hunalign's second pass: count how often stems co-occur in beads, keep
** pairs that co-occur at least twice with a Dice coefficient of at least
** 1/2 (they meet in half the beads either occurs in), and link each stem
** to at most one partner, best first (Melamed's competitive linking, 2000).
** Stems in more than a quarter of the beads cannot tell neighbours apart
** and are left out.
*/
static guint
learn_pairs (const AlignSide *src, const AlignSide *tgt, const GArray *beads,
             const GArray *confident, GHashTable *smap, GHashTable *tmap)
{
  g_autoptr(GHashTable) sdf = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) tdf = g_hash_table_new (NULL, NULL);
  guint stride = MAX (1u, confident->len / MAX_SAMPLE_BEADS), used = 0;
  for (guint k = 0; k < confident->len; k += stride, used++)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, g_array_index (confident, guint, k));
      guint ns, nt;
      const guint32 *s = key_lists_get (&src->stems, b->src_start, &ns);
      const guint32 *t = key_lists_get (&tgt->stems, b->tgt_start, &nt);
      count_df (sdf, s, ns);
      count_df (tdf, t, nt);
    }
  guint max_df = MAX (2u, used / 4);
  PairCounts pc = { 0 };
  for (guint k = 0; k < confident->len; k += stride)
    {
      const BitextBead *b = &g_array_index (beads, BitextBead, g_array_index (confident, guint, k));
      guint ns, nt;
      const guint32 *s = key_lists_get (&src->stems, b->src_start, &ns);
      const guint32 *t = key_lists_get (&tgt->stems, b->tgt_start, &nt);
      for (guint x = 0; x < ns; x++)
        {
          guint dfs = GPOINTER_TO_UINT (g_hash_table_lookup (sdf, GUINT_TO_POINTER (s[x])));
          if (dfs < 2 || dfs > max_df)
            continue;
          for (guint y = 0; y < nt; y++)
            {
              guint dft = GPOINTER_TO_UINT (g_hash_table_lookup (tdf, GUINT_TO_POINTER (t[y])));
              if (dft >= 2 && dft <= max_df)
                pair_counts_add (&pc, (guint64) s[x] << 32 | t[y]);
            }
        }
    }
  g_autoptr(GArray) cands = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (gsize i = 0; i < pc.cap; i++)
    {
      if (pc.keys[i] == 0 || pc.counts[i] < 2)
        continue;
      Candidate c = { (guint32) (pc.keys[i] >> 32), (guint32) pc.keys[i], pc.counts[i], 0 };
      guint dfs = GPOINTER_TO_UINT (g_hash_table_lookup (sdf, GUINT_TO_POINTER (c.s)));
      guint dft = GPOINTER_TO_UINT (g_hash_table_lookup (tdf, GUINT_TO_POINTER (c.t)));
      c.dice = 2.0 * c.c / (dfs + dft);
      if (c.dice >= 0.5)
        g_array_append_val (cands, c);
    }
  g_free (pc.keys);
  g_free (pc.counts);
  g_array_sort (cands, cmp_candidate);
  guint n_pairs = 0;
  for (guint i = 0; i < cands->len; i++)
    {
      const Candidate *c = &g_array_index (cands, Candidate, i);
      if (g_hash_table_contains (smap, GUINT_TO_POINTER (c->s))
          || g_hash_table_contains (tmap, GUINT_TO_POINTER (c->t)))
        continue;
      g_hash_table_insert (smap, GUINT_TO_POINTER (c->s), GUINT_TO_POINTER (n_pairs));
      g_hash_table_insert (tmap, GUINT_TO_POINTER (c->t), GUINT_TO_POINTER (n_pairs));
      n_pairs++;
    }
  return n_pairs;
}

/* ------------------------------------------------------------------------ */
/* Confidence and evidence                                                   */
/* ------------------------------------------------------------------------ */

static double
logistic (double x)
{
  return 1.0 / (1.0 + exp (-x));
}

static int
cmp_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

static void
merged_keys (const KeyLists *l, guint start, guint len, GArray *out)
{
  g_array_set_size (out, 0);
  for (guint i = start; i < start + len; i++)
    {
      guint n;
      const guint32 *k = key_lists_get (l, i, &n);
      g_array_append_vals (out, k, n);
    }
  g_array_sort (out, cmp_u32);
}

/* 1-1 evidence cost of source sentence s against target sentence t. */
static float
pair_evidence (const AlignDp *dp, guint s, guint t)
{
  return bitext_align__evidence_cost (dp, BEAD_1_1, s + 1, t + 1, NULL, NULL);
}

/* The length cost of src[s, s + a) against tgt[u, u + b) under the model. */
static float
length_cost (const AlignDp *dp, guint s, guint a, guint u, guint b)
{
  float ls = (float) (dp->scum[s + a] - dp->scum[s]), lt = (float) (dp->tcum[u + b] - dp->tcum[u]);
  return bitext_align__len_cost (dp->model, bitext_align__length_zf (dp->model, ls, lt));
}

/*
** A low-confidence bead of one sentence against two or three whose first
** or last sentence x of the larger side the evidence leaves out: the bead
** without x fits better both in length and in all the evidence (length and
** lexical log-likelihood ratios) than the merge does. The merge won on the
** prior odds of a merge over a deletion (Gale & Church: nine to one), and x
** may be an omission (source) or an addition (target) that it hid. Both, because each alone misleads:
** a short sentence merged by its translator ("Quite the contrary." closing
** a Russian sentence) often shares no word with the translation, so the
** words alone would leave it out; and lengths alone leave out sentences
** whose words are there.
*/
static void
find_lone (const AlignDp *dp, BitextBead *b)
{
  b->lone_side = BITEXT_LONE_NONE;
  b->lone_index = 0;
  gboolean src = b->src_len > 1;
  guint n = src ? b->src_len : b->tgt_len;
  if (!b->low_confidence || n < 2 || (src ? b->tgt_len : b->src_len) != 1)
    return;
  guint i = b->src_start + b->src_len, j = b->tgt_start + b->tgt_len;
  float merged = bitext_align__evidence_cost (dp, bead_shape (b), i, j, NULL, NULL);
  float best = length_cost (dp, b->src_start, b->src_len, b->tgt_start, b->tgt_len);
  for (guint end = 0; end < 2; end++)
    {
      /* The bead without its first (end 0) or last (end 1) sentence of the larger side. */
      BitextBead r = *b;
      guint *start = src ? &r.src_start : &r.tgt_start, *len = src ? &r.src_len : &r.tgt_len;
      guint x = end == 0 ? *start : *start + *len - 1;
      (*len)--;
      if (end == 0)
        (*start)++;
      float c = length_cost (dp, r.src_start, r.src_len, r.tgt_start, r.tgt_len);
      if (c < best && bitext_align__evidence_cost (dp, bead_shape (&r), r.src_start + r.src_len,
                                                   r.tgt_start + r.tgt_len, NULL, NULL) < merged)
        {
          best = c;
          b->lone_side = src ? BITEXT_LONE_SOURCE : BITEXT_LONE_TARGET;
          b->lone_index = x;
        }
    }
}

/*
** Score each bead. A bead with both sides is scored by the posterior that
** its sentences translate each other rather than being unrelated
** neighbours, at even prior odds: the logistic of minus its evidence cost.
** A 1-0 or 0-1 bead is scored by the posterior that its sentence is
** unrelated to the nearest sentences of the other side. With @posterior,
** each score is then the bead's posterior over the paths. The low mark is
** bitext_align__mark_low()'s, at @low.
*/
static void
score_beads (AlignDp *dp, const KeyLists *skeys, const KeyLists *tkeys, GArray *beads, double low,
             gboolean posterior)
{
  /* Without match bytes, the band computes 1-1 matches directly. */
  AlignBand none;
  memset (&none, 0, sizeof none);
  none.skeys = skeys;
  none.tkeys = tkeys;
  dp->band = &none;
  g_autoptr(GArray) ka = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) kb = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n = dp->src->n, m = dp->tgt->n;
  for (guint x = 0; x < beads->len; x++)
    {
      BitextBead *b = &g_array_index (beads, BitextBead, x);
      guint t = bead_shape (b);
      guint i = b->src_start + b->src_len, j = b->tgt_start + b->tgt_len;
      b->cost = bitext_align__bead_cost (dp, t, i, j, NULL, NULL);
      if (b->src_len > 0 && b->tgt_len > 0)
        {
          guint mm;
          double z;
          float e = bitext_align__evidence_cost (dp, t, i, j, &z, &mm);
          b->score = logistic (-e);
          b->length_z = z;
          merged_keys (skeys, b->src_start, b->src_len, ka);
          merged_keys (tkeys, b->tgt_start, b->tgt_len, kb);
          guint counts[8];
          keys_intersect_by_kind ((guint32 *) (void *) ka->data, ka->len,
                                  (guint32 *) (void *) kb->data, kb->len, counts);
          b->anchors = counts[KEY_NUMBER] + counts[KEY_PUNCT] + counts[KEY_PREFIX] + counts[KEY_NAME];
          b->dict_hits = counts[KEY_DICT];
          b->learned_hits = counts[KEY_LEARNED];
          guint mt = b->anchors + b->dict_hits + b->learned_hits;
          b->lexical = ka->len + kb->len > 0 ? MIN (1.0, 2.0 * mt / (ka->len + kb->len)) : 0.0;
          b->crosses_paragraph = (b->src_len > 1 && dp->src->para[i - 1] != dp->src->para[b->src_start])
                                 || (b->tgt_len > 1 && dp->tgt->para[j - 1] != dp->tgt->para[b->tgt_start]);
        }
      else
        {
          float best = INFINITY;
          if (b->src_len > 0)
            for (guint u = (j > 0 ? j - 1 : 0); u < MIN (j + 1, m); u++)
              best = MIN (best, pair_evidence (dp, b->src_start, u));
          else
            for (guint s = (i > 0 ? i - 1 : 0); s < MIN (i + 1, n); s++)
              best = MIN (best, pair_evidence (dp, s, b->tgt_start));
          b->score = best == INFINITY ? 1.0 : logistic (best);
          b->length_z = 0.0;
        }
    }
  if (posterior)
    {
      AlignTemperature T;
      bitext_align__fit_temperature (dp, skeys, tkeys, beads, MAX_SAMPLE_BEADS, &T);
      bitext_align__posterior (dp, skeys, tkeys, beads, &T);
    }
  bitext_align__mark_low (beads, low);
  for (guint x = 0; x < beads->len; x++)
    find_lone (dp, &g_array_index (beads, BitextBead, x));
  dp->band = NULL;
}

/* ------------------------------------------------------------------------ */
/* The public entry point                                                    */
/* ------------------------------------------------------------------------ */

/* Sentence pairs' worth of weight of the prior length ratio (see length_ratio()). */
#define RATIO_PRIOR_PAIRS 10.0

/*
** The expected target characters per source character. The text's own
** ratio counts the sentences that one side adds or leaves out, which on a
** short text moves it far (one added sentence among four, a third); so
** its logarithm is shrunk towards Gale & Church's c = 1 (1993: they
** measured 1.1 for German and 1.06 for French per English character and
** set c = 1) with the weight k / (k + n) of k = RATIO_PRIOR_PAIRS pairs
** against the n pairs the shorter side can form.
*/
static double
length_ratio (guint64 src_chars, guint64 tgt_chars, guint n_pairs)
{
  if (src_chars == 0 || tgt_chars == 0)
    return 1.0;
  double w = n_pairs / (n_pairs + RATIO_PRIOR_PAIRS);
  return exp (w * log ((double) tgt_chars / src_chars));
}

static GArray *
trivial_alignment (guint n_src, guint n_tgt)
{
  GArray *beads = g_array_new (FALSE, TRUE, sizeof (BitextBead));
  for (guint i = 0; i < n_src; i++)
    {
      BitextBead b = { .src_start = i, .src_len = 1, .tgt_start = 0, .score = 1.0 };
      g_array_append_val (beads, b);
    }
  for (guint j = 0; j < n_tgt; j++)
    {
      BitextBead b = { .src_start = n_src, .tgt_start = j, .tgt_len = 1, .score = 1.0 };
      g_array_append_val (beads, b);
    }
  return beads;
}

/* The aligner's progress: @done of the three passes are done. */
static void
report_pass (const BitextAligner *aligner, guint done)
{
  if (aligner->options.progress_func != NULL)
    aligner->options.progress_func ("aligning", done, 3, aligner->options.progress_data);
}

/**
 * bitext_aligner_align:
 * @aligner: an aligner
 * @src: (array length=n_src): source sentences, UTF-8
 * @src_para: (array length=n_src) (nullable): paragraph index of each source sentence
 * @n_src: number of source sentences
 * @tgt: (array length=n_tgt): target sentences, UTF-8
 * @tgt_para: (array length=n_tgt) (nullable): paragraph index of each target sentence
 * @n_tgt: number of target sentences
 * @error: return location for a #GError
 *
 * Aligns two texts sentence by sentence in three passes: Gale & Church's
 * length model; then a model re-estimated from the first pass, with
 * lexical anchors; then, unless disabled, with stem pairs learned from the
 * second pass as extra anchors.
 *
 * Returns: (transfer full) (element-type BitextBead): the beads in order
 * Since: 0.1
 */
GArray *
bitext_aligner_align (BitextAligner *aligner, const char *const *src, const guint *src_para,
                      guint n_src, const char *const *tgt, const guint *tgt_para, guint n_tgt,
                      GError **error)
{
  g_return_val_if_fail (aligner != NULL, NULL);
  g_return_val_if_fail (n_src == 0 || src != NULL, NULL);
  g_return_val_if_fail (n_tgt == 0 || tgt != NULL, NULL);
  (void) error;
  aligner->last_band = 0;
  if (n_src == 0 || n_tgt == 0)
    return trivial_alignment (n_src, n_tgt);

  gint64 start = g_get_monotonic_time ();
  bitext_align__dict_index (&aligner->dict);
  AlignSide s = { 0 }, t = { 0 };
  BuildJob jobs[2] = {
    { &s, aligner->src_lex, src, src_para, n_src, &aligner->dict, TRUE },
    { &t, aligner->tgt_lex, tgt, tgt_para, n_tgt, &aligner->dict, FALSE },
  };
  if ((guint64) n_src + n_tgt > 20000)
    {
      GThread *th = g_thread_new ("bitext-features", build_job, &jobs[1]);
      build_job (&jobs[0]);
      g_thread_join (th);
    }
  else
    {
      build_job (&jobs[0]);
      build_job (&jobs[1]);
    }

  if (aligner->dict.src_terms->len > 0)
    bitext_align__dict_prune (&s, &t);
  g_debug ("align: features: %.2f s", (g_get_monotonic_time () - start) / 1e6);
  AlignDp dp = { .src = &s, .tgt = &t, .max_band_cells = aligner->max_band_cells,
                 .post_thread_beads = aligner->post_thread_beads };
  dp.scum = bitext_align__cumulative (s.len, n_src);
  dp.tcum = bitext_align__cumulative (t.len, n_tgt);
  dp.skoff = s.keys.off;
  dp.tkoff = t.keys.off;
  AlignModel *model = g_new (AlignModel, 1);
  bitext_align__model_init_gale_church (model, length_ratio (dp.scum[n_src], dp.tcum[n_tgt],
                                                             MIN (n_src, n_tgt)));
  dp.model = model;
  guint w = MIN (aligner->options.band, MAX (n_src, n_tgt));
  GArray *beads = g_array_new (FALSE, TRUE, sizeof (BitextBead));

  /* Pass 1: Gale & Church. */
  report_pass (aligner, 0);
  bitext_align__run_first_pass (&dp, &w, beads);
  aligner->last_band = w;
  /* Pass 2: re-estimated lengths, lexical anchors, in a narrower band around pass 1's path. */
  w = MIN (MAX (aligner->options.band / 4, 8u), MAX (n_src, n_tgt));
  report_pass (aligner, 1);
  reestimate (&dp, model, &s.keys, &t.keys, beads);
  run_pass (&dp, &s.keys, &t.keys, w, beads);

  KeyLists sl = { 0 }, tl = { 0 };
  const KeyLists *skeys = &s.keys, *tkeys = &t.keys;
  if (aligner->options.second_pass)
    {
      /* Pass 3: stem pairs learned from the confident 1-1 beads of pass 2. */
      report_pass (aligner, 2);
      score_beads (&dp, skeys, tkeys, beads, aligner->options.low_confidence, FALSE);
      g_autoptr(GArray) confident = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint x = 0; x < beads->len; x++)
        {
          const BitextBead *b = &g_array_index (beads, BitextBead, x);
          if (b->src_len == 1 && b->tgt_len == 1 && b->score >= 0.5)
            g_array_append_val (confident, x);
        }
      g_autoptr(GHashTable) smap = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) tmap = g_hash_table_new (NULL, NULL);
      guint n_pairs = learn_pairs (&s, &t, beads, confident, smap, tmap);
      g_debug ("align: %u stem pairs learned; %.2f s so far", n_pairs,
               (g_get_monotonic_time () - start) / 1e6);
      if (n_pairs > 0)
        {
          bitext_align__add_learned (&s.keys, &s.stems, smap, &sl);
          bitext_align__add_learned (&t.keys, &t.stems, tmap, &tl);
          skeys = &sl;
          tkeys = &tl;
          dp.skoff = sl.off;
          dp.tkoff = tl.off;
          reestimate (&dp, model, skeys, tkeys, beads);
          run_pass (&dp, skeys, tkeys, w, beads);
        }
    }

  score_beads (&dp, skeys, tkeys, beads, aligner->options.low_confidence, TRUE);

  if (sl.off != NULL)
    key_lists_clear (&sl);
  if (tl.off != NULL)
    key_lists_clear (&tl);
  g_free (dp.scum);
  g_free (dp.tcum);
  g_free (model);
  bitext_align__side_clear (&s);
  bitext_align__side_clear (&t);
  return beads;
}

/* ------------------------------------------------------------------------ */
/* Formatting                                                                */
/* ------------------------------------------------------------------------ */

static void
append_range (GString *out, guint start, guint len)
{
  g_string_append_c (out, '[');
  for (guint k = 0; k < len; k++)
    g_string_append_printf (out, k > 0 ? ",%u" : "%u", start + k);
  g_string_append_c (out, ']');
}

/**
 * bitext_bead_format:
 * @bead: a bead
 *
 * Formats @bead as the evaluation sets do: 0-based sentence numbers,
 * "[3]:[3,4]", "[]:[7]" for an added sentence.
 *
 * Returns: (transfer full): the text
 */
char *
bitext_bead_format (const BitextBead *bead)
{
  GString *out = g_string_new (NULL);
  append_range (out, bead->src_start, bead->src_len);
  g_string_append_c (out, ':');
  append_range (out, bead->tgt_start, bead->tgt_len);
  return g_string_free (out, FALSE);
}

/**
 * bitext_bead_get_type:
 *
 * Returns: (transfer none): the bead's shape, "1-1", "2-1", "0-1" and so on
 */
const char *
bitext_bead_get_type (const BitextBead *bead)
{
  static const char *const names[4][4] = {
    { "0-0", "0-1", "0-2", "0-3" },
    { "1-0", "1-1", "1-2", "1-3" },
    { "2-0", "2-1", "2-2", "2-3" },
    { "3-0", "3-1", "3-2", "3-3" },
  };
  if (bead->src_len > 3 || bead->tgt_len > 3)
    return "n-m";
  return names[bead->src_len][bead->tgt_len];
}
