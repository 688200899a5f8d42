"""Tests for quotes.ingest: every input format, metadata guessing, and hostile input."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.ingest import paths, sources
from quotes.ingest import Problem, decode_bytes, guess_metadata, iter_documents, parse_date
from quotes.records import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))

ARTICLE = (
    "The harbour master said on Monday that the new quay would open in spring.\n\n"
    "\u201cWe have waited long enough,\u201d she told reporters.\n"
)


def read_all(paths, **kw) -> tuple[list[Document], list[Problem]]:
    problems: list[Problem] = []
    docs = list(iter_documents([str(p) for p in paths], on_problem=problems.append, **kw))
    return docs, problems


def fatal(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.fatal]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.fatal]


def split_seed(path: Path) -> tuple[dict, str]:
    """The reviewed front matter of a corpus article and its body."""
    _, fm, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(fm), body


# ---- metadata guessing ---------------------------------------------------------------------

# What each seed prints (and so what must be guessed); the values come from the reviewed front
# matter in corpus/. Titles of 000/001 and dates of 001/002 are not printed in the copy.
SEED_PRINTS = {
    "000": {"outlet", "date", "dateline"},
    "001": {"outlet", "dateline"},
    "002": {"outlet", "dateline", "title"},
    "003": {"outlet", "date", "author", "title"},
    "004": {"outlet", "date", "dateline", "title"},
}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_guess_metadata_matches_reviewed_seed_metadata(seed: Path) -> None:
    fm, body = split_seed(seed)
    guess = guess_metadata(body)
    expected = SEED_PRINTS[seed.name[:3]]
    assert set(guess["guessed"]) == expected
    for field in expected:
        assert guess[field] == str(fm[field]), field
        assert guess["evidence"][field]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WASHINGTON (AP) \u2014 The senator said the bill was dead.\n", {"dateline": "WASHINGTON", "outlet": "Associated Press"}),
        ("LONDON, March 3 (Reuters) - Oil prices rose on Monday.\n", {"dateline": "LONDON", "outlet": "Reuters"}),
        ("NEW YORK-Xinhua\nStocks fell sharply on Friday.\n", {"dateline": "NEW YORK", "outlet": "Xinhua"}),
        ("ANKARA, Turkey, Mar.5\n\nAPA:\n\nThe talks resumed.\n", {"dateline": "ANKARA, Turkey", "outlet": "APA"}),
        (
            "Harbour plan approved\n\nBy Jane Q. Doe\nPublished: March 5, 2021 at 4:30 pm\n\nThe council voted.\n",
            {"title": "Harbour plan approved", "author": "Jane Q. Doe", "date": "2021-03-05T16:30:00"},
        ),
        (
            "Tom Baker\n5 May 2019 08:05 (UTC -03:00)\n\nThe vote was close.\n",
            {"author": "Tom Baker", "date": "2019-05-05T08:05:00-03:00"},
        ),
        ("The council voted.\n\nOther stories from Daily Planet\n", {"outlet": "Daily Planet"}),
        ("The council voted.\n\n\u00a9 2021 Harbour Gazette. All rights reserved.\n", {"outlet": "Harbour Gazette"}),
        # A date inside the lede is not a date line; a headline with a dash is not a dateline.
        ("The minister said on October 5, 2020 that the talks would resume after the break.\n", {}),
        ("NATO ready to talk - officials\nThe alliance said it was ready.\n", {}),
        ("March 3, 2019 The vote that changed everything\nIt was close.\n", {}),
        ("Senator Ann Smith (D-Ohio) - who chairs the panel - said no.\n", {}),
        ("DALLAS (AP) \u2014 " + "The council met again. " * 40 + "\n", {"dateline": "DALLAS", "outlet": "Associated Press"}),
        ("A" * 5000 + "\n", {}),
        ("", {}),
        ("\n\n   \n", {}),
    ],
)
def test_guess_metadata_patterns(text: str, expected: dict[str, str]) -> None:
    guess = guess_metadata(text)
    assert set(guess["guessed"]) == set(expected)
    for field, value in expected.items():
        assert guess[field] == value


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2020-10-22", "2020-10-22"),
        ("2020-10-22T09:31:00", "2020-10-22T09:31:00"),
        ("2020-10-22 09:31", "2020-10-22T09:31:00"),
        ("2021-10-18T16:33:00+04:00", "2021-10-18T16:33:00+04:00"),
        ("2020-10-22T09:31:00Z", "2020-10-22T09:31:00+00:00"),
        ("October 22 2020 09:31:00", "2020-10-22T09:31:00"),
        ("October 24, 2020", "2020-10-24"),
        ("Oct. 24, 2020", "2020-10-24"),
        ("18 October 2021 16:33 (UTC +04:00)", "2021-10-18T16:33:00+04:00"),
        ("Thursday, 3rd March 2022", "2022-03-03"),
        ("March 3, 2022 12:15 a.m.", "2022-03-03T00:15:00"),
        ("February 30, 2021", None),
        ("2021-13-01", None),
        ("next Tuesday", None),
        ("", None),
        (20201022, None),
    ],
)
def test_parse_date(value, iso) -> None:
    assert parse_date(value) == iso


# ---- decoding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "warned", "encoding"),
    [
        ("caf\u00e9 \u201cok\u201d".encode(), "caf\u00e9 \u201cok\u201d", None, "utf-8"),
        (b"\xef\xbb\xbfplain", "plain", None, "utf-8"),
        ("d\u00e9j\u00e0 vu".encode("utf-16"), "d\u00e9j\u00e0 vu", None, "utf-16"),
        ("caf\u00e9 \u201cok\u201d \u2013 na\u00efve".encode("cp1252"), "caf\u00e9 \u201cok\u201d \u2013 na\u00efve", "Windows-1252", "cp1252"),
        ("Se\u00f1or".encode("latin-1"), "Se\u00f1or", "Windows-1252", "cp1252"),
        ("\u00e9t\u00e9 ".encode() + b"\xff\xfe" + " \u00e0".encode(), "\u00e9t\u00e9 \ufffd\ufffd \u00e0", "2 bytes replaced", "utf-8"),
    ],
)
def test_decode_bytes(data: bytes, text: str, warned: str | None, encoding: str) -> None:
    got, warning, enc = decode_bytes(data)
    assert got == text
    assert enc == encoding
    if warned is None:
        assert warning is None
    else:
        assert warned in warning


# ---- text and Markdown files --------------------------------------------------------------


def test_text_file_with_front_matter_keeps_body_exact(tmp_path: Path) -> None:
    raw = (
        "---\ntitle: Quay to open\noutlet: Harbour Gazette\ndate: 2021-03-04\n"
        "url: https://gazette.example/q\nauthor: Ana Lopez\ndateline: PORTO\ntags: [ports, budget]\n---\n"
        + ARTICLE
    )
    (tmp_path / "quay.txt").write_text(raw, encoding="utf-8")
    docs, problems = read_all([tmp_path / "quay.txt"])
    assert problems == []
    (doc,) = docs
    assert doc.text == ARTICLE
    assert (doc.id, doc.title, doc.outlet, doc.date, doc.url, doc.author) == (
        "quay", "Quay to open", "Harbour Gazette", "2021-03-04", "https://gazette.example/q", "Ana Lopez",
    )
    assert doc.meta["dateline"] == "PORTO"
    assert doc.meta["tags"] == ["ports", "budget"]
    assert "guessed" not in doc.meta
    assert doc.source == str(tmp_path / "quay.txt")
    json.dumps(doc.meta)  # the store keeps meta as JSON


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_corpus_articles_read_with_their_metadata(seed: Path) -> None:
    fm, body = split_seed(seed)
    (doc,) = list(iter_documents([seed]))
    assert doc.id == seed.stem
    assert doc.text == body
    assert doc.title == fm["title"] and doc.outlet == fm["outlet"]
    assert doc.date == parse_date(str(fm["date"]))
    assert doc.meta.get("guessed", []) == []  # nothing printed is missing from the front matter


def test_plain_text_gets_guessed_metadata(tmp_path: Path) -> None:
    fm, body = split_seed(SEEDS[4])
    (tmp_path / "trend.txt").write_text(body, encoding="utf-8")
    (doc,) = list(iter_documents([tmp_path / "trend.txt"]))
    assert doc.text == body
    assert doc.outlet == fm["outlet"] and doc.date == fm["date"] and doc.title == fm["title"]
    assert doc.meta["dateline"] == fm["dateline"]
    assert set(doc.meta["guessed"]) == {"outlet", "date", "title", "dateline"}
    assert set(doc.meta["guessed_from"]) == set(doc.meta["guessed"])


def test_front_matter_fills_only_missing_fields_by_guessing(tmp_path: Path) -> None:
    body = "Tom Baker\nMay 5, 2019\n\nThe vote was close.\n"
    (tmp_path / "a.md").write_text("---\noutlet: Daily Planet\n---\n" + body, encoding="utf-8")
    (doc,) = list(iter_documents([tmp_path / "a.md"]))
    assert doc.outlet == "Daily Planet" and doc.author == "Tom Baker" and doc.date == "2019-05-05"
    assert set(doc.meta["guessed"]) == {"author", "date"}
    assert doc.meta["format"] == "markdown"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("# Quay to open in spring\n\nThe harbour master said so.\n", "Quay to open in spring"),
        ("Intro line.\n\n## Council votes ##\n\nText.\n", "Council votes"),
        ("The harbour master said so.\n\n#hashtag is not a heading\n", None),
    ],
)
def test_markdown_heading_is_the_title(tmp_path: Path, raw: str, title: str | None) -> None:
    (tmp_path / "a.md").write_text(raw)
    (doc,) = list(iter_documents([tmp_path / "a.md"]))
    assert doc.title == title and doc.text == raw
    assert ("title" in doc.meta.get("guessed", [])) == (title is not None)


@pytest.mark.parametrize(
    ("raw", "body", "warned"),
    [
        ("---\ntitle: [unclosed\n---\nBody text here.\n", "Body text here.\n", "not valid YAML"),
        ("---\n- a list\n---\nBody text here.\n", "Body text here.\n", "not a mapping"),
        # No closing line: the dashes are a horizontal rule and belong to the text.
        ("---\nBody text here.\n", "---\nBody text here.\n", None),
        ("---\r\ntitle: T\r\n---\r\nBody text here.\r\n", "Body text here.\r\n", None),
        ("---\n---\nBody text here.\n", "Body text here.\n", None),
    ],
)
def test_front_matter_edge_cases(tmp_path: Path, raw: str, body: str, warned: str | None) -> None:
    (tmp_path / "a.txt").write_bytes(raw.encode())
    docs, problems = read_all([tmp_path / "a.txt"])
    assert [d.text for d in docs] == [body]
    assert fatal(problems) == []
    assert [warned in p.message for p in problems] == ([True] if warned else [])


@pytest.mark.parametrize(
    ("yaml_lines", "field", "value", "warned"),
    [
        ("author: [Ana Lopez, Tom Baker]", "author", "Ana Lopez, Tom Baker", False),
        ("author: {name: Ana}", "author", None, True),
        ("title: 2021", "title", "2021", False),
        ("date: 2020-10-22 09:31:00", "date", "2020-10-22T09:31:00", False),
        ("date: October 24, 2020", "date", "2020-10-24", False),
    ],
)
def test_front_matter_field_values(tmp_path: Path, yaml_lines: str, field: str, value, warned: bool) -> None:
    (tmp_path / "a.txt").write_text(f"---\n{yaml_lines}\nformat: print\n---\nBody text.\n")
    docs, problems = read_all([tmp_path / "a.txt"])
    assert getattr(docs[0], field) == value
    assert docs[0].meta["format"] == "text"  # the reader's tag wins over a front-matter key
    assert bool(problems) == warned and all(not p.fatal for p in problems)


def test_front_matter_bad_date_is_reported_and_kept_raw(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\ndate: sometime soon\n---\nBody text.\n")
    docs, problems = read_all([tmp_path / "a.txt"])
    assert docs[0].date is None and docs[0].meta["date_raw"] == "sometime soon"
    assert len(problems) == 1 and not problems[0].fatal and "date" in problems[0].message


# ---- JSONL and stdin -----------------------------------------------------------------------


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_fields_meta_and_line_sources(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        jsonl(
            {"id": "a1", "text": ARTICLE, "title": "T", "outlet": "O", "date": "March 4, 2021",
             "url": "https://x.example/a", "author": "Ana", "lang": "en"},
            {"id": 7, "text": "Second text.", "source": "polnear",
             "meta": {"outlet": "breitbart", "date": "2016-09-12", "title": "M", "author": "B", "split": "dev"},
             "quotes": [{"start": 0, "end": 1}]},
            {"text": "No id here."},
        ),
        encoding="utf-8",
    )
    docs, problems = read_all([path])
    assert problems == []
    a, b, c = docs
    assert (a.id, a.title, a.outlet, a.date, a.url, a.author, a.text) == (
        "a1", "T", "O", "2021-03-04", "https://x.example/a", "Ana", ARTICLE,
    )
    assert a.meta["lang"] == "en" and a.source == f"{path}#L1"
    assert (b.id, b.outlet, b.date, b.title, b.author) == ("7", "breitbart", "2016-09-12", "M", "B")
    assert b.meta["split"] == "dev" and b.meta["source"] == "polnear" and "quotes" not in b.meta
    assert c.id == "docs-3" and c.source == f"{path}#L3"


def test_jsonl_bad_lines_reported_with_line_numbers_good_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ndjson"
    path.write_text(
        jsonl(
            {"id": "ok1", "text": "Fine."},
            '{"id": "broken", "text": "unterminated',
            "",
            {"id": "notext"},
            {"id": "num", "text": 42},
            {"id": "nul", "text": None},
            "[1, 2]",
            {"id": "blank", "text": "   "},
            {"id": "ok2", "text": "Also fine."},
        ),
        encoding="utf-8",
    )
    docs, problems = read_all([path])
    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert [(p.line, p.fatal) for p in problems] == [(2, True), (4, True), (5, True), (6, True), (7, True), (8, True)]
    messages = [p.message for p in problems]
    assert "invalid JSON" in messages[0]
    assert 'no "text"' in messages[1]
    assert "got number" in messages[2] and "got null" in messages[3] and "got array" in messages[4]
    assert str(problems[0]) == f"{path}:2: skipped: {messages[0]}"


def test_jsonl_bad_bytes_and_surrogates_are_warnings(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "caf\xe9 au lait"}\n'
        + b'{"id": "b", "text": "half \\ud800 pair"}\n'
        + b'{"id": "c", "text": "x", "date": "whenever"}\n'
    )
    docs, problems = read_all([path])
    assert [d.text for d in docs] == ["caf\u00e9 au lait", "half \ufffd pair", "x"]
    assert [(p.line, p.fatal) for p in problems] == [(1, False), (2, False), (3, False)]
    assert docs[2].date is None and docs[2].meta["date_raw"] == "whenever"
    for d in docs:
        d.text.encode("utf-8")  # storable


@pytest.mark.parametrize("as_bytes", [False, True])
def test_stdin_dash_reads_jsonl(as_bytes: bool) -> None:
    data = jsonl({"id": "s1", "text": "From stdin."}, "{bad", {"id": "s2", "text": "More."})
    stream = io.BytesIO(data.encode()) if as_bytes else io.StringIO(data)
    docs, problems = read_all(["-"], stdin=stream)
    assert [d.id for d in docs] == ["s1", "s2"]
    assert docs[1].source == "<stdin>#L3"
    assert [(p.source, p.line) for p in problems] == [("<stdin>", 2)]


# ---- HTML and WARC ---------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Minister backs harbour plan | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"><meta name="author" content="Ana Lopez">
{date}<link rel="canonical" href="https://gazette.example/news/{slug}"></head>
<body><nav>Home | News | Sport</nav><article><h1>Minister backs harbour plan</h1>
<p>The transport minister said on Thursday that the new harbour would open next spring, after years of delays.</p>
<p>\u201cWe have waited long enough for this,\u201d the minister told reporters at the quay. \u201cThe town deserves a working port.\u201d</p>
<p>Local fishermen welcomed the decision but warned that the budget was still unclear and that costs could rise again.</p>
</article><footer>Contact us</footer></body></html>"""
DATE_META = '<meta property="article:published_time" content="2021-03-04T10:15:00Z">\n'


def test_html_file_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE.format(date=DATE_META, slug="harbour"), encoding="utf-8")
    docs, problems = read_all([tmp_path / "page.html"])
    assert problems == []
    (doc,) = docs
    assert doc.id == "page"
    assert (doc.title, doc.outlet, doc.author, doc.date) == (
        "Minister backs harbour plan", "Harbour Gazette", "Ana Lopez", "2021-03-04",
    )
    assert doc.url == "https://gazette.example/news/harbour"
    assert "We have waited long enough" in doc.text and "Contact us" not in doc.text


def test_html_in_windows_1252(tmp_path: Path) -> None:
    page = PAGE.format(date=DATE_META, slug="cafe").replace('charset="utf-8"', 'charset="windows-1252"')
    page = page.replace("harbour would open", "caf\u00e9 would open")
    (tmp_path / "cp.html").write_bytes(page.encode("cp1252"))
    (doc,) = list(iter_documents([tmp_path / "cp.html"]))
    assert "caf\u00e9 would open" in doc.text and "\u201cWe have waited" in doc.text


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"<html><head><title>Menu</title></head><body><script>var a = 1;</script><img src=x.png></body></html>", "no article text")],
)
def test_html_without_text_is_skipped(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "p.htm").write_bytes(content)
    docs, problems = read_all([tmp_path / "p.htm"])
    assert docs == []
    assert [message in p.message for p in fatal(problems)] == [True]


def write_warc(path: Path, pages: list[tuple[str, str, bytes, str]], *, gz: bool) -> None:
    """A WARC of (url, status, body, content type) responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, status, body, ctype in pages:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2022-01-02T03:04:05Z"},
            )
            writer.write_record(record)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    pages = [
        ("https://gazette.example/news/harbour.html", "200 OK", PAGE.format(date=DATE_META, slug="harbour").encode(), "text/html; charset=utf-8"),
        ("https://gazette.example/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ("https://gazette.example/gone", "404 Not Found", b"<html><body>Not found</body></html>", "text/html"),
        ("https://gazette.example/news/quay", "200 OK", PAGE.format(date="", slug="quay").encode(), "text/html"),
    ]
    write_warc(tmp_path / name, pages, gz=name.endswith(".gz"))
    docs, problems = read_all([tmp_path / name])
    assert fatal(problems) == []
    assert [d.url for d in docs] == ["https://gazette.example/news/harbour.html", "https://gazette.example/news/quay"]
    assert docs[0].date == "2021-03-04" and docs[0].outlet == "Harbour Gazette"
    assert docs[1].date == "2022-01-02T03:04:05+00:00" and docs[1].meta["date_from"] == "WARC-Date"
    assert docs[0].source == f"{tmp_path / name}#{docs[0].url}"
    assert docs[0].id != docs[1].id and docs[0].id.startswith("gazette-example-harbour-")
    again, _ = read_all([tmp_path / name])
    assert [d.id for d in again] == [d.id for d in docs]  # ids are stable


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"this is not a warc archive\n", "not a valid WARC archive"),
        (b"\x1f\x8b\x08\x00garbage", "not a valid WARC archive"),
    ],
)
def test_bad_warc_is_reported(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "bad.warc.gz").write_bytes(content)
    docs, problems = read_all([tmp_path / "bad.warc.gz"])
    assert docs == [] and len(problems) == 1 and problems[0].fatal
    assert problems[0].source == str(tmp_path / "bad.warc.gz")
    assert problems[0].message.startswith(message)


def test_warc_without_html_pages(tmp_path: Path) -> None:
    write_warc(tmp_path / "img.warc", [("https://x.example/a.png", "200 OK", b"\x89PNG", "image/png")], gz=False)
    docs, problems = read_all([tmp_path / "img.warc"])
    assert docs == [] and [(p.message, p.fatal) for p in problems] == [("no HTML pages in the archive", True)]


# ---- a reader library that is not installed ------------------------------------------------

@pytest.mark.parametrize(
    ("module", "error", "package"),
    [
        ("trafilatura", "lxml_clean_missing", "lxml_html_clean"),
        ("trafilatura", ModuleNotFoundError("No module named 'trafilatura'", name="trafilatura"), "trafilatura"),
    ],
)
def test_missing_html_library_is_one_installation_error_not_could_not_read(
    tmp_path: Path, block_import, lxml_clean_missing, module: str, error, package: str
) -> None:
    from quotes.errors import DependencyError

    for name in ("a.html", "b.html", "c.htm"):
        (tmp_path / name).write_text(PAGE.format(date=DATE_META, slug=name), encoding="utf-8")
    block_import(module, lxml_clean_missing if error == "lxml_clean_missing" else error)
    problems: list[Problem] = []
    with pytest.raises(DependencyError) as info:
        list(iter_documents([tmp_path], on_problem=problems.append))
    message = str(info.value)
    assert f"package {package}," in message and f"pip install {package}" in message
    assert "\n" not in message and info.value.exit_code == 2
    assert problems == []  # no "could not read" per file before the error


@pytest.mark.parametrize(
    ("module", "error", "package"),
    [
        ("warcio", ModuleNotFoundError("No module named 'warcio'", name="warcio"), "warcio"),
        ("trafilatura", "lxml_clean_missing", "lxml_html_clean"),
    ],
)
def test_missing_warc_library_is_one_installation_error_not_a_problem_per_page(
    tmp_path: Path, block_import, lxml_clean_missing, module: str, error, package: str
) -> None:
    from quotes.errors import DependencyError

    pages = [
        (f"https://gazette.example/news/{slug}", "200 OK", PAGE.format(date="", slug=slug).encode(), "text/html")
        for slug in ("one", "two")
    ]
    write_warc(tmp_path / "crawl.warc.gz", pages, gz=True)
    block_import(module, lxml_clean_missing if error == "lxml_clean_missing" else error)
    problems: list[Problem] = []
    with pytest.raises(DependencyError, match=f"package {package},"):
        list(iter_documents([tmp_path / "crawl.warc.gz"], on_problem=problems.append))
    assert problems == []  # not "could not parse the page" for each page


def test_text_files_do_not_need_the_html_libraries(tmp_path: Path, block_import, lxml_clean_missing) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    block_import("trafilatura", lxml_clean_missing)
    block_import("warcio", ModuleNotFoundError("No module named 'warcio'", name="warcio"))
    docs, problems = read_all([tmp_path])
    assert [d.id for d in docs] == ["a"] and problems == []


# ---- bounded input (issue 15) ----------------------------------------------------------------

# 9 levels of 9 aliases each: 9**9 (387 million) strings once expanded, in about 500 bytes.
BILLION_LAUGHS = "---\ntitle: Laughs\nl0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9)
) + "---\nThe council met on Monday.\n"


def test_front_matter_billion_laughs_is_refused_and_the_article_kept(tmp_path: Path) -> None:
    assert len(BILLION_LAUGHS) < 600
    (tmp_path / "laughs.md").write_text(BILLION_LAUGHS)
    docs, problems = read_all([tmp_path / "laughs.md"])
    (doc,) = docs
    assert doc.text == "The council met on Monday.\n"
    assert doc.title is None and not any(k.startswith("l") for k in doc.meta)  # front matter ignored
    assert [(p.fatal, p.message) for p in problems] == [
        (False, "front matter uses a YAML alias (*l0, line 4), which is not accepted; ignored")
    ]


def test_front_matter_anchors_without_aliases_are_fine(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: &t Harbour plan\ntags: &x [port, town]\n---\nBody.\n")
    docs, problems = read_all([tmp_path / "a.md"])
    assert problems == [] and docs[0].title == "Harbour plan" and docs[0].meta["tags"] == ["port", "town"]


@pytest.mark.parametrize("depth", [150, 5000])
def test_front_matter_nested_too_deep_is_ignored_not_the_article(tmp_path: Path, depth: int) -> None:
    (tmp_path / "deep.md").write_text(f"---\ntitle: T\nx: {'[' * depth}{']' * depth}\n---\nBody.\n")
    docs, problems = read_all([tmp_path / "deep.md"])
    assert [d.text for d in docs] == ["Body.\n"] and docs[0].title is None
    assert [p.fatal for p in problems] == [False] and "front matter" in problems[0].message


def test_jsonl_record_over_the_limit_is_skipped_by_line_and_never_held_whole(tmp_path: Path) -> None:
    import gzip
    import tracemalloc

    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb") as fh:  # 16 MB of one record in about 16 KB
        fh.write(b'{"id": "before", "text": "First."}\n{"id": "huge", "text": "')
        for _ in range(16):
            fh.write(b"x" * 2**20)
        fh.write(b'"}\n{"id": "after", "text": "Last."}\n')
    tracemalloc.start()
    try:
        docs, problems = read_all([path], max_record_bytes=2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.id for d in docs] == ["before", "after"] and docs[1].source == f"{path}#L3"
    assert [(p.line, p.fatal) for p in problems] == [(2, True)]
    assert problems[0].message == "line longer than 1 MB, the limit for one record (--max-record-mb)"
    assert peak < 8 * 2**20  # the chunk and the limit, not the 16 MB record


def test_gzipped_newlines_before_a_record_are_counted_not_an_empty_file(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "blank.jsonl.gz"
    with gzip.open(path, "wb") as fh:  # 40 million blank lines, then one record
        for _ in range(40):
            fh.write(b"\n" * 10**6)
        fh.write(b' \t\r\n{"id": "last", "text": "At last."}')
    docs, problems = read_all([path])
    assert problems == [] and [d.source for d in docs] == [f"{path}#L40000002"]


def test_warc_page_over_the_limit_is_skipped_decompressed_and_the_next_page_read(tmp_path: Path) -> None:
    import gzip

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    bomb = gzip.compress(b"<html><body><p>" + b"ha " * (2**21) + b"</p></body></html>")  # 6 MB inflated
    path = tmp_path / "bomb.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, extra in [
            ("https://x.example/bomb", bomb, [("Content-Encoding", "gzip")]),
            ("https://x.example/news", PAGE.format(date=DATE_META, slug="news").encode(), []),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *extra], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    assert path.stat().st_size < 60_000
    docs, problems = read_all([path], max_record_bytes=2**20)
    assert [d.url for d in docs] == ["https://x.example/news"]
    assert [(p.fatal, p.message) for p in problems] == [
        (True, "https://x.example/bomb: page larger than 1 MB, the limit for one record (--max-record-mb)")
    ]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.lists(st.sampled_from([b"\n", b" ", b"\r\n", b"ab", b"{}", b"\xef\xbb\xbf", b"x" * 7]), max_size=60).map(b"".join),
    chunk=st.integers(1, 9),
    limit=st.integers(1, 12),
)
def test_bounded_lines_equal_plain_line_splitting(monkeypatch, data: bytes, chunk: int, limit: int) -> None:
    from quotes.ingest import lines

    monkeypatch.setattr(lines, "CHUNK", chunk)
    expected = [
        (n, line if len(line.rstrip(b"\n")) <= limit else None)
        for n, line in enumerate(io.BytesIO(data), 1)
        if line.strip()
    ]
    assert list(lines.numbered_lines(io.BytesIO(data), limit)) == expected


# ---- directories -------------------------------------------------------------------------


def test_directory_is_recursive_sorted_and_skips_hidden_and_other_types(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d", ".hidden.txt", ".git/e.txt", "z.png", "notes.pdf"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"Text of {rel}.\n")
    docs, problems = read_all([tmp_path])
    assert [d.id for d in docs] == ["a", "b", "c", "d"]
    assert fatal(problems) == []
    (note,) = warnings(problems)
    assert "2 files of other types" in note.message and ".png" in note.message


def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("Article A.\n")
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # a directory loop
    (root / "self.txt").symlink_to(root / "self.txt")  # a file link to itself
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    docs, problems = read_all([root, tmp_path / "l1"])
    assert [d.id for d in docs] == ["a"]
    assert sorted(p.message for p in fatal(problems)) == ["symbolic link loop", "symbolic link loop"]


@pytest.mark.slow
def test_ten_thousand_tiny_files_are_streamed(tmp_path: Path, monkeypatch) -> None:
    for i in range(10_000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Tiny article number {i}.\n")
    reads: list[Path] = []
    real = sources.read_bytes
    monkeypatch.setattr(sources, "read_bytes", lambda p, *limit: (reads.append(p), real(p, *limit))[1])
    it = iter_documents([tmp_path])
    first = next(it)
    assert first.id == "00000" and len(reads) == 1  # nothing read ahead
    rest = list(it)
    assert len(rest) == 9_999 and rest[-1].id == "09999"


# ---- hostile input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"---\ntitle: Only metadata\n---\n", "no text after the front matter"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"Looks like text\x00but has a NUL byte.", "binary file"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10, "binary file"),
    ],
)
def test_unreadable_content_is_skipped_with_a_problem(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "x.txt").write_bytes(content)
    (tmp_path / "y.txt").write_text("A good article.\n")
    docs, problems = read_all([tmp_path / "x.txt", tmp_path / "y.txt"])
    assert [d.id for d in docs] == ["y"]
    assert len(problems) == 1 and problems[0].fatal and message in problems[0].message
    assert problems[0].source == str(tmp_path / "x.txt")


def test_binary_file_of_unknown_type_named_explicitly(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n\x00\x01binary")
    docs, problems = read_all([tmp_path / "scan.pdf"])
    assert docs == [] and "binary file" in problems[0].message


@pytest.mark.parametrize(
    ("data", "expected", "warned"),
    [
        ("The caf\u00e9\u2019s owner said \u201cyes\u201d.".encode("cp1252"), "The caf\u00e9\u2019s owner said \u201cyes\u201d.", "Windows-1252"),
        ("Se\u00f1or Mu\u00f1oz said so.".encode("latin-1"), "Se\u00f1or Mu\u00f1oz said so.", "Windows-1252"),
        ("\u201cQuote\u201d ".encode() + b"\xc3\x28" + " end.".encode(), "\u201cQuote\u201d \ufffd( end.", "1 byte replaced"),
    ],
)
def test_wrong_encodings_are_decoded_with_a_warning(tmp_path: Path, data: bytes, expected: str, warned: str) -> None:
    (tmp_path / "enc.txt").write_bytes(data)
    docs, problems = read_all([tmp_path / "enc.txt"])
    assert [d.text for d in docs] == [expected]
    assert len(problems) == 1 and not problems[0].fatal and warned in problems[0].message


def test_missing_and_invalid_paths(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Good.\n")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    docs, problems = read_all([tmp_path / "missing.txt", tmp_path / "dangling.txt", "", tmp_path / "ok.txt"])
    assert [d.id for d in docs] == ["ok"]
    assert [p.message for p in problems] == ["no such file or directory", "no such file or directory", "empty path"]


def test_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret article.\n")
    (tmp_path / "ok.txt").write_text("Good.\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: make the open fail as it would
            real_open = Path.open

            def deny(self, *args, **kwargs):
                if self == locked:
                    raise PermissionError(13, "Permission denied", str(self))
                return real_open(self, *args, **kwargs)

            monkeypatch.setattr(Path, "open", deny)
        docs, problems = read_all([tmp_path])
    finally:
        locked.chmod(0o644)
    assert [d.id for d in docs] == ["ok"]
    assert [(p.source, p.message) for p in problems] == [(str(locked), "permission denied")]


def test_three_megabyte_article(tmp_path: Path) -> None:
    para = "The minister said the port would open. \u201cIt is time,\u201d she added.\n\n"
    text = para * (3_000_000 // len(para.encode()) + 1)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    docs, problems = read_all([tmp_path / "big.txt"])
    assert problems == [] and len(docs) == 1
    assert docs[0].text == text and len(text.encode()) > 3_000_000


def test_oversized_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_text("x" * 2000)
    (tmp_path / "small.txt").write_text("x" * 1000)
    docs, problems = read_all([tmp_path], max_record_bytes=1000)
    assert [d.id for d in docs] == ["small"]
    assert [p.source for p in problems] == [str(tmp_path / "huge.txt")]
    assert "too large" in problems[0].message and "1000 bytes" in problems[0].message


def test_reader_failure_on_one_file_does_not_stop_the_rest(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("First.\n")
    (tmp_path / "b.txt").write_text("Second.\n")
    real = sources.text_document

    def flaky(path, data, **kw):
        if path.name == "a.txt":
            raise RuntimeError("boom")
        return real(path, data, **kw)

    monkeypatch.setattr(sources, "text_document", flaky)
    docs, problems = read_all([tmp_path])
    assert [d.id for d in docs] == ["b"]
    assert len(problems) == 1 and "RuntimeError" in problems[0].message


def test_no_callback_means_problems_are_dropped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("Good.\n")
    assert [d.id for d in iter_documents([tmp_path / "empty.txt", tmp_path / "missing", tmp_path / "ok.txt"])] == ["ok"]


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (Problem("a.jsonl", "invalid JSON", line=3), "a.jsonl:3: skipped: invalid JSON"),
        (Problem("b.txt", "decoded as Windows-1252", fatal=False), "b.txt: warning: decoded as Windows-1252"),
    ],
)
def test_problem_prints_as_one_line(problem: Problem, line: str) -> None:
    assert str(problem) == line


# ---- more formats and odd files ----------------------------------------------------------------


def test_gzipped_jsonl(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl({"text": "One."}, {"id": "x", "text": "Two."}).encode()))
    docs, problems = read_all([path])
    assert problems == [] and [d.id for d in docs] == ["batch-1", "x"]


def test_truncated_gzip_jsonl_keeps_lines_before_the_damage(tmp_path: Path) -> None:
    import gzip

    records = [{"id": f"r{i}", "text": f"Record number {i} " + "x" * 200} for i in range(400)]
    data = gzip.compress(jsonl(*records).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, problems = read_all([path])
    assert 0 < len(docs) < 400 and [d.id for d in docs] == [f"r{i}" for i in range(len(docs))]
    assert len(problems) == 1 and "damaged gzip" in problems[0].message


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty file"), (b"\n\n  \n", "empty file"), (b"\x00\x01\x02{}\n" * 50, "binary file")],
)
def test_jsonl_file_that_is_empty_or_binary_is_one_problem(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "x.jsonl").write_bytes(content)
    docs, problems = read_all([tmp_path / "x.jsonl"])
    assert docs == [] and len(problems) == 1 and message in problems[0].message


def test_json_file_gets_a_clear_problem(tmp_path: Path) -> None:
    (tmp_path / "docs.json").write_text(json.dumps([{"id": "a", "text": "T"}]))
    docs, problems = read_all([tmp_path / "docs.json"])
    assert docs == [] and "JSONL" in problems[0].message


def test_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "ok.txt").write_text("Good.\n")
    docs, problems = read_all([tmp_path])  # would block forever if the FIFO were opened
    assert [d.id for d in docs] == ["ok"]
    assert [(p.source, p.message) for p in problems] == [(str(fifo), "not a regular file")]


def test_empty_directory_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    docs, problems = read_all([tmp_path / "empty"])
    assert docs == [] and len(problems) == 1 and not problems[0].fatal


def test_truncated_warc_keeps_pages_before_the_damage(tmp_path: Path) -> None:
    pages = [
        (f"https://gazette.example/news/p{i}", "200 OK", PAGE.format(date=DATE_META, slug=f"p{i}").encode(), "text/html")
        for i in range(6)
    ]
    full = tmp_path / "full.warc.gz"
    write_warc(full, pages, gz=True)
    data = full.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    docs, problems = read_all([cut])
    assert 0 < len(docs) < 6
    assert [d.url for d in docs] == [u for u, *_ in pages[: len(docs)]]
    assert len(fatal(problems)) == 1 and "damaged" in problems[0].message


# ---- reader data loss (issue 15) -------------------------------------------------------------


@pytest.mark.parametrize("depth", [490, 950, 5000])
def test_jsonl_line_nested_deep_skips_only_that_line(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.jsonl"
    deep = '{"id": "deep", "text": "Deep.", "meta": {"x": ' + "[" * depth + "]" * depth + "}}"
    path.write_text(jsonl({"id": "a", "text": "First."}, deep, {"id": "c", "text": "Third."}))
    docs, problems = read_all([path])
    assert [d.id for d in docs] == ["a", "c"]
    assert [(p.line, p.fatal, p.message) for p in problems] == [(2, True, "record nested more than 100 levels deep")]


def test_jsonl_line_nested_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    path.write_text(jsonl({"id": "a", "text": "First.", "x": json.loads("[" * 99 + "]" * 99)}))
    docs, problems = read_all([path])
    assert problems == [] and [d.id for d in docs] == ["a"]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_truncated_warc_at_any_byte_is_reported_and_keeps_the_pages_before(tmp_path: Path, monkeypatch, warc_pages, gz: bool) -> None:
    from quotes.ingest import warc

    # trafilatura is not what is tested: the page text is its body without tags.
    monkeypatch.setattr(warc, "html_fields", lambda body, url: (re.sub(rb"<[^>]+>", b"", body).decode(), {}, {}))
    full = tmp_path / ("full.warc.gz" if gz else "full.warc")
    ends, records = warc_pages(full, 3, gz=gz)
    data = full.read_bytes()
    cut_file = tmp_path / full.name.replace("full", "cut")
    for cut in sorted({*range(1, len(data), 5), *(e + d for e in records for d in (-3, -2, -1, 1, 2))} - set(records)):
        if cut >= len(data):
            continue
        cut_file.write_bytes(data[:cut])
        docs, problems = read_all([cut_file])
        whole = sum(e <= cut for e in ends)
        assert [d.url for d in docs] == [f"https://x.example/{i}" for i in range(len(docs))], cut
        assert len(docs) >= whole, cut  # every page before the damage is kept
        assert [p.fatal for p in problems] == [True], (cut, problems)  # and the damage is reported
        assert problems[0].message.startswith(("archive is damaged", "not a valid WARC archive")), cut


def test_warc_record_with_a_short_content_length_is_reported_not_printed_raw(tmp_path: Path, capsys, warc_pages) -> None:
    path = tmp_path / "short.warc"
    warc_pages(path, 2, gz=False)
    data = path.read_bytes()
    m = re.search(rb"Content-Length: (\d+)", data)
    path.write_bytes(data[: m.start(1)] + str(int(m.group(1)) - 20).encode() + data[m.end(1) :])
    docs, problems = read_all([path])
    assert [d.url for d in docs] == ["https://x.example/0", "https://x.example/1"]
    assert [(p.fatal, p.message) for p in problems] == [
        (True, "archive is damaged: the Content-Length of record 1 does not match its content "
               "(that page may be cut short); the other records were read")
    ]
    assert capsys.readouterr().err == ""  # warcio's own three-line warning does not reach the terminal


def test_front_matter_impossible_date_warns_and_keeps_the_article(tmp_path: Path) -> None:
    huge = "9" * 5000  # more digits than Python turns into an int
    (tmp_path / "leap.md").write_text(f"---\ntitle: Leap day\ndate: 2021-02-29\nserial: {huge}\n---\nThe council met.\n")
    docs, problems = read_all([tmp_path / "leap.md"])
    (doc,) = docs
    assert (doc.title, doc.date, doc.text) == ("Leap day", None, "The council met.\n")
    assert doc.meta["date_raw"] == "2021-02-29" and doc.meta["serial"] == huge
    assert [(p.fatal, p.message) for p in problems] == [
        (False, "date '2021-02-29' is not a recognizable date; kept in meta['date_raw']")
    ]


def test_symlinks_out_of_the_input_tree_are_not_followed_unless_asked(tmp_path: Path) -> None:
    root, outside = tmp_path / "in", tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (root / "sub" / "a.txt").write_text("Article A.\n")
    (outside / "secret.txt").write_text("Not for the corpus.\n")
    (root / "inside.txt").symlink_to(root / "sub" / "a.txt")  # inside the tree: followed
    (root / "status").symlink_to("/proc/self/status")
    (root / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "elsewhere").symlink_to(outside, target_is_directory=True)
    docs, problems = read_all([root])
    assert sorted(d.source for d in docs) == [str(root / "inside.txt"), str(root / "sub" / "a.txt")]
    assert sorted((p.source, p.fatal) for p in problems) == [
        (str(root / name), True) for name in ("elsewhere", "secret.txt", "status")
    ]
    assert all("outside" in p.message and "--follow-symlinks" in p.message for p in problems)
    asked, problems = read_all([root], follow_symlinks=True)
    assert problems == []
    assert sorted(d.source for d in asked) == sorted(
        [str(root / "inside.txt"), str(root / "sub" / "a.txt"), str(root / "status"), str(root / "secret.txt"),
         str(root / "elsewhere" / "secret.txt")]
    )
    named, problems = read_all([root / "secret.txt"])  # a path named explicitly is read
    assert [d.text for d in named] == ["Not for the corpus.\n"] and problems == []


# ---- properties ------------------------------------------------------------------------------

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_give_one_document_or_one_fatal_problem(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    docs, problems = read_all([path])
    assert len(docs) + len(fatal(problems)) == 1
    for doc in docs:
        doc.text.encode("utf-8")  # no lone surrogates reach the store
        assert doc.text.strip()
        json.dumps(doc.meta)


@PROPERTY
@given(lines=st.lists(st.one_of(
    st.text(max_size=40),
    st.fixed_dictionaries({"text": st.one_of(st.text(max_size=30), st.integers(), st.none())},
                          optional={"id": st.one_of(st.text(max_size=5), st.integers(), st.lists(st.integers())),
                                    "date": st.one_of(st.text(max_size=12), st.dates().map(str)),
                                    "meta": st.dictionaries(st.sampled_from(["outlet", "title", "x"]), st.text(max_size=8))},
                          ).map(json.dumps),
), max_size=12))
def test_every_jsonl_line_is_a_document_or_a_problem(tmp_path: Path, lines: list[str]) -> None:
    lines = [ln.replace("\n", " ").replace("\r", " ").replace("\x0b", " ").replace("\x0c", " ")
             .replace("\x1c", " ").replace("\x1d", " ").replace("\x1e", " ").replace("\x85", " ")
             .replace("\u2028", " ").replace("\u2029", " ") for ln in lines]
    path = tmp_path / "any.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    docs, problems = read_all([path])
    content = sum(1 for ln in lines if ln.strip())
    if content == 0:
        assert docs == [] and [p.message for p in problems] == ["empty file"]
        return
    whole_file = [p for p in fatal(problems) if p.line is None]
    if whole_file:  # e.g. sniffed as binary: one problem for the file, nothing read
        assert docs == [] and len(fatal(problems)) == 1
        return
    line_problems = {p.line for p in fatal(problems)}
    assert len(docs) + len(line_problems) == content
    for doc in docs:
        assert isinstance(doc.text, str) and doc.text.strip()
        assert doc.date is None or parse_date(doc.date) is not None


@PROPERTY
@given(text=st.text(max_size=400))
def test_guess_metadata_never_raises_and_dates_are_iso(text: str) -> None:
    from datetime import datetime as dt

    guess = guess_metadata(text)
    assert set(guess["guessed"]) <= {"title", "outlet", "date", "dateline", "author"}
    assert set(guess["evidence"]) == set(guess["guessed"])
    if "date" in guess:
        dt.fromisoformat(guess["date"])
