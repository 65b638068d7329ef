#!/usr/bin/env bash
# Build cost of the generated client: CPU seconds (user + sys, from
# /usr/bin/time, cargo and rustc together) of `cargo build --release` and
# `cargo check` of `easemob-runtime` and then `easemob`, dependencies already
# built, each crate cleaned before every run (CARGO_INCREMENTAL=0); medians of
# RUNS runs (default 3). Then the same for the client progenitor generates from
# `generated/openapi.json`, in a scratch directory outside the repository
# (needs crates.io, the first time; CI does not run this), and the ratio.
#
#   bench/build-time.sh                 # everything
#   PROGENITOR=0 bench/build-time.sh    # our crates only
#   AREAS=0 bench/build-time.sh         # without the one-area and REST-only builds
#   OURS=0 bench/build-time.sh          # progenitor's client only
#                                       # (every run also measures easemob with an
#                                       # application that receives callbacks)
#   PROGENITOR_STYLES="positional builder" bench/build-time.sh
#                                       # also progenitor's builder interface
#
# CPU time is the figure to compare: wall time on a shared machine follows the
# load. Compare figures from one run of the script.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
RUNS=${RUNS:-3}
PROGENITOR=${PROGENITOR:-1}
AREAS=${AREAS:-1}
OURS=${OURS:-1}
SCRATCH=${SCRATCH:-${TMPDIR:-/tmp}/easemob-build-time}
export CARGO_INCREMENTAL=0

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# CPU seconds (user + sys) of a command and its children, output discarded.
cpu() {
  local out
  out=$(mktemp)
  /usr/bin/time -f '%U %S' -o "$out" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$out" >&2; exit 1; }
  awk '{printf "%.1f\n", $1 + $2}' "$out"
  rm -f "$out"
}
# `measure MODE CLEAN-ARGS -- BUILD-ARGS`: median CPU seconds of
# `cargo clean MODE-profile CLEAN-ARGS; cargo MODE BUILD-ARGS`.
measure() {
  local mode=$1 profile=() clean=() build=()
  shift
  while [ "$1" != -- ]; do clean+=("$1"); shift; done
  shift
  build=("$@")
  [ "$mode" = build ] && profile=(--release)
  for _ in $(seq "$RUNS"); do
    cargo clean -q "${profile[@]}" "${clean[@]}"
    cpu cargo "$mode" -q "${profile[@]}" "${build[@]}"
  done | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

echo "on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); CPU seconds (user + sys), medians of $RUNS runs"
declare -A ours alone rest_only
[ "$OURS" = 1 ] || ours=([build]=0 [check]=0) alone=([build]=0 [check]=0)
# Dependencies first, outside the measurement.
[ "$OURS" = 1 ] && cargo build -q --release -p easemob && cargo check -q -p easemob
for mode in build check; do
  [ "$OURS" = 1 ] || break
  label="cargo $mode"
  profile=()
  [ "$mode" = build ] && label="cargo build --release" && profile=(--release)
  rt=$(measure "$mode" -p easemob -p easemob-runtime -- -p easemob-runtime)
  all=$(measure "$mode" -p easemob -- -p easemob)
  alone[$mode]=$all
  ours[$mode]=$(awk -v a="$rt" -v b="$all" 'BEGIN {printf "%.1f", a + b}')
  echo "$label: easemob-runtime ${rt} s, easemob (all areas) ${all} s; both ${ours[$mode]} s"
  if [ "$AREAS" = 1 ]; then
    cargo "$mode" -q "${profile[@]}" -p easemob --no-default-features --features rustls,users
    one=$(measure "$mode" -p easemob -- -p easemob --no-default-features --features rustls,users)
    echo "  easemob with one area (--no-default-features --features rustls,users): ${one} s"
    # What `openapi.json`, and so progenitor's client, covers: every REST
    # area, without the callbacks (a feature of their own).
    rest="rustls,$(sed -n '/^all-areas = \[/,/^\]/p' generated/Cargo.toml | sed -n 's/^ *"\([a-z_]*\)",$/\1/p' | grep -vx callbacks | paste -sd, -)"
    cargo "$mode" -q "${profile[@]}" -p easemob --no-default-features --features "$rest"
    rest_only[$mode]=$(measure "$mode" -p easemob -- -p easemob --no-default-features --features "$rest")
    echo "  easemob with every REST area, without \`callbacks\`: ${rest_only[$mode]} s"
  fi
  if [ "$mode" = build ]; then
    # The callbacks' decoders are compiled in the crate that receives
    # callbacks (`verify_and_parse`), not in easemob: what such an
    # application costs, easemob included.
    cargo build -q --release -p easemob-examples --example callback_receiver
    recv=$(measure build -p easemob -p easemob-examples -- -p easemob-examples --example callback_receiver)
    echo "  easemob and an application that receives callbacks (examples/callback_receiver.rs, the examples' library included): ${recv} s"
  fi
done

[ "$PROGENITOR" = 1 ] || exit 0

# progenitor's client for the same document. progenitor 0.15 refuses or
# miscompiles three things in it, patched in a copy (the rest is as generated):
# multipart request bodies (made octet-stream), array path parameters (made
# strings) and the two keys that differ from another only by a trailing colon
# (`updateMetadataFailed:`, dropped).
mkdir -p "$SCRATCH/gen/src" "$SCRATCH/client/src"
cat >"$SCRATCH/gen/Cargo.toml" <<'EOF'
[package]
name = "pgen"
version = "0.1.0"
edition = "2024"
[dependencies]
progenitor-impl = "=0.15.1"
openapiv3 = "2.2"
serde_json = "1"
[workspace]
EOF
cat >"$SCRATCH/gen/src/main.rs" <<'EOF'
fn main() {
    let mut args = std::env::args().skip(1);
    let (src, out) = (args.next().unwrap(), args.next().unwrap());
    let mut settings = progenitor_impl::GenerationSettings::default();
    if args.next().as_deref() == Some("builder") {
        settings.with_interface(progenitor_impl::InterfaceStyle::Builder);
    }
    let spec: openapiv3::OpenAPI = serde_json::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
    let tokens = progenitor_impl::Generator::new(&settings).generate_tokens(&spec).unwrap();
    std::fs::write(out, tokens.to_string()).unwrap();
}
EOF
cat >"$SCRATCH/patch.py" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
for item in doc["paths"].values():
    for op in [op for op in item.values() if isinstance(op, dict)]:
        content = op.get("requestBody", {}).get("content", {})
        if "multipart/form-data" in content:
            op["requestBody"]["content"] = {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
        for p in op.get("parameters", []):
            if p.get("in") == "path" and p.get("schema", {}).get("type") == "array":
                p["schema"] = {"type": "string"}
                p.pop("style", None), p.pop("explode", None)
for s in doc["components"]["schemas"].values():
    props = s.get("properties", {})
    for k in [k for k in props if k.endswith(":") and k[:-1] in props]:
        del props[k]
        if k in s.get("required", []):
            s["required"].remove(k)
json.dump(doc, open(sys.argv[2], "w"))
EOF
cat >"$SCRATCH/client/Cargo.toml" <<'EOF'
[package]
name = "pclient"
version = "0.1.0"
edition = "2021"
[dependencies]
progenitor-client = "=0.15.1"
reqwest = { version = "0.13", default-features = false, features = ["json", "stream", "query", "form", "rustls"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
bytes = "1"
futures-core = "0.3"
serde_urlencoded = "0.7"
[workspace]
EOF
printf '#![allow(warnings)]\ninclude!("gen.rs");\n' >"$SCRATCH/client/src/lib.rs"
python3 "$SCRATCH/patch.py" generated/openapi.json "$SCRATCH/openapi.json"
(cd "$SCRATCH/gen" && cargo build -q)
for style in ${PROGENITOR_STYLES:-positional}; do
  "$SCRATCH/gen/target/debug/pgen" "$SCRATCH/openapi.json" "$SCRATCH/client/src/gen.rs" "$style"
  cd "$SCRATCH/client"
  cargo build -q --release
  cargo check -q
  pb=$(measure build -p pclient -- )
  pc=$(measure check -p pclient -- )
  cd "$REPO"
  echo "progenitor 0.15.1 ($style interface, $(($(wc -c <"$SCRATCH/client/src/gen.rs") / 1024)) KB of tokens): build --release ${pb} s, check ${pc} s"
  echo "  ratio to it: easemob alone (the runtime built, as progenitor-client is) build --release $(ratio "${alone[build]}" "$pb"), check $(ratio "${alone[check]}" "$pc");"
  echo "    easemob-runtime + easemob: build --release $(ratio "${ours[build]}" "$pb"), check $(ratio "${ours[check]}" "$pc")"
  if [ "$AREAS" = 1 ] && [ "$OURS" = 1 ]; then
    echo "    easemob, REST areas only (what progenitor's client covers): build --release $(ratio "${rest_only[build]}" "$pb"), check $(ratio "${rest_only[check]}" "$pc")"
  fi
done
