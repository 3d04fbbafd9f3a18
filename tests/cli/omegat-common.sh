# bitext CLI tests — what the OmegaT tests share; sourced after tap.sh. Without OmegaT (Debian
# package omegat) the sourcing script is skipped whole: TAP's "1..0 # SKIP", exit status 0.
JAR=/usr/share/omegat/OmegaT.jar
if [ ! -f "$JAR" ] || ! command -v java >/dev/null; then
  echo "1..0 # SKIP OmegaT not installed ($JAR and java needed; Debian package omegat)"
  exit 0
fi
DATA="$ROOT/tests/data"

# omegat_project DIR: an en -> ru OmegaT project (tests/data/omegat) translating samples/speech.en.txt.
omegat_project() {
  mkdir -p "$1/source" "$1/target" "$1/tm/auto" "$1/omegat" "$1/glossary" "$1/dictionary" &&
  cp "$DATA/omegat/omegat.project" "$1/" && cp "$ROOT/samples/speech.en.txt" "$1/source/"
}

# omegat_console DIR [OPTION...]: OmegaT's console-translate mode on the project DIR, logged to DIR.log.
omegat_console() {
  local p=$1; shift
  HOME="$TMP/home" java -Djava.awt.headless=true -jar "$JAR" "$p" --mode=console-translate "$@" \
    >"$p.log" 2>&1 || { tail -n 20 "$p.log"; return 1; }
}
