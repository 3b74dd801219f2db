#!/usr/bin/env bash
# `thematic code` on the four news seeds with the paper's terms (our machines only:
# ../shared/seeds; skipped with a note where they are absent): precision and recall against
# the judged sample committed in bench/judged/ (which passages, the judgement, why). Fails when
# the coding makes a segment the sample has not judged, so that a change of the terms or the
# matcher is judged before it lands.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="../shared/seeds"
if ! ls "$seeds"/000_*.txt >/dev/null 2>&1; then
    echo "code: $seeds not here; the news seeds' precision and recall skipped"
    exit 0
fi
out="target/code-seeds"
rm -rf "$out" && mkdir -p "$out/news"
cp "$seeds"/000_*.txt "$seeds"/001_*.txt "$seeds"/003_*.txt "$seeds"/004_*.txt "$out/news/"
bin="target/release/thematic"
[ -x "$bin" ] || cargo build --release
"$bin" code "$out/news" --codebook codebooks/masoumi2025 --out "$out/coded" > /dev/null
python3 bench/code_judged.py "$out/coded" bench/judged
