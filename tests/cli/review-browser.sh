#!/usr/bin/env bash
# bitext CLI tests — `bitext review` in Debian's headless chromium, driven by playwright-core
# (tests/browser/review.test.mjs prints the TAP): a broken bead of the speech fixed with the keyboard
# only and saved as TMX, the conflict of two tabs, and hostile segment text. Skips when chromium,
# node or the npm package are missing; installs the package with `npm ci` on first use.
# The screenshot goes to $BITEXT_SCREENSHOT (the README's is samples/review-screenshot.png), else
# next to the test's build files.
set -uo pipefail
# shellcheck source=browser-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/browser-lib.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/bitext-review.XXXXXX")
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -INT "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT
SHOT=${BITEXT_SCREENSHOT:-${G_TEST_BUILDDIR:-$TMP}/review-screenshot.png}

# start NAME ARGS…: run `bitext review --no-open ARGS` in $TMP/NAME; its address goes to $URL.
start() {
  local name=$1
  shift
  mkdir -p "$TMP/$name"
  (cd "$TMP/$name" && exec "$BITEXT" review --no-open "$@" >url 2>log) &
  PIDS+=($!)
  for _ in $(seq 100); do
    [ -s "$TMP/$name/url" ] && break
    sleep 0.1
  done
  URL=$(head -n 1 "$TMP/$name/url")
}

# 1. The speech with two beads broken: the gold alignment with beads 10 and 11 merged, and the
#    first target sentence of bead 19 moved into bead 18.
awk '{ if ($0 == "[10]:[10]") next;
       else if ($0 == "[11]:[11]") print "[10,11]:[10,11]";
       else if ($0 == "[18]:[18,19]") print "[18]:[18,19,20]";
       else if ($0 == "[19]:[20,21]") print "[19]:[21]";
       else print }' "$ROOT/tests/data/speech.gold.align" >"$TMP/broken.align"
cp "$ROOT/samples/speech.en.txt" "$ROOT/samples/speech.ru.txt" "$TMP/"
G=$ROOT/samples/glossary.en-ru.tsv
start speech -g "$G" --beads "$TMP/broken.align" "$TMP/speech.en.txt" "$TMP/speech.ru.txt"
URL1=$URL
# The findings `bitext check` gives on the same broken pair: the page must mark the same.
"$BITEXT" check -g "$G" --beads "$TMP/broken.align" "$TMP/speech.en.txt" "$TMP/speech.ru.txt" \
  --format json -o "$TMP/check.json"

# 2. Two tabs on one pair.
start conflict --presegmented --src-lang en --tgt-lang ru --beads "$ROOT/tests/data/speech.gold.align" \
  "$ROOT/tests/data/speech.en.sent" "$ROOT/tests/data/speech.ru.sent"
URL2=$URL

# 3. Hostile segments: markup, an event handler, a right-to-left override.
printf '%s\n' '<script>window.__pwned = 1</script>' \
  '"><img src=x onerror="window.__pwned = 2">' \
  $'Total \u202Eevil.exe\u202C here.' '<b>bold</b> &amp; &lt;tag&gt;' >"$TMP/hostile.en"
printf '%s\n' $'\u202Eкод\u202C и «<i>курсив</i>»' '</div><script>window.__pwned = 3</script>' \
  '<style>body{display:none}</style>' "'; window.__pwned = 4; '" >"$TMP/hostile.ru"
start hostile --presegmented --src-lang en --tgt-lang ru "$TMP/hostile.en" "$TMP/hostile.ru"
URL3=$URL

[ -n "$URL1" ] && [ -n "$URL2" ] && [ -n "$URL3" ] || {
  echo "1..1"; echo "not ok 1 - bitext review prints its address"
  cat "$TMP"/*/log | sed 's/^/# /'; exit 1; }

CHROMIUM=$CHROMIUM node "$B/review.test.mjs" "$URL1" "$TMP/speech" "$TMP/check.json" \
  "$ROOT/tests/data/speech.gold.align" \
  "$ROOT/tests/data/speech.en.sent" "$ROOT/tests/data/speech.ru.sent" "$URL2" "$URL3" \
  "$TMP/hostile.en" "$TMP/hostile.ru" "$SHOT" | tee "$TMP/tap"
status=${PIPESTATUS[0]}
N=$(( $(sed -n '1s/^1\.\.//p' "$TMP/tap") - 1 ))   # the plan counts this script's two tests

# Ctrl-C: the server stops, says that nothing was saved unasked, and keeps the edits in the autosave.
kill -INT "${PIDS[1]}"
wait "${PIDS[1]}"
NAME="Ctrl-C saves nothing unasked, says so, and the autosave keeps the edits"
if grep -q "nothing was saved" "$TMP/conflict/log" && ls "$TMP"/conflict/*autosave* >/dev/null 2>&1 &&
   ! ls "$TMP"/conflict/*.pair.json >/dev/null 2>&1; then
  echo "ok $N - $NAME"
else
  echo "not ok $N - $NAME"
  sed 's/^/# /' "$TMP/conflict/log"; ls "$TMP/conflict" | sed 's/^/# /'
  status=1
fi

# Resuming: the autosave opens with its edits and history, and Save writes the pair file.
start resumed ../conflict/speech.en-ru.pair.json.autosave
NAME="bitext review PAIR.json.autosave resumes the edits, and Save writes PAIR.json"
TOKEN=${URL##*token=}
pair=$(curl -s -H "X-Bitext-Token: $TOKEN" "${URL%%/\?*}/api/pair")
save=$(curl -s -H "X-Bitext-Token: $TOKEN" -d '{}' "${URL%%/\?*}/api/save")
if [[ $pair == *'"can_redo":true'* ]] && grep -q "Save writes ../conflict/speech.en-ru.pair.json" \
     "$TMP/resumed/log" && [[ $save == *'"saved":["speech.en-ru.pair.json"]'* ]] &&
   [ -f "$TMP/conflict/speech.en-ru.pair.json" ] && [ ! -e "$TMP/conflict/speech.en-ru.pair.json.autosave" ]; then
  echo "ok $((N + 1)) - $NAME"
else
  echo "not ok $((N + 1)) - $NAME"
  echo "$pair" | head -c 300 | sed 's/^/# /'; echo "# $save"; sed 's/^/# /' "$TMP/resumed/log"
  status=1
fi
exit $status
