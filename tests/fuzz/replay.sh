#!/usr/bin/env bash
# replay.sh TARGET NAME: run the fuzz target once on every seed of corpus/NAME/, every saved
# crash input of crashes/NAME/ and, for tmx, the TMX files of ../shared/tmx when present.
# A libFuzzer build and a replay build take the same arguments (files). One TAP line per
# directory; a sanitizer report on stderr fails it whatever the exit status.
set -uo pipefail
target=$1 name=$2
here=${G_TEST_SRCDIR:?}/fuzz
dirs=("$here/corpus/$name" "$here/crashes/$name")
shared=${G_TEST_SRCDIR}/../../shared/tmx
[ "$name" = tmx ] && [ -d "$shared" ] && dirs+=("$shared")
echo "1..${#dirs[@]}"
n=0 failed=0
log=$(mktemp "${TMPDIR:-/tmp}/bitext-fuzz-replay.XXXXXX")
trap 'rm -f "$log"' EXIT
for d in "${dirs[@]}"; do
  n=$((n + 1))
  mapfile -t files < <(find "$d" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | sort)
  if [ "${#files[@]}" -eq 0 ]; then
    echo "ok $n - $name: ${d#"$G_TEST_SRCDIR"/} # SKIP no inputs"
    continue
  fi
  "$target" "${files[@]}" >"$log" 2>&1
  status=$?
  if [ "$status" -ne 0 ] || grep -Eq 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)|runtime error:|ERROR: libFuzzer' "$log"; then
    echo "not ok $n - $name: ${#files[@]} inputs of ${d#"$G_TEST_SRCDIR"/} (exit $status)"
    grep -E 'Running:|ERROR|runtime error|^ +#[0-9]' "$log" | head -n 30 | sed 's/^/# /'
    failed=$((failed + 1))
  else
    echo "ok $n - $name: ${#files[@]} inputs of ${d#"$G_TEST_SRCDIR"/}"
  fi
done
exit $(( failed > 0 ? 1 : 0 ))
