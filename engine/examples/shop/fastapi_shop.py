"""The shop ported to FastAPI: the same paths, with FastAPI's own validation and errors."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Request, Response
from pydantic import BaseModel

from examples.shop.store import ADMIN_TOKEN, Store, request_id


class NewItem(BaseModel):
    name: str
    price_cents: int


def create_app() -> FastAPI:
    app = FastAPI()
    store = Store.seeded()

    @app.middleware("http")
    async def add_request_id(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["X-Request-Id"] = request_id()
        return response

    @app.get("/items")
    def list_items() -> list[dict[str, object]]:
        return [item.public() for item in store.items.values()]

    @app.get("/items/{item_id}")
    def get_item(item_id: int) -> dict[str, object]:
        if item_id not in store.items:
            raise HTTPException(404, "Not Found")
        return store.items[item_id].public()

    @app.post("/items", status_code=201)
    def add_item(new: NewItem) -> dict[str, object]:
        return store.add(new.name, new.price_cents).public()

    @app.get("/admin/stats")
    def stats(authorization: Annotated[str | None, Header()] = None) -> dict[str, int]:
        if authorization != ADMIN_TOKEN:
            raise HTTPException(401, "unauthorised")
        return {"items": len(store.items)}

    return app
