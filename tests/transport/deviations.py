"""Where a production server breaks a rule of a case: a framework, used as it ships, that a twin
does not patch, or a server no guard of ours can stop.

Each entry names the case and the server, says why, and where it is tracked upstream or here.
The suite is strict: a listed server that keeps the rule again fails the test, so that the
entry is removed rather than left stale.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Deviation:
    why: str
    reference: str


# (gunicorn's bad chunk size, a 500 from gthread, was retired when the Flask twin's
# UnreadableBodyIsBadRequestMiddleware made it a 400.)
_NO_HOST_REFUSED = Deviation(
    why="Starlette's TrustedHostMiddleware, which the FastAPI twin uses as Starlette ships it, "
    "reads a missing Host as an empty one that no allowed name matches, and answers 400 "
    '"Invalid host header", HTTP/1.0 included, where the Host field is optional. A client '
    "that sends HTTP/1.0 without Host (some load balancers' default health checks) is "
    "refused; Werkzeug takes the server's own address instead.",
    reference="https://github.com/encode/starlette/blob/master/starlette/middleware/trustedhost.py",
)
DEVIATIONS: dict[tuple[str, str], Deviation] = {
    ("http-1-0", "uvicorn"): _NO_HOST_REFUSED,
    ("http-1-0", "gunicorn-uvicorn"): _NO_HOST_REFUSED,
}
