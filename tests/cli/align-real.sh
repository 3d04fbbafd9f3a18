#!/usr/bin/env bash
# bitext CLI tests — sentence alignment on real translations shipped in Debian
# (tests/data/align-real/): the extraction reproduces the sentences the gold was read on,
# every gold file covers each side exactly once, and bitext's strict F1 on each set stays
# at or above a floor (the figure measured on 2026-12-05 minus 0.01), so a regression fails;
# and `check` keeps its judged precision (issue 15) on the installation guide's chapters paired
# by the gold beads and end to end on all the en-ru documents.
# Skipped when the Debian packages or python3 are missing.
. "$(dirname "$0")/tap.sh"

D=$ROOT/tests/data/align-real
for p in installation-guide-amd64 manpages manpages-ru bash maint-guide maint-guide-ru maint-guide-de; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { echo "1..0 # SKIP Debian package $p not installed (tests/setup.sh)"; exit 0; }
done
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 missing"; exit 0; }
plan 12

ok "extraction reproduces the committed sentence checks" \
  python3 "$D/extract.py" "$TMP/real" --bitext "$BITEXT" --check

# Every gold file is a monotone partition of both sides: the beads take the sentences in
# order, each exactly once, up to the counts recorded in the .sent-check file.
ok "gold files cover every sentence once, in order" python3 - "$D" <<'PY'
import glob, os, re, sys
d = sys.argv[1]
golds = sorted(glob.glob(os.path.join(d, "*.gold.align")))
assert golds, "no gold files"
for g in golds:
    counts = [int(l.split("\t")[1]) for l in open(g[:-len(".gold.align")] + ".sent-check")
              if l.count("\t") == 1]
    i = j = 0
    for k, line in enumerate(open(g), 1):
        m = re.fullmatch(r"\[([0-9,]*)\]:\[([0-9,]*)\]\n", line)
        assert m, "%s:%d: not a bead" % (g, k)
        a = [int(x) for x in m.group(1).split(",") if x]
        b = [int(x) for x in m.group(2).split(",") if x]
        assert a or b, "%s:%d: empty bead" % (g, k)
        assert a == list(range(i, i + len(a))) and b == list(range(j, j + len(b))), "%s:%d: out of order" % (g, k)
        i, j = i + len(a), j + len(b)
    assert [i, j] == counts, "%s: covers %d/%d sentences, the check has %s" % (g, i, j, counts)
PY

# strict_f1 SET -> bitext's micro-averaged strict F1 on the documents of SET.
strict_f1() {
  local set=$1 args=() s doc sl tl
  while IFS=$'\t' read -r s doc sl tl; do
    [ "$s" = "$set" ] || continue
    "$BITEXT" align --presegmented --src-lang "$sl" --tgt-lang "$tl" --format beads \
      "$TMP/real/$doc.$sl.sent" "$TMP/real/$doc.$tl.sent" >"$TMP/$doc.beads" || return 1
    args+=("$D/$doc.gold.align" "$TMP/$doc.beads")
  done <"$TMP/real/sets.tsv"
  "$BITEXT" eval-align "${args[@]}" | awk '/micro-average/ { print $5 }'
}

# at_least SET FLOOR: bitext's strict F1 on SET is at least FLOOR.
at_least() {
  local f
  f=$(strict_f1 "$1") || return 1
  echo "strict F1 on $1: $f (floor $2)"
  awk -v f="$f" -v floor="$2" 'BEGIN { exit !(f != "" && f + 0 >= floor + 0) }'
}

ok "the seven sets hold 85 documents" bash -c '[ "$(wc -l <"$TMP/real/sets.tsv")" -eq 85 ]'
# 2026-12-07: en-ru 0.9927, en-zh 0.9892, en-ja 0.9933 (tests/bench/align/run-real.sh); en-ja
# was 0.9800 before beads were asked to start paragraphs together (a 1-2 bead moved into the
# next paragraph of ig-ja-ch03s02), so its floor fails without that.
ok "en-ru: bitext strict F1 >= 0.982" at_least en-ru 0.982
ok "en-zh: bitext strict F1 >= 0.979" at_least en-zh 0.979
ok "en-ja: bitext strict F1 >= 0.983" at_least en-ja 0.983
# en-fr (2026-12-08): 1.0000, every bead right; hunalign 0.9946 (two beads of ig-fr-ch03s03).
ok "en-fr: bitext strict F1 >= 0.99" at_least en-fr 0.99
# en-ko (2026-12-08): 0.9866; hunalign 0.9200, Gale-Church 0.9599.
ok "en-ko: bitext strict F1 >= 0.976" at_least en-ko 0.976
# en-de (2026-12-08): 1.0000, every bead of the maintainers' guide right; hunalign 0.9823, Gale-Church 0.9863.
ok "en-de: bitext strict F1 >= 0.99" at_least en-de 0.99
# en-el (2026-12-08): 0.9823; hunalign 0.9514, Gale-Church 0.9534.
ok "en-el: bitext strict F1 >= 0.972" at_least en-el 0.972
# Issue 15: `check` on the technical document (the guide's chapters paired by the gold beads,
# tests/data/qa/techdoc.py): every error and warning finding judged by reading, precision >= 0.8.
ok "check on the installation guide: every finding judged, precision >= 0.8" bash -c '
  python3 "$ROOT/tests/data/qa/techdoc.py" extract "$TMP/techdoc" --bitext "$BITEXT" >/dev/null &&
  { "$BITEXT" check --format json -o "$TMP/techdoc.json" "$TMP/techdoc/techdoc.tmx"; [ $? -le 1 ]; } &&
  python3 "$ROOT/tests/data/qa/techdoc.py" score "$TMP/techdoc.json"'
# End to end, as a user runs it: `check EN.txt RU.txt` on each of the 17 en-ru documents
# (bitext's own alignment), findings matched by document, check and text
# (tests/data/qa/techdoc-e2e.judged.tsv); 2026-12-07 22:33: 36 findings, 31 real, 0.861.
ok "check end to end on the en-ru documents: every finding judged, precision >= 0.8" bash -c '
  python3 "$ROOT/tests/data/qa/techdoc.py" e2e "$TMP/e2e" --bitext "$BITEXT" >/dev/null &&
  python3 "$ROOT/tests/data/qa/techdoc.py" score-e2e "$TMP/e2e/e2e.json"'
finish
