"""Frozen records shared by every module: a document to read and a quote found in it."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

KINDS: tuple[str, ...] = ("direct", "mixed", "indirect")
#: How a speaker name was resolved (``Quote.resolved_by``).
RESOLVERS: tuple[str, ...] = (
    "mention",  # the name is printed at the cue ("Jens Stoltenberg said")
    "article",  # a surname, honorific or first name that the article prints in full elsewhere
    "gazetteer-alias",  # one of a gazetteer person's names or aliases
    "description",  # a role or description printed with a person of the article ("the minister")
    "pronoun",  # he/she/it/they/we, by agreement and salience
    "continuation",  # no cue of its own: the attribution of the quote it continues
    "gazetteer-title",  # a title only the gazetteer can fill ("the NATO chief"), at the article's date
    "gazetteer-surname",  # a surname no other name in the article uses, dated inside the person's public life
    "unresolved",  # a mention the article names no one for ("a senior aide"): kept as written
    "unattributed",  # no speaker mention
    "reader",  # a reader's correction (quotes.corrections), confidence 1
)


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation found in a text.

    Offsets are character offsets into the original text: ``text[start:end] == quote.text``.
    Direct quotes include their quotation marks. ``speaker`` is the mention as written next to
    the cue (``he``, ``the minister``); ``speaker_name`` is the resolved name (canonical when the
    gazetteer knows the person, else as written in the article). Parts of one quotation split by
    its attribution, or running over several paragraphs, share ``group`` (the index of the first
    part's record within the document) and carry ``part`` = (i, n), 1-based.

    ``resolved_by`` says how ``speaker_name`` was reached (:data:`RESOLVERS`: printed at the cue,
    found in the article, inferred from a pronoun or a description, from the gazetteer, or
    carried over from the quote this one continues) and ``confidence`` in [0, 1] how sure that
    name is; a quote with no speaker is ``unattributed`` with confidence 0.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    speaker_id: str | None = None
    role: str | None = None
    role_normalized: str | None = None
    organization: str | None = None
    group: int | None = None
    part: tuple[int, int] | None = None
    resolved_by: str | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``part`` as a list)."""
        d = asdict(self)
        if self.part is not None:
            d["part"] = list(self.part)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        names = {f.name for f in fields(cls)}
        kw = {k: v for k, v in d.items() if k in names}
        if kw.get("part") is not None:
            kw["part"] = tuple(kw["part"])
        return cls(**kw)


@dataclass(frozen=True, slots=True)
class Document:
    """An article to extract quotes from, with the metadata a citation needs.

    ``meta`` holds anything else the reader found (dateline, guessed fields and how they were
    guessed, front-matter keys).
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO 8601 (date or datetime)
    url: str | None = None
    author: str | None = None
    source: str | None = None  # path or URL the document was read from
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity of an article in the store."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
