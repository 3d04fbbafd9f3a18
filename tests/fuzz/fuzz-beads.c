/* Fuzz target: the bead-file parser (plain "1,2 <=> 3" lines and JSON Lines),
 * then scoring the list against itself. */
#include "fuzz.h"

#include <bitext/align-eval.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextBeadList) list = bitext_bead_list_parse ("fuzz.beads", (const char *) data,
                                                           size, &error);
  if (list == NULL)
    return 0;
  BitextAlignEvalCounts counts = { 0 };
  bitext_align_eval_count (list, list, &counts);
  return 0;
}
