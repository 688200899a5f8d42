"""Who speaks: the token naming the source of a cue.

The verb's subject, found by climbing through ``adding``/``went on to say``/coordinated verbs to
the clause that has one, with the corrections news copy needs where the parse goes wrong (an
inverted ``said Stoltenberg``, a dateline taken for the subject, a document whose publisher speaks).
Which span around that token is the mention is :mod:`quotes.attribution.mentions`' business; who
the mention is, :mod:`quotes.attribution.people`'.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from quotes.attribution.sentences import sentence, sentence_start
from quotes.lexicon import (
    AGENT_SUFFIXES,
    ATTRIBUTION_VERBS,
    DASHES,
    DOCUMENT_NOUNS,
    DOUBLE_MARK_TOKENS,
    LISTENER_VERBS,
    PARTICIPLE_OPENERS,
    PEOPLE_NOUNS,
    PERSONAL_PRONOUNS,
    POLL_NOUNS,
    POLL_RESULT_NOUNS,
    ROLE_WORDS,
    SHARE_WORDS,
    SUBJECT_ADJECTIVES,
    VERB_FORMS,
)

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


def speaker_of(verb: Token, quoted: frozenset[int] = frozenset()) -> Token | None:
    """The token naming who speaks: the verb's subject, climbing through ``adding``/``went on to
    say``/coordinated verbs (``praised X and pointed out that``) to the clause that has one.

    ``quoted`` holds the indices of tokens inside quotation marks: the speaker is never quoted
    (a parse that takes a word of the quote as subject is wrong), so then the noun phrase next to
    the verb is taken instead.
    """
    if question_to_the_speaker(verb):
        # who asks is the reporter, named only as the agent ("by a reporter"); news annotation
        # gives the question no speaker otherwise
        return _agent_of(verb)
    found = _subject_climbing(_clause_of(verb, quoted))
    if found is not None and _participle_of_a_thing(verb, found):
        person = _person_of_clause_before(verb, quoted)
        found = person if person is not None else found
    if found is not None:
        found = _publisher(found)
    if found is not None and found.i in quoted:
        found = _subject_outside_the_quote(verb, found, quoted)
    for fallback in (_trailing_attribution_subject, _name_after_quote, _name_before_verb, _clause_taken_for_content,
                     _fragment_after_a_sentence):
        if found is None or _is_time(found):
            found = fallback(verb, quoted)
    if found is None or _is_time(found):
        return poll_of_share(verb, None, quoted)
    return poll_of_share(verb, found, quoted) or found


def _is_share(tok: Token) -> bool:
    """A share of the people polled: '31 percent of Republicans', 'Majorities of Democrats',
    'three in four', 'about half', '6 in 10 voters', '68% of voters'."""
    word = tok.lower_
    if tok.pos_ == "NUM" or word in SHARE_WORDS or word.rstrip("s") in SHARE_WORDS or word in ("majorities", "%"):
        return tok.ent_type_ not in ("DATE", "TIME", "MONEY")
    # '6 in 10 voters' (not 'two officials'): the number is a ratio
    return tok.pos_ == "NOUN" and any(
        c.dep_ == "nummod" and c.pos_ == "NUM" and any(q.lower_ == "in" for q in c.children) for c in tok.children)


def _results_of_a_poll(tok: Token) -> bool:
    """'Early results of an entrance poll': what a poll found, named with the poll."""
    return tok.lower_ in POLL_RESULT_NOUNS and any(
        p.lower_ == "of" and any(_poll_noun(o) for o in p.children if o.dep_ == "pobj") for p in tok.children)


def _poll_noun(tok: Token) -> bool:
    word = tok.lower_
    return word in POLL_NOUNS or word.rstrip("s") in POLL_NOUNS


def poll_of_share(verb: Token, found: Token | None, quoted: frozenset[int]) -> Token | None:
    """'31 percent of Republicans said ..., according to a CNN/ORC poll', 'In a Quinnipiac
    poll, 37 percent say ...', 'The survey found that 54 percent said ...': when the sentence names
    the poll that measured a share of the people polled, the poll is the source (news annotation
    credits survey findings to the survey, as it credits a nested attribution to the outermost
    source); the share speaks only where the article names no poll there (:func:`share_before_verb`).
    The poll is the object of 'according to' (or its results are), a singular poll the sentence
    opens with ('In a poll ...,') or the cue's own clause holds ('said they ... in a poll'), or
    the subject of a verb whose clause holds the share."""
    if found is not None and not _is_share(found):
        return None
    for t in sentence(verb):
        if t.i in quoted or found is not None and t.i == found.i:
            continue
        if any(x.dep_ == "appos" and _is_share(x) for x in t.subtree):
            continue  # the parse took the people polled for the poll's apposition: no clean mention
        if _frames_the_share(t, verb, found):
            return t
    return None


def _frames_the_share(t: Token, verb: Token, found: Token | None) -> bool:
    """Whether ``t`` is a poll (or its results) that frames the clause of ``verb``: the object of
    'according to', a singular poll after 'in' that opens the sentence or stands in the cue's own
    clause, or the subject of a verb whose clause holds the cue and the share."""
    head = t.head
    if t.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return bool(_poll_noun(t) or t.lower_ in POLL_RESULT_NOUNS)
    if t.lower_ in POLL_NOUNS and t.dep_ == "pobj" and head.lower_ == "in" and any(c.dep_ == "det" for c in t.children):
        # 'In a poll released Monday, ...', 'said ... in a poll' (not a clause beside the cue's)
        return head.i == sentence_start(verb) or _within_clause(head.head, verb)
    return bool((_poll_noun(t) or _results_of_a_poll(t)) and t.dep_ == "nsubj" and head.i != verb.i
                and verb in head.subtree and (found is None or found in head.subtree))


def _within_clause(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` belongs to ``verb``'s own clause or the clause it reports, not to a clause
    beside it ('..., after half said so in the earlier poll': an adverbial clause of its own)."""
    while tok.i != verb.i:
        if tok.dep_ in ("advcl", "conj", "relcl", "parataxis") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _clause_of(verb: Token, quoted: frozenset[int]) -> Token:
    """The verb whose subject speaks for ``verb``: itself, or the clause its comma closes when the
    parser hung a participle on a verb of the quote ('Clinton seemed ready to riff on it, telling
    the crowd, "Some people get carried away"')."""
    if verb.head.i in quoted and verb.i not in quoted and verb.dep_ in ("advcl", "xcomp", "conj"):
        main = _clause_before(verb, quoted)
        if main is not None:
            return main
    return verb


def _subject_outside_the_quote(verb: Token, found: Token, quoted: frozenset[int]) -> Token | None:
    """'"Very good reporter," Trump, the frontrunner ..., said': the parse took a word of the quote
    for the subject; a second subject outside the quote speaks, or the name the parse hung on
    the quoted subject as its apposition (the trailing attribution's name after the closing
    mark), or the noun next to the verb."""
    other = [c for c in found.head.children if c.dep_ in SUBJECT_DEPS and c.i not in quoted]
    if other:
        return other[0]
    named = [c for c in found.children if c.dep_ == "appos" and c.i not in quoted and c.i < verb.i
             and c.ent_type_ == "PERSON" and c.pos_ == "PROPN" and c.i - 1 in quoted]
    return named[0] if named else _adjacent_nominal(verb, quoted)


def _participle_of_a_thing(verb: Token, subject: Token) -> bool:
    """A participle after a comma whose subject cannot speak ('Bennett denied the notion that a
    shakeup is coming, explaining that ...': the parse hung it on the wrong clause)."""
    return not _animate(subject) and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _person_of_clause_before(verb: Token, quoted: frozenset[int]) -> Token | None:
    """A thing cannot explain, so the person of the clause before the participle, or of the
    sentence's main clause, does."""
    for alt in (_clause_before(verb, quoted), sentence(verb).root):
        other = _subject_climbing(alt) if alt is not None and alt.i != verb.i else None
        if other is not None and other.i not in quoted and _animate(other, strict=True):
            return other
    return None


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


def _name_before_verb(verb: Token, quoted: frozenset[int]) -> Token | None:
    """'Saturday at the party's convention Sen. Elizabeth Warren (D-MA) said': the parse made the
    day the subject; a person's name right before the verb (past its party-and-state tag, as US
    political copy prints it) speaks."""
    doc = verb.doc
    j = verb.i - 1
    if j >= 0 and doc[j].text == ")":
        while j > 0 and verb.i - j < 8 and doc[j].text != "(":
            j -= 1
        if doc[j].text != "(":
            return None
        j -= 1
    if j < 0 or j in quoted or doc[j].ent_type_ != "PERSON" or doc[j].pos_ != "PROPN":
        return None
    return doc[j]


def _name_end(first: Token, stop: int) -> Token:
    """The last token of the name (PERSON proper nouns in a row) that starts at ``first``, before ``stop``."""
    doc = first.doc
    while first.i + 1 < stop and doc[first.i + 1].ent_type_ == "PERSON" and doc[first.i + 1].pos_ == "PROPN":
        first = doc[first.i + 1]
    return first


def _animate(tok: Token, strict: bool = False) -> bool:
    """Could this mention speak? Names, organizations, personal pronouns; unless ``strict``, also
    any noun the model knows nothing against (a common noun is often a person: 'the official')."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP") or tok.lower_ in PERSONAL_PRONOUNS:
        return True
    if strict:
        return False
    word = tok.lower_
    return (
        tok.pos_ != "NOUN" or word in PEOPLE_NOUNS or word in ROLE_WORDS
        or word.endswith(AGENT_SUFFIXES) and not word.endswith(("ment", "ments"))
        or any(c.ent_type_ in ("PERSON", "ORG", "NORP") for c in tok.children)
    )


def _clause_before(verb: Token, quoted: frozenset[int]) -> Token | None:
    """The head of the clause that ends right before ``verb`` (and its comma), outside the quote."""
    doc = verb.doc
    j = verb.i - 1
    while j >= sentence_start(verb) and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    if j < sentence_start(verb) or j in quoted:
        return None
    t = doc[j]
    while t.head.i != t.i and t.head.i not in quoted and t.head.i < verb.i:
        t = t.head
    return t if t.pos_ in ("VERB", "AUX") else None


def _publisher(subj: Token) -> Token:
    """'Trump released a marketing video that said', 'Sanders is releasing an ad that urges',
    'a fundraising email sent out by Sanders warned': the one who puts out the document speaks."""
    doc_noun = subj
    if subj.lower_ in ("that", "which") and subj.head.dep_ == "relcl":
        doc_noun = subj.head.head
    word = doc_noun.lower_  # the pipeline lemmatizes only reporting verbs
    if word not in DOCUMENT_NOUNS and word[:-1] not in DOCUMENT_NOUNS:
        return subj
    # "sent out by Sanders": the agent of a participle on the document
    for acl in doc_noun.children:
        agent = _agent_of(acl) if acl.dep_ == "acl" else None
        if agent is not None:
            return agent
    if doc_noun is not subj and doc_noun.dep_ == "dobj":
        owner = next((c for c in doc_noun.head.children if c.dep_ == "nsubj"), None)
        if owner is not None:
            return owner
    return subj


def author_of_source(source: Token) -> Token:
    """"according to a court document filed by state attorney X": news annotation credits the
    person who made the document, named as the agent of a participle on it (or on its "of"
    phrase). Only a person: "a poll conducted by a firm" keeps the poll, which annotators
    credit now to the firm, now to the poll's sponsor."""
    nouns = [source] + [o for p in source.children if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if o.dep_ == "pobj"]
    for noun in nouns:
        for acl in noun.children:
            agent = _agent_of(acl) if acl.dep_ == "acl" and acl.tag_ == "VBN" else None
            if agent is not None and agent.ent_type_ == "PERSON":
                return agent
    return source


def _agent_of(verb: Token) -> Token | None:
    """The object of a passive verb's "by" ("sent out by Sanders", "asked by the moderator")."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _is_time(tok: Token) -> bool:
    """A date or time ('tweeted on Wednesday', 'said Tuesday') is never who speaks."""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return False
    near = [tok.doc[j] for j in range(tok.i, min(len(tok.doc), tok.i + 3))]
    return not any("old" in t.lower_ for t in [*tok.subtree, *near])  # "the 46-year-old said" is an age


def _adjacent_nominal(verb: Token, quoted: frozenset[int]) -> Token | None:
    """The noun phrase right after (``said Stoltenberg``) or right before (``, he said``) the verb."""
    after = _nominal_after(verb, quoted)
    return after if after is not None else _nominal_before(verb, quoted)


def _nominal_after(verb: Token, quoted: frozenset[int]) -> Token | None:
    """The head of a noun phrase within three tokens after the verb, before any punctuation."""
    doc = verb.doc
    # "Ramos, 58, told AFP": the noun after "told"/"asked" is the listener, unless a quote comes
    # right before the verb ('"...?" asked the boy' is inverted)
    if verb.lemma_ in LISTENER_VERBS and not (verb.i > 0 and doc[verb.i - 1].is_quote):
        return None
    for i in range(verb.i + 1, min(len(doc), verb.i + 4)):
        t = doc[i]
        if i in quoted or t.is_punct:
            return None
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            # the head of a name: walk right through the compound chain
            while t.dep_ == "compound" and t.head.i > t.i and t.head.i not in quoted:
                t = t.head
            return t
    return None


def _nominal_before(verb: Token, quoted: frozenset[int]) -> Token | None:
    """The noun right before the verb, past adverbs, auxiliaries and particles."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i >= 0 and i not in quoted and doc[i].pos_ in ("PROPN", "NOUN", "PRON"):
        return doc[i]
    return None


def _trailing_attribution_subject(verb: Token, quoted: frozenset[int] = frozenset()) -> Token | None:
    """``CONTENT, the NATO secretary-general said``: the parser sometimes hangs the noun phrase
    before the verb on the content as an apposition; take the phrase between the comma and the verb."""
    doc = verb.doc
    found = _words_before(verb)
    if found is None:
        return None
    phrase, i = found
    if not phrase and i >= 0 and doc[i].text == ",":
        return _name_before_apposition(doc, i)
    if not phrase or i < 0 or doc[i].text not in _CLAUSE_ENDS:
        return None
    nominal = [t for t in phrase if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return nominal[0] if nominal else None  # phrase is reversed: the first is the rightmost


def _words_before(verb: Token) -> tuple[list[Token], int] | None:
    """Up to 8 words right before ``verb`` back to a comma, a closing mark or a space (nearest
    first), and the index where they stop; None when a verb, an auxiliary or a preposition
    comes first (then the words are a clause, not a subject)."""
    doc = verb.doc
    i = verb.i - 1
    phrase: list[Token] = []
    while i >= 0 and len(phrase) < 8:
        t = doc[i]
        if t.text in _CLAUSE_ENDS or t.is_space:
            break
        if t.pos_ in ("VERB", "AUX", "ADP") or t.is_sent_start and t.i != i:
            return None
        phrase.append(t)
        i -= 1
    return phrase, i


# What ends the content before a trailing attribution: a comma or a closing double mark.
_CLAUSE_ENDS = (",", "\u201d", '"', "''")


def _name_before_apposition(doc: Doc, i: int) -> Token | None:
    """"X, a top adviser, said" (``i`` is the comma before the verb): skip the apposition back to
    the comma after the name."""
    j = i - 1
    marks = 0  # quotation marks inside the apposition ('wearing "Ted Cruz" pins') come in pairs
    while j >= 0 and i - j < 15 and doc[j].text != ",":
        marks += doc[j].is_quote
        j -= 1
    if j < 0 or doc[j].text != "," or marks % 2:
        return None
    # "after winning Ohio, Gov. John Kasich (R-Ohio), said": the part between the commas
    # is the name itself, with the party-and-state tag of US political copy
    names = [t for t in doc[j + 1 : i] if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and not marks]
    if names and names[0].i - (j + 1) <= 2:  # the name opens the part, not "alleging that Obama ..."
        return _name_end(names[0], i)
    return _noun_before_comma(doc, j)


def _noun_before_comma(doc: Doc, j: int) -> Token | None:
    """The noun right before the comma ``j`` that opens an apposition, back over an aside:
    "Sanders, meanwhile, who sits at zero, said"."""
    k = j - 1
    if doc[j + 1].lower_ in ("who", "which"):
        while k >= 0 and j - k < 4 and (doc[k].pos_ == "ADV" or doc[k].text == ","):
            k -= 1
    return doc[k] if k >= 0 and doc[k].pos_ in ("PROPN", "NOUN") and not doc[k].is_quote else None


def _past_dateline(subj: Token) -> Token:
    """'WASHINGTON (AFP) - Democrat Hillary Clinton ... said': the parser may take the dateline's
    city as the subject; the speaker is then the name after the dash."""
    sent = sentence(subj)
    if subj.i - sent.start > 2:
        return subj
    dash = next((t for t in sent[: min(len(sent), 10)] if t.text in DASHES and t.i > subj.i), None)
    if dash is None or not (subj.text.isupper() or subj.nbor(1).text == "(" if subj.i + 1 < len(subj.doc) else False):
        return subj
    for t in subj.doc[dash.i + 1 : sent.end]:
        if t.pos_ == "PROPN":
            return compound_head(t)
    return subj


class _Nobody:
    """A strategy's answer that the cue has no speaker in the text (stop looking)."""


NOBODY = _Nobody()

Strategy = Callable[[Token], "Token | _Nobody | None"]


def source_of_learning(verb: Token) -> Token | None:
    """"Anadolu Agency learned from an EU official": the source is the object of "from"."""
    if verb.lemma_ not in ("learn", "hear"):
        return None
    src = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"), None)
    return next((c for c in src.children if c.dep_ == "pobj"), None) if src is not None else None


def question_to_the_speaker(verb: Token) -> bool:
    """"Asked whether he would run, Ryan said no", "'Absolutely,' he said when asked by a reporter
    if ...": the participle 'asked' with no subject of its own puts a question to the speaker of
    the main clause. It opens its sentence (not right after a quote: '"Why?" asked Baker' is
    inverted) or follows 'when', 'after', 'if', 'being' ... (:data:`~quotes.lexicon.PARTICIPLE_OPENERS`)."""
    if verb.lower_ != "asked" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False
    doc = verb.doc
    prev = verb.i - 1
    while prev >= 0 and doc[prev].is_space:
        prev -= 1
    if prev < 0:
        return True
    if doc[prev].is_quote or doc[prev].text in DOUBLE_MARK_TOKENS:
        return False
    return verb.i == sentence_start(verb) or doc[prev].text in (".", "!", "?") or doc[prev].lower_ in PARTICIPLE_OPENERS


def name_taken_for_modal(verb: Token) -> Token | None:
    """"Will wrote", "May said": a name the tagger took for a modal."""
    name = next((c for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD" and c.is_title and c.i < verb.i), None)
    if name is not None and verb.tag_ in ("VBD", "VBN", "VBZ") and name.i > sentence_start(verb):
        return name
    return None


def climbing_to_a_subject(verb: Token) -> Token | _Nobody | None:
    """The subject of the verb, or of the clause it hangs on: "adding that", "went on to say",
    coordinated verbs ("praised X and pointed out that"), "X was quoted as saying", a noun that
    "saying" modifies ("the share of Republicans saying"), the object in object control ("prompted
    the tabloid to do a cover saying"). The subject of a passive cue is talked about, not talking."""
    tok = verb
    for _ in range(6):  # "had to spend the weekend figuring out how to attack X without saying"
        subj = _clause_subject(tok)
        if subj is not None:
            if tok is verb:
                passive = _passive_cue(verb, subj)
                if passive is not None:
                    return passive
            return _past_dateline(subj)  # a relative pronoun ("who said") too: the mention next to the cue
        found, step = _climb(tok)
        if found is not None or step is None:
            return found
        tok = step
    return None


def _clause_subject(tok: Token) -> Token | None:
    """The subject of ``tok``; of two, the one a comma before the verb inverts ('The rejection
    signals "the end", said Geert Wilders') or the one next to the verb ('Speaking in Salem, New
    Hampshire, Trump went after Bush': the place of an opening phrase taken for a second subject;
    'In Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said': a comma before the verb
    with no subject after it is the apposition's comma, and the nearest subject speaks)."""
    subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
    subj = subjects[0] if subjects else None
    if len(subjects) > 1:
        inverted = tok.i > 0 and tok.doc[tok.i - 1].is_punct
        after = next((c for c in subjects if c.i > tok.i), None) if inverted else None
        subj = after or max((c for c in subjects if c.i < tok.i), key=lambda c: c.i, default=subj)
    return subj


def _passive_cue(verb: Token, subj: Token) -> Token | _Nobody | None:
    """"Rubio was asked by the moderator": the agent speaks (not in "X was joined by Y and joked",
    where the passive is another verb than the cue). "Priebus was said to be furious", "the project
    will be dubbed", "Blumenthal was asked": the subject of a passive cue is talked about, not
    talking ("He's said" is "he has said"; "X is shown lecturing" is X's). None: not passive."""
    if subj.dep_ != "nsubjpass" or verb.lemma_ in ("quote", "cite"):
        return None
    agent = _agent_of(verb)
    if agent is not None:
        return agent
    has = any(c.dep_ == "auxpass" and c.lower_ in ("'s", "\u2019s") for c in verb.children)
    if not has and (verb.lemma_ in ATTRIBUTION_VERBS or VERB_FORMS.get(verb.lower_) in ATTRIBUTION_VERBS):
        return NOBODY
    return None


# Complexity 16 (radon): one branch per grammatical step of subject climbing (object control, subject adjectives, the head of advcl/xcomp/conj), each a case the docstring cites.
def _climb(tok: Token) -> tuple[Token | None, Token | None]:
    """One step up from a clause without a subject: (speaker, None) when the step finds who speaks,
    (None, clause) for the clause to look at next, (None, None) when there is nowhere to go."""
    if tok.dep_ == "xcomp" and tok.head.i != tok.i:
        # "prompted the tabloid to do a cover saying": in object control the object is the subject
        obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
        if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
            return obj, None  # not "spent the weekend figuring out how to ... without saying"
    if tok.dep_ == "acomp" and tok.lower_ in SUBJECT_ADJECTIVES and tok.head.i != tok.i:
        return None, tok.head  # "voters are more likely to say": the copula's subject says it
    if tok.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "acl") or tok.head.i == tok.i:
        return None, None
    # "X was quoted as saying", "Y, citing Z": the object is the source
    tok = tok.head
    if tok.pos_ in ("ADP", "SCONJ") and tok.dep_ in ("prep", "mark", "advmod"):
        tok = tok.head  # "as saying" -> "quoted", "upon saying" -> "incurred"
    # "the share of Republicans saying ...": a subject noun that "saying" modifies speaks,
    # as does a name the parser made the root ("Erin Brockovich, ..., saying")
    if _speaking_noun(tok):
        return tok, None
    return None, _verb_of_noun(tok)


def _speaking_noun(tok: Token) -> bool:
    """A subject noun that "saying" modifies, or a name the parser made the root."""
    return tok.pos_ in ("NOUN", "PROPN") and (
        tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ == "ROOT" and tok.ent_type_ == "PERSON"
    )


def _verb_of_noun(tok: Token) -> Token:
    """"emailed supporters saying", "put out a statement saying": from the noun on to its verb."""
    while tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "npadvmod", "attr") and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ == "ADP":
            tok = tok.head
    return tok


def share_before_verb(verb: Token) -> Token | None:
    """Poll copy opens with a share of the people polled: "About 4 in 10 say", "Less than a
    third agreed". The parser hangs the number on the verb as a modifier, not as its subject;
    the share is who says it (a source the article never names otherwise)."""
    for c in verb.children:
        if c.i > verb.i or c.dep_ not in ("nummod", "npadvmod", "quantmod"):
            continue
        if not (c.pos_ == "NUM" or c.lower_ in SHARE_WORDS) or c.ent_type_ in ("DATE", "TIME", "MONEY"):
            continue
        left = c.left_edge.i
        if left == sentence_start(verb) or verb.doc[left - 1].text == ",":
            return c
    return None


def relative_clause_before(verb: Token) -> Token | None:
    """"an official who spoke on condition of anonymity said": the relative clause ends at the
    verb, and the noun it modifies speaks ("an attendee, who spoke anonymously, said" too)."""
    doc = verb.doc
    prev_tok = doc[verb.i - 1] if verb.i > 0 else None
    if prev_tok is not None and prev_tok.text == "," and verb.i > 1:
        prev_tok = doc[verb.i - 2]
    if prev_tok is None or prev_tok.is_punct:
        return None
    for anc in prev_tok.ancestors:
        if anc.dep_ == "relcl" and anc.head.i < anc.i and anc.head.pos_ in ("NOUN", "PROPN"):
            return anc.head if max(t.i for t in anc.subtree) == prev_tok.i else None
    return None


def subject_of_aside(verb: Token) -> Token | None:
    """"Clinton, exasperated, famously responded": the parser gave the subject to the aside."""
    for aside in verb.children:
        if aside.dep_ == "parataxis" and aside.i < verb.i:
            subj = next((c for c in aside.children if c.dep_ == "nsubj" and c.i < aside.i), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN", "PRON"):
                return subj
    return None


def inverted_subject(verb: Token) -> Token | None:
    """Inverted order with a subject the parser missed: "Continued Stone:", "said Kowalski",
    '"...," added a New Hampshire Democrat', '"...," read one.' The object of "told"/"asked" is
    the listener, never an inverted speaker, except right after a quote ('"...?" asked the boy');
    a participle never inverts ('"...," referencing the number of immigrants' names no speaker)."""
    doc = verb.doc
    prev = verb.i - 1
    while prev >= 0 and doc[prev].is_space:
        prev -= 1
    after_quote = prev >= 0 and doc[prev].is_quote
    opens = prev < 0 or verb.i == sentence_start(verb) or doc[prev].is_punct
    if not opens or verb.lemma_ in LISTENER_VERBS and not after_quote or verb.tag_ == "VBG":
        return None
    return _subject_after(verb, after_quote)


def _subject_after(verb: Token, after_quote: bool) -> Token | None:
    """The first word after an inverted cue that can name its speaker, past determiners and the
    modifiers of a name ("said retired neurosurgeon Ben Carson")."""
    doc = verb.doc
    for i in range(verb.i + 1, min(len(doc), verb.i + 6)):
        t = doc[i]
        if t.lower_ in ("one", "another", "others", "both") and (i + 1 >= len(doc) or doc[i + 1].is_punct):
            return t  # '"...," read one.' '"...," tweeted another.'
        if t.pos_ in ("DET", "ADJ", "NUM") or t.is_space or _modifies_a_name(t):
            continue
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.i != verb.i and not after_quote:
            return None  # 'X, who spoke anonymously, said the message was': the reported clause's subject
        had_det = any(doc[j].pos_ == "DET" for j in range(verb.i + 1, i))
        return compound_head(t) if _could_name(t, had_det) else None
    return None


def _modifies_a_name(t: Token) -> bool:
    """A modifier ahead of the name it belongs to ("retired", "neurosurgeon" in "said retired
    neurosurgeon Ben Carson")."""
    return t.dep_ in ("amod", "compound") and t.head.i > t.i and t.pos_ != "PROPN"


def _could_name(t: Token, had_det: bool) -> bool:
    """A capitalized word right after an inverted cue is a name, whatever the tagger says; a common
    noun only with its determiner ("added a Democrat", not "said matter-of-factly")."""
    return (
        t.pos_ == "PROPN" or t.pos_ == "NOUN" and had_det
        or t.is_title and t.pos_ in ("ADV", "ADJ", "X", "INTJ", "VERB", "NOUN")
    )


def compound_head(t: Token, limit: int | None = None) -> Token:
    """The head of the name ``t`` is part of: right through the compound chain (before ``limit``)."""
    while t.dep_ == "compound" and t.head.i > t.i and (limit is None or t.head.i < limit):
        t = t.head
    return t


def _clause_taken_for_content(verb: Token, quoted: frozenset[int]) -> Token | None:
    """"Kasich offered the man a job, then says he'll welcome advice", "Trump went on to promote
    the show, note that he had bought ...": the parser took the first of two coordinated verbs
    for the content of the second, which then has no subject; the name that is the first
    verb's subject speaks for both. Only a name outside quotation marks (in '"Trump will lose,"
    says ...' the name is the quote's). Tried after the trailing attribution ("..., the NATO
    secretary-general said"), whose noun phrase the parser may hang on that first clause too."""
    doc = verb.doc
    start = sentence_start(verb)
    for c in verb.children:
        if c.dep_ != "ccomp" or c.i > verb.i or max(t.i for t in c.subtree) < verb.i - 4:
            continue
        subj = next((t for t in c.children if t.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ not in ("i", "we", "he", "she", "they") and (
            subj.pos_ != "PROPN" or subj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", "")
        ):
            return None  # a name (the NER takes a surname for a place now and then) or "he"
        if subj.i in quoted or sum(doc[k].is_quote for k in range(start, subj.i)) % 2:
            return None  # the name is inside a quotation
        return subj
    return None


def _fragment_after_a_sentence(verb: Token, quoted: frozenset[int]) -> Token | None:
    """'Maher stated that the report "wasn't good." Adding, "..."': a participle that opens a
    sentence of its own continues the sentence before, whose subject (a name or a pronoun for
    a person) is the speaker."""
    doc = verb.doc
    start = sentence_start(verb)
    if verb.tag_ != "VBG" or verb.i != start or start == 0:
        return None
    prev = doc[start - 1].sent
    subj = next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)
    if subj is not None and (subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she")):
        return subj
    return None


# How a cue's speaker is found, in order: the first strategy with an answer decides (NOBODY: the
# cue has no speaker in the text).
SUBJECT_STRATEGIES: tuple[Strategy, ...] = (
    source_of_learning,
    name_taken_for_modal,
    climbing_to_a_subject,
    share_before_verb,
    relative_clause_before,
    subject_of_aside,
    inverted_subject,
)


def _subject_climbing(verb: Token) -> Token | None:
    """The speaker token of ``verb`` by the first of :data:`SUBJECT_STRATEGIES` that finds one."""
    for strategy in SUBJECT_STRATEGIES:
        found = strategy(verb)
        if isinstance(found, _Nobody):
            return None
        if found is not None:
            return found
    return None
