"""Async views and background tasks."""

import time
import uuid

from fastapi import FastAPI
from sqlalchemy.orm import Session

from parity_tests.contract.moment_of_sending import request_looking_when_sent
from parity_tests.sides import Pair
from shared import uploads
from shared.db import create_db_engine
from tools.claims.concurrency import InFlight, overlap
from tools.claims.ledger import Finding, Link, claim, judge

WAITS = 8
WAIT_SECONDS = 0.3
BLOCKING_WAITS = 3
BLOCKING_SECONDS = 0.05

SECTION = "Asynchronous tasks"


def _blocking_app(counter: InFlight) -> FastAPI:
    """An `async def` view that blocks instead of awaiting, counting itself while it blocks."""
    app = FastAPI()

    async def blocks() -> dict[str, bool]:
        counter.enter()
        time.sleep(BLOCKING_SECONDS)  # the mistake this probe is about  # noqa: ASYNC251
        counter.leave()
        return {"blocked": True}

    app.add_api_route("/blocks", blocks)
    return app


@claim(
    "In FastAPI, `async def` is all a view needs: it awaits on the event loop, and one thread "
    "serves many such waits at once."
)
def async_waits_share_one_thread(twins: Pair) -> Finding:
    app = twins.fastapi.app
    assert isinstance(app, FastAPI), "the claims run the FastAPI twin in-process"
    waits = overlap(app, f"/async?delay={WAIT_SECONDS}", WAITS)
    counter = InFlight()
    blocking = overlap(_blocking_app(counter), "/blocks", BLOCKING_WAITS, counter)
    assert set(waits.statuses) == {200}, waits
    assert set(blocking.statuses) == {200}, blocking
    return judge(
        article_right=waits.peak > 1 and waits.threads == 1,
        # How many overlapped depends on scheduling; that several did, on one thread, does not.
        observed=f"{waits.sent} requests to the FastAPI twin's GET /async?delay={WAIT_SECONDS}, "
        f"sent together: {'several' if waits.peak > 1 else 'only one'} waited at a time, on "
        f"{'one thread' if waits.threads == 1 else f'{waits.threads} threads'}.",
        today=f"The waits did not overlap on one thread (at most {waits.peak} at once, on "
        f"{waits.threads} threads).",
        caveats=[
            f"A blocking call inside an `async def` view holds the whole loop: {blocking.sent} "
            "such requests to a view of ours ran one at a time."
        ]
        if blocking.peak == 1
        else [],
        evidence=[
            Link("the twin's view: fastapi_app/routes/waits.py", "fastapi_app/routes/waits.py")
        ],
    )


CONTENT = b"one line\ntwo lines\n"


@claim(
    "FastAPI's background tasks run after the response is sent: the client does not wait for them."
)
def background_tasks_after_response(twins: Pair) -> Finding:
    app, settings = twins.fastapi.app, twins.fastapi.settings
    assert isinstance(app, FastAPI), "the claims run the FastAPI twin in-process"
    engine = create_db_engine(settings.database_url)

    def status(accepted: dict[str, str]) -> str:
        with Session(engine) as session:
            return uploads.get_upload(session, uuid.UUID(accepted["id"])).status

    try:
        response, when_sent = request_looking_when_sent(
            app, status, "POST", "/uploads", files={"file": ("notes.txt", CONTENT)}
        )
        afterwards = status(response.json())
    finally:
        engine.dispose()
    return judge(
        article_right=when_sent == "pending" and afterwards == "done",
        observed=f"POST /uploads on the FastAPI twin answered {response.status_code}; the "
        f"upload was {when_sent!r} when the response's last byte was sent and {afterwards!r} "
        "after the background task.",
        today=f"The task's work was {when_sent!r} already when the response was sent.",
        evidence=[
            Link("the twin's route: fastapi_app/routes/uploads.py", "fastapi_app/routes/uploads.py")
        ],
    )
