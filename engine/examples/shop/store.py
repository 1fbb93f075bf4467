"""The shop's data, framework-free: items in memory, one store per app (so each app built
is a fresh shop)."""

import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

SEEDED = (("tea", 350), ("coffee", 420))


@dataclass
class Item:
    id: int
    name: str
    price_cents: int
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def public(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Store:
    items: dict[int, Item] = field(default_factory=dict)

    @classmethod
    def seeded(cls) -> "Store":
        store = cls()
        for name, price in SEEDED:
            store.add(name, price)
        return store

    def add(self, name: str, price_cents: int) -> Item:
        item = Item(len(self.items) + 1, name, price_cents)
        self.items[item.id] = item
        return item


def request_id() -> str:
    """A fresh id per response, as many services send: noise to any comparison."""
    return uuid.uuid4().hex


# The one user of the admin endpoint.
ADMIN_TOKEN = "Bearer shop-admin-token"  # noqa: S105 - an example's fixed demo token
