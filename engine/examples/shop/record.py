"""Record the shop's traffic as a HAR file, as a browser's or a proxy's export would hold it.

    PYTHONPATH=engine python -m examples.shop.record [PATH]

PATH defaults to engine/examples/shop/shop.har. Run it from the repository's root: the example
package is imported from engine/, the folder that holds it.

A client session against the Flask shop, in-process: browse, add an item, make mistakes, use
the admin token. Every request and response is written as a HAR 1.2 entry.
"""

import json
import sys
from pathlib import Path
from typing import Any

from sidebyside.apps import client_for
from sidebyside.har import recording

from examples.shop.flask_shop import create_app
from examples.shop.store import ADMIN_TOKEN

HERE = Path(__file__).parent
# The session: (method, path, headers, JSON body).
SESSION: tuple[tuple[str, str, dict[str, str], object], ...] = (
    ("GET", "/items", {"Cookie": "session=3f9a0c"}, None),
    ("POST", "/items", {}, {"name": "cocoa", "price_cents": 380}),
    ("GET", "/items/3", {}, None),
    ("POST", "/items", {}, {"name": "cocoa"}),
    ("GET", "/items/99", {}, None),
    ("GET", "/admin/stats", {"Authorization": ADMIN_TOKEN}, None),
    ("GET", "/admin/stats", {}, None),
    ("GET", "/items", {}, None),
)


def record() -> dict[str, Any]:
    with client_for(create_app()) as client:
        return recording(client, SESSION, "examples.shop.record")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "shop.har"
    path.write_text(json.dumps(record(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
