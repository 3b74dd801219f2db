#!/usr/bin/env bash
# The REFI-QDA exports against the standard's schemas, with the validation script of
# ../shared/refi (our machines only; skipped with a note where it is absent). Installs
# xmlschema when missing. Also imports ATLAS.ti's sample projects from there.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="../shared/refi"
if [ ! -f "$shared/validate.py" ]; then
    echo "refi: $shared/validate.py not here; REFI-QDA schema validation skipped"
    exit 0
fi
python3 -c "import xmlschema" 2>/dev/null \
    || pip install -q xmlschema 2>/dev/null \
    || pip install -q --break-system-packages xmlschema
out="target/refi"
rm -rf "$out" && mkdir -p "$out"
bin="target/release/thematic"
[ -x "$bin" ] || cargo build --release
"$bin" export --format qdc --out "$out/masoumi2025.qdc"
"$bin" export --format qdpx --out "$out/masoumi2025.qdpx"
# A round trip gives back the first export, byte for byte (so it is valid too).
"$bin" import "$out/masoumi2025.qdpx" --out "$out/back" > /dev/null
"$bin" export --codebook "$out/back" --format qdpx --out "$out/back.qdpx"
cmp "$out/masoumi2025.qdpx" "$out/back.qdpx"
python3 "$shared/validate.py" "$out/masoumi2025.qdc" "$out/masoumi2025.qdpx" "$out/back.qdpx"
for project in "$shared"/*.qdpx; do
    "$bin" import "$project" --out "$out/$(basename "$project" .qdpx)" > /dev/null
done
echo "refi: exports valid against the REFI-QDA schemas; ATLAS.ti samples imported"
