#!/usr/bin/env bash
# bitext CLI tests — `bitext glossary`: extract from a TSV of pairs, convert tsv -> tbx -> tsv, bad input.
. "$(dirname "$0")/tap.sh"
plan 17

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
# Inputs as people give them: a pipe (`<(zcat tm.tmx.gz)`) or stdin, read once, their kind told
# by their bytes; the same glossary as from the file.
ok "extract from a pipe or stdin: a memory and a TSV of pairs, as from their files" bash -c '
  TM=$ROOT/tm/speech.en-ru.tmx
  "$BITEXT" glossary extract "$TM" >"$TMP/f.tsv" && "$BITEXT" glossary extract "$P" >"$TMP/fp.tsv" || exit 1
  "$BITEXT" glossary extract <(cat "$TM") >"$TMP/p.tsv" && cmp "$TMP/f.tsv" "$TMP/p.tsv" || exit 1
  "$BITEXT" glossary extract - <"$TM" >"$TMP/s.tsv" && cmp "$TMP/f.tsv" "$TMP/s.tsv" || exit 1
  "$BITEXT" glossary extract <(cat "$P") >"$TMP/pp.tsv" && cmp "$TMP/fp.tsv" "$TMP/pp.tsv" || exit 1
  "$BITEXT" glossary extract - <"$P" >"$TMP/sp.tsv" && cmp "$TMP/fp.tsv" "$TMP/sp.tsv"'
ok "extract from stdin that is not pairs: <stdin>:LINE:1, status 2" bash -c '
  printf "one\ttwo\nno tab here\n" | "$BITEXT" glossary extract - >"$TMP/o" 2>"$TMP/e"; [ $? -eq 2 ] || exit 1
  grep -qx "bitext: <stdin>:2:1: expected SOURCE<TAB>TARGET" "$TMP/e" && [ ! -s "$TMP/o" ]'
# A glossary extracted from the sample memory serves as the glossary of `check` and the dictionary
# of `align`: score, frequency, example and variants are evidence, never notes or forbidden
# renderings, so each format gives the findings (and beads) of its source and target columns alone.
TM=$ROOT/tm/speech.en-ru.tmx
export TM
ok "extracted TSV, CSV and TBX: check reads them as their source and target columns" bash -c '
  for f in tsv csv tbx; do "$BITEXT" glossary extract "$TM" -o "$TMP/x.$f" || exit 1; done
  grep -v "^#" "$TMP/x.tsv" | cut -f1,2 >"$TMP/plain.tsv"
  [ "$(wc -l <"$TMP/plain.tsv")" -ge 20 ] || exit 1
  "$BITEXT" check --format json -g "$TMP/plain.tsv" "$TM" >"$TMP/plain.json"; [ $? -le 1 ] || exit 1
  grep -q "\"check\":\"glossary\"" "$TMP/plain.json" || exit 1
  for f in tsv csv tbx; do
    "$BITEXT" check --format json -g "$TMP/x.$f" "$TM" >"$TMP/x.$f.json"; [ $? -le 1 ] || exit 1
    cmp "$TMP/plain.json" "$TMP/x.$f.json" || { echo "$f differs"; exit 1; }
  done'
ok "extracted TSV: align --dict uses it, as its source and target columns" bash -c '
  "$BITEXT" glossary extract "$TM" -o "$TMP/d.tsv" && grep -v "^#" "$TMP/d.tsv" | cut -f1,2 >"$TMP/d2.tsv" &&
  "$BITEXT" align --format jsonl --dict "$TMP/d.tsv" "$ROOT/samples/speech.en.txt" "$ROOT/samples/speech.ru.txt" >"$TMP/a1" &&
  "$BITEXT" align --format jsonl --dict "$TMP/d2.tsv" "$ROOT/samples/speech.en.txt" "$ROOT/samples/speech.ru.txt" >"$TMP/a2" &&
  cmp "$TMP/a1" "$TMP/a2" && grep -q "\"dict_hits\":[1-9]" "$TMP/a1"'
printf "# pairs\nno tab here\n" >"$TMP/bad.tsv"
ok "a line without a tab: exit 2, FILE:LINE:COL message" \
  expect_error 2 "^bitext: .*bad\.tsv:2:1: expected SOURCE<TAB>TARGET$" \
  "$BITEXT" glossary extract -o "$TMP/never.tsv" "$TMP/bad.tsv"
ok "... and no output file" test ! -e "$TMP/never.tsv"
ok "a missing file: exit 2, one line naming it" \
  expect_error 2 "^bitext: .*nonexistent\.tsv" "$BITEXT" glossary extract "$TMP/nonexistent.tsv"
ok "an unknown format: exit 2" \
  expect_error 2 "^bitext: .*unknown format 'xls'" "$BITEXT" glossary extract --format xls "$P"
# Issue 16, defect 6: TBX entities are refused (as in TMX); a dropped entry is named, FILE:LINE.
printf '<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY t "term">]>\n<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&t;</term></tig></langSet></termEntry></body></text></martif>\n' >"$TMP/ent.tbx"
ok "TBX: a DOCTYPE entity declaration is refused at its line" \
  expect_error 2 "^bitext: .*/ent\.tbx:3: the DOCTYPE declares an entity: refused" \
  "$BITEXT" glossary convert "$TMP/ent.tbx" "$TMP/never.tsv"
printf '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "martif.dtd">\n<martif><text><body>\n<termEntry><langSet xml:lang="en"><tig><term>&undefined;</term></tig></langSet><langSet xml:lang="ru"><tig><term>т</term></tig></langSet></termEntry>\n</body></text></martif>\n' >"$TMP/undef.tbx"
ok "TBX: an undefined entity is refused, not read as an empty term" \
  expect_error 2 "^bitext: .*/undef\.tbx:4: undefined entity &undefined;" \
  "$BITEXT" glossary convert "$TMP/undef.tbx" "$TMP/never.tsv"
ok "... check -g refuses it too" \
  expect_error 2 "^bitext: .*/undef\.tbx:4: undefined entity &undefined;" \
  "$BITEXT" check -g "$TMP/undef.tbx" "$TM"
printf '<?xml version="1.0"?>\n<martif><text><body>\n<termEntry><langSet xml:lang="en"><tig><term> </term></tig></langSet><langSet xml:lang="ru"><tig><term>а</term></tig></langSet></termEntry>\n<termEntry><langSet xml:lang="en"><tig><term>b</term></tig></langSet><langSet xml:lang="ru"><tig><term>б</term></tig></langSet></termEntry>\n<termEntry><langSet xml:lang="en"><tig><term>c</term></tig></langSet></termEntry>\n</body></text></martif>\n' >"$TMP/drop.tbx"
ok "TBX: entries without a term are dropped with a warning each (FILE:LINE), the rest converted" bash -c '
  "$BITEXT" glossary convert "$TMP/drop.tbx" "$TMP/drop.tsv" 2>"$TMP/drop.err" || exit 1
  printf "bitext: warning: %s\n" "$TMP/drop.tbx:3: entry without a source term: dropped" \
    "$TMP/drop.tbx:5: entry without a target term: dropped" | diff -u - "$TMP/drop.err" &&
  [ "$(grep -v "^#" "$TMP/drop.tsv" | cut -f1,2)" = "$(printf "b\tб")" ]'
ok "... and check -g reads the converted file" bash -c '
  "$BITEXT" check -g "$TMP/drop.tsv" "$TM" >"$TMP/drop.txt"; s=$?
  [ $s -le 1 ] && grep -Eq "^[0-9]+ findings in [0-9]+ units$" "$TMP/drop.txt"'
finish
