#!/usr/bin/env bash
# Time `thematic read` on 200 manuscripts at once (an editor screening a journal's
# submissions): synthetic studies as `thematic tables --format docx` writes them, every other
# one turned into a PDF by LibreOffice; see BENCHMARKS.md. Needs hyperfine, GNU time and
# LibreOffice; about five minutes the first time.
#
#   bash bench/read.sh
#   PAPERS=50 RUNS=3 bash bench/read.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PAPERS=${PAPERS:-200}
RUNS=${RUNS:-5}
WORK=${WORK:-target/bench/read}
BIN=target/release/thematic

command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install time" >&2; exit 2; }
cargo build --release --quiet
mkdir -p "$WORK/papers"
for i in $(seq 1 "$PAPERS"); do
  paper="$WORK/papers/study-$i.docx"
  [ -f "$paper" ] && continue
  # Studies of 30 to 120 base themes and 12 to 40 interviewees, in both languages' layouts.
  themes=$((30 + (i * 37) % 91)); people=$((12 + (i * 13) % 29)); lang=en
  [ $((i % 2)) -eq 0 ] && lang=fa
  "$BIN" synth --themes "$themes" --interviewees "$people" --codings $((themes * people / 3)) \
    --components $((themes / 8)) --dimensions 3 --seed "$i" --out "$WORK/studies/$i" --force >/dev/null
  "$BIN" tables --codebook "$WORK/studies/$i" --format docx --lang "$lang" --out "$WORK/tables/$i" --force >/dev/null
  cp "$WORK/tables/$i/tables.docx" "$paper"
done
# Every odd study as a PDF instead (one LibreOffice run for all of them).
todo=()
for i in $(seq 1 2 "$PAPERS"); do
  [ -f "$WORK/papers/study-$i.pdf" ] || todo+=("$WORK/papers/study-$i.docx")
done
if ((${#todo[@]})); then
  soffice -env:UserInstallation=file://"$PWD/$WORK/profile" --headless --convert-to pdf \
    --outdir "$WORK/papers" "${todo[@]}" >/dev/null 2>&1
fi
for i in $(seq 1 2 "$PAPERS"); do
  [ -f "$WORK/papers/study-$i.pdf" ] && rm -f "$WORK/papers/study-$i.docx"
done
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/read.json" \
  "$BIN read $(echo "$WORK"/papers/*.*) --out $WORK/screened --force" >/dev/null
median=$(python3 -c "import json,sys; print('%.2f' % json.load(open(sys.argv[1]))['results'][0]['median'])" "$WORK/read.json")
peak=$(/usr/bin/time -f "%M" "$BIN" read "$WORK"/papers/*.* --out "$WORK/screened" --force 2>&1 >/dev/null | tail -n 1)
rows=$(($(wc -l < "$WORK/screened/summary.csv") - 1))
echo "| $PAPERS manuscripts ($(ls "$WORK"/papers/*.docx | wc -l) Word, $(ls "$WORK"/papers/*.pdf | wc -l) PDF) | $(du -sm "$WORK/papers" | cut -f1) MB | ${median} s | $((peak / 1024)) MB | $rows rows in summary.csv |"
