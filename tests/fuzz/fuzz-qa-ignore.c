/* Fuzz target: the QA ignore-list reader of `check --ignore`. */
#include "fuzz.h"

#include <bitext/qa.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BitextQaIgnore) ignore = bitext_qa_ignore_new ();
  (void) bitext_qa_ignore_load_data (ignore, "fuzz.ignore", (const char *) data, size, &error);
  return 0;
}
