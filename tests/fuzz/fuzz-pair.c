/* Fuzz target: the pair-file reader (JSON), then saving the pair back to data. */
#include "fuzz.h"

#include <bitext/pair.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextPair) pair = bitext_pair_load_data ("fuzz.bitext", (const char *) data, size,
                                                      "/nonexistent", &error);
  if (pair == NULL)
    return 0;
  g_free (bitext_pair_save_to_data (pair, "/nonexistent", NULL, NULL));
  return 0;
}
