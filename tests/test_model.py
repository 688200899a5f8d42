"""The pipeline loader: paragraph sentence starts and the fast stand-in for ruler + lemmatizer."""

from __future__ import annotations

import pytest

from quotes.errors import QuotesError
from quotes.model import ModelError, load_model

pytestmark = pytest.mark.slow

SENTENCES = (
    "NATO is not a party to the conflict, the secretary-general said on Wednesday. "
    "“We don't think that this is over,” she told reporters, adding that talks were continuing. "
    "Which of them would have been asked? That was not what he wrote to the minister."
)


@pytest.fixture(scope="module")
def both():
    return load_model(), load_model(fast=False)


def test_fast_pipeline_drops_ruler_and_lemmatizer(both) -> None:
    fast, full = both
    assert "attribute_ruler" not in fast.pipe_names and "lemmatizer" not in fast.pipe_names
    assert fast.pipe_names.index("fast_pos") > fast.pipe_names.index("parser")
    assert "attribute_ruler" in full.pipe_names


def test_fast_tags_agree_with_the_attribute_ruler(both) -> None:
    fast, full = both
    a, b = fast(SENTENCES), full(SENTENCES)
    assert [t.text for t in a] == [t.text for t in b]
    same = sum(x.pos_ == y.pos_ for x, y in zip(a, b))
    assert same / len(a) >= 0.98, [(x.text, x.pos_, y.pos_) for x, y in zip(a, b) if x.pos_ != y.pos_]


@pytest.mark.parametrize("form, lemma", [("said", "say"), ("told", "tell"), ("adding", "add"), ("wrote", "write")])
def test_reporting_verbs_get_their_lemma(both, form, lemma) -> None:
    fast, _ = both
    (tok,) = [t for t in fast(SENTENCES) if t.text == form]
    assert tok.lemma_ == lemma


def test_paragraph_breaks_start_sentences(both) -> None:
    fast, _ = both
    doc = fast("BRUSSELS-Anadolu Agency\nNATO is not a part of the conflict, the official said.")
    assert [s.text.strip() for s in doc.sents][:2] == ["BRUSSELS-Anadolu Agency", "NATO is not a part of the conflict, the official said."]


def test_unknown_model_is_a_user_error() -> None:
    with pytest.raises(ModelError) as err:
        load_model("no_such_model_xyz")
    assert isinstance(err.value, QuotesError) and "no_such_model_xyz" in str(err.value)


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("“It is surprising,”Clinton said.", ["“", "It", "is", "surprising", ",", "”", "Clinton", "said", "."]),
        ("He said:“We win.”", ["He", "said", ":", "“", "We", "win", ".", "”"]),
        ("a “quote” here, isn't it?", ["a", "“", "quote", "”", "here", ",", "is", "n't", "it", "?"]),
    ],
)
def test_quotation_marks_glued_to_words_are_split(both, text, tokens) -> None:
    fast, _ = both
    assert [t.text for t in fast(text)] == tokens
