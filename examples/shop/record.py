"""Record the shop's traffic as a HAR file, as a browser's or a proxy's export would hold it.

    python -m examples.shop.record [PATH]      (default: examples/shop/shop.har)

A client session against the Flask shop, in-process: browse, add an item, make mistakes, use
the admin token. Every request and response is written as a HAR 1.2 entry.
"""

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
from sidebyside.apps import client_for

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


def _headers(headers: httpx2.Headers) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in headers.multi_items()]


def entry(response: httpx2.Response) -> dict[str, Any]:
    request = response.request
    body = request.content
    recorded: dict[str, Any] = {
        "method": request.method,
        "url": str(request.url),
        "httpVersion": "HTTP/1.1",
        "headers": _headers(request.headers),
        "queryString": [
            {"name": name, "value": value} for name, value in request.url.params.multi_items()
        ],
        "cookies": [],
        "headersSize": -1,
        "bodySize": len(body),
    }
    if body:
        recorded["postData"] = {
            "mimeType": request.headers.get("content-type", ""),
            "text": body.decode("utf-8"),
        }
    return {
        "startedDateTime": datetime.now(UTC).isoformat(),
        "time": response.elapsed.total_seconds() * 1000,
        "request": recorded,
        "response": {
            "status": response.status_code,
            "statusText": response.reason_phrase,
            "httpVersion": "HTTP/1.1",
            "headers": _headers(response.headers),
            "cookies": [],
            "content": {
                "size": len(response.content),
                "mimeType": response.headers.get("content-type", ""),
                "text": response.text,
            },
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(response.content),
        },
        "cache": {},
        "timings": {"send": 0, "wait": response.elapsed.total_seconds() * 1000, "receive": 0},
    }


def record() -> dict[str, Any]:
    entries = []
    with client_for(create_app()) as client:
        for method, path, headers, body in SESSION:
            options: dict[str, Any] = {"headers": headers}
            if body is not None:
                options["json"] = body
            entries.append(entry(client.request(method, path, **options)))
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "examples.shop.record", "version": "1"},
            "entries": entries,
        }
    }


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "shop.har"
    path.write_text(json.dumps(record(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
