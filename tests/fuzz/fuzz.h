/* bitext fuzz targets — what every target shares.
 *
 * A target is one file tests/fuzz/fuzz-NAME.c that defines
 *
 *   int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
 *
 * and feeds the bytes to one reader of the library: it must not leak, must not
 * print, and must accept any input (errors are freed, never fatal). Add NAME to
 * the list in tests/fuzz/meson.build, put a few small seed files in
 * tests/fuzz/corpus/NAME/ and, for a format with keywords, tests/fuzz/dict/NAME.dict.
 * With -Dfuzzing=true (clang) the target links libFuzzer; otherwise replay.c
 * gives it a main() that runs every file named on its command line, so
 * `meson test --suite fuzz` replays the corpora and the saved crash inputs
 * (tests/fuzz/crashes/NAME/) in every build.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
/* fuzz-init.c: the library's warnings and criticals made fatal. */
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* The input split at its first byte: a selector for the code path, then the payload. */
static inline guint8
fuzz_take_selector (const uint8_t **data, size_t *size)
{
  if (*size == 0)
    return 0;
  guint8 s = (*data)[0];
  (*data)++;
  (*size)--;
  return s;
}

/* The input cut at its first NUL byte into two parts (the second empty when there is none). */
static inline void
fuzz_split (const uint8_t *data, size_t size, const char **a, size_t *a_len, const char **b,
            size_t *b_len)
{
  const uint8_t *nul = memchr (data, '\0', size);
  *a = (const char *) data;
  *a_len = nul != NULL ? (size_t) (nul - data) : size;
  *b = nul != NULL ? (const char *) nul + 1 : "";
  *b_len = nul != NULL ? size - *a_len - 1 : 0;
}
