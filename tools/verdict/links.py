"""Links from the verdict (which lives in docs/) to where each figure and verdict comes from."""

from tools.bench.report_migration import MIGRATION_HEADING
from tools.claims.links import slug

# docs/benchmarks.md's table of FastAPI ÷ Flask, pair by pair (tools/bench/report.py).
FRAMEWORKS_HEADING = "## FastAPI ÷ Flask, the twins side by side"
STRANGLER_HEADING = "## The strangler, step by step"


def link(text: str, target: str) -> str:
    return f"[{text}]({target})"


def heading_anchor(heading: str) -> str:
    return slug(heading.lstrip("#").strip())


def benchmarks(heading: str, text: str) -> str:
    """A section of docs/benchmarks.md, by its heading (a workload's is its label)."""
    return link(text, f"benchmarks.md#{heading_anchor(heading)}")


def parity(anchor: str, text: str) -> str:
    return link(text, f"parity.md#{anchor}")


def claim(claim_id: str) -> str:
    return link(f"`{claim_id}`", f"claims.md#{claim_id}")


def source(bridged_by: str) -> str:
    """A compat mode piece (module.name in migration.compat) as its file and name."""
    module, _, name = bridged_by.rpartition(".")
    path = f"migration/compat/{module}.py"
    return f"{link(f'`{path}`', f'../{path}')}: `{name}`"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


BENCH_FRAMEWORKS = benchmarks(FRAMEWORKS_HEADING, "docs/benchmarks.md, FastAPI ÷ Flask")
BENCH_MIGRATION = benchmarks(MIGRATION_HEADING, "docs/benchmarks.md, the migration path")
MIGRATION_STRANGLER = link(
    "docs/migration.md, the strangler", f"migration.md#{heading_anchor(STRANGLER_HEADING)}"
)
