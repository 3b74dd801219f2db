#!/usr/bin/env bash
# The report in a real browser: headless Chromium opens report.html (Persian and English) at
# 1280 and 390 px and checks overflow, direction, chart sizes, console errors and network
# requests; then `watch --serve` follows an edit, a broken save and a fix (.ci/watch.py).
# Screenshots go to target/browser/. Installs Chromium and websocket-client when they are
# missing (Debian: apt-get; pip).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
python3 -c "import websocket" 2>/dev/null || python3 -m pip install --quiet websocket-client

out=target/browser
rm -rf "$out" && mkdir -p "$out"
cargo build --release --quiet
./target/release/thematic report --out "$out/fa" --lang fa >/dev/null
./target/release/thematic report --out "$out/en" --lang en >/dev/null
# With a section on agreement between coders: a second coder who raised one more cell.
cp -r codebooks/masoumi2025 "$out/coder-b"
sed -i 's/۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۵-۱۵-۱۶/۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۲-۱۵-۱۶/' "$out/coder-b/base_themes.csv"
for lang in fa en; do
  ./target/release/thematic report --out "$out/$lang-coders" --lang "$lang" --agree "$out/coder-b" >/dev/null
done
# A coded study: the report's evidence section (the made-up documents of tests/fixtures/coding).
./target/release/thematic code tests/fixtures/coding/docs --codebook tests/fixtures/coding/scheme \
  --out "$out/coded" >/dev/null
for lang in fa en; do
  ./target/release/thematic report --codebook "$out/coded" --out "$out/$lang-coded" --lang "$lang" >/dev/null
done
python3 .ci/browser.py "$out/shots" "$out/fa/report.html:fa" "$out/en/report.html:en" \
  "$out/fa-coders/report.html:fa" "$out/en-coders/report.html:en" \
  "$out/fa-coded/report.html:fa" "$out/en-coded/report.html:en"
# `watch --serve`: the open page follows an edit of the codebook, a broken save, a fix.
python3 .ci/watch.py ./target/release/thematic "$out/shots"
