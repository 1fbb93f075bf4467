"""docs/deployment.md's table of environment variables lists every one the project reads."""

import re
from pathlib import Path

from pydantic_settings import BaseSettings

from migration.strangler import StranglerSettings
from shared.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "deployment.md"
SETTINGS_CLASSES: tuple[type[BaseSettings], ...] = (Settings, StranglerSettings)
# Files that read a variable as `${NAME` (shell and compose interpolation) or as
# `os.environ.get("NAME"` (the gunicorn configs).
INTERPOLATED = ("Procfile", "docker-compose.yml")
CONFIGS = ("flask_app/gunicorn.conf.py", "fastapi_app/gunicorn.conf.py")


def documented(guide: str) -> set[str]:
    """Every `NAME` in the first cell of a row of the guide's environment-variable table."""
    section = guide.split("### Environment variables", 1)[1].split("\n#", 1)[0]
    first_cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for cell in first_cells for name in re.findall(r"`([A-Z0-9_]+)`", cell)}


def read_by_the_project() -> set[str]:
    settings = {name.upper() for cls in SETTINGS_CLASSES for name in cls.model_fields}
    example = re.findall(r"^([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    interpolated = {
        name
        for path in INTERPOLATED
        for line in (ROOT / path).read_text().splitlines()
        if not line.lstrip().startswith("#")
        for name in re.findall(r"\$\{([A-Z0-9_]+)", line)
    }
    configs = {
        name
        for path in CONFIGS
        for name in re.findall(r'os\.environ\.get\("([A-Z0-9_]+)"', (ROOT / path).read_text())
    }
    return settings | set(example) | interpolated | configs


def test_every_environment_variable_the_project_reads_has_a_row_in_the_deployment_guide() -> None:
    missing = read_by_the_project() - documented(GUIDE.read_text(encoding="utf-8"))

    assert sorted(missing) == []


def test_a_setting_left_out_of_the_table_is_caught() -> None:
    guide = GUIDE.read_text(encoding="utf-8").replace("| `STRANGLER_PORTED` |", "| strangler |")

    assert "STRANGLER_PORTED" in read_by_the_project() - documented(guide)
