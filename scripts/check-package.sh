#!/usr/bin/env bash
# Builds the Linux release archive (scripts/package.sh) and checks that it works as a user
# gets it: unpacked into a fresh folder, run with an empty environment from another fresh
# folder (no Rust, no clone, no HOME settings), it creates, builds, checks and serves a site.
# Run by hand before a release (CI does not: it would compile everything again).
set -euo pipefail
cd "$(dirname "$0")/.."

archive="$(scripts/package.sh | tail -n1)"
echo "archive: $archive ($(du -h "$archive" | cut -f1))"

fresh="$(mktemp -d)"
trap 'kill "${serve_pid:-}" 2>/dev/null || true; rm -rf "$fresh"' EXIT
tar -xzf "$archive" -C "$fresh"
unpacked="$(echo "$fresh"/loa-*)"
echo "contents:"; (cd "$unpacked" && find . -type f | sort | sed 's/^/  /')
test -x "$unpacked/loa"
test -f "$unpacked/README.md"
test -f "$unpacked/deploy/nginx.conf"
if [ -f docs/huong-dan.md ]; then test -f "$unpacked/huong-dan.md"; fi

# What the binary needs from the system (the C library and little else) and how new a glibc.
echo "linked against:"; ldd "$unpacked/loa" | sed 's/^/  /'
echo "newest glibc symbol: $(objdump -T "$unpacked/loa" | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -n1)"

work="$fresh/work"
mkdir -p "$work"
run() { (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$fresh/home" "$unpacked/loa" "$@"); }
run --version
run new chien-dich
run build chien-dich --quiet
test -f "$work/chien-dich/public/index.html"
test -f "$work/chien-dich/public/404.html"
run check chien-dich > /dev/null 2>&1
echo "new, build, check: ok"

(cd "$work" && env -i PATH=/usr/bin:/bin HOME="$fresh/home" "$unpacked/loa" serve chien-dich --port 0 \
  > "$fresh/serve.out" 2> "$fresh/serve.err") &
serve_pid=$!
for _ in $(seq 1 600); do
  grep -q 'http://' "$fresh/serve.out" 2>/dev/null && break
  sleep 0.1
done
url="$(grep -o 'http://[^ ]*' "$fresh/serve.out" | head -n1)"
test -n "$url" || { cat "$fresh/serve.err"; exit 1; }
status="$(python3 -c 'import sys,urllib.request; print(urllib.request.urlopen(sys.argv[1]).status)' "$url")"
test "$status" = 200
echo "serve: $url answered $status"
echo "the archive works on a fresh folder: $archive"
