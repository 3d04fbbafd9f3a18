#!/usr/bin/env bash
# English Golden Rules: `bitext segment --lang en` against raw ICU (en, en@ss=standard).
#
# Usage: tests/bench/golden-rules.sh [BUILD_DIR]     (default: build/ of the repository)
#
# Data: ../shared/eval/segmentation/golden_en.json beside the repository (48
# cases, see the README.md there). A case passes only when the whole list of
# sentences equals the expected one, each sentence stripped of surrounding
# white space; empty output lines are ignored. Prints the pass counts side by
# side, then every case bitext fails with expected and actual sentences.
#
# Exit status: 0 scores printed (failures are figures, not errors) or data
# absent, 2 error (python3 or a binary missing).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build}
shared=$(cd "$root/.." && pwd)/shared
data=$shared/eval/segmentation/golden_en.json

if [[ ! -d $shared/eval ]]; then
  echo "skipped: ../shared/eval not present"
  exit 0
fi
if [[ ! -f $data ]]; then
  echo "golden-rules: $data missing" >&2
  exit 2
fi
if ! command -v python3 >/dev/null; then
  echo "golden-rules: python3 not found; install it with:" >&2
  echo "apt-get install -y python3" >&2
  exit 2
fi

icu=$build/tests/bench/bench-icu-segment
bitext=$build/src/cli/bitext
if [[ ! -x $icu ]]; then
  echo "golden-rules: $icu not built (ninja -C $build)" >&2
  exit 2
fi
if [[ ! -x $bitext ]]; then
  echo "golden-rules: $bitext not built: its column shows n/a" >&2
  bitext=
fi

exec python3 - "$data" "$icu" "$bitext" <<'EOF'
import json
import subprocess
import sys

data_path, icu, bitext = sys.argv[1:4]
with open(data_path, encoding="utf-8") as f:
    cases = json.load(f)


def run(argv, text):
    """Return (sentences, error) for one segmenter run on text."""
    p = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True)
    if p.returncode != 0:
        return None, "exit %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace").strip())
    lines = p.stdout.decode("utf-8", "replace").splitlines()
    return [s.strip() for s in lines if s.strip()], None


segmenters = []
if bitext:
    segmenters.append(("bitext segment --lang en", [bitext, "segment", "--lang", "en", "-"]))
segmenters.append(("ICU en", [icu, "--locale", "en"]))
segmenters.append(("ICU en@ss=standard", [icu, "--locale", "en@ss=standard"]))

passed = {name: 0 for name, _ in segmenters}
bitext_failures = []
for case in cases:
    expected = [s.strip() for s in case["sentences"]]
    for name, argv in segmenters:
        got, err = run(argv, case["text"])
        if got == expected:
            passed[name] += 1
        elif argv[0] == bitext:
            bitext_failures.append((case, expected, got, err))

n = len(cases)
print("English Golden Rules: %d cases (%s)" % (n, data_path))
print("  %-26s %8s %8s" % ("segmenter", "passed", "%"))
if not bitext:
    print("  %-26s %8s %8s" % ("bitext segment --lang en", "n/a", "n/a"))
for name, _ in segmenters:
    print("  %-26s %5d/%-2d %8.2f" % (name, passed[name], n, 100.0 * passed[name] / n))

if bitext:
    print()
    print("bitext failures: %d" % len(bitext_failures))
    for case, expected, got, err in bitext_failures:
        xfail = " [xfail in pySBD]" if case.get("xfail") else ""
        print("%s  rule %d: %s%s" % (case["id"], case["rule_no"], case["rule"], xfail))
        print("  text:     %s" % case["text"])
        for i, s in enumerate(expected):
            print("  expected %d: %s" % (i + 1, s))
        if err is not None:
            print("  got error: %s" % err)
        else:
            for i, s in enumerate(got):
                print("  got      %d: %s" % (i + 1, s))
EOF
