"""Gazetteer: name, variant, tenure and title-only resolution; role normalization; validation; CLI."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes import gazetteer as gz
from quotes.cli import app
from quotes.gazetteer import Gazetteer, GazetteerError, default_gazetteer

runner = CliRunner()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def _id(person):
    return person.id if person is not None else None


# ---- names and spelling variants ----------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Jens Stoltenberg", "jens-stoltenberg"),
        ("Stoltenberg", "jens-stoltenberg"),  # a unique surname
        ("jens stoltenberg", "jens-stoltenberg"),
        ("Stoltenberg's", "jens-stoltenberg"),  # possessive
        ("Stoltenberg’s", "jens-stoltenberg"),
        ("J. Stoltenberg", "jens-stoltenberg"),  # initial
        ("Mr. Pashinyan", "nikol-pashinyan"),  # honorific
        ("Pashinian", "nikol-pashinyan"),  # transliteration listed as alias
        ("Nikol Pashinian", "nikol-pashinyan"),
        ("Aliev", "ilham-aliyev"),
        ("Ilham Aliyev", "ilham-aliyev"),
        ("İlham Əliyev", "ilham-aliyev"),  # Azerbaijani spelling
        ("Erdogan", "recep-tayyip-erdogan"),
        ("Erdoğan", "recep-tayyip-erdogan"),  # diacritics
        ("ERDOGAN", "recep-tayyip-erdogan"),
        ("Tayyip Erdogan", "recep-tayyip-erdogan"),
        ("Armen Sarkissian", "armen-sarkissian"),
        ("Colomina", "javier-colomina"),
        ("Hasanov", "zakir-hasanov"),
        ("Bayramov", "jeyhun-bayramov"),
        ("Ceyhun Bayramov", "jeyhun-bayramov"),
        ("Michel", "charles-michel"),
        ("Toivo Klaar", "toivo-klaar"),
        ("Pompeo", "mike-pompeo"),
        ("Fuat Oktay", "fuat-oktay"),
        ("Sergey Lavrov", "sergei-lavrov"),
        ("Zelenskyy", "volodymyr-zelensky"),
        ("von der Leyen's", "ursula-von-der-leyen"),
        ("Le Drian", "jean-yves-le-drian"),
        ("Xi", "xi-jinping"),
        ("Dr. Xi Jinping", "xi-jinping"),
        ("Joseph R. Biden Jr.", "joe-biden"),
        ("Jens Stoltenburg", "jens-stoltenberg"),  # garbled surname, first name exact
    ],
)
def test_names_and_variants(gaz, mention, expected):
    assert _id(gaz.lookup(mention)) == expected


@pytest.mark.parametrize(
    "mention",
    [
        "Cheryl Sanders",  # a byline: shares a surname with a known person, not a first name
        "Chelsea Clinton",  # not in the data: never forced onto Hillary (or Bill)
        "Saunders",  # close to Sanders, but a surname variant alone needs a title
        "Stoltenburg",
        "Clifton",
        "Vladimir",  # a first name alone needs a title
        "he",
        "the senators",
        "",
        "   ",
        "Mr.",
    ],
)
def test_unknown_mentions_stay_unresolved(gaz, mention):
    assert gaz.lookup(mention) is None
    assert gaz.resolve(mention, date="2016-03-01") is None


@pytest.mark.parametrize(
    ("mention", "role", "at", "expected"),
    [
        # seed 003 prints "Russian President Vladimir said": the title makes the first name unique
        ("Vladimir", "Russian President", "2020-10-24", "vladimir-putin"),
        ("Russian President Vladimir", None, "2020-10-24", "vladimir-putin"),
        ("Saunders", "Senator", "2016-03-01", "bernie-sanders"),
        ("Hasanov", "Azerbaijani Defense Ministry’s Chief, Colonel General", "2021-10-18", "zakir-hasanov"),
        ("Aliyev", "Azerbaijani President", "2021-12-14", "ilham-aliyev"),
        ("Sarkissian", "Armenia's President", "2020-10-22", "armen-sarkissian"),
        # a surname two people share: tenure at the date decides
        ("Sargsyan", None, "2020-10-22", "armen-sarkissian"),
        ("Sargsyan", "President", "2010-06-01", "serzh-sargsyan"),
        ("Sargsyan", None, None, None),
        # a title that contradicts the person, or a tenure that does not fit
        ("Johnson", "Prime Minister", "1965-01-01", None),
        ("Stoltenberg", "Russian President", "2020-10-24", None),
        ("Michel", "President of the European Council", "2022-08-04", "charles-michel"),
        ("Rutte", "Dutch Prime Minister", "2020-01-01", "mark-rutte"),
        ("Clinton", "former Secretary of State", "2016-05-01", "hillary-clinton"),
    ],
)
def test_role_and_tenure_disambiguate(gaz, mention, role, at, expected):
    assert _id(gaz.lookup(mention, role=role, date=at)) == expected


def test_organization_argument_supports_a_first_name(gaz):
    assert gaz.resolve("Jens", organization="NATO", date="2020-01-01").id == "jens-stoltenberg"
    assert gaz.resolve("Jens") is None


# ---- title-only mentions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "at", "expected"),
    [
        ("the NATO secretary-general", "2020-10-22", "jens-stoltenberg"),
        ("the NATO secretary-general", "2025-03-01", "mark-rutte"),
        ("NATO Secretary General", "2024-09-30", "jens-stoltenberg"),
        ("NATO Secretary General", "2024-10-01", "mark-rutte"),  # end is the first day out of office
        ("the NATO chief", "2021-01-01", "jens-stoltenberg"),
        ("the alliance's secretary general", "2016-01-01", "jens-stoltenberg"),
        ("NATO Secretary General’s Special Representative for the Caucasus and Central Asia", "2021-10-18", "javier-colomina"),
        ("the NATO secretary-general's special representative for the Caucasus", "2022-08-04", "javier-colomina"),
        ("the bloc’s special representative for the South Caucasus", "2022-08-04", "toivo-klaar"),
        ("Azerbaijani President", "2021-10-18", "ilham-aliyev"),
        ("the Azerbaijani president", None, None),  # an undated article: no title-only resolution (issue 12)
        ("the president of Russia", "2021-10-18", "vladimir-putin"),
        ("Armenian President", "2020-10-22", "armen-sarkissian"),
        ("Armenian President", "2023-01-01", "vahagn-khachaturyan"),
        ("Armenia's PM", "2021-10-18", "nikol-pashinyan"),
        ("the Armenian leader", "2021-10-18", "nikol-pashinyan"),
        ("US Secretary of State", "2020-10-24", "mike-pompeo"),
        ("US Secretary of State", "2022-01-01", "antony-blinken"),
        ("Turkish Vice-President", "2020-10-24", "fuat-oktay"),
        ("Azerbaijani Defense Ministry's Chief", "2021-10-18", "zakir-hasanov"),
        ("the president of the European Council", "2021-12-14", "charles-michel"),
        ("the president of the European Council", "2025-01-01", "antonio-costa"),
        ("EU foreign policy chief", "2022-01-01", "josep-borrell"),
        # not unique, not an office, or no owner: never guessed
        ("the NATO secretary-general", None, None),
        ("NATO Secretary General’s Special Representative for the Caucasus and Central Asia", "2025-01-01", None),
        ("the EU's special representative", "2022-08-04", None),  # qualifier missing
        ("the president", "2020-01-01", None),
        ("the minister", "2021-10-18", None),
        ("a senator", "2016-01-01", None),
        ("an EU official", "2022-08-04", None),
        ("Colonel General", "2021-10-18", None),
        ("former Azerbaijani President", "2021-10-18", None),
        ("Deputy Assistant Secretary General for Political Affairs", "2021-10-18", None),
    ],
)
def test_resolve_title_by_tenure(gaz, role, at, expected):
    assert _id(gaz.resolve_title(role, date=at)) == expected


def test_title_only_mention_through_resolve(gaz):
    assert gaz.resolve("the NATO secretary-general", date="2020-10-22").id == "jens-stoltenberg"
    assert gaz.resolve("the NATO secretary-general", date=date(2025, 3, 1)).id == "mark-rutte"
    assert gaz.resolve("the minister", date="2021-10-18") is None


# ---- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("the NATO secretary-general's special representative for the Caucasus and Central Asia",
         ("Special Representative for the Caucasus and Central Asia", "NATO")),
        ("Azerbaijani Defense Ministry’s Chief", ("Defense Minister", "Azerbaijani Defense Ministry")),
        ("Azerbaijani Defense Ministry’s Chief, Colonel General", ("Defense Minister", "Azerbaijani Defense Ministry")),
        ("Colonel General", ("Colonel General", None)),
        ("Col. Gen.", ("Colonel General", None)),
        ("PM", ("Prime Minister", None)),
        ("Armenian PM", ("Prime Minister", "Armenia")),
        ("FM", ("Foreign Minister", None)),
        ("Sec. of State", ("Secretary of State", None)),
        ("secretary general", ("Secretary-General", None)),
        ("SG", ("Secretary-General", None)),
        ("NATO Secretary-General", ("Secretary-General", "NATO")),
        ("Defence Minister", ("Defense Minister", None)),
        ("minister of defence", ("Defense Minister", None)),
        ("Azerbaijani President", ("President", "Azerbaijan")),
        ("Turkish Vice-President", ("Vice-President", "Turkey")),
        ("US Secretary of State", ("Secretary of State", "United States")),
        ("the president of the European Council", ("President", "European Council")),
        ("the bloc’s special representative for the South Caucasus", ("Special Representative for the South Caucasus", "European Union")),
        ("Deputy Assistant Secretary General for Political Affairs and Security Policy",
         ("Deputy Assistant Secretary-General for Political Affairs and Security Policy", None)),
        ("NATO chief", ("Secretary-General", "NATO")),
        ("the Armenian leader", ("Prime Minister", "Armenia")),
        # a deputy head is not the head: no country's leader, no organization's chief
        ("deputy head of China", ("Deputy Head", "China")),
        ("the deputy NATO chief", ("Deputy Chief", "NATO")),
        ("Deputy Russian Foreign Minister", ("Deputy Foreign Minister", "Russia")),
        ("Russian Foreign Ministry spokeswoman", ("Spokesperson", "Russian Foreign Ministry")),
        ("Secretary General spokesman", ("Spokesperson", None)),
        ("Azerbaijan's Foreign Ministry", (None, "Azerbaijani Foreign Ministry")),
        ("an EU official", ("Official", "European Union")),
        ("Minister of Agriculture", ("Minister of Agriculture", None)),
        ("", (None, None)),
        ("the weather", (None, None)),
    ],
)  # fmt: skip
def test_normalize_role(role, expected):
    assert gz.normalize_role(role) == expected


@pytest.mark.parametrize("role", ["deputy head of China", "the deputy NATO chief", "Deputy Russian Foreign Minister"])
def test_a_deputy_is_never_the_holder_of_the_office(role):
    assert gz.default_gazetteer().identify_title(role, date="2020-01-01") is None


def test_parse_role_marks_former_and_kind():
    r = gz.parse_role("former Secretary of State")
    assert (r.title, r.former, r.kind) == ("Secretary of State", True, "office")
    assert gz.parse_role("Colonel General").kind == "rank"


def test_title_words_cover_role_nouns():
    words = gz.title_words()
    for w in ("minister", "president", "secretary-general", "secretary", "spokesman", "official",
              "representative", "chief", "general", "ambassador", "senator", "pm"):  # fmt: skip
        assert w in words, w
    assert all(w == w.lower() and " " not in w for w in words)
    assert not {"the", "of", "in", "co", "nato"} & words


# ---- search queries ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Stoltenberg", ["jens-stoltenberg"]),
        ("jens stoltenberg", ["jens-stoltenberg"]),
        ("Stoltenberg, Jens", ["jens-stoltenberg"]),
        ("Stoltenburg", ["jens-stoltenberg"]),
        ("jens-stoltenberg", ["jens-stoltenberg"]),
        ("Pashinian", ["nikol-pashinyan"]),
        ("Sargsyan", ["armen-sarkissian", "serzh-sargsyan"]),  # shared surname: both
        ("Zzyzx", []),
        ("", []),
    ],
)
def test_match_query(query, expected):
    assert [p.id for p in gz.match_query(query)] == expected


# ---- every alias resolves to its own person ------------------------------------------------


def _all_aliases() -> list[tuple[str, str]]:
    return [(p.id, a) for p in default_gazetteer() for a in p.aliases]


def test_bundled_data_is_valid():
    assert gz.validate_bundled() == []
    assert len(default_gazetteer()) >= 50


@settings(max_examples=150, deadline=None)
@given(
    pair=st.sampled_from(_all_aliases()),
    case=st.sampled_from([str, str.lower, str.upper]),
    decorate=st.sampled_from(["{}", "{}'s", "{}’s", "{hon} {}", "Dr. {}", " {} "]),
)
def test_every_alias_resolves_to_its_person(pair, case, decorate):
    pid, alias = pair
    hon = "Ms." if default_gazetteer().get(pid).gender == "f" else "Mr."
    assert _id(default_gazetteer().resolve(decorate.format(case(alias), hon=hon))) == pid  # an alias needs no date


def test_people_have_consistent_positions():
    for person in default_gazetteer():
        assert person.gender in (None, "m", "f"), person.id
        assert person.name in person.aliases
        for pos in person.positions:
            assert pos.start is None or pos.end is None or pos.start <= pos.end, person.id


# ---- validation ----------------------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("people:\n  - id: a-b\n    name: A B\n  - id: a-b\n    name: C D\n", 4, "people[a-b].id", "duplicate id"),
        ("people:\n  - id: x-y\n    name: X Y\n    aliases: [Stoltenberg J]\n  - id: z\n    name: Z\n    aliases: [stoltenberg j]\n",
         7, "people[z].aliases[0]", "also an alias of 'x-y'"),
        ("people:\n  - id: x-y\n    name: Jens Stoltenberg\n", 3, "people[x-y].name", "also an alias of 'jens-stoltenberg'"),
        ("people:\n  - id: x\n    name: X\n    positions:\n      - {title: President, start: 2020-02-30}\n",
         5, "people[x].positions[0].start", "not a valid date"),
        ("people:\n  - id: x\n    name: X\n    positions:\n      - {title: President, start: 'May 2020'}\n",
         5, "people[x].positions[0].start", "not an ISO date"),
        ("people:\n  - id: x\n    name: X\n    positions:\n      - title: President\n        start: 2020-01-01\n        end: 2019-01-01\n",
         7, "people[x].positions[0].end", "before start"),
        ("people:\n  - id: x\n    name: X\n    colour: red\n", 4, "people[x].colour", "unknown key"),
        ("people:\n  - id: x\n    name: X\n    positions:\n      - {title: President, boss: y}\n", 5, "people[x].positions[0].boss", "unknown key"),
        ("peoples:\n  - id: x\n", 1, "peoples", "unknown key"),
        ("people:\n  - id: x\n    name: X\n    aliases: Y\n", 4, "people[x].aliases", "expected a list"),
        ("people:\n  - id: x\n    name: [X]\n", 3, "people[x].name", "expected a string"),
        ("people:\n  - id: x\n    name: X\n    aliases: [1984]\n", 4, "people[x].aliases[0]", "expected a string"),
        ("people:\n  - id: x\n    name: X\n    gender: male\n", 4, "people[x].gender", "m, f or null"),
        ("people:\n  - id: x\n    name: X\n    wikidata: 12345\n", 4, "people[x].wikidata", "expected a Wikidata QID"),
        ("people:\n  - id: Jens Stoltenberg\n    name: X\n", 2, "people[Jens Stoltenberg].id", "lower-case slug"),
        ("people:\n  - name: X\n", 2, "people[0].id", "missing"),
        ("people:\n  - just a string\n", 2, "people[0]", "expected a mapping"),
        ("titles:\n  - {title: Ombudsman, kind: sometimes}\n", 2, "titles[Ombudsman].kind", "kind must be one of"),
        ("organizations:\n  - {id: x, name: X, national: maybe}\n", 2, "organizations[x].national", "true or false"),
        ("people:\n  - id: x\n    name: 'unclosed\n", 4, "yaml", "not valid YAML"),
        ("- a\n- b\n", 1, "top level", "expected a mapping"),
    ],
)  # fmt: skip
def test_validate_reports_file_line_and_field(tmp_path, text, line, field, message):
    path = _write(tmp_path, text)
    issues = gz.validate(path)
    assert issues, "expected a problem"
    first = issues[0]
    assert (first.file, first.line, first.field) == (str(path), line, field)
    assert message in first.message
    assert str(first).startswith(f"{path}:{line}: {field}: ")


def test_validate_accepts_a_good_file_and_missing_file_is_one_issue(tmp_path):
    good = _write(tmp_path, "# mine\npeople:\n  - id: jane-doe\n    name: Jane Doe\n    gender: f\n")
    assert gz.validate(good) == []
    missing = gz.validate(tmp_path / "nope.yaml")
    assert len(missing) == 1 and missing[0].field == "file" and "no such" in missing[0].message


def test_load_raises_with_location(tmp_path):
    path = _write(tmp_path, "people:\n  - id: x\n    name: X\n    gender: q\n")
    with pytest.raises(GazetteerError, match=rf"^{path}:4: people\[x\].gender: "):
        Gazetteer.load([path])
    with pytest.raises(GazetteerError, match="no such gazetteer file"):
        Gazetteer.load([tmp_path / "missing.yaml"])


# ---- merging user files --------------------------------------------------------------------

USER_FILE = """\
people:
  - id: jane-doe            # a new person
    name: Jane Doe
    gender: f
    positions:
      - {title: Ombudsman, country: Armenia, start: 2019-01-01, end: null}
  - id: jens-stoltenberg    # extends the bundled entry
    aliases: [Jens Stoltenbergh]
    positions:
      - {title: Chair, organization: Munich Security Conference, start: 2026-01-01}
titles:
  - {title: Ombudsman, kind: office}
"""


def test_user_file_merges_over_bundled(tmp_path):
    g = Gazetteer.load([_write(tmp_path, USER_FILE)])
    assert g.resolve("Jane Doe").id == "jane-doe"
    assert g.resolve_title("the Armenian Ombudsman", date="2020-05-01").id == "jane-doe"
    stoltenberg = g.get("jens-stoltenberg")
    assert stoltenberg.name == "Jens Stoltenberg"  # kept
    assert "Jens Stoltenbergh" in stoltenberg.aliases and "Jens Stoltenberg" in stoltenberg.aliases
    assert len(stoltenberg.positions) == len(default_gazetteer().get("jens-stoltenberg").positions) + 1
    assert g.resolve_title("NATO Secretary General", date="2020-01-01").id == "jens-stoltenberg"
    assert default_gazetteer().get("jane-doe") is None  # the default is untouched


def test_user_entry_without_name_needs_a_known_id(tmp_path):
    path = _write(tmp_path, "people:\n  - id: nobody-known\n    aliases: [Nobody]\n")
    with pytest.raises(GazetteerError, match="name: missing"):
        Gazetteer.load([path])


def test_load_without_bundled_data(tmp_path):
    g = Gazetteer.load([_write(tmp_path, USER_FILE.split("  - id: jens")[0])], bundled=False)
    assert [p.id for p in g] == ["jane-doe"]
    assert g.resolve("Stoltenberg") is None


def test_load_gazetteer_option_caches_and_defaults(tmp_path):
    assert gz.load_gazetteer([]) is default_gazetteer()
    assert gz.load_gazetteer(None) is default_gazetteer()
    path = _write(tmp_path, USER_FILE)
    first = gz.load_gazetteer([path])
    assert gz.load_gazetteer([str(path)]) is first
    assert first.get("jane-doe") is not None


def test_gazetteer_pickles_for_worker_processes(gaz):
    copy = pickle.loads(pickle.dumps(gaz))
    assert copy.lookup("Pashinian").id == "nikol-pashinyan"
    assert copy.normalize_role("Armenian PM") == ("Prime Minister", "Armenia")


# ---- assignment only with evidence (issue 12 item 2) ---------------------------------------


@pytest.mark.parametrize(
    ("mention", "at", "article_names", "expected"),
    [
        # a name or alias needs nothing else
        ("David Cameron", None, (), ("david-cameron", "gazetteer-alias")),
        ("Tayyip Erdogan", None, (), ("recep-tayyip-erdogan", "gazetteer-alias")),  # a form of the full name
        ("Jens Stoltenburg", None, (), ("jens-stoltenberg", "gazetteer-alias")),  # first name exact, surname misspelt
        ("Rafael Edward Cruz", None, (), ("ted-cruz", "gazetteer-alias")),  # his legal name, in full
        # a longer legal name less its middle keeps a first name the person does not go by: the
        # pastor Rafael Cruz is Ted Cruz's father, John Bush is not Jeb
        ("Rafael Cruz", "2016-01-12", (), None),
        ("Rafael Cruz", None, (), None),
        ("John Bush", "2016-01-12", (), None),
        ("Ted Cruz", "2016-01-12", (), ("ted-cruz", "gazetteer-alias")),
        ("Wasserman Schultz", "2016-01-12", (), ("debbie-wasserman-schultz", "gazetteer-alias")),  # her surname, in full
        ("J. Stoltenberg", None, (), None),  # an initial and a surname: a surname, which needs a date
        ("J. Stoltenberg", "2016-01-01", (), ("jens-stoltenberg", "gazetteer-surname")),
        ("Jens Stoltenberg's", "1980-01-01", (), ("jens-stoltenberg", "gazetteer-alias")),
        # the famous-namesake failures: Sir/Dame + one name is the knight's first name
        ("Sir Cameron", "2019-05-01", ("Cameron Mackintosh",), None),
        ("Sir Cameron", "2012-05-01", (), None),
        ("Dame Theresa", "2019-05-01", (), None),
        # an honorific must agree with the person's gender
        ("Mr Harris", "2005-06-01", (), None),
        ("Lord Harris", "2005-06-01", (), None),
        ("Mr. Harris", "2019-06-01", (), None),
        ("Ms Harris", "2019-06-01", (), ("kamala-harris", "gazetteer-surname")),
        # a surname: the article uses it for no one else, and the date is inside public life
        ("Cameron", "2012-03-01", (), ("david-cameron", "gazetteer-surname")),
        ("Cameron", "2012-03-01", ("Cameron Mackintosh", "Cameron"), None),
        ("Cameron", "2012-03-01", ("David Cameron",), ("david-cameron", "gazetteer-surname")),
        ("Cameron", "1995-03-01", (), None),  # before his public life (2001)
        ("Cameron", None, (), None),  # an undated article
        ("Harris", "2003-06-01", (), None),  # before Kamala Harris's public life (2004)
        ("Clinton", "2016-05-01", ("Bill Clinton",), None),
        ("Clinton", "2016-05-01", ("Hillary Clinton",), ("hillary-clinton", "gazetteer-surname")),
        ("Trump", "2015-08-01", (), ("donald-trump", "gazetteer-surname")),  # public before his first office
        ("McCain", "2020-01-01", (), None),  # after his death: another McCain
        # a title held at the article's date
        ("Russian President Vladimir", "2020-10-24", (), ("vladimir-putin", "gazetteer-title")),
        ("Russian President Vladimir", None, (), None),
        ("the NATO secretary-general", "2020-10-24", (), ("jens-stoltenberg", "gazetteer-title")),
        ("the NATO secretary-general", "2025-02-01", (), ("mark-rutte", "gazetteer-title")),
        ("the NATO secretary-general", "2010-01-01", (), None),  # no holder in the data then
        ("the NATO secretary-general", None, (), None),  # undated: no title-only resolution
        ("Prime Minister Johnson", "1965-01-01", (), None),
    ],
)
def test_gazetteer_assigns_only_with_evidence(gaz, mention, at, article_names, expected):
    match = gaz.identify(mention, date=at, article_names=article_names)
    assert ((match.person.id, match.evidence) if match else None) == expected
    assert _id(gaz.resolve(mention, date=at, article_names=article_names)) == (expected[0] if expected else None)


def test_a_title_never_goes_to_someone_out_of_office(gaz):
    # Stoltenberg's positions: NATO 2014-2024, Norway's PM 2000-01 and 2005-13, finance minister 2025-
    assert gaz.identify("Stoltenberg", role="NATO Secretary-General", date="2012-01-01") is None
    match = gaz.identify("Stoltenberg", role="NATO Secretary-General", date="2016-01-01")
    assert match is not None and (match.person.id, match.evidence) == ("jens-stoltenberg", "gazetteer-title")
    assert gaz.identify_title("Norwegian Prime Minister", date="2003-01-01") is None  # Bondevik, not in the data


def test_public_life_reads_active_years(tmp_path):
    path = _write(tmp_path, "people:\n  - id: ann-roe\n    name: Ann Roe\n    gender: f\n    active_from: 1999\n"
                            "    active_until: 2010-05-01\n  - id: bob-poe\n    name: Bob Poe\n")  # fmt: skip
    g = Gazetteer.load([path], bundled=False)
    assert g.get("ann-roe").public_life() == (date(1999, 1, 1), date(2010, 5, 1))
    assert _id(g.resolve("Roe", date="2005-01-01")) == "ann-roe"
    assert g.resolve("Roe", date="2011-01-01") is None
    assert g.get("bob-poe").public_life() is None and g.resolve("Poe", date="2005-01-01") is None
    assert _id(g.lookup("Poe")) == "bob-poe"  # a lookup needs no evidence
    bad = _write(tmp_path, "people:\n  - id: x\n    name: X\n    active_from: last year\n")
    assert [i.message for i in gz.validate(bad, against_bundled=False)] == ["expected a year (YYYY), got 'last year'"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "at", "not_id"),
    [
        ("The theatre impresario Sir Cameron Mackintosh opened the new production on Monday. "
         '"It is the show I always wanted to make," Sir Cameron said.', "2019-05-01", "david-cameron"),
        ('Lord Harris of Peckham opened the academy on Friday. "Every child deserves this," Lord Harris said.',
         "2005-09-01", "kamala-harris"),
        ('The club chairman, Tom Harris, spoke after the vote. "We have the money," Mr Harris said.',
         "2005-09-01", "kamala-harris"),
    ],
)  # fmt: skip
def test_famous_namesakes_are_not_assigned(nlp, text, at, not_id):
    from quotes.attribution import extract_quotes

    found = extract_quotes(nlp(text), gazetteer=default_gazetteer(), date=at)
    assert found and all(q.speaker_id != not_id for q in found)
    assert any(q.speaker_name and ("Cameron" in q.speaker_name or "Harris" in q.speaker_name) for q in found)


# ---- the package: data shipped, and the interface extraction uses ---------------------------


def test_bundled_data_is_package_data():
    """pyproject's package-data globs cover every data file, so `pip install .` ships them."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    globs = config["package-data"]["quotes.gazetteer"]
    pkg = root / "quotes" / "gazetteer"
    shipped = {p for g in globs for p in pkg.glob(g)}
    assert set((pkg / "data").iterdir()) - {pkg / "data" / "__pycache__"} <= shipped
    assert [label for label, _ in gz.bundled_files()] == [f"gazetteer/{n}" for n in ("countries.yaml", "organizations.yaml", "people.yaml", "titles.yaml")]


def test_gazetteer_satisfies_the_protocol_extraction_uses(gaz):
    assert isinstance(gaz, gz.GazetteerLike)
    assert not isinstance(object(), gz.GazetteerLike)


class _Failing:
    """A gazetteer whose lookups raise ``error``."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def identify(self, mention, *, role=None, date=None, article_names=()):
        raise self.error

    def identify_title(self, role, *, date=None):
        raise self.error

    def resolve(self, mention, *, role=None, date=None, article_names=()):
        raise self.error

    def resolve_title(self, role, *, date=None):
        raise self.error

    def normalize_role(self, role):
        raise self.error

    def title_words(self):
        return frozenset({"minister"})


@pytest.mark.slow
def test_a_gazetteer_error_keeps_the_quote_and_a_bug_is_not_hidden(nlp):
    from quotes.attribution import extract_quotes

    doc = nlp('"We will not leave," Defense Minister Anna Kowalski said on Tuesday.')
    found = extract_quotes(doc, gazetteer=_Failing(GazetteerError("people.yaml:3: broken")))
    assert [q.speaker_name for q in found] == ["Anna Kowalski"]
    with pytest.raises(ZeroDivisionError):
        extract_quotes(doc, gazetteer=_Failing(ZeroDivisionError()))


# ---- suggestions ---------------------------------------------------------------------------

SUGGEST_TEXTS = [
    "Ombudsman Jane Doe said the plan would fail. Doe added that talks should resume. "
    "Jens Stoltenberg said nothing.",
    "Ombudsman Jane Doe spoke again on Monday. Armenian Prime Minister Nikol Pashinyan met Jane Doe in Yerevan.",
]


@pytest.mark.slow
def test_suggest_lists_unknown_people_and_titles(nlp):
    found = gz.suggest(SUGGEST_TEXTS, nlp=nlp, min_count=2)
    people = {s.name: s for s in found if s.kind == "person"}
    assert "Jane Doe" in people and people["Jane Doe"].count >= 3
    assert people["Jane Doe"].documents == ("#1", "#2")
    assert not any("Stoltenberg" in n or "Pashinyan" in n for n in people)  # known
    assert any(s.kind == "title" and s.name == "Ombudsman" for s in found)
    text = gz.suggestions_yaml(found)
    import yaml

    data = yaml.safe_load(text)
    assert {"id": "jane-doe", "name": "Jane Doe"}.items() <= data["people"][0].items()
    assert data["titles"][0]["title"] == "Ombudsman"


@pytest.mark.slow
def test_suggested_yaml_is_a_valid_gazetteer_file(nlp, tmp_path):
    text = gz.suggestions_yaml(gz.suggest(SUGGEST_TEXTS, nlp=nlp, min_count=2))
    assert gz.validate(_write(tmp_path, text)) == []


@pytest.mark.slow
def test_suggest_skips_the_byline_and_known_seed_speakers(nlp):
    from quotes.ingest import iter_documents

    docs = list(iter_documents([Path(__file__).resolve().parent.parent / "corpus"]))
    assert any(d.author for d in docs)
    names = [s.name for s in gz.suggest(docs, nlp=nlp, min_count=1) if s.kind == "person"]
    assert not any("Sanders" in n for n in names)  # the byline
    assert not any(w in n for n in names for w in ("Stoltenberg", "Colomina", "Aliyev", "Pashinyan", "Hasanov"))


# ---- command line --------------------------------------------------------------------------


def test_cli_check_bundled_ok():
    result = runner.invoke(app, ["gazetteer", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: bundled data (")


def test_cli_check_file_errors_exit_2(tmp_path):
    path = _write(tmp_path, "people:\n  - id: x\n    name: X\n    gender: q\n  - id: x\n    name: Y\n")
    result = runner.invoke(app, ["gazetteer", "check", str(path)])
    assert result.exit_code == 2
    lines = result.stdout.strip().splitlines()
    assert lines == [f"{path}:4: people[x].gender: gender must be m, f or null, got 'q'",
                     f"{path}:5: people[x].id: duplicate id 'x' (first at line 2)"]  # fmt: skip
    assert "Traceback" not in result.output


def test_cli_check_good_and_missing_file(tmp_path):
    good = _write(tmp_path, USER_FILE)
    result = runner.invoke(app, ["gazetteer", "check", str(good)])
    assert result.exit_code == 0 and "ok:" in result.stdout
    result = runner.invoke(app, ["gazetteer", "check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "no such gazetteer file" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["Vladimir", "--role", "Russian President", "--date", "2020-10-24"], 0, "person: Vladimir Putin [vladimir-putin]"),
        (["the NATO secretary-general", "--date", "2025-02-01"], 0, "person: Mark Rutte [mark-rutte]"),
        (["Cheryl Sanders"], 1, "person: unknown"),
        (["Stoltenberg", "--date", "last week"], 2, "--date: not a date"),
        (["Stoltenberg", "--date", "2016-01-01"], 0, "person: Jens Stoltenberg [jens-stoltenberg] (gazetteer-surname)"),
        (["Stoltenberg"], 1, "person: unknown (could be Jens Stoltenberg [jens-stoltenberg], but an article needs more evidence"),
        (["Mr Harris", "--date", "2005-06-01"], 1, "person: unknown\n"),
    ],
)
def test_cli_resolve(args, code, expected):
    result = runner.invoke(app, ["gazetteer", "resolve", *args])
    assert result.exit_code == code
    assert expected in result.output


def test_cli_resolve_bad_user_file_is_one_line(tmp_path):
    path = _write(tmp_path, "people: 3\n")
    result = runner.invoke(app, ["gazetteer", "resolve", "X", "--gazetteer", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and f"{path}:1: people: expected a list" in result.output


@pytest.mark.slow
def test_cli_suggest(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n, text in enumerate(SUGGEST_TEXTS):
        (folder / f"a{n}.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "suggest", str(folder), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1  # the missing path is reported, the rest still printed
    assert "missing.txt" in result.stderr
    assert "name: Jane Doe" in result.stdout and result.stdout.startswith("# ")


# ---- hostile files (issue 15) --------------------------------------------------------------


def _alias_dag(n: int = 3000) -> str:
    """18 KB of YAML that stands for n people, each with n positions: every person is one
    anchor and every position another, as in the audit's `people: [*p x3000]`."""
    positions = ", ".join(["&q {title: Mayor}"] + ["*q"] * (n - 1))
    return f"people:\n  - &p {{id: jane-doe, name: Jane Doe, positions: [{positions}]}}\n" + "  - *p\n" * (n - 1)


def test_gazetteer_alias_dag_is_one_line_in_bounded_memory(tmp_path):
    import tracemalloc

    path = _write(tmp_path, _alias_dag())
    tracemalloc.start()
    try:
        issues = gz.validate(path, against_bundled=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(i) for i in issues] == [
        f"{path}:2: people: more than 500,000 values once its aliases (*name) are expanded: "
        "write the entries out instead of repeating anchors"
    ]
    assert peak < 50_000_000  # the expansion was 9 million positions and 5 GB
    with pytest.raises(GazetteerError, match="aliases"):
        Gazetteer.load([path], bundled=False)
    result = runner.invoke(app, ["gazetteer", "check", str(path)])
    assert result.exit_code == 2 and len(result.stdout.strip().splitlines()) == 1


def test_gazetteer_aliases_within_bounds_still_work(tmp_path):
    """An anchor reused a few times is ordinary YAML and reads as written out."""
    path = _write(tmp_path, "people:\n  - id: jane-doe\n    name: Jane Doe\n    positions:\n"
                            "      - &mayor {title: Mayor, country: Armenia, start: 2001-01-01}\n"
                            "  - id: john-roe\n    name: John Roe\n    positions: [*mayor]\n")  # fmt: skip
    gaz = Gazetteer.load([path], bundled=False)
    assert gaz.get("john-roe").positions == gaz.get("jane-doe").positions


@pytest.mark.parametrize(
    "text",
    [
        "people: " + "[" * 500 + "]" * 500 + "\n",  # flow style
        "people: " + "{a: " * 500 + "1" + "}" * 500 + "\n",
        "people:\n" + "".join(" " * i + "- \n" for i in range(500)),  # block style
    ],
)
def test_gazetteer_nesting_500_is_one_line(tmp_path, text):
    path = _write(tmp_path, text)
    issues = gz.validate(path, against_bundled=False)
    assert len(issues) == 1 and "nested more than 64 levels deep" in issues[0].message
    with pytest.raises(GazetteerError, match="nested more than 64 levels"):
        Gazetteer.load([path])
    result = runner.invoke(app, ["gazetteer", "check", str(path)])
    assert result.exit_code == 2 and "nested more than 64 levels" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.parametrize(("at", "expected"), [("2016-03-01", "donald-trump"), ("1975-03-01", None), (None, None)])
def test_a_surname_alone_needs_a_dated_article_inside_public_life(nlp, at, expected):
    from quotes.attribution import extract_quotes

    doc = nlp('The crowd cheered in the hall on Tuesday night. "We are going to win so much," Trump said.')
    (quote,) = extract_quotes(doc, gazetteer=default_gazetteer(), date=at)
    assert quote.speaker_id == expected and quote.speaker_name == ("Donald Trump" if expected else "Trump")


def test_parse_role_results_are_remembered_and_bounded(monkeypatch):
    from quotes.gazetteer import roles

    lexicon = default_gazetteer().roles
    first = lexicon.parse_role("Senate Majority Leader")
    assert lexicon.parse_role("Senate Majority Leader") is first  # the second read is the stored one
    lexicon._parsed.clear()
    assert lexicon.parse_role("Senate Majority Leader") == first  # and equal to a fresh parse
    monkeypatch.setattr(roles, "_PARSED_ROLES_KEPT", 2)
    for role in ("Defense Minister", "Prime Minister", "Foreign Minister"):
        lexicon.parse_role(role)
    assert len(lexicon._parsed) <= 2  # a long run of distinct roles does not grow it without end


@pytest.mark.parametrize(
    ("pid", "at", "held", "left"),
    [
        # the vice president in 2016, a senator until 2009: the title's printed variants come along
        ("joe-biden", "2016-03-01", {"Vice-President", "vice president", "VP"}, {"Senator", "Sen."}),
        ("chris-christie", "2016-02-07", {"Governor of New Jersey"}, set()),
        ("george-w-bush", "2016-02-17", set(), {"President", "Governor of Texas"}),
        # a candidate for president in 2016, a secretary of state and a senator before
        ("hillary-clinton", "2016-02-17", {"Candidate", "presidential nominee"}, {"Secretary of State", "Senator"}),
        ("marco-rubio", "2016-04-01", {"Senator"}, {"Candidate"}),  # out of the race on March 15
        ("joe-biden", None, set(), set()),  # an undated article learns nothing
    ],
)
def test_offices_held_and_left_at_a_date(gaz, pid, at, held, left):
    now, before = gaz.offices(gaz.get(pid), date=at)
    assert held <= {t for o in now for t in o.titles} and (held or not now)
    assert left <= {t for o in before for t in o.titles} and (left or not before)


def test_an_office_is_printed_with_its_body_and_country(gaz):
    now, _ = gaz.offices(gaz.get("james-comey"), date="2016-07-01")
    assert [o.bodies for o in now] == [("FBI", "United States", "US")]
