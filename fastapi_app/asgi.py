"""The ASGI entry point for uvicorn: `uvicorn fastapi_app.asgi:app`."""

from fastapi_app import create_app

app = create_app()
