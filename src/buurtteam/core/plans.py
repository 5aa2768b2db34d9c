"""Query plans on PostgreSQL: statements prepared once per connection, and where that does not pay.

With ``BUURTTEAM_DB_PREPARE_THRESHOLD`` (settings), psycopg prepares a statement on the server after it
has run that many times on a connection, and PostgreSQL then skips parsing it again; after five runs it may
also reuse one *generic* plan instead of planning for the values at hand. For the case page's two dozen
reads by id that saves most of the planning. A search by a name or word is the exception: its plan depends
on the value searched for (a rare surname or a common one, a prefix the trigram index can use), and a generic
plan can be several times slower. :func:`custom_plans` keeps such statements planned for their own values.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper


def prepares_statements(using: str | BaseDatabaseWrapper = DEFAULT_DB_ALIAS) -> bool:
    """Whether statements on this connection may be prepared (PostgreSQL with a prepare threshold)."""
    connection = connections[using] if isinstance(using, str) else using
    options = connection.settings_dict.get("OPTIONS", {})
    return connection.vendor == "postgresql" and options.get("prepare_threshold") is not None


@contextmanager
def custom_plans(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Plan every statement in this block for its own parameter values (a transaction with
    ``plan_cache_mode = force_custom_plan``); elsewhere, and without prepared statements, nothing changes."""
    if not prepares_statements(using):
        yield
        return
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield


# psycopg keeps 100 prepared statements per connection by default (least recently used go first); the
# pages of a working day use a few hundred different statements.
PREPARED_MAX = 300


def keep_prepared_statements(sender: object, connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    """``connection_created``: room for the statements of many pages on a PostgreSQL connection."""
    if prepares_statements(connection):
        connection.connection.prepared_max = PREPARED_MAX
