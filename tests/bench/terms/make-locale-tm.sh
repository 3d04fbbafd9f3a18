#!/usr/bin/env bash
# tests/bench/terms/make-locale-tm.sh OUT.tmx [BITEXT] — an English–Russian memory from the Russian
# message catalogues of the packages installed here (/usr/share/locale/ru/LC_MESSAGES/*.mo).
#
# The catalogues are other projects' translations: the memory is rebuilt, never committed.
# Each catalogue is read with gettext's msgunfmt (Debian package gettext), then, per entry:
#   * the header (empty msgid) and entries with an empty msgstr are skipped;
#   * a plural entry gives msgid and msgstr[0]; a msgctxt is dropped;
#   * PO escapes are undone (\n, \t, \", \\, ...);
#   * a keyboard accelerator is removed: "_" or "&" before a letter, at most once a side
#     ("_Open"/"Открыть", "Save _As"/"Сохранить _как"), unless the word holding it is
#     copied unchanged to the other side (an identifier: GTK_DEBUG, key_id) or a side has
#     several (pam_set_item);
#   * entries whose source has no letter once printf (%s, %1$d, %-e), Python (%(name)s,
#     {0}) and shell (${var}) placeholders are removed are dropped ("%s: %s", "%H:%M"), and so
#     are entries translated by a copy of the source (names and codes left as they are) and
#     entries holding a control character, which XML 1.0 cannot carry (a bell, \a).
# Exact duplicate pairs are kept once, in the order of the catalogues (C collation of their
# file names). The pairs go through `bitext tm import` (TSV) with a fixed date, so the same
# catalogues give the same bytes. Prints the pair count and the catalogues, with their
# Debian packages, on stderr.
#
# Needs: msgunfmt (gettext), python3, and bitext (BITEXT, or build/src/cli/bitext).
set -euo pipefail
OUT=${1:?usage: make-locale-tm.sh OUT.tmx [BITEXT]}
HERE=$(cd "$(dirname "$0")" && pwd)
BITEXT=${2:-${BITEXT:-$HERE/../../../build/src/cli/bitext}}
LOCALE_DIR=${LOCALE_DIR:-/usr/share/locale/ru/LC_MESSAGES}
command -v msgunfmt >/dev/null || { echo "make-locale-tm: needs msgunfmt (Debian package gettext)" >&2; exit 77; }
command -v python3 >/dev/null || { echo "make-locale-tm: needs python3" >&2; exit 77; }
[ -x "$BITEXT" ] || { echo "make-locale-tm: no bitext at $BITEXT" >&2; exit 2; }
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/bitext-locale.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

mapfile -t MO < <(LC_ALL=C ls "$LOCALE_DIR"/*.mo)
[ ${#MO[@]} -gt 0 ] || { echo "make-locale-tm: no catalogues in $LOCALE_DIR" >&2; exit 2; }
for f in "${MO[@]}"; do
  msgunfmt --no-wrap "$f" -o "$TMPD/$(basename "$f" .mo).po" 2>/dev/null
done

python3 - "$TMPD" "${MO[@]}" >"$TMPD/pairs.tsv" <<'EOF'
import os, re, sys

tmpd, mos = sys.argv[1], sys.argv[2:]

ESC = {'n': '\n', 't': '\t', 'r': '\r', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v',
       '"': '"', '\\': '\\', "'": "'", '?': '?'}

def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            if n in ESC:
                out.append(ESC[n]); i += 2; continue
            m = re.match(r'[0-7]{1,3}', s[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8))); i += 1 + len(m.group(0)); continue
        out.append(c); i += 1
    return ''.join(out)

def entries(path):
    """(msgid, msgstr[0]) of each entry of a PO file written by msgunfmt."""
    data = open(path, 'rb').read()
    m = re.search(rb'charset=([-\w]+)', data)
    text = data.decode(m.group(1).decode() if m else 'utf-8', errors='replace')
    fields, key = {}, None
    for line in text.split('\n') + ['']:
        if line.startswith('"'):
            if key is not None:
                fields[key] += line[1:-1]
            continue
        m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if m:
            if m.group(1) in ('msgctxt', 'msgid') and 'msgid' in fields:
                yield fields
                fields = {}
            key = m.group(1)
            fields[key] = m.group(2)
        elif line.strip() == '' and 'msgid' in fields:
            yield fields
            fields, key = {}, None
    if 'msgid' in fields:
        yield fields

PLACEHOLDER = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                         r"(?:hh|h|ll|l|L|q|j|z|t|I)?[diouxXeEfFgGaAcspnmCSbBHMyYZTlkr%]"
                         r"|%\([^)]*\)[-+ #0]*\d*(?:\.\d+)?[sdifgrxX]|%<[A-Z0-9]+>"
                         r"|\{[\w.]*\}|\$\{\w+\}")

def has_letter(s):
    return any(c.isalpha() for c in PLACEHOLDER.sub(' ', s))

ACCEL = re.compile(r'[_&](?=[^\W\d_])')

def accel_word(s, m):
    """The run of word characters around the accelerator mark at m."""
    a, b = m.start(), m.end()
    while a > 0 and (s[a - 1].isalnum() or s[a - 1] == '_'):
        a -= 1
    while b < len(s) and (s[b].isalnum() or s[b] == '_'):
        b += 1
    return s[a:b]

def strip_one(s, other):
    m = ACCEL.search(s)
    if m is None or accel_word(s, m) in other:
        return s
    if s[m.start()] == '&' and s[m.end():].startswith(('amp;', 'lt;', 'gt;', 'quot;')):
        return s
    return s[:m.start()] + s[m.end():]

def strip_accelerators(src, tgt):
    ms, mt = ACCEL.findall(src), ACCEL.findall(tgt)
    if len(ms) > 1 or len(mt) > 1 or (ms and mt and ms[0] != mt[0]):
        return src, tgt
    return strip_one(src, tgt), strip_one(tgt, src)

CONTROL = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')   # not in XML 1.0 (a bell in a message)

def tsv(s):
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')

seen, n_per = set(), []
for mo in mos:
    name = os.path.basename(mo)[:-3]
    n = 0
    for e in entries(os.path.join(tmpd, name + '.po')):
        src = unescape(e.get('msgid', ''))
        tgt = unescape(e.get('msgstr', e.get('msgstr[0]', '')))
        if src == '' or tgt.strip() == '':
            continue
        src, tgt = strip_accelerators(src, tgt)
        if not has_letter(src) or not has_letter(tgt) or tgt.strip() == src.strip():
            continue
        if CONTROL.search(src + tgt):
            continue
        pair = (src, tgt)
        if pair in seen:
            continue
        seen.add(pair)
        n += 1
        print(tsv(src) + '\t' + tsv(tgt))
    n_per.append((name, n))
with open(os.path.join(tmpd, 'counts'), 'w') as f:
    for name, n in n_per:
        f.write('%s %d\n' % (name, n))
EOF

SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1764115200} \
  "$BITEXT" tm import --src-lang en --tgt-lang ru -o "$OUT" "$TMPD/pairs.tsv"

n=$(wc -l <"$TMPD/pairs.tsv")
echo "make-locale-tm: $n pairs from ${#MO[@]} catalogues into $OUT" >&2
# The Debian package of each catalogue (dpkg -S), for the record.
declare -A pkg=()
while IFS=': ' read -r p path; do
  pkg[$(basename "$path" .mo)]=${p%%,*}
done < <(dpkg -S "${MO[@]}" 2>/dev/null || true)
while read -r name count; do
  printf '  %-28s %6d pairs  (%s)\n' "$name" "$count" "${pkg[$name]:-?}" >&2
done <"$TMPD/counts"
