"""Descriptions as speakers (quotes.resolution): ``the newspaper``, ``the poll``, ``the Dutch
politician``. Hand-written news sentences through the real parser, one per convention, and the
lexical helpers without a model."""

from __future__ import annotations

import pytest

from quotes.resolution import org_fits


# ---- helpers (no model) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noun", "name", "fits"),
    [
        ("newspaper", "the Orlando Sentinel", True),
        ("newspaper", "The Advocate", True),
        ("newspaper", "the Electoral College", False),
        ("newspaper", "Martha's Vineyard", False),
        ("paper", "Islam", False),
        ("network", "CNN", True),
        ("court", "the Supreme Court", True),
        ("court", "the Justice Department", False),
        ("department", "the State Department", True),
        ("agency", "the FBI", True),
        ("campaign", "the Hillary Clinton campaign", True),
        ("campaign", "the FBI", False),
        ("campaign", "Pensions Committee", False),
        ("board", "the Illinois Board of Elections", True),
        ("foundation", "the National Golf Foundation", True),
        # a company or a group is any organization whose name shows no other kind
        ("company", "Twitter", True),
        ("company", "New York University's", False),
        ("company", "the Rockefeller Brothers Fund", False),
        ("group", "Black Lives Matter", True),
        ("group", "the Sun-Times", False),
        ("group", "the Barack Obama administration", False),
    ],
)
def test_an_organization_fits_the_noun_that_describes_it(noun: str, name: str, fits: bool) -> None:
    assert org_fits(noun, name) is fits


# ---- the real parser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gaz():
    from quotes.attribution import load_gazetteer

    return load_gazetteer()


def run(nlp, gaz, text: str) -> list[tuple[str | None, str | None, str | None]]:
    from quotes.attribution import extract_quotes

    return [(q.speaker, q.speaker_name, q.resolved_by) for q in extract_quotes(nlp(text), gazetteer=gaz)]


CASES = [
    # "the newspaper" is the outlet in focus, not a place or an institution named in between
    ('The Veldon Daily Courier criticized the Electoral College on Friday. "The mayor must act," the newspaper wrote.',
     [("the newspaper", "The Veldon Daily Courier", "description")]),
    ('Voters in the Electoral College met on Friday. "The mayor must act," the newspaper wrote.',
     [("the newspaper", "the newspaper", "unresolved")]),
    # "the company" is no university and "the court" no ministry
    ('Professors at Veldonia University sued Brantex on Monday. "We will fight the claim," the company said.',
     [("the company", "Brantex", "description")]),
    ('The Justice Department asked for a delay on Monday. "The request is denied," the court said.',
     [("the court", "the court", "unresolved")]),
    # a poll named by its pollster speaks for it; "the survey" takes up "the poll" before it
    ('A Quorvex poll found Ruiz ahead. Ruiz leads by 4 points, according to the survey.',
     [("the survey", "Quorvex", "description")]),
    ('A Quorvex poll found Ruiz ahead. Ruiz leads by 4 points, according to the results.',
     [("the results", "Quorvex", "description")]),
    # "according to the results, Ruiz ..." is no apposition: the results are not Ruiz
    ('Ana Ruiz won the vote. According to the results, Ruiz "won every district."',
     [("the results", "the results", "unresolved")]),
    # "his remarks" speak for the man in focus, never for a person called "his"
    ('Peter Wallis spoke on Monday. His remarks said the port "will reopen on Friday."',
     [("His remarks", "Peter Wallis", "pronoun")]),
    # a description names a person the article ties to its names: Janney's spokeswoman is not
    # the spokeswoman of another man
    ('Hope Kessler, a spokeswoman for Peter Wallis, met the press. A spokeswoman for Janney said '
     'the deal "is off."', [("A spokeswoman for Janney", "A spokeswoman for Janney", "unresolved")]),
    # a vice president is not "the president"
    ('Vice President Anna Kowalski opened the plant on Monday. "The plant is open," the president said.',
     [("the president", "the president", "unresolved")]),
    # a description with a modifier is the person in focus ...
    ('Peter Wallis won the vote in Ohio on Tuesday. The Ohio businessman said "the deal is done."',
     [("The Ohio businessman", "Peter Wallis", "description")]),
    # ... and so is one whose noun characterizes a known person (not an official or an aide)
    ('Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the businessman said.',
     [("the businessman", "Peter Wallis", "description")]),
    ('Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the official said.',
     [("the official", "the official", "unresolved")]),
    # ... but not the other candidate, someone else's adviser, or a party the person is not of
    ('Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the other candidate said.',
     [("the other candidate", "the other candidate", "unresolved")]),
    ('Republican Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the Democratic candidate said.',
     [("the Democratic candidate", "the Democratic candidate", "unresolved")]),
    # the former first lady is a kind of person, not "the first" of something
    ('Senator Laura Bennett spoke in Ohio on Tuesday. The former first lady said "the deal is done."',
     [("The former first lady", "Laura Bennett", "description")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_descriptions(nlp, gaz, text, expected) -> None:
    got = run(nlp, gaz, text)
    assert len(got) >= len(expected)
    tail = got[-len(expected):]
    for (mention, name, how), (g_mention, g_name, g_how) in zip(expected, tail):
        assert (g_mention, g_name, g_how) == (mention, name, how)


@pytest.mark.slow
def test_someone_elses_adviser_is_not_the_person_in_focus(nlp, gaz) -> None:
    got = run(nlp, gaz, 'Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the senior Wallis adviser said.')
    assert got and got[-1][0] == "the senior Wallis adviser" and got[-1][1] != "Peter Wallis"


@pytest.mark.slow
def test_an_organization_named_in_a_description_must_be_printed_with_the_person_in_focus(nlp, gaz) -> None:
    got = run(nlp, gaz, 'Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the Microsoft chief executive said.')
    assert got and got[-1][0] == "the Microsoft chief executive" and got[-1][1] != "Peter Wallis"
    got = run(nlp, gaz, 'Microsoft executive Peter Wallis won the vote on Tuesday. The Microsoft chief said "the deal is done."')
    assert got and got[-1][1] == "Peter Wallis"
