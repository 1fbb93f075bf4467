"""Alembic environment: the URL comes from the caller's config or from Settings."""

from alembic import context

from shared.db import create_db_engine
from shared.models import Base
from shared.settings import Settings

config = context.config
database_url = config.get_main_option("sqlalchemy.url") or Settings().database_url

if context.is_offline_mode():
    context.configure(url=database_url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_db_engine(database_url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
