"""The spaCy component: registered by entry point, quotes in doc._.quotes and doc.spans."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import CORPUS

pytestmark = pytest.mark.slow

TEXT = "“We will not leave,” said Maria Lonechild. The mayor said the bridge is safe."


def test_add_pipe_works_without_importing_the_package() -> None:
    # A fresh interpreter that never imports quotes: the spacy_factories entry point must
    # make the factory known.
    code = (
        "import spacy\n"
        "from quotes.model import DEFAULT_MODELS\n"  # only to find an installed model name
        "import importlib.util\n"
        "name = next(n for n in DEFAULT_MODELS if importlib.util.find_spec(n))\n"
        "import sys; [sys.modules.pop(m) for m in list(sys.modules) if m.startswith('quotes')]\n"
        "nlp = spacy.load(name)\n"
        "nlp.add_pipe('quotes')\n"
        f"doc = nlp({TEXT!r})\n"
        "print('|'.join(f'{s.label_}:{s.text}' for s in doc.spans['quotes']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "direct:“We will not leave,”|indirect:the bridge is safe"


def test_component_sets_records_and_spans(nlp) -> None:
    pipe = nlp.add_pipe("quotes", name="quotes_test", config={"spans_key": "q"})
    try:
        doc = nlp(TEXT)
    finally:
        nlp.remove_pipe("quotes_test")
    assert [q.kind for q in doc._.quotes] == ["direct", "indirect"]
    assert [s.text for s in doc.spans["q"]] == [q.text for q in doc._.quotes]
    assert doc._.quotes[0].speaker_name == "Maria Lonechild"
    assert pipe.spans_key == "q"


def test_factory_declares_what_it_needs(nlp) -> None:
    from spacy.language import Language

    meta = Language.get_factory_meta("quotes")
    assert "token.dep" in meta.requires and "doc.ents" in meta.requires
    assert "doc._.quotes" in meta.assigns


# ---- the component gives the command line's records (issue 13) --------------------------------

OFFSETS = ("start", "end", "cue_start", "cue_end", "speaker_start", "speaker_end")


@pytest.fixture(scope="module")
def cli_records():
    """What `quotes extract` gives on the bundled corpus, per document id (body offsets)."""
    from quotes.attribution import extract_documents
    from quotes.ingest import iter_documents
    from quotes.model import cached_model

    docs = list(iter_documents([str(CORPUS)]))
    return {d.id: (d, [q.to_dict() for q in qs]) for d, qs in extract_documents(docs, nlp=cached_model())}


def _component_records(nlp, path, body_len):
    text = path.read_text(encoding="utf-8")
    doc = nlp(text)
    shift = len(text) - body_len  # the front matter the CLI's reader took off
    out = []
    for q in doc._.quotes:
        assert doc.text[q.start : q.end] == q.text  # offsets index the text given
        d = q.to_dict()
        out.append(d | {k: d[k] - shift for k in OFFSETS if d[k] is not None})
    return out


@pytest.fixture(scope="module")
def plain_nlp():
    """A plain spaCy load with the component added: no quotes.load() preparation."""
    import importlib.util

    import spacy

    from quotes.model import DEFAULT_MODELS

    nlp = spacy.load(next(n for n in DEFAULT_MODELS if importlib.util.find_spec(n)))
    nlp.add_pipe("quotes")
    return nlp


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_component_gives_the_cli_records_on_the_corpus(plain_nlp, cli_records, path) -> None:
    doc, expected = cli_records[path.stem]
    assert expected, "the corpus article has quotes"
    assert _component_records(plain_nlp, path, len(doc.text)) == expected


def test_quotes_load_gives_the_cli_records(cli_records) -> None:
    import quotes

    nlp = quotes.load()
    assert nlp.pipe_names[-1] == "quotes" and "paragraph_sentences" in nlp.pipe_names
    path = CORPUS / "002_41af0bb593e21f6b.txt"
    doc, expected = cli_records[path.stem]
    assert _component_records(nlp, path, len(doc.text)) == expected


def test_paragraph_breaks_keep_the_lede_apart_from_the_quote(plain_nlp) -> None:
    # corpus 002: the dateline paragraph and the quote paragraph were one mixed quote
    doc = plain_nlp((CORPUS / "002_41af0bb593e21f6b.txt").read_text(encoding="utf-8"))
    assert "paragraph_sentences" in plain_nlp.pipe_names
    assert plain_nlp.pipe_names.index("paragraph_sentences") < plain_nlp.pipe_names.index("parser")
    assert not any("BRUSSELS" in q.text for q in doc._.quotes)
    assert any(q.text.startswith("“We support the normalization") and q.kind == "direct" for q in doc._.quotes)


def test_front_matter_is_never_a_quote(plain_nlp) -> None:
    text = "---\ntitle: “A headline in marks,” said the editor\ndate: 2020-10-22\n---\n“We will not leave,” said Maria Lonechild.\n"
    doc = plain_nlp(text)
    assert [q.text for q in doc._.quotes] == ["“We will not leave,”"]
    assert doc._.quotes[0].start == text.index("“We will")


@pytest.mark.parametrize("date, who", [("2020-10-22", "Jens Stoltenberg"), ("2025-03-01", "Mark Rutte")])
def test_the_date_attribute_resolves_titles_by_tenure(plain_nlp, date, who) -> None:
    doc = plain_nlp.make_doc("“Our door remains open,” the NATO secretary-general said.")
    doc._.quotes_date = date
    assert plain_nlp(doc)._.quotes[0].speaker_name == who


def test_front_matter_date_resolves_titles(plain_nlp) -> None:
    doc = plain_nlp("---\ndate: 2025-03-01\n---\n“Our door remains open,” the NATO secretary-general said.")
    assert doc._.quotes[0].speaker_name == "Mark Rutte"


def test_speaker_and_cue_spans(plain_nlp) -> None:
    doc = plain_nlp(TEXT)
    assert [(s.text, s.label_) for s in doc.spans["quotes_speakers"]] == [("Maria Lonechild", "Maria Lonechild"), ("The mayor", "The mayor")]
    assert [(s.text, s.label_) for s in doc.spans["quotes_cues"]] == [("said", "direct"), ("said", "indirect")]


def test_blank_pipeline_gets_one_line_saying_what_it_needs() -> None:
    import spacy

    from quotes.errors import ComponentError, QuotesError

    nlp = spacy.blank("en")
    nlp.add_pipe("quotes")
    with pytest.raises(ComponentError) as err:
        nlp("“We will not leave,” said Maria Lonechild.")
    message = str(err.value)
    assert "\n" not in message and "parser" in message and "ner" in message and "quotes.load()" in message
    assert isinstance(err.value, QuotesError) and isinstance(err.value, ValueError)
