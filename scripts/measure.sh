#!/usr/bin/env bash
# Prints the figures quoted in closing notes: operation count, generated
# lines, `cargo xtask gen` time (xtask already built) and crate-only
# `cargo check -p easemob` time (dependencies built, CARGO_INCREMENTAL=0).
# Medians over RUNS runs (default 5 for gen, 3 for check). Machines are
# shared and noisy: compare figures measured in one run of this script.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
secs() {
  python3 -c 'import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(f"{time.perf_counter() - t:.3f}")' "$@"
}

cargo build -q -p xtask
cargo check -q -p easemob
echo "operations: $(grep -c '^| `' docs/ENDPOINTS.md) (rows of docs/ENDPOINTS.md); OpenAPI operations: $(grep -c '"operationId"' generated/openapi.json)"
echo "generated Rust lines: $(cat generated/src/generated/*.rs | wc -l) in $(ls generated/src/generated/*.rs | wc -l) files"
echo "hand-written runtime lines: $(cat generated/src/runtime/*.rs | wc -l)"
echo "generator lines: $(cat codegen/src/*.rs codegen/src/emit/*.rs | wc -l)"

gen=$(for _ in $(seq "$RUNS"); do secs target/debug/xtask gen --check; done | median)
echo "cargo xtask gen --check (debug xtask, in-memory generation + compare), median of $RUNS: ${gen} s"

check=$(for _ in $(seq "${CHECK_RUNS:-3}"); do
  cargo clean -q -p easemob
  secs env CARGO_INCREMENTAL=0 cargo check -q -p easemob
done | median)
echo "cargo check -p easemob (crate only, CARGO_INCREMENTAL=0), median of ${CHECK_RUNS:-3}: ${check} s"
