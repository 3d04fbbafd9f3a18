#!/usr/bin/env python3
"""Real technical document pairs for `bitext check`: the Debian 12 installation guide
(package installation-guide-amd64, GPL-2 by its copyright file, English and its Russian
translation), and for the end-to-end run also the man pages pipe(7) and symlink(7) (manpages:
Linux-man-pages-copyleft and BSD-3-Clause; manpages-ru, the translation: GPL-3+) and the help
texts of bash's builtins (bash's ru catalogue, GPL-3+): the en-ru set of tests/data/align-real,
whose README gives versions and licences.

Usage:
  techdoc.py extract OUTDIR [--bitext PATH]   the chapters of tests/data/align-real (en-ru set),
                                               extracted by its extract.py and paired by its gold
                                               beads, as one memory OUTDIR/techdoc.tmx
  techdoc.py score RUN.json [JUDGED.tsv]       re-score a `bitext check --format json` run of that
                                               memory against the verdicts (techdoc.judged.tsv)
  techdoc.py e2e OUTDIR [--bitext PATH] [--all]  end to end, as a user runs it: the en-ru set's
                                               texts (extract.py --set en-ru), then
                                               `bitext check --format json DOC.en.txt DOC.ru.txt`
                                               per document (bitext's own alignment), all in
                                               OUTDIR/e2e.json
  techdoc.py score-e2e E2E.json [JUDGED.tsv]  re-score that run against techdoc-e2e.judged.tsv

The verdicts file holds, for every error and warning finding of a judged run: unit, check,
severity, the flagged text, the verdict (1: a real defect or a fair question to the
translator, 0: noise) and a short reason. A finding is matched by unit, check and text.
score prints precision over the findings judged, the number not judged (new findings), and
exits 1 when precision is below 0.8 or any error/warning finding is unjudged.
End to end the unit numbers depend on the alignment, so a finding is matched by document,
check and the first 60 characters of its text (white space collapsed, case folded); a key
that occurs k times in a document is judged by its first k rows, in order.
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
# The documents of the end-to-end run that tests/cli/align-real.sh scores: the guide, the man
# pages and the help texts. `e2e --all` adds the maintainers' guide (joined the alignment set
# on 2026-12-08), whose findings techdoc-e2e.judged.tsv judges too.
E2E_DOCS = ("ig-ru-", "man-", "help-")
ALIGN_REAL = os.path.join(HERE, "..", "align-real")
FLOOR = 0.8


def read_sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def parse_side(text):
    text = text.strip("[]")
    return [int(x) for x in text.split(",")] if text else []


def extract_texts(outdir, bitext):
    """The en-ru set's texts and sentences in OUTDIR (extract.py; exits 77 without the packages)."""
    os.makedirs(outdir, exist_ok=True)
    cmd = [sys.executable, os.path.join(ALIGN_REAL, "extract.py"), outdir, "--set", "en-ru"]
    if bitext:
        cmd += ["--bitext", bitext]
    rc = subprocess.call(cmd, stdout=subprocess.DEVNULL)
    if rc != 0:
        sys.exit(rc)


def extract(outdir, bitext):
    extract_texts(outdir, bitext)
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


def e2e(outdir, bitext, every=False):
    texts = os.path.join(outdir, "texts")
    extract_texts(texts, bitext)
    bitext = bitext or os.environ.get("BITEXT") or os.path.join(HERE, "../../../build/src/cli/bitext")
    with open(os.path.join(texts, "sets.tsv"), encoding="utf-8") as f:
        docs = [line.split("\t")[1] for line in f if line.startswith("en-ru\t")
                and (every or line.split("\t")[1].startswith(E2E_DOCS))]
    run = {}
    for doc in docs:
        out = os.path.join(outdir, doc + ".json")
        rc = subprocess.call([bitext, "check", "--format", "json", "-o", out,
                              os.path.join(texts, doc + ".en.txt"), os.path.join(texts, doc + ".ru.txt")])
        if rc > 1:
            sys.stderr.write("techdoc: bitext check failed on %s (exit %d)\n" % (doc, rc))
            sys.exit(2)
        with open(out, encoding="utf-8") as f:
            run[doc] = json.load(f)["findings"]
    path = os.path.join(outdir, "e2e.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"documents": run}, f, ensure_ascii=False, indent=1)
    n = sum(1 for fs in run.values() for x in fs if x["severity"] in ("error", "warning"))
    print("%s: %d documents, %d error/warning findings" % (path, len(docs), n))


def e2e_key(doc, check, text):
    return (doc, check, re.sub(r"\s+", " ", text.strip()).lower()[:60].rstrip())


def read_verdicts(path):
    """The rows of a verdicts file: (where, check, severity, text, verdict, reason)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            row = line.rstrip("\n").split("\t")
            yield row[:4] + [int(row[4]), row[5]]


def score_e2e(run, judged):
    verdicts = {}
    for doc, check, severity, text, verdict, reason in read_verdicts(judged):
        verdicts.setdefault(e2e_key(doc, check, text), []).append(verdict)
    with open(run, encoding="utf-8") as f:
        documents = json.load(f)["documents"]
    seen = {}
    results = []
    for doc, findings in sorted(documents.items()):
        for x in findings:
            if x["severity"] not in ("error", "warning"):
                continue
            k = e2e_key(doc, x["check"], x["text"])
            i = seen[k] = seen.get(k, -1) + 1
            v = verdicts[k][i] if i < len(verdicts.get(k, [])) else None
            results.append((x["check"], v, "%s %s %s %r" % (doc, x["check"], x["severity"], x["text"][:60])))
    return report(results)


def key(unit, check, text):
    return (str(unit), check, re.sub(r"\s+", " ", text.strip()).lower())


def report(results):
    """Print precision by check over (check, verdict or None, label) and return the exit status."""
    real = judged_n = unjudged = 0
    by_check = {}
    for check, v, label in results:
        if v is None:
            unjudged += 1
            print("not judged: %s" % label)
            continue
        judged_n += 1
        real += v
        c = by_check.setdefault(check, [0, 0])
        c[0] += v
        c[1] += 1
    for c, (r, n) in sorted(by_check.items()):
        print("%-22s %3d of %3d real" % (c, r, n))
    precision = real / judged_n if judged_n else 1.0
    print("precision %.3f (%d of %d error/warning findings real), %d not judged"
          % (precision, real, judged_n, unjudged))
    return 0 if precision >= FLOOR and unjudged == 0 else 1


def score(run, judged):
    verdicts = {key(unit, check, text): verdict
                for unit, check, severity, text, verdict, reason in read_verdicts(judged)}
    with open(run, encoding="utf-8") as f:
        findings = json.load(f)["findings"]
    return report((x["check"], verdicts.get(key(x["unit"], x["check"], x["text"])),
                   "unit %s %s %r" % (x["unit"], x["check"], x["text"]))
                  for x in findings if x["severity"] in ("error", "warning"))


def main(argv):
    if len(argv) >= 3 and argv[1] == "extract":
        bitext = argv[argv.index("--bitext") + 1] if "--bitext" in argv else None
        extract(argv[2], bitext)
        return 0
    if len(argv) >= 3 and argv[1] == "e2e":
        bitext = argv[argv.index("--bitext") + 1] if "--bitext" in argv else None
        e2e(argv[2], bitext, "--all" in argv)
        return 0
    if len(argv) >= 3 and argv[1] == "score-e2e":
        judged = argv[3] if len(argv) > 3 else os.path.join(HERE, "techdoc-e2e.judged.tsv")
        return score_e2e(argv[2], judged)
    if len(argv) >= 3 and argv[1] == "score":
        judged = argv[3] if len(argv) > 3 else os.path.join(HERE, "techdoc.judged.tsv")
        return score(argv[2], judged)
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
