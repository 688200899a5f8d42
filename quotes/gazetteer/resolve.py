"""The gazetteer's index of names and the resolution of a mention to one person.

Resolution order (:meth:`Gazetteer.resolve`): exact alias (case, diacritics, possessive and
"Mr."/"Dr." insensitive), then every word of the mention matched against the words of one alias
(exactly, by initial, or by rapidfuzz for spelling variants), then role / organization / tenure
at the article's date decide between candidates. Matches weaker than an exact alias or a unique
surname need the role to agree; anything still ambiguous is ``None``, never a guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from quotes.gazetteer.roles import Role, RoleLexicon
from quotes.gazetteer.schema import (
    Country,
    GazetteerError,
    Organization,
    Person,
    Position,
    RawData,
    Title,
    as_date,
    bundled_files,
    cross_issues,
    merge,
    read_files,
)
from quotes.normalize import HONORIFICS, fold, name_tokens

# Similarity (rapidfuzz ``fuzz.ratio``, 0-100) a word needs to count as a spelling variant:
# Pashinian/Pashinyan scores 89, Aliev/Aliyev 91, while Clifton/Clinton scores 86.
FUZZY_CUTOFF = 88.0
# Whole-query similarity for ``match_query`` (``fuzz.token_sort_ratio``): "Stoltenberg Jens".
QUERY_CUTOFF = 85.0

# Match strength of a name against one person's aliases.
EXACT, SURNAME, FUZZY_SURNAME, PARTIAL = 4, 3, 2, 1


# Evidence for assigning a gazetteer person to a mention (the ``resolved_by`` of a record).
ALIAS, TITLE, SURNAME_ONLY = "gazetteer-alias", "gazetteer-title", "gazetteer-surname"
EVIDENCE = (ALIAS, TITLE, SURNAME_ONLY)

_MALE_HONORIFICS = frozenset({"mr", "sir", "lord"})
_FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "madam", "madame", "mme"})
_FIRST_NAME_HONORIFICS = frozenset({"sir", "dame"})


@dataclass(frozen=True, slots=True)
class Office:
    """A position as news copy may print it: ``titles`` (the title and its printed variants) and
    ``bodies`` (the organization and the country, by name and adjective)."""

    titles: tuple[str, ...]
    bodies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A person assigned to a mention, and the evidence: one of :data:`EVIDENCE`."""

    person: Person
    evidence: str


def _leading_honorifics(printed: str) -> frozenset[str]:
    """The honorifics a name starts with ("Mr. Harris" -> {"mr"})."""
    out = set()
    for word in fold(printed).split():
        word = word.strip(".,")
        if word not in HONORIFICS:
            break
        out.add(word)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A person a name may mean, with how well it matched and how the role fits them."""

    pid: str
    level: int
    fits: bool
    held: bool
    exact_word: bool = False  # some word of the name matched exactly and is not an initial


def _title_compatible(role: Role, title: str, *, strict: bool) -> bool:
    rk, pk = fold(role.title or ""), fold(title)
    rk, pk = rk.replace("-", " "), pk.replace("-", " ")
    if rk == pk or pk.startswith(rk + " ") or rk.startswith(pk + " "):
        return True
    if strict or role.kind not in ("many", "generic"):
        return False
    head = rk.split()[-1] if rk else ""
    return bool(head) and head in pk.split()


def _org_compatible(role: Role, pos: Position) -> bool:
    if not role.organization:
        return True
    if pos.organization:
        return fold(pos.organization) == fold(role.organization)
    # a national body named by its head's title ("Defense Ministry" for a Defense Minister)
    return bool(role.org_national and role.org_head and fold(role.org_head) == fold(pos.title))


def compatible(role: Role, pos: Position, *, strict: bool = False) -> bool:
    """Whether ``pos`` fits every part the role gives (title, organization, country)."""
    if role.title and not _title_compatible(role, pos.title, strict=strict):
        return False
    if not _org_compatible(role, pos):
        return False
    return not (role.country and (pos.country is None or fold(pos.country) != fold(role.country)))


def _fits(person: Person, role: Role, at: date | None) -> tuple[bool, bool]:
    """(role fits some position ever, role fits a position held at ``at``)."""
    fits = [p for p in person.positions if compatible(role, p)]
    if at is None:
        return bool(fits), False
    if role.former:
        return bool(fits), any(p.end is not None and p.end <= at for p in fits)
    return bool(fits), any(p.active(at) for p in fits)


def _kept(level: int, exact_word: bool, role: Role, fits: bool, held: bool, at: date | None) -> bool:
    """Whether a name match survives what the role and date say about the person."""
    supported = not role.empty and fits
    if level == PARTIAL and not supported:
        return False  # a first name alone needs the title to pin it down
    if level == FUZZY_SURNAME and not exact_word and not supported:
        return False  # a spelling variant of a surname alone needs the title too
    return level == EXACT or not _contradicted(role, fits, held, at)


def _contradicted(role: Role, fits: bool, held: bool, at: date | None) -> bool:
    """Whether the role rules out a person matched by less than a full alias."""
    binding = bool(role.organization or role.country or role.kind in ("office", "qualified"))
    if binding and not fits:
        return True  # the title contradicts the person
    # "Prime Minister Johnson" in 1965 is not a later prime minister
    return at is not None and role.kind == "office" and not held


def _narrow(rows: list[_Candidate]) -> list[_Candidate]:
    """Prefer the strongest match, then role fit, then tenure at the date, while that leaves one."""
    best = max((r.level for r in rows), default=0)
    for pref in (lambda r: r.level == best, lambda r: r.fits, lambda r: r.held):
        if len(rows) <= 1:
            break
        narrowed = [r for r in rows if pref(r)]
        if narrowed:
            rows = narrowed
    return rows


def _goes_by(person: Person, first: str, n_words: int) -> bool:
    """Whether the first word of a printed name (``first``) is one the person goes by: a word of
    their name (``Wasserman Schultz``), or the first word of an alias no longer than the printed
    name (``n_words``). A name that drops the middle of a longer legal name keeps that name's
    first word, which may belong to a relative: ``Rafael Cruz`` (the pastor, Ted Cruz's father)
    is no form of ``Rafael Edward Cruz`` (Ted Cruz), and ``John Bush`` no form of ``John Ellis
    Bush`` (Jeb Bush); an article that introduces a person by another first name than the one
    the gazetteer's person uses names someone else."""
    def same(word: str) -> bool:
        return word == first or len(first) >= 4 and fuzz.ratio(word, first) >= FUZZY_CUTOFF

    if any(same(w) for w in name_tokens(person.name)):
        return True
    return any(toks and len(toks) <= n_words and same(toks[0]) for toks in map(name_tokens, person.aliases))


def _align(toks: tuple[str, ...], per_tok: list[dict[str, float]], alias: tuple[str, ...]) -> tuple[int, bool] | None:
    """(level, some word matched exactly) when every word of the mention finds its own word of
    ``alias``; None when one does not."""
    used: set[int] = set()
    exact_word = False
    fuzzy_used = False
    for t, matches in zip(toks, per_tok):
        pos = next((p for p, a in enumerate(alias) if a in matches and p not in used), None)
        if pos is None:
            return None
        used.add(pos)
        if matches[alias[pos]] < 100:
            fuzzy_used = fuzzy_used or len(t) > 1
        elif len(t) > 1:
            exact_word = True
    if len(alias) - 1 not in used:
        return PARTIAL, exact_word
    return (FUZZY_SURNAME if fuzzy_used else SURNAME), exact_word


class Gazetteer:
    """People, organizations, countries and titles, indexed for resolution.

    Build one with :meth:`load` (bundled data plus user files) or use :func:`default_gazetteer`.
    Instances are immutable after construction and safe to share between threads and pickle.
    """

    def __init__(self, raw: RawData, sources: Sequence[str] = ()) -> None:
        self.sources = tuple(sources)
        self.roles = RoleLexicon(raw)
        self.people: dict[str, Person] = {}
        for e in raw.people:
            positions = tuple(self.roles.position(p) for p in e.get("positions") or ())
            aliases = tuple(dict.fromkeys([e["name"], *(e.get("aliases") or ())]))
            self.people[e["id"]] = Person(e["id"], e["name"], aliases, e.get("gender"), e.get("wikidata"), positions,
                                          e.get("active_from"), e.get("active_until"))  # fmt: skip
        self._build_name_index()

    def _build_name_index(self) -> None:
        exact: dict[str, set[str]] = defaultdict(set)
        by_token: dict[str, set[int]] = defaultdict(set)  # token -> indexes into _aliases
        self._aliases: list[tuple[str, tuple[str, ...]]] = []  # (person id, alias tokens)
        for person in self.people.values():
            for alias in person.aliases:
                toks = name_tokens(alias)
                if not toks:
                    continue
                exact[" ".join(toks)].add(person.id)
                for tok in toks:
                    by_token[tok].add(len(self._aliases))
                self._aliases.append((person.id, toks))
        self._exact = dict(exact)
        self._by_token = dict(by_token)
        self._vocab = sorted(self._by_token)
        self._alias_keys = sorted(self._exact)

    # -- loading

    @classmethod
    def load(cls, extra: Sequence[str | Path] = (), *, bundled: bool = True) -> "Gazetteer":
        """The bundled data (unless ``bundled=False``) with ``extra`` files merged over it, in order.

        Raises :class:`GazetteerError` (``FILE:LINE: field: message``) when a file is missing,
        malformed, or clashes with the data before it (an alias of another person).
        """
        base = bundled_files() if bundled else []
        user = [(str(p), Path(p)) for p in extra]
        raws, issues = read_files([*base, *user])
        issues += cross_issues(raws)
        if issues:
            more = f" (and {len(issues) - 1} more problem{'s' if len(issues) > 2 else ''}: run 'quotes gazetteer check')" if len(issues) > 1 else ""
            raise GazetteerError(f"{issues[0]}{more}")
        return cls(merge(raws), [label for label, _ in [*base, *user]])

    def __len__(self) -> int:
        return len(self.people)

    def __iter__(self) -> Iterator[Person]:
        return iter(self.people.values())

    def __contains__(self, person_id: object) -> bool:
        return person_id in self.people

    def get(self, person_id: str) -> Person | None:
        """The person with this id, or None."""
        return self.people.get(person_id)

    # -- the lexicon (see quotes.gazetteer.roles)

    @property
    def titles(self) -> dict[str, Title]:
        return self.roles.titles

    @property
    def countries(self) -> dict[str, Country]:
        return self.roles.countries

    @property
    def organizations(self) -> dict[str, Organization]:
        return self.roles.organizations

    def title_words(self) -> frozenset[str]:
        """Lower-case head nouns of titles and role words; see :meth:`RoleLexicon.title_words`."""
        return self.roles.title_words()

    def parse_role(self, role: str | None) -> Role:
        """A role as printed, parsed into title, organization and country (:mod:`.roles`)."""
        return self.roles.parse_role(role)

    def normalize_role(self, role: str | None) -> tuple[str | None, str | None]:
        """(normalized title, organization or country) of a role as printed."""
        return self.roles.normalize_role(role)

    def split_mention(self, mention: str) -> tuple[str, str]:
        """("name part", "role part") of a mention such as "Russian President Vladimir"."""
        return self.roles.split_mention(mention)

    # -- people

    def _token_matches(self, tok: str, *, fuzzy: bool, cutoff: float) -> dict[str, float]:
        if len(tok) == 1:  # an initial stands for any word it starts
            return {v: (100.0 if v == tok else 90.0) for v in self._vocab if v.startswith(tok)}
        if tok in self._by_token:
            return {tok: 100.0}
        if not fuzzy or len(tok) < 4:
            return {}
        # vocabulary words are folded already, so no processor runs on them
        hits = process.extract(tok, self._vocab, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=8)
        return {m: s for m, s, _ in hits if len(m) >= 4}

    def _name_candidates(self, toks: tuple[str, ...], *, fuzzy: bool = True, cutoff: float = FUZZY_CUTOFF) -> dict[str, tuple[int, bool]]:
        """person id -> (match level, some word matched exactly and is not an initial)."""
        if not toks:
            return {}
        key = " ".join(toks)
        if key in self._exact:
            return {pid: (EXACT, True) for pid in self._exact[key]}
        per_tok = [self._token_matches(t, fuzzy=fuzzy, cutoff=cutoff) for t in toks]
        if any(not m for m in per_tok) or all(len(t) == 1 for t in toks):
            return {}
        anchor = min((k for k, t in enumerate(toks) if len(t) > 1), key=lambda k: len(per_tok[k]))
        idxs: set[int] = set().union(*(self._by_token[v] for v in per_tok[anchor]))
        return self._aligned(toks, per_tok, idxs)

    def _aligned(self, toks: tuple[str, ...], per_tok: list[dict[str, float]], idxs: set[int]) -> dict[str, tuple[int, bool]]:
        """The best alignment of the mention with each person's aliases among ``idxs``."""
        out: dict[str, tuple[int, bool]] = {}
        for idx in idxs:
            pid, alias = self._aliases[idx]
            match = _align(toks, per_tok, alias)
            if match is not None and (pid not in out or match > out[pid]):
                out[pid] = match
        return out

    # -- assignment: only with evidence

    def identify(
        self,
        mention: str,
        *,
        role: str | None = None,
        date: str | date | None = None,
        organization: str | None = None,
        article_names: Sequence[str] = (),
    ) -> GazetteerMatch | None:
        """The person a mention in an article names, with the evidence for it, or None.

        A person is assigned only with evidence (issue 12): the mention is one of their names or
        aliases, or a form of their full name (``gazetteer-alias``); or a title they held at the
        article's ``date`` goes with it ("Russian President Vladimir"), or is all of it ("the
        NATO secretary-general") (``gazetteer-title``); or it is a surname that none of the
        article's other ``article_names`` uses and the date lies inside the person's public life
        (``gazetteer-surname``). An undated article gets no title-only and no surname-only
        match. An honorific must agree with the person's gender ("Mr Harris" is not Kamala
        Harris), and Sir/Dame before one name is a first name ("Sir Cameron" is a knight named
        Cameron, never David Cameron).
        """
        if not mention or not mention.strip():
            return None
        at = as_date(date)
        name, prefix = self.split_mention(mention)
        r = self._combined_role(role, prefix, organization)
        if not name_tokens(name):
            # the whole mention reads as a title: a name that looks like one ("King") comes first
            match = self._identify_name(mention, r, at, article_names) if not role else None
            return match or self.identify_title(" ".join(x for x in (role, prefix) if x) or mention, date=at)
        return self._identify_name(name, r, at, article_names)

    def _identify_name(self, printed: str, role: Role, at: date | None, article_names: Sequence[str]) -> GazetteerMatch | None:
        row = self._name_match(printed, role, at)
        if row is None:
            return None
        evidence = self._evidence(row, name_tokens(printed), role, at, article_names)
        return GazetteerMatch(self.people[row.pid], evidence) if evidence else None

    def _name_match(self, printed: str, role: Role, at: date | None) -> _Candidate | None:
        """The one person a name can mean given the role, the date and the honorific, or None."""
        toks = name_tokens(printed)
        leading = _leading_honorifics(printed)
        if leading & _FIRST_NAME_HONORIFICS and len(toks) == 1:
            return None  # British usage: Sir/Dame + first name of the knight named in the article
        gender = "m" if leading & _MALE_HONORIFICS else "f" if leading & _FEMALE_HONORIFICS else None
        rows = [
            row
            for row in self._candidates(self._name_candidates(toks), role, at)
            if gender is None or self.people[row.pid].gender in (None, gender)
        ]
        rows = _narrow(rows)
        return rows[0] if len(rows) == 1 else None

    def _evidence(self, row: _Candidate, toks: tuple[str, ...], role: Role, at: date | None, article_names: Sequence[str]) -> str | None:
        """Why a name match may be assigned (see :meth:`identify`), or None when it may not."""
        if row.level == EXACT:
            return ALIAS
        if at is not None and not role.empty and row.fits and row.held:
            return TITLE
        words = [t for t in toks if len(t) > 1]
        person = self.people[row.pid]
        if len(words) >= 2 and row.exact_word and _goes_by(person, words[0], len(toks)):
            return ALIAS  # a form of the full name: "Tayyip Erdogan", "Jens Stoltenburg"
        if row.level == SURNAME and len(words) == 1 and at is not None and person.public_at(at):
            return None if self._surname_taken(words[0], person, article_names) else SURNAME_ONLY
        return None

    def _surname_taken(self, word: str, person: Person, article_names: Sequence[str]) -> bool:
        """Whether the article prints ``word`` in the name of someone other than ``person``
        ("Cameron Mackintosh" takes "Cameron" from David Cameron)."""
        for other in article_names:
            toks = name_tokens(other)
            if word in toks and toks != (word,) and self._exact.get(" ".join(toks)) != {person.id}:
                return True
        return False

    def identify_title(self, role: str, *, date: str | date | None = None) -> GazetteerMatch | None:
        """The holder of a title-only mention at ``date`` ("the NATO secretary-general").

        Only offices held by one person at a time resolve, and only with their organization or
        country ("Azerbaijani President"); "qualified" titles need their qualifier ("Special
        Representative for the Caucasus"). "former ..." never resolves from the title alone, and
        an undated article gets no title-only match: the holder is the one in office that day.
        """
        at = as_date(date)
        r = self.parse_role(role)
        if at is None or not _names_one_office(r):
            return None
        holders = {
            p.id for p in self.people.values() for pos in p.positions if compatible(r, pos, strict=True) and pos.active(at)
        }
        return GazetteerMatch(self.people[holders.pop()], TITLE) if len(holders) == 1 else None

    def offices(self, person: Person, *, date: str | date | None) -> tuple[list[Office], list[Office]]:
        """How news copy may print the positions ``person`` held at ``date``, and those they had
        left by then (:class:`Office`: the title with its printed variants, and the organization
        and country). An undated article learns nothing: ([], [])."""
        at = as_date(date)
        held: list[Office] = []
        left: list[Office] = []
        if at is None:
            return held, left
        for pos in person.positions:
            if pos.active(at):
                held.append(self._office(pos))
            elif pos.end is not None and pos.end <= at:
                left.append(self._office(pos))
        return held, left

    def _office(self, pos: Position) -> Office:
        """A position as printed: its title with the lexicon's variants (``Vice-President``: ``vice
        president``, ``VP``), its organization, and its country's name and adjective."""
        title = self.titles.get(fold(pos.title)) or self.titles.get(fold(self.parse_role(pos.title).title or ""))
        country = self.roles.country(pos.country)
        bodies = [pos.organization] if pos.organization else []
        if country is not None:
            bodies.extend(x for x in (country.name, country.adjective) if x)
        return Office((pos.title, *(title.aliases if title else ())), tuple(bodies))

    def resolve(
        self,
        mention: str,
        *,
        role: str | None = None,
        date: str | date | None = None,
        organization: str | None = None,
        article_names: Sequence[str] = (),
    ) -> Person | None:
        """The person of :meth:`identify` (assigned only with evidence), or None."""
        match = self.identify(mention, role=role, date=date, organization=organization, article_names=article_names)
        return match.person if match else None

    def resolve_title(self, role: str, *, date: str | date | None = None) -> Person | None:
        """The person of :meth:`identify_title` (the holder at ``date``), or None."""
        match = self.identify_title(role, date=date)
        return match.person if match else None

    # -- lookup: who a name could mean, without an article

    def lookup(
        self,
        mention: str,
        *,
        role: str | None = None,
        date: str | date | None = None,
        organization: str | None = None,
    ) -> Person | None:
        """The person a name could mean, when one does, without the evidence an article needs:
        a unique surname resolves with no date ("Stoltenberg"), a title of one holder ever with
        none; an honorific of the other gender or Sir/Dame + one name still rule a person out. For searching and for telling known people from new ones (``gazetteer suggest``);
        extraction assigns people with :meth:`identify`.
        """
        if not mention or not mention.strip():
            return None
        at = as_date(date)
        name, prefix = self.split_mention(mention)
        r = self._combined_role(role, prefix, organization)
        if not name_tokens(name):
            row = self._name_match(mention, r, at) if not role else None
            return self.people[row.pid] if row else self._title_holder(" ".join(x for x in (role, prefix) if x) or mention, at)
        row = self._name_match(name, r, at)
        return self.people[row.pid] if row else None

    def _title_holder(self, role: str, at: date | None) -> Person | None:
        """The one holder of a title at ``at``, or ever when ``at`` is None."""
        r = self.parse_role(role)
        if not _names_one_office(r):
            return None
        holders = {
            p.id
            for p in self.people.values()
            for pos in p.positions
            if compatible(r, pos, strict=True) and (at is None or pos.active(at))
        }
        return self.people[holders.pop()] if len(holders) == 1 else None

    def _combined_role(self, role: str | None, prefix: str, organization: str | None) -> Role:
        """One role from the title printed with a mention, the title inside it, and an organization."""
        parsed = [self.parse_role(x) for x in (role, prefix, organization) if x]
        if not parsed:
            return Role()
        best = next((r for r in parsed if r.title), parsed[0])
        org_role = next((r for r in parsed if r.organization), Role())
        country = best.country or next((r.country for r in parsed if r.country), None)
        return Role(
            best.title, org_role.organization, country, best.qualifier, best.kind,
            any(r.former for r in parsed), org_role.org_head, org_role.org_national,
        )  # fmt: skip

    def _candidates(self, cands: dict[str, tuple[int, bool]], role: Role, at: date | None) -> list[_Candidate]:
        """The name matches that survive what the role and date say about each person."""
        rows = []
        for pid, (level, exact_word) in cands.items():
            person = self.people[pid]
            fits, held = _fits(person, role, at) if not role.empty else (False, False)
            if role.empty and at is not None:
                held = any(p.active(at) for p in person.positions)
            if _kept(level, exact_word, role, fits, held, at):
                rows.append(_Candidate(pid, level, fits, held, exact_word))
        return rows

    def match_query(self, query: str) -> list[Person]:
        """People a search names ("Stoltenberg", "jens stoltenberg", "Stoltenberg, Jens", an id).

        Returns the best-matching people (several when a surname is shared), [] when none.
        """
        q = (query or "").strip()
        if not q:
            return []
        if q in self.people:
            return [self.people[q]]
        if "," in q:
            last, first = q.split(",", 1)
            q = f"{first.strip()} {last.strip()}"
        toks = name_tokens(q)
        cands = self._name_candidates(toks, fuzzy=True, cutoff=QUERY_CUTOFF)
        if not cands and toks:
            hits = process.extract(" ".join(toks), self._alias_keys, scorer=fuzz.token_sort_ratio, processor=None, score_cutoff=QUERY_CUTOFF, limit=5)
            cands = {pid: (FUZZY_SURNAME, False) for key, _, _ in hits for pid in self._exact[key]}
        if not cands:
            return []
        best = max(level for level, _ in cands.values())
        return sorted((self.people[pid] for pid, (level, _) in cands.items() if level == best), key=lambda p: p.name)


def _names_one_office(r: Role) -> bool:
    """Whether a role can name one holder: an office (or a qualified one with its qualifier) of
    a named organization or country, not "former"."""
    if not r.title or r.former or r.kind not in ("office", "qualified"):
        return False
    if r.kind == "qualified" and not r.qualifier:
        return False
    return bool(r.organization or r.country)


# ---- module-level access to the default gazetteer ----------------------------------------


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return Gazetteer.load()


@lru_cache(maxsize=16)
def _load_cached(files: tuple[tuple[str, float], ...]) -> Gazetteer:
    return Gazetteer.load([f for f, _ in files])


def load_gazetteer(files: Sequence[str | Path] | None = (), *, bundled: bool = True) -> Gazetteer:
    """The gazetteer for a ``--gazetteer FILE`` option (repeatable): bundled data plus ``files``.

    No files gives :func:`default_gazetteer`. Results are cached per file list and modification
    time, so commands and workers can call this freely. Raises :class:`GazetteerError`.
    """
    if not files:
        return default_gazetteer() if bundled else Gazetteer.load(bundled=False)
    if not bundled:
        return Gazetteer.load(files, bundled=False)
    key = []
    for f in files:
        p = Path(f)
        try:
            key.append((str(p.resolve()), p.stat().st_mtime))
        except OSError:
            key.append((str(p), 0.0))  # Gazetteer.load reports it
    return _load_cached(tuple(key))


def resolve(mention: str, *, role: str | None = None, date: str | date | None = None, organization: str | None = None) -> Person | None:
    """:meth:`Gazetteer.resolve` on the bundled gazetteer."""
    return default_gazetteer().resolve(mention, role=role, date=date, organization=organization)


def resolve_title(role: str, *, date: str | date | None = None) -> Person | None:
    """:meth:`Gazetteer.resolve_title` on the bundled gazetteer."""
    return default_gazetteer().resolve_title(role, date=date)


def parse_role(role: str | None) -> Role:
    """:meth:`Gazetteer.parse_role` with the bundled lexicon."""
    return default_gazetteer().parse_role(role)


def normalize_role(role: str | None) -> tuple[str | None, str | None]:
    """:meth:`Gazetteer.normalize_role` with the bundled lexicon."""
    return default_gazetteer().normalize_role(role)


def title_words() -> frozenset[str]:
    """:meth:`Gazetteer.title_words` of the bundled lexicon."""
    return default_gazetteer().title_words()


def match_query(query: str) -> list[Person]:
    """:meth:`Gazetteer.match_query` on the bundled gazetteer."""
    return default_gazetteer().match_query(query)
