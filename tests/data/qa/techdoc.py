#!/usr/bin/env python3
"""A real technical document pair for `bitext check`: the Debian 12 installation guide
(package installation-guide-amd64, GFDL/GPL-2+, English and its Russian translation).

Usage:
  techdoc.py extract OUTDIR [--bitext PATH]   the chapters of tests/data/align-real (en-ru set),
                                               extracted by its extract.py and paired by its gold
                                               beads, as one memory OUTDIR/techdoc.tmx
  techdoc.py score RUN.json [JUDGED.tsv]       re-score a `bitext check --format json` run of that
                                               memory against the verdicts (techdoc.judged.tsv)

The verdicts file holds, for every error and warning finding of a judged run: unit, check,
severity, the flagged text, the verdict (1: a real defect or a fair question to the
translator, 0: noise) and a short reason. A finding is matched by unit, check and text.
score prints precision over the findings judged, the number not judged (new findings), and
exits 1 when precision is below 0.8 or any error/warning finding is unjudged.
Exit 77 when the package is not installed. Python 3 standard library only; nothing of the
guide is committed but this script and the verdicts' short excerpts.
"""
import json
import os
import re
import subprocess
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ALIGN_REAL = os.path.join(HERE, "..", "align-real")
FLOOR = 0.8


def read_sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def parse_side(text):
    text = text.strip("[]")
    return [int(x) for x in text.split(",")] if text else []


def extract(outdir, bitext):
    os.makedirs(outdir, exist_ok=True)
    cmd = [sys.executable, os.path.join(ALIGN_REAL, "extract.py"), outdir, "--set", "en-ru"]
    if bitext:
        cmd += ["--bitext", bitext]
    rc = subprocess.call(cmd, stdout=subprocess.DEVNULL)
    if rc != 0:
        sys.exit(rc)
    units = []
    with open(os.path.join(outdir, "sets.tsv"), encoding="utf-8") as f:
        docs = [line.split("\t")[1] for line in f if line.startswith("en-ru\tig-ru-")]
    for doc in docs:
        src = read_sentences(os.path.join(outdir, doc + ".en.sent"))
        tgt = read_sentences(os.path.join(outdir, doc + ".ru.sent"))
        with open(os.path.join(ALIGN_REAL, doc + ".gold.align"), encoding="utf-8") as f:
            for line in f:
                s, t = line.strip().split(":")
                units.append((doc, " ".join(src[i] for i in parse_side(s)),
                              " ".join(tgt[i] for i in parse_side(t))))
    out = os.path.join(outdir, "techdoc.tmx")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                '<header creationtool="techdoc.py" creationtoolversion="1" segtype="sentence" '
                'o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
        for doc, s, t in units:
            if not s:
                continue
            f.write('<tu><prop type="x-doc">%s</prop><tuv xml:lang="en"><seg>%s</seg></tuv>'
                    % (escape(doc), escape(s)))
            if t:
                f.write('<tuv xml:lang="ru"><seg>%s</seg></tuv>' % escape(t))
            f.write("</tu>\n")
        f.write("</body>\n</tmx>\n")
    os.replace(out + ".tmp", out)
    print("%s: %d units from %d chapters" % (out, sum(1 for u in units if u[1]), len(docs)))


def key(unit, check, text):
    return (str(unit), check, re.sub(r"\s+", " ", text.strip()).lower())


def score(run, judged):
    verdicts = {}
    with open(judged, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            unit, check, severity, text, verdict, reason = line.rstrip("\n").split("\t")
            verdicts[key(unit, check, text)] = int(verdict)
    with open(run, encoding="utf-8") as f:
        findings = json.load(f)["findings"]
    real = judged_n = unjudged = 0
    by_check = {}
    for x in findings:
        if x["severity"] not in ("error", "warning"):
            continue
        v = verdicts.get(key(x["unit"], x["check"], x["text"]))
        if v is None:
            unjudged += 1
            print("not judged: unit %s %s %r" % (x["unit"], x["check"], x["text"]))
            continue
        judged_n += 1
        real += v
        c = by_check.setdefault(x["check"], [0, 0])
        c[0] += v
        c[1] += 1
    for c, (r, n) in sorted(by_check.items()):
        print("%-22s %3d of %3d real" % (c, r, n))
    precision = real / judged_n if judged_n else 1.0
    print("precision %.3f (%d of %d error/warning findings real), %d not judged"
          % (precision, real, judged_n, unjudged))
    return 0 if precision >= FLOOR and unjudged == 0 else 1


def main(argv):
    if len(argv) >= 3 and argv[1] == "extract":
        bitext = argv[argv.index("--bitext") + 1] if "--bitext" in argv else None
        extract(argv[2], bitext)
        return 0
    if len(argv) >= 3 and argv[1] == "score":
        judged = argv[3] if len(argv) > 3 else os.path.join(HERE, "techdoc.judged.tsv")
        return score(argv[2], judged)
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
