import subprocess
import sys
from pathlib import Path

import shared

FRAMEWORKS = ("flask", "fastapi", "starlette", "werkzeug", "flask_pydantic", "sqladmin")


def test_importing_every_shared_module_loads_no_web_framework() -> None:
    modules = sorted(
        f"shared.{path.stem}"
        for path in Path(shared.__file__).parent.glob("*.py")
        if path.stem != "__init__"
    )
    probe = (
        f"import sys\nfor name in {modules!r}: __import__(name)\n"
        f"print(sorted(m for m in {FRAMEWORKS!r} if m in sys.modules))"
    )

    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert len(modules) > 5
    assert loaded == "[]"
