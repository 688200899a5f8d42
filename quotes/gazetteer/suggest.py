"""Suggestions for new gazetteer entries: people and title words a corpus names that the
gazetteer does not know (``quotes gazetteer suggest``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from quotes.gazetteer.resolve import Gazetteer, default_gazetteer
from quotes.normalize import name_key, name_tokens, slug

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A speaker or title seen in a corpus that the gazetteer does not know."""

    kind: str  # "person" or "title"
    name: str
    count: int
    documents: tuple[str, ...]
    roles: tuple[str, ...] = ()
    entry: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_yaml(self) -> str:
        """The entry as YAML lines for a ``people:`` or ``titles:`` list, with a comment."""
        docs = ", ".join(self.documents[:3]) + (", ..." if len(self.documents) > 3 else "")
        seen = f"seen {self.count} time{'s' if self.count != 1 else ''} in {len(self.documents)} document{'s' if len(self.documents) != 1 else ''} ({docs})"
        if self.roles:
            seen += "; roles as printed: " + "; ".join(self.roles[:3])
        body = yaml.safe_dump([self.entry], sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
        lines = [f"  # {seen}"] + ["  " + line for line in body.rstrip("\n").splitlines()]
        return "\n".join(lines)


@dataclass
class _Seen:
    """A person or title word counted across the corpus."""

    name: str
    count: int = 0
    docs: list[str] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    variants: Counter[str] = field(default_factory=Counter)

    def add(self, doc_id: str, variant: str) -> None:
        self.count += 1
        self.variants[variant] += 1
        if doc_id not in self.docs:
            self.docs.append(doc_id)


def _item_fields(item: Any, n: int) -> tuple[str, str, str | None, str | None]:
    """(id, text, author, date) of a Document, a spaCy Doc or a plain string."""
    text = getattr(item, "text", item)
    if not isinstance(text, str):
        raise TypeError(f"suggest() takes texts, Documents or spaCy Docs, not {type(item).__name__}")
    doc_id = getattr(item, "id", None) or f"#{n + 1}"
    return str(doc_id), text, getattr(item, "author", None), getattr(item, "date", None)


def _clean_name(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip()).strip(" ,.;:\"“”‘’()-–—")
    return re.sub(r"\s+", " ", text)


def _stops_title(tok: Any) -> bool:
    """Whether a token before a name ends the title printed with it."""
    if tok.is_punct and tok.text not in ("-", "’", "'"):
        return True
    return bool(tok.ent_type_ == "PERSON" or tok.pos_ in ("VERB", "AUX", "ADP") and tok.lower_ not in ("of", "for"))


def _role_context(ent: Span) -> str | None:
    """The words printed with a PERSON entity: the title before it and an apposition after it."""
    doc = ent.doc
    i = ent.start
    while i > max(0, ent.start - 10) and not _stops_title(doc[i - 1]):
        i -= 1
    before = doc[i : ent.start].text.strip()
    after = next(
        (doc[c.left_edge.i : c.right_edge.i + 1].text.strip(" ,") for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end),
        "",
    )
    role = " , ".join(x for x in (before, after) if x)
    return role or None


class _Collector:
    """Counts the people and title words the gazetteer lacks, one document at a time."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.known_words = gaz.title_words()
        self.people: dict[str, _Seen] = {}
        self.titles: dict[str, _Seen] = {}

    def document(self, doc: Doc, doc_id: str, author: str | None, when: str | None) -> None:
        mentions = []
        for ent in doc.ents:
            name = _clean_name(ent.text) if ent.label_ == "PERSON" else ""
            if name_tokens(name) and any(c.isupper() for c in name):
                mentions.append((name, _role_context(ent), ent))
        full: dict[str, str] = {}
        for name, _, _ in mentions:
            toks = name_tokens(name)
            if len(toks) > 1:
                full.setdefault(toks[-1], name)
        byline = set(name_tokens(author)) if author else set()
        for name, role, ent in mentions:
            toks = name_tokens(name)
            canonical = full.get(toks[-1], name) if len(toks) == 1 else name
            if byline and set(name_tokens(canonical)) <= byline:
                continue
            self.mention(doc, ent, name, canonical, role, doc_id, when)

    def mention(self, doc: Doc, ent: Span, name: str, canonical: str, role: str | None, doc_id: str, when: str | None) -> None:
        gaz = self.gaz
        if gaz.lookup(canonical, role=role, date=when) or gaz.lookup(name, role=role, date=when):
            return
        name_part, _ = gaz.split_mention(canonical)
        canonical = name_part or canonical
        key = name_key(canonical)
        # one word never printed in full is more often a place the model took for a person
        if len(key.split()) < 2 or not gaz.parse_role(canonical).empty:
            return
        rec = self.people.setdefault(key, _Seen(canonical))
        if len(name_tokens(canonical)) > len(name_tokens(rec.name)):
            rec.name = canonical
        rec.add(doc_id, name)
        if role and not gaz.parse_role(role).empty:
            rec.roles[role] += 1
        self.title_before(doc, ent, name, doc_id)

    def title_before(self, doc: Doc, ent: Span, name: str, doc_id: str) -> None:
        """A capitalized common noun right before the name that no title explains."""
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if prev is None or prev.pos_ not in ("NOUN", "PROPN") or prev.ent_type_ != "" or not prev.is_alpha or not prev.text[0].isupper():
            return
        if prev.lower_ in self.known_words or not self.gaz.parse_role(prev.text).empty:
            return
        rec = self.titles.setdefault(prev.lower_, _Seen(prev.text))
        rec.add(doc_id, f"{prev.text} {name}")

    def person_suggestion(self, rec: _Seen) -> Suggestion:
        entry: dict[str, Any] = {"id": slug(rec.name), "name": rec.name}
        variants = [v for v in rec.variants if name_key(v) != name_key(rec.name) and len(name_tokens(v)) > 1]
        if variants:
            entry["aliases"] = variants
        entry["gender"] = None
        roles = [r for r, _ in rec.roles.most_common()]
        position = self.position(roles[0]) if roles else None
        if position:
            entry["positions"] = [position]
        return Suggestion("person", rec.name, rec.count, tuple(rec.docs), tuple(roles), entry)

    def position(self, role: str) -> dict[str, Any] | None:
        r = self.gaz.parse_role(role)
        if not r.title:
            return None
        pos: dict[str, Any] = {"title": r.title}
        if r.organization:
            pos["organization"] = r.organization
        if r.country:
            pos["country"] = r.country
        pos.update(start=None, end=None)
        return pos

    def suggestions(self, min_count: int) -> list[Suggestion]:
        out = [self.person_suggestion(rec) for rec in self.people.values() if rec.count >= min_count]
        for rec in self.titles.values():
            if rec.count >= min_count:
                examples = tuple(e for e, _ in rec.variants.most_common(3))
                out.append(Suggestion("title", rec.name.title(), rec.count, tuple(rec.docs), examples,
                                      {"title": rec.name.title(), "kind": "many"}))  # fmt: skip
        return out


def suggest(
    items: Iterable[Any],
    *,
    gazetteer: Gazetteer | None = None,
    nlp: Language | None = None,
    min_count: int = 2,
    limit: int | None = None,
) -> list[Suggestion]:
    """People (spaCy PERSON entities) and title words a corpus names that the gazetteer lacks.

    ``items`` are texts, :class:`quotes.records.Document` s (their date decides tenure; their
    author, the byline, is skipped) or spaCy Docs. Within a document a lone surname counts for
    the full name printed earlier or later. A person is suggested when seen ``min_count`` times
    in all, with the most frequent role turned into a position; a title word when a word that
    the lexicon does not know stands before a name ``min_count`` times. Most frequent first.
    """
    from spacy.tokens import Doc

    collector = _Collector(gazetteer or default_gazetteer())
    for n, item in enumerate(items):
        doc_id, text, author, when = _item_fields(item, n)
        if not isinstance(item, Doc):
            if nlp is None:
                from quotes.model import cached_model

                nlp = cached_model()
            item = nlp(text)
        collector.document(item, doc_id, author, when)
    out = collector.suggestions(min_count)
    out.sort(key=lambda s: (-s.count, s.kind, s.name))
    return out[:limit] if limit else out


def suggestions_yaml(suggestions: Sequence[Suggestion]) -> str:
    """Suggestions as a YAML document to paste into a gazetteer file (people and titles lists)."""
    lines: list[str] = []
    for kind, section in (("person", "people"), ("title", "titles")):
        chosen = [s for s in suggestions if s.kind == kind]
        if chosen:
            lines.append(f"{section}:")
            lines.extend(s.to_yaml() for s in chosen)
    return "\n".join(lines) + ("\n" if lines else "")
