"""Partial quotes in the complement of a verb of saying or judging."""

from __future__ import annotations

from spacy.tokens import Token

from quotes.attribution.context import Claim, Context
from quotes.attribution.cues import Cue
from quotes.attribution.marks import QuoteSpan
from quotes.attribution.sources import speaker_of
from quotes.lexicon import ATTRIBUTION_VERBS

# Dependencies by which a quote hangs in a verb's complement.
_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "pobj", "prep", "advcl"})


def complement_of_verb(ctx: Context) -> None:
    """A partial quote in the complement of a verb of saying or judging belongs to that verb's
    subject ('Jeb Bush called the order "quite dangerous."', 'He pledged to fight its "cheating."'):
    the convention by which news copy quotes a word or a phrase inside its own sentence. It comes
    before adjacency, which would take any later cue in the sentence."""
    for k, m in enumerate(ctx.marks):
        if k in ctx.assigned or ctx.is_standalone(m) or ctx.is_title(m):
            continue
        found = governing_verb(ctx, m)
        if found is None:
            continue
        verb, speaker, (cs, ce) = found
        cue = Cue(verb, verb.i, verb.i + 1, speaker, None)
        if verb.dep_ == "relcl" and ctx.attributed_after(k, cue):
            continue  # 'Nothing the president said "will assuage fears," the senator said'
        s, e = min(cs, m.start), max(ce, m.end)
        kind = "direct" if ctx.words_outside(s, e, [m]) == 0 else "mixed"
        if kind == "direct":
            s, e = m.start, m.end
        ctx.claim(Claim(s, e, kind, cue, [m]), k)


def governing_verb(ctx: Context, m: QuoteSpan) -> tuple[Token, Token | None, tuple[int, int]] | None:
    """The verb whose complement holds the quote, its subject, and the complement's span."""
    ts, te = ctx.tok_range(m.start, m.end)
    if te <= ts:
        return None
    inner = [t for t in ctx.doc[ts:te] if not t.is_punct]
    if not inner:
        return None
    # the quote's own top token: the one whose head lies outside the quote
    top = next((t for t in inner if not ts <= t.head.i < te or t.head.i == t.i), None)
    if top is None:
        return None
    child, tok = top, top.head
    for _ in range(4):
        if tok.i == child.i:
            return None
        if tok.pos_ == "VERB" and tok.lemma_ in ATTRIBUTION_VERBS and tok.i not in ctx.quoted:
            return _complement(ctx, tok, child) if child.dep_ in _COMPLEMENT_DEPS else None
        child, tok = tok, tok.head
    return None


def _may_speak(ctx: Context, verb: Token, speaker: Token | None) -> bool:
    """Whether ``speaker`` (None: the parse names no one) can be the source of words in ``verb``'s
    complement."""
    if speaker is None:
        # "the project will be dubbed "...": a passive cue's words have no speaker in the text
        return any(c.dep_ == "nsubjpass" for c in verb.children)
    if speaker.i in ctx.quoted or speaker.lower_ in ("it", "there", "this", "that"):
        return False
    return speaker.i <= verb.i  # a quote before the subject is not a complement


def _complement(ctx: Context, verb: Token, child: Token) -> tuple[Token, Token | None, tuple[int, int]] | None:
    """``verb``, its speaker and the character span from its first right dependent to the end of
    ``child`` (the dependent that holds the quote), or None when the verb attributes nothing."""
    speaker = speaker_of(verb, ctx.quoted)
    if not _may_speak(ctx, verb, speaker):
        return None
    right = [
        c for c in verb.children
        if c.i > verb.i and not c.is_punct and c.dep_ not in ("advmod", "npadvmod", "cc", "conj", "mark")
    ]
    if not right:
        return None
    first = min(t.i for t in right[0].subtree)
    last = max(t.i for t in child.subtree)
    span = ctx.doc[first : max(last + 1, first + 1)]
    return verb, speaker, (span.start_char, span.end_char)
