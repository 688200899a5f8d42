"""The article's token attributes read once into arrays, so that the passes over every token at
start-up make a spaCy ``Token`` only for the tokens they may keep.

Four passes read every token of an article before the first quote is resolved: the reporting cues
(:func:`quotes.attribution.cues.find_cues`), the bare surnames and unnamed sources of the cast and
the described subjects of the resolver (:mod:`quotes.resolution`). Walking ``for tok in doc``
creates a ``Token`` object per token and pass, which cost more than the tests made on them (about
a fifth of the rules' CPU time by cProfile). :class:`TokenTable` reads the attributes those tests
start with in one ``Doc.to_array`` call and answers, per pass, the indices of the tokens that pass
that cheap part (a superset of what the pass keeps, in text order): the pass applies its own full
test to those alone, so what it finds does not change.
"""

from __future__ import annotations

import numpy
from spacy.strings import StringStore
from spacy.tokens import Doc

from quotes.lexicon import SPEECH_VERBS
from quotes.lexicon import UNNAMED_SOURCE_NOUNS

__all__ = ["TokenTable"]

_ATTRS = ("POS", "TAG", "DEP", "LOWER", "LEMMA", "IS_TITLE", "ENT_TYPE", "IDX")
# The ids of the strings the tests compare with (a string's id is the same in every vocabulary).
_STRINGS = StringStore()
_ID = _STRINGS.as_int
_PROPN, _NOUN, _VERB, _AUX, _NSUBJ, _NSUBJPASS, _ACCORDING = (
    _ID(w) for w in ("PROPN", "NOUN", "VERB", "AUX", "nsubj", "nsubjpass", "according")
)
_VERB_TAGS = tuple(_ID(t) for t in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"))
_SPEECH_VERB_IDS = frozenset(_ID(w) for w in SPEECH_VERBS)
_UNNAMED_SOURCE_IDS = frozenset(_ID(w) for w in UNNAMED_SOURCE_NOUNS)


class TokenTable:
    """One article's token attributes as arrays (one row per token), and the candidates of each
    start-up pass as token indices in text order."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        n = len(doc)
        arr = doc.to_array(list(_ATTRS)).reshape(n, len(_ATTRS)) if n else numpy.zeros((0, len(_ATTRS)), dtype="uint64")
        self.pos: numpy.ndarray = arr[:, 0]
        self.tag: numpy.ndarray = arr[:, 1]
        self.dep: numpy.ndarray = arr[:, 2]
        self.lower: numpy.ndarray = arr[:, 3]
        self.lemma: numpy.ndarray = arr[:, 4]
        self.is_title: numpy.ndarray = arr[:, 5]
        self.ent_type: numpy.ndarray = arr[:, 6]
        #: each token's character offset (``Token.idx``)
        self.starts: list[int] = arr[:, 7].tolist()
        self._subject = ((self.dep == _NSUBJ) | (self.dep == _NSUBJPASS)) & (self.ent_type == 0)

    def title_proper_nouns(self) -> list[int]:
        """Proper nouns in title case (``Gorka``): where a bare surname may be."""
        return _indices((self.pos == _PROPN) & (self.is_title != 0))

    def unnamed_source_subjects(self) -> list[int]:
        """Subjects outside entities that are nouns of unnamed sources (``a spokeswoman``)."""
        rows = _indices(self._subject)
        return [i for i, low in zip(rows, self.lower[rows].tolist()) if low in _UNNAMED_SOURCE_IDS]

    def noun_subjects(self) -> list[int]:
        """Common nouns that are subjects outside entities (``the senator``)."""
        return _indices(self._subject & (self.pos == _NOUN))

    def cue_candidates(self) -> list[int]:
        """``according`` and the verbs whose lemma or lower-case form is a verb of saying: the
        tokens :func:`quotes.attribution.cues.find_cues` tests in full."""
        verbal = (self.pos == _VERB) | (self.pos == _AUX)
        for tag in _VERB_TAGS:
            verbal |= self.tag == tag
        rows = _indices(verbal | (self.lower == _ACCORDING))
        strings = self.doc.vocab.strings
        saying: dict[int, bool] = {}  # lemma id -> whether it is a verb of saying
        out: list[int] = []
        for i, low, lemma in zip(rows, self.lower[rows].tolist(), self.lemma[rows].tolist()):
            if low == _ACCORDING or low in _SPEECH_VERB_IDS:
                out.append(i)
                continue
            said = saying.get(lemma)
            if said is None:
                said = saying[lemma] = strings[lemma].lower() in SPEECH_VERBS
            if said:
                out.append(i)
        return out


def _indices(mask: numpy.ndarray) -> list[int]:
    return list(numpy.flatnonzero(mask).tolist())
