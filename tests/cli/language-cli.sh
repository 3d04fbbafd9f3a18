#!/usr/bin/env bash
# bitext CLI tests — `check` and `align` stop with one line when the texts are not in their languages.
. "$(dirname "$0")/tap.sh"
plan 7

S=$ROOT/samples
D=$ROOT/tests/data
export S D

ok "check: swapped texts stop with one line that says so and how to go on" \
  expect_error 2 "^bitext: the texts look swapped: the source is mostly Cyrillic, as ru is written, and the target mostly Latin, as en is written \(give the right --src-lang/--tgt-lang, or --no-language-check to go on anyway\)$" \
  "$BITEXT" check --src-lang en --tgt-lang ru "$S/speech.ru-draft.txt" "$S/speech.en.txt"
ok "align: swapped texts stop too" \
  expect_error 2 "^bitext: the texts look swapped: .*--no-language-check" \
  "$BITEXT" align --src-lang en --tgt-lang ru "$S/speech.ru-draft.txt" "$S/speech.en.txt"
ok "check: a Russian source with --src-lang en and a Russian target" \
  expect_error 2 "^bitext: the source is mostly Cyrillic, as the target language ru is written, not en " \
  "$BITEXT" check --src-lang en --tgt-lang ru "$S/speech.ru-draft.txt" "$S/speech.ru-draft.txt"
ok "check: a TMX whose source is the Russian side" \
  expect_error 2 "^bitext: the texts look swapped" \
  bash -c 'sed -e "s/xml:lang=\"en\"/xml:lang=\"xx\"/; s/xml:lang=\"ru\"/xml:lang=\"en\"/; s/xml:lang=\"xx\"/xml:lang=\"ru\"/" \
    "$ROOT/tm/speech.en-ru.tmx" >"$TMP/swapped.tmx"; grep -q "xml:lang=\"en\"" "$TMP/swapped.tmx" || exit 9
    "$BITEXT" check --src-lang en --tgt-lang ru "$TMP/swapped.tmx"'
ok "--no-language-check goes on: check reports untranslated segments" bash -c '
  "$BITEXT" check --no-language-check --src-lang en --tgt-lang ru "$S/speech.ru-draft.txt" "$S/speech.en.txt" >"$TMP/forced.txt"
  [ $? -eq 1 ] && grep -Eq "^  untranslated-segment +[1-9]" "$TMP/forced.txt"'
ok "the right order passes" bash -c '
  "$BITEXT" align --src-lang en --tgt-lang ru "$S/speech.en.txt" "$S/speech.ru-draft.txt" | grep -q "Дамы и господа"'
ok "an untranslated target is a finding of check, not a language error" bash -c '
  "$BITEXT" check --src-lang en --tgt-lang ru "$S/speech.en.txt" "$S/speech.en.txt" >"$TMP/copy.txt"
  [ $? -eq 1 ] && grep -Eq "^  untranslated-segment +[1-9]" "$TMP/copy.txt"'
