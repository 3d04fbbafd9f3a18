# bitext CLI tests — a tiny TAP helper, sourced by the scripts here.
# Usage: plan N; then ok "name" COMMAND... ; or check "name" CONDITION-COMMAND...
set -uo pipefail
: "${BITEXT:?BITEXT must point at the built bitext binary}"
: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must point at tests/}"
ROOT=$(cd "$G_TEST_SRCDIR/.." && pwd)
export ROOT
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bitext-cli.XXXXXX")
export TMP
trap 'rm -rf "$TMP"' EXIT
n=0
failed=0
# In a sanitizer build, ASan/UBSan/LSan reports go to files in $TMP/sanitizer (log_path; the
# variables do nothing in other builds), so a test fails on a report whatever the command's
# exit status, even when the test throws its stderr away. tests/run.sh also gives sanitizers
# an exit code of their own (exitcode=66), so a UBSan halt never reads as "findings" (exit 1).
export SANITIZER_DIR=$TMP/sanitizer
mkdir -p "$SANITIZER_DIR"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$SANITIZER_DIR/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$SANITIZER_DIR/ubsan"
# sanitizer_reports FILE...: the sanitizer report files written since the last call, or a
# report printed in FILE (stderr kept by the test); prints them and fails when there is one.
sanitizer_reports() {
  local found=0 f
  for f in "$SANITIZER_DIR"/*; do
    [ -f "$f" ] || continue
    echo "sanitizer report ($f):"; head -n 30 "$f"
    rm -f "$f"
    found=1
  done
  for f in "$@"; do
    if [ -f "$f" ] && grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)|runtime error: ' "$f"; then
      echo "sanitizer report in the output:"; grep -E -A 20 'Sanitizer|runtime error: ' "$f" | head -n 30
      found=1
    fi
  done
  [ "$found" -eq 0 ]
}
plan() { echo "1..$1"; }
# result N-SUFFIX COMMAND...: run COMMAND, print its TAP line with SUFFIX (" # TODO ..." or "").
result() {
  local name=$1 suffix=$2; shift 2
  n=$((n + 1))
  local status=0
  "$@" >"$TMP/out.log" 2>&1 || status=1
  sanitizer_reports "$TMP/out.log" >>"$TMP/out.log" || status=1
  if [ "$status" -eq 0 ]; then
    echo "ok $n - $name$suffix"
    return 0
  fi
  echo "not ok $n - $name$suffix"
  sed 's/^/# /' "$TMP/out.log" | head -n 40
  return 1
}
ok() {
  local name=$1; shift
  result "$name" "" "$@" || failed=$((failed + 1))
}
# todo "reason" "name" COMMAND...: a known failure (TAP TODO); reported as an unexpected pass once it passes.
todo() {
  local reason=$1 name=$2; shift 2
  result "$name" " # TODO $reason" "$@" || true
}
finish() { exit $(( failed > 0 ? 1 : 0 )); }

# expect_error STATUS PATTERN COMMAND...: the command fails with STATUS, prints nothing on
# stdout and exactly one line on stderr that matches the extended regex PATTERN.
expect_error() {
  local want=$1 pattern=$2; shift 2
  "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  local got=$?
  if [ "$got" -ne "$want" ]; then echo "exit status $got, expected $want"; cat "$TMP/stderr"; return 1; fi
  if [ -s "$TMP/stdout" ]; then echo "unexpected output on stdout:"; head -c 300 "$TMP/stdout"; return 1; fi
  if [ "$(wc -l <"$TMP/stderr")" -ne 1 ]; then echo "stderr is not one line:"; cat "$TMP/stderr"; return 1; fi
  grep -Eq -- "$pattern" "$TMP/stderr" || { echo "stderr does not match /$pattern/:"; cat "$TMP/stderr"; return 1; }
}
