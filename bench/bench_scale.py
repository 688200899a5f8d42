"""Scaling of extraction beyond one process: words/s with 1 and N workers, and on Dask.

Each system runs in a fresh Python process, one after the other, on the same documents:

- ``one``: ``extract_documents`` in one process (the baseline, ``x one`` = 1.0);
- ``pool``: ``quotes.scale.extract_parallel`` (each worker parses and applies the rules);
- ``spacy``: ``extract_documents(workers=N)`` (spaCy's ``n_process``; rules in the main process);
- ``dask``: ``quotes.scale.dask.extract_with_dask`` on a LocalCluster of N worker processes.

Start-up (worker processes, model loading, cluster start) is counted, as a user pays it;
words/s count model loading on both sides (``load_s`` of ``one``). The machine's own scaling (N processes of pure CPU work
against one) is measured each round: on a shared machine it bounds what any pool can reach.
Results go to bench/out/bench_scale-*.json.

    python bench/bench_scale.py --limit 150 --workers 2 --repeat 3
    python bench/bench_scale.py my.jsonl --systems one pool --workers 2 4
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "polnear-train.jsonl"


def load_docs(path: Path, limit: int | None) -> list:
    from quotes.records import Document

    docs = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and len(docs) >= limit:
                break
            row = json.loads(line)
            docs.append(Document(id=str(row.get("id", i)), text=row["text"], date=row.get("date")))
    return docs


def measure(system: str, workers: int, corpus: Path, limit: int | None, partition: int) -> dict:
    """Run one system in this process and return its figures."""
    docs = load_docs(corpus, limit)
    words = sum(len(d.text.split()) for d in docs)
    load_s = 0.0
    if system == "one":
        from quotes.attribution.documents import extract_documents, load_gazetteer
        from quotes.model import cached_model

        t = time.perf_counter()
        nlp, gaz = cached_model(None), load_gazetteer()
        list(extract_documents(docs[:1], nlp=nlp, gazetteer=gaz))  # warm-up
        load_s = time.perf_counter() - t
        run = lambda: extract_documents(docs, nlp=nlp, gazetteer=gaz)  # noqa: E731
    elif system == "pool":
        from quotes.scale import extract_parallel

        run = lambda: extract_parallel(docs, workers=workers)  # noqa: E731
    elif system == "spacy":
        from quotes.attribution.documents import extract_documents

        run = lambda: extract_documents(docs, workers=workers)  # noqa: E731
    elif system == "dask":
        from quotes.scale.dask import extract_with_dask

        run = lambda: extract_with_dask(docs, scheduler="local", workers=workers, partition_size=partition)  # noqa: E731
    else:
        raise SystemExit(f"unknown system {system}")
    cpu0 = os.times()
    t = time.perf_counter()
    n_quotes = sum(len(q) for _, q in run())
    seconds = time.perf_counter() - t
    cpu1 = os.times()
    children = (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
    return {
        "system": system, "workers": 1 if system == "one" else workers, "documents": len(docs), "words": words,
        "seconds": seconds, "words_per_s": words / seconds, "load_s": load_s, "quotes": n_quotes,
        "cpu_s": (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system) + children,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }  # fmt: skip


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_scaling(workers: int, n: int = 20_000_000) -> float:
    """How much faster N processes of pure CPU work finish than one, on this machine now.

    On a shared machine other jobs take cores too; a worker scaling close to this figure means
    the pool loses little to its own overhead.
    """
    import multiprocessing

    t = time.perf_counter()
    _burn(n)
    one = time.perf_counter() - t
    with multiprocessing.get_context().Pool(workers) as pool:
        t = time.perf_counter()
        pool.map(_burn, [n] * workers)
        many = time.perf_counter() - t
    return workers * one / many


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=150)
    ap.add_argument("--workers", type=int, nargs="+", default=[2])
    ap.add_argument("--systems", nargs="+", default=["one", "pool", "spacy", "dask"])
    ap.add_argument("--partition-size", type=int, default=8)
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the fastest run of each system counts")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--one", nargs=2, metavar=("SYSTEM", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]), args.corpus, args.limit, args.partition_size)))
        return
    runs: list[dict] = []
    calibration: dict[int, list[float]] = {w: [] for w in args.workers}
    # Rounds alternate the systems so that each sees the same mix of load from other jobs;
    # the fastest run of each counts (the one least disturbed).
    for round_ in range(args.repeat):
        for w in args.workers:
            calibration[w].append(machine_scaling(w))
        for system in args.systems:
            for workers in [1] if system == "one" else args.workers:
                cmd = [sys.executable, __file__, str(args.corpus), "--limit", str(args.limit),
                       "--partition-size", str(args.partition_size), "--one", system, str(workers)]  # fmt: skip
                out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
                row = json.loads(out.strip().splitlines()[-1])
                row["total_words_per_s"] = row["words"] / (row["seconds"] + row["load_s"])
                runs.append(row)
                print(f"round {round_ + 1}: {system:6} {row['workers']} workers: {row['total_words_per_s']:8.0f} words/s "
                      f"{row['seconds']:6.1f} s  {row['quotes']} quotes", flush=True)  # fmt: skip
    results = []
    for key in dict.fromkeys((r["system"], r["workers"]) for r in runs):
        mine = [r for r in runs if (r["system"], r["workers"]) == key]
        best = max(mine, key=lambda r: r["total_words_per_s"])
        results.append(best | {"all_words_per_s": [round(r["total_words_per_s"]) for r in mine]})
    base = next((r for r in results if r["system"] == "one"), None)
    for r in results:
        # model loading counts on both sides: one process loads it once, each worker once
        r["x_one"] = r["total_words_per_s"] / base["total_words_per_s"] if base else None
    report = {
        "corpus": str(args.corpus), "limit": args.limit, "cpus": os.cpu_count(), "load_average": os.getloadavg(),
        "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "results": results,
        "machine_scaling": {str(w): v for w, v in calibration.items()},
    }  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"bench_scale-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=1))
    for r in results:
        print(f"{r['system']:6} {r['workers']}: best {r['total_words_per_s']:.0f} words/s, x one = {r['x_one']:.2f}")
    for w, v in calibration.items():
        print(f"machine: {w} processes of pure CPU work = {', '.join(f'{x:.2f}x' for x in v)} one (each round)")
    print(f"saved {path}")


if __name__ == "__main__":
    main()
