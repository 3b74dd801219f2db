#!/usr/bin/env bash
# The peer check of `thematic agree` (tests/peer/agree.py) in its own virtual environment,
# with the pinned packages of tests/peer/requirements.txt. CI runs it; about a minute.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/peer-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" 2>/dev/null || { apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$venv"; }
fi
"$venv/bin/pip" install -q -r tests/peer/requirements.txt
bin=target/release/thematic
[ -x "$bin" ] || cargo build --release
"$venv/bin/python" tests/peer/agree.py "$bin" "${STUDIES:-60}"
