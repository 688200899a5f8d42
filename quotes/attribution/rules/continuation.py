"""Quotes with no cue of their own: sign-offs, a cue in the sentence before, continuations."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Span, Token

from quotes.attribution.context import Claim, Context
from quotes.attribution.cues import Cue
from quotes.attribution.marks import QuoteSpan
from quotes.attribution.mentions import RELATIVE_PRONOUNS
from quotes.attribution.sentences import sentence
from quotes.attribution.sources import compound_head, question_to_the_speaker
from quotes.lexicon import DASH_CHARS, DASHES, ROLE_WORDS

# A quoted fragment this short with no cue is a scare quote or a title, not a quotation.
MIN_UNATTRIBUTED_WORDS = 4


def continuation(ctx: Context) -> None:
    """A quote with no cue of its own continues the speaker of the quote before it in the same
    paragraph, or of the previous paragraph (news copy attributes a quotation once and runs it on
    over paragraphs); after a reported attribution it continues the report. A quote that opens its
    sentence may be signed in the next paragraph ('- Bernie Sanders.') or follow a sentence whose
    subject is a name ('Kerr touted her record. "..."'), which both win over a continuation; one
    that continues nothing may take a cue without words of its own in the
    sentence before ('..., said in a statement. "..."'); else, when it is long enough to be a
    quotation, it is kept without a speaker."""
    marks = ctx.marks
    used = {id(c.cue) for c in ctx.claims if c.cue is not None}  # cues that attribute a quote already
    chain: int | None = None  # the nearest earlier quote that is claimed or a quotation of its own
    attributed = Attributions(ctx.claims)
    for k, m in enumerate(marks):
        if k > 0 and (k - 1 in ctx.assigned and not _question(ctx.assigned[k - 1])
                      or _quotation_of_its_own(ctx, marks[k - 1])):
            chain = k - 1
        if k in ctx.assigned:
            continue
        prev = nearest_attribution(ctx, m, attributed, previous_quote_claim(ctx, k, chain), previous_reported(ctx, m))
        # '"...," Obama said, according to a pool report. "Neither do I."': the rest comes
        # through the same report (news annotation credits the outer source)
        c = _claim_without_cue(ctx, k, ctx.reports.get(id(prev), prev), used)
        if c is not None:
            ctx.claim(c, k)


def _claim_without_cue(ctx: Context, k: int, prev: Claim | None, used: set[int]) -> Claim | None:
    """The claim of quoted span ``k``, which no cue next to it attributes: signed or introduced
    late, continuing ``prev``, standing alone, or none (a scare quote, a title)."""
    m = ctx.marks[k]
    standalone = ctx.is_standalone(m)
    # a signature under the quote names its speaker even where the quote could continue an
    # earlier one (fact-check lists quote one candidate after another, each signed '- Sanders.')
    late = sign_off(ctx, m) if standalone else None
    if late is None and prev is None and standalone:
        late = cue_in_sentence_before(ctx, m, used)
    if late is None and standalone:
        late = named_subject_before(ctx, m, prev)
    if late is not None:
        used.add(id(late))
        return Claim(m.start, m.end, "direct", late, [m])
    if prev is not None and (standalone or k > 0 and ctx.marks[k - 1].continues):
        return Claim(m.start, m.end, "direct", None, [m], inherit_from=prev)
    if standalone and len(ctx.text[m.start : m.end].split()) >= MIN_UNATTRIBUTED_WORDS:
        return Claim(m.start, m.end, "direct", None, [m])
    return None


class Attributions:
    """The claims with a cue, by start, so that "is another source attributed between these two
    offsets?" looks only at the claims printed there."""

    def __init__(self, claims: list[Claim]) -> None:
        self.claims = sorted((c for c in claims if c.cue is not None), key=lambda c: c.start)
        self.starts = [c.start for c in self.claims]

    def between(self, start: int, end: int) -> Iterator[Claim]:
        for n in range(bisect_left(self.starts, start), len(self.claims)):
            c = self.claims[n]
            if c.start >= end:
                break
            if c.end <= end:
                yield c


def nearest_attribution(ctx: Context, m: QuoteSpan, attributed: Attributions, *found: Claim | None) -> Claim | None:
    """The first of the attributions a quote may continue (``found``, in order of preference)
    with no other source attributed between it and the quote ('"...," the coach said. A
    spokesman said the funding was secure. "We will not cut a penny."' is not the coach's): a
    quote never continues across another attribution."""
    for prev in found:
        if prev is None or _question(prev):
            continue
        speaker = prev.cue.speaker if prev.cue is not None else None
        if not any(
            c is not prev and c.cue is not None and not _aside(c)
            and (speaker is None or c.cue.speaker is None or c.cue.speaker.lower_ != speaker.lower_)
            for c in attributed.between(prev.end, m.start)
        ):
            return prev
    return None


def _aside(c: Claim) -> bool:
    """An attribution in a relative clause ('Lee, who said that ...') is an aside about someone
    the story is not quoting here, and a question put to the speaker ('"Nice," Lee said when asked
    about Ray. "He was charming."') is asked by someone the story is not quoting: neither takes
    the quotes after it from their speaker."""
    if _question(c):
        return True
    return c.cue is not None and c.cue.speaker is not None and c.cue.speaker.lower_ in RELATIVE_PRONOUNS


def _question(c: Claim) -> bool:
    """A question put to the speaker ('when asked whether ...'): never what a later quote continues."""
    return c.cue is not None and question_to_the_speaker(c.cue.token)


def _quotation_of_its_own(ctx: Context, m: QuoteSpan) -> bool:
    """A quote long enough to stand on its own breaks a chain of continuations; a title inside a
    sentence ('on CNN's "State of the Union"') does not."""
    words = len(ctx.text[m.start : m.end].split())
    return words > 3 and (ctx.is_standalone(m) or words > 8)


def previous_quote_claim(ctx: Context, k: int, chain: int | None) -> Claim | None:
    """The claim of the nearest earlier quote in this or the previous paragraph, when that quote
    is claimed; short unattributed marks in between (a show's title, a scare quote) do not break
    the chain. ``chain`` is the index of the nearest earlier quote that is claimed or a quotation
    of its own (kept up to date by the caller, so that no quote looks back over all the others)."""
    if chain is None or ctx.marks[chain].paragraph < ctx.marks[k].paragraph - 1:
        return None
    return ctx.assigned.get(chain)


def previous_reported(ctx: Context, m: QuoteSpan) -> Claim | None:
    """Reported speech ending in the previous paragraph ('Carter said that ...'), which a quote
    paragraph of its own continues, or ending the sentence before the quote ('He promised that
    he is staying. "We are in till the last ballot is cast!"')."""
    pstart = ctx.paras[m.paragraph][0]
    if pstart != m.start:
        lo = m.start
        while lo > pstart and ctx.text[lo - 1] in _BETWEEN_SENTENCES:
            lo -= 1
        return ctx.indirect_ending_in(lo, m.start, pstart)
    if m.paragraph == 0:
        return None
    return ctx.last_claim_in_paragraph(m.paragraph - 1)


# What may stand between reported speech and the quote that continues it.
_BETWEEN_SENTENCES = " .;:" + DASH_CHARS


def _unquoted_sentence_before(ctx: Context, m: QuoteSpan) -> Span | None:
    """The sentence just before a quote that opens in mid-paragraph, when it holds no quote."""
    pstart = ctx.paras[m.paragraph][0]
    if m.start == pstart:
        return None
    ts, _ = ctx.tok_range(m.start, m.end)
    if ts == 0:
        return None
    sent = sentence(ctx.doc[ts - 1])
    if sent.start_char < pstart or ctx.any_quoted(sent.start, sent.end):
        return None
    return sent


def cue_in_sentence_before(ctx: Context, m: QuoteSpan, used: set[int]) -> Cue | None:
    """'Sam Lau, the party's spokesman, said in a statement. "There are no ballots to recount."':
    a cue with a speaker but no words of its own, in the sentence just before the quote."""
    sent = _unquoted_sentence_before(ctx, m)
    if sent is None:
        return None
    found = [
        c for c in ctx.cues_in(sent.start, sent.end)
        if c.content is None and c.speaker is not None and id(c) not in used and c.token.lower_ != "according"
    ]
    return found[-1] if found else None


def named_subject_before(ctx: Context, m: QuoteSpan, prev: Claim | None) -> Cue | None:
    """'Senator Ann Kerr touted her record. "We need to protect the farmers."': a quote opening a
    sentence in mid-paragraph, right after a sentence whose subject is a name, is that name's
    words, whatever the verb (news copy introduces a speaker by what they did, then quotes them);
    it does not continue an earlier speaker across that sentence. Only a name (a proper noun of a
    person or an organization) or one person by role ('The judge then turned to me. "..."') as the
    subject of the sentence's main verb or opening the sentence, and only when it is not the
    speaker ``prev`` already gives; the verb stands as the cue."""
    sent = _unquoted_sentence_before(ctx, m)
    if sent is None:
        return None
    # the subject of the main verb, or the one opening the sentence ('Lynch announced ..., it's ...')
    subj = next((t for t in sent.root.children if t.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "PROPN":
        subj = next((t for t in sent if t.dep_ == "nsubj" and t.left_edge.i == sent.start), None)
    if subj is None or subj.head.pos_ not in ("VERB", "AUX") or not (subj.pos_ == "PROPN" and _is_name(subj) or _role(subj)):
        return None
    verb = subj.head
    subj = compound_head(subj, verb.i)
    if prev is not None and _speaker_word(prev) == subj.lower_:
        return None
    return Cue(verb, verb.i, verb.i + 1, subj, None)


def _role(tok: Token) -> bool:
    """'The judge then turned to me.': a definite description of one person by role."""
    return tok.pos_ == "NOUN" and tok.lower_ in ROLE_WORDS and any(c.lower_ == "the" for c in tok.children)


_NAME_WORDS = "quotes.attribution.rules.continuation.name_words"


def _is_name(tok: Token) -> bool:
    """A proper noun tagged as a person or an organization, or a word of a person's name that the
    article tags elsewhere (the tagger misses many a lone surname: 'Lynch announced ...')."""
    if tok.ent_type_ in ("PERSON", "ORG"):
        return True
    doc = tok.doc
    words = doc.user_data.get(_NAME_WORDS)
    if words is None:
        words = frozenset(w.lower_ for e in doc.ents if e.label_ == "PERSON" for w in e if w.is_alpha and w.is_title)
        doc.user_data[_NAME_WORDS] = words
    return tok.lower_ in words


def _speaker_word(c: Claim) -> str | None:
    """The last word of the speaker mention of claim ``c`` or of the claim it continues."""
    for _ in range(8):
        if c.cue is not None:
            return c.cue.speaker.lower_ if c.cue.speaker is not None else None
        if c.inherit_from is None:
            return None
        c = c.inherit_from
    return None


def sign_off(ctx: Context, m: QuoteSpan) -> Cue | None:
    """A quote paragraph signed in the next one ('- Bernie Sanders.', '-Jane Roe, Philadelphia.'),
    the layout of fact-check lists and quote boxes: the name after the dash speaks."""
    ps, pe = ctx.paras[m.paragraph]
    if ctx.text[ps:pe].strip() != ctx.text[m.start : m.end].strip() or m.paragraph + 1 >= len(ctx.paras):
        return None
    ns, ne = ctx.paras[m.paragraph + 1]
    line = ctx.text[ns:ne].strip()
    if line[:1] not in DASHES or len(line.split()) > 12:
        return None
    ts, te = ctx.tok_range(ns, ne)
    doc = ctx.doc
    dash = next((t for t in doc[ts:te] if t.text in DASHES), None)
    name = next((t for t in doc[ts:te] if t.pos_ == "PROPN" and (dash is None or t.i > dash.i)), None)
    if dash is None or name is None:
        return None
    name = compound_head(name, te)
    return Cue(dash, dash.i, dash.i + 1, name, None)
