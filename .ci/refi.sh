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
# A study with P01-style IDs: its `code` variable is Text; the round trip keeps the IDs.
"$bin" export --codebook tests/fixtures/ids_en --format qdpx --out "$out/ids_en.qdpx"
"$bin" import "$out/ids_en.qdpx" --out "$out/ids_en" > /dev/null
"$bin" export --codebook "$out/ids_en" --format qdpx --out "$out/ids_en_back.qdpx"
cmp "$out/ids_en.qdpx" "$out/ids_en_back.qdpx"
# A study `thematic code` wrote: its documents the sources, its segments the selections.
"$bin" code tests/fixtures/coding/docs --codebook tests/fixtures/coding/scheme --out "$out/coded" > /dev/null
"$bin" export --codebook "$out/coded" --format qdpx --out "$out/coded.qdpx"
python3 "$shared/validate.py" "$out/masoumi2025.qdc" "$out/masoumi2025.qdpx" "$out/back.qdpx" \
    "$out/ids_en.qdpx" "$out/coded.qdpx"
# Every sample imports, and what it imports runs when import says it will (a scheme without
# coding included; a project with no codes at all has nothing to run, and import says so).
for project in "$shared"/*.qdpx; do
    name="$(basename "$project" .qdpx)"
    next="$("$bin" import "$project" --out "$out/$name" | tail -n 1)"
    case "$next" in
        "next: thematic run --codebook "*) "$bin" run --codebook "$out/$name" --out "$out/$name-run" > /dev/null ;;
        *"has no codes"*) ;;
        *) echo "refi: unexpected advice after importing $name: $next"; exit 1 ;;
    esac
done
echo "refi: exports valid against the REFI-QDA schemas; ATLAS.ti samples imported"
