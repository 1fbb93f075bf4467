"""sidebyside: send the same requests to two implementations of one HTTP API, in-process or
live, strip the noise, and judge every difference against a list of accepted ones.

The public API is what this module exports; docs/engine.md walks through it.
"""

from sidebyside.apps import client_for, is_asgi, load_app, open_side
from sidebyside.har import probes_from_har
from sidebyside.jsonpath import PathDifference
from sidebyside.noise import (
    drop_headers,
    mask_header_values,
    mask_json_keys,
    mask_json_paths,
    mask_pattern,
)
from sidebyside.observe import Observation, Rule, differing_aspects, observe
from sidebyside.probes import PerSide, Probe, Setup, Side, UnsendableProbeError
from sidebyside.verdict import (
    Accepted,
    AcceptedDifference,
    CaseResult,
    Verdict,
    explain,
    judge,
    most_serious,
    registry_of,
)

__all__ = [
    "Accepted",
    "AcceptedDifference",
    "CaseResult",
    "Observation",
    "PathDifference",
    "PerSide",
    "Probe",
    "Rule",
    "Setup",
    "Side",
    "UnsendableProbeError",
    "Verdict",
    "client_for",
    "differing_aspects",
    "drop_headers",
    "explain",
    "is_asgi",
    "judge",
    "load_app",
    "mask_header_values",
    "mask_json_keys",
    "mask_json_paths",
    "mask_pattern",
    "most_serious",
    "observe",
    "open_side",
    "probes_from_har",
    "registry_of",
]
