/* bitext fuzz targets: what runs once before the first input (libFuzzer calls
 * LLVMFuzzerInitialize; replay.c's main calls it too).
 *
 * The library's own warnings and criticals (domain "bitext": a g_warn_if_fail
 * or g_return_if_fail that failed) abort the run: such a message is a broken
 * invariant, which a fuzzer must report as a crash, not print and go on. Other
 * libraries' messages keep their usual level (libgsf's criticals on damaged
 * packages, see smoke.sh). */
#include "fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  g_log_set_fatal_mask ("bitext", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
  return 0;
}
