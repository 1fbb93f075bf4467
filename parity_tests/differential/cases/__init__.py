"""Every differential probe, one module per feature; each module's PROBES list is all it has.

One driver (`test_probes.py`) sends every probe found here, so a probe cannot be defined and
then never sent.
"""

import importlib
import pkgutil
from dataclasses import replace

from sidebyside import Probe

# A difference of a release that shows on every request of a kind, named by each such probe
# (only where the entry's release range applies is it expected).
VARY_WITHOUT_ORIGIN = "cors-vary-without-origin"


def sent_without_origin(probe: Probe) -> bool:
    return not any(name.lower() == "origin" for name in probe.headers)


def every_probe() -> list[Probe]:
    """The PROBES of every module in this package, in module order."""
    probes: list[Probe] = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        probes += module.PROBES
    return [
        replace(probe, differences=(*probe.differences, VARY_WITHOUT_ORIGIN))
        if sent_without_origin(probe)
        else probe
        for probe in probes
    ]
