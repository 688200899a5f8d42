"""Who a speaker mention is (quotes.resolution): hand-written news sentences through the real
parser, one per convention, and the lexical helpers without a model."""

from __future__ import annotations

import pytest

from quotes.records import RESOLVERS
from quotes.attribution.people import _as_written
from quotes.resolution import (
    CONFIDENCE, RULES, _capitalized, _label_at, byline_person, gender_of_first_name, lead_author, party_tag, words_of,
)


# ---- helpers (no model) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("(R-Ga.)", {"republican", "georgia"}),
        ("D-N.Y.", {"democrat", "new york", "new", "york"}),
        ("(I-Vt.)", {"independent", "vermont"}),
        ("(Reuters)", set()),
    ],
)
def test_party_tag(tag, expected) -> None:
    assert party_tag(tag) == expected


def test_description_words_compare_synonyms_and_states() -> None:
    assert {"republican", "florida", "senator"} <= words_of("the GOP Fla. Sen.")
    assert words_of("The Florida senator") == {"florida", "senator"}


@pytest.mark.parametrize(
    ("name", "gender"), [("Amanda Reyes", "f"), ("Mike Prettejohn", "m"), ("Quorvin Tallow", None)]
)
def test_first_name_lexicon(name, gender) -> None:
    assert gender_of_first_name(name) == gender


@pytest.mark.parametrize(
    ("byline", "person"),
    [("By Ann Lee and Bo Park", "Ann Lee"), ("Ann Lee, Bo Park", "Ann Lee"), ("Harbour News", None),
     ("AP staff", None), ("Virgil", None), (None, None)],
)
def test_byline_person(byline, person) -> None:
    assert byline_person(byline) == person


_MEMOIR = "I was nine when we moved. My father sold the farm. I never asked him why."


@pytest.mark.parametrize(
    ("text", "author"),
    [
        # an excerpt credits the book's author
        ("Editor's note: the following are excerpts from bestselling author Nora Vance's new book, "
         "Salt Roads.\n\n" + _MEMOIR, "Nora Vance"),
        ("This essay is adapted from Tom Okafor's memoir.\n\n" + _MEMOIR, "Tom Okafor"),
        # a byline line of its own in the copy
        ("Why the mill closed\n\nBy Carla Mendes\n\n" + _MEMOIR, "Carla Mendes"),
        # the excerpt is not from a book of a person: no author
        ("Excerpts from the Harbour Council's annual report.\n\n" + _MEMOIR, None),
        # a possessive that is no work of the person (her speech) credits no one
        ("Excerpts of Nora Vance's speech to the council follow.\n\n" + _MEMOIR, None),
        # third-person copy: the book's author is not the narrator of anything
        ("Excerpts from Nora Vance's new book were read aloud. The mayor said the book was fair.", None),
        # "I" only inside quotes is not first-person copy
        ('By Carla Mendes\n\n"I was nine," the farmer said. "My father sold it. I never asked."', None),
    ],
)
def test_lead_author_credits_first_person_copy_only(text, author) -> None:
    from quotes.attribution.marks import find_quote_spans

    quoted = [(q.start, q.end) for q in find_quote_spans(text) if q.closed]
    assert lead_author(text, lambda pos: any(a < pos < b for a, b in quoted)) == author


def test_every_confidence_is_a_probability_and_every_resolver_is_known() -> None:
    assert set(CONFIDENCE) <= set(RESOLVERS) | {"apposition"}
    assert all(0.0 <= c <= 1.0 for c in CONFIDENCE.values())
    assert all(rule.__doc__ for rule in RULES)  # every rule says which convention it reads


# ---- the article first (real parser) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def gaz():
    from quotes.attribution import load_gazetteer

    return load_gazetteer()


def run(nlp, gaz, text: str, author: str | None = None, date: str | None = None) -> list[tuple[str | None, str | None, str | None]]:
    from quotes.attribution import extract_quotes

    quotes = extract_quotes(nlp(text), gazetteer=gaz, date=date, author=author)
    for q in quotes:
        assert q.resolved_by is not None and q.confidence is not None and 0.0 <= q.confidence <= 1.0
    return [(q.speaker, q.speaker_name, q.resolved_by) for q in quotes]


CASES = [
    # a description with the name in apposition names that person
    ("The harbour minister of Veldonia, Arvid Kessler, said the port had reopened.",
     [("The harbour minister of Veldonia", "Arvid Kessler", "apposition")]),
    # a name split by a title: the name after the title is the speaker
    ('Dunmore police Chief Rolf Ambers said "the officers followed the rules."',
     [(None, "Rolf Ambers", None)]),
    # a continuation keeps a speaker named by a description ("she" is the chair)
    ('"This is a big day for us," the agency\'s chair said. "We will enforce the code," she added.',
     [("the agency's chair", "the agency's chair", "unresolved"), ("she", "the agency's chair", "pronoun")]),
    # a definite description of a kind of person refers to the person in focus
    ('NATO Secretary General Mark Rutte said the alliance would stay. The Dutch politician, who took '
     'office last year, added that "nobody will be left behind."',
     [(None, "Mark Rutte", "mention"), ("The Dutch politician", "Mark Rutte", "description")]),
    # British Sir + first name: the knight named earlier, not a famous surname
    ('Theatre impresario Sir Cameron Mackintosh opened the hall. Sir Cameron said he hoped "the audience comes back soon."',
     [("Sir Cameron", "Cameron Mackintosh", "article")]),
    # Lord + surname: the peer the article names
    ('Lord Toby Harris chaired the panel. "The review is finished," Lord Harris said.',
     [("Lord Harris", "Toby Harris", "article")]),
    # "she" after an unnamed spokeswoman is the spokeswoman, not a man named in between
    ('A spokeswoman for the Harbour Trust met Peter Wallis on Monday. "We welcome the decision," she said.',
     [("she", "A spokeswoman for the Harbour Trust", "pronoun")]),
    # "he" right after a person's sentence is that person
    ('Mike Prettejohn runs the survey firm. He said the site "may see more traffic next year."',
     [("He", "Mike Prettejohn", "pronoun")]),
    # a surname goes to the full name printed earlier, even when the NER missed it there
    ('Amanda Reyes, a nurse in Ohio, joined the strike. "We are tired," Reyes said.',
     [("Reyes", "Amanda Reyes", "article")]),
    # "It" is the organization of the sentence before
    ('The company released its results on Monday. It said "demand is slowing in every region."',
     [("It", "The company", "pronoun")]),
    # a document speaks for its owner, and "it" after it is the owner too
    ('The Rubio campaign released a new ad on Monday. The ad says Trump "cannot be trusted." '
     'It also claims that Trump "would raise taxes."',
     [("The ad", "The Rubio campaign", "description"), ("It", "The Rubio campaign", "pronoun")]),
    # "the paper" is the newspaper in focus, and "It" after its quote is that newspaper
    ('The Des Moines Register endorsed Rubio on Saturday. "He is the best candidate," the paper wrote. '
     'It added that "the field is weak."',
     [("the paper", "The Des Moines Register", "description"), ("It", "The Des Moines Register", "pronoun")]),
    # "they" is the group named as the subject before, as printed
    ('Officials at the Department of Labor said the report was late. "We regret the delay," they said.',
     [("they", "Officials at the Department of Labor", "pronoun")]),
    # "they" after people named together as one subject is those people
    ('Ana Ruiz and Tom Becker spoke at the rally on Friday. They said the plan "will cost far too much."',
     [("They", "Ana Ruiz and Tom Becker", "pronoun")]),
    # a plural subject earlier in the pronoun's own sentence is "they"
    ('Local unions rejected the offer because they said it "ignores the pensions of retired workers."',
     [("they", "Local unions", "pronoun")]),
    # "as they say" quotes common wisdom: no one is named
    ('The mayor kept his promise. As they say, "a deal is a deal."', [("they", None, "unresolved")]),
    # a country merely mentioned is no antecedent for "they"
    ('Canada hosted the summit on Monday. The mood was tense. "We made some progress," they said.',
     [("they", None, "unresolved")]),
    # another first name is another person: Melania Trump is not Donald Trump
    ('Donald Trump spoke in Ohio on Monday. Melania Trump visited a school. "Children come first," she said.',
     [("she", "Melania Trump", "pronoun")]),
    # "he" after a description resolved to a name is that person, not the description's words
    ('Peter Wallis won the vote in Ohio on Tuesday.\n\nThe billionaire businessman says "the deal is done." '
     'But he also says "the work starts now."',
     [("The billionaire businessman", "Peter Wallis", "description"), ("he", "Peter Wallis", "pronoun")]),
    # what is left of a mention after its title names no one: the mention stays as printed
    ('Harbour Radio Vice President for news said the show was "the best in town."',
     [("Harbour Radio Vice President for news", "Harbour Radio Vice President for news", "unresolved")]),
    # live-blog copy: a description opens the entry, the next paragraph opens with the new person
    ('A senior harbour official says the port "will reopen on Friday."\n\n'
     'Peter Wallis spoke to reporters after a meeting with the board.',
     [("A senior harbour official", "Peter Wallis", "description")]),
    # ... but not a person named before, nor one the next paragraph does not open with
    ('Peter Wallis met the board on Monday.\n\nA senior harbour official says the port "will reopen on Friday."'
     '\n\nPeter Wallis spoke to reporters after the meeting.',
     [("A senior harbour official", "A senior harbour official", "unresolved")]),
    ('A senior harbour official says the port "will reopen on Friday."\n\nThe board met Peter Wallis after the meeting.',
     [("A senior harbour official", "A senior harbour official", "unresolved")]),
    # "It" after a one-word name the NER took for a person, which spoke just before: the company
    ('In a blog post on Friday, Twitter said threats had long broken its rules. It added that it '
     '"has worked with groups that counter extremist recruitment."', [("It", "Twitter", "pronoun")]),
    # ... but a person named in full is never "it"
    ('In a blog post on Friday, Anna Kowalski said threats had long broken the rules. It added that '
     'the firm "has worked with groups that counter extremist recruitment."', [("It", None, "unresolved")]),
    # a relative named with a first name the gazetteer's person does not go by is someone else:
    # Ted Cruz's legal name is Rafael Edward Cruz, and his father the pastor is Rafael Cruz
    ('Ted Cruz spoke in Iowa on Monday. His father, Rafael Cruz, a pastor, toured churches. '
     'Rafael Cruz said the race "is in God\'s hands."', [("Rafael Cruz", "Rafael Cruz", "mention")]),
    # a name printed with the article's spelling keeps it: the gazetteer's person, as US copy spells them
    ('Turkish President Recep Tayyip Erdogan spoke in Ankara on Monday. Erdogan said the talks "will go on."',
     [("Erdogan", "Recep Tayyip Erdogan", "article")]),
    # a headline "Name: 'quote'": a name in the quote, parsed as the speaker's apposition, is not the speaker
    ("Wallis: 'Never, ever, ever underestimate Kessler.'\n\nPeter Wallis has some advice for his party: "
     "do not underestimate Anna Kessler.", [("Wallis", "Peter Wallis", "article")]),
    # a proper name is no description: the name after its comma begins the clause, not an apposition
    ('According to Harbourwatch, Peter Wallis won "the most votes in the district."',
     [("Harbourwatch", "Harbourwatch", None)]),
    ('But the next day, according to Roffley, Wallis made new demands on the "whole board."',
     [("Roffley", "Roffley", None)]),
    # ... and its apposition describes it, even one that starts with a first name
    ('Dunstan, an Orlando Republican who founded two firms, said the plan "is a disaster."',
     [("Dunstan", "Dunstan", None)]),
    # a court case the NER takes for a person names no one: "Brandt" is the man named in full
    ('Tom Brandt lost the appeal. The suit, Brandt v. Brandt, ran for years. "It was a waste of time," Brandt said.',
     [("Brandt", "Tom Brandt", "article")]),
    # an apposition closing the sentence, past a phrase that dates the description
    ('The party was "working to change its image," wrote the American ambassador at the time, John E. Herbst.',
     [("the American ambassador", "John E. Herbst", "apposition")]),
    ('In a statement at the time, Tom Kelly said the plan was "a disaster."', [("Tom Kelly", "Tom Kelly", "mention")]),
    # after an introductory phrase's comma a name opens the clause: it is not the phrase's apposition
    ('According to the results, Peter Wallis increases his lead in "every district we polled."',
     [("the results", "the results", None)]),
    # ... while a name set off by commas is one
    ('According to the harbour minister, Arvid Kessler, the port "is open again."',
     [("the harbour minister", "Arvid Kessler", "apposition")]),
    # ... but a middle initial is no "v."
    ('Anna V. Kessler, a former minister, filed the suit. Kessler said it was "a fraud from the start."',
     [("Kessler", "Anna V. Kessler", "article")]),
    # an answer comes from the one asked, not from the asker quoted just before
    ('A reporter asked Tom Brandt "how he felt about the vote." He replied: "We will win it easily."',
     [("A reporter", "A reporter", "unresolved"), ("He", "Tom Brandt", "pronoun")]),
    # ... when that person agrees in gender; "He" is not the woman asked
    ('Tom Brandt asked Maria Olsen "how the vote went." He replied: "We will win it easily."',
     [("He", "Tom Brandt", "pronoun")]),
    # "it" after a document from an organization described, not named: that organization
    ('A letter from the staff association reached the board on Monday. "We have waited long enough," it said.',
     [("it", "the staff association", "pronoun")]),
    # "X wrote in the affidavit. It continued": the document goes on in X's name
    ('Officer Dana Pruitt filed the charge on Friday. "The man grabbed her arm," Pruitt wrote in the affidavit. '
     'It continued: "Probable cause exists to charge him."',
     [("Pruitt", "Dana Pruitt", "article"), ("It", "Dana Pruitt", "pronoun")]),
    # a document sent by a person the article names by a description: that person
    ('Ohio Sen. Peter Wallis announced his run on Monday.\n\nThe Ohio senator sent an email to supporters on '
     'Tuesday.\n\nThe email includes a photo of Wallis. At the bottom it reads, "Chip in today."',
     [("it", "Peter Wallis", "pronoun")]),
    # the sentence before "it" is the one before the quote: a quote's own first sentence or a stray
    # mark the parser split off tells nothing about who "it" is
    ('The Harbour Trust rejected the plan on Monday. "We were never asked. Nobody called us. Nobody wrote. We will appeal," it said.',
     [("it", "The Harbour Trust", "pronoun")]),
    ("Still, the Harbour Council of Ohio opposed an increase.\n\n''Keep the levy. It works. It is fair,'' it recommended.",
     [("it", "the Harbour Council of Ohio", "pronoun")]),
    # a document sent by a person named as the passive's agent speaks for them, past a sentence
    # whose subject cannot be "it"; the same "it" goes on meaning them
    ('The email was sent on Monday by harbour director Peter Wallis. Two workers were hurt at the dock.\n\n'
     '"Call me back," it reads.\n\n"The crane is down," it said.',
     [("it", "Peter Wallis", "pronoun"), ("it", "Peter Wallis", "pronoun")]),
    # ... but not past a subject that may itself be the "it"
    ('The email was sent on Monday by harbour director Peter Wallis. The report was late.\n\n'
     '"Call me back," it reads.', [("it", None, "unresolved")]),
    # named subjects coordinated are "they" together, whatever the NER took each surname for
    ('Peter Wallis and Carl Bexley met voters on Monday.\n\nWallis and Bexley, a Dunmore Republican, argued that '
     'the state board is not needed. Local boards can do that, they said.',
     [("they", "Peter Wallis and Carl Bexley", "pronoun")]),
    # people named together are "they", never "it"
    ('Ana Ruiz and Tom Becker spoke at the rally on Friday. They said the plan "will cost far too much." '
     'It added that the vote "must wait."', [("It", None, "unresolved")]),
    # "he" inside a relative clause on a person is that person, not the man quoted before
    ('"We back him," Tom Brandt said. The latest is Rep. Peter Wallis, the Ohio congressman who won '
     'fame in 2009 when he shouted "You lie!" at the president.',
     [("he", "Peter Wallis", "pronoun")]),
    # a name merely nearby, of unknown gender and in no salient place, is no antecedent for "she"
    ('The panel heard from Quorvin Tallow on Monday. The hearing ran late. "We are done," she said.',
     [("she", None, "unresolved")]),
    # ... while a nearby name whose gender agrees still is
    ('The panel heard from Maria Tallow on Monday. The hearing ran late. "We are done," she said.',
     [("she", "Maria Tallow", "pronoun")]),
    # a speaker reported inside another person's sentence ("when X asked") leaves the story on
    # that sentence's subject: the answer is hers, not the asker's
    ('Anna Kessler was late on Monday. Kessler did not smile when Maria Olsen asked "whether the vote '
     'was over." "It is not over yet," she said.',
     [("Maria Olsen", "Maria Olsen", "mention"), ("she", "Anna Kessler", "pronoun")]),
    # ... but not when he/she tells them apart: "she" is the woman reported by a man
    ('Tom Brandt spoke on Monday. Brandt said that Maria Olsen had called the plan "a total disaster for us." '
     '"We need a new one," she said.',
     [("she", "Maria Olsen", "pronoun")]),
    # a man named after the previous speaker's sentence, out of any subject place, takes the
    # focus from him: "he" is the newcomer
    ('Tom Brandt spoke first on Monday. "We will win," Brandt said. The crowd cheered for an hour. Then the '
     'band played two songs. The rally also drew Peter Wallis, a retired teacher from Dayton. '
     '"I came for the music," he said.',
     [("he", "Peter Wallis", "pronoun")]),
    # ... not when the previous speaker is named in that sentence too
    ('Tom Brandt spoke first on Monday. "We will win," Brandt said. The crowd cheered for an hour. Then the '
     'band played two songs. Did that mean Brandt would vote for Peter Wallis? "No, no," he said.',
     [("he", "Tom Brandt", "pronoun")]),
    # ... nor when a he/she subject carries the focus on past the newcomer
    ('Maria Olsen spoke first on Monday. "We will win," Olsen said. The crowd cheered for an hour. Then the '
     'band played two songs. She appeared to think that her plan beat the plan of Anna Kessler. '
     '"We are ready," she said.',
     [("she", "Maria Olsen", "pronoun")]),
    # a full name the NER takes for an organization, which "her" then agrees with, is a person;
    # its surname as a subject later is a mention of her, and "She" is her
    ('Carly Fiorina threw her support behind Sen. Ted Cruz on Wednesday. Fiorina, the former Hewlett-Packard '
     'CEO, made a surprise appearance at the rally. She said Cruz "has fought for our liberty."',
     [("She", "Carly Fiorina", "pronoun")]),
    # an honorific tells apart the article's people of one surname (NYT style)
    ('Hillary Clinton spoke in Ohio on Monday, and Bill Clinton spoke in Iowa. Mrs. Clinton said the plan '
     '"will create jobs." Mr. Clinton said "it is a good plan."',
     [("Mrs. Clinton", "Hillary Clinton", "article"), ("Mr. Clinton", "Bill Clinton", "article")]),
    # gender agreement: "she" skips the man quoted last for the woman named before him
    ('Senator Maria Olsen met the mayor, Tom Brandt. "The bridge will wait," Brandt said. '
     '"We disagree," she said.',
     [("Brandt", "Tom Brandt", "article"), ("she", "Maria Olsen", "pronoun")]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_article_first(nlp, gaz, text, expected) -> None:
    got = run(nlp, gaz, text)
    assert len(got) >= len(expected)
    tail = got[-len(expected):]
    for (mention, name, how), (g_mention, g_name, g_how) in zip(expected, tail):
        assert g_name == name
        if mention is not None:
            assert g_mention == mention
        if how is not None:
            assert g_how == how


@pytest.mark.slow
def test_an_organization_of_a_paragraph_left_unparsed_is_still_in_the_cast(nlp, gaz) -> None:
    # the first paragraph holds no quote and no reporting word: focus() blanks it, and the
    # organization it names reaches the cast as a hint, as "the department" still means it
    from quotes.attribution.documents import extract_documents
    from quotes.records import Document

    text = ("The Harbour Department counts 40 ships a day.\n\n"
            'In addition, according to the department, "the port is full on most days."')
    ((_, quotes),) = list(extract_documents([Document(id="org", text=text)], nlp=nlp, gazetteer=gaz))
    assert [(q.speaker, q.speaker_name) for q in quotes] == [("the department", "the Harbour Department")]


@pytest.mark.slow
def test_a_poll_of_a_paragraph_left_unparsed_still_credits_its_pollster(nlp, gaz) -> None:
    # the middle paragraph holds no quote and no reporting word: focus() blanks it, and its poll
    # reaches the resolver as a hint, so "the results" after it are that pollster's
    from quotes.attribution.documents import extract_documents
    from quotes.records import Document

    text = ("Ana Ruiz does better against Peter Wallis than her rivals, according to a new poll.\n\n"
            "With Wallis considering a run, a Morning Consult Poll found that he would draw from her support.\n\n"
            "Ruiz received 37 percent and Wallis had 36 percent, according to the results.")
    ((_, quotes),) = list(extract_documents([Document(id="poll", text=text)], nlp=nlp, gazetteer=gaz))
    assert [(q.speaker, q.speaker_name) for q in quotes][-1] == ("the results", "Morning Consult Poll")


@pytest.mark.slow
def test_first_person_is_the_byline_author_only_when_the_byline_is_a_person(nlp, gaz) -> None:
    text = 'I went to the hearing on Monday. I said "the room was too small for the crowd."'
    assert run(nlp, gaz, text, author="By Ann Lee")[-1][1] == "Ann Lee"
    assert run(nlp, gaz, text, author="Harbour News")[-1][1] is None  # never guessed


@pytest.mark.slow
def test_first_person_excerpt_is_the_book_author_when_the_byline_is_an_outlet(nlp, gaz) -> None:
    text = ("Editor's note: these are excerpts from Nora Vance's new book, Salt Roads.\n\n"
            "My lawyer stood up. I looked at the judge. Then I said "
            '"the fine was paid in full last spring."')
    assert run(nlp, gaz, text, author="Harbour News")[-1][:2] == ("I", "Nora Vance")


@pytest.mark.slow
def test_he_is_never_the_byline_journalist(nlp, gaz) -> None:
    text = 'Tom Brandt wrote about the vote. He said "the count was fair."'
    assert run(nlp, gaz, text, author="Tom Brandt")[-1][1] != "Tom Brandt"


@pytest.mark.slow
def test_unresolved_pronoun_names_no_one(nlp, gaz) -> None:
    # both sides of the interrupting attribution are hers
    rows = run(nlp, gaz, "A comic tone, she said, would make the subject more accessible.")
    assert rows == [("she", None, "unresolved")] * 2


@pytest.mark.slow
def test_continuation_paragraph_is_marked_and_unattributed_quotes_are_not_sure(nlp, gaz) -> None:
    from quotes.attribution import extract_quotes

    text = ('"We will rebuild the bridge this year," Mayor Ana Petrova said.\n\n'
            '"And we will do it without new taxes, because the budget allows it."')
    quotes = extract_quotes(nlp(text), gazetteer=gaz)
    assert [q.resolved_by for q in quotes] == ["mention", "continuation"]
    assert quotes[1].speaker_name == "Ana Petrova" and quotes[1].confidence <= quotes[0].confidence


# ---- layout: dash attributions, colon lead-ins (issue 12 item 4) --------------------------------------


@pytest.mark.slow
def test_dash_attribution_beats_the_previous_speaker(nlp, gaz) -> None:
    text = ('Amanda Reyes, a nurse in Ohio, joined the strike. "We are tired," Reyes said.\n\n'
            '"The rules are overdue" -Commissioner Geoffrey Starks\n\n'
            '"We will vote next month." \u2013 Chairwoman Jessica Rosenworcel')
    got = run(nlp, gaz, text)
    assert got[1:] == [("Commissioner Geoffrey Starks", "Geoffrey Starks", "mention"),
                       ("Chairwoman Jessica Rosenworcel", "Jessica Rosenworcel", "mention")]


@pytest.mark.slow
def test_colon_lead_in_at_the_end_of_the_paragraph_before(nlp, gaz) -> None:
    text = ("The commission met on Tuesday.\n\nAnd from Chairwoman Jessica Rosenworcel:\n\n"
            '"We will vote on the order next month."')
    assert run(nlp, gaz, text)[-1][1] == "Jessica Rosenworcel"


@pytest.mark.slow
def test_transcript_labels_resolve_to_the_people_the_article_names(nlp, gaz) -> None:
    text = ("Chris Wallace interviewed Mike Pence on Sunday.\n\n"
            "WALLACE: Do you accept the result of the election?\n\n"
            "PENCE: We will accept the result of the election, and we will see what happens.")
    got = run(nlp, gaz, text)
    assert [(m, n) for m, n, _ in got] == [("WALLACE", "Chris Wallace"), ("PENCE", "Mike Pence")]


@pytest.mark.slow
def test_transcript_labels_in_capitals_are_names_whatever_their_tags(nlp, gaz) -> None:
    # labels are capitals the tagger reads as numbers or common nouns; a later label gives the
    # surname alone; a label the article names no one by is written as a name, not in capitals
    text = ("Governor Ada Quinlan (R-OK) spoke about the floods on Sunday.\n\n"
            "Partial transcript as follows:\n\n"
            "JOHN MARLOW: The river rose again on Friday. Take a listen.\n\n"
            "QUINLAN: Well, I think the whole state needs to work together on this.\n\n"
            "MARLOW: And the levees, will they hold this time?\n\n"
            "QUINLAN: I think they will hold if we keep the pumps running.")
    got = [(m, n) for m, n, _ in run(nlp, gaz, text) if m.isupper()]
    assert got == [("JOHN MARLOW", "John Marlow"), ("QUINLAN", "Ada Quinlan"), ("MARLOW", "John Marlow"),
                   ("QUINLAN", "Ada Quinlan")]


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("Intro.\nJAKE TAPPER: Hello there.", 7, 18, "JAKE TAPPER"),
        ("Intro.\nSEN. BERNIE SANDERS (I-VT): No.", 7, 26, "SEN. BERNIE SANDERS"),
        ("Intro.\nUPDATE: The vote was held.", 7, 13, None),  # a heading labels no one
        ("Intro.\nJAKE TAPPER: Hello there.", 12, 18, None),  # not the whole label
        ("He told TAPPER: no.", 8, 14, None),  # not at the start of its paragraph
    ],
)
def test_label_at(text: str, start: int, end: int, label: str | None) -> None:
    assert _label_at(text, start, end) == label


@pytest.mark.parametrize(("word", "written"), [("TAPPER", "Tapper"), ("O'BRIEN", "O'Brien"), ("SEN.", "Sen."),
                                                 ("Tapper", "Tapper")])
def test_capitalized(word: str, written: str) -> None:
    assert _capitalized(word) == written


@pytest.mark.parametrize(("name", "written"), [("WALLACE", "Wallace"), ("JAKE TAPPER", "Jake Tapper"),
                                                 ("Jake Tapper", "Jake Tapper"), ("McCAIN", "McCAIN")])
def test_a_name_printed_in_capitals_is_written_as_a_name(name: str, written: str) -> None:
    assert _as_written(name) == written


@pytest.mark.slow
def test_a_transcript_naming_no_one_in_mixed_case_prints_names_not_capitals(nlp, gaz) -> None:
    text = ("The debate turned to trade on Tuesday.\n\n"
            "WALLACE: Do you support the deal, Governor?\n\n"
            "OKAFOR: We will never support it. We believe in fair trade.")
    assert [(m, n) for m, n, _ in run(nlp, gaz, text)] == [("WALLACE", "Wallace"), ("OKAFOR", "Okafor")]


@pytest.mark.slow
def test_we_outside_quotes_is_the_byline_author(nlp, gaz) -> None:
    text = 'The council met on Monday. We wrote last week that the plan "was never funded at all."'
    assert run(nlp, gaz, text, author="By Ann Lee")[-1][:2] == ("We", "Ann Lee")
    assert run(nlp, gaz, text, author="Harbour News")[-1][1] != "Harbour News"


@pytest.mark.slow
def test_a_person_opening_a_skipped_paragraph_is_in_focus_for_the_next(nlp, gaz) -> None:
    # the middle paragraph holds no quote, so it is not parsed (quotes.attribution.focus); its
    # subject is still the "he" of the paragraph after, not the man quoted before it
    from quotes.attribution import extract_documents
    from quotes.records import Document

    text = ('"We will wait," Tom Brandt said.\n\nPeter Wallis is touring the northern ports this week.\n\n'
            '"The harbours need dredging," he said.')
    ((_, quotes),) = list(extract_documents([Document(id="x", text=text)], nlp=nlp, gazetteer=gaz))
    assert [(q.speaker, q.speaker_name) for q in quotes] == [("Tom Brandt", "Tom Brandt"), ("he", "Peter Wallis")]


@pytest.mark.slow
def test_a_description_goes_to_the_person_it_fits_mentioned_last(nlp, gaz) -> None:
    # both are governors; Berg is the one the story is on when "the governor" speaks
    text = ('Governor Anna Berg of Ohio met Governor Lars Holm of Iowa on Monday. Holm spoke first. '
            'Later Berg toured the plant. "We are ready," the governor said.')
    assert run(nlp, gaz, text)[-1] == ("the governor", "Anna Berg", "description")


def test_a_one_word_person_is_the_only_full_name_with_that_surname() -> None:
    # "Olsen" parsed first, "Maria Olsen" known only from a paragraph the parser skipped
    from handparse import parsed
    from spacy.tokens import Span

    from quotes.attribution.people import ArticlePeople
    from quotes.resolution import Cast

    doc = parsed([("Olsen", 1, "nsubj", "PROPN"), ("spoke", 1, "ROOT", "VERB"), (".", 1, "punct", "PUNCT")])
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    people = ArticlePeople(doc, persons=list(doc.ents))
    people.add_hint("Maria Olsen", 40, None)
    assert Cast(doc, people, list(doc.ents)).fuller(people.lookup("Olsen")).name == "Maria Olsen"
    people.add_hint("Erik Olsen", 80, None)  # two people of that surname: no guess
    assert Cast(doc, people, list(doc.ents)).fuller(people.lookup("Olsen")).name == "Olsen"


@pytest.mark.parametrize(
    ("printed", "found"),
    [
        ("Maria Olsen", "Maria Olsen"),
        ("Olsen", "Maria Olsen"),
        ("Erik Olsen", None),  # another first name: another person
        ("Harbour Board's Olsen", "Maria Olsen"),  # not a first name before the surname
    ],
)
def test_a_full_name_with_another_first_name_is_another_person(printed: str, found: str | None) -> None:
    from handparse import parsed

    from quotes.attribution.people import ArticlePeople

    doc = parsed([("Olsen", 1, "nsubj", "PROPN"), ("spoke", 1, "ROOT", "VERB"), (".", 1, "punct", "PUNCT")])
    people = ArticlePeople(doc, persons=[])
    people.add_hint("Maria Olsen", 40, None)
    entry = people.lookup(printed)
    assert (entry.name if entry is not None else None) == found


@pytest.mark.parametrize(
    ("hint", "hint_at", "found"),
    [
        ("Nora Lund", 20, "Nora Lund"),  # "Nora Lund" opens the story, "her brother, Carl Lund" later
        ("Nora Lund", 90, "Carl Lund"),  # the one parsed was introduced first
        ("Senator Lund", 20, "Carl Lund"),  # no first name: a capitalized run, not an introduction
        ("Will Lund", 3, "Carl Lund"),  # in the headline ("Can Lund win? Will Lund ..."): no introduction
    ],
)
def test_a_lone_surname_is_the_person_of_that_name_introduced_first(hint: str, hint_at: int, found: str) -> None:
    # "Carl Lund" parsed at 40; the hint is a name from a paragraph the parser skipped
    from handparse import parsed
    from spacy.tokens import Span

    from quotes.attribution.people import ArticlePeople

    doc = parsed([("Lund", 1, "nsubj", "PROPN"), ("wins", 1, "ROOT", "VERB"), ("\n", 1, "dep", "SPACE"),
                  ("Carl", 4, "compound", "PROPN"), ("Lund", 5, "nsubj", "PROPN"), ("spoke", 5, "ROOT", "VERB"),
                  (".", 5, "punct", "PUNCT")])
    doc.ents = [Span(doc, 3, 5, label="PERSON")]
    people = ArticlePeople(doc, persons=list(doc.ents))
    people.people[0].first = 40
    people.add_hint(hint, hint_at, None)
    entry = people.lookup("Lund")
    assert entry is not None and entry.name == found
    assert people.lookup(hint).name == hint  # a full name is always its own


def test_a_proper_name_in_apposition_that_starts_with_a_first_name_is_a_person() -> None:
    # "One Republican hopeful, Carly Fiorina, says": the NER took the name for an organization
    from handparse import parsed

    from quotes.resolution import _first_named_apposition

    doc = parsed([("One", 2, "nummod", "NUM"), ("Republican", 2, "amod", "ADJ"), ("hopeful", 7, "nsubj", "NOUN"),
                  (",", 2, "punct", "PUNCT"), ("Carly", 5, "compound", "PROPN"), ("Fiorina", 2, "appos", "PROPN"),
                  (",", 2, "punct", "PUNCT"), ("says", 7, "ROOT", "VERB")])
    name = _first_named_apposition(doc[5])
    assert name is not None and name.text == "Carly Fiorina"
    doc = parsed([("The", 1, "det", "DET"), ("firm", 5, "nsubj", "NOUN"), (",", 1, "punct", "PUNCT"),
                  ("Harbour", 4, "compound", "PROPN"), ("Freight", 1, "appos", "PROPN"), ("says", 5, "ROOT", "VERB")])
    assert _first_named_apposition(doc[4]) is None  # no first name: not taken for a person


@pytest.mark.slow
def test_a_person_named_inside_a_skipped_paragraph_is_still_a_mention(nlp, gaz) -> None:
    from quotes.attribution import extract_documents
    from quotes.records import Document

    text = ('The top fundraiser of the month was the harbour builder Peter Wallis.\n\n'
            'He raised $5 million in March, according to his campaign finance documents.')
    ((_, quotes),) = list(extract_documents([Document(id="x", text=text)], nlp=nlp, gazetteer=gaz))
    assert [q.speaker_name for q in quotes] == ["Peter Wallis"]


@pytest.mark.slow
def test_a_capitalized_run_in_a_skipped_paragraph_is_no_antecedent(nlp, gaz) -> None:
    # "Joint Chiefs" and "Vietnam War" are people only to the capitalization scan: "he" stays
    # unresolved rather than name a war
    from quotes.attribution import extract_documents
    from quotes.records import Document

    text = ('Anna Berg met voters in Ohio.\n\nThe talks turned to the Joint Chiefs and the Vietnam War on Monday.\n\n'
            '"It was a long day," he said.')
    ((_, quotes),) = list(extract_documents([Document(id="x", text=text)], nlp=nlp, gazetteer=gaz))
    assert [(q.speaker, q.speaker_name) for q in quotes] == [("he", None)]


@pytest.mark.parametrize(
    ("description", "found"),
    [
        ("the Florida senator", "Ann Hale"),  # every word of the description is in her role
        ("the senator", "Ben Ruiz"),  # the latest senator introduced before it
        ("the Ohio senator", None),  # no senator from Ohio: another person, not a guess
        ("Grayson's spokeswoman", None),  # Murphy's spokeswoman is not Grayson's
        ("Murphy's spokeswoman", "Cara Lind"),
        ("one unaligned Republican strategist", None),  # 'unaligned' is in no printed role
    ],
)
def test_a_description_fits_a_printed_role_only_when_all_its_words_do(description: str, found: str | None) -> None:
    from handparse import parsed

    from quotes.attribution.people import ArticlePeople

    doc = parsed([("Someone", 1, "nsubj", "PROPN"), ("spoke", 1, "ROOT", "VERB")])
    people = ArticlePeople(doc, persons=[])
    people.add_hint("Ann Hale", 10, "Florida senator")
    people.add_hint("Cara Lind", 20, "Murphy’s spokeswoman")
    people.add_hint("Dan Ortiz", 25, "Republican strategist who advised Bush")
    people.add_hint("Ben Ruiz", 30, "senator from Vermont")
    entry = people.by_role(description, 100)
    assert (entry.name if entry is not None else None) == found


@pytest.mark.slow
def test_a_mention_resolved_twice_names_the_same_source(nlp, gaz) -> None:
    # two claims can share one mention ("On WKRT's "Morning Show" he said, "..."": the show's
    # title taken for a quote, then the quote); the second resolution must not take the mention
    # itself for "the previous speaker" and fall back to the nearest man
    from quotes.attribution.people import ArticlePeople
    from quotes.resolution import Resolver

    # (a man of known gender named after Brandt's sentence would take the focus from him: the
    # name thanked here gives no gender)
    doc = nlp('"We will wait," Tom Brandt said. The board met. The vote was close. The council thanked '
              'Quorvin Wallis. On the radio he said the bridge "can wait."')
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    resolver = Resolver(doc, ArticlePeople(doc, persons=persons), persons, gazetteer=gaz)
    brandt = next(t for t in doc if t.text == "Brandt")
    resolver.resolve(doc[brandt.i - 1 : brandt.i + 1], brandt, "person")
    he = next(t for t in doc if t.lower_ == "he")
    first = resolver.resolve(doc[he.i : he.i + 1], he, "pronoun")
    second = resolver.resolve(doc[he.i : he.i + 1], he, "pronoun")
    assert first["speaker_name"] == "Tom Brandt"
    assert second == first


@pytest.mark.parametrize(
    ("people", "seen"),
    [
        (["Tova Brisk"], [("Tova Brisk", True)]),  # the one person with that first name
        (["Tova Brisk", "Tova Lund"], []),  # two of them: no guess
    ],
)
def test_a_first_name_alone_as_a_subject_is_the_person_named_in_full(people, seen) -> None:
    # "Tova was incredulous." with the NER seeing no person in "Tova": she is still in focus
    from handparse import parsed

    from quotes.attribution.people import ArticlePeople
    from quotes.resolution import Cast

    doc = parsed([("Tova", 1, "nsubj", "PROPN"), ("was", 1, "ROOT", "AUX"), ("glad", 1, "acomp", "ADJ"), (".", 1, "punct", "PUNCT")])
    article = ArticlePeople(doc, persons=[])
    for k, name in enumerate(people):
        article.add_hint(name, 40 + 20 * k, None)
    assert [(s.ref.name, s.subject) for s in Cast(doc, article, []).seen] == seen


def test_the_gazetteer_is_asked_once_per_name_and_role_in_an_article(nlp, gaz) -> None:
    from quotes.attribution import extract_quotes

    class Counting:
        """The bundled gazetteer, counting the questions it is asked."""

        def __init__(self, inner):
            self.inner, self.asked = inner, []

        def identify(self, name, **kwargs):
            self.asked.append((name, kwargs.get("role")))
            return self.inner.identify(name, **kwargs)

        def __getattr__(self, attr):
            return getattr(self.inner, attr)

    counting = Counting(gaz)
    text = ("“We are ready,” Stoltenberg said on Monday.\n\n“The alliance is united,” Stoltenberg said.\n\n"
            "“Nothing has changed,” Stoltenberg added.")
    once = extract_quotes(nlp(text), gazetteer=counting, date="2021-03-01")
    assert [q.speaker_name for q in once] == ["Jens Stoltenberg"] * 3
    assert len(counting.asked) == len(set(counting.asked))  # a repeated question is answered from memory
    assert once == extract_quotes(nlp(text), gazetteer=gaz, date="2021-03-01")

@pytest.mark.parametrize(
    ("words", "name"),
    [
        (["Dana", "Kirk", "-", "Lee", "'s"], "Dana Kirk"),  # "Dana Kirk - Lee's aide - said": the apposition's dash
        (["Weak", "-", "Kirk"], "Kirk"),  # two capitalized parts, neither a first name: the last
        (["Slow", "-", "Dana", "Kirk"], "Dana Kirk"),  # the part that opens with a first name
        (["Dana", "Kirk"], "Dana Kirk"),
    ],
)
def test_a_person_entity_is_cut_at_a_spaced_dash(words: list[str], name: str) -> None:
    from handparse import parsed

    from quotes.attribution.people import person_spans

    rows = [(w, len(words), "compound", "PROPN") for w in words] + [("spoke", len(words), "ROOT", "VERB")]
    doc = parsed(rows, {"PERSON": (0, len(words))})
    assert [e.text for e in person_spans(list(doc.ents))] == [name]

def _relative_rows(antecedent: list[tuple[str, int, str, str]]) -> list[tuple[str, int, str, str]]:
    """``<antecedent rows>, who argued that ...`` with ``who`` attached to the last noun row."""
    n = len(antecedent)
    return [*antecedent, (",", n - 1, "punct", "PUNCT"), ("who", n + 2, "nsubj", "PRON"),
            ("argued", n - 1, "relcl", "VERB"), ("that", n + 4, "mark", "SCONJ"), ("it", n + 4, "nsubj", "PRON"),
            ("failed", n + 2, "ccomp", "VERB"), (".", n + 2, "punct", "PUNCT")]


@pytest.mark.parametrize(
    ("rows", "person", "antecedent"),
    [
        # "Lena Ortiz, the mayor of Vale, who argued ...": the mayor is the name
        ([("Lena", 1, "compound", "PROPN"), ("Ortiz", 1, "ROOT", "PROPN"), (",", 1, "punct", "PUNCT"),
          ("the", 4, "det", "DET"), ("mayor", 1, "appos", "NOUN")], (0, 2), "Ortiz"),
        # "the mayor, who argued ...": no name beside it, the description stays
        ([("the", 1, "det", "DET"), ("mayor", 1, "ROOT", "NOUN")], None, "mayor"),
        # "The Vale Council, the town's board, who ...": no person's name
        ([("Council", 0, "ROOT", "PROPN"), (",", 0, "punct", "PUNCT"), ("the", 3, "det", "DET"),
          ("board", 0, "appos", "NOUN")], None, "board"),
    ],
)
def test_who_after_a_description_in_apposition_to_a_name_is_the_name(
    rows: list[tuple[str, int, str, str]], person: tuple[int, int] | None, antecedent: str
) -> None:
    from handparse import parsed

    from quotes.attribution.resolve import _named_antecedent

    doc = parsed(_relative_rows(rows), {"PERSON": person} if person else None)
    who = next(t for t in doc if t.lower_ == "who")
    assert _named_antecedent(who.head.head).text == antecedent
