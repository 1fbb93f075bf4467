"""The migration kit: what a team moving a Flask service to FastAPI copies, kept out of the twins.

- `migration.compat`: the bridges, each a named piece that makes the FastAPI twin answer one
  difference as Flask does, and `create_compat_app`, the twin with all of them on;
- `migration.strangler`: FastAPI serves the routes already ported, the unchanged Flask app the
  rest, in one process.
"""
