"""Every differential probe, one module per feature; each module's PROBES list is all it has.

One driver (`test_probes.py`) sends every probe found here, so a probe cannot be defined and
then never sent.
"""

import importlib
import pkgutil

from sidebyside import Probe


def every_probe() -> list[Probe]:
    """The PROBES of every module in this package, in module order."""
    probes: list[Probe] = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        probes += module.PROBES
    return probes
