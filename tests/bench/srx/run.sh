#!/usr/bin/env bash
# tests/bench/srx/run.sh [BUILD] — SRX loading cost against the rule count (issue 16, defect 3).
#
# Writes SRX files of 2,000, 5,000 and 50,000 rules (N-2 no-break rules "\b<word>\." / "\s",
# as abbreviation lists are, with words made from the rule number so that every rule is
# distinct, then two break rules), and segments a short text (samples/speech.en.txt, about
# 2.5 KB) with each through `bitext segment --srx`. Prints elapsed and CPU seconds and peak
# RSS (/usr/bin/time), the baseline being the same run with bitext's own rules. Linear
# loading shows as a constant cost per rule; the figures are printed, never asserted.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-$root/build}
bitext=$build/src/cli/bitext
NAME=srx-bench
TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT
# shellcheck source=../lib.sh
. "$root/tests/bench/lib.sh"
text=$root/samples/speech.en.txt

make_srx() {  # make_srx N FILE
  awk -v n="$1" 'BEGIN {
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><header segmentsubflows=\"yes\" cascade=\"no\"/><body><languagerules><languagerule languagerulename=\"Bench\">"
    split("abcdefghijklmnopqrstuvwxyz", L, "")
    for (i = 0; i < n - 2; i++) {
      w = ""; v = i
      do { w = w L[v % 26 + 1]; v = int(v / 26) } while (v > 0)
      printf "<rule break=\"no\"><beforebreak>\\b%s\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n", w
    }
    print "<rule break=\"yes\"><beforebreak>[.?!]+</beforebreak><afterbreak>\\s+\\p{Lu}</afterbreak></rule>"
    print "<rule break=\"yes\"><beforebreak>\\n</beforebreak><afterbreak></afterbreak></rule>"
    print "</languagerule></languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"Bench\"/></maprules></body></srx>"
  }' > "$2"
}

printf "%-10s %10s %9s %9s %12s %12s\n" rules srx-bytes elapsed-s cpu-s peak-KiB segments
read -r e c m < <(measure "$TMPD/out" "$bitext" segment -l en "$text")
printf "%-10s %10s %9s %9s %12s %12s\n" builtin - "$e" "$c" "$m" "$(wc -l < "$TMPD/out")"
for n in ${SRX_BENCH_RULES:-2000 5000 50000}; do
  make_srx "$n" "$TMPD/r.srx"
  read -r e c m < <(measure "$TMPD/out" "$bitext" segment -l en --srx "$TMPD/r.srx" "$text")
  printf "%-10s %10s %9s %9s %12s %12s\n" "$n" "$(stat -c %s "$TMPD/r.srx")" "$e" "$c" "$m" \
    "$(wc -l < "$TMPD/out")"
done
