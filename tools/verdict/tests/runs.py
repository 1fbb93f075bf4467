"""Made-up benchmark runs in the shape `tools.bench.run` writes, with chosen requests/s."""

from collections.abc import Mapping
from typing import Any

from tools.verdict.evidence import COMPARISONS, VARIANT_COMPARISONS

SUBJECTS = sorted({s for c in (*COMPARISONS, *VARIANT_COMPARISONS) for s in (c.fastapi, c.flask)})


def run_with(rates: Mapping[tuple[str, str], float], rounds: int = 3) -> dict[str, Any]:
    """A run in which each (subject, workload) served its rate in every round."""
    results = [
        {
            "round": number,
            "subject": subject,
            "workload": workload,
            "requests_per_s": rate,
            "failed": False,
        }
        for (subject, workload), rate in rates.items()
        for number in range(1, rounds + 1)
    ]
    return {
        "started": "2026-01-01T00:00:00+00:00",
        "subjects": [{"key": s, "label": s, "kind": "twin"} for s in SUBJECTS],
        "workloads": [],
        "results": results,
    }
