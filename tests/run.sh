#!/usr/bin/env bash
# The test command: install what is missing, build with -Werror, run the suite, then build
# again under AddressSanitizer and UndefinedBehaviorSanitizer and run it again, then build the
# fuzz targets with clang's libFuzzer and give each a short fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
tests/setup.sh
summary=()
passed=0
failed=0
run_pass() {
  local dir=$1; shift
  if [ ! -d "$dir" ]; then
    # The output goes to a log, shown when a step fails: a compiler error is printed on stdout.
    local log
    log=$(mktemp)
    meson setup "$dir" -Dwerror=true "$@" >"$log" 2>&1 \
      || { tail -n 40 "$log"; rm -f "$log"; echo "tests/run.sh: meson setup $dir failed"; exit 1; }
    rm -f "$log"
  fi
  ninja -C "$dir" >"$dir/build.log" 2>&1 \
    || { grep -E -A 12 'FAILED|error' "$dir/build.log" | head -n 60; echo "tests/run.sh: the build in $dir failed"; exit 1; }
  local status=0
  meson test -C "$dir" --print-errorlogs "${MESON_TEST_ARGS[@]}" | tee "$dir/test-output.txt" || status=$?
  # A sanitizer report fails the pass whatever the exit status of the test that printed it
  # (the full output of every test is in testlog.txt).
  local reports
  reports=$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)|runtime error: ' \
    "$dir/meson-logs/testlog.txt" || true)
  if [ "${reports:-0}" -gt 0 ]; then
    echo "$dir: $reports sanitizer report lines in meson-logs/testlog.txt:"
    grep -E -m 20 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)|runtime error: ' \
      "$dir/meson-logs/testlog.txt"
    status=1
  fi
  local ok fail
  ok=$(awk '/^Ok:/ {print $2}' "$dir/test-output.txt")
  fail=$(awk '/^Fail:/ {print $2}' "$dir/test-output.txt")
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${fail:-0}))
  [ "$status" -eq 0 ] || failed=$((failed + (${fail:-0} == 0 ? 1 : 0)))
  summary+=("$dir: ${ok:-0} ok, ${fail:-0} failed")
}
MESON_TEST_ARGS=()
run_pass build-test
# exitcode=66: a sanitizer's exit status is none of bitext's (0 clean, 1 findings, 2 error).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:exitcode=66
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=66
run_pass build-asan -Db_sanitize=address,undefined -Db_lundef=false
# Third pass: the fuzz targets built with clang and libFuzzer (ASan+UBSan) replay their seeds
# and fuzz for a short, reproducible run each (tests/fuzz/smoke.sh; the long runs are
# tests/bench/fuzz/run.sh). -Werror stays off: clang warns where the project's gcc does not.
MESON_TEST_ARGS=(--suite fuzz --suite fuzz-run)
CC=clang run_pass build-fuzz-ci -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
  -Dwerror=false
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
