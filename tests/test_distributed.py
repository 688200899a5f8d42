"""Extraction on Dask: a LocalCluster of two in-process workers gives the single-process results,
in input order, with a bounded read-ahead; ingesting through it twice changes nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import store
from quotes.cli import app
from quotes.attribution.documents import EXTRACTOR_VERSION, extract_documents, load_gazetteer
from quotes.records import Document
from quotes.scale.executor import batches

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
VERSIONS = store.Versions(EXTRACTOR_VERSION, "model==test", "gaz")


def test_missing_dask_is_one_clear_error(monkeypatch) -> None:
    from quotes.scale import dask as distributed

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    with pytest.raises(distributed.DaskUnavailable, match=r"pip install 'quotes\[dask\]'"):
        list(distributed.extract_with_dask([Document(id="a", text="x")]))


dd = pytest.importorskip("dask.distributed")
from quotes.scale import dask as distributed  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with dd.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0", silence_logs=40
    ) as cluster:
        yield cluster


@pytest.fixture()
def client(cluster):
    with dd.Client(cluster) as client:
        yield client


@pytest.mark.slow
@pytest.mark.parametrize("partition_size", [1, 2, 16])
def test_same_quotes_as_one_process_in_input_order(client, corpus_docs, expected, partition_size) -> None:
    got = list(distributed.extract_with_dask(corpus_docs, client=client, partition_size=partition_size))
    assert all(a is b for (a, _), b in zip(got, corpus_docs, strict=True))
    assert [q for _, q in got] == expected
    assert sum(map(len, expected)) > 0
    assert client.status == "running"  # a client passed in is left open


@pytest.mark.slow
def test_read_ahead_is_bounded(client, corpus_docs) -> None:
    pulled = 0

    def stream():
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield Document(id=f"d{i}", text=corpus_docs[i % len(corpus_docs)].text[:400])

    lag = out = 0
    for _ in distributed.extract_with_dask(stream(), client=client, partition_size=2):
        out += 1
        lag = max(lag, pulled - out)
    assert out == 40
    threads = sum(client.nthreads().values())
    # partitions in flight, plus one partition per worker read ahead to see the end coming
    assert lag <= (threads * distributed.IN_FLIGHT_PER_THREAD + threads + 1) * 2


@pytest.mark.slow
def test_the_end_of_the_input_goes_out_in_smaller_partitions(client, corpus_docs, monkeypatch) -> None:
    sizes: list[int] = []
    real = distributed.payload

    def payload(part):
        sizes.append(len(part))
        return real(part)

    monkeypatch.setattr(distributed, "payload", payload)
    docs = [Document(id=f"d{i}", text=corpus_docs[i % len(corpus_docs)].text[:300]) for i in range(40)]
    assert len(list(distributed.extract_with_dask(docs, client=client, partition_size=8))) == 40
    threads = sum(client.nthreads().values())
    assert sizes == [len(b) for b in batches(range(40), 8, workers=threads)]  # as the process pool sends them
    assert sizes[:2] == [8, 8] and sizes[-1] < 8


@pytest.mark.slow
def test_ingest_through_dask_matches_and_is_idempotent(client, corpus_docs, tmp_path, nlp) -> None:
    gaz = load_gazetteer()
    one = store.connect(tmp_path / "one.db")
    store.ingest(one, corpus_docs, lambda docs: extract_documents(docs, nlp=nlp, gazetteer=gaz), VERSIONS)
    conn = store.connect(tmp_path / "dask.db")

    def on_dask(docs):
        return distributed.extract_with_dask(docs, client=client, gazetteer=gaz, partition_size=2)

    first = store.ingest(conn, corpus_docs, on_dask, VERSIONS)
    assert (first.new, first.unchanged) == (len(corpus_docs), 0)
    again = store.ingest(conn, corpus_docs, on_dask, VERSIONS)
    assert (again.new, again.unchanged, again.quotes) == (0, len(corpus_docs), 0)
    sql = "SELECT a.doc_id, q.seq, q.start_char, q.end_char, q.kind, q.speaker_name FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY 1, 2"
    rows = conn.execute(sql).fetchall()
    assert [tuple(r) for r in rows] == [tuple(r) for r in one.execute(sql).fetchall()]
    assert len(rows) == first.quotes > 0


@pytest.mark.slow
def test_cli_ingest_dask(cluster, monkeypatch, tmp_path) -> None:
    # "--dask ADDRESS" connects to that scheduler; here the address of the test cluster
    runner = CliRunner()
    db = tmp_path / "q.db"
    result = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(db), "--dask", cluster.scheduler_address, "--partition-size", "2"])
    assert result.exit_code == 0, result.output
    assert "5 new" in result.output
    again = runner.invoke(app, ["ingest", str(CORPUS), "--db", str(db), "--dask", cluster.scheduler_address])
    assert "0 new, 5 unchanged" in again.output


def test_unreachable_scheduler_is_a_usage_error(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError("Timed out trying to connect")

    monkeypatch.setattr(dd, "Client", refuse)
    with pytest.raises(distributed.DaskSchedulerError, match="cannot connect to Dask scheduler 'tcp://nowhere:1'"):
        list(distributed.extract_with_dask([Document(id="a", text="x")], scheduler="tcp://nowhere:1", gazetteer=None))


@pytest.mark.slow
def test_other_options_reach_the_workers(client, corpus_docs) -> None:
    with pytest.raises(TypeError, match="no_such_option"):
        list(distributed.extract_with_dask(corpus_docs[:1], client=client, no_such_option=1))
