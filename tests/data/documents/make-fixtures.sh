#!/usr/bin/env bash
# Regenerate the document fixtures of tests/test-document-formats.c from the texts written for them
# (lighthouse.{en,ru}.md, tracked.py). Tools: pandoc 2.17 (DOCX, ODT, HTML), Chromium's headless
# print to PDF (Debian 12's chromium; its default header and footer, date, title, file URL and
# "n/N" page numbers, are the running heads and feet the PDF reader must drop), python3 (tracked
# changes, written as raw XML). The outputs are committed; run this only to change them.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d /tmp/lighthouse.XXXXXX)
trap 'rm -rf "$work"' EXIT
for l in en ru; do
  pandoc -o "lighthouse.$l.docx" "lighthouse.$l.md"
  pandoc -o "lighthouse.$l.odt" "lighthouse.$l.md"
  # Soft hyphens where the large type of pdf.css breaks lines inside words; the footnote's
  # back link (a web page's arrow) is not text of the document.
  pandoc -s --metadata pagetitle=Lighthouse -c pdf.css "lighthouse.$l.md" \
    | sed -e 's/lighthouse on/light\&shy;house on/; s/visitors/vis\&shy;i\&shy;tors/' \
          -e 's/automatic/au\&shy;to\&shy;mat\&shy;ic/; s/paraffin/par\&shy;af\&shy;fin/' \
          -e 's/посетители/по\&shy;се\&shy;ти\&shy;те\&shy;ли/; s/смотритель/смот\&shy;ри\&shy;тель/g' \
          -e 's/автоматической/ав\&shy;то\&shy;ма\&shy;ти\&shy;чес\&shy;кой/' \
    | perl -0pe 's|<a href="#fnref1" class="footnote-back"\s+role="doc-backlink">.*?</a>||s' \
    >"$work/lighthouse.$l.html"
  cp pdf.css "$work/"
  chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$PWD/lighthouse.$l.pdf" \
    "file://$work/lighthouse.$l.html" 2>/dev/null
done
# Hyphenation: words broken at line ends with a hyphen, as a typesetter breaks them.
cat >"$work/hyphen.html" <<'HTML'
<html><head><meta charset="utf-8"><title>Hyphens</title></head><body style="font-size: 14pt">
<p>The light-<br>house keeper kept a di-<br>ary and a well-<br>known log.</p>
<p>Смот-<br>ритель маяка вёл днев-<br>ник.</p>
</body></html>
HTML
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$PWD/hyphen.pdf" \
  "file://$work/hyphen.html" 2>/dev/null
python3 tracked.py
