#!/usr/bin/env bash
# Cost of loudspeaker scripts and SMS texts (issue 4): the same corpus built with `outputs: [web]`
# and with `outputs: [web, broadcast, sms]` on every page (plus one bulletin per section and
# language).
#
#   bench/speech.sh [PAGES]        default: 1000 pages per language, 3 languages
#
# Needs python3 and GNU time (/usr/bin/time). Uses the release binary (LOA=path to override).
set -euo pipefail
cd "$(dirname "$0")/.."
LOA=${LOA:-}
if [ -z "$LOA" ]; then cargo build --release --quiet; LOA=${CARGO_TARGET_DIR:-$PWD/target}/release/loa; fi
n=${1:-1000}
WORK=${BENCH_DIR:-/tmp/loa-bench-speech}/$n
[ -d "$WORK/loa" ] || python3 bench/gen_corpus.py --pages "$n" --out "$WORK"
rm -rf "$WORK/speech"; cp -r "$WORK/loa" "$WORK/speech"
# Every page asks for a script and an SMS: insert the key after the opening `---`.
find "$WORK/speech/content" -name '*.md' -exec sed -i '1a outputs: [web, broadcast, sms]' {} +

measure() { # label site
  local out=$WORK/out-$1
  rm -rf "$out"; sync
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$LOA" build "$2" -o "$out" --quiet
  read -r secs kb < "$WORK/time"
  printf "%-22s %7.2f s %6d MB %6d broadcast.txt %6d sms.txt %4d bulletin.txt\n" "$1" "$secs" $((kb / 1024)) \
    "$(find "$out" -name broadcast.txt | wc -l)" "$(find "$out" -name sms.txt | wc -l)" \
    "$(find "$out" -name bulletin.txt | wc -l)"
}
echo "== 3 languages x $n pages (~800 words each) =="
measure "web only" "$WORK/loa"
measure "web+broadcast+sms" "$WORK/speech"
