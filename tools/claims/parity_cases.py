"""Evidence from the differential suite: a parity case sent again to the twins and judged by
the suite's own rules against the registry, so that a claim reads the same result the parity
report records, whatever order the tests run in."""

from dataclasses import dataclass

from sidebyside import CaseResult, judge

from parity_tests import verdicts
from parity_tests.differential.cases import every_probe
from parity_tests.normalise import Observation, observe
from parity_tests.registry import REGISTRY
from parity_tests.sides import DEFAULT_PAIR, Pair
from tools.claims.ledger import Link


class ParityCaseError(LookupError):
    """The case a claim names is not in the suite, or needs apps the claims do not build."""


@dataclass(frozen=True)
class Case:
    result: CaseResult

    @property
    def flask(self) -> Observation:
        return self.result.side("flask")

    @property
    def fastapi(self) -> Observation:
        return self.result.side("fastapi")

    @property
    def same(self) -> bool:
        return self.result.verdict == "same"

    def links(self) -> list[Link]:
        """The case's rows in the parity report, and each registry entry it shows."""
        result = self.result
        return [
            Link(
                f"parity case “{result.feature}: {result.title}”",
                f"docs/parity.md#{result.feature}",
            ),
            *(Link(f"registry: {name}", f"docs/parity.md#{name}") for name in result.differences),
        ]

    def differences(self) -> list[str]:
        """Each documented difference the case shows, as a sentence naming its registry id."""
        return [f"{REGISTRY[name].title} ({name})." for name in self.result.differences]


def parity_case(twins: Pair, feature: str, title: str, built: bool = False) -> Case:
    """Send the differential suite's probe `feature: title` to both twins and judge it;
    `built` when the probe needs the apps the suite builds for it (its `built_pair`)."""
    found = [probe for probe in every_probe() if (probe.feature, probe.title) == (feature, title)]
    if len(found) != 1:
        raise ParityCaseError(f"no single parity probe is called {feature}: {title}")
    probe = found[0]
    if probe.sides != ("built_pair" if built else ""):
        raise ParityCaseError(f"{feature}: {title} needs the apps of the {probe.sides} fixture")
    (flask, _), (fastapi, _) = probe.send(twins.flask), probe.send(twins.fastapi)
    seen = observe(flask, probe.raw), observe(fastapi, probe.raw)
    result = judge(probe, *seen, REGISTRY, DEFAULT_PAIR.name)
    if result.verdict == "unexpected":
        raise AssertionError(verdicts.explain(result))
    return Case(result)
