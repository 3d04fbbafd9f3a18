#!/usr/bin/env bash
# bitext CLI tests — resource bounds (issue 16): what bitext refuses, with which message, and
# what it accepts at sizes beyond the everyday. README "Reliability" lists the same bounds.
. "$(dirname "$0")/tap.sh"
S=$ROOT/samples
export S
plan 4

# A TMX unit is charged its text plus 64 bytes an element; past BITEXT_TMX_MAX_UNIT_BYTES
# (include/bitext/tmx.h, 10,000,000) it is refused with the file and the line of the <tu>.
python3 -c "
import sys
open(sys.argv[1], 'w').write('<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\"/><body>\n'
  '<tu><tuv xml:lang=\"en\"><seg>small</seg></tuv><tuv xml:lang=\"ru\"><seg>x</seg></tuv></tu>\n'
  '<tu><tuv xml:lang=\"en\"><seg>' + 'word ' * 2000001 + '</seg></tuv><tuv xml:lang=\"ru\"><seg>x</seg></tuv></tu></body></tmx>\n')" "$TMP/big-unit.tmx"
ok "tm stats: a unit over 10,000,000 bytes is refused with file:line, exit 2" bash -c '
  status=0; "$BITEXT" tm stats "$TMP/big-unit.tmx" >/dev/null 2>"$TMP/err" || status=$?
  [ "$status" -eq 2 ] || { echo "exit $status"; exit 1; }
  [ "$(cat "$TMP/err")" = "bitext: $TMP/big-unit.tmx:4: unit larger than 10000000 bytes: refused" ] || { cat "$TMP/err"; exit 1; }'

# A paragraph on one line is segmented in UTF-16 windows of 4 MiB (src/segment.c,
# WINDOW_BYTES): 14 MB of numbered sentences cross three window edges, and every sentence
# comes out whole and in order.
python3 -c "
import sys
open(sys.argv[1], 'w').write(''.join('This is sentence number %d. ' % i for i in range(1, 500001)))" "$TMP/line.txt"
ok "segment: a 14 MB paragraph on one line gives its 500,000 sentences, in order" bash -c '
  "$BITEXT" segment --lang en "$TMP/line.txt" >"$TMP/line.out" || exit 1
  python3 -c "
import sys
got = open(sys.argv[1]).read().split(\"\n\")[:-1]
want = [\"This is sentence number %d.\" % i for i in range(1, 500001)]
sys.exit(0 if got == want else \"segments differ from %d on\" % next(i for i, (a, b) in enumerate(zip(got + [None] * len(want), want)) if a != b))" "$TMP/line.out"'

# SRX: loading is linear in the rules (README); 5,000 rules load and segment the sample.
python3 -c "
import sys, string
L = string.ascii_lowercase
def word(i):
    w = ''
    while True:
        w += L[i % 26]; i //= 26
        if i == 0: return w
rules = ''.join('<rule break=\"no\"><beforebreak>\\\\b%s\\\\.</beforebreak><afterbreak>\\\\s</afterbreak></rule>\n' % word(i) for i in range(4998))
open(sys.argv[1], 'w').write('<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\"><header segmentsubflows=\"yes\" cascade=\"no\"/><body><languagerules><languagerule languagerulename=\"Many\">\n'
  + rules + '<rule break=\"yes\"><beforebreak>[.?!]+</beforebreak><afterbreak>\\\\s+\\\\p{Lu}</afterbreak></rule>\n'
  '</languagerule></languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"Many\"/></maprules></body></srx>\n')" "$TMP/many.srx"
ok "segment --srx: 5,000 rules load and segment the sample" bash -c '
  "$BITEXT" segment --lang en --srx "$TMP/many.srx" "$S/speech.en.txt" >"$TMP/many.out" || exit 1
  [ "$(wc -l <"$TMP/many.out")" -gt 50 ] || { echo "$(wc -l <"$TMP/many.out") segments"; exit 1; }'

# A glossary entry has no length limit of its own: a term of 5 MB is read (memory grows
# with it, linearly) and the check runs.
python3 -c "
import sys
open(sys.argv[1], 'w').write('# source\ttarget\napple\tяблоко\n' + 'a' * 5000000 + '\tb\npear\tгруша\n')" "$TMP/long-term.tsv"
printf 'An apple here.\n' >"$TMP/s.txt"; printf 'Яблоко тут.\n' >"$TMP/t.txt"
ok "check -g: a glossary with a 5 MB term is read" bash -c '
  "$BITEXT" check -g "$TMP/long-term.tsv" "$TMP/s.txt" "$TMP/t.txt" >"$TMP/check.out" || exit 1
  grep -q "^0 findings" "$TMP/check.out" || { cat "$TMP/check.out"; exit 1; }'
