#!/usr/bin/env bash
# The pictures in docs/huong-dan.md, made from the example campaign (content/, static/,
# themes/default, loa.yaml in the repository root) as a user sees them:
#   - docs/img/trang-dien-thoai.png : a page in headless Chromium at 320 px wide (a small phone)
#   - docs/img/trang-chu-dien-thoai.png : the home page, same width
#   - docs/img/ap-phich.png : the first page of a poster (the print-shop copy), through pdftoppm
# Run from anywhere: scripts/screenshots.sh   (needs chromium, pdftoppm, python3; see
# scripts/install-test-tools.sh). Look at every picture after running it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
for tool in chromium pdftoppm python3; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: \`$tool\` is missing (scripts/install-test-tools.sh installs it)" >&2; exit 1; }
done

target=${CARGO_TARGET_DIR:-$root/target}
cargo build --release --quiet
loa=$target/release/loa

work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/site"
cp -r loa.yaml content static themes "$work/site/"
"$loa" build "$work/site" -o "$work/public" -q

# A plain static server, as the commune's web host would be (no preview script of `loa serve`).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done

shot() { # shot URL-PATH OUTPUT HEIGHT
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
    --hide-scrollbars --force-device-scale-factor=2 --window-size="320,$3" \
    --screenshot="$2" "http://127.0.0.1:$port/$1" 2>/dev/null
}
mkdir -p docs/img
shot "tong-dai-111/" docs/img/trang-dien-thoai.png 640
shot "" docs/img/trang-chu-dien-thoai.png 640

# The print-shop poster, first page, small enough for the guide (about 600 px wide).
pdftoppm -png -singlefile -f 1 -l 1 -scale-to-x 600 -scale-to-y -1 \
  "$work/public/tong-dai-111/poster.pdf" docs/img/ap-phich

echo "docs/img: trang-dien-thoai.png trang-chu-dien-thoai.png ap-phich.png"
