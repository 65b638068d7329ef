#!/usr/bin/env bash
# Per-call counts of the benchmark's two sides under valgrind's callgrind:
# instructions, first-level cache misses (instruction and data), mispredicted
# branches and the distinct 64-byte lines of code a call runs, for the
# sequential GET, the GET over 64 concurrent tasks and the 10,000-member
# list, with the ratio client / hand-written for each. Unlike the times
# that `cargo run --release -p easemob-bench` prints, these counts do not
# move with the machine's load, and little with code layout (they vary by
# 1-2% from run to run, with the threads' scheduling; the list's by up to
# 4%, with where its growing buffer can be reallocated in place), so they
# compare across builds and sessions.
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
# about 0.05 of the measured time ratio. `code lines` counts the lines of
# code whose instructions run on (nearly) every call, the code a call has to
# fetch when it starts on a cold core: a figure the instruction count does
# not show, and the one the GET's time has followed where the two disagree
# (see the README). Needs valgrind and python3; CI does not run this.
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${CALLS:-seq list}
GET_CALLS=${GET_CALLS:-1000}
LIST_CALLS=${LIST_CALLS:-10}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 1; }
cargo build --release -q -p easemob-bench
BIN=target/release/easemob-bench
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# `summary SIDE CALL N`: callgrind's totals line for N calls of CALL by SIDE;
# the profile, with a count per instruction, is kept as $OUT/SIDE-CALL-N.
summary() {
  local which=$2 out=$OUT/$1-$2-$3
  # The benchmark calls the concurrent GETs `get`.
  [ "$which" = conc ] && which=get
  BENCH_PROFILE=$1 BENCH_PROFILE_CALL=$which BENCH_PROFILE_CALLS=$3 \
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
    --dump-instr=yes --compress-pos=no --compress-strings=no \
    --callgrind-out-file="$out" "$BIN" >/dev/null 2>&1
  grep '^summary:' "$out" | cut -d' ' -f2-
}

# `code_lines FEW MANY CALLS`: the distinct 64-byte lines of code holding an
# instruction that ran at least 0.9 times per call, from two profiles whose
# runs differ by CALLS calls.
code_lines() {
  python3 - "$@" <<'PY'
import sys
from collections import Counter

def counts(path):
    """Instructions run per (object, address): the cost lines of a
    callgrind profile with `--dump-instr=yes`, uncompressed, whose columns
    are address, source line and the event counts (`Ir` first)."""
    runs, obj, after_call = Counter(), "", False
    with open(path) as f:
        for line in f:
            if line.startswith("ob="):
                obj = line
            elif line.startswith("calls="):
                after_call = True  # the next line is the callee's cost
            elif line.startswith("0x"):
                if not after_call:
                    address, _, ir = line.split()[:3]
                    runs[obj, int(address, 16)] += int(ir)
                after_call = False
            else:
                after_call = False
    return runs

few, many, calls = counts(sys.argv[1]), counts(sys.argv[2]), int(sys.argv[3])
lines = {(obj, address // 64) for (obj, address), n in many.items() if (n - few[obj, address]) / calls >= 0.9}
print(len(lines))
PY
}

row='| %-5s | %-12s | %12s | %9s | %9s | %9s | %10s | %12s | %10s | %14s |\n'
# shellcheck disable=SC2059 # the format is the row's
printf "$row" call side instructions 'I1 miss' 'D1 miss' 'mispred.' 'estimate' 'ratio (est.)' 'code lines' 'ratio (lines)'
printf '|%s|\n' '-------|--------------|--------------|-----------|-----------|-----------|------------|--------------|------------|----------------'
for call in $CALLS; do
  case $call in
    seq) n=$GET_CALLS ;;
    # Blocks of 1,024 calls over 64 tasks (see `profile` in src/main.rs).
    conc) n=1024 ;;
    list) n=$LIST_CALLS ;;
    *) echo "CALLS takes seq, conc and list, not $call" >&2; exit 1 ;;
  esac
  hand_estimate= hand_lines=
  for side in hand easemob; do
    one=$(summary "$side" "$call" "$n")
    three=$(summary "$side" "$call" $((3 * n)))
    lines=$(code_lines "$OUT/$side-$call-$n" "$OUT/$side-$call-$((3 * n))" $((2 * n)))
    rm -f "$OUT/$side-$call-"*
    # Events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim.
    read -r ir i1 d1 bm est < <(paste <(tr ' ' '\n' <<<"$one") <(tr ' ' '\n' <<<"$three") |
      awk -v calls=$((2 * n)) '{ d[NR] = ($2 - $1) / calls }
        END { printf "%.0f %.0f %.0f %.0f %.0f\n", d[1], d[4], d[5] + d[6], d[11] + d[13],
                     d[1] + 10 * (d[4] + d[5] + d[6]) + 15 * (d[11] + d[13]) }')
    if [ "$side" = hand ]; then
      hand_estimate=$est hand_lines=$lines
      ratio=- lines_ratio=-
    else
      ratio=$(awk -v a="$est" -v b="$hand_estimate" 'BEGIN { printf "%.3f", a / b }')
      lines_ratio=$(awk -v a="$lines" -v b="$hand_lines" 'BEGIN { printf "%.3f", a / b }')
    fi
    label=$side
    [ "$side" = hand ] && label=hand-written
    # shellcheck disable=SC2059
    printf "$row" "$call" "$label" "$ir" "$i1" "$d1" "$bm" "$est" "$ratio" "$lines" "$lines_ratio"
  done
done
echo
echo "Per call: the difference between $GET_CALLS and $((3 * GET_CALLS)) GETs, or $LIST_CALLS and $((3 * LIST_CALLS)) lists, divided by the calls between."
