"""Documents in, records out: parse a stream of articles (only the paragraphs that matter, long
ones in pieces) and run the attribution rules on each.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, Iterator, Literal, Sequence

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from quotes.attribution.focus import focus
from quotes.attribution.pipeline import _title_words, extract_quotes
from quotes.fingerprint import extractor_version
from quotes.gazetteer import GazetteerLike
from quotes.records import Document, Quote

# Derived from the rule sources (quotes.fingerprint): a rule change re-extracts on --reprocess.
EXTRACTOR_VERSION = extractor_version()

# Texts longer than this are parsed in paragraph-aligned pieces: the parser's memory grows with the
# characters of a batch (about 1 GB per 100k), so a piece is kept to the size of a long article.
CHUNK_CHARS = 10_000
# At most this many characters go through the parser in one batch (about 500 MB of peak memory).
BATCH_CHARS = 100_000
_NO_TENSOR = numpy.zeros((0,), dtype="float32")


def load_gazetteer(files: Sequence[str] = ()) -> GazetteerLike:
    """The bundled gazetteer merged with the user's files (cached per file list)."""
    from quotes.gazetteer import load_gazetteer as load

    return load(list(files))



# Spaces that are no token boundary to spaCy: each becomes a SPACE token that the tagger, parser
# and NER read as a word ("the judge\u00a0said", "Tom\u00a0Brandt"). Web copy is full of them.
_ODD_SPACES = str.maketrans({c: " " for c in "\u00a0\u2007\u2009\u202f"})


def spaced(text: str) -> str:
    """``text`` with no-break and thin spaces as plain spaces, for parsing: one character for one,
    so offsets still index the original text."""
    return text.translate(_ODD_SPACES)


def as_printed(quotes: list[Quote], parsed: str, original: str) -> list[Quote]:
    """The records' texts (quote, speaker, cue) as the original prints them, where the parsed text
    differs only by :func:`spaced`: ``text[start:end] == quote.text`` holds for the original."""
    if parsed == original or len(parsed) != len(original):
        return quotes

    def restore(value: str | None, s: int | None, e: int | None) -> str | None:
        if value is None or s is None or e is None or parsed[s:e] != value:
            return value
        return original[s:e]

    return [
        replace(
            q, text=restore(q.text, q.start, q.end) or q.text,
            speaker=restore(q.speaker, q.speaker_start, q.speaker_end),
            cue=restore(q.cue, q.cue_start, q.cue_end),
        )
        for q in quotes
    ]


def _chunks(text: str, max_len: int) -> Iterator[tuple[int, str]]:
    """Split a text longer than the pipeline's ``max_length`` at paragraph boundaries."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + max_len)
        if end < n:
            cut = text.rfind("\n", start + 1, end)
            if cut <= start:
                cut = text.rfind(" ", start + 1, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def extract_documents(
    docs: Iterable[Document],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    gazetteer: GazetteerLike | None | Literal["default"] = "default",
    workers: int = 1,
    batch_size: int = 32,
    skip_irrelevant: bool = True,
) -> Iterator[tuple[Document, list[Quote]]]:
    """Parse and extract a stream of documents; yields (document, quotes) in input order.

    Streams: only about ``batch_size`` documents are held at a time. An article longer than
    ``CHUNK_CHARS`` is parsed in paragraph-aligned pieces that travel through the parser like short
    articles (so memory stays that of a batch of short ones), then joined again with
    ``Doc.from_docs`` so that the rules see the whole article and offsets index the original text.
    ``skip_irrelevant`` leaves paragraphs that cannot hold a quote unparsed (:mod:`quotes.attribution.focus`).
    ``workers`` > 1 is spaCy's ``n_process``; :func:`quotes.scale.extract_parallel` is faster
    (each worker also applies the rules, so parsed Docs never travel back).
    """
    if nlp is None:
        from quotes.model import cached_model

        nlp = cached_model(model)
    if gazetteer == "default":
        gazetteer = load_gazetteer()
    max_len = min(nlp.max_length, CHUNK_CHARS)
    title_words = _title_words(gazetteer)

    def units() -> Iterator[tuple[str, tuple[Document, int, int, list[Any], str]]]:
        for d in docs:
            text = spaced(d.text if isinstance(d.text, str) else "")
            pieces = [(0, text)] if len(text) <= max_len else list(_chunks(text, max_len))
            for i, (offset, piece) in enumerate(pieces):
                hints: list[Any] = []
                if skip_irrelevant:
                    piece, hints = focus(piece, title_words)
                    hints = [replace(h, start=h.start + offset) for h in hints]
                yield piece, (d, i, len(pieces), hints, piece)

    if workers > 1:
        parsed_units = nlp.pipe(units(), as_tuples=True, batch_size=batch_size, n_process=workers)
    else:
        parsed_units = _parse_in_batches(nlp, units(), batch_size)
    parts: list[Doc] = []
    texts: list[str] = []  # what was parsed: Doc.text would rebuild it token by token
    hints_of_doc: list[Any] = []
    for parsed, (d, i, n, hints, piece) in parsed_units:
        # the rules read the parse, not the tok2vec tensor: dropping it keeps a long article's
        # pieces and their join to the size of the parse (a 3 MB article's tensor is ~190 MB)
        parsed.tensor = _NO_TENSOR
        parts.append(parsed)
        texts.append(piece)
        hints_of_doc.extend(hints)
        if i < n - 1:
            continue
        # spaCy's stub for from_docs lacks ``exclude``, which 3.8 takes
        whole = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
        parsed_text = "".join(texts)
        quotes = extract_quotes(whole, gazetteer=gazetteer, date=d.date, name_hints=hints_of_doc, author=d.author,
                                text=parsed_text)
        yield d, as_printed(quotes, parsed_text, d.text if isinstance(d.text, str) else "")
        parts, texts, hints_of_doc = [], [], []


_BLANK_RE = re.compile(r"\s{2,}")


def parsed_chars(text: str) -> int:
    """The characters of ``text`` the parser reads as words: a run of whitespace (a paragraph
    :func:`~quotes.attribution.focus.focus` blanked) is one token however long it is."""
    return len(text) - sum(m.end() - m.start() for m in _BLANK_RE.finditer(text))


def _parse_in_batches(nlp: Language, units: Iterable[tuple[str, Any]], batch_size: int) -> Iterator[tuple[Doc, Any]]:
    """``nlp.pipe`` over batches of at most ``batch_size`` texts and ``BATCH_CHARS`` characters
    read as words: the parser's memory follows the words of a batch, not the number of texts, and
    blanked paragraphs cost it nothing (counting them made batches smaller, and smaller batches
    cost the parser more time per word)."""
    batch: list[tuple[str, Any]] = []
    chars = 0
    for unit in units:
        weight = parsed_chars(unit[0])
        if batch and (len(batch) >= batch_size or chars + weight > BATCH_CHARS):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, chars = [], 0
        batch.append(unit)
        chars += weight
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
