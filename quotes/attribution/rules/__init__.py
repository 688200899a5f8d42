"""The attribution rules, in the order they run.

Each rule is a function over the shared :class:`~quotes.attribution.context.Context`: it reads the
quoted spans and cues and adds claims for the quotes it attributes, leaving the rest to the rules
after it. The order matters (a quote claimed by an earlier rule is not offered to a later one), so
it is fixed here, in :data:`RULES`, and the documentation prints it from this tuple
(:func:`describe`).

To add a rule: write it in a module of this package as ``def my_rule(ctx: Context) -> None`` with
a docstring that says which convention of news copy it handles, give it tests on hand-built parses
(tests/test_rules.py), and put it in :data:`RULES` where it belongs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quotes.attribution.context import Context
from quotes.attribution.rules.adjacent import adjacent_cue
from quotes.attribution.rules.complement import complement_of_verb
from quotes.attribution.rules.continuation import continuation
from quotes.attribution.rules.interrupted import interrupted_front
from quotes.attribution.rules.layout import dash_signature, transcript_turn
from quotes.attribution.rules.nested import reported_attribution
from quotes.attribution.rules.reported import reported_clause


@dataclass(frozen=True)
class Rule:
    """A named attribution rule."""

    name: str
    apply: Callable[[Context], None]

    @property
    def summary(self) -> str:
        """The first paragraph of the rule's docstring, on one line."""
        doc = (self.apply.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(doc.split())


RULES: tuple[Rule, ...] = (
    Rule("transcript-turn", transcript_turn),
    Rule("reported-clause", reported_clause),
    Rule("interrupted-front", interrupted_front),
    Rule("complement-of-verb", complement_of_verb),
    Rule("adjacent-cue", adjacent_cue),
    Rule("dash-signature", dash_signature),
    Rule("reported-attribution", reported_attribution),
    Rule("continuation", continuation),
)


def describe(rules: tuple[Rule, ...] = RULES) -> str:
    """The rules as a numbered Markdown list, in the order they run (the README prints this)."""
    return "\n".join(f"{n}. **{r.name}**: {r.summary}" for n, r in enumerate(rules, 1))
