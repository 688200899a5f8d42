"""EXTRACTOR_VERSION follows the rules: any change of their code re-extracts on --reprocess."""

from __future__ import annotations

import shutil

import pytest

from quotes import fingerprint


@pytest.fixture()
def copy(tmp_path):
    """A copy of the installed rule sources, to edit."""
    for path in fingerprint._files(fingerprint.PACKAGE, fingerprint.RULE_SOURCES):
        target = tmp_path / path.relative_to(fingerprint.PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return tmp_path


def _edit(path, old, new) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_extractor_version_is_derived_from_the_rules() -> None:
    from quotes.attribution import EXTRACTOR_VERSION

    assert EXTRACTOR_VERSION == fingerprint.extractor_version() == "rules-" + fingerprint.rules_fingerprint()
    assert EXTRACTOR_VERSION != "1"


def test_the_rule_sources_are_found() -> None:
    names = {p.name for p in fingerprint._files(fingerprint.PACKAGE, fingerprint.RULE_SOURCES)}
    assert "model.py" in names and "records.py" in names
    assert any(n in names for n in ("extract.py", "pipeline.py")), names


def test_a_code_change_changes_the_version(copy) -> None:
    before = fingerprint.rules_fingerprint(copy)
    _edit(copy / "records.py", "KINDS: tuple[str, ...] = (", "KINDS: tuple[str, ...] = ('quip', ")
    assert fingerprint.rules_fingerprint(copy) != before


def test_a_new_rule_module_changes_the_version(copy) -> None:
    before = fingerprint.rules_fingerprint(copy)
    (copy / "attribution").mkdir(exist_ok=True)
    (copy / "attribution" / "new_rule.py").write_text("def rule(ctx):\n    return []\n", encoding="utf-8")
    assert fingerprint.rules_fingerprint(copy) != before


def test_lexicon_data_changes_the_version(copy) -> None:
    (copy / "lexicon").mkdir(exist_ok=True)
    data = copy / "lexicon" / "verbs.txt"
    data.write_text("said\n", encoding="utf-8")
    before = fingerprint.rules_fingerprint(copy)
    data.write_text("said\nquipped\n", encoding="utf-8")
    assert fingerprint.rules_fingerprint(copy) != before


def test_comments_docstrings_and_layout_do_not(copy) -> None:
    before = fingerprint.rules_fingerprint(copy)
    path = copy / "records.py"
    text = path.read_text(encoding="utf-8")
    text = text.replace('"""Frozen records', '"""Reworded: frozen records', 1)  # module docstring
    text = text.replace("class Quote:\n", "class Quote:  # a comment\n", 1)
    path.write_text(text + "\n\n# a trailing comment\n", encoding="utf-8")
    assert fingerprint.rules_fingerprint(copy) == before


def test_every_module_the_extractor_imports_is_in_the_fingerprint() -> None:
    # A fresh interpreter: whatever quotes.attribution and quotes.model load decides the records.
    import subprocess
    import sys

    code = (
        "import sys, pathlib, quotes.attribution, quotes.model\n"
        "from quotes import fingerprint\n"
        "files = {p.resolve() for p in fingerprint._files(fingerprint.PACKAGE, fingerprint.RULE_SOURCES)}\n"
        "for name, m in sorted(sys.modules.items()):\n"
        "    f = getattr(m, '__file__', None)\n"
        "    if name.startswith('quotes') and f and pathlib.Path(f).resolve() not in files:\n"
        "        print(name)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert set(out) <= {"quotes", "quotes.errors", "quotes.fingerprint"}, f"add to fingerprint.RULE_SOURCES: {out}"
