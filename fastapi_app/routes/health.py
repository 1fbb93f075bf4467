from fastapi import APIRouter, Response

from fastapi_app.deps import EngineDep
from shared.db import database_is_reachable
from shared.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", responses={503: {"model": Health}})
def health(engine: EngineDep, response: Response) -> Health:
    if database_is_reachable(engine):
        return Health(status="ok", database="ok")
    response.status_code = 503
    return Health(status="unavailable", database="unreachable")
