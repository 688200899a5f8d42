"""The data commands through typer's CliRunner (database in tmp_path); slow tests run the real
extractor, and one kills a real `quotes ingest` with SIGKILL and checks the re-run completes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import Services, app
from quotes.records import Quote

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
runner = CliRunner()



def _default_sigint() -> None:
    """A child started from a background job inherits SIGINT ignored (POSIX shells do that when
    job control is off, as in CI); give the child the default handler so Ctrl-C can be tested."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)

def fake_extract_documents(docs, **kwargs):
    """Every “...” or "..." span is a direct quote; Stoltenberg speaks when the article names him."""
    for doc in docs:
        who = "Jens Stoltenberg" if "Stoltenberg" in doc.text else None
        how, sure = ("article", 0.9) if who else ("unattributed", 0.0)
        quotes = [
            Quote(start=m.start(), end=m.end(), text=m.group(), kind="direct", speaker_name=who, cue="said",
                  resolved_by=how, confidence=sure)
            for m in re.finditer(r"“[^”\n]*”|\"[^\"\n]*\"", doc.text)
        ]
        yield doc, quotes


FAKE = Services(extract=fake_extract_documents, extractor_version="fake-1")
_injected: list[Services | None] = [None]


@pytest.fixture()
def fake():
    """The commands run with the regex extractor, injected through Services (no monkeypatching)."""
    _injected[0] = FAKE
    yield FAKE
    _injected[0] = None


def run(*args: str, input: str | None = None, services: Services | None = None):
    return runner.invoke(app, list(args), input=input, obj=services or _injected[0], catch_exceptions=False)


def one_error_line(result, code: int) -> str:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("quotes: error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture()
def ingested(fake, db_path):
    result = run("ingest", str(CORPUS))
    assert result.exit_code == 0, result.output
    return db_path


def test_missing_reader_library_stops_with_one_line_naming_the_package(fake, db_path, tmp_path, block_import, lxml_clean_missing):
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text("<html><body><p>The minister said so.</p></body></html>")
    block_import("trafilatura", lxml_clean_missing)
    for command in ("extract", "ingest"):
        result = run(command, str(tmp_path))
        line = one_error_line(result, 2)
        assert "lxml_html_clean" in line and "could not read" not in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_max_record_mb_skips_a_record_over_the_limit_and_reads_the_rest(fake, db_path, tmp_path, command):
    path = tmp_path / "docs.jsonl"
    big = json.dumps({"id": "big", "text": "“Yes,” said Jens Stoltenberg. " + "x" * 2**21})
    path.write_text(big + "\n" + json.dumps({"id": "small", "text": "“No,” said Jens Stoltenberg."}) + "\n")
    small_only = run(command, str(path), "--max-record-mb", "1")
    assert small_only.exit_code == 1, small_only.output
    assert small_only.stderr.splitlines() == [
        f"quotes: {path}:1: skipped: line longer than 1 MB, the limit for one record (--max-record-mb)"
    ]
    both = run(command, str(path), "--max-record-mb", "3")
    assert both.exit_code == 0 and both.stderr == "", both.output
    if command == "extract":
        assert [json.loads(x)["doc_id"] for x in small_only.stdout.splitlines()] == ["small"]
        assert [json.loads(x)["doc_id"] for x in both.stdout.splitlines()] == ["big", "small"]
    else:
        assert "1 articles: 1 new" in small_only.stdout and "2 articles: 1 new, 1 unchanged" in both.stdout


def test_symlink_out_of_the_tree_is_reported_and_followed_with_follow_symlinks(fake, db_path, tmp_path):
    root, outside = tmp_path / "in", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "a.txt").write_text("“Yes,” said Jens Stoltenberg.\n")
    (outside / "b.txt").write_text("“No,” said Jens Stoltenberg.\n")
    (root / "b.txt").symlink_to(outside / "b.txt")
    result = run("ingest", str(root))
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"quotes: {root / 'b.txt'}: skipped: symbolic link to {outside / 'b.txt'}, outside {root}: not followed (--follow-symlinks follows it)"
    ]
    assert "1 articles: 1 new" in result.stdout
    asked = run("ingest", str(root), "--follow-symlinks")
    assert asked.exit_code == 0 and asked.stderr == "", asked.output
    assert "2 articles: 1 new, 1 unchanged" in asked.stdout


def test_truncated_warc_exits_1_and_keeps_the_pages_before(fake, db_path, tmp_path, monkeypatch, warc_pages):
    from quotes.ingest import warc

    monkeypatch.setattr(warc, "html_fields", lambda body, url: ("“Yes,” said Jens Stoltenberg, page " + url, {}, {}))
    full = tmp_path / "full.warc.gz"
    ends, _ = warc_pages(full, 3, gz=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(full.read_bytes()[: ends[1] + 40])  # inside the third page's record
    result = run("ingest", str(cut))
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"quotes: {cut}: skipped: archive is damaged") and "the pages before it were read" in line
    assert "2 articles: 2 new" in result.stdout


# ---- ingest ----------------------------------------------------------------------------------


def test_ingest_corpus_twice(fake, db_path):
    first = run("ingest", str(CORPUS), "--batch-size", "2")
    assert first.exit_code == 0, first.output
    assert "5 articles: 5 new, 0 unchanged, 0 reprocessed, 0 failed" in first.stdout
    n_quotes = int(re.search(r"(\d+) quotes stored", first.stdout).group(1))
    assert n_quotes > 0
    second = run("ingest", str(CORPUS))
    assert "5 articles: 0 new, 5 unchanged" in second.stdout and "0 quotes stored" in second.stdout
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == n_quotes


def test_ingest_reports_bad_input_and_keeps_the_good(fake, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text('Body.\n\n"Fine quote," said Jens Stoltenberg.\n', encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (src / "docs.jsonl").write_text('{"id": "j1", "text": "\\"A\\" said B."}\n{broken\n', encoding="utf-8")
    db = tmp_path / "q.db"
    result = run("ingest", str(src), str(tmp_path / "missing.txt"), "--db", str(db))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "2 articles: 2 new" in result.stdout
    problems = [ln for ln in result.stderr.splitlines() if "skipped" in ln]
    assert any("binary.txt" in p for p in problems) and any("docs.jsonl:2" in p for p in problems)
    assert any("missing.txt" in p for p in problems)
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_ingest_without_paths_is_a_usage_error(fake, db_path):
    assert "PATH" in one_error_line(run("ingest"), 2)


def test_reprocess_stored_articles_after_an_extractor_change(ingested):
    changed = Services(extract=fake_extract_documents, extractor_version="fake-2")
    unchanged = run("ingest", str(CORPUS), services=changed)
    assert "5 unchanged" in unchanged.stdout
    result = run("ingest", "--reprocess", services=changed)
    assert result.exit_code == 0 and "5 reprocessed" in result.stdout
    again = run("ingest", "--reprocess", services=changed)
    assert "5 unchanged" in again.stdout
    assert "5 reprocessed" in run("ingest", str(CORPUS), "--reprocess-all").stdout


def test_ingest_jsonl_from_stdin(fake, db_path):
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": f'"Quote {i}," said X.', "outlet": "Wire"}) for i in range(3))
    result = run("ingest", "-", input=lines + "\n")
    assert result.exit_code == 0 and "3 new" in result.stdout


# ---- extract ---------------------------------------------------------------------------------


def test_extract_jsonl_records_index_the_text(fake, tmp_path):
    path = sorted(CORPUS.glob("*.txt"))[0]
    result = run("extract", str(path))
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and {r["doc_id"] for r in records} == {path.stem}
    from quotes.ingest import iter_documents

    (doc,) = list(iter_documents([path]))
    assert all(doc.text[r["start"] : r["end"]] == r["text"] for r in records)


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_extract_other_formats(fake, fmt):
    result = run("extract", str(CORPUS), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert rows and set(rows[0]) >= {"doc_id", "start", "end", "text", "speaker_name"}
    else:
        assert "Jens Stoltenberg" in result.stdout


# ---- list / show / overviews -----------------------------------------------------------------


def test_list_json_records(ingested):
    records = json.loads(run("list", "--format", "json", "--limit", "0").stdout)
    assert records
    for rec in records:
        assert {"id", "doc_id", "outlet", "date", "title", "url", "cluster_id", "text", "start", "end"} <= set(rec)
    jsonl = [json.loads(x) for x in run("list", "--format", "jsonl", "--limit", "0").stdout.splitlines()]
    assert jsonl == records
    dates = [r["date"] for r in records]
    assert dates == sorted(dates)


def test_list_speaker_variants_give_the_same_rows(ingested):
    outs = [run("list", "--speaker", s, "--format", "jsonl", "--limit", "0").stdout for s in ("Stoltenberg", "jens stoltenberg", "Stoltenberg, Jens")]
    assert outs[0] and outs[0] == outs[1] == outs[2]
    assert all(json.loads(x)["speaker_name"] == "Jens Stoltenberg" for x in outs[0].splitlines())


def test_list_limit_and_table(ingested):
    result = run("list", "--limit", "2", "--outlet", "anadolu")
    assert result.exit_code == 0
    assert "Anadolu Agency" in result.stdout and "showing the first 2" in result.stderr
    csv_rows = list(csv.DictReader(io.StringIO(run("list", "--format", "csv", "--limit", "3").stdout)))
    assert len(csv_rows) == 3 and csv_rows[0]["citation"]


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["list", "--since", "yesterday"], 2, "--since"),
        (["list", "--contains", " "], 2, "--contains"),
        (["show", "99999"], 1, "no quote"),
        (["export", "--format", "jsonl", "--excel"], 2, "--excel"),
    ],
)
def test_user_errors_are_one_line(ingested, args, code, needle):
    assert needle in one_error_line(run(*args), code)


@pytest.mark.parametrize("cmd", [["list"], ["show", "1"], ["speakers"], ["articles"], ["export"]])
def test_missing_database_is_one_line(cmd, tmp_path):
    line = one_error_line(run(*cmd, "--db", str(tmp_path / "none.db")), 2)
    assert "no such database" in line
    assert not (tmp_path / "none.db").exists()


def test_bad_choice_is_exit_2(ingested):
    assert run("list", "--kind", "bogus").exit_code == 2


@pytest.mark.parametrize("text", ['"', "-", "NOT", "cease-fire", 'he said "'])
def test_contains_with_search_syntax(ingested, text):
    assert run("list", "--contains", text).exit_code == 0


def test_show(ingested):
    first = json.loads(run("list", "--format", "jsonl", "--limit", "1", "--speaker", "Stoltenberg").stdout.splitlines()[0])
    result = run("show", str(first["id"]))
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert " ".join(first["text"].split()) in out
    assert "Citation: Jens Stoltenberg, quoted in" in out and "Context:" in out
    assert "Resolved by: article, confidence 0.90" in out


@pytest.mark.parametrize("cmd", [["list", "--format", "jsonl", "--limit", "0"], ["export", "--format", "jsonl"]])
def test_min_confidence_keeps_only_sure_attributions(ingested, cmd):
    every = [json.loads(x) for x in run(*cmd).stdout.splitlines()]
    sure = [json.loads(x) for x in run(*cmd, "--min-confidence", "0.5").stdout.splitlines()]
    assert {r["resolved_by"] for r in every} == {"article", "unattributed"}
    assert sure and len(sure) < len(every)
    assert all(r["confidence"] >= 0.5 and r["speaker_name"] == "Jens Stoltenberg" for r in sure)
    assert [json.loads(x) for x in run(*cmd, "--min-confidence", "0").stdout.splitlines()] == every


@pytest.mark.parametrize("value", ["1.5", "-0.1", "sure"])
def test_min_confidence_out_of_range_is_a_usage_error(ingested, value):
    assert run("list", "--min-confidence", value).exit_code == 2


def test_overviews(ingested):
    speakers = json.loads(run("speakers", "--format", "json").stdout)
    stol = next(s for s in speakers if s["name"] == "Jens Stoltenberg")
    assert stol["articles"] >= 1 and stol["quotes"] >= stol["articles"]
    arts = json.loads(run("articles", "--format", "json").stdout)
    assert len(arts) == 5 and sum(a["quotes"] for a in arts) == sum(s["quotes"] for s in speakers)


# ---- export ----------------------------------------------------------------------------------


def test_export_csv_file_and_excel(ingested, tmp_path):
    out = tmp_path / "q.csv"
    result = run("export", "-o", str(out), "--excel")
    assert result.exit_code == 0 and "written to" in result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    from quotes.export import CSV_COLUMNS, read_csv

    rows = read_csv(data.decode("utf-8"))
    assert rows and tuple(rows[0]) == CSV_COLUMNS
    assert {(r["resolved_by"], r["confidence"]) for r in rows} <= {("article", "0.9"), ("unattributed", "0.0")}
    assert not list(tmp_path.glob("*.part"))


def test_export_csl_json(ingested):
    items = json.loads(run("export", "--format", "csl-json").stdout)
    assert len(items) == len({i["id"] for i in items}) >= 1
    assert all(i["type"] == "article-newspaper" and "issued" in i for i in items)


def test_export_to_unwritable_place(ingested, tmp_path):
    line = one_error_line(run("export", "-o", str(tmp_path / "no" / "such" / "dir.csv")), 1)
    assert "cannot write" in line


# ---- the real extractor ----------------------------------------------------------------------


@pytest.mark.slow
def test_real_ingest_and_list_stoltenberg(db_path):
    result = run("ingest", str(CORPUS))
    assert result.exit_code == 0, result.output
    records = [json.loads(x) for x in run("list", "--speaker", "Stoltenberg", "--format", "jsonl", "--limit", "0").stdout.splitlines()]
    assert records
    assert {r["doc_id"] for r in records} >= {"000_bb027ece564d91d2"}
    assert all("Stoltenberg" in (r["speaker_name"] or "") for r in records)


def _snapshot(db: Path) -> tuple[set, set]:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    arts = {tuple(r) for r in conn.execute("SELECT content_hash, doc_id FROM articles")}
    quotes = {
        tuple(r)
        for r in conn.execute(
            "SELECT a.content_hash, q.start_char, q.end_char, q.kind, q.text, q.speaker_name, q.seq"
            " FROM quotes q JOIN articles a ON a.id = q.article_id"
        )
    }
    conn.close()
    return arts, quotes


def _ingest_cmd(jsonl: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from quotes.cli import main; main()", "ingest", str(jsonl), "--db", str(db), "--batch-size", "2"]


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_equals_clean_run(tmp_path):
    from quotes.ingest import iter_documents

    seeds = list(iter_documents([CORPUS]))
    jsonl = tmp_path / "docs.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for i in range(12):  # 60 distinct articles (different texts = different hashes)
            for d in seeds:
                fh.write(json.dumps({"id": f"{d.id}-{i}", "text": d.text + f"\n\nCopy {i}.", "outlet": d.outlet, "date": d.date}) + "\n")
    env = os.environ | {"QUOTES_DB": ""}
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"

    proc = subprocess.Popen(_ingest_cmd(jsonl, killed_db), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_at_kill = 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with sqlite3.connect(killed_db, timeout=1) as c:
                stored_at_kill = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            stored_at_kill = 0
        if stored_at_kill >= 4:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 4 <= stored_at_kill < 60
    partial_arts, _ = _snapshot(killed_db)  # consistent right after the kill
    assert len(partial_arts) < 60

    rerun = subprocess.run(_ingest_cmd(jsonl, killed_db), env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(partial_arts)} unchanged" in rerun.stdout
    clean = subprocess.run(_ingest_cmd(jsonl, clean_db), env=env, capture_output=True, text=True, timeout=600)
    assert clean.returncode == 0, clean.stderr
    assert _snapshot(killed_db) == _snapshot(clean_db)
    assert len(_snapshot(clean_db)[0]) == 60


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_with_a_summary(tmp_path):
    from quotes.ingest import iter_documents

    seeds = list(iter_documents([CORPUS]))
    jsonl = tmp_path / "docs.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for i in range(120):  # long enough that the signal always lands mid-run
            for d in seeds:
                fh.write(json.dumps({"id": f"{d.id}-{i}", "text": d.text + f"\n\nCopy {i}."}) + "\n")
    db = tmp_path / "q.db"
    proc = subprocess.Popen(_ingest_cmd(jsonl, db), env=os.environ | {"QUOTES_DB": ""}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            with sqlite3.connect(db, timeout=1) as c:
                if c.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= 2:
                    proc.send_signal(signal.SIGINT)
                    break
        except sqlite3.OperationalError:
            pass
        time.sleep(0.02)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    stored = int(re.search(r"(\d+) new", out).group(1))
    assert 2 <= stored < 60
    assert len(_snapshot(db)[0]) == stored  # the summary counts exactly what was committed


def test_dedup_option_defaults_are_the_librarys() -> None:
    # the CLI imports quotes.dedup lazily (start-up time), so it spells the defaults out; they
    # must stay the library's
    import inspect

    from quotes import dedup
    from quotes.cli.dedup import dedup_cmd

    params = inspect.signature(dedup_cmd).parameters
    assert params["threshold"].default.default == dedup.DEFAULT_THRESHOLD
    assert params["fragment_threshold"].default.default == dedup.DEFAULT_FRAGMENT_THRESHOLD
    assert params["min_fragment"].default.default == dedup.DEFAULT_MIN_FRAGMENT
