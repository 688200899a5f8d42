"""How fast the web pages render on a large store: every page under 200 ms on 100k quotes, and
the page of a 3 MB article usable.

    python bench/bench_web.py [--quotes 100000] [--big-mb 3] [--repeat 5] [--db bench/out/web.db]

Builds (once; reused when --db exists) a store of ``--quotes`` quotes through the store's own
ingest (so clustering of recycled quotes runs as in real use): quote texts from
``gen_quotes.generate`` (real sentences and Markov sentences, 30% planted near-duplicates, so
recycled clusters exist), 20 per article, spoken by 2,000 speakers (200 of them with gazetteer
ids) in 25 outlets over five years; plus one article of ``--big-mb`` MB holding a quote every
~200 characters. No spaCy: the records are built with their offsets, as an extractor returns them.

Each page is requested through Starlette's TestClient (the whole application: routing, read-only
connection, queries, templates; no network), once to warm up and then ``--repeat`` times; the
table gives the median, fastest and slowest wall time and the median CPU time of the process (the
machine may be shared: CPU time is what the page costs), in milliseconds, and the response size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

TARGET_MS = 200.0
OUTLETS = [f"Outlet {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXY"]
FIRST = ["Anna", "Boris", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jana", "Kofi", "Lena",
         "Marek", "Nadia", "Omar", "Petra", "Quinn", "Rosa", "Sami", "Tariq"]  # fmt: skip
LAST = ["Kowalski", "Okafor", "Haddad", "Novak", "Lindqvist", "Moreau", "Tanaka", "Silva", "Petrov", "Walsh",
        "Rahman", "Costa", "Fischer", "Yilmaz", "Nguyen", "Ortiz", "Berg", "Dimitrov", "Kaur", "Mensah",
        "Ivanova", "Rossi", "Schmidt", "Horvat", "Jensen", "Kim", "Lopez", "Meyer", "Nowak", "Olsen",
        "Popescu", "Quispe", "Reyes", "Santos", "Torres", "Usman", "Varga", "Weber", "Xu", "Zhang",
        "Abbas", "Bauer", "Cruz", "Diaz", "Ekström", "Fofana", "Garcia", "Hoang", "Ito", "Joshi",
        "Keller", "Larsen", "Mori", "Nakamura", "Obi", "Park", "Qureshi", "Ruiz", "Sato", "Tran",
        "Ueda", "Vidal", "Wong", "Yamada", "Zielinski", "Alves", "Brandt", "Cohen", "Duarte", "Engel",
        "Ferrari", "Gomez", "Hall", "Iqbal", "Jovanovic", "Koch", "Lam", "Marin", "Nilsen", "Ortega",
        "Pereira", "Ramos", "Sousa", "Tomic", "Urban", "Vega", "Wagner", "Young", "Zaman", "Arslan",
        "Bianchi", "Castro", "Dogan", "Eriksen", "Fuchs", "Gill", "Hassan", "Ibrahim", "Jung", "Kaya"]  # fmt: skip
ROLES = ["Minister of Finance", "spokesperson", "Mayor", "Secretary-General", "Prime Minister", "senator",
         "port director", "President", "analyst", None]  # fmt: skip


def speakers() -> list[tuple[str, str | None]]:
    """2,000 (name, gazetteer id or None): the first 200 known to the gazetteer."""
    out = []
    for i, (f, l) in enumerate((f, l) for l in LAST for f in FIRST):
        name = f"{f} {l}"
        out.append((name, name.lower().replace(" ", "-") if i < 200 else None))
    return out


def build(db: Path, n_quotes: int, big_mb: float, seed: int = 7) -> None:
    """Write the benchmark store through quotes.store.ingest (clustering included)."""
    from gen_quotes import generate

    from quotes import store
    from quotes.records import Document, Quote

    rng = random.Random(seed)
    records = [(r["text"], r["group"]) for r in generate(n_quotes, seed=seed)]
    people = speakers()
    # a quote's speaker follows its text's group so that recycled quotes keep one speaker
    per_article = 20

    n_articles = max(1, len(records) // per_article)

    def article(i: int, chunk: list[tuple[str, int]]) -> tuple[Document, list[Quote]]:
        year = 2019 + i * 5 // n_articles
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        paras, quotes, pos = [f"Report {i}. Officials met on the day the figures came out."], [], 0
        pos = len(paras[0]) + 2
        for t, group in chunk:
            name, pid = people[group % len(people)]  # a recycled quote keeps its speaker
            role = ROLES[len(name) % len(ROLES)]
            quoted = f"\u201c{t}\u201d"
            para = f"{quoted} said {name}" + (f", the {role}." if role else ".")
            s = pos
            e = s + len(quoted)
            ss = e + len(" said ")
            quotes.append(Quote(
                start=s, end=e, text=quoted, kind="direct", cue="said", cue_start=e + 1, cue_end=e + 5,
                speaker=name, speaker_start=ss, speaker_end=ss + len(name), speaker_name=name, speaker_id=pid,
                role=role, resolved_by="mention", confidence=round(rng.uniform(0.5, 1.0), 2),
            ))  # fmt: skip
            paras.append(para)
            pos += len(para) + 2
        doc = Document(id=f"bench-{i:06d}", text="\n\n".join(paras), title=f"Report number {i}",
                       outlet=OUTLETS[i % len(OUTLETS)], date=date)  # fmt: skip
        return doc, quotes

    def results() -> Iterator[tuple[Document, list[Quote]]]:
        for i in range(0, len(records), per_article):
            yield article(i // per_article, records[i : i + per_article])
        # the big article: about big_mb MB, a quote every few paragraphs
        filler = "The committee heard evidence from the harbour authority for most of the afternoon. "
        chunks, quotes, pos = [], [], 0
        while pos < big_mb * 1_000_000:
            body = filler * 2
            quoted = f"\u201cWe will reopen the harbour in stage {len(quotes)} of the plan,\u201d"
            para = f"{body}{quoted} said Anna Kowalski."
            s = pos + len(body)
            quotes.append(Quote(start=s, end=s + len(quoted), text=quoted, kind="direct", cue="said",
                                cue_start=s + len(quoted) + 1, cue_end=s + len(quoted) + 5, speaker="Anna Kowalski",
                                speaker_start=s + len(quoted) + 6, speaker_end=s + len(quoted) + 19,
                                speaker_name="Anna Kowalski", speaker_id="anna-kowalski"))  # fmt: skip
            chunks.append(para)
            pos += len(para) + 2
        yield Document(id="bench-big", text="\n\n".join(chunks), title="The long hearing", outlet="Outlet A",
                       date="2023-06-01"), quotes  # fmt: skip

    stream = list(results())
    docs = [d for d, _ in stream]
    by_id = {d.id: q for d, q in stream}
    conn = store.connect(db)
    known = [type("P", (), {"id": pid, "name": name, "aliases": []})() for name, pid in people if pid]
    store.store_people(conn, known)
    t = time.perf_counter()
    stats = store.ingest(conn, docs, lambda todo: ((d, by_id[d.id]) for d in todo), store.Versions("bench", "none", "none"),
                         batch_size=200)  # fmt: skip
    print(f"built {db}: {stats.new} articles, {stats.quotes} quotes in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    conn.close()


def pages(db: Path) -> list[tuple[str, str]]:
    """(what, URL) of every kind of page, picked from the store."""
    import sqlite3

    conn = sqlite3.connect(db)
    one = lambda sql: conn.execute(sql).fetchone()  # noqa: E731
    typical = one("SELECT id FROM articles WHERE doc_id = 'bench-000100'")[0]
    big = one("SELECT id FROM articles WHERE doc_id = 'bench-big'")[0]
    top_id = one("SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL AND speaker_id != 'anna-kowalski'"
                 " GROUP BY speaker_id ORDER BY COUNT(*) DESC LIMIT 1")[0]  # fmt: skip
    by_name = one("SELECT speaker_name FROM quotes WHERE speaker_id IS NULL GROUP BY speaker_name ORDER BY COUNT(*) DESC LIMIT 1")[0]
    row = one("SELECT cluster_id FROM quotes WHERE cluster_id IS NOT NULL GROUP BY cluster_id"
              " HAVING COUNT(DISTINCT article_id) > 2 LIMIT 1")
    cluster = row[0] if row else None  # None: clusters not built (left out below)
    quote = one(f"SELECT id FROM quotes WHERE article_id = {big} ORDER BY seq LIMIT 1 OFFSET 9000")[0]
    conn.close()
    from urllib.parse import quote as q

    return [
        ("front page (all quotes, newest first)", "/"),
        ("search: one word", "/search?q=government"),
        ("search: the commonest word", "/search?q=the"),
        ("search: a word of the 3 MB article's quotes", "/search?q=harbour"),
        ("search: sorted by outlet, page 20", "/search?sort=outlet&page=20"),
        ("search: phrase + speaker + dates + kind", f"/search?q=the&speaker={q(by_name)}&since=2019&until=2023-12&kind=direct"),
        ("search: min confidence, sorted by speaker", "/search?min_confidence=0.9&sort=speaker"),
        ("search: everything sorted by speaker, page 2000", "/search?sort=speaker&page=2000"),
        ("search: the commonest word, sorted by speaker", "/search?q=the&sort=speaker"),
        ("search: page 1000", "/search?page=1000"),
        ("search as JSON", "/search?q=government&format=json"),
        ("article (20 quotes)", f"/articles/{typical}"),
        ("article of 3 MB: first part", f"/articles/{big}"),
        ("article of 3 MB: the part of quote 9000", f"/articles/{big}?quote={quote}#q-{quote}"),
        ("speaker by id (most quoted)", f"/speakers/{top_id}"),
        ("speaker by name", f"/speakers/{q(by_name, safe='')}"),
        ("speaker: page 3", f"/speakers/{top_id}?page=3"),
        *([("recycled quote", f"/recycled/{cluster}")] if cluster is not None else []),
        ("recycled quotes index", "/recycled"),
        ("download CSV (speaker filter)", f"/search?speaker={q(by_name)}&format=csv"),
        ("download CSL-JSON (speaker page)", f"/speakers/{top_id}?format=csl-json"),
        ("article of 3 MB as JSON (its part)", f"/articles/{big}?format=json"),
    ]


def measure(db: Path, repeat: int) -> list[dict]:
    from starlette.testclient import TestClient

    from quotes.web import create_app

    client = TestClient(create_app(db, allow_edits=True))
    rows = []
    for what, url in pages(db):
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code, r.text[:300])
        times, cpu = [], []
        for _ in range(repeat):
            t, c = time.perf_counter(), time.process_time()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        rows.append({"page": what, "url": url, "median_ms": statistics.median(times), "min_ms": min(times),
                     "max_ms": max(times), "cpu_median_ms": statistics.median(cpu), "kb": len(r.content) / 1024})  # fmt: skip
    return rows


def browser(db: Path, repeat: int) -> list[dict]:
    """In Chromium (Playwright): load the 3 MB article's page until the load event, and select a
    quote in it (click until its details show); milliseconds, median of ``repeat``."""
    import sqlite3

    from playwright.sync_api import sync_playwright

    from quotes.web import create_app
    from quotes.web.server import launch_chromium, running

    conn = sqlite3.connect(db)
    big = conn.execute("SELECT id FROM articles WHERE doc_id = 'bench-big'").fetchone()[0]
    conn.close()
    loads, clicks = [], []
    with running(create_app(db, allow_edits=True)) as base, sync_playwright() as p:
        b = launch_chromium(p)
        page = b.new_page()
        for i in range(repeat + 1):
            t = time.perf_counter()
            page.goto(f"{base}/articles/{big}?part={2 + i}", wait_until="load")
            load = (time.perf_counter() - t) * 1000
            mark = page.locator("#text .m.q").nth(40)
            qid = mark.get_attribute("data-q").split()[0]
            t = time.perf_counter()
            mark.click()
            page.locator(f"#qd-{qid}").wait_for(state="visible")
            click = (time.perf_counter() - t) * 1000
            if i:  # the first round warms up
                loads.append(load)
                clicks.append(click)
        b.close()
    return [
        {"page": "3 MB article in Chromium: a part loaded (load event)", "median_ms": statistics.median(loads), "max_ms": max(loads)},
        {"page": "3 MB article in Chromium: a quote selected (details shown)", "median_ms": statistics.median(clicks), "max_ms": max(clicks)},
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=int, default=100_000)
    ap.add_argument("--big-mb", type=float, default=3.0)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "web.db")
    ap.add_argument("--browser", action="store_true", help="also time the 3 MB article in Chromium (Playwright)")
    args = ap.parse_args(argv)
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        build(args.db, args.quotes, args.big_mb)
    import sqlite3

    conn = sqlite3.connect(args.db)
    n_quotes, n_articles = conn.execute("SELECT (SELECT COUNT(*) FROM quotes), (SELECT COUNT(*) FROM articles)").fetchone()
    big_chars = conn.execute("SELECT length(text) FROM articles WHERE doc_id = 'bench-big'").fetchone()[0]
    conn.close()
    import os

    load_before = os.getloadavg()[0]
    rows = measure(args.db, args.repeat)
    print(f"store: {n_quotes:,} quotes in {n_articles:,} articles; big article {big_chars / 1e6:.1f} M characters")
    print(f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before and {os.getloadavg()[0]:.1f} after")
    print(f"| page | median ms | fastest ms | slowest ms | CPU median ms | KB | median under {TARGET_MS:.0f} ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        ok = "yes" if r["median_ms"] < TARGET_MS else "no"
        print(f"| {r['page']} | {r['median_ms']:.0f} | {r['min_ms']:.0f} | {r['max_ms']:.0f} | {r['cpu_median_ms']:.0f} | {r['kb']:.0f} | {ok} |")
    if args.browser:
        for r in browser(args.db, args.repeat):
            print(f"| {r['page']} | {r['median_ms']:.0f} | | {r['max_ms']:.0f} | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
