"""`python -m shared.manage migrate|seed|init`: schema and demo data, for make up and compose."""

import argparse
from pathlib import Path

from alembic import command
from alembic.config import Config

from shared.db import create_db_engine, create_session_factory
from shared.seed import seed_demo_employees
from shared.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def migrate(database_url: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser interpolation would read a % in a password as a placeholder.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    command.upgrade(config, "head")


def seed(database_url: str) -> int:
    engine = create_db_engine(database_url)
    try:
        with create_session_factory(engine)() as session:
            return seed_demo_employees(session)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m shared.manage", description=__doc__)
    parser.add_argument("action", choices=["migrate", "seed", "init"])
    action = parser.parse_args(argv).action
    settings = Settings()
    if action in ("migrate", "init"):
        migrate(settings.database_url)
        print(f"schema is at the latest migration ({settings.database_backend})")
    if action in ("seed", "init"):
        added = seed(settings.database_url)
        print(f"seeded {added} demo employees" if added else "employees present: seed skipped")


if __name__ == "__main__":
    main()
