"""The sentence of a token, in logarithmic time.

spaCy's ``Token.sent`` walks from the token to its sentence's boundaries, so asking it for every
quote or cue of an article whose sentences are long (a paragraph without full stops, a page of
quotation marks) costs the square of their length. The boundaries are read once per Doc here.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

_KEY = "quotes.attribution.sentence_starts"


def _starts(doc: Doc) -> list[int]:
    cached = doc.user_data.get(_KEY)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), [s.start for s in doc.sents] + [len(doc)])
        doc.user_data[_KEY] = cached
    starts: list[int] = cached[1]
    return starts


def sentence(tok: Token) -> Span:
    """The sentence holding ``tok`` (the same span as ``tok.sent``)."""
    starts = _starts(tok.doc)
    j = bisect_right(starts, tok.i) - 1
    return tok.doc[starts[j] : starts[j + 1]]


def sentence_start(tok: Token | Span) -> int:
    """The index of the first token of the sentence of ``tok`` (of a span's first token: the
    start of ``span.sent``)."""
    starts = _starts(tok.doc)
    return starts[bisect_right(starts, tok.i if isinstance(tok, Token) else tok.start) - 1]


def next_sentence_end(span: Span) -> int:
    """The end of the sentence after ``span.sent`` (the sentence of the span's first token), or
    ``span.sent``'s end when it is the last: what ``doc[span.sent.end].sent.end`` reads, without
    walking the tokens."""
    starts = _starts(span.doc)
    k = bisect_right(starts, span.start)  # starts[k] is span.sent.end
    return starts[k + 1] if starts[k] < len(span.doc) else starts[k]
