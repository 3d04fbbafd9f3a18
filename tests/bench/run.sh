#!/usr/bin/env bash
# All segmentation benchmarks: corpus generation (cached), throughput and
# memory (run-segment.sh) and the English Golden Rules (golden-rules.sh).
#
# Usage: tests/bench/run.sh [BUILD_DIR]      (default: build/ of the repository)
#
# Builds nothing: run `ninja -C BUILD_DIR` first (or `meson test -C BUILD_DIR
# --benchmark`, which builds and then runs this script). The corpora go to
# BUILD_DIR/bench/corpus/LANG-<MB>MB.txt and are made again only when the
# sample or bench-make-corpus is newer. Environment: BENCH_CORPUS_MB
# (default 100), BENCH_RUNS (default 3).
#
# Exit status: the worst of the steps' (0 ok, 1 memory grew, 2 error).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
size=${BENCH_CORPUS_MB:-100}
gen=$build/tests/bench/bench-make-corpus

if [[ ! -x $gen ]]; then
  echo "run: $gen not built (ninja -C $build)" >&2
  exit 2
fi

status=0
mkdir -p "$build/tests/bench/corpus" || exit 2
echo "== corpora (${size} MB each)"
for lang in en ru; do
  sample=$root/samples/speech.$lang.txt
  corpus=$build/tests/bench/corpus/$lang-${size}MB.txt
  if [[ ! -f $sample ]]; then
    echo "skipped: samples/speech.$lang.txt missing"
  elif [[ -s $corpus && $corpus -nt $sample && $corpus -nt $gen ]]; then
    echo "$lang: cached $corpus"
  else
    echo "$lang: writing $corpus"
    "$gen" --size "$size" "$sample" "$corpus" || status=2
  fi
done

echo
echo "== throughput and memory"
bash "$here/run-segment.sh" "$build"
rc=$?
(( rc > status )) && status=$rc

echo
echo "== English Golden Rules"
bash "$here/golden-rules.sh" "$build"
rc=$?
(( rc > status )) && status=$rc
exit $status
