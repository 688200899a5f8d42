"""What a fresh ``pip install -e .`` must bring: every package, every library the code imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirement_name(req: str) -> str:
    return re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0].lower().replace("_", "-")


def _third_party_imports(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "quotes"}


def test_every_package_under_quotes_is_installed() -> None:
    setuptools = PYPROJECT["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "quotes").rglob("__init__.py")}
    if "packages" in setuptools and isinstance(setuptools["packages"], list):
        listed = set(setuptools["packages"])
        assert found <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
    else:
        include = setuptools["packages"]["find"]["include"]
        assert "quotes" in include and "quotes.*" in include, include


def test_bundled_gazetteer_data_is_package_data() -> None:
    data = PYPROJECT["tool"]["setuptools"]["package-data"]
    files = [p for p in (ROOT / "quotes").rglob("*.yaml")]
    assert files, "the bundled gazetteer is in the package"
    for path in files:
        package = ".".join(path.parent.relative_to(ROOT).parts)
        owner = max((k for k in data if package == k or package.startswith(k + ".")), key=len, default=None)
        assert owner is not None, f"{path}: not declared as package data"
        rel = path.relative_to(ROOT.joinpath(*owner.split("."))).as_posix()
        assert any(Path(rel).match(pattern) for pattern in data[owner]), f"{rel} not matched by {data[owner]}"


def test_every_library_the_code_imports_is_declared() -> None:
    project = PYPROJECT["project"]
    declared = {_requirement_name(r) for r in project["dependencies"]}
    optional = {_requirement_name(r) for reqs in project["optional-dependencies"].values() for r in reqs}
    dists = packages_distributions()
    missing = []
    for module in sorted(_third_party_imports(ROOT / "quotes")):
        names = {d.lower().replace("_", "-") for d in dists.get(module, [module])}
        if not names & (declared | optional):
            missing.append(f"{module} ({', '.join(sorted(names))})")
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_html_cleaner_that_lxml_6_split_off_is_installed() -> None:
    # lxml >= 5.2 moved lxml.html.clean to the lxml_html_clean project; trafilatura needs it
    assert "lxml-html-clean" in {_requirement_name(r) for r in PYPROJECT["project"]["dependencies"]}
    import lxml.html.clean  # noqa: F401


def test_html_file_is_read(tmp_path) -> None:
    from quotes.ingest import iter_documents

    html = ("<html><head><title>Harbour bridge</title></head><body><article><h1>Harbour bridge</h1>"
            + "<p>“We will rebuild the harbour bridge this year,” said Mayor Ana Petrova on Monday.</p>" * 3
            + "</article></body></html>")  # fmt: skip
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    problems = []
    docs = list(iter_documents([str(tmp_path)], on_problem=problems.append))
    assert [str(p) for p in problems if getattr(p, "fatal", True)] == []
    assert len(docs) == 1 and "harbour bridge this year" in docs[0].text
