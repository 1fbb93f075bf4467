"""Flask's JSON provider, hardened against bodies that make the standard parser raise."""

from typing import Any

from flask.json.provider import DefaultJSONProvider


class SafeJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        # Deeply nested JSON makes json.loads raise RecursionError, which Flask does not
        # catch (it expects ValueError) and would answer with a 500. As a ValueError it
        # becomes Flask's ordinary 400 for an unreadable body.
        try:
            return super().loads(s, **kwargs)
        except RecursionError as error:
            raise ValueError("JSON nested too deeply") from error
