#!/usr/bin/env bash
# bitext CLI tests — every writer under injected faults (issue 16): the N-th write fails
# (ENOSPC, an LD_PRELOAD shim, tests/fault-write.c), a file size limit (ulimit -f), and
# kill -9 in the middle of a large write. After each the target file is byte-identical to
# before, no temporary file is left in its folder, and the message names the file.
. "$(dirname "$0")/tap.sh"
: "${FAULT_SHIM:?FAULT_SHIM must point at the built fault-write shim}"
# An ASan build must come first in the library list; the shim only wraps write(2).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
D=$ROOT/tests/data
S=$ROOT/samples
export D S

grep -v "^#" "$D/terms/pairs.en-ru.tsv" >"$TMP/pairs.tsv"
# Each writer: a name, then the command with OUT where the output file goes.
writers=(
  "segment|segment -o OUT $S/speech.en.txt"
  "align|align -o OUT $S/speech.en.txt $S/speech.ru.txt"
  "check text|check --presegmented --beads $D/speech.ru-draft.gold.align -o OUT $D/speech.en.sent $D/speech.ru-draft.sent"
  "check html|check --format html --presegmented --beads $D/speech.ru-draft.gold.align -o OUT $D/speech.en.sent $D/speech.ru-draft.sent"
  "check json|check --format json --presegmented --beads $D/speech.ru-draft.gold.align -o OUT $D/speech.en.sent $D/speech.ru-draft.sent"
  "eval-align|eval-align -o OUT $D/speech.gold.align $D/speech.gold.align"
  "glossary extract|glossary extract -o OUT $D/terms/pairs.en-ru.tsv"
  "glossary convert (TBX)|glossary convert $D/terms/pairs.en-ru.tsv OUT.tbx"
  "tm export|tm export -o OUT $D/tmx/merge-a.tmx"
  "tm import|tm import --src-lang en --tgt-lang ru -o OUT.tmx $TMP/pairs.tsv"
  "tm merge|tm merge -o OUT.tmx $D/tmx/merge-a.tmx $D/tmx/merge-b.tmx"
)
plan $(( ${#writers[@]} * 2 + 5 ))

# run_writer DIR TARGET CMD: run CMD with OUT replaced by TARGET inside DIR.
run_writer() {
  local dir=$1 target=$2 cmd=$3
  cmd=${cmd//OUT.tbx/$target}; cmd=${cmd//OUT.tmx/$target}; cmd=${cmd//OUT/$target}
  # shellcheck disable=SC2086
  (cd "$dir" && exec "$BITEXT" $cmd)
}
export -f run_writer

# unharmed DIR TARGET: the target still holds its old bytes and the folder nothing else.
unharmed() {
  local dir=$1 target=$2
  cmp -s "$dir/$target" "$dir/$target.orig" || { echo "$target changed"; return 1; }
  local extra
  extra=$(cd "$dir" && ls -A | grep -vx -e "$target" -e "$target.orig")
  [ -z "$extra" ] || { echo "left behind: $extra"; return 1; }
}
export -f unharmed

# A process killed between naming its whole file out.data.NNNNNN and renaming it over the
# target (two system calls in a row) leaves that copy: it must be whole (equal to $2); removed.
whole_copies() {
  local dir=$1 whole=$2 t
  for t in "$dir"/out.data.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]; do
    [ -e "$t" ] || continue
    cmp -s "$whole" "$t" || { echo "a partial temporary file $t"; return 1; }
    rm -f "$t"
  done
}
export -f whole_copies

# Every N-th write from the first to the last one a clean run makes.
every_write_fails() {
  local cmd=$1 target=out.data dir=$TMP/w$RANDOM
  mkdir -p "$dir"
  printf 'old bytes\n' >"$dir/$target"; cp "$dir/$target" "$dir/$target.orig"
  rm -f "$TMP/count"
  FAULT_COUNT_FILE=$TMP/count LD_PRELOAD=$FAULT_SHIM run_writer "$dir" "$target" "$cmd" >/dev/null 2>&1
  local total; total=$(cat "$TMP/count" 2>/dev/null || echo 0)
  [ "$total" -gt 0 ] || { echo "no write seen"; return 1; }
  printf 'old bytes\n' >"$dir/$target"
  for ((k = 1; k <= total; k++)); do
    FAULT_WRITE_AT=$k LD_PRELOAD=$FAULT_SHIM run_writer "$dir" "$target" "$cmd" >/dev/null 2>"$TMP/err"
    local status=$?
    [ "$status" -eq 2 ] || { echo "write $k of $total: exit $status"; cat "$TMP/err"; return 1; }
    grep -q "$target.*No space left on device" "$TMP/err" ||
      { echo "write $k of $total: message does not name $target:"; cat "$TMP/err"; return 1; }
    unharmed "$dir" "$target" || { echo "after write $k of $total"; return 1; }
  done
  echo "# $total writes, each failed once"
}
export -f every_write_fails

# A file size limit of 0: the first write fails with EFBIG (bitext ignores SIGXFSZ).
size_limit() {
  local cmd=$1 target=out.data dir=$TMP/f$RANDOM
  mkdir -p "$dir"
  printf 'old bytes\n' >"$dir/$target"; cp "$dir/$target" "$dir/$target.orig"
  # stderr through a pipe: the limit holds for every regular file the process writes.
  (ulimit -f 0; run_writer "$dir" "$target" "$cmd") 2>&1 >/dev/null | cat >"$TMP/err"
  local status=${PIPESTATUS[0]}
  [ "$status" -eq 2 ] || { echo "exit $status"; cat "$TMP/err"; return 1; }
  grep -q "$target.*File too large" "$TMP/err" || { echo "message:"; cat "$TMP/err"; return 1; }
  unharmed "$dir" "$target"
}
export -f size_limit

for w in "${writers[@]}"; do
  name=${w%%|*}; cmd=${w#*|}
  ok "$name: the N-th write fails (ENOSPC), for every N" every_write_fails "$cmd"
  ok "$name: ulimit -f 0 (EFBIG)" size_limit "$cmd"
done

# kill -9 at random points of a large write: the target is as it was, nothing left beside it.
python3 -c "
import sys
s = open(sys.argv[1]).read()
open(sys.argv[2], 'w').write(s * 400)" "$S/speech.en.txt" "$TMP/big.txt"
ok "segment -o: kill -9 at 10 random points of a 3.6 MB write" bash -c '
  dir=$TMP/k; mkdir -p "$dir"; printf "old bytes\n" >"$dir/out.data"; cp "$dir/out.data" "$dir/out.data.orig"
  "$BITEXT" segment "$TMP/big.txt" >"$TMP/whole.seg" || exit 1
  for i in 1 2 3 4 5 6 7 8 9 10; do
    (cd "$dir" && exec "$BITEXT" segment -o out.data "$TMP/big.txt") & pid=$!
    sleep "0.$((RANDOM % 9 + 1))"; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    whole_copies "$dir" "$TMP/whole.seg" || { echo "run $i"; exit 1; }
    if cmp -s "$dir/out.data" "$dir/out.data.orig"; then :; else
      # The run may have finished before the kill: then the file is whole and new.
      cmp -s "$TMP/whole.seg" "$dir/out.data" || { echo "run $i: a half-written target"; exit 1; }
      cp "$dir/out.data.orig" "$dir/out.data"
    fi
    unharmed "$dir" out.data || { echo "run $i"; exit 1; }
  done'
# The TMX writer (the library's, behind tm import/export/merge) writes an unnamed file
# (O_TMPFILE) and names it only at the close: a kill -9 leaves nothing behind, but for a kill
# between naming the whole file and renaming it over the target, which leaves a whole copy.
python3 -c "
import sys
open(sys.argv[1], 'w').write(''.join('source %d\tцель %d\n' % (i, i) for i in range(100000)))" "$TMP/big.tsv"
ok "tm import -o: kill -9 at 5 random points of a 17 MB TMX write leaves no partial file" bash -c '
  export SOURCE_DATE_EPOCH=0
  dir=$TMP/kt; mkdir -p "$dir"; printf "old bytes\n" >"$dir/out.data"; cp "$dir/out.data" "$dir/out.data.orig"
  "$BITEXT" tm import --src-lang en --tgt-lang ru -o "$TMP/whole.tmx" "$TMP/big.tsv" || exit 1
  for i in 1 2 3 4 5; do
    (cd "$dir" && exec "$BITEXT" tm import --src-lang en --tgt-lang ru -o out.data "$TMP/big.tsv") & pid=$!
    sleep "0.$((RANDOM % 5 + 1))"; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    whole_copies "$dir" "$TMP/whole.tmx" || { echo "run $i"; exit 1; }
    if ! cmp -s "$dir/out.data" "$dir/out.data.orig"; then
      # The run may have finished before the kill: then the file is whole and new.
      cmp -s "$TMP/whole.tmx" "$dir/out.data" || { echo "run $i: a half-written target"; exit 1; }
      cp "$dir/out.data.orig" "$dir/out.data"
    fi
    unharmed "$dir" out.data || { echo "run $i"; exit 1; }
  done'
# Where the file system has no O_TMPFILE, the writers fall back to a named temporary file,
# which a failed write removes (a kill -9 leaves it: the limit of the fallback).
ok "no O_TMPFILE: tm import -o writes through a named file, removed when the N-th write fails" bash -c '
  export FAULT_NO_TMPFILE=1 SOURCE_DATE_EPOCH=0     # the same header date in both runs
  dir=$TMP/nt; mkdir -p "$dir"
  LD_PRELOAD=$FAULT_SHIM run_writer "$dir" out.tmx "tm import --src-lang en --tgt-lang ru -o OUT.tmx $TMP/pairs.tsv" || exit 1
  "$BITEXT" tm import --src-lang en --tgt-lang ru -o "$TMP/pairs.tmx" "$TMP/pairs.tsv" || exit 1
  cmp "$dir/out.tmx" "$TMP/pairs.tmx" || exit 1
  [ "$(ls -A "$dir")" = out.tmx ] || { echo "left behind: $(ls -A "$dir")"; exit 1; }
  every_write_fails "tm import --src-lang en --tgt-lang ru -o OUT.tmx $TMP/pairs.tsv"'
ok "no O_TMPFILE: segment -o (the CLI output layer) likewise" bash -c '
  export FAULT_NO_TMPFILE=1
  every_write_fails "segment -o OUT $S/speech.en.txt"'
# Defect 5: stdout write errors name <stdout> and the reason.
ok "stdout: tm stats, tm grep, glossary extract > /dev/full name <stdout>" bash -c '
  for c in "tm stats $D/tmx/merge-a.tmx" "tm grep $D/tmx/merge-a.tmx morning" "glossary extract $D/terms/pairs.en-ru.tsv" "segment $S/speech.en.txt"; do
    "$BITEXT" $c >/dev/full 2>"$TMP/err"; s=$?
    [ $s -eq 2 ] && [ "$(cat "$TMP/err")" = "bitext: <stdout>: write failed: No space left on device" ] ||
      { echo "$c: exit $s"; cat "$TMP/err"; exit 1; }
  done'
finish
