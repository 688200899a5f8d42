"""Speaker resolution costs linear work in the article's length (issue 15): a 3 MB article took
minutes because rules read every earlier mention once per quote (``description`` built the order
of all mentions before each description; a surname nobody in the article holds scanned back to the
first mention). The work is counted as lines of :mod:`quotes.resolution` run, not wall-clock
time; linear work grows 2x per doubling of the article, quadratic 4x."""

from __future__ import annotations

import re

import pytest
from handparse import parsed
from linecount import lines_run, per_doubling
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

import quotes.resolution
from quotes.attribution import extract_quotes
from quotes.first_names import FEMININE, MASCULINE
from quotes.resolution import _PrintedFullNames

RESOLUTION = quotes.resolution.__file__
MAX_PER_DOUBLING = 2.2

# 'Anna Kowalski, the Ohio senator, visited the port. “We have the votes,” the senator said. Dorn
# said the plan was sound.' and a line break: a description to resolve ("the senator") and a
# surname the article never prints in full ("Dorn", which the parser did not take for a person).
_BLOCK = [
    ("Anna", 1, "compound", "PROPN"), ("Kowalski", 7, "nsubj", "PROPN"), (",", 1, "punct", "PUNCT"),
    ("the", 5, "det", "DET"), ("Ohio", 5, "compound", "PROPN"), ("senator", 1, "appos", "NOUN"),
    (",", 1, "punct", "PUNCT"), ("visited", 7, "ROOT", "VERB"), ("the", 9, "det", "DET"),
    ("port", 7, "dobj", "NOUN"), (".", 7, "punct", "PUNCT"),
    ("\u201c", 20, "punct", "PUNCT"), ("We", 13, "nsubj", "PRON"), ("have", 20, "ccomp", "VERB"),
    ("the", 15, "det", "DET"), ("votes", 13, "dobj", "NOUN"), (",", 13, "punct", "PUNCT"),
    ("\u201d", 20, "punct", "PUNCT"), ("the", 19, "det", "DET"), ("senator", 20, "nsubj", "NOUN"),
    ("said", 20, "ROOT", "VERB"), (".", 20, "punct", "PUNCT"),
    ("Dorn", 23, "nsubj", "PROPN"), ("said", 23, "ROOT", "VERB"), ("the", 25, "det", "DET"),
    ("plan", 26, "nsubj", "NOUN"), ("was", 23, "ccomp", "AUX"), ("sound", 26, "acomp", "ADJ"),
    (".", 23, "punct", "PUNCT"), ("\n", 23, "dep", "SPACE"),
]
_PERSONS = [(0, 2)]


def article(paragraphs: int):  # type: ignore[no-untyped-def]
    n = len(_BLOCK)
    doc = parsed([(w, h + k * n, d, p) for k in range(paragraphs) for w, h, d, p in _BLOCK])
    doc.ents = [Span(doc, s + k * n, e + k * n, label="PERSON") for k in range(paragraphs) for s, e in _PERSONS]
    return doc


def resolution_lines(doc) -> tuple[int, list]:  # type: ignore[no-untyped-def]
    """The quotes of ``doc`` and how many lines of quotes/resolution.py their extraction ran."""
    return lines_run(extract_quotes, doc, within=RESOLUTION)


def test_resolving_a_long_article_is_linear_in_its_length() -> None:
    small_lines, small = resolution_lines(article(40))
    large_lines, large = resolution_lines(article(160))
    assert len(large) == 4 * len(small) > 0
    # the rules resolved what the test is about: the description, and the surname as printed
    names = {(q.speaker, q.speaker_name, q.resolved_by) for q in large}
    assert ("the senator", "Anna Kowalski", "description") in names
    assert any(q.speaker == "Dorn" and q.speaker_name == "Dorn" for q in large)
    growth = per_doubling(small_lines, large_lines, 4)
    assert growth <= MAX_PER_DOUBLING, f"{growth:.2f}x per doubling"


# ---- the index of printed full names answers as the regex over the text before the mention did ----


def regex_first_name(text: str, surname: str, pos: int) -> str | None:
    """What ``Cast.full_name_printed`` computed before the index: a scan of ``text[:pos]``."""
    for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(surname) + r"\b", text[:pos]):
        if m.group(1) in MASCULINE or m.group(1) in FEMININE:
            return m.group(1)
    return None


@pytest.mark.parametrize(
    ("text", "surname", "pos", "first"),
    [
        ("Amanda Reyes joined the strike. Reyes said so.", "Reyes", 32, "Amanda"),
        ("Amanda Reyes joined the strike. Reyes said so.", "Reyes", 5, None),  # printed after pos
        ("Governor Reyes and Amanda Reyes spoke. Reyes said so.", "Reyes", 39, "Amanda"),
        ("Zorg Amanda Reyes spoke.", "Reyes", 24, "Amanda"),
        ("Amanda Reyesville spoke. Reyes said so.", "Reyes", 25, None),  # another word
        ("Said Reyes Reyes spoke.", "Reyes", 23, None),  # "Reyes Reyes" overlaps "Said Reyes"
        ("Ann O'Neill spoke. O'Neill said so.", "O'Neill", 18, "Ann"),
        ("Ann O'Neillx", "O'Neill", 11, "Ann"),  # the mention starts right after the surname
        ("Ann Smith-Jones spoke.", "Smith", 20, "Ann"),  # a word boundary at the hyphen
    ],
)
def test_printed_full_name(text: str, surname: str, pos: int, first: str | None) -> None:
    assert regex_first_name(text, surname, pos) == first
    assert _PrintedFullNames(text).first_name(surname, pos) == first


_WORDS = ["Anna", "Reyes", "Reyesx", "Said", "the", "O'Neill", "O", "Mary", "Smith-Jones", "Smith", "Jo", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", " ", ", ", ".", "-", "", "\n"])), max_size=10),
       st.sampled_from(["Reyes", "O'Neill", "Smith", "Mary", "Jo"]))
def test_printed_full_names_agree_with_the_regex_at_every_position(words, surname) -> None:
    text = "".join(w + sep for w, sep in words)
    index = _PrintedFullNames(text)
    for pos in range(len(text) + 1):
        assert index.first_name(surname, pos) == regex_first_name(text, surname, pos)


def _by_role_reference(people, role: str, before: int):  # type: ignore[no-untyped-def]
    """The scan ``ArticlePeople.by_role`` did before its index: the last person in cast order,
    introduced by ``before``, with a role holding every word of ``role`` (one of them a role word)."""
    from quotes.attribution.people import _role_words
    from quotes.lexicon import DESCRIPTION_STOP_WORDS, ROLE_WORDS

    words = _role_words(role)
    if not any(w in ROLE_WORDS or w in people.title_words for w in words):
        return None
    heads = words - DESCRIPTION_STOP_WORDS - {"one"}
    best = None
    for p in people.people:
        if p.first <= before and heads and any(heads <= _role_words(r) for r in p.roles):
            best = p
    return best


_ROLES = ["governor", "Ohio governor", "senator", "the state's attorney general", "deputy minister", "Defense Minister",
          "spokeswoman", "police Chief", "chief executive"]


@settings(max_examples=60, deadline=None)
@given(
    cast=st.lists(st.tuples(st.integers(0, 500), st.sampled_from(_ROLES + [""])), max_size=25),
    queries=st.lists(st.tuples(st.sampled_from(_ROLES + ["the minister", "the chief"]), st.integers(0, 520)),
                     min_size=1, max_size=10),
)
def test_the_role_index_finds_whom_the_scan_of_the_cast_found(cast, queries) -> None:  # type: ignore[no-untyped-def]
    from quotes.attribution.people import ArticlePeople

    doc = parsed([("Someone", 1, "nsubj", "PROPN"), ("spoke", 1, "ROOT", "VERB")])
    people = ArticlePeople(doc, persons=[])
    for k, (start, role) in enumerate(cast):
        people.add_hint(f"Person Number{k}", start, role or None)
    for role, before in queries:
        assert people.by_role(role, before) is _by_role_reference(people, role, before)


def test_descriptions_do_not_rescan_the_cast(monkeypatch: pytest.MonkeyPatch) -> None:
    # 400 governors and 400 "the governor" descriptions: each role's words are read once, not once
    # per description (the scan read 400 x 400)
    import quotes.attribution.people as people_module

    calls = 0
    words = people_module._role_words

    def counted(role: str) -> set[str]:
        nonlocal calls
        calls += 1
        return words(role)

    monkeypatch.setattr(people_module, "_role_words", counted)
    doc = parsed([("Someone", 1, "nsubj", "PROPN"), ("spoke", 1, "ROOT", "VERB")])
    people = people_module.ArticlePeople(doc, persons=[])
    for k in range(400):
        people.add_hint(f"Person Number{k}", 10 * k, "governor")
    for k in range(400):
        assert people.by_role("the governor", 10 * k + 5) is people.people[k]
    assert calls <= 2 * 400
