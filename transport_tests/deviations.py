"""Where a server set-up breaks a rule of a case and no guard of ours can stop it.

Each entry names the case and the set-up, says why, and where it is tracked upstream or here.
The suite is strict: a listed set-up that keeps the rule again fails the test, so that the
entry is removed rather than left stale.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Deviation:
    why: str
    reference: str


DEVIATIONS: dict[tuple[str, str], Deviation] = {
    ("bad-chunk-size", "gthread"): Deviation(
        "gunicorn raises InvalidChunkSize from `wsgi.input.read()` inside the app, and Flask "
        "turns an exception it does not know into a 500. Issue 9 lists it under *Defects found*; "
        "its fix (a 400 in the Flask twin) belongs to that work, and this entry goes with it.",
        "https://github.com/benoitc/gunicorn/issues/2832",
    ),
}
