"""Precision and recall of `thematic code` on the news seeds against a judged sample
(bench/judged/): every segment the paper's terms coded, judged right or wrong in context
(segments.csv), and sentences sampled evenly from each document with the base themes a
reader finds in them (sentences.csv). Run by .ci/code.sh.

    python3 bench/code_judged.py CODED_DIR JUDGED_DIR
"""
import csv, os, sys

coded, judged = sys.argv[1], sys.argv[2]
def rows(d, f):
    with open(os.path.join(d, f), encoding="utf-8") as h:
        return list(csv.DictReader(h))
themes = {r["base_theme"]: r["base_theme_en"] for r in rows(coded, "base_themes.csv")}
segments = rows(coded, "segments.csv")
verdicts = {(r["document"], int(r["start"]), int(r["end"]), r["base_theme_en"]): r["correct"]
            for r in rows(judged, "segments.csv")}
right = wrong = unjudged = 0
for s in segments:
    k = (s["source"], int(s["start"]), int(s["end"]), themes[s["base_theme"]])
    v = verdicts.get(k)
    if v == "yes":
        right += 1
    elif v == "no":
        wrong += 1
    else:
        unjudged += 1
found = total = 0
missed = []
for r in rows(judged, "sentences.csv"):
    wanted = [t.strip() for t in r["themes"].split(";") if t.strip()]
    a, b = int(r["start"]), int(r["end"])
    for t in wanted:
        total += 1
        if any(s["source"] == r["document"] and themes[s["base_theme"]] == t
               and int(s["start"]) < b and int(s["end"]) > a for s in segments):
            found += 1
        else:
            missed.append(f"{r['document']}:{a}-{b} {t}")
precision = right / (right + wrong) if right + wrong else float("nan")
recall = found / total if total else float("nan")
print(f"segments: {len(segments)} ({right} right, {wrong} wrong, {unjudged} not in the judged sample)")
print(f"precision {precision:.2f}; recall {recall:.2f} ({found} of {total} themes a reader finds in the sampled sentences)")
for m in missed:
    print(f"  missed: {m}")
if unjudged:
    print("code: segments the judged sample does not hold: judge them (bench/judged/segments.csv)")
    sys.exit(1)
