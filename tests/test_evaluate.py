"""The evaluation metric on hand-written gold/prediction cases, the textacy mapping, the CLI."""

from __future__ import annotations

from dataclasses import replace

import json
import re
import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.errors import InputError, UsageError
from quotes.evaluate import (
    GoldDoc,
    GoldQuote,
    Scorer,
    coverage,
    evaluate,
    load_gold,
    match,
    score,
    speaker_correct,
    textacy_quotes,
)
from quotes.records import Document, Quote


def g(start: int, end: int, kind: str = "direct", cue: str | None = "said", speaker=None, resolved=None) -> GoldQuote:
    """A gold quote over a dummy text (only offsets matter to the metric)."""
    spans = speaker if speaker and isinstance(speaker[0], tuple) else ((speaker,) if speaker else ())
    return GoldQuote(start, end, "x" * (end - start), kind, speaker=None, speaker_spans=spans,
                     speaker_resolved=resolved, cue=cue)


def p(start: int, end: int, kind: str = "direct", speaker: tuple[int, int] | None = None, name=None) -> Quote:
    sp = speaker or (None, None)
    return Quote(start, end, "x" * (end - start), kind, speaker="s" if speaker else None,
                 speaker_start=sp[0], speaker_end=sp[1], speaker_name=name)


def found(preds, golds, scope="all", t=0.3) -> list[tuple[int, int]]:
    return sorted((pi, gi) for pi, gi, _ in match(preds, golds, scope, t).found)


# ---- overlap and thresholds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("covered", "t", "is_found"),
    [
        (3, 0.3, False),  # exactly 0.3 is not "more than" 0.3
        (4, 0.3, True),
        (4, 0.8, False),
        (8, 0.8, False),  # exactly 0.8
        (9, 0.8, True),
        (0, 0.3, False),
    ],
)
def test_threshold_is_strict(covered: int, t: float, is_found: bool) -> None:
    gold = [g(100, 110)]
    pred = [p(110 - covered, 140)] if covered else [p(200, 240)]
    assert bool(found(pred, gold, t=t)) is is_found


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [((0, 10), (0, 10), 1.0), ((5, 20), (0, 10), 0.5), ((0, 100), (40, 50), 1.0), ((20, 30), (0, 10), 0.0),
     ((0, 10), (5, 5), 0.0)],
)
def test_coverage_is_share_of_gold(pred, gold, expected) -> None:
    assert coverage(p(*pred), g(*gold)) == pytest.approx(expected)


def test_one_prediction_cannot_find_two_golds() -> None:
    golds = [g(0, 10), g(12, 22)]
    assert len(found([p(0, 22)], golds)) == 1
    assert found([p(0, 22), p(12, 22)], golds) == [(0, 0), (1, 1)]


def test_greedy_takes_best_coverage_first() -> None:
    # prediction 0 covers gold 1 fully and gold 0 by half; prediction 1 covers only gold 0
    golds = [g(0, 10), g(10, 20)]
    preds = [p(5, 20), p(0, 6)]
    assert found(preds, golds) == [(0, 1), (1, 0)]


def test_each_gold_found_once() -> None:
    report = score([GoldDoc("d", "", (g(0, 10),))], {"d": [p(0, 10), p(0, 10)]})
    s = report.systems["quotes"].get("all", 0.3)
    assert (s.found, s.predicted, s.precision, s.recall) == (1, 2, 0.5, 1.0)


# ---- scopes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cue", "speech"),
    [("said", True), ("has said", True), ("According to", True), ("SAYS:", True), ("told reporters", True),
     ("unsaid", False), ("saying", False), ("thinks", False), ("―", False), (None, False)],
)
def test_speech_cues_match_whole_words(cue, speech) -> None:
    assert g(0, 5, cue=cue).speech is speech


def test_out_of_scope_find_counts_neither_way() -> None:
    golds = (g(0, 10, "direct"), g(20, 40, "indirect"))
    preds = [p(0, 10), p(20, 40, "direct"), p(60, 70)]  # the last one finds nothing
    s = score([GoldDoc("d", "", golds)], {"d": preds}).systems["quotes"].get("direct+mixed", 0.3)
    assert (s.gold, s.found, s.neutral, s.predicted) == (1, 1, 1, 2)
    assert s.precision == pytest.approx(0.5)


def test_indirect_predictions_do_not_compete_in_direct_scope() -> None:
    golds = (g(0, 10, "direct"),)
    s = score([GoldDoc("d", "", golds)], {"d": [p(0, 10, "indirect"), p(50, 60, "indirect")]})
    dm = s.systems["quotes"].get("direct+mixed", 0.3)
    assert (dm.found, dm.predicted) == (0, 0)
    assert s.systems["quotes"].get("all", 0.3).found == 1


def test_in_scope_gold_is_preferred_over_better_out_of_scope_one() -> None:
    golds = [g(0, 10, "indirect", cue="believes"), g(0, 30, "indirect", cue="said")]
    m = match([p(0, 12)], golds, "speech", 0.3)
    assert [(pi, gi) for pi, gi, _ in m.found] == [(0, 1)] and not m.neutral


def test_recall_per_kind_and_counts() -> None:
    golds = (g(0, 10, "direct"), g(20, 30, "mixed"), g(40, 50, "indirect", cue="noted"), g(60, 70, "indirect"))
    preds = [p(0, 10), p(40, 50, "indirect")]
    s = score([GoldDoc("d", "", golds)], {"d": preds}).systems["quotes"].get("all", 0.3)
    assert s.gold_by_kind == {"direct": 1, "mixed": 1, "indirect": 2}
    assert s.recall_by_kind() == {"direct": 1.0, "mixed": 0.0, "indirect": 0.5}
    assert s.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_failed_document_scores_no_predictions() -> None:
    docs = [GoldDoc("a", "", (g(0, 10),)), GoldDoc("b", "", (g(0, 10),))]
    report = score(docs, {"a": [p(0, 10)], "b": [p(0, 10)]}, failed=["b"])
    system = report.systems["quotes"]
    assert system.failed == ["b"] and system.documents == 2 == report.documents
    s = system.get("all", 0.8)
    assert (s.found, s.predicted, s.gold) == (1, 1, 2)


# ---- speaker rule ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_speaker", "resolved", "pred_speaker", "name", "ok"),
    [
        ((10, 20), None, (15, 25), None, True),
        ((10, 20), None, (20, 25), None, False),  # touching is not overlapping
        ((10, 20), None, None, None, False),
        (((10, 12), (30, 40)), None, (35, 36), None, True),  # split gold mention
        (((10, 12), (30, 40)), None, (13, 29), None, False),
        (None, None, None, None, True),  # neither has a speaker
        (None, None, (5, 8), "Ann Lee", False),
        (None, "Ann Lee", (5, 8), "ann  LEE", True),
        (None, "Ann Lee", (5, 8), "Bo Lee", False),
    ],
)
def test_speaker_rule(gold_speaker, resolved, pred_speaker, name, ok) -> None:
    assert speaker_correct(p(50, 60, speaker=pred_speaker, name=name), g(50, 60, speaker=gold_speaker, resolved=resolved)) is ok


def test_speaker_accuracy_only_on_found_quotes() -> None:
    golds = (g(0, 10, speaker=(30, 33)), g(40, 50, speaker=(60, 63)), g(70, 80, speaker=(90, 93)))
    preds = [p(0, 10, speaker=(30, 32)), p(40, 50, speaker=(0, 5))]
    s = score([GoldDoc("d", "", golds)], {"d": preds}).systems["quotes"].get("all", 0.3)
    assert (s.found, s.speaker_correct, s.speaker_accuracy) == (2, 1, 0.5)


# ---- gold loading ------------------------------------------------------------------------------

TEXT = 'The mayor spoke. "We will rebuild the bridge," Ana Ruiz said. She thinks the river will stay calm.'


def gold_record(doc_id: str = "doc1", text: str = TEXT) -> dict:
    q1s = text.index('"We')
    q1e = text.index('," Ana') + 2
    sp = text.index("Ana Ruiz")
    q2s = text.index("the river")
    return {
        "id": doc_id, "text": text, "source": "test",
        "meta": {"outlet": "Test Post", "date": "2016-05-01", "title": "Bridge"},
        "quotes": [
            {"start": q1s, "end": q1e, "text": text[q1s:q1e], "speaker": "Ana Ruiz", "speaker_start": sp,
             "speaker_end": sp + 8, "kind": "direct", "cue": {"start": sp + 9, "end": sp + 13, "text": "said"},
             "ann_id": "a1"},
            {"start": q2s, "end": len(text) - 1, "text": text[q2s:-1], "speaker": "She",
             "speaker_start": text.index("She"), "speaker_end": text.index("She") + 3, "kind": "indirect",
             "cue": {"start": 0, "end": 0, "text": "thinks"}, "ann_id": "a2"},
        ],
    }


def write_gold(path: Path, records: list[dict], extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_gold_streams_and_limits(tmp_path) -> None:
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a"), gold_record("b"), gold_record("c")])
    docs = load_gold(path, limit=2)
    assert not isinstance(docs, list)
    docs = list(docs)
    assert [d.id for d in docs] == ["a", "b"]
    assert all(q.text == d.text[q.start:q.end] for d in docs for q in d.quotes)
    assert docs[0].quotes[0].speech and not docs[0].quotes[1].speech


def test_gold_document_carries_metadata() -> None:
    d = GoldDoc("x", "t", (), {"outlet": "O", "date": "2016-01-02", "title": "T", "split": "dev"}).to_document()
    assert (d.id, d.outlet, d.date, d.title, d.author) == ("x", "O", "2016-01-02", "T", None)


@pytest.mark.parametrize(
    ("line", "pattern"),
    [("{not json", r"g\.jsonl:2: bad gold record"), ('{"id": "z"}', r":2: .*text"),
     ('{"id": "z", "text": "ab", "quotes": [{"start": 1, "end": 9}]}', r":2: .*outside")],
)
def test_bad_gold_line_names_file_and_line(tmp_path, line, pattern) -> None:
    path = write_gold(tmp_path / "g.jsonl", [gold_record()], (line,))
    with pytest.raises(InputError, match=pattern):
        list(load_gold(path))


def test_missing_gold_file(tmp_path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        list(load_gold(tmp_path / "nope.jsonl"))


# ---- evaluate with a fake extractor ------------------------------------------------------------


def fake_extract(docs, **_kw):
    """Finds every straight double-quoted span, marks included; raises on a text with 'BOOM'."""
    for doc in docs:
        if "BOOM" in doc.text:
            raise RuntimeError("fake failure")
        yield doc, [Quote(m.start(), m.end(), m.group(), "direct") for m in re.finditer(r'"[^"]*"', doc.text)]


def test_evaluate_isolates_failing_documents(tmp_path) -> None:
    bad = gold_record("bad", TEXT.replace("spoke", "BOOM"))
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a"), bad, gold_record("c")])
    report = evaluate(path, nlp=object(), extract=fake_extract)
    system = report.systems["quotes"]
    assert system.failed == ["bad"] and system.errors == {"RuntimeError": 1}
    s = system.get("direct+mixed", 0.8)
    assert (s.gold, s.found, s.predicted) == (3, 2, 2)
    assert s.speaker_accuracy == 0.0  # the fake names no speaker but gold does


def test_evaluate_rejects_unknown_baseline(tmp_path) -> None:
    with pytest.raises(UsageError, match="baseline"):
        evaluate(tmp_path / "g.jsonl", nlp=object(), baseline="nope")


def test_errors_file_lists_misses_and_false_positives(tmp_path) -> None:
    text = TEXT + ' A sign read "closed".'
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a", text)])
    out = tmp_path / "errors.jsonl"
    evaluate(path, nlp=object(), extract=fake_extract, errors=out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    types_ = sorted(r["type"] for r in records)
    assert types_ == ["false_positive", "miss", "speaker"]
    fp = next(r for r in records if r["type"] == "false_positive")
    assert fp["pred_text"] == '"closed"' and fp["doc_id"] == "a"
    assert next(r for r in records if r["type"] == "miss")["gold_kind"] == "indirect"


# ---- CLI (fake model and extractor) ------------------------------------------------------------


@pytest.fixture()
def fake_system(monkeypatch):
    """Replace the spaCy model and the extractor so the CLI runs without loading a pipeline."""
    module = types.ModuleType("quotes.attribution.documents")
    module.extract_documents = fake_extract
    monkeypatch.setitem(sys.modules, "quotes.attribution.documents", module)
    monkeypatch.setattr("quotes.model.cached_model", lambda name=None: object())


def test_cli_json_matches_library(tmp_path, fake_system) -> None:
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a"), gold_record("b")])
    result = CliRunner().invoke(app, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    expected = evaluate(path, nlp=object(), extract=fake_extract).to_dict()
    assert data["systems"] == expected["systems"]
    rows = {(r["scope"], r["threshold"]): r for r in data["systems"]["quotes"]["scores"]}
    assert rows[("direct+mixed", 0.3)]["recall"] == 1.0
    assert rows[("all", 0.3)]["recall_by_kind"]["indirect"]["recall"] == 0.0
    assert data["documents"] == 2


def test_cli_errors_option_writes_jsonl(tmp_path, fake_system) -> None:
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a")])
    out = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(app, ["evaluate", str(path), "--errors", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["type"] for r in records} == {"miss", "speaker"} and {r["doc_id"] for r in records} == {"a"}


def test_cli_table_and_limit(tmp_path, fake_system) -> None:
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a"), gold_record("b"), gold_record("c")])
    result = CliRunner().invoke(app, ["evaluate", str(path), "--limit", "1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "(1 documents)" in " ".join(result.output.split())  # the title may wrap
    assert "direct+mixed" in result.output and "raised on 0 of 1" in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [(["missing.jsonl"], 1, "cannot read"), (["bad.jsonl"], 1, "bad.jsonl:2"),
     (["good.jsonl", "--baseline", "other"], 2, None), (["good.jsonl", "--limit", "-1"], 2, None),
     (["good.jsonl", "--errors", "no/such/dir/e.jsonl"], 1, "cannot write errors file")],
)
def test_cli_errors_are_one_line(tmp_path, fake_system, monkeypatch, args, code, message) -> None:
    write_gold(tmp_path / "bad.jsonl", [gold_record()], ("{oops",))
    write_gold(tmp_path / "good.jsonl", [gold_record()])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["evaluate", *args])
    assert result.exit_code == code
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    if message:
        assert message in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


# ---- textacy baseline (loads the model) --------------------------------------------------------

BASELINE_TEXT = (
    'Talks stalled on Friday. "We will not sign a deal that hurts our farmers," the trade minister said. '
    'She added: "Nobody wants another year of tariffs."'
)


@pytest.mark.slow
def test_textacy_mapping_includes_marks_and_speaker(nlp) -> None:
    quotes = textacy_quotes(nlp(BASELINE_TEXT))
    assert len(quotes) == 2
    for q in quotes:
        assert q.kind == "direct"
        assert BASELINE_TEXT[q.start:q.end] == q.text and q.text[0] == '"' and q.text[-1] == '"'
        assert BASELINE_TEXT[q.speaker_start:q.speaker_end] == q.speaker
        assert BASELINE_TEXT[q.cue_start:q.cue_end] == q.cue
    assert "minister" in quotes[0].speaker and quotes[1].speaker == "She"
    assert (quotes[0].cue, quotes[1].cue) == ("said", "added")


@pytest.mark.slow
def test_textacy_raises_on_odd_marks_and_is_counted(nlp, tmp_path) -> None:
    odd = BASELINE_TEXT + ' Then "a stray mark.'
    with pytest.raises(ValueError):
        textacy_quotes(nlp(odd))
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a"), gold_record("odd", TEXT + ' A "stray mark.')])
    report = evaluate(path, nlp=nlp, baseline="textacy", extract=fake_extract)
    assert report.systems["textacy"].failed == ["odd"]
    assert report.systems["quotes"].failed == []
    assert report.systems["textacy"].get("direct+mixed", 0.3).found == 1


@pytest.mark.slow
def test_cli_with_real_extractor_and_baseline(tmp_path) -> None:
    pytest.importorskip("quotes.attribution.documents")
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a")])
    result = CliRunner().invoke(app, ["evaluate", str(path), "--baseline", "textacy", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["systems"]) == {"quotes", "textacy"}
    textacy_row = data["systems"]["textacy"]["scores"][0]
    assert textacy_row["scope"] == "direct+mixed" and textacy_row["found"] == 1


@pytest.mark.slow
def test_baseline_reuses_parse_without_changing_our_scores(nlp, tmp_path, monkeypatch) -> None:
    pytest.importorskip("quotes.attribution.documents")
    import quotes.evaluate as ev

    text = TEXT + " " + BASELINE_TEXT
    path = write_gold(tmp_path / "g.jsonl", [gold_record("a"), gold_record("b", text)])
    alone = evaluate(path, nlp=nlp).systems["quotes"].to_dict()
    parsed_again: list[str] = []
    take = ev._ParseRecorder.take

    def spy(self, golds, batch_size):
        parsed_again.extend(g.text for g in golds if g.text not in self._docs)
        return take(self, golds, batch_size)

    monkeypatch.setattr(ev._ParseRecorder, "take", spy)
    both = evaluate(path, nlp=nlp, baseline="textacy")
    assert both.systems["quotes"].to_dict() == alone
    assert parsed_again == []  # textacy ran on the extractor's own parse
    assert both.systems["textacy"].get("all", 0.3).found >= 1


# ---- resolved names ----------------------------------------------------------------------------

from quotes.evaluate import confidence_band, mention_kind, name_correct, same_name  # noqa: E402


@pytest.mark.parametrize(
    ("predicted", "wanted", "ok"),
    [
        ("Jens Stoltenberg", "Stoltenberg", True),  # same last word
        ("stoltenberg", "Jens  Stoltenberg.", True),
        ("Hillary Rodham Clinton", "Hillary Clinton", True),  # one word set contains the other
        ("the Clinton campaign", "Clinton campaign", True),
        ("Bill Clinton", "Hillary Clinton", True),  # the README's rule: last words equal
        ("Kamala Harris", "Lord Harris", True),
        ("Ana Ruiz", "Ana Lopez", False),
        ("the minister", "Zakir Hasanov", False),
        (None, "Zakir Hasanov", False),
        ("", "Zakir Hasanov", False),
        ("the Dutch politician", "Mark Rutte", False),
    ],
)
def test_same_name(predicted, wanted, ok) -> None:
    assert same_name(predicted, wanted) is ok


def gq(speaker: str, resolved: str, kind: str = "person") -> GoldQuote:
    return GoldQuote(0, 5, "xxxxx", "direct", speaker=speaker, speaker_spans=((6, 8),),
                     speaker_resolved=resolved, speaker_type=kind)


@pytest.mark.parametrize(
    ("speaker", "resolved", "kind", "expected"),
    [
        ("Sen. Ana Ruiz (D-N.M.)", "Ana Ruiz", "person", "full name"),
        ("Ana", "Ana Ruiz", "person", "full name"),  # the first name printed alone
        ("Ruiz", "Ana Ruiz", "person", "surname"),
        ("Ms. Ruiz", "Ana Ruiz", "person", "surname"),
        ("Ruiz\u2019s", "Ana Ruiz", "person", "surname"),
        ("She", "Ana Ruiz", "person", "pronoun"),
        ("I", "Ana Ruiz", "person", "pronoun"),
        ("the Democratic senator", "Ana Ruiz", "person", "description"),
        ("The Ledger", "The Valley Ledger", "org", "org name"),
        ("it", "The Valley Ledger", "org", "it/they/we"),
        ("We\u2019ve", "the Ruiz campaign", "org", "it/they/we"),
        ("they", "Ana Ruiz and Bo Lee", "group", "it/they/we"),
        ("the paper", "The Valley Ledger", "org", "org description"),
        ("Ruiz and Lee", "Ana Ruiz and Bo Lee", "group", "group"),
        ("a senior aide", "a senior aide", "unnamed", "unnamed"),
    ],
)
def test_mention_kind(speaker, resolved, kind, expected) -> None:
    assert mention_kind(gq(speaker, resolved, kind)) == expected


def test_name_accuracy_counts_found_quotes_with_resolved_speakers() -> None:
    golds = (
        GoldQuote(0, 10, "x" * 10, "direct", speaker="she", speaker_spans=((20, 23),), speaker_resolved="Ana Ruiz",
                  speaker_type="person"),
        GoldQuote(30, 40, "x" * 10, "direct", speaker="Lee", speaker_spans=((50, 53),), speaker_resolved="Bo Lee",
                  speaker_type="person"),
        GoldQuote(60, 70, "x" * 10, "direct", speaker="the mayor", speaker_spans=((80, 89),)),  # not resolved
        GoldQuote(90, 99, "x" * 9, "direct", speaker="he", speaker_spans=((91, 92),), speaker_resolved="Cy Diaz",
                  speaker_type="person"),  # never found
    )
    preds = [
        p(0, 10, speaker=(20, 23), name="Ruiz"),
        p(30, 40, speaker=(50, 53), name="Ana Ruiz"),
        p(60, 70, speaker=(80, 89), name="Mayor Smith"),
    ]
    s = score([GoldDoc("d", "", golds)], {"d": preds}).systems["quotes"].get("all", 0.3)
    assert (s.names, s.names_correct, s.name_accuracy) == (2, 1, 0.5)
    assert s.names_by_mention == {"pronoun": [1, 1], "surname": [1, 0]}
    assert s.names_by_resolver == {"unknown": [2, 1]}
    assert name_correct(preds[0], golds[0]) and not name_correct(preds[1], golds[1])


@pytest.mark.parametrize(
    "confidence, band",
    [(1.0, "0.9-1"), (0.9, "0.9-1"), (0.89, "0.7-0.9"), (0.7, "0.7-0.9"), (0.55, "0.5-0.7"), (0.3, "below 0.5"),
     (0.0, "below 0.5"), (None, "none")],
)
def test_confidence_band(confidence, band) -> None:
    assert confidence_band(replace(p(0, 10), confidence=confidence)) == band


def test_name_accuracy_by_confidence_shows_whether_the_stated_confidence_holds() -> None:
    golds = tuple(
        GoldQuote(k * 20, k * 20 + 10, "x" * 10, "direct", speaker="he", speaker_spans=((k * 20 + 12, k * 20 + 14),),
                  speaker_resolved="Ana Ruiz", speaker_type="person")
        for k in range(3)
    )
    preds = [
        replace(p(0, 10, speaker=(12, 14), name="Ana Ruiz"), confidence=0.95),
        replace(p(20, 30, speaker=(32, 34), name="Bo Lee"), confidence=0.92),  # sure, and wrong
        replace(p(40, 50, speaker=(52, 54), name="Ruiz"), confidence=0.6),
    ]
    s = score([GoldDoc("d", "", golds)], {"d": preds}).systems["quotes"].get("all", 0.3)
    assert s.names_by_confidence == {"0.9-1": [2, 1], "0.5-0.7": [1, 1]}
    assert s.to_dict()["names_by_confidence"]["0.9-1"] == {"total": 2, "correct": 1, "accuracy": 0.5}


def named_record(doc_id: str, names: bool) -> dict:
    record = gold_record(doc_id)
    record["quotes"][0].update(speaker_resolved="Ana Ruiz", speaker_type="person")
    record["meta"]["names"] = names
    if not names:
        record["quotes"][0].pop("speaker_resolved")
    return record


def test_names_only_keeps_documents_with_resolved_speakers(tmp_path) -> None:
    path = write_gold(tmp_path / "g.jsonl", [named_record("a", False), named_record("b", True), named_record("c", False)])
    assert [d.id for d in load_gold(path, names_only=True)] == ["b"]
    report = evaluate(path, nlp=object(), extract=fake_extract, names_only=True)
    assert report.documents == 1
    s = report.systems["quotes"].get("all", 0.3)
    assert (s.names, s.names_correct) == (1, 0)  # the fake names nobody


def test_errors_file_lists_name_errors_and_cli_shows_breakdown(tmp_path, fake_system) -> None:
    path = write_gold(tmp_path / "g.jsonl", [named_record("b", True)])
    out = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(app, ["evaluate", str(path), "--names-only", "--errors", str(out)],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    name = next(r for r in records if r["type"] == "name")
    assert name["gold_speaker_resolved"] == "Ana Ruiz" and name["mention_kind"] == "full name"
    assert name["pred_resolved_by"] is None
    assert "Resolved-name accuracy by gold mention" in result.output and "full name" in result.output
    assert "Resolved-name accuracy by resolved_by" in result.output
