"""The Starlette application behind ``quotes serve``: routes, read-only connections, downloads,
corrections with CSRF protection, security headers."""

from __future__ import annotations

import hashlib
import hmac
import io
import secrets
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from quotes import corrections, export, store
from quotes.errors import QuotesError
from quotes.web import render, views

SESSION_COOKIE = "quotes_session"
STATIC = Path(__file__).parent / "static"
# No inline script or style: article text that slipped through escaping still could not run.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
FORMATS = ("html", "json", "csv", "csl-json")


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write (pages never do): the store's read-only mode (mode=ro and
    query_only; a database in a read-only folder is read as immutable)."""
    return store.connect(path, readonly=True)


class Site:
    """The application's state: the database, whether edits are on, the CSRF secret, templates."""

    def __init__(self, db: Path, *, allow_edits: bool = False, gazetteer_files: Sequence[str | Path] = ()) -> None:
        # Opening once through the store checks it is a quotes database and applies migrations
        # (a missing or foreign file is one StoreError line, as in the CLI); without edits a
        # database the user may only read is served too.
        store.connect(db, create=False, readonly=not allow_edits).close()
        self.db = db
        self.allow_edits = allow_edits
        self.gazetteer_files = tuple(gazetteer_files)
        self._gazetteer: Any = None
        self.secret = secrets.token_bytes(32)
        self.env = Environment(
            loader=PackageLoader("quotes.web", "templates"), autoescape=select_autoescape(default=True)
        )
        self.env.globals.update(allow_edits=allow_edits, kinds=("direct", "mixed", "indirect"), urlencode=urlencode)
        self.env.filters.update(
            short_date=lambda d: (d or "")[:10],
            pct=lambda c: "" if c is None else f"{c:.0%}",
            combine_page=lambda params, n: {**params, "page": n},
            combine_format=lambda params, f: {k: v for k, v in params.items() if k != "page"} | {"format": f},
        )
        # only web addresses become links: a javascript: or data: URL in an article stays text
        self.env.tests["http_url"] = lambda u: isinstance(u, str) and urlsplit(u.strip()).scheme in ("http", "https")

    @property
    def gazetteer(self) -> Any:
        if self._gazetteer is None:
            self._gazetteer = store.load_gazetteer(self.gazetteer_files)
        return self._gazetteer

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        conn = read_only(self.db)  # per request, in the thread that serves it
        try:
            yield conn
        finally:
            conn.close()

    def csrf_token(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def page(self, request: Request, template: str, context: dict[str, Any], status: int = 200) -> Response:
        session = request.cookies.get(SESSION_COOKIE) or secrets.token_urlsafe(24)
        html = self.env.get_template(template).render(
            request=request, csrf=self.csrf_token(session) if self.allow_edits else "", **context
        )
        response = HTMLResponse(html, status_code=status)
        if SESSION_COOKIE not in request.cookies:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
        return response


def _format(request: Request) -> str:
    fmt = request.query_params.get("format") or "html"
    if fmt not in FORMATS:
        raise QuotesError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}")
    return fmt


def download(quotes: Sequence[store.StoredQuote], fmt: str, name: str) -> Response:
    """The quotes as ``quotes export`` writes them (CSV or CSL-JSON), as a file to save."""
    buf = io.StringIO(newline="")
    if fmt == "csv":
        export.write_csv(quotes, buf)
        media, ext = "text/csv; charset=utf-8", "csv"
    else:
        export.write_csl_json(quotes, buf)
        media, ext = "application/vnd.citationstyles.csl+json; charset=utf-8", "json"
    return Response(buf.getvalue().encode("utf-8"), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'})  # fmt: skip


def create_app(db: str | Path, *, allow_edits: bool = False, gazetteer_files: Sequence[str | Path] = ()) -> Starlette:
    """The web application over the store at ``db`` (raises StoreError for a missing or foreign
    database). Pages read through read-only connections; corrections need ``allow_edits``."""
    site = Site(Path(db), allow_edits=allow_edits, gazetteer_files=gazetteer_files)

    def handler(fn: Callable[[Request, sqlite3.Connection, str], Response]) -> Callable[[Request], Response]:
        def endpoint(request: Request) -> Response:
            try:
                fmt = _format(request)
                with site.reader() as conn:
                    return fn(request, conn, fmt)
            except views.NotFound as exc:
                return error(request, 404, str(exc))
            except QuotesError as exc:
                return error(request, 400, str(exc))

        return endpoint

    def error(request: Request, status: int, message: str) -> Response:
        if request.query_params.get("format") == "json":
            return JSONResponse({"error": message}, status_code=status)
        return site.page(request, "error.html", {"status": status, "message": message}, status)

    @handler
    def search_page(request: Request, conn: sqlite3.Connection, fmt: str) -> Response:
        s = views.Search.from_params(request.query_params)
        if fmt in ("csv", "csl-json"):  # the same quotes, bytes and order as `quotes export`
            found = store.query_quotes(conn, s.filter(), site.gazetteer if s.speaker else None)
            return download(found, fmt, "quotes")
        data = views.search(conn, s, site.gazetteer if s.speaker else None)
        if fmt == "json":
            return JSONResponse(data)
        return site.page(request, "search.html", data | {
            "s": s, "stats": views.stats(conn), "has_confidence": True, "front": request.url.path == "/",
        })  # fmt: skip

    @handler
    def article_page(request: Request, conn: sqlite3.Connection, fmt: str) -> Response:
        article_id = request.path_params["article_id"]
        if fmt in ("csv", "csl-json"):
            views._article_row(conn, article_id)
            return download(views.article_quotes(conn, article_id), fmt, f"article-{article_id}")
        qp = request.query_params
        quote_id = _int(qp.get("quote"), "quote")
        part = _int(qp.get("part"), "part")
        view = views.article(conn, article_id, part=part, quote_id=quote_id)
        if fmt == "json":  # the part the page shows (the whole article unless it is long: ?part=N)
            return JSONResponse(view.article | {
                "part": view.part, "parts": view.parts, "offset": view.offset, "text": view.text, "quotes": view.quotes,
            })  # fmt: skip
        palette = render.colours(view.quotes)
        legend = {}
        for q in view.quotes:
            key = q.get("speaker_id") or q.get("speaker_name")
            if key and key not in legend and not q["not_quote"]:
                legend[key] = {"name": q["speaker_name"], "cls": render.colour_of(q, palette), "url": q["speaker_url"]}
        return site.page(request, "article.html", {
            "view": view, "a": view.article, "marked": render.mark_article(view.text, view.offset, view.quotes, show_rejected=site.allow_edits),
            "palette": palette, "colour_of": lambda q: render.colour_of(q, palette), "legend": list(legend.values()),
            "selected": quote_id,
        })  # fmt: skip

    @handler
    def speaker_page(request: Request, conn: sqlite3.Connection, fmt: str) -> Response:
        key = request.path_params["key"]
        if fmt in ("csv", "csl-json"):
            found = views.speaker_quotes(conn, key)
            if not found:
                raise views.NotFound(f"no quotes by {key!r}")
            return download(found, fmt, "speaker")
        page = _int(request.query_params.get("page"), "page") or 1
        data = views.speaker(conn, key, page=max(1, page), sort=request.query_params.get("sort") or "date")
        if fmt == "json":
            return JSONResponse(data)
        return site.page(request, "speaker.html", data | {"timeline_svg": render.timeline_svg(data["timeline"])})

    @handler
    def cluster_page(request: Request, conn: sqlite3.Connection, fmt: str) -> Response:
        cid = request.path_params["cluster_id"]
        if fmt in ("csv", "csl-json"):
            views.cluster(conn, cid)
            found = store.cluster_members(conn, cid)
            return download(found, fmt, f"recycled-{cid}")
        data = views.cluster(conn, cid)
        if fmt == "json":
            return JSONResponse(data)
        for occ in data["occurrences"]:
            occ["html"] = render.highlight(occ["text"], occ["marks"], "ref" if occ["reference"] else "chg")
        return site.page(request, "recycled.html", data)

    @handler
    def recycled_page(request: Request, conn: sqlite3.Connection, fmt: str) -> Response:
        page = max(1, _int(request.query_params.get("page"), "page") or 1)
        data = views.recycled_index(conn, page)
        if fmt != "html":
            return JSONResponse(data)
        return site.page(request, "recycled_index.html", data)

    # Complexity 18 (radon): a POST handler: edits on, same origin and CSRF are three early refusals before the form is read and applied in one transaction.
    async def correct(request: Request) -> Response:
        if not site.allow_edits:
            return error(request, 403, "edits are off: start the server with `quotes serve --allow-edits`")
        form = await request.form()
        session = request.cookies.get(SESSION_COOKIE, "")
        token = str(form.get("csrf") or "")
        origin = request.headers.get("origin")
        if origin and (origin == "null" or urlsplit(origin).netloc != request.headers.get("host")):
            return error(request, 403, "cross-site form submission refused")
        if not session or not hmac.compare_digest(token, site.csrf_token(session)):
            return error(request, 403, "the form has expired or did not come from this site (CSRF check failed); reload the page")
        quote_id = request.path_params["quote_id"]

        def text(name: str) -> str:
            return str(form.get(name) or "").strip()

        span = f"{text('start')}-{text('end')}" if text("start") or text("end") else None
        revert = [str(v) for v in form.getlist("revert") if v]
        conn = store.connect(site.db, create=False)
        try:
            changes = corrections.changes_from_options(
                conn, speaker=text("speaker"), role=text("role"), kind=text("kind"), span=span,
                not_quote=bool(form.get("not_quote")), revert=revert, gazetteer=None,
            )  # fmt: skip
            original = conn.execute("SELECT kind, article_id FROM quotes WHERE id = ?", (quote_id,)).fetchone()
            if original is not None:  # a form sends the kind it showed: only a different one is a change
                changes = [c for c in changes if not (c[0] == "kind" and c[1] == original["kind"])]
            corrections.correct_quotation(conn, quote_id, changes, note=text("note"))
            article_id = original["article_id"] if original is not None else None
        except QuotesError as exc:
            return error(request, 400, str(exc))
        finally:
            conn.close()
        return RedirectResponse(f"/articles/{article_id}?quote={quote_id}#q-{quote_id}", status_code=303)

    routes = [
        Route("/", search_page),
        Route("/search", search_page),
        Route("/articles/{article_id:int}", article_page),
        Route("/speakers/{key:path}", speaker_page),
        Route("/recycled", recycled_page),
        Route("/recycled/{cluster_id:int}", cluster_page),
        Route("/quotes/{quote_id:int}/corrections", correct, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return error(request, 404, f"no page at {request.url.path}")

    app = Starlette(routes=routes, exception_handlers={404: not_found}, middleware=[Middleware(SecurityHeaders)])
    app.state.site = site
    return app


class SecurityHeaders:
    """ASGI middleware: a strict Content-Security-Policy and friends on every response."""

    HEADERS = [
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own forms
        (b"referrer-policy", b"same-origin"),
    ]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _int(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise QuotesError(f"{name}: {value!r} is not a number") from None
