"""Which paragraphs are parsed (quotes.attribution.focus): blanking must keep offsets and every quote's context."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.attribution.focus import _MARK_RE, focus, is_relevant, needs_antecedent
from quotes.attribution.mentions import name_hints, org_hints, poll_hints, printed_title
from quotes.lexicon import DASHES, VERB_FORMS


@pytest.mark.parametrize(
    "paragraph, relevant",
    [
        ("“We will not leave,” she said.", True),  # marks
        ("The minister said the talks would resume.", True),  # a cue word
        ("The statement reads:", True),  # a colon introduces the next paragraph
        ("- Bernie Sanders.", True),  # a sign-off line under a quote
        ("\u2014 Jane Roe, Springfield", True),
        ("PENCE: We will never support it.", True),  # a transcript's turn, no mark and no cue word
        ("SEN. BERNIE SANDERS (I-VT): Nobody is buying it.", True),
        ("The Pence team: a small group of loyal aides.", False),  # a colon inside a sentence
        ("The bridge was built in 1932 and repaired twice.", False),
        ("It's the bridge's third repair.", False),  # apostrophes are not marks
        ("- and then a long line that starts with a dash but runs on for many words like a list item would.", False),
    ],
)
def test_is_relevant(paragraph: str, relevant: bool) -> None:
    assert is_relevant(paragraph) is relevant


def test_focus_blanks_irrelevant_paragraphs_and_keeps_offsets() -> None:
    text = "Defense Minister Anna Kowalski visited the base.\n\n“We are ready,” Kowalski said.\n- Anna Kowalski."
    focused, hints = focus(text)
    assert len(focused) == len(text)
    assert focused.split("\n")[0].strip() == ""  # the first paragraph is blanked...
    assert focused[focused.index("“") :] == text[text.index("“") :]  # ...the rest is untouched
    assert [(h.name, h.role, text[h.start : h.start + len(h.name)]) for h in hints] == [
        ("Anna Kowalski", "Defense Minister", "Anna Kowalski")
    ]


@pytest.mark.parametrize(
    ("paragraph", "names"),
    [
        ("The Harbour Department counts 40 ships a day.", ["the Harbour Department"]),
        ("Fewer boats sail, according to the National Sailing Foundation. Almost 60 clubs closed.",
         ["the National Sailing Foundation"]),  # the name stops at the end of its sentence
        ("Still, the Business Council of Northland opposed the levy.", ["the Business Council of Northland"]),
        ("The Port Authority and the Department of the Interior met.", ["the Department of the Interior"]),
        ("Harbour Campaign Plans To Sue", ["Harbour Campaign"]),  # a headline: the name ends at its kind
        ("Peter Wallis visited New Harbour on Monday.", []),  # no word of an organization's name
        ("The Department met on Monday.", []),  # one capitalized word is no name
    ],
)
def test_org_hints(paragraph: str, names: list[str]) -> None:
    hints = org_hints(paragraph, 10)
    assert [h.name for h in hints] == names
    for h in hints:
        assert h.kind == "org"
        assert paragraph[h.start - 10 :].lower().startswith(h.name.lower())


@pytest.mark.parametrize(
    ("paragraph", "names"),
    [
        ("With Wallis in the race, a Morning Consult Poll found he would draw votes.", ["Morning Consult Poll"]),
        ("The latest WKRN/Dunmore poll has Ruiz ahead.", ["WKRN/Dunmore"]),
        ("A University of Veldon/Veldon Herald survey was taken online.", ["University of Veldon/Veldon Herald"]),
        ("Voters went to the polls on Tuesday.", [""]),  # a poll with no pollster still counts as the nearest
        ("New poll shows Ruiz ahead.", [""]),  # a headline's capital is no pollster
        ("Wallis worried about the Ruiz poll numbers.", []),  # a candidate's standing is no poll
    ],
)
def test_poll_hints(paragraph: str, names: list[str]) -> None:
    hints = poll_hints(paragraph, 10)
    assert [h.name for h in hints] == names
    for h in hints:
        assert h.kind == "poll"
        assert paragraph[h.start - 10 :].lower().startswith(("poll", "survey"))


def test_focus_keeps_the_organizations_of_blanked_paragraphs() -> None:
    text = "The Harbour Department counts 40 ships a day.\n\n\u201cThe port is full,\u201d the department said."
    _, hints = focus(text)
    assert [(h.name, h.kind) for h in hints] == [("the Harbour Department", "org")]


def test_name_hints_skip_a_capitalized_sentence_start() -> None:
    assert name_hints("The Bridge Authority met on Monday.", 0) == []


def test_name_hints_keep_a_paragraph_that_opens_with_a_first_name() -> None:
    # live-blog copy opens an entry with its subject: the next paragraph's "he" needs him
    (hint,) = name_hints("Peter Wallis is touring the northern ports this week.", 40)
    assert (hint.name, hint.start, hint.role) == ("Peter Wallis", 40, None)


LONG_TITLE = (
    "Deputy Assistant Secretary General for Political Affairs and Security Policy and NATO "
    "Secretary General\u2019s Special Representative for the Caucasus and Central Asia"
)


@pytest.mark.parametrize(
    "before, title",
    [
        ("The minister met Defense Minister ", "Defense Minister"),
        # agency copy: a title with its complements, joined by "for", "and", "of", "the"
        (f"the delegation led by the {LONG_TITLE} ", LONG_TITLE),
        ("Yesterday ", None),  # capitals without a title word
        ("said on Monday that ", None),
        ("", None),
    ],
)
def test_printed_title_before_a_name(before: str, title: str | None) -> None:
    assert printed_title(before) == title


def test_name_hints_split_a_long_title_from_the_name_it_ran_into() -> None:
    para = f"Hasanov met the delegation led by the {LONG_TITLE} Javier Colomina on Monday."
    (hint,) = [h for h in name_hints(para, 0) if h.name.endswith("Colomina")]
    assert (hint.name, hint.role) == ("Javier Colomina", LONG_TITLE)
    assert para[hint.start : hint.start + len(hint.name)] == "Javier Colomina"


def test_name_hints_stop_at_the_end_of_a_sentence() -> None:
    # "Peter Wallis. Either" is no name: the full stop ends it; an initial does not
    hints = name_hints("The board thanked Peter Wallis. Either way the port opens.", 0)
    assert [h.name for h in hints] == ["Peter Wallis"]
    hints = name_hints("The board thanked Peter J. Wallis on Monday.", 0)
    assert [h.name for h in hints] == ["Peter J. Wallis"]


@pytest.mark.parametrize(
    "paragraph, needs",
    [
        ("“It is incredible,” he said.", True),
        ("It added that the plant would close.", True),
        ("“We disagree,” said they, in chorus.", True),
        ("The council said the plant would close.", False),  # a named source needs no antecedent
        ("Heather said it was fine.", True),  # "said it" is read as one too: one paragraph more parsed, no harm
        ("The heat stayed all week.", False),
    ],
)
def test_needs_antecedent(paragraph: str, needs: bool) -> None:
    assert needs_antecedent(paragraph) is needs


def test_the_paragraph_before_a_pronoun_attribution_is_parsed() -> None:
    # the antecedent of "he" is in a paragraph with no quote and no cue word: it is kept for the parser
    text = ("The bridge was built in 1932.\n\nIn his reply, Peter Wallis voiced disappointment.\n\n"
            "“It is a shame,” he said.")
    focused, _ = focus(text)
    assert focused.split("\n")[0].strip() == ""  # the first paragraph is still blanked
    assert "Peter Wallis voiced disappointment" in focused


# The word-by-word lookups must find exactly what the regular expressions they replaced found
# (an alternation of every reporting verb form, case-insensitive, at word boundaries).
_FORMS = "|".join(sorted(VERB_FORMS, key=len, reverse=True))
_CUE_REFERENCE = re.compile(r"\b(?:" + _FORMS + r")\b", re.I)
_PRONOUN_CUE_REFERENCE = re.compile(
    r"\b(?:he|she|it|they)\s+(?:\w+ly\s+)?(?:" + _FORMS + r")\b|\b(?:" + _FORMS + r")\s+(?:he|she|it|they)\b", re.I
)
_PIECES = ["he", "She", "IT", "they", "said", "Added", "told", "quickly", "ly", "sadly", "table", "he_said",
           "saidx", "é", "1", " ", "  ", "\t", "\u00a0", ",", "'s", "\u2014", '"', "\n"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_word_lookups_find_what_the_reference_expressions_find(text: str) -> None:
    assert needs_antecedent(text) is bool(_PRONOUN_CUE_REFERENCE.search(text))
    assert is_relevant(text) == is_relevant_by_reference(text)


def is_relevant_by_reference(paragraph: str) -> bool:
    stripped = paragraph.strip()
    return bool(
        _MARK_RE.search(paragraph) or _CUE_REFERENCE.search(paragraph) or stripped.endswith(":")
        or stripped[:1] in DASHES and len(stripped.split()) <= 12
        or re.match(r"[A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]*){0,3}(?: \([^)\n]{1,12}\))?:[ \t]+\S", stripped)
    )  # fmt: skip
