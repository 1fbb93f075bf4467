"""The README's code is the repository's code: each Python block it shows must appear in the
module named in backticks in the paragraph just before the block. A block may leave code out
between its top-level pieces (separated by two blank lines, as ruff formats a module); each
piece must be lines of that module, in order and unchanged."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"

_BLOCK = re.compile(r"```python\n(?P<code>.*?)```", re.S)
_MODULE = re.compile(r"`(?P<path>[\w/]+\.py)`")


def shown_code(readme: str) -> list[tuple[str | None, str]]:
    """(the module the paragraph before names, or None; the block's code) for each block."""
    found = []
    for block in _BLOCK.finditer(readme):
        before = readme[: block.start()].rstrip().rsplit("\n\n", 1)[-1]
        named = _MODULE.findall(before)
        found.append((named[-1] if named else None, block["code"]))
    return found


def _lines(code: str) -> list[str]:
    return [line.rstrip() for line in code.strip("\n").splitlines()]


def _is_run_of(wanted: list[str], lines: list[str]) -> bool:
    return any(lines[i : i + len(wanted)] == wanted for i in range(len(lines) - len(wanted) + 1))


def appears_in(code: str, source: str) -> bool:
    """Whether each top-level piece of `code` is a run of consecutive lines of `source`
    (trailing spaces aside)."""
    lines = _lines(source)
    return all(_is_run_of(_lines(piece), lines) for piece in code.split("\n\n\n"))


def problems(readme: str, root: Path = ROOT) -> list[str]:
    found = []
    for module, code in shown_code(readme):
        if module is None:
            found.append(f"a Python block names no module before it:\n{code}")
        elif not (root / module).is_file():
            found.append(f"a Python block names {module}, which does not exist")
        elif not appears_in(code, (root / module).read_text()):
            found.append(f"a Python block is not the code of {module}:\n{code}")
    return found
