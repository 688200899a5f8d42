"""The web pages through Starlette's TestClient: status codes, escaping of untrusted article text,
filters, pagination, JSON and downloads (the same bytes as `quotes export`), corrections with
CSRF protection, read-only pages. The extractor is a small fake (every "..." is a direct quote by
the speaker the document names), so these tests are fast; tests/test_web_browser.py drives a real
browser over the real extractor."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")
from starlette.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from quotes import store  # noqa: E402
from quotes.cli import app as cli  # noqa: E402
from quotes.records import Document, Quote  # noqa: E402
from quotes.web import create_app  # noqa: E402
from quotes.web.render import mark_article  # noqa: E402

V1 = store.Versions("1", "model==1", "gaz1")
INTL = '"NATO stands for peace, and ending hostilities is important for the alliance and international security,"'
WORLD = INTL.replace("international", "worldwide")
EVIL = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>'


def fake_extract(docs: Iterable[Document]) -> Iterator[tuple[Document, list[Quote]]]:
    """Every "..." span is a direct quote by ``meta['speaker']`` (the mention is the name as
    printed after the quote, the cue 'said')."""
    for doc in docs:
        who = doc.meta.get("speaker")
        quotes = []
        for m in re.finditer(r'"[^"]*"', doc.text):
            after = doc.text.find(" said", m.end())
            mention = doc.text.rfind(" ", m.end(), after) + 1 if after > 0 else -1
            quotes.append(Quote(
                start=m.start(), end=m.end(), text=m.group(), kind="direct", speaker=doc.text[mention:after] or None,
                speaker_start=mention if after > 0 else None, speaker_end=after if after > 0 else None,
                cue="said" if after > 0 else None, cue_start=after + 1 if after > 0 else None,
                cue_end=after + 5 if after > 0 else None, speaker_name=who, speaker_id=doc.meta.get("speaker_id"),
                role=doc.meta.get("role"), resolved_by="mention", confidence=0.9,
            ))  # fmt: skip
        yield doc, quotes


def docs() -> list[Document]:
    out = [
        Document("evil", f'{EVIL}\n\n"We will {EVIL} stand," Mallory said.', title=f"Title {EVIL}", outlet="Evil <b>Times</b>",
                 date="2021-01-05", url="javascript:alert(4)", meta={"speaker": f"Mallory {EVIL}"}),
        Document("n1", f"Brussels.\n\n{INTL} Stoltenberg said.", title="One",
                 outlet="Anadolu Agency", date="2020-10-22", url="https://example.org/one",
                 meta={"speaker": "Jens Stoltenberg", "speaker_id": "jens-stoltenberg", "role": "NATO Secretary-General"}),
        Document("n2", f"Baku.\n\n{WORLD} Stoltenberg said.", title="Two",
                 outlet="iNewsToday", date="2020-10-24",
                 meta={"speaker": "Jens Stoltenberg", "speaker_id": "jens-stoltenberg", "role": "NATO Secretary-General"}),
    ]  # fmt: skip
    for i in range(120):  # enough for three pages
        out.append(Document(f"bulk{i}", f'Day {i}.\n\n"Bulk quote number {i} about harbours," Anna Kowalski said.',
                            title=f"Bulk {i}", outlet="Gazette", date=f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}",
                            meta={"speaker": "Anna Kowalski"}))  # fmt: skip
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "quotes.db"
    conn = store.connect(path)
    store.store_people(conn, [type("P", (), {"id": "mark-rutte", "name": "Mark Rutte", "aliases": []})()])
    store.ingest(conn, docs(), fake_extract, V1)
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


@pytest.fixture()
def editable(tmp_path, db):
    """An app with edits on over a copy of the database (edits change it)."""
    path = tmp_path / "edit.db"
    src = sqlite3.connect(db)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path, TestClient(create_app(path, allow_edits=True))


def ids(conn_path, sql: str, *args):
    conn = sqlite3.connect(conn_path)
    try:
        return conn.execute(sql, args).fetchone()
    finally:
        conn.close()


def stoltenberg_cluster(db) -> int:
    return ids(db, "SELECT cluster_id FROM quotes WHERE text LIKE '%international security%'")[0]


def article_id(db, doc_id: str) -> int:
    return ids(db, "SELECT id FROM articles WHERE doc_id = ?", doc_id)[0]


# ---- pages and status codes ---------------------------------------------------------------------


def test_every_page_answers(client, db):
    aid = article_id(db, "n1")
    cid = stoltenberg_cluster(db)
    for url in ["/", "/search", "/search?q=NATO", f"/articles/{aid}", "/speakers/jens-stoltenberg",
                "/speakers/Anna%20Kowalski", "/recycled", f"/recycled/{cid}"]:  # fmt: skip
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert client.get(url + ("&" if "?" in url else "?") + "format=json").headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    "url,status,needle",
    [
        ("/articles/9999", 404, "no article with id 9999"),
        ("/speakers/Nobody%20Atall", 404, "no quotes by"),
        ("/recycled/9999", 404, "no recycled quote"),
        ("/no/such/page", 404, "no page at /no/such/page"),
        ("/search?since=yesterday", 400, "not a date"),
        ("/search?kind=rumour", 400, "kind"),
        ("/search?sort=colour", 400, "sort"),
        ("/search?format=xml", 400, "format"),
        ("/search?page=two", 400, "page"),
    ],
)
def test_errors_are_pages_with_a_status(client, url, status, needle):
    r = client.get(url)
    assert r.status_code == status and needle in r.text
    if "format=" not in url:
        j = client.get(url + ("&" if "?" in url else "?") + "format=json")
        assert j.status_code == status and needle in j.json()["error"]


# ---- untrusted article text ---------------------------------------------------------------------


def test_article_text_is_escaped_everywhere(client, db):
    aid = article_id(db, "evil")
    for url in [f"/articles/{aid}", "/search?outlet=Evil", "/speakers/" + "Mallory%20" + "%3Cscript%3E"]:
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Times" not in html
    html = client.get(f"/articles/{aid}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html  # the article's URL is shown as text, not linked
    assert "javascript:alert(4)" in html


def test_marks_nest_and_escape():
    text = 'A <b> "x <i> y," Bob said.'
    q = {"id": 7, "start": 6, "end": 16, "kind": "direct", "speaker_name": "Bob <3", "speaker_start": 17,
         "speaker_end": 20, "cue_start": 21, "cue_end": 25, "corrected": []}  # fmt: skip
    html = str(mark_article(text, 0, [q]))
    assert "&lt;b&gt;" in html and "&lt;i&gt;" in html and "Bob &lt;3" in html
    assert '<span class="m q c0" data-q="7">&#34;x &lt;i&gt; y,&#34;</span>' in html
    assert '<span class="m spk" data-q="7">Bob</span>' in html and '<span class="m cue" data-q="7">said</span>' in html
    # the text comes back whole once the tags are removed
    assert re.sub(r"<a [^>]*>[^<]*</a>|<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"') == text


def test_long_article_is_shown_in_parts():
    from quotes.web.views import parts

    text = ("word " * 30 + "\n") * 5000  # 780k characters
    cuts = parts(text)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(text[e - 1] == "\n" for _, e in cuts[:-1]) and max(e - s for s, e in cuts) <= 120_000


# ---- search: filters, sorting, pagination -------------------------------------------------------------


def test_search_filters(client):
    def texts(**params):
        return [r["text"] for r in client.get("/search", params={**params, "format": "json"}).json()["results"]]

    assert texts(q="stands for") == [WORLD, INTL]
    assert texts(q="stands for", sort="date") == [INTL, WORLD]
    assert texts(speaker="Stoltenberg", outlet="iNews") == [WORLD]
    assert texts(speaker="Stoltenberg", since="2020-10-23") == [WORLD]
    assert texts(speaker="Stoltenberg", until="2020-10-22") == [INTL]
    assert texts(kind="mixed") == []
    assert len(texts(min_confidence="0.95")) == 0 and len(texts(min_confidence="0.5", q="stands")) == 2
    r = client.get("/search", params={"q": "stands for", "format": "json"}).json()["results"][0]
    assert r["speaker_url"] == "/speakers/jens-stoltenberg" and r["url"].startswith(f"/articles/{r['article_id']}?quote=")


def test_search_pagination(client):
    first = client.get("/search", params={"speaker": "Anna Kowalski", "sort": "date", "format": "json"}).json()
    assert first["pager"] == {"total": 120, "page": 1, "pages": 3, "per_page": 50, "first": 1, "last": 50}
    third = client.get("/search", params={"speaker": "Anna Kowalski", "sort": "date", "page": 3, "format": "json"}).json()
    assert len(third["results"]) == 20 and third["pager"]["first"] == 101
    dates = [r["date"] for r in first["results"]] + [r["date"] for r in third["results"]]
    assert dates == sorted(dates)
    page = client.get("/search", params={"speaker": "Anna Kowalski", "sort": "date"}).text
    assert 'rel="next" href="?speaker=Anna+Kowalski&amp;sort=date&amp;page=2"' in page
    beyond = client.get("/search", params={"speaker": "Anna Kowalski", "page": 9, "format": "json"}).json()
    assert beyond["results"] == [] and beyond["pager"]["total"] == 120


def test_downloads_equal_quotes_export(client, db, monkeypatch):
    runner = CliRunner()
    monkeypatch.setenv("QUOTES_DB", str(db))
    for fmt in ("csv", "csl-json"):
        exported = runner.invoke(cli, ["export", "--format", fmt, "--speaker", "Stoltenberg"]).stdout_bytes
        r = client.get("/search", params={"speaker": "Stoltenberg", "format": fmt})
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
        assert r.content == exported
    everything = runner.invoke(cli, ["export"]).stdout_bytes
    assert client.get("/search?format=csv").content == everything


# ---- article, speaker, recycled pages -------------------------------------------------------------


def test_article_marks_every_quote_with_speaker_and_cue(client, db):
    aid = article_id(db, "n1")
    html = client.get(f"/articles/{aid}").text
    qid = ids(db, "SELECT id FROM quotes WHERE article_id = ?", aid)[0]
    assert f'id="q-{qid}"' in html and "Jens Stoltenberg</a>" in html
    assert f'<span class="m spk" data-q="{qid}">Stoltenberg</span>' in html
    assert f'<span class="m cue" data-q="{qid}">said</span>' in html
    assert f'id="qd-{qid}"' in html and "Copy citation" in html
    assert 'Jens Stoltenberg, quoted in &#34;One&#34;, Anadolu Agency, 22 October 2020' in html
    assert "Correct this quote" not in html  # edits are off
    data = client.get(f"/articles/{aid}?format=json").json()
    assert data["quotes"][0]["cluster_url"] and data["quotes"][0]["confidence"] == 0.9


def test_page_records_are_the_stores(db):
    from quotes.web.views import record

    conn = store.connect(db, create=False)
    for sq in store.query_quotes(conn, store.QuoteFilter(limit=20)):
        assert record(sq) == sq.record()
    conn.close()


def test_speaker_page(client):
    data = client.get("/speakers/jens-stoltenberg?format=json").json()
    assert data["name"] == "jens-stoltenberg" or data["name"] == "Jens Stoltenberg"
    assert data["pager"]["total"] == 2
    assert [(t["outlet"], t["day"]) for t in data["timeline"]] == [("Anadolu Agency", "2020-10-22"), ("iNewsToday", "2020-10-24")]
    assert data["roles"][0]["role"] == "NATO Secretary-General" and data["roles"][0]["first"] == "2020-10-22"
    assert data["names"] == [{"name": "Stoltenberg", "quotes": 2, "first": "2020-10-22"}]
    html = client.get("/speakers/jens-stoltenberg").text
    assert "<svg" in html and "Anadolu Agency, 2020-10-22: 1 quote" in html


def test_recycled_page_highlights_word_changes(client, db):
    cid = stoltenberg_cluster(db)
    data = client.get(f"/recycled/{cid}?format=json").json()
    assert [o["outlet"] for o in data["occurrences"]] == ["Anadolu Agency", "iNewsToday"]
    assert data["occurrences"][1]["changes"] == ["international -> worldwide"]
    html = client.get(f"/recycled/{cid}").text
    assert '<mark class="ref">international</mark>' in html and '<mark class="chg">worldwide</mark>' in html
    index = client.get("/recycled?format=json").json()
    assert cid in [c["cluster"] for c in index["clusters"]]
    # the index lists what `quotes recycled` lists, in its order
    from quotes import dedup

    conn = store.connect(db, create=False)
    assert index["clusters"] == dedup.summary_rows(dedup.recycled(conn))[:50]
    assert index["pager"]["total"] == len(dedup.recycled(conn))
    conn.close()


# ---- corrections --------------------------------------------------------------------------------


def _form(client, aid):
    html = client.get(f"/articles/{aid}").text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    return token.group(1) if token else None


def test_edits_are_off_by_default(client, db):
    aid = article_id(db, "n1")
    qid = ids(db, "SELECT id FROM quotes WHERE article_id = ?", aid)[0]
    r = client.post(f"/quotes/{qid}/corrections", data={"speaker": "Mark Rutte"})
    assert r.status_code == 403 and "--allow-edits" in r.text


def test_correction_through_the_form(editable):
    path, client = editable
    aid = article_id(path, "n1")
    qid = ids(path, "SELECT id FROM quotes WHERE article_id = ?", aid)[0]
    token = _form(client, aid)
    assert token
    r = client.post(f"/quotes/{qid}/corrections", data={"csrf": token, "speaker": "mark-rutte", "kind": "direct",
                                                          "note": "checked the video"}, follow_redirects=False)  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == f"/articles/{aid}?quote={qid}#q-{qid}"
    html = client.get(r.headers["location"]).text
    assert "corrected by a reader: speaker" in html and "Jens Stoltenberg -&gt; Mark Rutte" in html
    assert "checked the video" in html
    row = ids(path, "SELECT speaker_name, speaker_id, resolved_by FROM quotes WHERE id = ?", qid)
    assert row == ("Mark Rutte", "mark-rutte", "reader")
    assert client.get("/speakers/mark-rutte?format=json").json()["pager"]["total"] == 1
    # not a quote: it leaves the search; with edits on its article still shows it, struck, to undo
    client.post(f"/quotes/{qid}/corrections", data={"csrf": token, "not_quote": "1"})
    assert client.get("/search?speaker=Rutte&format=json").json()["pager"]["total"] == 0
    html = client.get(f"/articles/{aid}").text
    assert f'id="q-{qid}"' in html and ">not a quote</a>" in html and "m q c0 nq" in html
    assert f'id="q-{qid}"' not in TestClient(create_app(path)).get(f"/articles/{aid}").text
    client.post(f"/quotes/{qid}/corrections", data={"csrf": token, "revert": "not_quote"})
    assert client.get("/search?speaker=Rutte&format=json").json()["pager"]["total"] == 1
    # a bad value is a 400 that changes nothing
    r = client.post(f"/quotes/{qid}/corrections", data={"csrf": token, "start": "5", "end": "2"})
    assert r.status_code == 400 and "span" in r.text


@pytest.mark.parametrize("case", ["no token", "wrong token", "no cookie", "other origin"])
def test_csrf_rejection(editable, case):
    path, client = editable
    aid = article_id(path, "n1")
    qid = ids(path, "SELECT id FROM quotes WHERE article_id = ?", aid)[0]
    token = _form(client, aid)
    data = {"csrf": token, "speaker": "Mark Rutte"}
    headers = {}
    if case == "no token":
        del data["csrf"]
    elif case == "wrong token":
        data["csrf"] = "0" * 64
    elif case == "no cookie":
        client.cookies.clear()
    else:
        headers["origin"] = "http://evil.example"
    r = client.post(f"/quotes/{qid}/corrections", data=data, headers=headers)
    assert r.status_code == 403
    assert ids(path, "SELECT speaker_name FROM quotes WHERE id = ?", qid) == ("Jens Stoltenberg",)
    assert ids(path, "SELECT COUNT(*) FROM corrections") == (0,)


def test_pages_cannot_write(db):
    from quotes.web.app import read_only

    conn = read_only(db)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("UPDATE quotes SET text = 'x'")
    conn.close()


# ---- the command ------------------------------------------------------------------------------------


def test_serve_missing_or_foreign_database_is_one_line(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and missing.stderr.strip().count("\n") == 0
    assert "no such database" in missing.stderr
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    result = runner.invoke(cli, ["serve", "--db", str(foreign)])
    assert result.exit_code == 2 and "not a quotes database" in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_serve_port_in_use_is_one_line(db):
    import socket

    runner = CliRunner()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_serve_binds_localhost_read_only_by_default(db, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])  # free now, and uvicorn.run is replaced: nothing listens
    runner = CliRunner()
    result = runner.invoke(cli, ["serve", "--db", str(db), "--port", port])
    assert result.exit_code == 0, result.output
    app, kw = calls[0]
    assert kw["host"] == "127.0.0.1" and app.state.site.allow_edits is False
    assert "read-only" in result.stderr and "warning" not in result.stderr
    result = runner.invoke(cli, ["serve", "--db", str(db), "--port", port, "--allow-edits", "--host", "0.0.0.0"])
    app, kw = calls[1]
    assert kw["host"] == "0.0.0.0" and app.state.site.allow_edits is True
    assert "other machines can read this database and change it" in result.stderr


def test_serve_a_database_in_a_read_only_folder(tmp_path, db, monkeypatch):
    """Without --allow-edits the pages open the store read-only (no -wal/-shm made beside it), so a
    database in a folder the user cannot write is served; with edits on it is one clear line."""
    import uvicorn
    from test_store import read_only

    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "quotes.db"
    src, dst = sqlite3.connect(db), sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    aid = article_id(path, "n1")
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(app))
    with read_only(folder):
        result = CliRunner().invoke(cli, ["serve", "--db", str(path), "--port", "8765"])
        assert result.exit_code == 0, result.output
        client = TestClient(calls[0])
        assert client.get(f"/articles/{aid}").status_code == 200
        assert client.get("/search", params={"q": "stands for", "format": "json"}).json()["pager"]["total"] == 2
        assert client.get("/speakers/jens-stoltenberg").status_code == 200
        edits = CliRunner().invoke(cli, ["serve", "--db", str(path), "--port", "8765", "--allow-edits"])
        assert sorted(p.name for p in folder.iterdir()) == ["quotes.db"]
    assert edits.exit_code == 2 and "read-only" in edits.stderr and edits.stderr.strip().count("\n") == 0


@pytest.mark.parametrize("sort", ["-date", "date", "outlet", "speaker"])
@pytest.mark.parametrize("params", [{"q": "harbours"}, {"q": "quote", "since": "2019-03"}, {"speaker": "Anna Kowalski"}, {}])
def test_search_pages_hold_every_match_once_in_order(client, db, sort, params):
    """Walking every page of a search gives the quotes `quotes export` selects, each once, in the
    page order (the page of a full-text search over many articles is picked in one query)."""
    seen: list[tuple] = []
    page, pages = 1, 1
    while page <= pages:
        data = client.get("/search", params={**params, "sort": sort, "page": page, "format": "json"}).json()
        pages = data["pager"]["pages"]
        seen += [(r["id"], r["article_id"], r["date"], r["outlet"], r["speaker_name"]) for r in data["results"]]
        page += 1
    conn = store.connect(db, readonly=True)
    flt = store.QuoteFilter(contains=params.get("q"), since=params.get("since"), speaker=params.get("speaker"))
    found = store.query_quotes(conn, flt)
    conn.close()
    expected = [(sq.id, sq.article.id, sq.article.date, sq.article.outlet, sq.quote.speaker_name) for sq in found]
    assert len(seen) == data["pager"]["total"] == len(expected) > 0
    assert sorted(seen) == sorted(expected)
    assert seen == in_page_order(expected, sort)


def in_page_order(rows: list[tuple], sort: str) -> list[tuple]:
    """(quote id, article id, date, outlet, speaker) rows in the order the search pages promise:
    undated articles last; newest first reverses the oldest-first order of the dated ones."""
    if sort == "speaker":
        return sorted(rows, key=lambda r: (r[4] is None, (r[4] or "").lower(), r[2] is None, r[2] or "", r[1], r[0]))
    if sort == "outlet":
        return sorted(rows, key=lambda r: (r[3] is None, (r[3] or "").casefold(), r[2] is None, r[2] or "", r[1], r[0]))
    oldest_first = sorted(rows, key=lambda r: (r[2] is None, r[2] or "", r[1], r[0]))
    if sort == "date":
        return oldest_first
    return [r for r in oldest_first if r[2] is not None][::-1] + [r for r in oldest_first if r[2] is None]


def test_recycled_index_lists_what_quotes_recycled_lists(tmp_path):
    """Clusters printed by two outlets or more, first appearance first (undated last): not one
    outlet twice, not an empty outlet name, not a cluster a reader left with one quote."""
    from quotes import corrections, dedup

    def said(text: str) -> str:
        return f'Note.\n\n"{text}," Anna Kowalski said.'

    texts = {
        "alpha": "Alpha crews will rebuild the northern pier before the autumn storms arrive here",
        "bravo": "Bravo tenders for the new ferry line open next month with three bidders expected",
        "charlie": "Charlie said wages at the port rose faster than rents across the whole region",
        "delta": "Delta trains now reach the container terminal twice each day carrying grain and coal",
        "echo": "Echo schools near the docks will teach welding and crane work to adult learners",
        "foxtrot": "Foxtrot inspectors found no leaks in the fuel tanks after the summer heatwave ended",
    }
    copies = [("alpha", "O1", "2020-01-02"), ("alpha", "O2", "2020-01-01"), ("bravo", "O1", "2020-02-01"),
              ("bravo", "O1", "2020-02-02"), ("charlie", "", "2020-03-01"), ("charlie", "O3", "2020-03-02"),
              ("delta", "O4", None), ("delta", "O5", None), ("echo", "O6", "2019-05-01"), ("echo", "O7", "2021-01-01"),
              ("foxtrot", "O1", "2018-01-01"), ("foxtrot", "O2", "2018-01-02")]  # fmt: skip
    docs = [Document(f"{k}{i}", said(texts[k]), title=k, outlet=o, date=d, url=f"https://example.org/{k}/{i}",
                     meta={"speaker": "Anna Kowalski"}) for i, (k, o, d) in enumerate(copies)]  # fmt: skip
    path = tmp_path / "r.db"
    conn = store.connect(path)
    store.ingest(conn, docs, fake_extract, V1)
    fox = conn.execute("SELECT q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.doc_id = 'foxtrot11'").fetchone()[0]
    corrections.correct(conn, fox, "not_quote", True)
    conn.close()
    data = TestClient(create_app(path)).get("/recycled?format=json").json()
    assert [c["text"].strip('"').split()[0] for c in data["clusters"]] == ["Echo", "Alpha", "Delta"]
    conn = store.connect(path, readonly=True)
    assert data["clusters"] == dedup.summary_rows(dedup.recycled(conn)) and data["pager"]["total"] == 3
    conn.close()


def test_split_quotations_are_listed_whole_once(tmp_path):
    """A quote split by its cue ('"...," he said, "..."') is one quotation: a search lists it once
    with both parts (the page's rows are read by sequence and group number), in every sort."""
    import dataclasses

    from quotes import export

    def split_extract(docs):
        for doc, quotes in fake_extract(docs):
            if len(quotes) >= 2:  # the first two quotes of each article are one split quotation
                quotes[:2] = [dataclasses.replace(q, group=0, part=(i + 1, 2)) for i, q in enumerate(quotes[:2])]
            yield doc, quotes

    docs = [Document(f"s{i}", f'Port {i}.\n\n"Ships wait at anchor {i}," he said, "until the tide turns {i}."'
                     f'\n\n"Cranes stand idle {i}," Anna Kowalski said.', title=f"S{i}", outlet="Gazette",
                     date=f"2022-01-{1 + i:02d}", meta={"speaker": "Anna Kowalski"}) for i in range(30)]  # fmt: skip
    path = tmp_path / "s.db"
    conn = store.connect(path)
    store.ingest(conn, docs, split_extract, V1)
    conn.close()
    client = TestClient(create_app(path))
    for sort in ("-date", "date", "speaker", "outlet"):
        rows = []
        for page in (1, 2):
            rows += client.get("/search", params={"q": "tide", "sort": sort, "page": page, "format": "json"}).json()["results"]
        assert len(rows) == 30 and all(len(r["ids"]) == 2 for r in rows)
        assert all(r["text"] == f'"Ships wait at anchor {n},"{export.PART_JOINER}"until the tide turns {n}."'
                   for r in rows for n in [r["title"][1:]])  # fmt: skip
        everything = client.get("/search", params={"sort": sort, "format": "json"}).json()
        assert everything["pager"]["total"] == 60


def test_sort_by_speaker_with_split_and_unnamed_quotations(tmp_path):
    """Sorted by speaker: a split quotation counts under the smallest name of its parts, names
    compare with ASCII case ignored (SQLite's NOCASE; 'aardvark' before 'Anna'), unnamed
    quotations come last, and ties go by date, article and place; over several pages."""
    import dataclasses

    def extract(docs):
        for doc, quotes in fake_extract(docs):
            i = int(doc.id[1:])
            quotes[:2] = [dataclasses.replace(q, group=0, part=(n + 1, 2)) for n, q in enumerate(quotes[:2])]
            if i % 2:  # the second part is said by someone else
                quotes[1] = dataclasses.replace(quotes[1], speaker_name="aardvark Zed" if i % 4 == 1 else "Zoe Zed")
            if i % 3 == 0:
                quotes[2] = dataclasses.replace(quotes[2], speaker_name=None)
            yield doc, quotes

    docs = [Document(f"x{i}", f'"Part one {i}," he said, "part two {i}."\n\n"Single {i}," she said.',
                     title=f"X{i}", outlet="Gazette", date=None if i % 7 == 0 else f"2022-{1 + i % 12:02d}-01",
                     meta={"speaker": ["Anna Kowalski", "anna kowalski", "Bob Brown"][i % 3]}) for i in range(60)]  # fmt: skip
    path = tmp_path / "x.db"
    conn = store.connect(path)
    store.ingest(conn, docs, extract, V1)
    units: dict[tuple, list] = {}
    for sq in store.query_quotes(conn):
        units.setdefault((sq.article.id, sq.quote.group if sq.quote.group is not None else sq.id), []).append(sq)
    conn.close()

    def key(parts):
        names = [p.quote.speaker_name for p in parts if p.quote.speaker_name is not None]
        spk, date = min(names) if names else None, parts[0].article.date
        return (spk is None, (spk or "").lower(), date is None, date or "", parts[0].article.id, parts[0].id)

    expected = [parts[0].id for parts in sorted(units.values(), key=key)]
    client = TestClient(create_app(path))
    got = []
    for page in (1, 2, 3):
        data = client.get("/search", params={"sort": "speaker", "page": page, "format": "json"}).json()
        got += [r["id"] for r in data["results"]]
    assert data["pager"]["total"] == len(expected) == 120 and got == expected
