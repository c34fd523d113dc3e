#!/usr/bin/env bash
# Runs every fuzz target for a bounded time and prints executions and crashes per target.
#   bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, all targets)
# Needs the nightly toolchain (installed on the development machine) and cargo-fuzz, which this
# script installs when missing. Seeds: fuzz/seeds/TARGET; crashes land in fuzz/artifacts/TARGET
# and each one becomes a regression test (tests/fuzz_cases.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(config front_matter numbers page); fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$PWD/fuzz/target}"
for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus" "fuzz/artifacts/$t"
  [ -d "fuzz/seeds/$t" ] && cp -n fuzz/seeds/"$t"/* "$corpus"/ 2>/dev/null || true
  log="fuzz/artifacts/$t/last-run.log"
  # -rss_limit_mb: a run that needs more memory than this is a crash (issue 10: unbounded input).
  cargo +nightly fuzz run --release "$t" "$corpus" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 >"$log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  crashes=$(find "fuzz/artifacts/$t" -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' | wc -l)
  echo "$t: $execs executions in ${seconds}s, $crashes crash/oom/timeout files in fuzz/artifacts/$t"
done
