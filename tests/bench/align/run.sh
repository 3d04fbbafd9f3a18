#!/usr/bin/env bash
# Sentence-alignment benchmarks: quality on the Text+Berg gold set, then time and
# memory at 10k, 100k and 1M sentences a side, each beside a baseline run here.
#
# Usage: tests/bench/align/run.sh [BUILD_DIR]      (default: build/ of the repository)
#
# Builds nothing: run `ninja -C BUILD_DIR` first (or `meson test -C BUILD_DIR
# --benchmark align`, which builds and then runs this script). Needs
# ../shared/eval/textberg beside the repository; without it, says so and exits 0.
# Environment:
#   BITEXT                the bitext binary (default BUILD_DIR/src/cli/bitext)
#   BENCH_ALIGN_SIZES     source sentences of the scale runs (default "10000 100000 1000000")
#   BENCH_ALIGN_FULL_DP   sizes for the quadratic full-matrix Gale-Church (default "5000 10000")
#   BENCH_ALIGN_BAND      half-width of the banded Gale-Church baseline (default 100)
#   BENCH_ALIGN_SKIP      "quality" or "scale" to skip a part
#   BENCH_ALIGN_DICT      dictionary of the "with dictionary" quality run (default: Debian's
#                         FreeDict German-French, /usr/share/dictd/freedict-deu-fra.index;
#                         the run is left out when the file is absent)
# Inputs and outputs go to BUILD_DIR/bench/align-data/ (inputs are cached).
#
# Exit status: 0; 2 when a program is missing or a run fails.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd) || exit 2
bitext=${BITEXT:-$build/src/cli/bitext}
gc=$build/tests/bench/align/bench-gale-church
gen=$build/tests/bench/align/bench-make-parallel
tb=$(cd "$root/../shared/eval/textberg" 2>/dev/null && pwd) || tb=$root/../shared/eval/textberg
data=$build/tests/bench/align-data
sizes=${BENCH_ALIGN_SIZES:-10000 100000 1000000}
full_sizes=${BENCH_ALIGN_FULL_DP:-5000 10000}
band=${BENCH_ALIGN_BAND:-100}
skip=${BENCH_ALIGN_SKIP:-}
dict=${BENCH_ALIGN_DICT:-/usr/share/dictd/freedict-deu-fra.index}
timefmt='%e %M'

for exe in "$bitext" "$gc" "$gen"; do
  if [[ ! -x $exe ]]; then
    echo "align: $exe not built (ninja -C $build)" >&2
    exit 2
  fi
done
if [[ ! -x /usr/bin/time ]]; then
  echo "align: /usr/bin/time missing (Debian package 'time')" >&2
  exit 2
fi
if [[ ! -d $tb ]]; then
  echo "skipped: $tb absent (the Text+Berg gold set lives in ../shared/eval/textberg)"
  exit 0
fi
if ! "$bitext" align --help >/dev/null 2>&1; then
  echo "align: '$bitext align' is not available in this build" >&2
  exit 2
fi
mkdir -p "$data" || exit 2
status=0

# micro_f1 GOLD PRED ... -> "strict_f1 lax_f1" of the micro-average line of `bitext eval-align`.
micro_f1() {
  "$bitext" eval-align "$@" | awk '/micro-average/ { print $5, $8 }'
}

# timed OUT LOG COMMAND... -> runs COMMAND > OUT under /usr/bin/time; prints "seconds peak_KiB".
timed() {
  local out=$1 log=$2; shift 2
  if ! /usr/bin/time -f "$timefmt" -o "$log.time" "$@" >"$out" 2>"$log"; then
    echo "align: failed: $*" >&2
    sed 's/^/  /' "$log" | head -n 5 >&2
    return 1
  fi
  tail -n 1 "$log.time"
}

# calibration GOLD PRED ... -> "AUC caught marked best_caught best_marked" of the calibration
# block of `bitext eval-align` (best: the best threshold on the score marking at most 15%).
calibration() {
  "$bitext" eval-align "$@" | awk '/^  AUC/ { auc = $NF }
    /^  low mark:/ { gsub(/[(),]/, ""); caught = $9; marked = $15 }
    /^  best threshold/ { gsub(/[(),]/, ""); best = $19; best_marked = $26 }
    END { print auc, caught, marked, best, best_marked }'
}

quality() {
  echo "== quality: Text+Berg de-fr, 7 test documents (991/1011 sentences, 858 gold beads with both sides)"
  local bargs=() dargs=() gargs=() i
  local t0=$SECONDS
  local use_dict=0
  [[ -f $dict ]] && use_dict=1
  for i in 0 1 2 3 4 5 6; do
    "$bitext" align "$tb/test$i.de" "$tb/test$i.fr" --presegmented --src-lang de --tgt-lang fr \
      --format jsonl >"$data/test$i.bitext.jsonl" || { echo "align: bitext align failed on test$i" >&2; return 2; }
    if ((use_dict)); then
      "$bitext" align "$tb/test$i.de" "$tb/test$i.fr" --presegmented --src-lang de --tgt-lang fr \
        --dict "$dict" --format jsonl >"$data/test$i.bitext-dict.jsonl" \
        || { echo "align: bitext align --dict failed on test$i" >&2; return 2; }
      dargs+=("$tb/test$i.defr" "$data/test$i.bitext-dict.jsonl")
    fi
    "$gc" "$tb/test$i.de" "$tb/test$i.fr" >"$data/test$i.gc.beads" \
      || { echo "align: bench-gale-church failed on test$i" >&2; return 2; }
    bargs+=("$tb/test$i.defr" "$data/test$i.bitext.jsonl")
    gargs+=("$tb/test$i.defr" "$data/test$i.gc.beads")
  done
  local b g d="" bc dc=""
  b=$(micro_f1 "${bargs[@]}") && g=$(micro_f1 "${gargs[@]}") && bc=$(calibration "${bargs[@]}") || return 2
  if ((use_dict)); then
    d=$(micro_f1 "${dargs[@]}") && dc=$(calibration "${dargs[@]}") || return 2
  fi
  echo "strict: exact bead; lax: a shared sentence on each side; F1 micro-averaged over the documents"
  echo "(bitext eval-align; the same definitions as vecalign's score.py and Sennrich & Volk 2011)"
  echo
  printf '  %-44s %9s %7s  %s\n' "aligner" "strict F1" "lax F1" "where the figure comes from"
  printf '  %-44s %9s %7s  %s\n' "bitext align (no dictionary, no model)" ${b} "measured now"
  if ((use_dict)); then
    printf '  %-44s %9s %7s  %s\n' "bitext align --dict $(basename "$dict" .index)" ${d} "measured now"
  fi
  printf '  %-44s %9s %7s  %s\n' "Gale & Church 1993 (bench-gale-church)" ${g} "measured now"
  printf '  %-44s %9s %7s  %s\n' "hunalign, no dictionary" 0.751 0.868 "issue #3, measured on this machine"
  printf '  %-44s %9s %7s  %s\n' "NLTK gale_church" 0.678 0.797 "issue #3, measured on this machine"
  printf '  %-44s %9s %7s  %s\n' "vecalign (LASER embeddings)" 0.902 0.986 "published (Thompson & Koehn 2019)"
  printf '  %-44s %9s %7s  %s\n' "Bertalign (LaBSE embeddings)" 0.936 0.989 "published (Liu & Zhu 2022)"
  echo
  echo "confidence of the bitext scores (bitext eval-align on --format jsonl): AUC of the score for"
  echo "telling wrong beads (not exactly a gold bead) from right ones; share of the wrong beads the"
  echo "low mark catches; share of all beads it marks; what the best threshold on the score that"
  echo "marks at most 15% of the beads would catch, and the share it marks (the ranking's bound)"
  printf '  %-44s %7s %7s %7s %7s %7s\n' "aligner" "AUC" "caught" "marked" "best" "at"
  printf '  %-44s %7s %7s %7s %7s %7s\n' "bitext align (no dictionary, no model)" ${bc}
  if ((use_dict)); then
    printf '  %-44s %7s %7s %7s %7s %7s\n' "bitext align --dict $(basename "$dict" .index)" ${dc}
  fi
  echo
  echo "per document, bitext align:"
  "$bitext" eval-align "${bargs[@]}" | sed 's/^/  /'
  echo "($((SECONDS - t0)) s for both aligners on the 7 documents)"
}

# make_input N -> BASE of BASE.src/.tgt/.gold with at least N source sentences (cached).
make_input() {
  local n=$1 base=$data/tb-$1
  if [[ ! ( -s $base.src && -s $base.tgt && -s $base.gold && $base.src -nt $gen ) ]]; then
    "$gen" --sentences "$n" "$base" "$tb"/test{0,1,2,3,4,5,6} "$tb/dev" >/dev/null || return 1
  fi
  echo "$base"
}

# row LABEL NS NT OUT GOLD "SECONDS KIB" -> one line of the scale table.
row() {
  local label=$1 ns=$2 nt=$3 out=$4 gold=$5 t kib f
  read -r t kib <<<"$6"
  f=$(micro_f1 "$gold" "$out" | awk '{ printf "%.3f/%.3f", $1, $2 }')
  printf '  %-34s %9d %9d %8.2f %9.1f %8.2f %8s\n' "$label" "$ns" "$nt" "$t" \
    "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" \
    "$(awk -v t="$t" -v n="$ns" 'BEGIN { print t * 1e6 / n }')" "$f"
}

# run_one LABEL N BASE TAG COMMAND... -> times COMMAND on one input and prints its row;
# a failed run prints a FAILED row with the first line of its error, and returns 1.
run_one() {
  local label=$1 base=$2 tag=$3; shift 3
  local ns nt out=$base.$tag.beads line
  ns=$(wc -l <"$base.src"); nt=$(wc -l <"$base.tgt")
  if line=$(timed "$out" "$base.$tag.log" "$@" 2>/dev/null); then
    row "$label" "$ns" "$nt" "$out" "$base.gold" "$line"
    return 0
  fi
  printf '  %-34s %9d %9d   FAILED after %s s: %s\n' "$label" "$ns" "$nt" \
    "$(tail -n 1 "$base.$tag.log.time" 2>/dev/null | awk '{ print $1 }')" \
    "$(grep -m 1 -v '^ *$' "$base.$tag.log" | cut -c 1-100)"
  return 1
}

scale() {
  echo "== scale: Text+Berg (8 documents) repeated, 1 % of target sentences dropped, 2 % joined to the previous one"
  echo "   time = wall clock (s), RSS = peak resident set (MiB), us/sent = microseconds per source sentence"
  echo
  printf '  %-34s %9s %9s %8s %9s %8s %8s\n' "run" "src" "tgt" "time s" "RSS MiB" "us/sent" "F1 s/l"
  local n base rc=0
  for n in $sizes; do
    base=$(make_input "$n") || { echo "align: bench-make-parallel failed" >&2; return 2; }
    run_one "bitext align" "$base" bitext "$bitext" align "$base.src" "$base.tgt" --presegmented \
      --src-lang de --tgt-lang fr --format beads || rc=2
    run_one "Gale-Church, fixed band $band" "$base" gc-band "$gc" --band "$band" "$base.src" \
      "$base.tgt" || rc=2
  done
  for n in $full_sizes; do
    base=$(make_input "$n") || return 2
    run_one "Gale-Church, full matrix" "$base" gc-full "$gc" "$base.src" "$base.tgt" || rc=2
  done
  echo
  echo "target (issue #3): 1M x 1M sentences in under 60 s and under 4 GiB on this 2-core machine."
  echo "hunalign, measured here (issue #3): 10k in 17.6 s / 0.2 GB, 25k in 117 s / 1.2 GB (quadratic)."
  return $rc
}

if [[ $skip != quality ]]; then
  quality || status=2
  echo
fi
if [[ $skip != scale ]]; then
  scale || status=2
fi
exit $status
