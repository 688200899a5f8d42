"""``quotes serve``: the reading room in a web browser (quotes.web, optional extra ``.[web]``)."""

from __future__ import annotations

from pathlib import Path

import typer

from quotes.cli import options as opt
from quotes.cli.app import app
from quotes.errors import OutputError, UsageError


@app.command("serve")
def serve_cmd(
    db: Path | None = opt.db_option(),
    host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, metavar="INTEGER", help="Port to listen on."),
    allow_edits: bool = typer.Option(False, "--allow-edits", help="Let readers correct quotes (speaker, role, kind, span, not a quote)."),
    gazetteer: list[Path] | None = opt.gazetteer_option(),
) -> None:
    """Browse the store in a web browser: search, articles with quotes marked, speakers, recycled quotes.

    Example: quotes serve --db quotes.db --port 8000
    """
    import socket

    from quotes import store

    try:
        import uvicorn

        from quotes.web import create_app
    except ImportError as exc:
        raise UsageError(f"the web pages need the web extra ({exc.name} is missing): pip install 'quotes[web]'") from None
    path = db if db is not None else store.default_db_path()
    web_app = create_app(path, allow_edits=allow_edits, gazetteer_files=opt.gazetteer_files(gazetteer))
    web_app.state.site.gazetteer  # loaded now, not by the first search for a speaker
    try:  # a port in use is one line, not uvicorn's log and traceback
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise OutputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"quotes: warning: listening on {host}: other machines can read this database"
                   + (" and change it" if allow_edits else ""), err=True)  # fmt: skip
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"quotes: serving {path} at http://{shown}:{port}/ ({'edits on' if allow_edits else 'read-only'}; Ctrl-C stops)", err=True)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
