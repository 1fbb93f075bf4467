"""The notes API ported to FastAPI: the same paths, written as FastAPI's tutorial writes them
(Pydantic models for bodies and responses, a dependency for the current user, HTTPException
for errors). Where idiomatic code answers differently, the parity suite shows it.
"""

import secrets
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Response
from pydantic import BaseModel

USERS = {"ann@example.org": {"username": "ann", "password": "ann-secret"}}


class Login(BaseModel):
    email: str
    password: str


class User(BaseModel):
    email: str
    username: str
    token: str


class UserOut(BaseModel):
    user: User


class Author(BaseModel):
    username: str
    bio: str | None = None


class Note(BaseModel):
    id: int
    title: str
    body: str
    createdAt: datetime
    updatedAt: datetime
    author: Author


class NoteOut(BaseModel):
    note: Note


class NoteList(BaseModel):
    notes: list[Note]
    count: int


class NewNote(BaseModel):
    title: str
    body: str


class NoteChange(BaseModel):
    body: str | None = None


def create_app() -> FastAPI:
    app = FastAPI()
    tokens: dict[str, str] = {}  # token -> email
    notes: dict[int, Note] = {}

    def current_user(authorization: Annotated[str, Header()] = "") -> User:
        scheme, _, token = authorization.partition(" ")
        if scheme != "Token" or token not in tokens:
            raise HTTPException(401, "missing or unknown token")
        email = tokens[token]
        return User(email=email, username=USERS[email]["username"], token=token)

    CurrentUser = Annotated[User, Depends(current_user)]  # noqa: N806 - a type alias

    def note_of(note_id: int) -> Note:
        if note_id not in notes:
            raise HTTPException(404, "no such note")
        return notes[note_id]

    @app.post("/users/login")
    def login(given: Login) -> UserOut:
        user = USERS.get(given.email)
        if user is None or given.password != user["password"]:
            raise HTTPException(401, "email or password is wrong")
        token = secrets.token_hex(20)
        tokens[token] = given.email
        return UserOut(user=User(email=given.email, username=user["username"], token=token))

    @app.get("/user")
    def whoami(user: CurrentUser) -> UserOut:
        return UserOut(user=user)

    @app.get("/notes")
    def list_notes(author: str | None = None) -> NoteList:
        found = [note for note in notes.values() if author in (None, note.author.username)]
        return NoteList(notes=found, count=len(found))

    @app.post("/notes", status_code=201)
    def add_note(given: NewNote, user: CurrentUser, response: Response) -> NoteOut:
        note_id = len(notes) + 1
        stamp = datetime.now(UTC)
        notes[note_id] = Note(
            id=note_id,
            title=given.title,
            body=given.body,
            createdAt=stamp,
            updatedAt=stamp,
            author=Author(username=user.username),
        )
        response.headers["Location"] = f"/notes/{note_id}"
        return NoteOut(note=notes[note_id])

    @app.get("/notes/{note_id}")
    def read_note(note_id: int) -> NoteOut:
        return NoteOut(note=note_of(note_id))

    @app.put("/notes/{note_id}")
    def update_note(note_id: int, change: NoteChange, user: CurrentUser) -> NoteOut:
        note = note_of(note_id)
        note.body = change.body if change.body is not None else note.body
        note.updatedAt = datetime.now(UTC)
        return NoteOut(note=note)

    @app.delete("/notes/{note_id}", status_code=204)
    def delete_note(note_id: int, user: CurrentUser) -> None:
        note_of(note_id)
        del notes[note_id]

    return app
