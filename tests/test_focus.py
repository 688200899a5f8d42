"""Which paragraphs are parsed (quotes.focus): blanking must keep offsets and every quote's context."""

from __future__ import annotations

import pytest

from quotes.focus import focus, is_relevant, name_hints


@pytest.mark.parametrize(
    "paragraph, relevant",
    [
        ("“We will not leave,” she said.", True),  # marks
        ("The minister said the talks would resume.", True),  # a cue word
        ("The statement reads:", True),  # a colon introduces the next paragraph
        ("- Bernie Sanders.", True),  # a sign-off line under a quote
        ("\u2014 Jane Roe, Springfield", True),
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


def test_name_hints_skip_a_capitalized_sentence_start() -> None:
    assert name_hints("The Bridge Authority met on Monday.", 0) == []
