#!/usr/bin/env bash
# Two builds of loa against each other, run in turn (A B A B ...), so a comparison holds on a
# shared machine whose speed drifts by a third between minutes (issue 16):
#
#   bench/pair.sh OLD_LOA NEW_LOA [PAGES] [PAIRS]    default: 5000 pages per language, 6 pairs
#
#   web only          share_cards: false, kits: false, into a new OUT, cache warm
#   default, warm     loa.yaml as `loa new` writes it, into a new OUT, cache warm
#   one page edited   one page's text changed, then built into the existing OUT
#   check             `loa check` of the same default site
#   default / web     each binary's warm default build against its own web-only build, in
#                     turn: the ratios of wall and CPU time (issue 16: at most 1.15)
#
# Each binary gets its own copy of each site (content hard-linked) and so its own cache: a memo
# or record one binary keeps is never reset by the other. Each row: the median wall and CPU time
# (user + system) of each binary, from GNU time, and the median of the pairs' ratios NEW/OLD,
# which is the figure to quote. Sites, caches and output on tmpfs (/dev/shm). Needs python3 and
# /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,18p' "$0" >&2; exit 2; }
old=$(realpath "$1"); new=$(realpath "$2")
pages=${3:-5000}
pairs=${4:-6}
WORK=${BENCH_DIR:-/tmp/loa-bench}/$pages
SHM=/dev/shm/loa-pair
[ -d "$WORK/loa" ] || python3 bench/gen_corpus.py --pages "$pages" --out "$WORK"

rm -rf "$SHM"; mkdir -p "$SHM/corpus"
cp -a "$WORK/loa/content" "$SHM/corpus/content"
site() { # name, then lines replacing the corpus's share_cards line
  local dir=$SHM/$1; shift
  mkdir -p "$dir"
  cp -al "$SHM/corpus/content" "$dir/content"
  grep -v '^share_cards:' "$WORK/loa/loa.yaml" | grep -v '^#' > "$dir/loa.yaml"
  printf '%s\n' "$@" >> "$dir/loa.yaml"
  # Older than loa's settling time, as a site is between two builds.
  find "$dir" -type f -exec touch -h -d '1 hour ago' {} +
}
for who in old new; do
  site "web-$who" 'share_cards: false' 'kits: false'
  site "default-$who"
done

# One timed run: prints "wall cpu". A build must succeed; `loa check` also ends with 1 when it
# reports errors, which is a finished run.
timed() {
  local rc=0
  /usr/bin/time -f '%e %U %S' -o "$SHM/time" "$@" >/dev/null 2>"$SHM/err" || rc=$?
  if [ "$rc" -ne 0 ] && { [ "$rc" -ne 1 ] || [ "$2" != check ]; }; then
    cat "$SHM/err" >&2; exit 1
  fi
  grep -v '^Command' "$SHM/time" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}

page_of() { find "$SHM/default-$1/content" -name 'p1.md' | head -1; }
original=$(find "$WORK/loa/content" -name 'p1.md' | head -1)
edits=0
edit() { # who: one page's text changed (a new sentence each time)
  local page; page=$(page_of "$1")
  edits=$((edits + 1))
  rm -f "$page"; cp "$original" "$page"
  printf '\nThêm một câu nữa, lần %s.\n' "$edits" >> "$page"
  touch -d '10 minutes ago' "$page"
}

# The command of a row for `who`, whose binary is `bin`.
command_of() { # row, who, bin
  case $1 in
    web) echo "$3 build $SHM/web-$2 -o $SHM/out-web-$2 --quiet" ;;
    warm) echo "$3 build $SHM/default-$2 -o $SHM/out-warm-$2 --quiet" ;;
    edit) echo "$3 build $SHM/default-$2 -o $SHM/out-edit-$2 --quiet" ;;
    check) echo "$3 check $SHM/default-$2 --quiet" ;;
  esac
}
prepare() { # row, who
  case $1 in
    web) rm -rf "$SHM/out-web-$2" ;;
    warm) rm -rf "$SHM/out-warm-$2" ;;
    edit) edit "$2" ;;
    check) ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '== 3 languages x %s pages, %s pairs; old %s, new %s ==\n' "$pages" "$pairs" "$old" "$new"
printf '%-18s %19s %19s %19s\n' "" "old: wall, cpu" "new: wall, cpu" "new/old: wall, cpu"
# Warm every site's cache first (the default's share cards are the slow part of this).
for who in old new; do
  bin=$old; [ "$who" = new ] && bin=$new
  $bin build "$SHM/web-$who" -o "$SHM/out-web-$who" --quiet 2>/dev/null
  $bin build "$SHM/default-$who" -o "$SHM/out-edit-$who" --quiet 2>/dev/null
done
for row in web warm edit check; do
  : > "$SHM/rows"
  for _ in $(seq "$pairs"); do
    prepare "$row" old; a=$(timed $(command_of "$row" old "$old"))
    prepare "$row" new; b=$(timed $(command_of "$row" new "$new"))
    echo "$a $b" >> "$SHM/rows"
  done
  label=$row
  case $row in web) label="web only" ;; warm) label="default, warm" ;; edit) label="one page edited" ;; esac
  ow=$(awk '{ print $1 }' "$SHM/rows" | median); oc=$(awk '{ print $2 }' "$SHM/rows" | median)
  nw=$(awk '{ print $3 }' "$SHM/rows" | median); nc=$(awk '{ print $4 }' "$SHM/rows" | median)
  rw=$(awk '{ print $3 / $1 }' "$SHM/rows" | median); rc=$(awk '{ print $4 / $2 }' "$SHM/rows" | median)
  printf '%-18s %8.2f s %7.2f s %8.2f s %7.2f s %9.3f %9.3f\n' "$label" "$ow" "$oc" "$nw" "$nc" "$rw" "$rc"
done
# What the default configuration costs beyond web only (issue 16 asks for 15 % at most): each
# binary's warm default build against its own web-only build, the two in turn, per binary.
: > "$SHM/cost"
for _ in $(seq "$pairs"); do
  for who in old new; do
    bin=$old; [ "$who" = new ] && bin=$new
    prepare web "$who"; w=$(timed $(command_of web "$who" "$bin"))
    prepare warm "$who"; d=$(timed $(command_of warm "$who" "$bin"))
    echo "$who $w $d" >> "$SHM/cost"
  done
done
ratio() { # who, field of web, field of default
  awk -v who="$1" -v w="$2" -v d="$3" '$1 == who { print $d / $w }' "$SHM/cost" | median
}
printf '%-18s %10.3f %8.3f %10.3f %8.3f\n' "default / web only" \
  "$(ratio old 2 4)" "$(ratio old 3 5)" "$(ratio new 2 4)" "$(ratio new 3 5)"
rm -rf "$SHM"
