#!/usr/bin/env python3
"""Peer check of `thematic agree` (outside `cargo test`): random multi-coder studies, every
coefficient recomputed with Python's krippendorff (α), irrCAC (Fleiss' κ, Gwet's AC1,
Brennan–Prediger, percent agreement) and statsmodels (Cohen's κ), compared to 1e-9.

    python3 tests/peer/agree.py THEMATIC_BINARY [STUDIES]

Each study: `thematic synth --coders N --disagreement P` (2 to 4 coders, seeded), then missing
ratings made on purpose: some interviewees dropped from one coder's roster (and source-code
lists) and one base theme dropped from one coder's scheme. The peer reads the same CSV files
and builds the same units (cells interviewee × base theme) independently; `thematic agree
--format json --bootstrap 0` gives the figures to compare. Exit 1 on any mismatch.
"""
import csv
import json
import math
import random
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from irrCAC.raw import CAC
from statsmodels.stats.inter_rater import cohens_kappa

TOLERANCE = 1e-9


def codes(cell):
    cell = unicodedata.normalize("NFKC", cell)
    out = set()
    for part in cell.replace(",", "-").replace("،", "-").replace(" ", "-").split("-"):
        if part.strip():
            out.add(int(part))
    return out


def read_coder(directory):
    roster = set()
    with open(directory / "interviewees.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            roster.add(int(row["code"]))
    themes = {}
    with open(directory / "base_themes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            raised = codes(row["source_codes"])
            roster |= raised
            themes[(row["dimension"], row["component"], row["base_theme"])] = raised
    return roster, themes


def make_missing(rng, dirs):
    """Drop interviewees from one coder and a base theme from another (not the first)."""
    coder = dirs[-1]
    with open(coder / "interviewees.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    dropped = {int(r[0]) for r in body if rng.random() < 0.15}
    with open(coder / "interviewees.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(r for r in body if int(r[0]) not in dropped)
    for d in dirs[1:]:
        with open(d / "base_themes.csv", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        if d == dirs[1] and len(body) > 3:
            # A base theme whose component keeps another: a component with none is refused.
            shared = [i for i, r in enumerate(body)
                      if sum(1 for o in body if (o[0], o[1]) == (r[0], r[1])) > 1]
            if shared:
                body.pop(shared[rng.randrange(len(shared))])
        if d == coder:
            for r in body:
                kept = sorted(codes(r[4]) - dropped)
                r[4] = "-".join(map(str, kept))
                r[5] = str(len(kept))
        with open(d / "base_themes.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(body)


def peer_coefficients(matrix, coders):
    """matrix: units × coders, values 0/1 or nan. Returns the six figures (nan: undefined)."""
    out = {}
    df = pd.DataFrame(matrix)
    rated = df.dropna(how="all")
    paired = rated[rated.notna().sum(axis=1) >= 2]
    if len(paired) == 0:
        return {k: math.nan for k in KEYS}
    cac = CAC(rated, categories=[0.0, 1.0], digits=15)
    fleiss = cac.fleiss()["est"]
    out["percent_agreement"] = fleiss["pa"]
    out["fleiss_kappa"] = fleiss["coefficient_value"] if fleiss["pe"] < 1 - 1e-12 else math.nan
    out["gwet_ac1"] = CAC(rated, categories=[0.0, 1.0], digits=15).gwet()["est"]["coefficient_value"]
    out["brennan_prediger"] = CAC(rated, categories=[0.0, 1.0], digits=15).bp()["est"]["coefficient_value"]
    values = set(np.unique(paired.to_numpy()[~np.isnan(paired.to_numpy())]))
    if len(values) < 2:
        out["krippendorff_alpha"] = math.nan
    else:
        out["krippendorff_alpha"] = krippendorff.alpha(
            reliability_data=rated.to_numpy().T, level_of_measurement="nominal", value_domain=[0.0, 1.0]
        )
    if coders == 2:
        both = rated.dropna()
        table = np.zeros((2, 2))
        for a, b in both.to_numpy():
            table[int(a), int(b)] += 1
        chance = (table.sum(1) * table.sum(0)).sum() / table.sum() ** 2
        out["cohen_kappa"] = cohens_kappa(table).kappa if abs(1 - chance) > 1e-12 else math.nan
    else:
        out["cohen_kappa"] = math.nan
    return out


KEYS = ["percent_agreement", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "gwet_ac1", "brennan_prediger"]


def compare(label, ours, theirs, worst):
    bad = []
    for k in KEYS:
        value = ours[k]["value"]
        peer = theirs[k]
        if value is None or (isinstance(peer, float) and (math.isnan(peer) or math.isinf(peer))):
            if not (value is None and (math.isnan(peer) or math.isinf(peer))):
                bad.append(f"{label} {k}: thematic {value}, peer {peer}")
            continue
        diff = abs(value - peer)
        worst[0] = max(worst[0], diff)
        if diff > TOLERANCE:
            bad.append(f"{label} {k}: thematic {value!r}, peer {peer!r} (off by {diff:.3g})")
    return bad


def one_study(binary, seed, workdir):
    rng = random.Random(seed)
    coders = rng.randint(2, 4)
    dims = rng.randint(1, 3)
    comps = dims + rng.randint(0, 3)
    themes = comps + rng.randint(0, 12)
    people = rng.randint(8, 60)
    codings = rng.randint(themes, themes * people // 2)
    out = workdir / f"study-{seed}"
    subprocess.run(
        [binary, "synth", "--interviewees", str(people), "--themes", str(themes), "--codings", str(codings),
         "--components", str(comps), "--dimensions", str(dims), "--seed", str(seed),
         "--coders", str(coders), "--disagreement", str(round(rng.uniform(0, 0.3), 3)), "--out", str(out)],
        check=True, capture_output=True)
    dirs = [out / f"coder-{c + 1}" for c in range(coders)]
    if rng.random() < 0.7:
        make_missing(rng, dirs)
    got = json.loads(subprocess.run(
        [binary, "agree", *map(str, dirs), "--format", "json", "--bootstrap", "0"],
        check=True, capture_output=True, text=True).stdout)
    read = [read_coder(d) for d in dirs]
    keys = []
    for _, themes_of in read:
        for key in themes_of:
            if key not in keys:
                keys.append(key)
    interviewees = []
    for roster, _ in read:
        for code in sorted(roster):
            if code not in interviewees:
                interviewees.append(code)
    cells = {}
    for key in keys:
        m = np.full((len(interviewees), coders), np.nan)
        for c, (roster, themes_of) in enumerate(read):
            if key not in themes_of:
                continue
            for i, code in enumerate(interviewees):
                if code in roster:
                    m[i, c] = 1.0 if code in themes_of[key] else 0.0
        cells[key] = m
    bad, worst = [], [0.0]
    scopes = [("overall", keys, got["overall"])]
    for d in got["dimensions"]:
        scopes.append((d["dimension"], [k for k in keys if k[0] == d["dimension"]], d))
    for comp in got["components"]:
        scopes.append((comp["component"], [k for k in keys if k[1] == comp["component"]], comp))
    for t in got["base_themes_agreement"]:
        scopes.append((t["base_theme"], [k for k in keys if k[1] == t["component"] and k[2] == t["base_theme"]], t))
    for label, members, ours in scopes:
        if not members:
            bad.append(f"{label}: no such units in the peer")
            continue
        theirs = peer_coefficients(np.vstack([cells[k] for k in members]), coders)
        bad += compare(f"study {seed} {label}", ours, theirs, worst)
    return len(scopes), bad, worst[0]


def main():
    binary = sys.argv[1]
    studies = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    total, problems, worst = 0, [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(1, studies + 1):
            n, bad, w = one_study(binary, seed, Path(tmp))
            total += n
            problems += bad
            worst = max(worst, w)
    for p in problems[:40]:
        print("MISMATCH", p)
    print(f"peer: {studies} studies, {total} scopes × 6 coefficients; largest difference {worst:.3g}; "
          f"{len(problems)} mismatches (tolerance {TOLERANCE})")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
