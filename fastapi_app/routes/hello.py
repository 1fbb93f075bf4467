from fastapi import APIRouter

from shared.schemas import Hello

router = APIRouter(tags=["hello"])


@router.get("/")
def hello() -> Hello:
    return Hello()
