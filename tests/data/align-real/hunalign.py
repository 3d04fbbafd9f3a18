#!/usr/bin/env python3
"""Feed hunalign as its users do, and read its answer back as beads.

  hunalign.py tok LANG IN.sent OUT      tokenised copy of a sentence list for hunalign
  hunalign.py beads LADDER SRC.tok TGT.tok   hunalign's ladder output as beads ([i,j]:[k])

tok: one sentence per line, lower-cased (str.lower), words and punctuation split apart
(a token is a run of letters, digits and underscores, or one other non-space character);
for Chinese and Japanese, every Han, Hiragana and Katakana character is a token of its
own. The blank line between paragraphs becomes a line "<p>", hunalign's paragraph mark.
beads: hunalign numbers the "<p>" lines as sentences; consecutive rungs (i,j) (i',j') of
the ladder make the bead of lines i..i'-1 and j..j'-1, the "<p>" lines are removed from
it, and a bead left empty on both sides is dropped. Python 3 standard library only.
"""
import re
import sys

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(r"[%s]|[^\W%s]+|[^\w\s]" % (CJK, CJK))


def tok(lang, src, dst):
    out = []
    with open(src, encoding="utf-8") as f:
        for line in f.read().rstrip("\n").split("\n"):
            out.append(" ".join(TOKEN.findall(line.lower())) if line else "<p>")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def beads(ladder, src_tok, tgt_tok):
    maps = []
    for path in (src_tok, tgt_tok):
        index, n = [], 0
        with open(path, encoding="utf-8") as f:
            for line in f.read().rstrip("\n").split("\n"):
                index.append(None if line == "<p>" else n)
                n += line != "<p>"
        maps.append(index)
    rungs = []
    with open(ladder, encoding="utf-8") as f:
        for line in f:
            cols = line.split("\t")
            if len(cols) >= 2:
                rungs.append((int(cols[0]), int(cols[1])))
    out = []
    for (i, j), (i2, j2) in zip(rungs, rungs[1:]):
        s = [maps[0][k] for k in range(i, min(i2, len(maps[0]))) if maps[0][k] is not None]
        t = [maps[1][k] for k in range(j, min(j2, len(maps[1]))) if maps[1][k] is not None]
        if s or t:
            out.append("[%s]:[%s]" % (",".join(map(str, s)), ",".join(map(str, t))))
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "tok":
        tok(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "beads":
        beads(*sys.argv[2:])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
