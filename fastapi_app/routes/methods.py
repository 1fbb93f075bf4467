from fastapi import APIRouter

from shared.schemas import MethodEcho

router = APIRouter(tags=["methods"])


# FastAPI: one decorator per verb, each its own operation in the OpenAPI schema.
@router.get("/methods")
def read_method() -> MethodEcho:
    return MethodEcho(method="GET")


@router.post("/methods")
def write_method() -> MethodEcho:
    return MethodEcho(method="POST")
