#!/usr/bin/env bash
# bitext CLI tests — PO and XLIFF as inputs (tm import, check, glossary extract) and outputs (tm export),
# checked with gettext (msgfmt -c, msgcat) and translate-toolkit (po2xliff); hostile files: one line, exit 2.
. "$(dirname "$0")/tap.sh"
plan 11
D="$ROOT/tests/data/po-xliff"
export D
export -f expect_error

ok "PO -> TMX -> PO: byte for byte (the translated entries of a msgcat-canonical file)" bash -c '
  "$BITEXT" tm import "$D/sample.ru.po" -o "$TMP/s.tmx" 2>"$TMP/e" &&
  diff -u - "$TMP/e" <<<"bitext: tm import: $D/sample.ru.po: 7 units read; not imported: 1 fuzzy, 1 untranslated, 1 obsolete (see --include-fuzzy, --include-untranslated)" &&
  "$BITEXT" tm export -f po "$TMP/s.tmx" >"$TMP/s.po" &&
  sed -n "1,/^#: src\/main.c:30/p" "$D/sample.ru.po" | head -n -2 | diff -u - "$TMP/s.po"'
ok "tm import from stdin or a pipe, without --format: a PO or XLIFF told by its bytes, as from the file" bash -c '
  SOURCE_DATE_EPOCH=0 "$BITEXT" tm import "$D/sample.ru.po" -o "$TMP/f.tmx" 2>/dev/null &&
  SOURCE_DATE_EPOCH=0 "$BITEXT" tm import - -o "$TMP/i.tmx" <"$D/sample.ru.po" 2>"$TMP/e" && cmp "$TMP/f.tmx" "$TMP/i.tmx" &&
  grep -q "^bitext: tm import: <stdin>: 7 units read" "$TMP/e" &&
  SOURCE_DATE_EPOCH=0 "$BITEXT" tm import <(cat "$D/sample.ru.po") -o "$TMP/p.tmx" 2>/dev/null && cmp "$TMP/f.tmx" "$TMP/p.tmx" &&
  SOURCE_DATE_EPOCH=0 "$BITEXT" tm import "$D/codes-2.0.xlf" -o "$TMP/fx.tmx" 2>/dev/null &&
  SOURCE_DATE_EPOCH=0 "$BITEXT" tm import <(cat "$D/codes-2.0.xlf") -o "$TMP/px.tmx" 2>/dev/null && cmp "$TMP/fx.tmx" "$TMP/px.tmx" &&
  printf "Hello\tПривет\n" | "$BITEXT" tm import - -s en -t ru -o "$TMP/t.tmx" && grep -q "<seg>Привет</seg>" "$TMP/t.tmx"'
ok "with --include-fuzzy --include-untranslated --no-filter: all but the obsolete entry, flags kept" bash -c '
  "$BITEXT" tm import --include-fuzzy --include-untranslated --no-filter "$D/sample.ru.po" -o "$TMP/a.tmx" 2>/dev/null &&
  "$BITEXT" tm export -f po "$TMP/a.tmx" >"$TMP/a.po" &&
  grep -v "^#~" "$D/sample.ru.po" | head -n -1 | diff -u - "$TMP/a.po"'
ok "the PO output passes msgfmt -c and is a msgcat fixed point" bash -c '
  command -v msgfmt >/dev/null || { echo "# gettext not installed"; exit 0; }
  msgfmt -c -o /dev/null "$TMP/a.po" && msgcat "$TMP/a.po" | diff -u "$TMP/a.po" - &&
  printf "%s\n" "Long lines wrap after spaces at seventy-nine columns, as msgcat lays them out for us.	Длинные строки переносятся после пробелов на семьдесят девятой колонке, как это делает msgcat." \
    "Two\\nlines	Две\\nстроки" >"$TMP/w.tsv" &&
  "$BITEXT" tm import "$TMP/w.tsv" -s en -t ru -o "$TMP/w.tmx" && "$BITEXT" tm export -f po "$TMP/w.tmx" >"$TMP/w.po" &&
  msgfmt -c -o /dev/null "$TMP/w.po" && msgcat "$TMP/w.po" | diff -u "$TMP/w.po" -'
# po2xliff keeps the obsolete (#~) entry as an ordinary unit: left out of the comparison.
ok "translate-toolkit po2xliff output (XLIFF 1.1) reads as the same pairs as the PO" bash -c '
  [ -x /usr/bin/po2xliff ] || { echo "# translate-toolkit not installed"; exit 0; }
  /usr/bin/po2xliff "$D/sample.ru.po" "$TMP/tt.xlf" >/dev/null 2>&1 &&
  "$BITEXT" tm import -t ru "$TMP/tt.xlf" -o "$TMP/tt.tmx" 2>/dev/null &&
  "$BITEXT" tm export "$TMP/tt.tmx" >"$TMP/tt.tsv" && "$BITEXT" tm export "$TMP/s.tmx" >"$TMP/po.tsv" &&
  grep -v "^Old string" "$TMP/tt.tsv" | diff -u "$TMP/po.tsv" -'
ok "XLIFF 1.2 and 2.0 -> TMX -> XLIFF 2.0 -> TMX: the same memory" bash -c '
  for f in codes-1.2 codes-2.0; do
    "$BITEXT" tm import "$D/$f.xlf" -o "$TMP/$f.tmx" --date 2026-01-01 2>/dev/null &&
    "$BITEXT" tm export -f xliff "$TMP/$f.tmx" >"$TMP/$f.xlf" && xmllint --noout "$TMP/$f.xlf" &&
    "$BITEXT" tm import "$TMP/$f.xlf" -o "$TMP/$f.back.tmx" --date 2026-01-01 2>/dev/null &&
    cmp "$TMP/$f.tmx" "$TMP/$f.back.tmx" || exit 1
  done'
ok "check and glossary extract read a PO file; fuzzy and untranslated entries said, not checked" bash -c '
  "$BITEXT" check "$D/sample.ru.po" >"$TMP/c" 2>"$TMP/e"; [ $? -le 1 ] &&
  diff -u - "$TMP/e" <<<"bitext: check: $D/sample.ru.po: 2 fuzzy or untranslated entries not checked" &&
  grep -q "in 7 units" "$TMP/c" &&
  "$BITEXT" glossary extract "$D/sample.ru.po" | grep -q "^file	файл	"'
ok "PO with a broken escape: FILE:LINE:COLUMN, exit 2, no output" bash -c '
  printf "msgid \"\"\nmsgstr \"Language: ru\\\\n\"\n\nmsgid \"Bad \\\\q escape\"\nmsgstr \"x\"\n" >"$TMP/bad.po" &&
  expect_error 2 "^bitext: $TMP/bad.po:4:12: unknown escape sequence .\\\\q.$" "$BITEXT" tm import "$TMP/bad.po" -o "$TMP/o.tmx" &&
  [ ! -e "$TMP/o.tmx" ] &&
  expect_error 2 "^bitext: $TMP/bad.po:4:12: unknown escape sequence" "$BITEXT" check "$TMP/bad.po"'
ok "XLIFF billion laughs: refused before any expansion, one line, exit 2" bash -c '
  { echo "<?xml version=\"1.0\"?>"; echo "<!DOCTYPE lolz ["; echo "<!ENTITY lol \"lol\">"
    prev=lol; for i in 1 2 3 4 5 6 7 8 9; do
      printf "<!ENTITY lol$i \""; for k in 1 2 3 4 5 6 7 8 9 10; do printf "&$prev;"; done; echo "\">"; prev=lol$i; done
    echo "]>"; echo "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"ru\"><body>"
    echo "<trans-unit id=\"1\"><source>&lol9;</source><target>x</target></trans-unit></body></file></xliff>"; } >"$TMP/bl.xlf" &&
  expect_error 2 "^bitext: $TMP/bl.xlf:3: the DOCTYPE declares an entity: refused" "$BITEXT" tm import "$TMP/bl.xlf" -o "$TMP/o.tmx" &&
  expect_error 2 "^bitext: $TMP/bl.xlf:3: the DOCTYPE declares an entity: refused" "$BITEXT" check "$TMP/bl.xlf"'
ok "XLIFF XXE: refused, nothing read from outside the file" bash -c '
  printf "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>&xxe;</source><target>x</target></trans-unit></body></file></xliff>\n" >"$TMP/xxe.xlf" &&
  expect_error 2 "^bitext: $TMP/xxe.xlf:2: the DOCTYPE declares an entity: refused" "$BITEXT" tm import "$TMP/xxe.xlf" -o "$TMP/o.tmx" &&
  ! grep -q root: "$TMP/stderr"'
ok "tm export: --format po and xliff are listed; a bad one names them" \
  expect_error 2 "^bitext: tm export: unknown --format .doc. \(tsv, csv, jsonl, po or xliff\)$" "$BITEXT" tm export -f doc "$D/sample.ru.po"
finish
