"""Alembic environment: the engine comes from the caller (Database.migrate), never from a file."""

from alembic import context

from console.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            # The FTS5 search tables are made by hand in 0003; autogenerate must not offer to drop them.
            include_name=lambda name, type_, _parents: not (type_ == "table" and (name or "").startswith("search_")),
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
