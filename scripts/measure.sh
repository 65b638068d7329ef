#!/usr/bin/env bash
# Prints the figures quoted in closing notes: operation count, generated
# lines, `cargo xtask gen` time (xtask already built) in both modes and the
# in-process generation time it reports, and crate-only `cargo check -p
# easemob` time (dependencies built, CARGO_INCREMENTAL=0). Medians over RUNS
# runs (default 10 for gen, 3 for check; CHECK_RUNS=0 skips the check).
# Machines are shared and noisy: compare figures measured in one run of this
# script. `XTASK_TIMINGS=1 target/debug/xtask gen --check` shows where the
# generation time goes.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
CHECK_RUNS=${CHECK_RUNS:-3}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Wall seconds of a command, its output discarded.
secs() {
  python3 -c 'import subprocess, sys, time
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(f"{time.perf_counter() - t:.3f}")' "$@"
}
# The "generated in …" time xtask prints, in seconds.
generated_in() {
  "$@" | sed -n 's/.*generated in \([0-9.]*\)\(µs\|ms\|s\)).*/\1 \2/p' \
    | awk '{print ($2 == "s") ? $1 : ($2 == "ms") ? $1 / 1000 : $1 / 1000000}'
}

cargo build -q -p xtask
echo "operations: $(grep -c '^| `' docs/ENDPOINTS.md) (rows of docs/ENDPOINTS.md); OpenAPI operations: $(grep -c '"operationId"' generated/openapi.json)"
echo "generated Rust lines: $(cat generated/src/generated/*.rs runtime/src/generated/*.rs | wc -l) in $(ls generated/src/generated/*.rs runtime/src/generated/*.rs | wc -l) files"
echo "hand-written runtime lines: $(find runtime/src -name '*.rs' -not -path 'runtime/src/generated/*' -exec cat {} + | wc -l)"
echo "generator lines: $(find codegen/src -name '*.rs' -exec cat {} + | wc -l)"

echo "on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); medians of $RUNS runs, debug xtask:"
for mode in "gen --check" "gen"; do
  # shellcheck disable=SC2086
  wall=$(for _ in $(seq "$RUNS"); do secs target/debug/xtask $mode; done | median)
  # shellcheck disable=SC2086
  inproc=$(for _ in $(seq "$RUNS"); do generated_in target/debug/xtask $mode; done | median)
  echo "  cargo xtask $mode: ${wall} s wall; codegen::generate alone: ${inproc} s"
done

if [ "$CHECK_RUNS" -gt 0 ]; then
  cargo check -q -p easemob
  check=$(for _ in $(seq "$CHECK_RUNS"); do
    cargo clean -q -p easemob
    secs env CARGO_INCREMENTAL=0 cargo check -q -p easemob
  done | median)
  echo "cargo check -p easemob (crate only, CARGO_INCREMENTAL=0), median of $CHECK_RUNS: ${check} s"
fi
