"""Write every record the extractor gives on a corpus, as JSONL, to check that a refactoring
changes nothing.

    python scripts/snapshot_records.py ../shared/eval/polnear-train.jsonl corpus -o /tmp/before.jsonl
    ... change the code ...
    python scripts/snapshot_records.py ../shared/eval/polnear-train.jsonl corpus -o /tmp/after.jsonl
    python scripts/snapshot_records.py --compare /tmp/before.jsonl /tmp/after.jsonl

Each line is one record with all its fields (``Quote.to_dict()``) and its document id; a document
without quotes still gets a line (``{"doc_id": ..., "quotes": 0}``) so a lost document shows. Write the
output outside the repository: it holds the articles' words.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="files or folders quotes can read")
    parser.add_argument("-o", "--output", type=Path, help="JSONL file to write")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--compare", action="store_true", help="compare two snapshots (the inputs) instead")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.inputs)
    if args.output is None:
        parser.error("--output is required")

    try:
        from quotes.attribution import extract_documents
    except ImportError:  # the layout before quotes/attribution/, to snapshot an older commit
        from quotes.extract import extract_documents  # type: ignore[no-redef]
    from quotes.ingest import iter_documents

    n_docs = n_quotes = 0
    with args.output.open("w", encoding="utf-8") as out:
        for doc, quotes in extract_documents(iter_documents(args.inputs), workers=args.workers):
            n_docs += 1
            out.write(json.dumps({"doc_id": doc.id, "quotes": len(quotes)}, ensure_ascii=False) + "\n")
            for q in quotes:
                out.write(json.dumps({"doc_id": doc.id, **q.to_dict()}, ensure_ascii=False, sort_keys=True) + "\n")
                n_quotes += 1
    print(f"{n_docs} documents, {n_quotes} records -> {args.output}", file=sys.stderr)
    return 0


def compare(before: Path, after: Path) -> int:
    """Print the records that differ (fields present in both snapshots only: a field added to
    ``Quote`` since the first one is not a difference of the rules); exit 1 if any."""
    a = before.read_text(encoding="utf-8").splitlines()
    b = after.read_text(encoding="utf-8").splitlines()
    diffs = 0
    if len(a) != len(b):
        print(f"{before}: {len(a)} lines, {after}: {len(b)} lines")
        diffs += 1
    for n, (x, y) in enumerate(zip(a, b), 1):
        rx, ry = json.loads(x), json.loads(y)
        keys = rx.keys() & ry.keys()
        if any(rx[k] != ry[k] for k in keys):
            diffs += 1
            if diffs <= 20:
                print(f"line {n}:\n  - {x}\n  + {y}")
    print(f"{min(len(a), len(b))} lines compared, {diffs} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    raise SystemExit(main())
