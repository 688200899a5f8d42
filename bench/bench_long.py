"""Cost of one long article: time and peak memory of extraction for news-like articles of 0.25 to
3 MB, and how the time grows per doubling of the length (2.0 is linear, 4.0 quadratic; the target
of issue 15 is at most 2.2).

The articles are generated (not gold text): paragraphs of wire copy from the templates of
``bench/gen_corpus.py`` (narration, direct quotes with the attribution after, before with a colon
or splitting the quote, mixed quotes, reported speech, ``according to``, quotes running over two
paragraphs) with a cast of 40 speakers, as one document. Each size runs in a fresh Python process
(``quotes.attribution.extract_documents`` with the default model and gazetteer, one worker), so
peak memory (maximum resident set size) is that size's own. ``rules`` is the part of the time
spent after parsing (the attribution rules and speaker resolution).

    python bench/bench_long.py                     # 0.25 0.5 1 2 3 MB
    python bench/bench_long.py --sizes 0.25 0.5 1  # quicker
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_corpus import ROLES, _paragraph, _person  # noqa: E402

CAST = 40


def news_article(nbytes: int, seed: int = 0) -> str:
    """A generated news-like article of about ``nbytes`` characters (paragraphs joined by blank lines)."""
    rng = random.Random(seed)
    speakers = [(_person(rng), rng.choice(ROLES)) for _ in range(CAST)]
    paras: list[str] = []
    size = 0
    while size < nbytes:
        para = _paragraph(rng, *rng.choice(speakers))
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras) + "\n"


def measure(mb: float) -> dict:
    """Extract one article of ``mb`` MB in this process; time, rules time, peak memory, counts."""
    import quotes.attribution.documents as documents
    from quotes.attribution import extract_documents, load_gazetteer
    from quotes.model import cached_model
    from quotes.records import Document

    nlp = cached_model(None)
    gazetteer = load_gazetteer()
    text = news_article(int(mb * 1_000_000))
    rules = 0.0
    inner = documents.extract_quotes

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal rules
        t = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            rules += time.perf_counter() - t

    documents.extract_quotes = timed
    t0 = time.perf_counter()
    ((_, quotes),) = list(extract_documents([Document(id="long", text=text)], nlp=nlp, gazetteer=gazetteer))
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mb": mb, "chars": len(text), "words": len(text.split()), "quotes": len(quotes),
            "seconds": round(seconds, 2), "rules_seconds": round(rules, 2), "peak_mb": round(peak_mb)}


def growth(rows: list[dict], key: str) -> list[float | None]:
    """Factor by which ``key`` grows per doubling of the length, between consecutive sizes."""
    out: list[float | None] = [None]
    for a, b in zip(rows, rows[1:]):
        if a[key] <= 0 or b[key] <= 0:
            out.append(None)
            continue
        out.append((b[key] / a[key]) ** (math.log(2) / math.log(b["chars"] / a["chars"])))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 2, 3], help="article sizes in MB")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(measure(args.child)))
        return 0
    rows = []
    for mb in sorted(args.sizes):
        out = subprocess.run([sys.executable, __file__, "--child", str(mb)], capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"measured {mb} MB", file=sys.stderr)
    per_doubling = growth(rows, "seconds")
    rules_doubling = growth(rows, "rules_seconds")
    print("| MB | words | quotes | seconds | x per doubling | rules s | x per doubling | peak MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r, g, gr in zip(rows, per_doubling, rules_doubling):
        fmt = lambda x: "" if x is None else f"{x:.2f}"  # noqa: E731
        print(f"| {r['mb']} | {r['words']:,} | {r['quotes']:,} | {r['seconds']} | {fmt(g)} | {r['rules_seconds']} | {fmt(gr)} | {r['peak_mb']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
