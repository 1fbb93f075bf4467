import asyncio

from flask import Blueprint
from flask_pydantic import validate

from shared.schemas import Waited, WaitQuery

bp = Blueprint("waits", __name__)


# Flask runs an async view in an event loop of its own, one per request, on the worker's
# thread: the await does not free the worker to serve anything else meanwhile. (On gevent
# workers the view runs on one loop per worker instead: flask_app/greenlets.py.)
@bp.get("/async")
@validate()
async def wait(query: WaitQuery) -> Waited:
    await asyncio.sleep(query.delay)
    return Waited(waited=query.delay)
