#!/usr/bin/env bash
# Time `thematic agree` on a million cells (interviewee × base theme) of synthetic coders; see
# BENCHMARKS.md. Needs hyperfine; about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
WORK=${WORK:-target/bench/agree}
BIN=target/release/thematic
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
cargo build --release --quiet
mkdir -p "$WORK"
study() { # name interviewees themes codings coders
  [ -d "$WORK/$1" ] || "$BIN" synth --interviewees "$2" --themes "$3" --codings "$4" \
    --coders "$5" --disagreement 0.05 --out "$WORK/$1" >/dev/null
}
study wide 1000 1000 100000 2
study wide3 1000 1000 100000 3
study tall 10000 100 100000 2
hyperfine -N --warmup 1 --runs "$RUNS" --export-markdown "$WORK/summary.md" \
  "$BIN agree $WORK/wide/coder-1 $WORK/wide/coder-2" \
  "$BIN agree $WORK/wide3/coder-1 $WORK/wide3/coder-2 $WORK/wide3/coder-3" \
  "$BIN agree $WORK/tall/coder-1 $WORK/tall/coder-2" \
  "$BIN agree $WORK/wide/coder-1 $WORK/wide/coder-2 --format json" \
  "$BIN agree $WORK/wide/coder-1 $WORK/wide/coder-2 --bootstrap 0"
cat "$WORK/summary.md"
