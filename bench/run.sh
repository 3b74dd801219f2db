#!/usr/bin/env bash
# Benchmark thematic against the pandas (+ matplotlib) peer on this machine; see BENCHMARKS.md.
#
#   bash bench/run.sh                 # everything (about 10 minutes on 2 cores)
#   SIZES="5 6" bash bench/run.sh     # only the 10^5 and 10^6 studies
#
# Needs hyperfine (Debian: apt-get install hyperfine) and GNU time (/usr/bin/time).
# Results: target/bench/summary.md (and the raw hyperfine JSON beside it).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"5 6 7"}
RUNS=${RUNS:-30}
LARGE_RUNS=${LARGE_RUNS:-3}
WORK=${WORK:-target/bench}
BIN=target/release/thematic
PAPER=codebooks/masoumi2025

command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
python3 -m pip install --quiet -r bench/requirements.txt
cargo build --release --quiet
mkdir -p "$WORK"
rm -f "$WORK"/*.json "$WORK"/memory.tsv "$WORK"/steps.tsv "$WORK"/steps-run.tsv "$WORK"/sizes.tsv

# Peak resident memory of one run of a command, in KB.
peak() { /usr/bin/time -f "%M" -o "$WORK/peak" "$@" >/dev/null 2>&1 || true; tail -n 1 "$WORK/peak"; }

study() { echo "$WORK/study-1e$1"; }
for e in $SIZES; do
  codings=$((10 ** e))
  "$BIN" synth --interviewees $((codings / 10)) --themes 1000 --codings "$codings" \
    --seed 1 --out "$(study "$e")" --force >/dev/null
done

echo "== same numbers first (each study is checked before it is timed)"
check_same() { # codebook name
  "$BIN" tables --codebook "$1" --format csv --out "$WORK/$2-ours" --force >/dev/null
  python3 bench/peer.py "$1" "$WORK/$2-peer"
  python3 bench/compare.py "$WORK/$2-ours" "$WORK/$2-peer"
}
check_same "$PAPER" paper

echo "== the paper: the full run as a cold process"
hyperfine --warmup 3 --runs "$RUNS" --export-json "$WORK/paper.json" \
  -n "thematic run (paper: every output; 10 charts PNG+SVG)" \
  "$BIN run --codebook $PAPER --out $WORK/paper-run --force" \
  -n "pandas + matplotlib (paper: tables, 6 charts PNG+SVG)" \
  "python3 bench/peer.py $PAPER $WORK/paper-peer --charts"
printf "paper\tthematic run\t%s\n" "$(peak "$BIN" run --codebook $PAPER --out "$WORK/paper-run" --force)" >>"$WORK/memory.tsv"
printf "paper\tpandas\t%s\n" "$(peak python3 bench/peer.py $PAPER "$WORK/paper-peer" --charts)" >>"$WORK/memory.tsv"

# The synthetic studies come after the paper: the pandas peer's 8 GB run on 10^7 codings
# evicts the page cache and slows the next few short runs by about a tenth.
for e in $SIZES; do
  s=$(study "$e")
  check_same "$s" "1e$e"
  runs=$RUNS
  [ "$e" -ge 7 ] && runs=$LARGE_RUNS
  echo "== 10^$e codings"
  # check exits 1 when it finds something (the synthetic studies have planted errors): -i.
  hyperfine -i --warmup 1 --runs "$runs" --export-json "$WORK/1e$e.json" \
    -n "thematic tables 1e$e" "$BIN tables --codebook $s --format csv --out $WORK/1e$e-ours --force" \
    -n "thematic check 1e$e" "$BIN check --codebook $s --format json" \
    -n "pandas 1e$e" "python3 bench/peer.py $s $WORK/1e$e-peer" \
    -n "thematic run 1e$e" "$BIN run --codebook $s --out $WORK/1e$e-run --force"
  printf "1e$e\tthematic tables\t%s\n" "$(peak "$BIN" tables --codebook "$s" --format csv --out "$WORK/1e$e-ours" --force)" >>"$WORK/memory.tsv"
  printf "1e$e\tthematic check\t%s\n" "$(peak "$BIN" check --codebook "$s" --format json)" >>"$WORK/memory.tsv"
  printf "1e$e\tpandas\t%s\n" "$(peak python3 bench/peer.py "$s" "$WORK/1e$e-peer")" >>"$WORK/memory.tsv"
  printf "1e$e\tthematic run\t%s\n" "$(peak "$BIN" run --codebook "$s" --out "$WORK/1e$e-run" --force)" >>"$WORK/memory.tsv"
  # The outputs people read, by size (each is bounded; see docs/limits.md).
  for f in report.html tables.md tables.tex tables.docx audit.txt tables.json; do
    printf "1e$e\t%s\t%s\n" "$f" "$(stat -c %s "$WORK/1e$e-run/$f")" >>"$WORK/sizes.tsv"
  done
  THEMATIC_TIMINGS=1 "$BIN" run --codebook "$s" --out "$WORK/1e$e-run" --force 2>&1 >/dev/null \
    | sed -n "s/^timing: \(.*\): \([0-9.]*\) s.*$/1e$e\t\1\t\2/p" >>"$WORK/steps-run.tsv"
  # Where thematic's time goes, step by step (one run).
  THEMATIC_TIMINGS=1 "$BIN" tables --codebook "$s" --format csv --out "$WORK/1e$e-ours" --force 2>&1 >/dev/null \
    | sed -n "s/^timing: \(.*\): \([0-9.]*\) s.*$/1e$e\t\1\t\2/p" >>"$WORK/steps.tsv"
done

python3 bench/summarize.py "$WORK" | tee "$WORK/summary.md"
