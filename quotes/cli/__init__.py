"""The ``quotes`` command line: parse options, call the library, print. Nothing else lives here.

``app`` (quotes.cli.app) holds the commands, one module per area; each command raises library
errors and ``QuotesCommand`` turns them into one line and an exit code. Output goes through one
layer (quotes.cli.output): the ``--format`` renderer registry, the terminal table, the atomic
file writer. Options shared by several commands are defined once (quotes.cli.options).
"""

from __future__ import annotations

from quotes.cli.app import Services, app, main

# Importing a module registers its commands; `quotes --help` lists them in this order.
from quotes.cli import evaluate  # noqa: E402,F401,I001
from quotes.cli import extract  # noqa: E402,F401
from quotes.cli import query  # noqa: E402,F401
from quotes.cli import dedup  # noqa: E402,F401
from quotes.cli import web  # noqa: E402,F401
from quotes.cli import corrections  # noqa: E402,F401
from quotes.cli import gazetteer  # noqa: E402,F401

__all__ = ["Services", "app", "main"]
