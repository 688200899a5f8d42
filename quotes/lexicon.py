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
DASHES: frozenset[str] = frozenset({"-", "\u2013", "\u2014", "--"})
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
