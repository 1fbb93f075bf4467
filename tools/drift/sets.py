"""The version sets of the drift matrix: each varies one side and holds the other at the lock,
or combines releases a team is likely to run together.

A set pins some of the frameworks and their plugins; every other dependency resolves as the
project's requirements and the pins allow. A framework's companion (Werkzeug for Flask,
Starlette for FastAPI) is pinned only where the framework's own bound is open above.
"""

from dataclasses import dataclass

# The versions uv.lock records for the packages a set may vary.
LOCKED: dict[str, str] = {
    "flask": "3.1.3",
    "werkzeug": "3.1.9",
    "flask-cors": "6.0.5",
    "flask-pydantic": "0.14.0",
    "fastapi": "0.165.0",
    "starlette": "1.10.0",
    "pydantic": "2.14.4",
}
FLASK_SIDE = ("flask", "werkzeug", "flask-cors", "flask-pydantic")
FASTAPI_SIDE = ("fastapi", "starlette")
# Packages that follow a framework unless a set pins them: its companion and its plugins, at
# the newest release that allows the framework's.
FOLLOWS = {
    "flask": ("werkzeug", "flask-cors", "flask-pydantic", "flask-admin"),
    "fastapi": ("starlette", "sqladmin"),
}


@dataclass(frozen=True)
class VersionSet:
    name: str
    # Requirement specifiers by package, such as {"flask": "==2.2.*"}.
    pins: dict[str, str]
    why: str
    # The axis a set moves along (for bisecting between neighbours), or "" for a combination.
    axis: str = ""

    def requirements(self) -> dict[str, str]:
        """Every varied package's specifier: the lock's, but for what this set pins and what
        follows a framework it moves (no specifier: whatever the framework allows)."""
        moved = {follower: "" for package in self.pins for follower in FOLLOWS.get(package, ())}
        held = {package: f"=={version}" for package, version in LOCKED.items()}
        return held | moved | self.pins


def flask_set(minor: str) -> VersionSet:
    # Flask 2.x asks for Werkzeug>=its own minor with no upper bound: pin the one it shipped with.
    return VersionSet(
        f"flask-{minor}",
        {"flask": f"=={minor}.*", "werkzeug": f"=={minor}.*"},
        f"Flask {minor} with its Werkzeug and the newest flask-cors and flask-pydantic it allows",
        axis="flask",
    )


def fastapi_set(version: str, why: str) -> VersionSet:
    return VersionSet(f"fastapi-{version}", {"fastapi": f"=={version}"}, why, axis="fastapi")


SETS: tuple[VersionSet, ...] = (
    VersionSet("locked", {}, "uv.lock as it is: the versions docs/parity.md reports on"),
    flask_set("2.2"),
    flask_set("2.3"),
    flask_set("3.0"),
    fastapi_set("0.100.1", "the first FastAPI on pydantic 2"),
    fastapi_set("0.109.2", "early 2024"),
    fastapi_set("0.115.0", "the first FastAPI with query parameter models"),
    fastapi_set("0.115.14", "the end of the long-lived 0.115 line"),
    fastapi_set("0.120.0", "autumn 2025"),
    fastapi_set("0.125.0", "the last FastAPI before Starlette 1.0"),
    fastapi_set("0.140.0", "on Starlette 1.x"),
    VersionSet(
        "starlette-1.6",
        {"starlette": "==1.6.0"},
        "the oldest Starlette the locked FastAPI allows, to tell Starlette's changes from "
        "FastAPI's",
        axis="starlette",
    ),
    VersionSet(
        "flask-cors-4",
        {"flask-cors": "==4.0.*"},
        "flask-cors 4 on the locked Flask",
        axis="flask-cors",
    ),
    VersionSet(
        "flask-pydantic-0.12",
        {"flask-pydantic": "==0.12.*"},
        "flask-pydantic 0.12 on the locked Flask",
        axis="flask-pydantic",
    ),
    VersionSet(
        "mid-2023",
        {
            "flask": "==2.3.*",
            "werkzeug": "==2.3.*",
            "fastapi": "==0.100.1",
            "pydantic": "==2.1.*",
            # The pin on pydantic overrides every bound on it, so pydantic-settings would come
            # at the project's release, which imports what pydantic 2.1 lacks: pin the one of
            # the time.
            "pydantic-settings": "==2.0.*",
        },
        "a service started mid-2023: Flask 2.3, the first pydantic-2 FastAPI, and the "
        "pydantic and pydantic-settings of the time",
    ),
    VersionSet(
        "autumn-2024",
        {"flask": "==3.0.*", "werkzeug": "==3.0.*", "fastapi": "==0.115.0"},
        "a service started in autumn 2024: Flask 3.0 and FastAPI 0.115",
    ),
    VersionSet(
        "early-2025",
        {
            "flask": "==3.1.0",
            "werkzeug": "==3.1.3",
            "fastapi": "==0.115.8",
            "pydantic": "==2.10.*",
        },
        "a service started in early 2025: Flask 3.1.0, FastAPI 0.115.8 and pydantic 2.10",
    ),
)

# The set `make test` runs as a smoke test: older on both sides, quick to build once cached.
SMOKE = "early-2025"


def by_name(name: str) -> VersionSet:
    for version_set in SETS:
        if version_set.name == name:
            return version_set
    raise LookupError(f"no version set named {name!r}: {', '.join(s.name for s in SETS)}")
