"""The ASGI entry point for uvicorn: `uvicorn fastapi_app.asgi:app`."""

from fastapi_app import create_app
from shared.heap import freeze_startup_heap

app = create_app()
freeze_startup_heap()
