"""Who a quote's speaker mention refers to: the name, the article's person, the gazetteer's
person and the role, from the cue's speaker token.

Mixed into :class:`quotes.attribution.pipeline._Extraction`, which holds the parsed ``doc``, the
article's people and the gazetteer.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from quotes.attribution.focus import printed_title
from quotes.attribution.mentions import (
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    apposition_role,
    clean,
    mention_for,
    role_in_mention,
    split_title,
)
from quotes.attribution.people import ArticlePeople, PersonEntry
from quotes.gazetteer import GazetteerError, GazetteerLike, Person


class SpeakerResolution:
    """The speaker fields of a record (``speaker``, ``speaker_name``, ``speaker_id``, ``role`` ...)."""

    doc: Doc
    text: str
    gazetteer: GazetteerLike | None
    date: str | None
    title_words: frozenset[str]
    persons: list[Span]
    people: ArticlePeople
    _roles: dict[str, str]

    def _speaker_info(self, c: Any, last_person: dict[str, Any] | None) -> dict[str, Any]:
        cue = c.cue
        assert cue is not None
        doc = self.doc
        cue_span = doc[cue.start : cue.end]
        info: dict[str, Any] = {
            "cue": clean(cue_span.text),
            "cue_start": cue_span.start_char,
            "cue_end": cue_span.end_char,
        }
        if cue.speaker is None:
            return info
        mention = mention_for(cue.speaker, self.persons)
        span = mention.span(doc)
        info.update(speaker=span.text, speaker_start=span.start_char, speaker_end=span.end_char)
        head = doc[mention.head]
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
            # "Franklin Graham, who vowed ...": the mention is "who", the name is its antecedent's
            mention = mention_for(head.head.head, self.persons)
            span = mention.span(doc)
            head = doc[mention.head]
        role = role_in_mention(span, self.title_words) or apposition_role(head)
        entry: PersonEntry | None = None
        name: str | None = None
        person: Person | None = None
        if mention.kind == "person":
            ents = [e for e in self.persons if e.start >= span.start and e.end <= span.end]
            printed = head.text
            if ents:
                title, printed = split_title(ents[-1], self.title_words)
                role = role or title
            entry = self.people.lookup(printed)
            name = entry.name if entry is not None else clean(printed)
            info["is_person"] = True
        elif mention.kind == "pronoun":
            if head.lower_ in PERSON_PRONOUNS:
                if last_person is not None:
                    return {**last_person, **info, "role": last_person.get("role")}
                entry = self._nearest_person(span.start_char)
                if entry is not None:
                    name = entry.name
                    info["is_person"] = True
        elif mention.kind == "role":
            role = role or clean(span.text)
            entry = self.people.by_role(role, span.start_char)
            if entry is not None:
                name = entry.name
                info["is_person"] = True
            else:
                person = self._gazetteer_title(role)
                if person is not None:
                    name = person.name
                    info["is_person"] = True
        elif head.pos_ == "PROPN" and mention.kind in ("other", "group"):
            # a surname the NER missed ("Stoltenberg added") still names the article's person,
            # or a person the gazetteer knows ("Bayramov said")
            printed = split_title(span, self.title_words)[1]
            entry = self.people.lookup(printed)
            if entry is not None:
                name = entry.name
                info["is_person"] = True
            else:
                name = clean(printed)
                person = self._gazetteer_person(name, role)
                if person is not None:
                    info["is_person"] = True
        else:
            name = clean(span.text)
        if name is None and mention.kind == "role":
            name = clean(span.text)  # unknown speakers stay as written
        if entry is not None and entry.roles and (role is None or len(role.split()) == 1):
            role = entry.roles[0]  # "the minister" -> "Defense Minister", as printed at introduction
        if entry is not None or (mention.kind == "person" and name):
            person = self._gazetteer_person(name, role) or person
        if person is not None:
            info["speaker_id"] = person.id
            name = person.name
        info["speaker_name"] = name
        pid = info.get("speaker_id")
        if pid is not None:
            # a role printed once ("the NATO secretary-general said") is the person's role for
            # the rest of the article
            if role:
                self._roles.setdefault(pid, role)
            else:
                role = self._roles.get(pid)
        if not role and info.get("is_person") and name and len(name.split()) > 1:
            # a name the NER missed where it was introduced: the title printed before it there
            # ("... Special Representative for the Caucasus and Central Asia Javier Colomina")
            at = self.text.find(name)
            if 0 <= at < span.start_char:
                role = printed_title(self.text[self.text.rfind("\n", 0, at) + 1 : at], self.title_words)
                if role and pid is not None:
                    self._roles.setdefault(pid, role)
        if role:
            info["role"] = role
            norm = self._normalize_role(role)
            if norm is not None:
                info["role_normalized"], info["organization"] = norm
        return info

    def _nearest_person(self, pos: int) -> PersonEntry | None:
        best = None
        for ent in self.persons:
            if ent.end_char <= pos:
                best = self.people.lookup(ent.text) or best
        return best

    def _gazetteer_person(self, name: str | None, role: str | None) -> Person | None:
        if self.gazetteer is None or not name:
            return None
        try:
            return self.gazetteer.resolve(name, role=role, date=self.date)
        except GazetteerError:  # a gazetteer problem must not lose the quote
            return None

    def _gazetteer_title(self, role: str) -> Person | None:
        if self.gazetteer is None:
            return None
        try:
            return self.gazetteer.resolve_title(role, date=self.date)
        except GazetteerError:
            return None

    def _normalize_role(self, role: str) -> tuple[str | None, str | None] | None:
        if self.gazetteer is None:
            return None
        try:
            return self.gazetteer.normalize_role(role)
        except GazetteerError:
            return None
