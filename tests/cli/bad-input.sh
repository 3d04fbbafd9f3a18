#!/usr/bin/env bash
# bitext CLI tests — bad input gets one clear line and exit status 2, or correct output;
# never a crash, a hang or a partially written output file.
. "$(dirname "$0")/tap.sh"
plan 13

printf 'Good line.\nBad \xff byte here.\n' >"$TMP/invalid.txt"
ok "invalid UTF-8: file:line:col and byte offset" \
  expect_error 2 "^bitext: .*invalid.txt:2:5: invalid UTF-8 \(byte offset 15\); for a text in another encoding give --encoding" "$BITEXT" segment "$TMP/invalid.txt"

printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00' >"$TMP/image.png"
ok "binary file" expect_error 2 "^bitext: .*image.png:[0-9]+:[0-9]+: " "$BITEXT" segment "$TMP/image.png"

printf 'Text with a\x00NUL byte.\n' >"$TMP/nul.txt"
ok "NUL byte" expect_error 2 "^bitext: .*nul.txt:1:12: NUL byte" "$BITEXT" segment "$TMP/nul.txt"

mkdir "$TMP/dir"
ok "directory" expect_error 2 "^bitext: .*dir: is a directory$" "$BITEXT" segment "$TMP/dir"
ok "missing path" expect_error 2 "^bitext: .*missing.txt: No such file or directory$" "$BITEXT" segment "$TMP/missing.txt"

: >"$TMP/empty.txt"
ok "empty file: no output, success" bash -c '[ -z "$("$BITEXT" segment "$TMP/empty.txt")" ]'

ok "stdin with invalid UTF-8" bash -c 'printf "A\xc3(" | "$BITEXT" segment - 2>"$TMP/e"; s=$?; [ $s -eq 2 ] && grep -q "^bitext: <stdin>:1:2: invalid UTF-8 (byte offset 1); for a text in another encoding give --encoding (e.g. cp1251, KOI8-R or cp1252)$" "$TMP/e"'

echo "old content" >"$TMP/keep.txt"
ok "failed run leaves -o target untouched" bash -c '
  "$BITEXT" segment -o "$TMP/keep.txt" "$ROOT/samples/speech.en.txt" "$TMP/invalid.txt" 2>/dev/null
  [ $? -eq 2 ] && [ "$(cat "$TMP/keep.txt")" = "old content" ] && [ "$(ls "$TMP" | grep -c "keep.txt.")" -eq 0 ]'

ok "bad file after a good one: nothing written to stdout for it" bash -c '
  "$BITEXT" segment "$TMP/invalid.txt" >"$TMP/o" 2>/dev/null; [ $? -eq 2 ] && [ ! -s "$TMP/o" ]'

ok "unknown language code" expect_error 2 "^bitext: 'e!' is not a language code" "$BITEXT" segment --lang 'e!' "$ROOT/samples/speech.en.txt"

printf '\xff\xfeH\x00i\x00.\x00 \x00Y\x00o\x00.\x00' >"$TMP/utf16.txt"
ok "UTF-16 with BOM" bash -c '[ "$("$BITEXT" segment --lang en "$TMP/utf16.txt" | tr "\n" "|")" = "Hi.|Yo.|" ]'

# A DOCX whose second member's local header is damaged: libgsf warns that it cannot open the
# member and prints the header it found (g_printerr); bitext keeps both out and says it in one
# line, exit 2.
python3 - "$ROOT/tests/data/documents/tracked.docx" "$TMP/damaged.docx" <<"PY"
import sys
d = bytearray(open(sys.argv[1], "rb").read())
k = d.find(b"PK\x03\x04", 4)
d[k:k + 2] = b"XX"
open(sys.argv[2], "wb").write(d)
PY
ok "DOCX with a damaged member header" \
  expect_error 2 "^bitext: .*damaged.docx: damaged package: Unable to get child" "$BITEXT" segment "$TMP/damaged.docx"

# One 200 MB line: 20 million short sentences in a single paragraph.
ok "one 200 MB line" bash -c '
  head -c 200000000 < <(yes "It works. " | tr -d "\n") >"$TMP/big.txt"
  "$BITEXT" segment --lang en "$TMP/big.txt" >"$TMP/big.out" || exit 1
  [ "$(wc -l <"$TMP/big.out")" -eq 20000000 ] && [ "$(head -n 1 "$TMP/big.out")" = "It works." ] && [ "$(tail -n 1 "$TMP/big.out")" = "It works." ]'
finish
