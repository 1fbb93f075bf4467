from fastapi import FastAPI
from starlette.testclient import TestClient

from fastapi_app.middleware_http import add_http_process_time


def test_the_decorator_form_adds_the_same_header_as_the_pure_asgi_middleware() -> None:
    app = FastAPI()
    add_http_process_time(app)

    @app.get("/")
    def root() -> dict[str, str]:
        return {"ok": "yes"}

    with TestClient(app) as client:
        response = client.get("/")

    assert float(response.headers["x-process-time"]) >= 0
