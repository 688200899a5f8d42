"""Screenshots of the web pages for the README (docs/web-*.png), on the bundled corpus.

    python scripts/web_screenshots.py [--out docs]

Ingests corpus/ into a temporary database, serves it (edits on) in a thread, and drives the
system Chromium through Playwright: the search page, seed 000's article with a Stoltenberg quote
selected, his speaker page, and the recycled quote that seed 003 shares.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    from quotes.web import create_app
    from quotes.web.server import launch_chromium, running

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "quotes.db"
        ingest = [sys.executable, "-c", "from quotes.cli import main; main()", "ingest", "corpus", "--db", str(db)]
        subprocess.run(ingest, check=True, cwd=ROOT)  # relative paths: the pages show corpus/...
        import sqlite3

        conn = sqlite3.connect(db)
        article = conn.execute("SELECT id FROM articles WHERE doc_id LIKE '000%'").fetchone()[0]
        quote, cluster = conn.execute(
            "SELECT id, cluster_id FROM quotes WHERE article_id = ? AND speaker_id = 'jens-stoltenberg'"
            " AND cluster_id IN (SELECT cluster_id FROM quotes GROUP BY cluster_id HAVING COUNT(*) > 1)"
            " AND text LIKE '%international%'",
            (article,),
        ).fetchone()
        conn.close()
        app = create_app(db, allow_edits=True)
        with running(app) as base, sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            shots = {
                "web-search.png": f"{base}/search?speaker=Stoltenberg",
                "web-article.png": f"{base}/articles/{article}",
                "web-speaker.png": f"{base}/speakers/jens-stoltenberg",
                "web-recycled.png": f"{base}/recycled/{cluster}",
            }
            for name, url in shots.items():
                page.goto(url)
                page.wait_for_load_state("networkidle")
                if name == "web-article.png":  # a quote selected, its details beside the text
                    page.locator(f'#text .m.q[data-q^="{quote}"]').first.click()
                    page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(out / name))
                print(out / name)
            browser.close()


if __name__ == "__main__":
    main()
