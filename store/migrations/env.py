"""Alembic environment. Run migrations through ``store.db.migrate(engine)``.

``migrate`` opens the transaction (and takes the migration lock) and hands its connection over in
``config.attributes["connection"]``; Alembic then runs inside that transaction. Offline mode
(``--sql``) needs ``sqlalchemy.url`` set on the config.
"""

from __future__ import annotations

from alembic import context

from store.models import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError(
            "run migrations with store.db.migrate(engine), which passes a connection"
        )
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
