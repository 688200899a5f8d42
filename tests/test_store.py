"""The SQLite store: migrations, idempotent and atomic ingest, reprocessing, queries, concurrency.

The extractor is replaced by a small fake (every "..." span is a direct quote) so these tests
check the store, not the extraction rules.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from quotes import store
from quotes.errors import UsageError
from quotes.store.connection import STALE_TEMPORARY_S
from quotes.store.migrations import MIGRATIONS, applied, migrate
from quotes.records import Document, Quote

V1 = store.Versions("1", "model==1", "gaz1")


def fake_extract(docs: Iterable[Document]) -> Iterator[tuple[Document, list[Quote]]]:
    """Every "..." span is a direct quote by the document's meta speaker; a span followed by
    ' he said, "' starts a split quote whose second part is the next span."""
    for doc in docs:
        spans = [m.span() for m in re.finditer(r'"[^"]*"', doc.text)]
        quotes: list[Quote] = []
        i = 0
        while i < len(spans):
            s, e = spans[i]
            split = i + 1 < len(spans) and doc.text[e : spans[i + 1][0]] == " he said, "
            parts = [spans[i], spans[i + 1]] if split else [spans[i]]
            group = len(quotes) if split else None
            for n, (ps, pe) in enumerate(parts, 1):
                quotes.append(
                    Quote(
                        start=ps, end=pe, text=doc.text[ps:pe], kind=doc.meta.get("kind", "direct"),
                        speaker_name=doc.meta.get("speaker"), speaker_id=doc.meta.get("speaker_id"),
                        role=doc.meta.get("role"), group=group, part=(n, len(parts)) if split else None,
                        resolved_by=doc.meta.get("resolved_by"), confidence=doc.meta.get("confidence"),
                    )
                )  # fmt: skip
            i += len(parts)
        yield doc, quotes


def doc(i: int, text: str | None = None, **meta) -> Document:
    return Document(
        id=f"doc{i}", text=text or f'Intro {i}.\n\n"Quote number {i} here," said someone.',
        title=f"Title {i}", outlet=meta.pop("outlet", "Anadolu Agency"), date=meta.pop("date", f"2020-10-{10 + i:02d}"),
        meta={"speaker": "Jens Stoltenberg"} | meta,
    )  # fmt: skip


def snapshot(conn: sqlite3.Connection) -> tuple[set, set]:
    """Articles and quotes by content (ids differ between runs)."""
    arts = {tuple(r) for r in conn.execute("SELECT content_hash, doc_id, title FROM articles")}
    quotes = {
        tuple(r)
        for r in conn.execute(
            "SELECT a.content_hash, q.start_char, q.end_char, q.kind, q.text, q.speaker_name, q.grp"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
        )
    }
    return arts, quotes


@pytest.fixture()
def conn(db_path):
    c = store.connect(db_path)
    yield c
    c.close()


def count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# ---- migrations ------------------------------------------------------------------------------


def test_migrations_applied_once(db_path):
    c1 = store.connect(db_path)
    assert applied(c1) == [m.__name__ for m in MIGRATIONS]
    c1.close()
    c2 = store.connect(db_path)
    assert migrate(c2) == []
    assert count(c2, "_migrations") == len(MIGRATIONS)
    assert c2.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c2.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_concurrent_first_open_migrates_once(db_path):
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            store.connect(db_path).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    c = store.connect(db_path)
    assert count(c, "_migrations") == len(MIGRATIONS)


def test_a_new_store_appears_whole(tmp_path, monkeypatch):
    """A reader that opens the store while an ingest creates it finds no file or a migrated
    store, never an empty file ("not a quotes database"): the schema is written beside it first."""
    db = tmp_path / "q.db"
    seen: list[tuple[bool, list[str]]] = []
    real_link = os.link

    def link(src, dst):
        with contextlib.closing(sqlite3.connect(src)) as c:
            names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE name = '_migrations'")]
        seen.append((Path(dst).exists(), names))
        real_link(src, dst)

    monkeypatch.setattr(os, "link", link)
    store.connect(db).close()
    assert seen == [(False, ["_migrations"])]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.db"]  # no temporary left behind
    with contextlib.closing(store.connect(db, readonly=True)) as c:
        assert count(c, "_migrations") == len(MIGRATIONS)


def test_a_store_created_meanwhile_by_another_process_is_kept(tmp_path, monkeypatch):
    db = tmp_path / "q.db"
    real_link = os.link

    def link(src, dst):  # another ingest creates the store and writes to it first
        monkeypatch.setattr(os, "link", real_link)
        with contextlib.closing(store.connect(dst)) as other:
            other.execute("CREATE TABLE theirs (x)")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", link)
    with contextlib.closing(store.connect(db)) as c:
        assert c.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'theirs'").fetchone()[0] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.db"]


def test_temporaries_left_by_a_killed_creation_are_removed_later(tmp_path):
    """kill -9 while a store is made leaves its temporary beside it: the next creation removes
    the old ones and leaves a young one (another process making the store now) and other files."""
    db = tmp_path / "q.db"
    stale = [tmp_path / ".q.db.ab12cd.new", tmp_path / ".q.db.ab12cd.new-journal"]
    young = tmp_path / ".q.db.ef34gh.new"
    unrelated = tmp_path / ".other.db.ij56kl.new"
    for p in (*stale, young, unrelated):
        p.write_bytes(b"")
    old = time.time() - 2 * STALE_TEMPORARY_S
    for p in (*stale, unrelated):
        os.utime(p, (old, old))
    store.connect(db).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["q.db", young.name, unrelated.name])


def test_not_a_database_is_one_clear_error(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(store.StoreError, match="cannot open"):
        store.connect(bad)


def test_read_only_commands_do_not_create_a_database(tmp_path):
    with pytest.raises(store.StoreError, match="no such database"):
        store.connect(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


# ---- ingest ----------------------------------------------------------------------------------


def test_ingest_is_idempotent(conn):
    docs = [doc(i) for i in range(5)]
    first = store.ingest(conn, docs, fake_extract, V1, batch_size=2)
    assert (first.new, first.unchanged, first.quotes) == (5, 0, 5)
    before = snapshot(conn)
    second = store.ingest(conn, docs, fake_extract, V1, batch_size=2)
    assert (second.new, second.unchanged, second.quotes) == (0, 5, 0)
    assert snapshot(conn) == before
    assert count(conn, "articles") == 5


def test_same_text_twice_in_one_run_is_stored_once(conn):
    stats = store.ingest(conn, [doc(1), doc(1), doc(2)], fake_extract, V1, batch_size=10)
    assert (stats.new, stats.unchanged) == (2, 1)
    assert count(conn, "articles") == 2


def test_already_stored_articles_are_not_extracted_again(conn):
    store.ingest(conn, [doc(1)], fake_extract, V1)
    extracted: list[str] = []

    def spy(docs):
        for d, q in fake_extract(docs):
            extracted.append(d.id)
            yield d, q

    store.ingest(conn, [doc(1), doc(2)], spy, V1)
    assert extracted == ["doc2"]


@pytest.mark.parametrize(
    ("mode", "versions", "expected"),
    [
        (store.Reprocess.none, store.Versions("2", "model==1", "gaz1"), "unchanged"),
        (store.Reprocess.changed, V1, "unchanged"),
        (store.Reprocess.changed, store.Versions("2", "model==1", "gaz1"), "reprocessed"),
        (store.Reprocess.changed, store.Versions("1", "model==2", "gaz1"), "reprocessed"),
        (store.Reprocess.changed, store.Versions("1", "model==1", "gaz2"), "reprocessed"),
        (store.Reprocess.all, V1, "reprocessed"),
    ],
)
def test_reprocess_modes(conn, mode, versions, expected):
    store.ingest(conn, [doc(1)], fake_extract, V1)
    stats = store.ingest(conn, [doc(1)], fake_extract, versions, reprocess=mode)
    assert getattr(stats, expected) == 1 and stats.articles == 1
    row = conn.execute("SELECT extractor_version, model, gazetteer_hash FROM articles").fetchone()
    recorded = versions if expected == "reprocessed" else V1
    assert tuple(row) == (recorded.extractor_version, recorded.model, recorded.gazetteer_hash)


def test_reprocess_replaces_quotes_and_keeps_search_in_sync(conn):
    text = 'A.\n\n"Old words here," he said. "Second quote."'
    store.ingest(conn, [doc(1, text)], fake_extract, V1)
    assert count(conn, "quotes") == 2

    def only_last(docs):
        for d, quotes in fake_extract(docs):
            yield d, [quotes[-1]]

    stats = store.ingest(conn, [doc(1, text)], only_last, store.Versions("2", "m", "g"), reprocess=store.Reprocess.changed)
    assert (stats.reprocessed, stats.quotes) == (1, 1)
    assert [sq.quote.text for sq in store.query_quotes(conn)] == ['"Second quote."']
    assert store.query_quotes(conn, store.QuoteFilter(contains="old words")) == []
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")


def test_reprocess_stored_documents_without_source_files(conn):
    store.ingest(conn, [doc(1), doc(2)], fake_extract, V1)
    stats = store.ingest(conn, store.stored_documents(conn), fake_extract, store.Versions("2", "m", "g"), reprocess=store.Reprocess.changed)
    assert stats.reprocessed == 2
    assert {r[0] for r in conn.execute("SELECT extractor_version FROM articles")} == {"2"}


def test_a_failing_batch_is_rolled_back_and_a_rerun_completes(db_path):
    docs = [doc(i) for i in range(7)]
    clean_db = db_path.with_name("clean.db")
    clean = store.connect(clean_db)
    store.ingest(clean, docs, fake_extract, V1, batch_size=3)

    def dies_at_fifth(todo):
        for n, pair in enumerate(fake_extract(todo)):
            if n == 4:
                raise KeyboardInterrupt
            yield pair

    conn = store.connect(db_path)
    stats = store.IngestStats()
    with pytest.raises(KeyboardInterrupt):
        store.ingest(conn, docs, dies_at_fifth, V1, batch_size=3, stats=stats)
    assert stats.new == 3 and count(conn, "articles") == 3  # the second batch was never committed
    again = store.ingest(conn, docs, fake_extract, V1, batch_size=3)
    assert (again.new, again.unchanged) == (4, 3)
    assert snapshot(conn) == snapshot(clean)


def test_quotes_that_do_not_index_the_text_fail_the_article(conn):
    def wrong(docs):
        for d in docs:
            yield d, [Quote(start=0, end=5, text="other", kind="direct")]

    problems: list[tuple[str, str]] = []
    stats = store.ingest(conn, [doc(1)], wrong, V1, on_problem=lambda s, m: problems.append((s, m)))
    assert stats.failed == 1 and count(conn, "articles") == 0
    assert problems and "does not index" in problems[0][1]


def test_people_table_is_replaced(conn):
    class P:
        def __init__(self, id, name, aliases):
            self.id, self.name, self.aliases = id, name, aliases

    store.store_people(conn, [P("a", "A", ["x"]), P("b", "B", [])])
    store.store_people(conn, [P("a", "A2", [])])
    assert [tuple(r) for r in conn.execute("SELECT id, name, aliases FROM people")] == [("a", "A2", "[]")]


# ---- queries ---------------------------------------------------------------------------------


@pytest.fixture()
def filled(conn):
    docs = [
        doc(1, 'x.\n\n"NATO is deeply concerned by the cease-fire violations," he said, "it must stop."',
            speaker="Jens Stoltenberg", speaker_id="jens-stoltenberg", role="NATO Secretary-General", outlet="Anadolu Agency", date="2020-10-22T09:31:00",
            resolved_by="gazetteer-alias", confidence=0.9),
        doc(2, 'y.\n\n"We see no diplomatic resolution, said the prime minister."',
            speaker="Nikol Pashinyan", role="Prime Minister", outlet="iNewsToday", date="2020-10-24",
            resolved_by="description", confidence=0.7),
        doc(3, 'z.\n\n"The alliance urges both sides to de-escalate."\n\n"Second thought."',
            speaker="Stoltenberg", kind="mixed", outlet="Trend", date="2020-11-02"),
        doc(4, 'w.\n\n"Зеленский сказал: мир – это важно, «очень»."',
            speaker="Volodymyr Zelensky", outlet="Trend", date="2021-01-05"),
    ]  # fmt: skip
    store.ingest(conn, docs, fake_extract, V1)
    return conn


@pytest.mark.parametrize(
    ("flt", "expected_docs"),
    [
        (store.QuoteFilter(), ["doc1", "doc1", "doc2", "doc3", "doc3", "doc4"]),
        (store.QuoteFilter(outlet="trend"), ["doc3", "doc3", "doc4"]),
        (store.QuoteFilter(since="2020-10-24"), ["doc2", "doc3", "doc3", "doc4"]),
        (store.QuoteFilter(until="2020-10"), ["doc1", "doc1", "doc2"]),
        (store.QuoteFilter(since="2020-10-23", until="2020-11-02"), ["doc2", "doc3", "doc3"]),
        (store.QuoteFilter(kind="mixed"), ["doc3", "doc3"]),
        (store.QuoteFilter(role="secretary-general"), ["doc1", "doc1"]),
        (store.QuoteFilter(contains="cease-fire violations"), ["doc1", "doc1"]),  # whole split quote
        (store.QuoteFilter(contains="it must stop"), ["doc1", "doc1"]),  # matched by its 2nd part
        (store.QuoteFilter(contains="violations cease-fire"), []),  # a phrase, not a bag of words
        (store.QuoteFilter(contains="зеленский"), ["doc4"]),
        (store.QuoteFilter(limit=1), ["doc1", "doc1"]),  # the limit counts quotations
        (store.QuoteFilter(limit=2), ["doc1", "doc1", "doc2"]),
        (store.QuoteFilter(limit=0), []),
        (store.QuoteFilter(speaker="Stoltenberg"), ["doc1", "doc1", "doc3", "doc3"]),
        (store.QuoteFilter(speaker="jens stoltenberg"), ["doc1", "doc1", "doc3", "doc3"]),
        (store.QuoteFilter(speaker="Stoltenberg, Jens"), ["doc1", "doc1", "doc3", "doc3"]),
        (store.QuoteFilter(speaker="Pashinian"), ["doc2"]),
        (store.QuoteFilter(speaker="Putin"), []),
        (store.QuoteFilter(min_confidence=0.7), ["doc1", "doc1", "doc2"]),  # unknown confidence is not sure
        (store.QuoteFilter(min_confidence=0.8), ["doc1", "doc1"]),
    ],
)
def test_query_filters(filled, flt, expected_docs):
    found = store.query_quotes(filled, flt)
    assert [sq.article.doc_id for sq in found] == expected_docs


@pytest.mark.parametrize(
    "text", ['"', '""', "-", "cease-fire", "AND", "OR NOT", "NEAR(a b)", "*", "a*", "col:umn", "(", "^x", "'", "\\"]
)
def test_contains_never_breaks_the_search_syntax(filled, text):
    found = store.query_quotes(filled, store.QuoteFilter(contains=text))
    for sq in found:  # whatever matches really contains the words
        assert all(w.lower() in sq.quote.text.lower() or sq.quote.group is not None for w in re.findall(r"\w+", text))


def test_contains_empty_is_a_usage_error(filled):
    with pytest.raises(UsageError):
        store.query_quotes(filled, store.QuoteFilter(contains="  "))


@pytest.mark.parametrize("value", ["2020-13", "yesterday", "2020-02-30", "20201022", ""])
def test_bad_dates_are_usage_errors(filled, value):
    with pytest.raises(UsageError, match="--since"):
        store.query_quotes(filled, store.QuoteFilter(since=value or " "))


def test_speaker_goes_through_the_gazetteer_first(filled):
    class Person:
        id, name, aliases = "jens-stoltenberg", "Jens Stoltenberg", ["Stoltenberg"]

    class Gaz:
        def match_query(self, query):
            return [Person()] if "sg" in query.lower() else []

    found = store.query_quotes(filled, store.QuoteFilter(speaker="the SG"), Gaz())
    # doc1 by id; doc3 (no id stored, name "Stoltenberg") by fuzzy match on the person's names
    assert [sq.article.doc_id for sq in found] == ["doc1", "doc1", "doc3", "doc3"]


def test_records_and_parts(filled):
    first = store.query_quotes(filled, store.QuoteFilter(limit=1))
    assert [sq.quote.part for sq in first] == [(1, 2), (2, 2)]
    assert first[0].quote.group == first[1].quote.group == 0
    rec = first[0].record()
    assert rec["doc_id"] == "doc1" and rec["outlet"] == "Anadolu Agency" and rec["part"] == [1, 2]
    assert set(Quote.__dataclass_fields__) <= set(rec)
    text = store.article_text(filled, first[0].article.id)
    assert all(text[sq.quote.start : sq.quote.end] == sq.quote.text for sq in first)
    assert [p.id for p in store.get_quote(filled, first[1].id)] == [first[0].id, first[1].id]


def test_resolution_is_stored_and_read_back(filled):
    found = store.query_quotes(filled, store.QuoteFilter(outlet="iNewsToday"))
    assert [(sq.quote.resolved_by, sq.quote.confidence) for sq in found] == [("description", 0.7)]
    assert found[0].record()["resolved_by"] == "description"


@pytest.mark.parametrize("value", [-0.1, 1.01])
def test_min_confidence_outside_0_1_is_a_usage_error(filled, value):
    with pytest.raises(UsageError, match="--min-confidence"):
        store.query_quotes(filled, store.QuoteFilter(min_confidence=value))


def test_get_unknown_quote(filled):
    with pytest.raises(store.NotFound):
        store.get_quote(filled, 9999)


def test_overviews_count_quotations(filled):
    by_name = {r["name"]: r for r in store.speakers(filled)}
    assert by_name["Jens Stoltenberg"]["quotes"] == 1  # one split quote
    assert by_name["Stoltenberg"]["quotes"] == 2
    arts = {r["doc_id"]: r for r in store.articles(filled)}
    assert (arts["doc1"]["quotes"], arts["doc3"]["mixed"], arts["doc2"]["indirect"]) == (1, 2, 0)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("para one.\npara two has it.\npara three.", 19, 21, "para two has it."),
        ("only line", 0, 4, "only line"),
        ("a\n\nb c d", 3, 4, "b c d"),
    ],
)
def test_context_is_the_paragraph(text, start, end, expected):
    left, right = store.context(text, start, end)
    assert text[left:right] == expected


def test_context_cuts_long_paragraphs_at_words():
    text = " ".join(f"w{i}" for i in range(5000))
    start = text.index("w2500")
    left, right = store.context(text, start, start + 5, width=50)
    assert right - left <= 120 and text[left:right].split()[0].startswith("w") and left > 0
    assert text[left - 1] == " " and (right == len(text) or text[right] == " ")


# ---- concurrency -----------------------------------------------------------------------------


def test_reader_works_while_a_writer_holds_a_transaction(db_path):
    writer = store.connect(db_path)
    store.ingest(writer, [doc(1)], fake_extract, V1)
    reader = store.connect(db_path)
    with store.transaction(writer):
        writer.execute("DELETE FROM quotes")
        # WAL: the reader is not blocked and sees the last committed state
        assert len(store.query_quotes(reader)) == 1
    assert store.query_quotes(reader) == []


def test_two_writers_do_not_duplicate_articles(db_path):
    docs = [doc(i) for i in range(12)]
    store.connect(db_path).close()
    results: list[store.IngestStats] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            c = store.connect(db_path)
            results.append(store.ingest(c, docs, fake_extract, V1, batch_size=2))
            c.close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    conn = store.connect(db_path)
    assert count(conn, "articles") == 12 and count(conn, "quotes") == 12
    assert sum(r.new for r in results) == 12 and sum(r.unchanged for r in results) == 12


# ---- publications (issue 15: data loss and wrong results) --------------------------------------

WIRE = 'NATO said on Tuesday.\n\n"We support every effort to end the fighting," the spokesman said.'


def wire(i: int, outlet: str, date: str) -> Document:
    return Document(id=f"wire-{i}", text=WIRE, outlet=outlet, date=date, meta={"speaker": "Oana Lungescu"})


def test_syndicated_copy_is_stored_once_per_publication(db_path):
    """Three outlets printing one wire story word for word: three articles, one extraction."""
    from quotes.dedup import recycled

    conn = store.connect(db_path)
    extracted: list[str] = []

    def counting(docs):
        for d, quotes in fake_extract(docs):
            extracted.append(d.id)
            yield d, quotes

    pubs = [wire(1, "Anadolu Agency", "2020-10-20"), wire(2, "Trend", "2020-10-21"), wire(3, "iNewsToday", "2020-10-22")]
    stats = store.ingest(conn, pubs, counting, V1, batch_size=1)
    assert (stats.new, stats.unchanged, stats.quotes) == (3, 0, 3)
    assert extracted == ["wire-1"]  # identical text shares its extraction
    listed = store.query_quotes(conn)
    assert [(q.article.outlet, q.article.date) for q in listed] == [
        ("Anadolu Agency", "2020-10-20"), ("Trend", "2020-10-21"), ("iNewsToday", "2020-10-22"),
    ]  # fmt: skip
    assert [a["outlet"] for a in store.articles(conn)] == ["Anadolu Agency", "Trend", "iNewsToday"]
    (cluster,) = recycled(conn)
    assert cluster.outlets == ("Anadolu Agency", "Trend", "iNewsToday")
    assert [o.date for o in cluster.occurrences] == ["2020-10-20", "2020-10-21", "2020-10-22"]
    # the same publications again are unchanged; a fourth outlet is new, without extraction
    again = store.ingest(conn, [*pubs, wire(4, "AP", "2020-10-23")], counting, V1)
    assert (again.new, again.unchanged) == (1, 3) and extracted == ["wire-1"]
    assert len(recycled(conn)[0].occurrences) == 4


@pytest.mark.slow  # loads the spaCy model
def test_syndicated_copy_through_the_cli_is_listed_exported_and_recycled(tmp_path):
    from typer.testing import CliRunner

    from quotes.cli import app

    lines = [
        json.dumps({"id": f"w{i}", "outlet": outlet, "date": f"2021-03-0{i}", "text": TEXT_WIRE})
        for i, outlet in enumerate(["Anadolu Agency", "Trend", "iNewsToday"], 1)
    ]
    src = tmp_path / "wire.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert result.exit_code == 0, result.output
    assert "3 articles: 3 new" in result.stdout
    listed = runner.invoke(app, ["list", "--db", db, "--format", "jsonl"])
    outlets = [json.loads(line)["outlet"] for line in listed.stdout.splitlines()]
    assert sorted(set(outlets)) == ["Anadolu Agency", "Trend", "iNewsToday"] and len(outlets) % 3 == 0
    exported = runner.invoke(app, ["export", "--db", db, "--format", "jsonl"])
    assert len(exported.stdout.splitlines()) == len(outlets)
    recycled = runner.invoke(app, ["recycled", "--db", db, "--format", "json"])
    clusters = json.loads(recycled.stdout)
    assert clusters and all(c["outlets"] == ["Anadolu Agency", "Trend", "iNewsToday"] for c in clusters)


TEXT_WIRE = (
    "BRUSSELS - The alliance met on Tuesday.\n\n"
    '"We call on both sides to stop the fighting at once and return to talks," Jens Stoltenberg said.\n'
)


def test_a_database_of_one_article_per_text_upgrades_and_keeps_working(tmp_path):
    """A store made before publications (m001-m004) opens, keeps its rows, gets its clusters
    rebuilt, and takes a second outlet's copy of a stored text."""
    from quotes.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute("CREATE TABLE _migrations ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)")
    for fn in MIGRATIONS[:4]:
        old.execute("BEGIN")
        fn(old)
        old.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, '2021-01-01')", (fn.__name__,))
        old.execute("COMMIT")
    d = wire(1, "Anadolu Agency", "2020-10-20")
    old.execute(
        "INSERT INTO articles (id, doc_id, content_hash, text, outlet, date, ingested_at, extractor_version, model,"
        " gazetteer_hash) VALUES (7, 'wire-1', ?, ?, 'Anadolu Agency', '2020-10-20', 'x', '1', 'model==1', 'gaz1')",
        (d.content_hash, d.text),
    )
    start = WIRE.index('"')
    end = WIRE.index('"', start + 1) + 1
    old.execute(
        "INSERT INTO quotes (id, article_id, quote_hash, seq, start_char, end_char, text, kind, speaker_name, cluster_id)"
        " VALUES (3, 7, 'h', 0, ?, ?, ?, 'direct', 'Oana Lungescu', 99)",
        (start, end, WIRE[start:end]),
    )
    old.close()
    conn = store.connect(path)
    assert [(q.id, q.article.id, q.cluster_id) for q in store.query_quotes(conn)] == [(3, 7, 3)]
    assert [q.id for q in store.query_quotes(conn, store.QuoteFilter(contains="fighting"))] == [3]
    stats = store.ingest(conn, [d, wire(2, "Trend", "2020-10-21")], fake_extract, V1)
    assert (stats.new, stats.unchanged) == (1, 1)
    assert len({q.cluster_id for q in store.query_quotes(conn)}) == 1


def _partition(conn: sqlite3.Connection) -> set[frozenset]:
    """Clusters by content (ids differ between runs): sets of (doc id, quote text)."""
    groups: dict[int, set] = {}
    for doc_id, text, cid in conn.execute(
        "SELECT a.doc_id, q.text, q.cluster_id FROM quotes q JOIN articles a ON a.id = q.article_id"
    ):
        groups.setdefault(cid, set()).add((doc_id, text))
    return {frozenset(g) for g in groups.values()}


def _cluster_docs() -> list[Document]:
    base = '"We will keep working with all our partners to make sure the region stays calm and secure"'
    texts = [
        base,
        base.replace("calm", "quiet"),
        base.replace("secure", "safe"),
        '"An entirely different statement about the budget of the city for next year"',
    ]
    return [
        Document(id=f"c{i}", text=f"Story {i}.\n\n{t} he said.", outlet=f"Outlet {i}", date=f"2021-01-0{i + 1}",
                 meta={"speaker": "Jens Stoltenberg"})
        for i, t in enumerate(texts)
    ]  # fmt: skip


@pytest.mark.parametrize("mode", [store.Reprocess.all, store.Reprocess.changed])
def test_reprocess_keeps_clusters_equal_to_a_fresh_ingest(tmp_path, mode):
    """Re-extracting a cluster's first member used to orphan the cluster."""
    docs = _cluster_docs()
    fresh = store.connect(tmp_path / "fresh.db")
    store.ingest(fresh, docs, fake_extract, V1)
    conn = store.connect(tmp_path / "q.db")
    store.ingest(conn, docs, fake_extract, store.Versions("0", "model==1", "gaz1"))
    store.ingest(conn, store.stored_documents(conn), fake_extract, V1, reprocess=mode, batch_size=1)
    assert _partition(conn) == _partition(fresh)
    assert any(len(g) == 3 for g in _partition(conn))
    # only the first article again
    store.ingest(conn, docs[:1], fake_extract, V1, reprocess=store.Reprocess.all)
    assert _partition(conn) == _partition(fresh)


def test_clusters_do_not_depend_on_ingest_order(tmp_path):
    docs = _cluster_docs()
    parts = []
    for n, order in enumerate([docs, docs[::-1], docs[2:] + docs[:2]]):
        conn = store.connect(tmp_path / f"{n}.db")
        for d in order:  # one article per run
            store.ingest(conn, [d], fake_extract, V1)
        parts.append(_partition(conn))
    assert parts[0] == parts[1] == parts[2]


def test_reprocess_with_a_missing_database_creates_nothing(tmp_path):
    from typer.testing import CliRunner

    from quotes.cli import app

    db = tmp_path / "missing.db"
    result = CliRunner().invoke(app, ["ingest", "--reprocess", "--db", str(db)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "no such database" in result.stderr
    assert not db.exists()


# ---- database files (issue 15) ------------------------------------------------------------------


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """``path`` (a file or a folder) cannot be written while inside: chmod for a user, a
    read-only bind mount for root (whom permissions do not stop); skipped when neither works."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    mounted = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("running as root without the right to mount: cannot make a file read-only")
    try:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True).returncode != 0:
            pytest.skip("cannot remount read-only")
        yield
    finally:
        gc.collect()  # connections the commands left open (the process would end there)
        if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "--lazy", str(path)], check=True)


def _small_store(path: Path) -> None:
    conn = store.connect(path)
    store.ingest(conn, [doc(1), doc(2, outlet="Trend 100% _real_")], fake_extract, V1)
    conn.close()  # the last connection checkpoints the WAL and removes -wal and -shm


def test_ingest_into_a_read_only_database_file_is_one_line(tmp_path):
    from typer.testing import CliRunner

    from quotes.cli import app

    db = tmp_path / "q.db"
    _small_store(db)
    before = db.read_bytes()
    with read_only(db):
        result = CliRunner().invoke(app, ["ingest", str(tmp_path / "none.txt"), "--db", str(db)])
    assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [f"quotes: error: {db}: read-only database file; the reading commands (list, show, export ...) can still read it"]
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", [["list", "-f", "jsonl"], ["show", "1"], ["speakers"], ["articles"], ["recycled"], ["export", "-f", "jsonl"]])
def test_a_database_in_a_read_only_folder_can_be_read(tmp_path, command):
    """WAL mode needs a -shm file beside the database: in a folder the user cannot write, the
    readers open the file read-only (immutable when even that needs the -shm file)."""
    from typer.testing import CliRunner

    from quotes.cli import app

    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "q.db"
    _small_store(db)
    with read_only(folder):
        result = CliRunner().invoke(app, [*command, "--db", str(db)])
        assert sorted(p.name for p in folder.iterdir()) == ["q.db"]
    assert result.exit_code == 0, result.output
    if command[0] in ("list", "export", "show"):
        assert "Quote number 1 here" in result.stdout


def test_readers_cannot_write(db_path):
    _small_store(db_path)
    conn = store.connect(db_path, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM quotes")
    assert len(store.query_quotes(conn)) == 2


def test_a_store_of_an_older_version_is_upgraded_by_its_first_reader(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("CREATE TABLE _migrations ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)")
    for fn in MIGRATIONS[:2]:
        fn(conn)
        conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, 'x')", (fn.__name__,))
    conn.close()
    reader = store.connect(db_path, readonly=True)
    assert applied(reader) == [m.__name__ for m in MIGRATIONS]


def test_a_db_path_that_is_not_utf8_works(tmp_path):
    """SQLite hands back the bytes of a non-UTF-8 path, which ingest's reader connection could
    not decode: every run failed with 'run the same command again'."""
    from typer.testing import CliRunner

    from quotes.cli import app

    db = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.db"))
    conn = store.connect(db)
    stats = store.ingest(conn, [doc(1)], fake_extract, V1)
    again = store.ingest(conn, [doc(1)], fake_extract, V1)
    assert (stats.new, again.unchanged) == (1, 1)
    result = CliRunner().invoke(app, ["list", "--db", str(db), "-f", "jsonl"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("command", [["list"], ["ingest", "--reprocess"]])
def test_db_on_a_char_device_is_refused_and_leaves_no_journal(command):
    from typer.testing import CliRunner

    from quotes.cli import app

    journal = Path("/dev/null-journal")
    existed = journal.exists()
    result = CliRunner().invoke(app, [*command, "--db", "/dev/null"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip() == "quotes: error: /dev/null: not a regular file; pass a database file to --db"
    assert journal.exists() == existed


@pytest.mark.parametrize("option", ["--outlet", "--role"])
def test_outlet_or_role_of_50000_characters_is_no_error(db_path, option):
    """LIKE refuses patterns over 50,000 bytes ('LIKE or GLOB pattern too complex')."""
    from typer.testing import CliRunner

    from quotes.cli import app

    _small_store(db_path)
    result = CliRunner().invoke(app, ["list", "--db", str(db_path), option, "a" * 50_000, "-f", "jsonl"])
    assert result.exit_code == 0 and "Traceback" not in result.output and result.stdout == ""


@pytest.mark.parametrize("outlet, found", [("trend", 1), ("100% _real_", 1), ("100%", 1), ("_", 1), ("%", 1), ("x%", 0), ("anadolu", 1)])
def test_outlet_filter_is_a_plain_substring(db_path, outlet, found):
    _small_store(db_path)
    conn = store.connect(db_path, readonly=True)
    assert len(store.query_quotes(conn, store.QuoteFilter(outlet=outlet))) == found
