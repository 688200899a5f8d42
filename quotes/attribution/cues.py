"""Reporting cues: the verbs and phrases that attribute speech (``said``, ``told``, ``according to``).

A cue knows three things about its clause: where the cue words are, which token is the speaker
(the subject, an inverted subject, or the object of ``according to``: found by
:mod:`quotes.attribution.sources`), and which tokens are the reported content (a clausal
complement, or the rest of the clause for ``according to``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotes.attribution.sources import author_of_source, speaker_of
from quotes.attribution.tokens import TokenTable
from quotes.lexicon import ATTRIBUTION_VERBS, CLAUSE_ONLY_VERBS, OTHER_QUOTE_TOKENS, SPEECH_VERBS, VERB_FORMS

__all__ = ["ATTRIBUTION_VERBS", "SPEECH_VERBS", "VERB_FORMS", "Cue", "according_to", "content_of", "find_cues", "is_speech_verb"]

# Dependency labels of clausal complements that carry reported content.
_CONTENT_DEPS = ("ccomp", "parataxis")


@dataclass(frozen=True, slots=True)
class Cue:
    """One attribution cue in a parsed document.

    ``token`` is the verb (or ``according``); ``start``/``end`` are token indices of the cue words;
    ``speaker`` the head token of the source, when the parse names one; ``content`` the token
    indices (start, end) of the reported clause, when there is one.
    """

    token: Token
    start: int
    end: int
    speaker: Token | None
    content: tuple[int, int] | None

    @property
    def text(self) -> str:
        return self.token.doc[self.start : self.end].text


def is_speech_verb(token: Token) -> bool:
    """A verb of saying (by lemma), not an auxiliary or a noun of the same form."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS and token.lower_ not in SPEECH_VERBS:
        return False
    if lemma == "point":  # only the phrasal "point out"
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    return True


def _clause_tokens(head: Token) -> list[int]:
    return [t.i for t in head.subtree]


def _trim(doc: Doc, idx: list[int], exclude: set[int]) -> tuple[int, int] | None:
    """The longest contiguous run of ``idx`` outside ``exclude``, without edge punctuation or ``that``."""
    runs: list[list[int]] = []
    for i in sorted(set(idx) - exclude):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    if not runs:
        return None
    run = max(runs, key=len)
    s, e = run[0], run[-1] + 1
    while s < e and (doc[s].is_punct and not _is_quote_mark(doc[s]) or doc[s].lower_ in ("that", "whether")):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space) and not _is_quote_mark(doc[e - 1]):
        e -= 1
    return (s, e) if e > s else None


def _is_quote_mark(tok: Token) -> bool:
    return tok.is_quote or tok.text in OTHER_QUOTE_TOKENS


def _speaker_extent(speaker: Token | None) -> set[int]:
    if speaker is None:
        return set()
    return {t.i for t in speaker.subtree}


def content_of(verb: Token, speaker: Token | None) -> tuple[int, int] | None:
    """Token range of the reported clause of a speech verb, or None when it has none."""
    doc = verb.doc
    comps = _complements(verb)
    if not comps:
        if verb.dep_ == "parataxis" and verb.head.i != verb.i:
            return _parenthetical_content(verb, speaker)
        return None
    # Prefer the complement on the far side of the speaker, then the longest one.
    comp = max(comps, key=lambda c: len(list(c.subtree)))
    exclude = _speaker_extent(speaker) | {verb.i}
    exclude |= {t.i for c in verb.children if c.i != comp.i and c.dep_ not in ("punct",) for t in c.subtree}
    idx = _clause_tokens(comp)
    if comp.i > verb.i:
        idx = [i for i in idx if i > verb.i]
    else:
        idx = [i for i in idx if i < verb.i]
    return _trim(doc, idx, exclude)


def _complements(verb: Token) -> list[Token]:
    """The clausal complements of ``verb`` that can carry reported content."""
    comps = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    if not comps and verb.lemma_ not in CLAUSE_ONLY_VERBS:
        # "told reporters that ..." parses the clause as ccomp too; a direct object that is a
        # clause's verb also counts ("said ... it was").
        comps = [c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.pos_ in ("VERB", "AUX")]
    return comps


def _parenthetical_content(verb: Token, speaker: Token | None) -> tuple[int, int] | None:
    """``This campaign, he says, is different``: the cue interrupts the clause it attributes.
    The content is that clause without the cue; the part after the cue is taken when it is a
    phrase of its own, as news annotation does."""
    clause = verb.head
    for _ in range(3):
        if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT":
            break
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
        return None
    doc = verb.doc
    exclude = {t.i for t in verb.subtree} | _speaker_extent(speaker)
    idx = sorted(t.i for t in clause.subtree if t.i not in exclude)
    after = [i for i in idx if i > verb.i]
    if len(after) >= 2 and all(b == a + 1 for a, b in zip(after, after[1:])):
        return _trim(doc, after, set())
    return _trim(doc, idx, set())


def according_to(token: Token) -> Cue | None:
    """``according to X``: X is the source, the clause the phrase modifies is the content."""
    if token.lower_ != "according":
        return None
    to = _to_after(token)
    if to is None:
        return None
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is not None:
        source = author_of_source(source)
    head = token.head
    content = None
    if head.i != token.i and head.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        clause = head
        while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and clause.head.i != clause.i:
            clause = clause.head
        exclude = {t.i for t in token.subtree} | _speaker_extent(source)
        idx = _clause_tokens(clause)
        content = _trim(token.doc, idx, exclude)
    return Cue(token, token.i, to.i + 1, source, content)


def _to_after(according: Token) -> Token | None:
    """The 'to' of 'according to': its child in the parse, or else the next token."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is not None:
        return to
    nxt = according.nbor(1) if according.i + 1 < len(according.doc) else None
    return nxt if nxt is not None and nxt.lower_ == "to" else None


def find_cues(doc: Doc, quoted: frozenset[int] = frozenset(), table: TokenTable | None = None) -> list[Cue]:
    """Every speech cue in ``doc``, in text order.

    Verbs inside quotation marks (``quoted`` token indices) are the quoted person's words, not
    the article's attribution, and are skipped. ``table`` is the article's
    :class:`~quotes.attribution.tokens.TokenTable` when the caller has one: only its cue
    candidates are tested.
    """
    cues: list[Cue] = []
    for i in (TokenTable(doc) if table is None else table).cue_candidates():
        if i in quoted:
            continue
        tok = doc[i]
        if tok.lower_ == "according":
            cue = according_to(tok)
            if cue is not None:
                cues.append(cue)
            continue
        if not is_speech_verb(tok):
            continue
        speaker = speaker_of(tok, quoted)
        end = tok.i + 1
        if tok.lemma_ == "point":
            prt = next(c for c in tok.children if c.dep_ == "prt")
            end = max(end, prt.i + 1)
        cues.append(Cue(tok, tok.i, end, speaker, content_of(tok, speaker)))
    return cues
