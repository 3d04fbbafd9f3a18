#!/usr/bin/env bash
# tests/bench/qa/run.sh BUILD_DIR [N_UNITS] [N_TERMS] — `bitext check` speed beside loading the TMX alone.
#
# Makes a TMX of N_UNITS (default 1,000,000) English–Russian units and a glossary of N_TERMS
# (default 5,000) with bench-qa-make, then times, on the same file in the same run:
#   bitext tm stats TM.tmx                                  (reading the TMX: the base)
#   bitext check TM.tmx --glossary G.tsv --format json      (reading + every check)
# Elapsed and CPU (user+sys) seconds and peak RSS come from /usr/bin/time; each command runs
# REPS (3) times, interleaved (the machine is shared), and the best time is kept.
# Target (issue 5): check under 30 s elapsed on the project's 2-core machine.
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [N_UNITS] [N_TERMS]}
N=${2:-1000000}
M=${3:-5000}
BITEXT="$BUILD/src/cli/bitext"
MAKE="$BUILD/tests/bench/qa/bench-qa-make"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-bench-qa.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
NAME=tests/bench/qa
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
MEASURE_OK_STATUS=1  # bitext check exits 1 when it finds something: its normal result here

F="$TMPD/tm.tmx"; G="$TMPD/glossary.tsv"
"$MAKE" "$N" "$M" "$F" "$G"
echo "TMX of $N units ($(( $(stat -c %s "$F") / 1000000 )) MB), glossary of $M terms"
sync
REPS=${REPS:-3}
s_s=""; s_c=""; s_kb=0; c_s=""; c_c=""; c_kb=0
for _ in $(seq "$REPS"); do
  read -r e c kb < <(measure /dev/null "$BITEXT" tm stats "$F")
  s_s=$(min "$s_s" "$e"); s_c=$(min "$s_c" "$c"); s_kb=$(( kb > s_kb ? kb : s_kb ))
  read -r e c kb < <(measure "$TMPD/findings.json" "$BITEXT" check "$F" --glossary "$G" --format json)
  c_s=$(min "$c_s" "$e"); c_c=$(min "$c_c" "$c"); c_kb=$(( kb > c_kb ? kb : c_kb ))
done
summary=$(tail -n 1 "$TMPD/findings.json")

row() { printf '| %-52s | %9s | %9s | %9s | %13s |\n' "$@"; }
echo
row "command ($N units, $M terms)" "elapsed s" "CPU s" "peak MiB" "CPU/stats"
row "---" "---:" "---:" "---:" "---:"
row "bitext tm stats TM.tmx (load only)" "$s_s" "$s_c" "$((s_kb / 1024))" "1.00"
row "bitext check TM.tmx --glossary G.tsv --format json" "$c_s" "$c_c" "$((c_kb / 1024))" \
  "$(printf '%.1f' "$(echo "$c_c / $s_c" | bc -l)")"
echo
echo "findings summary: $summary"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors (elapsed times" \
  "count waiting for them; CPU times do not)"
printf 'target: check %.1f s elapsed (< 30 s): %s\n' "$c_s" \
  "$( [ "$(echo "$c_s < 30" | bc -l)" -eq 1 ] && echo met || echo NOT met)"
