#!/usr/bin/env python3
"""Score `bitext check --format json` against the planted defects of the speech draft.

Usage: planted.py DEFECTS SRC.sent TGT.sent GOLD.align CHECK.json SRC_SEG TGT_SEG

DEFECTS, SRC.sent, TGT.sent and GOLD.align describe the defects as
tests/data/speech.ru-draft.defects does: each names a check, a unit (a bead of
GOLD.align over the sentence lists SRC.sent and TGT.sent), a side and a text.
CHECK.json is the output of `bitext check` on any alignment of the same texts,
whose "bead" fields number the sentences of SRC_SEG and TGT_SEG (one sentence a
line: what `bitext segment` made of the texts, which may split differently).

A defect is found when a finding of its check flags, on its side, a span holding
its text, in a unit that holds on that side every sentence of the gold unit: a
checked sentence and a gold sentence are the same when one holds the other
(a sentence whose final period is missing is joined to the next one). So an
omitted sentence may be flagged inside a merged unit, on its own span, and a
finding on a unit that misses a sentence of the defect's gold unit does not count. A finding
of severity error or warning is false when its unit shares no sentence with a
gold unit that holds a planted defect.

Prints "found F/N false K" and then one line per missed defect and per false
finding. Exit status 0 when every defect is found and no finding is false, else 1
(DEFECTS may be a clean translation's empty list: then only false findings count).
"""
import json
import re
import sys


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def parse_bead(text):
    s, t = text.split(":")
    side = lambda x: [int(v) for v in x.strip("[]").split(",") if v != ""]
    return side(s), side(t)


def same(a, b):
    a, b = norm(a), norm(b)
    return a != "" and b != "" and (a in b or b in a)


def main(argv):
    defects_path, src_sent, tgt_sent, gold_path, json_path, src_seg, tgt_seg = argv[1:8]
    gold_sent = {"source": lines(src_sent), "target": lines(tgt_sent)}
    seg_sent = {"source": lines(src_seg), "target": lines(tgt_seg)}
    gold = [parse_bead(l) for l in lines(gold_path) if l.strip()]
    defects = []
    for l in lines(defects_path):
        if l.startswith("#") or not l.strip():
            continue
        did, check, unit, side, text = l.split("\t")[:5]
        defects.append((did, check, int(unit), side, text))
    with open(json_path, encoding="utf-8") as f:
        findings = json.load(f)["findings"]

    def gold_texts(unit, side):
        s, t = gold[unit]
        return [gold_sent[side][i] for i in (s if side == "source" else t)]

    def unit_texts(finding, side):
        s, t = parse_bead(finding["bead"])
        return [seg_sent[side][i] for i in (s if side == "source" else t)]

    def matches(texts, gold_side):
        """Whether the checked sentences hold the gold unit's (each gold one is one of them)."""
        if not texts and not gold_side:
            return True
        return bool(texts) and all(any(same(x, g) for x in texts) for g in gold_side)

    found, missed = 0, []
    for did, check, unit, side, text in defects:
        ok = False
        for f in findings:
            span = f["source_span"] if side == "source" else f["target_span"]
            if f["check"] != check or span is None or span[0] < 0:
                continue
            flagged = f[side][span[0]:span[1]]
            if text in flagged and matches(unit_texts(f, side), gold_texts(unit, side)):
                ok = True
                break
        if ok:
            found += 1
        else:
            missed.append(f"missed {did} {check} unit {unit} {side} '{text}'")
    defect_units = {d[2] for d in defects}
    false = []
    for f in findings:
        if f["severity"] not in ("error", "warning"):
            continue
        hit = any(any(same(x, g) for x in unit_texts(f, side) for g in gold_texts(u, side))
                  for u in defect_units for side in ("source", "target"))
        if not hit:
            false.append(f"false {f['severity']} {f['check']} {f['bead']}: {f['message']}")
    print(f"found {found}/{len(defects)} false {len(false)}")
    for m in missed + false:
        print(m)
    return 0 if found == len(defects) and not false else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
