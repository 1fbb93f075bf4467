"""Fixtures of the differential tests."""

from collections.abc import Callable, Iterator

import pytest

from parity_tests.differential.probe_apps import built_pair as build_pair
from parity_tests.options import is_live, selected_pair
from parity_tests.sides import Pair
from shared.settings import Settings


@pytest.fixture(scope="module")
def built_pair(
    request: pytest.FixtureRequest, make_settings: Callable[[str], Settings]
) -> Iterator[Pair]:
    """Apps built for the probes that add routes and users: in-process only."""
    if is_live(request.config):
        pytest.skip("these probes add routes and users to apps built in-process")
    with build_pair(make_settings, selected_pair(request.config)) as pair:
        yield pair
