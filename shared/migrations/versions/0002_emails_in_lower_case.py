"""Emails in lower case: one address, whatever the case it was typed in (shared/emails.py).

Rows written before this rule may hold the same address in two cases; lowering them would then
break the unique index, and choosing which employee to keep is not a migration's call. So the
upgrade stops, names the addresses, and changes nothing until a person has resolved them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

employees = sa.table("employees", sa.column("id", sa.Integer), sa.column("email", sa.String))


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(employees.c.id, employees.c.email).order_by(employees.c.id)
    ).all()
    # Lowered in Python, as the apps lower them: SQLite's LOWER() changes ASCII letters only.
    by_address: dict[str, list[str]] = defaultdict(list)
    for _id, email in rows:
        by_address[email.lower()].append(email)
    clashes = [spellings for spellings in by_address.values() if len(spellings) > 1]
    if clashes:
        listed = "; ".join(", ".join(spellings) for spellings in clashes)
        raise RuntimeError(
            f"employees share an email address in different cases ({listed}): merge or change "
            "them, then run the migration again"
        )
    for employee_id, email in rows:
        if email != email.lower():
            connection.execute(
                employees.update().where(employees.c.id == employee_id).values(email=email.lower())
            )


def downgrade() -> None:
    # The original spellings are gone; lower-case addresses are valid under 0001 as they are.
    pass
