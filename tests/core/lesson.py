"""How much a reader must read to learn the twins, and what they must not learn from them.

The lesson size is the number of changed lines between same-named modules of flask_app/ and
fastapi_app/ (`diff` counts each side's lines), plus every line of a module only one of them
has. `python -m tests.core.lesson` prints it.

The lesson is each framework as its documentation teaches it, so these never belong in a twin:
a Flask subclass that overrides how views answer or run, edits of Flask's hook lists, a session
interface or CORS middleware of our own, a subclass of Starlette's or FastAPI's host and Basic
classes, and the migration kit (they belong to tools/bench/tuned/ and migration/).
"""

import ast
import difflib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TWINS = ("flask_app", "fastapi_app")

# Base classes a twin must use as shipped, never subclass.
SHIPPED_AS_IS = frozenset(
    {
        "Flask",
        "SessionInterface",
        "SecureCookieSessionInterface",
        "TrustedHostMiddleware",
        "CORSMiddleware",
        "HTTPBasic",
    }
)
# Attributes a twin must not reach into.
FRAMEWORK_INTERNALS = frozenset(
    {"after_request_funcs", "before_request_funcs", "ensure_sync", "build_middleware_stack"}
)


def modules(root: Path, twin: str) -> dict[str, list[str]]:
    folder = root / twin
    return {
        str(path.relative_to(folder)): path.read_text(encoding="utf-8").splitlines()
        for path in sorted(folder.rglob("*.py"))
    }


def lesson_size(root: Path = ROOT) -> int:
    flask, fastapi = (modules(root, twin) for twin in TWINS)
    only_one = sum(
        len(lines)
        for name, lines in {**flask, **fastapi}.items()
        if (name in flask) != (name in fastapi)
    )
    changed = sum(
        1
        for name in flask.keys() & fastapi.keys()
        for line in difflib.ndiff(flask[name], fastapi[name])
        if line.startswith(("- ", "+ "))
    )
    return only_one + changed


def problems(source: str, where: str) -> Iterator[str]:
    """What in `source` a reader of the lesson should not learn from it."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
                if name in SHIPPED_AS_IS:
                    yield f"{where}:{node.lineno}: {node.name} subclasses {name}"
        elif isinstance(node, ast.Attribute) and node.attr in FRAMEWORK_INTERNALS:
            yield f"{where}:{node.lineno}: reaches into {node.attr}"
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("migration"):
            yield f"{where}:{node.lineno}: imports the migration kit ({node.module})"
        elif isinstance(node, ast.Name) and node.id == "compat":
            yield f"{where}:{node.lineno}: a compat branch"


def every_problem(root: Path = ROOT) -> list[str]:
    return [
        problem
        for twin in TWINS
        for path in sorted((root / twin).rglob("*.py"))
        for problem in problems(path.read_text(encoding="utf-8"), str(path.relative_to(root)))
    ]


if __name__ == "__main__":
    print(f"lesson size: {lesson_size()} lines")
