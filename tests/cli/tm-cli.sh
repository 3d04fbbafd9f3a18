#!/usr/bin/env bash
# bitext CLI tests — `bitext tm stats` and `bitext tm export`, including hostile TMX files:
# one clear line on stderr, exit status 2, bounded memory, nothing from outside the file.
. "$(dirname "$0")/tap.sh"
plan 25
D="$ROOT/tests/data/tmx"
export D
export -f expect_error

ok "tm --help lists the subcommands" bash -c '"$BITEXT" tm --help | grep -q "^  stats " && "$BITEXT" tm --help | grep -q "^  export "'
ok "bitext --help lists tm" bash -c '"$BITEXT" --help | grep -q "^  tm "'
ok "tm without a subcommand is a usage error" bash -c '"$BITEXT" tm >/dev/null 2>&1; [ $? -eq 2 ]'
ok "unknown tm subcommand" expect_error 2 "^bitext: tm: 'frob' is not a tm command" "$BITEXT" tm frob
ok "tm stats without FILE" expect_error 2 "^bitext: tm stats: no FILE given" "$BITEXT" tm stats
ok "tm export: bad --format" expect_error 2 "^bitext: tm export: unknown --format 'xml'" "$BITEXT" tm export -f xml "$D/inline.tmx"

ok "stats: text" bash -c '
  "$BITEXT" tm stats "$D/inline.tmx" >"$TMP/s" && diff -u - "$TMP/s" <<OUT
file: $D/inline.tmx
units: 3
skipped (malformed): 0
languages: ru 3, en 2, EN-us 1
pair: en -> ru, 3 units
duplicates (same source and target as an earlier unit): 0
other targets for an earlier source: 0
empty source or target: 0
length in characters:               min   median       mean      max        total
  en                                21       23       24.0       28           72
  ru                                20       24       26.3       35           79
OUT'
ok "stats: json" bash -c '
  [ "$("$BITEXT" tm stats -f json - <"$D/inline.tmx")" = "{\"file\":\"-\",\"units\":3,\"skipped\":0,\"languages\":{\"ru\":3,\"en\":2,\"EN-us\":1},\"src_lang\":\"en\",\"tgt_lang\":\"ru\",\"pairs\":3,\"duplicates\":0,\"conflicts\":0,\"duplicates_exact\":true,\"empty\":0,\"length\":{\"source\":{\"min\":21,\"median\":23,\"mean\":24.00,\"max\":28,\"total\":72},\"target\":{\"min\":20,\"median\":24,\"mean\":26.33,\"max\":35,\"total\":79}}}" ]'
ok "stats: duplicates and other targets" bash -c '
  { echo "<tmx version=\"1.4\"><header srclang=\"en\"/><body>"
    for p in "a|x" "a|x" "a|y" "b|x" "a|y" "c|"; do
      echo "<tu><tuv xml:lang=\"en\"><seg>${p%|*}</seg></tuv><tuv xml:lang=\"ru\"><seg>${p#*|}</seg></tuv></tu>"
    done; echo "</body></tmx>"; } >"$TMP/dup.tmx"
  "$BITEXT" tm stats "$TMP/dup.tmx" >"$TMP/s"
  grep -qx "duplicates (same source and target as an earlier unit): 2" "$TMP/s" &&
  grep -qx "other targets for an earlier source: 1" "$TMP/s" && grep -qx "empty source or target: 1" "$TMP/s"'
ok "stats: malformed units are skipped with FILE:LINE warnings" bash -c '
  "$BITEXT" tm stats "$D/malformed-unit.tmx" >"$TMP/s" 2>"$TMP/e" && grep -qx "units: 3" "$TMP/s" &&
  grep -qx "skipped (malformed): 2" "$TMP/s" &&
  grep -qx "bitext: warning: .*malformed-unit.tmx:7: <tuv> without xml:lang (unit skipped)" "$TMP/e"'
ok "stats --strict: a malformed unit is fatal" expect_error 2 "^bitext: .*malformed-unit.tmx:7: <tuv> without xml:lang$" "$BITEXT" tm stats --strict "$D/malformed-unit.tmx"

ok "export: tsv (codes put back, TAB escaped)" bash -c '
  "$BITEXT" tm export "$D/inline.tmx" >"$TMP/o" && printf "%s\n" \
    "The cat sat on the mat.	Кошка сидела на коврике." \
    "Press <b>OK</b> & wait.<br/>	Нажмите <b>ОК</b> и подождите.<br/>" \
    "  Spaces\\tand a term  	  Пробелы\\tи термин  " | diff -u - "$TMP/o"'
ok "export: csv --plain" bash -c '
  "$BITEXT" tm export -f csv --plain "$D/inline.tmx" | tr -d "\r" >"$TMP/o" && printf "%s\n" \
    "source,target" "The cat sat on the mat.,Кошка сидела на коврике." \
    "Press OK & wait.,Нажмите ОК и подождите." "  Spaces	and a term  ,  Пробелы	и термин  " | diff -u - "$TMP/o"'
ok "export: jsonl with --src-lang ru --tgt-lang en-US" bash -c '
  "$BITEXT" tm export -f jsonl -s ru -t en-US "$D/inline.tmx" | sed -n 2p >"$TMP/o" &&
  echo "{\"tuid\":\"a2\",\"src_lang\":\"ru\",\"tgt_lang\":\"EN-us\",\"src\":\"Нажмите <b>ОК</b> и подождите.<br/>\",\"tgt\":\"Press <b>OK</b> & wait.<br/>\"}" | diff -u - "$TMP/o"'
echo "old content" >"$TMP/keep.tsv"
ok "export -o: a failed run leaves the old file" bash -c '
  "$BITEXT" tm export -o "$TMP/keep.tsv" "$D/truncated.tmx" 2>/dev/null; [ $? -eq 2 ] &&
  [ "$(cat "$TMP/keep.tsv")" = "old content" ] && [ "$(ls "$TMP" | grep -c "keep.tsv.")" -eq 0 ]'
ok "export -o: success replaces it" bash -c '
  "$BITEXT" tm export -o "$TMP/keep.tsv" "$D/inline.tmx" && [ "$(wc -l <"$TMP/keep.tsv")" -eq 3 ]'

for cmd in stats export; do
  ok "$cmd: billion laughs refused" expect_error 2 "^bitext: .*billion-laughs.tmx:3: the DOCTYPE declares the entity 'a': refused" "$BITEXT" tm $cmd "$D/billion-laughs.tmx"
  ok "$cmd: XXE refused, /etc/passwd not read" bash -c '
    expect_error 2 "^bitext: .*xxe.tmx:2: the DOCTYPE declares the entity .xxe.: refused" "$BITEXT" tm '$cmd' "$D/xxe.tmx" &&
    ! grep -q "root:" "$TMP/stdout" "$TMP/stderr"'
done
ok "invalid UTF-8 inside a segment (stats and export)" bash -c '
  expect_error 2 "^bitext: .*invalid-utf8.tmx:4:74: invalid UTF-8$" "$BITEXT" tm stats "$D/invalid-utf8.tmx" &&
  expect_error 2 "^bitext: .*invalid-utf8.tmx:4:74: invalid UTF-8$" "$BITEXT" tm export "$D/invalid-utf8.tmx"'
ok "truncated file: no partial export on stdout" bash -c '
  expect_error 2 "^bitext: .*truncated.tmx:16: the file ends before </tmx>: truncated\?$" "$BITEXT" tm export "$D/truncated.tmx" &&
  expect_error 2 "^bitext: .*truncated.tmx:16: the file ends before </tmx>: truncated\?$" "$BITEXT" tm stats "$D/truncated.tmx"'
ok "not an XML file; empty file; directory; missing file" bash -c '
  expect_error 2 "^bitext: .*not-xml.tmx:1:1: not a TMX file: Document is empty$" "$BITEXT" tm stats "$D/not-xml.tmx" &&
  : >"$TMP/empty.tmx" && expect_error 2 "^bitext: .*empty.tmx:1: empty file: not a TMX file$" "$BITEXT" tm export "$TMP/empty.tmx" &&
  expect_error 2 "^bitext: .*tmx: is a directory$" "$BITEXT" tm stats "$D" &&
  expect_error 2 "^bitext: .*nope.tmx: No such file or directory$" "$BITEXT" tm stats "$TMP/nope.tmx"'

# A real client: translate-toolkit (Debian python3-translate) reads a TMX bitext wrote (the
# golden output of test-tmx /tmx/write/profile) and finds the same units, sources and targets.
tt_compare() {
  local py=/usr/bin/python3
  "$py" - "$D/profile.tmx.expected" >"$TMP/tt.jsonl" <<'PY'
import json, sys
from translate.storage import tmx
for u in tmx.tmxfile.parsefile(sys.argv[1]).units:
    print(json.dumps([u.getid(), u.source, u.target], ensure_ascii=False))
PY
  "$BITEXT" tm export -f jsonl "$D/profile.tmx.expected" |
    "$py" -c 'import json, sys
for line in sys.stdin:
    u = json.loads(line); print(json.dumps([u["tuid"], u["src"], u["tgt"]], ensure_ascii=False))' >"$TMP/bt.jsonl"
  [ "$(wc -l <"$TMP/tt.jsonl")" -eq 2 ] && diff -u "$TMP/tt.jsonl" "$TMP/bt.jsonl"
}
if /usr/bin/python3 -c "import translate.storage.tmx" 2>/dev/null; then
  ok "translate-toolkit reads bitext's TMX: same units and texts" tt_compare
else
  n=$((n + 1)); echo "ok $n - translate-toolkit client # SKIP python3-translate not installed"
fi

# A 1 GB unit, streamed through stdin (no 1 GB file on disk): refused at 10 MB, memory stays low.
ok "1 GB unit: refused, bounded memory" bash -c '
  { printf "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv xml:lang=\"en\"><seg>"
    head -c 1000000000 /dev/zero | tr "\0" "a"; printf "</seg></tuv></tu></body></tmx>"; } 2>/dev/null |
    { if [ -x /usr/bin/time ]; then /usr/bin/time -f "%M" -o "$TMP/rss" "$BITEXT" tm stats - 2>"$TMP/e"
      else "$BITEXT" tm stats - 2>"$TMP/e"; fi; echo $? >"$TMP/status"; cat >/dev/null; }
  [ "$(cat "$TMP/status")" -eq 2 ] || { echo "status $(cat "$TMP/status")"; exit 1; }
  grep -qx "bitext: <stdin>:1: unit larger than 10000000 bytes: refused" "$TMP/e" || { cat "$TMP/e"; exit 1; }
  if [ -s "$TMP/rss" ]; then rss=$(tail -n 1 "$TMP/rss"); echo "# peak RSS ${rss} KiB"; [ "$rss" -lt 131072 ]; fi'
finish
