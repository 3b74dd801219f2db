#!/usr/bin/env python3
"""Turn bench/run.sh's hyperfine JSON and memory readings into the tables of BENCHMARKS.md."""

import json
import pathlib
import statistics
import sys

work = pathlib.Path(sys.argv[1])
memory = {}
for line in (work / "memory.tsv").read_text().splitlines():
    case, what, kb = line.split("\t")
    memory[(case, what)] = int(kb) / 1024

print("| case | command | median | mean | min | max | peak memory |")
print("|---|---|---:|---:|---:|---:|---:|")
ratios = []
for path in [work / "paper.json"] + sorted(work.glob("1e*.json")):
    case = path.stem
    results = json.loads(path.read_text())["results"]
    medians = {}
    for r in results:
        name = r["command"]
        what = next((w for (c, w) in memory if c == case and name.startswith(w)), None)
        if what is None:
            what = "pandas" if "pandas" in name else name
        mem = memory.get((case, what))
        median = statistics.median(r["times"])
        medians[name] = median
        unit, scale = ("ms", 1000) if median < 10 else ("s", 1)
        fmt = lambda x: f"{x * scale:.0f} ms" if unit == "ms" else f"{x:.2f} s"
        print(
            f"| {case} | {name} | {fmt(median)} | {fmt(r['mean'])} | {fmt(r['min'])} | {fmt(r['max'])} | "
            + (f"{mem:.0f} MB |" if mem is not None else "— |")
        )
    ours = [m for n, m in medians.items() if n.startswith("thematic") and ("run" in n or "tables" in n)]
    peer = [m for n, m in medians.items() if n.startswith("pandas")]
    if ours and peer:
        ratios.append((case, peer[0] / ours[0]))

print()
print("| case | pandas median / thematic median |")
print("|---|---:|")
for case, ratio in ratios:
    print(f"| {case} | {ratio:.1f}× |")

for name, command in [("steps.tsv", "tables"), ("steps-run.tsv", "run")]:
    steps = work / name
    if not steps.exists():
        continue
    table = {}
    for line in steps.read_text().splitlines():
        case, step, seconds = line.split("\t")
        table.setdefault(step, {})[case] = float(seconds)
    cases = sorted({c for s in table.values() for c in s})
    print()
    print(f"| `thematic {command}` step | " + " | ".join(cases) + " |")
    print("|---|" + "---:|" * len(cases))
    for step, by_case in table.items():
        print(f"| {step} | " + " | ".join(f"{by_case.get(c, 0):.3f} s" for c in cases) + " |")

sizes = work / "sizes.tsv"
if sizes.exists():
    table = {}
    for line in sizes.read_text().splitlines():
        case, file, size = line.split("\t")
        table.setdefault(file, {})[case] = int(size)
    cases = sorted({c for s in table.values() for c in s})
    print()
    print("| `run` output | " + " | ".join(cases) + " |")
    print("|---|" + "---:|" * len(cases))
    for file, by_case in table.items():
        print(f"| {file} | " + " | ".join(f"{by_case.get(c, 0) / 1e6:.1f} MB" for c in cases) + " |")
