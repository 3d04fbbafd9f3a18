#!/usr/bin/env bash
# bitext CLI tests — the test harness itself: a sanitizer report fails a test whatever the
# exit status, and even when the test discards stderr (issue 16, defect 1).
. "$(dirname "$0")/tap.sh"
plan 5
: "${HARNESS_PLANT:?HARNESS_PLANT must point at the built harness-plant}"

# inner NAME COMMAND...: run one test through a fresh copy of tap.sh (its own TMP) and print
# its TAP line; the planted report stays in $TMP/inner.out (never on our stdout, which
# tests/run.sh scans for reports).
inner() {
  local name=$1; shift
  TMPDIR=$TMP bash -c '. "$G_TEST_SRCDIR/cli/tap.sh"; ok "$@"; finish' inner "$name" "$@" >"$TMP/inner.out" 2>&1
  head -n 1 "$TMP/inner.out"
}
export -f inner

ok "a clean command passes" bash -c '[ "$(inner clean true)" = "ok 1 - clean" ]'
ok "a report printed on stderr fails a test that accepts exit 1" bash -c '
  [ "$(inner printed bash -c "echo \"x.c:1:2: runtime error: planted\" >&2; [ 1 -eq 1 ]")" = "not ok 1 - printed" ]'
ok "a report file fails a test that exits 0 and discards stderr" bash -c '
  [ "$(inner file bash -c "echo planted >\"\$SANITIZER_DIR/ubsan.123\"; true")" = "not ok 1 - file" ]'
# A real UBSan report from a program built here with -fsanitize=undefined (UBSan alone, as
# in any build of the project): a signed overflow, UBSan told not to halt, so the program
# exits 0 and its stderr is discarded; only the report file can fail the test.
n=$((n + 1))
cat >"$TMP/overflow.c" <<'EOF_C'
#include <limits.h>
#include <stdio.h>
int
main (int argc, char **argv)
{
  volatile int base = INT_MAX - 1;
  (void) argv;
  printf ("%d\n", base + argc > 0);     /* argc 2: INT_MAX + 1 */
  return 0;
}
EOF_C
if ! "${CC:-cc}" -fsanitize=undefined -o "$TMP/overflow" "$TMP/overflow.c" 2>"$TMP/cc.err"; then
  echo "ok $n - a real UBSan report with exit status 0 fails the test # SKIP ${CC:-cc} cannot build with -fsanitize=undefined: $(head -n 1 "$TMP/cc.err")"
else
  export OVERFLOW=$TMP/overflow
  line=$(inner "exit 0" bash -c 'UBSAN_OPTIONS="$UBSAN_OPTIONS:halt_on_error=0" "$OVERFLOW" x 2>/dev/null; [ $? -eq 0 ]')
  if [ "$line" = "not ok 1 - exit 0" ] && grep -q "runtime error: signed integer overflow" "$TMP/inner.out"; then
    echo "ok $n - a real UBSan report (signed overflow, exit status 0, stderr discarded) fails the test"
  else
    echo "not ok $n - a real UBSan report with exit status 0 fails the test (got: $line)"
    sed 's/^/# /' "$TMP/inner.out" | head -n 20
    failed=$((failed + 1))
  fi
fi
n=$((n + 1))
case ${SANITIZE:-none} in
  *undefined*)
    # The real thing: UBSan's report of a signed overflow, from a program that exits 1.
    line=$(inner "planted overflow" bash -c '"$HARNESS_PLANT" 2 2>/dev/null; [ $? -eq 1 ] || [ $? -eq 66 ]')
    if [ "$line" = "not ok 1 - planted overflow" ] && grep -q "runtime error: signed integer overflow" "$TMP/inner.out"; then
      echo "ok $n - a real UBSan report (signed overflow, stderr discarded, exit 1 accepted) fails the test"
    else
      # Known gap (issue 16): GCC's UBSan here writes its report to stderr despite log_path,
      # so a test that discards stderr is failed only by the exit status 66.
      echo "not ok $n - a real UBSan report fails the test (got: $line) # TODO the report is not in the sanitizer file"
    fi ;;
  *) echo "ok $n - a real UBSan report fails the test # SKIP not a -Db_sanitize=undefined build" ;;
esac
finish
