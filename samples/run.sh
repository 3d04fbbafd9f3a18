#!/usr/bin/env bash
# The main job: build bitext and run it on the sample texts.
# For now: segment both samples and print a short report.
set -euo pipefail
cd "$(dirname "$0")/.."
tests/setup.sh
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
bitext=build/src/cli/bitext
echo "== Segmentation"
"$bitext" segment --stats --lang en samples/speech.en.txt
"$bitext" segment --stats --lang ru samples/speech.ru.txt
echo
echo "== First sentences"
paste -d '\n' <("$bitext" segment --lang en samples/speech.en.txt | head -n 4 | sed 's/^/en: /') \
              <("$bitext" segment --lang ru samples/speech.ru.txt | head -n 4 | sed 's/^/ru: /')
