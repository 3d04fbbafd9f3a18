# tests/bench/lib.sh — helpers shared by the timing scripts (tests/bench/tmx, tests/bench/qa, tests/bench/terms).
# Source it after setting TMPD (a scratch folder) and NAME (the script's name, for messages).
# Exits 77 (skipped) when /usr/bin/time (Debian package time) is missing.

TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "$NAME: needs /usr/bin/time (Debian package time)"; exit 77; }

# measure OUT COMMAND...: runs COMMAND > OUT and prints "elapsed_s cpu_s peak_kib" (CPU =
# user + sys). An exit status up to MEASURE_OK_STATUS (default 0) is the command's normal
# result: `bitext check` exits 1 when it finds something.
measure() {
  local out=$1; shift
  local status=0
  "$TIME" -f '%e %U %S %M' -o "$TMPD/time" "$@" >"$out" 2>"$TMPD/err" || status=$?
  [ "$status" -le "${MEASURE_OK_STATUS:-0}" ] || { cat "$TMPD/err" >&2; return 1; }
  # time(1) puts "Command exited with non-zero status N" first when the command fails.
  local e u s m
  read -r e u s m < <(tail -n 1 "$TMPD/time")
  echo "$e $(printf '%.2f' "$(echo "$u + $s" | bc -l)") $m"
}

# min A B: the smaller of two decimals; A may be empty (no figure yet).
min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" -eq 1 ]; then echo "$2"; else echo "$1"; fi; }
