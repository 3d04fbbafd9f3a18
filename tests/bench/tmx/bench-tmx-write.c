/* bench-tmx-write — write a TMX of N generated units with bitext's streaming writer.
 *
 * usage: bench-tmx-write N OUT.tmx
 * Segments are 100–150 bytes of pseudo-random English and Russian words, one
 * in 50 in Markdown **emphasis**, from a pool of 10,007 sentences made before
 * the clock starts (fixed seed: every run writes the same bytes), each ended
 * by the unit's number so no two units are the same. Each unit carries the
 * props the aligner writes. Prints the write time in seconds on stdout.
 */
#include <stdio.h>
#include <stdlib.h>

#include <bitext/bitext.h>

static const char *const en_words[] = {
  "the", "report", "council", "member", "states", "shall", "ensure", "that", "of", "and",
  "measures", "committee", "proposal", "market", "within", "financial", "year", "support",
  "development", "European", "must", "be", "taken", "into", "account",
};
static const char *const ru_words[] = {
  "доклад", "совет", "государства", "члены", "должны", "обеспечить", "что", "и", "меры",
  "комитет", "предложение", "рынок", "в", "течение", "финансового", "года", "поддержка",
  "развития", "Европейского", "учитывать",
};

/* A sentence of 100–150 bytes from @words, in @out. */
static void
make_sentence (GString *out, GRand *rand, const char *const *words, guint n_words)
{
  guint target = (guint) g_rand_int_range (rand, 100, 151);
  g_string_truncate (out, 0);
  while (out->len < target - 12)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      const char *word = words[g_rand_int_range (rand, 0, (gint32) n_words)];
      /* One word in 50 is **emphasised**: the writer turns it into bpt/ept. */
      if (g_rand_int_range (rand, 0, 50) == 0)
        g_string_append_printf (out, "**%s**", word);
      else
        g_string_append (out, word);
    }
}

#define POOL 10007

static GPtrArray *
make_pool (GRand *rand, const char *const *words, guint n_words)
{
  GPtrArray *pool = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) s = g_string_new (NULL);
  for (guint i = 0; i < POOL; i++)
    {
      make_sentence (s, rand, words, n_words);
      g_ptr_array_add (pool, g_strdup (s->str));
    }
  return pool;
}

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      fprintf (stderr, "usage: bench-tmx-write N OUT.tmx\n");
      return 2;
    }
  guint64 n = g_ascii_strtoull (argv[1], NULL, 10);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250101);
  g_autoptr(BitextTm) header = bitext_tm_new ("en", "ru");
  BitextTmxWriteOptions options = BITEXT_TMX_WRITE_OPTIONS_INIT;
  options.date = 1735689600;
  g_autoptr(GString) src = g_string_new (NULL);
  g_autoptr(GString) tgt = g_string_new (NULL);
  g_autoptr(GPtrArray) en_pool = make_pool (rand, en_words, G_N_ELEMENTS (en_words));
  g_autoptr(GPtrArray) ru_pool = make_pool (rand, ru_words, G_N_ELEMENTS (ru_words));
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(BitextTmxWriter) w = bitext_tmx_writer_new (argv[2], header, &options, &error);
  for (guint64 i = 0; w != NULL && i < n; i++)
    {
      /* Sentences from a pool, made unique by the unit's number: the timing is the writer's. */
      g_string_printf (src, "%s %" G_GUINT64_FORMAT ".", (char *) en_pool->pdata[i % POOL], i);
      g_string_printf (tgt, "%s %" G_GUINT64_FORMAT ".",
                       (char *) ru_pool->pdata[(i * 7919) % POOL], i);
      g_autoptr(BitextTmUnit) unit = bitext_tm_unit_new ();
      bitext_tm_unit_add_variant (unit, "en", src->str, NULL);
      bitext_tm_unit_add_variant (unit, "ru", tgt->str, NULL);
      char score[16];
      g_snprintf (score, sizeof score, "0.%04u", (guint) ((i * 2654435761u) % 10000));
      bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_SCORE, score);
      bitext_tm_unit_add_prop (unit, BITEXT_TMX_PROP_BEAD, "1-1");
      if (!bitext_tmx_writer_add_unit (w, unit, &error))
        break;
    }
  if (w == NULL || error != NULL || !bitext_tmx_writer_close (w, &error))
    {
      fprintf (stderr, "bench-tmx-write: %s\n", error->message);
      return 2;
    }
  printf ("%.2f\n", (double) (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
