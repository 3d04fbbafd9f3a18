#!/usr/bin/env bash
# tests/bench/tmx/lookup.sh BUILD_DIR [N_UNITS] [N_QUERIES] — `bitext tm lookup` speed beside
# translate-toolkit's fuzzy matcher, in the same run.
#
# Makes a TMX of N_UNITS (default 1,000,000) synthetic English–Russian units with
# tests/bench/qa's generator and N_QUERIES (default 20) fuzzy queries: sources of random units
# with one word dropped and one word doubled (about 90% matches). Then:
#   bitext tm lookup --timing TM.tmx Q1 … QN    index time, lookup time per query, peak RSS
#   translate.search.match.matcher               (python3-translate, Debian's translate-toolkit)
#       on the first TT_UNITS (default 10,000) units of the same memory, same threshold (70)
#       and number of candidates (5): load + index time and time per query, over the first
#       TT_QUERIES (default 3) queries (the same units where they are in that part, else
#       sources of that part edited alike): its pure-Python Levenshtein takes seconds a query.
# Both find the units above the threshold; translate-toolkit scans every candidate of a
# fitting length with a Levenshtein distance, bitext looks up the postings of the query's
# rarest tokens (README, `tm lookup`). Needs /usr/bin/time; translate-toolkit is optional.
set -euo pipefail
BUILD=${1:?usage: lookup.sh BUILD_DIR [N_UNITS] [N_QUERIES]}
N=${2:-1000000}
Q=${3:-20}
TT_UNITS=${TT_UNITS:-10000}
TT_QUERIES=${TT_QUERIES:-3}
BITEXT="$BUILD/src/cli/bitext"
MAKE="$BUILD/tests/bench/qa/bench-qa-make"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-bench-lookup.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
NAME=tests/bench/tmx/lookup
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

F="$TMPD/tm.tmx"
"$MAKE" "$N" 10 "$F" "$TMPD/glossary.tsv" >/dev/null
# Queries: random units' sources (a fixed seed), one word dropped, one doubled.
/usr/bin/python3 - "$F" "$Q" "$TT_UNITS" >"$TMPD/queries" <<'PY'
import random, re, sys
path, q, tt = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sources = re.findall(r'<tuv xml:lang="en"><seg>(.*?)</seg>', open(path, encoding='utf-8').read())
rng = random.Random(1)
def edit(s):
    w = s.split()
    if len(w) > 4:
        del w[rng.randrange(1, len(w) - 1)]
        i = rng.randrange(1, len(w) - 1)
        w.insert(i, w[i])
    return ' '.join(w)
picks = [rng.randrange(len(sources)) for _ in range(q)]
for i in picks:
    # the query for bitext, then the one for translate-toolkit's smaller memory
    j = i if i < tt else rng.randrange(min(tt, len(sources)))
    print(edit(sources[i]) + '\t' + edit(sources[j]))
PY
cut -f1 "$TMPD/queries" >"$TMPD/q-bitext"
cut -f2 "$TMPD/queries" | head -n "$TT_QUERIES" >"$TMPD/q-tt"
echo "TMX of $N units ($(( $(stat -c %s "$F") / 1000000 )) MB), $Q queries"

mapfile -t queries <"$TMPD/q-bitext"
read -r e c kb < <(measure "$TMPD/out" "$BITEXT" tm lookup --timing --top 5 --threshold 70 "$F" "${queries[@]}")
timing=$(grep "lookups in" "$TMPD/err")
index_s=$(echo "$timing" | sed -n 's/.* indexed in \([0-9.]*\) s.*/\1/p')
each_ms=$(echo "$timing" | sed -n 's/.*(\([0-9.]*\) ms each).*/\1/p')
hits=$(grep -c "" "$TMPD/out" || true)

row() { printf '| %-58s | %9s | %10s | %13s | %9s |\n' "$@"; }
echo
row "lookup (threshold 70, top 5)" "units" "index s" "ms per query" "peak MiB"
row "---" "---:" "---:" "---:" "---:"
row "bitext tm lookup (postings of the rarest tokens)" "$N" "$index_s" "$each_ms" "$((kb / 1024))"
echo "# bitext: $hits lines of matches for $Q queries; whole run $e s elapsed, $c s CPU"

if /usr/bin/python3 -c 'import translate.search.match' 2>/dev/null; then
  /usr/bin/python3 - "$F" "$TMPD/q-tt" "$TT_UNITS" >"$TMPD/tt" 2>/dev/null <<'PY'
import resource, sys, time
from translate.storage import tmx
from translate.search import match
path, qpath, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
t0 = time.perf_counter()
# The first n units as a store (the whole 1M-unit file would take many GB in this reader).
with open(path, encoding='utf-8') as f:
    text = f.read()
start = text.index('<tu ')
end = start
for _ in range(n):
    k = text.find('</tu>', end)
    if k < 0:
        break
    end = k + 5
small = text[:start] + text[start:end] + '\n  </body>\n</tmx>\n'
store = tmx.tmxfile.parsestring(small.encode('utf-8'))
m = match.matcher(store, max_candidates=5, min_similarity=70, max_length=1000)
t1 = time.perf_counter()
queries = [l.rstrip('\n') for l in open(qpath, encoding='utf-8')]
found = 0
for q in queries:
    found += len(m.matches(q))
t2 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(store.units), '%.3f' % (t1 - t0), '%.1f' % ((t2 - t1) * 1000 / len(queries)), rss // 1024, found)
PY
  read -r tt_n tt_index tt_ms tt_mib tt_found <"$TMPD/tt"
  row "translate-toolkit matcher (Levenshtein over candidates)" "$tt_n" "$tt_index" "$tt_ms" "$tt_mib"
  echo "# translate-toolkit: $tt_found matches for $TT_QUERIES queries on its $tt_n units (load + index time in the index column)"
else
  echo "# translate-toolkit (python3-translate) not installed: no baseline"
fi
