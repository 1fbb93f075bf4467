"""The twins' own noise rules and registry, for the engine's data files (`python = [...]`):
a recording of the twins is judged exactly as the differential suite judges its probes."""

from parity_tests.normalise import RULES
from parity_tests.registry import REGISTRY

NOISE = list(RULES)
ACCEPTED = list(REGISTRY.values())
