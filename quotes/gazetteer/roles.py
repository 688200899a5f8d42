"""The role grammar: a role as printed ("the Azerbaijani Defense Ministry's Chief, Colonel
General") parsed into title, organization and country with the gazetteer's lexicon.

Conventions (documented in quotes/gazetteer/data/README.md):

- the title is the head of the last possessive segment: "the NATO secretary-general's special
  representative for the Caucasus" is a Special Representative (qualifier "for the Caucasus"),
  organization NATO;
- of adjacent titles the last one that is not a rank is the head ("Secretary General spokesman"
  is a Spokesperson); "Deputy", "Assistant", "Acting" ... before it are kept;
- "Chief", "Head", "Leader" stand for the organization's head title (NATO chief =
  Secretary-General, "Azerbaijani Defense Ministry's Chief" = Defense Minister) or the
  country's leader ("the Armenian leader" = Prime Minister);
- "of <organization or country>" after the title names the owner ("President of the European
  Council"); any other "of/for/to/on ..." is part of the title;
- comma-separated parts are parsed apart and an office is preferred over a rank
  ("Azerbaijani Defense Ministry's Chief, Colonel General" = Defense Minister).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from quotes.gazetteer.schema import Country, Organization, Position, RawData, Title
from quotes.normalize import SPECIAL, fold

# Words before a title that are part of it ("Deputy Assistant Secretary-General").
MODIFIERS = ("deputy", "assistant", "acting", "first", "vice", "principal", "senior", "chief")
FORMER = frozenset({"former", "ex", "erstwhile", "onetime", "one-time", "outgoing"})
# Words a role may start with that carry nothing ("the", "then-", "its").
ROLE_FILLER = frozenset({"the", "a", "an", "then", "his", "her", "its", "their", "our", "current", "new", "newly", "appointed", "incoming", "interim", "top", "senior"})
# Prepositions after a title: "of <owner>" names the owner, the others qualify the title.
_AFTER_TITLE = ("of", "for", "to", "on", "in", "at")
# Preference between the comma-separated parts of a role: an office over a rank.
_RANK_ORDER = {"office": 0, "qualified": 0, "many": 1, "generic": 2, "rank": 3, None: 4}


@dataclass(frozen=True, slots=True)
class Role:
    """A parsed role: what :func:`normalize_role` returns, with the parts it was built from.

    ``title`` is the normalized title with its modifiers and qualifier ("Deputy Assistant
    Secretary-General for Political Affairs"); ``organization`` the organization's canonical
    name (national bodies as "<adjective> <name>": "Azerbaijani Defense Ministry"); ``country``
    the country named or implied; ``kind`` the lexicon kind of the head title.
    """

    title: str | None = None
    organization: str | None = None
    country: str | None = None
    qualifier: str | None = None
    kind: str | None = None
    former: bool = False
    org_head: str | None = None
    org_national: bool = False

    @property
    def empty(self) -> bool:
        return not (self.title or self.organization or self.country)

    @property
    def owner(self) -> str | None:
        """The organization, or for national offices the country."""
        return self.organization or self.country


# ---- role tokens -------------------------------------------------------------------------

_TOKEN = re.compile(r"'s|,|;|\(|\)|[^\W_]+(?:[.'/][^\W_]+)*\.?")


@dataclass(frozen=True, slots=True)
class Tok:
    """A token of a role: its folded key (no dots or apostrophes) and its offsets."""

    key: str
    start: int
    end: int


class Item(NamedTuple):
    """A lexicon match over tokens ``i:j``: kind title/org/country, or poss/word for the rest."""

    kind: str
    value: Any
    i: int
    j: int


def prep(text: str) -> str:
    """Curly quotes to straight, possessives split off as their own token."""
    t = text.translate(SPECIAL)
    t = re.sub(r"(?<=\w)'s\b", " 's", t)
    t = re.sub(r"(?<=\ws)'(?=\s|$|,)", " 's", t)
    return t


def role_tokens(text: str) -> list[Tok]:
    """Tokens of ``text`` (already :func:`prep` ed); hyphenated words are split in two."""
    out = []
    for m in _TOKEN.finditer(text):
        key = fold(m.group()).replace(".", "").replace("'", "") if m.group() != "'s" else "'s"
        if key:
            out.append(Tok(key, m.start(), m.end()))
    return out


def phrase_key(text: str) -> tuple[str, ...]:
    """The token keys of a phrase, as the lexicon is indexed."""
    return tuple(t.key for t in role_tokens(prep(text)))


@dataclass(slots=True)
class _Head:
    """What the head title of a role part gives: title, kind, qualifier and owner."""

    title: str | None = None
    kind: str | None = None
    qualifier: str | None = None
    end: int | None = None  # items after this index are the qualifier or beyond the owner
    owner_org: Organization | None = None
    owner_country: Country | None = None


def _title_segment(items: Sequence[Item]) -> int:
    """Index of the first item of the segment that holds the title (after the last possessive
    before it: "NATO's chief" -> "chief")."""
    poss = [k for k, it in enumerate(items) if it.kind == "poss"]
    seg_start = poss[-1] + 1 if poss else 0
    titled = [k for k, it in enumerate(items) if it.kind == "title"]
    if titled and titled[-1] < seg_start:
        seg_start = max([p + 1 for p in poss if p < titled[-1]], default=0)
    return seg_start


def _title_run(items: Sequence[Item], seg_start: int) -> list[int]:
    """Indexes of the first run of adjacent titles in the segment."""
    run: list[int] = []
    for k in range(seg_start, len(items)):
        if items[k].kind == "title":
            run.append(k)
        elif run:
            break
    return run


def _head_of(items: Sequence[Item], run: Sequence[int]) -> int:
    """The head of a run of titles: the last that is not a rank ("Secretary General spokesman")."""
    non_rank = [k for k in run if items[k].value.kind not in ("rank", "generic")]
    return (non_rank or [k for k in run if items[k].value.kind != "rank"] or list(run))[-1]


def _modifiers(items: Sequence[Item], toks: Sequence[Tok], first: int, seg_start: int) -> list[str]:
    """Modifier words ("Deputy", "Acting") right before the title, read backwards from ``first``
    (past an owner printed between them: "the deputy NATO chief")."""
    mods: list[str] = []
    k = first
    if k - 1 >= seg_start and items[k].kind in ("org", "country") and items[k - 1].kind == "word":
        k -= 1  # "the deputy NATO chief", "Deputy Russian Foreign Minister": the owner between
    while k >= seg_start and items[k].kind in ("word", "title"):
        words = [t.key for t in toks[items[k].i : items[k].j]]
        is_title = items[k].kind == "title" and items[k].value.kind != "generic"
        if len(words) != 1 or words[0] not in MODIFIERS or is_title:
            break
        mods.insert(0, words[0].capitalize())
        k -= 1
    return mods


def _after_head(text: str, toks: Sequence[Tok], items: Sequence[Item], head_k: int, head: _Head) -> None:
    """After the head: "of <org/country>" names the owner, any other preposition qualifies."""
    k = head_k + 1
    if not (k < len(items) and items[k].kind == "word" and items[k].value in _AFTER_TITLE):
        return
    nxt = k + 1
    if nxt < len(items) and items[nxt].kind == "word" and items[nxt].value == "the":
        nxt += 1
    if items[k].value == "of" and nxt < len(items) and items[nxt].kind in ("org", "country"):
        if items[nxt].kind == "org":
            head.owner_org = items[nxt].value
        else:
            head.owner_country = items[nxt].value
        head.end = nxt + 1
    else:
        head.qualifier = text[toks[items[k].i].start : toks[items[-1].j - 1].end].strip()
        head.end = k


def _read_head(text: str, toks: Sequence[Tok], items: Sequence[Item]) -> _Head:
    """The head title of a role part with its modifiers, qualifier and owner."""
    seg_start = _title_segment(items)
    run = _title_run(items, seg_start)
    head = _Head()
    if not run:
        return head
    head_k = _head_of(items, run)
    entry: Title = items[head_k].value
    head.title, head.kind = entry.title, entry.kind
    mods = _modifiers(items, toks, run[0] - 1 if head_k == run[-1] else head_k - 1, seg_start)
    _after_head(text, toks, items, head_k, head)
    if mods and not entry.title.lower().startswith(mods[-1].lower()):
        head.title = " ".join(mods) + " " + entry.title
        if head.kind == "office" and any(m in ("Deputy", "Assistant", "Vice") for m in mods):
            head.kind = "qualified"  # there are several deputies of one office
    return head


def _with_qualifier(title: str | None, qualifier: str | None) -> str | None:
    return f"{title} {qualifier}" if title and qualifier else title


_PARSED_ROLES_KEPT = 20_000


class RoleLexicon:
    """Titles, organizations and countries indexed by their phrases, and the grammar over them."""

    def __init__(self, raw: RawData) -> None:
        self._lexicon: dict[tuple[str, ...], list[tuple[str, Any]]] = defaultdict(list)
        self.titles: dict[str, Title] = {}
        self.countries: dict[str, Country] = {}
        self.organizations: dict[str, Organization] = {}
        self._country_by_key: dict[str, Country] = {}
        self._org_by_key: dict[str, Organization] = {}
        for e in raw.titles:
            self._add_title(Title(e["title"], tuple(e.get("aliases") or ()), e.get("kind") or "many"))
        for e in raw.countries:
            self._add_country(Country(e["id"], e["name"], e.get("adjective"), tuple(e.get("aliases") or ()), e.get("leader")))
        for e in raw.organizations:
            country = self.country(e.get("country"))
            self._add_org(Organization(e["id"], e["name"], tuple(e.get("aliases") or ()), country.name if country else e.get("country"),
                                       e.get("head"), bool(e.get("national"))))  # fmt: skip
        self._max_lex = max((len(k) for k in self._lexicon), default=1)
        self._role_words = frozenset(w.lower() for w in raw.role_words)
        self._lexicon = dict(self._lexicon)
        # parse_role's results by role text: news repeats a few roles ("President", "Sen.") across
        # thousands of mentions, and the lexicon does not change once built
        self._parsed: dict[str, Role] = {}

    # -- construction

    def _add_lex(self, alias: str, kind: str, value: Any) -> None:
        key = phrase_key(alias)
        if key and (kind, value) not in self._lexicon[key]:
            self._lexicon[key].append((kind, value))

    def _add_title(self, t: Title) -> None:
        self.titles[fold(t.title)] = t
        for alias in {t.title, *t.aliases}:
            self._add_lex(alias, "title", t)

    def _add_country(self, c: Country) -> None:
        self.countries[c.id] = c
        for alias in {c.name, *(c.aliases), *([c.adjective] if c.adjective else [])}:
            self._add_lex(alias, "country", c)
            self._country_by_key[" ".join(phrase_key(alias))] = c

    def _add_org(self, o: Organization) -> None:
        self.organizations[o.id] = o
        for alias in {o.name, *o.aliases}:
            self._add_lex(alias, "org", o)
            self._org_by_key[" ".join(phrase_key(alias))] = o

    def country(self, text: str | None) -> Country | None:
        """The country a name, alias or adjective stands for."""
        return self._country_by_key.get(" ".join(phrase_key(text))) if text else None

    def organization(self, text: str | None) -> Organization | None:
        """The organization a name or alias stands for."""
        return self._org_by_key.get(" ".join(phrase_key(text))) if text else None

    def _org_display(self, org: Organization, country: Country | None) -> str:
        if org.national and country is not None:
            return f"{country.adjective or country.name} {org.name}"
        return org.name

    def position(self, e: dict[str, Any]) -> Position:
        """A position entry with title, organization and country in their canonical forms."""
        country = self.country(e.get("country"))
        org = self.organization(e.get("organization"))
        if country is None and org is not None and org.country:
            country = self.country(org.country)
        text = prep(e["title"])
        role = self._parse_part(text, role_tokens(text), title_only=True)
        title = role.title or e["title"]
        org_name = self._org_display(org, country) if org else e.get("organization")
        country_name = country.name if country else e.get("country")
        return Position(title, org_name, country_name, e.get("start"), e.get("end"))

    # -- the grammar

    def title_words(self) -> frozenset[str]:
        """Lower-case head nouns of titles and role words ("minister", "secretary-general", "chief").

        For each title and alias: the word before "of"/"for"/"to" if any, else the last word, in
        hyphenated and split form, plus the ``role_words`` of the data. Abbreviations with dots
        are left out ("gen." is not a noun the extractor sees as a head).
        """
        words: set[str] = set(self._role_words)
        for t in self.titles.values():
            for alias in (t.title, *t.aliases):
                if "." in alias or "/" in alias:
                    continue
                low = fold(alias)
                words.add(re.split(r"\s+(?:of|for|to|in|on)\s+", low)[0].split()[-1])
        return frozenset(w for w in words if len(w) > 2 or w in ("pm", "mp", "fm", "vp"))

    def scan(self, toks: Sequence[Tok]) -> list[Item]:
        """Longest-match items over tokens: kind title/org/country, else poss/word per token."""
        items: list[Item] = []
        i = 0
        while i < len(toks):
            found = self._longest(toks, i)
            if found is None:
                items.append(Item("poss" if toks[i].key == "'s" else "word", toks[i].key, i, i + 1))
                i += 1
            else:
                items.append(found)
                i = found.j
        return items

    def _longest(self, toks: Sequence[Tok], i: int) -> Item | None:
        for n in range(min(self._max_lex, len(toks) - i), 0, -1):
            hits = self._lexicon.get(tuple(t.key for t in toks[i : i + n]))
            if hits:
                # A phrase that is both a country and an org ("the House"?) counts as the org.
                kind, value = sorted(hits, key=lambda h: ("title", "org", "country").index(h[0]))[0]
                return Item(kind, value, i, i + n)
        return None

    def parse_role(self, role: str | None) -> Role:
        """Parse a role as printed into title, organization and country (see :class:`Role` and
        the conventions in this module's docstring)."""
        if not role or not role.strip():
            return Role()
        hit = self._parsed.get(role)
        if hit is None:
            text = prep(role)
            parsed = [self._parse_part(text, p) for p in _comma_parts(role_tokens(text))]
            hit = _combine_parts(parsed) if parsed else Role()
            if len(self._parsed) >= _PARSED_ROLES_KEPT:
                self._parsed.clear()  # a bound on memory over a long run; the common roles come back at once
            self._parsed[role] = hit
        return hit

    def _parse_part(self, text: str, toks: Sequence[Tok], *, title_only: bool = False) -> Role:
        """One comma-separated part of a role: the head title, its owner and its country."""
        items = self.scan(toks)
        head = _read_head(text, toks, items)
        if title_only:
            return Role(_with_qualifier(head.title, head.qualifier), kind=head.kind, qualifier=head.qualifier)
        org, country = self._owner(items, head)
        title, kind = head.title, head.kind
        if kind == "generic":
            title, kind = self._generic_head(title, org, country)
        return Role(
            title=_with_qualifier(title, head.qualifier),
            organization=self._org_display(org, country) if org else None,
            country=country.name if country else None,
            qualifier=head.qualifier,
            kind=kind,
            former=any(it.kind == "word" and it.value in FORMER for it in items),
            org_head=org.head if org else None,
            org_national=bool(org and org.national),
        )

    def _owner(self, items: Sequence[Item], head: _Head) -> tuple[Organization | None, Country | None]:
        """The organization and country of a role part: named after "of", else the first ones
        before the qualifier; an organization's country when no country is named."""
        scope = items[: head.end if head.end is not None else len(items)]
        org = head.owner_org or next((it.value for it in scope if it.kind == "org"), None)
        country = head.owner_country or next((it.value for it in scope if it.kind == "country"), None)
        if country is None and org is not None and org.country:
            country = self.country(org.country)
        return org, country

    def _generic_head(self, title: str | None, org: Organization | None, country: Country | None) -> tuple[str | None, str | None]:
        """"Chief", "Head", "Leader": the organization's head title or the country's leader's; a
        deputy or vice head ("the deputy head of China's delegation") is not the head."""
        if title is not None and len(title.split()) > 1:
            return title, "generic"
        mapped = org.head if org is not None and org.head else (country.leader if country is not None and country.leader else None)
        if not mapped:
            return title, "generic"
        entry = self.titles.get(fold(mapped))
        return (entry.title, entry.kind) if entry else (mapped, "office")

    def normalize_role(self, role: str | None) -> tuple[str | None, str | None]:
        """(normalized title, organization) of a role as printed; see :meth:`parse_role`.

        The organization is the organization named (national bodies with their country:
        "Azerbaijani Defense Ministry"), else the country for national offices ("Azerbaijani
        President" -> ("President", "Azerbaijan")), else None ("Colonel General").
        """
        r = self.parse_role(role)
        return r.title, r.owner

    def split_mention(self, mention: str) -> tuple[str, str]:
        """("name part", "role part") of a mention such as "Russian President Vladimir"."""
        text = prep(mention)
        toks = role_tokens(text)
        items = self.scan(toks)
        k = 0
        while k < len(items) and _is_role_item(items[k]):
            k += 1
        if k == 0:
            return mention.strip(), ""
        if k == len(items):
            return "", mention.strip()
        cut = toks[items[k].i].start
        return text[cut:].strip(), text[:cut].strip()


def _comma_parts(toks: Sequence[Tok]) -> list[list[Tok]]:
    """The tokens of a role split at commas, semicolons and brackets (empty parts dropped)."""
    parts: list[list[Tok]] = [[]]
    for t in toks:
        if t.key in (",", ";", "(", ")"):
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _combine_parts(parsed: Sequence[Role]) -> Role:
    """One role from its comma-separated parts: the best-ranked title (an office over a rank)
    with the organization and country any part names."""
    best = min(parsed, key=lambda r: _RANK_ORDER.get(r.kind, 4))
    org = best.organization or next((r.organization for r in parsed if r.organization), None)
    country = best.country or next((r.country for r in parsed if r.country), None)
    if org == best.organization and country == best.country:
        return best
    extra = next((r for r in parsed if r.organization == org), best)
    return Role(best.title, org, country, best.qualifier, best.kind, any(r.former for r in parsed),
                best.org_head or extra.org_head, best.org_national or extra.org_national)  # fmt: skip


def _is_role_item(item: Item) -> bool:
    """Whether an item of a mention belongs to the role before the name."""
    if item.kind in ("title", "org", "country", "poss"):
        return True
    return item.kind == "word" and (item.value in ROLE_FILLER or item.value in FORMER or item.value in MODIFIERS)
