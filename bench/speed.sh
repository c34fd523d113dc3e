#!/usr/bin/env bash
# What users get, timed as whole processes, side by side with Hugo on the same corpus (issue 16):
#
#   bench/speed.sh [PAGES] [RUNS]       default: 5000 pages per language (3 languages), 3 runs
#   LOA=/tmp/old/loa bench/speed.sh     the same with another loa binary
#
#   web only            share_cards: false, kits: false (what Hugo makes too)
#   default, cold       loa.yaml as `loa new` writes it (share cards, offline kits), empty cache
#   default, warm       the same with the cache of the run before (pictures, cards, PDFs)
#   unchanged rebuild   the same again, nothing edited
#   one page edited     one page's text changed, then built
#   hugo                Hugo on the same pages
#
# Each row: the median of RUNS of wall time, CPU time (user + system) and peak memory (max
# RSS), from GNU time; sites, their caches and output on tmpfs (/dev/shm) so the disk does not
# decide, all on one file system as SITE/public is (cached outputs are hard-linked). Needs python3,
# /usr/bin/time and hugo (apt-get install hugo); builds loa in release.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-5000}
runs=${2:-3}
# LOA=path/to/loa times another build of loa (an older commit, for a before/after table).
if [ -z "${LOA:-}" ]; then
  cargo build --release --quiet
  LOA=${CARGO_TARGET_DIR:-$PWD/target}/release/loa
fi
WORK=${BENCH_DIR:-/tmp/loa-bench}/$pages
SHM=/dev/shm/loa-speed
command -v hugo >/dev/null || { echo "hugo is not installed: apt-get install hugo" >&2; exit 1; }
[ -d "$WORK/loa" ] || python3 bench/gen_corpus.py --pages "$pages" --out "$WORK"

# Three sites over the same content (hard links), each with its own loa.yaml and cache, on the
# same file system as their output: a cache on the disk and OUT on tmpfs would make every
# cached card and PDF a copy instead of a link, which no user's SITE/public is.
rm -rf "$SHM"; mkdir -p "$SHM/corpus"
cp -a "$WORK/loa/content" "$SHM/corpus/content"
cp -a "$WORK/hugo" "$SHM/hugo-src"
variant() { # name, then lines replacing the corpus's share_cards line
  local dir=$SHM/site-$1; shift
  rm -rf "$dir"; mkdir -p "$dir"
  cp -al "$SHM/corpus/content" "$dir/content"
  grep -v '^share_cards:' "$WORK/loa/loa.yaml" | grep -v '^#' > "$dir/loa.yaml"
  printf '%s\n' "$@" >> "$dir/loa.yaml"
  # Older than loa's settling time, as a site is between two builds.
  find "$dir" -type f -exec touch -h -d '1 hour ago' {} +
  echo "$dir"
}
web=$(variant web 'share_cards: false' 'kits: false')
default=$(variant default)
edit=$(variant edit)

# One timed run: prints "wall cpu maxrss_mb".
timed() {
  /usr/bin/time -f '%e %U %S %M' -o /tmp/loa-speed-time "$@" >/dev/null 2>/tmp/loa-speed-err \
    || { cat /tmp/loa-speed-err >&2; exit 1; }
  awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024 }' /tmp/loa-speed-time
}

# The median of RUNS runs of "prepare; command" (prepare is untimed).
row() { # label, prepare, command...
  local label=$1 prepare=$2; shift 2
  local results=()
  for _ in $(seq "$runs"); do
    eval "$prepare"
    results+=("$(timed "$@")")
  done
  printf '%s\n' "${results[@]}" | sort -n | awk -v n="$runs" -v label="$label" '
    NR == int((n + 1) / 2) { printf "%-22s %8.2f s %8.2f s %8d MB\n", label, $1, $2, $3; print $1 > "/tmp/loa-speed-last" }'
}

printf '== 3 languages x %s pages (~800 words each), median of %s runs ==\n' "$pages" "$runs"
printf '%-22s %10s %10s %11s\n' "" wall cpu "peak mem"
row "hugo" "rm -rf $SHM/hugo" hugo --quiet -s "$SHM/hugo-src" -d "$SHM/hugo"
hugo_s=$(cat /tmp/loa-speed-last)
# Web only with its cache warm (spoken lines, pictures), as the default's warm row below.
"$LOA" build "$web" -o "$SHM/web" --quiet 2>/dev/null
row "loa web only" "rm -rf $SHM/web" "$LOA" build "$web" -o "$SHM/web" --quiet
web_s=$(cat /tmp/loa-speed-last)
row "loa default, cold" "rm -rf $SHM/default $default/.loa-cache" "$LOA" build "$default" -o "$SHM/default" --quiet
row "loa default, warm" "rm -rf $SHM/default" "$LOA" build "$default" -o "$SHM/default" --quiet
warm_s=$(cat /tmp/loa-speed-last)
row "loa unchanged rebuild" "" "$LOA" build "$default" -o "$SHM/default" --quiet
# The edit site: built once, then each run changes one page's text (a new sentence).
"$LOA" build "$edit" -o "$SHM/edit" --quiet 2>/dev/null
page=$(find "$edit/content" -name 'p1.md' | head -1)
n=0
edit_page() {
  n=$((n + 1))
  rm -f "$page"; cp "$WORK/loa/${page#"$edit"/}" "$page"
  printf '\nThêm một câu nữa, lần %s.\n' "$n" >> "$page"
  touch -d '10 minutes ago' "$page"
}
row "loa one page edited" "edit_page" "$LOA" build "$edit" -o "$SHM/edit" --quiet
rm -rf "$SHM"
awk -v h="$hugo_s" -v w="$web_s" -v d="$warm_s" 'BEGIN {
  printf "hugo / loa web only: %.1fx;  default warm / web only: %.2f\n", h / w, d / w }'
