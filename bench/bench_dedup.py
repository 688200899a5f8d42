"""Benchmark of quotes.dedup: recall, pair precision, time and peak memory by corpus size.

    python bench/bench_dedup.py --sizes 10000 100000 1000000
    python bench/bench_dedup.py --sizes 30000 --grid     # threshold grid at one size

Data come from bench/gen_quotes.py (real sentences + Markov sentences, planted variants).
Each run clusters in a fresh child process so that its peak memory is its own.
Recall: planted variants put in their original's cluster. Pair precision: of all pairs of
quotes put in one cluster, the share that come from the same original.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def score(records: list[dict], labels: dict) -> dict:
    """Recall of planted variants (overall and per kind) and pair precision."""
    base_of = {r["group"]: r["id"] for r in records if r["how"] == "base"}
    hit, tot = Counter(), Counter()
    for r in records:
        if r["how"] != "base":
            tot[r["how"]] += 1
            hit[r["how"]] += labels[r["id"]] == labels[base_of[r["group"]]]
    size = Counter(labels.values())
    same = Counter((labels[r["id"]], r["group"]) for r in records)
    pairs = sum(n * (n - 1) // 2 for n in size.values())
    good = sum(n * (n - 1) // 2 for n in same.values())
    return {
        "recall": sum(hit.values()) / max(1, sum(tot.values())),
        "recall_by_kind": {k: hit[k] / tot[k] for k in sorted(tot)},
        "precision": good / pairs if pairs else 1.0,
        "pairs": pairs,
    }


def run_child(path: Path, params: dict) -> dict:
    """Cluster one file (in this process) and return timings, scores and peak memory."""
    from quotes.dedup import ClusterIndex, Params

    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    index = ClusterIndex(Params(**params))
    t0, c0 = time.perf_counter(), time.process_time()
    for r in records:
        index.add(r["id"], r["text"])
    labels = index.clusters()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    out = score(records, labels)
    out.update(
        n=len(records),
        seconds=seconds,
        cpu=cpu,
        peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        params=params,
    )
    return out


def measure(path: Path, params: dict) -> dict:
    cmd = [sys.executable, __file__, "--child", str(path), "--params", json.dumps(params)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 30000, 100000])
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--fragment-threshold", type=float)
    ap.add_argument("--min-fragment", type=int)
    ap.add_argument("--max-postings", type=int)
    ap.add_argument("--shingle", type=int)
    ap.add_argument("--min-shared", type=float)
    ap.add_argument("--variant-rate", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--grid", action="store_true", help="try a grid of thresholds at each size")
    ap.add_argument("--out", type=Path, default=HERE / "out", help="folder for the JSON results (bench/out)")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--params", default="{}", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, json.loads(args.params))))
        return

    from gen_quotes import generate

    base = {
        k: v
        for k, v in {
            "threshold": args.threshold,
            "fragment_threshold": args.fragment_threshold,
            "min_fragment": args.min_fragment,
            "max_postings": args.max_postings,
            "shingle": args.shingle,
            "min_shared": args.min_shared,
        }.items()
        if v is not None
    }
    grid = [base]
    if args.grid:
        grid = [
            {**base, "threshold": t, "fragment_threshold": f}
            for t in (80.0, 85.0, 90.0)
            for f in (85.0, 90.0, 95.0)
        ]
    header = f"{'quotes':>9} {'seconds':>8} {'cpu s':>7} {'cpu us/q':>8} {'growth':>6} {'recall':>7} {'precision':>9} {'peak MB':>8}  params / recall by kind"
    print(header)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        prev = None
        for n in args.sizes:
            t0 = time.perf_counter()
            path = Path(tmp) / f"q{n}.jsonl"
            with path.open("w", encoding="utf-8") as f:
                for r in generate(n, variant_rate=args.variant_rate, seed=args.seed):
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
            gen_s = time.perf_counter() - t0
            for params in grid:
                m = measure(path, params)
                results.append(m)
                # growth: CPU time ratio divided by size ratio to the previous size (1.0 = linear);
                # CPU, not wall time, because the machine may be shared
                growth = (m["cpu"] / prev[1]) / (n / prev[0]) if prev and not args.grid else float("nan")
                kinds = " ".join(f"{k}={v:.3f}" for k, v in m["recall_by_kind"].items())
                print(
                    f"{n:>9} {m['seconds']:>8.1f} {m['cpu']:>7.1f} {1e6 * m['cpu'] / n:>8.0f} {growth:>6.2f}"
                    f" {m['recall']:>7.4f} {m['precision']:>9.4f} {m['peak_mb']:>8.0f}"
                    f"  {params or 'defaults'} {kinds} (generated in {gen_s:.0f}s)",
                    flush=True,
                )
            if not args.grid:
                prev = (n, m["cpu"])
    args.out.mkdir(parents=True, exist_ok=True)
    saved = args.out / time.strftime("bench_dedup-%Y%m%d-%H%M%S.json")
    load = os.getloadavg()
    saved.write_text(json.dumps({"cpus": os.cpu_count(), "load": load, "runs": results}, indent=1))
    print(f"results in {saved} (load average {load[0]:.1f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
