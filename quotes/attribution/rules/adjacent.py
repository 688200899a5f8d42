"""Quotes attributed by a cue printed next to them."""

from __future__ import annotations

import re

from spacy.tokens import Token

from quotes.attribution.context import BEFORE_WINDOW, Claim, Context
from quotes.attribution.cues import Cue
from quotes.attribution.sentences import sentence_start
from quotes.attribution.sources import _animate, question_to_the_speaker, speaker_of
from quotes.lexicon import DASH_CHARS, DOCUMENT_NOUNS, NOT_SOURCES, PARTY_TAG_BODY, PEOPLE_NOUNS, ROLE_WORDS

_DASH_TOKENS = frozenset(DASH_CHARS)  # one dash character (not '--')


def adjacent_cue(ctx: Context) -> None:
    """A quote that no reported clause holds takes the cue printed next to it: after it in the same
    sentence ('"...," said Stoltenberg', the trailing attribution of news copy), or before it
    after a colon or a comma ('He said: "..."'), or a colon closing the previous paragraph that
    introduces it ('He said:' then the quote as a paragraph of its own). A question put to the
    speaker ('when asked about it:') is no such cue: the quote next to it is the answer."""
    for k, m in enumerate(ctx.marks):
        if k in ctx.assigned:
            continue
        cue = ctx.cue_after(k)
        if cue is None or question_to_the_speaker(cue.token):
            cue = cue_before(ctx, k)
        if cue is not None:
            ctx.claim(Claim(m.start, m.end, "direct", cue, [m]), k)


def cue_before(ctx: Context, k: int) -> Cue | None:
    """The cue of a colon or comma right before the quoted span ``k`` (in its paragraph, or closing
    the paragraph before)."""
    m = ctx.marks[k]
    pstart = ctx.paras[m.paragraph][0]
    lo = ctx.marks[k - 1].end if k > 0 and ctx.marks[k - 1].paragraph == m.paragraph else pstart
    before = ctx.text[lo : m.start].rstrip()
    if before and before[-1] in ":,":
        ts, te = ctx.tok_range(lo, m.start)
        found = next((c for c in reversed(ctx.cues_in(ts, te))
                      if te - c.end <= BEFORE_WINDOW and not question_to_the_speaker(c.token)), None)
        if found is not None:
            return found
        if before[-1] == ":":
            return colon_attribution(ctx, ts, te)
    if not before.strip() and m.paragraph > 0:
        # "He said:" closing the previous paragraph introduces this one.
        ps, pe = ctx.paras[m.paragraph - 1]
        if ctx.text[ps:pe].rstrip().endswith(":"):
            ts, te = ctx.tok_range(ps, pe)
            in_para = ctx.cues_in(ts, te)
            return in_para[-1] if in_para else colon_attribution(ctx, ts, te)
    return None


def colon_attribution(ctx: Context, ts: int, te: int) -> Cue | None:
    """A colon introduces a quote ('Stated Stone:', 'the headline reads:', '- Jane Roe:'):
    the clause before it names the source, or the noun phrase right before the colon does."""
    window = _colon_window(ctx, ts, te)
    if window is None:
        return None
    colon, lo = window
    end = _before_party_tag(ctx, lo, colon.i)
    verbs = [t for t in ctx.doc[lo:end] if t.pos_ == "VERB" and (t.dep_ == "ROOT" or not lo <= t.head.i < end)]
    if verbs:
        return _verb_before_colon(ctx, verbs, lo, end)
    head = _noun_before_colon(ctx, lo, end)
    return Cue(colon, colon.i, colon.i + 1, head, None) if head is not None else None


def _colon_window(ctx: Context, ts: int, te: int) -> tuple[Token, int] | None:
    """The last colon of tokens ``ts:te`` and where the words that introduce it start: the
    start of its sentence, or just after a dash close before it ("Pollsters agree - Carl
    Bialik:": the byline after the dash is the source)."""
    doc = ctx.doc
    # ':"' glued to the mark is one token, and so is '):' after a party tag
    colon = next((t for t in reversed(doc[ts:te]) if t.text.startswith(":") or t.text.endswith("):")), None)
    if colon is None:
        return None
    lo = max(ts, sentence_start(colon))
    # a dash, or a hyphen set off by spaces: not the hyphen of "a 30-minute spree"
    dash = next((t for t in reversed(doc[lo : colon.i]) if t.text in _DASH_TOKENS and (
        t.text != "-" or t.whitespace_ and (t.i == 0 or doc[t.i - 1].whitespace_))), None)
    if dash is not None and colon.i - dash.i <= 6:
        lo = dash.i + 1
    return colon, lo


# A party/state tag after a name: "(R-S.C.)", "(D-N.Y.)", "(I-Vt.)".
_PARTY_TAG_RE = re.compile(rf"\({PARTY_TAG_BODY}\)")


def _before_party_tag(ctx: Context, lo: int, colon: int) -> int:
    """Where the name before a colon ends: before a party/state tag that closes it, as a
    transcript excerpt labels a lawmaker ('Rep. Trey Gowdy (R-S.C.): "..."'); else the colon."""
    doc = ctx.doc
    if colon <= lo:
        return colon
    end = doc[colon].idx + doc[colon].text.index(":")
    m = _PARTY_TAG_RE.search(ctx.text, max(doc[lo].idx, end - 20), end)
    if m is None or ctx.text[m.end() : end].strip():
        return colon
    opening = next((t.i for t in doc[lo:colon] if t.idx == m.start()), None)
    return opening if opening is not None and opening > lo else colon


def _verb_before_colon(ctx: Context, verbs: list[Token], lo: int, colon: int) -> Cue | None:
    """The last verb before the colon whose speaker stands between ``lo`` and the colon."""
    for verb in reversed(verbs):
        speaker = speaker_of(verb, ctx.quoted)
        if speaker is not None and speaker.lower_ in NOT_SOURCES:
            return None  # "That means:", "Here's the thing:" introduce no one's words
        if speaker is not None and lo <= speaker.i < colon:
            return Cue(verb, verb.i, verb.i + 1, speaker, None)
    return None


def _noun_before_colon(ctx: Context, lo: int, colon: int) -> Token | None:
    """The head of the last noun phrase before the colon ("Here's Clinton in December 1992:" is
    Clinton's: dates are not sources). A thing cannot speak: when that noun is neither someone
    nor a document ("... killed in a 30-minute shooting spree:"), the subject of the clause
    before the colon speaks if it can ("the Daily News focuses on how many ... spree:"), else no one."""
    head = _last_noun_head(ctx, lo, colon)
    if head is None:
        return None
    if _can_speak(head):
        return head
    subj = next((t for t in ctx.doc[lo:colon] if t.dep_ in ("nsubj", "nsubjpass") and t.i not in ctx.quoted), None)
    return subj if subj is not None and _can_speak(subj) and subj.lower_ not in NOT_SOURCES else None


def _last_noun_head(ctx: Context, lo: int, colon: int) -> Token | None:
    """The head of the last noun phrase between ``lo`` and the colon, outside quotes and not a
    date or time."""
    nouns = [
        t for t in ctx.doc[lo:colon]
        if t.pos_ in ("PROPN", "NOUN") and t.i not in ctx.quoted and t.ent_type_ not in ("DATE", "TIME")
    ]
    if not nouns:
        return None
    head = nouns[-1]
    while head.dep_ in ("compound", "conj") and lo <= head.head.i < colon and head.head.i > head.i:
        head = head.head
    return head


# Texts that a colon introduces in their own words ("Partial transcript as follows:").
_TEXT_NOUNS = DOCUMENT_NOUNS | frozenset("transcript excerpt text report passage remarks headline".split())


def _can_speak(tok: Token) -> bool:
    """Someone (a name, capitalized whatever its tag, an organization, a person noun, a pronoun) or
    a text that speaks for its author ("The statement:", "Partial transcript as follows:")."""
    word = tok.lower_
    return (
        _animate(tok, strict=True) or tok.pos_ in ("PROPN", "PRON") or tok.is_title
        or word in PEOPLE_NOUNS or word in ROLE_WORDS or word.rstrip("s") in ROLE_WORDS
        or word in _TEXT_NOUNS or word.rstrip("s") in _TEXT_NOUNS
        or any(c.dep_ == "poss" and c.ent_type_ in ("PERSON", "ORG", "NORP") for c in tok.children)
    )
