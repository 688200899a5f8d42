"""Who a speaker mention is: the article's cast first, the gazetteer after.

Attribution (:mod:`quotes.attribution`) decides *which* words are the speaker
mention; this module decides *whom* they name. A reader of news copy resolves a mention against
the people and organizations the article itself introduces before reaching for outside
knowledge, and so does :class:`Resolver`, rule by rule (:data:`RULES`, in order):

``mention``
    A full name printed in the mention (``Defense Minister Zakir Hasanov said``).
``apposition``
    A description whose apposition or title-split neighbour is a name (``The defence minister
    of Azerbaijan, Zakir Hasanov, said``; ``police Chief Chuck Jordan``; ``(R-Ga.)`` after
    ``Sen. David Perdue``): the name is the speaker.
``article``
    A surname, honorific + surname (``Mr Harris``, ``Sen. Perdue``) or British ``Sir``/``Dame``
    + first name (``Sir Cameron``) that names a person the article prints in full; with two
    such people, the one mentioned last.
``description``
    A definite description (``the Dutch politician``, ``the Florida senator``) matches the roles
    and descriptions printed with a person anywhere in the article (titles before the name,
    appositions in either order, party/state tags); failing that, a description of a kind of
    person with a modifier refers to the person in focus, as a pronoun would.
``pronoun``
    he/she agree in gender (from the article's honorifics, gendered role nouns, a first-name
    lexicon and the pronouns that follow the person's name) and prefer the speaker of the quote
    before, then the subject of the sentence before, over mere proximity. The byline's author is
    a candidate only in first-person copy, where ``I`` is the author. ``it``/``they``/``we`` go
    to the organization or group in focus, and a document (ad, statement, report) to its owner.
``gazetteer``
    A name the article does not explain goes to the gazetteer, which assigns a person only with
    evidence (:meth:`quotes.gazetteer.Gazetteer.identify`): one of their names or aliases
    (``gazetteer-alias``), a title they held at the article's date (``gazetteer-title``, also for
    a title the article fills for no one), or a surname no other name in the article uses, in an
    article dated inside their public life (``gazetteer-surname``).

Every resolution carries ``resolved_by`` and a ``confidence`` (:data:`CONFIDENCE`: the share
of correct names of that kind of resolution on the training articles with resolved speakers).
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from quotes.attribution.mentions import printed_pollster
from quotes.attribution.mentions import (
    apposition_role,
    clean,
    is_role_word,
    printed_title,
    role_in_mention,
    split_title,
)
from quotes.attribution.marks import find_quote_spans
from quotes.attribution.people import ArticlePeople, PersonEntry
from quotes.attribution.sentences import next_sentence_end, sentence_start
from quotes.attribution.tokens import TokenTable
from quotes.gazetteer import GazetteerError, GazetteerLike, GazetteerMatch, Office, Person
from quotes.normalize import HONORIFICS as NAME_HONORIFICS
from quotes.normalize import spelled_as_printed
from quotes.first_names import FEMININE, MASCULINE
from quotes.lexicon import NAME_HONORIFICS as HONORIFICS
from quotes.lexicon import DOUBLE_MARK_TOKENS, PERSON_PRONOUNS, ROLE_WORDS, SPEECH_VERBS, VERB_FORMS
from quotes.lexicon import (
    AUTHORED_WORK_NOUNS,
    NOT_SPEAKER_LABELS,
    SPEAKER_LABEL,
    DESCRIPTION_STOP_WORDS as _STOP,
    DESCRIPTION_SYNONYMS as _SYNONYMS,
    FEMALE_HONORIFICS,
    FEMALE_NOUNS,
    FEMALE_PRONOUNS,
    CHARACTER_NOUNS,
    FIRST_NAME_HONORIFICS,
    FOCUS_BLOCKERS,
    UNIQUE_STANDINGS,
    FIRST_PERSON,
    MALE_HONORIFICS,
    MALE_NOUNS,
    MALE_PRONOUNS,
    NOT_PEOPLE_IN_BYLINES as _NOT_PEOPLE,
    OFFICE_PREFIXES,
    OFFICES_ON_RECORD,
    GROUP_NAME_WORDS,
    ORG_DESCRIPTION_KINDS,
    ORG_KIND_WORDS,
    ORG_NOUNS,
    ORG_PRONOUNS,
    OWNED_DOCUMENT_NOUNS as DOCUMENT_NOUNS,
    PARTY_LETTERS as _PARTIES,
    POLL_NOUNS,
    AUTHORING_PARTICIPLES,
    POLL_RESULT_NOUNS as RESULT_NOUNS,
    PERSON_NOUNS,
    QUESTION_VERBS,
    REPLY_VERBS,
    TIME_NOUNS,
    TITLE_PREFIXES,
    UNNAMED_SOURCE_NOUNS as _UNNAMED_SOURCES,
    US_STATES as _STATES,
)

# ---- lexicon (the word lists are in quotes.lexicon) ----------------------------------------------

_PARTY_TAG = re.compile(r"^\(?([RDI])\s*[-\u2013]\s*([A-Z][A-Za-z. ]{1,14}?)\.?\)?$")

#: How sure each kind of resolution is: the share of correct names it gave on the 83 training
#: articles with resolved speakers (quotes found at overlap 0.3), rounded down and capped at 0.95
#: since the rules were tuned there; the gazetteer's three were not measured there and are set
#: below their article counterparts. Pronouns and descriptions lose 0.1 per step down the
#: salience order (previous speaker, sentence subject, nearest).
CONFIDENCE: dict[str, float] = {
    "mention": 0.95,
    "article": 0.95,
    "apposition": 0.7,
    "gazetteer-alias": 0.9,
    "gazetteer-surname": 0.85,  # not measured: no training quote needs it; below a full alias
    "description": 0.75,
    "pronoun": 0.85,
    "continuation": 0.8,
    "gazetteer-title": 0.6,
    "unresolved": 0.55,
    "unattributed": 0.0,
}


def _lemma(tok: Token) -> str:
    """The token's lemma; the extractor's pipeline lemmatizes only reporting verbs, so a noun's
    plural is cut by hand (``ads`` -> ``ad``, ``filings`` -> ``filing``)."""
    if tok.lemma_ and tok.pos_ != "NOUN" or tok.lemma_ and tok.lemma_ != tok.text:
        return tok.lemma_.lower()
    low = tok.lower_
    return low[:-1] if tok.tag_ in ("NNS", "NNPS") and low.endswith("s") and not low.endswith("ss") else low


def _norm(word: str) -> str:
    w = word.lower().strip(".,;:()'\u2019\"")
    w = re.sub(r"['\u2019]s$", "", w)
    return _SYNONYMS.get(w, _STATES.get(w.rstrip("."), w))


def words_of(text: str) -> set[str]:
    """A description's content words in comparison form (``GOP`` ~ ``Republican``, ``Fla.`` ~
    ``Florida``, ``Sen.`` ~ ``senator``)."""
    out: set[str] = set()
    for raw in re.split(r"[\s/]+", text):
        w = _norm(raw)
        if not w or w in _STOP:
            continue
        out.add(w)
        for part in w.split(" "):  # "new york" also as its words
            if part and part not in _STOP:
                out.add(part)
    return out


def party_tag(text: str) -> set[str]:
    """Words of a party/state tag: ``(R-Ga.)`` -> {republican, georgia}."""
    m = _PARTY_TAG.match(text.strip())
    if not m:
        return set()
    state = _STATES.get(m.group(2).lower().rstrip(".").replace(" ", ""), _STATES.get(m.group(2).lower().rstrip("."), ""))
    return {_PARTIES[m.group(1)], *([state] if state else []), *state.split()}


def gender_of_word(word: str) -> str | None:
    """``m``/``f`` for a gendered pronoun, honorific or role noun, else None."""
    w = word.lower()
    if w in MALE_PRONOUNS or w in MALE_HONORIFICS or w in MALE_NOUNS:
        return "m"
    if w in FEMALE_PRONOUNS or w in FEMALE_HONORIFICS or w in FEMALE_NOUNS:
        return "f"
    return None


def gender_of_first_name(name: str) -> str | None:
    """The gender most bearers of a first name have (1990 US Census lists), else None."""
    first = name.split()[0].strip(".").capitalize() if name.split() else ""
    if first in MASCULINE:
        return "m"
    if first in FEMININE:
        return "f"
    return None


# ---- the article's cast ---------------------------------------------------------------------------


@dataclass(slots=True)
class Referent:
    """Someone a later mention can refer to: a person of the article, an organization, or a
    source named by a description only (``a spokeswoman for the group``)."""

    name: str
    kind: str  # "person", "org", "group" (a people, a party), "people" (people named together), "unnamed"
    gender: str | None = None
    entry: PersonEntry | None = None
    words: set[str] = field(default_factory=set)
    votes: list[float] = field(default_factory=lambda: [0.0, 0.0])  # evidence for m, f
    # a person the gazetteer knows by this full name: the words of the titles they held at the
    # article's date (also among ``words``), of those they had left by then, and of the bodies
    # and countries of both (which only identify: ``the FBI director``, ``the U.S. president``)
    known: bool = False
    holds: set[str] = field(default_factory=set)
    formerly: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)

    def vote(self, gender: str | None, weight: float) -> None:
        if gender is not None:
            self.votes[0 if gender == "m" else 1] += weight

    def decide(self) -> None:
        """The gender the evidence favours (honorifics 3, gendered role nouns 2, the first-name
        lexicon 1.5, each following pronoun 1); none on a tie."""
        m, f = self.votes
        if m != f:
            self.gender = "m" if m > f else "f"


@dataclass(slots=True)
class _Seen:
    """A referent's mention at a place in the text."""

    pos: int
    ref: Referent
    subject: bool
    sent: int  # sentence start (token index)


def _printed_words(t: Token) -> set[str]:
    """The description words of a token printed with a name, a plural noun also in the singular
    (``Morning Joe hosts Joe Scarborough and Mika Brzezinski``: each is later ``the host``)."""
    words = words_of(t.text)
    return words | words_of(_lemma(t)) if t.tag_ == "NNS" else words


def _add_attribute_words(ref: Referent, verb: Token) -> None:
    """The words of the attribute of a copula ("X is the Y"), up to its head, describe X."""
    for t in verb.children:
        if t.dep_ == "attr":
            for u in t.subtree:
                if u.i < t.i + 1 and not u.is_punct and not u.is_stop:
                    ref.words |= words_of(u.text)


_CAPITAL_WORD = re.compile(r"\b([A-Z][a-z]+) (?=(\w*))")
_WORD = re.compile(r"\w")


def _is_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _WORD.match(text[i]) is not None


class _PrintedFullNames:
    """Where the text prints a capitalized word before a surname (``Amanda Reyes``), indexed
    once: :meth:`first_name` answers what ``re.finditer(r"\b([A-Z][a-z]+) SURNAME\b",
    text[:pos])`` would, first-name lexicon applied, without reading the text before ``pos``
    again for every mention (that made resolution quadratic in the article's length)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._after: dict[str, list[tuple[int, int]]] | None = None  # word -> (start, end of "Cap ")
        self._chains: dict[str, tuple[list[int], list[tuple[int, str]], int | None]] = {}

    def _index(self) -> dict[str, list[tuple[int, int]]]:
        if self._after is None:
            self._after = {}
            for m in _CAPITAL_WORD.finditer(self.text):
                self._after.setdefault(m.group(2), []).append((m.start(), m.end()))
        return self._after

    def _chain(self, surname: str) -> tuple[list[int], list[tuple[int, str]], int | None]:
        """The matches ``finditer`` gives on the whole text (leftmost first, not overlapping):
        their ends, their (start, capitalized word), and the index of the first whose word is a
        first name. A match ends with the surname, so a later match that overlaps one also ends
        after it: the matches on ``text[:pos]`` are those ending before ``pos``, and perhaps one
        ending at ``pos`` itself (see :meth:`first_name`)."""
        chain = self._chains.get(surname)
        if chain is None:
            text = self.text
            lead = re.match(r"\w+", surname)
            ends: list[int] = []
            found: list[tuple[int, str]] = []
            first: int | None = None
            for start, after in self._index().get(lead.group(0) if lead else "", []):
                end = after + len(surname)
                if not text.startswith(surname, after) or _is_word(text, end - 1) == _is_word(text, end):
                    continue  # another word, or no word boundary after the surname
                if start < (ends[-1] if ends else 0):
                    continue  # overlaps the match before ("Anna Reyes Reyes")
                word = text[start : after - 1]
                if first is None and (word in MASCULINE or word in FEMININE):
                    first = len(found)
                ends.append(end)
                found.append((start, word))
            chain = self._chains[surname] = (ends, found, first)
        return chain

    def first_name(self, surname: str, pos: int) -> str | None:
        """The first lexicon first name printed right before ``surname`` in ``text[:pos]``."""
        if any(ch.isspace() for ch in surname):  # not a single word: read the text as before
            for m in re.finditer(r"\b([A-Z][a-z]+) " + re.escape(surname) + r"\b", self.text[:pos]):
                if m.group(1) in MASCULINE or m.group(1) in FEMININE:
                    return m.group(1)
            return None
        ends, found, first = self._chain(surname)
        if first is not None and ends[first] < pos:
            return found[first][1]
        # none before pos; text[:pos] may still end with "Cap SURNAME", a match the whole text
        # lacks (or has, ending at pos) and that ends the chain unless a match overlaps it
        k = bisect_left(ends, pos)
        word = self._match_ending_at(surname, pos, ends[k - 1] if k else 0)
        return word if word is not None and (word in MASCULINE or word in FEMININE) else None

    def _match_ending_at(self, surname: str, pos: int, not_before: int) -> str | None:
        """The capitalized word of a match of ``Cap SURNAME`` ending at ``pos`` on ``text[:pos]``
        (the end of the string is a word boundary after a word character), starting at or after
        ``not_before``."""
        text = self.text
        after = pos - len(surname)
        if after < 3 or text[after - 1] != " " or not text.startswith(surname, after) or not _is_word(surname, len(surname) - 1):
            return None
        i = after - 2
        while i >= 0 and "a" <= text[i] <= "z":
            i -= 1
        if i < 0 or i == after - 2 or not "A" <= text[i] <= "Z" or _is_word(text, i - 1) or i < not_before:
            return None
        return text[i : after - 1]


class Cast:
    """The people and organizations of one article with what it prints about them."""

    def __init__(
        self, doc: Doc, people: ArticlePeople, persons: list[Span], author: str | None = None, hints: Sequence[Any] = (),
        ents: list[Span] | None = None, text: str | None = None, table: TokenTable | None = None,
        offices: Callable[[str], tuple[list[Office], list[Office]] | None] | None = None,
    ) -> None:
        self.doc = doc
        # doc.ents and doc.text build every span / join every token at each read: read once
        self.ents = list(doc.ents) if ents is None else ents
        self.text = doc.text if text is None else text
        self.table = TokenTable(doc) if table is None else table
        self.people = people
        self.author = clean(author) if author else None
        self._refs: dict[int, Referent] = {}
        self.seen: list[_Seen] = []
        spans = find_quote_spans(self.text)
        self._quoted = [(q.start, q.end) for q in spans if q.closed]
        # quotes whose closing mark the copy lost, to the end of their paragraph
        self._open_quoted = [(q.start, q.end) for q in spans if not q.closed]
        persons = self._with_people_tagged_as_orgs(persons)
        self._index_people(people)
        self._full_names = _PrintedFullNames(self.text)
        self._see_persons(persons)
        self._see_bare_surnames(persons)
        for entry in people.people:  # people known only from unparsed paragraphs
            ref = self.referent(entry)
            for role in entry.roles:
                ref.words |= words_of(role)
        for ref in self._refs.values():
            ref.decide()
        if offices is not None:
            self._see_offices(offices)
        self._see_organizations()
        self._see_unnamed_sources()
        self._see_hints(hints)
        self.seen.sort(key=lambda s: s.pos)
        self._index_mentions()

    def _index_people(self, people: ArticlePeople) -> None:
        """The article's people by surname and by first name, so that no lookup scans them all,
        with the first names and surnames two of them share."""
        self._surnames = {p.name.split()[-1] for p in people.people if len(p.name.split()) > 1}
        self._first_names: dict[str, PersonEntry] = {}
        by_surname: dict[str, list[PersonEntry]] = {}
        self._shared_first_names: set[str] = set()
        for p in people.people:
            parts = p.name.lower().split()
            if len(parts) > 1:
                if parts[0] in self._first_names and self._first_names[parts[0]] is not p:
                    self._shared_first_names.add(parts[0])
                self._first_names.setdefault(parts[0], p)
                by_surname.setdefault(parts[-1], []).append(p)
        self._one_by_surname = {k: v[0] for k, v in by_surname.items() if len(v) == 1}
        self._shared_surnames = {k: v for k, v in by_surname.items() if len(v) > 1}

    def _with_people_tagged_as_orgs(self, persons: list[Span]) -> list[Span]:
        """``persons`` with the names the NER took for organizations (``Carly Fiorina threw her
        support behind ...``: the model tags this surname ORG wherever it stands): a full name of
        two or three capitalized words starting with a first name of the lexicon, which the
        he/she/his/her that follows in its sentence or the next agrees with, is a person of the
        article when it is a subject; then each organization entity that is one of the article's
        people by full name, or by a surname no one else of the article has as the subject of its
        clause (``Fiorina, the former Hewlett-Packard CEO, made ...``; not ``rivals such as Dell``),
        is a mention of that person."""
        for ent in self.ents:
            if not self._full_name_tagged_org(ent):
                continue
            gender = gender_of_first_name(ent.text)
            if gender is not None and self.people.lookup(ent.text) is None and self._pronoun_after(ent) == gender:
                self.people.add_hint(ent.text, ent.start_char, None)
        named = self._org_mentions_of_people()
        if not named:
            return persons
        return sorted([*persons, *named], key=lambda e: e.start)

    def _full_name_tagged_org(self, ent: Span) -> bool:
        """Whether an entity could be a person's full name the NER took for an organization: an
        ORG subject of two or three capitalized words outside quotes, with no organization word
        in it and no "the" before it."""
        doc = self.doc
        if ent.label_ != "ORG" or not 2 <= len(ent) <= 3 or self.quoted(ent.start_char):
            return False
        if not all(t.is_alpha and t.is_title for t in ent) or ent[-1].pos_ != "PROPN":  # "Carly" may be tagged ADV
            return False
        if any(t.lower_ in ORG_KIND_WORDS for t in ent) or ent.start > 0 and doc[ent.start - 1].lower_ == "the":
            return False
        # "the Cleveland Browns football stadium": only a subject the pronoun can be about
        return ent.root.dep_ in ("nsubj", "nsubjpass")

    def _org_mentions_of_people(self) -> list[Span]:
        """The organization entities that are mentions of the article's people: a full name, or a
        lone surname as a subject that no two of the people share."""
        surnames: dict[str, int] = {}
        for p in self.people.people:
            surnames[p.surname] = surnames.get(p.surname, 0) + 1
        # a lone surname two people share (Carly and Frank Fiorina) names neither for sure
        return [e for e in self.ents if e.label_ == "ORG" and self.people.lookup(e.text) is not None
                and any(t.is_title for t in e) and not self.quoted(e.start_char)
                and (len(e) > 1 or surnames.get(e.text.lower(), 0) <= 1 and e.root.dep_ in ("nsubj", "nsubjpass"))]

    def _pronoun_after(self, ent: Span) -> str | None:
        """The gender of the first he/she/his/her/him outside quotes after ``ent`` in its sentence or
        the next, when no person's name comes between; else None."""
        for t in self._before_next_person(ent):
            if t.lower_ in ("he", "she", "his", "her", "him") and not self.quoted(t.idx):
                return gender_of_word(t.lower_)
        return None

    def _see_persons(self, persons: list[Span]) -> None:
        """Record the NER's people: their referents, descriptions and pronoun votes."""
        people = self.people
        for ent in persons:
            _, printed = split_title(ent, people.title_words)
            entry = people.lookup(printed)
            if entry is None:
                continue
            if len(entry.name.split()) == 1:  # "Bill" after "Bill Clinton": the first name alone
                entry = self.by_first_name(entry.name) or self.fuller(entry)
            entry = self.by_honorific(printed, _honorific_gender(ent), entry)
            ref = self.referent(entry)
            self._describe(ref, ent)
            root = ent.root
            if self.quoted(ent.start_char):
                continue  # people talked about inside a quote are not in the story's focus
            subject = _main_subject(root)
            self.seen.append(_Seen(ent.start_char, ref, subject, sentence_start(ent)))
            if subject:
                self._pronoun_vote(ent, ref)

    def _see_bare_surnames(self, persons: list[Span]) -> None:
        """"Gorka also made the point": a known surname the NER did not take for a person; and
        "Megyn was incredulous": a first name alone as a subject, of the one person the article
        names in full with it."""
        in_person = {i for e in persons for i in range(e.start, e.end)}
        doc = self.doc
        for i in self.table.title_proper_nouns():
            if i in in_person:
                continue
            tok = doc[i]
            if tok.pos_ == "PROPN" and tok.is_title and not self.quoted(tok.idx):
                self._see_bare_name(tok)

    def _see_bare_name(self, tok: Token) -> None:
        """One capitalized proper noun outside the NER's people: the surname of a person the
        article names in full, or the first name alone as a subject of the one person the article
        names in full with it."""
        entry = self.people.lookup(tok.text)
        entry = self.fuller(entry) if entry is not None else None
        if entry is not None and tok.i > 0:  # "Mrs. Clinton" of both Clintons
            entry = self.by_honorific(tok.text, gender_of_word(self.doc[tok.i - 1].lower_.rstrip(".")), entry)
        if entry is not None and len(entry.name.split()) > 1 and entry.name.split()[-1] == tok.text:
            self.seen.append(_Seen(tok.idx, self.referent(entry), _main_subject(tok), sentence_start(tok)))
        elif tok.lower_ in self._first_names and tok.lower_ not in self._shared_first_names and _main_subject(tok):
            # "Megyn was incredulous": the first name alone as a subject, of the one person
            # the article names in full with it, puts that person in focus
            if entry is None or len(entry.name.split()) == 1:
                ref = self.referent(self._first_names[tok.lower_])
                self.seen.append(_Seen(tok.idx, ref, True, sentence_start(tok)))

    def _see_offices(self, offices: Callable[[str], tuple[list[Office], list[Office]] | None]) -> None:
        """The offices the gazetteer says the article's people held at its date
        (``offices``: those held and those left, or None for no one it knows): a reader knows
        that Chris Christie is the governor and George W. Bush a former president even where the
        article never prints it. A title held counts as printed, one left only for a description
        that says "former" (:func:`_described`); their bodies and countries only identify."""
        for ref in self._refs.values():
            known = offices(ref.name)
            if known is not None:
                held, left = known
                ref.known = True
                ref.holds = _office_words(t for o in held for t in o.titles)
                ref.formerly = _office_words(t for o in left for t in o.titles)
                ref.bodies = _office_words(b for o in (*held, *left) for b in o.bodies)
                ref.words |= ref.holds

    def _see_organizations(self) -> None:
        """Record organizations and groups (and GPE subjects) as referents "it"/"they" can mean."""
        for ent in self.ents:
            if ent.label_ in ("ORG", "NORP", "GPE") and self.people.lookup(ent.text) is not None:
                continue  # a person's name the NER took for an organization
            if ent.label_ in ("ORG", "NORP") or ent.label_ == "GPE" and ent.root.dep_ in ("nsubj", "nsubjpass"):
                root = ent.root
                if self.quoted(ent.start_char):
                    continue
                subject = _main_subject(root) or root.dep_ in ("compound", "poss") and _main_subject(root.head)
                kind = "group" if ent.label_ == "NORP" else "org"
                text = clean(ent.text)
                if ent.start > 0 and self.doc[ent.start - 1].lower_ == "the":
                    text = "the " + text
                self.seen.append(_Seen(ent.start_char, Referent(text, kind), subject, sentence_start(ent)))

    def _see_unnamed_sources(self) -> None:
        """"A spokeswoman for the charity met ...": a source the article never names, whom a
        later "she" can mean."""
        doc = self.doc
        for i in self.table.unnamed_source_subjects():
            tok = doc[i]
            if tok.lower_ in _UNNAMED_SOURCES and tok.dep_ in ("nsubj", "nsubjpass") and not tok.ent_type_:
                if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
                    continue
                idx = sorted(t.i for t in _noun_phrase(tok))
                stop = next((k for k in idx if k > tok.i and doc[k].text in (",", "(", "\u2014")), idx[-1] + 1)
                phrase = doc[idx[0] : stop]
                text = clean(phrase.text).rstrip(",")
                self.seen.append(_Seen(tok.idx, Referent(text, "unnamed", gender_of_word(tok.text)), True, sentence_start(tok)))

    def _see_hints(self, hints: Sequence[Any]) -> None:
        """A person named at the start of a paragraph the parser skipped (``Ted Cruz is drawing
        sharp contrasts ...``: live-blog copy opens an entry with an unquoted sentence about its
        subject) is the subject in focus for the sentence that follows, as a reader takes the next
        paragraph's "He said". A name with a possessive (``Donald Trump's wife is ...``) or later
        in the paragraph is a mention, not a subject (``his`` after ``... top fundraiser, Ben
        Carson.`` may still mean him, as the nearest man)."""
        text = self.text
        for hint in hints:
            if getattr(hint, "kind", "person") == "org":
                self._see_org_hint(hint)
                continue
            if getattr(hint, "kind", "person") != "person":
                continue  # a poll (quotes.attribution.mentions.poll_hints) is no one "he" can mean
            entry = self.people.lookup(hint.name)
            if entry is None:
                continue
            subject = text.rfind("\n", 0, hint.start) + 1 == hint.start and not hint.name.endswith(("'s", "\u2019s"))
            first = hint.name.split()[0]
            if not subject and hint.role is None and first not in MASCULINE and first not in FEMININE:
                continue  # "Vietnam War", "Joint Chiefs": a capitalized run is no person without a first name or title
            after = self._parsed_token_after(text.find("\n", hint.start))
            if after is not None:
                self.seen.append(_Seen(hint.start, self.referent(entry), subject, sentence_start(after)))

    def _see_org_hint(self, hint: Any) -> None:
        """An organization named in a paragraph the parser skipped (``The Labor Department
        calculates ...``, ``according to the National Golf Foundation``) is one a later "it" or
        "the department" can mean, in focus as the subject when it opens the paragraph, as the
        organizations of parsed paragraphs are."""
        text = self.text
        after = self._parsed_token_after(text.find("\n", hint.start))
        if after is None:
            return
        subject = text.rfind("\n", 0, hint.start) + 1 == hint.start
        self.seen.append(_Seen(hint.start, Referent(hint.name, "org"), subject, sentence_start(after)))

    def _parsed_token_after(self, pos: int) -> Token | None:
        """The first token that is not a space at or after character ``pos`` (-1: none)."""
        if pos < 0:
            return None
        doc = self.doc
        k = bisect_left(self.table.starts, pos)
        while k < len(doc) and doc[k].is_space:
            k += 1
        return doc[k] if k < len(doc) else None

    def quoted(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quotation."""
        k = bisect.bisect_right(self._quoted, (pos, 10**12)) - 1
        return k >= 0 and self._quoted[k][0] < pos < self._quoted[k][1]

    def in_unclosed_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quotation that is never closed (it runs to the end of its
        paragraph)."""
        k = bisect.bisect_right(self._open_quoted, (pos, 10**12)) - 1
        return k >= 0 and self._open_quoted[k][0] < pos < self._open_quoted[k][1]

    def referent(self, entry: PersonEntry) -> Referent:
        ref = self._refs.get(id(entry))
        if ref is None:
            ref = Referent(entry.name, "person", entry=entry)
            if len(entry.name.split()) > 1 or not self._is_surname(entry.name):
                ref.vote(gender_of_first_name(entry.name), 1.5)  # "Hillary" alone is a first name
            for role in entry.roles:
                ref.words |= words_of(role)
                for w in role.split():
                    ref.vote(gender_of_word(w), 2)
            self._refs[id(entry)] = ref
        return ref

    def _is_surname(self, word: str) -> bool:
        return word in self._surnames

    def _describe(self, ref: Referent, ent: Span) -> None:
        """Words printed with a person's name: the noun phrase around it (titles, modifiers,
        appositions both ways), a party/state tag after it, an honorific before it."""
        doc = self.doc
        root = ent.root
        if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in MALE_HONORIFICS | FEMALE_HONORIFICS:
            ref.vote(gender_of_word(doc[ent.start - 1].text.rstrip(".")), 3)  # "Mr Harris", "Ms. Lynch"
        if ent[0].lower_.rstrip(".") in MALE_HONORIFICS | FEMALE_HONORIFICS:
            ref.vote(gender_of_word(ent[0].text.rstrip(".")), 3)
        for t in _noun_phrase(root):
            if (t.i < ent.start or t.i >= ent.end) and not t.is_punct and not t.is_stop:
                ref.words |= _printed_words(t) | words_of(_head_word(t))  # "front-runner" whole too
                if t.lower_ not in MALE_PRONOUNS | FEMALE_PRONOUNS:
                    ref.vote(gender_of_word(t.text), 2)
        self._describe_linked(ref, ent)

    def _describe_linked(self, ref: Referent, ent: Span) -> None:
        """Words linked to a person's name beyond its noun phrase: the phrase it is in apposition
        to, a party/state tag after it, and "X is the Y" / "X, who is the Y"."""
        doc = self.doc
        root = ent.root
        if root.dep_ == "appos" and root.head.ent_type_ != "PERSON":
            for t in _noun_phrase(root.head):
                if t.i < ent.start and not t.is_punct and not t.is_stop:
                    ref.words |= _printed_words(t)
                    ref.vote(gender_of_word(t.text), 2)
        # the eight tokens after the name, read from the text (the tag is within them)
        starts = self.table.starts
        after = self.text[starts[ent.end] if ent.end < len(doc) else len(self.text) : starts[ent.end + 8] if ent.end + 8 < len(doc) else len(self.text)]
        m = re.match(r"\s*\(([^()]{3,20})\)", after)
        if m:
            ref.words |= party_tag(m.group(1))
        # "X is the Y" / "X, who is the Y"
        if root.dep_ in ("nsubj",) and root.head.lower_ in ("is", "was", "be", "are", "were"):
            _add_attribute_words(ref, root.head)

    def _pronoun_vote(self, ent: Span, ref: Referent) -> None:
        """The first subject pronoun after a person's subject mention, in the rest of its sentence
        or the next, when no other person comes between (``Kelly asked ... She said``)."""
        for t in self._before_next_person(ent):
            if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("he", "she") and not self.quoted(t.idx):
                ref.vote("m" if t.lower_ == "he" else "f", 1)
                return

    def _before_next_person(self, ent: Span) -> Iterator[Token]:
        """The tokens after ``ent`` to the end of the next sentence, up to the first person's name."""
        doc = self.doc
        for t in doc[ent.end : next_sentence_end(ent)]:
            if t.ent_type_ == "PERSON":
                return
            yield t

    def _index_mentions(self) -> None:
        """Index the mentions so that no lookup reads them all (a long article has tens of
        thousands; a scan per quote made resolution quadratic in the article's length, issue 15):
        each referent's first mention, the people by the words printed about them, and the
        mentions of the article's people by surname and full name. A mention's place in
        :attr:`seen` is its key (position, order of arrival), which :meth:`add` keeps."""
        self._arrivals = 0
        self._first: dict[int, tuple[int, int]] = {}
        self._mentions: dict[int, list[tuple[int, int]]] = {}
        self._by_word: dict[str, list[Referent]] = {}
        self._by_former_word: dict[str, list[Referent]] = {}
        self._named_at: dict[str, list[tuple[int, int]]] = {}
        self._named_entry: dict[str, list[PersonEntry]] = {}
        for s in self.seen:
            self._index(s.pos, s.ref)

    def _index(self, pos: int, ref: Referent) -> None:
        key = (pos, self._arrivals)
        self._arrivals += 1
        bisect.insort(self._mentions.setdefault(id(ref), []), key)
        first = self._first.get(id(ref))
        if first is None:
            self._first[id(ref)] = key
            if ref.kind == "person":
                for w in ref.words:
                    self._by_word.setdefault(w, []).append(ref)
                for w in ref.formerly:
                    self._by_former_word.setdefault(w, []).append(ref)
        elif key < first:
            self._first[id(ref)] = key
        if ref.entry is not None:
            low = ref.name.lower()
            for name in {low.split()[-1], low}:
                keys = self._named_at.setdefault(name, [])
                k = bisect_right(keys, key)
                keys.insert(k, key)
                self._named_entry.setdefault(name, []).insert(k, ref.entry)

    def add(self, pos: int, ref: Referent, sent: int) -> None:
        """A referent mentioned at ``pos`` (a speaker named by a description only)."""
        # after the mentions at the same place, as a stable sort would put it (bisect keeps the
        # insertion linear in the mentions; sorting at every add was quadratic in long articles)
        self.seen.insert(bisect_right(self.seen, pos, key=lambda s: s.pos), _Seen(pos, ref, True, sent))
        self._index(pos, ref)

    def first_mention(self, ref: Referent) -> int | None:
        """Where the article first mentions ``ref`` (None: never)."""
        first = self._first.get(id(ref))
        return first[0] if first is not None else None

    def described_by(self, word: str, former: bool = False) -> list[Referent]:
        """The people mentioned in the article whose printed descriptions (or offices held) hold
        ``word``; with ``former``, also those who had left an office of that word."""
        found = self._by_word.get(word, [])
        if former:
            found = found + [r for r in self._by_former_word.get(word, []) if r not in found]
        return found

    def recency(self, ref: Referent, pos: int) -> tuple[int, tuple[int, int]]:
        """How a referent ranks among those a description fits at ``pos``: one mentioned before
        ``pos`` beats one that is not, and the later its last mention before ``pos`` the better
        (the story is on them: ``Governor Berg met Governor Holm ... Later Berg toured the plant.
        "...," the governor said`` is Berg); among those mentioned only after ``pos``, the first."""
        keys = self._mentions[id(ref)]
        k = bisect_left(keys, (pos, -1))
        if k:
            return (1, keys[k - 1])
        first = keys[0]
        return (0, (-first[0], -first[1]))

    def before(self, pos: int, window: int = 1500) -> list[_Seen]:
        """Mentions before ``pos`` within ``window`` characters, nearest first."""
        return list(self.nearest_before(pos, window))

    def nearest_before(self, pos: int, window: int = 1500) -> Iterator[_Seen]:
        """:meth:`before` one at a time, found by bisection (the mentions are in order of
        position), so that a search for the nearest match reads no further than it."""
        for k in range(bisect_left(self.seen, pos, key=lambda s: s.pos) - 1, -1, -1):
            if self.seen[k].pos < pos - window:
                return
            yield self.seen[k]

    def referent_at(self, pos: int) -> Referent | None:
        """The referent of a mention starting at ``pos`` (a person's name, a described subject),
        None when no mention starts there."""
        k = bisect_left(self.seen, pos, key=lambda s: s.pos)
        return self.seen[k].ref if k < len(self.seen) and self.seen[k].pos == pos else None

    def person_named(self, printed: str, pos: int) -> PersonEntry | None:
        """The article's person for a surname / first name printed at ``pos``: with two people
        of that name (``Bill`` and ``Hillary Clinton``), the one mentioned last before it."""
        key = printed.lower()
        keys = self._named_at.get(key)
        if keys:  # the last mention of that name before pos, by bisection
            k = bisect_left(keys, (pos, -1)) - 1
            if k >= 0:
                return self._named_entry[key][k]
        entry = self.people.lookup(printed)
        return self.fuller(entry) if entry is not None else None

    def fuller(self, entry: PersonEntry) -> PersonEntry:
        """The person a one-word entry (``Christie``, parsed before the paragraph that printed
        ``Chris Christie`` was read) is: the only person of the article with that surname, as a
        reader takes it; the entry itself when no one or several people hold it."""
        if len(entry.name.split()) != 1:
            return entry
        return self._one_by_surname.get(entry.name.lower(), entry)

    def full_name_printed(self, surname: str, pos: int) -> str | None:
        """``Amanda Reyes`` printed before ``pos`` for the surname ``Reyes`` (a first name from
        the lexicon right before it), when the NER did not take it for a person."""
        if not surname[:1].isupper() or len(surname) < 2:
            return None
        first = self._full_names.first_name(surname, pos)
        return f"{first} {surname}" if first is not None else None

    def by_honorific(self, printed: str, gender: str | None, entry: PersonEntry, pos: int | None = None) -> PersonEntry:
        """``Mrs. Clinton`` in an article of both Clintons: of the article's people who share the
        surname ``printed``, one whose first name agrees with the honorific's gender (NYT style
        names family members by honorific and surname): ``entry`` if it agrees, else the only one
        that does, else (``pos`` given) the one named in full last before ``pos``; ``entry``
        when none can be told."""
        if gender is None or len(printed.split()) != 1:
            return entry
        family = self._shared_surnames.get(printed.lower())
        if not family:
            return entry
        agreeing = [p for p in family if gender_of_first_name(p.name) == gender]
        if not agreeing or entry in agreeing:
            return entry
        if len(agreeing) == 1:
            return agreeing[0]
        if pos is not None:
            last = [(keys[k - 1], p) for p in agreeing
                    if (keys := self._named_at.get(p.name.lower())) and (k := bisect_left(keys, (pos, -1)))]
            if last:
                return max(last, key=lambda kp: kp[0])[1]
        return entry

    def by_first_name(self, first: str) -> PersonEntry | None:
        """The first person of the article whose full name starts with ``first``."""
        return self._first_names.get(first.lower())


# ---- resolution -------------------------------------------------------------------------------


@dataclass(slots=True)
class Speaker:
    """The outcome of resolving one mention (merged into the quote's record)."""

    name: str | None
    resolved_by: str
    confidence: float
    entry: PersonEntry | None = None
    person: Person | None = None  # a gazetteer person
    role: str | None = None
    ref: Referent | None = None


class Resolver:
    """Resolves the speaker mentions of one article, in document order (pronouns need the
    speaker of the quote before)."""

    def __init__(
        self, doc: Doc, people: ArticlePeople, persons: list[Span], *, gazetteer: GazetteerLike | None = None,
        date: str | None = None, author: str | None = None, title_words: frozenset[str] = frozenset(),
        hints: Sequence[Any] = (), ents: list[Span] | None = None, text: str | None = None,
        table: TokenTable | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.table = TokenTable(doc) if table is None else table
        self.people = people
        self.persons = persons
        # the entities, read once (``doc.ents`` builds every span at each read), with their starts
        # for bisection
        self._ents = list(doc.ents) if ents is None else ents
        self._ent_starts = [e.start for e in self._ents]
        # the PERSON entities by first and last token, so that no rule scans them all per quote
        self.person_at_start = {e.start: e for e in persons}
        self.person_at_end = {e.end - 1: e for e in persons}
        self._person_starts = [e.start for e in persons]
        self._first_seen: dict[str, int] = {}
        self.gazetteer = gazetteer
        self._identified: dict[tuple[str, str | None], GazetteerMatch | None] = {}
        self.article_names = [e.text for e in persons]  # a surname one of them uses is not a gazetteer person's
        self.date = date
        self.title_words = title_words
        self.cast = Cast(doc, people, persons, author, hints, self._ents, self.text, self.table, self._offices)
        # the polls of paragraphs left unparsed, with their pollsters (quotes.attribution.mentions.poll_hints)
        self.poll_hints = [(h.start, h.name) for h in hints if getattr(h, "kind", "person") == "poll"]
        self.author = self.cast.author
        self._see_described_subjects()
        self.last: tuple[int, Referent] | None = None  # the previous quote's speaker and where
        self._last_end = 0  # where that speaker's mention ends
        self._last_sent = -1  # and the sentence it is in
        # a speaker reported inside another person's sentence, and where that sentence ends
        self._aside: tuple[int, Referent, int] | None = None
        # names of places, which "it"/"they" rarely mean as a voice ("the" as the cast prints it)
        self.places = {n for e in self._ents if e.label_ in ("GPE", "LOC", "FAC") for n in (clean(e.text), "the " + clean(e.text))}
        self._roles: dict[str, str] = {}
        self._narrator: tuple[str | None] | None = None  # lead_author, once asked
        self._campaigners: frozenset[str] | None = None  # people whose campaign the article names, once asked
        self._resolved: dict[tuple[int, int], dict[str, Any]] = {}  # each mention's fields, by its place

    def campaigners(self) -> frozenset[str]:
        """The article's people who run a campaign: those it prints a campaign after (``the
        Clinton campaign``, ``Sanders's presidential campaign``), looked for once."""
        if self._campaigners is None:
            found = set()
            for m in _NAMED_CAMPAIGN.finditer(self.text):
                entry = self.cast.person_named(m.group(1), m.start())
                if entry is not None and len(entry.name.split()) > 1:
                    found.add(entry.name)
            self._campaigners = frozenset(found)
        return self._campaigners

    def narrator(self) -> str | None:
        """The author the copy credits in its lead (:func:`lead_author`), looked for once."""
        if self._narrator is None:
            self._narrator = (lead_author(self.text, self.cast.quoted),)
        return self._narrator[0]

    def _see_described_subjects(self) -> None:
        """"the Vermont senator is sticking to his message": a description as the subject of a
        sentence puts its person in focus, as a name would."""
        doc = self.doc
        for i in self.table.noun_subjects():
            tok = doc[i]
            np = self._described_subject(tok)
            if np is not None:
                hit = _described(self.cast, np, tok, tok.idx)
                if hit is not None and hit[0] >= 2:
                    self.cast.add(tok.idx, hit[1], sentence_start(tok))

    def _described_subject(self, tok: Token) -> Span | None:
        """The definite description ``tok`` heads ("the senator") when it is the main subject of
        its sentence outside quotes and headed by a person noun or role word, else None."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN" or not _main_subject(tok) or tok.ent_type_:
            return None
        det = next((c for c in tok.children if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the" or self.cast.quoted(tok.idx):
            return None
        if tok.lower_ not in PERSON_NOUNS and not is_role_word(tok, self.title_words):
            return None
        return self.doc[det.i : tok.i + 1]

    # -- the record ---------------------------------------------------------------------------------

    def resolve(self, span: Span, head: Token, kind: str, cue_pos: int | None = None) -> dict[str, Any]:
        """Record fields for the speaker mention ``span`` (head ``head``, mention kind from
        :func:`quotes.attribution.mentions.mention_for`): speaker_name, speaker_id, role, role_normalized,
        organization, resolved_by, confidence and is_person (used for salience)."""
        key = (span.start_char, span.end_char)
        done = self._resolved.get(key)
        if done is not None:
            # one mention is one source: a second claim on the same "he" (a title in quotes taken
            # for a quote, then the quote itself) gets the first resolution, not a new one made
            # with the mention itself as "the previous speaker"
            return dict(done)
        role = role_in_mention(span, self.title_words) or apposition_role(head)
        sp = None
        for rule in RULES:
            sp = rule(self, span, head, kind, role)
            if sp is not None:
                break
        if sp is None:  # kept as written; a pronoun with no antecedent names no one
            sp = Speaker(None, "unresolved", 0.0) if kind == "pronoun" else Speaker(
                clean(span.text), "unresolved", CONFIDENCE["unresolved"])
        info = self._finish(sp, span, role)
        self._resolved[key] = dict(info)
        return info

    def _finish(self, sp: Speaker, span: Span, role: str | None) -> dict[str, Any]:
        """The speaker's record fields: name, gazetteer id, role (printed or remembered) and its
        normal form; also remembers the referent a later pronoun can mean."""
        info: dict[str, Any] = {}
        entry = sp.entry
        name = sp.name
        role = self._introduced_role(sp, role)
        person = sp.person
        is_person = entry is not None or (sp.ref is not None and sp.ref.kind == "person") or person is not None
        if person is None and name and (entry is not None or sp.resolved_by in ("mention", "apposition", "article")):
            person = self._gazetteer_person(name, role, _span_honorific(span))
        if person is not None:
            info["speaker_id"] = person.id
            # the gazetteer's person, spelled as the article prints them ("Erdogan", not "Erdoğan")
            name = spelled_as_printed(person.name, f"{name or ''} {span.text}")
        info["speaker_name"] = name
        role = self._remembered_role(info.get("speaker_id"), role, is_person, name, span)
        if role:
            info["role"] = role
            norm = self._normalize_role(role)
            if norm is not None:
                info["role_normalized"], info["organization"] = norm
        info["resolved_by"] = sp.resolved_by
        info["confidence"] = sp.confidence
        self._remember_referent(sp, span, name)
        info["is_person"] = is_person
        return info

    @staticmethod
    def _introduced_role(sp: Speaker, role: str | None) -> str | None:
        """The speaker's role: "the minister" -> "Defense Minister", as printed at introduction,
        unless the quote's own mention printed a fuller one."""
        entry = sp.entry
        role = sp.role or role
        if entry is not None and entry.roles and (role is None or len(role.split()) == 1 or sp.resolved_by != "mention"):
            role = entry.roles[0]
        return role

    def _remembered_role(
        self, pid: str | None, role: str | None, is_person: bool, name: str | None, span: Span
    ) -> str | None:
        """A role printed once is the person's role for the rest of the article; without one, the
        title printed before the name where the article introduced it."""
        if pid is not None:
            # a role printed once ("the NATO secretary-general said") is the person's role for the
            # rest of the article
            if role:
                self._roles.setdefault(pid, role)
            else:
                role = self._roles.get(pid)
        if not role and is_person and name and len(name.split()) > 1:
            # a name the NER missed where it was introduced: the title printed before it there
            at = self._first_seen.get(name, -2)
            if at == -2:
                at = self._first_seen[name] = self.text.find(name)
            if 0 <= at < span.start_char:
                role = printed_title(self.text[self.text.rfind("\n", 0, at) + 1 : at], self.title_words)
                if role and pid is not None:
                    self._roles.setdefault(pid, role)
        return role

    def _remember_referent(self, sp: Speaker, span: Span, name: str | None) -> None:
        """Make the speaker the referent in focus (``self.last``) for the pronouns that follow."""
        ref = sp.ref
        if ref is None and sp.entry is not None:
            ref = self.cast.referent(sp.entry)
        if ref is None and name:
            # a source named by a description only ("a spokeswoman for the group") can be "she" next
            g = next((gender_of_word(t.text) for t in span if gender_of_word(t.text)), None)
            if any(t.lower_ in PERSON_NOUNS or is_role_word(t, self.title_words) for t in span):
                ref = Referent(name, "unnamed", g)
        if ref is not None and span.root.lower_ not in FIRST_PERSON:
            reporter = self._reporter(span.root)
            if reporter is not None and reporter.name != ref.name and not _told_apart(reporter, ref):
                # the story stays on the person who reports them; only the rest of this
                # sentence may still mean them ("... had tweeted right after he tweeted")
                self._aside = (span.start_char, ref, span.sent.end_char)
                return
            self.last = (span.start_char, ref)
            self._last_end = span.end_char
            self._last_sent = sentence_start(span)
            if sp.resolved_by in ("unresolved",) and ref.kind == "unnamed":
                self.cast.add(span.start_char, ref, sentence_start(span))

    def _reporter(self, tok: Token) -> Referent | None:
        """The person who reports the speaker mention ``tok``, when ``tok`` is the subject of a
        clause inside that person's sentence, named or he/she as its main subject before it
        (``Carson turned the story back on the Post, pointing out that the paper's Robert Costa had
        reported ...``; ``He ... noted that Sanders himself has acknowledged ...``): news copy
        reports that speaker through the main subject, on whom the story stays, so that speaker is
        no "previous speaker" for the pronouns that follow (``"Apparently not," he said`` is
        Carson). A pronoun reported so is most often the main subject itself and stays. Returns a
        referent for the reporter (of its gender alone for he/she), else None."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or _main_subject(tok) or tok.lower_ in PERSON_PRONOUNS:
            return None  # "Bush went after Trump, when he called ...": he/she there is the subject
        if not any(t.dep_ in _REPORTING_CLAUSES for t in (tok.head, *tok.head.ancestors)):
            return None  # "Trump, Sexton said, has created ...": a parenthetical attribution
        for anc in tok.head.ancestors:
            for c in anc.children:
                if c.i < tok.i and _main_subject(c) and not self.cast.quoted(c.idx):
                    who = self._person_subject(c)
                    if who is not None:
                        return who
        return None

    def _person_subject(self, tok: Token) -> Referent | None:
        """The person a subject ``tok`` names (he/she: a referent of that gender alone), else None."""
        if tok.lower_ in ("he", "she"):
            return Referent(tok.lower_, "person", gender_of_word(tok.lower_))
        if tok.ent_type_ != "PERSON" and tok.pos_ != "PROPN":
            return None
        entry = self.cast.person_named(tok.text, tok.idx) or self.people.lookup(tok.text)
        return self.cast.referent(self.cast.fuller(entry)) if entry is not None else None

    # -- helpers for the rules --------------------------------------------------------------------

    def _gazetteer_person(self, name: str | None, role: str | None, honorific: str | None = None) -> Person | None:
        match = self._gazetteer_match(name, role, honorific)
        return match.person if match else None

    def _gazetteer_match(self, name: str | None, role: str | None, honorific: str | None = None) -> GazetteerMatch | None:
        """The gazetteer's person and evidence (``Gazetteer.identify``): the honorific printed
        with a one-word name goes with it ("Mr Harris" is no woman)."""
        if self.gazetteer is None or not name:
            return None
        if honorific and len(name.split()) == 1:
            name = f"{honorific} {name}"
        key = (name, role)
        if key in self._identified:  # an article names its people again and again
            return self._identified[key]
        try:
            match = self.gazetteer.identify(name, role=role, date=self.date, article_names=self.article_names)
        except GazetteerError:  # a gazetteer problem must not lose the quote
            match = None
        self._identified[key] = match
        return match

    def _offices(self, name: str) -> tuple[list[Office], list[Office]] | None:
        """The offices the gazetteer's person of the name ``name`` held at the article's date, and
        those they had left by then; None when the gazetteer knows no one by that name (one of
        their names or a form of it, or a surname the article gives no one else, in their public
        life: a title is no evidence here) or the article is undated."""
        if self.gazetteer is None or not self.date:
            return None
        match = self._gazetteer_match(name, None)
        if match is None or match.evidence not in ("gazetteer-alias", "gazetteer-surname"):
            return None
        try:
            return self.gazetteer.offices(match.person, date=self.date)
        except GazetteerError:
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

    def resolved_name_at(self, pos: int) -> str | None:
        """The name a speaker mention already resolved (by a name rule, not as written) gives
        the words at ``pos``: ``The GOP presidential candidate`` that a quote before resolved to
        ``Ted Cruz``."""
        for (start, end), info in self._resolved.items():
            if start <= pos < end and info.get("resolved_by") not in ("unresolved", "unattributed"):
                name = info.get("speaker_name")
                return name if isinstance(name, str) and name else None
        return None

    def entity_at(self, i: int) -> Span | None:
        """The named entity holding token ``i``, by bisection over the entities (listed once:
        ``doc.ents`` builds every span at each call)."""
        k = bisect_right(self._ent_starts, i) - 1
        return self._ents[k] if k >= 0 and i < self._ents[k].end else None

    def person_speaker(self, entry: PersonEntry, how: str) -> Speaker:
        return Speaker(entry.name, how, CONFIDENCE[how], entry=entry, ref=self.cast.referent(entry))

    def focus(
        self, pos: int, sent: int, want: Callable[[Referent], bool], window: int = 1500,
        prefer: Callable[[Referent], bool] | None = None,
    ) -> tuple[Referent, int] | None:
        """The referent in focus at ``pos`` that ``want`` accepts: the speaker of the quote before
        (within ``window``), else the subject of this or the sentence before, else the nearest;
        within a step, one that ``prefer`` accepts too (a known gender that agrees) comes first.
        Returns it with its rank (0, 1, 2)."""
        last = self._previous_speaker(pos, want, window, sent)
        if last is not None:
            return last, 0
        seen = [s for s in self.cast.before(pos, window) if want(s.ref)]
        if not seen:
            return None
        best = prefer or want
        subject = self._sentence_subject(seen, sent, best)
        if subject is not None:
            return subject, 1
        return next((s.ref for s in seen if best(s.ref)), seen[0].ref), 2

    def _previous_speaker(self, pos: int, want: Callable[[Referent], bool], window: int, sent: int = -1) -> Referent | None:
        """The previous quote's speaker, if within ``window`` before ``pos``, acceptable, and no
        other acceptable subject came between."""
        if self._aside is not None:
            at, ref, end = self._aside
            if at < pos < end and (self.last is None or self.last[0] < at) and want(ref):
                return ref  # in the rest of the sentence that reports them
        if self.last is None:
            return None
        at, ref = self.last
        if pos - window <= at < pos and want(ref) and not self._interrupted(at, pos, want, ref) and not self._named_since(pos, sent, want, ref):
            return ref
        return None

    def _named_since(self, pos: int, sent: int, want: Callable[[Referent], bool], ref: Referent) -> bool:
        """Whether the person named last before ``pos`` whom ``want`` accepts, of a known gender,
        is someone other than the previous speaker ``ref``, in a sentence after the one that
        named the previous speaker and before the pronoun's own (``sent``): the story has moved on
        to them (``... said Mr. Autor. Some defenders of globalization, like Gary Hufbauer, a
        senior fellow ..., also acknowledge ... But the benefit is "10 times the losses," he
        said`` is Hufbauer). A name in the previous speaker's own sentence (``Jealous said,
        suggesting ... Donald Trump``) or in the pronoun's (``Asked about Trump, he said``) is no
        new focus."""
        for s in self.cast.nearest_before(pos, pos - self.last[0] if self.last else 0):
            if s.pos < self._last_end or s.sent == self._last_sent:
                return False
            if s.sent == sent or not want(s.ref) or s.ref.kind != "person" or s.ref.gender is None:
                continue
            if self.cast.in_unclosed_quote(s.pos):
                continue  # a name in a quotation that lost its closing mark is the speaker's words
            if s.ref is ref or s.ref.name == ref.name:
                return False
            return not self._named_in_sentence(ref, s) and not self._pronoun_subject_between(s.sent, sent, want)
        return False

    def _named_in_sentence(self, ref: Referent, s: _Seen) -> bool:
        """Whether ``ref`` is named in the sentence of mention ``s`` too (``Did that mean Garcia
        would vote for Trump?``: the story is still on Garcia)."""
        return any(o.ref is ref or o.ref.name == ref.name for o in self._sentence_mentions(s))

    def _sentence_mentions(self, s: _Seen) -> list[_Seen]:
        """The mentions of the cast in the sentence of mention ``s``."""
        seen = self.cast.seen
        k = bisect_left(seen, s.pos, key=lambda x: x.pos)
        lo = k
        while lo > 0 and seen[lo - 1].sent == s.sent:
            lo -= 1
        hi = k
        while hi < len(seen) and seen[hi].sent == s.sent:
            hi += 1
        return seen[lo:hi]

    def _pronoun_subject_between(self, start: int, end: int, want: Callable[[Referent], bool]) -> bool:
        """Whether a sentence from token ``start`` up to the one at ``end`` has an agreeing he/she
        outside quotes as its main subject (``She appeared to imply that Trump ... than Clinton``):
        such a pronoun, no speaker's mention itself, carries the focus on from before."""
        doc = self.doc
        stop = end if 0 <= end <= len(doc) else len(doc)
        for t in doc[start:stop]:
            if t.lower_ in ("he", "she") and _main_subject(t) and not self.cast.quoted(t.idx):
                if want(Referent(t.lower_, "person", gender_of_word(t.lower_))):
                    return True
        return False

    def _sentence_subject(self, seen: list[_Seen], sent: int, best: Callable[[Referent], bool]) -> Referent | None:
        """The first main subject among ``seen`` (nearest first) of this sentence or one of the
        two before, nearest sentence first; within a sentence, one that ``best`` accepts first."""
        for sent_start in self._previous_sentences(sent, 2):
            subjects = [s for s in seen if s.subject and s.sent == sent_start]
            if subjects:  # the first main subject of the nearest sentence
                return next((s.ref for s in reversed(subjects) if best(s.ref)), subjects[-1].ref)
        return None

    def _interrupted(self, since: int, pos: int, want: Callable[[Referent], bool], ref: Referent) -> bool:
        """Whether another acceptable referent was the subject of a sentence between the previous
        quote's speaker and ``pos`` (then the story has moved on to them); the words of that
        speaker's own mention do not count (``The billionaire businessman``, resolved to a name,
        is also an unnamed source of the cast)."""
        for s in self.cast.before(pos, pos - since):
            if s.subject and want(s.ref) and s.ref is not ref and s.ref.name != ref.name and s.pos > max(since + 1, self._last_end - 1):
                return True
        return False

    def _previous_sentences(self, sent_start: int, n: int) -> list[int]:
        """This sentence's start and those of the ``n`` sentences before it, nearest first."""
        out = [sent_start]
        doc = self.doc
        i = sent_start
        for _ in range(n):
            if i <= 0:
                break
            prev = doc[i - 1].sent
            out.append(prev.start)
            i = prev.start
        return out


def _office_words(forms: Iterable[str]) -> set[str]:
    """The description words of offices as the gazetteer prints them (``Vice-President`` also as
    ``vice`` and ``president``)."""
    return {w for f in forms for w in words_of(f) | words_of(f.replace("-", " "))}


# ---- the rules ----------------------------------------------------------------------------------

Rule = Callable[[Resolver, Span, Token, str, "str | None"], "Speaker | None"]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    """Register ``fn`` as the next resolution rule (order of definition = order of trial)."""
    RULES.append(fn)
    return fn


#: The clauses a speaker is reported in by the subject of the sentence (``pointing out that X had
#: reported``, ``when X asked``); a parenthetical attribution (``Trump, X said, has ...``, parataxis)
#: is none of them.
_REPORTING_CLAUSES = frozenset({"ccomp", "advcl", "xcomp"})


def _told_apart(a: Referent, b: Referent) -> bool:
    """Whether he/she can tell two people apart: both genders known and different."""
    return a.gender is not None and b.gender is not None and a.gender != b.gender


def _main_subject(tok: Token) -> bool:
    """Whether ``tok`` is the subject of its sentence's main clause (``Cox says Obama is
    trying``: Cox, not Obama), or of a clause coordinated with it."""
    if tok.dep_ == "compound":
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    return verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT"


_NP_DEPS = frozenset({"compound", "amod", "appos", "nmod", "nummod", "npadvmod", "poss", "prep", "pobj", "punct", "det", "case", "quantmod"})


def _noun_phrase(root: Token, limit: int = 14) -> list[Token]:
    """The tokens of the noun phrase headed by ``root``: titles, modifiers, appositions and their
    of-phrases, without clauses or coordinated names."""
    out: list[Token] = []
    stack = [root]
    while stack and len(out) < limit * 2:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ in _NP_DEPS and abs(c.i - root.i) <= limit)
    return out




def _name_after(r: Resolver, span: Span, comma: bool = True) -> Span | None:
    """A PERSON name right after the mention, alone or (``comma``) after a comma (``police Chief``
    + ``Chuck Jordan``; ``The defence minister of Azerbaijan, Zakir Hasanov,``; ``wrote the
    ambassador at the time, John E. Herbst.``)."""
    doc = r.doc
    i = _past_time_phrase(doc, span.end) if comma else span.end
    if comma and i < len(doc) and doc[i].text == ",":
        i += 1
    ent = r.person_at_start.get(i)
    if ent is not None:
        after = doc[ent.end] if ent.end < len(doc) else None
        if i == span.end or after is None or after.text in (",", ")", "."):
            return ent
        # "According to the results, Clinton leads ...", "In a statement, Kelly said ...": after
        # an introductory phrase's comma the name opens the clause; it is no apposition
        if after.pos_ in ("VERB", "AUX") and span.root.dep_ != "pobj":
            return ent
    return None


def _past_time_phrase(doc: Doc, i: int) -> int:
    """Where the words at ``i`` go on past a phrase of time that dates a description (``the American
    ambassador at the time, John E. Herbst``: the name after it is still the apposition)."""
    if i + 2 < len(doc) and doc[i].lower_ in ("at", "in") and doc[i + 1].lower_ in ("the", "that") \
            and doc[i + 2].lower_ in TIME_NOUNS:
        return i + 3
    return i


def _describes_someone_else(head: Token) -> bool:
    """A mention whose head is a common noun after a name (``Carter's press secretary``, ``Cruz
    constituent``, ``Clinton supporters``) describes someone else than the person named."""
    return head.ent_type_ != "PERSON" and head.pos_ == "NOUN"


_SPEAKER_LABEL_RE = re.compile(SPEAKER_LABEL)


@rule
def speaker_label(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """A transcript's speaker label ('FALLIN: Well, I think ...', 'JAKE TAPPER: ...') is a name
    printed in capitals, whatever the tagger made of it (a number, a common noun): the person the
    article names so (a surname alone, as transcripts label a speaker after the first turn, is
    the full name of an earlier label or of the article's person), else the name as a reader
    writes it ('Jake Tapper', not 'JAKE TAPPER')."""
    label = _label_at(r.text, span.start_char, span.end_char)
    if label is None:
        return None
    words = label.split()
    if len(words) == 1:
        full = _full_label_before(r.text, words[0], span.start_char)
        if full is not None:
            words = full.split()
    return _printed_name(r, " ".join(_capitalized(w) for w in words), span, role)


def _label_at(text: str, start: int, end: int) -> str | None:
    """The name of the speaker label that [start, end) is, when the mention opens its paragraph
    with a label in capitals, else None."""
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip():
        return None
    m = _SPEAKER_LABEL_RE.match(text, start)
    if m is None or m.end(1) != end or text[start:end].lower() in NOT_SPEAKER_LABELS:
        return None
    return m.group(1)


def _full_label_before(text: str, word: str, pos: int) -> str | None:
    """The last label of several words ending with ``word`` before ``pos`` ('JAKE TAPPER' for a
    later 'TAPPER')."""
    found = None
    for m in re.finditer(r"(?m)^[ \t]*((?:[A-Z][A-Z.'\u2019-]+ ){1,3}" + re.escape(word) + r")(?: \([^)\n]{1,12}\))?:[ \t]", text[:pos]):
        found = m.group(1)
    return found


def _capitalized(word: str) -> str:
    """A word printed in capitals as a name is written ('TAPPER' -> 'Tapper', "O'BRIEN" ->
    "O'Brien"); a title keeps its dot ('SEN.' -> 'Sen.')."""
    return word.title() if word.isupper() else word


@rule
def name_in_mention(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """A name printed in the mention is the speaker (``Defense Minister Zakir Hasanov said``);
    a surname or first name alone names the article's person of that name."""
    if kind != "person" or _describes_someone_else(head):
        return None
    ents = []
    k = bisect_left(r._person_starts, span.start)
    while k < len(r.persons) and r.persons[k].start < span.end:
        if r.persons[k].end <= span.end:
            ents.append(r.persons[k])
        k += 1
    printed = head.text
    title = None
    if ents:
        title, printed = split_title(ents[-1], r.title_words)
    return _printed_name(r, printed, span, role or title)


def _honorific_gender(ent: Span) -> str | None:
    """The gender of an honorific before or opening a name (``Mrs. Clinton``), else None."""
    doc = ent.doc
    for tok in (doc[ent.start - 1] if ent.start > 0 else None, ent[0]):
        if tok is not None and tok.lower_.rstrip(".") in MALE_HONORIFICS | FEMALE_HONORIFICS:
            return gender_of_word(tok.lower_.rstrip("."))
    return None


def _span_honorific(span: Span) -> str | None:
    """The honorific a mention starts with ("Lord" of "Lord Harris"), for the gazetteer."""
    first = span[0].lower_.rstrip(".") if len(span) else ""
    return first if first in NAME_HONORIFICS else None


def _article_person_named(r: Resolver, words: list[str], key: str, span: Span, honor: str | None) -> Speaker | None:
    """The article's person a printed name (its ``words`` without titles) means: "Sir Keir" by
    first name, else the person the name or surname was printed for; an honorific gives gender."""
    if honor in FIRST_NAME_HONORIFICS and len(words) == 1:
        entry = r.cast.by_first_name(words[0])
        if entry is not None:
            return r.person_speaker(entry, "article")
    entry = r.cast.person_named(key, span.start_char) if len(words) <= 1 else r.people.lookup(key)
    if entry is not None:
        entry = r.cast.by_honorific(key, gender_of_word(honor or ""), entry, span.start_char)
        how = "mention" if len(words) > 1 and len(words) >= len(entry.name.split()) else "article"
        sp = r.person_speaker(entry, how)
        if honor and sp.ref is not None and sp.ref.gender is None:
            sp.ref.gender = gender_of_word(honor)
        return sp
    return None


def _printed_name(r: Resolver, printed: str, span: Span, role: str | None) -> Speaker:
    words = [w for w in printed.split() if w.lower().rstrip(".") not in TITLE_PREFIXES and w.lower() not in HONORIFICS]
    honor = next((t.lower_.rstrip(".") for t in span if t.lower_.rstrip(".") in MALE_HONORIFICS | FEMALE_HONORIFICS | {"sir", "dame"}), None)
    key = " ".join(words) or printed
    sp = _article_person_named(r, words, key, span, honor)
    if sp is not None:
        return sp
    name = clean(key)
    full = r.cast.full_name_printed(name, span.start_char) if len(words) == 1 else None
    if full is not None:  # "Reyes" after "Amanda Reyes", a name the NER missed
        return Speaker(full, "article", CONFIDENCE["article"], ref=Referent(full, "person", gender_of_first_name(full)))
    return _name_outside_article(r, name, len(words), role, honor)


def _name_outside_article(r: Resolver, name: str, n_words: int, role: str | None, honor: str | None) -> Speaker:
    """A printed name the article's people do not hold: the gazetteer's person, else the name as
    printed (a full name is a mention; a lone surname stays unresolved)."""
    match = r._gazetteer_match(name, role, honor)
    if match is not None:
        how = "mention" if n_words > 1 else match.evidence
        return Speaker(match.person.name, how, CONFIDENCE[how], person=match.person,
                       ref=Referent(match.person.name, "person", gender_of_word(honor or "")))
    gender = gender_of_word(honor or "") or (gender_of_first_name(name) if n_words > 1 else None)
    return Speaker(name, "mention", CONFIDENCE["mention"] if n_words > 1 else CONFIDENCE["unresolved"],
                   ref=Referent(name, "person", gender))


@rule
def party_tag_mention(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """A party/state tag taken for the mention (``Sen. David Perdue (R-Ga.) said``) stands for
    the name printed before its parenthesis."""
    doc = r.doc
    i = span.start - 1
    while i >= 0 and i >= span.start - 4 and doc[i].text in ("R", "D", "I", "-", "\u2013", " "):
        i -= 1
    if i < 0 or doc[i].text != "(" or len(span) > 4:
        return None
    i -= 1
    ent = r.person_at_end.get(i)
    if ent is None:
        return None
    _, printed = split_title(ent, r.title_words)
    return _printed_name(r, printed, ent, None)


def _is_name(r: Resolver, head: Token) -> bool:
    """A mention headed by a proper name that is no title or role (``Facebook``, ``Roffman``,
    ``Wilcox``) names its source itself: the name after its comma belongs to someone else
    ("According to Facebook, Trump generated ..."), and its apposition describes it ("Wilcox, an
    Orlando Republican who ..."). A name run on after it is still a title's name (``Palm Beach
    County Supervisor of Elections Susan Bucher``: the parser may tag a capitalized title PROPN)."""
    if head.pos_ != "PROPN" or is_role_word(head, r.title_words) or head.lower_ in PERSON_NOUNS:
        return False
    # a title in quotation marks ('"Perfect Enough: Carly Fiorina and ..." by George Anders') is
    # a work, not a source's name: left to the description rules as before
    return not any(t.text in DOUBLE_MARK_TOKENS for t in r.doc[max(head.left_edge.i - 1, 0) : head.i])


def _apposition_name(r: Resolver, head: Token) -> Span | None:
    """The person's name in apposition to ``head``: the PERSON entity of the last such
    apposition, else a proper name starting with a first name (:func:`_first_named_apposition`)."""
    ent = None
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            k = bisect_right(r._person_starts, child.i) - 1
            ent = r.persons[k] if k >= 0 and child.i < r.persons[k].end else None
        elif child.dep_ == "appos" and ent is None:
            ent = _first_named_apposition(child)
    return ent


def _first_named_apposition(tok: Token) -> Span | None:
    """A proper name in apposition that starts with a first name of the lexicon (``One
    Republican presidential hopeful, Carly Fiorina, says``): a person's name even where the NER
    took it for an organization."""
    if tok.pos_ != "PROPN":
        return None
    names = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]
    if len(names) < 2 or names[-1].i - names[0].i != len(names) - 1:
        return None
    if names[0].text not in MASCULINE and names[0].text not in FEMININE:
        return None
    return tok.doc[names[0].i : tok.i + 1]


@rule
def name_beside_description(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """A description with the name in apposition or right after it (``A top strategist, John
    Weaver, said``; ``police Chief Chuck Jordan``): the name is the speaker, the description
    their role."""
    if kind == "pronoun" or kind == "person" and not _describes_someone_else(head):
        return None
    if _is_name(r, head):  # only a name run on after a title ("Supervisor of Elections Susan Bucher")
        ent = _name_after(r, span, comma=False)
    else:
        ent = _apposition_name(r, head) or _name_after(r, span)
    if ent is None or r.cast.quoted(ent.start_char) and not r.cast.quoted(span.start_char):
        return None  # "Reid: 'Never underestimate Trump.'": a name in the quote is none of its speaker's
    if ent.start > span.end and (_lemma(head) in DOCUMENT_NOUNS | RESULT_NOUNS or _lemma(head) in ORG_NOUNS):
        return None  # "According to the results, Clinton leads": a thing is no person's apposition
    _, printed = split_title(ent, r.title_words)
    sp = _printed_name(r, printed, ent, role or clean(span.text))
    sp.role = sp.role or clean(span.text)
    if sp.resolved_by in ("mention", "article"):
        sp.resolved_by, sp.confidence = "apposition", CONFIDENCE["apposition"]
    return sp




def byline_person(author: str | None) -> str | None:
    """The first person of a byline (``By Ann Lee and Bo Park`` -> ``Ann Lee``); None for an
    outlet or a desk (``Breitbart News``, ``AP staff``) or a pen name of one word."""
    if not author:
        return None
    first = re.split(r",|\band\b|&", re.sub(r"^\s*by\s+", "", author, flags=re.I))[0].strip()
    words = first.split()
    if len(words) < 2 or any(w.lower().strip(".") in _NOT_PEOPLE for w in words):
        return None
    return first


#: A "By Ann Lee" line of its own (the byline printed in the copy).
_BY_LINE = re.compile(r"^[ \t]*By[ \t]+([A-Z][\w'\u2019.-]+(?:[ \t]+[A-Z][\w'\u2019.-]+){1,3})[ \t]*$", re.M)
#: "excerpts from bestselling author Ann Lee's new book", "adapted from Ann Lee's memoir": the
#: possessor (2-4 capitalized words) and the three words after the possessive (modifiers, noun).
_EXCERPT = re.compile(
    r"\b(?:[Ee]xcerpt(?:s|ed)?|[Aa]dapted)\b[^\n]{0,160}?\b(?:from|of)\b[^\n]{0,60}?"
    r"\b([A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){1,3}?)['\u2019]s[ \t]+((?:[\w-]+[ \t]*){1,3})"
)
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|[Mm]e|[Mm]y)\b")
#: How many first-person words outside quotes make the copy first person.
_FIRST_PERSON_MIN = 3
#: How much of the article's start a byline or an excerpt's credit is looked for in.
_LEAD_CHARS = 1500


def lead_author(text: str, quoted: Callable[[int], bool]) -> str | None:
    """The author the copy itself credits when the byline names no person: a ``By Ann Lee`` line,
    or the author of the book an excerpt is taken from (``excerpts from Ann Lee's new book``),
    printed in the lead. Only for first-person copy (``I``/``me``/``my`` at least three times
    outside quotes): a book excerpt or an op-ed written as ``I`` is its author's voice, the
    convention news annotation follows. None otherwise."""
    lead = text[:_LEAD_CHARS]
    name = None
    m = _BY_LINE.search(lead)
    if m is not None:
        name = m.group(1)
    else:
        for m in _EXCERPT.finditer(lead):
            if AUTHORED_WORK_NOUNS & set(m.group(2).lower().split()):
                name = m.group(1)
                break
    if name is None or byline_person(name) is None:
        return None
    n = 0
    for w in _FIRST_PERSON_WORD.finditer(text):
        if not quoted(w.start()):
            n += 1
            if n >= _FIRST_PERSON_MIN:
                return clean(name)
    return None


@rule
def first_person(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """``I`` outside the quotes is the byline's author (first-person copy), or the author the copy
    credits in its lead when the byline is an outlet (:func:`lead_author`: ``excerpts from Ann
    Lee's new book``); with neither (``Breitbart News``) the mention stays as written: guessing
    the narrator of an excerpt or a column is worse than no name."""
    if head.lower_ not in FIRST_PERSON:
        return None
    author = byline_person(r.author) or r.narrator()
    if author:
        return Speaker(author, "pronoun", CONFIDENCE["pronoun"], ref=Referent(author, "person"))
    return Speaker(None, "unresolved", 0.0)


@rule
def personal_pronoun(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """he/she: the person in focus who agrees in gender (the previous quote's speaker, the subject
    of the sentence before, the nearest); never the byline's journalist. The nearest person
    counts only when the article says their gender (a name, honorific or pronoun): a nearby name
    that is neither salient nor known to agree is a guess, and a wrong name is worse than none."""
    low = head.lower_
    if low not in PERSON_PRONOUNS:
        return None
    gender = "m" if low in MALE_PRONOUNS else "f"
    author = (r.author or "").lower()

    def agrees(ref: Referent) -> bool:
        if ref.kind not in ("person", "unnamed") or ref.gender not in (gender, None):
            return False
        return not (author and ref.name.lower() == author)

    def agrees_strictly(ref: Referent) -> bool:
        return agrees(ref) and ref.gender == gender

    def agrees_named(ref: Referent) -> bool:
        # a source known only by a description of unknown gender ("a reporter") is a weak antecedent
        return agrees(ref) and not (ref.kind == "unnamed" and ref.gender is None)

    asked = _relative_clause_person(r, head, agrees) or _the_one_asked(r, head, agrees)
    hit = (asked, 0) if asked is not None else r.focus(span.start_char, sentence_start(span), agrees_named, prefer=agrees_strictly)
    if hit is None or hit[1] == 2:
        weak = r.focus(span.start_char, sentence_start(span), agrees)
        if weak is not None and weak[1] == 0:  # "the agency's chair said ... she added"
            hit = weak
    if hit is None:
        return None
    ref, rank = hit
    if rank == 2 and ref.gender is None:
        return None  # neither salient nor known to agree: the nearest name is a guess
    if ref.gender is None:
        ref.gender = gender  # the article's own pronoun says so now
    conf = round(CONFIDENCE["pronoun"] - 0.1 * rank, 2)
    if ref.entry is not None:
        sp = r.person_speaker(ref.entry, "pronoun")
        sp.confidence = round(conf, 2)
        return sp
    return Speaker(ref.name, "pronoun", round(conf, 2), ref=ref)


def _verb_lemma(tok: Token) -> str:
    """A verb's lemma, from the attribution verbs' forms when the pipeline did not lemmatize it."""
    return VERB_FORMS.get(tok.lower_, tok.lemma_.lower())


def _relative_clause_person(r: Resolver, head: Token, agrees: Callable[[Referent], bool]) -> Referent | None:
    """"Rep. Joe Wilson, the congressman who gained attention in 2009 when he yelled ...": a
    he/she inside a relative clause whose subject is ``who`` (or ``that``) is the person the
    clause is on, named or in apposition to a name, when the gender agrees ("the man whom he
    met" is someone else: the relative pronoun must be the clause's subject)."""
    for anc in head.ancestors:
        if anc.dep_ != "relcl":
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that") and c.i != head.i for c in anc.children):
            return None
        ant = anc.head
        if ant.ent_type_ != "PERSON" and ant.dep_ == "appos" and ant.head.ent_type_ == "PERSON":
            ant = ant.head  # "Joe Wilson, the congressman who ..."
        if ant.ent_type_ != "PERSON":
            return None
        return _agreeing_person(r, ant, agrees)
    return None


def _the_one_asked(r: Resolver, head: Token, agrees: Callable[[Referent], bool]) -> Referent | None:
    """"A reporter asked Sanders how he felt. He replied: ...": the pronoun subject of an answer
    (replied, responded, answered) is the person the sentence before asked, not the asker, when
    that person is named as the object of ``asked`` and agrees in gender."""
    verb = head.head
    if head.dep_ != "nsubj" or _verb_lemma(verb) not in REPLY_VERBS or sentence_start(head) == 0:
        return None
    prev = r.doc[head.sent.start - 1].sent
    for t in prev:
        if _verb_lemma(t) not in QUESTION_VERBS or r.cast.quoted(t.idx):
            continue
        obj = next((c for c in t.children if c.dep_ == "dobj" and c.ent_type_ == "PERSON"), None)
        if obj is None:
            continue
        return _agreeing_person(r, obj, agrees)
    return None


def _agreeing_person(r: Resolver, tok: Token, agrees: Callable[[Referent], bool]) -> Referent | None:
    """The article's person whose name (its entity, else the word) ``tok`` prints, if agreeing."""
    ent = r.entity_at(tok.i)
    printed = clean(ent.text if ent is not None else tok.text)
    entry = r.cast.person_named(printed, tok.idx) or r.people.lookup(printed)
    if entry is None:
        return None
    ref = r.cast.referent(r.cast.fuller(entry))
    return ref if agrees(ref) else None


def _owner(r: Resolver, tok: Token) -> str | None:
    """Who speaks through a document (``Cruz's ad``, ``an ad by the Sanders campaign``, ``Trump
    released a video``)."""
    for child in tok.children:
        owner = _owner_in_phrase(r, child) or _owner_in_modifier(r, tok, child)
        if owner is not None:
            return owner
    owner = None
    if tok.dep_ in ("dobj",) and tok.head.pos_ == "VERB":
        owner = _owner_as_subject(r, tok.head)
    if tok.dep_ == "nsubjpass" and tok.head.pos_ == "VERB":
        owner = _owner_as_agent(r, tok.head)
    return owner if owner is not None else _owner_by_participle(r, tok)


def _owner_in_modifier(r: Resolver, tok: Token, child: Token) -> str | None:
    """The owner a document's dependent names besides :func:`_owner_in_phrase`: the poll of
    ``the results of a Quorvex poll``, an organization's name the NER missed (``One Club for
    Growth ad``)."""
    if child.dep_ == "prep" and child.lower_ == "of" and _lemma(tok) in RESULT_NOUNS:
        return _owner_of_poll_in(r, child)
    if child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN" and child.i < tok.i:
        return _organization_printed_before(r, child)
    return None


def _organization_printed_before(r: Resolver, name: Token) -> str | None:
    """``The Club for Growth is spending $1.5 million ... One Club for Growth ad argues``: a name
    before a document's noun that the NER missed there is its owner when the article printed
    the same words as an organization's name earlier (``the`` aside)."""
    start = min(t.i for t in name.subtree if t.pos_ == "PROPN")  # "One Club for Growth": not "One"
    words = r.doc[start : name.right_edge.i + 1].text.lower()
    for ent in r._ents:
        if ent.start >= name.i:
            return None
        if ent.label_ == "ORG" and clean(ent.text).lower().removeprefix("the ") == words:
            return clean(ent.text)
    return None


def _owner_by_participle(r: Resolver, tok: Token) -> str | None:
    """"exit polls conducted by Edison Research for the AP", "a memo written by the chief of
    staff": the agent of a participle that makes or puts out the document (not one that only
    reports or obtained it: ``court documents reported by The Post`` are no paper's own)."""
    for child in tok.children:
        if child.dep_ == "acl" and child.tag_ == "VBN" and child.lower_ in AUTHORING_PARTICIPLES:
            owner = _owner_as_agent(r, child)
            if owner is not None:
                return owner
    return None


def _owner_of_poll_in(r: Resolver, of: Token) -> str | None:
    """``the results of a Quorvex poll``, ``early results of exit polls conducted by Edison
    Research``: what a poll found speaks for whoever ran the poll, as the poll itself does."""
    for obj in of.children:
        if obj.dep_ == "pobj" and _lemma(obj) in POLL_NOUNS:
            return _document_owner(r, obj)
    return None


def _owner_as_agent(r: Resolver, verb: Token) -> str | None:
    """The named agent of the passive verb a document is the subject of (``The email was sent
    ... by Chief of Staff Jeremy Bash``, ``The letter was signed by the committee``), or of the
    participle after it (``exit polls conducted by Edison Research for the AP``: news copy
    credits a poll to the firm that conducted it, not to the outlets it was conducted for)."""
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj" and _is_named(obj):
                    return _name_of(r, obj)
    return None


#: Entity types of a name compound that are no document's owner (``the Florida poll``).
_NOT_OWNERS = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "FAC", "EVENT", "PERCENT"})


def _is_named(tok: Token) -> bool:
    return tok.ent_type_ in ("PERSON", "ORG") or tok.pos_ == "PROPN"


def _owner_in_phrase(r: Resolver, child: Token) -> str | None:
    """The owner a document's dependent ``child`` names: a possessor, a name compound, or the
    object of ``by``/``from``/``of``."""
    if child.dep_ == "poss" and child.pos_ == "PRON":
        return None  # "his remarks", "its report": the pronoun is no name (the caller resolves it)
    pollsters = _pollsters_before(r, child)
    if pollsters is not None:
        return pollsters
    if child.dep_ == "poss" and child.ent_type_ in _NOT_OWNERS:
        return None  # "Thursday's memo", "Florida's law": a date or a place owns no document
    if child.dep_ == "poss" or child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG"):
        return _name_of(r, child)
    if child.dep_ == "compound" and child.pos_ == "PROPN" and child.ent_type_ not in _NOT_OWNERS and _lemma(child.head) in POLL_NOUNS:
        return _name_of(r, child)  # "the Monmouth poll", whatever the NER took Monmouth for
    if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
        return _owner_after_preposition(r, child)
    return None


def _pollsters_before(r: Resolver, child: Token) -> str | None:
    """"a CNN/ORC poll", "a Morning Consult poll": when ``child`` is a name before a poll noun,
    the pollsters are every name before the noun (None when a word between is no name)."""
    if child.dep_ not in ("compound", "nmod") or child.pos_ != "PROPN" or child.i >= child.head.i or _lemma(child.head) not in POLL_NOUNS:
        return None
    names = r.doc[child.left_edge.i : child.head.i]
    if all(t.pos_ == "PROPN" and t.ent_type_ not in _NOT_OWNERS or t.text in ("/", "-", "&") for t in names):
        return clean(names.text)
    return None


def _owner_after_preposition(r: Resolver, prep: Token) -> str | None:
    """The owner the object of ``by``/``from``/``of`` names: a name, or an organization noun
    after by/from ("a letter from the staff association", "a memo by the panel")."""
    for obj in prep.children:
        if obj.dep_ == "pobj" and _is_named(obj):
            return _name_of(r, obj)
        if obj.dep_ == "pobj" and prep.lower_ in ("by", "from") and _lemma(obj) in ORG_NOUNS and obj.tag_ == "NN":
            return _np_text(obj)
    return None


def _owner_as_subject(r: Resolver, verb: Token) -> str | None:
    """The subject of the verb a document is the object of (``Trump released a video``; ``The
    Rubio campaign released a new ad``), when it names someone or an organization."""
    for child in verb.children:
        if child.dep_ == "nsubj" and _is_named(child):
            return _name_of(r, child)
        if child.dep_ == "nsubj" and _lemma(child) in ORG_NOUNS:
            return _np_text(child)  # "The Rubio campaign released a new ad"
        if child.dep_ == "nsubj":
            ref = r.cast.referent_at(child.idx)  # "The GOP presidential candidate sent out an email"
            if ref is not None and ref.kind == "person":
                return ref.name
            name = r.resolved_name_at(child.idx)  # the same words, resolved as a quote's speaker
            if name is not None:
                return name
    return None


def _written_in(r: Resolver, s: Span) -> str | None:
    """"Bujnowski wrote in the affidavit. It continued: ...": a document the sentence before says
    someone spoke or wrote in, after the verb (the sentence's newest topic, unlike a framing "In
    a blog post, X said"), is the "it" that goes on, and speaks for that someone (the owner, as
    for ``The ad says``)."""
    for t in s:
        if t.dep_ != "pobj" or _lemma(t) not in DOCUMENT_NOUNS or t.head.lower_ != "in":
            continue
        verb = t.head.head
        if verb.pos_ == "VERB" and verb.i < t.i and _verb_lemma(verb) in SPEECH_VERBS:
            return _owner_as_subject(r, verb)
    return None


def _document_owner(r: Resolver, tok: Token) -> str | None:
    """The owner of the document at ``tok``, or of the same document mentioned just before
    (``The campaign released an ad ... The ad says``)."""
    owner = _owner(r, tok)
    if owner is None and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
        owner = _owner_of_the_same_before(r, tok)
        if owner is None and _lemma(tok) in POLL_NOUNS | RESULT_NOUNS:
            owner = _pollster_printed_before(r, tok.idx)
    if owner is None:
        owner = _kind_named_before(r, tok)
    return owner


def _pollster_printed_before(r: Resolver, pos: int) -> str | None:
    """``a Morning Consult Poll found ... / ..., according to the results``: "the poll" or "the
    results" is the nearest poll printed before, and speaks for the pollster printed in front
    of it, as news copy credits a poll (the poll's paragraph may be one the parser skipped:
    :func:`quotes.attribution.mentions.poll_hints`). The nearest poll printed with no such name
    (``the polls``), or with a person's name (``the Trump poll``) or a place's (``a Florida
    poll``) in front, credits no one."""
    lo = max(0, pos - 3000)
    polls = printed_pollster(r.text, lo, pos) + [(at, name) for at, name in r.poll_hints if lo <= at < pos]
    if not polls:
        return None
    name = max(polls)[1]
    words = [w for w in name.split() if w.lower() not in POLL_NOUNS]  # "Morning Consult Poll": who ran it
    pollster = " ".join(words)
    if not words or r.people.lookup(pollster) is not None or _norm(words[-1]) in _STATE_WORDS or pollster in r.places:
        return None
    return name


def _owner_of_the_same_before(r: Resolver, tok: Token) -> str | None:
    """"the survey" after "a CNN/ORC poll" is that poll; "the email" after "an email fundraising
    appeal" (the noun of a compound names its head's document) is that email, and when no one
    is credited with it, it is a new document that an older one's owner does not speak for."""
    same = POLL_NOUNS if _lemma(tok) in POLL_NOUNS | RESULT_NOUNS else {_lemma(tok)}
    for t in reversed(r.doc[max(0, tok.i - 400) : tok.i]):
        if _lemma(t) not in same:
            continue
        doc_tok = t
        while doc_tok.dep_ == "compound" and doc_tok.head.pos_ == "NOUN":
            doc_tok = doc_tok.head
        owner = _owner(r, t) or (_owner(r, doc_tok) if doc_tok is not t else None)
        if owner or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in doc_tok.children):
            return owner
    return None


def _kind_named_before(r: Resolver, tok: Token) -> str | None:
    """``exit polls conducted by Edison Research ... according to exit polls conducted for the
    AP``: a document of a kind the article gave an owner before (the same noun with the same
    lower-case modifier, ``exit poll``) is that one again, as wire copy repeats the credit in
    short."""
    kind = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.is_lower and c.pos_ == "NOUN"}
    if not kind:
        return None
    for t in reversed(r.doc[max(0, tok.i - 2000) : tok.i]):
        if _lemma(t) == _lemma(tok) and kind <= {c.lower_ for c in t.children if c.dep_ in ("compound", "amod")}:
            owner = _owner(r, t)
            if owner:
                return owner
    return None


def _np_text(tok: Token) -> str:
    """The noun phrase of ``tok`` up to a comma (``Officials at the Department of Labor``)."""
    doc = tok.doc
    idx = sorted(t.i for t in _noun_phrase(tok))
    stop = next((k for k in idx if k > tok.i and doc[k].text in (",", "(", "\u2014")), idx[-1] + 1)
    return clean(doc[idx[0] : stop].text).rstrip(",")


def _name_of(r: Resolver, tok: Token) -> str:
    """The article's name for the entity at ``tok`` (a person's full name, an org as printed)."""
    if tok.ent_type_ == "PERSON":
        entry = r.cast.person_named(tok.text, tok.idx) or r.people.lookup(tok.text)
        if entry is not None:
            return entry.name
    ent = r.entity_at(tok.i)
    return clean(ent.text if ent is not None else tok.text).removesuffix("'s").removesuffix("\u2019s")


def _previous_subject_speaker(r: Resolver, span: Span, low: str, s: Span) -> Speaker | None:
    """it/they/we read as the subject of the sentence ``s`` before, if that subject can speak: a
    document's owner, the organization the previous quote named, or an organization or group."""
    subj = _root_subject(s)
    if subj is None:
        return None
    if subj.lower_ == low and r.last is not None and r.last[0] == subj.idx and r.last[1].name:
        # '"...," it reads. / "...," it said': the same pronoun as the subject before, which
        # the quote before resolved, goes on meaning the same source
        return Speaker(r.last[1].name, "pronoun", round(CONFIDENCE["pronoun"] - 0.1, 2), ref=r.last[1])
    sp = _document_subject_speaker(r, subj)
    if sp is not None:
        return sp
    if (r.last is not None and r.last[1].kind in _PRONOUN_KINDS[low] and s.start_char <= r.last[0] < span.start_char
            and not subj.ent_type_):
        # "the paper wrote ... It added": the organization the previous quote named
        return Speaker(r.last[1].name, "pronoun", CONFIDENCE["pronoun"], ref=r.last[1])
    return _subject_group_speaker(r, subj, low)


#: The kinds of referent each pronoun can take up from the quote before: "it" an organization
#: or a group the NER named (a party), "they"/"we" also people named together (``Trump and
#: Lewandowski``), who are no "it".
_PRONOUN_KINDS: dict[str, frozenset[str]] = {
    "it": frozenset({"org", "group"}), "they": frozenset({"org", "group", "people"}),
    "we": frozenset({"org", "group", "people"}),
}


def _root_subject(s: Span) -> Token | None:
    """The subject of the main verb of sentence ``s``."""
    return next((t for t in s if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)


def _document_subject_speaker(r: Resolver, subj: Token) -> Speaker | None:
    """The owner of the document ``subj`` names, as the speaker a later "it" is."""
    if subj.lower_ not in DOCUMENT_NOUNS and _lemma(subj) not in DOCUMENT_NOUNS:
        return None
    owner = _document_owner(r, subj)
    if not owner:
        return None
    kind = "person" if r.people.lookup(owner) is not None else "org"
    return Speaker(owner, "pronoun", round(CONFIDENCE["pronoun"] - 0.1, 2), ref=Referent(owner, kind))


def _cannot_be_it(subj: Token) -> bool:
    """Whether a subject is no "it": plural (``Two Americans were killed``), a person, or a
    personal pronoun."""
    return (subj.tag_ in ("NNS", "NNPS") or subj.ent_type_ == "PERSON"
            or subj.lower_ in PERSON_PRONOUNS | FIRST_PERSON | {"they", "them"})


def _document_two_back(r: Resolver, prev: Span) -> Speaker | None:
    """"The email ... was sent by Jeremy Bash. Two Americans were killed at each location. /
    "...," it reads.": when the sentence before has a subject that cannot be "it" (plural, a
    person), "it" still is the document the sentence before that was about, and speaks for its
    owner."""
    subj = _root_subject(prev)
    if subj is None or not _cannot_be_it(subj):
        return None
    earlier = _sentence_before(r, prev)
    subj = _root_subject(earlier) if earlier is not None else None
    return _document_subject_speaker(r, subj) if subj is not None else None


# Complexity 16 (radon): one branch per kind of subject (people named together, a place, a company taken for a person, an organization or plural), in priority order.
def _subject_group_speaker(r: Resolver, subj: Token, low: str) -> Speaker | None:
    """The organization or group (or, for "they"/"we", plural noun or people named together) the
    subject ``subj`` names."""
    # "Wilcox and Beruff, a Sarasota Republican, argued ...": named subjects coordinated are "they"
    # together, whatever the NER took each for (it tags a lone surname ORG as often as PERSON)
    if low != "it" and (subj.conjuncts or any(t.ent_type_ == "PERSON" for t in (subj, *subj.conjuncts))):
        people = _people_named_together(r, subj)
        if people is not None:
            return Speaker(people, "pronoun", round(CONFIDENCE["pronoun"] - 0.1, 2), ref=Referent(people, "people"))
    if subj.ent_type_ == "GPE":
        return None  # a country or a city is "it" as a place more than as a voice
    if low == "it" and _company_taken_for_a_person(r, subj):
        name = clean(subj.text)
        return Speaker(name, "pronoun", round(CONFIDENCE["pronoun"] - 0.1, 2), ref=Referent(name, "org"))
    if low != "it" or subj.ent_type_ in ("ORG",) or _lemma(subj) in ORG_NOUNS:
        if subj.ent_type_ in ("ORG", "NORP") or _lemma(subj) in ORG_NOUNS or (low == "they" and subj.tag_ in ("NNS", "NNPS")):
            name = _name_of(r, subj) if subj.ent_type_ else _np_text(subj)
            return Speaker(name, "pronoun", round(CONFIDENCE["pronoun"] - 0.1, 2), ref=Referent(name, "org"))
    return None


def _company_taken_for_a_person(r: Resolver, subj: Token) -> bool:
    """"Twitter said ... It added": a one-word name the NER took for a person, which no first
    name, honorific or full name in the article makes one, and which spoke in the sentence
    before, is the organization "it" refers to (a person is never "it")."""
    if subj.pos_ != "PROPN" or subj.ent_type_ not in ("PERSON", "") or not subj.is_title:
        return False
    if subj.head.lemma_ not in SPEECH_VERBS and subj.head.lower_ not in SPEECH_VERBS:
        return False  # only a source that spoke in the sentence before ("Twitter said")
    if any(c.dep_ in ("compound", "poss", "det") for c in subj.children) or subj.dep_ == "compound":
        return False
    if gender_of_first_name(subj.text) is not None or r.doc[max(0, subj.i - 1)].lower_.rstrip(".") in TITLE_PREFIXES:
        return False
    entry = r.people.lookup(subj.text)
    return entry is None or len(entry.name.split()) == 1


def _people_named_together(r: Resolver, subj: Token) -> str | None:
    """"Trump and Lewandowski said ... They had asserted": people coordinated as one subject are
    the "they" that follows, named as the article names each of them ("A and B")."""
    people = [subj, *subj.conjuncts]
    if len(people) < 2 or not all(t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN" for t in people):
        return None  # "Trump and his aides": not people the article names each of
    names = []
    for t in sorted(people, key=lambda t: t.i):
        # the whole printed name (its compounds: "Ana Ruiz", the NER may miss it), not its head alone
        start = min([t.i] + [c.i for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < t.i])
        entry = r.people.lookup(r.doc[start : t.i + 1].text)
        names.append(entry.name if entry is not None else clean(r.doc[start : t.i + 1].text) if start < t.i else _name_of(r, t))
    return ", ".join(names[:-1]) + " and " + names[-1]


def _earlier_subject_speaker(r: Resolver, head: Token, low: str) -> Speaker | None:
    """"Senate Democrats blocked the bill because they said", "his advisers say that ..., and
    they say": a plural or organization subject earlier in the pronoun's own sentence is who
    "they" are, before any sentence further back."""
    if low == "it":
        return None
    doc = head.doc
    if head.head.dep_ == "parataxis" or head.i > 0 and doc[head.i - 1].text in (",", "\u2014", "(", ":"):
        return None  # "The outreach, they said, raised worries": the subject before is the content's
    sent = head.sent
    for t in reversed(sent[: head.i - sent.start]):
        if not _main_subject(t):
            continue  # "Unless countries act, they say": a subordinate clause's subject is no speaker
        if t.head.i != head.head.i and not r.cast.quoted(t.idx):
            if t.lower_ in PERSON_PRONOUNS or t.lower_ in ORG_PRONOUNS or t.lower_ in FIRST_PERSON:
                return None  # "he told them they ...": a pronoun subject in between decides nothing here
            return _subject_group_speaker(r, t, low)
    return None


#: How many sentences without a word of the narrative :func:`_sentence_before` steps over.
_SKIPPED_SENTENCES = 3


def _sentence_before(r: Resolver, sent: Span) -> Span | None:
    """The sentence a reader takes as "the sentence before" ``sent``: the nearest one before it
    that has a word outside quotation marks. A sentence that is all quotation (``"A. B," it
    said``: "A." is the quote's own first sentence) or a stray mark the parser split off
    (``''Keep the tax,'' it recommended`` after ``the Business Council opposed an increase``)
    tells nothing about who "it" is."""
    doc = r.doc
    start = sent.start
    for _ in range(_SKIPPED_SENTENCES + 1):
        if start <= 0:
            return None
        prev = doc[start - 1].sent
        if any(t.is_alpha and not r.cast.quoted(t.idx) for t in prev):
            return prev
        start = prev.start
    return None


def _generic_they(head: Token) -> bool:
    """"As they say, ...": the idiom quotes common wisdom, not anyone the article names."""
    doc = head.doc
    return head.lower_ == "they" and head.i > 0 and doc[head.i - 1].lower_ == "as" and head.head.lemma_ == "say"


@rule
def group_pronoun(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """it/they/we: the organization or group in focus; a document in focus speaks for its owner
    (``The ad says ... it claims`` is whoever ran the ad). The group is looked for where a
    reader looks: a plural subject earlier in the same sentence, the subject of the sentence
    before, the source of the quote before, an organization that was a subject of one of the
    last sentences; an organization merely mentioned nearby is no antecedent (a wrong name is
    worse than none). ``We`` outside quotes is the article's own voice, the byline's author."""
    low = head.lower_
    if low not in ("it", "they", "we"):
        return None
    if _generic_they(head):
        return Speaker(None, "unresolved", 0.0)
    if low == "we":
        author = byline_person(r.author)
        if author:
            return Speaker(author, "pronoun", round(CONFIDENCE["pronoun"] - 0.1, 2), ref=Referent(author, "person"))
    doc = r.doc
    sent = span.sent
    sp = _earlier_subject_speaker(r, head, low)
    if sp is not None:
        return sp
    prev = _sentence_before(r, sent)
    # the subject of the sentence before, if it is a thing that can speak
    if prev is not None:
        sp = _previous_subject_speaker(r, span, low, prev)
        if sp is not None:
            return sp
        owner = _written_in(r, prev) if low == "it" else None
        if owner is not None:
            kind = "person" if r.people.lookup(owner) is not None else "org"
            return Speaker(owner, "pronoun", round(CONFIDENCE["pronoun"] - 0.1, 2), ref=Referent(owner, kind))
        sp = _document_two_back(r, prev) if low == "it" else None
        if sp is not None:
            return sp
    if r.last is not None and r.last[1].kind in _PRONOUN_KINDS[low] and span.start_char - r.last[0] < 1500:
        ref = r.last[1]
        return Speaker(ref.name, "pronoun", CONFIDENCE["pronoun"], ref=ref)
    places = r.places
    hit = r.focus(span.start_char, sent.start, lambda ref: ref.kind in ("org",) and ref.name not in places, window=800)
    if hit is not None and hit[1] <= 1:
        ref, rank = hit
        return Speaker(ref.name, "pronoun", round(CONFIDENCE["pronoun"] - 0.1 - 0.1 * rank, 2), ref=ref)
    return None


@rule
def organization_description(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """``the newspaper``, ``the party``, ``the group``: a definite description of an organization
    is the organization the story is about at that point (the organization subject of a sentence
    just before, else the one named last), as ``it`` would be. ``the editorial board`` writes
    for the outlet in focus (``The Journal notes ... the editorial board writes``)."""
    described = _organization_described(r, span, head)
    if described is None:
        return None
    kind_of, trade = described
    places = r.places

    def fits(ref: Referent) -> bool:
        if ref.kind == "person" and not _organization_taken_for_a_person(r, ref):
            return False
        return ref.kind in ("org", "person") and ref.name not in places and org_fits(kind_of, ref.name, trade)

    hit = r.focus(span.start_char, sentence_start(span), fits, window=1000)
    if hit is None:
        return _campaign_in_focus(r, span) if kind_of == "campaign" else None
    ref, rank = hit
    return Speaker(ref.name, "description", round(CONFIDENCE["description"] - 0.1 - 0.1 * rank, 2), ref=ref)


def _organization_described(r: Resolver, span: Span, head: Token) -> tuple[str, set[str]] | None:
    """The kind of organization a definite description names (its noun; ``the editorial board``
    is the board of an outlet, which speaks as the paper) and its trade words, or None when the
    mention names the organization itself (``the Clinton campaign``, ``the party of Lincoln``)."""
    if _lemma(head) not in ORG_NOUNS or head.tag_ in ("NNS", "NNPS") or r.doc[span.start].lower_ != "the":
        return None
    editorial = _lemma(head) == "board" and any(c.lower_ == "editorial" for c in head.children)
    for c in head.children:
        if c.dep_ in ("poss", "prep") or c.dep_ == "compound" and not _trade_word(c) and c.lower_ != "editorial":
            return None
    trade = {c.lower_ for c in head.subtree if c.i < head.i and _trade_word(c)}
    return ("newspaper" if editorial else _lemma(head)), trade


def _trade_word(tok: Token) -> bool:
    """A lower-case common noun before an organization noun that says what line it is in
    (``the social media company``, ``the drug company``, ``the budget office``), not a name
    (``the Clinton campaign``): news copy calls an organization by its trade after naming it."""
    return tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.is_lower and not tok.ent_type_


def _organization_taken_for_a_person(r: Resolver, ref: Referent) -> bool:
    """``Twitter said ... The company said``: a one-word name the NER took for a person is an
    organization a description can mean when nothing in the article makes it a person: no
    gender (no honorific, first name or he/she after it), no full name of the article's people
    it is part of, no first name of the lexicon."""
    if ref.gender is not None or ref.entry is None or len(ref.name.split()) != 1:
        return False
    low = ref.name.lower()
    if r.cast.fuller(ref.entry) is not ref.entry or r.cast.by_first_name(low) is not None:
        return False  # "Clinton", "Bernie": part of a person's full name
    return gender_of_first_name(ref.name) is None and low not in r.cast._one_by_surname


#: A campaign printed after its candidate: ``the Clinton campaign``, ``Sanders's presidential campaign``.
_NAMED_CAMPAIGN = re.compile(
    r"\b([A-Z][\w.\u2019'-]*?)(?:['\u2019]s?)?\s+(?:(?:presidential|primary|reelection|re-election|Senate)\s+)?campaign\b"
)
#: Words printed with a person that make them a candidate (``nominee``, ``hopeful`` compare as
#: ``candidate``: :data:`DESCRIPTION_SYNONYMS`).
_CANDIDATE_WORDS = frozenset({"candidate", "frontrunner"})


def _campaign_in_focus(r: Resolver, span: Span) -> Speaker | None:
    """``the campaign`` with no campaign organization in focus: the campaign of the candidate in
    focus (the previous speaker or a sentence subject, as a reader takes ``Clinton plans to call
    for ..., the campaign told USA TODAY``), named after them. A candidate is someone whose
    campaign the article names or whom it calls a candidate, nominee or front-runner; anyone
    else in focus (an adviser, a voter) has no campaign to speak for them."""
    names = r.campaigners()

    def runs(ref: Referent) -> bool:
        return ref.kind == "person" and ref.entry is not None and (ref.name in names or bool(ref.words & _CANDIDATE_WORDS))

    hit = r.focus(span.start_char, sentence_start(span), runs)
    if hit is None or hit[1] > 1:
        return None
    name = f"the {hit[0].name} campaign"
    return Speaker(name, "description", round(CONFIDENCE["description"] - 0.2, 2), ref=Referent(name, "org"))


def org_fits(noun: str, name: str, trade: Collection[str] = ()) -> bool:
    """Whether an organization's name fits a description headed by ``noun``: ``the newspaper``
    is an outlet (``the Orlando Sentinel``), ``the court`` a court, ``the department`` a government
    body (:data:`ORG_DESCRIPTION_KINDS`); ``the company``, ``the group`` are any organization whose
    name shows no kind of its own (not ``the State Department``, ``New York University``). The
    ``trade`` words before a noun of a kind (``the budget office``) must be in the name too (the
    Congressional Budget Office, not the State Department); before ``the company`` or ``the
    group`` (``the social media company``) they are the article's word for its line of business."""
    if trade and name == name.lower():
        return False  # "the rights group" is no organization the NER found in lower case ("state")
    words = set(re.findall(r"[a-z0-9]+", name.lower().replace("\u2019s", "").replace("'s", "")))
    kinds = ORG_DESCRIPTION_KINDS.get(noun)
    if kinds is not None:
        if not set(trade) <= words:
            return False
        return bool(words & kinds)
    if noun in ("group", "organization", "organisation") and words & GROUP_NAME_WORDS:
        return not words & (ORG_KIND_WORDS - GROUP_NAME_WORDS)  # a foundation is a group, a court is not
    return not words & ORG_KIND_WORDS


@rule
def possessive_organization(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """``Clinton's campaign``, ``the Bush administration``: the organization, named after the
    article's person (``the Hillary Clinton campaign``), not the person."""
    if _lemma(head) not in ORG_NOUNS and head.lower_ not in ORG_NOUNS:
        return None
    owner = next((t for t in head.children if t.dep_ in ("poss", "compound") and t.ent_type_ == "PERSON"), None)
    if owner is None:
        return None
    entry = r.cast.person_named(owner.text.removesuffix("'s").removesuffix("\u2019s"), span.start_char)
    who = entry.name if entry is not None else clean(owner.text).removesuffix("'s").removesuffix("\u2019s")
    name = f"the {who} {head.text.lower()}"
    return Speaker(name, "article", CONFIDENCE["description"], ref=Referent(name, "org"))


@rule
def document_owner(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """A document speaking (``The ad says``, ``his statement said``) is its owner's speech, as
    news annotation credits the publisher: the possessor, the author after ``by``, or the
    owner of the last such document the article mentions."""
    if _lemma(head) not in DOCUMENT_NOUNS | RESULT_NOUNS and head.lower_ not in DOCUMENT_NOUNS:
        return None
    poss = next((t for t in head.children if t.dep_ == "poss"), None)
    if poss is not None and poss.lower_ in PERSON_PRONOUNS | {"his", "her", "its", "their"}:
        g = "m" if poss.lower_ == "his" else "f" if poss.lower_ == "her" else None
        want = (lambda ref: ref.kind == "person" and ref.gender in (g, None)) if g else (lambda ref: ref.kind in ("org", "person"))
        hit = r.focus(span.start_char, sentence_start(span), want)
        if hit is not None:
            ref = hit[0]
            if ref.entry is not None:
                sp = r.person_speaker(ref.entry, "pronoun")
                sp.confidence = CONFIDENCE["pronoun"] - 0.1
                return sp
            return Speaker(ref.name, "pronoun", CONFIDENCE["pronoun"] - 0.1, ref=ref)
        return None
    owner = _document_owner(r, head)
    if owner is None:
        return None
    return Speaker(owner, "description", CONFIDENCE["description"] - 0.1, ref=Referent(owner, "person"))


_PARTY_WORDS = frozenset({"republican", "democrat", "independent", "libertarian"})
_STATE_WORDS = frozenset(_STATES.values())


def _conflict(a: set[str], b: set[str], kind: frozenset[str]) -> bool:
    """Both sets name a party (or a state), and not the same one."""
    x, y = a & kind, b & kind
    return bool(x and y and not x & y)


def _description_words(span: Span, head: Token) -> set[str]:
    """The words of a description up to its head, without the article, in comparison form; a
    hyphenated word stays one (``front-runner``, not ``front``, ``-``, ``runner``), and a party's
    name in lower case is no party (``the democratic socialist`` may be an independent)."""
    text = "".join(t.text_with_ws if not (t.is_lower and _norm(t.text) in _PARTY_WORDS) else " " * len(t.text_with_ws)
                   for t in span if t.i <= head.i and t.dep_ != "det")
    return words_of(text)


def _identifying_words(span: Span, head: Token) -> set[str]:
    """The words of a description that pick out whom it means rather than what kind of person
    they are: names, nationalities, parties and states before the head (``the Florida senator``,
    ``the Democratic candidate``) and the names after it (``a spokeswoman for Janney``, ``an
    adviser to both Clintons``). A description fits only a person the article ties to all of them."""
    out: set[str] = set()
    for t in span:
        if t.i == head.i or t.is_punct or t.dep_ == "det":
            continue
        if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            out |= {w.rstrip("s") if t.tag_ == "NNPS" else w for w in words_of(t.text)}
    return out


def _fits(words: set[str], ident: set[str], ref: Referent, known: set[str] | None = None) -> bool:
    """Whether a referent's printed words (or ``known``: those and more) fit a description's: no
    other party or state, every identifying word, and no office of the same name with a prefix
    the description lacks (a vice president is not ``the president``)."""
    have = ref.words if known is None else known
    if _conflict(words, have, _PARTY_WORDS) or not (words & _STATE_WORDS) <= have:
        return False  # "the Florida senator" is a senator the article ties to Florida
    if not ident <= have | ref.bodies:
        return False
    return not (have & OFFICE_PREFIXES) - words


def _in_office(ref: Referent, nouns: Iterable[str], former: bool) -> bool:
    """Whether the gazetteer's record of a person's offices at the article's date allows a
    description's head: "the former president" is no one in office then (Obama in 2016), and
    "the governor" no one who had left that office by then and holds none of its name (Jeb Bush
    in 2016, ``the governor`` being Chris Christie). Anyone the gazetteer does not know passes."""
    if not ref.known:
        return True
    if former:
        return not any(n in ref.holds for n in nouns)
    return not any(n in ref.formerly and n not in ref.holds for n in nouns)


def _words_known(ref: Referent, nouns: Iterable[str], former: bool) -> set[str]:
    """A person's words for a description: printed and offices held; for a "former" description
    of an office they had left, those words too, as if printed with "former"."""
    if former and any(n in ref.formerly for n in nouns):
        return ref.words | ref.formerly | {"former"}
    return ref.words


def _described(cast: Cast, span: Span, head: Token, pos: int) -> tuple[int, Referent] | None:
    """The article's person whose printed descriptions hold the head of ``span`` and all but one
    of its words, and every identifying word (:func:`_identifying_words`), with the best score,
    then the one mentioned last before ``pos`` (:meth:`Cast.recency`). Only the people described
    by the head are read (:meth:`Cast.described_by`). The offices the gazetteer records for a
    person at the article's date count as printed, those they had left only for a "former"
    description, and neither against the record (:func:`_in_office`)."""
    words = _description_words(span, head)
    ident = _identifying_words(span, head)
    gender = gender_of_word(head.lower_)
    best: tuple[int, Referent] | None = None
    best_key: tuple[int, int, tuple[int, int]] | None = None
    nouns = dict.fromkeys((_norm(head.text), _norm(_head_word(head))))
    former = "former" in words
    for ref in (ref for noun in nouns for ref in cast.described_by(noun, former)):
        if gender and ref.gender not in (gender, None) or not _in_office(ref, nouns, former):
            continue
        have = _words_known(ref, nouns, former)
        if not _fits(words, ident, ref, have):
            continue
        score = len(words & have)
        if score < max(1, len(words) - 1):
            continue
        key = (score, *cast.recency(ref, pos))
        if best_key is None or key > best_key:
            best, best_key = (score, ref), key
    return best


def _may_describe_person(r: Resolver, head: Token, kind: str) -> bool:
    """Whether a mention headed by ``head`` can be a description of one person: not a pronoun, not
    a plural ("more Republicans"), and headed by a person noun or role word."""
    if kind == "pronoun" or kind == "person" and not _describes_someone_else(head):
        return False
    if head.tag_ in ("NNS", "NNPS"):
        return False  # "more Republicans" are not one person
    low = head.lower_
    if _norm(_head_word(head)) in PERSON_NOUNS:
        return True  # "the GOP front-runner": the parser splits the hyphenated noun
    return not (low not in PERSON_NOUNS and not is_role_word(head, r.title_words) and _norm(low) not in PERSON_NOUNS)


def _head_word(head: Token) -> str:
    """The hyphenated word that ends with ``head`` (``front-runner``, ``46-year-old``: the parser
    makes tokens of its parts), lower-cased; the head itself when it ends none."""
    doc = head.doc
    i = head.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    return doc[i : head.i + 1].text.lower()


def _place_after(head: Token) -> bool:
    """``the senator from Vermont``: a place after the noun (from/of + a state or country) says
    which one, as a modifier before it would (``the Vermont senator``)."""
    return any(c.dep_ == "prep" and c.lower_ in ("from", "of") and any(
        o.dep_ == "pobj" and o.ent_type_ in ("GPE", "NORP") for o in c.children) for c in head.children)


def _described_speaker(r: Resolver, score: float, ref: Referent) -> Speaker:
    """The speaker for the referent a description matched; a weak match is less sure."""
    conf = CONFIDENCE["description"] if score >= 2 else CONFIDENCE["description"] - 0.1
    if ref.entry is not None:
        sp = r.person_speaker(ref.entry, "description")
        sp.confidence = conf
        return sp
    return Speaker(ref.name, "description", conf, ref=ref)


def _blocks_focus(r: Resolver, span: Span, head: Token) -> bool:
    """Whether a definite description says more than the kind of person it means, so that the
    person in focus is no safe reading: a possessor or complement (``the deputy head of China's
    delegation``, ``the intelligence community's inspector general``), another person's name
    (``the senior Cruz adviser`` is not Cruz), a word that points elsewhere (``the other
    candidate``, ``the last man to ...``), or a name right after it (``the ambassador, John
    Herbst``)."""
    if any(c.dep_ in ("poss",) for c in head.children):
        return True
    if any(t.dep_ == "case" and t.i > head.i for t in span):
        return True  # the description owns what follows: "the California secretary of state's website"
    for t in span:
        if t.i >= head.i:
            break
        if t.lower_ in FOCUS_BLOCKERS or t.ent_type_ == "PERSON":
            return True
        if t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP", "LOC", "ORG"):
            entry = r.people.lookup(t.text)
            if entry is not None and entry.name.split()[-1] == t.text:
                return True  # a surname of the article's people: someone else's adviser
    return _name_after(r, span) is not None


def _description_in_focus(r: Resolver, span: Span, head: Token, pos: int) -> Speaker | None:
    """``The Dutch politician``: a definite description of a kind of person is the named person
    in focus, as a reader takes it, when it is modified (``the Dutch politician``) or its noun
    characterizes a known person rather than introduces a source (``the businessman``, not
    ``the official``: :data:`CHARACTER_NOUNS`); it must not say more than the kind of person
    (:func:`_blocks_focus`) nor name another party than the person's."""
    first = r.doc[span.start]
    if first.lower_ not in ("the", "this") or first.dep_ == "poss" or _blocks_focus(r, span, head):
        return None
    modified = any(t.dep_ in ("amod", "compound", "nummod", "npadvmod") and t.i < head.i for t in head.children)
    modified = modified or _place_after(head)
    unique = _norm(_head_word(head)) in UNIQUE_STANDINGS
    if not modified and _norm(head.lower_) not in CHARACTER_NOUNS and head.lower_ not in CHARACTER_NOUNS:
        return None
    gender = gender_of_word(head.lower_)
    words = _description_words(span, head)
    # an organization's name in it ("the NATO secretary-general") must be printed with the person;
    # a nationality or a place ("the Dutch politician") may be new
    named = {w for t in span if t.i < head.i and t.dep_ != "det" and (
        t.ent_type_ == "ORG" or t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON")) for w in words_of(t.text)
    } - _PARTY_WORDS - _STATE_WORDS  # "the GOP candidate" names a party, checked below

    former = "former" in words

    def want(ref: Referent) -> bool:
        if ref.kind != "person" or ref.entry is None or gender is not None and ref.gender not in (gender, None):
            return False
        if ref.gender is None and len(ref.name.split()) < 2:
            return False  # "Clinton told Fox": one word the article never makes a person (no full name, no gender)
        if not named <= ref.words:
            return False
        if _conflict(words, ref.words, _PARTY_WORDS):
            return False  # "the Democratic front-runner" is not the Republican in focus
        if unique and not (words & _PARTY_WORDS & ref.words and words_of(_head_word(head)) <= ref.words):
            return False  # "the GOP front-runner" is one person: the article must call the one in focus so, of that party
        return not (ref.words & OFFICE_PREFIXES) - words

    hit = r.focus(pos, sentence_start(span), want)
    if hit is None or not _focus_reads(r, span, head, hit, former):
        return None
    ref = hit[0]
    assert ref.entry is not None
    sp = r.person_speaker(ref.entry, "description")
    sp.confidence = round(CONFIDENCE["description"] - 0.2 - 0.1 * (hit[1] == 2), 2)
    return sp


def _focus_reads(r: Resolver, span: Span, head: Token, hit: tuple[Referent, int], former: bool) -> bool:
    """Whether the person in focus (``hit``: the referent and its salience rank) is a reading of the
    description: an office the gazetteer records for them (:func:`_office_on_record`), and, for
    the nearest person (rank 2), no one else a subject near it nor a nationality never tied to them."""
    ref, rank = hit
    if not _office_on_record(ref, _norm(_head_word(head)), former):
        return False  # "the former president" is not Jeb Bush in focus, whom the gazetteer knows as a governor
    pos, sent = span.start_char, sentence_start(span)
    if rank == 2 and _other_subject_near(r, pos, sent, ref):
        return False  # "Carly Fiorina said ... the former CEO": the nearest name is not whom the story is on
    if rank == 2 and _nationality_words(span, head) - ref.words:
        return False  # "speaking highly of Mr. Trump ... the Russian leader said": the nearest name is no Russian
    return rank <= FOCUS_RANK


def _sole_candidate(r: Resolver, span: Span, head: Token) -> Speaker | None:
    """``the Democratic front-runner``: a standing one candidate of a party holds (:data:`UNIQUE_STANDINGS`)
    is the one person named before it whom the gazetteer records as that party's candidate at the
    article's date, when the article names only one; with two (Clinton and Sanders) it is left as
    written, since who leads is the copy's judgment, not a record."""
    if _norm(_head_word(head)) not in UNIQUE_STANDINGS or r.doc[span.start].lower_ not in ("the", "this"):
        return None
    party = _description_words(span, head) & _PARTY_WORDS
    if len(party) != 1:
        return None
    found = {s.ref.name: s.ref for s in r.cast.nearest_before(span.start_char, span.start_char)
             if s.ref.known and s.ref.entry is not None and "candidate" in s.ref.holds and party <= s.ref.bodies}
    if len(found) != 1:
        return None
    ref = next(iter(found.values()))
    assert ref.entry is not None
    sp = r.person_speaker(ref.entry, "description")
    sp.confidence = round(CONFIDENCE["description"] - 0.2, 2)
    return sp


def _office_on_record(ref: Referent, office: str, former: bool) -> bool:
    """Whether a person in focus may be a description headed by ``office``: anyone the gazetteer
    does not know; someone it knows only when its record allows the time (:func:`_in_office`)
    and, for an office it records for the people who hold it (:data:`OFFICES_ON_RECORD`: ``the
    former president``, ``the attorney general``), records it for them or the article prints it."""
    if not ref.known:
        return True
    if not _in_office(ref, (office,), former):
        return False
    return office not in OFFICES_ON_RECORD or office in ref.words or former and office in ref.formerly


def _nationality_words(span: Span, head: Token) -> set[str]:
    """The nationalities and religions a description gives its person (``the Russian leader``,
    ``The Christian leader``; parties are compared apart, by :func:`_conflict`)."""
    return {w for t in span if t.i < head.i and t.ent_type_ == "NORP" for w in words_of(t.text)} - _PARTY_WORDS


def _other_subject_near(r: Resolver, pos: int, sent: int, ref: Referent) -> bool:
    """Whether something other than ``ref`` (a person, or a name the NER took for an organization)
    is a main subject of this sentence or the one before ``pos``: then the nearest person, who is
    no subject, is not whom a description means."""
    sents = set(r._previous_sentences(sent, 1))
    return any(s.subject and s.sent in sents and s.ref is not ref and s.ref.name != ref.name and s.ref.kind in ("person", "org")
               for s in r.cast.before(pos))


#: How far down the salience order (:meth:`Resolver.focus`: previous speaker 0, sentence subject 1,
#: nearest person 2) a description in focus may reach. The nearest person (``comments Clinton made
#: ... The former secretary of state mocked``) changed no training article and gained on dev.
FOCUS_RANK = 2


def _introduced_after(r: Resolver, span: Span, head: Token) -> Speaker | None:
    """``A top Donald Trump adviser says ...`` followed by ``Ed Brookover spoke to reporters``:
    live-blog copy opens an entry with an indefinite or possessive description and opens the
    next paragraph with the person's name as subject, where the article first mentions them. The
    person must be new there (a person named before is not being introduced) and agree in gender."""
    if r.doc[span.start].lower_ in ("the", "this", "that"):
        return None
    cast = r.cast
    gender = gender_of_word(head.lower_)
    end = span.end_char
    text = r.text
    for k in range(bisect_left(cast.seen, end, key=lambda s: s.pos), len(cast.seen)):
        s = cast.seen[k]
        if s.pos > end + 400 or text.count("\n\n", end, s.pos) > 1:
            return None
        if s.ref.kind != "person":
            continue
        if not s.subject or s.ref.entry is None or text.rfind("\n", end, s.pos + 1) != s.pos - 1:
            return None  # the person opens the next paragraph
        if cast.first_mention(s.ref) != s.pos or gender and s.ref.gender not in (gender, None):
            return None
        sp = r.person_speaker(s.ref.entry, "description")
        sp.confidence = CONFIDENCE["description"] - 0.2
        return sp
    return None


@rule
def description(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """``the Florida senator``, ``the GOP nominee``, ``the judge``: the person whose printed roles
    and descriptions hold the description's head and most of its words; failing that, a definite
    description of a kind of person with a modifier (``The Dutch politician``) is the person in
    focus, as a reader takes it."""
    aged = _aged(r, span, head) if kind != "pronoun" else None
    if aged is not None:
        return aged
    if not _may_describe_person(r, head, kind):
        return None
    if r.doc[span.start].lower_ == "one" and r.doc[span.start].dep_ == "nummod":
        return None  # "One pastor supporting Mr. Cruz, Darran Whiting, said": one of several, a new source
    pos = span.start_char
    sp = _printed_description(r, span, head, role)
    if sp is not None:
        return sp
    sp = _description_in_focus(r, span, head, pos) or _introduced_after(r, span, head) or _sole_candidate(r, span, head)
    if sp is not None:
        return sp
    # a title the article fills for no one: the gazetteer's holder at the article's date
    title = role or clean(span.text)
    person = r._gazetteer_title(title)
    if person is not None:
        return Speaker(person.name, "gazetteer-title", CONFIDENCE["gazetteer-title"], person=person,
                       ref=Referent(person.name, "person"))
    return None


def _in_apposition(head: Token) -> bool:
    """Whether a description is an apposition, or coordinated with one (``Lionel Sosa, a Texas
    media consultant and an influential Hispanic Republican``)."""
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return head.dep_ == "appos"


def _printed_description(r: Resolver, span: Span, head: Token, role: str | None) -> Speaker | None:
    """The person whose printed descriptions a description fits (:func:`_described`; a role of a
    paragraph left unparsed as a fallback). Not for an indefinite description: ``a Democratic
    strategist who spoke on the condition of anonymity``, ``a Treasury official``, ``a school
    spokesman`` introduce a source of their own, whom the copy does not name, not the strategist,
    former official or ministry spokesman it named elsewhere; a source named after an indefinite
    is left to the apposition and next-paragraph rules. An indefinite in apposition to a name
    (``Harold Doley, a banker ... who``) still describes it."""
    if r.doc[span.start].lower_ in ("a", "an") and not _in_apposition(head):
        return None  # "Harold Doley, a banker ... who has suggested": an apposition describes the name
    best = _described(r.cast, span, head, span.start_char)
    if best is not None:
        return _described_speaker(r, best[0], best[1])
    # a person's old role printed with the old resolver (roles of unparsed paragraphs)
    entry = r.people.by_role(role or clean(span.text), span.start_char) if (role or span.text) else None
    if entry is not None and _fits(_description_words(span, head),
                                   _identifying_words(span, head), r.cast.referent(entry)):
        return r.person_speaker(entry, "description")
    return None


_AGE = re.compile(r"(\d{1,3})-year-old")


def _aged(r: Resolver, span: Span, head: Token) -> Speaker | None:
    """``the 46-year-old``: news copy prints a person's age once after the name (``Ana Ruiz, 46,``)
    and later calls them by it; the person printed with that age, when only one is. An age
    printed with no one is left as written: the person in focus is often someone else (the
    previous speaker, while the copy has moved on to a person it describes)."""
    m = _AGE.fullmatch(_head_word(head))
    if m is None or r.doc[span.start].lower_ != "the" or span.end - head.i > 1 or head.i - span.start > 6:
        return None
    aged = {entry.name: entry for entry in (
        r.cast.person_named(p.group(1), p.start())
        for p in re.finditer(r"\b([A-Z][\w\u2019'-]+),\s+" + m.group(1) + r"\s*,", r.text)) if entry is not None}
    if len(aged) == 1:
        sp = r.person_speaker(next(iter(aged.values())), "description")
        sp.confidence = CONFIDENCE["description"]
        return sp
    return None


def _proper_name_in_article(r: Resolver, printed: str, span: Span) -> Speaker | None:
    """The article's person a proper name printed without its title names (by surname, full
    name, or a full name printed before it that the NER missed), or the mention kept as printed
    when what is left after the title names no one; None to look further."""
    words = printed.split()
    entry = r.cast.person_named(words[-1], span.start_char) if len(words) == 1 else r.people.lookup(printed)
    if entry is not None:
        return r.person_speaker(entry, "article")
    name = clean(printed)
    if not any(w[:1].isupper() for w in name.split()):
        # "Sirius XM Vice President for news": what is left after the title names no one
        return Speaker(clean(span.text), "unresolved", CONFIDENCE["unresolved"])
    full = r.cast.full_name_printed(name, span.start_char) if len(name.split()) == 1 else None
    if full is not None:  # "Reyes" after "Amanda Reyes", a name the NER missed
        return Speaker(full, "article", CONFIDENCE["article"], ref=Referent(full, "person", gender_of_first_name(full)))
    return None


@rule
def proper_name(r: Resolver, span: Span, head: Token, kind: str, role: str | None) -> Speaker | None:
    """A surname the NER missed (``Stoltenberg added``) names the article's person, or a person
    the gazetteer knows (``Bayramov said``); an organization's name stands as printed."""
    if not (head.pos_ == "PROPN" or head.is_title and len(span) == 1) or kind not in ("other", "group", "role"):
        return None
    printed = split_title(span, r.title_words)[1]
    sp = _proper_name_in_article(r, printed, span)
    if sp is not None:
        return sp
    name = clean(printed)
    titled = name != clean(span.text)  # "Mayor Ana Petrova" (the NER took her for a place)
    if head.ent_type_ in ("ORG", "NORP", "GPE") and not titled:
        name = clean(span.text)
        return Speaker(name, "mention", CONFIDENCE["mention"], ref=Referent(name, "org"))
    match = r._gazetteer_match(name, role, _span_honorific(span))
    if match is not None:
        return Speaker(match.person.name, match.evidence, CONFIDENCE[match.evidence], person=match.person,
                       ref=Referent(match.person.name, "person"))
    multi = len(name.split()) > 1
    return Speaker(name, "mention" if multi else "unresolved", CONFIDENCE["mention" if multi else "unresolved"],
                   ref=Referent(name, "person", gender_of_first_name(name) if multi else None) if titled or multi else None)
