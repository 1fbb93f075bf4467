"""`make load-scaled`: the load run of `make load` on one machine, then through the scaled
stack's proxy, with both runs' requests per second and p99 printed side by side.

The one-machine figures are `python -m tools.load`'s on PostgreSQL (the host's servers, as `make
up` runs them); the scaled ones are the same Locust workload through HAProxy to the stack's
replicas. Both runs share this host's two cores with everything else on it, so the table says
what replicas and a proxy cost or win on one machine, not what more machines would give.
"""

import tempfile
from pathlib import Path
from typing import Any

from tools.containers.stack import URLS, Stack, StackError
from tools.load.__main__ import APP_LABELS, load_and_judge, print_verdict
from tools.load.__main__ import run as run_on_one_machine

LABEL = "scaled stack"


def comparison(one_machine: dict[str, Any], scaled: dict[str, Any]) -> list[str]:
    """The table's lines: each app's req/s and p99 on one machine and through the stack."""
    lines = [
        f"{'app':<20} {'one machine req/s':>18} {'p99 ms':>7} {'scaled req/s':>13} {'p99 ms':>7}"
    ]
    for app, label in APP_LABELS.items():
        alone, spread = one_machine["apps"][app], scaled["apps"][app]
        lines.append(
            f"{label:<20} {alone['requests_per_second']:>18.0f} {alone['p99_ms']:>7.0f} "
            f"{spread['requests_per_second']:>13.0f} {spread['p99_ms']:>7.0f}"
        )
    return lines


def compare(stack: Stack, seconds: int, users: int) -> list[str]:
    """Both runs, the one machine first (the stack idles meanwhile); the table's lines."""
    one_machine, passed = run_on_one_machine("postgresql", seconds, users)
    if one_machine is None or not passed:
        raise StackError("the one-machine load run failed: see its problems above")
    with tempfile.TemporaryDirectory(prefix="twins-load-scaled-") as tmp:
        urls = {str(name): url for name, url in URLS.items()}
        scaled, problems = load_and_judge(LABEL, urls, seconds, users, dict(stack.env), Path(tmp))
    print_verdict(LABEL, problems)
    if scaled is None or problems:
        raise StackError(f"the load run through the scaled stack failed: {len(problems)} problems")
    return comparison(one_machine, scaled)
