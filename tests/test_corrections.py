"""Readers' corrections: stored with their history, applied everywhere, surviving re-extraction,
travelling as JSONL. The extractor is a small fake (every "..." is a direct quote) so these test
the corrections, not the rules."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator

import pytest
from typer.testing import CliRunner

from quotes import corrections, dedup, export, store
from quotes.cli import app
from quotes.corrections import CorrectionError
from quotes.records import Document, Quote

V1 = store.Versions("1", "model==1", "gaz1")
V2 = store.Versions("2", "model==1", "gaz1")
runner = CliRunner()


def fake_extract(docs: Iterable[Document]) -> Iterator[tuple[Document, list[Quote]]]:
    """Every "..." span is a direct quote by 'Stoltenberg'; '" he said, "' splits a quotation."""
    for doc in docs:
        spans = [m.span() for m in re.finditer(r'"[^"]*"', doc.text)]
        quotes: list[Quote] = []
        i = 0
        while i < len(spans):
            split = i + 1 < len(spans) and doc.text[spans[i][1] : spans[i + 1][0]] == " he said, "
            parts = spans[i : i + 2] if split else spans[i : i + 1]
            group = len(quotes) if split else None
            for n, (s, e) in enumerate(parts, 1):
                quotes.append(Quote(
                    start=s, end=e, text=doc.text[s:e], kind="direct", speaker="Stoltenberg",
                    speaker_name="Jens Stoltenberg", speaker_id="jens-stoltenberg", role="NATO Secretary-General",
                    group=group, part=(n, len(parts)) if split else None,
                ))  # fmt: skip
            i += len(parts)
        yield doc, quotes


DOCS = [
    Document("a", 'Intro.\n\n"We stand together," Stoltenberg said.\n\n"Peace matters," he said, "for all of us."',
             title="A", outlet="Anadolu Agency", date="2020-10-22"),
    Document("b", 'Other.\n\n"We stand together," Stoltenberg said in Brussels.', title="B", outlet="iNewsToday",
             date="2020-10-24"),
]  # fmt: skip


@pytest.fixture()
def conn(db_path):
    c = store.connect(db_path)
    store.store_people(c, [type("P", (), {"id": "mark-rutte", "name": "Mark Rutte", "aliases": []})()])
    store.ingest(c, DOCS, fake_extract, V1)
    return c


def qid(conn: sqlite3.Connection, text: str, doc_id: str = "a") -> int:
    return conn.execute(
        "SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.text = ? AND a.doc_id = ?",
        (text, doc_id),
    ).fetchone()[0]


def by_text(conn, flt=store.QuoteFilter()) -> dict[tuple[str, str], store.StoredQuote]:
    return {(sq.article.doc_id, sq.quote.text): sq for sq in store.query_quotes(conn, flt)}


def test_speaker_correction_overrides_the_extractor_and_keeps_history(conn):
    q = qid(conn, '"We stand together,"')
    c = corrections.correct(conn, q, "speaker", corrections.speaker_value(conn, "mark rutte"), note="video shows Rutte")
    assert (c.old["speaker_name"], c.old["speaker_id"]) == ("Jens Stoltenberg", "jens-stoltenberg")
    assert c.new == {"speaker_name": "Mark Rutte", "speaker_id": "mark-rutte"}  # picked from the people table
    sq = by_text(conn)[("a", '"We stand together,"')]
    assert (sq.quote.speaker_name, sq.quote.speaker_id, sq.corrected) == ("Mark Rutte", "mark-rutte", ("speaker",))
    assert (sq.quote.resolved_by, sq.quote.confidence) == ("reader", 1.0)  # a reader's attribution is sure
    assert sq.record()["corrected"] == ["speaker"]
    assert by_text(conn)[("b", '"We stand together,"')].corrected == ()
    # the speaker filter finds it under the new name, not the old one
    assert [s.id for s in store.query_quotes(conn, store.QuoteFilter(speaker="Rutte"))] == [q]
    assert q not in {s.id for s in store.query_quotes(conn, store.QuoteFilter(speaker="Jens Stoltenberg"))}
    # a typed name nobody knows keeps no id
    corrections.correct(conn, q, "speaker", corrections.speaker_value(conn, "  Maria   Lonechild "))
    sq = by_text(conn)[("a", '"We stand together,"')]
    assert (sq.quote.speaker_name, sq.quote.speaker_id) == ("Maria Lonechild", None)
    assert [h.new["speaker_name"] for h in corrections.history(conn, q)] == ["Mark Rutte", "Maria Lonechild"]
    assert corrections.history(conn, q)[1].old["speaker_name"] == "Mark Rutte"


def test_role_kind_span_and_revert(conn):
    q = qid(conn, '"We stand together,"')
    corrections.correct(conn, q, "role", corrections.role_value("Secretary General of NATO"))
    corrections.correct(conn, q, "kind", "mixed")
    text = store.article_text(conn, store.get_quote(conn, q)[0].article.id)
    start = text.index("We stand")
    corrections.correct(conn, q, "span", {"start": start, "end": start + len("We stand together")})
    sq = store.get_quote(conn, q)[0]
    assert sq.quote.role == "Secretary General of NATO" and sq.quote.kind == "mixed"
    assert sq.quote.text == "We stand together" and text[sq.quote.start : sq.quote.end] == sq.quote.text
    assert sq.corrected == ("role", "kind", "span")
    # full-text search reads the corrected text
    assert [s.id for s in store.query_quotes(conn, store.QuoteFilter(contains="stand together", kind="mixed"))] == [q]
    corrections.correct(conn, q, "span", None)
    corrections.correct(conn, q, "kind", None)
    sq = store.get_quote(conn, q)[0]
    assert sq.quote.text == '"We stand together,"' and sq.quote.kind == "direct"
    assert sq.corrected == ("role",)


@pytest.mark.parametrize(
    "field,value,needle",
    [
        ("speaker", {"speaker_name": "  "}, "speaker"),
        ("kind", "quote", "kind"),
        ("span", {"start": 5, "end": 3}, "span"),
        ("span", {"start": 0, "end": 10**6}, "beyond the article's end"),
        ("span", {"start": 6, "end": 8}, "holds no text"),
        ("colour", "red", "field"),
    ],
)
def test_bad_corrections_are_refused_and_change_nothing(conn, field, value, needle):
    q = qid(conn, '"We stand together,"')
    before = store.get_quote(conn, q)
    with pytest.raises(CorrectionError, match=needle):
        corrections.correct(conn, q, field, value)
    assert store.get_quote(conn, q) == before
    assert corrections.history(conn, q) == []


def test_unknown_quote(conn):
    with pytest.raises(CorrectionError, match="no quote with id 999"):
        corrections.correct(conn, 999, "kind", "mixed")


def test_not_a_quote_leaves_every_listing(conn):
    q = qid(conn, '"We stand together,"', "b")
    cid = store.get_quote(conn, q)[0].cluster_id
    assert [c.cluster_id for c in dedup.recycled(conn)] == [cid]
    corrections.correct(conn, q, "not_quote", True)
    assert q not in {s.id for s in store.query_quotes(conn)}
    assert dedup.recycled(conn) == []
    assert q not in {m.id for m in store.cluster_members(conn, cid)}
    assert {r["doc_id"]: r["quotes"] for r in store.articles(conn)} == {"a": 2, "b": 0}
    assert store.get_quote(conn, q)[0].not_quote  # `show` still finds it, and says so
    corrections.correct(conn, q, "not_quote", None)
    assert q in {s.id for s in store.query_quotes(conn)}


def test_split_quotation_is_corrected_as_a_whole(conn):
    first = qid(conn, '"Peace matters,"')
    made = corrections.correct_quotation(conn, first, [("speaker", {"speaker_name": "Mark Rutte", "speaker_id": None})])
    assert len(made) == 2
    parts = store.get_quote(conn, first)
    assert [p.quote.speaker_name for p in parts] == ["Mark Rutte", "Mark Rutte"]


def test_corrections_survive_reprocessing(conn):
    q = qid(conn, '"We stand together,"')
    corrections.correct(conn, q, "speaker", {"speaker_name": "Mark Rutte", "speaker_id": "mark-rutte"})
    gone = qid(conn, '"We stand together,"', "b")
    corrections.correct(conn, gone, "not_quote", True)
    stats = store.ingest(conn, DOCS, fake_extract, V2, reprocess=store.Reprocess.changed)
    assert stats.reprocessed == 2
    new_id = qid(conn, '"We stand together,"')
    assert new_id != q  # the rows are new ...
    sq = store.get_quote(conn, new_id)[0]
    assert sq.quote.speaker_name == "Mark Rutte" and sq.corrected == ("speaker",)  # ... the correction is not
    assert len(corrections.history(conn, new_id)) == 1
    assert store.get_quote(conn, qid(conn, '"We stand together,"', "b"))[0].not_quote


def test_every_output_says_corrected(conn):
    q = qid(conn, '"We stand together,"')
    corrections.correct(conn, q, "speaker", {"speaker_name": "Mark Rutte", "speaker_id": "mark-rutte"})
    found = store.query_quotes(conn)
    buf = io.StringIO()
    export.write_csv(found, buf)
    rows = {r["id"]: r for r in export.read_csv(buf.getvalue())}
    assert rows[str(q)]["corrected"] == "speaker" and rows[str(q)]["speaker_name"] == "Mark Rutte"
    assert {r["corrected"] for i, r in rows.items() if i != str(q)} == {""}
    notes = [item["note"] for item in export.csl_items(found)]
    assert "Quotes: Mark Rutte (attribution corrected by a reader); Jens Stoltenberg" in notes
    table = {r["id"] for r in export.table_rows(found)}
    assert f"{q}{export.CORRECTED_MARK}" in table
    speakers = {r["name"]: r["corrected"] for r in store.speakers(conn)}
    assert speakers["Mark Rutte"] == 1 and speakers["Jens Stoltenberg"] == 0


def test_recycled_says_corrected(conn):
    q = qid(conn, '"We stand together,"', "b")
    corrections.correct(conn, q, "speaker", {"speaker_name": "Jens Stoltenberg", "speaker_id": None}, note="same")
    [cluster] = dedup.recycled(conn)
    assert dedup.summary_rows([cluster])[0]["speaker"] == "Jens Stoltenberg (corrected)"
    rows = {r["quote_id"]: r["corrected"] for r in dedup.occurrence_rows([cluster])}
    assert rows[q] == "speaker" and set(rows.values()) == {"speaker", ""}


def test_jsonl_round_trip_into_another_store(conn, tmp_path):
    q = qid(conn, '"We stand together,"')
    corrections.correct(conn, q, "speaker", {"speaker_name": "Mark Rutte", "speaker_id": "mark-rutte"}, note="n")
    corrections.correct(conn, qid(conn, '"for all of us."'), "not_quote", True)
    buf = io.StringIO()
    assert corrections.export_jsonl(conn, buf) == 2
    lines = buf.getvalue().splitlines()
    assert json.loads(lines[0])["new"] == {"speaker_name": "Mark Rutte", "speaker_id": "mark-rutte"}
    # imported into an empty store: kept, and applied when the articles arrive
    other = store.connect(tmp_path / "other.db")
    stats = corrections.import_jsonl(other, lines + ["{oops", json.dumps({"field": "kind"})], "c.jsonl")
    assert (stats.added, stats.known, stats.applied) == (2, 0, 0)
    assert stats.problems == ["c.jsonl:3: not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
                              "c.jsonl:4: missing quote_hash, article_hash, start, end, kind, new, created_at"]
    store.ingest(other, DOCS, fake_extract, V1)
    moved = {(sq.article.doc_id, sq.quote.text): sq for sq in store.query_quotes(other)}
    assert moved[("a", '"We stand together,"')].quote.speaker_name == "Mark Rutte"
    assert ("a", '"for all of us."') not in moved
    # importing again adds nothing
    again = corrections.import_jsonl(other, lines)
    assert (again.added, again.known) == (0, 2)
    assert other.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 2


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_cli_add_list_show_export_import(conn, db_path, tmp_path):
    q = qid(conn, '"We stand together,"')
    result = run("corrections", "add", str(q), "--speaker", "mark-rutte", "--kind", "mixed", "--note", "checked")
    assert result.exit_code == 0, result.output
    assert "speaker: Jens Stoltenberg -> Mark Rutte" in result.stdout and "kind: direct -> mixed" in result.stdout
    shown = run("show", str(q)).stdout
    assert "Mark Rutte [mark-rutte]" in shown
    assert "Corrected:" in shown and "checked" in shown
    listed = run("list", "--format", "json")
    assert {r["id"]: r["corrected"] for r in json.loads(listed.stdout)}[q] == ["speaker", "kind"]
    table = run("list")
    assert f"{q}{export.CORRECTED_MARK}" in table.stdout and "corrected by a reader" in table.stderr
    rows = json.loads(run("corrections", "list", "--format", "json").stdout)
    assert [(r["quote_id"], r["field"], r["change"]) for r in rows] == [
        (q, "speaker", "Jens Stoltenberg -> Mark Rutte"), (q, "kind", "direct -> mixed")]
    out = tmp_path / "c.jsonl"
    assert run("corrections", "export", "-o", str(out)).exit_code == 0
    other = tmp_path / "o.db"
    store.ingest(store.connect(other), DOCS, fake_extract, V1)
    result = run("corrections", "import", str(out), "--db", str(other))
    assert result.exit_code == 0 and "2 corrections added, 0 already stored; 1 quotes changed" in result.stdout
    assert json.loads(run("list", "--format", "json", "--db", str(other)).stdout)[0]["speaker_name"] == "Mark Rutte"


def test_cli_errors_are_one_line(conn, db_path, tmp_path):
    q = qid(conn, '"We stand together,"')
    for args, needle in [
        (("corrections", "add", str(q)), "nothing to correct"),
        (("corrections", "add", "999", "--kind", "mixed"), "no quote with id 999"),
        (("corrections", "add", str(q), "--span", "abc"), "is not START-END"),
        (("corrections", "add", str(q), "--revert", "colour"), "--revert"),
        (("corrections", "import", str(tmp_path / "none.jsonl")), "cannot read"),
        (("corrections", "export", "--db", str(tmp_path / "missing.db")), "no such database"),
    ]:
        result = run(*args)
        assert result.exit_code != 0
        errors = [ln for ln in result.stderr.splitlines() if ln.startswith("quotes: error:")]
        assert len(errors) == 1 and needle in errors[0], result.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nope\n", encoding="utf-8")
    result = run("corrections", "import", str(bad))
    assert result.exit_code == 1 and "skipped " + str(bad) + ":1: not JSON" in result.stderr


def test_a_correction_of_a_syndicated_quote_is_listed_once(db_path):
    """One wire story printed by two outlets is two articles sharing the quote's hash: the correction
    applies to both copies and is listed once, on the first copy, the other named in ``also``."""
    c = store.connect(db_path)
    wire = DOCS[0].text
    copies = [Document("w1", wire, title="W", outlet="Wire One", date="2021-01-01"),
              Document("w2", wire, title="W", outlet="Wire Two", date="2021-01-02")]  # fmt: skip
    store.ingest(c, copies, fake_extract, V1)
    first, second = qid(c, '"We stand together,"', "w1"), qid(c, '"We stand together,"', "w2")
    corrections.correct(c, second, "kind", "mixed", note="one change")
    assert {sq.id: sq.quote.kind for sq in store.query_quotes(c) if sq.quote.text == '"We stand together,"'} == {
        first: "mixed", second: "mixed"}
    rows = corrections.listing(c)
    assert [(r["quote_id"], r["also"], r["field"], r["change"], r["note"]) for r in rows] == [
        (first, [second], "kind", "direct -> mixed", "one change")]
    table = json.loads(run("corrections", "list", "--format", "json", "--db", str(db_path)).stdout)
    assert len(table) == 1 and (table[0]["quote_id"], table[0]["also"]) == (first, [second])
    csv_out = run("corrections", "list", "--format", "csv", "--db", str(db_path)).stdout.splitlines()
    assert csv_out[0].startswith("quote_id,also,field") and csv_out[1].startswith(f"{first},{second},kind,")
    assert len(csv_out) == 2
