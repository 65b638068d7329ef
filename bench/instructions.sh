#!/usr/bin/env bash
# Per-call counts of the benchmark's two sides under valgrind's callgrind:
# instructions, first-level cache misses (instruction and data) and
# mispredicted branches, for the sequential GET, the GET over 64 concurrent
# tasks and the 10,000-member list, with the ratio client / hand-written for
# each. Unlike the times that `cargo run --release -p easemob-bench` prints,
# these counts do not move with the machine's load, and little with code
# layout (they vary by 1-2% from run to run, with the threads' scheduling),
# so they compare across builds and sessions.
#
#   bench/instructions.sh                   # the sequential GET and the list
#   CALLS="seq" bench/instructions.sh       # the GET only (`list` for the list)
#   CALLS="seq conc list" bench/instructions.sh
#                                           # and the concurrent GET (`conc`;
#                                           # valgrind runs one thread at a
#                                           # time, so this counts the work
#                                           # per call, not the contention)
#   GET_CALLS=500 LIST_CALLS=10 bench/instructions.sh
#
# Each side runs twice, with n and 3n calls (`BENCH_PROFILE_CALLS`); the
# difference over 2n is the cost of one call, start-up excluded. callgrind
# simulates one cache for all threads, so the miss counts are a model of a
# core that runs the client, its runtime and the loopback server in turn;
# `estimate` weighs them as `instructions + 10 × misses + 15 × mispredicted
# branches`, a rough count of cycles: for the GET its ratio has come within
# about 0.05 of the measured time ratio. Needs valgrind; CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${CALLS:-seq list}
GET_CALLS=${GET_CALLS:-1000}
LIST_CALLS=${LIST_CALLS:-10}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
cargo build --release -q -p easemob-bench
BIN=target/release/easemob-bench
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# `summary SIDE CALL N`: callgrind's totals line for N calls of CALL by SIDE.
summary() {
  local which=$2
  # The benchmark calls the concurrent GETs `get`.
  [ "$which" = conc ] && which=get
  BENCH_PROFILE=$1 BENCH_PROFILE_CALL=$which BENCH_PROFILE_CALLS=$3 \
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
    --callgrind-out-file="$OUT/cg" "$BIN" >/dev/null 2>&1
  grep '^summary:' "$OUT/cg" | cut -d' ' -f2-
}

printf '| %-5s | %-12s | %12s | %9s | %9s | %9s | %10s | %12s |\n' \
  call side instructions 'I1 miss' 'D1 miss' 'mispred.' 'estimate' 'ratio (est.)'
printf '|%s|\n' '-------|--------------|--------------|-----------|-----------|-----------|------------|--------------'
for call in $CALLS; do
  case $call in
    seq) n=$GET_CALLS ;;
    # Blocks of 1,024 calls over 64 tasks (see `profile` in src/main.rs).
    conc) n=1024 ;;
    list) n=$LIST_CALLS ;;
    *) echo "CALLS takes seq, conc and list, not $call" >&2; exit 1 ;;
  esac
  hand_estimate=
  for side in hand easemob; do
    one=$(summary "$side" "$call" "$n")
    three=$(summary "$side" "$call" $((3 * n)))
    # Events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim.
    read -r ir i1 d1 bm est < <(paste <(tr ' ' '\n' <<<"$one") <(tr ' ' '\n' <<<"$three") |
      awk -v calls=$((2 * n)) '{ d[NR] = ($2 - $1) / calls }
        END { printf "%.0f %.0f %.0f %.0f %.0f\n", d[1], d[4], d[5] + d[6], d[11] + d[13],
                     d[1] + 10 * (d[4] + d[5] + d[6]) + 15 * (d[11] + d[13]) }')
    if [ "$side" = hand ]; then
      hand_estimate=$est
      ratio=-
    else
      ratio=$(awk -v a="$est" -v b="$hand_estimate" 'BEGIN { printf "%.3f", a / b }')
    fi
    label=$side
    [ "$side" = hand ] && label=hand-written
    printf '| %-5s | %-12s | %12s | %9s | %9s | %9s | %10s | %12s |\n' "$call" "$label" "$ir" "$i1" "$d1" "$bm" "$est" "$ratio"
  done
done
echo
echo "Per call: the difference between $GET_CALLS and $((3 * GET_CALLS)) GETs, or $LIST_CALLS and $((3 * LIST_CALLS)) lists, divided by the calls between."
