"""The one name normaliser: a table of cases for each of its functions."""

from __future__ import annotations

import pytest

from quotes import normalize as n


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Erdoğan", "erdogan"),
        ("Əliyev", "eliyev"),
        ("İlham", "ilham"),
        ("Łukasz Straße", "lukasz strasse"),
        ("Stoltenberg’s", "stoltenberg's"),
        ("Le Drian—Paris", "le drian-paris"),
        ("", ""),
    ],
)
def test_fold(text, expected):
    assert n.fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jens Stoltenberg", ("jens", "stoltenberg")),
        ("Stoltenberg's", ("stoltenberg",)),
        ("Stoltenberg’s", ("stoltenberg",)),
        ("Sanders'", ("sanders",)),
        ("Mr. Pashinyan", ("pashinyan",)),
        ("Sir Cameron Mackintosh", ("cameron", "mackintosh")),  # honorifics go, first name stays
        ("Dr. Xi Jinping", ("xi", "jinping")),
        ("Joseph R. Biden Jr.", ("joseph", "r", "biden")),
        ("O'Brien", ("obrien",)),
        ("Jean-Yves Le Drian", ("jean", "yves", "le", "drian")),
        ("ERDOĞAN", ("erdogan",)),
        ("Mr.", ()),
        ("", ()),
    ],
)
def test_name_tokens(text, expected):
    assert n.name_tokens(text) == expected
    assert n.name_key(text) == " ".join(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"), ("Jean-Yves Le Drian", "jean-yves-le-drian"), ("O'Brien", "obrien")],
)
def test_slug(text, expected):
    assert n.slug(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stoltenberg's", "Stoltenberg"),
        ("Stoltenberg’s", "Stoltenberg"),
        ("Sanders'", "Sanders"),
        ("Mr.  Erdoğan’s", "Erdoğan"),  # case and diacritics kept, spacing collapsed
        ("Ms Amanda\nReyes", "Amanda Reyes"),
        ("Sen. Ted Cruz", "Sen. Ted Cruz"),  # not an honorific of the default set
        ("Lady Gaga", "Gaga"),
        ("", ""),
    ],
)
def test_printed_name(text, expected):
    assert n.printed_name(text) == expected


def test_printed_name_with_the_attribution_honorifics():
    assert n.printed_name("Sen. Ted Cruz's", frozenset({"sen."})) == "Ted Cruz"
    assert n.printed_name("Sir Cameron", frozenset({"sen."})) == "Sir Cameron"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stoltenberg, Jens", ["stoltenberg", "jens"]),
        ("J. Stoltenberg", ["stoltenberg"]),  # an initial is dropped
        ("J", ["j"]),  # unless nothing else is left
        ("Mr Younger", ["younger"]),  # an honorific is not part of the name searched for
        ("Mr. Younger", ["younger"]),
        ("Lord", ["lord"]),  # unless nothing else is left
        ("  ", []),
    ],
)
def test_search_words(text, expected):
    assert n.search_words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  Jens   STOLTENBERG ", "jens stoltenberg"), (None, ""), ("Straße", "strasse")],
)
def test_casefold_name(text, expected):
    assert n.casefold_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We don’t negotiate,” he said", "we dont negotiate he said"),
        ("Ｆｕｌｌ-width　TEXT", "full width text"),
        ("“...”", ""),
        ("e-mail_address", "e mail address"),
    ],
)
def test_canonical_text(text, expected):
    assert n.canonical_text(text) == expected


@pytest.mark.parametrize(
    ("name", "printed", "expected"),
    [
        ("Recep Tayyip Erdoğan", "Erdogan", "Recep Tayyip Erdogan"),  # the article's spelling
        ("François Hollande", "President Francois Hollande’s", "Francois Hollande"),
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "Mevlut Cavusoglu"),
        ("Recep Tayyip Erdoğan", "ERDOGAN", "Recep Tayyip Erdoğan"),  # a headline's capitals are no spelling
        ("Jens Stoltenberg", "Mr. Stoltenberg", "Jens Stoltenberg"),
        ("Jens Stoltenberg", "Stoltenburg", "Jens Stoltenberg"),  # another word, not another spelling
    ],
)
def test_spelled_as_printed(name, printed, expected):
    assert n.spelled_as_printed(name, printed) == expected
