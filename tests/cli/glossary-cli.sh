#!/usr/bin/env bash
# bitext CLI tests — `bitext glossary`: extract from a TSV of pairs, convert tsv -> tbx -> tsv, bad input.
. "$(dirname "$0")/tap.sh"
plan 8

P=$ROOT/tests/data/terms/pairs.en-ru.tsv
export P

ok "--help lists glossary" bash -c '"$BITEXT" --help | grep -q "^  glossary "'
ok "extract: the three terms, best first, in dictionary form" bash -c '
  "$BITEXT" glossary extract "$P" >"$TMP/g.tsv" || exit 1
  [ "$(grep -v "^#" "$TMP/g.tsv" | cut -f1,2,4)" = "$(printf "radar station\tрадиолокационная станция\t4\ncommand post\tкомандный пункт\t3\nsatellite\tспутник\t3")" ]'
ok "extract --top 1 -o FILE.tbx writes TBX-Basic" bash -c '
  "$BITEXT" glossary extract --top 1 -o "$TMP/g.tbx" "$P" &&
  grep -q "<martif type=\"TBX-Basic\"" "$TMP/g.tbx" && [ "$(grep -c "<termEntry" "$TMP/g.tbx")" -eq 1 ] &&
  grep -q "радиолокационная станция" "$TMP/g.tbx"'
ok "convert tsv -> tbx -> tsv keeps source, target, score and frequency" bash -c '
  "$BITEXT" glossary extract "$P" >"$TMP/a.tsv" &&
  "$BITEXT" glossary convert "$TMP/a.tsv" "$TMP/a.tbx" &&
  "$BITEXT" glossary convert "$TMP/a.tbx" "$TMP/b.tsv" &&
  [ "$(grep -v "^#" "$TMP/a.tsv" | cut -f1-4)" = "$(grep -v "^#" "$TMP/b.tsv" | cut -f1-4)" ]'
printf "# pairs\nno tab here\n" >"$TMP/bad.tsv"
ok "a line without a tab: exit 2, FILE:LINE:COL message" \
  expect_error 2 "^bitext: .*bad\.tsv:2:1: expected SOURCE<TAB>TARGET$" \
  "$BITEXT" glossary extract -o "$TMP/never.tsv" "$TMP/bad.tsv"
ok "... and no output file" test ! -e "$TMP/never.tsv"
ok "a missing file: exit 2, one line naming it" \
  expect_error 2 "^bitext: .*nonexistent\.tsv" "$BITEXT" glossary extract "$TMP/nonexistent.tsv"
ok "an unknown format: exit 2" \
  expect_error 2 "^bitext: .*unknown format 'xls'" "$BITEXT" glossary extract --format xls "$P"
finish
