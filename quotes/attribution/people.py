"""The people of one article: who a speaker mention refers to.

:class:`ArticlePeople` keeps the article's people in order of appearance so later mentions
(surname, role noun) resolve to the person introduced earlier; title-only mentions fall back to
the gazetteer.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from quotes.attribution.mentions import apposition_role, clean, is_role_word, split_title
from quotes.first_names import FEMININE, MASCULINE
from quotes.lexicon import DASHES, DESCRIPTION_STOP_WORDS, NAME_HONORIFICS, ROLE_WORDS
from quotes.normalize import printed_name


@dataclass(slots=True)
class PersonEntry:
    """A person named in the article: full name as first printed, roles printed with them."""

    name: str
    first: int  # char offset of the first mention
    roles: list[str] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1].lower()


def _other_first_name(key: str, name: str) -> bool:
    """Whether a printed full name (``key``, lower case) starts with a first name of the lexicon
    that is not the first word of the person's ``name``."""
    first, other = key.split()[0], name.split()
    return len(key.split()) > 1 and len(other) > 1 and other[0].lower() != first and (
        first.capitalize() in MASCULINE or first.capitalize() in FEMININE)


def _case_name(key: str) -> bool:
    """A court case the NER took for a person ("Trump v. Trump", "Roe v. Wade"): no one's name,
    and its last word would make every later "Trump" that case."""
    return any(w in _CASE_WORDS for w in key.split()[1:-1])  # lower case: "Yulia V. Tymoshenko" is a name


_CASE_WORDS = frozenset({"v.", "v", "vs.", "vs"})


def _role_words(role: str) -> set[str]:
    """The lower-case words of a printed role, possessive and quote marks stripped ("the state's
    attorney general" -> state, attorney, general)."""
    return {_POSSESSIVE.sub("", w.lower()).strip("’'") for w in re.split(r"[\s\-]+", role) if w} - {""}


_POSSESSIVE = re.compile(r"[’']s$")


def person_spans(ents: list[Span]) -> list[Span]:
    """The PERSON entities, each cut to the name where the tagger ran it across a spaced dash
    (``Deborah Jordan Reynolds - Santilli's girlfriend``, ``Weak - Rubio``): a name never holds a
    spaced dash (hyphenated names print none), and news copy sets appositions and asides off with
    dashes."""
    out = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        if len(ent) > 2 and any(t.text in DASHES for t in ent[1:-1]):
            ent = _name_between_dashes(ent)
        out.append(ent)
    return out



def _name_between_dashes(ent: Span) -> Span:
    """The part of ``ent`` between spaced dashes that is a name: every word capitalized, no
    possessive; of two, the one that opens with a first name of the lexicon, else the last."""
    doc = ent.doc
    parts = _dash_parts(ent)
    names = [p for p in parts if len(p) and all(t.is_title and t.is_alpha or t.text == "." for t in p)]
    if not names or len(parts) == 1:
        return ent
    first = [p for p in names if p[0].text in MASCULINE or p[0].text in FEMININE]
    best = (first or names)[-1]
    return Span(doc, best.start, best.end, label="PERSON")


def _dash_parts(ent: Span) -> list[Span]:
    """The parts of ``ent`` between dashes with a space on both sides."""
    doc = ent.doc
    parts: list[Span] = []
    start = ent.start
    for t in ent:
        if t.text in DASHES and t.whitespace_ and t.i > 0 and doc[t.i - 1].whitespace_:
            parts.append(doc[start : t.i])
            start = t.i + 1
    parts.append(doc[start : ent.end])
    return parts


def _as_written(name: str) -> str:
    """A name printed all in capitals (a transcript's label 'WALLACE:', a headline) as a reader
    writes it ('Wallace'); any other name as printed."""
    return name.title() if name.isupper() else name


class ArticlePeople:
    """The people of one article, in order of first mention, with the roles printed with them."""

    def __init__(self, doc: Doc, title_words: frozenset[str] = frozenset(), persons: list[Span] | None = None) -> None:
        self.doc = doc
        self.title_words = title_words
        self.people: list[PersonEntry] = []
        self._by_key: dict[str, PersonEntry] = {}
        self._role_index: dict[str, list[tuple[PersonEntry, set[str]]]] | None = None
        self._headline_end: int | None = None  # where the first line ends, once asked
        for ent in persons if persons is not None else doc.ents:
            if ent.label_ != "PERSON":
                continue
            title, printed = split_title(ent, title_words)
            key = printed_name(printed, NAME_HONORIFICS)
            if not key or not any(ch.isalpha() for ch in key) or _case_name(key):
                continue
            entry = self.lookup(key)
            if entry is None:
                entry = PersonEntry(_as_written(key), ent.start_char)
                self.people.append(entry)
            elif len(key.split()) > len(entry.name.split()) and key.split()[-1] == entry.name.split()[-1]:
                entry.name = _as_written(key)  # "Stoltenberg" first, "Jens Stoltenberg" later: keep the full name
            elif key.lower() == entry.name.lower() and not key.isupper():
                entry.name = key  # "MCCAIN:" first, "McCain" later: the article's own spelling
            self._by_key[key.lower()] = entry
            self._by_key.setdefault(key.split()[-1].lower(), entry)
            role = self._role_near(ent) or title
            if role and role not in entry.roles:
                entry.roles.append(role)

    def add_hint(self, name: str, start: int, role: str | None) -> None:
        """A person named where the text was not parsed: known only by name and printed title."""
        key = printed_name(name, NAME_HONORIFICS)
        if not key or key.lower() in self._by_key:
            return
        entry = PersonEntry(key, start, [role] if role else [])
        # after every earlier-or-equal first mention, as a stable sort would put it: one insertion,
        # not a sort of the whole cast per hint (a long article has thousands of hints)
        bisect.insort_right(self.people, entry, key=lambda p: p.first)
        self._role_index = None
        self._by_key[key.lower()] = entry
        surname = key.split()[-1].lower()
        held = self._by_key.get(surname)
        if held is None or held.first > start and self._introduces(key, start):
            # a lone surname is the person of that name the article introduced first, as for
            # the parsed names: "Carly Fiorina" in a paragraph left unparsed, "her husband, Frank
            # Fiorina" later, and "Fiorina said" is Carly
            self._by_key[surname] = entry

    def _introduces(self, key: str, start: int) -> bool:
        """Whether a name from an unparsed paragraph is a person's introduction: it opens with a
        first name of the lexicon (not "Republican Donald Trump", "Interview Hillary Clinton") and
        stands below the headline (a headline's capitalized words run into names: "Will Sanders
        come down")."""
        first = key.split()[0]
        if self._headline_end is None:
            # the first line break (in a blanked headline, after the spaces that stand for it)
            self._headline_end = next((t.idx + t.text_with_ws.index("\n") for t in self.doc if "\n" in t.text_with_ws),
                                      len(self.doc.text))
        return (first in MASCULINE or first in FEMININE) and start > self._headline_end

    def _role_near(self, ent: Span) -> str | None:
        """The role printed with a person's name: title words before it in the same phrase, an
        apposition, or the phrase the name is in apposition to."""
        root = ent.root
        if root.left_edge.i < ent.start:
            role = self._title_before(ent, root.left_edge.i)
            if role is not None:
                return role
        appos = apposition_role(root)
        if appos:
            return appos
        # "X, the president of Y," where the parser makes the name the apposition
        if root.dep_ == "appos" and root.head.ent_type_ != "PERSON" and is_role_word(root.head, self.title_words):
            toks = [t for t in root.head.subtree if t.i < ent.start and not t.is_punct]
            while toks and toks[0].dep_ == "det":
                toks = toks[1:]
            if toks:
                return clean(self.doc[toks[0].i : toks[-1].i + 1].text)
        return None

    def _title_before(self, ent: Span, left: int) -> str | None:
        """Title words printed before the name in its phrase (which starts at token ``left``)."""
        root = ent.root
        start = ent.start
        i = ent.start - 1
        while i >= 0 and i >= left:
            t = self.doc[i]
            if t.is_punct and t.text not in ("-", "\u2019", "'") or t.dep_ == "det" and t.head.i != root.i:
                break
            start = i
            i -= 1
        pre = self.doc[start : ent.start]
        while len(pre) and (pre[0].dep_ == "det" or pre[0].is_punct):
            pre = self.doc[pre.start + 1 : pre.end]
        if len(pre) and any(is_role_word(t, self.title_words) for t in pre):
            return clean(pre.text)
        return None

    def lookup(self, name: str) -> PersonEntry | None:
        """The article's person for a printed name (full name, or surname of a full name printed
        anywhere in the article: news copy may give the surname in the headline first)."""
        key = printed_name(name, NAME_HONORIFICS).lower()
        if not key:
            return None
        hit = self._by_key.get(key)
        if hit is not None:
            return hit
        hit = self._by_key.get(key.split()[-1])
        if hit is not None and _other_first_name(key, hit.name):
            return None  # "Melania Trump" is not "Donald Trump": another first name, another person
        return hit

    def by_role(self, role: str, before: int) -> PersonEntry | None:
        """The person introduced earlier with a role whose words fit ``role`` (``the minister``
        -> ``Defense Minister Zakir Hasanov``)."""
        words = _role_words(role)
        heads = {w for w in words if w in ROLE_WORDS or w in self.title_words}
        if not heads:
            return None
        # every other word must fit too: "the Florida senator" is not the "senator from Vermont",
        # "Grayson's spokeswoman" not "Murphy's spokeswoman"
        heads = words - DESCRIPTION_STOP_WORDS - {"one"}
        # only the people with a role holding the rarest head word can fit: an index by role word
        # keeps a long article's descriptions from each scanning the whole cast
        index = self._roles_by_word()
        candidates = min((index.get(h, []) for h in heads), key=len)
        for p, rwords in reversed(candidates):  # the latest in cast order wins
            if p.first <= before and heads <= rwords:
                return p
        return None

    def _roles_by_word(self) -> dict[str, list[tuple[PersonEntry, set[str]]]]:
        """Role word -> (person, the words of one of their roles) in cast order, built once per cast."""
        if self._role_index is None:
            index: dict[str, list[tuple[PersonEntry, set[str]]]] = {}
            for p in self.people:
                for r in p.roles:
                    rwords = _role_words(r)
                    for w in rwords:
                        index.setdefault(w, []).append((p, rwords))
            self._role_index = index
        return self._role_index
