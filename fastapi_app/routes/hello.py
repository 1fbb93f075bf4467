from fastapi import APIRouter

from shared.schemas import Hello

router = APIRouter(tags=["hello"])


# A coroutine, as FastAPI advises for a handler that never blocks: a plain `def` runs in the
# thread pool, and so does the validation of its response model (two hand-offs per request).
@router.get("/")
async def hello() -> Hello:
    return Hello()
