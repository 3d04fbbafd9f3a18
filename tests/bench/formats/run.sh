#!/usr/bin/env bash
# tests/bench/formats/run.sh [BUILD_DIR] — the real check of issue 14: a memory aligned from HTML
# directly, measured by what OmegaT 3.6 does with it.
#
# Material: the Debian installation guide for amd64 (Debian package installation-guide-amd64,
# /usr/share/doc/installation-guide-amd64/, GPL-2+, © the Debian Installer team), its English
# pages and their Russian translations (the same file names). Nothing of it is committed.
#
# Two memories, each from the pages that exist in both languages (PAGES="a.html b.html" for a
# subset), one TMX per page:
#   html   `bitext align --format tmx en/PAGE ru/PAGE`                     (the HTML as it is)
#   plain  `pandoc -f html -t plain --wrap=none` on both pages, then the same on the texts
# Then OmegaT 3.6 (Debian package omegat) translates the English HTML pages in console mode
# (--mode=console-translate) from a project whose tm/auto/ holds one memory; it inserts exact
# matches only, so its project_stats.txt (Total, Remaining) tells how many of ITS segments the
# memory matched. Target: >= 85% for the html memory.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
BUILD=${1:-$ROOT/build}
BITEXT="$BUILD/src/cli/bitext"
GUIDE=/usr/share/doc/installation-guide-amd64
JAR=/usr/share/omegat/OmegaT.jar
for need in "$GUIDE/en/index.html" "$GUIDE/ru/index.html" "$JAR" "$BITEXT"; do
  [ -e "$need" ] || { echo "tests/bench/formats: $need missing (packages installation-guide-amd64, omegat)"; exit 77; }
done
command -v java >/dev/null || { echo "tests/bench/formats: java missing"; exit 77; }
HAVE_PANDOC=1; command -v pandoc >/dev/null || HAVE_PANDOC=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-bench-formats.XXXXXX")
[ -n "${KEEP:-}" ] && echo "keeping $TMPD" || trap 'rm -rf "$TMPD"' EXIT

if [ -z "${PAGES:-}" ]; then
  PAGES=$(cd "$GUIDE/en" && for f in *.html; do [ -f "$GUIDE/ru/$f" ] && echo "$f"; done)
fi
n_pages=$(echo "$PAGES" | wc -w)

# project NAME: an en -> ru OmegaT project translating the English pages, tm/auto/ empty.
project() {
  local p="$TMPD/$1"
  mkdir -p "$p/source" "$p/target" "$p/tm/auto" "$p/omegat" "$p/glossary" "$p/dictionary"
  cp "$ROOT/tests/data/omegat/omegat.project" "$p/"
  for f in $PAGES; do cp "$GUIDE/en/$f" "$p/source/"; done
  echo "$p"
}

# omegat NAME: runs OmegaT on the project; prints "TRANSLATED TOTAL".
omegat() {
  local p="$TMPD/$1"
  HOME="$TMPD/home" java -Djava.awt.headless=true -jar "$JAR" "$p" --mode=console-translate \
    >"$p.log" 2>&1 || { tail -n 20 "$p.log" >&2; return 1; }
  awk -F'\t' '/^Total:/ { t = $2 + 0 } /^Remaining:/ { r = $2 + 0 } END { print t - r, t }' \
    "$p/omegat/project_stats.txt"
}

# The html route.
p=$(project html)
t0=$(date +%s.%N)
for f in $PAGES; do
  "$BITEXT" align --format tmx --date 2026-01-01 "$GUIDE/en/$f" "$GUIDE/ru/$f" -o "$p/tm/auto/${f%.html}.tmx"
done
t1=$(date +%s.%N)
units_html=$(cat "$p"/tm/auto/*.tmx | grep -c '<tu ' || true)
read -r html_ok total < <(omegat html)

# The plain-text route.
if [ "$HAVE_PANDOC" -eq 1 ]; then
  p=$(project plain)
  mkdir -p "$TMPD/txt"
  for f in $PAGES; do
    for l in en ru; do
      pandoc -f html -t plain --wrap=none "$GUIDE/$l/$f" -o "$TMPD/txt/${f%.html}.$l.txt"
    done
    "$BITEXT" align --format tmx --date 2026-01-01 "$TMPD/txt/${f%.html}.en.txt" \
      "$TMPD/txt/${f%.html}.ru.txt" -o "$p/tm/auto/${f%.html}.tmx"
  done
  units_plain=$(cat "$p"/tm/auto/*.tmx | grep -c '<tu ' || true)
  read -r plain_ok plain_total < <(omegat plain)
fi

echo "Debian installation guide (amd64), $n_pages pages in English and Russian; OmegaT 3.6 console-translate"
echo "of the English HTML pages ($total segments by OmegaT's HTML filter and rules), exact matches only:"
echo
printf '| %-58s | %9s | %13s |\n' "memory" "units" "OmegaT matched"
printf '| %-58s | %9s | %13s |\n' "---" "---:" "---:"
printf '| %-58s | %9s | %5d (%4.1f%%) |\n' "bitext align --format tmx EN.html RU.html" "$units_html" \
  "$html_ok" "$(echo "100 * $html_ok / $total" | bc -l)"
if [ "$HAVE_PANDOC" -eq 1 ]; then
  printf '| %-58s | %9s | %5d (%4.1f%%) |\n' "pandoc -t plain, then bitext align --format tmx" \
    "$units_plain" "$plain_ok" "$(echo "100 * $plain_ok / $plain_total" | bc -l)"
else
  echo "(plain-text route skipped: pandoc missing)"
fi
printf '\naligning the HTML pages took %.1f s\n' "$(echo "$t1 - $t0" | bc -l)"
ok=$(echo "100 * $html_ok >= 85 * $total" | bc -l)
echo "target: >= 85% of OmegaT's segments matched from the HTML memory: $( [ "$ok" -eq 1 ] && echo met || echo NOT met)"
