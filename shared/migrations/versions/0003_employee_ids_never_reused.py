"""Employee ids are never given twice: SQLite's AUTOINCREMENT on the employees table.

Without it SQLite gives a new row the highest id in the table plus one, so deleting the employee
with the highest id handed that id, and that employee's URL, to the next one created. With it,
SQLite keeps the highest id it ever gave in `sqlite_sequence` and never goes below it.

SQLite cannot add AUTOINCREMENT to a table in place, so the upgrade rebuilds it in batch mode:
a new table declared with AUTOINCREMENT, every row copied with its id, the old one dropped and
the new one renamed. Copying the ids in records the highest one in `sqlite_sequence`, and that
is all a table without AUTOINCREMENT ever knew: an id deleted from the top before this upgrade
is gone from the database, and no migration can recover it.

PostgreSQL gives ids from a sequence, which never goes back: nothing to do there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rebuild_employees(*, autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "employees", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass


def upgrade() -> None:
    _rebuild_employees(autoincrement=True)


def downgrade() -> None:
    _rebuild_employees(autoincrement=False)
