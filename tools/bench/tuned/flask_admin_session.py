"""The admin's scoped session removed only by a request that used it.

Flask-Admin's SQLAlchemy views take a `scoped_session`, and the twin removes it when each
app context ends, as Flask-Admin's examples do. Only admin pages ever open that session, yet
`remove()` closes and discards the registry's entry on every request, building and closing
an empty session each time. The registry says whether this thread holds a session at all;
when it does not, there is nothing to remove.
"""

import inspect
from collections.abc import Callable

from flask import Flask
from sqlalchemy.orm import scoped_session

from tools.bench.tuned import RecipeError


def scoped_session_removed_by(teardown: Callable[..., object]) -> scoped_session | None:  # type: ignore[type-arg]
    """The scoped session a teardown closes over, if it closes over one."""
    try:
        captured = inspect.getclosurevars(teardown).nonlocals.values()
    except TypeError:
        return None
    return next((value for value in captured if isinstance(value, scoped_session)), None)


class RemoveIfUsed:
    def __init__(self, session: scoped_session) -> None:  # type: ignore[type-arg]
        self.session = session

    def __call__(self, _error: BaseException | None) -> None:
        if self.session.registry.has():
            self.session.remove()


def remove_admin_session_only_if_used(app: Flask) -> None:
    teardowns = app.teardown_appcontext_funcs
    found = [
        (index, session)
        for index, hook in enumerate(teardowns)
        if (session := scoped_session_removed_by(hook)) is not None
    ]
    if len(found) != 1:
        raise RecipeError(f"the app has {len(found)} teardowns removing a scoped session, not one")
    index, session = found[0]
    teardowns[index] = RemoveIfUsed(session)
