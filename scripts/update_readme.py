"""Re-run the shell sessions of README.md and write their real output back.

Every ```console block is a session: lines starting with ``$ `` are commands, run in order with
bash in one scratch folder (a copy of ``corpus/`` plus ``more/``: one new article and one binary
file), the rest is replaced by what the commands print. Run from the repository root with the
project installed: ``python scripts/update_readme.py``; review the diff before committing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n(.*?)```", re.S)

NEW_ARTICLE = """---
title: Harbour talks stall over dredging costs
outlet: Example Gazette
date: 2022-03-02
---
PORTVILLE - Talks on the new harbour stalled on Tuesday over who pays for dredging.
"We will not sign a deal that leaves the town with the bill," Mayor Ana Petrova told reporters.
"""


def scratch() -> Path:
    """A folder with the corpus and ``more/`` (a new article and a binary file)."""
    tmp = Path(tempfile.mkdtemp(prefix="quotes-readme-"))
    shutil.copytree(ROOT / "corpus", tmp / "corpus")
    (tmp / "more").mkdir()
    (tmp / "more" / "harbour.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (tmp / "more" / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    return tmp


def run_block(body: str, cwd: Path, env: dict[str, str]) -> str:
    out: list[str] = []
    for line in body.splitlines():
        if not line.startswith("$ "):
            continue
        cmd = line[2:]
        proc = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True)
        out.append(line)
        # stderr first: the tools print progress and errors there, results on stdout
        text = proc.stderr + proc.stdout
        out.extend(text.rstrip("\n").splitlines())
    return "\n".join(out) + "\n"


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    cwd = scratch()
    env = os.environ | {"COLUMNS": "100", "QUOTES_DB": "", "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env.pop("QUOTES_DB")
    try:
        new = BLOCK.sub(lambda m: "```console\n" + run_block(m.group(1), cwd, env) + "```", text)
    finally:
        shutil.rmtree(cwd, ignore_errors=True)
    readme.write_text(new, encoding="utf-8")
    print("README.md sessions updated; review with git diff README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
