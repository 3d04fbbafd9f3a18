#!/usr/bin/env bash
# bitext CLI tests — `bitext align`: formats, the sample pair, bad input.
. "$(dirname "$0")/tap.sh"
plan 11

EN="$ROOT/samples/speech.en.txt"
RU="$ROOT/samples/speech.ru.txt"

ok "--help lists align" bash -c '"$BITEXT" --help | grep -q "^  align "'
ok "sample pair, segmented, matches the gold beads" bash -c '"$BITEXT" align --src-lang en --tgt-lang ru --format beads "$0" "$1" | diff -u "$ROOT/tests/data/speech.gold.align" -' "$EN" "$RU"
ok "presegmented sample pair matches the gold beads" bash -c '"$BITEXT" align --presegmented --format beads "$ROOT/tests/data/speech.en.sent" "$ROOT/tests/data/speech.ru.sent" | diff -u "$ROOT/tests/data/speech.gold.align" -'
ok "jsonl carries indices, type, score, evidence and texts" bash -c '
  line=$("$BITEXT" align --format jsonl "$0" "$1" | sed -n 19p)
  case "$line" in "{\"src\":[18],\"tgt\":[18,19],\"type\":\"1-2\",\"score\":"*"\"evidence\":{\"length_z\":"*"\"src_text\":[\""*"\"tgt_text\":[\""*) ;; *) echo "$line"; exit 1;; esac' "$EN" "$RU"
ok "tsv: one bead a line, six columns" bash -c '"$BITEXT" align "$0" "$1" | awk -F"\t" "NF != 6 { exit 1 }"' "$EN" "$RU"
ok "-o writes the file, nothing on stdout" bash -c '[ -z "$("$BITEXT" align --format beads -o "$TMP/o.align" "$0" "$1")" ] && diff -q "$ROOT/tests/data/speech.gold.align" "$TMP/o.align"' "$EN" "$RU"
ok "bad --format" expect_error 2 "^bitext: align: unknown --format 'xml'" "$BITEXT" align --format xml "$EN" "$RU"

: >"$TMP/empty.txt"
ok "one side empty" expect_error 2 "^bitext: .*empty.txt: no sentences to align$" "$BITEXT" align "$EN" "$TMP/empty.txt"

# The Russian sample as UTF-16LE with a BOM aligns like the UTF-8 one.
{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$RU"; } >"$TMP/ru16.txt"
ok "UTF-16 target against UTF-8 source" bash -c '"$BITEXT" align --format beads "$0" "$TMP/ru16.txt" | diff -u "$ROOT/tests/data/speech.gold.align" -' "$EN"

printf 'NATO\tНАТО\nmissile defence\n' >"$TMP/bad.tsv"
ok "malformed dictionary line" expect_error 2 "^bitext: .*bad.tsv:2: expected source<TAB>target$" "$BITEXT" align --dict "$TMP/bad.tsv" "$EN" "$RU"

# One 100 MB "sentence" against a short one: aligned, no crash.
ok "one 100 MB sentence" bash -c '
  head -c 100000000 < <(yes "word " | tr -d "\n") >"$TMP/big.txt"; echo "Short." >"$TMP/short.txt"
  [ "$("$BITEXT" align --presegmented --format beads "$TMP/big.txt" "$TMP/short.txt")" = "[0]:[0]" ]'
finish
