"""End to end in a real headless browser: Debian's Chromium driven by Playwright over the real
extractor's output on the bundled corpus. Seed 000's article, Stoltenberg's quotes marked and
labelled, his speaker page, the recycled quote seed 003 shares, a correction made through the
form, and an article whose text tries to run script. A screenshot of each page is saved."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("starlette")
playwright_api = pytest.importorskip("playwright.sync_api")

from typer.testing import CliRunner  # noqa: E402

from quotes.cli import app as cli  # noqa: E402
from quotes.web.server import CHROMIUM, launch_chromium, running  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"),
]

EVIL = """---
title: "Harbour <script>window.__xss = 'title'</script> news"
outlet: Gazette
date: 2024-03-01
url: "javascript:window.__xss = 'url'"
---
Harbour officials met on Monday. <script>window.__xss = 'script'</script>

"We will <img src=x onerror=\\"window.__xss = 'img'\\"> reopen the harbour next week," said Anna Kowalski, the port director. <a href="javascript:window.__xss='link'">details</a>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The corpus and one hostile article, ingested by the real extractor; served with edits on."""
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "quotes.db"
    evil = tmp / "evil"
    evil.mkdir()
    (evil / "evil.md").write_text(EVIL, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(ROOT / "corpus"), str(evil), "--db", str(db)])
    assert result.exit_code == 0, result.output
    from quotes.web import create_app

    with running(create_app(db, allow_edits=True)) as base:
        yield base, db, tmp


@pytest.fixture(scope="module")
def page(site):
    with playwright_api.sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.dialogs = dialogs  # type: ignore[attr-defined]
        yield page
        browser.close()


def one(db: Path, sql: str, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchone()
    finally:
        conn.close()


def shot(page, folder: Path, name: str) -> None:
    path = folder / name
    page.screenshot(path=str(path), full_page=False)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_article_speaker_recycled_and_a_correction(site, page):
    base, db, tmp = site
    article = one(db, "SELECT id FROM articles WHERE doc_id LIKE '000%'")[0]
    page.goto(f"{base}/articles/{article}")
    assert page.title().startswith("NATO not part of conflict")
    # Stoltenberg's quotes are marked and labelled with his name, in one colour
    labels = page.locator("#text a.lbl", has_text="Jens Stoltenberg")
    n = labels.count()
    expected = one(db, "SELECT COUNT(*) FROM quotes WHERE article_id = ? AND speaker_id = 'jens-stoltenberg'", article)[0]
    assert n == expected >= 4
    assert len({labels.nth(i).get_attribute("class") for i in range(n)}) == 1
    assert page.locator("#text .m.spk").count() >= 4 and page.locator("#text .m.cue").count() >= 4
    # selecting the recycled quote shows its details and citation
    quote, cluster = one(db, "SELECT id, cluster_id FROM quotes WHERE article_id = ? AND text LIKE '%international security%'", article)
    page.locator(f'#text .m.q[data-q^="{quote}"]').first.click()
    panel = page.locator(f"#qd-{quote}")
    assert panel.is_visible() and page.locator(".quote-detail:visible").count() == 1
    assert "Jens Stoltenberg, quoted in" in panel.locator(".citation").inner_text()
    assert "NATO" in panel.inner_text() and "Recycled" in panel.inner_text()
    assert page.evaluate("location.hash") == f"#q-{quote}"
    shot(page, tmp, "article.png")

    # his speaker page
    panel.locator("a.speaker-link").click()
    page.wait_for_url(f"{base}/speakers/jens-stoltenberg")
    assert page.locator("h1").inner_text() == "Jens Stoltenberg"
    assert page.locator("svg.timeline circle").count() >= 2
    assert "Anadolu Agency" in page.locator("svg.timeline").inner_html()
    assert page.locator("table.results tbody tr").count() >= 10
    shot(page, tmp, "speaker.png")

    # the recycled quote shared with seed 003
    page.go_back()
    page.wait_for_url(f"{base}/articles/{article}*")
    page.locator(f"#qd-{quote} a.cluster-link").click()
    page.wait_for_url(f"{base}/recycled/{cluster}")
    occurrences = page.locator("li.occurrence")
    assert occurrences.count() == 2
    assert "Anadolu Agency" in occurrences.nth(0).inner_text() and "iNewsToday" in occurrences.nth(1).inner_text()
    assert page.locator("mark.ref").inner_text() == "international"
    assert page.locator("mark.chg").inner_text() == "worldwide"
    assert "international -> worldwide" in occurrences.nth(1).inner_text()
    shot(page, tmp, "recycled.png")
    page.locator("li.occurrence").nth(1).locator("a", has_text="in its article").click()
    page.wait_for_url("**/articles/*")
    assert one(db, "SELECT doc_id FROM articles WHERE id = ?", int(page.url.split("/articles/")[1].split("?")[0]))[0].startswith("003")

    # a correction: the speaker of a 'he said' quote, through the form
    he = one(db, "SELECT id FROM quotes WHERE article_id = ? AND lower(speaker) = 'he' ORDER BY id", article)[0]
    page.goto(f"{base}/articles/{article}?quote={he}#q-{he}")
    detail = page.locator(f"#qd-{he}")
    assert detail.is_visible()
    detail.locator("summary", has_text="Correct this quote").click()
    detail.locator('input[name="speaker"]').fill("Mark Rutte")
    detail.locator('input[name="note"]').fill("checked against the video")
    detail.locator('button[type="submit"]').click()
    page.wait_for_load_state()
    detail = page.locator(f"#qd-{he}")
    assert detail.is_visible(), page.content()[-1500:]
    assert "corrected by a reader: speaker" in detail.inner_text()
    assert "Jens Stoltenberg -> Mark Rutte" in detail.inner_text() and "checked against the video" in detail.inner_text()
    assert page.locator(f"#q-{he}").text_content() == "Mark Rutte ✎"  # (shown in capitals by CSS)
    assert one(db, "SELECT speaker_name, speaker_id, resolved_by FROM quotes WHERE id = ?", he) == ("Mark Rutte", "mark-rutte", "reader")
    shot(page, tmp, "corrected.png")
    # ... and the other pages say so
    page.goto(f"{base}/speakers/mark-rutte")
    assert page.locator("table.results .badge", has_text="corrected").count() == 1
    assert page.dialogs == []


def test_hostile_article_text_runs_nothing(site, page):
    base, db, tmp = site
    article = one(db, "SELECT id FROM articles WHERE doc_id LIKE 'evil%'")[0]
    page.goto(f"{base}/articles/{article}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []
    text = page.locator("#text").inner_text()
    assert "<script>window.__xss = 'script'</script>" in text
    assert "<img src=x onerror=" in text
    assert page.locator("#text img, #text script, article a[href^='javascript']").count() == 0
    assert "javascript:window.__xss = 'url'" in page.locator(".meta").inner_text()
    assert "<script>" in page.locator("h1").inner_text()
    # the quote around the hostile markup is still marked and attributed
    assert page.locator("#text a.lbl", has_text="Anna Kowalski").count() == 1
    page.locator("#text .m.q").first.click()
    assert page.evaluate("window.__xss") is None
    shot(page, tmp, "hostile.png")
    page.goto(f"{base}/search?q=reopen")
    assert page.evaluate("window.__xss") is None and page.locator("table.results img").count() == 0


def big_article(mb: float = 3.0) -> tuple:
    """A ~``mb`` MB article with a quote every ~230 characters (sentences of made-up words, so
    no two quotes are recycled copies) and the records an extractor would return for it."""
    import random

    from quotes.records import Document, Quote

    rng = random.Random(3)
    vocab = [a + b for a in ("har", "lum", "ost", "pen", "vik", "dor", "sal", "mek") for b in ("bor", "ta", "nix", "quel", "ro", "sen")]
    filler = "The committee heard evidence from the harbour authority for most of the afternoon. " * 2
    paras: list[str] = []
    quotes: list[Quote] = []
    pos = 0
    while pos < mb * 1_000_000:
        quoted = "\u201c" + " ".join(rng.choice(vocab) for _ in range(12)).capitalize() + f" {len(quotes)},\u201d"
        s = pos + len(filler)
        e = s + len(quoted)
        quotes.append(Quote(start=s, end=e, text=quoted, kind="direct", cue="said", cue_start=e + 1, cue_end=e + 5,
                            speaker="Anna Kowalski", speaker_start=e + 6, speaker_end=e + 19, speaker_name="Anna Kowalski"))  # fmt: skip
        paras.append(f"{filler}{quoted} said Anna Kowalski.")
        pos += len(paras[-1]) + 2
    doc = Document(id="big", text="\n\n".join(paras), title="The long hearing", outlet="Gazette", date="2023-06-01")
    return doc, quotes


@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    from quotes import store
    from quotes.web import create_app

    db = tmp_path_factory.mktemp("big") / "quotes.db"
    doc, quotes = big_article()
    conn = store.connect(db)
    store.ingest(conn, [doc], lambda todo: ((d, quotes) for d in todo), store.Versions("1", "none", "none"))
    conn.close()
    with running(create_app(db, allow_edits=True)) as base:
        yield base, db, len(doc.text), len(quotes)


def test_a_3_mb_article_page_stays_usable(big_site, page):
    """The page of a 3 MB article (11k quotes) opens in parts: it loads, its quotes are marked and
    labelled, a quote is selected by a click, and a link to a quote deep in the article opens the
    part holding it with that quote selected; each step within a generous bound (the machine
    may be loaded)."""
    import time

    base, db, chars, n_quotes = big_site
    assert chars >= 3_000_000 and n_quotes > 10_000
    article = one(db, "SELECT id FROM articles")[0]
    start = time.monotonic()
    page.goto(f"{base}/articles/{article}", wait_until="load")
    assert time.monotonic() - start < 15
    assert "part 1 of" in page.locator("nav.pager").inner_text()
    shown = one(db, "SELECT COUNT(*) FROM quotes WHERE article_id = ? AND start_char < 20000", article)[0]
    assert page.locator("#text a.lbl").count() == shown > 50
    mark = page.locator("#text .m.q").nth(40)
    qid = mark.get_attribute("data-q").split()[0]
    start = time.monotonic()
    mark.click()
    page.locator(f"#qd-{qid}").wait_for(state="visible", timeout=10_000)
    assert time.monotonic() - start < 10
    assert page.locator(".quote-detail:visible").count() == 1
    assert page.locator("#text .m.q.sel").count() >= 1 and all(
        qid in (el.get_attribute("data-q") or "").split() for el in page.locator("#text .m.q.sel").all())
    assert "Anna Kowalski" in page.locator(f"#qd-{qid}").inner_text()

    deep, deep_start = one(db, "SELECT id, start_char FROM quotes WHERE article_id = ? ORDER BY seq LIMIT 1 OFFSET 9000", article)
    start = time.monotonic()
    page.goto(f"{base}/articles/{article}?quote={deep}#q-{deep}", wait_until="load")
    assert time.monotonic() - start < 15
    assert page.locator(f"#qd-{deep}").is_visible() and page.locator(".quote-detail:visible").count() == 1
    assert f" {9000}," in page.locator(f"#qd-{deep} blockquote").inner_text()
    part = int(page.locator("nav.pager").inner_text().split("part ")[1].split(" ")[0])
    assert part > 100 and page.locator(f'#text .m.q.sel[data-q~="{deep}"]').count() >= 1
    assert page.dialogs == []
