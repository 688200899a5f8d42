"""Ordered schema migrations for the SQLite store (pattern of simonw/llm's migrations.py).

Each migration is a function taking a connection; it runs once, inside a write transaction,
and its name is recorded in ``_migrations``. Never edit a migration that has shipped: append a
new one at the end of this file. Each migration carries its own SQL (no constant imported from
the modules that use the tables: editing one would rewrite history for new databases only), so
the schema after all migrations is fixed by this file alone; tests/schema.sql is its reviewed
snapshot.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    """Register ``fn`` as the next migration (order of definition = order of application)."""
    if any(m.__name__ == fn.__name__ for m in MIGRATIONS):
        raise ValueError(f"duplicate migration name {fn.__name__!r}")
    MIGRATIONS.append(fn)
    return fn


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied to ``conn``'s database, in order."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY id")]


def pending(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations not applied yet to ``conn``'s database."""
    done = set(applied(conn))
    return [m.__name__ for m in MIGRATIONS if m.__name__ not in done]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the pending migrations; return the names applied now.

    ``conn`` must be in autocommit mode (``isolation_level=None``). The whole run holds the
    write lock (BEGIN IMMEDIATE) so two processes opening a new database at once do not both
    apply a migration: the second one waits, then finds nothing left to do.
    """
    names = [m.__name__ for m in MIGRATIONS]
    if set(names) <= set(applied(conn)):  # fast path without taking the write lock
        return []
    done: list[str] = []
    # A migration may rebuild a table (SQLite's way to change a constraint): with foreign keys
    # enforced, dropping the old table would delete every row that refers to it. They are
    # switched off (only possible outside a transaction) and checked before the commit.
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        _apply(conn, done)
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
    return done


def _apply(conn: sqlite3.Connection, done: list[str]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations ("
            " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
        )
        already = set(applied(conn))
        for fn in MIGRATIONS:
            if fn.__name__ in already:
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                (fn.__name__, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            done.append(fn.__name__)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise sqlite3.IntegrityError(f"migration left a row of {broken[0]} without its {broken[2]} row")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _run(conn: sqlite3.Connection, script: str) -> None:
    # executescript() would COMMIT the open transaction; run statement by statement instead.
    for statement in _split(script):
        conn.execute(statement)


def _split(script: str) -> list[str]:
    """Split a script into complete statements (triggers contain ';' inside BEGIN ... END)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


@migration
def m001_initial(conn: sqlite3.Connection) -> None:
    """Articles, quotes (one row per Quote record), people from the gazetteer."""
    _run(
        conn,
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,   -- sha256 of text: the article's identity
            text TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            date TEXT,                           -- ISO 8601 as read
            url TEXT,
            author TEXT,
            source TEXT,                         -- path or URL it was read from
            meta TEXT NOT NULL DEFAULT '{}',     -- JSON: dateline, guessed fields, ...
            extractor_version TEXT,
            model TEXT,
            gazetteer_hash TEXT,
            ingested_at TEXT NOT NULL,
            processed_at TEXT
        );
        CREATE INDEX articles_date ON articles(date);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_doc_id ON articles(doc_id);

        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            quote_hash TEXT NOT NULL UNIQUE,     -- sha256 of (article hash, start, end, kind)
            seq INTEGER NOT NULL,                -- index of the record in the article's list
            start_char INTEGER NOT NULL,         -- Quote.start
            end_char INTEGER NOT NULL,           -- Quote.end
            text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'mixed', 'indirect')),
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            speaker TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_name TEXT,
            speaker_id TEXT,
            role TEXT,
            role_normalized TEXT,
            organization TEXT,
            grp INTEGER,                         -- Quote.group
            part_i INTEGER,                      -- Quote.part[0]
            part_n INTEGER,                      -- Quote.part[1]
            cluster_id INTEGER                   -- set by quotes.dedup
        );
        CREATE INDEX quotes_article ON quotes(article_id, seq);
        CREATE INDEX quotes_speaker_id ON quotes(speaker_id);
        CREATE INDEX quotes_speaker_name ON quotes(speaker_name);
        CREATE INDEX quotes_cluster ON quotes(cluster_id);

        CREATE TABLE people (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '[]'   -- JSON array
        );

        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;
        """,
    )


@migration
def m002_dedup_tables(conn: sqlite3.Connection) -> None:
    """The clustering index tables of quotes.dedup (quotes.cluster_id is in m001)."""
    _run(
        conn,
        """
        CREATE TABLE IF NOT EXISTS dedup_forms (      -- canonical form hash -> quotes indexed with it
            form INTEGER NOT NULL,
            quote_id INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS dedup_forms_form ON dedup_forms(form);
        CREATE TABLE IF NOT EXISTS dedup_keys (       -- shingle hash -> postings count, -1 = stop shingle
            key INTEGER PRIMARY KEY,
            n INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dedup_postings (   -- shingle hash -> quote (never for stop shingles)
            key INTEGER NOT NULL,
            quote_id INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS dedup_postings_key ON dedup_postings(key);
        """,
    )


@migration
def m003_quote_resolution(conn: sqlite3.Connection) -> None:
    """How each quote's speaker name was resolved and how sure it is (``Quote.resolved_by``,
    ``Quote.confidence``); rows stored before stay NULL until reprocessed."""
    _run(
        conn,
        """
        ALTER TABLE quotes ADD COLUMN resolved_by TEXT;
        ALTER TABLE quotes ADD COLUMN confidence REAL;
        CREATE INDEX quotes_confidence ON quotes(confidence);
        """,
    )


@migration
def m004_corrections(conn: sqlite3.Connection) -> None:
    """Readers' corrections (quotes.corrections): their own table, and on each quote row the
    extractor's values of the fields a correction overrides (``corrected``, JSON; NULL when none)
    and whether a reader marked it "not a quote"."""
    _run(
        conn,
        """
        ALTER TABLE quotes ADD COLUMN corrected TEXT;
        ALTER TABLE quotes ADD COLUMN not_quote INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            correction_hash TEXT NOT NULL UNIQUE, -- sha256 of (quote, field, new value, when, note)
            quote_hash TEXT NOT NULL,            -- quotes.quote_hash: survives re-extraction
            article_hash TEXT NOT NULL,          -- articles.content_hash
            start_char INTEGER NOT NULL,         -- the extracted span and kind (the quote's identity)
            end_char INTEGER NOT NULL,
            kind TEXT NOT NULL,
            field TEXT NOT NULL CHECK (field IN ('speaker', 'role', 'kind', 'span', 'not_quote')),
            old_value TEXT,                      -- JSON
            new_value TEXT,                      -- JSON; NULL = back to the extractor's value
            note TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX corrections_quote ON corrections(quote_hash, id);
        """,
    )


@migration
def m005_listing_indexes(conn: sqlite3.Connection) -> None:
    """Covering indexes for the web pages' listings (quotes.web.views): quotations per article
    and members per cluster are counted from the index alone, without reading quote rows (100k
    quotes: the front page and the recycled index each under 200 ms)."""
    _run(
        conn,
        """
        CREATE INDEX quotes_listing ON quotes(article_id, not_quote, grp);
        CREATE INDEX quotes_cluster_listing ON quotes(cluster_id, not_quote, article_id);
        """,
    )


@migration
def m006_publications(conn: sqlite3.Connection) -> None:
    """An article is a publication (text, outlet, URL or id, date): one wire story printed by
    three outlets is three articles with the same quotes. ``articles.content_hash`` is no longer
    unique (``pub_key`` is), ``quotes.quote_hash`` (the extraction of a text) is unique per
    article. Recycled-quote clustering gets order-independent tables (canonical forms, their
    shingle keys, confirmed links between forms); the store rebuilds the clusters on next open
    (``dedup_state``)."""
    _run(
        conn,
        """
        CREATE TABLE articles_new (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL,
            pub_key TEXT NOT NULL UNIQUE,        -- sha256 of [content_hash, outlet, url or doc_id, date]
            content_hash TEXT NOT NULL,          -- sha256 of text: publications of one text share it
            text TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            date TEXT,                           -- ISO 8601 as read
            url TEXT,
            author TEXT,
            source TEXT,                         -- path or URL it was read from
            meta TEXT NOT NULL DEFAULT '{}',     -- JSON: dateline, guessed fields, ...
            extractor_version TEXT,
            model TEXT,
            gazetteer_hash TEXT,
            ingested_at TEXT NOT NULL,
            processed_at TEXT
        );
        INSERT INTO articles_new (id, doc_id, pub_key, content_hash, text, title, outlet, date, url, author,
                                  source, meta, extractor_version, model, gazetteer_hash, ingested_at, processed_at)
        SELECT id, doc_id, content_hash, content_hash, text, title, outlet, date, url, author,
               source, meta, extractor_version, model, gazetteer_hash, ingested_at, processed_at
        FROM articles;
        DROP TABLE articles;
        ALTER TABLE articles_new RENAME TO articles;
        CREATE INDEX articles_date ON articles(date);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_doc_id ON articles(doc_id);
        CREATE INDEX articles_content_hash ON articles(content_hash);

        CREATE TABLE quotes_new (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            quote_hash TEXT NOT NULL,            -- sha256 of (text hash, start, end, kind)
            seq INTEGER NOT NULL,                -- index of the record in the article's list
            start_char INTEGER NOT NULL,         -- Quote.start
            end_char INTEGER NOT NULL,           -- Quote.end
            text TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('direct', 'mixed', 'indirect')),
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            speaker TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_name TEXT,
            speaker_id TEXT,
            role TEXT,
            role_normalized TEXT,
            organization TEXT,
            grp INTEGER,                         -- Quote.group
            part_i INTEGER,                      -- Quote.part[0]
            part_n INTEGER,                      -- Quote.part[1]
            cluster_id INTEGER,                  -- set by quotes.dedup: the smallest quote id of the cluster
            resolved_by TEXT,
            confidence REAL,
            corrected TEXT,
            not_quote INTEGER NOT NULL DEFAULT 0,
            dedup_form INTEGER,                  -- dedup_forms.id; NULL: not clustered (yet, or no words)
            UNIQUE (article_id, quote_hash)
        );
        INSERT INTO quotes_new (id, article_id, quote_hash, seq, start_char, end_char, text, kind, cue,
                                cue_start, cue_end, speaker, speaker_start, speaker_end, speaker_name,
                                speaker_id, role, role_normalized, organization, grp, part_i, part_n,
                                resolved_by, confidence, corrected, not_quote)
        SELECT id, article_id, quote_hash, seq, start_char, end_char, text, kind, cue,
               cue_start, cue_end, speaker, speaker_start, speaker_end, speaker_name,
               speaker_id, role, role_normalized, organization, grp, part_i, part_n,
               resolved_by, confidence, corrected, not_quote
        FROM quotes;
        DROP TABLE quotes;
        ALTER TABLE quotes_new RENAME TO quotes;
        CREATE INDEX quotes_article ON quotes(article_id, seq);
        CREATE INDEX quotes_hash ON quotes(quote_hash);
        CREATE INDEX quotes_speaker_id ON quotes(speaker_id);
        CREATE INDEX quotes_speaker_name ON quotes(speaker_name);
        CREATE INDEX quotes_cluster ON quotes(cluster_id);
        CREATE INDEX quotes_confidence ON quotes(confidence);
        CREATE INDEX quotes_form ON quotes(dedup_form);
        CREATE INDEX quotes_listing ON quotes(article_id, not_quote, grp);
        CREATE INDEX quotes_cluster_listing ON quotes(cluster_id, not_quote, article_id);
        CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;

        DROP TABLE dedup_forms;
        DROP TABLE dedup_keys;
        DROP TABLE dedup_postings;
        CREATE TABLE dedup_forms (               -- distinct canonical forms of quote texts
            id INTEGER PRIMARY KEY,
            canon TEXT NOT NULL UNIQUE,
            words INTEGER NOT NULL
        );
        CREATE TABLE dedup_form_keys (           -- shingle hash -> forms holding it
            key INTEGER NOT NULL,
            form INTEGER NOT NULL,
            PRIMARY KEY (key, form)
        ) WITHOUT ROWID;
        CREATE INDEX dedup_form_keys_form ON dedup_form_keys(form);
        CREATE TABLE dedup_keys (                -- shingle hash -> number of forms holding it
            key INTEGER PRIMARY KEY,
            df INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE dedup_links (               -- pairs of forms confirmed as variants (a < b)
            a INTEGER NOT NULL,
            b INTEGER NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        CREATE INDEX dedup_links_b ON dedup_links(b);
        CREATE TABLE dedup_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO dedup_state (name, value) VALUES ('rebuild', '1');
        """,
    )
    # The publication key of the rows stored before: the formula of quotes.store.writer at the
    # time of this migration, written out here so that a later change there cannot rewrite it.
    rows = conn.execute("SELECT id, content_hash, outlet, url, doc_id, date FROM articles").fetchall()
    for article_id, content_hash, outlet, url, doc_id, date in rows:
        parts = [content_hash, outlet, url or doc_id, date]
        key = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
        conn.execute("UPDATE articles SET pub_key = ? WHERE id = ?", (key, article_id))


@migration
def m007_dedup_form_counts(conn: sqlite3.Connection) -> None:
    """How many shingles each canonical form holds and how many of them are stop shingles, so
    that a candidate's live shingles are counted without reading them; clusters are rebuilt on
    next open to fill them."""
    _run(
        conn,
        """
        ALTER TABLE dedup_forms ADD COLUMN keys INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE dedup_forms ADD COLUMN stops INTEGER NOT NULL DEFAULT 0;
        INSERT OR REPLACE INTO dedup_state (name, value) VALUES ('rebuild', '1');
        """,
    )


@migration
def m008_web_listing_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for the web pages on large stores: an article's date and outlet read without its
    text (the text column comes first, so a row read walks a long article's overflow pages), and
    speaker names with their ids (a search by speaker lists the names of the quotes without an id
    from the index alone)."""
    _run(
        conn,
        """
        CREATE INDEX articles_meta ON articles(id, date, outlet);
        DROP INDEX quotes_speaker_name;
        CREATE INDEX quotes_speaker_name ON quotes(speaker_name, speaker_id);
        """,
    )
