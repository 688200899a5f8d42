"""The gazetteer: canonical people, organizations, countries and titles with tenure.

It maps names and titles as printed in an article to one canonical person, so that every quote
of Jens Stoltenberg carries ``speaker_id = "jens-stoltenberg"`` however the article names him
("Stoltenberg", "the NATO secretary-general", "Jens Stoltenberg's").

The package has four parts:

- :mod:`.schema`: the records (:class:`Person`, :class:`Position` ...) and reading and
  validating the YAML files (``quotes/gazetteer/data/*.yaml`` are bundled; the format is
  documented in ``quotes/gazetteer/data/README.md``). User files given with ``--gazetteer FILE``
  merge over the bundled data: an entry with a known id overrides its scalar fields and extends
  its aliases and positions.
- :mod:`.roles`: the role grammar ("Azerbaijani Defense Ministry's Chief" -> Defense Minister).
- :mod:`.resolve`: the :class:`Gazetteer` index and the resolution of a mention to a person.
- :mod:`.suggest`: entries a corpus suggests (``quotes gazetteer suggest``).

Extraction uses a gazetteer through :class:`GazetteerLike`; the only error its methods raise on
purpose is :class:`GazetteerError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from quotes.gazetteer.resolve import (
    EVIDENCE,
    Gazetteer,
    GazetteerMatch,
    Office,
    default_gazetteer,
    load_gazetteer,
    match_query,
    normalize_role,
    parse_role,
    resolve,
    resolve_title,
    title_words,
)
from quotes.gazetteer.roles import Role
from quotes.gazetteer.schema import (
    Country,
    GazetteerError,
    GazetteerIssue,
    Organization,
    Person,
    Position,
    Title,
    as_date,
    bundled_files,
    validate,
    validate_bundled,
)
from quotes.gazetteer.suggest import Suggestion, suggest, suggestions_yaml
from quotes.normalize import fold

__all__ = [
    "EVIDENCE",
    "Country",
    "Gazetteer",
    "GazetteerError",
    "GazetteerIssue",
    "GazetteerLike",
    "GazetteerMatch",
    "Office",
    "Organization",
    "Person",
    "Position",
    "Role",
    "Suggestion",
    "Title",
    "as_date",
    "bundled_files",
    "default_gazetteer",
    "fold",
    "load_gazetteer",
    "match_query",
    "normalize_role",
    "parse_role",
    "resolve",
    "resolve_title",
    "suggest",
    "suggestions_yaml",
    "title_words",
    "validate",
    "validate_bundled",
]


@runtime_checkable
class GazetteerLike(Protocol):
    """What extraction asks of a gazetteer (:class:`Gazetteer` is the implementation).

    Methods return None for a mention they cannot resolve with confidence; they raise
    :class:`GazetteerError` only, and only for problems in the gazetteer's data.
    """

    def identify(
        self, mention: str, *, role: str | None = None, date: str | date | None = None, article_names: Sequence[str] = ()
    ) -> GazetteerMatch | None:
        """The person a mention in an article names and the evidence (``gazetteer-alias``,
        ``gazetteer-title``, ``gazetteer-surname``), only with evidence; ``article_names`` are
        the names the article prints (a surname another of them uses is no evidence)."""
        ...

    def identify_title(self, role: str, *, date: str | date | None = None) -> GazetteerMatch | None:
        """The one holder of an office at the article's ``date`` ("the NATO secretary-general");
        None for an undated article."""
        ...

    def offices(self, person: Person, *, date: str | date | None) -> tuple[list[Office], list[Office]]:
        """How news copy may print the positions ``person`` held at ``date`` and those they had left
        by then (titles with their variants; organizations and countries); ([], []) undated."""
        ...

    def resolve(
        self, mention: str, *, role: str | None = None, date: str | date | None = None, article_names: Sequence[str] = ()
    ) -> Person | None:
        """The person of :meth:`identify`, without the evidence."""
        ...

    def resolve_title(self, role: str, *, date: str | date | None = None) -> Person | None:
        """The person of :meth:`identify_title`."""
        ...

    def normalize_role(self, role: str | None) -> tuple[str | None, str | None]:
        """(normalized title, organization or country) of a role as printed."""
        ...

    def title_words(self) -> frozenset[str]:
        """Lower-case head nouns of titles ("minister", "secretary-general")."""
        ...
