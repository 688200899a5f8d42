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

    python bench/bench_long.py                     # 0.25 0.5 1 3 MB
    python bench/bench_long.py --sizes 0.25 0.5 1  # quicker

Prints a Markdown table (wall and CPU seconds, growth per doubling, peak MB) and one line per
target: growth <= 2.2 per doubling, and a 3 MB article under 180 s and 700 MB. CPU time decides
(on a shared machine wall-clock time measures the other jobs too); wall time is shown beside it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
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
    """Extract one article of ``mb`` MB in this process; wall and CPU time (all of it and the
    rules' part), peak memory, counts."""
    import quotes.attribution.documents as documents
    from quotes.attribution import extract_documents, load_gazetteer
    from quotes.model import cached_model
    from quotes.records import Document

    nlp = cached_model(None)
    gazetteer = load_gazetteer()
    text = news_article(int(mb * 1_000_000))
    rules = rules_cpu = 0.0
    inner = documents.extract_quotes

    def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal rules, rules_cpu
        t, c = time.perf_counter(), time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            rules += time.perf_counter() - t
            rules_cpu += time.process_time() - c

    documents.extract_quotes = timed
    t0, c0 = time.perf_counter(), time.process_time()
    ((_, quotes),) = list(extract_documents([Document(id="long", text=text)], nlp=nlp, gazetteer=gazetteer))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mb": mb, "chars": len(text), "words": len(text.split()), "quotes": len(quotes),
            "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "rules_seconds": round(rules, 2),
            "rules_cpu_seconds": round(rules_cpu, 2), "peak_mb": round(peak_mb)}


def growth(rows: list[dict], key: str) -> list[float | None]:
    """Factor by which ``key`` grows per doubling of the length, between consecutive sizes."""
    out: list[float | None] = [None]
    for a, b in zip(rows, rows[1:]):
        out.append(_per_doubling(a, b, key))
    return out


def _per_doubling(a: dict, b: dict, key: str) -> float | None:
    if a[key] <= 0 or b[key] <= 0 or a["chars"] == b["chars"]:
        return None
    return float((b[key] / a[key]) ** (math.log(2) / math.log(b["chars"] / a["chars"])))


def fitted_growth(rows: list[dict], key: str) -> float | None:
    """Growth per doubling of ``key`` from a least-squares line through log(size), log(key) of
    all sizes: one slow run on a shared machine moves it less than a step between two sizes."""
    pts = [(math.log(r["chars"]), math.log(r[key])) for r in rows if r[key] > 0]
    if len(pts) < 2:
        return None
    mx, my = sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)
    var = sum((x - mx) ** 2 for x, _ in pts)
    if var == 0:
        return None
    return float(2 ** (sum((x - mx) * (y - my) for x, y in pts) / var))


# Issue 15: time grows at most 2.2x per doubling of the length; a 3 MB article in under 3 minutes
# and 700 MB.
TARGET_GROWTH = 2.2
TARGET_3MB_SECONDS = 180
TARGET_3MB_MB = 700


def table(rows: list[dict]) -> list[str]:
    """The Markdown table of the runs, with the growth per doubling of wall time, CPU time and
    the rules' CPU time."""
    fmt = lambda x: "" if x is None else f"{x:.2f}"  # noqa: E731
    lines = [
        "| MB | words | quotes | wall s | x per doubling | CPU s | x per doubling | rules CPU s | x per doubling | peak MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    grows = zip(growth(rows, "seconds"), growth(rows, "cpu_seconds"), growth(rows, "rules_cpu_seconds"))
    for r, (gw, gc, gr) in zip(rows, grows):
        lines.append(f"| {r['mb']:g} | {r['words']:,} | {r['quotes']:,} | {r['seconds']:.1f} | {fmt(gw)} | {r['cpu_seconds']:.1f}"
                     f" | {fmt(gc)} | {r['rules_cpu_seconds']:.1f} | {fmt(gr)} | {r['peak_mb']} |")
    return lines


def verdicts(rows: list[dict]) -> list[str]:
    """One line per target of issue 15, from CPU time (steady when other jobs share the cores)
    with the wall-clock figure beside it."""
    out = []
    fit = fitted_growth(rows, "cpu_seconds")
    if fit is not None:
        steps = [g for g in growth(rows, "cpu_seconds") if g is not None]
        wall = fitted_growth(rows, "seconds") or 0.0
        met = "meets" if fit <= TARGET_GROWTH else "MISSES"
        out.append(f"growth per doubling (CPU, fitted over {rows[0]['mb']:g}-{rows[-1]['mb']:g} MB): {fit:.2f};"
                   f" between two sizes {min(steps):.2f}-{max(steps):.2f}; wall: {wall:.2f}; target <= {TARGET_GROWTH}: {met}")
    for r in rows:
        if r["mb"] == 3:
            met = "meets" if r["cpu_seconds"] < TARGET_3MB_SECONDS and r["peak_mb"] < TARGET_3MB_MB else "MISSES"
            wall = "under" if r["seconds"] < TARGET_3MB_SECONDS else "OVER"
            out.append(f"3 MB article: {r['cpu_seconds']:.0f} s CPU ({r['seconds']:.0f} s wall, {wall} the target on this"
                       f" machine's load), {r['peak_mb']} MB; target < {TARGET_3MB_SECONDS} s and < {TARGET_3MB_MB} MB: {met}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1, 3], help="article sizes in MB")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="folder for the JSON results (bench/out)")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(measure(args.child)))
        return 0
    rows = []
    load_before = os.getloadavg()
    for mb in sorted(args.sizes):
        out = subprocess.run([sys.executable, __file__, "--child", str(mb)], capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"measured {mb:g} MB: {rows[-1]['cpu_seconds']:.0f} s CPU", file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    print("\n".join(table(rows) + [""] + verdicts(rows)))
    print(f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, on {os.cpu_count()} CPUs")
    args.out.mkdir(parents=True, exist_ok=True)
    saved = args.out / time.strftime("bench_long-%Y%m%d-%H%M%S.json")
    saved.write_text(json.dumps({"cpus": os.cpu_count(), "load_before": load_before, "load_after": load_after, "runs": rows}, indent=1))
    print(f"results in {saved}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
