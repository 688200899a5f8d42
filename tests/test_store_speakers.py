"""Speakers in the store (issue 12 item 7): a surname counts for the full name printed in the same
article, an honorific in a --speaker search is not part of the name, a search that matches no
one says so in one line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from typer.testing import CliRunner

from quotes import store
from quotes.cli import app
from quotes.records import Document, Quote

V1 = store.Versions("1", "model==1", "gaz1")


def by_speakers(docs: Iterable[Document]) -> Iterator[tuple[Document, list[Quote]]]:
    """Each "..." span is a direct quote by the next name of the document's ``speakers``."""
    for doc in docs:
        spans = [m.span() for m in re.finditer(r'"[^"]*"', doc.text)]
        yield doc, [
            Quote(start=s, end=e, text=doc.text[s:e], kind="direct", speaker_name=name, speaker_id=pid)
            for (s, e), (name, pid) in zip(spans, doc.meta["speakers"])
        ]


def article(i: int, speakers: list[tuple[str | None, str | None]], outlet: str = "Wire") -> Document:
    text = " ".join(f'"Quote {i}.{n} here," someone said.' for n in range(len(speakers)))
    return Document(id=f"a{i}", text=text, outlet=outlet, date=f"2021-03-{i:02d}", meta={"speakers": speakers})


@pytest.fixture()
def conn(db_path):
    c = store.connect(db_path)
    store.ingest(
        c,
        [
            # the full name, then the surname alone: one person
            article(1, [("Amanda Reyes", None), ("Reyes", None), ("Mr Younger", None)]),
            # a surname two full names share in one article stays as printed
            article(2, [("Tom Kelly", None), ("Anne Kelly", None), ("Kelly", None)]),
            # a surname whose full name is a gazetteer person counts for that person
            article(3, [("Jens Stoltenberg", "jens-stoltenberg"), ("Stoltenberg", None)]),
            # no full name in this article: the surname stays alone
            article(4, [("Reyes", None)], outlet="Daily"),
            article(5, [("George Younger", None)]),
        ],
        by_speakers,
        V1,
    )
    yield c
    c.close()


def test_speakers_merges_a_surname_with_the_full_name_in_the_same_article(conn):
    rows = {(r["name"], r["speaker_id"]): r for r in store.speakers(conn)}
    assert rows[("Amanda Reyes", None)]["quotes"] == 2  # "Reyes" in a1 counts for her
    assert rows[("Reyes", None)]["quotes"] == 1 and rows[("Reyes", None)]["outlets"] == 1  # a4 names no Amanda
    assert rows[("Kelly", None)]["quotes"] == 1  # Tom or Anne: left as printed
    assert rows[("Tom Kelly", None)]["quotes"] == rows[("Anne Kelly", None)]["quotes"] == 1
    stoltenberg = [r for r in store.speakers(conn) if r["speaker_id"] == "jens-stoltenberg"]
    assert len(stoltenberg) == 1 and stoltenberg[0]["quotes"] == 2
    assert not any(r["name"] == "Stoltenberg" for r in store.speakers(conn))


def test_speaker_search_ignores_the_honorific(conn):
    found = store.query_quotes(conn, store.QuoteFilter(speaker="Mr Younger"), store.load_gazetteer())
    assert {sq.quote.speaker_name for sq in found} == {"Mr Younger", "George Younger"}
    found = store.query_quotes(conn, store.QuoteFilter(speaker="Younger"), store.load_gazetteer())
    assert {sq.quote.speaker_name for sq in found} == {"Mr Younger", "George Younger"}


def test_speakers_cli_lists_the_merged_names(conn, db_path):
    result = CliRunner().invoke(app, ["speakers", "--db", str(db_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("Amanda Reyes,,2,") for line in lines)


@pytest.mark.parametrize("command", ["list", "export"])
def test_a_speaker_search_that_matches_no_one_says_so_in_one_line(conn, db_path, command):
    extra = ["--format", "jsonl"] if command == "export" else []
    result = CliRunner().invoke(app, [command, "--db", str(db_path), "--speaker", "Nobody Atall", *extra])
    assert result.exit_code == 1
    assert result.stderr.strip() == "quotes: error: no speaker in the store matches 'Nobody Atall' (`quotes speakers` lists them)"
    assert result.stdout == ""
    # a speaker who is quoted, with other filters that leave nothing, is an ordinary empty result
    result = CliRunner().invoke(app, [command, "--db", str(db_path), "--speaker", "Reyes", "--since", "2022", *extra])
    assert result.exit_code == 0 and "no speaker" not in result.output
    # a gazetteer person never quoted in this store matches no one either
    result = CliRunner().invoke(app, [command, "--db", str(db_path), "--speaker", "Putin", *extra])
    assert result.exit_code == 1 and "no speaker in the store matches 'Putin'" in result.stderr


def test_recycled_speaker_search_ignores_the_honorific(db_path):
    from quotes.dedup import recycled

    conn = store.connect(db_path)
    text = '"The budget will not balance itself this year," he said.'
    docs = [
        Document(id=f"r{i}", text=text, outlet=outlet, date=f"2021-04-0{i}", meta={"speakers": [("George Younger", None)]})
        for i, outlet in enumerate(["Wire", "Daily"], 1)
    ]
    store.ingest(conn, docs, by_speakers, V1)
    assert len(recycled(conn, speaker="Younger")) == 1
    assert len(recycled(conn, speaker="Mr Younger")) == 1
    assert recycled(conn, speaker="Mr Older") == []
