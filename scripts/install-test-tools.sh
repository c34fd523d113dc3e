#!/usr/bin/env bash
# Installs what the test suite reads outputs with, when it is missing: the README's test command
# and CI both call this, so a fresh Debian/Ubuntu machine needs nothing but cargo beforehand.
# Idempotent: a tool already on the PATH is not installed again.
set -euo pipefail
cd "$(dirname "$0")/.."

# command on the PATH -> Debian package that provides it
declare -A wanted=(
  [pdftotext]=poppler-utils
  [pdffonts]=poppler-utils
  [pdfinfo]=poppler-utils
  [pdftoppm]=poppler-utils
  [exiftool]=libimage-exiftool-perl  # tests/clean_pictures.rs: no published picture keeps metadata
  [nginx]=nginx        # tests/publish.rs: deploy/nginx.conf on a real server
  # tests/publish.rs: a served script as a browser shows it; tests/browser.rs: every page read in
  # headless Chromium (axe-core and the issue 17 checks)
  [chromium]=chromium
  [convert]=imagemagick
  [zbarimg]=zbar-tools
  # tests/browser.rs: the checks' runner, the Nu Html Checker (Java), what a speech engine says
  [node]=nodejs
  [npm]=npm
  [java]=default-jre-headless
  [espeak-ng]=espeak-ng
)

# A command that is on the PATH but is not the tool: some machines have a stand-in `convert`
# that only turns a PNG into PPM and says "ImageMagick is not installed here" to anything else
# (tests/print.rs rasterises qr.svg with it). Such a command counts as missing.
declare -A probe=(
  [convert]='convert -version 2>/dev/null | grep -q ImageMagick'
)

# Python modules the print tests read PDFs with (tests/tools/pdf_facts.py runs /usr/bin/python3,
# Debian's own, so a pyenv or venv python on the PATH does not hide them) -> Debian package
declare -A python_modules=(
  [pdfminer]=python3-pdfminer
  [pikepdf]=python3-pikepdf
  [icalendar]=python3-icalendar  # tests/kit.rs: calendar.ics read by a real RFC 5545 parser
)
# nginx lives in /usr/sbin, which is not on a normal user's PATH.
PATH="$PATH:/usr/sbin:/sbin"

missing=()
for cmd in "${!wanted[@]}"; do
  if ! command -v "$cmd" >/dev/null 2>&1 || { [ -n "${probe[$cmd]:-}" ] && ! eval "${probe[$cmd]}"; }; then
    missing+=("${wanted[$cmd]}")
  fi
done

for module in "${!python_modules[@]}"; do
  /usr/bin/python3 -c "import $module" >/dev/null 2>&1 || missing+=("${python_modules[$module]}")
done

if ((${#missing[@]})); then
  mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
  echo "installing test tools: ${packages[*]}" >&2
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# npm packages of tests/browser (axe-core, puppeteer-core, vnu-jar), pinned by its lockfile, into
# tests/browser/node_modules (gitignored). Install scripts stay off: vnu-jar's would download a
# Java runtime, and the Debian one above is used. Done again only when the lockfile changed.
browser=tests/browser
stamp="$browser/node_modules/.loa-installed-lock.json"
if ! cmp -s "$browser/package-lock.json" "$stamp"; then
  echo "installing test tools: npm packages of $browser" >&2
  (cd "$browser" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$browser/package-lock.json" "$stamp"
fi
