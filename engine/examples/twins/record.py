"""Record a client session against the Flask twin as a HAR file, for replay to both twins.

    PYTHONPATH=engine python -m examples.twins.record [PATH]

PATH defaults to engine/examples/twins/twins.har. Run it from the repository's root: the example
package is imported from engine/, the folder that holds it, and the twins' suite from the root.

The session browses, creates, changes and deletes an employee, makes two mistakes and uses
the development credentials, on a fresh, seeded database.
"""

import json
import sys
from pathlib import Path
from typing import Any

from sidebyside.apps import client_for
from sidebyside.har import Step, recording

from parity_tests.app_factories import flask_app
from parity_tests.contract.helpers import basic_auth

HERE = Path(__file__).parent
NEW_EMPLOYEE = {
    "name": "Mary Jackson",
    "email": "mary@example.com",
    "department": "engineering",
    "title": "Engineer",
    "salary": 105000,
    "hired_on": "2024-05-01",
}
SESSION: tuple[Step, ...] = (
    ("GET", "/", {}, None),
    ("GET", "/employees?department=research", {}, None),
    ("POST", "/employees", {}, NEW_EMPLOYEE),
    ("GET", "/employees/6", {}, None),
    ("PATCH", "/employees/6", {}, {"title": "Lead Engineer"}),
    ("POST", "/employees", {}, {"name": "No Email"}),
    ("GET", "/whoami", basic_auth("admin", "change-me"), None),
    ("GET", "/whoami", {"Cookie": "session=recorded-by-a-browser"}, None),
    ("DELETE", "/employees/6", {}, None),
    ("GET", "/employees/6", {}, None),
    ("GET", "/nowhere", {}, None),
)


def record() -> dict[str, Any]:
    with client_for(flask_app()) as client:
        return recording(client, SESSION, "examples.twins.record")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "twins.har"
    path.write_text(json.dumps(record(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
