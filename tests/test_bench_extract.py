"""The benchmark helpers: synthetic corpus generator, corpus reader and the ratio summary."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = load("gen_corpus")
bench = load("bench_extract")


def test_generator_is_deterministic_and_streams() -> None:
    first = gen.synthetic_documents(5, seed=7)
    assert not isinstance(first, list)
    a, b = list(first), list(gen.synthetic_documents(5, seed=7))
    assert a == b and a != list(gen.synthetic_documents(5, seed=8))
    assert len({d["id"] for d in a}) == 5


def test_generated_marks_balance_and_quote_patterns_appear() -> None:
    docs = list(gen.synthetic_documents(50, seed=1))
    text = "\n".join(d["text"] for d in docs)
    # multi-paragraph quotes open each paragraph and close only the last, so only the total balances
    assert text.count("\u201d") <= text.count("\u201c")
    for pattern in (r"\u201d \w+ \w+ \w+", r": \u201c", r"According to ", r" that .*, adding that \u201c"):
        assert re.search(pattern, text), pattern


def test_shuffled_documents_use_source_paragraphs(tmp_path) -> None:
    src = tmp_path / "src.jsonl"
    src.write_text(json.dumps({"text": "Alpha one.\n\nBeta two.\n\nGamma three."}) + "\n", encoding="utf-8")
    docs = list(gen.shuffled_documents(src, 4, seed=0, paragraphs=(2, 3)))
    assert len(docs) == 4
    for d in docs:
        paras = d["text"].strip().split("\n\n")
        assert 2 <= len(paras) <= 3 and set(paras) <= {"Alpha one.", "Beta two.", "Gamma three."}


def test_generator_cli_writes_jsonl(tmp_path) -> None:
    out = tmp_path / "sub" / "c.jsonl"
    assert gen.main(["-n", "3", "-o", str(out)]) == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["syn-0000000", "syn-0000001", "syn-0000002"]


def test_read_documents_takes_meta_and_limit(tmp_path) -> None:
    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": "One two.", "meta": {"date": "2016-01-01", "outlet": "X"}},
            {"id": "b", "text": "Three.", "outlet": "Y"}, {"id": "c", "text": "Four."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    docs = list(bench.read_documents(path, 2))
    assert [(d.id, d.outlet, d.date) for d in docs] == [("a", "X", "2016-01-01"), ("b", "Y", None)]


def run(system: str, workers: int, seconds: float, cpu: float | None = None, words: int = 1000) -> dict:
    cpu = cpu or seconds
    return {"system": system, "workers": workers, "seconds": seconds, "words": words, "words_per_s": words / seconds,
            "cpu_seconds": cpu, "words_per_cpu_s": words / cpu}


def test_summary_keeps_fastest_run_and_computes_ratios() -> None:
    runs = [run("bare", 1, 10, cpu=4), run("quotes", 1, 20, cpu=6), run("quotes", 2, 8, cpu=12), run("bare", 1, 5),
            run("textacy", 1, 25)]
    rows = {(r["system"], r["workers"]): r for r in bench.summarize(runs)}
    assert rows[("bare", 1)]["seconds"] == 5 and rows[("bare", 1)]["runs"] == [10, 5]
    assert rows[("quotes", 1)]["vs_bare"] == pytest.approx(5 / 20)
    # CPU time: the least CPU of any run counts, independently of the fastest wall-clock run
    assert rows[("bare", 1)]["words_per_cpu_s"] == pytest.approx(1000 / 4)
    assert rows[("quotes", 1)]["vs_bare_cpu"] == pytest.approx(4 / 6)
    assert rows[("quotes", 2)]["vs_1_worker"] == pytest.approx(20 / 8)
    assert rows[("textacy", 1)]["vs_1_worker"] is None


@pytest.mark.parametrize(
    ("systems", "workers", "expected"),
    [(["bare", "quotes", "textacy"], [1, 2], [("bare", 1), ("quotes", 1), ("quotes", 2), ("textacy", 1)]),
     (["quotes"], [2], [("quotes", 2)])],
)
def test_plan(systems, workers, expected) -> None:
    assert bench.plan(systems, workers) == expected


@pytest.mark.parametrize(
    ("bare_s", "two_s", "expected"),
    [(12, 5.5, ["quotes extract vs bare spaCy: 1.20x words/s (wall), 0.50x per CPU second; target 1.2-1.5x as before (>= 1.2): meets",
                "quotes extract --workers 2 vs 1: 1.82x words/s (wall); target >= 1.8x: meets"]),
     (11, 6, ["quotes extract vs bare spaCy: 1.10x words/s (wall), 0.50x per CPU second; target 1.2-1.5x as before (>= 1.2): MISSES",
              "quotes extract --workers 2 vs 1: 1.67x words/s (wall); target >= 1.8x: MISSES"])],
)
def test_verdicts_compare_the_run_with_the_targets(bare_s, two_s, expected) -> None:
    rows = bench.summarize([run("bare", 1, bare_s, cpu=5), run("quotes", 1, 10, cpu=10), run("quotes", 2, two_s)])
    assert bench.verdicts(rows) == expected
    assert bench.verdicts(bench.summarize([run("quotes", 1, 10)])) == []
