"""The ordered executor (:mod:`quotes.scale.executor`) without worker processes: how a stream is cut
into batches, how far ahead it is read, and the order and number of results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from quotes.scale.executor import batches, ordered


@pytest.mark.parametrize(
    ("n", "size", "workers", "sizes"),
    [
        (10, 4, 0, [4, 4, 2]),  # no workers given: whole batches, the last one short
        (0, 4, 2, []),
        (3, 8, 2, [1, 1, 1]),  # a stream shorter than a batch is shared out
        (20, 4, 2, [4, 4, 4, 2, 2, 1, 1, 1, 1]),  # 8 left when the end is seen: 2, 2, 1, ...
        (40, 8, 2, [8, 8, 8, 4, 3, 3, 2, 1, 1, 1, 1]),
        (13, 4, 1, [4, 4, 3, 1, 1]),
    ],
)
def test_the_end_of_the_stream_goes_out_in_decreasing_batches(n: int, size: int, workers: int, sizes: list[int]) -> None:
    got = list(batches(range(n), size, workers=workers))
    assert [len(b) for b in got] == sizes
    assert [x for b in got for x in b] == list(range(n))


@pytest.mark.parametrize("n", [50, 200])
def test_batches_read_only_the_workers_batches_ahead(n: int) -> None:
    size, workers = 4, 2
    pulled = 0

    def stream() -> Iterator[int]:
        nonlocal pulled
        for i in range(n):
            pulled += 1
            yield i

    given = 0
    for batch in batches(stream(), size, workers=workers):
        given += len(batch)
        assert pulled - given <= size * workers  # the same bound for n and 4n


class _Done:
    def __init__(self, batch: list[int], log: list[str]) -> None:
        self.batch, self.log = batch, log

    def wait(self) -> list[int]:
        self.log.append(f"wait {len(self.batch)}")
        return [x * 10 for x in self.batch]

    def cancel(self) -> None:
        pass


def test_the_window_counts_items_so_small_batches_keep_more_out() -> None:
    log: list[str] = []

    def submit(batch: list[int]) -> _Done:
        log.append(f"submit {len(batch)}")
        return _Done(batch, log)

    got = list(ordered(range(20), submit, batch_size=4, in_flight=2, workers=2))
    assert got == [(i, i * 10) for i in range(20)]
    # two batches of 4 fill the window (8 items); at the end six small batches are out at once
    assert log == ["submit 4", "submit 4", "wait 4", "submit 4", "wait 4", "submit 2", "submit 2", "wait 4"] + [
        "submit 1"] * 4 + ["wait 2"] * 2 + ["wait 1"] * 4


def test_a_batch_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        list(batches(range(3), 0, workers=2))
