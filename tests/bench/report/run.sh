#!/usr/bin/env bash
# tests/bench/report/run.sh BUILD_DIR [COPIES] — the HTML report of a big memory: page sizes and
# the time to open it in headless chromium, beside the one-page report in the same run.
#
# Makes a memory (TMX) of COPIES (default 633) copies of the pairs of the speech and its draft
# translation on the gold alignment (tests/data/speech.*.sent, written for this project; the
# draft holds the planted defects of tests/data/speech.ru-draft.defects, so every copy has
# findings): 633 × 79 = 50,007 units (the 79 beads with both sides; unfiltered: the two
# copies of the source count as units, untranslated-segment findings). Writes `bitext check --format html -o report.html` (an index and pages), prints the
# size of the largest page and the total, and measures in Debian's chromium through
# playwright-core (tests/browser/node_modules, as the browser tests install it) the time from
# navigation start to the first frame after load, for the index, the first and the last page,
# beside the one-page report (`--format html` to stdout, every pair on one page) of
# BASE_COPIES (default 25: 1,975 units) copies, and, with FULL=1, of all COPIES (issue 15 saw
# such a page fail to open in two minutes; TIMEOUT_S, default 60, bounds the wait).
# Targets (issue 15 item 8): every page <= 2 MB, a page opens in < 2 s (bitext's pages are 1 MB).
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [COPIES]}
COPIES=${2:-633}
BASE_COPIES=${BASE_COPIES:-25}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BITEXT=$(cd "$BUILD" && pwd)/src/cli/bitext
B=$ROOT/tests/browser
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-bench-report.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
D=$ROOT/tests/data

# make COPIES NAME: a TMX of COPIES copies of the draft's pairs (each bead's sentences joined by
# a space; a bead with one side empty is left out, as a TMX unit needs both), from a TSV through
# `bitext tm import`.
make() {
  python3 - "$1" "$D/speech.en.sent" "$D/speech.ru-draft.sent" "$D/speech.ru-draft.gold.align" \
    >"$TMPD/$2.tsv" <<'PY'
import sys
copies = int(sys.argv[1])
src, tgt = ([l.rstrip('\n') for l in open(f, encoding='utf-8') if l.strip()] for f in sys.argv[2:4])
rows = []
for line in open(sys.argv[4]):
    s, t = (side.strip('[]') for side in line.strip().split(':'))
    s = ' '.join(src[int(i)] for i in s.split(',') if i)
    t = ' '.join(tgt[int(i)] for i in t.split(',') if i)
    if s and t:
        rows.append(s + '\t' + t)
sys.stdout.write(''.join(r + '\n' for r in rows) * copies)
PY
  "$BITEXT" tm import -q --no-filter --src-lang en --tgt-lang ru -o "$TMPD/$2.tmx" "$TMPD/$2.tsv"
}
check() {
  local name=$1
  shift
  "$BITEXT" check -q -g "$ROOT/samples/glossary.en-ru.tsv" "$TMPD/$name.tmx" --format html "$@" ||
    [ $? -eq 1 ]
}
make "$COPIES" big
make "$BASE_COPIES" base
pairs=$(wc -l <"$TMPD/big.tsv")
input=$(wc -c <"$TMPD/big.tsv")
mkdir "$TMPD/report"
start=$(date +%s.%N)
check big -o "$TMPD/report/report.html"
end=$(date +%s.%N)
check base >"$TMPD/base.html"
[ "${FULL:-0}" = 1 ] && check big >"$TMPD/one-page.html"

pages=$(ls "$TMPD/report" | grep -c '^report-[0-9]*\.html$')
largest=$(stat -c '%s %n' "$TMPD"/report/*.html | sort -n | tail -n 1)
total=$(cat "$TMPD"/report/*.html | wc -c)
echo "memory: $pairs units, $((input / 1000)) kB of text ($COPIES copies of the draft speech)"
printf 'report: index + %d pages, checked and written in %.1f s; largest file %d bytes (%s); total %d bytes (%.1f× the text)\n' \
  "$pages" "$(echo "$end - $start" | bc -l)" "${largest%% *}" "$(basename "${largest#* }")" "$total" \
  "$(echo "$total / $input" | bc -l)"
echo "one-page report of $(wc -l <"$TMPD/base.tsv") pairs: $(stat -c %s "$TMPD/base.html") bytes"
[ "${FULL:-0}" = 1 ] && echo "one-page report of $pairs pairs: $(stat -c %s "$TMPD/one-page.html") bytes"
printf 'target: every page <= 2,000,000 bytes: %s\n' "$([ "${largest%% *}" -le 2000000 ] && echo met || echo NOT met)"

if [ ! -x "$CHROMIUM" ] || [ ! -d "$B/node_modules/playwright-core" ]; then
  echo "tests/bench/report: open times skipped (no $CHROMIUM, or run npm ci --prefix tests/browser)"
  exit 0
fi
args=("index ($pairs pairs)=$TMPD/report/report.html"
      "page 1 of $pages=$TMPD/report/report-1.html"
      "page $pages of $pages=$TMPD/report/report-$pages.html"
      "baseline: one page, $(wc -l <"$TMPD/base.tsv") pairs=$TMPD/base.html")
[ "${FULL:-0}" = 1 ] && args+=("baseline: one page, $pairs pairs=$TMPD/one-page.html")
CHROMIUM=$CHROMIUM node "$ROOT/tests/bench/report/bench.mjs" "${args[@]}"
echo "measured $(date -u '+%Y-%m-%d %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)" \
  "on $(nproc) processors"
