"""The WSGI entry point for gunicorn: `gunicorn flask_app.wsgi:app`."""

from flask_app import create_app
from shared.heap import freeze_startup_heap

app = create_app()
freeze_startup_heap()
