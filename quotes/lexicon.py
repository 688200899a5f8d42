"""The words the extractor knows, in one place: verbs of saying, titles and roles, honorifics,
pronouns, dashes and quotation marks.

Every module that needs one of these lists imports it from here, so a verb added for the rules
is also one the fast tagger lemmatizes (:mod:`quotes.model`) and one that makes a paragraph worth
parsing (:mod:`quotes.attribution.focus`).
"""

from __future__ import annotations

# ---- verbs ---------------------------------------------------------------------------------------

# Verbs of saying that news copy uses to attribute speech (lemmas).
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add state explain note insist argue write ask stress warn claim announce declare
    tweet post reply respond answer continue conclude acknowledge admit recall assert maintain
    reiterate comment remark observe confirm deny report testify predict promise vow pledge caution
    complain concede contend reveal disclose emphasize emphasise underline underscore suggest urge
    demand quip joke shout yell whisper allege boast charge counter retort inform assure agree
    announce proclaim affirm indicate mention point highlight describe learn read told says said
    wonder chant exclaim bark fume interject recount surmise elaborate confess scream snap gush muse
    grumble mutter murmur opine concur lament marvel scoff
    """.split()
)

# Verbs that attribute the words of a partial quote in their complement to their subject
# ('called the order "quite dangerous"', 'pledged to fight its "cheating"'), beyond verbs of saying.
ATTRIBUTION_VERBS: frozenset[str] = SPEECH_VERBS | frozenset(
    """
    call label dub brand term characterize characterise describe praise hail tout laud applaud
    criticize criticise denounce condemn decry slam blast attack accuse blame mock deride ridicule
    dismiss reject question challenge defend pledge vow promise threaten lament bemoan regret deplore
    express voice echo repeat quote cite recite refer compare predict forecast propose recommend
    advocate demand plead beg encourage invite welcome thank congratulate apologize apologise
    boast brag scoff sneer muse wonder recall remember characterize frame portray paint
    """.split()
)

def verb_forms() -> dict[str, str]:
    """Inflected form -> lemma for the attribution verbs, so the rules run without a lemmatizer."""
    forms = {"said": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
             "spoken": "speak", "heard": "hear", "learnt": "learn", "according": "accord"}
    for verb in sorted(ATTRIBUTION_VERBS | {"learn", "hear", "quote", "speak"}):
        new = {verb, verb + "s", verb + "ed", verb + "ing"}
        if verb.endswith("e"):
            new |= {verb + "d", verb[:-1] + "ing"}
        if verb.endswith(("s", "sh", "ch", "x")):
            new.add(verb + "es")
        if verb.endswith("y") and verb[-2:-1] not in "aeiou":
            new |= {verb[:-1] + "ies", verb[:-1] + "ied"}
        if len(verb) > 2 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou" and verb[-3] not in "aeiou":
            new |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # admit -> admitted
        for form in new:
            forms.setdefault(form, verb)
    return forms


VERB_FORMS: dict[str, str] = verb_forms()

# Verbs that only attribute speech with a clausal complement or a quote (``she noted that``), never
# with a plain object (``noted the importance``): the content must be a clause.
CLAUSE_ONLY_VERBS: frozenset[str] = frozenset(
    "continue point describe highlight underline underscore note stress emphasize emphasise mention "
    "indicate report add".split()
)

# Verbs whose object is the listener, never an inverted speaker ('"...," told the crowd').
LISTENER_VERBS: frozenset[str] = frozenset("tell ask inform assure warn urge remind notify brief".split())

# Words that open a clause whose participle has no subject of its own ("when asked whether ...",
# "after being asked about ...").
PARTICIPLE_OPENERS: frozenset[str] = frozenset("when after if once before as while until upon being".split())

# The cue words of the evaluation's "speech" scope (quotes.evaluate): a fixed list, so that the
# scope means the same quotes whatever verbs the rules learn.
SCORED_SPEECH_CUES: tuple[str, ...] = (
    "said", "says", "told", "added", "according", "stated", "explained", "noted", "insisted",
    "argued", "wrote", "asked", "stressed", "warned", "claimed", "announced",
)

# ---- people --------------------------------------------------------------------------------------

# Head nouns of roles. The gazetteer adds its own title lexicon to these.
ROLE_WORDS: frozenset[str] = frozenset(
    """
    president minister secretary secretary-general chief spokesman spokeswoman spokesperson official
    officials representative envoy ambassador general colonel commander head director chairman chair
    chairwoman leader premier chancellor governor senator congressman congresswoman lawmaker mayor
    adviser advisor aide diplomat source sources analyst expert professor deputy prime king queen
    prince emir spokespeople candidate nominee speaker justice judge attorney prosecutor
    manager strategist pollster economist executive ceo founder member members sg pm fm
    """.split()
)

# Courtesy titles before a name, lower case and without a full stop (Mr, Ms, Sir, Lord ...).
HONORIFICS: frozenset[str] = frozenset("mr mrs ms miss mx dr sir dame madam madame mme lord lady".split())
# Abbreviated titles of office (Sen. John Smith, Gen. Mark Milley).
TITLE_ABBREVIATIONS: frozenset[str] = frozenset("sen rep gov gen prof".split())
# The honorifics a speaker mention drops from a printed name: the common courtesy titles with or
# without their full stop, the abbreviations only with it (a bare "Gen" or "Rep" is often a word).
NAME_HONORIFICS: frozenset[str] = frozenset(
    {"mr", "mrs", "ms", "dr"} | {h + "." for h in ("mr", "mrs", "ms", "dr", *sorted(TITLE_ABBREVIATIONS))}
)

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "we", "it", "them", "us"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "that", "which", "whom"})
# Pronouns that can only stand for someone who speaks.
PERSONAL_PRONOUNS: frozenset[str] = frozenset("i we you he she they who".split())
# Subjects that name no source ("That means:", "There's more:").
NOT_SOURCES: frozenset[str] = frozenset("that this it there which what here these those".split())

# People and groups of them that are not titles (ROLE_WORDS has those).
PEOPLE_NOUNS: frozenset[str] = frozenset(
    "guy guys man men woman women people person crowd audience staff aide aides source sources "
    "campaign team group panel committee board candidate nominee client friend friends family "
    "parent parents mother father son daughter wife husband child children kid kids student "
    "students resident residents".split()
)
# Endings of agent nouns ('protesters', 'senator', 'activist', 'politician', 'attendee', 'delegate').
AGENT_SUFFIXES: tuple[str, ...] = (
    "er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ee", "ees", "ate", "ates", "ant", "ants", "ent", "ents",
)
# Things that carry someone's words: who puts one out speaks through it.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    "video ad advert advertisement commercial spot email e-mail letter message statement release "
    "memo note post tweet mailer flier flyer leaflet".split()
)

# ---- punctuation ---------------------------------------------------------------------------------

# Dashes as characters (a sign-off line '- Bernie Sanders') and as tokens ('--' is one token).
DASH_CHARS: str = "-\u2013\u2014"
#: The inside of a party/state tag printed after a lawmaker's name: "R-Ga.", "D-N.Y.", "I-Vt.".
PARTY_TAG_BODY: str = r"[RDI]\s*[-\u2013]\s*[A-Z][A-Za-z. ]{0,14}"
DASHES: frozenset[str] = frozenset({"-", "\u2013", "\u2014", "--"})
#: A transcript's speaker label at the start of a paragraph: 'WALLACE: ', 'JAKE TAPPER: ',
#: 'SEN. BERNIE SANDERS (I-VT): ' (group 1 is the name).
SPEAKER_LABEL: str = r"([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]*){0,3})(?: \([^)\n]{1,12}\))?:[ \t]+(?=\S)"
# Double quotation marks as tokens: a speaker mention never runs over one.
DOUBLE_MARK_TOKENS: frozenset[str] = frozenset({'"', "\u201c", "\u201d", "``", "''", "\u201e", "\u00ab", "\u00bb"})
# Tokens spaCy does not flag ``is_quote`` that are quotation marks all the same.
OTHER_QUOTE_TOKENS: frozenset[str] = frozenset({"''", "``", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e"})

# Words in capitals before a colon at the start of a paragraph that head a section, not a turn of
# a transcript ('UPDATE: ...', 'EDITOR'S NOTE: ...'); interview labels Q and A name no one.
NOT_SPEAKER_LABELS: frozenset[str] = frozenset({
    "update", "updated", "updates", "previously", "correction", "corrections", "clarification",
    "editor's note", "editor\u2019s note", "editors note", "note", "watch", "video", "photos", "photo",
    "read more", "related", "more", "see also", "breaking", "breaking news", "exclusive", "analysis",
    "opinion", "source", "sources", "disclosure", "disclaimer", "advertisement", "caption", "credit",
    "warning", "spoiler", "trigger warning", "tl;dr", "bottom line", "background", "context",
    "short reads", "long reads", "stat of the week", "quote of the day", "today", "tonight", "live",
    "q", "a", "ps", "p.s", "faq", "summary", "transcript", "full transcript", "key points",
})

# ---- speaker resolution (quotes.resolution) ------------------------------------------------------

MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord"})

FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "madam"})

#: Honorifics British copy puts before a first name (``Sir Cameron`` is Sir Cameron Mackintosh).
FIRST_NAME_HONORIFICS = frozenset({"sir", "dame"})

TITLE_PREFIXES = NAME_HONORIFICS | MALE_HONORIFICS | FEMALE_HONORIFICS | frozenset(
    {"sen", "rep", "gov", "gen", "dr", "prof", "lord", "lady", "president", "senator", "governor", "judge"}
)

MALE_NOUNS = frozenset(
    "spokesman congressman chairman businessman man father son husband brother king prince emir "
    "actor boyfriend grandfather uncle nephew sir lord".split()
)

FEMALE_NOUNS = frozenset(
    "spokeswoman congresswoman chairwoman businesswoman woman mother daughter wife sister queen "
    "princess actress girlfriend grandmother aunt niece lady dame".split()
)

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})

FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})

ORG_PRONOUNS = frozenset({"it", "they", "we", "them", "us", "its", "their", "our"})

FIRST_PERSON = frozenset({"i", "me", "my"})

#: Verbs of an answer: their speaker is the one the sentence before asked (``A reporter asked
#: Sanders how he felt. He replied``), not the asker.
REPLY_VERBS = frozenset("reply respond answer retort".split())

#: Verbs of a question put to someone (their object is who answers next).
QUESTION_VERBS = frozenset("ask question press".split())

#: Nouns of the works an excerpt or an adaptation is taken from (``excerpted from Ann Lee's new
#: book``): the work's author is the ``I`` of the excerpt.
AUTHORED_WORK_NOUNS = frozenset("book memoir memoirs novel biography autobiography essay essays".split())

#: Nouns of things that speak for their owner (``The ad says`` is the campaign that ran it).
OWNED_DOCUMENT_NOUNS = frozenset(
    "ad ads advert advertisement commercial spot video statement release email e-mail tweet post letter "
    "word words remarks comments testimony "
    "memo report filing filings speech op-ed editorial note message website site page book column "
    "headline article story survey poll study document documents complaint lawsuit suit ruling order "
    "affidavit memorandum petition".split()
)

#: Participles (the pipeline does not lemmatize them) that make or put out a document, whose agent is its owner (``a poll conducted by
#: Edison Research``, ``a memo written by the aide``); ``reported``, ``obtained``, ``cited`` name
#: who passed the document on, not whose it is.
AUTHORING_PARTICIPLES = frozenset(
    "conducted commissioned written authored issued released published signed sent produced paid sponsored "
    "filed prepared compiled drafted run taken carried".split()
)

#: Capitalized words that open a sentence or a headline before "poll" and name no pollster.
NOT_POLLSTER_WORDS = frozenset("the a an this that new latest recent our their his her its".split())

#: Words after "poll" that make it a candidate's standing, not a poll that speaks (``the Trump
#: poll numbers``).
NOT_POLL_USES = frozenset(
    "numbers lead leads standing standings ratings position average averages bump surge gains slump".split()
)

#: Nouns of a poll, which speaks for whoever ran it; ``the survey`` can take up ``a CNN/ORC poll``.
POLL_NOUNS = frozenset("poll survey polling".split())

#: What a poll found, which speaks for the poll (``according to the results``) when one was named.
POLL_RESULT_NOUNS = frozenset("result results finding findings".split())

#: Words that make a capitalized run an organization's name (``the Labor Department``, ``the
#: National Golf Foundation``, ``the Business Council of British Columbia``): an organization
#: named only in a paragraph the parser skipped is still one "it" or "the group" can mean.
ORG_NAME_WORDS = frozenset(
    "department ministry agency bureau office commission committee council board foundation institute "
    "association union coalition alliance league party campaign company corporation corp inc group "
    "center centre bank university college court administration service network organization "
    "organisation federation fund society trust".split()
)

#: Nouns of organizations and groups an ``it``/``they``/``we`` can stand for.
ORG_NOUNS = frozenset(
    "campaign committee company firm group organization organisation agency department ministry "
    "administration government party network newspaper paper magazine outlet station channel union "
    "association council board commission court team office embassy bank university institute "
    "foundation coalition alliance league club center centre service bureau panel senate house "
    "congress legislature police army military navy".split()
)

#: Words in the names of news outlets (``the Orlando Sentinel``, ``The Advocate``, ``CNN``): what
#: ``the newspaper`` can refer to.
OUTLET_NAME_WORDS = frozenset(
    "times post news journal herald tribune sentinel gazette globe chronicle star register daily "
    "advocate observer guardian telegraph independent mail sun examiner inquirer press bee dispatch "
    "courier record republic review standard beacon hill politico breitbart blaze slate salon vox "
    "atlantic newsweek magazine weekly insider cnn fox nbc abc cbs msnbc pbs npr bbc cnbc reuters ap "
    "bloomberg univision telemundo tv radio network channel".split()
)

#: Words in the names of government bodies (``the State Department``, ``the FBI``).
GOVERNMENT_NAME_WORDS = frozenset(
    "department agency ministry bureau office administration service commission authority "
    "fbi cia nsa epa irs fec faa dhs fema pentagon treasury".split()
)

_PANEL_WORDS = frozenset("committee commission panel board council".split())

#: What a definite description of an organization says about its name: ``the newspaper`` is an
#: outlet, ``the court`` a court, ``the department`` a government body. Head noun -> words one of
#: which the name of the organization it refers to holds. Heads not listed (``the group``,
#: ``the company``) fit any organization whose name shows no other kind (:data:`ORG_KIND_WORDS`).
ORG_DESCRIPTION_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("newspaper", "paper", "tabloid", "publication", "outlet", "magazine"), OUTLET_NAME_WORDS),
    **dict.fromkeys(("network", "channel", "station", "broadcaster"), frozenset(
        "cnn fox nbc abc cbs msnbc pbs npr bbc cnbc univision telemundo news tv radio network channel".split())),
    **dict.fromkeys(("department", "agency", "ministry", "bureau", "office", "service"), GOVERNMENT_NAME_WORDS),
    **dict.fromkeys(tuple(_PANEL_WORDS), _PANEL_WORDS),
    "administration": frozenset({"administration"}),
    "court": frozenset({"court"}),
    "campaign": frozenset({"campaign"}),
    "party": frozenset({"party", "democrats", "republicans", "gop", "dnc", "rnc"}),
    **dict.fromkeys(("university", "college", "school"), frozenset({"university", "college", "school"})),
    **dict.fromkeys(("institute", "center", "centre"), frozenset({"institute", "institution", "center", "centre"})),
    "foundation": frozenset({"foundation", "fund", "trust"}),
    **dict.fromkeys(("association", "union", "federation"), frozenset({"association", "federation", "union", "society"})),
    **dict.fromkeys(("coalition", "alliance", "league"), frozenset({"coalition", "alliance", "league"})),
    "bank": frozenset({"bank", "reserve"}),
    "embassy": frozenset({"embassy"}),
    "government": frozenset({"government"}),
    "police": frozenset({"police"}),
    **dict.fromkeys(("army", "military", "navy"), frozenset({"army", "military", "navy", "forces", "pentagon"})),
    "senate": frozenset({"senate"}),
    "house": frozenset({"house"}),
    "congress": frozenset({"congress"}),
    "legislature": frozenset({"legislature", "assembly"}),
    "team": frozenset({"team"}),
    "club": frozenset({"club"}),
}

#: Words in the names of the bodies ``the group`` and ``the organization`` can mean besides names
#: that show no kind (``Black Lives Matter``): advocacy and membership bodies (``the National Golf
#: Foundation``, ``the American Civil Liberties Union``), not an outlet, a government body or a court.
GROUP_NAME_WORDS = frozenset(
    "foundation fund trust association federation union society coalition alliance league institute "
    "center centre council committee project".split()
)

#: Words whose presence in an organization's name shows its kind: a ``company`` or ``group`` is
#: not ``the State Department``, ``New York University`` or ``the Sun-Times``.
ORG_KIND_WORDS = frozenset().union(*ORG_DESCRIPTION_KINDS.values()) - {"star", "sun", "hill", "record", "republic", "standard", "insider", "independent", "review"}

#: Words that make another office of a title (a vice president is not ``the president``).
OFFICE_PREFIXES = frozenset("vice deputy assistant lieutenant associate under".split())

#: Heads of descriptions naming offices the gazetteer records for the people who hold them (heads
#: of state and government, governors, cabinet secretaries, attorneys general): a person the
#: gazetteer knows is such a description only when it records the office for them (or the article
#: prints it), so that ``the former president`` is not the governor in focus. Offices its records
#: often leave out (a senator's or representative's seat below a higher office) are not listed.
OFFICES_ON_RECORD = frozenset("president governor secretary attorney general chancellor premier".split())

#: Nouns that characterize a person the story already follows (``the businessman said``) rather
#: than introduce a source of their own (``the official``, ``the aide``, ``the man``): a definite
#: description headed by one refers to the person in focus even without a modifier. Offices
#: (``the mayor``, ``the senator``) are not among them: an office the article never printed with
#: the person in focus is no evidence that it is theirs.
CHARACTER_NOUNS = frozenset(
    "candidate nominee frontrunner front-runner businessman businesswoman businessperson billionaire "
    "tycoon magnate mogul entrepreneur investor developer politician actor actress singer star host "
    "anchor commentator columnist author neurosurgeon".split()
)

#: Standings only one person of a party holds at a time (``the GOP front-runner``): a description
#: headed by one means the person in focus only when the article ties them to the party it names (a
#: rival the story follows is no front-runner).
UNIQUE_STANDINGS = frozenset({"frontrunner", "front-runner"})

#: Words that point a description away from the person in focus (``the other candidate``, ``the
#: last man to ...``, ``the rival campaign``, ``the second official``: one more source).
FOCUS_BLOCKERS = frozenset("other another last next previous same fellow rival opposing second third fourth fifth".split())

#: Heads of descriptions of a person, beyond the role words (``the Dutch politician``).
PERSON_NOUNS = ROLE_WORDS | MALE_NOUNS | FEMALE_NOUNS | frozenset(
    "politician businessman businesswoman billionaire tycoon magnate mogul entrepreneur activist "
    "candidate hopeful contender nominee frontrunner front-runner republican democrat conservative "
    "liberal progressive socialist independent libertarian lawmaker legislator senator governor "
    "congressman congresswoman representative veteran star actor actress singer host anchor "
    "commentator columnist writer author journalist reporter scientist doctor physician surgeon "
    "lawyer businessman investor banker developer founder owner lawmaker mayor officer agent "
    "former leader reformer populist outsider newcomer incumbent challenger rival opponent "
    "immigrant native man woman person guy neurosurgeon legend icon celebrity comedian athlete "
    "quarterback coach pastor preacher evangelist".split()
) | CHARACTER_NOUNS

PARTY_LETTERS = {"R": "republican", "D": "democrat", "I": "independent"}

DESCRIPTION_SYNONYMS = {
    "gop": "republican", "republicans": "republican", "democratic": "democrat", "democrats": "democrat",
    "sen": "senator", "sen.": "senator", "rep": "representative", "rep.": "representative",
    "gov": "governor", "gov.": "governor", "congressman": "representative", "congresswoman": "representative",
    "front-runner": "frontrunner", "hopeful": "candidate", "contender": "candidate", "candidates": "candidate",
    "nominee": "candidate", "mogul": "tycoon", "magnate": "tycoon",
    "businessman": "businessperson", "businesswoman": "businessperson", "spokesman": "spokesperson",
    "spokeswoman": "spokesperson", "chairman": "chair", "chairwoman": "chair", "lawmaker": "legislator",
    "secretary-general": "secretary", "u.s.": "us", "america": "us", "american": "us",
}

#: AP-style and postal state abbreviations used in party tags and datelines.
US_STATES = {
    "ala": "alabama", "al": "alabama", "alaska": "alaska", "ak": "alaska", "ariz": "arizona", "az": "arizona",
    "ark": "arkansas", "ar": "arkansas", "calif": "california", "ca": "california", "colo": "colorado",
    "co": "colorado", "conn": "connecticut", "ct": "connecticut", "del": "delaware", "de": "delaware",
    "fla": "florida", "fl": "florida", "ga": "georgia", "hawaii": "hawaii", "hi": "hawaii", "idaho": "idaho",
    "id": "idaho", "ill": "illinois", "il": "illinois", "ind": "indiana", "in": "indiana", "iowa": "iowa",
    "ia": "iowa", "kan": "kansas", "ks": "kansas", "ky": "kentucky", "la": "louisiana", "maine": "maine",
    "me": "maine", "md": "maryland", "mass": "massachusetts", "ma": "massachusetts", "mich": "michigan",
    "mi": "michigan", "minn": "minnesota", "mn": "minnesota", "miss": "mississippi", "ms": "mississippi",
    "mo": "missouri", "mont": "montana", "mt": "montana", "neb": "nebraska", "ne": "nebraska",
    "nev": "nevada", "nv": "nevada", "n.h": "new hampshire", "nh": "new hampshire", "n.j": "new jersey",
    "nj": "new jersey", "n.m": "new mexico", "nm": "new mexico", "n.y": "new york", "ny": "new york",
    "n.c": "north carolina", "nc": "north carolina", "n.d": "north dakota", "nd": "north dakota",
    "ohio": "ohio", "oh": "ohio", "okla": "oklahoma", "ok": "oklahoma", "ore": "oregon", "or": "oregon",
    "pa": "pennsylvania", "r.i": "rhode island", "ri": "rhode island", "s.c": "south carolina",
    "sc": "south carolina", "s.d": "south dakota", "sd": "south dakota", "tenn": "tennessee",
    "tn": "tennessee", "texas": "texas", "tx": "texas", "utah": "utah", "ut": "utah", "vt": "vermont",
    "va": "virginia", "wash": "washington", "wa": "washington", "w.va": "west virginia", "wv": "west virginia",
    "wis": "wisconsin", "wi": "wisconsin", "wyo": "wyoming", "wy": "wyoming",
}

DESCRIPTION_STOP_WORDS = frozenset("the a an of for and to in at on with by from his her its their our this that who".split())

UNNAMED_SOURCE_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson chairman chairwoman congressman congresswoman businessman "
    "businesswoman".split()
)

NOT_PEOPLE_IN_BYLINES = frozenset(
    "news press staff agency associated reuters wire desk editorial board times post journal daily "
    "service report reporters correspondents".split()
)

# Nouns of a time that a prepositional phrase after a speaker can name ("Trump at the time said").
TIME_NOUNS = frozenset("time moment point day week weekend month year night morning afternoon evening".split())

# Adjectives whose infinitive belongs to the subject of their copula ("X is likely to say", "Y was
# quick to point out"), as opposed to "it is important to note", whose "it" says nothing.
SUBJECT_ADJECTIVES = frozenset(
    "likely unlikely ready quick eager willing unwilling reluctant able unable careful happy glad "
    "keen loath loth prepared apt inclined prone anxious hesitant".split()
)

# Words of a share of people, the subject of poll copy ("Less than a third agreed").
SHARE_WORDS = frozenset("half third thirds quarter quarters fifth fifths majority plurality minority percent".split())
