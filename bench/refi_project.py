#!/usr/bin/env python3
"""Writes a large synthetic REFI-QDA project (.qdpx) for timing `thematic import`.

Usage: refi_project.py OUT.qdpx [--sources N] [--selections K] [--cases] [--seed S]

N interview transcripts (plain text, Persian and English lines) under sources/, each with K
coded PlainTextSelections over a three-level code tree (3 dimensions, 12 components, 120 base
themes). Without --cases every source is one interviewee (MAXQDA's and QualCoder's shape); with
it, each source belongs to a Case through a SourceRef and the case carries `code` and `role`
variables (NVivo's shape). Deterministic for a seed: fixed ZIP timestamps, seeded choices.
Not a test fixture (nothing in `cargo test` reads it) and not a model of any real study.
"""
import argparse
import random
import uuid
import zipfile

FIXED = (1980, 1, 1, 0, 0, 0)
NS = uuid.UUID("6f1c1f9e-3c55-4a44-9d53-2f1b2b7e5a10")
LINES = [
    "We trade through the port, and the rail links matter more every year.",
    "همکاری اقتصادی و کریدور شمال به جنوب برای هر دو کشور مهم است.",
    "The shared language makes the cultural programmes easy to run.",
    "توریست سلامت و توریست مذهبی دو فرصت بزرگ هستند.",
    "Media cooperation has been slow, but television is starting to help.",
    "اشتراک زبانی و سنتی، رسوم و عادات، و موسیقی مشترک.",
]


def guid(*parts):
    return str(uuid.uuid5(NS, "/".join(str(p) for p in parts))).upper()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--sources", type=int, default=5000)
    ap.add_argument("--selections", type=int, default=40)
    ap.add_argument("--cases", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)

    leaves = []
    tree = []
    for d in range(3):
        tree.append(f'<Code guid="{guid("d", d)}" name="Dimension {d + 1}" isCodable="false">')
        for c in range(4):
            tree.append(f'<Code guid="{guid("c", d, c)}" name="Component {d + 1}.{c + 1}" isCodable="false">')
            for b in range(10):
                g = guid("b", d, c, b)
                leaves.append(g)
                tree.append(
                    f'<Code guid="{g}" name="Base theme {d + 1}.{c + 1}.{b + 1}" isCodable="true">'
                    f"<Description>English: Base theme {d + 1}.{c + 1}.{b + 1}</Description></Code>"
                )
            tree.append("</Code>")
        tree.append("</Code>")

    texts = []
    sources = []
    cases = []
    for s in range(a.sources):
        lines = [rng.choice(LINES) for _ in range(a.selections + 10)]
        text = "\n".join(lines)
        sg = guid("s", s)
        texts.append((f"sources/{sg}.txt", text))
        sel = []
        start = 0
        for i, line in enumerate(lines):
            end = start + len(line)  # characters, as the standard counts
            if i < a.selections:
                codes = "".join(
                    f'<Coding guid="{guid("k", s, i, j)}"><CodeRef targetGUID="{code}"/></Coding>'
                    for j, code in enumerate(rng.sample(leaves, rng.randint(1, 3)))
                )
                sel.append(
                    f'<PlainTextSelection guid="{guid("p", s, i)}" name="{i}" '
                    f'startPosition="{start}" endPosition="{end}">{codes}</PlainTextSelection>'
                )
            start = end + 1
        sources.append(
            f'<TextSource guid="{sg}" name="Interview {s + 1}" plainTextPath="internal://{sg}.txt">'
            + "".join(sel)
            + "</TextSource>"
        )
        if a.cases:
            cases.append(
                f'<Case guid="{guid("case", s)}" name="Interviewee {s + 1}">'
                f'<VariableValue><VariableRef targetGUID="{guid("v", "code")}"/><IntegerValue>{s + 1}</IntegerValue></VariableValue>'
                f'<VariableValue><VariableRef targetGUID="{guid("v", "role")}"/><TextValue>role {s % 7}</TextValue></VariableValue>'
                f'<SourceRef targetGUID="{sg}"/></Case>'
            )

    qde = ['<?xml version="1.0" encoding="utf-8"?>',
           '<Project xmlns="urn:QDA-XML:project:1.0" name="Synthetic" origin="bench/refi_project.py">',
           "<CodeBook><Codes>", *tree, "</Codes></CodeBook>"]
    if a.cases:
        qde += [
            "<Variables>",
            f'<Variable guid="{guid("v", "code")}" name="code" typeOfVariable="Integer"/>',
            f'<Variable guid="{guid("v", "role")}" name="role" typeOfVariable="Text"/>',
            "</Variables>",
            "<Cases>", *cases, "</Cases>",
        ]
    qde += ["<Sources>", *sources, "</Sources>", "</Project>"]

    with zipfile.ZipFile(a.out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("project.qde", "\n".join(qde)), *texts]:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


if __name__ == "__main__":
    main()
