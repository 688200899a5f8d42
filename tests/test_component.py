"""The spaCy component: registered by entry point, quotes in doc._.quotes and doc.spans."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
