#!/usr/bin/env python3
"""`bitext check` on real software strings: the English–Russian memory that
tests/bench/terms/make-locale-tm.sh builds from Debian's installed gettext catalogues.

Usage:
  locale.py stats RUN.json TMX              findings per 1,000 units by check and severity
  locale.py po TMX OUT.po                   the same pairs as a PO file (for pofilter)
  locale.py pofilter OUT.po                 pofilter's flagged units per test (reads its output PO)
  locale.py sample RUN.json TMX N SEED [CHECK]
                                            a random sample (random.Random(SEED)) of N error/warning
                                            findings (only CHECK's, if given), as TSV lines to judge:
                                            unit, check, severity, text, source, target, verdict, reason
  locale.py score RUN.json TMX JUDGED.tsv [CHECK]
                                            re-score a run against the verdicts

The memory is other projects' translations: it is rebuilt on each run, never committed; the
judged files keep only the finding text and short excerpts of the pair. A finding is matched
by check, flagged text and the unit's source text as the run gives it (unit numbers move when
a catalogue changes).
score prints precision over the judged findings still reported, how many judged findings the
run no longer reports (by verdict: noise removed, real defects lost) and exits 1 when
precision is below 0.8. Python 3 standard library only.
"""
import collections
import json
import random
import re
import sys
import xml.etree.ElementTree as ET

FLOOR = 0.8
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tmx(path):
    """[(source, target)] in unit order (unit numbers of `check` count from 1)."""
    units = []
    for _, el in ET.iterparse(path):
        if el.tag != "tu":
            continue
        segs = {}
        for tuv in el.findall("tuv"):
            seg = tuv.find("seg")
            segs[tuv.get(XML_LANG, "").split("-")[0].lower()] = "".join(seg.itertext()) if seg is not None else ""
        units.append((segs.get("en", ""), segs.get("ru", "")))
        el.clear()
    return units


def findings(run):
    with open(run, encoding="utf-8") as f:
        return json.load(f)["findings"]


def stats(run, tmx):
    n = len(read_tmx(tmx))
    count = collections.Counter()
    for x in findings(run):
        count[(x["check"], x["severity"])] += 1
    per = lambda c: 1000.0 * c / n if n else 0.0
    print("units %d" % n)
    print("%-22s %-8s %7s %9s" % ("check", "severity", "count", "per 1000"))
    for (c, s), k in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])):
        print("%-22s %-8s %7d %9.1f" % (c, s, k, per(k)))
    ew = sum(k for (c, s), k in count.items() if s in ("error", "warning"))
    print("error+warning %d: %.1f per 1000 units" % (ew, per(ew)))
    print("placeholder findings %d" % sum(k for (c, s), k in count.items() if c == "placeholder"))
    return 0


def po_quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return '"' + s + '"'


def to_po(tmx, out):
    with open(out, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ru\\n"\n\n')
        for i, (s, t) in enumerate(read_tmx(tmx), 1):
            f.write("#. unit %d\nmsgid %s\nmsgstr %s\n\n" % (i, po_quote(s), po_quote(t)))
    return 0


def pofilter_counts(po):
    count = collections.Counter()
    with open(po, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"# \(pofilter\) (\w+):", line)
            if m:
                count[m.group(1)] += 1
    for t, k in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])):
        print("%-22s %7d" % (t, k))
    return 0


def norm(s):
    return re.sub(r"\s+", " ", s.strip()).lower()


def excerpt(s, n=160):
    s = s.replace("\t", " ").replace("\n", "\\n").replace("\r", "\\r")
    return s if len(s) <= n else s[:n] + "…"


def sample(run, tmx, n, seed, check=None):
    pool = [x for x in findings(run) if x["severity"] in ("error", "warning")
            and (check is None or x["check"] == check)]
    pick = random.Random(seed).sample(pool, min(n, len(pool)))
    pick.sort(key=lambda x: (x["unit"], x["check"]))
    print("# unit\tcheck\tseverity\ttext\tsource\ttarget\tverdict\treason")
    for x in pick:
        s, t = x.get("source", ""), x.get("target", "")
        print("\t".join([str(x["unit"]), x["check"], x["severity"], excerpt(x["text"], 80),
                         excerpt(s), excerpt(t), "", ""]))
    return 0


def score(run, tmx, judged, check=None):
    verdicts = {}
    with open(judged, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            unit, chk, sev, text, src, tgt, verdict, reason = line.rstrip("\n").split("\t")
            verdicts[(chk, norm(text), norm(src))] = int(verdict)
    seen = set()
    real = n = 0
    by_check = {}
    for x in findings(run):
        if x["severity"] not in ("error", "warning") or (check and x["check"] != check):
            continue
        k = (x["check"], norm(excerpt(x["text"], 80)), norm(excerpt(x.get("source", ""))))
        if k not in verdicts or k in seen:
            continue
        seen.add(k)
        n += 1
        real += verdicts[k]
        c = by_check.setdefault(x["check"], [0, 0])
        c[0] += verdicts[k]
        c[1] += 1
    gone = collections.Counter(verdicts[k] for k in verdicts if k not in seen)
    for c, (r, m) in sorted(by_check.items()):
        print("  %-22s %3d of %3d real" % (c, r, m))
    precision = real / n if n else 1.0
    print("precision %.3f (%d of %d judged findings still reported are real); "
          "no longer reported: %d judged noise, %d judged real"
          % (precision, real, n, gone[0], gone[1]))
    return 0 if precision >= FLOOR else 1


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "stats" and len(argv) == 4:
        return stats(argv[2], argv[3])
    if cmd == "po" and len(argv) == 4:
        return to_po(argv[2], argv[3])
    if cmd == "pofilter" and len(argv) == 3:
        return pofilter_counts(argv[2])
    if cmd == "sample" and len(argv) in (6, 7):
        return sample(argv[2], argv[3], int(argv[4]), int(argv[5]), argv[6] if len(argv) == 7 else None)
    if cmd == "score" and len(argv) in (5, 6):
        return score(argv[2], argv[3], argv[4], argv[5] if len(argv) == 6 else None)
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
