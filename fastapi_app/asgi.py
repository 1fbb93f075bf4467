"""The ASGI entry point for uvicorn: `uvicorn fastapi_app.asgi:app`."""

from fastapi_app import create_app
from shared.startup import start_or_exit

app = start_or_exit(create_app)
