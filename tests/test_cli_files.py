"""Issue 15, "Files and terminals" on the command line: what `export -o` does to the file it is
given, what reaches the terminal, and option values that used to give tracebacks or wrong answers.
The store is filled through the CLI with a regex extractor injected through Services."""

from __future__ import annotations

import os
import re
import stat
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import Services, app
from quotes.records import Quote

runner = CliRunner()
QUOTE_RE = r"“[^”\n]*”"


def regex_extract(docs, **kwargs):
    for doc in docs:
        yield doc, [Quote(start=m.start(), end=m.end(), text=m.group(), kind="direct", speaker_name="Ann Lee", cue="said")
                    for m in re.finditer(QUOTE_RE, doc.text)]  # fmt: skip


FAKE = Services(extract=regex_extract, extractor_version="regex-1")


def run(*args: str):
    return runner.invoke(app, list(args), obj=FAKE, catch_exceptions=False)


def one_error_line(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("quotes: error:")]
    assert len(lines) == 1 and len(result.stderr.splitlines()) == 1, result.stderr
    return lines[0]


@pytest.fixture()
def db(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("“We will rebuild the bridge,” said Ann Lee.\n", encoding="utf-8")
    (folder / "b.txt").write_text("“The harbour opens in May,” said Ann Lee.\n", encoding="utf-8")
    path = tmp_path / "q.db"
    assert run("ingest", str(folder), "--db", str(path)).exit_code == 0
    return path


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


# ---- export -o ------------------------------------------------------------------------------------


def test_export_o_writes_through_a_symlink_instead_of_replacing_it(db, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = run("export", "--db", str(db), "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "We will rebuild the bridge" in target.read_text(encoding="utf-8")
    assert _temporaries(tmp_path) == []


def test_export_o_keeps_the_mode_of_a_0600_file(db, tmp_path):
    out = tmp_path / "private.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    assert run("export", "--db", str(db), "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "harbour" in out.read_text(encoding="utf-8")


def test_export_o_new_file_gets_the_usual_mode_not_0600(db, tmp_path):
    out = tmp_path / "new.csv"
    old = os.umask(0o022)
    try:
        assert run("export", "--db", str(db), "-o", str(out)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_export_o_to_a_fifo_writes_into_it_and_does_not_hang(db, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = run("export", "--db", str(db), "-o", str(fifo), "--format", "jsonl")
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO, not replaced by a file
    assert got and got[0].count("\n") == 2
    assert _temporaries(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making a device node needs root")
def test_export_o_to_a_device_node_writes_to_the_device_and_keeps_it(db, tmp_path):
    null = tmp_path / "null"  # a copy of /dev/null: a character device
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = run("export", "--db", str(db), "-o", str(null))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode)
    assert _temporaries(tmp_path) == []


def test_export_o_failure_removes_the_temporary_and_keeps_the_old_file(db, tmp_path, monkeypatch):
    out = tmp_path / "keep.csv"
    out.write_text("old contents\n", encoding="utf-8")
    import quotes.export

    calls = [0]
    real = quotes.export.csv_row

    def failing(sq):
        calls[0] += 1
        if calls[0] == 2:
            raise OSError(28, "No space left on device")
        return real(sq)

    monkeypatch.setattr(quotes.export, "csv_row", failing)
    line = one_error_line(run("export", "--db", str(db), "-o", str(out)), 1)
    assert "keep.csv: cannot write (No space left on device)" in line
    assert out.read_text(encoding="utf-8") == "old contents\n"
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("target, needle", [("", "empty file name"), (".", "is a folder"), ("/", "is a folder")])
def test_export_o_empty_dot_or_root_is_one_line_not_a_traceback(db, target, needle):
    assert needle in one_error_line(run("export", "--db", str(db), "-o", target), 2)


def test_corrections_export_o_goes_through_the_same_writer(db, tmp_path):
    assert "is a folder" in one_error_line(run("corrections", "export", "--db", str(db), "-o", str(tmp_path)), 2)


# ---- option values --------------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--outlet", "--role", "--speaker", "--contains"])
def test_fifty_thousand_character_filter_is_an_answer_not_a_traceback(db, option):
    result = run("list", "--db", str(db), option, "x" * 50_000, "--format", "jsonl")
    assert "Traceback" not in result.output and result.stdout == ""
    assert result.exit_code in (0, 1)  # 1: a --speaker that names no one in the store says so


@pytest.mark.parametrize("option", ["--outlet", "--role", "--contains", "--speaker"])
def test_invalid_utf8_byte_in_an_option_is_one_line_not_a_traceback(db, option):
    bad = b"Anadolu \xff".decode("utf-8", "surrogateescape")  # what Python makes of such an argv byte
    assert "not valid UTF-8" in one_error_line(run("list", "--db", str(db), option, bad), 2)


@pytest.mark.parametrize("option, value", [("--until", "٢٠٢٠"), ("--since", "２０２１"), ("--since", "2021-٠١")])
def test_unicode_digits_in_a_date_filter_are_a_usage_error(db, option, value):
    assert "is not a date" in one_error_line(run("list", "--db", str(db), option, value), 2)
    assert "is not a date" in one_error_line(run("recycled", "--db", str(db), option, value), 2)


@pytest.mark.parametrize("option", ["--speaker", "--outlet", "--role", "--since", "--until", "--contains"])
def test_an_empty_filter_is_a_usage_error_not_no_filter(db, option):
    assert "empty value" in one_error_line(run("list", "--db", str(db), option, ""), 2)
    assert "empty value" in one_error_line(run("export", "--db", str(db), option, "  "), 2)


def test_read_only_database_file_is_one_line_not_a_traceback(db, monkeypatch):
    # As root the file modes do not stop SQLite, so the error SQLite gives is raised where the
    # ingest first writes (storing the gazetteer's people), as it was in the audit.
    import sqlite3

    import quotes.store

    def readonly(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(quotes.store, "store_people", readonly)
    line = one_error_line(run("ingest", str(db.parent / "in"), "--db", str(db)), 1)
    assert line == "quotes: error: database error (attempt to write a readonly database)"


# ---- terminal output ------------------------------------------------------------------------------

HOSTILE = "“Stop \x1b]0;owned\x07here \x1b[2J now \u202edesrever\u202c end,” said Ann Lee.\n"


@pytest.fixture()
def hostile_db(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b[31mred.txt").write_text(HOSTILE, encoding="utf-8")
    path = tmp_path / "q.db"
    result = run("ingest", str(folder), "--db", str(path))
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("args", [["list"], ["show", "1"], ["articles"], ["speakers"], ["recycled", "--min-outlets", "1"]])
def test_escape_sequences_and_bidi_overrides_do_not_reach_the_terminal(hostile_db, args):
    result = run(*args, "--db", str(hostile_db))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert not set(result.stdout) & {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}


def test_machine_formats_keep_the_text_as_stored(hostile_db):
    import json

    result = run("list", "--db", str(hostile_db), "--format", "jsonl")
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert "\x1b[2J" in record["text"] and "\u202e" in record["text"]  # data, not terminal output


def test_terminal_safe_keeps_offsets():
    from quotes.cli.output import terminal_safe

    text = "a\x1b[31mb\u202ec\td\ne"
    assert len(terminal_safe(text)) == len(text)
    assert terminal_safe(text) == "a\ufffd[31mb\ufffdc\td\ne"


def test_evaluate_on_deeply_nested_json_is_one_line_not_a_traceback(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    line = one_error_line(run("evaluate", str(gold)), 1)
    assert "nested too deeply" in line


def test_store_date_check_rejects_unicode_digits():
    from quotes.errors import UsageError
    from quotes.store import check_date

    assert check_date("2021-03", "--since") == "2021-03"
    for value in ("٢٠٢٠", "２０２１", "2021-٠١"):
        with pytest.raises(UsageError):
            check_date(value, "--since")
