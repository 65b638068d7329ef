#!/usr/bin/env bash
# The benchmark's ratios over several code layouts, not one.
#
# Where the linker puts each function decides which of them share cache
# lines and cache sets, and that alone moves a ratio of `easemob-bench` by
# 5-10 % between two builds whose code is the same (the hand-written side's
# time moves as much as the client's). One binary is one draw of that. This
# script links the benchmark N times (`LAYOUTS`, default 5), each with the
# functions in another order (lld's `--shuffle-sections`, seeds 1..N: the
# same N layouts on every run), runs each binary once and prints every
# layout's ratios and their median per scenario: a figure that code layout
# moves far less, to compare builds and sessions with (the list's median
# still moves by a few hundredths from run to run).
#
#   bench/layouts.sh                     # 5 layouts of this checkout
#   LAYOUTS=9 bench/layouts.sh
#   BASE=../other-checkout bench/layouts.sh
#                                        # also that checkout's benchmark (it
#                                        # must have one), the two interleaved
#                                        # layout by layout: before and after
#                                        # measured in one run
#
# The benchmark's own variables (`BENCH_ROUNDS`, default 7 here, ...) apply
# to every run. Needs the toolchain's default linker on x86_64 Linux, lld
# (Rust 1.90 and later). Compiles once per checkout (`cargo rustc`, keeping
# the object files) and then only links (about a second per layout). CI
# does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
LAYOUTS=${LAYOUTS:-5}
export BENCH_ROUNDS=${BENCH_ROUNDS:-7} BENCH_GEN_RUNS=${BENCH_GEN_RUNS:-1} CARGO_INCREMENTAL=0
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# `link_layouts DIR NAME`: builds DIR's benchmark and links LAYOUTS shuffled
# copies of it, $OUT/NAME-1 ...
link_layouts() {
  local dir=$1 name=$2 cmd seed
  # `--print link-args` prints the linker's command line; `save-temps` keeps
  # the files it names (the crate's objects, the symbols file).
  (cd "$dir" && touch bench/src/main.rs &&
    cargo rustc --release -q -p easemob-bench --bin easemob-bench -- --print link-args -C save-temps) >"$OUT/link-$name" ||
    { echo "$dir: the benchmark does not build" >&2; exit 1; }
  cmd=$(grep -- '"cc" .*-fuse-ld=lld' "$OUT/link-$name" || true)
  if [ -z "$cmd" ]; then
    echo "$dir: the benchmark is not linked by cc with lld, which this script needs for --shuffle-sections" >&2
    exit 1
  fi
  for seed in $(seq 1 "$LAYOUTS"); do
    # The command is printed as a shell line; only the output and one
    # linker flag change.
    sed -e "s#\"-o\" \"[^\"]*\"#\"-o\" \"$OUT/$name-$seed\"#" \
      -e "s#\"cc\" #\"cc\" \"-Wl,--shuffle-sections=.text*=$seed\" #" <<<"$cmd" | bash
  done
  if [ "$LAYOUTS" -gt 1 ] && cmp -s "$OUT/$name-1" "$OUT/$name-2"; then
    echo "$dir: two seeds gave the same binary; the linker did not shuffle" >&2
    exit 1
  fi
  # What save-temps kept (rustc's temporary directory, the objects and the
  # bitcode of every step) is needed no more; cargo does not track it.
  local binary
  binary=$(grep -o '"-o" "[^"]*"' <<<"$cmd" | cut -d'"' -f4)
  rm -f "$binary".*.o "$binary".*.bc
  grep -o '"[^"]*/rustc[^"/]*/symbols.o"' <<<"$cmd" | tr -d '"' | xargs -r dirname | xargs -r rm -rf
}

sides=(current)
link_layouts . current
if [ -n "${BASE:-}" ]; then
  sides=(base current)
  link_layouts "$BASE" base
fi

# Scenario names, as the benchmark prints them.
scenarios=("GET user, sequential" "GET user, 64 concurrent" "list 10000 members")
results=$OUT/results
printf '| layout | build | %s | %s | %s |\n' "${scenarios[@]}"
printf '|---|---|---|---|---|\n'
for seed in $(seq 1 "$LAYOUTS"); do
  for side in "${sides[@]}"; do
    report=$("$OUT/$side-$seed")
    ratios=()
    for s in "${scenarios[@]}"; do
      r=$(awk -F'|' -v s="$s" 'index($2, s) == 2 { gsub(/ /, "", $5); print $5 }' <<<"$report")
      ratios+=("${r:-?}")
      echo "$side $s $r" >>"$results"
    done
    printf '| %s | %s | %s | %s | %s |\n' "$seed" "$side" "${ratios[@]}"
  done
done
echo
for side in "${sides[@]}"; do
  medians=()
  for s in "${scenarios[@]}"; do
    medians+=("$(awk -v side="$side" -v s="$s" 'index($0, side " " s " ") == 1 { print $NF }' "$results" |
      sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }')")
  done
  printf '%s: median ratio over %s layouts: sequential GET %s, 64 concurrent GETs %s, 10k-member list %s\n' \
    "$side" "$LAYOUTS" "${medians[@]}"
done
echo "Ratio = easemob / hand-written, each from one run of the benchmark (BENCH_ROUNDS=$BENCH_ROUNDS interleaved rounds)."
