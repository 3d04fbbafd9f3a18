/* bitext tests — the in-memory translation memory. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "test-util.h"
#include "tmx-private.h"

static void
test_new (void)
{
  g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
  g_assert_cmpstr (bitext_tm_get_src_lang (tm), ==, "en");
  g_assert_cmpstr (bitext_tm_get_tgt_lang (tm), ==, "ru");
  g_assert_cmpuint (bitext_tm_get_n_units (tm), ==, 0);
  g_autoptr(BitextTm) all = bitext_tm_new (NULL, NULL);
  g_assert_cmpstr (bitext_tm_get_src_lang (all), ==, "*all*");
  g_assert_null (bitext_tm_get_tgt_lang (all));
}

static void
test_add_unit (void)
{
  g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  BitextTmUnit *u = bitext_tm_add_unit (tm, "Hello.", "Привет.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bitext_tm_get_n_units (tm), ==, 1);
  g_assert_true (bitext_tm_get_unit (tm, 0) == u);
  g_assert_cmpuint (bitext_tm_unit_get_n_variants (u), ==, 2);
  g_assert_cmpstr (bitext_tm_variant_get_lang (bitext_tm_unit_get_variant (u, 1)), ==, "ru");
  g_assert_cmpstr (bitext_tm_variant_get_text (bitext_tm_unit_get_variant (u, 1)), ==, "Привет.");
  g_assert_false (bitext_tm_variant_has_inline (bitext_tm_unit_get_variant (u, 0)));
  g_assert_null (bitext_tm_add_unit (tm, "ok", "non-character \xef\xbf\xbf", &error));
  g_assert_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING);
  g_assert_cmpuint (bitext_tm_get_n_units (tm), ==, 1);
}

static void
test_attrs (void)
{
  g_autoptr(BitextTmUnit) u = bitext_tm_unit_new ();
  g_assert_null (bitext_tm_unit_get_tuid (u));
  g_assert_cmpuint (bitext_tm_unit_get_attrs (u)->len, ==, 0);
  bitext_tm_unit_set_attr (u, "tuid", "7");
  bitext_tm_unit_set_attr (u, "creationdate", "20250101T000000Z");
  bitext_tm_unit_set_attr (u, "changeid", "me");
  bitext_tm_unit_set_attr (u, "tuid", "8");
  bitext_tm_unit_set_attr (u, "creationdate", NULL);
  const GPtrArray *attrs = bitext_tm_unit_get_attrs (u);
  g_assert_cmpuint (attrs->len, ==, 2);
  g_assert_cmpstr (((BitextTmAttr *) attrs->pdata[0])->name, ==, "tuid");
  g_assert_cmpstr (((BitextTmAttr *) attrs->pdata[0])->value, ==, "8");
  g_assert_cmpstr (((BitextTmAttr *) attrs->pdata[1])->name, ==, "changeid");
  g_assert_cmpstr (bitext_tm_unit_get_tuid (u), ==, "8");
}

static void
test_annotations (void)
{
  g_autoptr(BitextTmUnit) u = bitext_tm_unit_new ();
  bitext_tm_unit_add_prop (u, "x-a", "1");
  bitext_tm_unit_add_note (u, "a note");
  bitext_tm_unit_add_prop (u, "x-a", "2");
  g_assert_cmpstr (bitext_tm_unit_lookup_prop (u, "x-a"), ==, "1");
  g_assert_null (bitext_tm_unit_lookup_prop (u, "x-b"));
  const GPtrArray *a = bitext_tm_unit_get_annotations (u);
  g_assert_cmpuint (a->len, ==, 3);
  g_assert_null (((BitextTmAnnotation *) a->pdata[1])->type);
  g_assert_cmpstr (((BitextTmAnnotation *) a->pdata[1])->text, ==, "a note");
  g_assert_cmpstr (((BitextTmAnnotation *) a->pdata[2])->text, ==, "2");

  BitextTmVariant *v = bitext_tm_unit_add_variant (u, "en", "x", NULL);
  bitext_tm_variant_add_prop (v, "x-origin", "MT");
  bitext_tm_variant_add_note (v, "checked");
  bitext_tm_variant_set_attr (v, "changeid", "ed");
  g_assert_cmpuint (bitext_tm_variant_get_annotations (v)->len, ==, 2);
  g_assert_cmpstr (bitext_tm_variant_get_attr (v, "changeid"), ==, "ed");
}

static void
test_copy (void)
{
  g_autoptr(BitextTmUnit) u = bitext_tm_unit_new ();
  bitext_tm_unit_set_attr (u, "tuid", "1");
  bitext_tm_unit_add_prop (u, "x-a", "1");
  BitextTmVariant *v = bitext_tm_unit_add_variant (u, "en", "**b** x", NULL);
  bitext_tm_variant_add_note (v, "n");
  bitext_tm_unit_add_variant (u, "ru", "y", NULL);
  g_autoptr(BitextTmUnit) c = bitext_tm_unit_copy (u);
  bitext_tm_unit_set_attr (u, "tuid", "2");
  g_assert_cmpstr (bitext_tm_unit_get_tuid (c), ==, "1");
  g_assert_cmpstr (bitext_tm_unit_lookup_prop (c, "x-a"), ==, "1");
  g_assert_cmpuint (bitext_tm_unit_get_n_variants (c), ==, 2);
  BitextTmVariant *cv = bitext_tm_unit_get_variant (c, 0);
  g_assert_true (cv != v);
  g_assert_cmpstr (bitext_tm_variant_get_markup (cv), ==, bitext_tm_variant_get_markup (v));
  g_assert_cmpstr (bitext_tm_variant_get_text (cv), ==, "**b** x");
  g_assert_true (bitext_tm_variant_has_inline (cv));
  g_assert_cmpuint (bitext_tm_variant_get_annotations (cv)->len, ==, 1);
}

/* The streaming reader's reuse: a reset unit is empty and its next variants are clean. */
static void
test_reset_reuses (void)
{
  g_autoptr(BitextTmUnit) u = bitext_tm_unit_new ();
  bitext_tm_unit_set_attr (u, "tuid", "1");
  BitextTmVariant *v = bitext_tm_unit_add_variant (u, "en", "**long text**", NULL);
  bitext_tm_variant_add_prop (v, "x", "y");
  bitext_tm__unit_reset (u);
  g_assert_cmpuint (bitext_tm_unit_get_n_variants (u), ==, 0);
  g_assert_null (bitext_tm_unit_get_tuid (u));
  BitextTmVariant *w = bitext_tm__unit_new_variant (u);
  g_assert_true (w == v);
  g_assert_cmpstr (bitext_tm_variant_get_lang (w), ==, "");
  g_assert_cmpstr (bitext_tm_variant_get_markup (w), ==, "");
  g_assert_cmpstr (bitext_tm_variant_get_text (w), ==, "");
  g_assert_false (bitext_tm_variant_has_inline (w));
  g_assert_cmpuint (bitext_tm_variant_get_annotations (w)->len, ==, 0);
}

/* Duplicates, other targets, empty segments, lengths in characters, languages. */
static void
test_stats (void)
{
  static const struct { const char *src, *tgt; } pairs[] = {
    { "a", "x" }, { "a", "x" }, { "a", "yy" }, { "bé", "x" }, { "a", "yy" }, { "ccc", "" },
  };
  g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    bitext_tm_add_unit (tm, pairs[i].src, pairs[i].tgt, NULL);
  BitextTmUnit *lone = bitext_tm_unit_new ();
  bitext_tm_unit_add_variant (lone, "EN", "only English", NULL);
  bitext_tm_append_unit (tm, lone);
  g_autoptr(BitextTmStats) stats = bitext_tm_stats_new (NULL, NULL);
  for (guint i = 0; i < bitext_tm_get_n_units (tm); i++)
    bitext_tm_stats_add_unit (stats, tm, bitext_tm_get_unit (tm, i));
  const BitextTmSummary *s = bitext_tm_stats_get_summary (stats);
  g_assert_cmpuint (s->n_units, ==, 7);
  g_assert_cmpuint (s->n_pairs, ==, 6);
  g_assert_cmpuint (s->n_duplicates, ==, 2);
  g_assert_cmpuint (s->n_conflicts, ==, 1);
  g_assert_cmpuint (s->n_empty, ==, 1);
  g_assert_true (s->duplicates_exact);
  g_assert_cmpstr (s->src_lang, ==, "en");
  g_assert_cmpstr (s->tgt_lang, ==, "ru");
  g_assert_cmpuint (s->src.min, ==, 1);
  g_assert_cmpuint (s->src.max, ==, 3);
  g_assert_cmpuint (s->src.median, ==, 1);
  g_assert_cmpuint (s->src.n_chars, ==, 1 + 1 + 1 + 2 + 1 + 3);
  g_assert_cmpfloat_with_epsilon (s->tgt.mean, 7.0 / 6, 1e-9);
  g_assert_cmpuint (bitext_tm_stats_get_lang_count (stats, "en"), ==, 7);
  g_assert_cmpuint (bitext_tm_stats_get_lang_count (stats, "RU"), ==, 6);
  g_autoptr(GPtrArray) langs = bitext_tm_stats_dup_languages (stats);
  g_assert_cmpuint (langs->len, ==, 2);
  g_assert_cmpstr (langs->pdata[0], ==, "en");
}

/* The source and target chosen for a unit: srclang, *all*, a srclang naming no variant. */
static void
test_choose (void)
{
  g_autoptr(BitextTm) all = bitext_tm_new (NULL, NULL);
  g_autoptr(BitextTmUnit) u = bitext_tm_unit_new ();
  bitext_tm_unit_add_variant (u, "fr", "un", NULL);
  bitext_tm_unit_add_variant (u, "en-US", "one", NULL);
  bitext_tm_unit_add_variant (u, "en-GB", "one!", NULL);
  BitextTmVariant *src = bitext_tm_unit_choose_source (u, all, NULL);
  g_assert_cmpstr (bitext_tm_variant_get_lang (src), ==, "fr");
  g_assert_cmpstr (bitext_tm_variant_get_lang (bitext_tm_unit_choose_target (u, src, NULL)), ==,
                   "en-US");
  bitext_tm_unit_set_attr (u, "srclang", "en-gb");
  src = bitext_tm_unit_choose_source (u, all, NULL);
  g_assert_cmpstr (bitext_tm_variant_get_lang (src), ==, "en-GB");
  g_assert_cmpstr (bitext_tm_variant_get_lang (bitext_tm_unit_choose_target (u, src, NULL)), ==,
                   "fr");
  g_assert_null (bitext_tm_unit_choose_target (u, src, "de"));
  g_assert_null (bitext_tm_unit_choose_target (u, src, "en-GB"));
  bitext_tm_unit_set_attr (u, "srclang", "all");
  g_assert_cmpstr (bitext_tm_variant_get_lang (bitext_tm_unit_choose_source (u, all, NULL)), ==,
                   "fr");
  g_assert_null (bitext_tm_unit_choose_source (u, all, "ru"));
}

/* Fuzzy scores, exact: 100 × (1 − d / max(n, m)) over word and punctuation tokens, case folded. */
static void
test_index_scores (void)
{
  static const struct { const char *entry, *query; guint score, distance; } cases[] = {
    { "It is great to be back in Moscow.", "it is GREAT to be back in moscow.", 100, 0 },
    { "It is great to be back in Moscow.", "It is great to be back in Paris.", 88, 1 },
    { "We must find common solutions for this common problem.",
      "We must find common solutions for this problem.", 90, 1 },
    { "Thank you.", "Thank you!", 66, 1 },
    { "Straße", "STRASSE", 100, 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BitextTmIndex) index = bitext_tm_index_new ("en", &error);
      g_assert_no_error (error);
      bitext_tm_index_add (index, cases[i].entry, NULL);
      g_autoptr(GArray) m = bitext_tm_index_lookup (index, cases[i].query, 0, 0);
      g_assert_cmpuint (m->len, ==, 1);
      g_assert_cmpuint (g_array_index (m, BitextTmMatch, 0).score, ==, cases[i].score);
      g_assert_cmpuint (g_array_index (m, BitextTmMatch, 0).distance, ==, cases[i].distance);
    }
}

/*
** The prefilter never loses a match: on a random memory over a small
** vocabulary, a lookup at threshold T returns exactly the matches of a
** full scan (threshold 0) that score T or more, in the same order.
*/
static void
test_index_prefilter (void)
{
  static const char *const words[] = { "a", "b", "c", "d", "e", "f", "g", "h", ".", "," };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(BitextTmIndex) index = bitext_tm_index_new ("en", NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GString) t = g_string_new (NULL);
      for (int k = g_rand_int_range (rand, 1, 12); k > 0; k--)
        g_string_append_printf (t, "%s ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_autofree char *date = g_strdup_printf ("2012%02d01T000000Z", g_rand_int_range (rand, 1, 13));
      g_assert_cmpuint (bitext_tm_index_add (index, t->str, date), ==, i);
      g_ptr_array_add (texts, g_string_free (g_steal_pointer (&t), FALSE));
    }
  for (guint q = 0; q < 50; q++)
    {
      const char *query = texts->pdata[g_rand_int_range (rand, 0, texts->len)];
      guint threshold = (guint) g_rand_int_range (rand, 1, 101);
      g_autoptr(GArray) all = bitext_tm_index_lookup (index, query, 0, 0);
      g_autoptr(GArray) some = bitext_tm_index_lookup (index, query, 0, threshold);
      guint k = 0;
      for (guint i = 0; i < all->len; i++)
        {
          const BitextTmMatch *a = &g_array_index (all, BitextTmMatch, i);
          /* T is whole: floor (100 (L - d) / L) >= T is the index's 100 (L - d) >= T L. */
          if (a->score < threshold)
            continue;
          g_assert_cmpuint (k, <, some->len);
          g_assert_cmpuint (g_array_index (some, BitextTmMatch, k).id, ==, a->id);
          k++;
        }
      g_assert_cmpuint (k, ==, some->len);
    }
}

/* Stems: «оборона» finds «обороны», "defence" finds "defences"; phrases keep their order. */
static void
test_concordance (void)
{
  static const struct { const char *phrase, *lang, *text; gsize offset, length; } cases[] = {
    { "оборона", "ru", "в области противоракетной обороны.", 49, 14 },
    { "defence", "en", "Missile defences are here.", 8, 8 },
    { "missile defence", "en-GB", "Our Missile  Defences are here.", 4, 17 },
    { "defence missile", "en", "Our missile defence.", 0, 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BitextTmConcordance) c = bitext_tm_concordance_new (cases[i].phrase);
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) spans = bitext_tm_concordance_find (c, cases[i].text, cases[i].lang, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (spans->len, ==, cases[i].length > 0 ? 1 : 0);
      if (cases[i].length > 0)
        {
          g_assert_cmpuint (g_array_index (spans, BitextSpan, 0).offset, ==, cases[i].offset);
          g_assert_cmpuint (g_array_index (spans, BitextSpan, 0).length, ==, cases[i].length);
        }
    }
}

/* The memory filters: each reason, in order, on exact texts; a unit's score from its prop. */
static void
test_filter (void)
{
  BitextTmFilter f = BITEXT_TM_FILTER_INIT;
  f.min_score = 0.5;
  static const struct { const char *src, *tgt; double score; BitextTmFilterReason want; } cases[] = {
    { "Hello.", "Привет.", 0.9, BITEXT_TM_FILTER_KEEP },
    { "Hello.", "Привет.", NAN, BITEXT_TM_FILTER_KEEP },
    { "", "Привет.", 0.9, BITEXT_TM_FILTER_EMPTY },
    { "Hello.", " \t ", 0.9, BITEXT_TM_FILTER_EMPTY },
    { "Hello.", NULL, 0.9, BITEXT_TM_FILTER_EMPTY },
    { "17 / 57", "17 / 57", 0.9, BITEXT_TM_FILTER_NO_LETTERS },
    { "3.5 %", "3,5 %", 0.9, BITEXT_TM_FILTER_NO_LETTERS },
    { "Chapter 3", "3", 0.9, BITEXT_TM_FILTER_NO_LETTERS },
    { "•", "—", 0.9, BITEXT_TM_FILTER_NO_LETTERS },
    /* Identical, and a phrase of a language: a sentence left untranslated. */
    { "Navigation header", "Navigation header", 0.9, BITEXT_TM_FILTER_IDENTICAL },
    { " Invalid argument ", "Invalid argument", 0.9, BITEXT_TM_FILTER_IDENTICAL },
    { "Run ls -l.", "Run ls -l.", 0.9, BITEXT_TM_FILTER_IDENTICAL },
    { "The “Linux” kernel.", "The “Linux” kernel.", 0.9, BITEXT_TM_FILTER_IDENTICAL },
    /* A script without spaces: a run of letters is a clause, the spaces tell nothing. */
    { "東京", "東京", 0.9, BITEXT_TM_FILTER_IDENTICAL },
    /* Identical without a phrase: a name, key, label, command, path or option stays what it
    ** is in a translation. */
    { "Linux", "Linux", 0.9, BITEXT_TM_FILTER_KEEP },
    { " Search ", "Search", 0.9, BITEXT_TM_FILTER_KEEP },
    { "Linux", "linux", 0.9, BITEXT_TM_FILTER_KEEP },
    { "aptitude safe-upgrade", "aptitude safe-upgrade", 0.9, BITEXT_TM_FILTER_KEEP },
    { "Vertical-Split", "Vertical-Split", 0.9, BITEXT_TM_FILTER_KEEP },
    { "OK", "OK", 0.9, BITEXT_TM_FILTER_KEEP },
    { "ChangePkgTreeSorting", "ChangePkgTreeSorting", 0.9, BITEXT_TM_FILTER_KEEP },
    { "/etc/fstab", "/etc/fstab", 0.9, BITEXT_TM_FILTER_KEEP },
    { "D.5.", "D.5.", 0.9, BITEXT_TM_FILTER_KEEP },
    { "--help", "--help", 0.9, BITEXT_TM_FILTER_KEEP },
    { "https://example.org/a.html ch01.html", "https://example.org/a.html ch01.html", 0.9,
      BITEXT_TM_FILTER_KEEP },
    { "$HOME/.bashrc", "$HOME/.bashrc", 0.9, BITEXT_TM_FILTER_KEEP },
    { "/mnt $HOME", "/mnt $HOME", 0.9, BITEXT_TM_FILTER_KEEP },
    { "(“Linux”).", "(“Linux”).", 0.9, BITEXT_TM_FILTER_KEEP },
    { "Hello.", "Привет.", 0.49, BITEXT_TM_FILTER_LOW_SCORE },
    { "Hello.", "Привет.", 0.5, BITEXT_TM_FILTER_KEEP },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bitext_tm_filter_classify_texts (&f, cases[i].src, cases[i].tgt,
                                                      cases[i].score), ==, cases[i].want);
  /* Only the filters asked for apply. */
  f.reasons = BITEXT_TM_FILTER_BIT (BITEXT_TM_FILTER_IDENTICAL);
  g_assert_cmpint (bitext_tm_filter_classify_texts (&f, "It is.", "It is.", 0.1), ==,
                   BITEXT_TM_FILTER_IDENTICAL);
  g_assert_cmpint (bitext_tm_filter_classify_texts (&f, "17", "17", 0.1), ==,
                   BITEXT_TM_FILTER_KEEP);
  g_assert_cmpint (bitext_tm_filter_classify_texts (&f, "", "x", 0.1), ==, BITEXT_TM_FILTER_KEEP);

  /* A unit: plain views (codes dropped), the score prop, the languages by the header. */
  f = (BitextTmFilter) BITEXT_TM_FILTER_INIT;
  f.min_score = 0.5;
  g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
  BitextTmUnit *u = bitext_tm_add_unit (tm, "**Linux** kernel", "Linux kernel", NULL);
  g_assert_cmpint (bitext_tm_filter_classify (&f, tm, u), ==, BITEXT_TM_FILTER_IDENTICAL);
  u = bitext_tm_add_unit (tm, "Yes.", "Да.", NULL);
  bitext_tm_unit_add_prop (u, "x-bitext-score", "0.2500");
  g_assert_cmpint (bitext_tm_filter_classify (&f, tm, u), ==, BITEXT_TM_FILTER_LOW_SCORE);
  guint64 counts[BITEXT_TM_FILTER_N_REASONS] = { 5, 0, 124, 477, 0 };
  g_autoptr(GString) line = g_string_new (NULL);
  bitext_tm_filter_append_counts (line, counts);
  g_assert_cmpstr (line->str, ==, "no-letters 124, identical 477");
}

/* C0 controls XML cannot carry become <ph type="x-ctrl"> codes; the text view keeps the control. */
static void
test_control_codes (void)
{
  g_autoptr(BitextTm) tm = bitext_tm_new ("en", "ru");
  g_autoptr(GError) error = NULL;
  BitextTmUnit *u = bitext_tm_add_unit (tm, "a\fb & c\a", "x", &error);
  g_assert_no_error (error);
  BitextTmVariant *v = bitext_tm_unit_get_variant (u, 0);
  g_assert_cmpstr (bitext_tm_variant_get_markup (v), ==,
                   "a<ph type=\"x-ctrl\">\u240C</ph>b &amp; c<ph type=\"x-ctrl\">\u2407</ph>");
  g_assert_cmpstr (bitext_tm_variant_get_text (v), ==, "a\fb & c\a");
  g_autofree char *plain = bitext_tm_variant_dup_plain_text (v);
  g_assert_cmpstr (plain, ==, "ab & c");
  /* Read back from the markup (as from a file): the same text view. */
  g_autoptr(BitextTmUnit) back = bitext_tm_unit_new ();
  v = bitext_tm_unit_add_variant_markup (back, "en", "a<ph type=\"x-ctrl\">\u240C</ph>b<ph>\u240C</ph>",
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bitext_tm_variant_get_text (v), ==, "a\fb\u240C");
  gsize length;
  g_autofree char *data = bitext_tmx_write_to_data (tm, NULL, &length, &error);
  g_assert_no_error (error);
  g_autoptr(BitextTm) read = bitext_tmx_read_data ("x.tmx", data, length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bitext_tm_variant_get_text (bitext_tm_unit_get_variant (bitext_tm_get_unit (read, 0), 0)),
                   ==, "a\fb & c\a");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tm/new", test_new);
  g_test_add_func ("/tm/add-unit", test_add_unit);
  g_test_add_func ("/tm/filter", test_filter);
  g_test_add_func ("/tm/control-codes", test_control_codes);
  g_test_add_func ("/tm/unit/attrs", test_attrs);
  g_test_add_func ("/tm/unit/annotations", test_annotations);
  g_test_add_func ("/tm/unit/copy", test_copy);
  g_test_add_func ("/tm/unit/reset-reuses", test_reset_reuses);
  g_test_add_func ("/tm/unit/choose-source-target", test_choose);
  g_test_add_func ("/tm/stats/figures", test_stats);
  g_test_add_func ("/tm/index/scores", test_index_scores);
  g_test_add_func ("/tm/index/prefilter-loses-nothing", test_index_prefilter);
  g_test_add_func ("/tm/concordance/stems", test_concordance);
  return g_test_run ();
}
