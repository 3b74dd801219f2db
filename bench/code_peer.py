"""The peer for `thematic code`: what a researcher would write instead, Python's re with
every term in one alternation at \\b boundaries (case folded), one document at a time,
every match written to a CSV (document, start, end, term). It does not know Persian
suffixes, ZWNJ or Arabic letter variants: it is the speed baseline, not a like-for-like
matcher.

    python3 bench/code_peer.py TERMS_CSV DOC_DIR OUT_CSV
"""
import csv, os, re, sys

terms = [r["term"].rstrip("*") for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))]
pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\b", re.IGNORECASE)
with open(sys.argv[3], "w", encoding="utf-8", newline="") as out:
    w = csv.writer(out)
    w.writerow(["document", "start", "end", "term"])
    for name in sorted(os.listdir(sys.argv[2])):
        text = open(os.path.join(sys.argv[2], name), encoding="utf-8").read()
        for m in pattern.finditer(text):
            w.writerow([name, m.start(), m.end(), m.group(0)])
