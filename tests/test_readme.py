"""The README's code blocks are run, so that they cannot rot.

- ``console`` blocks are shell sessions: each ``$ command`` runs in bash, in one temporary folder
  per test run holding a copy of ``corpus/``, through the installed ``quotes`` script (a terminal
  100 columns wide), and its output (stdout and stderr, as a terminal shows them) must be the
  lines printed under it in the README.
- ``pycon`` blocks are Python sessions, checked with doctest (output included).
- ``sh`` blocks hold commands that need a network or a cluster (pip, dask): every ``quotes``
  command in them must name a command and options that exist.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(kind: str) -> list[str]:
    return [body for lang, body in FENCE.findall(README.read_text(encoding="utf-8")) if lang == kind]


def sessions(body: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for each ``$ `` line of a console block."""
    out: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line.rstrip())
        else:
            raise AssertionError(f"console block does not start with a command: {line!r}")
    return out


def quotes_script() -> str:
    script = Path(sys.executable).with_name("quotes")
    assert script.exists(), "the quotes script is not installed in this environment (pip install -e .)"
    return str(script)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A folder with a copy of the bundled corpus, where the README's sessions run in order."""
    path = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "corpus", path / "corpus")
    return path


def _env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QUOTES_", "PYTEST_", "FORCE_COLOR"))}
    env.update(
        PATH=os.pathsep.join([str(Path(quotes_script()).parent), env.get("PATH", "")]),
        COLUMNS="100", LINES="50", TERM="dumb", NO_COLOR="1", HOME=str(workdir), LC_ALL="C.UTF-8",
    )  # fmt: skip
    return env


CONSOLE = blocks("console")


@pytest.mark.slow
def test_readme_shell_sessions_print_what_the_readme_shows(workdir) -> None:
    assert CONSOLE, "the README has no console sessions"
    env = _env(workdir)
    for body in CONSOLE:  # in order: later sessions use the database the first ones made
        for command, expected in sessions(body):
            proc = subprocess.run(
                ["bash", "-c", "exec 2>&1; " + command], cwd=workdir, env=env, capture_output=True,
                text=True, timeout=600,
            )  # fmt: skip
            got = [line.rstrip() for line in proc.stdout.splitlines()]
            assert got == expected, f"$ {command}\n" + "\n".join(got)


@pytest.mark.slow
def test_readme_python_sessions_run_and_print_what_they_show() -> None:
    sessions_ = blocks("pycon")
    assert sessions_, "the README has no Python sessions"
    pytest.importorskip("spacy")
    namespace: dict = {}  # the sessions follow each other, as in one interpreter
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for body in sessions_:
        test = doctest.DocTestParser().get_doctest(body, namespace, "README", str(README), 0)
        runner.run(test, out=report.append, clear_globs=False)
        namespace.update(test.globs)  # get_doctest works on a copy
    assert runner.failures == 0, "".join(report)


def _commands(body: str) -> list[list[str]]:
    """Each ``quotes ...`` command of a shell block, split into words (comments dropped)."""
    out = []
    for line in body.splitlines():
        line = line.split(" #", 1)[0].strip()
        for part in re.split(r"&&|;|\|", line):
            words = shlex.split(part, comments=True)
            if words and words[0] == "quotes":
                out.append([w for w in words if not w.startswith(">")])
    return out


def _help(args: list[str]) -> str:
    from typer.testing import CliRunner

    from quotes.cli import app

    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, (args, result.output)
    return result.output


SHELL_COMMANDS = [c for kind in ("sh", "console") for body in blocks(kind) for c in _commands(
    "\n".join(line[2:] if line.startswith("$ ") else ("" if kind == "console" else line) for line in body.splitlines())
)]


@pytest.mark.parametrize("words", SHELL_COMMANDS, ids=[" ".join(w)[:60] for w in SHELL_COMMANDS])
def test_readme_commands_name_real_commands_and_options(words) -> None:
    args = words[1:]
    path = []
    while args and not args[0].startswith("-") and args[0] in _subcommands(path):
        path.append(args.pop(0))
    assert path, f"not a quotes command: {' '.join(words)}"
    text = _help(path)
    for opt in (a.split("=", 1)[0] for a in args if a.startswith("-") and a != "-"):
        assert re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text), f"{' '.join(words)}: no option {opt}"


def _subcommands(path: list[str]) -> set[str]:
    import typer.main

    from quotes.cli import app

    group = typer.main.get_command(app)
    for name in path:
        group = group.commands[name]  # type: ignore[attr-defined]
    return set(getattr(group, "commands", {}))
