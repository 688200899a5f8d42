"""Reporting cues: the verbs and phrases that attribute speech (``said``, ``told``, ``according to``).

A cue knows three things about its clause: where the cue words are, which token is the speaker
(the subject, an inverted subject, or the object of ``according to``), and which tokens are the
reported content (a clausal complement, or the rest of the clause for ``according to``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotes.attribution.mentions import ROLE_WORDS

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

def _verb_forms() -> dict[str, str]:
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


VERB_FORMS: dict[str, str] = _verb_forms()

# Verbs that only attribute speech with a clausal complement or a quote (``she noted that``), never
# with a plain object (``noted the importance``): the content must be a clause.
_CLAUSE_ONLY: frozenset[str] = frozenset(
    "continue point describe highlight underline underscore note stress emphasize emphasise mention "
    "indicate report add".split()
)

# Dependency labels of clausal complements that carry reported content.
_CONTENT_DEPS = ("ccomp", "parataxis")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True, slots=True)
class Cue:
    """One attribution cue in a parsed document.

    ``token`` is the verb (or ``according``); ``start``/``end`` are token indices of the cue words;
    ``speaker`` the head token of the source, when the parse names one; ``content`` the token
    indices (start, end) of the reported clause, when there is one.
    """

    token: Token
    start: int
    end: int
    speaker: Token | None
    content: tuple[int, int] | None

    @property
    def text(self) -> str:
        return self.token.doc[self.start : self.end].text


def is_speech_verb(token: Token) -> bool:
    """A verb of saying (by lemma), not an auxiliary or a noun of the same form."""
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS and token.lower_ not in SPEECH_VERBS:
        return False
    if lemma == "point":  # only the phrasal "point out"
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    return True


def speaker_of(verb: Token, quoted: frozenset[int] = frozenset()) -> Token | None:
    """The token naming who speaks: the verb's subject, climbing through ``adding``/``went on to
    say``/coordinated verbs (``praised X and pointed out that``) to the clause that has one.

    ``quoted`` holds the indices of tokens inside quotation marks: the speaker is never quoted
    (a parse that takes a word of the quote as subject is wrong), so then the noun phrase next to
    the verb is taken instead.
    """
    found = _subject_climbing(verb)
    if verb.head.i in quoted and verb.i not in quoted and verb.dep_ in ("advcl", "xcomp", "conj"):
        # 'Clinton seemed ready to riff on it, telling the crowd, "Some people get carried
        # away"': the parser hung the participle on a verb of the quote; the clause the comma
        # closes is the one it belongs to
        main = _clause_before(verb, quoted)
        if main is not None:
            found = _subject_climbing(main)
    if found is not None and not _animate(found) and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
        # "Bennett denied the notion that a shakeup is coming, explaining that ...": a participle
        # after a comma hung on the wrong clause; a thing cannot explain, so the person of the
        # clause before it, or of the sentence's main clause, does
        for alt in (_clause_before(verb, quoted), verb.sent.root):
            other = _subject_climbing(alt) if alt is not None and alt.i != verb.i else None
            if other is not None and other.i not in quoted and _animate(other, strict=True):
                found = other
                break
    if found is not None:
        found = _publisher(found)
    if found is not None and found.i in quoted:
        # '"Very good reporter," Trump, the frontrunner ..., said': a second subject outside the quote
        other = [c for c in found.head.children if c.dep_ in _SUBJECT_DEPS and c.i not in quoted]
        found = other[0] if other else _adjacent_nominal(verb, quoted)
    if found is None or _is_time(found):
        found = _trailing_attribution_subject(verb)
    if found is None or _is_time(found):
        found = _name_after_quote(verb, quoted)
    return None if found is None or _is_time(found) else found


def _name_after_quote(verb: Token, quoted: frozenset[int]) -> Token | None:
    """'"...," Nate Silver, the polling guru who founded the site, tweeted': the layout of a
    trailing attribution, a quote, then the name, then the verb, when the parse gives no subject."""
    doc = verb.doc
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "X was asked": talked to, not talking (see _subject_climbing)
    j = verb.i - 1
    while j >= 0 and verb.i - j <= 20 and j not in quoted:
        j -= 1
    if j < 0 or j not in quoted or not doc[j].is_quote:
        return None
    first = next((t for t in doc[j + 1 : verb.i] if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"), None)
    return _name_end(first, verb.i) if first is not None else None


def _name_end(first: Token, stop: int) -> Token:
    """The last token of the name (PERSON proper nouns in a row) that starts at ``first``, before ``stop``."""
    doc = first.doc
    while first.i + 1 < stop and doc[first.i + 1].ent_type_ == "PERSON" and doc[first.i + 1].pos_ == "PROPN":
        first = doc[first.i + 1]
    return first


_PERSONAL = frozenset("i we you he she they who".split())
# people and groups of them that are not titles (ROLE_WORDS has those)
_PEOPLE = frozenset(
    "guy guys man men woman women people person crowd audience staff aide aides source sources "
    "campaign team group panel committee board candidate nominee client friend friends family "
    "parent parents mother father son daughter wife husband child children kid kids student "
    "students resident residents".split()
)
# agent nouns ('protesters', 'senator', 'activist', 'politician', 'attendee', 'delegate')
_AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ee", "ees", "ate", "ates", "ant", "ants", "ent", "ents")


def _animate(tok: Token, strict: bool = False) -> bool:
    """Could this mention speak? Names, organizations, personal pronouns; unless ``strict``, also
    any noun the model knows nothing against (a common noun is often a person: 'the official')."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lower_ in _PERSONAL:
        return True
    if strict:
        return False
    word = tok.lower_
    return (
        tok.pos_ != "NOUN" or word in _PEOPLE or word in ROLE_WORDS
        or word.endswith(_AGENT_SUFFIXES) and not word.endswith(("ment", "ments"))
        or any(c.ent_type_ in ("PERSON", "ORG", "NORP") for c in tok.children)
    )


def _clause_before(verb: Token, quoted: frozenset[int]) -> Token | None:
    """The head of the clause that ends right before ``verb`` (and its comma), outside the quote."""
    doc = verb.doc
    j = verb.i - 1
    while j >= verb.sent.start and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    if j < verb.sent.start or j in quoted:
        return None
    t = doc[j]
    while t.head.i != t.i and t.head.i not in quoted and t.head.i < verb.i:
        t = t.head
    return t if t.pos_ in ("VERB", "AUX") else None


# Things that carry someone's words: who puts one out speaks through it.
_DOCUMENTS = frozenset(
    "video ad advert advertisement commercial spot email e-mail letter message statement release "
    "memo note post tweet mailer flier flyer leaflet".split()
)


def _publisher(subj: Token) -> Token:
    """'Trump released a marketing video that said', 'Sanders is releasing an ad that urges',
    'a fundraising email sent out by Sanders warned': the one who puts out the document speaks."""
    doc_noun = subj
    if subj.lower_ in ("that", "which") and subj.head.dep_ == "relcl":
        doc_noun = subj.head.head
    word = doc_noun.lower_  # the pipeline lemmatizes only reporting verbs
    if word not in _DOCUMENTS and word[:-1] not in _DOCUMENTS:
        return subj
    # "sent out by Sanders": the agent of a participle on the document
    for acl in doc_noun.children:
        if acl.dep_ == "acl":
            agent = next((c for c in acl.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return pobj
    if doc_noun is not subj and doc_noun.dep_ == "dobj":
        owner = next((c for c in doc_noun.head.children if c.dep_ == "nsubj"), None)
        if owner is not None:
            return owner
    return subj


def _is_time(tok: Token) -> bool:
    """A date or time ('tweeted on Wednesday', 'said Tuesday') is never who speaks."""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return False
    near = [tok.doc[j] for j in range(tok.i, min(len(tok.doc), tok.i + 3))]
    return not any("old" in t.lower_ for t in [*tok.subtree, *near])  # "the 46-year-old said" is an age


def _adjacent_nominal(verb: Token, quoted: frozenset[int]) -> Token | None:
    """The noun phrase right after (``said Stoltenberg``) or right before (``, he said``) the verb."""
    doc = verb.doc
    for i in range(verb.i + 1, min(len(doc), verb.i + 4)):
        t = doc[i]
        if i in quoted or t.is_punct:
            break
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            # the head of a name: walk right through the compound chain
            while t.dep_ == "compound" and t.head.i > t.i and t.head.i not in quoted:
                t = t.head
            return t
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i >= 0 and i not in quoted and doc[i].pos_ in ("PROPN", "NOUN", "PRON"):
        return doc[i]
    return None


def _trailing_attribution_subject(verb: Token) -> Token | None:
    """``CONTENT, the NATO secretary-general said``: the parser sometimes hangs the noun phrase
    before the verb on the content as an apposition; take the phrase between the comma and the verb."""
    doc = verb.doc
    i = verb.i - 1
    phrase: list[Token] = []
    while i >= 0 and len(phrase) < 8:
        t = doc[i]
        if t.text in (",", "\u201d", '"', "''") or t.is_space:
            break
        if t.pos_ in ("VERB", "AUX", "ADP") or t.is_sent_start and t.i != i:
            return None
        phrase.append(t)
        i -= 1
    if not phrase and i >= 0 and doc[i].text == ",":
        # "X, a top adviser, said": skip the apposition back to the comma after the name
        j = i - 1
        marks = 0  # quotation marks inside the apposition ('wearing "Ted Cruz" pins') come in pairs
        while j >= 0 and i - j < 15 and doc[j].text != ",":
            marks += doc[j].is_quote
            j -= 1
        if j >= 0 and doc[j].text == "," and marks % 2 == 0:
            # "after winning Ohio, Gov. John Kasich (R-Ohio), said": the part between the commas
            # is the name itself, with the party-and-state tag of US political copy
            names = [t for t in doc[j + 1 : i] if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and not marks]
            if names and names[0].i - (j + 1) <= 2:  # the name opens the part, not "alleging that Obama ..."
                return _name_end(names[0], i)
            k = j - 1
            if doc[j + 1].lower_ in ("who", "which"):
                # "Sanders, meanwhile, who sits at zero, said": back over the aside to the name
                while k >= 0 and j - k < 4 and (doc[k].pos_ == "ADV" or doc[k].text == ","):
                    k -= 1
            while k >= 0 and doc[k].pos_ in ("PROPN", "NOUN") and not doc[k].is_quote:
                phrase.append(doc[k])
                k -= 1
            return phrase[0] if phrase else None
        return None
    if not phrase or i < 0 or doc[i].text not in (",", "\u201d", '"', "''"):
        return None
    nominal = [t for t in phrase if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return nominal[0] if nominal else None  # phrase is reversed: the first is the rightmost


_LISTENER_VERBS = frozenset("tell ask inform assure warn urge remind notify brief".split())
_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})


def _past_dateline(subj: Token) -> Token:
    """'WASHINGTON (AFP) - Democrat Hillary Clinton ... said': the parser may take the dateline's
    city as the subject; the speaker is then the name after the dash."""
    sent = subj.sent
    if subj.i - sent.start > 2:
        return subj
    dash = next((t for t in sent[: min(len(sent), 10)] if t.text in _DASHES and t.i > subj.i), None)
    if dash is None or not (subj.text.isupper() or subj.nbor(1).text == "(" if subj.i + 1 < len(subj.doc) else False):
        return subj
    for t in subj.doc[dash.i + 1 : sent.end]:
        if t.pos_ == "PROPN":
            while t.dep_ == "compound" and t.head.i > t.i:
                t = t.head
            return t
    return subj


def _subject_climbing(verb: Token) -> Token | None:
    if verb.lemma_ in ("learn", "hear"):
        # "Anadolu Agency learned from an EU official": the source is the object of "from"
        src = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        pobj = next((c for c in src.children if c.dep_ == "pobj"), None) if src is not None else None
        if pobj is not None:
            return pobj
    # "Will wrote", "May said": a name the tagger took for a modal
    name = next((c for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD" and c.is_title and c.i < verb.i), None)
    if name is not None and verb.tag_ in ("VBD", "VBN", "VBZ") and name.i > verb.sent.start:
        return name
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            return None
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        subj = subjects[0] if subjects else None
        if len(subjects) > 1 and tok.i > 0 and tok.doc[tok.i - 1].is_punct:
            # 'The rejection signals "the end", said Geert Wilders': two subjects, the parser's
            # reading of an inverted attribution; the one after the verb speaks
            subj = next((c for c in subjects if c.i > tok.i), subj)
        elif len(subjects) > 1:
            # "Speaking in Salem, New Hampshire, Trump went after Bush": the place of an opening
            # phrase taken for a second subject; the subject next to the verb acts
            subj = max((c for c in subjects if c.i < tok.i), key=lambda c: c.i, default=subj)
        if subj is not None:
            if subj.dep_ == "nsubjpass" and tok is verb and tok.lemma_ not in ("quote", "cite"):
                # "Rubio was asked by the moderator": the agent speaks (not in "X was joined by Y
                # and joked", where the passive is another verb than the cue)
                agent = next((c for c in tok.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
                if pobj is not None:
                    return pobj
                # "Priebus was said to be furious", "the project will be dubbed", "Blumenthal was
                # asked": the subject of a passive cue is talked about, not talking ("He's said" is
                # "he has said"; "X is shown lecturing" is X's)
                has = any(c.dep_ == "auxpass" and c.lower_ in ("'s", "\u2019s") for c in tok.children)
                if not has and (tok.lemma_ in ATTRIBUTION_VERBS or VERB_FORMS.get(tok.lower_) in ATTRIBUTION_VERBS):
                    return None
            return _past_dateline(subj)  # a relative pronoun ("who said") too: the mention next to the cue
        # "prompted the tabloid to do a cover saying": in object control the object is the subject
        if tok.dep_ == "xcomp" and tok.head.i != tok.i:
            obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if obj is not None:
                return obj
        # "X was quoted as saying", "Y, citing Z" : the object is the source
        if tok.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl") and tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ in ("ADP", "SCONJ") and tok.dep_ in ("prep", "mark", "advmod"):
                tok = tok.head  # "as saying" -> "quoted", "upon saying" -> "incurred"
            # "the share of Republicans saying ...": a subject noun that "saying" modifies speaks,
            # as does a name the parser made the root ("Erin Brockovich, ..., saying")
            if tok.pos_ in ("NOUN", "PROPN") and (tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ == "ROOT" and tok.ent_type_ == "PERSON"):
                return tok
            # "emailed supporters saying", "put out a statement saying": on to the noun's verb
            while tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "npadvmod", "attr") and tok.head.i != tok.i:
                tok = tok.head
                if tok.pos_ == "ADP":
                    tok = tok.head
            continue
        break
    # "an official who spoke on condition of anonymity said": the relative clause ends at the verb
    prev_tok = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev_tok is not None and prev_tok.text == "," and verb.i > 1:
        prev_tok = verb.doc[verb.i - 2]  # "an attendee, who spoke anonymously, said"
    if prev_tok is not None and not prev_tok.is_punct:
        for anc in prev_tok.ancestors:
            if anc.dep_ == "relcl" and anc.head.i < anc.i and anc.head.pos_ in ("NOUN", "PROPN"):
                if max(t.i for t in anc.subtree) == prev_tok.i:
                    return anc.head
                break
    # "Clinton, exasperated, famously responded": the parser gave the subject to the aside
    for aside in verb.children:
        if aside.dep_ == "parataxis" and aside.i < verb.i:
            subj = next((c for c in aside.children if c.dep_ == "nsubj" and c.i < aside.i), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN", "PRON"):
                return subj
    # inverted order with a subject the parser missed: "Continued Stone:", "said Kowalski",
    # '"...," added a New Hampshire Democrat'
    doc = verb.doc
    prev = verb.i - 1
    while prev >= 0 and doc[prev].is_space:
        prev -= 1
    # the object of "told"/"asked" is the listener, never an inverted speaker
    after_quote = prev >= 0 and doc[prev].is_quote  # '"...?" asked the boy' is inverted
    # (never after a participle: '"...," referencing the number of immigrants' names no speaker)
    if (prev < 0 or verb.i == verb.sent.start or doc[prev].is_punct) and (verb.lemma_ not in _LISTENER_VERBS or after_quote) and verb.tag_ != "VBG":
        for i in range(verb.i + 1, min(len(doc), verb.i + 6)):
            t = doc[i]
            if t.lower_ in ("one", "another", "others", "both") and (i + 1 >= len(doc) or doc[i + 1].is_punct):
                return t  # '"...," read one.' '"...," tweeted another.'
            if t.pos_ in ("DET", "ADJ", "NUM") or t.is_space:
                continue
            if t.dep_ in ("amod", "compound") and t.head.i > t.i and t.pos_ != "PROPN":
                continue  # "said retired neurosurgeon Ben Carson": modifiers of the name ahead
            # a capitalized word right after an inverted cue is a name, whatever the tagger says;
            # a common noun only with its determiner ("added a Democrat", not "said matter-of-factly")
            had_det = any(doc[j].pos_ == "DET" for j in range(verb.i + 1, i))
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.i != verb.i and not after_quote:
                break  # 'X, who spoke anonymously, said the message was': the reported clause's subject
            if t.pos_ == "PROPN" or t.pos_ == "NOUN" and had_det or t.is_title and t.pos_ in ("ADV", "ADJ", "X", "INTJ", "VERB", "NOUN"):
                while t.dep_ == "compound" and t.head.i > t.i:
                    t = t.head
                return t
            break
    return None


def _clause_tokens(head: Token) -> list[int]:
    return [t.i for t in head.subtree]


def _trim(doc: Doc, idx: list[int], exclude: set[int]) -> tuple[int, int] | None:
    """The longest contiguous run of ``idx`` outside ``exclude``, without edge punctuation or ``that``."""
    runs: list[list[int]] = []
    for i in sorted(set(idx) - exclude):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    if not runs:
        return None
    run = max(runs, key=len)
    s, e = run[0], run[-1] + 1
    while s < e and (doc[s].is_punct and not _is_quote_mark(doc[s]) or doc[s].lower_ in ("that", "whether")):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space) and not _is_quote_mark(doc[e - 1]):
        e -= 1
    return (s, e) if e > s else None


def _is_quote_mark(tok: Token) -> bool:
    return tok.is_quote or tok.text in ("''", "``", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e")


def _speaker_extent(speaker: Token | None) -> set[int]:
    if speaker is None:
        return set()
    return {t.i for t in speaker.subtree}


def content_of(verb: Token, speaker: Token | None) -> tuple[int, int] | None:
    """Token range of the reported clause of a speech verb, or None when it has none."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    if not comps and verb.lemma_ not in _CLAUSE_ONLY:
        # "told reporters that ..." parses the clause as ccomp too; a direct object that is a
        # clause's verb also counts ("said ... it was").
        comps = [c for c in verb.children if c.dep_ in ("dobj", "xcomp") and c.pos_ in ("VERB", "AUX")]
    if not comps:
        if verb.dep_ == "parataxis" and verb.head.i != verb.i:
            return _parenthetical_content(verb, speaker)
        return None
    # Prefer the complement on the far side of the speaker, then the longest one.
    comp = max(comps, key=lambda c: len(list(c.subtree)))
    exclude = _speaker_extent(speaker) | {verb.i}
    exclude |= {t.i for c in verb.children if c.i != comp.i and c.dep_ not in ("punct",) for t in c.subtree}
    idx = _clause_tokens(comp)
    if comp.i > verb.i:
        idx = [i for i in idx if i > verb.i]
    else:
        idx = [i for i in idx if i < verb.i]
    return _trim(doc, idx, exclude)


def _parenthetical_content(verb: Token, speaker: Token | None) -> tuple[int, int] | None:
    """``This campaign, he says, is different``: the cue interrupts the clause it attributes.
    The content is that clause without the cue; the part after the cue is taken when it is a
    phrase of its own, as news annotation does."""
    clause = verb.head
    for _ in range(3):
        if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT":
            break
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
        return None
    doc = verb.doc
    exclude = {t.i for t in verb.subtree} | _speaker_extent(speaker)
    idx = sorted(t.i for t in clause.subtree if t.i not in exclude)
    after = [i for i in idx if i > verb.i]
    if len(after) >= 2 and all(b == a + 1 for a, b in zip(after, after[1:])):
        return _trim(doc, after, set())
    return _trim(doc, idx, set())


def according_to(token: Token) -> Cue | None:
    """``according to X``: X is the source, the clause the phrase modifies is the content."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is None or nxt.lower_ != "to":
            return None
        to = nxt
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = token.head
    content = None
    if head.i != token.i and head.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        clause = head
        while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and clause.head.i != clause.i:
            clause = clause.head
        exclude = {t.i for t in token.subtree} | _speaker_extent(source)
        idx = _clause_tokens(clause)
        content = _trim(token.doc, idx, exclude)
    return Cue(token, token.i, to.i + 1, source, content)


def find_cues(doc: Doc, quoted: frozenset[int] = frozenset()) -> list[Cue]:
    """Every speech cue in ``doc``, in text order.

    Verbs inside quotation marks (``quoted`` token indices) are the quoted person's words, not
    the article's attribution, and are skipped.
    """
    cues: list[Cue] = []
    for tok in doc:
        if tok.i in quoted:
            continue
        if tok.lower_ == "according":
            cue = according_to(tok)
            if cue is not None:
                cues.append(cue)
            continue
        if not is_speech_verb(tok):
            continue
        speaker = speaker_of(tok, quoted)
        end = tok.i + 1
        if tok.lemma_ == "point":
            prt = next(c for c in tok.children if c.dep_ == "prt")
            end = max(end, prt.i + 1)
        cues.append(Cue(tok, tok.i, end, speaker, content_of(tok, speaker)))
    return cues
