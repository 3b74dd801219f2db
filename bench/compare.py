#!/usr/bin/env python3
"""Check that the pandas peer and thematic computed the same numbers.

Usage: compare.py THEMATIC_TABLES_DIR PEER_DIR

THEMATIC_TABLES_DIR holds `thematic tables --format csv --out DIR`; PEER_DIR holds
`peer.py CODEBOOK DIR`. Exits 1 and says what differs when anything does.
"""

import sys

import pandas as pd


def main():
    ours, peer = sys.argv[1], sys.argv[2]
    problems = []

    def same(what, a, b):
        a, b = a.reset_index(drop=True), b.reset_index(drop=True)
        if not a.equals(b):
            diff = (a != b).any(axis=1)
            problems.append(f"{what} differs in {int(diff.sum())} rows, e.g.\n{a[diff].head(3)}\n{b[diff].head(3)}")

    read = lambda d, name: pd.read_csv(f"{d}/{name}", dtype=str, keep_default_na=False)
    for name, keys, values in (
        ("base_themes.csv", ["number"], ["listed", "distinct"]),
        ("components.csv", ["dimension", "component"], ["sum", "union"]),
        ("dimensions.csv", ["dimension"], ["sum", "union"]),
    ):
        a = read(ours, name)[keys + values].sort_values(keys)
        b = read(peer, name)[keys + values].sort_values(keys)
        same(name, a.astype(str), b.astype(str))

    a = pd.read_csv(f"{ours}/cooccurrence.csv").drop(columns=["number", "base_theme"])
    b = pd.read_csv(f"{peer}/cooccurrence.csv").drop(columns=["number"])
    if a.shape != b.shape or not (a.values == b.values).all():
        problems.append(f"cooccurrence.csv differs: shapes {a.shape} and {b.shape}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print(f"same numbers: base themes, components, dimensions, co-occurrence ({len(a)} x {len(a)})")


if __name__ == "__main__":
    main()
