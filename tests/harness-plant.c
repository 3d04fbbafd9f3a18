/* bitext tests — a planted sanitizer report, for tests/cli/harness.sh.
 *
 * `harness-plant N` adds N to INT_MAX - 1: with N >= 2 that is a signed
 * overflow, which UBSan reports (in a -Db_sanitize=undefined build) and which
 * other builds let wrap silently. It then exits 1, the status that means
 * "findings" for bitext check, so the harness must see the report itself.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

int
main (int argc, char **argv)
{
  int n = argc > 1 ? atoi (argv[1]) : 0;
  volatile int base = INT_MAX - 1;
  int sum = base + n;
  printf ("%d\n", sum > 0);
  return 1;
}
