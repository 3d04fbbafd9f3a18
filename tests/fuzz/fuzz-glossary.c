/* Fuzz target: the glossary readers of `check -g` (TSV, CSV, TBX) and the term
 * lists of `glossary convert` (TSV, CSV, TBX, OmegaT), each written back.
 *
 * The first byte picks the reader: bit 0 the check glossary or the term list,
 * bits 1-2 the format.
 */
#include "fuzz.h"

#include <bitext/glossary.h>
#include <bitext/terms.h>

static const char *const names[] = { "fuzz.tsv", "fuzz.csv", "fuzz.tbx", "fuzz.txt" };

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint8 sel = fuzz_take_selector (&data, &size);
  guint format = (sel >> 1) & 3;
  g_autoptr(GError) error = NULL;
  if (sel & 1)
    {
      g_autoptr(BitextGlossary) glossary = bitext_glossary_new ("en", "ru");
      (void) bitext_glossary_load_data (glossary, names[format], (const char *) data, size,
                                        &error);
      for (guint i = 0; i < bitext_glossary_get_n_entries (glossary); i++)
        (void) bitext_glossary_get_entry (glossary, i);
      return 0;
    }
  static const BitextTermFormat formats[] = { BITEXT_TERM_FORMAT_TSV, BITEXT_TERM_FORMAT_CSV,
                                              BITEXT_TERM_FORMAT_TBX, BITEXT_TERM_FORMAT_OMEGAT };
  g_autoptr(BitextTermList) list = bitext_term_list_load_data (names[format], (const char *) data,
                                                               size, formats[format], "en", "ru",
                                                               &error);
  if (list == NULL)
    return 0;
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      gsize length = 0;
      g_free (bitext_term_list_to_data (list, formats[f], &length));
    }
  return 0;
}
