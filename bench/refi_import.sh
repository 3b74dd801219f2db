#!/usr/bin/env bash
# Time `thematic import` on large synthetic REFI-QDA projects (bench/refi_project.py); see
# BENCHMARKS.md. Needs hyperfine and GNU time; about two minutes.
#
#   bash bench/refi_import.sh
#   SOURCES="1000 5000" RUNS=5 bash bench/refi_import.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCES=${SOURCES:-"1000 5000 20000"}
RUNS=${RUNS:-5}
WORK=${WORK:-target/bench/refi}
BIN=target/release/thematic

command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
mkdir -p "$WORK"
for n in $SOURCES; do
  for shape in sources cases; do
    project="$WORK/$shape-$n.qdpx"
    flag=""; [ "$shape" = cases ] && flag="--cases"
    [ -f "$project" ] || python3 bench/refi_project.py "$project" --sources "$n" --selections 40 $flag
    out="$WORK/$shape-$n"
    hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/$shape-$n.json" \
      "$BIN import $project --out $out --force" >/dev/null
    median=$(python3 -c "import json,sys; print('%.2f' % json.load(open(sys.argv[1]))['results'][0]['median'])" "$WORK/$shape-$n.json")
    peak=$(/usr/bin/time -f "%M" "$BIN" import "$project" --out "$out" --force 2>&1 >/dev/null | tail -n 1)
    echo "| $n | $shape | $(du -m "$project" | cut -f1) MB | ${median} s | $((peak / 1024)) MB |"
  done
done
