"""Record a session with the Flask notes API as a HAR file, as a browser's or a proxy's
export would hold it: log in, then use the token the login issued and the note the create
made.

    PYTHONPATH=engine python -m examples.notes.record [PATH]

PATH defaults to engine/examples/notes/notes.har. Replayed, the recorded token and id are
replaced by the ones each side issues (sidebyside.har).
"""

import json
import sys
from pathlib import Path
from typing import Any

from sidebyside.apps import client_for
from sidebyside.har import har_entry

from examples.notes.flask_notes import create_app

HERE = Path(__file__).parent
LOGIN = {"email": "ann@example.org", "password": "ann-secret"}


def record() -> dict[str, Any]:
    entries = []
    with client_for(create_app()) as client:
        login = client.post("/users/login", json=LOGIN)
        entries.append(har_entry(login))
        auth = {"Authorization": f"Token {login.json()['user']['token']}"}
        created = client.post("/notes", json={"title": "call", "body": "the dentist"}, headers=auth)
        entries.append(har_entry(created))
        note = created.headers["Location"]
        for response in (
            client.get("/user", headers=auth),
            client.get(note),
            client.put(note, json={"body": "the dentist, at 9"}, headers=auth),
            client.get("/notes"),
            client.delete(note, headers=auth),
        ):
            entries.append(har_entry(response))
    creator = {"name": "examples.notes.record", "version": "1"}
    return {"log": {"version": "1.2", "creator": creator, "entries": entries}}


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else HERE / "notes.har"
    path.write_text(json.dumps(record(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
