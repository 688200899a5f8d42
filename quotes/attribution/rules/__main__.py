"""``python -m quotes.attribution.rules``: the rule list the README shows, from the registry."""

from quotes.attribution.rules import describe

print(describe())
