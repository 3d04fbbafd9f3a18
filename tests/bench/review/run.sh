#!/usr/bin/env bash
# tests/bench/review/run.sh BUILD_DIR [COPIES] — `bitext review` of a large pair in headless chromium.
#
# Makes a pair of COPIES (default 250) copies of the speech on its gold alignment: 250 × 80 =
# 20,000 beads (tests/data/speech.*.sent, written for this project), serves it with `bitext review`,
# and measures in Debian's chromium through playwright-core (tests/browser/node_modules, as the
# browser tests install it): the time to open the page (navigation start to the first beads drawn,
# performance.now()) beside the same for the 80-bead speech and beside fetching and parsing the
# pair's JSON alone (the floor for any page), and the latency of edits (key press to the edit
# drawn) and of moving between beads. Targets (issue 13): open under 1 s, an edit under 100 ms.
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [COPIES]}
COPIES=${2:-250}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BITEXT=$(cd "$BUILD" && pwd)/src/cli/bitext
B=$ROOT/tests/browser
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "tests/bench/review: skipped, no $CHROMIUM"; exit 0; }
[ -d "$B/node_modules/playwright-core" ] ||
  { echo "tests/bench/review: skipped, run npm ci --prefix tests/browser first"; exit 0; }
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-bench-review.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -INT "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
  rm -rf "$TMPD"
}
trap cleanup EXIT

# COPIES copies of the sentences (a blank line between copies: a paragraph) and of the gold beads,
# their indices shifted by the sentences before them.
D=$ROOT/tests/data
ns=$(grep -c . "$D/speech.en.sent"); nt=$(grep -c . "$D/speech.ru.sent")
for _ in $(seq "$COPIES"); do cat "$D/speech.en.sent"; echo; done >"$TMPD/big.en"
for _ in $(seq "$COPIES"); do cat "$D/speech.ru.sent"; echo; done >"$TMPD/big.ru"
awk -v copies="$COPIES" -v ns="$ns" -v nt="$nt" '
  { gold[n++] = $0 }
  function shift(list, by,   out, k, parts) {
    if (list == "[]") return "[]"
    k = split(substr(list, 2, length(list) - 2), parts, ",")
    out = "["
    for (i = 1; i <= k; i++) out = out (i > 1 ? "," : "") (parts[i] + by)
    return out "]"
  }
  END { for (c = 0; c < copies; c++) for (b = 0; b < n; b++) {
          split(gold[b], sides, ":"); print shift(sides[1], c * ns) ":" shift(sides[2], c * nt) } }
' "$D/speech.gold.align" >"$TMPD/big.align"
echo "pair: $(wc -l <"$TMPD/big.align") beads, $ns + $nt sentences × $COPIES"

# start NAME ARGS…: `bitext review` in $TMPD/NAME; its address goes to $URL.
start() {
  local name=$1
  shift
  mkdir -p "$TMPD/$name"
  (cd "$TMPD/$name" && exec "$BITEXT" review --no-open --presegmented --src-lang en \
     --tgt-lang ru "$@" >url 2>log) &
  PIDS+=($!)
  for _ in $(seq 600); do [ -s "$TMPD/$name/url" ] && break; sleep 0.1; done
  URL=$(head -n 1 "$TMPD/$name/url")
}
start big --beads "$TMPD/big.align" "$TMPD/big.en" "$TMPD/big.ru"
BIG=$URL
start small --beads "$D/speech.gold.align" "$D/speech.en.sent" "$D/speech.ru.sent"
SMALL=$URL
CHROMIUM=$CHROMIUM node "$ROOT/tests/bench/review/bench.mjs" "$BIG" "$SMALL"
echo "measured $(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
