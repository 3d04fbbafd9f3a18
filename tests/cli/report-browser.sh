#!/usr/bin/env bash
# bitext CLI tests — the HTML report of `bitext check` opened in Debian's headless chromium,
# driven by playwright-core (tests/browser/report.test.mjs prints the TAP). Skips when chromium,
# node or the npm package are missing; installs the package with `npm ci` on first use.
# The screenshot goes to $BITEXT_SCREENSHOT (the README's is samples/report-screenshot.png),
# else next to the test's build files.
set -uo pipefail
: "${BITEXT:?BITEXT must point at the built bitext binary}"
: "${G_TEST_SRCDIR:?G_TEST_SRCDIR must point at tests/}"
ROOT=$(cd "$G_TEST_SRCDIR/.." && pwd)
B=$ROOT/tests/browser
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
skip() { echo "1..0 # SKIP $*"; exit 0; }

[ -x "$CHROMIUM" ] || skip "no $CHROMIUM (apt-get install chromium)"
command -v node >/dev/null || skip "no node (apt-get install nodejs)"
if [ ! -d "$B/node_modules/playwright-core" ]; then
  command -v npm >/dev/null || skip "no tests/browser/node_modules and no npm to install it"
  npm ci --prefix "$B" --no-audit --no-fund >&2 ||
    skip "npm ci --prefix tests/browser failed (offline?)"
fi

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
