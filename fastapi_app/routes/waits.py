import asyncio
from typing import Annotated

from fastapi import APIRouter, Query

from shared.schemas import Waited, WaitQuery

router = APIRouter(tags=["async"])


# A native coroutine on the server's event loop: while it awaits, the same worker serves
# other requests.
@router.get("/async")
async def wait(query: Annotated[WaitQuery, Query()]) -> Waited:
    await asyncio.sleep(query.delay)
    return Waited(waited=query.delay)
