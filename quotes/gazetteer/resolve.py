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
from quotes.normalize import fold, name_tokens

# Similarity (rapidfuzz ``fuzz.ratio``, 0-100) a word needs to count as a spelling variant:
# Pashinian/Pashinyan scores 89, Aliev/Aliyev 91, while Clifton/Clinton scores 86.
FUZZY_CUTOFF = 88.0
# Whole-query similarity for ``match_query`` (``fuzz.token_sort_ratio``): "Stoltenberg Jens".
QUERY_CUTOFF = 85.0

# Match strength of a name against one person's aliases.
EXACT, SURNAME, FUZZY_SURNAME, PARTIAL = 4, 3, 2, 1


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A person a name may mean, with how well it matched and how the role fits them."""

    pid: str
    level: int
    fits: bool
    held: bool


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
            self.people[e["id"]] = Person(e["id"], e["name"], aliases, e.get("gender"), e.get("wikidata"), positions)
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

    def resolve(
        self,
        mention: str,
        *,
        role: str | None = None,
        date: str | date | None = None,
        organization: str | None = None,
    ) -> Person | None:
        """The person a mention names, or None when unknown or ambiguous.

        ``role`` is the title printed with the mention, ``date`` the article's date (ISO text or
        date), ``organization`` an organization named with it. A mention that is only a title
        ("the NATO secretary-general") is resolved by :meth:`resolve_title`.
        """
        if not mention or not mention.strip():
            return None
        at = as_date(date)
        name, prefix = self.split_mention(mention)
        r = self._combined_role(role, prefix, organization)
        if not name_tokens(name):
            # the whole mention reads as a title: a name that looks like one ("King") comes first
            person = self._choose(self._name_candidates(name_tokens(mention)), r, at) if not role else None
            return person or self.resolve_title(" ".join(x for x in (role, prefix) if x) or mention, date=at)
        return self._choose(self._name_candidates(name_tokens(name)), r, at)

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

    def _choose(self, cands: dict[str, tuple[int, bool]], role: Role, at: date | None) -> Person | None:
        """Pick one candidate: drop weak matches the role does not support, then prefer
        stronger matches, role fit, and tenure at the date; None if still more than one."""
        rows = []
        for pid, (level, exact_word) in cands.items():
            person = self.people[pid]
            fits, held = _fits(person, role, at) if not role.empty else (False, False)
            if role.empty and at is not None:
                held = any(p.active(at) for p in person.positions)
            if _kept(level, exact_word, role, fits, held, at):
                rows.append(_Candidate(pid, level, fits, held))
        rows = _narrow(rows)
        return self.people[rows[0].pid] if len(rows) == 1 else None

    def resolve_title(self, role: str, *, date: str | date | None = None) -> Person | None:
        """The holder of a title-only mention at ``date`` ("the NATO secretary-general").

        Only offices held by one person at a time resolve, and only with their organization or
        country ("Azerbaijani President"); "qualified" titles need their qualifier ("Special
        Representative for the Caucasus"). Without a date the title must have had one holder
        ever. "former ..." never resolves from the title alone.
        """
        r = self.parse_role(role)
        if not _names_one_office(r):
            return None
        at = as_date(date)
        holders = {
            p.id
            for p in self.people.values()
            for pos in p.positions
            if compatible(r, pos, strict=True) and (at is None or pos.active(at))
        }
        return self.people[holders.pop()] if len(holders) == 1 else None

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
