"""Speaker mentions: the noun phrase next to the cue, what kind of expression it is, and the role
printed with it.

News copy names a speaker in full once, with a title (``NATO Secretary-General Jens Stoltenberg``),
then by surname (``Stoltenberg added``), pronoun (``he said``) or role noun (``the minister
said``). This module finds that mention; :mod:`quotes.attribution.people` says who it refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.first_names import FEMININE, MASCULINE
from quotes.lexicon import (
    DOUBLE_MARK_TOKENS,
    GROUP_PRONOUNS,
    NAME_HONORIFICS,
    NOT_POLL_USES,
    NOT_POLLSTER_WORDS,
    ORG_NAME_WORDS,
    PARTY_TAG_BODY,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    ROLE_WORDS,
    TIME_NOUNS,
)

__all__ = [
    "GROUP_LABELS", "NameHint", "PERSON_PRONOUNS", "RELATIVE_PRONOUNS", "ROLE_WORDS", "Mention", "apposition_role", "clean",
    "is_role_word", "mention_for", "name_hints", "org_hints", "poll_hints", "printed_pollster", "printed_title", "role_in_mention", "split_title",
]

GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})

_SPACE_RE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Collapse whitespace (mentions can break across lines)."""
    return _SPACE_RE.sub(" ", text).strip()


@dataclass(slots=True)
class Mention:
    """A speaker mention: token range in the doc, what kind of expression it is."""

    start: int
    end: int
    kind: str  # "person", "pronoun", "role", "group", "other"
    head: int

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def split_title(ent: Span, title_words: frozenset[str] = frozenset()) -> tuple[str | None, str]:
    """(title, name) of a PERSON entity that took the title in (``Mayor Ana Petrova``,
    ``Defense Minister Anna Kowalski``): everything up to its last title word is the title."""
    toks = list(ent)
    last = max((k for k, t in enumerate(toks[:-1]) if is_role_word(t, title_words) or t.lower_ in NAME_HONORIFICS), default=-1)
    if last < 0:
        return None, ent.text
    title = " ".join(t.text for t in toks[: last + 1] if t.lower_ not in NAME_HONORIFICS) or None
    return title, ent.doc[toks[last + 1].i : ent.end].text


def is_role_word(tok: Token, extra: frozenset[str] = frozenset()) -> bool:
    low = tok.lower_
    return low in ROLE_WORDS or low in extra or low.split("-")[-1] in ROLE_WORDS


def mention_for(head: Token) -> Mention:
    """The mention around a speaker's head token: its noun phrase without relative clauses,
    appositions and trailing punctuation (``Javier Colomina``, ``the NATO secretary-general``)."""
    doc = head.doc
    s, e = _phrase_around(head)
    # a parse that runs the subject into the quote before it ('"... human being," screenwriter
    # Cole Haddon wrote') stops at the quotation mark: a mention is never quoted words
    s = next((k + 1 for k in range(head.i - 1, s - 1, -1) if doc[k].text in DOUBLE_MARK_TOKENS), s)
    e = next((k for k in range(head.i + 1, e) if doc[k].text in DOUBLE_MARK_TOKENS), e)
    s, e = _trim_edges(doc, s, e)
    # A person's name extends to the whole entity (NER may take "Jens" as a compound).
    ent = _entity_at(head) if head.ent_type_ == "PERSON" else None
    if ent is not None:
        s, e = min(s, ent[0]), max(e, ent[1])
        while s < e - 1 and (doc[s].is_punct or doc[s].lower_ in _CLITICS):
            s += 1  # the NER takes in the clitic of "Here's Clinton"
    e = _with_age(doc, e)
    if s > 0 and doc[s - 1].dep_ == "det" and doc[s - 1].head.i >= e:
        s -= 1  # "the two write": the parser hung the article on the verb it took for a noun
    tagged = _name_of_party_tag(doc, s, e)
    if tagged is not None:
        return tagged
    return Mention(s, e, _kind_of(doc[s:e], head), head.i)


_PARTY_TAG_BODY = re.compile(PARTY_TAG_BODY)


def _name_of_party_tag(doc: Doc, s: int, e: int) -> Mention | None:
    """"Sen. David Perdue (R-Ga.) said": the parser may take the tag for the subject; the
    mention is the name with its title and tag (``Sen. David Perdue (R-Ga.)``), headed by the name."""
    if s < 2 or doc[s - 1].text != "(" or not _PARTY_TAG_BODY.fullmatch(doc[s:e].text):
        return None
    name = doc[s - 2]
    ent = _entity_at(name) if name.ent_type_ == "PERSON" else None
    if ent is None or ent[1] != s - 1:
        return None
    ns, _ = _phrase_around(name)
    ns = min(ns, ent[0])
    while ns < ent[0] and (doc[ns].is_punct or doc[ns].is_space):
        ns += 1
    ne = e + 1 if e < len(doc) and doc[e].text == ")" else e
    return Mention(ns, ne, _kind_of(doc[ns:ne], name), name.i)


_CLITICS = ("'s", "\u2019s")


def _trim_edges(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """[s, e) without punctuation and space at its edges, nor the clitic of the word before
    ("Here's Clinton") or of the verb after ("He's said"; a possessive 's stays)."""
    while s < e - 1 and (doc[s].is_punct or doc[s].is_space or doc[s].lower_ in _CLITICS):
        s += 1
    while e - 1 > s and (doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].lower_ in _CLITICS and doc[e - 1].tag_ != "POS"):
        e -= 1
    return s, e


def _phrase_around(head: Token) -> tuple[int, int]:
    """The contiguous run of ``head``'s subtree around it, without what follows it as a relative
    clause, apposition, modifier clause, punctuation, conjunction or coordinated non-noun."""
    drop: set[int] = set()
    for child in head.children:
        if child.i < head.i:
            continue
        if child.dep_ in ("relcl", "appos", "acl", "advcl", "punct", "cc") or (
            child.dep_ == "conj" and child.pos_ not in ("PROPN", "NOUN", "PRON")
        ) or _when(child):
            drop |= {t.i for t in child.subtree}
    keep = {t.i for t in head.subtree} - drop
    s = e = head.i
    while s - 1 in keep:
        s -= 1
    while e + 1 in keep:
        e += 1
    return s, e + 1


def _when(child: Token) -> bool:
    """A prepositional phrase of time after the speaker ("Trump at the time said", "the mayor on
    Monday said"): it dates the saying and is not part of who speaks."""
    if child.dep_ != "prep":
        return False
    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.lower_ in TIME_NOUNS or obj.ent_type_ in ("DATE", "TIME"))


def _with_age(doc: Doc, e: int) -> int:
    """"the 62-year-old": the tokenizer splits the age; the mention ends after "old"."""
    if not doc[e - 1].lower_.endswith("year"):
        return e
    if e < len(doc) and doc[e].lower_ in ("-old", "old"):
        return e + 1
    if e + 1 < len(doc) and doc[e].text == "-" and doc[e + 1].lower_ == "old":
        return e + 2
    return e


def _entity_at(tok: Token) -> tuple[int, int] | None:
    """Token range of the entity ``tok`` is part of, read from the IOB tags around it (asking
    ``doc.ents`` for it at every quote made long articles quadratic in their names)."""
    if not tok.ent_iob_ or tok.ent_iob_ == "O":
        return None
    doc = tok.doc
    s = tok.i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = tok.i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return s, e


def _kind_of(span: Span, head: Token) -> str:
    low = head.lower_
    if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS or low in ("i", "you"):
        return "pronoun"
    if head.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in span):
        return "person"
    if is_role_word(head):
        return "role"
    if head.ent_type_ in GROUP_LABELS or head.tag_ in ("NNS", "NNPS"):
        return "group"
    return "other"


def role_in_mention(span: Span, title_words: frozenset[str] = frozenset()) -> str | None:
    """The title printed before a name in the same phrase (``NATO Secretary-General`` in
    ``NATO Secretary-General Jens Stoltenberg``), or the role noun phrase itself."""
    toks = list(span)
    person = next((t for t in toks if t.ent_type_ == "PERSON"), None)
    if person is not None:
        # the words before the name, when they hold a title
        toks = _without_determiner([t for t in toks if t.i < person.i])
    elif toks and toks[-1].pos_ == "PROPN" and not is_role_word(toks[-1], title_words):
        # a name the NER missed, after its title: "Mayor Ana Petrova" -> "Mayor"
        title, _ = split_title(span, title_words)
        return clean(title) if title else None
    if not any(is_role_word(t, title_words) for t in toks):
        return None
    toks = _without_determiner(toks)
    return clean(span.doc[toks[0].i : toks[-1].i + 1].text) if toks else None


def _without_determiner(toks: list[Token]) -> list[Token]:
    """``toks`` without the determiners and punctuation they open with ("the", ", a")."""
    while toks and (toks[0].dep_ == "det" or toks[0].is_punct):
        toks = toks[1:]
    return toks


def apposition_role(head: Token) -> str | None:
    """``Javier Colomina, the NATO secretary-general's special representative ..., said``."""
    for child in head.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            toks = sorted(child.subtree, key=lambda t: t.i)
            while toks and (toks[0].dep_ == "det" or toks[0].is_punct):
                toks = toks[1:]
            while toks and toks[-1].is_punct:
                toks = toks[:-1]
            if toks:
                return clean(head.doc[toks[0].i : toks[-1].i + 1].text)
    # "Armenian Prime Minister Nikol Pashinyan, ...": a title in compound position before the head
    return None


# ---- names and titles printed in plain text (paragraphs left unparsed) -------------------------

_NAME_RE = re.compile(r"(?:[A-Z][\w\u2019'.-]*\s+){1,4}[A-Z][\w\u2019'-]+")
_NOT_NAME_WORDS = frozenset(
    """
    the a an and of for in on at to by with from this that these those monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december house party department states union council committee agency news
    times post city county court ministry office army forces university street
    """.split()
)


@dataclass(frozen=True, slots=True)
class NameHint:
    """A probable person's name (and the title printed before it) in a blanked paragraph."""

    name: str
    start: int
    role: str | None
    kind: str = "person"  # or "org": an organization's name (:func:`org_hints`); "poll" (:func:`poll_hints`)


# Complexity 19 (radon): one pass over the capitalized runs; its rejection tests (sentence stop, not-name words, bare sentence start, long title) run in an order that matters and read best together.
def name_hints(para: str, offset: int, title_words: frozenset[str] = frozenset()) -> list[NameHint]:
    """Capitalized runs that look like 'Title Given Family': a title prefix is split off as role."""
    roles = ROLE_WORDS | title_words
    not_names = _NOT_NAME_WORDS | roles
    out: list[NameHint] = []
    for m in _NAME_RE.finditer(para):
        role_words, words = _title_and_name(m.group().split(), roles)
        # a word with a full stop (not an initial) ends the sentence: "Ben Brafman. Either"
        stop = next((k for k, w in enumerate(words[:-1]) if w.endswith(".") and len(w) > 2), None)
        words = words if stop is None else words[: stop + 1]
        if len(words) < 2 or any(w.lower().strip(".,") in not_names for w in words):
            continue
        role = " ".join(w for w in role_words if w.lower() not in _NOT_NAME_WORDS) or None
        if m.start() == 0 and role is None and words[0] not in MASCULINE and words[0] not in FEMININE:
            continue  # a capitalized sentence start is not evidence of a name; a first name is
        hint = NameHint(" ".join(words).rstrip(".,"), offset + m.start() + m.group().index(words[0]), role)
        if role is None and len(words) > 2:
            hint = _after_long_title(para, m, words, roles, offset) or hint
        out.append(hint)
    return out


# A capitalized run that may hold "of (the)"/"for"/"and" ("Business Council of British Columbia",
# "Department of the Interior"), with "the" before it kept apart; "and the" starts another name.
_ORG_RE = re.compile(
    r"(?:\b([Tt]he)\s+)?((?:[A-Z][\w\u2019'.&-]*\s+(?:(?:of|for|on)(?:\s+the)?\s+|and\s+(?!the\b))*){1,6}[A-Z][\w\u2019'.&-]*)"
)


def org_hints(para: str, offset: int) -> list[NameHint]:
    """Organizations named in a blanked paragraph: capitalized runs of two or more words with a
    word of an organization's name (:data:`quotes.lexicon.ORG_NAME_WORDS`): ``The Labor
    Department calculates ...``, ``according to the National Golf Foundation``."""
    out: list[NameHint] = []
    for m in _ORG_RE.finditer(para):
        words = m.group(2).split()
        the = m.group(1) is not None or words[0] == "The"  # a capitalized "The" the run took
        words = words[1:] if words[0] == "The" else words
        # a word with a full stop (not an initial, not "Corp.") ends the sentence: "Foundation. Almost"
        stop = next((k for k, w in enumerate(words[:-1]) if w.endswith(".") and len(w) > 3 and w.lower() != "corp."), None)
        words = [w.rstrip(".,") if k == len(words) - 1 or k == stop else w
                 for k, w in enumerate(words if stop is None else words[: stop + 1])]
        last = max((k for k, w in enumerate(words) if w.lower().strip(".,") in ORG_NAME_WORDS), default=-1)
        if last < 0:
            continue
        if not (last + 1 < len(words) and words[last + 1] in ("of", "for")):
            words = words[: last + 1]  # "Clinton Campaign Plans To": the name ends at its kind
        while words and words[-1].lower() in ("of", "for", "and", "on", "the"):
            words.pop()
        if len([w for w in words if w[:1].isupper()]) < 2:
            continue
        name = " ".join(words).removesuffix("'s").removesuffix("\u2019s")
        if the:
            name = "the " + name
        out.append(NameHint(name, offset + (m.start(1) if m.group(1) is not None else m.start(2)), None, "org"))
    return out


#: A poll word, and the capitalized run printed right before it (``a Morning Consult Poll``, ``the
#: latest CNN/ORC poll``, ``a University of Texas/Texas Tribune poll``).
#: How far before a poll word its pollster's name may start (six capitalized words fit easily).
_POLLSTER_REACH = 160
_POLL_WORD = re.compile(r"\b(?:[Pp]olls?|[Ss]urveys?)\b")
_PRINTED_POLLSTER = re.compile(
    r"((?:[A-Z][\w.&\u2019'-]*(?:/[A-Z][\w.&\u2019'-]*)*[ \t]+(?:(?:of|for)[ \t]+(?=[A-Z]))?){1,6})$"
)


def printed_pollster(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The polls printed in ``text[start:end]`` that can speak, with the pollster printed in front
    of each ("" when none is): ``the latest CNN/ORC poll`` -> "CNN/ORC", ``a Morning Consult Poll``
    -> "Morning Consult Poll" (a capital makes the word part of the name), ``the polls`` -> "". A poll word followed by ``numbers``, ``lead`` ... is a candidate's standing, no poll."""
    out: list[tuple[int, str]] = []
    for m in _POLL_WORD.finditer(text, start, end):
        after = text[m.end() : m.end() + 20].split()
        if after and after[0].lower().strip(".,") in NOT_POLL_USES:
            continue
        # the name is read back at most _POLLSTER_REACH characters: a scan to the start of the
        # line per poll word made a long paragraph of polls quadratic (issue 15)
        lo = max(0, m.start() - _POLLSTER_REACH)
        run = _PRINTED_POLLSTER.search(text, text.rfind("\n", lo, m.start()) + 1 or lo, m.start())
        words = run.group(1).split() if run is not None else []
        while words and words[0].lower() in NOT_POLLSTER_WORDS:
            words.pop(0)
        if words and m.group()[0].isupper():
            words.append(m.group())  # "the American Community Survey": the poll word is part of its name
        out.append((m.start(), " ".join(words)))
    return out


def poll_hints(para: str, offset: int) -> list[NameHint]:
    """The polls of a blanked paragraph (``a Morning Consult Poll found ...``), for ``the results``
    that a later paragraph attributes to (kind ``poll``; an empty name is a poll with no pollster)."""
    return [NameHint(name, offset + at, None, "poll") for at, name in printed_pollster(para, 0, len(para))]


def _title_and_name(words: list[str], roles: frozenset[str]) -> tuple[list[str], list[str]]:
    """(title words, name words) of a capitalized run: the title is everything up to the last
    title word, an organization before it included ("NATO Secretary-General", "Defense Minister"),
    and the function words after it ("of the")."""
    last = max((k for k, w in enumerate(words[:-2]) if w.lower().strip(".,") in roles), default=-1)
    role_words, words = words[: last + 1], words[last + 1 :]
    while words and words[0].lower() in _NOT_NAME_WORDS:
        role_words.append(words.pop(0))
    return role_words, words


def _after_long_title(para: str, m: re.Match[str], words: list[str], roles: frozenset[str], offset: int) -> NameHint | None:
    """"... Special Representative for the Caucasus and Central Asia Javier Colomina": the title's
    complement ran into the name; the name is its last two words."""
    long_role = _long_title_before(para, m.start(), roles)
    if long_role is None:
        return None
    start = offset + m.start() + m.group().rindex(words[-2])
    return NameHint(" ".join(words[-2:]).rstrip(".,"), start, clean(long_role + " " + " ".join(words[:-2])))


# A long title printed before a name: title-case words joined by "for", "and", "of", "the"
# ("Deputy Assistant Secretary General for Political Affairs and Security Policy and NATO
# Secretary General's Special Representative for the Caucasus and"), as agency copy prints it.
# The run is what the pattern r"(?:(?:[A-Z][\w\u2019'.-]*|for|and|of|the)\s+)+$" finds, read
# backwards word by word (that expression, searched from every position of a long paragraph, took
# minutes on a 19 KB run of capitalized words).
_CONNECTORS = ("for", "and", "of", "the")
# No title runs longer (the longest run of capitalized words in the 840 training articles has 19); a longer run of
# capitalized words is a list or a headline, and reading it whole at every name made focus()
# quadratic in the run.
TITLE_MAX_WORDS = 40
_TITLE_CHARS = frozenset("\u2019'.-")


def _title_word_start(text: str, k: int, j: int) -> int | None:
    """Where the title-run unit that ends the word text[k:j] starts: the first capital of its
    longest tail of word characters, or a connector ending it; None if it has neither."""
    q = j
    while q > k and (text[q - 1].isalnum() or text[q - 1] == "_" or text[q - 1] in _TITLE_CHARS):
        q -= 1
    starts = [p for p in range(q, j) if "A" <= text[p] <= "Z"][:1]
    starts += [j - len(w) for w in _CONNECTORS if j - len(w) >= k and text[j - len(w) : j] == w]
    return min(starts) if starts else None


def _title_run(text: str, end: int) -> str | None:
    """The run of title-case words and connectors, each followed by white space, that ends at
    ``end`` (None if ``text[:end]`` does not end in one), of at most ``TITLE_MAX_WORDS`` words."""
    if end == 0 or not text[end - 1].isspace():
        return None
    start: int | None = None
    j = end
    for _ in range(TITLE_MAX_WORDS):
        while j > 0 and text[j - 1].isspace():
            j -= 1
        k = j
        while k > 0 and not text[k - 1].isspace():
            k -= 1
        p = _title_word_start(text, k, j) if k < j else None
        if p is None:
            break
        start = p
        if p > k:
            break  # the unit starts inside the word: nothing before it belongs to the run
        j = k
    return text[start:end] if start is not None else None


def _long_title_before(para: str, end: int, roles: frozenset[str], connector: bool = True) -> str | None:
    """The title-case run ending right before ``end`` when it holds a title word (and, with
    ``connector``, ends in one: '... Representative for the Caucasus and'), else None."""
    run = _title_run(para, end)
    if run is None:
        return None
    words = run.split()
    while words and words[0].lower() in _CONNECTORS:
        words.pop(0)
    if not words or connector and words[-1] not in _CONNECTORS:
        return None
    if not any(w.lower().strip(".,").removesuffix("\u2019s").removesuffix("'s") in roles for w in words):
        return None
    return " ".join(words)


def printed_title(before: str, title_words: frozenset[str] = frozenset()) -> str | None:
    """The title printed right before a name (``before`` ends where the name starts):
    'Defense Minister ', '... Special Representative for the Caucasus and Central Asia '."""
    title = _long_title_before(before.rstrip() + " ", len(before.rstrip()) + 1, ROLE_WORDS | title_words, connector=False)
    return clean(title) if title else None
