"""Recycled quotes: canonical form, pair decisions, speaker split, incremental == batch, CLI."""

from __future__ import annotations

import itertools
import json
import random
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from quotes import dedup, store
from quotes.cli import app
from quotes.dedup import ClusterIndex, Params, canonical, cluster, is_match, word_diff
from quotes.errors import UsageError
from quotes.records import Document, Quote

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

LONG = "We will keep working with all our partners to make sure that the region stays calm and secure"


def partition(labels: dict) -> set[frozenset]:
    groups: dict = {}
    for rid, cid in labels.items():
        groups.setdefault(cid, set()).add(rid)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\u201cHello,\u201d  World!", "hello world"),
        ("\u00abBonjour\u00bb", "bonjour"),
        ("don\u2019t stop", "dont stop"),
        ("cease-fire", "cease fire"),
        ("\uff21\uff22\uff23 STRASSE", "abc strasse"),  # NFKC full-width letters
        ("Stra\u00dfe", "strasse"),  # case-folding, not lower()
        ("  \n\t", ""),
    ],
)
def test_canonical(text, expected):
    assert canonical(text) == expected


@given(st.text())
def test_canonical_is_idempotent_and_plain(text):
    c = canonical(text)
    assert canonical(c) == c
    assert "  " not in c and c == c.strip()


@pytest.mark.parametrize(
    "a, b, joined",
    [
        # quotation marks, case and punctuation only
        (f"\u201c{LONG},\u201d", f'"{LONG.upper()}."', True),
        # one word swapped
        (LONG, LONG.replace("calm", "quiet"), True),
        # one word dropped
        (LONG, LONG.replace(" all", ""), True),
        # a fragment of 60% of the quote
        (LONG, " ".join(LONG.split()[3:14]), True),
        # a common phrase is not a fragment of everything that contains it
        ("the normalization is moving in the right direction", "right direction", False),
        ("We are going in the right direction on jobs", "Dialogue going in the right direction", False),
        # a short word run aligned across word boundaries is not a fragment
        ("The Washington Post reported in 1991 that", "The Washington Post reported on Monday, based on the count, that the race", False),
        # different statements on the same topic
        (
            "NATO supports the normalization of relations between Armenia and Azerbaijan",
            "We support the normalization of relations between Azerbaijan and Armenia which are both valued partners to NATO",
            False,
        ),
        # short quotes join only when equal
        ("No comment.", "\u201cno comment\u201d", True),
        ("We will win.", "We will lose.", False),
    ],
)
def test_pairs(a, b, joined):
    assert is_match(canonical(a), canonical(b)) is joined
    labels = cluster([{"id": 1, "text": a}, {"id": 2, "text": b}])
    assert (labels[1] == labels[2]) is joined


def test_threshold_is_an_option():
    a, b = LONG, LONG.replace("make sure that the region stays", "see the area remain")
    score = max(
        fuzz.ratio(canonical(a), canonical(b)),
        100 * Indel.normalized_similarity(canonical(a).split(), canonical(b).split()),
    )
    assert is_match(canonical(a), canonical(b), Params(threshold=score - 1))
    assert not is_match(canonical(a), canonical(b), Params(threshold=score + 1))


@pytest.mark.parametrize("bad", [{"threshold": 0}, {"threshold": 101}, {"min_fragment": 0}, {"min_shared": 2}])
def test_bad_params(bad):
    with pytest.raises(UsageError):
        Params(**bad)


def _seed_sentence(name: str, needle: str) -> str:
    text = next(CORPUS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if needle in line)


def test_seed_pair_clusters_and_shows_the_changed_word():
    a = _seed_sentence("000", "deeply concerned")
    b = _seed_sentence("003", "deeply concerned")
    assert a != b
    labels = cluster([{"id": "000", "text": a}, {"id": "003", "text": b}])
    assert labels["003"] == "000"
    assert [str(c) for c in word_diff(a, b)] == ["international -> worldwide"]


@pytest.mark.parametrize(
    "full, part, changes, cut",
    [
        ("one two three four five", "two three four", [], 2),
        ("one two three four five", "two THREE 4 five", ["four -> 4"], 1),
        ("one two three four five", "one two three four five six", ["∅ -> six"], 0),
    ],
)
def test_fragment_diff(full, part, changes, cut):
    got, n = dedup.fragment_diff(full, part)
    assert ([str(c) for c in got], n) == (changes, cut)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("a b c", "a b c", []),
        ("He said: yes, now.", "he said yes now", []),
        ("we act now", "we act today", [("replace", "now", "today")]),
        ("we act now", "we now", [("delete", "act", "")]),
        ("we act", "we must act", [("insert", "", "must")]),
    ],
)
def test_word_diff(a, b, expected):
    assert [(c.op, c.old, c.new) for c in word_diff(a, b)] == expected


# ---- speakers ---------------------------------------------------------------------------------


def test_different_speakers_are_split_even_through_an_unknown_bridge():
    records = [
        {"id": 1, "text": LONG, "speaker": "Jens Stoltenberg"},
        {"id": 2, "text": LONG.replace("calm", "quiet"), "speaker": None},
        {"id": 3, "text": LONG.replace("secure", "safe"), "speaker": "Javier Colomina"},
        {"id": 4, "text": LONG + " again", "speaker": "Stoltenberg"},  # same person, surname only
        {"id": 5, "text": LONG, "speaker": "Javier Colomina"},  # equal text, other speaker
    ]
    # The unknown speaker's quote (2) is as close to Stoltenberg's copy (1) as to Colomina's (5),
    # the same text: the tie goes by the speakers' names, so the answer is the same in any order.
    expected = {frozenset({1, 4}), frozenset({2, 3, 5})}
    for order in itertools.permutations(records):
        assert partition(cluster(order)) == expected


@pytest.mark.parametrize(
    "a, b, compatible",
    [
        ("Jens Stoltenberg", "Stoltenberg", True),
        ("Jens Stoltenberg", "JENS  STOLTENBERG", True),
        ("Jens Stoltenberg", "Javier Colomina", False),
        ("he", "Javier Colomina", True),  # a pronoun is an unknown speaker
        (None, "Javier Colomina", True),
    ],
)
def test_speaker_compatibility(a, b, compatible):
    labels = cluster([{"id": 1, "text": LONG, "speaker": a}, {"id": 2, "text": LONG, "speaker": b}])
    assert (labels[1] == labels[2]) is compatible


# ---- incremental == batch ----------------------------------------------------------------------


def _variants(n: int, seed: int) -> list[dict]:
    """Texts derived from earlier ones (a word changed or dropped, a fragment): chains of
    near-duplicates, with speakers that sometimes conflict."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(40)]
    speakers = [None, None, "Ann Lee", "Lee", "Bob Ray"]
    texts: list[list[str]] = []
    for _ in range(n):
        if texts and rng.random() < 0.7:
            words = list(rng.choice(texts))
            how = rng.randrange(3)
            if how == 0:
                words[rng.randrange(len(words))] = rng.choice(vocab)
            elif how == 1 and len(words) > 6:
                del words[rng.randrange(len(words))]
            else:
                k = max(6, len(words) * 3 // 4)
                i = rng.randrange(len(words) - k + 1)
                words = words[i : i + k]
        else:
            words = [rng.choice(vocab) for _ in range(rng.randint(8, 14))]
        texts.append(words)
    return [{"id": i, "text": " ".join(w), "speaker": rng.choice(speakers)} for i, w in enumerate(texts)]


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), cuts=st.lists(st.integers(1, 59), max_size=5))
def test_incremental_equals_batch_in_memory(seed, cuts):
    records = _variants(60, seed)
    index = ClusterIndex(Params(max_postings=5))  # small cap: stop shingles happen too
    bounds = [0, *sorted(set(cuts)), len(records)]
    for lo, hi in zip(bounds, bounds[1:]):
        index.add_many(records[lo:hi])
    labels = index.clusters()
    assert labels == cluster(records, max_postings=5)
    assert len(set(labels.values())) < len(labels)  # there was something to cluster


def test_duplicate_id_is_refused():
    index = ClusterIndex()
    index.add(1, "text")
    with pytest.raises(UsageError):
        index.add(1, "other text")


# ---- the store ---------------------------------------------------------------------------------


def meta_extract(docs: Iterable[Document]) -> Iterator[tuple[Document, list[Quote]]]:
    """Fake extractor: the quotes are the meta ``quotes`` list of (text, speaker)."""
    for doc in docs:
        quotes = []
        for text, speaker in doc.meta.get("quotes", []):
            start = doc.text.index(text)
            quotes.append(Quote(start, start + len(text), text, "direct", speaker_name=speaker))
        yield doc, quotes


def _doc(i: int, outlet: str, date: str, quotes: list[tuple[str, str | None]]) -> Document:
    return Document(
        id=f"doc{i}", text=f"Article {i}.\n" + "\n".join(t for t, _ in quotes), outlet=outlet, date=date,
        meta={"quotes": quotes},
    )


V = store.Versions("1", "m", "g")


def _ingest(conn, docs: list[Document], batch_size: int = 2) -> None:
    store.ingest(conn, docs, meta_extract, V, batch_size=batch_size)


def _store_labels(conn) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT text, cluster_id FROM quotes")}


def test_store_incremental_equals_batch(db_path):
    records = _variants(80, 7)
    docs = [
        _doc(i, f"Outlet {i % 3}", f"2021-01-{1 + i % 28:02d}", [(r["text"], r["speaker"])])
        for i, r in enumerate({r["text"]: r for r in records}.values())  # one text per article
    ]
    conn = store.connect(db_path)
    for lo in range(0, len(docs), 9):  # several ingest runs, several batches each
        _ingest(conn, docs[lo : lo + 9], batch_size=4)
    rows = conn.execute("SELECT id, text, speaker_name, cluster_id FROM quotes ORDER BY id").fetchall()
    batch = cluster([{"id": r[0], "text": r[1], "speaker": r[2]} for r in rows])
    assert {r[0]: r[3] for r in rows} == batch
    assert len(set(batch.values())) < len(batch)  # there was something to cluster

    n = dedup.rebuild_clusters(conn)
    assert n == len(rows)
    assert {r[0]: r[1] for r in conn.execute("SELECT id, cluster_id FROM quotes")} == batch


def _recycled_db(db_path):
    """Seed 000's quote, seed 003's reworded copy, an earlier fragment; a quote repeated in one outlet."""
    a = _seed_sentence("000", "deeply concerned")
    b = _seed_sentence("003", "deeply concerned")
    other = "Any targeting of civilians is unacceptable and must stop at once, everywhere"
    conn = store.connect(db_path)
    _ingest(
        conn,
        [
            _doc(1, "Anadolu Agency", "2020-10-22T09:31:00", [(a, "Jens Stoltenberg"), (other, "Jens Stoltenberg")]),
            _doc(2, "iNewsToday", "2020-10-24", [(b, "Stoltenberg")]),
            _doc(3, "Anadolu Agency", "2020-10-25", [(other.upper(), None)]),
            _doc(4, "Trend", "2020-10-20", [(" ".join(b.split()[:12]), None)]),  # a fragment, earlier
        ],
    )
    return conn


def test_recycled(db_path):
    conn = _recycled_db(db_path)
    found = dedup.recycled(conn)
    assert len(found) == 1  # `other` is repeated in one outlet only
    c = found[0]
    assert c.first_seen.outlet == "Trend" and c.first_seen.doc_id == "doc4"
    assert c.outlets == ("Trend", "Anadolu Agency", "iNewsToday")  # in order of appearance
    assert [o.date[:10] for o in c.occurrences] == ["2020-10-20", "2020-10-22", "2020-10-24"]
    assert c.text == _seed_sentence("000", "deeply concerned")  # the longest full form
    assert c.speaker_name == "Jens Stoltenberg"
    assert len(dedup.recycled(conn, min_outlets=1)) == 2
    assert dedup.recycled(conn, min_outlets=4) == []
    assert dedup.recycled(conn, speaker="Colomina") == []
    assert len(dedup.recycled(conn, speaker="stoltenberg")) == 1
    # diffs read from the first full form (000), the fragment only cut words off the ends
    assert {v.quote_id: ([str(ch) for ch in v.changes], v.cut > 0) for v in c.diffs} == {
        c.occurrences[0].quote_id: ([], True),
        c.occurrences[2].quote_id: (["international -> worldwide"], False),
    }
    assert {v.against for v in c.diffs} == {c.occurrences[1].quote_id}
    window = dedup.recycled(conn, since="2020-10-21", until="2020-10-24")
    assert [o.outlet for o in window[0].occurrences] == ["Anadolu Agency", "iNewsToday"]
    assert [str(ch) for v in window[0].diffs for ch in v.changes] == ["international -> worldwide"]
    assert dedup.recycled(conn, until="2020-10-21") == []  # only the fragment in Trend is left


# ---- CLI ---------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_dedup_jsonl_and_csv(tmp_path):
    path = tmp_path / "q.jsonl"
    rows = [
        {"id": "a", "text": LONG, "outlet": "X", "extra": 1},
        {"quoteID": "b", "quotation": LONG.replace("calm", "quiet"), "speaker": "None"},
        {"id": "c", "text": "Something else entirely was said here today"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["dedup", str(path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["cluster_id"]) for r in out] == [("a", "a"), ("b", "a"), ("c", "c")]
    assert out[0]["extra"] == 1  # other fields kept

    result = runner.invoke(app, ["dedup", str(path), "--format", "csv", "--threshold", "99"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "id,cluster_id,text,speaker,outlet,date"
    assert [line.split(",")[:2] for line in lines[1:]] == [["a", "a"], ["b", "b"], ["c", "c"]]


def test_cli_dedup_bad_lines_are_named_and_the_rest_is_kept(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": 1, "text": "fine"}\nnot json\n{"id": 2}\n{"id": 1, "text": "again"}\n[1]\n{"id": 3, "text": "ok"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["dedup", str(path)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 3]
    assert re.findall(r":(\d+): ", result.stderr) == ["2", "3", "4", "5"]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["dedup", "missing.jsonl"], 1, "cannot read"),
        (["dedup", "{file}", "--threshold", "0"], 2, "threshold"),
    ],
)
def test_cli_dedup_errors(tmp_path, args, code, message):
    (tmp_path / "q.jsonl").write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    args = [a.replace("{file}", str(tmp_path / "q.jsonl")) for a in args]
    result = runner.invoke(app, [a if a != "missing.jsonl" else str(tmp_path / a) for a in args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_recycled(db_path):
    _recycled_db(db_path).close()
    result = runner.invoke(app, ["recycled", "--format", "json"])
    assert result.exit_code == 0, result.output
    (c,) = json.loads(result.stdout)
    assert c["first_seen"]["outlet"] == "Trend"
    assert len(c["occurrences"]) == 3 and c["outlets"] == ["Trend", "Anadolu Agency", "iNewsToday"]

    result = runner.invoke(app, ["recycled", "--format", "csv", "--since", "2020-10-21"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split(",") == dedup.OCCURRENCE_COLUMNS
    assert len(lines) == 3 and "international -> worldwide" in lines[2]

    result = runner.invoke(app, ["recycled"])
    assert result.exit_code == 0 and "worldwide" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["recycled", "--since", "yesterday"], "--since"),
        (["recycled", "--db", "{tmp}/nope.db"], "no such database"),
        (["recycled", "--speaker", "he"], "not a speaker name"),
    ],
)
def test_cli_recycled_errors(db_path, tmp_path, args, message):
    _recycled_db(db_path).close()
    result = runner.invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


# ---- order independence, no-word quotes, bad quote files (issue 15) ---------------------------


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), order=st.randoms(use_true_random=False), cap=st.sampled_from([3, 200]))
def test_clusters_do_not_depend_on_arrival_order(seed, order, cap):
    """The same set of quotes, added in another order and in other batches, gives the same
    clusters (with a small ``max_postings``, stop shingles appear along the way too)."""
    records = _variants(30, seed)
    shuffled = list(records)
    order.shuffle(shuffled)
    index = ClusterIndex(Params(max_postings=cap))
    cut = order.randrange(len(shuffled) + 1)
    index.add_many(shuffled[:cut])
    index.clusters()  # an incremental update in between
    index.add_many(shuffled[cut:])
    assert partition(index.clusters()) == partition(cluster(records, max_postings=cap))


@settings(max_examples=10, deadline=None)
@given(order=st.randoms(use_true_random=False))
def test_store_clusters_do_not_depend_on_arrival_order(tmp_path_factory, order):
    records = [r for r in _variants(24, 3) if r["text"]]
    docs = [_doc(i, f"Outlet {i % 3}", "2021-01-01", [(r["text"], r["speaker"])]) for i, r in enumerate(records)]
    by_content = []
    for n in range(2):
        shuffled = list(docs)
        order.shuffle(shuffled)
        conn = store.connect(tmp_path_factory.mktemp("order") / "q.db")
        for lo in range(0, len(shuffled), 5):  # several runs
            _ingest(conn, shuffled[lo : lo + 5], batch_size=2)
        groups: dict = {}
        for doc_id, cid in conn.execute("SELECT a.doc_id, q.cluster_id FROM quotes q JOIN articles a ON a.id = q.article_id"):
            groups.setdefault(cid, set()).add(doc_id)
        by_content.append({frozenset(g) for g in groups.values()})
        conn.close()
    assert by_content[0] == by_content[1]


@pytest.mark.parametrize("texts", [["\u201c...\u201d", "\u201c!!!\u201d"], ["...", "..."], ["\u2014", "!?"]])
def test_quotes_without_word_characters_never_cluster(texts, db_path):
    records = [{"id": i, "text": t} for i, t in enumerate(texts)]
    assert len(set(cluster(records).values())) == len(texts)
    conn = store.connect(db_path)
    _ingest(conn, [_doc(i, f"Outlet {i}", "2021-01-01", [(t, None)]) for i, t in enumerate(texts)])
    assert len({r[0] for r in conn.execute("SELECT cluster_id FROM quotes")}) == len(texts)
    assert dedup.recycled(conn) == []
    result = CliRunner().invoke(app, ["dedup", "-"], input="".join(json.dumps(r) + "\n" for r in records))
    assert result.exit_code == 0, result.output
    assert len({json.loads(line)["cluster_id"] for line in result.stdout.splitlines()}) == len(texts)


@pytest.mark.parametrize(
    "bad, problem",
    [
        ('{"id": 2, "text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nested too deeply"),
        ('{"id": ' + "9" * 5000 + ', "text": "x"}', "a number too long to read (over 4,300 digits)"),
    ],
)
def test_dedup_on_deep_json_or_a_huge_id_keeps_the_other_records(bad, problem):
    lines = [json.dumps({"id": 1, "text": LONG}), bad, json.dumps({"id": 3, "text": LONG + "!"})]
    result = CliRunner().invoke(app, ["dedup", "-"], input="\n".join(lines) + "\n")
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 3]
    assert f"<stdin>:2: {problem}" in result.stderr


@pytest.mark.parametrize("cap", [2, 5, 200])
def test_the_store_and_memory_engines_agree(db_path, cap):
    """quotes.dedup.sql (the store, batch by batch) and quotes.dedup.memory (the whole set at once)
    give the same clusters, stop shingles included."""
    records = [r for r in _variants(40, cap) if r["text"]]
    conn = store.connect(db_path)
    _ingest(conn, [_doc(i, "Outlet", "2021-01-01", [(r["text"], r["speaker"])]) for i, r in enumerate(records)])
    with store.transaction(conn):
        dedup.rebuild_clusters(conn, Params(max_postings=cap))
    rebuilt = index_tables(conn)
    rows = conn.execute("SELECT id, text, speaker_name, cluster_id FROM quotes ORDER BY id").fetchall()
    expected = cluster([{"id": r[0], "text": r[1], "speaker": r[2]} for r in rows], max_postings=cap)
    assert {r[0]: r[3] for r in rows} == expected
    # and incrementally: the same quotes deleted and added back in two halves
    half = [r[0] for r in rows[::2]]
    with store.transaction(conn):
        forms = [f for (f,) in conn.execute(f"SELECT dedup_form FROM quotes WHERE id IN ({','.join('?' * len(half))})", half)]
        kept = conn.execute(f"SELECT * FROM quotes WHERE id IN ({','.join('?' * len(half))})", half).fetchall()
        conn.execute(f"DELETE FROM quotes WHERE id IN ({','.join('?' * len(half))})", half)
        dedup.update_clusters(conn, [], Params(max_postings=cap), removed_forms=[f for f in forms if f is not None])
        cols = kept[0].keys()
        conn.executemany(
            f"INSERT INTO quotes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [tuple(None if c in ("dedup_form", "cluster_id") else r[c] for c in cols) for r in kept],
        )
        dedup.update_clusters(conn, half, Params(max_postings=cap))
    assert {r[0]: r[1] for r in conn.execute("SELECT id, cluster_id FROM quotes")} == expected
    # the bulk rebuild wrote the index the batch-by-batch update keeps (stop shingles included)
    assert index_tables(conn) == rebuilt
    assert any(stops for *_, stops in rebuilt[0]) == (cap < 200)


def index_tables(conn) -> tuple[set, ...]:
    """The clustering index by content (form ids depend on how it was built): forms with
    their counts, shingles per form, shingle counts, links, and each quote's form."""
    canon = dict(conn.execute("SELECT id, canon FROM dedup_forms"))
    forms = {tuple(r) for r in conn.execute("SELECT canon, words, keys, stops FROM dedup_forms")}
    form_keys = {(canon[f], k) for k, f in conn.execute("SELECT key, form FROM dedup_form_keys")}
    keys = {tuple(r) for r in conn.execute("SELECT key, df FROM dedup_keys")}
    links = {(frozenset((canon[a], canon[b])), s) for a, b, s in conn.execute("SELECT a, b, score FROM dedup_links")}
    quotes = {(q, canon.get(f)) for q, f in conn.execute("SELECT id, dedup_form FROM quotes")}
    assert len(form_keys) == conn.execute("SELECT COUNT(*) FROM dedup_form_keys").fetchone()[0]
    return forms, form_keys, keys, links, quotes


def test_an_upgraded_store_has_the_clusters_of_a_fresh_ingest(tmp_path, capsys):
    """Issue 15: a store made before m006 (its clusters by the old engine) is upgraded on its
    first open, says so on stderr, and then holds the clusters and index of a fresh ingest of
    the same quotes; later ingests update that index as they would a fresh one's."""
    from quotes.store.migrations import MIGRATIONS

    records = [r for r in _variants(90, 5) if r["text"]]
    texts = list({r["text"]: r for r in records}.values())  # the old schema stores a text once
    docs = [
        _doc(i, f"Outlet {i % 4}", f"2021-02-{1 + i % 28:02d}", [(r["text"], r["speaker"]) for r in texts[i : i + 3 : 2]])
        for i in range(0, len(texts) - 1, 3)
    ]
    more = [_doc(900 + i, "Late Outlet", "2021-03-01", [(r["text"] + " w1", r["speaker"])]) for i, r in enumerate(texts[:6])]
    fresh = store.connect(tmp_path / "fresh.db")
    _ingest(fresh, docs)
    old_path = tmp_path / "old.db"
    old = sqlite3.connect(old_path, isolation_level=None)
    old.execute("CREATE TABLE _migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)")
    names = [m.__name__ for m in MIGRATIONS]
    for fn in MIGRATIONS[: names.index("m006_publications")]:
        old.execute("BEGIN")
        fn(old)
        old.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, '2026-11-01')", (fn.__name__,))
        old.execute("COMMIT")
    old.execute("ATTACH ? AS fresh", (str(tmp_path / "fresh.db"),))
    for table in ("articles", "quotes"):
        cols = [r[1] for r in old.execute(f"PRAGMA main.table_info({table})")]
        picked = ", ".join("id" if c == "cluster_id" else c for c in cols)  # old clusters: each quote alone
        old.execute(f"INSERT INTO main.{table} ({', '.join(cols)}) SELECT {picked} FROM fresh.{table}")
    old.execute("DETACH fresh")
    old.close()
    capsys.readouterr()

    upgraded = store.connect(old_path)
    err = capsys.readouterr().err
    n = len(_store_labels(fresh))
    assert f"{old_path}: upgrading: clustering its {n:,} quotes again" in err and "upgraded: clusters rebuilt in" in err

    def clusters(conn) -> dict[int, int]:
        return dict(conn.execute("SELECT id, cluster_id FROM quotes"))

    assert clusters(upgraded) == clusters(fresh)
    assert len(set(clusters(fresh).values())) < n  # there was something to cluster
    assert index_tables(upgraded) == index_tables(fresh)
    _ingest(upgraded, more)
    _ingest(fresh, more)
    assert clusters(upgraded) == clusters(fresh) and index_tables(upgraded) == index_tables(fresh)
    store.connect(old_path).close()  # opened again: nothing to do, nothing said
    assert capsys.readouterr().err == ""


def test_a_corrected_speaker_moves_the_quote_to_its_cluster(db_path):
    """Clusters follow readers' corrections (quotes.corrections): a speaker corrected to
    another person leaves the cluster of the first one, as a fresh clustering would have it."""
    from quotes import corrections

    conn = _recycled_db(db_path)
    (before,) = dedup.recycled(conn)
    first, moved = before.occurrences[1].quote_id, before.occurrences[-1].quote_id  # Stoltenberg's two copies
    corrections.correct(conn, moved, "speaker", corrections.speaker_value(conn, "Javier Colomina"))
    cid = dict(conn.execute("SELECT id, cluster_id FROM quotes").fetchall())
    assert cid[moved] != cid[first]
    rows = conn.execute("SELECT id, text, speaker_name, cluster_id FROM quotes ORDER BY id").fetchall()
    fresh = cluster([{"id": r[0], "text": r[1], "speaker": r[2]} for r in rows])
    assert {r[0]: r[3] for r in rows} == fresh
