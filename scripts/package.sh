#!/usr/bin/env bash
# Builds the release archive of loa for one platform: the binary, README.md, the Vietnamese
# guide docs/huong-dan.md (when it exists) and the server configurations in deploy/.
#
#   scripts/package.sh [TARGET]      e.g. x86_64-unknown-linux-gnu, x86_64-pc-windows-msvc
#
# Without TARGET it builds for this machine. Writes dist/loa-VERSION-TARGET.tar.gz (.zip on
# Windows) and its .sha256, and prints the archive's path on the last line. The release
# workflow (.github/workflows/release.yml) runs it on Linux, Windows and macOS;
# scripts/check-package.sh runs it here and tries the result on a fresh folder.
set -euo pipefail
cd "$(dirname "$0")/.."

host="$(rustc -vV | sed -n 's/^host: //p')"
target="${1:-$host}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
name="loa-${version}-${target}"
target_dir="${CARGO_TARGET_DIR:-target}"

# For this machine, the ordinary release build (and its folder, already built by the tests);
# for another target, its own folder.
if [ "$target" = "$host" ]; then
  cargo build --release --locked >&2
  built="$target_dir/release"
else
  cargo build --release --locked --target "$target" >&2
  built="$target_dir/$target/release"
fi

exe=loa
case "$target" in *windows*) exe=loa.exe ;; esac

stage="dist/$name"
rm -rf "$stage"
mkdir -p "$stage/deploy"
cp "$built/$exe" "$stage/"
cp README.md "$stage/"
# The guide for commune officials, in Vietnamese: shipped as soon as it is written.
if [ -f docs/huong-dan.md ]; then cp docs/huong-dan.md "$stage/"; fi
cp deploy/nginx.conf "$stage/deploy/"
cp deploy/apache.htaccess "$stage/deploy/"

cd dist
case "$target" in
  *windows*)
    archive="$name.zip"
    rm -f "$archive"
    if command -v 7z >/dev/null 2>&1; then
      7z a -tzip -bso0 "$archive" "$name" >&2
    elif command -v zip >/dev/null 2>&1; then
      zip -qr "$archive" "$name"
    else
      powershell -NoProfile -Command "Compress-Archive -Path '$name' -DestinationPath '$archive'"
    fi
    ;;
  *)
    archive="$name.tar.gz"
    tar -czf "$archive" "$name"
    ;;
esac
if command -v sha256sum >/dev/null 2>&1; then
  sha256sum "$archive" > "$archive.sha256"
else
  shasum -a 256 "$archive" > "$archive.sha256"
fi
echo "dist/$archive"
