#!/usr/bin/env bash
# tests/bench/terms/run.sh BUILD_DIR [N_UNITS] — `bitext glossary extract` speed beside loading the TMX alone.
#
# Makes a TMX of N_UNITS (default 1,000,000) English–Russian units with tests/bench/qa's bench-qa-make:
# words drawn by Zipf's law from 20,000 syllable roots, 5,000 recurring terms of 1–3 words, and
# Russian case endings on every target word (so each term has several inflected renderings).
# Then times, on the same file in the same run:
#   bitext tm stats TM.tmx                                      (reading the TMX: the base)
#   bitext glossary extract TM.tmx --top 1000 -o G.tsv          (reading + extraction)
# Elapsed and CPU (user+sys) seconds and peak RSS come from /usr/bin/time; each command runs
# REPS (default 1: extraction takes minutes) times, interleaved, and the best time is kept.
# Target (issue 6): extraction under 2 minutes and 4 GiB on the project's 2-core machine.
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [N_UNITS]}
N=${2:-1000000}
BITEXT="$BUILD/src/cli/bitext"
MAKE="$BUILD/tests/bench/qa/bench-qa-make"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-bench-terms.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
NAME=tests/bench/terms
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

F="$TMPD/tm.tmx"
"$MAKE" "$N" 5000 "$F" "$TMPD/unused-glossary.tsv"
echo "TMX of $N units ($(( $(stat -c %s "$F") / 1000000 )) MB)"
sync
REPS=${REPS:-1}
s_s=""; s_c=""; s_kb=0; g_s=""; g_c=""; g_kb=0
for _ in $(seq "$REPS"); do
  read -r e c kb < <(measure /dev/null "$BITEXT" tm stats "$F")
  s_s=$(min "$s_s" "$e"); s_c=$(min "$s_c" "$c"); s_kb=$(( kb > s_kb ? kb : s_kb ))
  read -r e c kb < <(measure /dev/null "$BITEXT" glossary extract "$F" --top 1000 -o "$TMPD/glossary.tsv")
  g_s=$(min "$g_s" "$e"); g_c=$(min "$g_c" "$c"); g_kb=$(( kb > g_kb ? kb : g_kb ))
done

row() { printf '| %-52s | %9s | %9s | %9s | %13s |\n' "$@"; }
echo
row "command ($N units)" "elapsed s" "CPU s" "peak MiB" "CPU/stats"
row "---" "---:" "---:" "---:" "---:"
row "bitext tm stats TM.tmx (load only)" "$s_s" "$s_c" "$((s_kb / 1024))" "1.00"
row "bitext glossary extract TM.tmx --top 1000" "$g_s" "$g_c" "$((g_kb / 1024))" \
  "$(printf '%.1f' "$(echo "$g_c / $s_c" | bc -l)")"
echo
echo "entries: $(grep -vc '^#' "$TMPD/glossary.tsv"); the first three:"
awk -F'\t' '!/^#/ && n++ < 3 { print $1 "\t" $2 "\t" $3 "\t" $4 }' "$TMPD/glossary.tsv"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors (elapsed times" \
  "count waiting for them; CPU times do not)"
ok_t=$(echo "$g_s < 120" | bc -l); ok_m=$(( g_kb < 4 * 1024 * 1024 ))
printf 'target: extraction %.1f s elapsed (< 120 s), %d MiB (< 4096 MiB): %s\n' "$g_s" "$((g_kb / 1024))" \
  "$( [ "$ok_t" -eq 1 ] && [ "$ok_m" -eq 1 ] && echo met || echo NOT met)"
