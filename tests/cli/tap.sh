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
plan() { echo "1..$1"; }
# result N-SUFFIX COMMAND...: run COMMAND, print its TAP line with SUFFIX (" # TODO ..." or "").
result() {
  local name=$1 suffix=$2; shift 2
  n=$((n + 1))
  if "$@" >"$TMP/out.log" 2>&1; then
    echo "ok $n - $name$suffix"
    return 0
  fi
  echo "not ok $n - $name$suffix"
  sed 's/^/# /' "$TMP/out.log" | head -n 20
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
