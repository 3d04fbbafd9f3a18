#!/usr/bin/env bash
# bitext CLI tests — a real client reads our glossary: OmegaT (Debian package omegat) opens, in
# console mode, a project whose glossary/ folder holds `bitext glossary extract --format omegat`'s
# output. OmegaT builds no glossary pane in console mode, so a console script (--script, run on
# the project's load) drives OmegaT's own glossary code: GlossaryManager's file loader (the one
# its glossary pane uses, chosen by the file's extension), and the tokenizer and term test of
# its glossary search, over every source segment. OmegaT skips the lines it cannot read without
# a word, so the script's counts are compared with the file's; a file it cannot read fails.
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/omegat-common.sh"
plan 4

# The console script: "bitext-glossary:" lines on stdout. It runs on each project event
# (load, compile, close); the test reads the first report. Private members are reached the
# Groovy way: GlossaryManager.loadGlossaryFile and FindGlossaryThread.tokenize.
cat >"$TMP/probe.groovy" <<'EOF'
import org.omegat.gui.glossary.FindGlossaryThread
import org.omegat.gui.glossary.GlossaryManager
import org.omegat.tokenizer.DefaultTokenizer

def props = project.projectProperties
def manager = new GlossaryManager(null)
manager.@priorityGlossary = new File(props.writeableGlossary)
def entries = []
new File(props.glossaryRoot).listFiles().sort().each { f ->
  def loaded = manager.loadGlossaryFile(f)
  println("bitext-glossary: file ${f.name} ${loaded.size()}")
  loaded.each { e -> println("bitext-glossary: entry ${e.srcText}\t${e.locText}\t${e.commentText}") }
  entries.addAll(loaded)
}
def tok = project.sourceTokenizer
def locale = props.sourceLanguage.locale
int segments = 0, withHits = 0
project.allEntries.each { ste ->
  def finder = new FindGlossaryThread(null, ste, manager)
  def words = finder.tokenize(tok, ste.srcText.toLowerCase(locale))
  def hits = entries.findAll { e ->
    DefaultTokenizer.isContainsAll(words, finder.tokenize(tok, e.srcText.toLowerCase(locale)), false)
  }
  segments++
  if (hits) withHits++
  println("bitext-glossary: hits ${ste.srcText.take(40)}\t${hits.collect { it.srcText + '=' + it.locText }.join('; ')}")
}
println("bitext-glossary: segments ${segments} ${withHits}")
EOF

# run_omegat NAME: the project $TMP/NAME (glossary/ filled by the caller), opened by OmegaT in
# console mode with the script; its first report goes to $TMP/NAME.report.
run_omegat() {
  local p="$TMP/$1"
  omegat_project "$p" && omegat_console "$p" --script="$TMP/probe.groovy" || return 1
  grep "^bitext-glossary: " "$p.log" | awk '/^bitext-glossary: segments / { print; exit } { print }' \
    >"$p.report"
  grep -q "^bitext-glossary: segments " "$p.report" || { grep -m5 "Error" "$p.log"; return 1; }
}

# entries FILE: the glossary's entries as OmegaT should show them, source<TAB>target<TAB>comment.
entries() { grep -v '^#' "$1" | awk -F'\t' '{ print $1 "\t" $2 "\t" $3 }'; }

check_loads() {
  mkdir -p "$TMP/speech/glossary"
  "$BITEXT" glossary extract "$ROOT/tm/speech.en-ru.tmx" --format omegat \
    -o "$TMP/speech/glossary/bitext.txt" || return 1
  run_omegat speech || return 1
  local n
  n=$(entries "$TMP/speech/glossary/bitext.txt" | wc -l)
  echo "# OmegaT read $(awk '/file bitext.txt/ { print $4 }' "$TMP/speech.report") of the $n entries" \
    | tee "$TMP/figures.loads"
  [ "$n" -ge 20 ] && grep -qx "bitext-glossary: file bitext.txt $n" "$TMP/speech.report"
}
ok "OmegaT's glossary loader reads every entry of bitext's OmegaT glossary" check_loads
cat "$TMP/figures.loads" 2>/dev/null

# Every entry, byte for byte: UTF-8 Cyrillic, the comment column, in the file's order.
check_entries() {
  diff <(entries "$TMP/speech/glossary/bitext.txt") \
       <(sed -n 's/^bitext-glossary: entry //p' "$TMP/speech.report")
}
ok "... with their source, target and comment as written" check_entries

# OmegaT's glossary search (its English tokenizer, all of an entry's words in the segment).
check_hits() {
  local total hits
  read -r total hits < <(awk '/^bitext-glossary: segments / { print $3, $4 }' "$TMP/speech.report")
  echo "# OmegaT finds glossary entries in $hits of its $total source segments" | tee "$TMP/figures.hits"
  grep -q "^bitext-glossary: hits .*	.*missile defence=противоракетная оборона" "$TMP/speech.report" &&
  [ $((2 * hits)) -ge "$total" ]
}
ok "OmegaT's glossary search finds the entries in at least half of its segments" check_hits
cat "$TMP/figures.hits" 2>/dev/null

# The check can fail: a glossary written with ';' for tabs, as a careless export would, is a
# file OmegaT reads no entry from, and the comparison above catches it.
check_unreadable() {
  mkdir -p "$TMP/bad/glossary"
  entries "$TMP/speech/glossary/bitext.txt" | tr '\t' ';' >"$TMP/bad/glossary/bitext.txt"
  run_omegat bad || return 1
  grep -qx "bitext-glossary: file bitext.txt 0" "$TMP/bad.report"
}
ok "a glossary OmegaT cannot read shows as 0 entries read" check_unreadable
finish
