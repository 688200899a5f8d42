"""bench/bench_long.py's table and verdicts (issue 15's targets) on made-up runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))  # bench_long imports gen_corpus
_spec = importlib.util.spec_from_file_location("bench_long", BENCH / "bench_long.py")
assert _spec and _spec.loader
bench_long = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_long)


def row(mb: float, cpu: float, peak: int = 400, wall: float | None = None) -> dict:
    return {"mb": mb, "chars": int(mb * 1_000_000), "words": int(mb * 160_000), "quotes": int(mb * 4_000),
            "seconds": wall or cpu * 2, "cpu_seconds": cpu, "rules_seconds": cpu / 5, "rules_cpu_seconds": cpu / 5,
            "peak_mb": peak}


def test_growth_per_doubling_is_linear_2_and_quadratic_4() -> None:
    linear = [row(0.25, 10), row(0.5, 20), row(1, 40), row(3, 120)]
    assert bench_long.growth(linear, "cpu_seconds") == [None, pytest.approx(2.0), pytest.approx(2.0), pytest.approx(2.0)]
    quadratic = [row(1, 10), row(3, 90)]
    assert bench_long.growth(quadratic, "cpu_seconds")[1] == pytest.approx(4.0)


def test_verdicts_meet_the_targets() -> None:
    lines = bench_long.verdicts([row(0.25, 10), row(0.5, 21), row(1, 42), row(3, 130, peak=520, wall=400)])
    assert lines[0].startswith("growth per doubling (CPU, fitted over 0.25-3 MB): 2.0") and lines[0].endswith("target <= 2.2: meets")
    assert lines[1] == ("3 MB article: 130 s CPU (400 s wall, OVER the target on this machine's load), 520 MB;"
                        " target < 180 s and < 700 MB: meets")


@pytest.mark.parametrize(
    "rows",
    [
        [row(0.25, 10), row(0.5, 25), row(1, 62), row(3, 240)],  # 2.4x per doubling
        [row(0.25, 10), row(0.5, 20), row(1, 40), row(3, 190)],  # 3 MB too slow (and growth 2.7)
        [row(1, 40), row(3, 120, peak=800)],  # too much memory
    ],
)
def test_verdicts_name_a_miss(rows) -> None:
    assert any(line.endswith("MISSES") for line in bench_long.verdicts(rows))


def test_fitted_growth_smooths_one_noisy_step() -> None:
    rows = [row(0.25, 6.3), row(0.5, 14.1), row(1, 24.8), row(3, 73.4)]  # a run on the loaded machine
    assert max(g for g in bench_long.growth(rows, "cpu_seconds") if g) > 2.2
    assert bench_long.fitted_growth(rows, "cpu_seconds") == pytest.approx(1.98, abs=0.03)
    assert bench_long.fitted_growth([row(1, 10), row(2, 40), row(4, 160)], "cpu_seconds") == pytest.approx(4.0)


def test_table_shows_wall_cpu_and_growth() -> None:
    lines = bench_long.table([row(1, 40, wall=50), row(3, 120, wall=150)])
    assert lines[0].startswith("| MB | words | quotes | wall s | x per doubling | CPU s | x per doubling |")
    assert lines[3] == "| 3 | 480,000 | 12,000 | 150.0 | 2.00 | 120.0 | 2.00 | 24.0 | 2.00 | 400 |"
