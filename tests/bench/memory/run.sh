#!/usr/bin/env bash
# tests/bench/memory/run.sh — peak memory of `bitext segment` (and `bitext align`) on one
# paragraph of MB megabytes, a single line without a line break (issue 16: under 2x the input).
#
# Usage: tests/bench/memory/run.sh [BUILD_DIR] [MB...]      (default: build, 20 200)
# The texts are generated here, in a scratch folder, from samples/speech.{en,ru}.txt: their
# lines are joined with spaces and repeated until the size is reached. Nothing is committed.
# Prints, per size and command: input bytes, elapsed s, CPU s, peak RSS KiB and RSS / input.
# MEMORY_ALIGN=1 also measures `bitext align` of the English and Russian lines (slow: the
# aligner sees one paragraph of thousands of sentences).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20 200)
BITEXT=$build/src/cli/bitext
[ -x "$BITEXT" ] || { echo "memory: no $BITEXT (build first)"; exit 77; }
NAME=memory
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bench-memory.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT
. "$root/tests/bench/lib.sh"

# one_line SAMPLE MB OUT: SAMPLE's lines joined by spaces, repeated to MB * 10^6 bytes, no newline.
one_line() {
  tr '\n' ' ' <"$1" | tr -s ' ' >"$TMPD/unit"
  local want=$(( $2 * 1000000 ))
  : >"$3"
  local have=0 chunk=$TMPD/chunk
  cp "$TMPD/unit" "$chunk"
  while [ $(( $(stat -c %s "$chunk") * 2 )) -le "$want" ]; do cat "$chunk" "$chunk" >"$chunk.2"; mv "$chunk.2" "$chunk"; done
  while [ "$have" -lt "$want" ]; do cat "$chunk" >>"$3"; have=$(stat -c %s "$3"); done
  truncate -s "$want" "$3"
  # the cut may split a UTF-8 character: drop its first bytes
  iconv -f UTF-8 -t UTF-8 -c "$3" >"$3.ok" 2>/dev/null || true; mv "$3.ok" "$3"
}

printf '%-8s %-8s %12s %9s %8s %12s %8s\n' command MB input_bytes elapsed_s cpu_s peak_kib rss/input
for mb in "${sizes[@]}"; do
  one_line "$root/samples/speech.en.txt" "$mb" "$TMPD/en.txt"
  one_line "$root/samples/speech.ru.txt" "$mb" "$TMPD/ru.txt"
  bytes=$(stat -c %s "$TMPD/en.txt")
  read -r e c m < <(measure "$TMPD/out" "$BITEXT" segment --lang en "$TMPD/en.txt")
  printf '%-8s %-8s %12s %9s %8s %12s %8.2f\n' segment "$mb" "$bytes" "$e" "$c" "$m" "$(echo "$m * 1024 / $bytes" | bc -l)"
  if [ "${MEMORY_ALIGN:-0}" = 1 ]; then
    read -r e c m < <(measure "$TMPD/out" "$BITEXT" align "$TMPD/en.txt" "$TMPD/ru.txt")
    both=$(( bytes + $(stat -c %s "$TMPD/ru.txt") ))
    printf '%-8s %-8s %12s %9s %8s %12s %8.2f\n' align "$mb" "$both" "$e" "$c" "$m" "$(echo "$m * 1024 / $both" | bc -l)"
  fi
  rm -f "$TMPD/en.txt" "$TMPD/ru.txt" "$TMPD/out"
done
