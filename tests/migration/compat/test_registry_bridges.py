"""Every registry entry names its compat bridge, a real piece of migration.compat, or says
why there is none."""

import importlib
from dataclasses import replace

import pytest
from sidebyside import AcceptedDifference
from sidebyside.verdict import versions_hold

from parity_tests.registry import REGISTRY

COMPAT_PACKAGE = "migration.compat"
# Entries of the releases installed here; one bound to other releases applies to no pair.
INSTALLED_HERE = [entry for entry in REGISTRY.values() if versions_hold(entry.versions)]
OTHER_RELEASES = [entry for entry in REGISTRY.values() if not versions_hold(entry.versions)]


def bridge_problem(entry: AcceptedDifference) -> str | None:
    """What is wrong with an entry's compat field, or None."""
    if bool(entry.bridged_by) == bool(entry.unbridged.strip()):
        return "names both a bridge and a reason, or neither"
    if not entry.bridged_by:
        return None
    module_name, _, name = entry.bridged_by.rpartition(".")
    try:
        module = importlib.import_module(f"{COMPAT_PACKAGE}.{module_name}")
    except ImportError:
        return f"no module {COMPAT_PACKAGE}.{module_name}"
    return None if hasattr(module, name) else f"{module_name} has no {name}"


@pytest.mark.parametrize("entry", REGISTRY.values(), ids=lambda entry: entry.id)
def test_every_entry_names_its_bridge_or_why_there_is_none(entry: AcceptedDifference) -> None:
    assert bridge_problem(entry) is None


def test_an_entry_with_neither_a_bridge_nor_a_reason_is_refused() -> None:
    entry = replace(REGISTRY["admin-ui"], unbridged="")

    assert bridge_problem(entry) == "names both a bridge and a reason, or neither"


def test_an_entry_with_both_is_refused() -> None:
    entry = replace(REGISTRY["admin-ui"], bridged_by="json.FlaskJSONResponse")

    assert bridge_problem(entry) == "names both a bridge and a reason, or neither"


def test_a_bridge_that_does_not_exist_is_refused() -> None:
    entry = replace(REGISTRY["automatic-head"], bridged_by="routing.NoSuchMiddleware")

    assert bridge_problem(entry) == "routing has no NoSuchMiddleware"


@pytest.mark.parametrize("entry", INSTALLED_HERE, ids=lambda entry: entry.id)
def test_a_bridged_entry_shows_between_the_twins_only(entry: AcceptedDifference) -> None:
    shows_in_compat_mode = entry.applies_to("flask:fastapi-compat")

    assert entry.applies_to("flask:fastapi")
    assert shows_in_compat_mode == (not entry.bridged_by)
    assert not entry.applies_to("flask:strangler-0")


@pytest.mark.parametrize("entry", OTHER_RELEASES, ids=lambda entry: entry.id)
def test_an_entry_of_other_releases_applies_to_no_pair_here(entry: AcceptedDifference) -> None:
    assert not any(entry.applies_to(pair) for pair in ("flask:fastapi", "flask:fastapi-compat"))
