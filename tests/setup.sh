#!/usr/bin/env bash
# Install what building and testing bitext needs on Debian 12, if it is missing.
# As root: apt-get install. Otherwise: print the exact apt-get line and exit 1.
# Extra packages may be given as arguments. With --main (samples/run.sh), only what building
# and running bitext needs; without, also what the tests use (OmegaT, Chromium, translate-toolkit…).
set -euo pipefail
main=(gcc meson ninja-build pkg-config libglib2.0-dev libicu-dev libxml2-dev libstemmer-dev
      libhunspell-dev hunspell-ru hunspell-en-us libsoup-3.0-dev libjson-glib-dev
      libgsf-1-dev libarchive-dev libpoppler-glib-dev)
tests=(chromium dict-freedict-eng-rus dict-freedict-deu-fra mueller7-dict installation-guide-amd64 maint-guide maint-guide-ru maint-guide-de manpages manpages-ru
       groff-base python3 omegat python3-translate translate-toolkit libxml2-utils poppler-utils pandoc gettext clang)
if [ "${1:-}" = --main ]; then
  shift
  packages=("${main[@]}" "$@")
else
  packages=("${main[@]}" "${tests[@]}" "$@")
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "setup: missing Debian packages; run as root:" >&2
  echo "apt-get install -y --no-install-recommends ${missing[*]}"
  exit 1
fi
