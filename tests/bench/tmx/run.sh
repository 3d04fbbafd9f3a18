#!/usr/bin/env bash
# tests/bench/tmx/run.sh BUILD_DIR [N_UNITS] — TMX write and read speed beside baselines, same run.
#
# Writes a TMX of N_UNITS (default 1,000,000: ~520 MB, 100–150-byte segments and the props
# bitext writes) with bitext's writer, then reads it with
# `bitext tm stats`, `xmllint --stream --noout` (libxml2's streaming reader, no processing) and
# translate-toolkit (python3 translate.storage.tmx, on a 100,000-unit file, time and memory
# scaled ×10: on the full file it needs ~6 GB). Elapsed and CPU (user+sys) seconds and peak RSS
# come from /usr/bin/time; bitext and xmllint run REPS (3) times, interleaved, best time kept.
# Needs: xmllint (libxml2-utils), time; optional: translate-toolkit.
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [N_UNITS]}
N=${2:-1000000}
BITEXT="$BUILD/src/cli/bitext"
WRITE="$BUILD/tests/bench/tmx/bench-tmx-write"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-bench-tmx.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
NAME=tests/bench/tmx
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
command -v xmllint >/dev/null || { echo "tests/bench/tmx: needs xmllint (libxml2-utils)"; exit 77; }

F="$TMPD/big.tmx"
read -r w_s w_c w_kb < <(measure /dev/null "$WRITE" "$N" "$F")
size_mb=$(( $(stat -c %s "$F") / 1000000 ))
echo "TMX of $N units, $size_mb MB"
sync
# The machine is shared: each reader runs REPS times, interleaved; the minimum counts.
REPS=${REPS:-3}
s_s=""; s_c=""; s_kb=0; x_s=""; x_c=""; x_kb=0
for _ in $(seq "$REPS"); do
  read -r e c kb < <(measure /dev/null "$BITEXT" tm stats "$F")
  s_s=$(min "$s_s" "$e"); s_c=$(min "$s_c" "$c"); s_kb=$(( kb > s_kb ? kb : s_kb ))
  read -r e c kb < <(measure /dev/null xmllint --stream --noout "$F")
  x_s=$(min "$x_s" "$e"); x_c=$(min "$x_c" "$c"); x_kb=$(( kb > x_kb ? kb : x_kb ))
done

tt_note=""
PY=/usr/bin/python3   # Debian's python3-translate lives in the system interpreter
if "$PY" -c 'import translate.storage.tmx' 2>/dev/null; then
  SMALL=$(( N / 10 ))
  "$WRITE" "$SMALL" "$TMPD/small.tmx" >/dev/null
  read -r t_s t_c t_kb < <(measure /dev/null "$PY" -c 'import sys
from translate.storage import tmx
s = tmx.tmxfile.parsefile(sys.argv[1])
print(len(s.units), sum(len(u.source or "") + len(u.target or "") for u in s.units))' "$TMPD/small.tmx")
  t_s=$(echo "$t_s * 10" | bc -l); t_c=$(echo "$t_c * 10" | bc -l); t_kb=$(( t_kb * 10 ))
  tt_note="translate-toolkit ran on $SMALL units; its time and memory are scaled ×10"
else
  t_s=""; t_kb=""
  tt_note="translate-toolkit not installed (apt-get install translate-toolkit): no figure"
fi

row() { printf '| %-42s | %9s | %9s | %9s | %12s |\n' "$@"; }
echo
row "command ($N units)" "elapsed s" "CPU s" "peak MiB" "CPU vs stats"
row "---" "---:" "---:" "---:" "---:"
ratio() { printf '%.2f' "$(echo "$1 / $s_c" | bc -l)"; }
row "bitext tm stats" "$s_s" "$s_c" "$((s_kb / 1024))" "1.00"
row "xmllint --stream --noout" "$x_s" "$x_c" "$((x_kb / 1024))" "$(ratio "$x_c")"
[ -n "$t_s" ] && row "translate-toolkit parsefile (x10 of 1/10)" "$t_s" "$t_c" "$((t_kb / 1024))" "$(ratio "$t_c")"
row "bench-tmx-write (writer, incl. fsync)" "$w_s" "$w_c" "$((w_kb / 1024))" "$(ratio "$w_c")"
echo
echo "$tt_note"
printf 'targets: stats/xmllint %.2f elapsed, %.2f CPU (<= 1.40); peak %d MiB (< 64); ' \
  "$(echo "$s_s / $x_s" | bc -l)" "$(echo "$s_c / $x_c" | bc -l)" "$((s_kb / 1024))"
printf 'write/stats %.2f elapsed, %.2f CPU (<= 1.00)' "$(echo "$w_s / $s_s" | bc -l)" "$(ratio "$w_c")"
[ -n "$t_s" ] && printf '; translate-toolkit/stats %.1f elapsed (>= 10)' "$(echo "$t_s / $s_s" | bc -l)"
echo
