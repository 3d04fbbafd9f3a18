# bitext CLI tests — sourced by the browser tests (report-browser.sh, review-browser.sh): checks
# $BITEXT and $G_TEST_SRCDIR, sets ROOT (the source tree), B (tests/browser) and CHROMIUM, and
# skips the whole test (TAP "1..0 # SKIP") when chromium, node or playwright-core are missing;
# installs playwright-core with `npm ci` in tests/browser on first use.
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
