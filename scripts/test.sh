#!/usr/bin/env bash
# The whole test suite, as the README's second set-up command and CI (.ci/run) run it:
# installs the tools the tests need, then formatting, lints and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-tools.sh
cargo fmt --check
cargo clippy --release --all-targets -- -D warnings
cargo test --release
