"""Every command's --help reads like a Unix tool's: conventional metavars, one example each."""

from __future__ import annotations

import re

import pytest
import typer.main
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()


def _commands(group=None, path=()):
    group = group or typer.main.get_command(app)
    for name, cmd in sorted(getattr(group, "commands", {}).items()):
        if getattr(cmd, "commands", None):
            yield from _commands(cmd, (*path, name))
        else:
            yield (*path, name)


COMMANDS = list(_commands())


def _help(path) -> str:
    result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_checked() -> None:
    assert {"extract", "ingest", "list", "show", "export", "dedup", "recycled", "evaluate"} <= {c[-1] for c in COMMANDS}


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_uses_conventional_metavars(path) -> None:
    text = _help(path)
    assert not re.search(r"<(str|int|bool|float|list|path|int range|float range)[^>]*>", text), text
    assert "{" not in text.split("Usage:")[1].splitlines()[0], text  # no {PATH}... in the usage line
    assert "[[" not in text and "...]..." not in text, text
    assert re.search(r"--help\s+Show this message", text), text  # a flag takes no value


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_shows_one_example(path) -> None:
    examples = re.findall(r"Example: (quotes [^\n]*)", _help(path))
    assert len(examples) == 1
    assert examples[0].startswith("quotes " + " ".join(path) + " ")


def test_numbers_and_formats_have_their_conventional_names() -> None:
    text = _help(("list",))
    assert re.search(r"--limit\s+INTEGER", text) and re.search(r"--format\s+-f\s+FORMAT", text)
    assert re.search(r"--db\s+PATH", text)
    assert "Usage: quotes extract [OPTIONS] PATH..." in _help(("extract",))
    assert "Usage: quotes ingest [OPTIONS] [PATH]..." in _help(("ingest",))
