"""A synthetic corpus for `thematic code` benchmarks: N documents of about SIZE bytes each,
Persian and English, of words drawn from a vocabulary that holds the paper's terms (so that
every document matches), words that contain them without being them (زنجان, riverbank) and
filler, in sentences and paragraphs. Deterministic for a seed.

    python3 bench/code_corpus.py OUT_DIR N SIZE [SEED]
"""
import csv, os, random, sys

out, n, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
here = os.path.dirname(os.path.abspath(__file__))
terms = [r["term"] for r in csv.DictReader(open(os.path.join(here, "..", "codebooks/masoumi2025/terms.csv"), encoding="utf-8"))]
fa_terms = [t for t in terms if any("\u0600" <= c <= "\u06ff" for c in t)]
en_terms = [t for t in terms if t not in fa_terms]
fa_filler = "و در از به با که این را برای است شد می کشور دو روابط ایران جمهوری آذربایجان زنجان رودخانه سفر دیدار مقام گفت سال میان".split()
en_filler = "the of and to in a on for with that is was by between countries Iran Azerbaijan riverbank sportsmanship trademarked said year visit talks".split()
os.makedirs(out, exist_ok=True)
for i in range(n):
    persian = i % 2 == 0
    filler, found = (fa_filler, fa_terms) if persian else (en_filler, en_terms)
    parts, length = [], 0
    while length < size:
        words = [rng.choice(found) if rng.random() < 0.02 else rng.choice(filler) for _ in range(rng.randint(8, 25))]
        sentence = " ".join(words) + (". " if not persian else ". ")
        if rng.random() < 0.1:
            sentence += "\n\n"
        parts.append(sentence)
        length += len(sentence.encode("utf-8"))
    with open(os.path.join(out, f"doc{i:05d}.txt"), "w", encoding="utf-8") as f:
        f.write("".join(parts))
