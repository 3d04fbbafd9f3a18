#!/usr/bin/env bash
# bitext CLI tests — the HTML report of `bitext check` opened in Debian's headless chromium,
# driven by playwright-core (tests/browser/report.test.mjs prints the TAP). Skips when chromium,
# node or the npm package are missing; installs the package with `npm ci` on first use.
# The screenshot goes to $BITEXT_SCREENSHOT (the README's is samples/report-screenshot.png),
# else next to the test's build files.
set -uo pipefail
# shellcheck source=browser-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/browser-lib.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/bitext-browser.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
SHOT=${BITEXT_SCREENSHOT:-${G_TEST_BUILDDIR:-$TMP}/report-screenshot.png}

# The draft of the speech on its gold alignment, with relative names as a user would type them.
cd "$ROOT" || exit 1
run() {
  "$BITEXT" check --presegmented --src-lang en --tgt-lang ru -g samples/glossary.en-ru.tsv \
    --beads tests/data/speech.ru-draft.gold.align tests/data/speech.en.sent \
    tests/data/speech.ru-draft.sent "$@"
}
run --format html -o "$TMP/report.html"
[ $? -eq 1 ] || { echo "1..1"; echo "not ok 1 - bitext check --format html exits 1 on the draft"; exit 1; }
run --format json -o "$TMP/report.json"
CHROMIUM=$CHROMIUM node "$B/report.test.mjs" "$TMP/report.html" "$TMP/report.json" "$SHOT"
