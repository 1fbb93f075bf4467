"""The strangler at one step of the migration path, for a server: BENCH_STRANGLER_STEP names
the step ("0%", "50%", "100%", as migration.strangler.steps() does)."""

import os

from migration.strangler import Strangler, create_strangler, steps
from shared.settings import Settings
from tools.bench.subjects import STRANGLER_STEP_VARIABLE


def create_app() -> Strangler:
    return create_strangler(Settings(), steps()[os.environ[STRANGLER_STEP_VARIABLE]])
