#!/usr/bin/env bash
# Sentence alignment on real translations shipped in Debian (tests/data/align-real/):
# bitext, hunalign and the Gale–Church baseline on the same sentences, in the same run,
# scored by `bitext eval-align` against the hand-read gold.
#
# Usage: tests/bench/align/run-real.sh [BUILD_DIR]   (default: build/ of the repository)
#
# Builds nothing: run `ninja -C BUILD_DIR` first (or `meson test -C BUILD_DIR --benchmark
# align-real`). Needs the Debian packages installation-guide-amd64, manpages, manpages-ru
# bash, maint-guide, maint-guide-ru and maint-guide-de (tests/setup.sh installs them); without
# them, says so
# and exits 0.
# Environment:
#   BITEXT     the bitext binary (default BUILD_DIR/src/cli/bitext)
#   HUNALIGN   the hunalign binary (default /tmp/hunalign/src/hunalign/hunalign); when it
#              is missing, its rows say so and the rest runs
# The texts are extracted into BUILD_DIR/tests/bench/align-real/ (again only when bitext or
# the extraction script is newer than the last extraction), and every output goes there.
#
# How each aligner is run (the same sentence lists, from `bitext segment`):
# - bitext: `bitext align --presegmented --src-lang en --tgt-lang ru|zh|ja|ko|de|fr|el --format beads`,
#   and `--format jsonl` for the scores (the confidence figures below the table).
#   The language codes are those of sets.tsv: en, ru, zh, ja, ko, de, fr, el.
# - hunalign, as its documentation tells a user to: one sentence a line, tokens separated
#   by spaces, lower-cased, punctuation split from words, every Han/Kana character a token
#   of its own (tests/data/align-real/hunalign.py tok), a line "<p>" between paragraphs;
#   `hunalign -realign EMPTY.dic SRC TGT` (no dictionary: the dictionary it learns in its
#   second pass is all it has), run in the output folder (it writes translate.txt into the
#   current directory), its ladder output turned into beads (hunalign.py beads).
# - Gale & Church 1993 (BUILD_DIR/tests/bench/align/bench-gale-church): the same
#   sentences, one a line, without the blank lines between paragraphs (it has no notion of
#   paragraphs).
#
# Exit status: 0; 2 when a program is missing, a run fails or the extracted sentences
# differ from the committed checks (the gold would not apply).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd) || exit 2
bitext=${BITEXT:-$build/src/cli/bitext}
hunalign=${HUNALIGN:-/tmp/hunalign/src/hunalign/hunalign}
gc=$build/tests/bench/align/bench-gale-church
real=$root/tests/data/align-real
data=$build/tests/bench/align-real

for exe in "$bitext" "$gc"; do
  if [[ ! -x $exe ]]; then
    echo "align-real: $exe not built (ninja -C $build)" >&2
    exit 2
  fi
done
if ! command -v python3 >/dev/null; then
  echo "align-real: python3 missing" >&2
  exit 2
fi
mkdir -p "$data" || exit 2

# Extraction, cached: again when bitext or the script is newer than the last one.
if [[ ! ( -s $data/sets.tsv && $data/sets.tsv -nt $bitext && $data/sets.tsv -nt $real/extract.py ) ]]; then
  rm -f "$data/sets.tsv"
  python3 "$real/extract.py" "$data" --bitext "$bitext" --check
  case $? in
    0) ;;
    77) echo "skipped: the Debian packages of the sets are not installed (tests/setup.sh)"; exit 0 ;;
    1) echo "align-real: the extracted sentences differ from tests/data/align-real/*.sent-check;" \
            "the gold must be read again before it is used" >&2; rm -f "$data/sets.tsv"; exit 2 ;;
    *) exit 2 ;;
  esac
fi

have_hunalign=0
if [[ -x $hunalign ]]; then
  have_hunalign=1
  : >"$data/empty.dic"
else
  echo "note: hunalign not found at $hunalign (set HUNALIGN=...): its rows are left out"
fi

# Align every document with every aligner.
while IFS=$'\t' read -r set doc sl tl; do
  s=$data/$doc.$sl.sent t=$data/$doc.$tl.sent
  "$bitext" align --presegmented --src-lang "$sl" --tgt-lang "$tl" --format beads "$s" "$t" \
    >"$data/$doc.bitext.beads" || { echo "align-real: bitext align failed on $doc" >&2; exit 2; }
  "$bitext" align --presegmented --src-lang "$sl" --tgt-lang "$tl" --format jsonl "$s" "$t" \
    >"$data/$doc.bitext.jsonl" || { echo "align-real: bitext align --format jsonl failed on $doc" >&2; exit 2; }
  grep -v '^$' "$s" >"$data/$doc.$sl.lines"
  grep -v '^$' "$t" >"$data/$doc.$tl.lines"
  "$gc" "$data/$doc.$sl.lines" "$data/$doc.$tl.lines" >"$data/$doc.gc.beads" \
    || { echo "align-real: bench-gale-church failed on $doc" >&2; exit 2; }
  if ((have_hunalign)); then
    python3 "$real/hunalign.py" tok "$sl" "$s" "$data/$doc.$sl.tok" &&
      python3 "$real/hunalign.py" tok "$tl" "$t" "$data/$doc.$tl.tok" &&
      (cd "$data" && "$hunalign" -realign empty.dic "$doc.$sl.tok" "$doc.$tl.tok" \
        >"$doc.hunalign.ladder" 2>"$doc.hunalign.log") &&
      python3 "$real/hunalign.py" beads "$data/$doc.hunalign.ladder" "$data/$doc.$sl.tok" \
        "$data/$doc.$tl.tok" >"$data/$doc.hunalign.beads" \
      || { echo "align-real: hunalign failed on $doc (see $data/$doc.hunalign.log)" >&2; exit 2; }
  fi
done <"$data/sets.tsv"

# score GROUP ALIGNER -> "P R F1 laxF1" micro-averaged over the documents of GROUP, where
# GROUP is a set (en-ru) or a set and a document prefix (en-ru:man-).
score() {
  local group=$1 aligner=$2 args=() set doc sl tl
  while IFS=$'\t' read -r set doc sl tl; do
    [[ $set == "${group%%:*}" ]] || continue
    [[ $group == *:* && $doc != "${group#*:}"* ]] && continue
    args+=("$real/$doc.gold.align" "$data/$doc.$aligner.beads")
  done <"$data/sets.tsv"
  "$bitext" eval-align "${args[@]}" | awk '/micro-average/ { print $3, $4, $5, $8 }'
}

# counts GROUP -> "source/target sentences, beads" of the gold of GROUP.
counts() {
  local group=$1 set doc sl tl ns=0 nt=0 nb=0
  while IFS=$'\t' read -r set doc sl tl; do
    [[ $set == "${group%%:*}" ]] || continue
    [[ $group == *:* && $doc != "${group#*:}"* ]] && continue
    ns=$((ns + $(grep -c . "$data/$doc.$sl.sent"))); nt=$((nt + $(grep -c . "$data/$doc.$tl.sent")))
    nb=$((nb + $(wc -l <"$real/$doc.gold.align")))
  done <"$data/sets.tsv"
  echo "$ns/$nt sentences, $nb gold beads"
}

echo "== real translations from Debian packages (tests/data/align-real/README.md)"
echo "strict: exact bead; lax: a shared sentence on each side; P over all predicted beads,"
echo "R over the gold beads with both sides non-empty; micro-averaged over the documents (bitext eval-align)"
echo
printf '  %-22s %-40s %7s %7s %7s %7s\n' "set" "aligner" "P" "R" "F1" "lax F1"
for group in en-ru en-ru:ig- en-ru:man- en-ru:help- en-ru:mg- en-zh en-ja en-ko en-de en-fr en-el; do
  case $group in
    en-ru) label="en-ru" ;;
    en-ru:ig-) label="  guide" ;;
    en-ru:man-) label="  man pages" ;;
    en-ru:help-) label="  help texts" ;;
    en-ru:mg-) label="  maintainers' guide" ;;
    en-zh) label="en-zh" ;;
    en-ja) label="en-ja" ;;
    en-ko) label="en-ko" ;;
    en-de) label="en-de" ;;
    en-fr) label="en-fr" ;;
    en-el) label="en-el" ;;
  esac
  aligners=(bitext)
  ((have_hunalign)) && aligners+=(hunalign)
  aligners+=(gc)
  for a in "${aligners[@]}"; do
    case $a in
      bitext) name="bitext align" ;;
      hunalign) name="hunalign -realign, empty dictionary" ;;
      gc) name="Gale & Church 1993 (bench-gale-church)" ;;
    esac
    read -r p r f lf < <(score "$group" "$a") || { echo "align-real: eval-align failed" >&2; exit 2; }
    printf '  %-22s %-40s %7s %7s %7s %7s\n' "$label" "$name" "$p" "$r" "$f" "$lf"
  done
done
echo
echo "  en-ru, installation guide: $(counts en-ru:ig-)"
echo "  en-ru, man pages: $(counts en-ru:man-)"
echo "  en-ru, help texts: $(counts en-ru:help-)"
echo "  en-ru, maintainers' guide: $(counts en-ru:mg-)"
echo "  en-zh, installation guide: $(counts en-zh)"
echo "  en-ja, installation guide: $(counts en-ja)"
echo "  en-ko, installation guide: $(counts en-ko)"
echo "  en-de, maintainers' guide: $(counts en-de)"
echo "  en-fr, installation guide: $(counts en-fr)"
echo "  en-el, installation guide: $(counts en-el)"
echo
# Confidence: how well bitext's bead score tells the wrong beads (not exactly a gold bead)
# from the right ones, from `bitext eval-align` on the --format jsonl predictions (AUC,
# what the low mark catches, reliability in 10 score bins).
for set in en-ru en-zh en-ja en-ko en-de en-fr en-el; do
  args=()
  while IFS=$'\t' read -r s doc sl tl; do
    [[ $s == "$set" ]] && args+=("$real/$doc.gold.align" "$data/$doc.bitext.jsonl")
  done <"$data/sets.tsv"
  echo "bitext's bead scores on $set:"
  "$bitext" eval-align "${args[@]}" | sed -n '/^calibration:/,$p' | sed 's/^/  /'
done
