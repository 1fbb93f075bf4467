"""A notes API in Flask: token login, notes created with ids and timestamps, each app its own
in-memory database. The FastAPI port (`fastapi_notes`) implements the same paths.

    POST /users/login            {"email", "password"} -> {"user": {..., "token"}}
    GET  /user                   Authorization: Token TOKEN -> {"user": {...}}
    GET  /notes?author=NAME      {"notes": [...], "count": N}
    POST /notes                  {"title", "body"} -> 201 {"note": {...}}, Location /notes/ID
    GET  /notes/ID, PUT /notes/ID {"body"}, DELETE /notes/ID (204)
"""

import secrets
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, abort, jsonify, request

USERS = {"ann@example.org": {"username": "ann", "password": "ann-secret"}}


def now() -> str:
    return datetime.now(UTC).isoformat()


def create_app() -> Flask:
    app = Flask(__name__)
    tokens: dict[str, str] = {}  # token -> email
    notes: dict[int, dict[str, Any]] = {}

    def current_user() -> dict[str, str]:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme != "Token" or token not in tokens:
            abort(error(401, "missing or unknown token"))
        email = tokens[token]
        return {"email": email, "username": USERS[email]["username"], "token": token}

    def error(status: int, message: str) -> Response:
        response = jsonify(errors={"body": [message]})
        response.status_code = status
        return response

    def note_of(note_id: int) -> dict[str, Any]:
        if note_id not in notes:
            abort(error(404, "no such note"))
        return notes[note_id]

    @app.after_request
    def deny_framing(response: Response) -> Response:
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.post("/users/login")
    def login() -> Any:
        given = request.get_json(silent=True) or {}
        user = USERS.get(given.get("email", ""))
        if user is None or given.get("password") != user["password"]:
            return error(401, "email or password is wrong")
        token = secrets.token_hex(20)
        tokens[token] = given["email"]
        return {"user": {"email": given["email"], "username": user["username"], "token": token}}

    @app.get("/user")
    def whoami() -> Any:
        return {"user": current_user()}

    @app.get("/notes")
    def list_notes() -> Any:
        author = request.args.get("author")
        found = [note for note in notes.values() if author in (None, note["author"]["username"])]
        return {"notes": found, "count": len(found)}

    @app.post("/notes")
    def add_note() -> Any:
        user = current_user()
        given = request.get_json(silent=True) or {}
        if not isinstance(given.get("title"), str) or not isinstance(given.get("body"), str):
            return error(422, "title and body are required")
        note_id = len(notes) + 1
        stamp = now()
        notes[note_id] = {
            "id": note_id,
            "title": given["title"],
            "body": given["body"],
            "createdAt": stamp,
            "updatedAt": stamp,
            "author": {"username": user["username"]},
        }
        return {"note": notes[note_id]}, 201, {"Location": f"/notes/{note_id}"}

    @app.get("/notes/<int:note_id>")
    def read_note(note_id: int) -> Any:
        return {"note": note_of(note_id)}

    @app.put("/notes/<int:note_id>")
    def update_note(note_id: int) -> Any:
        current_user()
        note = note_of(note_id)
        given = request.get_json(silent=True) or {}
        note.update(body=str(given.get("body", note["body"])), updatedAt=now())
        return {"note": note}

    @app.delete("/notes/<int:note_id>")
    def delete_note(note_id: int) -> Any:
        current_user()
        note_of(note_id)
        del notes[note_id]
        return "", 204

    return app
