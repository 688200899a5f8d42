"""Parquet results: records survive the round trip field for field, loading them stores the
recorded versions and is idempotent, bad folders are one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import store
from quotes.cli import app
from quotes.errors import InputError
from quotes.records import Document, Quote

pytest.importorskip("pyarrow")
from quotes.scale.parquet import ingest_parquet, read_parquet, write_parquet  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
VERSIONS = {"extractor_version": "7", "model": "en_test==1.0", "gazetteer_hash": "abc123"}
runner = CliRunner()


def results(n: int) -> list[tuple[Document, list[Quote]]]:
    """Documents with a full quote (every field set), a split quote and a bare indirect one."""
    out = []
    for i in range(n):
        text = f'"First part {i}," she said, "second part."\n\nThe mayor said taxes would rise {i}.'
        a, b = text.index('"First'), text.index(",") + 2
        c, d = text.index('"second'), text.index("\n") - 0
        full = Quote(
            start=a, end=b - 1, text=text[a : b - 1], kind="direct", cue="said", cue_start=b + 4, cue_end=b + 8,
            speaker="she", speaker_start=b, speaker_end=b + 3, speaker_name="Jane Roe", speaker_id="Q1",
            role="mayor", role_normalized="mayor", organization="City", group=0, part=(1, 2),
            resolved_by="pronoun", confidence=0.75,
        )  # fmt: skip
        second = Quote(start=c, end=d, text=text[c:d], kind="direct", group=0, part=(2, 2))
        s = text.index("taxes")
        indirect = Quote(start=s, end=len(text) - 1, text=text[s:-1], kind="indirect", resolved_by="unattributed",
                         confidence=0.0)
        meta = {"dateline": "PARIS", "guessed": {"date": "front matter"}} if i % 2 else {}
        doc = Document(id=f"d{i}", text=text, title=f"T{i}", outlet="Outlet", date=f"2021-01-{i + 1:02d}", meta=meta,
                       url=None if i % 2 else f"https://example.org/{i}", author="A. Writer", source=f"in/{i}.txt")  # fmt: skip
        out.append((doc, [full, second, indirect] if i % 3 else []))
    return out


@pytest.mark.parametrize(("n", "rows_per_part", "parts"), [(1, 10, 1), (5, 2, 3), (6, 3, 2)])
def test_round_trip_keeps_every_field(tmp_path, n, rows_per_part, parts) -> None:
    written = list(write_parquet(results(n), tmp_path / "pq", VERSIONS, rows_per_part=rows_per_part))
    assert len(list((tmp_path / "pq").glob("part-*.parquet"))) == parts
    back = list(read_parquet(tmp_path / "pq", batch_rows=2))
    assert [(d, q) for d, q, _ in back] == written == results(n)
    assert [d.meta for d, _, _ in back] == [d.meta for d, _ in written]  # meta is not compared by ==
    assert all(v == VERSIONS for _, _, v in back)


def snapshot(conn) -> list[tuple]:
    return [tuple(r) for r in conn.execute(
        "SELECT a.doc_id, a.model, a.extractor_version, q.seq, q.start_char, q.end_char, q.kind, q.speaker_id, q.part_i"
        " FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY 1, 4"
    )]  # fmt: skip


def test_ingest_stores_recorded_versions_and_is_idempotent(tmp_path) -> None:
    list(write_parquet(results(5), tmp_path / "pq", VERSIONS, rows_per_part=2))
    conn = store.connect(tmp_path / "q.db")
    first = ingest_parquet(conn, tmp_path / "pq", batch_size=2)
    assert (first.new, first.quotes) == (5, 9)
    rows = snapshot(conn)
    assert {(r[1], r[2]) for r in rows} == {("en_test==1.0", "7")}
    again = ingest_parquet(conn, tmp_path / "pq")
    assert (again.new, again.unchanged, again.quotes) == (0, 5, 0)
    assert snapshot(conn) == rows


def test_ingest_skips_only_what_is_stored(tmp_path) -> None:
    """Half the articles stored already: the others get their own quotes, not a neighbour's."""
    list(write_parquet(results(3), tmp_path / "half", VERSIONS))
    list(write_parquet(results(6), tmp_path / "all", VERSIONS))
    conn = store.connect(tmp_path / "q.db")
    ingest_parquet(conn, tmp_path / "half")
    stats = ingest_parquet(conn, tmp_path / "all")
    assert (stats.new, stats.unchanged) == (3, 3)
    full = store.connect(tmp_path / "full.db")
    ingest_parquet(full, tmp_path / "all")
    assert snapshot(conn) == snapshot(full)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such Parquet folder"),
        (lambda p: p.mkdir(), "no part-"),
        (lambda p: (p.mkdir(), (p / "part-00000.parquet").write_text("not parquet")), "not a quotes Parquet file"),
    ],
)
def test_bad_folders(tmp_path, make, message) -> None:
    make(tmp_path / "pq")
    with pytest.raises(InputError, match=message):
        list(read_parquet(tmp_path / "pq"))


def test_parts_from_different_versions_are_refused(tmp_path) -> None:
    list(write_parquet(results(2), tmp_path / "pq", VERSIONS, rows_per_part=1))
    list(write_parquet(results(4)[2:], tmp_path / "pq", VERSIONS | {"model": "other==2"}))
    with pytest.raises(InputError, match="different versions"):
        ingest_parquet(store.connect(tmp_path / "q.db"), tmp_path / "pq")


def test_cli_parquet_option_errors(tmp_path) -> None:
    list(write_parquet(results(2), tmp_path / "pq", VERSIONS))
    db = str(tmp_path / "q.db")
    ok = runner.invoke(app, ["ingest", "--parquet", str(tmp_path / "pq"), "--db", db])
    assert ok.exit_code == 0 and "2 new" in ok.output
    both = runner.invoke(app, ["ingest", str(CORPUS), "--parquet", str(tmp_path / "pq"), "--db", db])
    assert both.exit_code == 2 and "give no PATH" in both.output
    missing = runner.invoke(app, ["ingest", "--parquet", str(tmp_path / "nope"), "--db", db])
    assert missing.exit_code != 0 and "no such Parquet folder" in missing.output
    assert "Traceback" not in missing.output


@pytest.mark.slow
def test_cli_workers_parquet_out_then_load_gives_the_same_store(tmp_path) -> None:
    a, b, pq = str(tmp_path / "a.db"), str(tmp_path / "b.db"), str(tmp_path / "pq")
    made = runner.invoke(app, ["ingest", str(CORPUS), "--db", a, "--workers", "2", "--parquet-out", pq])
    assert made.exit_code == 0, made.output
    loaded = runner.invoke(app, ["ingest", "--parquet", pq, "--db", b])
    assert loaded.exit_code == 0, loaded.output
    sa, sb = snapshot(store.connect(a)), snapshot(store.connect(b))
    assert sa == sb and len(sa) > 0
