"""Flask's signed-cookie session, with its signer built only for a request that brings a
session cookie.

Once SECRET_KEY is set, Flask builds an itsdangerous serializer (key derivation included) on
every request, to open a session that is almost always empty: only the admin's flash messages
use one. Without the session cookie the result is the same empty session, so it is returned
without the signer; a request with the cookie is opened by Flask as before.
"""

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface


class LazySigningSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and not self.has_session_cookie(app, request):
            return self.session_class()
        return super().open_session(app, request)

    def has_session_cookie(self, app: Flask, request: Request) -> bool:
        # The header is looked for first: parsing cookies costs even when there are none.
        return "HTTP_COOKIE" in request.environ and self.get_cookie_name(app) in request.cookies


def sign_sessions_lazily(app: Flask) -> None:
    app.session_interface = LazySigningSessionInterface()
