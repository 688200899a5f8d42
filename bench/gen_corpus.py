"""Generate a large synthetic news corpus (JSONL documents) for scale runs of the benchmarks.

Articles are assembled from hand-written templates: filler paragraphs, direct quotes (with the
attribution after, before with a colon, or splitting the quote), mixed quotes, reported speech,
``according to`` and quotes running over two paragraphs, with random names, roles and topics.
The mix is close to wire copy (about a third of the paragraphs quote someone). With
``--source FILE.jsonl`` the paragraphs are instead drawn from real articles and shuffled into new
documents (keep the output out of the repository when the source texts are not yours).

The output streams line by line, so any size fits in constant memory::

    python bench/gen_corpus.py -n 100000 -o bench/out/synthetic-100k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

FIRST = ["Ana", "Boris", "Chen", "Dara", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal",
         "Lena", "Marta", "Nikos", "Olga", "Pavel", "Rosa", "Samir", "Tomas", "Vera"]
LAST = ["Adler", "Bakirov", "Costa", "Dunne", "Ekberg", "Ferreira", "Grigoryan", "Hale", "Ivanova",
        "Jansen", "Kovacs", "Lindqvist", "Mendez", "Novak", "Okafor", "Petrov", "Quinn", "Rahimov"]
ROLES = ["the foreign minister", "the defense minister", "a spokeswoman for the ministry",
         "the mayor", "the union leader", "the central bank governor", "the senator",
         "the secretary-general of the alliance", "a senior official", "the opposition leader"]
ORGS = ["the ministry", "the alliance", "the commission", "the city council", "the union",
        "the central bank", "the parliament", "the monitoring mission"]
TOPICS = ["the ceasefire", "the budget", "the new bridge", "the trade talks", "the election",
          "the border crossing", "the pension reform", "the energy prices", "the peace plan"]
VERBS = ["said", "told reporters", "added", "stressed", "warned", "noted", "explained"]
STATEMENTS = [
    "we will not accept any delay on {topic}",
    "{topic} is the most urgent question for our region",
    "nobody should expect a quick solution to {topic}",
    "our position on {topic} has not changed since the spring",
    "the talks on {topic} are moving in the right direction",
    "there is no alternative to dialogue about {topic}",
    "we are deeply concerned by what happened around {topic}",
    "{topic} must be settled by the people who live with it",
]
FILLER = [
    "The meeting took place on {day} in the capital, where {org} has its offices.",
    "Officials from {org} did not comment on {topic} before the session.",
    "Earlier this year {org} published a report on {topic} that ran to forty pages.",
    "Several hundred people gathered outside the building on {day}.",
    "The next round of meetings on {topic} is planned for the autumn.",
    "Local newspapers have followed {topic} closely for months.",
    "Prices in the region rose by {n} percent over the last quarter.",
    "{org} has {n} members, according to its website.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _statement(rng: random.Random) -> str:
    return rng.choice(STATEMENTS).format(topic=rng.choice(TOPICS))


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _paragraph(rng: random.Random, speaker: str, role: str) -> str:
    """One paragraph: filler two times in three, else one of the quote patterns."""
    fill = dict(org=rng.choice(ORGS), topic=rng.choice(TOPICS), day=rng.choice(DAYS), n=rng.randint(2, 90))
    if rng.random() < 0.62:
        return " ".join(f.format(**fill) for f in rng.sample(FILLER, rng.randint(1, 3)))
    s1, s2, verb = _statement(rng), _statement(rng), rng.choice(VERBS)
    pattern = rng.randrange(7)
    if pattern == 0:
        return f"\u201c{_sentence(s1)}. {_sentence(s2)},\u201d {speaker} {verb}."
    if pattern == 1:
        return f"{_sentence(role)}, {speaker}, {verb}: \u201c{_sentence(s1)}.\u201d"
    if pattern == 2:
        inverted = rng.choice(["said", "added", "noted", "stressed"])
        return f"\u201c{_sentence(s1)},\u201d {inverted} {speaker}, \u201cand {s2}.\u201d"
    if pattern == 3:
        return f"{speaker} {verb} that {s1}, adding that \u201c{s2}.\u201d"
    if pattern == 4:
        return f"{_sentence(role)} {verb} {s1}."
    if pattern == 5:
        return f"According to {speaker}, {s1}."
    return f"\u201c{_sentence(s1)}.\n\n\u201c{_sentence(s2)},\u201d {speaker.split()[-1]} {verb}."


def synthetic_documents(n: int, *, seed: int = 0, paragraphs: tuple[int, int] = (8, 20)) -> Iterator[dict]:
    """``n`` template articles as JSONL-ready dicts (``id``, ``text``, ``title``, ``outlet``, ``date``)."""
    rng = random.Random(seed)
    for i in range(n):
        speakers = [(_person(rng), rng.choice(ROLES)) for _ in range(rng.randint(1, 3))]
        paras = [_paragraph(rng, *rng.choice(speakers)) for _ in range(rng.randint(*paragraphs))]
        yield {
            "id": f"syn-{i:07d}",
            "text": "\n\n".join(paras) + "\n",
            "title": f"Talks on {rng.choice(TOPICS)} continue",
            "outlet": rng.choice(["Daily Ledger", "Evening Wire", "Harbor Times"]),
            "date": f"20{rng.randint(15, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }


def shuffled_documents(source: Path, n: int, *, seed: int = 0, paragraphs: tuple[int, int] = (8, 20)) -> Iterator[dict]:
    """``n`` documents made of paragraphs drawn at random from the articles of ``source`` (JSONL).

    Only the paragraphs are held in memory (a few hundred MB at most for a research corpus)."""
    rng = random.Random(seed)
    pool: list[str] = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                text = json.loads(line).get("text") or ""
                pool.extend(p.strip() for p in text.split("\n\n") if p.strip())
    if not pool:
        raise SystemExit(f"{source}: no paragraphs found")
    for i in range(n):
        k = rng.randint(*paragraphs)
        yield {"id": f"mix-{i:07d}", "text": "\n\n".join(rng.choice(pool) for _ in range(k)) + "\n"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--documents", type=int, default=10_000, help="number of documents")
    parser.add_argument("-o", "--output", type=Path, help="JSONL file to write (default stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", type=Path, help="draw paragraphs from this JSONL corpus instead of templates")
    args = parser.parse_args(argv)
    docs = (shuffled_documents(args.source, args.documents, seed=args.seed) if args.source
            else synthetic_documents(args.documents, seed=args.seed))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    try:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    finally:
        if args.output:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
