#!/usr/bin/env bash
# bitext CLI tests — a real client: OmegaT (Debian package omegat) translates samples/speech.en.txt
# in console mode from a project whose tm/auto/ holds a memory bitext made from the reviewed
# alignment (tests/data/speech.{en,ru}.sent + speech.gold.align, via `bitext tm import`).
# OmegaT inserts exact matches only, after segmenting the source with its own rules, and drops a
# TMX it cannot parse with only a log line: so we count its translated segments.
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/omegat-common.sh"
plan 3

# The memory's pairs: one TSV line per bead with both sides, sentences of a side joined by a space.
awk -F'[][]' 'FNR == 1 { f++ }
  f == 1 { en[FNR - 1] = $0; next }
  f == 2 { ru[FNR - 1] = $0; next }
  { split($2, s, ","); split($4, t, ","); a = ""; b = ""
    for (i = 1; i in s; i++) a = a (i > 1 ? " " : "") en[s[i]]
    for (i = 1; i in t; i++) b = b (i > 1 ? " " : "") ru[t[i]]
    if (a != "" && b != "") print a "\t" b }' \
  "$DATA/speech.en.sent" "$DATA/speech.ru.sent" "$DATA/speech.gold.align" >"$TMP/pairs.tsv"

# run_omegat NAME IMPORT-OPTIONS...: a project with the memory in tm/auto/, translated by OmegaT.
# Sets total, translated (project_stats.txt) and found (memory targets seen in the target file).
run_omegat() {
  local name=$1 p="$TMP/$1"; shift
  omegat_project "$p" || return 1
  "$BITEXT" tm import "$TMP/pairs.tsv" -o "$p/tm/auto/speech.tmx" -s en -t ru --date 2012-05-03 "$@" || return 1
  omegat_console "$p" || return 1
  total=$(awk -F'\t' '/^Total:/ { print $2 + 0 }' "$p/omegat/project_stats.txt")
  remaining=$(awk -F'\t' '/^Remaining:/ { print $2 + 0 }' "$p/omegat/project_stats.txt")
  translated=$((total - remaining))
  found=$(cut -f2 "$TMP/pairs.tsv" | sort -u | while IFS= read -r ru; do
            grep -qF -- "$ru" "$p/target/speech.en.txt" && echo; done | wc -l)
  echo "# OmegaT ($name): $translated of $total segments translated ($((100 * translated / total))%);" \
       "$found memory targets in its target file" | tee "$TMP/figures.$name"
}

check_plain() {
  run_omegat plain --no-markup || return 1
  grep -q "Reading of TMX file complete" "$TMP/plain.log" || { echo "OmegaT did not read the TMX"; return 1; }
  echo "$translated" >"$TMP/plain.n"
  [ $((100 * translated)) -ge $((70 * total)) ] && [ $((100 * found)) -ge $((70 * total)) ]
}
ok "OmegaT translates at least 70% of its segments from bitext's memory" check_plain
cat "$TMP/figures.plain" 2>/dev/null

# With the default import, Markdown emphasis (**two centres**) becomes bpt/ept codes: OmegaT then
# holds tags in those sources and its plain-text filter literal asterisks, so those miss.
check_markup() {
  run_omegat markup || return 1
  [ $((100 * translated)) -ge $((70 * total)) ] && [ "$translated" -lt "$(cat "$TMP/plain.n")" ]
}
ok "with bpt/ept for Markdown emphasis OmegaT still reaches 70%, fewer segments" check_markup
cat "$TMP/figures.markup" 2>/dev/null

# What keeps the rest out, checked so that a change in either segmenter shows up here:
# the 2-1 beads (two English sentences, one Russian) cannot match OmegaT's single sentences.
check_reasons() {
  local n21
  n21=$(grep -c '^\[[0-9]*,[0-9]*\]:\[[0-9]*\]$' "$DATA/speech.gold.align")
  echo "# 2-1 beads: $n21 (OmegaT segments they cover: $((2 * n21)))" | tee "$TMP/figures.beads"
  grep -q "in the wrong place if we$" <(tr -d '\r' <"$ROOT/samples/speech.en.txt") &&
  [ $((total - translated)) -ge $((2 * n21)) ]
}
ok "untranslated: at least the 2-1 beads' sentences" check_reasons
cat "$TMP/figures.beads" 2>/dev/null
finish
