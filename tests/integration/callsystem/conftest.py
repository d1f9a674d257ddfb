"""CallSystem's shared-database tests use the session's PostgreSQL server (tests/helpers/postgres.py).

`PostgresServer` stays importable from here for tests that load this file by path."""

from helpers.postgres import PostgresServer

__all__ = ["PostgresServer"]
