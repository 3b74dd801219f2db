"""Bad inputs at scale: how long thematic takes to refuse (or accept) inputs of the size
class of issue 12, how much memory, and how many bytes of message it prints.

    python3 bench/bad_inputs.py [target/release/thematic]

Each input is the small fixture codebook (tests/fixtures/tiny) with one file made huge. The
table it prints is the one in BENCHMARKS.md ("Bad inputs at scale").
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/thematic")
TINY = os.path.join(ROOT, "tests/fixtures/tiny")


def replace_first(path, old, new):
    text = open(path, encoding="utf-8").read()
    open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))


def append_rows(path, count, row):
    with open(path, "a", encoding="utf-8") as f:
        f.writelines(row.format(i=i) + "\n" for i in range(count))


def widen_header(path, count):
    lines = open(path, encoding="utf-8").read().split("\n")
    lines[0] = lines[0].rstrip("\r") + "".join(f",extra{i}" for i in range(count))
    open(path, "w", encoding="utf-8").write("\n".join(lines))


# (name, command, how to make the input from the fixture)
CASES = [
    ("a base theme label of 100 KB (loads)", "run",
     lambda d: replace_first(f"{d}/base_themes.csv", "T1,", "آزمون " * 17000 + ",")),
    ("an unknown dimension of 100 KB", "validate",
     lambda d: append_rows(f"{d}/components.csv", 1, "دب" * 25000 + ",C9,,")),
    ("a header of 100,000 unknown columns", "validate",
     lambda d: widen_header(f"{d}/base_themes.csv", 100_000)),
    ("a million rows with an unknown component", "validate",
     lambda d: append_rows(f"{d}/base_themes.csv", 1_000_000, "Z{i},D1,Cx{i},1,1,")),
    ("a million rows with unreadable source codes", "validate",
     lambda d: append_rows(f"{d}/base_themes.csv", 1_000_000, "Z{i},D1,C1,x{i},1,")),
    ("a million rows of the wrong length", "validate",
     lambda d: append_rows(f"{d}/base_themes.csv", 1_000_000, "Z{i},D1,C1")),
    ("a million rows with a NUL in the label", "validate",
     lambda d: append_rows(f"{d}/base_themes.csv", 1_000_000, "Z\0{i},D1,C1,1,1,")),
    ("a million duplicate interviewees", "validate",
     lambda d: append_rows(f"{d}/interviewees.csv", 1_000_000, "1,Name {i},,,")),
]


def main():
    print("| input | command | exit | time | peak memory | message |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for i, (name, command, make) in enumerate(CASES):
            cb = os.path.join(work, f"cb{i}")
            shutil.copytree(TINY, cb)
            make(cb)
            args = [BIN, command, "--codebook", cb]
            if command == "run":
                args += ["--out", os.path.join(work, f"out{i}")]
            start = time.perf_counter()
            proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f"{work}/peak"] + args,
                                  capture_output=True)
            seconds = time.perf_counter() - start
            peak_mb = int(open(f"{work}/peak").read().split()[-1]) / 1024
            print(f"| {name} | `{command}` | {proc.returncode} | {seconds:.2f} s "
                  f"| {peak_mb:.0f} MB | {len(proc.stderr):,} bytes |")
            shutil.rmtree(cb)


if __name__ == "__main__":
    main()
