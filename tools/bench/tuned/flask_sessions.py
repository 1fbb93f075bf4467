"""Flask's signed-cookie session, opened with its signer and saved only when a request uses one.

Once SECRET_KEY is set, Flask builds an itsdangerous serializer (key derivation included) on
every request, to open a session that is almost always empty: only the admin's flash messages
use one. Without the session cookie the result is the same empty session, so it is returned
without the signer; a request with the cookie is opened by Flask as before. After the view,
Flask reads seven cookie settings to save a session that no one read or wrote, and then does
nothing with them: such a session is left alone, and every other goes to Flask's save.
"""

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin


class LazySigningSessionInterface(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and not self.has_session_cookie(app, request):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        # Flask's save adds `Vary: Cookie` for a session that was read and deletes the cookie
        # of one emptied: for an empty session neither read nor written it changes nothing.
        if session or session.accessed or session.modified:
            super().save_session(app, session, response)

    def has_session_cookie(self, app: Flask, request: Request) -> bool:
        # The header is looked for first: parsing cookies costs even when there are none.
        return "HTTP_COOKIE" in request.environ and self.get_cookie_name(app) in request.cookies


def sign_sessions_lazily(app: Flask) -> None:
    app.session_interface = LazySigningSessionInterface()
