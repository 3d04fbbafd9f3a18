#!/usr/bin/env bash
# bitext CLI tests — `bitext eval-align`: the scores of hand-worked bead files, errors.
. "$(dirname "$0")/tap.sh"
plan 24

export D=$ROOT/tests/data/align-eval
TB=$ROOT/../shared/eval/textberg

ok "--help lists eval-align" bash -c '"$BITEXT" --help | grep -q "^  eval-align "'
ok "text table (doc1, doc2 and the micro-average)" bash -c '
  cd "$D" && "$BITEXT" eval-align doc1.gold doc1.pred doc2.gold doc2.pred | diff -u doc1-doc2.expected -'
ok "json carries counts and micro-average" bash -c '
  j=$(cd "$D" && "$BITEXT" eval-align --format json doc1.gold doc1.pred doc2.gold doc2.pred)
  case $j in
    *"\"micro\":{\"documents\":2,\"pred_beads\":9,\"gold_beads\":6,\"strict\":{\"precision\":0.444444,\"recall\":0.500000,\"f1\":0.470588,\"pred_hits\":4,\"gold_hits\":3},\"lax\":{\"precision\":0.777778,\"recall\":1.000000,\"f1\":0.875000,\"pred_hits\":7,\"gold_hits\":6}}}") ;;
    *) echo "$j"; exit 1 ;;
  esac'
ok "PRED from stdin" bash -c '
  "$BITEXT" eval-align "$D/doc1.gold" - <"$D/doc1.pred" | grep -q "^      7       4   0.2857 0.2500 0.2667   0.7143 1.0000 0.8333   .*doc1.gold$"'
ok "-o writes the file" bash -c '
  cd "$D" && "$BITEXT" eval-align -o "$TMP/score.txt" doc1.gold doc1.pred doc2.gold doc2.pred &&
  diff -u doc1-doc2.expected "$TMP/score.txt"'
ok "odd number of files" expect_error 2 "^bitext: eval-align: expected GOLD PRED pairs, got 3 files" \
  "$BITEXT" eval-align "$D/doc1.gold" "$D/doc1.pred" "$D/doc2.gold"
ok "no files" expect_error 2 "^bitext: eval-align: expected GOLD PRED pairs, got 0 files" "$BITEXT" eval-align
ok "bad --format" expect_error 2 "^bitext: eval-align: unknown --format 'xml'" \
  "$BITEXT" eval-align --format xml "$D/doc1.gold" "$D/doc1.pred"
ok "gold that does not parse: FILE:LINE:COL" \
  expect_error 2 "^bitext: .*/bad.align:3:9: expected a sentence index after ',', found 'x'$" \
  "$BITEXT" eval-align "$D/doc1.gold" "$D/doc1.pred" "$D/bad.align" "$D/doc1.pred"
ok "missing PRED" expect_error 2 "^bitext: .*/missing.align: No such file or directory$" \
  "$BITEXT" eval-align "$D/doc1.gold" "$TMP/missing.align"
ok "stdin twice" expect_error 2 "^bitext: eval-align: standard input \(-\) can be read only once$" \
  "$BITEXT" eval-align - -
ok "scored predictions (JSON Lines): calibration block" bash -c '
  cd "$D" && "$BITEXT" eval-align scored.gold scored.jsonl | diff -u scored.expected -'
ok "json: calibration per scored document and micro-averaged over the scored ones" bash -c '
  j=$(cd "$D" && "$BITEXT" eval-align --format json scored.gold scored.jsonl doc1.gold doc1.pred scored.gold scored.jsonl)
  [ "$(grep -o "\"calibration\":{\"beads\":5,\"wrong\":3,\"auc\":0.750000,\"low\":{\"beads\":3,\"wrong\":2," <<<"$j" | wc -l)" = 2 ] &&
  case $j in
    *"\"pred\":\"doc1.pred\",\"pred_beads\":7,"*"\"lax\":{\"precision\":0.714286,\"recall\":1.000000,\"f1\":0.833333,\"pred_hits\":5,\"gold_hits\":4}},"*) ;;
    *) echo "$j"; exit 1 ;;
  esac &&
  case $j in
    *"\"micro\":{\"documents\":3,"*"\"calibration\":{\"beads\":10,\"wrong\":6,\"auc\":0.750000,\"low\":{\"beads\":6,\"wrong\":4,\"wrong_caught\":0.666667,\"beads_marked\":0.600000},\"best_threshold\":{\"max_marked\":0.15,\"beads\":0,\"wrong\":0,\"wrong_caught\":0.000000,\"beads_marked\":0.000000},\"bins\":"*"\"documents\":2}}}") ;;
    *) echo "$j"; exit 1 ;;
  esac'
ok "bitext align --format jsonl output is scored input" bash -c '
  "$BITEXT" align --format jsonl "$ROOT/samples/speech.en.txt" "$ROOT/samples/speech.ru.txt" >"$TMP/speech.jsonl" &&
  "$BITEXT" eval-align "$ROOT/tests/data/speech.gold.align" "$TMP/speech.jsonl" |
    grep -q "^calibration: 80 scored beads in 1 document, 0 wrong (not exactly a gold bead)$"'
echo "old content" >"$TMP/keep.txt"
ok "failed run leaves -o target untouched" bash -c '
  "$BITEXT" eval-align -o "$TMP/keep.txt" "$D/doc1.gold" "$D/bad.align" 2>/dev/null
  [ $? -eq 2 ] && [ "$(cat "$TMP/keep.txt")" = "old content" ]'

# Issue 16, defect 4: a bead file that is no alignment of the texts is refused at its first
# offending line (exit 2), never scored as clean.
: >"$TMP/empty.align"
printf "[0]:[0]\n[1]:[1]\n[2]:[2]\n" >"$TMP/three.align"
ok "empty PRED: no beads" expect_error 2 "^bitext: .*/empty.align: no beads$" \
  "$BITEXT" eval-align "$TMP/three.align" "$TMP/empty.align"
ok "empty GOLD: no beads" expect_error 2 "^bitext: .*/empty.align: no beads$" \
  "$BITEXT" eval-align "$TMP/empty.align" "$TMP/three.align"
ok "PRED out of order" expect_error 2 "^bitext: .*/p.align:2: expected source sentence 1 here, found 2 \(the beads must cover the source once, in order" \
  bash -c 'printf "[0]:[0]\n[2]:[2]\n[1]:[1]\n" >"$TMP/p.align"; "$BITEXT" eval-align "$TMP/three.align" "$TMP/p.align"'
ok "PRED skipping sentences" expect_error 2 "^bitext: .*/p.align:2: expected target sentence 1 here, found 5 " \
  bash -c 'printf "[0]:[0]\n[1]:[5]\n" >"$TMP/p.align"; "$BITEXT" eval-align "$TMP/three.align" "$TMP/p.align"'
ok "PRED with overlapping beads" expect_error 2 "^bitext: .*/p.align:2: expected source sentence 2 here, found 1 " \
  bash -c 'printf "[0,1]:[0]\n[1,2]:[1,2]\n" >"$TMP/p.align"; "$BITEXT" eval-align "$TMP/three.align" "$TMP/p.align"'
ok "PRED repeating an index in a bead" expect_error 2 "^bitext: .*/p.align:1: expected source sentence 1 here, found 0 " \
  bash -c 'printf "[0,0]:[0]\n" >"$TMP/p.align"; "$BITEXT" eval-align "$TMP/three.align" "$TMP/p.align"'
ok "PRED with a bead of no sentence" expect_error 2 "^bitext: .*/p.jsonl:2: a bead with no sentence$" \
  bash -c 'printf "{\"src\":[0],\"tgt\":[0],\"score\":1}\n{\"src\":[],\"tgt\":[],\"score\":1}\n" >"$TMP/p.jsonl"; "$BITEXT" eval-align "$TMP/three.align" "$TMP/p.jsonl"'
ok "GOLD naming a sentence past the PRED's end" expect_error 2 "^bitext: .*/three.align:3: sentence 2 is past the end of the source \(2 sentences\)$" \
  bash -c 'printf "[0]:[0]\n[1]:[1,2]\n" >"$TMP/p.align"; "$BITEXT" eval-align "$TMP/three.align" "$TMP/p.align"'

# Text+Berg's gold crosses and skips sentences: a GOLD, never a PRED. Scored against the
# 1-1 diagonal (then 0-1 beads to the longer side's end), every document reads.
n=$((n + 1))
if [ -d "$TB" ]; then
  args=()
  for i in 0 1 2 3 4 5 6; do
    python3 - "$TB/test$i.defr" >"$TMP/diag$i.align" <<'PY'
import re, sys
m = [0, 0]
for line in open(sys.argv[1]):
    for s, side in enumerate(re.findall(r"\[([^\]]*)\]", line)[:2]):
        for x in side.split(","):
            if x.strip():
                m[s] = max(m[s], int(x) + 1)
for i in range(max(m)):
    print("[%s]:[%s]" % (i if i < m[0] else "", i if i < m[1] else ""))
PY
    args+=("$TB/test$i.defr" "$TMP/diag$i.align")
  done
  as_pred=$("$BITEXT" eval-align "$TB/test0.defr" "$TB/test0.defr" 2>&1)
  if [ $? -eq 2 ] && [[ $as_pred == *"test0.defr:16: expected source sentence 16 here, found 18 "* ]] &&
     "$BITEXT" eval-align "${args[@]}" | grep -q "^ *[0-9]* *858   .*micro-average of 7 documents$"; then
    echo "ok $n - Text+Berg gold: read as GOLD (858 recall targets), refused as PRED at its first crossing"
  else
    echo "not ok $n - Text+Berg gold: read as GOLD, refused as PRED"
    failed=$((failed + 1))
  fi
else
  echo "ok $n - Text+Berg gold: read as GOLD, refused as PRED # SKIP ../shared/eval/textberg absent"
fi
finish
