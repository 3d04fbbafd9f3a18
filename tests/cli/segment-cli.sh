#!/usr/bin/env bash
# bitext CLI tests — `bitext segment` and the command table.
. "$(dirname "$0")/tap.sh"
plan 13

ok "--version" bash -c '[ "$("$BITEXT" --version)" = "bitext 0.1.0" ]'
ok "--help lists segment" bash -c '"$BITEXT" --help | grep -q "^  segment "'
ok "help segment shows options" bash -c '"$BITEXT" help segment | grep -q -- "--srx"'
ok "unknown command" expect_error 2 "^bitext: 'frobnicate' is not a bitext command" "$BITEXT" frobnicate
ok "no arguments is a usage error" bash -c '"$BITEXT" >/dev/null 2>&1; [ $? -eq 2 ]'
ok "segment without FILE" expect_error 2 "^bitext: segment: no FILE given" "$BITEXT" segment
ok "bad --format" expect_error 2 "^bitext: segment: unknown --format 'xml'" "$BITEXT" segment --format xml "$ROOT/samples/speech.en.txt"
ok "English sample" bash -c '"$BITEXT" segment --lang en "$ROOT/samples/speech.en.txt" | diff -u "$ROOT/tests/data/speech.en.sent" -'
ok "Russian sample from stdin, language guessed" bash -c '"$BITEXT" segment - <"$ROOT/samples/speech.ru.txt" | diff -u "$ROOT/tests/data/speech.ru.sent" -'
ok "jsonl carries spans" bash -c '
  first=$(printf "Hello there.\r\nGeneral Kenobi!\n" | "$BITEXT" segment --lang en --format jsonl - | head -n 1)
  [ "$first" = "{\"file\":\"<stdin>\",\"index\":0,\"paragraph\":0,\"text\":\"Hello there.\",\"offset\":0,\"length\":12,\"source\":{\"start\":0,\"end\":12,\"line\":1,\"column\":1,\"end_line\":1,\"end_column\":12}}" ] || { echo "$first"; exit 1; }'
ok "-o writes the file" bash -c '"$BITEXT" segment --lang en -o "$TMP/en.txt" "$ROOT/samples/speech.en.txt" && diff -q "$ROOT/tests/data/speech.en.sent" "$TMP/en.txt" && [ -z "$(ls "$TMP" | grep "en.txt.")" ]'
ok "--stats" bash -c '"$BITEXT" segment --stats --lang en "$ROOT/samples/speech.en.txt" | grep -Eq "speech.en.txt: [0-9]+ segments in 3 paragraphs, [0-9]+ characters, language en"'
ok "custom --srx" bash -c '
  cat >"$TMP/r.srx" <<XML
<?xml version="1.0"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="yes"/><body>
<languagerules><languagerule languagerulename="X">
<rule break="yes"><beforebreak>,</beforebreak><afterbreak>\s</afterbreak></rule>
</languagerule></languagerules>
<maprules><languagemap languagepattern=".*" languagerulename="X"/></maprules></body></srx>
XML
  [ "$(echo "One, two, three." | "$BITEXT" segment --srx "$TMP/r.srx" --lang en - | wc -l)" -eq 3 ]'
finish
