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


# Empty today: the one entry (gunicorn's bad chunk size, a 500 from gthread) was retired when
# the Flask twin's UnreadableBodyIsBadRequestMiddleware made it a 400.
DEVIATIONS: dict[tuple[str, str], Deviation] = {}
