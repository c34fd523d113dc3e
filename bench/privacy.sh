#!/usr/bin/env bash
# `loa check` on one page holding a single long line of digits separated by `|` (issue 10: the
# privacy detector was quadratic there, 100,000 digits took 31 s). Prints the wall time per size:
# linear work doubles with the size.
#
#   bench/privacy.sh [DIGITS...]      default: 100000 200000 400000 800000
#
# Needs GNU time (/usr/bin/time). Uses the release binary (LOA=path to override).
# Measured on the 2-core development machine (other builds running): 100,000 digits 0.16 s,
# 200,000 0.28 s, 400,000 0.39 s, 800,000 0.69 s (was 31 s for 100,000 before the fix).
set -euo pipefail
cd "$(dirname "$0")/.."
LOA=${LOA:-}
if [ -z "$LOA" ]; then cargo build --release --quiet; LOA=${CARGO_TARGET_DIR:-$PWD/target}/release/loa; fi
WORK=${BENCH_DIR:-/tmp/loa-bench-privacy}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000 200000 400000 800000)
for n in "${sizes[@]}"; do
  site=$WORK/$n
  rm -rf "$site"; mkdir -p "$site/content"
  printf 'title: T\nbase_url: "https://xa.gov.vn"\ndefault_language: vi\nlanguages: [{code: vi, name: V}]\nhotline: {number: "111"}\n' >"$site/loa.yaml"
  { printf -- '---\ntitle: "Số liệu"\n---\n\n'; python3 -c "print('|'.join(str(i % 10) for i in range($n)))"; } >"$site/content/_index.md"
  /usr/bin/time -f "%e s %M KB" -o "$WORK/time" "$LOA" check "$site" --quiet --format json >/dev/null || true
  printf '%8d digits  %s\n' "$n" "$(cat "$WORK/time")"
done
