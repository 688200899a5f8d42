"""Quote extraction: quotation marks + reporting cues + speakers -> :class:`~quotes.records.Quote`.

The rules, in the order they apply:

1. A cue's reported clause that contains no quotation marks is an *indirect* quote
   (``Pashinyan said he could see no diplomatic resolution``).
2. A reported clause that a quoted span covers is a *direct* quote of the cue's speaker; a clause
   that also has words outside the marks is *mixed* (``He added that the alliance urges both sides
   to "de-escalate ..."``). A trailing source that reports a clause holding another cue comes
   first (``Clinton pledged to "...," the Sentinel reported`` is the Sentinel's): nested
   attribution goes to the outermost source.
3. A quoted span not inside any reported clause takes the cue next to it: after it (``"...," said
   Stoltenberg``), or before it after a colon or comma (``He said: "..."``). The two parts of a quote
   split by its attribution share the cue and are linked as one group.
4. A quote whose attribution is itself reported (``"...," Sanders said, according to CNN``) stays
   the speaker's, and the report is a mixed quote of its own source, holding the quote and its
   attribution.
5. A quote with no cue of its own continues the speaker of the quote before it in the same
   paragraph, or of the previous paragraph (the multi-paragraph convention of news copy); after a
   reported attribution, it continues the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from spacy.tokens import Doc

from quotes.attribution.cues import ATTRIBUTION_VERBS, VERB_FORMS, Cue, find_cues, speaker_of
from quotes.attribution.marks import QuoteSpan, find_quote_spans, paragraphs
from quotes.attribution.mentions import Mention
from quotes.attribution.people import ArticlePeople
from quotes.attribution.resolve import SpeakerResolution
from quotes.gazetteer import GazetteerLike
from quotes.records import Quote

_COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "pobj", "prep", "advcl"})

# Subjects that name no source ("That means:", "There's more:").
_NOT_SOURCES = frozenset("that this it there which what here these those".split())

_DASH_TOKENS = frozenset({"-", "\u2013", "\u2014", "--"})

# A quoted fragment this short with no cue is a scare quote or a title, not a quotation.
MIN_UNATTRIBUTED_WORDS = 4
# How far (in tokens) an attribution may sit from the quote it attributes.
AFTER_WINDOW = 40
BEFORE_WINDOW = 12


@dataclass(slots=True)
class _Claim:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    marks: list[QuoteSpan] = field(default_factory=list)
    group: int | None = None
    inherit_from: "_Claim | None" = None
    speaker: Mention | None = None


_TITLE_WORDS: dict[int, tuple[GazetteerLike, frozenset[str]]] = {}


def _title_words(gazetteer: GazetteerLike | None) -> frozenset[str]:
    """The gazetteer's title lexicon, computed once per gazetteer object."""
    if gazetteer is None:
        return frozenset()
    hit = _TITLE_WORDS.get(id(gazetteer))
    if hit is None or hit[0] is not gazetteer:
        hit = (gazetteer, frozenset(gazetteer.title_words()))
        _TITLE_WORDS[id(gazetteer)] = hit
    return hit[1]


def extract_quotes(
    doc: Doc, *, gazetteer: GazetteerLike | None = None, date: str | None = None, name_hints: Sequence[Any] = (),
    author: str | None = None,
) -> list[Quote]:
    """Every quotation in a parsed ``doc``, in text order, as frozen records.

    ``doc`` needs a dependency parse and entities (any English spaCy pipeline with parser and ner).
    ``gazetteer`` (see :mod:`quotes.gazetteer`) canonicalizes names and resolves title-only
    mentions at ``date`` (ISO 8601, the article's date); ``author`` is the byline (first-person
    copy's ``I``; never a third-person pronoun's referent).
    """
    return _Extraction(doc, gazetteer, date, name_hints, author).run()


class _Extraction(SpeakerResolution):
    def __init__(
        self, doc: Doc, gazetteer: GazetteerLike | None, date: str | None, name_hints: Sequence[Any] = (),
        author: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.gazetteer = gazetteer
        self.date = date
        self.title_words = _title_words(gazetteer)
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]  # doc.ents builds spans each call
        self.people = ArticlePeople(doc, self.title_words, self.persons)
        for hint in name_hints:  # people named in paragraphs that were not parsed (quotes.attribution.focus)
            self.people.add_hint(hint.name, hint.start, hint.role)
        self.paras = list(paragraphs(self.text))
        from quotes.resolution import Resolver  # quotes.resolution reads the attribution lexicon

        self.resolver = Resolver(doc, self.people, self.persons, gazetteer=gazetteer, date=date, author=author,
                                 title_words=self.title_words)

    # ---- helpers -----------------------------------------------------------------------------

    def _tok_range(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return 0, 0
        return span.start, span.end

    def _chars(self, ts: int, te: int) -> tuple[int, int]:
        span = self.doc[ts:te]
        return span.start_char, span.end_char

    # ---- rules -------------------------------------------------------------------------------

    def run(self) -> list[Quote]:
        marks = find_quote_spans(self.text)
        quoted: set[int] = set()
        for m in marks:
            ts, te = self._tok_range(m.start, m.end)
            quoted.update(range(ts, te))
        self._quoted = frozenset(quoted)
        cues = find_cues(self.doc, self._quoted)
        claims: list[_Claim] = []
        assigned: dict[int, _Claim] = {}  # index in marks -> claim

        # Rules 1 and 2: cue content clauses.
        for cue in self._outer_first(cues):
            if cue.content is None:
                continue
            cs, ce = self._chars(*cue.content)
            inside = [k for k, m in enumerate(marks) if m.start < ce and m.end > cs and k not in assigned]
            if not inside:
                if cue.content[1] - cue.content[0] >= 3:
                    claims.append(_Claim(cs, ce, "indirect", cue))
                continue
            outside_words = self._words_outside(cs, ce, [marks[k] for k in inside])
            spill = any(marks[k].start < cs - 2 or marks[k].end > ce + 2 for k in inside)
            if outside_words == 0 or spill and outside_words <= 2:
                # '... but Moscow denies - "why would you not?" asked Dunn': the attribution
                # right after the closing mark is the quote's own, whatever clause holds it
                inside = [k for k in inside if not self._attributed_after(marks, k, cues, cue)]
                for k in inside:
                    c = _Claim(marks[k].start, marks[k].end, "direct", cue, [marks[k]])
                    claims.append(c)
                    assigned[k] = c
            else:
                s = min([cs] + [marks[k].start for k in inside])
                e = max([ce] + [marks[k].end for k in inside])
                c = _Claim(s, e, "mixed", cue, [marks[k] for k in inside])
                claims.append(c)
                for k in inside:
                    assigned[k] = c

        # Rule 3: a partial quote in the complement of a verb of saying or judging belongs to that
        # verb's subject ('Jeb Bush called the order "quite dangerous."', 'He pledged to fight its
        # "cheating."'); it comes before adjacency, which would take any later cue in the sentence.
        for k, m in enumerate(marks):
            if k in assigned or self._is_standalone(m) or self._is_title(m):
                continue
            found = self._governing_verb(m)
            if found is None:
                continue
            verb, speaker, (cs, ce) = found
            cue = Cue(verb, verb.i, verb.i + 1, speaker, None)
            if verb.dep_ == "relcl" and self._attributed_after(marks, k, cues, cue):
                continue  # 'Nothing the president said "will assuage fears," the senator said'
            s_, e_ = min(cs, m.start), max(ce, m.end)
            kind = "direct" if self._words_outside(s_, e_, [m]) == 0 else "mixed"
            if kind == "direct":
                s_, e_ = m.start, m.end
            c = _Claim(s_, e_, kind, cue, [m])
            claims.append(c)
            assigned[k] = c

        # Rule 3b: quotes attributed by a cue next to them.
        for k, m in enumerate(marks):
            if k in assigned:
                continue
            cue = self._cue_after(m, marks, k, cues) or self._cue_before(m, marks, k, cues)
            if cue is not None:
                c = _Claim(m.start, m.end, "direct", cue, [m])
                claims.append(c)
                assigned[k] = c

        # Rule 4: reported attributions (see _nested_report).
        reports: dict[int, _Claim] = {}  # id of a quote's claim -> the claim of the source reporting it
        for c in list(claims):
            report = self._nested_report(c, cues)
            if report is not None:
                claims.append(report)
                reports[id(c)] = report

        # Rule 5: continuations and unattributed quotes.
        used = {id(c.cue) for c in claims if c.cue is not None}  # cues that attribute a quote already
        for k, m in enumerate(marks):
            if k in assigned:
                continue
            prev = self._previous_quote_claim(m, marks, k, assigned) or self._previous_reported(m, claims)
            # '"...," Obama said, according to a pool report. "Neither do I."': the rest comes
            # through the same report (news annotation credits the outer source)
            prev = reports.get(id(prev), prev)
            words = len(self.text[m.start : m.end].split())
            late = None if prev is not None or not self._is_standalone(m) else (
                self._sign_off(m) or self._cue_in_sentence_before(m, cues, used)
            )
            if late is not None:
                used.add(id(late))
                c = _Claim(m.start, m.end, "direct", late, [m])
            elif prev is not None and (self._is_standalone(m) or k > 0 and marks[k - 1].continues):
                c = _Claim(m.start, m.end, "direct", None, [m], inherit_from=prev)
            elif self._is_standalone(m) and words >= MIN_UNATTRIBUTED_WORDS:
                c = _Claim(m.start, m.end, "direct", None, [m])
            else:
                continue
            claims.append(c)
            assigned[k] = c

        claims = self._resolve_overlaps(claims)
        self._link_groups(claims, marks, assigned)
        return self._records(claims)

    def _outer_first(self, cues: list[Cue]) -> list[Cue]:
        """Cues in text order, except that a trailing attribution whose clause holds another cue
        comes first: in 'Clinton pledged to "promote changes," the Orlando Sentinel reported' the
        paper reports the whole clause, partial quote included (nested attribution goes to the
        outermost source)."""
        def outer(c: Cue) -> bool:
            if c.content is None or c.content[1] > c.start or c.speaker is None:
                return False
            if c.speaker.pos_ == "PRON":
                return False  # 'Tyler said that ... "guiding principles," he said': the same speaker twice
            # the inner cue opens the clause before any quoted word; an inner '"...," Sanders said'
            # keeps the direct quote (rule 4 adds the report)
            return any(
                o is not c and c.content[0] <= o.start < c.content[1]
                and not any(i in self._quoted for i in range(c.content[0], o.start))
                for o in cues
            )
        return [c for c in cues if outer(c)] + [c for c in cues if not outer(c)]

    def _is_title(self, m: QuoteSpan) -> bool:
        """A short quoted name in title case after "on"/"in" ('told CNN's Jake Tapper on "State of
        the Union"'): a show or a publication, not words anyone said."""
        words = self.text[m.inner[0] : m.inner[1]].strip(" ,.").split()
        if not words or len(words) > 6:
            return False
        before = self.text[max(0, m.start - 12) : m.start].split()
        if not before or before[-1].lower() not in ("on", "in", "of", "to"):
            return False
        return all(w[:1].isupper() or len(w) <= 3 for w in words)

    def _words_outside(self, cs: int, ce: int, inside: list[QuoteSpan]) -> int:
        """Words of the clause [cs, ce) outside the quoted spans (``that`` does not count)."""
        pieces = []
        pos = cs
        for m in sorted(inside, key=lambda m: m.start):
            if m.start > pos:
                pieces.append(self.text[pos : m.start])
            pos = max(pos, m.end)
        if ce > pos:
            pieces.append(self.text[pos:ce])
        words = [w for w in " ".join(pieces).split() if any(ch.isalnum() for ch in w)]
        return len([w for w in words if w.lower() not in ("that", "whether")])

    def _is_standalone(self, m: QuoteSpan) -> bool:
        """The quote begins its sentence: only space, a colon, a dash or a closed sentence before it."""
        pstart = self.paras[m.paragraph][0]
        before = self.text[pstart : m.start].rstrip()
        if not before:
            return True
        return before[-1] in ".:!?\u2014\u2013-\u201d\"'" or before.endswith("''")

    def _attributed_after(self, marks: list[QuoteSpan], k: int, cues: list[Cue], other: Cue) -> bool:
        """A quote whose closing ``,"`` ``?"`` or ``!"`` is followed at once by another cue."""
        m = marks[k]
        inner = self.text[m.inner[0] : m.inner[1]].rstrip()
        if not inner or inner[-1] not in ",?!":
            return False
        cue = self._cue_after(m, marks, k, cues)
        if cue is None or cue not in cues or cue.token.i == other.token.i or cue.speaker is None:
            return False  # a verb of saying, not any verb after the mark ('!" The drama follows')
        ts, _ = self._tok_range(m.end, m.end + 1)
        return cue.start - ts <= 3

    def _cue_after(self, m: QuoteSpan, marks: list[QuoteSpan], k: int, cues: list[Cue]) -> Cue | None:
        pend = self.paras[m.paragraph][1]
        limit = marks[k + 1].start if k + 1 < len(marks) and marks[k + 1].paragraph == m.paragraph else pend
        inner_text = self.text[m.inner[0] : m.inner[1]].rstrip()
        after = self.text[m.end : limit].lstrip()
        if inner_text.endswith(".") and after[:1].isupper():
            return None  # '"... mercy to the bully." South Carolina, he said, ...': a new sentence
        ts, te = self._tok_range(m.end, limit)
        if te <= ts:
            return None
        sent_end = self.doc[ts].sent.end
        te = min(te, sent_end, ts + AFTER_WINDOW)
        for cue in cues:
            if ts <= cue.start < te:
                return cue
        inner = self.text[m.inner[0] : m.inner[1]].rstrip()
        if inner and inner[-1] in ",?!—-":
            # '"Go back to Univision," Trump barked': a comma inside the closing mark announces the
            # attribution, so the first verb after the quote is its cue whatever the verb.
            for i in range(ts, min(te, ts + 6)):
                tok = self.doc[i]
                if tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "parataxis", "ccomp", "conj"):
                    speaker = speaker_of(tok, self._quoted)
                    if speaker is not None and speaker.i >= ts:
                        return Cue(tok, tok.i, tok.i + 1, speaker, None)
                if i > ts and tok.lower_ in VERB_FORMS and self.doc[i - 1].pos_ in ("NOUN", "PROPN", "NUM"):
                    # '"...," the email read': the tagger took the verb for a noun
                    return Cue(tok, tok.i, tok.i + 1, self.doc[i - 1], None)
                if tok.pos_ in ("AUX", "ADP", "SCONJ") or tok.is_punct and tok.text not in (",",):
                    break
        return None

    def _cue_before(self, m: QuoteSpan, marks: list[QuoteSpan], k: int, cues: list[Cue]) -> Cue | None:
        pstart = self.paras[m.paragraph][0]
        lo = marks[k - 1].end if k > 0 and marks[k - 1].paragraph == m.paragraph else pstart
        before = self.text[lo : m.start].rstrip()
        if before and before[-1] in ":,":
            ts, te = self._tok_range(lo, m.start)
            found = [c for c in cues if ts <= c.start < te and te - c.end <= BEFORE_WINDOW]
            if found:
                return found[-1]
            if before[-1] == ":":
                return self._colon_attribution(ts, te)
        if not before.strip() and m.paragraph > 0:
            # "He said:" closing the previous paragraph introduces this one.
            ps, pe = self.paras[m.paragraph - 1]
            prev = self.text[ps:pe].rstrip()
            if prev.endswith(":"):
                ts, te = self._tok_range(ps, pe)
                found = [c for c in cues if ts <= c.start < te]
                if found:
                    return found[-1]
                return self._colon_attribution(ts, te)
        return None

    def _colon_attribution(self, ts: int, te: int) -> Cue | None:
        """A colon introduces a quote ('Stated Stone:', 'the headline reads:', '- Jane Roe:'):
        the clause before it names the source, or the noun phrase right before the colon does."""
        doc = self.doc
        # ':"' glued to the mark is one token
        colon = next((t for t in reversed(doc[ts:te]) if t.text.startswith(":")), None)
        if colon is None:
            return None
        sent = colon.sent
        lo = max(ts, sent.start)
        dash = next((t for t in reversed(doc[lo : colon.i]) if t.text in ("-", "\u2013", "\u2014")), None)
        if dash is not None and colon.i - dash.i <= 6:
            lo = dash.i + 1  # "Pollsters agree - Carl Bialik:": the byline after the dash is the source
        verbs = [t for t in doc[lo : colon.i] if t.pos_ == "VERB" and (t.dep_ == "ROOT" or not lo <= t.head.i < colon.i)]
        for verb in reversed(verbs):
            speaker = speaker_of(verb, self._quoted)
            if speaker is not None and speaker.lower_ in _NOT_SOURCES:
                return None  # "That means:", "Here's the thing:" introduce no one's words
            if speaker is not None and lo <= speaker.i < colon.i:
                return Cue(verb, verb.i, verb.i + 1, speaker, None)
        if verbs:
            return None
        nouns = [
            t for t in doc[lo : colon.i]
            if t.pos_ in ("PROPN", "NOUN") and t.i not in self._quoted and t.ent_type_ not in ("DATE", "TIME")
        ]  # "Here's Clinton in December 1992:" is Clinton's
        if not nouns:
            return None
        head = nouns[-1]
        while head.dep_ in ("compound", "conj") and lo <= head.head.i < colon.i and head.head.i > head.i:
            head = head.head
        return Cue(colon, colon.i, colon.i + 1, head, None)

    def _governing_verb(self, m: QuoteSpan) -> tuple[Any, Any, tuple[int, int]] | None:
        """The verb whose complement holds the quote, its subject, and the complement's span."""
        ts, te = self._tok_range(m.start, m.end)
        if te <= ts:
            return None
        inner = [t for t in self.doc[ts:te] if not t.is_punct]
        if not inner:
            return None
        # the quote's own top token: the one whose head lies outside the quote
        top = next((t for t in inner if not ts <= t.head.i < te or t.head.i == t.i), None)
        if top is None:
            return None
        child, tok = top, top.head
        for _ in range(4):
            if tok.i == child.i:
                return None
            if tok.pos_ == "VERB" and tok.lemma_ in ATTRIBUTION_VERBS and tok.i not in self._quoted:
                if child.dep_ in _COMPLEMENT_DEPS:
                    speaker = speaker_of(tok, self._quoted)
                    # "the project will be dubbed "...": a passive cue's words have no speaker in the text
                    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
                    if speaker is None and not passive:
                        return None
                    if speaker is not None and (speaker.i in self._quoted or speaker.lower_ in ("it", "there", "this", "that")):
                        return None
                    if speaker is not None and speaker.i > tok.i:
                        return None  # the quote precedes the subject: not a complement
                    right = [c for c in tok.children if c.i > tok.i and not c.is_punct and c.dep_ not in ("advmod", "npadvmod", "cc", "conj", "mark")]
                    if not right:
                        return None
                    first = min(t.i for t in right[0].subtree)
                    last = max(t.i for t in child.subtree)
                    span = self.doc[first : max(last + 1, first + 1)]
                    return tok, speaker, (span.start_char, span.end_char)
                return None
            child, tok = tok, tok.head
        return None

    def _previous_quote_claim(
        self, m: QuoteSpan, marks: list[QuoteSpan], k: int, assigned: dict[int, _Claim]
    ) -> _Claim | None:
        # The nearest earlier quote with an attribution in this or the previous paragraph; short
        # unattributed marks in between (a show's title, a scare quote) do not break the chain.
        for j in range(k - 1, -1, -1):
            prev = marks[j]
            if prev.paragraph < m.paragraph - 1:
                break
            claim = assigned.get(j)
            if claim is not None:
                return claim
            words = len(self.text[prev.start : prev.end].split())
            if words > 3 and (self._is_standalone(prev) or words > 8):
                break  # a quotation of its own; a title inside a sentence ("on CNN's "State of the Union"") is not
        return None

    def _previous_reported(self, m: QuoteSpan, claims: list[_Claim]) -> _Claim | None:
        """Reported speech ending in the previous paragraph ('Carter said that ...'), which a quote
        paragraph of its own continues, or ending the sentence before the quote ('He promised that
        he is staying. "We are in till the last ballot is cast!"')."""
        pstart, pend = self.paras[m.paragraph]
        if pstart != m.start:
            before = [
                c for c in claims
                if c.cue is not None and c.kind == "indirect" and pstart <= c.start and c.end <= m.start
                and not self.text[c.end : m.start].strip(" .;:\u2014\u2013-")
            ]
            return before[-1] if before else None
        if m.paragraph == 0:
            return None
        ps, pe = self.paras[m.paragraph - 1]
        found = [c for c in claims if c.cue is not None and ps <= c.start and c.end <= pe + 1]
        return max(found, key=lambda c: c.end) if found else None

    def _cue_in_sentence_before(self, m: QuoteSpan, cues: list[Cue], used: set[int]) -> Cue | None:
        """'Sam Lau, the party's spokesman, said in a statement. "There are no ballots to recount."':
        a cue with a speaker but no words of its own, in the sentence just before the quote."""
        pstart = self.paras[m.paragraph][0]
        if m.start == pstart:
            return None
        ts, _ = self._tok_range(m.start, m.end)
        if ts == 0:
            return None
        sent = self.doc[ts - 1].sent
        if sent.start_char < pstart:
            return None
        found = [
            c for c in cues
            if sent.start <= c.start < sent.end and c.content is None and c.speaker is not None
            and id(c) not in used and c.token.lower_ != "according"
            and not any(t.i in self._quoted for t in sent)
        ]
        return found[-1] if found else None

    def _sign_off(self, m: QuoteSpan) -> Cue | None:
        """A quote paragraph signed in the next one ('- Bernie Sanders.', '-Jane Roe, Philadelphia.'),
        the layout of fact-check lists and quote boxes: the name after the dash speaks."""
        ps, pe = self.paras[m.paragraph]
        if self.text[ps:pe].strip() != self.text[m.start : m.end].strip() or m.paragraph + 1 >= len(self.paras):
            return None
        ns, ne = self.paras[m.paragraph + 1]
        line = self.text[ns:ne].strip()
        if not line[:1] in ("-", "\u2013", "\u2014") or len(line.split()) > 12:
            return None
        ts, te = self._tok_range(ns, ne)
        dash = next((t for t in self.doc[ts:te] if t.text in _DASH_TOKENS), None)
        name = next((t for t in self.doc[ts:te] if t.pos_ == "PROPN" and (dash is None or t.i > dash.i)), None)
        if dash is None or name is None:
            return None
        while name.dep_ == "compound" and name.head.i > name.i and name.head.i < te:
            name = name.head
        return Cue(dash, dash.i, dash.i + 1, name, None)

    def _resolve_overlaps(self, claims: list[_Claim]) -> list[_Claim]:
        """Quotes with marks win over reported speech; nested reported speech trims the outer."""
        marked: list[_Claim] = []
        # Two mixed quotes whose reported clauses overlap ('explained why "the Hispanics" ...
        # were going to "love" him', or nested: 'According to X, Y said that A "b" and C "d"'):
        # cut between their marks, or, when the marks interleave, the first holds both
        for c in sorted((c for c in claims if c.kind != "indirect"), key=lambda c: (c.start, -c.end)):
            o = next((o for o in marked if o.kind == c.kind == "mixed" and c.start < o.end and o.start < c.end), None)
            if o is None:
                marked.append(c)
                continue
            o_last = max((m.end for m in o.marks), default=o.start)
            if o_last <= c.start:
                o.end = c.start
                marked.append(c)
            else:
                o.end = max(o.end, c.end)
                o.marks = sorted([*o.marks, *c.marks], key=lambda m: m.start)
        out = list(marked)
        # "X said ..., according to Y": the verb's own attribution wins over the outer "according to".
        indirect = sorted(
            (c for c in claims if c.kind == "indirect"),
            key=lambda c: (c.cue is not None and c.cue.token.lower_ == "according", c.start, -c.end),
        )
        kept: list[_Claim] = []
        for c in indirect:
            inner = [o for o in marked if c.start < o.end and o.start < c.end]
            if inner:
                continue
            clash = False
            for o in kept:
                if c.start < o.end and o.start < c.end:
                    if o.start <= c.start and c.end <= o.end:
                        # inner reported speech at the end of the outer one: cut the outer short
                        cue_start = self.doc[c.cue.start].idx if c.cue else c.start
                        spk = c.cue.speaker if c.cue else None
                        cut = min(cue_start, c.start, spk.idx if spk is not None else cue_start)
                        cut = self._cut_point(o.start, cut)
                        if cut - o.start > 10 and c.end >= o.end - 2:
                            o.end = cut
                            continue
                    clash = True
                    break
            if not clash:
                kept.append(c)
        out.extend(kept)
        return sorted(out, key=lambda c: (c.start, c.end))

    def _nested_report(self, claim: _Claim, cues: list[Cue]) -> _Claim | None:
        """'"...," Sanders said, according to CNN.': CNN reports that Sanders said it. The quote
        stays Sanders's; the report is a mixed quote of its own, by CNN, holding his words and
        their attribution (the nested attribution of news annotation)."""
        said = claim.cue
        if said is None or claim.kind != "direct" or said.token.lower_ == "according":
            return None
        qs, qe = self._tok_range(claim.start, claim.end)
        if said.start < qe:
            return None  # the attribution must follow the quote
        sent = said.token.sent
        for cue in cues:
            reporting = cue.token.lower_ == "according" or cue.token.lower_ in ("reports", "reported") and cue.token.i > 0 and self.doc[cue.token.i - 1].text == ","
            if not reporting or cue.speaker is None or not said.end <= cue.start < sent.end:
                continue
            if any(i in self._quoted for i in range(qe, cue.start)) or cue.start - said.end > 12:
                return None
            end = self.doc[cue.start - 1]
            while end.i > said.start and (end.is_punct or end.is_space):
                end = self.doc[end.i - 1]
            return _Claim(claim.start, end.idx + len(end.text), "mixed", cue, list(claim.marks))
        return None

    def _cut_point(self, start: int, cut: int) -> int:
        """Move a cut left past the relative pronoun and punctuation that introduce the inner clause."""
        text = self.text[start:cut].rstrip()
        for word in (" which", " who", " that", ","):
            if text.endswith(word):
                text = text[: -len(word)].rstrip()
        return start + len(text.rstrip(" ,;"))

    def _link_groups(self, claims: list[_Claim], marks: list[QuoteSpan], assigned: dict[int, _Claim]) -> None:
        """Parts of one quote share a group: split by the attribution, or run over paragraphs."""
        by_cue: dict[int, _Claim] = {}
        for c in claims:
            if c.kind == "direct" and c.cue is not None:
                first = by_cue.setdefault(c.cue.token.i, c)
                if first is not c and first.marks and c.marks and self._adjacent(first, c):
                    c.group = id(first)
                    first.group = id(first)
        for c in claims:
            if c.cue is None and c.inherit_from is not None:
                gid = c.inherit_from.group if c.inherit_from.group is not None else id(c.inherit_from)
                c.inherit_from.group = gid
                c.group = gid
        for k, m in enumerate(marks):
            if m.continues and k + 1 < len(marks):
                a, b = assigned.get(k), assigned.get(k + 1)
                if a is not None and b is not None and a is not b:
                    gid = a.group if a.group is not None else id(a)
                    a.group = gid
                    b.group = gid
                    if b.cue is None and b.inherit_from is None:
                        b.inherit_from = a
                    elif a.cue is None and a.inherit_from is None and b.cue is not None:
                        # the attribution of a multi-paragraph quote is often printed in its last part
                        a.inherit_from = b

    def _adjacent(self, a: _Claim, b: _Claim) -> bool:
        return a.end <= b.start and b.start - a.end < 400

    # ---- speakers ----------------------------------------------------------------------------

    def _records(self, claims: list[_Claim]) -> list[Quote]:
        resolved: dict[int, dict[str, Any]] = {}
        out: list[Quote] = []
        group_index: dict[int, int] = {}
        group_sizes: dict[int, int] = {}
        for c in claims:
            if c.group is not None:
                group_sizes[c.group] = group_sizes.get(c.group, 0) + 1
        group_seen: dict[int, int] = {}
        def info_for(c: _Claim, depth: int = 0) -> dict[str, Any]:
            if id(c) in resolved:
                return resolved[id(c)]
            info: dict[str, Any] = {}
            if c.cue is not None:
                info = self._speaker_info(c)
            elif c.inherit_from is not None and depth < 8:
                # A quote with no cue of its own shares the attribution of the quote it continues,
                # mention and cue included, as news annotation links the parts of one quotation.
                info = self.resolver.continuation(info_for(c.inherit_from, depth + 1))
            resolved[id(c)] = info
            return info

        for c in claims:
            info = info_for(c)
            part = None
            group = None
            if c.group is not None:
                if c.group not in group_index:
                    group_index[c.group] = len(out)
                group = group_index[c.group]
                group_seen[c.group] = group_seen.get(c.group, 0) + 1
                part = (group_seen[c.group], group_sizes[c.group])
            start, end = self._trim_span(c.start, c.end)
            if end <= start:
                continue
            out.append(
                Quote(
                    start=start,
                    end=end,
                    text=self.text[start:end],
                    kind=c.kind,
                    cue=info.get("cue"),
                    cue_start=info.get("cue_start"),
                    cue_end=info.get("cue_end"),
                    speaker=info.get("speaker"),
                    speaker_start=info.get("speaker_start"),
                    speaker_end=info.get("speaker_end"),
                    speaker_name=info.get("speaker_name"),
                    speaker_id=info.get("speaker_id"),
                    role=info.get("role"),
                    role_normalized=info.get("role_normalized"),
                    organization=info.get("organization"),
                    group=group,
                    part=part,
                    resolved_by=info.get("resolved_by") or "unattributed",
                    confidence=info.get("confidence") if info.get("resolved_by") else 0.0,
                )
            )
        return out

    def _trim_span(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end
