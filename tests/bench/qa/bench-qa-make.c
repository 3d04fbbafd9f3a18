/* bench-qa-make — a TMX of N English–Russian units and a glossary of M terms for tests/bench/qa.
 *
 * usage: bench-qa-make N M OUT.tmx OUT.tsv
 * Words are made of syllables (English-like Latin, Russian-like Cyrillic with case endings),
 * so the stemmers see plausible inflection; ordinary words are drawn by Zipf's law (frequency
 * ∝ 1/rank; Zipf 1949) from 20,000 roots, as running text has them. A glossary term is 1–3 words; its rendering
 * is the Cyrillic words of the same roots. Each unit has 10–24 ordinary words, 0–3 glossary
 * terms (in 1 of 20 units one is rendered otherwise: a glossary finding), a number (1 in 50
 * changed: a number finding) and, in 1 of 10 units, the source of an earlier unit again (the
 * inconsistency check's work). Fixed seed: every run writes the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>

#include <bitext/bitext.h>

/* Syllables CV and a final consonant: no English suffix (-ment, -er, -al) or Russian ending
   inside a root, so the stemmers keep every root whole and distinct. */
static const char *const en_syl[] = { "ba", "ko", "du", "fi", "go", "hu", "ki", "la",
                                      "mo", "nu", "pi", "ra", "so", "tu", "vi", "zo" };
static const char *const ru_syl[] = { "ба", "ко", "ду", "фи", "го", "ху", "ки", "ла",
                                      "мо", "ну", "пи", "ра", "со", "ту", "ви", "зо" };
static const char *const en_fin[] = { "n", "d", "m", "t", "k", "p", "b" };
static const char *const ru_fin[] = { "н", "д", "м", "т", "к", "п", "б" };
static const char *const ru_end[] = { "а", "ы", "е", "у", "ой", "ов", "ам", "ами" };
static const char *const en_end[] = { "", "", "", "s", "s", "" };

typedef struct
{
  GPtrArray *en;            /* word roots, English */
  GPtrArray *ru;            /* the same roots, Russian */
  double *cumulative;       /* Zipf weights 1/rank, summed: the chance of drawing each root */
} Lexicon;

/* A root drawn by Zipf's law (frequency ∝ 1/rank), as words of running text are. */
static guint
zipf_root (const Lexicon *lex, GRand *rand)
{
  guint n = lex->en->len;
  double x = g_rand_double (rand) * lex->cumulative[n - 1];
  guint lo = 0, hi = n - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (lex->cumulative[mid] < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
make_lexicon (Lexicon *lex, GRand *rand, guint n)
{
  lex->en = g_ptr_array_new_with_free_func (g_free);
  lex->ru = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  while (lex->en->len < n)
    {
      GString *e = g_string_new (NULL), *r = g_string_new (NULL);
      guint k = (guint) g_rand_int_range (rand, 2, 4);
      for (guint i = 0; i < k; i++)
        {
          guint s = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (en_syl));
          g_string_append (e, en_syl[s]);
          g_string_append (r, ru_syl[s]);
        }
      guint f = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (en_fin));
      g_string_append (e, en_fin[f]);
      g_string_append (r, ru_fin[f]);
      if (g_hash_table_contains (seen, e->str))
        {
          g_string_free (e, TRUE);
          g_string_free (r, TRUE);
          continue;
        }
      g_ptr_array_add (lex->en, g_string_free (e, FALSE));
      g_ptr_array_add (lex->ru, g_string_free (r, FALSE));
      g_hash_table_add (seen, lex->en->pdata[lex->en->len - 1]);
    }
  lex->cumulative = g_new (double, n);
  for (guint r = 0; r < n; r++)
    lex->cumulative[r] = (r > 0 ? lex->cumulative[r - 1] : 0) + 1.0 / (r + 1);
}

typedef struct
{
  guint words[3];
  guint n;
} Term;

static void
append_root (GString *out, const char *root, const char *ending)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, root);
  g_string_append (out, ending);
}

/* A term into both sides; when @wrong, the target gets other words (a glossary finding). */
static void
append_term (GString *en, GString *ru, const Lexicon *lex, const Term *t, gboolean wrong,
             GRand *rand)
{
  for (guint k = 0; k < t->n; k++)
    {
      gboolean last = k + 1 == t->n;
      guint w = t->words[k];
      append_root (en, lex->en->pdata[w], last ? en_end[g_rand_int_range (rand, 0, 4)] : "");
      append_root (ru, lex->ru->pdata[wrong ? (w + 7) % lex->ru->len : w],
                   last ? ru_end[g_rand_int_range (rand, 0, G_N_ELEMENTS (ru_end))] : "");
    }
}

/* One unit's source and target. */
static void
make_unit (GString *en, GString *ru, const Lexicon *lex, const Term *terms, guint n_terms,
           GRand *rand)
{
  g_string_truncate (en, 0);
  g_string_truncate (ru, 0);
  guint n_words = (guint) g_rand_int_range (rand, 10, 25);
  guint n_t = (guint) g_rand_int_range (rand, 0, 4);
  guint number = (guint) g_rand_int_range (rand, 1, 3000);
  for (guint i = 0; i < n_words; i++)
    {
      if (i == n_words / 2)
        {
          g_string_append_printf (en, " %u", number);
          g_string_append_printf (ru, " %u", g_rand_int_range (rand, 0, 50) == 0 ? number + 1
                                                                                  : number);
        }
      if (n_t > 0 && g_rand_int_range (rand, 0, (gint32) (n_words - i)) < (gint32) n_t)
        {
          const Term *t = &terms[g_rand_int_range (rand, 0, (gint32) n_terms)];
          append_term (en, ru, lex, t, g_rand_int_range (rand, 0, 20) == 0, rand);
          n_t--;
        }
      guint w = zipf_root (lex, rand);
      append_root (en, lex->en->pdata[w], en_end[g_rand_int_range (rand, 0, G_N_ELEMENTS (en_end))]);
      append_root (ru, lex->ru->pdata[w], ru_end[g_rand_int_range (rand, 0, G_N_ELEMENTS (ru_end))]);
    }
  en->str[0] = g_ascii_toupper (en->str[0]);
  g_string_append_c (en, '.');
  g_string_append_c (ru, '.');
}

/* @n_terms distinct terms of 1–3 roots, written as a TSV glossary to @path. */
static Term *
make_glossary (const Lexicon *lex, guint n_terms, GRand *rand, const char *path, GError **error)
{
  Term *terms = g_new0 (Term, n_terms);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) tsv = g_string_new ("# source\ttarget\n");
  g_autoptr(GString) en = g_string_new (NULL);
  g_autoptr(GString) ru = g_string_new (NULL);
  for (guint i = 0; i < n_terms;)
    {
      Term *t = &terms[i];
      t->n = (guint) g_rand_int_range (rand, 1, 4);
      g_string_truncate (en, 0);
      g_string_truncate (ru, 0);
      for (guint k = 0; k < t->n; k++)
        {
          t->words[k] = (guint) g_rand_int_range (rand, 0, (gint32) lex->en->len);
          append_root (en, lex->en->pdata[t->words[k]], "");
          append_root (ru, lex->ru->pdata[t->words[k]], k + 1 == t->n ? "а" : "");
        }
      if (!g_hash_table_add (seen, g_strdup (en->str)))
        continue;
      g_string_append_printf (tsv, "%s\t%s\n", en->str, ru->str);
      i++;
    }
  if (!g_file_set_contents (path, tsv->str, (gssize) tsv->len, error))
    g_clear_pointer (&terms, g_free);
  return terms;
}

/* A unit with its two variants and the bead prop the aligner writes. */
static gboolean
write_unit (BitextTmxWriter *w, const char *en, const char *ru, GError **error)
{
  g_autoptr(BitextTmUnit) unit = bitext_tm_unit_new ();
  bitext_tm_unit_add_variant (unit, "en", en, NULL);
  bitext_tm_unit_add_variant (unit, "ru", ru, NULL);
  bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_BEAD, "1-1");
  return bitext_tmx_writer_add_unit (w, unit, error);
}

#define N_ROOTS 20000   /* a mid-sized vocabulary; the glossary's terms are drawn from it */
#define N_RECENT 1024   /* earlier units a repeated source is taken from */

int
main (int argc, char **argv)
{
  if (argc != 5)
    {
      fprintf (stderr, "usage: bench-qa-make N_UNITS N_TERMS OUT.tmx OUT.tsv\n");
      return 2;
    }
  guint n = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  guint n_terms = MAX ((guint) g_ascii_strtoull (argv[2], NULL, 10), 1u);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250505);
  Lexicon lex;
  make_lexicon (&lex, rand, N_ROOTS);
  g_autoptr(GError) error = NULL;
  g_autofree Term *terms = make_glossary (&lex, n_terms, rand, argv[4], &error);
  g_autoptr(BitextTm) header = bitext_tm_new ("en", "ru");
  BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  options.date = 1735689600;
  g_autoptr(BitextTmxWriter) w = terms != NULL ? bitext_tmx_writer_new (argv[3], header, &options,
                                                                        &error)
                                               : NULL;
  g_autoptr(GPtrArray) recent = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) en = g_string_new (NULL);
  g_autoptr(GString) ru = g_string_new (NULL);
  for (guint i = 0; w != NULL && i < n; i++)
    {
      make_unit (en, ru, &lex, terms, n_terms, rand);
      if (recent->len == N_RECENT && g_rand_int_range (rand, 0, 10) == 0)
        {
          /* The source of an earlier unit again, translated anew. */
          const char *old = recent->pdata[g_rand_int_range (rand, 0, N_RECENT)];
          g_string_assign (en, old);
        }
      else if (recent->len < N_RECENT)
        g_ptr_array_add (recent, g_strdup (en->str));
      else
        {
          g_free (recent->pdata[i % N_RECENT]);
          recent->pdata[i % N_RECENT] = g_strdup (en->str);
        }
      if (!write_unit (w, en->str, ru->str, &error))
        break;
    }
  if (w == NULL || error != NULL || !bitext_tmx_writer_close (w, &error))
    {
      fprintf (stderr, "bench-qa-make: %s\n", error->message);
      return 2;
    }
  g_ptr_array_unref (lex.en);
  g_ptr_array_unref (lex.ru);
  g_free (lex.cumulative);
  return 0;
}
