#!/usr/bin/env bash
# tests/bench/terms/run-locale.sh BUILD_DIR [JUDGED] — precision of the top 100 entries extracted from the
# Russian message catalogues installed here, against the entries judged by hand.
#
# Rebuilds the memory with make-locale-tm.sh (the catalogues are not ours to commit), runs
#   bitext glossary extract LOCALE.tmx --top 100 --format tsv
# and looks each entry (source, target) up in JUDGED (default tests/data/terms/locale-top100.judged.tsv:
# rank, source, target, verdict ok|wrong|partial, reason). Prints every entry with its verdict,
# "unjudged" for entries the list does not hold (the catalogues or the extractor changed since it
# was judged), then precision: ok / 100 and (ok + partial) / 100.
set -euo pipefail
BUILD=${1:?usage: run-locale.sh BUILD_DIR [JUDGED]}
HERE=$(cd "$(dirname "$0")" && pwd)
JUDGED=${2:-$HERE/../../data/terms/locale-top100.judged.tsv}
BITEXT="$BUILD/src/cli/bitext"
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-locale-run.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

status=0
bash "$HERE/make-locale-tm.sh" "$TMPD/locale.tmx" "$BITEXT" 2>"$TMPD/make.log" || status=$?
[ "$status" -eq 77 ] && { cat "$TMPD/make.log"; exit 77; }
[ "$status" -eq 0 ] || { cat "$TMPD/make.log" >&2; exit "$status"; }
head -n 1 "$TMPD/make.log"
/usr/bin/time -f '%e %U %S %M' -o "$TMPD/time" \
  "$BITEXT" glossary extract "$TMPD/locale.tmx" --top 100 --format tsv -o "$TMPD/top100.tsv"
read -r e u s m < "$TMPD/time"
echo "extraction: $e s elapsed, $(echo "$u + $s" | bc -l) s CPU, $((m / 1024)) MiB"

awk -F'\t' '
  FNR == NR { if ($0 !~ /^#/ && $1 != "rank") { verdict[$2 "\t" $3] = $4; reason[$2 "\t" $3] = $5 }; next }
  /^#/ { next }
  {
    n++
    k = $1 "\t" $2
    v = k in verdict ? verdict[k] : "unjudged"
    count[v]++
    printf "%3d  %-8s  %s -> %s%s\n", n, v, $1, $2, (k in reason && reason[k] != "") ? "  (" reason[k] ")" : ""
  }
  END {
    printf "\nentries %d: ok %d, partial %d, wrong %d, unjudged %d\n", n, count["ok"], count["partial"], count["wrong"], count["unjudged"]
    printf "precision: ok %.2f, ok+partial %.2f\n", count["ok"] / 100, (count["ok"] + count["partial"]) / 100
  }' "$JUDGED" "$TMPD/top100.tsv"
