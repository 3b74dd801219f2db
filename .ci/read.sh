#!/usr/bin/env bash
# `thematic read` on the paper's own full text extraction (our machines only: ../shared/seeds;
# skipped with a note where it is absent): it reads into the committed codebook, and every
# cell where the two differ is a reading recorded in readings.csv. The tests read the table
# region (tests/fixtures/manuscripts/); the full text also names the dimension the table
# leaves unlabelled.
set -euo pipefail
cd "$(dirname "$0")/.."
seed="$(ls ../shared/seeds/002_*.txt 2>/dev/null | head -n 1 || true)"
if [ -z "$seed" ]; then
    echo "read: ../shared/seeds/002_*.txt not here; the full-text reading check skipped"
    exit 0
fi
out="target/read-seed"
rm -rf "$out"
bin="target/release/thematic"
[ -x "$bin" ] || cargo build --release
"$bin" read "$seed" --out "$out"
python3 - "$out" codebooks/masoumi2025 <<'PY'
import csv, re, sys, unicodedata
read_dir, committed = sys.argv[1], sys.argv[2]
def key(s):
    s = unicodedata.normalize("NFKC", s).replace("ي", "ی").replace("ك", "ک")
    return re.sub(r"[\s\u200c]", "", s)
def rows(d, f):
    with open(f"{d}/{f}", encoding="utf-8") as h:
        return list(csv.DictReader(h))
readings = rows(read_dir, "readings.csv")
def recorded(file, subject, column):
    return [r for r in readings if r["file"] == file and key(r["subject"]) == key(subject)
            and r["column"] in (column, "")]
problems, notes = [], []
checks = [("dimensions.csv", "dimension", ["dimension", "printed_frequency"]),
          ("components.csv", "component", ["dimension", "component", "printed_frequency"]),
          ("base_themes.csv", "base_theme", ["dimension", "component", "base_theme", "source_codes", "printed_frequency"]),
          ("interviewees.csv", "code", ["code", "name", "role", "year", "topics", "findings"])]
for file, subject, columns in checks:
    ours, theirs = rows(read_dir, file), rows(committed, file)
    if len(ours) != len(theirs):
        problems.append(f"{file}: {len(ours)} rows read, {len(theirs)} committed")
    for o, t in zip(ours, theirs):
        for c in columns:
            if key(o.get(c, "")) == key(t.get(c, "")):
                continue
            found = recorded(file, o[subject], c)
            if not found:
                problems.append(f"{file} [{o[subject]}] {c}: read «{o[c]}», committed «{t[c]}», no reading")
            elif not any(key(r["alternative"]) == key(t[c]) for r in found):
                notes.append(f"{file} [{o[subject]}] {c}: a reading is recorded, its alternative is not the committed «{t[c][:60]}»")
for n in notes:
    print("read: note:", n)
for p in problems:
    print("read: FAIL:", p)
print(f"read: {len(readings)} reading rows; {len(problems)} unrecorded differences, {len(notes)} with another alternative")
sys.exit(1 if problems else 0)
PY
