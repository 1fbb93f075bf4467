"""The WSGI entry point for gunicorn: `gunicorn flask_app.wsgi:app`."""

from flask_app import create_app
from shared.startup import start_or_exit

app = start_or_exit(create_app)
