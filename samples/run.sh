#!/usr/bin/env bash
# The main job: build bitext and run the whole chain on the sample texts:
# segment → align → tm/speech.en-ru.tmx → QA check of the clean and the draft
# translation (terminal summary and an HTML report) → a proposed glossary.
# Outputs other than tm/ go to build/samples/.
set -euo pipefail
cd "$(dirname "$0")/.."
tests/setup.sh --main         # the build's packages only; tests/run.sh installs the test tools
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
bitext=build/src/cli/bitext
out=build/samples
mkdir -p "$out"

echo "== Segmentation"
"$bitext" segment --stats --lang en samples/speech.en.txt
"$bitext" segment --stats --lang ru samples/speech.ru.txt
"$bitext" segment --lang en samples/speech.en.txt -o "$out/speech.en.sent"
"$bitext" segment --lang ru samples/speech.ru.txt -o "$out/speech.ru.sent"
head -n 3 "$out/speech.en.sent" | sed 's/^/  en: /'
head -n 3 "$out/speech.ru.sent" | sed 's/^/  ru: /'

echo
echo "== Alignment"
"$bitext" align --src-lang en --tgt-lang ru --format beads \
  samples/speech.en.txt samples/speech.ru.txt -o "$out/speech.beads"
"$bitext" eval-align tests/data/speech.gold.align "$out/speech.beads" | tail -n 1
# The project's memory: fixed dates, so the file changes only when the alignment does.
SOURCE_DATE_EPOCH=1764115200 "$bitext" align --src-lang en --tgt-lang ru --format tmx \
  samples/speech.en.txt samples/speech.ru.txt -o tm/speech.en-ru.tmx
"$bitext" tm stats tm/speech.en-ru.tmx | sed -n '2p;5p'

echo
echo "== QA: the clean translation"
"$bitext" check tm/speech.en-ru.tmx -g samples/glossary.en-ru.tsv | tail -n 4

echo
echo "== QA: the draft translation (planted defects)"
status=0
"$bitext" check --src-lang en --tgt-lang ru -g samples/glossary.en-ru.tsv \
  samples/speech.en.txt samples/speech.ru-draft.txt > "$out/draft.check.txt" || status=$?
[ "$status" -le 1 ] || exit "$status"   # 1 = findings, expected here
tail -n 13 "$out/draft.check.txt"
"$bitext" check --src-lang en --tgt-lang ru -g samples/glossary.en-ru.tsv --format html \
  -o "$out/draft.report.html" samples/speech.en.txt samples/speech.ru-draft.txt || [ $? -eq 1 ]
echo "HTML report: $out/draft.report.html"

echo
echo "== Glossary proposed from tm/speech.en-ru.tmx (top 10)"
"$bitext" glossary extract tm/speech.en-ru.tmx --top 10 | cut -f1-4
