"""Extraction rules on small hand-written news sentences (parsed by the real model)."""

from __future__ import annotations

import pytest

from quotes.attribution import extract_quotes, load_gazetteer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def run(nlp, gaz, text: str, date: str | None = None):
    quotes = extract_quotes(nlp(text), gazetteer=gaz, date=date)
    for q in quotes:  # offsets always index the original text
        assert text[q.start : q.end] == q.text
        if q.speaker is not None and q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker
        if q.cue is not None and q.cue_start is not None:
            assert " ".join(text[q.cue_start : q.cue_end].split()) == q.cue
    return quotes


# (text, kind, quote text, speaker mention, speaker name)
CASES = [
    (
        "“We will not leave,” said Maria Lonechild, the band's chief negotiator.",
        "direct", "“We will not leave,”", "Maria Lonechild", "Maria Lonechild",
    ),
    (
        "Maria Lonechild said on Monday that the talks would resume next week.",
        "indirect", "the talks would resume next week", "Maria Lonechild", "Maria Lonechild",
    ),
    (
        "According to the ministry, the road will reopen in May.",
        "indirect", "the road will reopen in May", "the ministry", "the ministry",
    ),
    (
        "The mayor said: “The bridge is safe and will stay open.”",
        "direct", "“The bridge is safe and will stay open.”", "The mayor", "The mayor",
    ),
    (
        "“We reject the report entirely,” the senators said.",
        "direct", "“We reject the report entirely,”", "the senators", "the senators",
    ),
    (
        "“I said no to them many times,” Kowalski explained.",
        "direct", "“I said no to them many times,”", "Kowalski", "Kowalski",
    ),
    (
        "Dialogue going in ‘right direction,’ says Jens Stoltenberg ahead of the meeting.",
        "mixed", "Dialogue going in ‘right direction,’", "Jens Stoltenberg", "Jens Stoltenberg",
    ),
    # manner-of-speaking verbs attribute a quote as "said" does
    (
        "“Is this the best we can do?” a Democratic aide in the room wondered aloud.",
        "direct", "“Is this the best we can do?”", "a Democratic aide in the room", "a Democratic aide in the room",
    ),
    (
        "“Lock her up!” the crowd chanted as the governor spoke.",
        "direct", "“Lock her up!”", "the crowd", "the crowd",
    ),
]


@pytest.mark.parametrize("text, kind, quote, mention, name", CASES)
def test_single_quote_cases(nlp, gaz, text, kind, quote, mention, name) -> None:
    quotes = run(nlp, gaz, text)
    assert [q.text for q in quotes] == [quote]
    (q,) = quotes
    assert q.kind == kind
    assert q.speaker == mention
    assert q.speaker_name == name


def test_mixed_quote_is_the_reported_clause_of_the_pronoun_speaker(nlp, gaz) -> None:
    text = (
        "“The strike is over,” said Tom Baker, the union's president.\n"
        "He added that the union urges both sides to “return to the negotiating table.”"
    )
    quotes = run(nlp, gaz, text)
    assert [q.kind for q in quotes] == ["direct", "mixed"]
    mixed = quotes[1]
    assert mixed.text == "the union urges both sides to “return to the negotiating table.”"
    assert mixed.speaker == "He"
    assert mixed.speaker_name == "Tom Baker"
    assert mixed.role == "union's president"


def test_quote_split_by_its_attribution_is_two_linked_parts(nlp, gaz) -> None:
    text = "Maria Lonechild spoke after the vote.\n“We will not leave,” she said, “until the talks resume.”"
    quotes = run(nlp, gaz, text)
    assert [q.text for q in quotes] == ["“We will not leave,”", "“until the talks resume.”"]
    assert {q.speaker_name for q in quotes} == {"Maria Lonechild"}
    assert quotes[0].group == quotes[1].group == 0
    assert [q.part for q in quotes] == [(1, 2), (2, 2)]


def test_quote_over_two_paragraphs_is_one_record_per_paragraph(nlp, gaz) -> None:
    text = (
        "“The first paragraph of the statement is long.\n"
        "“The second one ends it,” the mayor said.\n"
        "The council met later."
    )
    quotes = run(nlp, gaz, text)
    assert [q.text for q in quotes] == [
        "“The first paragraph of the statement is long.",
        "“The second one ends it,”",
    ]
    assert quotes[0].group == quotes[1].group
    assert {q.speaker for q in quotes} == {"the mayor"}


def test_role_noun_resolves_to_the_person_introduced_with_that_role(nlp, gaz) -> None:
    text = "Defense Minister Anna Kowalski visited the base on Monday.\n“We are ready for anything,” the minister said."
    (q,) = run(nlp, gaz, text)
    assert q.speaker == "the minister"
    assert q.speaker_name == "Anna Kowalski"
    assert q.role == "Defense Minister"


@pytest.mark.parametrize(
    "date, name, pid",
    [("2020-10-22", "Jens Stoltenberg", "jens-stoltenberg"), ("2025-03-01", "Mark Rutte", "mark-rutte")],
)
def test_title_only_mention_resolves_by_tenure(nlp, gaz, date, name, pid) -> None:
    text = "NATO is not a party to the conflict, the NATO secretary-general said on Wednesday."
    (q,) = run(nlp, gaz, text, date=date)
    assert q.kind == "indirect"
    assert q.speaker == "the NATO secretary-general"
    assert (q.speaker_name, q.speaker_id) == (name, pid)


def test_follow_on_quote_shares_the_attribution(nlp, gaz) -> None:
    text = "“The vote was fair,” Kowalski said. “Nobody doubts it any more.”"
    quotes = run(nlp, gaz, text)
    assert [q.text for q in quotes] == ["“The vote was fair,”", "“Nobody doubts it any more.”"]
    assert {q.speaker for q in quotes} == {"Kowalski"}
    assert quotes[0].group == quotes[1].group


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “peace plan” was not discussed at the summit.",  # scare quote
        "The council met on Monday and adjourned without a vote.",  # no quote at all
        "Cheryl Sanders\nOctober 24, 2020\n\nThe bridge was closed for repairs on Friday.",  # a byline
    ],
)
def test_no_quote(nlp, gaz, text) -> None:
    assert run(nlp, gaz, text) == []


def test_stray_mark_does_not_swallow_the_article(nlp, gaz) -> None:
    text = "He called it “absurd and wrong\n\nThe council said the vote was delayed.\n\nThe mayor said the bridge is safe."
    quotes = run(nlp, gaz, text)
    assert all("\n" not in q.text for q in quotes)
    assert [q.text for q in quotes if q.kind == "indirect"] == ["the vote was delayed", "the bridge is safe"]


def test_unknown_person_stays_as_written_without_id(nlp, gaz) -> None:
    (q,) = run(nlp, gaz, "“It works,” said Zorbanek Quillfeather, a local farmer.")
    assert q.speaker_name == "Zorbanek Quillfeather"
    assert q.speaker_id is None


def test_long_text_is_parsed_in_pieces_with_offsets_kept(nlp, gaz, monkeypatch) -> None:
    import quotes.attribution.documents as ex
    from quotes.records import Document

    para = "“The bridge is safe,” said Maria Lonechild. The mayor said the road will reopen soon.\n"
    filler = "The council met and discussed the budget at length without a vote.\n"
    text = (filler * 30 + para) * 6
    monkeypatch.setattr(ex, "CHUNK_CHARS", 2_000)  # many pieces
    (doc, pieces), = ex.extract_documents([Document(id="long", text=text)], nlp=nlp, gazetteer=gaz)
    monkeypatch.setattr(ex, "CHUNK_CHARS", 1_000_000)
    (_, whole), = ex.extract_documents([Document(id="long", text=text)], nlp=nlp, gazetteer=gaz)
    assert len(pieces) == 12
    assert [(q.start, q.end, q.kind, q.speaker_name) for q in pieces] == [
        (q.start, q.end, q.kind, q.speaker_name) for q in whole
    ]
    for q in pieces:
        assert text[q.start : q.end] == q.text
        assert text[q.speaker_start : q.speaker_end] == q.speaker


def test_text_given_with_the_doc_gives_the_same_records_and_must_fit(nlp, gaz) -> None:
    text = "The mayor spoke.\n\n“The bridge is safe,” said Maria Lonechild. She added that it would reopen."
    doc = nlp(text)
    assert extract_quotes(doc, gazetteer=gaz, text=text) == extract_quotes(doc, gazetteer=gaz)
    with pytest.raises(ValueError, match="characters"):
        extract_quotes(doc, gazetteer=gaz, text=text + " ")


@pytest.mark.parametrize(
    "text, weight",
    [
        ("“Yes,” she said.", 16),
        ("One.\n" + " " * 500 + "\nTwo.", 8),  # a blanked paragraph costs the parser nothing
        ("A  B", 2),
        ("", 0),
    ],
)
def test_parsed_chars_leaves_out_blank_runs(text: str, weight: int) -> None:
    from quotes.attribution.documents import parsed_chars

    assert parsed_chars(text) == weight


def test_batches_are_counted_in_parsed_characters(nlp, gaz, monkeypatch) -> None:
    import quotes.attribution.documents as ex

    calls: list[int] = []
    real_pipe = nlp.pipe

    def pipe(texts, **kwargs):
        if kwargs.get("as_tuples"):  # the call _parse_in_batches makes (spaCy calls pipe again inside)
            calls.append(len(texts))
        return real_pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    monkeypatch.setattr(ex, "BATCH_CHARS", 100)
    units = [("“Yes,” she said." + " " * 200, k) for k in range(4)]  # 16 parsed characters each
    assert [k for _, k in ex._parse_in_batches(nlp, units, batch_size=32)] == [0, 1, 2, 3]
    assert calls == [4]  # by raw length (216 each) every unit would be a batch of its own


@pytest.mark.parametrize(
    "text, mention",
    [
        ("“The gap is large,” added a New Hampshire Democrat.", "a New Hampshire Democrat"),
        ("“It is not over,” Gene Sperling, a top outside adviser, said at an event.", "Gene Sperling"),
        ("“It is valuable,”  said Skelly, explaining his view.", "Skelly"),
        ("Evangelist Franklin Graham, who vowed to fight “the radical agenda,” spoke on Monday.", "who"),
        # the object of "told" is the listener
        ("“The agents are under a lot of pressure,” an intelligence source, who was not authorized to speak, told Fox News.", "an intelligence source"),
        # a passive's agent speaks
        ("Rubio was asked by moderator Gerard Baker whether his plan would risk “adding another entitlement.”", "moderator Gerard Baker"),
        # a dateline is not the subject
        ("WASHINGTON (AFP) – Democrat Hillary Clinton has taken a swipe at Trump, saying that “bombastic comments” do more harm than good.", "Democrat Hillary Clinton"),
        # a bare noun after the verb is no inverted speaker ("said matter-of-factly")
        ("“We have had better conventions,” Texas delegate Bill Eastland, wearing a cowboy hat, said matter-of-factly.", "Texas delegate Bill Eastland"),
        # a subject noun that "saying" modifies speaks
        ("Since 2007 the share of Republicans saying “it is more important to protect gun rights” increased.", "the share of Republicans"),
        # a closing mark glued to the speaker's name
        ("“I think it has been surprising,”Clinton said.", "Clinton"),
        # object control: the tabloid does the saying
        ("This prompted the tabloid to do a cover saying “Don't be a Bum, Hil!”", "the tabloid"),
        # inverted order after a question, though "ask" usually names its listener
        ("“How big is that wall?” asked the boy, who was wearing a hat, as the audience laughed.", "the boy"),
        # a pronoun-like speaker after an inverted verb
        ("“America is great! The rest is noise,” read one.", "one"),
        # a relative clause between the speaker and the verb
        ("Although there is no such overlap with his team, a White House official who spoke anonymously to discuss internal strategy said Wednesday, \"Certainly there are discussions between the two.\"", "a White House official"),
        # a name the tagger took for a modal verb
        ("“The war is a reminder of what the office demands,” Will wrote.", "Will"),
        # "upon saying": through the preposition to the clause's subject
        ("Silverman, herself a supporter during the primary, incurred a wave of boos upon saying, “Hillary heard the passion of the people.”", "Silverman"),
        # an aside and a relative clause between the name and the verb
        ("Sanders, meanwhile, who sits at zero such endorsements, said that fact speaks volumes about who is “prepared to take on the establishment.”", "Sanders"),
        # two subjects for one verb: the name after an inverted "said" speaks
        ('The rejection of the treaty signals "the beginning of the end" for the EU, said Geert Wilders, founder of the party.', "Geert Wilders"),
        # a verb the tagger took for a noun after a number ("the two write")
        ("“You seem to have picked a new standard out of thin air,” the two write.", "the two"),
        # the attribution right after the closing mark wins over a clause that swallowed the quote
        ("If Russia is trying to sway the vote — as researchers believe, but Moscow strongly denies — “why would you not raise it?” asked Dunn, now a partner at a firm.", "Dunn"),
        # a participle the parser hung on a verb of the quote belongs to the clause before it
        ("Clinton seemed to be ready to riff on the incident in Iowa, telling the crowd, “Some people get a little carried away, have you noticed that?”", "Clinton"),
        # the subject's phrase never runs into the quote before it
        ('Critics said the image harked back to old stereotypes.\n\n"Just saw the tweet. I am impressed by his ability to find a way to insult literally every kind of human being," screenwriter Cole Haddon wrote on Twitter.', "screenwriter Cole Haddon"),
        # quote, name, verb: the layout of a trailing attribution when the parse has no subject
        ("“Clinton needs a strategy for targeting Johnson and Stein voters,” Nate Silver, the polling guru who founded fivethirtyeight.com tweeted on Wednesday.", "Nate Silver"),
        # a verb of saying in a relative clause does not take the quote from the attribution after it
        ('Nothing the president said "will assuage people\'s fears," the Florida senator said.', "the Florida senator"),
        # a place in an opening phrase taken for a second subject
        ("Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him “a total stiff.”", "Trump"),
        # who puts out a video, an ad or an email speaks through it
        ('In selling the courses, Trump released a marketing video that said, "We are going to have professors that are absolutely terrific."', "Trump"),
        ('A fundraising email sent out by Kowalski on Tuesday night warned of the fight ahead: "There are 14 primaries over the next three weeks."', "Kowalski"),
        # a word of the quote taken as a second subject: the subject outside the marks speaks
        ("“Very good reporter, very good reporter this guy,” Trump, the 2016 GOP presidential frontrunner nationally and current polling leader in South Carolina by a wide margin, said.", "Trump"),
    ],
)
def test_attribution_the_parser_gets_wrong(nlp, gaz, text, mention) -> None:
    (q,) = [q for q in run(nlp, gaz, text) if q.kind != "indirect"]
    assert q.speaker == mention


@pytest.mark.parametrize(
    "text, quote",
    [
        ("Party chairman Reince Priebus was said to be “furious” with the nominee for dividing the party.", "to be “furious” with the nominee for dividing the party"),
        ("The new project will informally be dubbed the “Defeat Crooked Hillary PAC” and will focus on attacks.", "the “Defeat Crooked Hillary PAC”"),
        ("Blumenthal was asked, “If you had known, would you have told her it was not a good idea?”", "“If you had known, would you have told her it was not a good idea?”"),
    ],
)
def test_the_subject_of_a_passive_cue_is_not_its_speaker(nlp, gaz, text, quote) -> None:
    (q,) = run(nlp, gaz, text)
    assert (q.text, q.speaker) == (quote, None)


def test_a_clitic_has_is_not_a_passive(nlp, gaz) -> None:
    (q,) = run(nlp, gaz, "Just look at the speaker. He’s said he gets his ideas from a “pro-gold speech” in a novel.")
    assert (q.kind, q.speaker) == ("mixed", "He")


@pytest.mark.parametrize(
    "text, quote, mention",
    [
        # a quote box or fact-check list signs the quote on the next line
        ("“We will fix the roads before winter comes.”\n\n- Ana Petrova, Springfield.", "“We will fix the roads before winter comes.”", "Ana Petrova"),
        # reported speech ending the sentence before goes on in quotation marks
        ("The senator spoke for an hour. And then he promised that he would stay in the race until the convention. “We are in till the last ballot is cast!”", "“We are in till the last ballot is cast!”", "he"),
        # a transcript excerpt labels a lawmaker with a party tag before the colon, glued or not
        ('The panel asked about the figure.\n\nRep. Ann Lee (D-N.Y.):"Who gave you that number?"', '"Who gave you that number?"', "Rep. Ann Lee"),
        ('The panel asked about the figure.\n\nSen. Bo Park (R-Ga.): "The number is right."', '"The number is right."', "Sen. Bo Park"),
        # a cue with no words of its own announces the quote after it
        ("Sam Lau, the party spokesman, said in a statement. “There are no paper ballots to recount.”", "“There are no paper ballots to recount.”", "Sam Lau"),
    ],
)
def test_quote_attributed_by_the_sentence_or_line_next_to_it(nlp, gaz, text, quote, mention) -> None:
    quotes = [q for q in run(nlp, gaz, text) if q.text == quote]
    assert [q.speaker for q in quotes] == [mention]


def test_subject_of_the_reported_clause_is_not_an_inverted_speaker(nlp, gaz) -> None:
    text = 'One attendee, who like others spoke on the condition of anonymity to discuss the private meeting, said the message was that "this is not going to be over in February."'
    (q,) = [q for q in run(nlp, gaz, text) if q.kind == "mixed"]
    assert (q.text, q.speaker) == ('the message was that "this is not going to be over in February."', "One attendee")


def test_a_quote_reported_by_another_source_is_both_the_speakers_and_the_reports(nlp, gaz) -> None:
    text = "“I ask you not to engage in any kind of protest on the floor,” Sanders said, according to CNN. “It is of utmost importance.”"
    quotes = run(nlp, gaz, text)
    assert [(q.kind, q.speaker, q.cue) for q in quotes] == [
        ("direct", "Sanders", "said"),  # his words stay his
        ("mixed", "CNN", "according to"),  # CNN's report of them, attribution included
        ("direct", "CNN", "according to"),  # the rest comes through the same report
    ]
    assert quotes[2].speaker_name == "CNN"
    assert quotes[1].text == "“I ask you not to engage in any kind of protest on the floor,” Sanders said"


def test_a_report_after_an_inverted_attribution_is_nested_too(nlp, gaz) -> None:
    text = "“This platform says you are no longer welcome,” said Kristen Day, executive director of Democrats for Life, reports USA Today."
    quotes = run(nlp, gaz, text)
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Kristen Day"), ("mixed", "USA Today")]
    assert quotes[1].text.endswith("executive director of Democrats for Life")


def test_a_show_title_is_not_a_partial_quote(nlp, gaz) -> None:
    quotes = run(nlp, gaz, '"We will not back down," Smith told CNN\'s Jake Tapper on "State of the Union."')
    assert [(q.kind, q.speaker) for q in quotes] == [("direct", "Smith")]


def test_an_age_is_the_whole_mention(nlp, gaz) -> None:
    (q,) = run(nlp, gaz, '"I don\'t know," the 62-year-old said.')
    assert q.speaker == "the 62-year-old"


def test_relative_pronoun_names_its_antecedent(nlp, gaz) -> None:
    (q,) = run(nlp, gaz, "Jens Stoltenberg, who said the alliance “is not part of this conflict,” met Aliyev.")
    assert (q.speaker, q.speaker_name, q.speaker_id) == ("who", "Jens Stoltenberg", "jens-stoltenberg")


def test_title_taken_into_the_name_is_split_off(nlp, gaz) -> None:
    (q,) = run(nlp, gaz, "“We will rebuild the harbour bridge this year,” said Mayor Ana Petrova.")
    assert (q.speaker, q.speaker_name, q.role) == ("Mayor Ana Petrova", "Ana Petrova", "Mayor")


def test_quote_ending_a_sentence_does_not_take_the_next_sentences_cue(nlp, gaz) -> None:
    text = '"Maybe we are just trying," Tripp said. "We are trying to show some mercy to the bully." South Carolina, he said, was different.'
    quotes = [q for q in run(nlp, gaz, text) if q.kind == "direct"]
    assert [q.speaker for q in quotes] == ["Tripp", "Tripp"]


def test_verb_the_tagger_took_for_a_noun_after_a_quote(nlp, gaz) -> None:
    quotes = run(nlp, gaz, '"Friend, let me be blunt. I can beat her," the email read.')
    assert [(q.kind, q.cue, q.speaker) for q in quotes] == [("direct", "read", "the email")]


@pytest.mark.parametrize(
    "text, start, speaker",
    [
        # the source at the end reports the whole clause, partial quote and inner cue included
        ("Earlier in the day, Kowalski held a meeting with community leaders and pledged to “promote the kinds of changes that will prevent this,” the Daily Courier reported.",
         "Earlier in the day", "the Daily Courier"),
        ("The senator vowed to fight the “cheating,” according to the Daily Courier.", "The senator vowed", "the Daily Courier"),
        # a pronoun repeating the speaker is no outer source
        ("Campaign spokesman Rick Tyler said that the ads will show that Cruz has “guiding principles to make critical decisions,” he said.",
         "the ads will show", "Campaign spokesman Rick Tyler"),
    ],
)
def test_a_partial_quote_reported_by_a_trailing_source_is_the_sources(nlp, gaz, text, start, speaker) -> None:
    (q,) = run(nlp, gaz, text)
    assert (q.kind, q.speaker) == ("mixed", speaker)
    assert q.text.startswith(start)


def test_overlapping_reported_clauses_give_one_record_per_quote(nlp, gaz) -> None:
    # the parse gave "described" two clauses holding the same marks: one record, not two
    text = ("Kowalski described the senator as a “caricature of the worst possibilities” and "
            "“stupendously un-conservative,” and he said the party is “in deep trouble” now.")
    quotes = run(nlp, gaz, text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the senator as a “caricature of the worst possibilities” and “stupendously un-conservative,”", "Kowalski"),
        ("the party is “in deep trouble” now", "he"),
    ]


# ---- layout: transcripts, dash signatures, colon lead-ins, flattened paragraphs (issue 12 items 4, 5)

def test_transcript_labels_attribute_each_turn_to_the_full_name(nlp, gaz) -> None:
    text = (
        "Dana Whitfield questioned Governor Tom Okafor on Sunday.\n"
        "WHITFIELD: Governor, will you accept the result of the count?\n"
        "OKAFOR: I will accept it, Dana. We believe in the rule of law.\n"
        "WHITFIELD: Thank you, Governor."
    )
    quotes = run(nlp, gaz, text)
    assert [(q.text, q.speaker, q.speaker_name) for q in quotes] == [
        ("Governor, will you accept the result of the count?", "WHITFIELD", "Dana Whitfield"),
        ("I will accept it, Dana. We believe in the rule of law.", "OKAFOR", "Tom Okafor"),
        ("Thank you, Governor.", "WHITFIELD", "Dana Whitfield"),
    ]


def test_transcript_turns_without_marks_or_verbs_are_parsed_when_extracting_documents(nlp, gaz) -> None:
    # extract_documents leaves unparsed the paragraphs that cannot hold a quote: a labelled turn can
    # ("PENCE: We will never support it." has no mark and no verb of saying)
    import quotes.attribution.documents as ex
    from quotes.records import Document

    text = (
        "The debate turned to trade on Tuesday.\n\n"
        "WALLACE: Do you support the deal?\n\n"
        "PENCE: We will never support it. We believe in fair trade."
    )
    ((_, quotes),) = list(ex.extract_documents([Document(id="debate", text=text)], nlp=nlp, gazetteer=gaz))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Do you support the deal?", "WALLACE"),
        ("We will never support it. We believe in fair trade.", "PENCE"),
    ]


def test_a_heading_in_capitals_is_not_a_speaker(nlp, gaz) -> None:
    text = "UPDATE: The council met again on Friday and approved the budget.\nThe vote was close."
    assert [q for q in run(nlp, gaz, text) if q.speaker == "UPDATE"] == []


@pytest.mark.parametrize("dash", [" -", " \u2013 ", " \u2014 ", ", \u2014 ", " -- "])
def test_dash_signature_names_the_speaker(nlp, gaz, dash: str) -> None:
    text = f"The vote passed on Thursday.\n\u201cThese rules are long overdue\u201d{dash}Commissioner Hal Brenner"
    (q,) = run(nlp, gaz, text)
    assert q.text == "\u201cThese rules are long overdue\u201d"
    assert (q.speaker, q.speaker_name) == ("Commissioner Hal Brenner", "Hal Brenner")


def test_a_colon_at_the_end_of_the_paragraph_introduces_the_next(nlp, gaz) -> None:
    text = (
        "The commission voted on Thursday.\nAnd from Chairwoman Priya Castellanos:\n"
        "\u201cThis is the best we can do for families right now.\u201d"
    )
    (q,) = run(nlp, gaz, text)
    assert q.text.startswith("\u201cThis is the best") and q.speaker_name == "Priya Castellanos"


def test_a_pronoun_after_a_description_keeps_the_described_speaker(nlp, gaz) -> None:
    text = "\u201cToday the rules change for good,\u201d the agency's chair said. \u201cWe will enforce them,\u201d she added."
    first, second = run(nlp, gaz, text)
    assert first.speaker == "the agency's chair"
    assert (second.speaker, second.speaker_name) == ("she", "the agency's chair")


FLATTENED = (
    "The coach spoke after the match. \u201cThe players gave everything tonight and I am proud of them. "
    "\u201cWe will come back stronger next season,\u201d he said. The club said the stadium would be rebuilt. "
    "A spokesman for the ministry said the funding was secure. \u201cWe will not cut a single penny. "
    "The minister said on Monday that the budget was fixed."
)


@pytest.mark.parametrize("text", [FLATTENED, FLATTENED.replace("\u201c", '"').replace("\u201d", '"')])
def test_flattened_paragraphs_give_no_runaway_spans(nlp, gaz, text: str) -> None:
    quotes = run(nlp, gaz, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text.strip("\u201c\u201d\"") for q in direct] == [
        "The players gave everything tonight and I am proud of them.",
        "We will come back stronger next season,",
        "We will not cut a single penny.",
    ]
    # the spokesman's words are the spokesman's, not the coach's
    assert [q.speaker for q in direct] == ["he", "he", "A spokesman for the ministry"]
    assert any(q.kind == "indirect" and q.speaker == "The minister" for q in quotes)


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        # web copy's no-break spaces are spaces to the parser: the name is one name
        ("Current\u00a0and former officials said the plan \u201cwill not work.\u201d",
         "Current\u00a0and former officials", "Current and former officials"),
        ("\u201cWe will not leave,\u201d the\u00a0judge\u00a0said on Monday.", "the\u00a0judge", "the judge"),
    ],
)
def test_no_break_spaces_are_spaces_and_the_records_keep_the_printed_text(nlp, gaz, text, mention, name) -> None:
    from quotes.attribution import documents as ex
    from quotes.records import Document

    ((_, quotes),) = list(ex.extract_documents([Document(id="nbsp", text=text)], nlp=nlp, gazetteer=gaz))
    (q,) = quotes
    assert (q.speaker, q.speaker_name) == (mention, name)
    assert text[q.start : q.end] == q.text and text[q.speaker_start : q.speaker_end] == q.speaker
    assert text[q.cue_start : q.cue_end] == q.cue


@pytest.mark.parametrize(
    "text, quote, mention",
    [
        # the question put to the speaker has no speaker of its own in the text
        ("Asked whether he would run again, Mayor Tom Hale said he had not decided.", "he would run again", None),
        ("Asked by a reporter whether the vote would pass, Mayor Tom Hale said no.", "the vote would pass", "a reporter"),
        # the quote after the question goes on with the speaker who answered it
        ("“Very nice,” the casino owner told Reuters in Macau when asked if he had met Hale. “He was very charming.”",
         "“He was very charming.”", "the casino owner"),
        ("“We need jobs,” Ms. Ortiz said on the radio last month when asked what her husband would do. “Nobody did it better.”",
         "“Nobody did it better.”", "Ms. Ortiz"),
        # a question before the colon does not take the answer from the one who gives it
        ("The decision involves Attorney General Ann Ortiz, who told Congress when asked about the inquiry: “That matter is handled by career agents.”",
         "“That matter is handled by career agents.”", "who"),
        # an inverted 'asked' after the quote is the speaker's own question
        ("“Is Hale running against the committee?” asked Mr. Baker, a party official.", "“Is Hale running against the committee?”", "Mr. Baker"),
    ],
)
def test_a_question_put_to_the_speaker_is_nobody_s_words_but_the_answer_is_theirs(nlp, gaz, text, quote, mention) -> None:
    quotes = [q for q in run(nlp, gaz, text) if q.text == quote]
    assert [q.speaker for q in quotes] == [mention]


@pytest.mark.parametrize(
    "text, quotes",
    [
        ("In any case, Mr. Hale said, the golf industry was vastly over-supplied.",
         [("In any case", "Mr. Hale"), ("the golf industry was vastly over-supplied", "Mr. Hale")]),
        ("Particularly in poorer parts of the state, he said, “we don't know what the answer will be.”",
         [("Particularly in poorer parts of the state", "he"), ("“we don't know what the answer will be.”", "he")]),
        ("A comic tone, she said, would make the subject more accessible.",
         [("A comic tone", "she"), ("would make the subject more accessible", "she")]),
        ("“Yes,” he said, “we will win.”", [("“Yes,”", "he"), ("“we will win.”", "he")]),
        ("Mayor Tom Hale said the plan would work.", [("the plan would work", "Mayor Tom Hale")]),
    ],
)
def test_an_attribution_in_mid_sentence_reports_the_words_on_both_sides(nlp, gaz, text, quotes) -> None:
    assert [(q.text, q.speaker) for q in run(nlp, gaz, text)] == quotes
