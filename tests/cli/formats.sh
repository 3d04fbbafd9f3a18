#!/usr/bin/env bash
# bitext CLI tests — the same short English/Russian text (tests/data/formats, written for these
# tests) as plain UTF-8 text, HTML, a man page, a cp1251 and a UTF-16LE (no BOM) text and gzip'd
# copies: every form aligns to the plain text's alignment; the TMX of the HTML and man inputs
# differs from the plain one only by the bpt/ept pair around the bold word; bad inputs get one
# line and exit status 2.
. "$(dirname "$0")/tap.sh"
plan 18
D="$ROOT/tests/data/formats"
for f in en.html ru.html en.1 ru.1 ru.cp1251.txt; do gzip -n -c "$D/$f" >"$TMP/$f.gz"; done

"$BITEXT" align "$D/en.txt" "$D/ru.txt" >"$TMP/plain.tsv" 2>"$TMP/plain.err"
"$BITEXT" align --format tmx --date 2026-01-01 "$D/en.txt" "$D/ru.txt" >"$TMP/plain.tmx"

# same_alignment NAME SRC TGT [OPTION...]: the TSV alignment equals the plain text's.
same_alignment() {
  local src=$1 tgt=$2; shift 2
  "$BITEXT" align "$@" "$src" "$tgt" >"$TMP/got.tsv" && diff -u "$TMP/plain.tsv" "$TMP/got.tsv"
}
ok "plain text aligns in four 1-1 beads" bash -c '[ "$(cut -f2 "$TMP/plain.tsv" | sort | uniq -c | tr -s " ")" = " 4 1-1" ]'
ok "HTML: same alignment" same_alignment "$D/en.html" "$D/ru.html"
ok "man page: same alignment" same_alignment "$D/en.1" "$D/ru.1"
ok "cp1251 target, detected: same alignment" same_alignment "$D/en.txt" "$D/ru.cp1251.txt"
ok "cp1251 target, --encoding UTF-8,cp1251: same alignment" same_alignment "$D/en.txt" "$D/ru.cp1251.txt" --encoding UTF-8,cp1251
ok "UTF-16LE target without BOM: same alignment" same_alignment "$D/en.txt" "$D/ru.utf16le.txt"
ok "gzip'd HTML, man page and cp1251: same alignment" bash -c '
  for p in "en.html.gz ru.html.gz" "en.1.gz ru.1.gz"; do
    set -- $p; "$BITEXT" align "$TMP/$1" "$TMP/$2" | diff -u "$TMP/plain.tsv" - || exit 1
  done
  "$BITEXT" align "'"$D"'/en.txt" "$TMP/ru.cp1251.txt.gz" | diff -u "$TMP/plain.tsv" -'

# The TMX: with the bpt/ept codes (and the file names in x-bitext-source) taken out, it is the
# plain text's, byte for byte.
strip_codes() { sed -e 's|<bpt [^>]*>[^<]*</bpt>||g; s|<ept [^>]*>[^<]*</ept>||g' \
                    -e 's|<prop type="x-bitext-source">[^<]*</prop>||' "$1"; }
check_tmx() {
  "$BITEXT" align --format tmx --date 2026-01-01 "$@" >"$TMP/got.tmx" || return 1
  grep -q '<bpt i="[0-9]*" x="[0-9]*" type="bold">' "$TMP/got.tmx" &&
    [ "$(grep -o '<bpt ' "$TMP/got.tmx" | wc -l)" -eq 2 ] &&
    diff -u <(strip_codes "$TMP/plain.tmx") <(strip_codes "$TMP/got.tmx")
}
ok "HTML TMX: <b>…</b> as bpt/ept, otherwise the plain TMX" check_tmx "$D/en.html" "$D/ru.html"
ok "man TMX: \\fB…\\fR and .B as bpt/ept, otherwise the plain TMX" check_tmx "$D/en.1" "$D/ru.1"

printf '%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n1 0 obj\n' >"$TMP/doc.pdf"
ok "a damaged PDF: one line saying so" \
  expect_error 2 "^bitext: .*doc.pdf: not a readable PDF " "$BITEXT" segment "$TMP/doc.pdf"
head -c 40 "$TMP/en.html.gz" >"$TMP/cut.html.gz"
ok "truncated gzip: one line" \
  expect_error 2 "^bitext: .*cut.html.gz: (corrupt or )?truncated gzip data" "$BITEXT" segment "$TMP/cut.html.gz"
cat >"$TMP/laughs.xhtml" <<'X'
<?xml version="1.0"?>
<!DOCTYPE html [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&lol2; &xxe;</p></body></html>
X
ok "XHTML with entity declarations (billion laughs, XXE): refused in one line" \
  expect_error 2 "^bitext: .*laughs.xhtml:3: the DOCTYPE declares entities" "$BITEXT" segment "$TMP/laughs.xhtml"
ok "--input-format text reads the HTML as text" bash -c '
  "$BITEXT" segment --input-format text "'"$D"'/en.html" | grep -q "DOCTYPE html> <html lang=\"en\">"'
# Progress lines (align, segment, glossary extract): on stderr only, on a terminal or with
# --progress; the output is byte-identical with and without them. BITEXT_PROGRESS_DELAY_MS=0 draws
# from the first call (the 2 s delay is a test hook; the texts here take less), and a new stage is
# drawn at once.
export S="$ROOT/samples"
export BITEXT_PROGRESS_DELAY_MS=0
"$BITEXT" align --format tmx --date 2026-01-01 "$S/speech.en.txt" "$S/speech.ru.txt" -o "$TMP/quiet.tmx" 2>"$TMP/quiet.err"
"$BITEXT" align --progress --format tmx --date 2026-01-01 "$S/speech.en.txt" "$S/speech.ru.txt" \
  -o "$TMP/progress.tmx" 2>"$TMP/progress.err"
ok "align --progress: the same TMX, and the passes drawn on stderr" bash -c '
  cmp "$TMP/quiet.tmx" "$TMP/progress.tmx" && grep -q "bitext: aligning: 0 of 3" "$TMP/progress.err" \
  && ! grep -q "aligning" "$TMP/quiet.err"'
ok "align on a terminal: progress drawn on it, the TMX the same; --quiet silences it" bash -c '
  script -qec "\"$BITEXT\" align --format tmx --date 2026-01-01 \"$S/speech.en.txt\" \"$S/speech.ru.txt\" -o \"$TMP/tty.tmx\"" /dev/null >"$TMP/tty.out"
  script -qec "\"$BITEXT\" align -q --format tmx --date 2026-01-01 \"$S/speech.en.txt\" \"$S/speech.ru.txt\" -o \"$TMP/ttyq.tmx\"" /dev/null >"$TMP/ttyq.out"
  cmp "$TMP/quiet.tmx" "$TMP/tty.tmx" && cmp "$TMP/quiet.tmx" "$TMP/ttyq.tmx" \
  && grep -q "bitext: aligning" "$TMP/tty.out" && ! grep -q "aligning" "$TMP/ttyq.out"'
ok "align tsv to stdout: the same bytes with --progress" bash -c '
  cmp <("$BITEXT" align "$S/speech.en.txt" "$S/speech.ru.txt" 2>/dev/null) \
      <("$BITEXT" align --progress "$S/speech.en.txt" "$S/speech.ru.txt" 2>"$TMP/tsv.err") \
  && grep -q "bitext: writing: 1 of [0-9]" "$TMP/tsv.err"'
ok "segment --progress: the same segments, the count drawn on stderr" bash -c '
  cmp <("$BITEXT" segment "$S/speech.en.txt" 2>/dev/null) \
      <("$BITEXT" segment --progress "$S/speech.en.txt" 2>"$TMP/seg.err") \
  && grep -q "bitext: segmenting .*speech.en.txt: [0-9]" "$TMP/seg.err"'
ok "glossary extract --progress: the same glossary, the units read drawn on stderr" bash -c '
  cmp <("$BITEXT" glossary extract "$TMP/quiet.tmx" 2>/dev/null) \
      <("$BITEXT" glossary extract --progress "$TMP/quiet.tmx" 2>"$TMP/gl.err") \
  && grep -q "bitext: extracting terms from units: [0-9]" "$TMP/gl.err"'
unset BITEXT_PROGRESS_DELAY_MS
finish
