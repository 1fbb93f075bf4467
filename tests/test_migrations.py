from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from shared.db import create_db_engine
from shared.manage import migrate, seed
from shared.models import Base
from shared.seed import DEMO_EMPLOYEES


def test_the_migrations_build_exactly_the_schema_the_models_map(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'schema.db'}"
    migrate(url)
    engine = create_db_engine(url)

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    engine.dispose()
    assert differences == []


def test_seeding_adds_the_demo_employees_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    migrate(url)

    assert seed(url) == len(DEMO_EMPLOYEES)
    assert seed(url) == 0
