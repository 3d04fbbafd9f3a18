#!/usr/bin/env bash
# tests/bench/qa/run-locale.sh BUILD_DIR — `bitext check` on real software strings, beside pofilter.
#
# Builds the English–Russian memory of Debian's installed gettext catalogues with
# tests/bench/terms/make-locale-tm.sh (other projects' translations: rebuilt, never committed), then
#   bitext check LOCALE.tmx --format json
# and prints, with tests/data/qa/locale.py:
#   * findings per 1,000 units by check and severity, error+warning per 1,000 (target <= 40, issue 15)
#     and the number of placeholder findings;
#   * precision of the judged random samples tests/data/qa/locale.judged.tsv (100 error/warning
#     findings, seed 15, drawn before the rules of 2026-12-06), locale.judged-16.tsv (100, seed
#     16, drawn after them) and locale.judged-17.tsv (100, seed 17, drawn after the length,
#     spelling and same-translation rules of branch h-qa5), locale.judged-18.tsv (100, seed 18, drawn
#     on 2026-12-06 at 18:40, before that evening's number and layout rules), locale.judged-19.tsv
#     (100, seed 19, drawn on 2026-12-06 at 21:52, after the sound, ordinal and markup rules),
#     locale.judged-20.tsv (100, seed 20, drawn at 22:38 after all of that night's rules, none
#     written from it), locale.judged-21.tsv (100, seed 21, drawn at 22:54 after the last rule
#     of that night, none written from it), locale.judged-22.tsv (100, seed 22, drawn on
#     2026-12-07 at 00:28 after the clock, compound-name, keyword, stress-mark and initials
#     rules, none written from it), and of
#     tests/data/qa/locale-placeholder.judged.tsv (placeholder findings);
#   * pofilter (Debian package python3-translate) on the same pairs as PO: units flagged per test,
#     for the tests that bitext's checks cover (README, `bitext check`). Skipped when absent.
# Exit 77 when the catalogues or msgunfmt are missing; exit 1 when the newest judged sample's
# precision is under 0.8.
set -euo pipefail
BUILD=${1:?usage: run-locale.sh BUILD_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/../../data/qa
BITEXT="$BUILD/src/cli/bitext"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-qa-locale.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

status=0
bash "$HERE/../terms/make-locale-tm.sh" "$TMPD/locale.tmx" "$BITEXT" 2>"$TMPD/make.log" || status=$?
[ "$status" -eq 77 ] && { cat "$TMPD/make.log"; exit 77; }
[ "$status" -eq 0 ] || { cat "$TMPD/make.log" >&2; exit "$status"; }
head -n 1 "$TMPD/make.log"
status=0
/usr/bin/time -f '%e %U %S %M' -o "$TMPD/time" \
  "$BITEXT" check "$TMPD/locale.tmx" --format json -o "$TMPD/run.json" || status=$?
[ "$status" -le 1 ] || exit "$status"   # 1: something was found, the normal result here
read -r e u s m < <(tail -n 1 "$TMPD/time")   # GNU time puts "Command exited with non-zero status 1" first
echo "check: $e s elapsed, $(echo "$u + $s" | bc -l) s CPU, $((m / 1024)) MiB"
python3 "$DATA/locale.py" stats "$TMPD/run.json" "$TMPD/locale.tmx"

rc=0
# judged FILE [CHECK]: the precision of a judged sample, or says that none is kept yet (a failure:
# the acceptance figure is missing). Only the newest sample of all findings (drawn after the
# rules it is scored against, none written from it) decides the exit status; an older one is
# re-scored on the few of its findings that later rules still report, for information.
judged() {
  echo; echo "judged sample ($1):"
  if [ ! -f "$DATA/$1" ]; then
    echo "  not judged yet: make one with locale.py sample and judge it by reading"
    rc=1
    return
  fi
  python3 "$DATA/locale.py" score "$TMPD/run.json" "$TMPD/locale.tmx" "$DATA/$1" ${2:+"$2"} \
    || if [ "$1" = "$NEWEST" ]; then rc=1; fi
}
NEWEST=locale.judged-22.tsv
judged locale.judged.tsv
judged locale.judged-16.tsv
judged locale.judged-17.tsv
judged locale.judged-18.tsv
judged locale.judged-19.tsv
judged locale.judged-20.tsv
judged locale.judged-21.tsv
judged locale.judged-22.tsv
judged locale-placeholder.judged.tsv placeholder

echo
if command -v pofilter >/dev/null; then
  python3 "$DATA/locale.py" po "$TMPD/locale.tmx" "$TMPD/locale.po"
  TESTS=(printf pythonbraceformat variables xmltags escapes newlines accelerators brackets urls emails
         filepaths doublespacing endwhitespace startwhitespace numbers endpunc untranslated unchanged)
  args=(); for t in "${TESTS[@]}"; do args+=(-t "$t"); done
  pofilter --progress=none "${args[@]}" "$TMPD/locale.po" "$TMPD/pofilter.po" 2>/dev/null || true
  echo "pofilter on the same pairs (units flagged per test):"
  python3 "$DATA/locale.py" pofilter "$TMPD/pofilter.po"
else
  echo "pofilter: not installed (Debian package python3-translate), skipped"
fi
exit "$rc"
