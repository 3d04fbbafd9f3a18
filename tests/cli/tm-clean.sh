#!/usr/bin/env bash
# bitext CLI tests — the memory filters (align --format tmx, tm import, tm clean) and control
# characters in segments (<ph type="x-ctrl"> codes, one bad pair skipped, never the whole file).
. "$(dirname "$0")/tap.sh"
plan 10

# Six pairs: a translation, a page number, an EN=EN copy, an empty source, a BEL and a form feed.
printf '%s\n' "Hello world.	Привет, мир." "17 / 57	17 / 57" "The end.	The end." "	пусто" \
  "A bell$(printf '\a') rings.	Звенит$(printf '\a') звонок." \
  "Page$(printf '\f')break.	Разрыв$(printf '\f')страницы." >"$TMP/p.tsv"

ok "tm import: filters drop and count by reason; controls become x-ctrl codes" bash -c '
  "$BITEXT" tm import "$TMP/p.tsv" -s en -t ru -o "$TMP/p.tmx" --date 2026-01-01 2>"$TMP/e" &&
  diff -u - "$TMP/e" <<<"bitext: tm import: dropped 3 of 6 units (empty 1, no-letters 1, identical 1); --no-filter keeps them" &&
  sed -n "5,\$p" "$TMP/p.tmx" | diff -u - <(cat <<OUT
    <tu tuid="1" creationdate="20260101T000000Z">
      <tuv xml:lang="en"><seg>Hello world.</seg></tuv>
      <tuv xml:lang="ru"><seg>Привет, мир.</seg></tuv>
    </tu>
    <tu tuid="2" creationdate="20260101T000000Z">
      <tuv xml:lang="en"><seg>A bell<ph type="x-ctrl">␇</ph> rings.</seg></tuv>
      <tuv xml:lang="ru"><seg>Звенит<ph type="x-ctrl">␇</ph> звонок.</seg></tuv>
    </tu>
    <tu tuid="3" creationdate="20260101T000000Z">
      <tuv xml:lang="en"><seg>Page<ph type="x-ctrl">␌</ph>break.</seg></tuv>
      <tuv xml:lang="ru"><seg>Разрыв<ph type="x-ctrl">␌</ph>страницы.</seg></tuv>
    </tu>
  </body>
</tmx>
OUT
)'
ok "the TMX validates against the TMX 1.4 DTD" bash -c '
  dtd=$(ls "$ROOT"/../shared/tmx*/*.dtd 2>/dev/null | head -n 1)
  [ -n "$dtd" ] || { echo "# no DTD in ../shared: checked well-formedness only"; xmllint --noout "$TMP/p.tmx"; exit; }
  xmllint --noout --dtdvalid "$dtd" "$TMP/p.tmx"'
ok "tm export puts the controls back: TSV round trip byte for byte" bash -c '
  "$BITEXT" tm import --no-filter "$TMP/p.tsv" -s en -t ru -o "$TMP/all.tmx" 2>/dev/null &&
  "$BITEXT" tm export "$TMP/all.tmx" | cmp - "$TMP/p.tsv"'
ok "tm clean: the same filters on a memory, a report by reason, --report lists them" bash -c '
  "$BITEXT" tm clean "$TMP/all.tmx" -o "$TMP/clean.tmx" -r "$TMP/r.tsv" 2>"$TMP/e" &&
  diff -u - "$TMP/e" <<<"bitext: tm clean: 6 units read, 3 kept, dropped: empty 1, no-letters 1, identical 1" &&
  printf "%s\n" "line	reason	source	target" "9	no-letters	17 / 57	17 / 57" "13	identical	The end.	The end." \
    "17	empty		пусто" | diff -u - "$TMP/r.tsv" &&
  [ "$(grep -c "<tu " "$TMP/clean.tmx")" -eq 3 ]'
ok "tm clean --mark-filtered --min-score: units kept with x-bitext-filter; scores below dropped" bash -c '
  "$BITEXT" tm clean --mark-filtered "$TMP/all.tmx" -o "$TMP/m.tmx" 2>/dev/null &&
  [ "$(grep -c "<prop type=\"x-bitext-filter\">" "$TMP/m.tmx")" -eq 3 ] &&
  grep -q "<prop type=\"x-bitext-filter\">identical</prop>" "$TMP/m.tmx" &&
  "$BITEXT" align --format tmx -o "$TMP/a.tmx" "$ROOT/samples/speech.en.txt" "$ROOT/samples/speech.ru.txt" 2>/dev/null &&
  all=$(grep -c "<tu " "$TMP/a.tmx") &&
  "$BITEXT" tm clean --min-score 0.99 "$TMP/a.tmx" -o "$TMP/hi.tmx" 2>"$TMP/e" &&
  kept=$(grep -c "<tu " "$TMP/hi.tmx") && echo "# $kept of $all units at confidence 0.99 or more" &&
  [ "$kept" -lt "$all" ] && grep -q "low-score" "$TMP/e" &&
  ! grep -o "x-bitext-score\">[0-9.]*" "$TMP/hi.tmx" | sed "s/.*>//" | awk "\$1 < 0.99 { bad = 1 } END { exit !bad }"'
ok "align --format tmx: a form feed in the text makes a valid memory" bash -c '
  printf "First page ends here.\fThe second page begins.\n" >"$TMP/ff.en" &&
  printf "Первая страница кончается здесь.\fВторая страница начинается.\n" >"$TMP/ff.ru" &&
  "$BITEXT" align --format tmx -o "$TMP/ff.tmx" "$TMP/ff.en" "$TMP/ff.ru" && xmllint --noout "$TMP/ff.tmx"'
ok "tm import: one bad pair is skipped with FILE:LINE, the rest imported" bash -c '
  { for i in $(seq 1 50); do printf "Line %s.\tСтрока %s.\n" $i $i; done
    printf "Bad \xef\xbf\xbf here.\tПлохо.\n"; } >"$TMP/big.tsv" &&
  "$BITEXT" tm import "$TMP/big.tsv" -s en -t ru -o "$TMP/big.tmx" 2>"$TMP/e" &&
  printf "%s\n" "bitext: warning: $TMP/big.tsv:51: character U+FFFF cannot appear in XML (byte offset 4) (pair skipped)" \
    "bitext: tm import: $TMP/big.tsv: 1 pairs skipped (see the warnings above)" | diff -u - "$TMP/e" &&
  [ "$(grep -c "<tu " "$TMP/big.tmx")" -eq 50 ]'
ok "--min-score outside 0..1 is a usage error" expect_error 2 "^bitext: --min-score 2: a confidence from 0 to 1 expected$" \
  "$BITEXT" tm clean --min-score 2 "$TMP/all.tmx" -o "$TMP/x.tmx"
# Progress: one line redrawn on a terminal (script(1) gives a pseudo-terminal), never on a pipe or
# with --quiet. BITEXT_PROGRESS_DELAY_MS=0 stands in for the 2 s a real run must last first.
ok "progress: drawn and cleared on a terminal; the summary line stays" bash -c '
  command -v script >/dev/null || { echo "# no script(1)"; exit 0; }
  BITEXT_PROGRESS_DELAY_MS=0 script -qec "\"$BITEXT\" tm clean \"$TMP/all.tmx\" -o \"$TMP/t.tmx\"" /dev/null >"$TMP/tty" &&
  grep -q "bitext: reading: 1" "$TMP/tty" &&
  tr "\r" "\n" <"$TMP/tty" | grep -q "^.\[Kbitext: tm clean: 6 units read, 3 kept"'
ok "progress: silent with --quiet and when stderr is not a terminal" bash -c '
  BITEXT_PROGRESS_DELAY_MS=0 "$BITEXT" tm clean "$TMP/all.tmx" -o "$TMP/t.tmx" 2>"$TMP/e" && ! grep -q $(printf "\r") "$TMP/e" &&
  { command -v script >/dev/null || exit 0; } &&
  BITEXT_PROGRESS_DELAY_MS=0 script -qec "\"$BITEXT\" tm clean --quiet \"$TMP/all.tmx\" -o \"$TMP/t.tmx\"" /dev/null >"$TMP/tty" &&
  ! grep -q "bitext: reading" "$TMP/tty" && grep -q "bitext: tm clean: 6 units read" "$TMP/tty"'
finish
