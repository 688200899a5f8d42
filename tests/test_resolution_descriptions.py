"""Descriptions as speakers (quotes.resolution): ``the newspaper``, ``the poll``, ``the Dutch
politician``. Hand-written news sentences through the real parser, one per convention, and the
lexical helpers without a model."""

from __future__ import annotations

import pytest

from quotes.resolution import org_fits


# ---- helpers (no model) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noun", "name", "fits"),
    [
        ("newspaper", "the Orlando Sentinel", True),
        ("newspaper", "The Advocate", True),
        ("newspaper", "the Electoral College", False),
        ("newspaper", "Martha's Vineyard", False),
        ("paper", "Islam", False),
        ("network", "CNN", True),
        ("court", "the Supreme Court", True),
        ("court", "the Justice Department", False),
        ("department", "the State Department", True),
        ("agency", "the FBI", True),
        ("campaign", "the Hillary Clinton campaign", True),
        ("campaign", "the FBI", False),
        ("campaign", "Pensions Committee", False),
        ("board", "the Illinois Board of Elections", True),
        ("foundation", "the National Golf Foundation", True),
        # a company or a group is any organization whose name shows no other kind
        ("company", "Twitter", True),
        ("company", "New York University's", False),
        ("company", "the Rockefeller Brothers Fund", False),
        ("group", "Black Lives Matter", True),
        ("group", "the Sun-Times", False),
        ("group", "the Barack Obama administration", False),
        # a foundation, an association or a union is a group too; an outlet or a court is not
        ("group", "the National Golf Foundation", True),
        ("group", "the American Federation of Teachers", True),
        ("organization", "the Veldon Civic League", True),
        ("group", "the Supreme Court", False),
        ("group", "the State Department", False),
    ],
)
def test_an_organization_fits_the_noun_that_describes_it(noun: str, name: str, fits: bool) -> None:
    assert org_fits(noun, name) is fits


@pytest.mark.parametrize(
    ("noun", "name", "trade", "fits"),
    [
        # a trade word before a noun of a kind must be in the name: the budget office is not any office
        ("office", "the Congressional Budget Office", {"budget"}, True),
        ("office", "the State Department", {"budget"}, False),
        ("outlet", "Fox News", {"news"}, True),
        # before "company" or "group" it is the line of business, which a name need not show
        ("company", "Twitter", {"media"}, True),
        ("company", "the Veldon Institute", {"drug"}, False),
        # ... but an organization is a name: a lower-case "state" the NER took for one is none
        ("group", "state", {"rights"}, False),
        ("group", "Black Lives Matter", (), True),
    ],
)
def test_a_trade_word_narrows_the_organizations_a_description_fits(noun, name, trade, fits) -> None:
    assert org_fits(noun, name, trade) is fits


# ---- the real parser --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gaz():
    from quotes.attribution import load_gazetteer

    return load_gazetteer()


def run(nlp, gaz, text: str) -> list[tuple[str | None, str | None, str | None]]:
    from quotes.attribution import extract_quotes

    return [(q.speaker, q.speaker_name, q.resolved_by) for q in extract_quotes(nlp(text), gazetteer=gaz)]


CASES = [
    # "the newspaper" is the outlet in focus, not a place or an institution named in between
    ('The Veldon Daily Courier criticized the Electoral College on Friday. "The mayor must act," the newspaper wrote.',
     [("the newspaper", "The Veldon Daily Courier", "description")]),
    ('Voters in the Electoral College met on Friday. "The mayor must act," the newspaper wrote.',
     [("the newspaper", "the newspaper", "unresolved")]),
    # "the company" is no university and "the court" no ministry
    ('Professors at Veldonia University sued Brantex on Monday. "We will fight the claim," the company said.',
     [("the company", "Brantex", "description")]),
    ('The Justice Department asked for a delay on Monday. "The request is denied," the court said.',
     [("the court", "the court", "unresolved")]),
    # a poll named by its pollster speaks for it; "the survey" takes up "the poll" before it
    ('A Quorvex poll found Ruiz ahead. Ruiz leads by 4 points, according to the survey.',
     [("the survey", "Quorvex", "description")]),
    ('A Quorvex poll found Ruiz ahead. Ruiz leads by 4 points, according to the results.',
     [("the results", "Quorvex", "description")]),
    # pollsters printed together are all named, not the last one ("a CNN/ORC poll")
    ('A WKRN/Dunmore poll found Ruiz ahead. Ruiz leads by 4 points, according to the survey.',
     [("the survey", "WKRN/Dunmore", "description")]),
    # "according to the results, Ruiz ..." is no apposition: the results are not Ruiz
    ('Ana Ruiz won the vote. According to the results, Ruiz "won every district."',
     [("the results", "the results", "unresolved")]),
    # "his remarks" speak for the man in focus, never for a person called "his"
    ('Peter Wallis spoke on Monday. His remarks said the port "will reopen on Friday."',
     [("His remarks", "Peter Wallis", "pronoun")]),
    # a description names a person the article ties to its names: Janney's spokeswoman is not
    # the spokeswoman of another man
    ('Hope Kessler, a spokeswoman for Peter Wallis, met the press. A spokeswoman for Janney said '
     'the deal "is off."', [("A spokeswoman for Janney", "A spokeswoman for Janney", "unresolved")]),
    # the nearest person (no subject, no speaker) is a description's reading only when the
    # description gives them no nationality the article never gave them
    ('The crowd in Sochi cheered the speech about Peter Wallis on Monday. "He is a bright man," the Russian '
     'leader said.', [("the Russian leader", "the Russian leader", "unresolved")]),
    # "one X" is one of several, a new source (often anonymous), not the X the article named before
    ('Hope Kessler, a longtime adviser to Peter Wallis, spoke on Monday. "The vote is lost," said one longtime '
     'adviser to Peter Wallis.',
     [("one longtime adviser to Peter Wallis", "one longtime adviser to Peter Wallis", "unresolved")]),
    # a vice president is not "the president"
    ('Vice President Anna Kowalski opened the plant on Monday. "The plant is open," the president said.',
     [("the president", "the president", "unresolved")]),
    # a description with a modifier is the person in focus ...
    ('Peter Wallis won the vote in Ohio on Tuesday. The Ohio businessman said "the deal is done."',
     [("The Ohio businessman", "Peter Wallis", "description")]),
    # ... and so is one whose noun characterizes a known person (not an official or an aide)
    ('Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the businessman said.',
     [("the businessman", "Peter Wallis", "description")]),
    ('Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the official said.',
     [("the official", "the official", "unresolved")]),
    # ... but not the other candidate, someone else's adviser, or a party the person is not of
    ('Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the other candidate said.',
     [("the other candidate", "the other candidate", "unresolved")]),
    ('Republican Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the Democratic candidate said.',
     [("the Democratic candidate", "the Democratic candidate", "unresolved")]),
    # the former first lady is a kind of person, not "the first" of something
    ('Senator Laura Bennett spoke in Ohio on Tuesday. The former first lady said "the deal is done."',
     [("The former first lady", "Laura Bennett", "description")]),
    # a place after the noun says which one, as a modifier before it would
    ('Peter Wallis won the vote in Vermont. "It is rigged," he said. The senator from Vermont said the system was "corrupt."',
     [("he", "Peter Wallis", "pronoun"), ("The senator from Vermont", "Peter Wallis", "description")]),
    # the parser splits "front-runner"; the description still reads as one word ...
    ('Democratic front-runner Peter Wallis won the vote in Ohio. Ana Lopez said he "cheated." '
     'The Democratic front-runner said "the deal is done."',
     [("The Democratic front-runner", "Peter Wallis", "description")]),
    # ... and a front-runner in focus must be of the party the description names
    ('Peter Wallis won the vote in Ohio. The GOP presidential front-runner said "the deal is done."',
     [("The GOP presidential front-runner", "The GOP presidential front-runner", "mention")]),
    # ... and one the article calls the front-runner: a Republican in focus may be the other one
    ('Republican Peter Wallis won the vote in Ohio. The GOP presidential front-runner said "the deal is done."',
     [("The GOP presidential front-runner", "The GOP presidential front-runner", "mention")]),
    ('Republican front-runner Peter Wallis won the vote in Ohio. The GOP presidential front-runner said "the deal '
     'is done."', [("The GOP presidential front-runner", "Peter Wallis", "description")]),
    # "the 46-year-old" is the one person printed with that age
    ('Peter Wallis, 46, and Ana Lopez, 52, won the vote in Ohio. "The deal is done," said the 46-year-old.',
     [("the 46-year-old", "Peter Wallis", "description")]),
    # one more official is someone else
    ('Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the second official said.',
     [("the second official", "the second official", "unresolved")]),
    # "the campaign" is the campaign of the candidate in focus, named after them ...
    ('Republican candidate Peter Wallis won the vote in Ohio on Tuesday. "We will ask for a recount," the campaign said.',
     [("the campaign", "the Peter Wallis campaign", "description")]),
    # ... but a person the article never makes a candidate runs no campaign
    ('Peter Wallis won the vote in Ohio on Tuesday. "We will ask for a recount," the campaign said.',
     [("the campaign", "the campaign", "unresolved")]),
    # a party's name in lower case is no party: an independent can be "the democratic socialist"
    ('Peter Wallis (I-Vt.) spoke in Ohio. Wallis toured a plant on Monday. '
     'The self-described democratic socialist said "the deal is done."',
     [("The self-described democratic socialist", "Peter Wallis", "description")]),
    # the nearest person is no reading when someone else is the subject the story is on
    ('Peter Wallis is wrong about Ana Lopez, Brantex said on Monday. But the former chief of Veldon Bank '
     'added, "The deal is done."', [("the former chief of Veldon Bank", "the former chief of Veldon Bank", "unresolved")]),
    # a one-word name the NER takes for a person, which nothing makes one, can be "the company" ...
    ('Zorbex said on Monday that it had closed 125 accounts. Zorbex expects more. "We act fast," the company said.',
     [("the company", "Zorbex", "description")]),
    # ... but not a person's surname
    ('Peter Wallis opened a plant on Monday. Wallis expects more. "We act fast," the company said.',
     [("the company", "the company", "unresolved")]),
    # an indefinite description introduces a source of its own, not the one of that kind named before ...
    ('Ana Ruiz, a Democratic strategist, spoke on Monday. "The ads are late," said a Democratic strategist who '
     'spoke on the condition of anonymity.', [("a Democratic strategist", "a Democratic strategist", "unresolved")]),
    ('Scott Morgan, a former Treasury official, said the plan was sound.\n\nThe announcement came minutes after '
     'midnight, according to a Treasury official.', [("a Treasury official", "a Treasury official", "unresolved")]),
    # ... unless it is the name's apposition
    ('The plan drew fire from Harold Dunmore, a banker and former Treasury official who said it "will fail in a year."',
     [("who", "Harold Dunmore", "mention")]),  # "who" is the name the description is in apposition to
    # a plural printed before names describes each of them: "the host" is one of the hosts, named last
    ('In an interview with Morning Joe hosts Joe Scarborough and Mika Brzezinski, Hillary Clinton said she knew '
     'Donald Trump.\n\nClinton attended his wedding in 2005, something Scarborough could understand.\n\n'
     '"He is fun," the host said.', [("the host", "Joe Scarborough", "description")]),
    # "the group" can be a foundation
    ('The Veldon Golf Foundation counted the courses. "Many courses closed," the group said.',
     [("the group", "The Veldon Golf Foundation", "description")]),
    # an organization called by its trade after its name: "the social media company", "the budget office"
    ('Veltron Corp. named a new chief on Monday. Veltron has struggled since 2013. Just days before its earnings, '
     'the social media company said on Friday that it had closed 12,000 accounts.',
     [("the social media company", "Veltron", "description")]),
    ('The Congressional Budget Office released its outlook on Monday. The deficit will rise, the budget office said.',
     [("the budget office", "The Congressional Budget Office", "description")]),
    ('The State Department released its outlook on Monday. The deficit will rise, the budget office said.',
     [("the budget office", "the budget office", "unresolved")]),
    # an ad printed with the name of an organization the article named before speaks for it, even
    # where the NER missed the name; a name the article never gave an organization stays as written
    ('The Club for Progress is reportedly spending $1.5 million on television advertisements.\n\nOne Club for '
     'Progress ad, which is currently airing, argues that "only Ana Ruiz can beat Peter Wallis."',
     [("One Club for Progress ad", "The Club for Progress", "description")]),
    ('The Veldon Club is reportedly spending $1.5 million on television advertisements.\n\nOne Club for '
     'Progress ad, which is currently airing, argues that "only Ana Ruiz can beat Peter Wallis."',
     [("One Club for Progress ad", "One Club for Progress ad", "unresolved")]),
    # "the editorial board" writes for the outlet in focus, not for a board of another kind
    ('The Veldon Journal defended Ana Ruiz on Tuesday. "She is an articulate conservative," the editorial board writes.',
     [("the editorial board", "The Veldon Journal", "description")]),
    ('The Veldon Board of Elections met Ana Ruiz on Tuesday. "She is an articulate conservative," the editorial '
     'board writes.', [("the editorial board", "the editorial board", "unresolved")]),
    # a poll is credited to the firm that conducted it, not to the outlets it was conducted for ...
    ('Ana Ruiz won the vote, according to early results of exit polls conducted for The Associated Press and '
     'television networks by Edison Research.',
     [("early results of exit polls conducted for The Associated Press and television networks by Edison Research",
       "Edison Research", "description")]),
    # ... and the same kind of poll printed again in short is that poll again
    ('Ana Ruiz won the vote, according to exit polls conducted by Edison Research for The Associated Press. Peter '
     'Wallis lost the vote in the south. Most voters were young, according to early results of exit polls '
     'conducted for The Associated Press and television networks.',
     [("exit polls", "Edison Research", "description"),
      ("early results of exit polls conducted for The Associated Press and television networks", "Edison Research",
       "description")]),
    # ... not to whoever only reported the document, and "the email" after "an email" is that email,
    # not an older one with an owner
    ('Ana Ruiz owned the firm, according to court documents reported by The Veldon Herald.',
     [("court documents", "court documents", "unresolved")]),
    ('A fundraising email sent by Peter Wallis warned of a long fight. On Monday, supporters received an email '
     'fundraising appeal. "We need you," the email said.', [("the email", "the email", "unresolved")]),
    ('A fundraising email sent by Peter Wallis warned of a long fight. The Ana Ruiz campaign sent out an email '
     'fundraising appeal on Monday. "We need you," the email said.', [("the email", "The Ana Ruiz campaign", "description")]),
    # "the results" speak for the pollster printed before the nearest poll, even in a paragraph
    # left unparsed ...
    ('Ana Ruiz does better against Peter Wallis than her rivals, according to a new poll.\n\nWith Wallis '
     'considering a run as an independent, a Morning Consult Poll found that he would draw from her support.\n\n'
     'Ruiz received 37 percent and Wallis had 36 percent, according to the results.',
     [("a new poll", "a new poll", "unresolved"), ("the results", "Morning Consult", "description")]),
    # ... never for a candidate whose standing is meant, nor for a place
    ('Ana Ruiz does better against Peter Wallis than her rivals, according to a new poll.\n\nWallis was worried '
     'about the Ruiz poll numbers.\n\nRuiz received 37 percent and Wallis had 36 percent, according to the results.',
     [("a new poll", "a new poll", "unresolved"), ("the results", "the results", "unresolved")]),
    ('Ana Ruiz does better against Peter Wallis than her rivals, according to a new poll.\n\nWith Wallis '
     'considering a run, a Florida poll found that he would draw from her support.\n\n'
     'Ruiz received 37 percent and Wallis had 36 percent, according to the results.',
     [("a new poll", "a new poll", "unresolved"), ("the results", "the results", "unresolved")]),
    # ... but a poll no one is credited with stays as written
    ('Ruiz leads by 4 points among voters over 65, according to a phone survey. Peter Wallis lost the vote in the '
     'south. Most voters were young, according to the phone survey.',
     [("a phone survey", "a phone survey", "unresolved"), ("the phone survey", "the phone survey", "unresolved")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_descriptions(nlp, gaz, text, expected) -> None:
    got = run(nlp, gaz, text)
    assert len(got) >= len(expected)
    tail = got[-len(expected):]
    for (mention, name, how), (g_mention, g_name, g_how) in zip(expected, tail):
        assert (g_mention, g_name, g_how) == (mention, name, how)


#: The offices the gazetteer records for the article's people at its date (issue 12 point 2: a
#: title they held at the article's date), as a reader knows them: (date, text, expected).
DATED_CASES = [
    # an office held counts as printed: the senator is the one in office, not a senator named after
    ("2015-11-09", '"That would be me," Bernie Sanders said on Sunday. "I think that is right," the senator said. '
     'Later, Sen. Claire McCaskill (D-Mo.) spoke.', [("the senator", "Bernie Sanders", "description")]),
    ("2015-12-13", 'Barack Obama played golf with World Bank President Jim Yong Kim on Saturday. Obama said the accord '
     'was strong. The president said "our work here" mattered.', [("The president", "Barack Obama", "description")]),
    # an office left counts only for "the former ...", and "the former ..." is no one in office
    ("2016-02-17", 'Jeb Bush brought his brother, George W. Bush, to Columbia on Monday. "Labels are for soup cans," '
     'the former president told the crowd.', [("the former president", "George W. Bush", "description")]),
    ("2016-04-11", 'Barack Obama met Bill Clinton in Harlem on Monday. "We are proud of the city," the former '
     'president said.', [("the former president", "Bill Clinton", "description")]),
    ("2016-02-07", 'Jeb Bush, the former Florida governor, spoke first. Chris Christie spoke next. "Crime has gone '
     'down," the governor said.', [("the governor", "Chris Christie", "description")]),
    # a candidacy is an office of its time too: the Republican candidate is not the mayor in focus
    ("2015-11-19", 'Donald Trump called on Mayor Bill de Blasio to restart the program. De Blasio disbanded the unit '
     'in 2014. "There is hatred," the Republican presidential candidate said on Thursday.',
     [("the Republican presidential candidate", "Donald Trump", "description")]),
    # a party's front-runner is its one candidate the article names, and no one when it names two
    ("2015-12-22", 'Donald Trump praised Vladimir Putin on Monday. Hillary Clinton criticized him. "He is wrong," '
     'the Democratic front-runner said.', [("the Democratic front-runner", "Hillary Clinton", "description")]),
    ("2015-12-22", 'Hillary Clinton and Bernie Sanders spoke on Monday. "He is wrong," the Democratic front-runner '
     'said.', [("the Democratic front-runner", "the Democratic front-runner", "unresolved")]),
    # the person in focus is no office the gazetteer records for others when it records none for them
    ("2016-02-17", 'Jeb Bush spoke at a rally in Columbia on Monday. "Labels are for soup cans," the former '
     'president told the crowd.', [("the former president", "the former president", "unresolved")]),
    ("2016-06-07", 'Donald Trump has been in many lawsuits. The attorney general of the state of New York is suing '
     'Trump, saying "students were misled."', [("The attorney general of the state of New York",
                                               "The attorney general of the state of New York", "unresolved")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("date", "text", "expected"), DATED_CASES, ids=[c[1][:40] for c in DATED_CASES])
def test_the_offices_a_person_held_at_the_articles_date(nlp, gaz, date, text, expected) -> None:
    from quotes.attribution import extract_quotes

    got = [(q.speaker, q.speaker_name, q.resolved_by) for q in extract_quotes(nlp(text), gazetteer=gaz, date=date)]
    assert got[-len(expected):] == expected


@pytest.mark.slow
def test_an_undated_article_learns_no_office_from_the_gazetteer(nlp, gaz) -> None:
    from quotes.attribution import extract_quotes

    text = ('Jeb Bush brought his brother, George W. Bush, to Columbia on Monday. "Labels are for soup cans," '
            'the former president told the crowd.')
    got = extract_quotes(nlp(text), gazetteer=gaz)
    assert got and got[-1].speaker_name != "George W. Bush"


@pytest.mark.slow
def test_someone_elses_adviser_is_not_the_person_in_focus(nlp, gaz) -> None:
    got = run(nlp, gaz, 'Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the senior Wallis adviser said.')
    assert got and got[-1][0] == "the senior Wallis adviser" and got[-1][1] != "Peter Wallis"


@pytest.mark.slow
def test_an_organization_named_in_a_description_must_be_printed_with_the_person_in_focus(nlp, gaz) -> None:
    got = run(nlp, gaz, 'Peter Wallis won the vote in Ohio on Tuesday. "The deal is done," the Microsoft chief executive said.')
    assert got and got[-1][0] == "the Microsoft chief executive" and got[-1][1] != "Peter Wallis"
    got = run(nlp, gaz, 'Microsoft executive Peter Wallis won the vote on Tuesday. The Microsoft chief said "the deal is done."')
    assert got and got[-1][1] == "Peter Wallis"


@pytest.mark.parametrize(
    ("rows", "head"),
    [
        # "the California secretary of state's website": the description owns the website that follows
        ([("the", 2, "det", "DET"), ("California", 2, "compound", "PROPN"), ("secretary", 2, "ROOT", "NOUN"),
          ("of", 2, "prep", "ADP"), ("state", 6, "poss", "NOUN"), ("'s", 4, "case", "PART"),
          ("website", 3, "pobj", "NOUN")], 2),
        # "the senator's aide": a possessor
        ([("the", 1, "det", "DET"), ("senator", 3, "poss", "NOUN"), ("'s", 1, "case", "PART"),
          ("aide", 3, "ROOT", "NOUN")], 3),
    ],
)
def test_a_description_that_owns_or_is_owned_is_no_person_in_focus(rows, head) -> None:
    from handparse import parsed

    from quotes.resolution import _blocks_focus

    doc = parsed(rows)
    assert _blocks_focus(None, doc[:], doc[head])  # type: ignore[arg-type]  # decided before the resolver is read
