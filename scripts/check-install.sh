#!/usr/bin/env bash
# Checks the README's install command from a clean clone, as a new user runs it:
#   git clone … && cd loa && cargo install --path . --locked
# then removes the clone and uses `loa` from another folder: new, build (into the default
# public/ and from inside the site), check, serve. Run by hand (CI does not: it compiles
# everything a second time, about 10 minutes on 2 cores).
#
# It clones the committed HEAD of this repository (uncommitted changes are not in it) and
# installs into a temporary folder, never into ~/.cargo/bin. LOA_INSTALL_TARGET_DIR=DIR reuses
# a build folder (faster; the default is a fresh one, which is what a user has).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel)"
tmp="$(mktemp -d)"
trap 'kill "${serve_pid:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT

git clone --quiet "$repo" "$tmp/loa"
echo "cloned $(git -C "$tmp/loa" log -1 --format='%h %s')"
target_args=()
if [ -n "${LOA_INSTALL_TARGET_DIR:-}" ]; then target_args=(--target-dir "$LOA_INSTALL_TARGET_DIR"); fi
start=$(date +%s)
(cd "$tmp/loa" && cargo install --path . --locked --root "$tmp/prefix" "${target_args[@]}")
echo "cargo install: $(( $(date +%s) - start )) s"

# Nothing of the clone is needed once installed.
rm -rf "$tmp/loa"
export PATH="$tmp/prefix/bin:$PATH"
command -v loa
mkdir -p "$tmp/elsewhere"
cd "$tmp/elsewhere"
loa --version
loa new "chiến dịch"
loa build "chiến dịch" --quiet
test -f "chiến dịch/public/index.html"
(cd "chiến dịch" && rm -rf public && loa build --quiet && test -f public/index.html)
loa check "chiến dịch" > /dev/null 2>&1
echo "new, build, check from another folder: ok"

(loa serve "chiến dịch" --port 0 > "$tmp/serve.out" 2> "$tmp/serve.err") &
serve_pid=$!
for _ in $(seq 1 600); do
  grep -q 'http://' "$tmp/serve.out" 2>/dev/null && break
  sleep 0.1
done
url="$(grep -o 'http://[^ ]*' "$tmp/serve.out" | head -n1)"
test -n "$url" || { cat "$tmp/serve.err"; exit 1; }
python3 -c 'import sys,urllib.request; assert urllib.request.urlopen(sys.argv[1]).status == 200' "$url"
echo "serve: $url answered 200"
echo "install from a clean clone: ok"
