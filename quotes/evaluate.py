"""Score quote extraction against gold annotations (PolNeAR-style JSONL).

The metric follows ``../shared/eval/README.md``:

* A gold quote is *found* when an unused predicted quote covers more than ``t`` of its
  characters (overlap / gold length), for ``t`` in :data:`THRESHOLDS`. Each prediction finds at
  most one gold quote. Matching is greedy: all (prediction, gold) pairs above the threshold are
  taken in order of decreasing coverage (ties: earlier gold, then earlier prediction), in-scope
  gold quotes first; a prediction left over may then find an out-of-scope gold quote, and such a
  prediction counts neither way (it leaves the precision denominator).
* Precision = found / predictions, recall = found / gold, F1 their harmonic mean.
* Speaker accuracy on found quotes: the predicted speaker span overlaps the gold speaker span;
  a gold quote without a speaker mention counts when the prediction has none either, or when the
  prediction names the gold ``speaker_resolved`` (if the gold data gives it).

Scopes, reported side by side (:data:`SCOPES`):

* ``direct+mixed``: gold kinds direct|mixed against predicted kinds direct|mixed;
* ``speech``: gold quotes of every kind whose cue contains a speech verb
  (:data:`SPEECH_VERBS`) against all predictions;
* ``all``: every gold quote against all predictions.

A document whose extraction raises is scored with no predictions and counted in
``documents_failed``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from quotes.errors import InputError, UsageError
from quotes.lexicon import SCORED_SPEECH_CUES
from quotes.normalize import casefold_name
from quotes.records import KINDS, Document, Quote

THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
SPEAKER_THRESHOLD: float = 0.3  # the threshold whose found quotes the headline speaker accuracy uses
SCOPES: tuple[str, ...] = ("direct+mixed", "speech", "all")
SPEECH_VERBS: tuple[str, ...] = SCORED_SPEECH_CUES  # the "speech" scope's cue words (quotes.lexicon)
_SPEECH_RE = re.compile(r"\b(?:" + "|".join(SPEECH_VERBS) + r")\b", re.IGNORECASE)
BASELINES: tuple[str, ...] = ("textacy",)
SYSTEM = "quotes"


# ---- gold data ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One annotated quotation; offsets index the document text."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_spans: tuple[tuple[int, int], ...] = ()  # one span, or several for split mentions
    speaker_resolved: str | None = None
    cue: str | None = None
    ann_id: str | None = None
    part: tuple[int, int] | None = None
    speaker_type: str | None = None  # person, org, group, unnamed, none (when resolved in the gold)

    @property
    def speech(self) -> bool:
        """Whether the cue is a speech verb (the README's list, whole words, any case)."""
        return bool(self.cue and _SPEECH_RE.search(self.cue))


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document: its text, metadata and annotated quotes."""

    id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_document(self) -> Document:
        """The document the extractor reads; the date reaches the gazetteer through it."""
        meta = self.meta

        def text_or_none(key: str) -> str | None:
            value = meta.get(key)
            return str(value) if value not in (None, "") else None

        return Document(
            id=self.id,
            text=self.text,
            title=text_or_none("title"),
            outlet=text_or_none("outlet"),
            date=text_or_none("date"),
            author=text_or_none("author"),
            meta=dict(meta),
        )


def _gold_quote(q: Mapping[str, Any], text: str) -> GoldQuote:
    start, end = int(q["start"]), int(q["end"])
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"quote offsets {start}:{end} outside the text")
    spans: list[tuple[int, int]] = []
    if q.get("speaker_segments"):
        spans = [(int(s), int(e)) for s, e in q["speaker_segments"]]
    elif q.get("speaker_start") is not None and q.get("speaker_end") is not None:
        spans = [(int(q["speaker_start"]), int(q["speaker_end"]))]
    cue = q.get("cue")
    cue_text = cue.get("text") if isinstance(cue, Mapping) else cue if isinstance(cue, str) else None
    part = q.get("part")
    return GoldQuote(
        start=start,
        end=end,
        text=text[start:end],
        kind=str(q.get("kind", "indirect")),
        speaker=q.get("speaker"),
        speaker_spans=tuple(spans),
        speaker_resolved=q.get("speaker_resolved"),
        cue=cue_text,
        ann_id=q.get("ann_id"),
        part=tuple(part) if part else None,
        speaker_type=q.get("speaker_type"),
    )


def has_names(doc: GoldDoc) -> bool:
    """Whether a gold document carries resolved speakers (``meta.names`` or any
    ``speaker_resolved``): the documents the resolved-name metric is computed on."""
    return bool(doc.meta.get("names")) or any(q.speaker_resolved for q in doc.quotes)


def load_gold(path: str | Path, *, limit: int | None = None, names_only: bool = False) -> Iterator[GoldDoc]:
    """Stream the gold documents of a JSONL file, one per line (blank lines skipped).

    ``names_only`` keeps the documents with resolved speakers (:func:`has_names`); ``limit``
    counts the documents kept. Raises :class:`InputError` naming the file and line for a missing file or a bad record.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read gold file ({exc.strerror or exc})") from None
    with handle:
        count = 0
        for lineno, line in enumerate(handle, 1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                if not isinstance(text, str):
                    raise ValueError("'text' is not a string")
                doc = GoldDoc(
                    id=str(record.get("id", f"{path.stem}:{lineno}")),
                    text=text,
                    quotes=tuple(_gold_quote(q, text) for q in record.get("quotes") or ()),
                    meta=dict(record.get("meta") or {}),
                )
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise InputError(f"{path}:{lineno}: bad gold record ({type(exc).__name__}: {exc})") from None
            if names_only and not has_names(doc):
                continue
            count += 1
            yield doc


# ---- matching ----------------------------------------------------------------------------------


def coverage(pred: Quote, gold: GoldQuote) -> float:
    """Share of the gold quote's characters that the prediction covers (0 for an empty gold)."""
    length = gold.end - gold.start
    if length <= 0:
        return 0.0
    return max(0, min(pred.end, gold.end) - max(pred.start, gold.start)) / length


def in_scope_gold(gold: GoldQuote, scope: str) -> bool:
    """Whether a gold quote belongs to ``scope``."""
    if scope == "direct+mixed":
        return gold.kind in ("direct", "mixed")
    if scope == "speech":
        return gold.speech
    if scope == "all":
        return True
    raise ValueError(f"unknown scope {scope!r}")


def in_scope_pred(pred: Quote, scope: str) -> bool:
    """Whether a prediction competes in ``scope`` (only direct+mixed filters by kind)."""
    return pred.kind in ("direct", "mixed") if scope == "direct+mixed" else True


def _greedy(
    preds: Sequence[Quote], golds: Sequence[GoldQuote], pred_idx: Iterable[int], gold_idx: Iterable[int],
    threshold: float, used_p: set[int], used_g: set[int],
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching by decreasing coverage among the given indices."""
    pairs = []
    gold_list = [g for g in gold_idx if g not in used_g]
    for p in pred_idx:
        if p in used_p:
            continue
        for g in gold_list:
            c = coverage(preds[p], golds[g])
            if c > threshold:
                pairs.append((-c, g, p))
    pairs.sort()
    matches = []
    for neg_c, g, p in pairs:
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        matches.append((p, g, -neg_c))
    return matches


@dataclass(frozen=True, slots=True)
class Matching:
    """The outcome of matching one document's predictions against its gold in one scope."""

    found: tuple[tuple[int, int, float], ...]  # (prediction index, gold index, coverage)
    neutral: frozenset[int]  # predictions that found an out-of-scope gold quote
    scoped_preds: tuple[int, ...]  # predictions that compete in this scope
    scoped_gold: tuple[int, ...]


def match(preds: Sequence[Quote], golds: Sequence[GoldQuote], scope: str, threshold: float) -> Matching:
    """Match predictions to gold quotes in ``scope`` at ``threshold`` (see the module docstring)."""
    scoped_p = tuple(i for i, p in enumerate(preds) if in_scope_pred(p, scope))
    scoped_g = tuple(i for i, g in enumerate(golds) if in_scope_gold(g, scope))
    in_scope = set(scoped_g)
    other_g = [i for i in range(len(golds)) if i not in in_scope]
    used_p: set[int] = set()
    used_g: set[int] = set()
    found = _greedy(preds, golds, scoped_p, scoped_g, threshold, used_p, used_g)
    neutral = _greedy(preds, golds, scoped_p, other_g, threshold, used_p, used_g)
    return Matching(tuple(found), frozenset(p for p, _, _ in neutral), scoped_p, scoped_g)


def speaker_correct(pred: Quote, gold: GoldQuote) -> bool:
    """The README's speaker rule for a found quote."""
    if gold.speaker_spans:
        if pred.speaker_start is None or pred.speaker_end is None:
            return False
        return any(max(pred.speaker_start, s) < min(pred.speaker_end, e) for s, e in gold.speaker_spans)
    if pred.speaker_start is None and not pred.speaker:
        return True
    if gold.speaker_resolved:
        wanted = casefold_name(gold.speaker_resolved)
        return wanted in (casefold_name(pred.speaker_name), casefold_name(pred.speaker))
    return False


# ---- resolved names ----------------------------------------------------------------------------

#: Kinds of gold speaker mention, in the order the breakdown prints them.
MENTION_KINDS: tuple[str, ...] = (
    "full name", "surname", "pronoun", "description", "org name", "it/they/we", "org description",
    "group", "unnamed",
)
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "i", "me", "my", "you", "your"})
_GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "us", "our"})
_TITLE_WORDS = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "sir", "dame", "lord", "lady"})
_PUNCT_RE = re.compile(r"[^\w\s]")


def _name_words(text: str | None) -> list[str]:
    """Lower-cased words with punctuation stripped (the README's comparison form)."""
    return _PUNCT_RE.sub("", (text or "").casefold()).split()


def _mention_words(text: str | None) -> list[str]:
    """A mention's words with contractions and possessives cut off (``We've``, ``Trump's``)."""
    words = re.split(r"[^\w]+", re.sub(r"['’]\w*", "", (text or "").casefold()))
    return [w for w in words if w]


def mention_kind(gold: GoldQuote) -> str:
    """What kind of expression the gold mention is, judged against whom it resolves to:
    a person's full name, surname (with or without an honorific), pronoun, or a description
    sharing no word with the name; an organization's name, pronoun (it/they/we) or description;
    a group of named sources; an unnamed source."""
    kind = gold.speaker_type or "unnamed"
    words = _mention_words(gold.speaker)
    pronoun = bool(words) and len(words) <= 2 and words[0] in _PERSON_PRONOUNS | _GROUP_PRONOUNS
    if kind == "person":
        return "pronoun" if pronoun else _person_mention_kind(words, gold.speaker_resolved)
    if kind in ("org", "group"):
        if pronoun:
            return "it/they/we"
        if kind == "group":
            return "group"
        name = _mention_words(gold.speaker_resolved)
        return "org name" if set(words) & set(name) - {"the", "of", "and"} else "org description"
    return "unnamed"


def _person_mention_kind(words: list[str], resolved: str | None) -> str:
    """A person's mention (not a pronoun) against the name it resolves to: ``full name`` when it
    shares two words or the first name with it, ``surname`` when it shares another word,
    ``description`` when it shares none (honorifics do not count)."""
    name = [w for w in _mention_words(resolved) if w not in _TITLE_WORDS]
    shared = set(words) & set(name)
    if not shared:
        return "description"
    return "full name" if len(shared) >= 2 or (len(name) > 1 and name[0] in shared) else "surname"


def same_name(predicted: str | None, wanted: str | None) -> bool:
    """The README's resolved-name rule: after lower-casing and stripping punctuation, one
    name's word set contains the other's (rapidfuzz ``token_set_ratio`` >= 90) or the last
    words are equal (``Jens Stoltenberg`` ~ ``Stoltenberg``)."""
    from rapidfuzz import fuzz

    a, b = _name_words(predicted), _name_words(wanted)
    if not a or not b:
        return False
    if a[-1] == b[-1]:
        return True
    return fuzz.token_set_ratio(" ".join(a), " ".join(b)) >= 90


def name_correct(pred: Quote, gold: GoldQuote) -> bool:
    """Whether a found quote names the source the gold ``speaker_resolved`` names: the
    prediction's ``speaker_name``, or its mention when it resolved no name."""
    return same_name(pred.speaker_name or pred.speaker, gold.speaker_resolved)


# Bands of a record's ``confidence``, highest first: whether the confidence a record states is
# borne out (names given at 0.95 should be right about 95% of the time).
CONFIDENCE_BANDS: tuple[tuple[str, float], ...] = (("0.9-1", 0.9), ("0.7-0.9", 0.7), ("0.5-0.7", 0.5), ("below 0.5", 0.0))


def confidence_band(pred: Quote) -> str:
    """The :data:`CONFIDENCE_BANDS` label of a prediction's ``confidence``, ``none`` without one."""
    conf = getattr(pred, "confidence", None)
    if conf is None:
        return "none"
    return next(label for label, low in CONFIDENCE_BANDS if conf >= low)


def resolver_of(pred: Quote) -> str:
    """How the prediction's name was resolved (its ``resolved_by``), ``none`` without one."""
    return getattr(pred, "resolved_by", None) or ("none" if not (pred.speaker_name or pred.speaker) else "unknown")


# ---- scores ------------------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(slots=True)
class ScopeScore:
    """Counts and rates for one system, scope and threshold."""

    scope: str
    threshold: float
    gold: int = 0
    predicted: int = 0  # predictions in the precision denominator (neutral ones excluded)
    neutral: int = 0
    found: int = 0
    speaker_correct: int = 0
    gold_by_kind: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    found_by_kind: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    names: int = 0  # found gold quotes that carry a resolved speaker
    names_correct: int = 0
    names_by_mention: dict[str, list[int]] = field(default_factory=dict)  # kind -> [total, correct]
    names_by_resolver: dict[str, list[int]] = field(default_factory=dict)  # resolved_by -> [total, correct]
    names_by_confidence: dict[str, list[int]] = field(default_factory=dict)  # confidence band -> [total, correct]

    def add_name(self, mention: str, resolver: str, ok: bool, band: str = "none") -> None:
        """Count one found quote with a resolved gold speaker (``band``: its confidence band)."""
        self.names += 1
        self.names_correct += ok
        for table, key in ((self.names_by_mention, mention), (self.names_by_resolver, resolver),
                           (self.names_by_confidence, band)):
            row = table.setdefault(key, [0, 0])
            row[0] += 1
            row[1] += ok

    @property
    def name_accuracy(self) -> float | None:
        return _ratio(self.names_correct, self.names)

    @property
    def precision(self) -> float | None:
        return _ratio(self.found, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.found, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float | None:
        return _ratio(self.speaker_correct, self.found)

    def recall_by_kind(self) -> dict[str, float | None]:
        return {k: _ratio(self.found_by_kind[k], self.gold_by_kind[k]) for k in self.gold_by_kind}

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "threshold": self.threshold,
            "gold": self.gold,
            "predicted": self.predicted,
            "neutral": self.neutral,
            "found": self.found,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "speaker_correct": self.speaker_correct,
            "speaker_accuracy": self.speaker_accuracy,
            "names": self.names,
            "names_correct": self.names_correct,
            "name_accuracy": self.name_accuracy,
            "names_by_mention": {
                k: {"total": t, "correct": c, "accuracy": _ratio(c, t)} for k, (t, c) in self.names_by_mention.items()
            },
            "names_by_resolver": {
                k: {"total": t, "correct": c, "accuracy": _ratio(c, t)} for k, (t, c) in self.names_by_resolver.items()
            },
            "names_by_confidence": {
                k: {"total": t, "correct": c, "accuracy": _ratio(c, t)} for k, (t, c) in self.names_by_confidence.items()
            },
            "recall_by_kind": {
                k: {"gold": self.gold_by_kind[k], "found": self.found_by_kind[k], "recall": r}
                for k, r in self.recall_by_kind().items()
            },
        }


@dataclass(slots=True)
class SystemScore:
    """All scores of one system (this toolkit or a baseline)."""

    name: str
    scores: dict[tuple[str, float], ScopeScore]
    documents: int = 0
    failed: list[str] = field(default_factory=list)  # ids of documents where the system raised
    errors: dict[str, int] = field(default_factory=dict)  # exception type -> count

    def get(self, scope: str, threshold: float) -> ScopeScore:
        return self.scores[(scope, threshold)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "documents_failed": len(self.failed),
            "failed_ids": list(self.failed),
            "failure_types": dict(self.errors),
            "scores": [s.to_dict() for s in self.scores.values()],
        }


@dataclass(slots=True)
class Report:
    """Scores of every system on one gold set, side by side."""

    systems: dict[str, SystemScore]
    documents: int = 0
    source: str | None = None
    thresholds: tuple[float, ...] = THRESHOLDS
    scopes: tuple[str, ...] = SCOPES

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.source,
            "documents": self.documents,
            "thresholds": list(self.thresholds),
            "scopes": list(self.scopes),
            "speech_verbs": list(SPEECH_VERBS),
            "systems": {name: s.to_dict() for name, s in self.systems.items()},
        }


class Scorer:
    """Accumulates the scores of one system document by document (streaming)."""

    def __init__(self, name: str = SYSTEM, *, errors: IO[str] | None = None) -> None:
        self.result = SystemScore(
            name, {(s, t): ScopeScore(s, t) for s in SCOPES for t in THRESHOLDS}
        )
        self._errors = errors

    def add(self, gold: GoldDoc, preds: Sequence[Quote], *, failure: BaseException | None = None) -> None:
        """Score one document; ``failure`` marks a document where the system raised."""
        res = self.result
        res.documents += 1
        if failure is not None:
            res.failed.append(gold.id)
            kind = type(failure).__name__
            res.errors[kind] = res.errors.get(kind, 0) + 1
            preds = ()
        golds = gold.quotes
        for (scope, t), score in res.scores.items():
            m = match(preds, golds, scope, t)
            score.gold += len(m.scoped_gold)
            score.neutral += len(m.neutral)
            score.predicted += len(m.scoped_preds) - len(m.neutral)
            score.found += len(m.found)
            for g in m.scoped_gold:
                score.gold_by_kind[golds[g].kind] = score.gold_by_kind.get(golds[g].kind, 0) + 1
            for p, g, _ in m.found:
                score.found_by_kind[golds[g].kind] = score.found_by_kind.get(golds[g].kind, 0) + 1
                score.speaker_correct += speaker_correct(preds[p], golds[g])
                if golds[g].speaker_resolved:
                    score.add_name(mention_kind(golds[g]), resolver_of(preds[p]), name_correct(preds[p], golds[g]),
                                   confidence_band(preds[p]))
            if self._errors is not None and scope == "all" and t == SPEAKER_THRESHOLD:
                for record in error_records(gold, preds, m, system=res.name, failure=failure):
                    self._errors.write(json.dumps(record, ensure_ascii=False) + "\n")


def error_records(
    gold: GoldDoc, preds: Sequence[Quote], m: Matching, *, system: str, failure: BaseException | None = None,
) -> Iterator[dict[str, Any]]:
    """Error-analysis records for one document: misses, false positives, speaker errors, name errors
    (``name``: the resolved speaker is wrong), and
    ``boundary`` records for gold quotes found at the lower threshold but covered no more than the
    highest one."""
    golds = gold.quotes
    base = {"system": system, "doc_id": gold.id}
    if failure is not None:
        yield {**base, "type": "raised", "error": f"{type(failure).__name__}: {failure}"[:300]}

    def gold_part(g: GoldQuote) -> dict[str, Any]:
        return {
            "gold_start": g.start, "gold_end": g.end, "gold_text": g.text, "gold_kind": g.kind,
            "gold_speaker": g.speaker, "gold_speaker_spans": [list(x) for x in g.speaker_spans],
            "gold_speaker_resolved": g.speaker_resolved, "gold_speaker_type": g.speaker_type,
            "gold_cue": g.cue, "speech_cue": g.speech,
        }

    def pred_part(p: Quote) -> dict[str, Any]:
        return {
            "pred_start": p.start, "pred_end": p.end, "pred_text": p.text, "pred_kind": p.kind,
            "pred_speaker": p.speaker, "pred_speaker_start": p.speaker_start, "pred_speaker_end": p.speaker_end,
            "pred_speaker_name": p.speaker_name, "pred_cue": p.cue,
            "pred_resolved_by": getattr(p, "resolved_by", None), "pred_confidence": getattr(p, "confidence", None),
        }

    found_g = {g: (p, c) for p, g, c in m.found}
    for g, q in enumerate(golds):
        if g not in found_g:
            yield {**base, "type": "miss", **gold_part(q)}
            continue
        p, c = found_g[g]
        if not speaker_correct(preds[p], q):
            yield {**base, "type": "speaker", **gold_part(q), **pred_part(preds[p])}
        if q.speaker_resolved and not name_correct(preds[p], q):
            yield {**base, "type": "name", "mention_kind": mention_kind(q), **gold_part(q), **pred_part(preds[p])}
        if c <= max(THRESHOLDS):
            yield {**base, "type": "boundary", "coverage": round(c, 3), **gold_part(q), **pred_part(preds[p])}
    used = {p for p, _, _ in m.found} | m.neutral
    for p, pred in enumerate(preds):
        if p not in used:
            yield {**base, "type": "false_positive", **pred_part(pred)}


def score(
    gold_docs: Iterable[GoldDoc],
    predictions: Mapping[str, Sequence[Quote]],
    *,
    failed: Iterable[str] = (),
    name: str = SYSTEM,
) -> Report:
    """Score ready-made predictions (doc id -> quotes) against gold documents.

    A gold document missing from ``predictions`` has no predictions; ids in ``failed`` count as
    documents where the system raised.
    """
    failed = set(failed)
    scorer = Scorer(name)
    n = 0
    for gold in gold_docs:
        n += 1
        failure = RuntimeError("system raised") if gold.id in failed else None
        scorer.add(gold, predictions.get(gold.id, ()), failure=failure)
    return Report({name: scorer.result}, documents=n)


# ---- running the systems -----------------------------------------------------------------------


def textacy_quotes(doc: Any) -> list[Quote]:
    """textacy's ``direct_quotations`` on a parsed spaCy ``Doc``, as :class:`Quote` records.

    textacy's content span runs from the opening to the closing quotation-mark token, marks
    included, which is the gold convention for direct quotes; the speaker and cue token lists
    (not always contiguous) become the span from their first to their last token. Raises what
    textacy raises (``ValueError`` on an odd number of quotation marks).
    """
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        start, end = content.start_char, content.end_char
        sp_start = min(t.idx for t in triple.speaker)
        sp_end = max(t.idx + len(t) for t in triple.speaker)
        cue_start = min(t.idx for t in triple.cue)
        cue_end = max(t.idx + len(t) for t in triple.cue)
        speaker = doc.text[sp_start:sp_end]
        out.append(
            Quote(
                start=start, end=end, text=doc.text[start:end], kind="direct",
                cue=doc.text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end,
                speaker=speaker, speaker_start=sp_start, speaker_end=sp_end, speaker_name=speaker,
            )
        )
    return out


class _ParseRecorder:
    """Stands in for the pipeline inside the extractor and keeps the docs it parses, so that a
    baseline reuses the same parse instead of parsing every document twice."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp
        self._docs: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)

    def pipe(self, texts: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for item in self._nlp.pipe(texts, *args, **kwargs):
            doc = item[0] if kwargs.get("as_tuples") else item
            if hasattr(doc, "text"):
                self._docs[doc.text] = doc
            yield item

    def take(self, golds: Sequence[GoldDoc], batch_size: int) -> list[Any]:
        """Parsed docs for ``golds`` in order: recorded ones when whole and parsed (the extractor
        may chunk long texts or skip components), the rest parsed now; then forget them all."""
        recorded = [self._docs.get(g.text) for g in golds]
        usable = [d if d is not None and d.has_annotation("DEP") and d.has_annotation("TAG") else None
                  for d in recorded]
        missing = [g.text for g, d in zip(golds, usable) if d is None]
        fresh = iter(self._nlp.pipe(missing, batch_size=batch_size)) if missing else iter(())
        self._docs.clear()
        return [d if d is not None else next(fresh) for d in usable]


def _chunks(items: Iterable[GoldDoc], size: int) -> Iterator[list[GoldDoc]]:
    chunk: list[GoldDoc] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


Extractor = Callable[..., Iterable[tuple[Document, Sequence[Quote]]]]


def run_extractor(
    golds: Sequence[GoldDoc], *, nlp: Any, batch_size: int = 32, extract: Extractor | None = None,
) -> Iterator[tuple[GoldDoc, list[Quote], BaseException | None]]:
    """This toolkit's predictions for a chunk of gold documents, with the exception per document.

    Runs ``extract`` (default ``quotes.attribution.documents.extract_documents``) on the whole chunk; if that
    raises, the chunk is rerun one document at a time so that only the documents that fail are
    counted as failed.
    """
    if extract is None:
        from quotes.attribution.documents import extract_documents as default

        extract = default
    extract_documents = extract
    try:
        results = list(extract_documents([g.to_document() for g in golds], nlp=nlp, batch_size=batch_size))
        if len(results) != len(golds):
            raise RuntimeError(f"extract_documents returned {len(results)} results for {len(golds)} documents")
        for gold, (_, quotes) in zip(golds, results):
            yield gold, list(quotes), None
        return
    except Exception:  # noqa: BLE001 - find which document raised, below
        pass
    for gold in golds:
        try:
            results = list(extract_documents([gold.to_document()], nlp=nlp, batch_size=1))
            yield gold, list(results[0][1]) if results else [], None
        except Exception as exc:  # noqa: BLE001 - a failing document is scored, not fatal
            yield gold, [], exc


def _check_options(baseline: str | None, limit: int | None) -> None:
    """:class:`UsageError` for an unknown baseline or a negative limit, before any work."""
    if baseline is not None and baseline not in BASELINES:
        raise UsageError(f"unknown baseline {baseline!r} (choose from {', '.join(BASELINES)})")
    if limit is not None and limit < 0:
        raise UsageError("--limit must be >= 0")


def _open_errors(errors: str | Path | None) -> IO[str] | None:
    """The errors file opened for writing (None without one); :class:`InputError` if it cannot be."""
    if errors is None:
        return None
    try:
        return Path(errors).open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{errors}: cannot write errors file ({exc.strerror or exc})") from None


def _score_textacy(scorer: Scorer, golds: Sequence[GoldDoc], docs: Sequence[Any]) -> None:
    """Score textacy's quotes on the parsed ``docs`` of ``golds``; a document where textacy
    raises (it does on an odd number of quotation marks) is scored as failed."""
    for gold, doc in zip(golds, docs):
        try:
            preds, failure = textacy_quotes(doc), None
        except Exception as exc:  # noqa: BLE001 - textacy raises on odd quote marks
            preds, failure = [], exc
        scorer.add(gold, preds, failure=failure)


def evaluate(
    path: str | Path,
    *,
    nlp: Any = None,
    model: str | None = None,
    baseline: str | None = None,
    limit: int | None = None,
    errors: str | Path | None = None,
    batch_size: int = 32,
    progress: Callable[[int], None] | None = None,
    extract: Extractor | None = None,
    names_only: bool = False,
) -> Report:
    """Run this toolkit (and optionally a baseline) on the gold documents of ``path`` and score it.

    ``nlp`` is a loaded pipeline (else ``model`` or the default model is loaded once).
    ``baseline="textacy"`` also scores textacy's ``direct_quotations`` on the same documents,
    reusing the parse the extractor made (so textacy sees the toolkit's pipeline, including any
    sentence-boundary component; documents the extractor did not parse whole are parsed again
    with ``nlp``). ``errors`` names a JSONL file that receives misses,
    false positives, speaker errors and boundary cases of every system (scope ``all``, t=0.3);
    it holds gold text, so keep it out of the repository. ``progress`` is called with the number
    of documents done after each chunk. ``extract`` replaces ``extract_documents`` (same
    signature), e.g. to score a variant of the extractor. ``names_only`` scores only the
    documents whose gold resolves speakers to names (:func:`has_names`): the 83 training
    articles with ``meta.names``, for tuning name resolution quickly.
    """
    _check_options(baseline, limit)
    if nlp is None:
        from quotes.model import cached_model

        nlp = cached_model(model)
    handle = _open_errors(errors)
    try:
        ours = Scorer(SYSTEM, errors=handle)
        base = Scorer(baseline, errors=handle) if baseline else None
        done = 0
        recorder = _ParseRecorder(nlp) if base is not None else None
        for chunk in _chunks(load_gold(path, limit=limit, names_only=names_only), batch_size):
            results = run_extractor(chunk, nlp=recorder if recorder is not None else nlp, batch_size=batch_size, extract=extract)
            for gold, quotes, failure in results:
                ours.add(gold, quotes, failure=failure)
            if base is not None and recorder is not None:
                _score_textacy(base, chunk, recorder.take(chunk, batch_size))
            done += len(chunk)
            if progress is not None:
                progress(done)
    finally:
        if handle is not None:
            handle.close()
    systems = {SYSTEM: ours.result}
    if base is not None:
        systems[base.result.name] = base.result
    return Report(systems, documents=ours.result.documents, source=str(path))


# ---- presentation ------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def render_tables(report: Report) -> list[Any]:
    """Rich renderables: the headline table (rows scope x threshold, per system P, R, F1 and
    speaker accuracy), a table of counts and recall per gold kind, and a line of documents."""
    from rich.text import Text

    breakdowns = [_name_table(report, by) for by in ("mention", "resolver", "confidence")]
    lines = [
        f"{name}: raised on {len(s.failed)} of {s.documents} documents"
        + (f" ({', '.join(f'{k} {v}' for k, v in s.errors.items())})" if s.errors else "")
        for name, s in report.systems.items()
    ]
    return [_headline_table(report), _kind_table(report), *(t for t in breakdowns if t is not None),
            Text("\n".join(lines))]


def _headline_table(report: Report) -> Any:
    """Rows scope x threshold; per system P, R, F1, speaker and resolved-name accuracy."""
    from rich.table import Table

    names = list(report.systems)
    main = Table(title=f"Quote extraction on {report.source or 'gold'} ({report.documents} documents)")
    main.add_column("scope")
    main.add_column("overlap >", justify="right")
    for name in names:
        for col in ("P", "R", "F1", "speaker", "name"):
            main.add_column(f"{name} {col}", justify="right")
    for scope in report.scopes:
        for t in report.thresholds:
            row = [scope, f"{t:g}"]
            for name in names:
                s = report.systems[name].get(scope, t)
                row += [_fmt(s.precision), _fmt(s.recall), _fmt(s.f1), _fmt(s.speaker_accuracy), _fmt(s.name_accuracy)]
            main.add_row(*row)
    return main


def _kind_table(report: Report) -> Any:
    """Rows system x scope x threshold: the counts, and recall per gold kind ("-" for a kind
    without gold quotes)."""
    from rich.table import Table

    detail = Table(title="Counts and recall per gold kind")
    for col in ("system", "scope", "overlap >", "gold", "predicted", "neutral", "found"):
        detail.add_column(col, justify="left" if col in ("system", "scope") else "right")
    for kind in KINDS:
        detail.add_column(f"R {kind}", justify="right")
    for name, system in report.systems.items():
        for scope in report.scopes:
            for t in report.thresholds:
                s = system.get(scope, t)
                by_kind = s.recall_by_kind()
                detail.add_row(
                    name, scope, f"{t:g}", str(s.gold), str(s.predicted), str(s.neutral), str(s.found),
                    *(_fmt(by_kind.get(k)) if s.gold_by_kind.get(k) else "-" for k in KINDS),
                )
    return detail


def _name_table(report: Report, by: str) -> Any:
    """Resolved-name accuracy (scope ``all``, overlap 0.3) by gold mention kind, by the
    prediction's ``resolved_by`` or by its confidence band; None when no found quote carries a
    resolved gold speaker."""
    from rich.table import Table

    names = list(report.systems)
    scores = {n: report.systems[n].get("all", SPEAKER_THRESHOLD) for n in names}
    if not any(s.names for s in scores.values()):
        return None
    title = {"mention": "gold mention", "resolver": "resolved_by", "confidence": "confidence"}[by]
    table = Table(title=f"Resolved-name accuracy by {title} (all quotes, overlap > {SPEAKER_THRESHOLD:g})")
    table.add_column(title)
    for name in names:
        table.add_column(f"{name} n", justify="right")
        table.add_column(f"{name} name", justify="right")
    for key in [*_name_keys(scores.values(), by), "all"]:
        row = [key]
        for name in names:
            total, correct = _name_counts(scores[name], by, key)
            row += [str(total), _fmt(_ratio(correct, total))]
        table.add_row(*row)
    return table


def _name_keys(scores: Iterable[ScopeScore], by: str) -> list[str]:
    """The rows of a name breakdown: the mention kinds seen, in :data:`MENTION_KINDS` order, the
    confidence bands seen, highest first, or the resolvers seen, most used first."""
    scores = list(scores)
    if by == "mention":
        return [k for k in MENTION_KINDS if any(k in s.names_by_mention for s in scores)]
    if by == "confidence":
        return [k for k in (*(label for label, _ in CONFIDENCE_BANDS), "none") if any(k in s.names_by_confidence for s in scores)]
    return sorted({k for s in scores for k in s.names_by_resolver},
                  key=lambda k: -sum(s.names_by_resolver.get(k, [0])[0] for s in scores))


def _name_counts(score: ScopeScore, by: str, key: str) -> tuple[int, int]:
    """(total, correct) of one breakdown row; ``all`` is every found quote with a resolved name."""
    if key == "all":
        return score.names, score.names_correct
    table = {"mention": score.names_by_mention, "resolver": score.names_by_resolver,
             "confidence": score.names_by_confidence}[by]
    total, correct = table.get(key, [0, 0])
    return total, correct
