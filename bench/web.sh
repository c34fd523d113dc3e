#!/usr/bin/env bash
# Web-only build benchmark, loa against Hugo on the same corpus, side by side (issue #2).
#
#   bench/web.sh [PAGES...]        default: 1000 5000 (pages per language, 3 languages)
#
# Needs: python3, GNU time (/usr/bin/time), hugo (apt-get install hugo). Builds loa in release.
# Prints wall time and peak memory (max RSS) for each tool, onto disk and into tmpfs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
LOA=${CARGO_TARGET_DIR:-$PWD/target}/release/loa
WORK=${BENCH_DIR:-/tmp/loa-bench}
SHM=/dev/shm/loa-bench
command -v hugo >/dev/null || { echo "hugo is not installed: apt-get install hugo" >&2; exit 1; }
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000)

measure() { # label outdir command...
  local label=$1 out=$2; shift 2
  rm -rf "$out"; sync
  /usr/bin/time -f "%e %M" -o /tmp/loa-bench-time "$@" >/dev/null 2>&1
  read -r secs kb < /tmp/loa-bench-time
  local files; files=$(find "$out" -name '*.html' | wc -l)
  printf "%-28s %8.2f s %8d MB %8d html\n" "$label" "$secs" $((kb / 1024)) "$files"
}

for n in "${sizes[@]}"; do
  dir=$WORK/$n
  [ -d "$dir/loa" ] || python3 bench/gen_corpus.py --pages "$n" --out "$dir"
  echo "== 3 languages x $n pages (~800 words each) =="
  measure "loa  disk"  "$dir/out-loa"  "$LOA" build "$dir/loa" -o "$dir/out-loa" --quiet
  measure "hugo disk"  "$dir/out-hugo" hugo --quiet -s "$dir/hugo" -d "$dir/out-hugo"
  mkdir -p "$SHM"
  measure "loa  tmpfs" "$SHM/loa"  "$LOA" build "$dir/loa" -o "$SHM/loa" --quiet
  measure "hugo tmpfs" "$SHM/hugo" hugo --quiet -s "$dir/hugo" -d "$SHM/hugo"
  rm -rf "$SHM"
done
