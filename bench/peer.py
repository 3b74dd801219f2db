#!/usr/bin/env python3
"""The peer: the pandas (+ matplotlib) pipeline a researcher would write for the same job.

Reads a thematic codebook directory (the same CSVs thematic reads), computes the same tables
with the idioms a pandas user reaches for, and writes them as CSV:

- base_themes.csv: number, listed, distinct (distinct interviewees among the source codes);
- components.csv / dimensions.csv: label, sum (sum of distinct), union (distinct interviewees);
- cooccurrence.csv: base theme x base theme, interviewees shared (self-merge on interviewee).

With --charts it also draws the paper's charts with matplotlib (PNG and SVG): dimensions,
dimensions pie, components, base themes, case x code and co-occurrence heatmaps.

Usage: peer.py CODEBOOK_DIR OUT_DIR [--charts]

`bench/compare.py` checks that these numbers equal thematic's before anything is timed.
"""

import os
import re
import sys

import pandas as pd

DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def parse_codes(text):
    """Source codes as printed: Persian, Arabic-Indic or ASCII digits; - , ، or spaces."""
    if not isinstance(text, str):
        return []
    return [int(c) for c in re.split(r"[-,،\s]+", text.translate(DIGITS)) if c]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    codebook, out = sys.argv[1], sys.argv[2]
    charts = "--charts" in sys.argv[3:]
    os.makedirs(out, exist_ok=True)

    themes = pd.read_csv(os.path.join(codebook, "base_themes.csv"), dtype=str, keep_default_na=False)
    themes["number"] = range(1, len(themes) + 1)
    themes["codes"] = themes["source_codes"].map(parse_codes)

    # One row per (base theme, listed code).
    codings = themes[["number", "dimension", "component", "codes"]].explode("codes").dropna(subset=["codes"])
    codings = codings.rename(columns={"codes": "interviewee"})
    codings["interviewee"] = codings["interviewee"].astype("int64")
    pairs = codings.drop_duplicates(["number", "interviewee"])

    base = pd.DataFrame({"number": themes["number"]})
    base["listed"] = base["number"].map(codings.groupby("number").size()).fillna(0).astype(int)
    base["distinct"] = base["number"].map(pairs.groupby("number").size()).fillna(0).astype(int)
    base.to_csv(os.path.join(out, "base_themes.csv"), index=False)

    distinct = themes[["number", "dimension", "component"]].merge(base, on="number")
    for level, keys in (("components", ["dimension", "component"]), ("dimensions", ["dimension"])):
        sums = distinct.groupby(keys, sort=False)["distinct"].sum().rename("sum")
        unions = pairs.groupby(keys, sort=False)["interviewee"].nunique().rename("union")
        table = pd.concat([sums, unions], axis=1).fillna(0).astype(int).reset_index()
        table.to_csv(os.path.join(out, f"{level}.csv"), index=False)

    # Co-occurrence: the self-merge a pandas user writes, then a pivot.
    left = pairs[["interviewee", "number"]]
    both = left.merge(left, on="interviewee", suffixes=("_a", "_b"))
    counts = both.groupby(["number_a", "number_b"]).size()
    matrix = counts.unstack(fill_value=0).reindex(index=themes["number"], columns=themes["number"], fill_value=0)
    matrix.to_csv(os.path.join(out, "cooccurrence.csv"))

    if charts:
        draw(themes, base, distinct, pairs, matrix, out)


def draw(themes, base, distinct, pairs, matrix, out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    os.makedirs(os.path.join(out, "charts"), exist_ok=True)

    def save(fig, name):
        for ext in ("png", "svg"):
            fig.savefig(os.path.join(out, "charts", f"{name}.{ext}"), dpi=100)
        plt.close(fig)

    dims = distinct.groupby("dimension", sort=False)["distinct"].sum()
    unions = pairs.groupby("dimension", sort=False)["interviewee"].nunique()
    fig, ax = plt.subplots(figsize=(18, 9))
    pd.DataFrame({"sum": dims / dims.sum() * 100, "union": unions / unions.sum() * 100}).plot.bar(ax=ax)
    ax.set_title("Dimensions: sum and union shares")
    save(fig, "dimensions")

    fig, ax = plt.subplots(figsize=(18, 8))
    ax.pie(dims, labels=dims.index, autopct="%1.1f%%")
    save(fig, "dimensions_pie")

    comps = distinct.groupby("component", sort=False)["distinct"].sum()
    fig, ax = plt.subplots(figsize=(18, 9))
    comps.plot.barh(ax=ax)
    ax.set_title("Components")
    save(fig, "components")

    fig, ax = plt.subplots(figsize=(18, 10))
    base.set_index(themes["base_theme"])["distinct"].plot.barh(ax=ax)
    ax.set_title("Base themes")
    save(fig, "base_themes")

    case = pd.crosstab(pairs["interviewee"], pairs["number"]).reindex(columns=themes["number"], fill_value=0)
    fig, ax = plt.subplots(figsize=(18, 7))
    ax.imshow(case.values, cmap="Blues", aspect="auto")
    ax.set_title("Interviewee x base theme")
    save(fig, "case_matrix")

    fig, ax = plt.subplots(figsize=(18, 10))
    ax.imshow(matrix.values, cmap="Blues")
    for (i, j), v in pd.DataFrame(matrix.values).stack().items():
        ax.text(j, i, str(v), ha="center", va="center", fontsize=6)
    ax.set_title("Base-theme co-occurrence")
    save(fig, "cooccurrence")


if __name__ == "__main__":
    main()
