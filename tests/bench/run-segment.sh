#!/usr/bin/env bash
# Segmentation throughput and memory: bench-segment on the en and ru corpora.
#
# Usage: tests/bench/run-segment.sh [BUILD_DIR]      (default: build/ of the repository)
#
# Builds nothing and generates nothing: it runs BUILD_DIR/bench/bench-segment
# on BUILD_DIR/tests/bench/corpus/LANG-<MB>MB.txt (tests/bench/run.sh makes them), prints
# each run's table and then a summary table of both languages.
# Environment: BENCH_CORPUS_MB (default 100) picks the corpus, BENCH_RUNS
# (default 3) the timed runs of each method.
#
# Exit status: the worst of bench-segment's (0 ok, 1 memory grew with the
# input, 2 error or bitext stopped before the end of the input); 2 also when
# bench-segment is not built.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build}
size=${BENCH_CORPUS_MB:-100}
runs=${BENCH_RUNS:-3}
exe=$build/tests/bench/bench-segment

if [[ ! -x $exe ]]; then
  echo "run-segment: $exe not built (ninja -C $build)" >&2
  exit 2
fi

tsv=$(mktemp)
trap 'rm -f "$tsv"' EXIT
status=0
for lang in en ru; do
  if [[ ! -f $root/samples/speech.$lang.txt ]]; then
    echo "skipped: samples/speech.$lang.txt missing"
    continue
  fi
  corpus=$build/tests/bench/corpus/$lang-${size}MB.txt
  if [[ ! -f $corpus ]]; then
    echo "skipped: $corpus missing (tests/bench/run.sh $build makes it)"
    continue
  fi
  # Default (a worker per core) and single-threaded, each against raw ICU in its own run.
  for threads in default 0; do
    targs=()
    [[ $threads == default ]] || targs=(--threads "$threads")
    "$exe" --lang "$lang" --runs "$runs" "${targs[@]}" --tsv "$tsv" "$corpus"
    rc=$?
    (( rc > status )) && status=$rc
    echo
  done
done

if [[ -s $tsv ]]; then
  echo "summary (MB = 10^6 bytes; best of $runs; RSS = peak of the streaming bitext run)"
  awk -F'\t' '
    BEGIN { printf "  %-4s %8s %8s %10s %10s %8s %12s %12s %9s  %-10s %s\n", "lang", "MB",
            "threads", "ICU MB/s", "bitext MB/s", "ratio", "ICU segs", "bitext segs", "RSS MiB",
            "memory", "bitext coverage" }
    { printf "  %-4s %8.1f %8d %10.2f %10.2f %8.2f %12d %12d %9.1f  %-10s %s\n", $1, $3 / 1e6,
             $18, $8, $9, $10, $4, $5, $12 / 1024, $14, $17 }' "$tsv"
fi
exit $status
