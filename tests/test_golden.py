"""Golden test: the quotes of the bundled corpus, as reviewed in tests/golden/corpus_quotes.jsonl.

After a deliberate change of the extractor, regenerate with
``QUOTES_REGENERATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff by reading it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quotes.attribution.documents import extract_documents
from quotes.ingest import iter_documents

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "corpus_quotes.jsonl"
FIELDS = ("kind", "text", "speaker", "speaker_name", "speaker_id", "role", "cue", "group", "part")


def current(nlp) -> list[dict]:
    rows = []
    for doc, quotes in extract_documents(iter_documents([ROOT / "corpus"]), nlp=nlp):
        for q in quotes:
            d = q.to_dict()
            rows.append({"doc_id": doc.id, **{k: d[k] for k in FIELDS}})
    return rows


@pytest.fixture(scope="module")
def rows(nlp) -> list[dict]:
    return current(nlp)


def test_corpus_matches_the_reviewed_golden_file(rows) -> None:
    if os.environ.get("QUOTES_REGENERATE_GOLDEN"):
        GOLDEN.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert rows == expected


def by_speaker(rows: list[dict], pid: str) -> list[dict]:
    return [r for r in rows if r["speaker_id"] == pid]


def test_every_stoltenberg_quote_is_his(rows) -> None:
    # All of Stoltenberg's quotes in the three articles that quote him, whatever names him.
    mine = by_speaker(rows, "jens-stoltenberg")
    assert {r["doc_id"][:3] for r in mine} == {"000", "002", "003"}
    mentions = {r["speaker"] for r in mine}
    assert {"he", "He", "Stoltenberg", "Jens Stoltenberg", "the NATO secretary-general"} <= mentions
    texts = " ".join(r["text"] for r in mine)
    for words in (
        "It is vital that all sides now show restraint",
        "Unless Russia in a verifiable way destroys",
        "NATO is deeply concerned by ongoing violations",
        "not credible because we had a ban",
        "right direction",
    ):
        assert words in texts


def test_colomina_not_the_alliance(rows) -> None:
    (added,) = [r for r in rows if r["text"].startswith("the alliance urges both sides")]
    assert added["kind"] == "mixed" and added["speaker_id"] == "javier-colomina"
    (ready,) = [r for r in rows if r["doc_id"].startswith("004") and "NATO is ready" in r["text"]]
    assert ready["kind"] == "indirect" and ready["speaker_id"] == "javier-colomina"


def test_title_and_garbled_name_resolve(rows) -> None:
    (putin,) = [r for r in rows if r["speaker"] == "Russian President Vladimir"]
    assert putin["speaker_id"] == "vladimir-putin"
    (senators,) = [r for r in rows if r["speaker"] == "the senators"]
    assert senators["speaker_id"] is None and senators["speaker_name"] == "the senators"
    # the byline of seed 003 is no speaker
    assert not [r for r in rows if r["speaker_name"] == "Cheryl Sanders"]
