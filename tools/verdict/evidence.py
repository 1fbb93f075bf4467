"""What the verdict reads: the benchmark run, the claims ledger's verdicts and the parity
registry's differences. Each is read as its own generator left it, never measured here."""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sidebyside import AcceptedDifference

from parity_tests.registry import REGISTRY
from tools.bench.judge import Spread
from tools.bench.summary import Run, case_ratio
from tools.verdict.rules import Figure

REPO_ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS_JSON = REPO_ROOT / "docs" / "benchmarks.json"
CLAIMS_LEDGER = REPO_ROOT / "docs" / "claims.md"
# The registry's pairs: what a client of the Flask twin meets on FastAPI as written, and on
# FastAPI in compat mode (the suite is strict: an entry that applies to a pair shows in it).
TWINS_PAIR = "flask:fastapi"
COMPAT_PAIR = "flask:fastapi-compat"
BREAKS_CLIENTS = "breaks clients"
# One row of the ledger (tools.claims.report._row): the claim's words, its id, its verdict.
_CLAIM_ROW = re.compile(
    r'^\| <a id="(?P<id>[^"]+)"></a>(?P<says>.*?) \(`(?P=id)`\) \| \*\*(?P<verdict>[^*]+)\*\* \|',
    re.M,
)


@dataclass(frozen=True)
class Comparison:
    """FastAPI's subject over Flask's: what the ratio is of, and on which servers."""

    ratio_of: str
    servers: str
    fastapi: str
    flask: str

    @property
    def name(self) -> str:
        return f"{self.ratio_of} {self.servers}"

    def figures(self, run: Run, workloads: Sequence[str]) -> list[Figure]:
        return [Figure(w, self.ratio(run, w)) for w in workloads]

    def ratio(self, run: Run, workload: str) -> Spread | None:
        return case_ratio(run, self.fastapi, self.flask, workload)


FASTAPI_OVER_FLASK = "FastAPI ÷ Flask"
# The pairs of docs/benchmarks.md's "FastAPI ÷ Flask" table that the verdict reads: what a
# team gets (each framework on the server it ships with), what the framework alone is worth
# (one server for both), and Flask's own answer to waiting (gevent).
OWN_SERVERS = Comparison(
    FASTAPI_OVER_FLASK,
    "on their own servers (uvicorn ÷ gunicorn gthread)",
    "fastapi-twin@uvicorn",
    "flask-twin@gunicorn-gthread",
)
HELD_EQUAL = Comparison(
    FASTAPI_OVER_FLASK,
    "with the server held equal (granian)",
    "fastapi-twin@granian-asgi",
    "flask-twin@granian-wsgi",
)
FLASK_ON_GEVENT = Comparison(
    FASTAPI_OVER_FLASK,
    "with Flask on gevent (uvicorn ÷ gunicorn gevent)",
    "fastapi-twin@uvicorn",
    "flask-twin@gunicorn-gevent",
)
# Where a migrating team stands: FastAPI answering as Flask did, against the Flask it replaces.
COMPAT = Comparison(
    "compat mode ÷ the Flask twin",
    "(uvicorn ÷ gunicorn gthread)",
    "fastapi-compat@uvicorn",
    "flask-twin@gunicorn-gthread",
)
COMPARISONS = (OWN_SERVERS, HELD_EQUAL, FLASK_ON_GEVENT, COMPAT)
# The FastAPI twin as its users would tune it for a database (tools/bench/variants), against
# the same Flask twin: what CRUD on a database gets when the FastAPI app is written that way.
ASYNC_SESSION = Comparison(
    "FastAPI on an async session ÷ Flask",
    "on their own servers",
    "fastapi-async-db@uvicorn",
    "flask-twin@gunicorn-gthread",
)
ASYNC_DEPENDENCY = Comparison(
    "FastAPI with an async dependency ÷ Flask",
    "on their own servers",
    "fastapi-async-deps@uvicorn",
    "flask-twin@gunicorn-gthread",
)
VARIANT_COMPARISONS = (ASYNC_SESSION, ASYNC_DEPENDENCY)


@dataclass(frozen=True)
class ClaimVerdict:
    id: str
    says: str
    verdict: str


@dataclass(frozen=True)
class Evidence:
    run: Run
    claims: Mapping[str, ClaimVerdict]
    differences: Sequence[AcceptedDifference]

    def breaking(self, pair: str = TWINS_PAIR) -> list[AcceptedDifference]:
        """The registry's differences that break clients and that `pair` shows."""
        return [d for d in self.differences if d.impact == BREAKS_CLIENTS and d.applies_to(pair)]


def claim_verdicts(ledger: str) -> dict[str, ClaimVerdict]:
    """Each claim of the ledger with its words and verdict, read back from its rows."""
    return {
        match["id"]: ClaimVerdict(match["id"], match["says"].replace("\\|", "|"), match["verdict"])
        for match in _CLAIM_ROW.finditer(ledger)
    }


def load(benchmarks: Path = BENCHMARKS_JSON, ledger: Path = CLAIMS_LEDGER) -> Evidence:
    run: Mapping[str, Any] = json.loads(benchmarks.read_text(encoding="utf-8"))
    claims = claim_verdicts(ledger.read_text(encoding="utf-8"))
    return Evidence(run, claims, tuple(REGISTRY.values()))
