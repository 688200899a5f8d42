"""Schema migrations: self-contained, and the schema they build equals the reviewed snapshot."""

from __future__ import annotations

import ast
import sqlite3
import sys
from pathlib import Path

import pytest

from quotes.store import migrations
from quotes.store.migrations import MIGRATIONS, migrate

SNAPSHOT = Path(__file__).resolve().parent / "schema.sql"


def schema(conn: sqlite3.Connection) -> str:
    """The schema as SQL text, one object per statement, in a stable order."""
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
        " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, name"
    ).fetchall()
    # FTS5 shadow tables are SQLite's own business (their layout may differ between versions).
    rows = [r for r in rows if not r[1].startswith("quotes_fts_") or r[0] == "trigger"]
    return "".join(f"-- {kind} {name}\n{sql};\n\n" for kind, name, sql in rows)


def fresh_schema() -> str:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    return schema(conn)


def test_schema_after_all_migrations_equals_the_reviewed_snapshot():
    """A change of schema shows up here: review the new tests/schema.sql, then commit it.

    Regenerate with ``python tests/test_migrations.py > tests/schema.sql``.
    """
    assert fresh_schema() == SNAPSHOT.read_text(encoding="utf-8")


def test_migrations_import_nothing_of_the_project():
    """Each migration carries its own SQL: importing a live constant (m002 once imported
    ``dedup.TABLES``) would let an edit of that constant rewrite history."""
    tree = ast.parse(Path(migrations.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported - {"__future__"} <= set(sys.stdlib_module_names), imported


@pytest.mark.parametrize("done", range(1, len(MIGRATIONS)))
def test_a_database_of_an_older_version_upgrades_to_the_same_schema(tmp_path, done):
    """A database made by the first ``done`` migrations, then opened by this version."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE _migrations ( id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)")
    for fn in MIGRATIONS[:done]:
        conn.execute("BEGIN")
        fn(conn)
        conn.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, '2021-01-01')", (fn.__name__,))
        conn.execute("COMMIT")
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn) == [m.__name__ for m in MIGRATIONS[done:]]
    assert schema(conn) == SNAPSHOT.read_text(encoding="utf-8")


if __name__ == "__main__":
    sys.stdout.write(fresh_schema())
