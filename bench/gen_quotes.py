"""Generate quote records with planted near-duplicates, for bench_dedup.py.

Base quotes are real sentences (the seed articles in corpus/ and, read at run time by path,
the PolNeAR articles; nothing is copied into the repository), then sentences from a
first-order word Markov chain trained on them, so that unrelated quotes share the common
phrases of news prose. Sentences that share a 6-word run with an earlier base are skipped,
so bases are not near-duplicates of each other. Each planted variant records the base it
came from (``group``) and how it was made (``how``):

- ``swap``: one word replaced by a random word of the vocabulary;
- ``drop``: one word dropped;
- ``case``: case changed and punctuation removed or added;
- ``marks``: quotation marks changed (straight, curly, guillemets, none);
- ``fragment``: a contiguous run of 60-90% of the words (only when it keeps >= 6 words).

Output: JSONL records ``{"id", "text", "group", "how"}`` in random order.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = Path("/work/shared/eval/polnear-train.jsonl")
KINDS = ("swap", "drop", "case", "marks", "fragment")
MIN_FRAGMENT = 6

_SENT = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])")
_MARKS = [("\u201c", "\u201d"), ('"', '"'), ("'", "'"), ("\u00ab", "\u00bb"), ("\u2018", "\u2019"), ("", "")]


def _texts(polnear: Path | None) -> Iterator[str]:
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 1)[-1]
        yield text
    if polnear and polnear.exists():
        with polnear.open(encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)["text"]


def sentences(polnear: Path | None = POLNEAR) -> list[list[str]]:
    """Word lists of real sentences with 6 to 50 words."""
    out = []
    for text in _texts(polnear):
        for para in text.split("\n"):
            for s in _SENT.split(para.strip()):
                words = s.split()
                if 6 <= len(words) <= 50:
                    out.append(words)
    return out


def _norm(w: str) -> str:
    return re.sub(r"\W+", "", w.lower())


class _Unique:
    """Rejects a sentence sharing a 6-word run with an earlier one (a one-hash Bloom filter)."""

    def __init__(self, n: int) -> None:
        bits = 1 << max(24, (n * 1200).bit_length())
        self.mask = bits - 1
        self.bits = bytearray(bits >> 3)

    def add(self, words: list[str]) -> bool:
        norm = [w for w in (_norm(w) for w in words) if w]
        grams = [
            zlib.crc32(" ".join(norm[i : i + 6]).encode()) & self.mask
            for i in range(max(1, len(norm) - 5))
        ]
        bits = self.bits
        if any(bits[g >> 3] & (1 << (g & 7)) for g in grams):
            return False
        for g in grams:
            bits[g >> 3] |= 1 << (g & 7)
        return True


def _markov(sents: list[list[str]]) -> tuple[list[str], dict[str, list[str]]]:
    starts = [s[0] for s in sents]
    nxt: dict[str, list[str]] = {}
    for s in sents:
        for a, b in zip(s, s[1:] + [None]):  # type: ignore[operator]
            nxt.setdefault(a, []).append(b)
    return starts, nxt


def _generate(rng: random.Random, starts: list[str], nxt: dict[str, list[str]], n: int) -> list[str]:
    words = [rng.choice(starts)]
    while len(words) < 50:
        follow = nxt.get(words[-1])
        if not follow:
            break
        w = rng.choice(follow)
        if w is None:
            if len(words) >= n:
                break
            w = rng.choice(starts)
        words.append(w)
    return words


def variant(rng: random.Random, words: list[str], how: str, vocab: list[str]) -> str | None:
    """A planted near-duplicate of ``words`` made the ``how`` way (None when impossible)."""
    w = list(words)
    if how == "swap":
        i = rng.randrange(len(w))
        w[i] = rng.choice(vocab)
    elif how == "drop":
        del w[rng.randrange(len(w))]
    elif how == "case":
        text = " ".join(w)
        text = rng.choice([str.lower, str.upper, str.title])(text)
        text = re.sub(r"[,.;:!?]", "", text) if rng.random() < 0.5 else text.replace(" ", ", ", 1) + "!"
        return text
    elif how == "marks":
        text = re.sub(r"[\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]", "", " ".join(w))
        left, right = rng.choice(_MARKS)
        return f"{left}{text}{right}"
    elif how == "fragment":
        k = round(len(w) * rng.uniform(0.6, 0.9))
        if k < MIN_FRAGMENT or k >= len(w):
            return None
        i = rng.randrange(len(w) - k + 1)
        w = w[i : i + k]
    return " ".join(w)


def generate(n: int, *, variant_rate: float = 0.3, seed: int = 1, polnear: Path | None = POLNEAR) -> list[dict]:
    """``n`` records: about ``n * (1 - variant_rate)`` bases and the rest planted variants."""
    rng = random.Random(seed)
    real = sentences(polnear)
    rng.shuffle(real)
    starts, nxt = _markov(real)
    vocab = sorted({w for s in real for w in s})
    unique = _Unique(n)
    n_var = int(n * variant_rate)
    n_base = n - n_var
    bases: list[list[str]] = []
    for s in real:
        if len(bases) >= n_base:
            break
        if unique.add(s):
            bases.append(s)
    while len(bases) < n_base:
        s = _generate(rng, starts, nxt, rng.choice(real).__len__())
        if len(s) >= 6 and unique.add(s):
            bases.append(s)
    records = [{"id": i, "text": " ".join(s), "group": i, "how": "base"} for i, s in enumerate(bases)]
    while len(records) < n:
        g = rng.randrange(n_base)
        how = rng.choice(KINDS)
        text = variant(rng, bases[g], how, vocab)
        if text is not None:
            records.append({"id": len(records), "text": text, "group": g, "how": how})
    rng.shuffle(records)
    return records


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--variant-rate", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--polnear", type=Path, default=POLNEAR, help="articles to harvest sentences from")
    args = ap.parse_args(argv)
    records = generate(args.n, variant_rate=args.variant_rate, seed=args.seed, polnear=args.polnear)
    with args.output.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} records to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
