"""Exports: RFC 4180 CSV that round-trips and cannot run formulas, citations, CSL-JSON."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess

import pytest

from quotes import export
from quotes.records import Document, Quote
from quotes.store import Article, StoredQuote


def sq(qid: int = 1, text: str = "“We are concerned,”", article_id: int = 1, **kw) -> StoredQuote:
    art = {k: kw.pop(k) for k in list(kw) if k in Article.__dataclass_fields__}
    article = Article(**({"id": article_id, "doc_id": f"doc{article_id}", "title": "NATO not part of conflict",
                          "outlet": "Anadolu Agency", "date": "2020-10-22T09:31:00", "url": None, "author": None,
                          "source": "corpus/000.txt"} | art))  # fmt: skip
    quote = Quote(**({"start": 10, "end": 10 + len(text), "text": text, "kind": "direct",
                      "speaker_name": "Jens Stoltenberg", "speaker": "he"} | kw))  # fmt: skip
    return StoredQuote(id=qid, quote=quote, article=article, cluster_id=kw.get("cluster_id"))


HOSTILE = [
    "plain",
    "commas, everywhere, ,",
    'embedded "double" quotes and “curly” ones',
    "line one\nline two\r\nline three",
    "Азербайджан и Армения — 和平 — سلام",
    "=HYPERLINK(\"http://evil\")",
    "+1 and -1",
    "-dash first",
    "@SUM(A1)",
    "\tTab first",
    "\rCR first",
    "'apostrophe first",
    "",
]


@pytest.mark.parametrize("excel", [False, True])
def test_csv_round_trip(excel):
    quotes = [sq(i, t, title=t or "t", outlet=t or None) for i, t in enumerate(HOSTILE, 1)]
    buf = io.StringIO(newline="")
    assert export.write_csv(quotes, buf, excel=excel) == len(HOSTILE)
    data = buf.getvalue()
    assert data.startswith("\ufeff") is excel
    back = export.read_csv(data)
    expected = [{k: "" if v is None else str(v) for k, v in export.csv_row(q).items()} for q in quotes]
    assert back == expected
    assert list(back[0]) == list(export.CSV_COLUMNS)


def test_csv_is_rfc4180():
    buf = io.StringIO(newline="")
    export.write_csv([sq(1, 'a "b",\nc')], buf)
    data = buf.getvalue()
    assert data.count("\r\n") == 2  # header + one record; the embedded \n is inside quotes
    assert '"a ""b"",\nc"' in data


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'quoted", "''quoted"),
        ("“quote”", "“quote”"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_defuse(value, expected):
    assert export.defuse(value) == expected
    if isinstance(value, str):
        assert export.undefuse(export.defuse(value)) == value


def test_no_exported_cell_starts_a_formula():
    buf = io.StringIO(newline="")
    export.write_csv([sq(i, t, title=t) for i, t in enumerate(HOSTILE, 1)], buf)
    for row in csv.reader(io.StringIO(buf.getvalue(), newline="")):
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-10-22T09:31:00", "22 October 2020"),
        ("2020-10-02", "2 October 2020"),
        ("2020-10", "October 2020"),
        ("2020", "2020"),
        ("sometime", "sometime"),
        (None, None),
    ],
)
def test_long_date(value, expected):
    assert export.long_date(value) == expected


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, 'Jens Stoltenberg, quoted in "NATO not part of conflict", Anadolu Agency, 22 October 2020'),
        ({"speaker_name": None}, 'he, quoted in "NATO not part of conflict", Anadolu Agency, 22 October 2020'),
        ({"speaker_name": None, "speaker": None, "outlet": None}, 'Unattributed, quoted in "NATO not part of conflict", 22 October 2020'),
        ({"title": None, "url": "https://ex.org/a", "date": None}, "Jens Stoltenberg, quoted in https://ex.org/a, Anadolu Agency"),
        ({"title": None, "url": None, "date": "2020-10"}, "Jens Stoltenberg, quoted in corpus/000.txt, Anadolu Agency, October 2020"),
    ],
)
def test_citation(kw, expected):
    assert export.citation(sq(**kw)) == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Cheryl Sanders", [{"family": "Sanders", "given": "Cheryl"}]),
        ("Jane Doe and Li Wei", [{"family": "Doe", "given": "Jane"}, {"family": "Wei", "given": "Li"}]),
        ("A. Smith; B. Jones", [{"family": "Smith", "given": "A."}, {"family": "Jones", "given": "B."}]),
        ("Other reports by iNewsToday", [{"literal": "Other reports by iNewsToday"}]),
        ("Trend", [{"literal": "Trend"}]),
        ("", []),
        (None, []),
    ],
)
def test_csl_names(author, expected):
    assert export.csl_names(author) == expected


def test_csl_json_one_item_per_article():
    quotes = [
        sq(1, article_id=1, url="https://aa.com.tr/x", author="Cheryl Sanders"),
        sq(2, article_id=1, speaker_name="Armen Sarkissian"),
        sq(3, article_id=2, doc_id="doc1", title=None, date="2020-10", outlet="Trend"),  # same doc_id: unique key
        sq(4, article_id=3, date="unknown"),
    ]
    buf = io.StringIO()
    assert export.write_csl_json(quotes, buf) == 3
    items = json.loads(buf.getvalue())
    assert [i["type"] for i in items] == ["article-newspaper"] * 3
    assert len({i["id"] for i in items}) == 3
    first = items[0]
    assert first["title"] == "NATO not part of conflict" and first["container-title"] == "Anadolu Agency"
    assert first["issued"] == {"date-parts": [[2020, 10, 22]]}
    assert first["URL"] == "https://aa.com.tr/x"
    assert first["author"] == [{"family": "Sanders", "given": "Cheryl"}]
    assert first["note"] == "Quotes: Jens Stoltenberg; Armen Sarkissian"
    assert items[1]["issued"] == {"date-parts": [[2020, 10]]} and items[1]["title"] == "doc1"
    assert items[2]["issued"] == {"literal": "unknown"}
    for item in items:  # only CSL variables Zotero/Pandoc know
        assert set(item) <= {"id", "type", "title", "container-title", "issued", "URL", "author", "note"}


def test_table_rows_join_split_parts():
    parts = [
        sq(1, "“first,”", group=0, part=(1, 2)),
        sq(2, "“second.”", group=0, part=(2, 2)),
        sq(3, "“alone.”"),
        sq(4, "“other article.”", article_id=2, group=0, part=(1, 1)),
    ]
    rows = export.table_rows(parts)
    assert [r["quote"] for r in rows] == ["“first,” … “second.”", "“alone.”", "“other article.”"]
    assert rows[0]["id"] == "1 (+1)" and rows[1]["id"] == "3"
    assert rows[0]["date"] == "2020-10-22"


def test_extract_records_and_csv_rows():
    d = Document(id="a", text="x")
    q = Quote(start=0, end=1, text="x", kind="direct", group=0, part=(1, 2))
    (rec,) = list(export.extract_records([(d, [q]), (Document(id="b", text=""), [])]))
    assert rec["doc_id"] == "a" and rec["part"] == [1, 2] and list(rec)[1:] == list(q.to_dict())
    assert export.extract_csv_row(rec)["part"] == "1/2"
    assert tuple(rec) == export.EXTRACT_COLUMNS


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_csl_json(tmp_path):
    quotes = [sq(1, author="Cheryl Sanders", url="https://ex.org/a"), sq(2, article_id=2, doc_id="other", title="Second")]
    (tmp_path / "refs.json").write_text(json.dumps(export.csl_items(quotes)), encoding="utf-8")
    (tmp_path / "doc.md").write_text("---\nbibliography: refs.json\n---\n\nSee [@doc1; @other].\n", encoding="utf-8")
    out = subprocess.run(["pandoc", "--citeproc", "doc.md", "-t", "plain"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Sanders" in out.stdout and "nato not part of conflict" in out.stdout.lower()
    assert "Second" in out.stdout and "[WARNING]" not in out.stderr


# ---- whole records under Ctrl-C (issue 13) ----------------------------------------------------


class _InterruptingStream(io.StringIO):
    """A stream that receives Ctrl-C in the middle of each write, after its first half."""

    def write(self, s: str) -> int:
        import os
        import signal

        half = len(s) // 2
        super().write(s[:half])
        os.kill(os.getpid(), signal.SIGINT)  # the handler runs at the next bytecode: here
        return half + super().write(s[half:])


def test_ctrl_c_mid_write_leaves_whole_jsonl_records() -> None:
    from quotes.export import WholeRecords, write_jsonl

    out = _InterruptingStream()
    records = ({"id": i, "text": "x" * 50} for i in range(5))
    with pytest.raises(KeyboardInterrupt):
        write_jsonl(records, WholeRecords(out, stream=True))
    lines = out.getvalue().splitlines(keepends=True)
    assert lines and all(line.endswith("\n") for line in lines)
    assert [json.loads(line)["id"] for line in lines] == list(range(len(lines)))


def test_ctrl_c_mid_write_leaves_whole_csv_rows() -> None:
    from quotes.export import WholeRecords, write_csv_rows

    out = _InterruptingStream()
    with pytest.raises(KeyboardInterrupt):
        write_csv_rows(({"id": i, "text": "a,b"} for i in range(5)), ["id", "text"], WholeRecords(out, stream=True))
    assert out.getvalue().endswith("\r\n")
    assert out.getvalue().splitlines()[0] == "id,text"


def test_interrupt_while_waiting_for_records_flushes_the_whole_ones() -> None:
    from quotes.export import write_jsonl

    def records():
        yield {"id": 1}
        yield {"id": 2}
        raise KeyboardInterrupt  # Ctrl-C while the extractor works on the next document

    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        write_jsonl(records(), out)
    assert out.getvalue() == '{"id": 1}\n{"id": 2}\n'
