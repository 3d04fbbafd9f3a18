#!/usr/bin/env bash
# tests/bench/fuzz/run.sh [-t SECONDS] [-o LOGDIR] [TARGET...]
#
# Runs each libFuzzer target of tests/fuzz/ for SECONDS (default 60) under `nice -n 19`,
# one process at a time, and prints per target: executions, executions per second,
# coverage (edges) at start and at the end, new corpus units and crashes. The seeds are
# tests/fuzz/corpus/NAME (read only) and, for tmx, ../shared/tmx when present; new units
# go to LOGDIR/corpus/NAME, crash, leak and timeout inputs to LOGDIR/artifacts/NAME-*, and one line per run is
# appended to LOGDIR/tally.tsv (date, target, seconds, executions, cov, ft, crashes, exit, schedule).
# `run.sh -s` sums the tally per target. The fuzz build is BUILD (default build-fuzz in
# the source tree), configured here when missing: CC=clang, -Dfuzzing=true, ASan+UBSan.
# A crash input is saved as a regression seed by copying it to tests/fuzz/crashes/NAME/.
# -v runs libFuzzer's vanilla schedule (-entropic=0) instead of the entropic one, as
# ClusterFuzz does for part of its runs: on a target with tens of thousands of features
# (report) the entropic bookkeeping (InputCorpus::UpdateFeatureFrequency) took 71 % of
# the time under perf. The tally's last column says which schedule a run used.
set -uo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
seconds=60
logdir=$root/fuzz-logs
summary=0
schedule=entropic
while getopts "t:o:sv" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    o) logdir=$OPTARG ;;
    s) summary=1 ;;
    v) schedule=vanilla ;;
    *) echo "usage: $0 [-t SECONDS] [-o LOGDIR] [-s] [-v] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
mkdir -p "$logdir"
tally=$logdir/tally.tsv
if [ "$summary" -eq 1 ]; then
  [ -f "$tally" ] || { echo "no tally in $tally"; exit 0; }
  awk -F'\t' '{ s[$2] += $3; e[$2] += $4; if ($5 > c[$2]) c[$2] = $5; k[$2] += $7 }
    END { printf "%-12s %10s %14s %8s %8s\n", "target", "seconds", "executions", "max cov", "crashes";
          for (t in e) printf "%-12s %10d %14d %8d %8d\n", t, s[t], e[t], c[t], k[t] }' "$tally" | sort
  exit 0
fi
build=${BUILD:-$root/build-fuzz}
targets=$(sed -n "s/^  '\([a-z0-9-]*\)': .*/\1/p" "$root/tests/fuzz/meson.build")
[ $# -gt 0 ] && targets="$*"
if ! command -v clang >/dev/null; then
  echo "run.sh: clang is not installed; the fuzz targets only replay their corpora (meson test --suite fuzz)" >&2
  exit 2
fi
if [ ! -d "$build" ]; then
  # -Werror stays off here: clang warns where the project's gcc build does not.
  CC=clang meson setup "$build" -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dwerror=false >/dev/null || exit 2
fi
# shellcheck disable=SC2046
nice -n 19 ninja -C "$build" -j1 $(for t in $targets; do echo "tests/fuzz/fuzz-$t"; done) >/dev/null || exit 2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
printf "%-12s %8s %12s %9s %9s %9s %6s %7s\n" target seconds executions exec/s cov-start cov-end units crashes
for t in $targets; do
  exe=$build/tests/fuzz/fuzz-$t
  work=$logdir/corpus/$t
  mkdir -p "$work"
  seeds=("$root/tests/fuzz/corpus/$t")
  [ -d "$root/tests/fuzz/crashes/$t" ] && seeds+=("$root/tests/fuzz/crashes/$t")
  [ "$t" = tmx ] && [ -d "$root/../shared/tmx" ] && seeds+=("$root/../shared/tmx")
  dict=()
  [ -f "$root/tests/fuzz/dict/$t.dict" ] && dict=(-dict="$root/tests/fuzz/dict/$t.dict")
  log=$logdir/$t-$(date -u +%Y%m%dT%H%M%S).log
  before=$(find "$work" -type f | wc -l)
  mkdir -p "$logdir/artifacts"
  crashes_before=$(find "$logdir/artifacts" -name "$t-*" | wc -l)
  # -fork=0, one job: the machine is shared. -timeout: an input slower than 10 s is a bug.
  nice -n 19 "$exe" "$work" "${seeds[@]}" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$logdir/artifacts/$t-" \
    -entropic=$([ "$schedule" = vanilla ] && echo 0 || echo 1) >"$log" 2>&1
  status=$?
  crashes=$(( $(find "$logdir/artifacts" -name "$t-*" | wc -l) - crashes_before ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ -z "$execs" ]; then  # a crash ends the run before the final stats
    execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  fi
  cov_start=$(grep -E 'INITED' "$log" | grep -Eo 'cov: [0-9]+' | head -1 | cut -d' ' -f2)
  cov_end=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft_end=$(grep -Eo 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ran=$(sed -n 's/.*Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  ran=${ran:-$seconds}
  after=$(find "$work" -type f | wc -l)
  rate=$(( ${execs:-0} / (ran > 0 ? ran : 1) ))
  printf "%-12s %8s %12s %9s %9s %9s %6s %7s\n" "$t" "$ran" "${execs:-0}" "$rate" "${cov_start:-?}" \
    "${cov_end:-?}" "$((after - before))" "$crashes"
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$(date -u +%FT%TZ)" "$t" "$ran" "${execs:-0}" \
    "${cov_end:-0}" "${ft_end:-0}" "$crashes" "$status" "$schedule" >>"$tally"
done
