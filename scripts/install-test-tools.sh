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
  # tests/browser.rs: pages read in headless Chromium (axe-core and the issue 17 checks), the
  # Nu Html Checker (a Java program), what a speech engine says of the hotline.
  [chromium]=chromium
  [node]=nodejs
  [npm]=npm
  [java]=default-jre-headless
  [espeak-ng]=espeak-ng
)

missing=()
for cmd in "${!wanted[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${wanted[$cmd]}")
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
