"""Issue 7 end to end through the real commands: every hostile input, huge input, odd quotation
marks, concurrent use and bad option gives one line naming the file (or option) and the reason,
the documented exit code (0 all went in, 1 some input skipped, 2 usage error), no traceback, and
the good documents of the same run are stored.

Fast tests replace the extractor with a regex (the store, readers and CLI are what is tested);
``slow`` tests run the real model, in subprocesses where memory is measured.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import Services, app, main
from quotes.records import Document, Quote

runner = CliRunner()
GOOD = "“We will rebuild the harbour bridge this year,” said Mayor Ana Petrova.\n"
QUOTE_RE = r"“[^”\n]*”|\"[^\"\n]*\""



def _default_sigint() -> None:
    """A child started from a background job inherits SIGINT ignored (POSIX shells do that when
    job control is off, as in CI); give the child the default handler so Ctrl-C can be tested."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)

def regex_extract(docs: Iterable[Document], **kwargs) -> Iterator[tuple[Document, list[Quote]]]:
    """Stand-in extractor: every “...” or "..." span is a direct quote."""
    for doc in docs:
        yield doc, [Quote(start=m.start(), end=m.end(), text=m.group(), kind="direct", cue="said")
                    for m in re.finditer(QUOTE_RE, doc.text)]  # fmt: skip


_injected: list[Services | None] = [None]


@pytest.fixture()
def fake():
    """The commands run with the regex extractor, injected through Services (no monkeypatching)."""
    _injected[0] = Services(extract=regex_extract, extractor_version="regex-1")
    yield _injected[0]
    _injected[0] = None


def run(*args: str, services: Services | None = None):
    return runner.invoke(app, list(args), obj=services or _injected[0], catch_exceptions=False)


def run_main(argv: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    """Run the installed entry point (``quotes.cli:main``) in-process: exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["quotes", *argv])
    with pytest.raises(SystemExit) as exc:
        main(services=_injected[0])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def stored_texts(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT text FROM articles ORDER BY id")]


def problem_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("quotes: ")]


# ---- hostile inputs --------------------------------------------------------------------------


def _jsonl_lines() -> bytes:
    lines = [
        json.dumps({"id": "ok-1", "text": "“We will open three schools,” said Tom Berg."}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "num", "text": 42}),
        json.dumps({"id": "null", "text": None}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok-2", "text": "“We will open four schools,” said Tom Berg."}),
    ]
    return ("\n".join(lines) + "\n").encode()


def _make_fifo(path: Path) -> None:
    os.mkfifo(path)


def _make_sparse(path: Path) -> None:
    """A file over the 64 MB limit that takes no disk space."""
    with path.open("wb") as fh:
        fh.truncate(65 * 2**20)


def _make_link_loop(path: Path) -> None:
    path.symlink_to(path.with_name("loop2"))
    path.with_name("loop2").symlink_to(path)


def _make_dir_cycle(path: Path) -> None:
    """A folder holding a link to itself: read once, the walk ends."""
    path.mkdir()
    (path / "a.txt").write_text("“We will stay,” said Ann Lee.", encoding="utf-8")
    (path / "up").symlink_to(path)


# (file name, how to make it, reasons printed (one per skipped item, with :line for JSONL),
#  exit code, texts stored besides good.txt)
HOSTILE: list[tuple[str, Callable[[Path], None], list[str], int, list[str]]] = [
    ("empty.txt", lambda p: p.write_bytes(b""), ["empty.txt: skipped: empty file"], 1, []),
    ("blank.txt", lambda p: p.write_bytes(b"\n \t\n"), ["blank.txt: skipped: empty file"], 1, []),
    ("image.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
     ["image.txt: skipped: binary file"], 1, []),
    ("nul.txt", lambda p: p.write_bytes(b'"We will go," she said.\x00 More text.'),
     ["nul.txt: skipped: binary file (contains NUL bytes)"], 1, []),
    ("latin1.txt", lambda p: p.write_bytes("“Le café est fermé,” a dit le maire.".encode("cp1252")),
     ["latin1.txt: warning: not UTF-8; decoded as Windows-1252"], 0, ["“Le café est fermé,” a dit le maire."]),
    ("broken.txt", lambda p: p.write_bytes("“Größe zählt,” said Jürgen Müller.".encode() + b" \xff end."),
     ["broken.txt: warning: invalid UTF-8: 1 byte replaced"], 0, ["“Größe zählt,” said Jürgen Müller. \ufffd end."]),
    ("lines.jsonl", lambda p: p.write_bytes(_jsonl_lines()),
     ["lines.jsonl:2: skipped: invalid JSON", 'lines.jsonl:3: skipped: record has no "text" field',
      'lines.jsonl:4: skipped: "text" is not a string (got number)',
      'lines.jsonl:5: skipped: "text" is not a string (got null)',
      "lines.jsonl:6: skipped: expected a JSON object, got array"],
     1, ["“We will open three schools,” said Tom Berg.", "“We will open four schools,” said Tom Berg."]),
    ("damaged.jsonl.gz", lambda p: p.write_bytes(gzip.compress(_jsonl_lines().split(b"\n")[0] + b"\n" * 20000)[:-12]),
     ["damaged.jsonl.gz: skipped: damaged gzip data"], 1, ["“We will open three schools,” said Tom Berg."]),
    ("page.json", lambda p: p.write_text('{"text": "x"}'), ["page.json: skipped: a .json file is not read"], 1, []),
    ("empty.html", lambda p: p.write_text("<html><body></body></html>"),
     ["empty.html: skipped: no article text found"], 1, []),
    ("fake.warc", lambda p: p.write_bytes(b"GET / HTTP/1.1\r\n\r\n"), ["fake.warc: skipped: not a valid WARC archive"], 1, []),
    ("pipe.txt", _make_fifo, ["pipe.txt: skipped: not a regular file"], 1, []),
    ("huge.txt", _make_sparse,
     ["huge.txt: skipped: file too large for one article"], 1, []),
    ("loop", _make_link_loop,
     ["loop: skipped: symbolic link loop", "loop2: skipped: symbolic link loop"], 1, []),
    ("dangling.txt", lambda p: p.symlink_to(p.with_name("gone.txt")),
     ["dangling.txt: skipped: no such file or directory"], 1, []),
    ("cycle", _make_dir_cycle, [], 0, ["“We will stay,” said Ann Lee."]),
]  # fmt: skip


@pytest.mark.parametrize("cmd", ["ingest", "extract"])
@pytest.mark.parametrize(("name", "make", "reasons", "code", "texts"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_is_reported_and_the_good_documents_go_in(fake, tmp_path, cmd, name, make, reasons, code, texts):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    make(folder / name)
    db = tmp_path / "q.db"
    result = run(cmd, str(folder), *(["--db", str(db)] if cmd == "ingest" else []))
    assert "Traceback" not in result.output
    assert result.exit_code == code, result.output
    lines = problem_lines(result.stderr)
    for reason in reasons:  # each problem is one line naming the file (and line) and the reason
        assert sum(ln.startswith(f"quotes: {folder}/{reason}") for ln in lines) == 1, lines
    assert len(lines) == len(reasons), lines
    if cmd == "ingest":
        assert sorted(stored_texts(db)) == sorted([GOOD, *texts])
        assert f"{1 + len(texts)} new," in result.stdout
    else:
        found = [json.loads(x) for x in result.stdout.splitlines()]
        assert len(found) == 1 + sum(len(re.findall(QUOTE_RE, t)) for t in texts)
        assert "“We will rebuild the harbour bridge this year,”" in {r["text"] for r in found}


def _jsonl_with_a_binary_line(good: int) -> bytes:
    lines = [json.dumps({"id": f"g{i}", "text": f"“We will build {i} roads,” said Ann Lee."}).encode() for i in range(good)]
    return b"\n".join(lines[:-1] + [b"\x00\x01\x02garbage \xff", lines[-1]]) + b"\n"


@pytest.mark.parametrize("good", [3, 150])  # the binary line within the first 8 KB that are sniffed, or after
def test_binary_line_in_jsonl_on_stdin_is_skipped_alone(fake, tmp_path, good):
    db = tmp_path / "q.db"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db)], input=_jsonl_with_a_binary_line(good), catch_exceptions=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert problem_lines(result.stderr) == [f"quotes: <stdin>:{good}: skipped: binary file (contains NUL bytes)"]
    assert len(stored_texts(db)) == good


def test_binary_line_late_in_a_jsonl_file_is_skipped_alone(fake, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(_jsonl_with_a_binary_line(150))  # past the sniffed head: read line by line
    db = tmp_path / "q.db"
    result = run("ingest", str(path), "--db", str(db))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert problem_lines(result.stderr) == [f"quotes: {path}:150: skipped: binary file (contains NUL bytes)"]
    assert len(stored_texts(db)) == 150


@pytest.mark.parametrize("cmd", ["ingest", "extract"])
def test_undecodable_file_names_and_json_escapes(fake, tmp_path, cmd):
    """Lone surrogates (a Latin-1 file name, a JSON "\\ud800") cannot go to SQLite or UTF-8 output."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD, encoding="utf-8")
    (folder / "odd.jsonl").write_text(
        '{"id": "x\\ud800", "title": "t\\udfff", "extra": ["e\\ud800"], "text": "\\u201cWe will go,\\u201d said Ann Lee."}\n'
    )
    db = tmp_path / "q.db"
    result = run(cmd, str(folder), *(["--db", str(db)] if cmd == "ingest" else []))
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    if cmd == "ingest":
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT doc_id, title, meta FROM articles ORDER BY doc_id").fetchall()
        assert [r[:2] for r in rows] == [("caf\ufffd", None), ("x\ufffd", "t\ufffd")]
        assert json.loads(rows[1][2])["extra"] == ["e\ufffd"]
    else:
        assert sorted(json.loads(x)["doc_id"] for x in result.stdout.splitlines()) == ["caf\ufffd", "x\ufffd"]


def test_paths_that_do_not_exist_are_named(fake, tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "q.db"
    missing = tmp_path / "no" / "such.txt"
    result = run("ingest", str(missing), str(tmp_path / "good.txt"), "", "--db", str(db))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert problem_lines(result.stderr) == [f"quotes: {missing}: skipped: no such file or directory",
                                            "quotes: '': skipped: empty path"]  # fmt: skip
    assert stored_texts(db) == [GOOD]


def test_unreadable_file_is_named(fake, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = folder / "locked.txt"
    locked.write_text("“Secret,” said Ann.", encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it would for a user
        from quotes.ingest import sources

        real = sources.read_bytes

        def denied(path: Path, *limit: int) -> bytes:
            if path.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *limit)

        monkeypatch.setattr(sources, "read_bytes", denied)
    db = tmp_path / "q.db"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert problem_lines(result.stderr) == [f"quotes: {locked}: skipped: permission denied"]
    assert stored_texts(db) == [GOOD]


@pytest.mark.slow  # subprocesses or 10,000 files: tens of seconds (still run in CI)
def test_ten_thousand_tiny_files(fake, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_text(f"“We will open school number {i},” said Tom Berg.\n", encoding="utf-8")
    db = tmp_path / "q.db"
    result = run("ingest", str(folder), "--db", str(db), "--batch-size", "500")
    assert result.exit_code == 0, result.output
    assert "10000 articles: 10000 new" in result.stdout and "10000 quotes stored" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(DISTINCT content_hash), COUNT(*) FROM articles").fetchone() == (10_000, 10_000)
    again = run("ingest", str(folder), "--db", str(db), "--batch-size", "500")
    assert "10000 unchanged" in again.stdout and again.exit_code == 0


def test_database_error_mid_ingest_keeps_the_committed_batches(fake, tmp_path, monkeypatch):
    """A write that SQLite refuses (here: a full disk) ends the run with the summary and one line."""
    import quotes.store.writer

    real = quotes.store.writer._insert_quotes
    calls = [0]

    def full_disk(*args, **kwargs):
        calls[0] += 1
        if calls[0] > 4:
            raise sqlite3.OperationalError("database or disk is full")
        return real(*args, **kwargs)

    monkeypatch.setattr(quotes.store.writer, "_insert_quotes", full_disk)
    for i in range(10):
        (tmp_path / f"d{i}.txt").write_text(f"“We will open school {i},” said Tom Berg.\n", encoding="utf-8")
    db = tmp_path / "db" / "q.db"
    db.parent.mkdir()
    result = run("ingest", str(tmp_path), "--db", str(db), "--batch-size", "2")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "4 new" in result.stdout  # two whole batches
    assert problem_lines(result.stderr) == [
        "quotes: error: database error (database or disk is full); committed batches are kept, run the same command again to finish"
    ]
    assert len(stored_texts(db)) == 4
    monkeypatch.setattr(quotes.store.writer, "_insert_quotes", real)
    again = run("ingest", str(tmp_path), "--db", str(db), "--batch-size", "2")
    assert again.exit_code == 0 and "6 new, 4 unchanged" in again.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_dedup_output_survives_surrogate_escapes(fmt):
    records = '{"id": 1, "text": "\\ud800 we will stay the course"}\n{"id": 2, "text": "we will stay the course"}\n'
    result = runner.invoke(app, ["dedup", "-", "--format", fmt], input=records)
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    assert "\ufffd we will stay the course" in result.stdout


# ---- bad options: one line from the real entry point ---------------------------------------------


@pytest.fixture()
def small_db(fake, tmp_path) -> Path:
    db = tmp_path / "q.db"
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert run("ingest", str(tmp_path / "good.txt"), "--db", str(db)).exit_code == 0
    return db


BAD_YAML = "people:\n  - id: ana-petrova\n    name: [Ana\n"
WRONG_TYPE_YAML = "people:\n  - id: ana-petrova\n    name: Ana Petrova\n    aliases: 5\n"

BAD_OPTIONS = [
    (["list", "--format", "nope"], 2, "'nope' is not one of"),
    (["export", "--format", "nope"], 2, "'nope' is not one of"),
    (["list", "--kind", "bogus"], 2, "--kind"),
    (["list", "--bogus"], 2, "No such option: --bogus"),
    (["list", "--limit", "-1"], 2, "--limit"),
    (["list", "--since", "notadate"], 2, "--since: 'notadate' is not a date"),
    (["export", "--until", "2020-02-30"], 2, "--until: '2020-02-30' is not a date"),
    (["list", "--db", "/nonexistent/dir/x.db"], 2, "/nonexistent/dir/x.db: no such database"),
    (["ingest", "{good}", "--db", "/nonexistent/dir/x.db"], 2, "/nonexistent/dir/x.db: folder /nonexistent/dir does not exist"),
    (["show", "999999"], 1, "no quote with id 999999"),
    (["show", "99999999999999999999999"], 1, "no quote with id 99999999999999999999999"),  # beyond SQLite's integers
    (["show", "abc"], 2, "'ID'"),
    (["show"], 2, "Missing argument 'ID'"),
    (["list", "--speaker", "Petrova", "--gazetteer", "{missing}"], 2, "{missing}: no such gazetteer file"),
    (["list", "--gazetteer", "{missing}"], 2, "{missing}: no such gazetteer file"),
    (["export", "--role", "mayor", "--gazetteer", "{missing}"], 2, "{missing}: no such gazetteer file"),
    (["ingest", "{good}", "--gazetteer", "{missing}"], 2, "{missing}: no such gazetteer file"),
    (["extract", "{good}", "--gazetteer", "{missing}"], 2, "{missing}: no such gazetteer file"),
    (["list", "--speaker", "Petrova", "--gazetteer", "{bad}"], 2, "{bad}:4: yaml: not valid YAML"),
    (["ingest", "{good}", "--gazetteer", "{wrong}"], 2, "{wrong}:4: people[ana-petrova].aliases: expected a list"),
    (["gazetteer", "resolve", "Ana", "--gazetteer", "{bad}"], 2, "{bad}:4: yaml"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "code", "needle"), BAD_OPTIONS, ids=[" ".join(a[:3]) for a, _, _ in BAD_OPTIONS])
def test_bad_options_are_one_line(small_db, tmp_path, capsys, monkeypatch, argv, code, needle):
    names = {"good": str(tmp_path / "good.txt"), "missing": str(tmp_path / "missing.yaml"),
             "bad": str(tmp_path / "bad.yaml"), "wrong": str(tmp_path / "wrong.yaml")}  # fmt: skip
    (tmp_path / "bad.yaml").write_text(BAD_YAML, encoding="utf-8")
    (tmp_path / "wrong.yaml").write_text(WRONG_TYPE_YAML, encoding="utf-8")
    before = stored_texts(small_db)
    argv = [a.format(**names) for a in argv]
    if "--db" not in argv:
        argv += [] if argv[0] in ("extract", "gazetteer") else ["--db", str(small_db)]
    got, out, err = run_main(argv, capsys, monkeypatch)
    assert got == code, err
    assert "Traceback" not in out + err
    errors = [ln for ln in err.splitlines() if ln.strip()]
    assert len(errors) == 1 and errors[0].startswith("quotes: error: "), err
    assert needle.format(**names) in errors[0]
    assert stored_texts(small_db) == before  # a refused command changes nothing


@pytest.mark.parametrize("cmd", ["list", "export"])
def test_limit_beyond_sqlite_integers_means_all(small_db, cmd):
    every = run(cmd, "--db", str(small_db), "--format", "jsonl", "--limit", "0")
    huge = run(cmd, "--db", str(small_db), "--format", "jsonl", "--limit", str(2**70))
    assert huge.exit_code == 0, huge.output
    assert huge.stdout == every.stdout and every.stdout


@pytest.mark.parametrize("target", ["q.db", "q.db-wal", "other.db"])
def test_export_never_overwrites_a_database(small_db, capsys, monkeypatch, target):
    other = small_db.with_name("other.db")
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    before = stored_texts(small_db)
    out = small_db.with_name(target)
    code, _, err = run_main(["export", "--db", str(small_db), "-o", str(out)], capsys, monkeypatch)
    assert code == 2 and err.strip() == f"quotes: error: {out}: is a SQLite database; refusing to overwrite it with an export"
    assert stored_texts(small_db) == before
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]


@pytest.mark.parametrize("cmd", [["list"], ["ingest", "{good}"], ["export"], ["speakers"]])
def test_another_programs_database_is_left_alone(tmp_path, capsys, monkeypatch, cmd):
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('ann')")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    argv = [a.format(good=tmp_path / "good.txt") for a in cmd] + ["--db", str(other)]
    code, out, err = run_main(argv, capsys, monkeypatch)
    assert code == 2 and "Traceback" not in out + err
    assert err.strip() == f"quotes: error: {other}: not a quotes database (it holds other tables: users); pass another --db"
    with sqlite3.connect(other) as conn:  # no tables added, journal mode untouched
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["users"]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "{path}:1: file: no such gazetteer file"),
        (BAD_YAML, "{path}:4: yaml: not valid YAML"),
        (WRONG_TYPE_YAML, "{path}:4: people[ana-petrova].aliases: expected a list of strings"),
        ("- just\n- a list\n", "{path}:1: top level: expected a mapping"),
        (b"\xff\xfe\x00bin", "{path}:1: file: not UTF-8 text"),
    ],
)
def test_gazetteer_check_names_file_line_and_field(tmp_path, capsys, monkeypatch, content, expected):
    path = tmp_path / "user.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run_main(["gazetteer", "check", str(path)], capsys, monkeypatch)
    assert code == 2 and "Traceback" not in out + err
    lines = out.splitlines()
    assert lines and all(ln.startswith(f"{path}:") for ln in lines), out  # FILE:LINE: field: message
    assert lines[0].startswith(expected.format(path=path)), out
    assert err.strip().endswith("found")


def test_usage_error_exit_codes_through_the_entry_point(small_db, capsys, monkeypatch):
    """Exits that commands raise themselves survive the entry point unchanged."""
    assert run_main(["gazetteer", "resolve", "Nobody Atall Xyz"], capsys, monkeypatch)[0] == 1
    assert run_main(["list", "--db", str(small_db), "--format", "jsonl"], capsys, monkeypatch)[0] == 0
    code, out, _ = run_main(["--version"], capsys, monkeypatch)
    assert code == 0 and out.startswith("quotes ")


# ---- roles --------------------------------------------------------------------------------


ROLE_QUOTES = [  # (speaker, role as printed, title, organization)
    ("Vladimir Putin", "Russian President", "President", "Russia"),
    ("Ilham Aliyev", "Azerbaijani President", "President", "Azerbaijan"),
    ("Nikol Pashinyan", "Armenian Prime Minister", "Prime Minister", "Armenia"),
    ("Jens Stoltenberg", "NATO Secretary-General", "Secretary-General", "NATO"),
]


@pytest.fixture()
def role_db(tmp_path) -> Path:
    def extract(docs, **kwargs):
        for doc in docs:
            who, role, title, org = ROLE_QUOTES[int(doc.id[-1])]
            m = re.search(QUOTE_RE, doc.text)
            yield doc, [Quote(start=m.start(), end=m.end(), text=m.group(), kind="direct", speaker_name=who,
                              role=role, role_normalized=title, organization=org)]  # fmt: skip

    for i, (who, role, _, _) in enumerate(ROLE_QUOTES):
        (tmp_path / f"doc{i}.txt").write_text(f"“We have a plan number {i},” said the {role}, {who}.\n", encoding="utf-8")
    db = tmp_path / "q.db"
    assert run("ingest", str(tmp_path), "--db", str(db), services=Services(extract=extract)).exit_code == 0
    return db


@pytest.mark.parametrize(
    ("role", "speakers"),
    [
        ("Russian President", {"Vladimir Putin"}),  # the title and its country, not every president
        ("president", {"Vladimir Putin", "Ilham Aliyev"}),
        ("premier", {"Nikol Pashinyan"}),  # matched through the normalized title only
        ("NATO chief", {"Jens Stoltenberg"}),
        ("Secretary-General", {"Jens Stoltenberg"}),
        ("dentist", set()),
    ],
)
def test_list_role_uses_the_normalized_title(role_db, role, speakers):
    result = run("list", "--role", role, "--db", str(role_db), "--format", "jsonl", "--limit", "0")
    assert result.exit_code == 0, result.output
    assert {json.loads(x)["speaker_name"] for x in result.stdout.splitlines()} == speakers


# ---- concurrency: real `quotes` processes on one database -------------------------------------

# The real CLI in a subprocess with the regex extractor, slowed so that two runs overlap.
_SLOW_FAKE = f"""
import re, sys, time
from quotes.cli import Services, main
from quotes.records import Quote
def extract_documents(docs, **kwargs):
    for doc in docs:
        time.sleep(0.02)
        yield doc, [Quote(start=m.start(), end=m.end(), text=m.group(), kind="direct")
                    for m in re.finditer({QUOTE_RE!r}, doc.text)]
main(services=Services(extract=extract_documents, extractor_version="regex-1"))
"""


def _quotes_proc(*args: str) -> list[str]:
    return [sys.executable, "-c", _SLOW_FAKE, *args]


def _jsonl(path: Path, ids: range) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in ids:
            fh.write(json.dumps({"id": f"d{i}", "text": f"“We will build {i} houses,” said Tom Berg. “And {i} roads.”"}) + "\n")
    return path


@pytest.mark.slow  # subprocesses or 10,000 files: tens of seconds (still run in CI)
def test_list_works_while_an_ingest_writes(tmp_path):
    db = tmp_path / "q.db"
    docs = _jsonl(tmp_path / "docs.jsonl", range(150))
    env = os.environ | {"QUOTES_DB": ""}
    proc = subprocess.Popen(_quotes_proc("ingest", str(docs), "--db", str(db), "--batch-size", "5"), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    seen: list[int] = []
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if db.exists():
            result = run("list", "--db", str(db), "--format", "jsonl", "--limit", "0")
            assert result.exit_code == 0, result.output
            records = [json.loads(x) for x in result.stdout.splitlines()]
            assert len(records) % 2 == 0  # whole articles only: each has two quotes
            seen.append(len(records))
        time.sleep(0.05)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert seen == sorted(seen) and any(0 < n < 300 for n in seen), seen  # read mid-ingest, never going back
    assert "150 new" in out


@pytest.mark.slow  # subprocesses or 10,000 files: tens of seconds (still run in CI)
def test_two_ingests_into_one_database(tmp_path):
    db = tmp_path / "q.db"
    a = _jsonl(tmp_path / "a.jsonl", range(0, 80))
    b = _jsonl(tmp_path / "b.jsonl", range(40, 120))  # 40 articles in both
    env = os.environ | {"QUOTES_DB": ""}
    procs = [subprocess.Popen(_quotes_proc("ingest", str(f), "--db", str(db), "--batch-size", "4"), env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in (a, b)]  # fmt: skip
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    new = [int(re.search(r"(\d+) new", out).group(1)) for out, _ in outs]
    unchanged = [int(re.search(r"(\d+) unchanged", out).group(1)) for out, _ in outs]
    assert sum(new) == 120 and sum(unchanged) == 40
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles").fetchone() == (120, 120)
        assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT quote_hash) FROM quotes").fetchone() == (240, 240)


# ---- exports of hostile quote text through the CLI ------------------------------------------------


def test_export_csv_round_trips_and_defuses_hostile_quotes(tmp_path):
    def inner(docs, **kwargs):  # the words between the marks, so a quote can start with "="
        for doc in docs:
            yield doc, [Quote(start=m.start() + 1, end=m.end() - 1, text=m.group()[1:-1], kind="direct")
                        for m in re.finditer(QUOTE_RE, doc.text)]  # fmt: skip

    quoted = ['=HYPERLINK("http://x","click")', "+1, -2, @3; all, of, them", "-minus first", "@SUM(A1)",
              "Привет, мир — 你好", 'He said ""no"", twice', "'already quoted", "\tTab first"]  # fmt: skip
    for i, q in enumerate(quoted):
        (tmp_path / f"d{i}.txt").write_text(f"“{q}” said Ann.\n", encoding="utf-8")
    db, out = tmp_path / "q.db", tmp_path / "out.csv"
    assert run("ingest", str(tmp_path), "--db", str(db), services=Services(extract=inner)).exit_code == 0
    result = run("export", "--db", str(db), "-o", str(out))
    assert result.exit_code == 0, result.output
    import csv

    from quotes.export import read_csv

    raw = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    risky = {r["text"] for r in raw if r["text"][:1] in "=+-@\t\r"}
    assert not risky  # no cell a spreadsheet would run
    assert {r["text"] for r in raw if r["text"].startswith("'")} == {"'" + q for q in quoted if q[0] in "=+-@'\t"}
    assert sorted(r["text"] for r in read_csv(out.read_text(encoding="utf-8"))) == sorted(quoted)


# ---- the real model: huge inputs, odd quotation marks -----------------------------------------

_MEASURED = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(proc.stdout)
sys.stderr.write(proc.stderr)
print(f"MAXRSS_MB={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024}", file=sys.stderr)
sys.exit(proc.returncode)
"""


def _measured_quotes(*args: str, timeout: int = 900) -> tuple[subprocess.CompletedProcess, int]:
    """Run the real ``quotes`` in a child process; its result and its peak memory in MB."""
    cmd = [sys.executable, "-c", _MEASURED, sys.executable, "-c", "from quotes.cli import main; main()", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=os.environ | {"QUOTES_DB": ""})
    peak = int(re.search(r"MAXRSS_MB=(\d+)", proc.stderr).group(1))
    return proc, peak


def _check_records(text: str, records: list[dict]) -> None:
    """Offsets index the original text; quotes of one kind do not overlap."""
    for r in records:
        assert 0 <= r["start"] <= r["end"] <= len(text)
        assert text[r["start"] : r["end"]] == r["text"]
    for kind in {r["kind"] for r in records}:
        spans = sorted((r["start"], r["end"]) for r in records if r["kind"] == kind)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), kind


def _numbered_quote(i: int) -> str:
    return f"“We will build {i} new bridges before the winter comes,” said Ana Petrova, the city planner."


# Article bodies that cost the parser little: a long data table, as pasted into some articles.
_TABLE_ROW = " ".join(f"0x{n:016x}{'ab' * 20}" for n in range(60))


@pytest.mark.slow
def test_three_megabyte_article_through_extract(tmp_path):
    """A 3 MB article: parsed in pieces, quotes found at its start, middle and end with offsets
    into the whole text, memory bounded. The bulk is a pasted table (few tokens per MB) so the
    test stays fast; the quote paragraphs sit next to the 100k-character piece boundaries."""
    parts, i = [], 0
    while sum(map(len, parts)) < 3_000_000:
        parts.append(_numbered_quote(i) if i % 20 == 0 else _TABLE_ROW)
        i += 1
    text = "\n\n".join(parts) + "\n"
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    assert len(path.read_bytes()) > 3_000_000
    proc, peak = _measured_quotes("extract", str(path))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    _check_records(text, records)
    direct = {r["text"] for r in records if r["kind"] == "direct"}
    expected = {m.group() for m in re.finditer(r"“[^”]*”", text)}
    assert len(direct & expected) >= 0.95 * len(expected)
    assert max(r["start"] for r in records) > 2_900_000  # the last pieces were read, offsets shifted
    assert peak < 3000, f"peak memory {peak} MB"


@pytest.mark.slow
def test_paragraph_of_200k_characters_through_ingest(tmp_path):
    """One 200k-character paragraph (no line break to cut at) goes in whole with right offsets."""
    sentences, i = [], 0
    while sum(map(len, sentences)) + len(sentences) < 200_000:
        sentences.append(_numbered_quote(i) if i % 4 == 0 else f"The council met on day {i} to discuss item {i}.")
        i += 1
    text = " ".join(sentences)
    assert "\n" not in text and len(text) >= 200_000
    path = tmp_path / "para.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "q.db"
    proc, peak = _measured_quotes("ingest", str(path), "--db", str(db))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert "1 new" in proc.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT text FROM articles").fetchone()[0] == text
        rows = conn.execute("SELECT start_char AS start, end_char AS end, text, kind FROM quotes").fetchall()
    records = [dict(zip(("start", "end", "text", "kind"), r)) for r in rows]
    _check_records(text, records)
    expected = {_numbered_quote(k).split(" said")[0] for k in range(0, i, 4)}
    assert len(expected & {r["text"] for r in records}) >= 0.95 * len(expected)
    assert peak < 3000, f"peak memory {peak} MB"


@pytest.mark.slow
def test_a_few_hundred_tiny_files_with_the_model(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(300):
        (folder / f"{k:03d}.txt").write_text(_numbered_quote(k) + "\n", encoding="utf-8")
    db = tmp_path / "q.db"
    proc, _ = _measured_quotes("ingest", str(folder), "--db", str(db), "--batch-size", "64")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "300 articles: 300 new" in proc.stdout
    with sqlite3.connect(db) as conn:
        speakers = conn.execute("SELECT speaker_name, COUNT(*) FROM quotes WHERE kind = 'direct' GROUP BY 1").fetchall()
    assert speakers == [("Ana Petrova", 300)]


# (text, direct quotes that must be found exactly); every case must not crash, must index the text
# and must not produce overlapping quotes of one kind.
MARKS = {
    "unbalanced_open": ('The mayor said "we will rebuild the old bridge and then she left the podium.', None),
    "unbalanced_close": ('The mayor said we will rebuild the old bridge" and then she left the podium.', set()),
    "stray_inch": ('The pipe was 5" wide. "We will replace every pipe in the city," said Mayor Ana Petrova.',
                   {'"We will replace every pipe in the city,"'}),
    "nested": ("“He told me ‘never again’ and I believed him,” said Ana Petrova, the mayor.",
               {"“He told me ‘never again’ and I believed him,”"}),
    "nested_same": ('"He told me "never again" and I believed him," said Ana Petrova, the mayor.', None),
    "mismatched": ('“We will replace every pipe in the city," said Mayor Ana Petrova.',
                   {'“We will replace every pipe in the city,"'}),
    "stray_close": ("“We will replace every pipe,” said Ana Petrova. ” And then nothing.", {"“We will replace every pipe,”"}),
    "only_marks": ("\"\"\"\"\"\" “““ ””” ‘’‘’ «» »« '''", set()),
    "empty_quotes": ('She said "" and then “” and left.', set()),
    "apostrophes": ("It's the mayor's plan, and the residents' view is that it won't work, said Tom.", set()),
    "guillemets": ("«We will rebuild it», said Ana Petrova.", {"«We will rebuild it»"}),
    "mark_at_end": ('Ana Petrova said: "', set()),
    "mark_at_start": ('" said Ana Petrova.', None),
}  # fmt: skip


@pytest.mark.slow
def test_odd_quotation_marks_through_extract(tmp_path):
    path = tmp_path / "marks.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, (t, _) in MARKS.items()), encoding="utf-8")
    proc, _ = _measured_quotes("extract", str(path))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    for doc_id, (text, direct) in MARKS.items():
        mine = [r for r in records if r["doc_id"] == doc_id]
        _check_records(text, mine)
        if direct is not None:
            assert {r["text"] for r in mine if r["kind"] == "direct"} == direct, (doc_id, mine)


def _news_text(chars: int) -> str:
    """Plain news-like paragraphs (a quote and two sentences each) of about ``chars`` characters."""
    paras, i = [], 0
    while sum(map(len, paras)) + 2 * len(paras) < chars:
        paras.append(f"The council met again on day {i} to discuss the harbour plan. {_numbered_quote(i)} "
                     f"Officials said the budget for item {i} would be published later.")  # fmt: skip
        i += 1
    return "\n\n".join(paras) + "\n"


@pytest.mark.slow
def test_memory_does_not_grow_with_article_length(tmp_path):
    """Peak memory for a 400k-character article stays near that of a 100k one (pieces parsed in turn)."""
    peaks = {}
    for chars in (100_000, 400_000):
        text = _news_text(chars)
        path = tmp_path / f"news{chars}.txt"
        path.write_text(text, encoding="utf-8")
        proc, peaks[chars] = _measured_quotes("extract", str(path))
        assert proc.returncode == 0, proc.stderr[-2000:]
        _check_records(text, [json.loads(x) for x in proc.stdout.splitlines()])
    assert peaks[400_000] < 1.5 * peaks[100_000], peaks


@pytest.mark.slow
def test_ctrl_c_during_extract_is_one_line_and_whole_records(tmp_path):
    import signal

    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{k}", "text": _news_text(60_000)}) + "\n" for k in range(8)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", "from quotes.cli import main; main()", "extract", str(path)], preexec_fn=_default_sigint,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=os.environ | {"PYTHONUNBUFFERED": "1"})  # fmt: skip
    first = proc.stdout.readline()  # the extractor is running: interrupt it mid-stream
    proc.send_signal(signal.SIGINT)
    # Read the rest through the same buffered reader: communicate() would read the pipe's file
    # descriptor and lose what readline() had already buffered (a record's first bytes; the
    # cause of the 2-in-8 failures, not the command).
    out = proc.stdout.read()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert proc.returncode == 130, err
    assert err.splitlines() == ["quotes: error: interrupted"]
    records = [json.loads(x) for x in [first, *out.splitlines()]]  # every printed line is a whole record
    assert records and len({r["doc_id"] for r in records}) < 8
