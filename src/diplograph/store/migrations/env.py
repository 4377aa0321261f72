"""Alembic's entry point: runs on the connection open_store passes in, or on the ini file's URL.

open_store runs the migrations itself (``upgrade head`` inside its own transaction); the ini file
beside this module is for developers who want the alembic command, e.g. to write a new revision.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from diplograph.store.schema import metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    """Use the caller's connection when there is one, so the migration joins its transaction."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url in alembic.ini or pass -x, or open the store with open_store()")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


main()
