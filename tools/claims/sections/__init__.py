"""Every claim, one module per section of the article, in the article's order.

Each module names its SECTION; every Claim it defines at module level is judged. A module
missing from ORDER is an error, so that no claim can be written and never judged.
"""

import dataclasses
import importlib
import pkgutil

from tools.claims.ledger import Claim

ORDER = (
    "introduction",
    "getting_started",
    "configuration",
    "routes",
    "asynchronous",
    "dependency_injection",
    "validation",
    "serialization",
    "middleware",
    "modularity",
    "documentation",
    "admin",
    "authentication",
    "cors",
    "testing",
    "deployment",
)


class UnorderedSectionError(LookupError):
    """A section module that ORDER does not place, or a place with no module."""


class DuplicateClaimError(ValueError):
    """Two claims share an id: the ledger would show only one of them."""


def refuse_duplicates(claims: list[Claim]) -> list[Claim]:
    seen: set[str] = set()
    for claim in claims:
        if claim.id in seen:
            raise DuplicateClaimError(f"two claims are called {claim.id}")
        seen.add(claim.id)
    return claims


def every_claim() -> list[Claim]:
    """The claims of every section, in the article's order, each knowing its section."""
    modules = {info.name for info in pkgutil.iter_modules(__path__)}
    if modules != set(ORDER):
        raise UnorderedSectionError(
            f"sections without a place: {sorted(modules - set(ORDER))}; "
            f"places without a module: {sorted(set(ORDER) - modules)}"
        )
    claims: list[Claim] = []
    for name in ORDER:
        module = importlib.import_module(f"{__name__}.{name}")
        claims += [
            dataclasses.replace(value, section=module.SECTION)
            for value in vars(module).values()
            if isinstance(value, Claim)
        ]
    return refuse_duplicates(claims)
