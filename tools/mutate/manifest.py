"""What `make mutate` mutates (modules.toml) and which mutants it counts as equivalent."""

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
MODULES_FILE = HERE / "modules.toml"
EQUIVALENTS_FILE = HERE / "equivalent.toml"


@dataclass(frozen=True)
class Module:
    name: str
    path: str
    tests: tuple[str, ...]
    # More of pytest's options, for a module whose tests need them.
    pytest_args: tuple[str, ...] = ()

    def digest(self, root: Path = ROOT) -> str:
        """The module's source, fingerprinted: a score measured on other source is stale."""
        return hashlib.sha256((root / self.path).read_bytes()).hexdigest()[:16]


@dataclass(frozen=True)
class MutantKey:
    """A mutant named by what it changes: the line as written and as mutated."""

    path: str
    line: str
    mutant: str


def modules(path: Path = MODULES_FILE) -> list[Module]:
    data = tomllib.loads(path.read_text())
    return [
        Module(
            name=entry["name"],
            path=entry["path"],
            tests=tuple(entry["tests"]),
            pytest_args=tuple(entry.get("pytest-args", ())),
        )
        for entry in data["module"]
    ]


def excluded_operators(path: Path = MODULES_FILE) -> list[re.Pattern[str]]:
    data = tomllib.loads(path.read_text())
    return [re.compile(pattern) for pattern in data.get("exclude-operators", [])]


def equivalents(path: Path = EQUIVALENTS_FILE) -> dict[MutantKey, str]:
    data = tomllib.loads(path.read_text())
    found: dict[MutantKey, str] = {}
    for entry in data.get("equivalent", []):
        reason = entry.get("reason", "").strip()
        if not reason:
            raise ValueError(f"{path}: the equivalent mutant {entry} gives no reason")
        key = MutantKey(entry["path"], entry["line"].strip(), entry["mutant"].strip())
        found[key] = reason
    return found
