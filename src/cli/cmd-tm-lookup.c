/* bitext tm lookup — fuzzy matches for new sentences, with the percentages CAT tools show. */
#include <string.h>

#include "cmd-tm.h"
#include "cmd.h"
#include "common.h"

static char *opt_src_lang = NULL;
static char *opt_tgt_lang = NULL;
static int opt_top = 5;
static int opt_threshold = 70;
static gboolean opt_timing = FALSE;

static const GOptionEntry entries[] = {
  { "top", 'k', 0, G_OPTION_ARG_INT, &opt_top, "Show the K best matches (default 5; 0: all)", "K" },
  { "threshold", 'm', 0, G_OPTION_ARG_INT, &opt_threshold,
    "The lowest score shown, in percent (default 70, as OmegaT's and Trados' default minimum "
    "match)", "PCT" },
  { "src-lang", 's', 0, G_OPTION_ARG_STRING, &opt_src_lang,
    "Source language (default: each unit's srclang, else the header's)", "LANG" },
  { "tgt-lang", 't', 0, G_OPTION_ARG_STRING, &opt_tgt_lang,
    "Target language (default: each unit's first other language)", "LANG" },
  { "timing", 0, 0, G_OPTION_ARG_NONE, &opt_timing,
    "Print the time to index and to look up on stderr", NULL },
  { NULL }
};

typedef struct
{
  BitextTmIndex *index;
  GArray *numbers;            /* guint32: the unit number of each index entry */
  guint32 n_units;
  GHashTable *wanted;         /* unit number -> BitextTmUnit copy (pass 2) */
  char *lang;                 /* the first source's language, for the word breaker */
  char *header_src_lang;      /* the file's srclang, to choose the variants as pass 1 did */
} Lookup;

static gboolean
index_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  Lookup *l = user_data;
  guint32 number = l->n_units++;
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, opt_src_lang);
  BitextTmVariant *tgt = src != NULL ? bitext_tm_unit_choose_target (unit, src, opt_tgt_lang)
                                     : NULL;
  if (tgt == NULL)
    return TRUE;
  if (l->index == NULL)
    {
      l->lang = g_strdup (bitext_tm_variant_get_lang (src));
      if ((l->index = bitext_tm_index_new (l->lang, error)) == NULL)
        return FALSE;
    }
  const char *date = bitext_tm_unit_get_attr (unit, "changedate");
  if (date == NULL)
    date = bitext_tm_unit_get_attr (unit, "creationdate");
  g_autofree char *plain = bitext_tm_variant_has_inline (src)
                           ? bitext_tm_variant_dup_plain_text (src) : NULL;
  bitext_tm_index_add (l->index, plain != NULL ? plain : bitext_tm_variant_get_text (src), date);
  g_array_append_val (l->numbers, number);
  return TRUE;
}

static gboolean
fetch_unit (const BitextTm *header, BitextTmUnit *unit, gpointer user_data, GError **error)
{
  (void) error;
  Lookup *l = user_data;
  if (l->header_src_lang == NULL)
    l->header_src_lang = g_strdup (bitext_tm_get_src_lang (header));
  gpointer key = GUINT_TO_POINTER (l->n_units++);
  if (g_hash_table_contains (l->wanted, key))
    g_hash_table_insert (l->wanted, key, bitext_tm_unit_copy (unit));
  return TRUE;
}

/*
** Print one sentence's matches: "PCT%<TAB>source<TAB>target", texts
** TSV-escaped; a blank line before every sentence but the first.
*/
static void
print_matches (Lookup *l, const BitextTm *header, GPtrArray *results, int n_sentences)
{
  g_autoptr(GString) line = g_string_new (NULL);
  for (guint i = 0; i < results->len; i++)
    {
      GArray *matches = results->pdata[i];
      if (n_sentences > 1)
        fputs (i > 0 ? "\n" : "", stdout);
      for (guint j = 0; j < matches->len; j++)
        {
          const BitextTmMatch *m = &g_array_index (matches, BitextTmMatch, j);
          guint32 number = g_array_index (l->numbers, guint32, m->id);
          BitextTmUnit *unit = g_hash_table_lookup (l->wanted, GUINT_TO_POINTER (number));
          BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, opt_src_lang);
          BitextTmVariant *tgt = bitext_tm_unit_choose_target (unit, src, opt_tgt_lang);
          g_string_printf (line, "%u%%\t", m->score);
          cmd_tm_append_tsv (line, bitext_tm_variant_get_text (src));
          g_string_append_c (line, '\t');
          cmd_tm_append_tsv (line, bitext_tm_variant_get_text (tgt));
          g_string_append_c (line, '\n');
          fputs (line->str, stdout);
        }
    }
}

/* Look every sentence up; the units to fetch go to l->wanted. Returns how many matched. */
static guint
look_up (Lookup *l, int n_sentences, char **sentences, GPtrArray *results)
{
  guint n_matched = 0;
  for (int i = 0; i < n_sentences; i++)
    {
      GArray *matches = l->index != NULL
          ? bitext_tm_index_lookup (l->index, sentences[i], (guint) opt_top, (guint) opt_threshold)
          : g_array_new (FALSE, FALSE, sizeof (BitextTmMatch));
      for (guint j = 0; j < matches->len; j++)
        {
          guint id = g_array_index (matches, BitextTmMatch, j).id;
          g_hash_table_insert (l->wanted,
                               GUINT_TO_POINTER (g_array_index (l->numbers, guint32, id)), NULL);
        }
      n_matched += matches->len > 0;
      g_ptr_array_add (results, matches);
    }
  return n_matched;
}

static int
run_lookup (const char *path, int n_sentences, char **sentences, GError **error)
{
  Lookup l = { .numbers = g_array_new (FALSE, FALSE, sizeof (guint32)),
               .wanted = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                (GDestroyNotify) bitext_tm_unit_free) };
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  BitextTmxReadOptions options = BITEXT_TMX_READ_OPTIONS_INIT;
  options.warning_func = cmd_tm_print_warning;
  g_autoptr(BitextTm) header = NULL;
  int status = BITEXT_EXIT_ERROR;
  gint64 t0 = g_get_monotonic_time ();
  if (!bitext_tmx_foreach_unit (path, &options, index_unit, &l, NULL, error))
    goto out;
  gint64 t1 = g_get_monotonic_time ();
  guint n_matched = look_up (&l, n_sentences, sentences, results);
  gint64 t2 = g_get_monotonic_time ();
  /* Second pass: copy the units matched (the index keeps token ids, not texts). */
  options.warning_func = NULL;
  l.n_units = 0;
  if (g_hash_table_size (l.wanted) > 0
      && !bitext_tmx_foreach_unit (path, &options, fetch_unit, &l, NULL, error))
    goto out;
  header = bitext_tm_new (l.header_src_lang, NULL);
  print_matches (&l, header, results, n_sentences);
  if (opt_timing)
    fprintf (stderr, "bitext: tm lookup: %u entries indexed in %.3f s; %d lookups in %.3f s "
             "(%.3f ms each)\n", l.index != NULL ? bitext_tm_index_get_n_entries (l.index) : 0,
             (t1 - t0) / 1e6, n_sentences, (t2 - t1) / 1e6, (t2 - t1) / 1e3 / n_sentences);
  status = n_matched > 0 ? BITEXT_EXIT_OK : BITEXT_EXIT_FINDINGS;
out:
  bitext_tm_index_free (l.index);
  g_array_unref (l.numbers);
  g_hash_table_unref (l.wanted);
  g_free (l.lang);
  g_free (l.header_src_lang);
  return status;
}

int
cmd_tm_lookup (int argc, char **argv, GError **error)
{
  g_autoptr(GOptionContext) context = bitext_option_context_new (
      "FILE SENTENCE…", "Print the units whose source is most like SENTENCE: score, source, "
      "target. The score is 100 × (1 − d / max(n, m)), d the edit distance in words and "
      "punctuation marks (case ignored), n and m the two lengths. Exit status 0 when a "
      "sentence has a match, 1 when none has.", entries);
  if (!bitext_parse_options (context, &argc, &argv, error))
    return BITEXT_EXIT_ERROR;
  if (argc < 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "tm lookup: give FILE and SENTENCE; see 'bitext tm lookup --help'");
      return BITEXT_EXIT_ERROR;
    }
  if (opt_top < 0 || opt_threshold < 0 || opt_threshold > 100)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "tm lookup: --top must be 0 or more, --threshold 0 to 100");
      return BITEXT_EXIT_ERROR;
    }
  if (strcmp (argv[1], "-") == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "tm lookup: the memory is read twice; give a file, not stdin");
      return BITEXT_EXIT_ERROR;
    }
  for (int i = 2; i < argc; i++)
    if (!g_utf8_validate (argv[i], -1, NULL))
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "tm lookup: SENTENCE %d is not valid UTF-8", i - 1);
        return BITEXT_EXIT_ERROR;
      }
  return run_lookup (argv[1], argc - 2, argv + 2, error);
}
