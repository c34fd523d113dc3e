#!/usr/bin/env bash
# `loa check` on the benchmark corpus (bench/gen_corpus.py: 3 languages, ~800 words a page),
# beside `loa build` of the same site. Prints wall time and peak memory (max RSS).
#
#   bench/check.sh [PAGES...]      default: 1000 (pages per language)
#
# Needs: python3, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
LOA=${LOA:-$PWD/target/release/loa}
WORK=${BENCH_DIR:-/tmp/loa-bench}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000)
for n in "${sizes[@]}"; do
  dir=$WORK/$n
  [ -d "$dir/loa" ] || python3 bench/gen_corpus.py --pages "$n" --out "$dir" >/dev/null
  echo "== 3 languages x $n pages =="
  for run in 1 2 3; do
    /usr/bin/time -f "loa check  run $run %e s %M KB" "$LOA" check "$dir/loa" --quiet --format json >/dev/null || true
  done
  rm -rf "$dir/out-loa"
  /usr/bin/time -f "loa build        %e s %M KB" "$LOA" build "$dir/loa" -o "$dir/out-loa" --quiet
done
