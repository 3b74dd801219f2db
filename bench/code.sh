#!/usr/bin/env bash
# `thematic code` at scale, beside its peer (Python's re, every term in one alternation, one
# document at a time): synthetic corpora of 1,000 and 10,000 documents of 100 KB (100 MB and
# 1 GB, Persian and English, bench/code_corpus.py), coded with the paper's terms. Time and peak
# memory of each, in one run. See BENCHMARKS.md.
#
#   bash bench/code.sh              # both sizes (a few minutes on 2 cores)
#   COUNTS="1000" bash bench/code.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"1000 10000"}
WORK=${WORK:-target/bench-code}
BIN=target/release/thematic
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
mkdir -p "$WORK"
printf "documents\tMB\ttool\tseconds\tpeak MB\tsegments\n" > "$WORK/code.tsv"
for n in $COUNTS; do
  corpus="$WORK/corpus-$n"
  [ -d "$corpus" ] || python3 bench/code_corpus.py "$corpus" "$n" 100000 1
  mb=$(du -smL "$corpus" | cut -f1)
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$BIN" code "$corpus" --out "$WORK/coded-$n" --force --no-sources >/dev/null
  read -r secs kb < "$WORK/t"
  segs=$(($(wc -l < "$WORK/coded-$n/segments.csv") - 1))
  printf "%s\t%s\tthematic code\t%s\t%s\t%s\n" "$n" "$mb" "$secs" "$((kb / 1024))" "$segs" >> "$WORK/code.tsv"
  /usr/bin/time -f "%e %M" -o "$WORK/t" python3 bench/code_peer.py codebooks/masoumi2025/terms.csv "$corpus" "$WORK/peer-$n.csv"
  read -r secs kb < "$WORK/t"
  segs=$(($(wc -l < "$WORK/peer-$n.csv") - 1))
  printf "%s\t%s\tPython re (peer)\t%s\t%s\t%s\n" "$n" "$mb" "$secs" "$((kb / 1024))" "$segs" >> "$WORK/code.tsv"
done
column -t -s $'\t' "$WORK/code.tsv"
