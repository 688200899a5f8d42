"""Worker processes that parse and extract: same results as one process, input order, bounded
look-ahead on the input (memory flat with corpus size), clean stop, model errors reach the caller."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotes.attribution.documents import extract_documents
from quotes.model import ModelError
from quotes.scale.pool import IN_FLIGHT_PER_WORKER, extract_parallel
from quotes.records import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

pytestmark = pytest.mark.slow

SENTENCES = (
    '"We will not back down," the mayor said on Tuesday.',
    "The minister said the talks had failed.",
    'She added: "This is only the beginning of a long process."',
    "Rain is expected across the region later this week.",
)


def small_docs(n: int) -> Iterator[Document]:
    for i in range(n):
        yield Document(id=f"d{i}", text=f"{SENTENCES[i % len(SENTENCES)]}\n\nStory {i}.")


# forkserver: the default start method from Python 3.14 (workers load the model themselves)
@pytest.mark.parametrize(("workers", "batch_size", "start"), [(1, 8, None), (2, 1, None), (2, 3, None), (2, 2, "forkserver")])
def test_same_quotes_in_input_order(corpus_docs, expected, workers, batch_size, start) -> None:
    got = list(extract_parallel(corpus_docs, workers=workers, batch_size=batch_size, start_method=start))
    assert [d for d, _ in got] == corpus_docs
    assert all(a is b for (a, _), b in zip(got, corpus_docs))  # the caller's own documents
    assert [q for _, q in got] == expected
    assert sum(map(len, expected)) > 0


class Counting:
    """An input stream that records how far ahead of the output it has been read."""

    def __init__(self, docs: Iterator[Document]) -> None:
        self.docs = docs
        self.pulled = 0

    def __iter__(self) -> Iterator[Document]:
        for d in self.docs:
            self.pulled += 1
            yield d


@pytest.mark.parametrize("n", [24, 96])
def test_input_read_ahead_is_bounded_whatever_the_corpus_size(n) -> None:
    workers, batch = 2, 2
    stream = Counting(small_docs(n))
    lag = 0
    out = 0
    for doc, _ in extract_parallel(stream, workers=workers, batch_size=batch):
        out += 1
        lag = max(lag, stream.pulled - out)
        assert doc.id == f"d{out - 1}"
    assert out == n
    # at most the batches in flight, plus the batch being read and one per worker read ahead to
    # see the end coming (quotes.scale.executor.batches), are held: the same for n and 4n
    assert lag <= workers * IN_FLIGHT_PER_WORKER * batch + (workers + 1) * batch


def test_stopping_early_ends_the_workers() -> None:
    gen = extract_parallel(small_docs(200), workers=2, batch_size=2)
    first = next(gen)
    assert first[0].id == "d0"
    gen.close()
    assert multiprocessing.active_children() == []


def test_model_error_reaches_the_caller() -> None:
    with pytest.raises(ModelError, match="no_such_model"):
        list(extract_parallel(small_docs(3), model="no_such_model", workers=2))


def test_cli_extract_with_two_workers_prints_the_same_records() -> None:
    from typer.testing import CliRunner

    from quotes.cli import app

    runner = CliRunner()
    one = runner.invoke(app, ["extract", str(CORPUS), "--workers", "1"])
    two = runner.invoke(app, ["extract", str(CORPUS), "--workers", "2"])
    assert one.exit_code == two.exit_code == 0, two.output
    assert two.output == one.output
    assert len(one.output.splitlines()) > 5


def test_other_options_reach_extract_documents_in_the_workers(corpus_docs, nlp) -> None:
    with pytest.raises(TypeError, match="no_such_option"):
        list(extract_parallel(corpus_docs[:1], workers=2, no_such_option=1))
    plain = [q for _, q in extract_documents(corpus_docs, nlp=nlp, skip_irrelevant=False)]
    assert [q for _, q in extract_parallel(corpus_docs, workers=2, skip_irrelevant=False)] == plain
