#!/usr/bin/env bash
# bitext CLI tests — DOCX, ODT and PDF inputs: aligned end to end to the TMX of the plain-text
# version of the same text; hostile or broken packages and PDFs get one line and exit status 2.
. "$(dirname "$0")/tap.sh"
plan 13

D="$ROOT/tests/data/documents"
PY=/usr/bin/python3

# The TMX of an alignment without what names the inputs or the time (x-bitext-source, dates) and
# without inline codes: what differs between a DOCX/ODT and its plain text is exactly the codes
# (bold "ninety years", italic "slow", the link "town museum", the footnote mark), which a plain
# text does not have.
tmx_with_codes() {
  "$BITEXT" align --format tmx "$1" "$2" | grep -v 'x-bitext-source' | sed -E 's/ creationdate="[^"]*"//g'
}
tmx_body() {
  tmx_with_codes "$1" "$2" | sed -E 's#<(bpt|ept|ph|it)( [^>]*)?>[^<]*</(bpt|ept|ph|it)>##g'
}

export -f tmx_body tmx_with_codes
export D
tmx_body "$D/lighthouse.en.txt" "$D/lighthouse.ru.txt" >"$TMP/text.tmx"
ok "the plain-text pair aligns" test -s "$TMP/text.tmx"
ok "DOCX pair: the same TMX as the plain text" bash -c '
  diff <(tmx_body "$D/lighthouse.en.docx" "$D/lighthouse.ru.docx") "$TMP/text.tmx"'
ok "ODT pair: the same TMX as the plain text" bash -c '
  diff <(tmx_body "$D/lighthouse.en.odt" "$D/lighthouse.ru.odt") "$TMP/text.tmx"'
ok "DOCX against ODT: the same TMX as the plain text" bash -c '
  diff <(tmx_body "$D/lighthouse.en.docx" "$D/lighthouse.ru.odt") "$TMP/text.tmx"'

ok "DOCX pair: the only differences are the codes of 3 units (bold, italic, link), both sides" bash -c '
  diff <(tmx_with_codes "$D/lighthouse.en.docx" "$D/lighthouse.ru.docx") "$TMP/text.tmx" >"$TMP/d"
  [ "$(grep -c "^<" "$TMP/d")" -eq 6 ] && [ "$(grep "^<" "$TMP/d" | grep -c "<bpt i=\"[0-9]*\" x=\"[0-9]*\" type=\"\(bold\|italic\|link\)\">")" -eq 6 ] \
    || { cat "$TMP/d"; exit 1; }'

# The PDF pair: no running heads, feet or page numbers in the memory; every sentence of the text.
tmx_body "$D/lighthouse.en.pdf" "$D/lighthouse.ru.pdf" >"$TMP/pdf.tmx"
ok "PDF pair: no page furniture in the memory" bash -c '
  ! grep -Eq "<seg>([0-9]+/[0-9]+|file:|[0-9]+/[0-9]+/[0-9]+, )" "$TMP/pdf.tmx"'
ok "PDF pair: the sentences of the text are all there" bash -c '
  for s in "For ninety years a keeper lived" "Today visitors can climb" "Лампа горела на керосине"; do
    grep -q "$s" "$TMP/pdf.tmx" || { echo "missing: $s"; exit 1; }
  done'

# A DOCX package around @2 as word/document.xml, written to @1 (stored, or deflated with @3).
make_docx() {
  "$PY" - "$@" <<'EOF'
import sys, zipfile
path, doc = sys.argv[1], sys.argv[2]
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
               'officedocument.wordprocessingml.document.main+xml"/></Types>')
    z.writestr('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
    if doc == 'BOMB':
        z.writestr('word/document.xml', b'<' * (200 << 20))
    elif doc == 'MANY':
        z.writestr('word/document.xml', '<w:document xmlns:w="x"/>')
        for i in range(1001):
            z.writestr(f'm/{i}', '')
    else:
        z.writestr('word/document.xml', doc)
EOF
}

head -c 5000 "$D/lighthouse.en.docx" >"$TMP/truncated.docx"
ok "truncated DOCX" expect_error 2 \
  "^bitext: .*truncated.docx: not a readable zip package \(.*\): truncated or damaged$" \
  "$BITEXT" segment "$TMP/truncated.docx"

make_docx "$TMP/bomb.docx" BOMB
ok "zip bomb (200 MiB in a $(($(stat -c %s "$TMP/bomb.docx") / 1024)) KiB file): refused" expect_error 2 \
  "^bitext: .*bomb.docx: member word/document.xml would inflate to 209715200 bytes, more than 100 times the [0-9]+-byte file: refused as a zip bomb$" \
  "$BITEXT" segment "$TMP/bomb.docx"
ok "zip bomb: memory stays bounded (max RSS under 64 MiB)" bash -c '
  /usr/bin/time -f "%M" -o "$TMP/rss" "$BITEXT" segment "$TMP/bomb.docx" 2>/dev/null
  rss=$(tail -n 1 "$TMP/rss")
  [ "$rss" -lt 65536 ] || { echo "max RSS $rss KiB"; exit 1; }'

make_docx "$TMP/many.docx" MANY
ok "zip with 1002 members: refused" expect_error 2 \
  "^bitext: .*many.docx: zip package with more than 1000 members: refused as a zip bomb$" \
  "$BITEXT" segment "$TMP/many.docx"

make_docx "$TMP/xxe.docx" '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
ok "XXE in document.xml: refused" expect_error 2 \
  "^bitext: .*xxe.docx: word/document.xml has a DOCTYPE, which office documents never have: refused \(external entities or entity expansion\)$" \
  "$BITEXT" segment "$TMP/xxe.docx"

# The standard security handler with a user password (RC4, revision 2): poppler needs the password.
printf '%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n3 0 obj<</Filter/Standard/V 1/R 2/O<%064d>/U<%064d>/P -4>>endobj\ntrailer<</Root 1 0 R/Encrypt 3 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n%%%%EOF\n' 0 0 >"$TMP/locked.pdf"
ok "encrypted PDF" expect_error 2 \
  "^bitext: .*locked.pdf: the PDF is encrypted \(it needs a password\): give a decrypted copy or its text$" \
  "$BITEXT" segment "$TMP/locked.pdf"

finish
