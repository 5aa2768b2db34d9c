"""Where the generated rows go.

* PostgreSQL: ``COPY ... FROM STDIN`` through psycopg 3 (``cursor.copy``), after dropping the secondary
  indexes and the unique and foreign-key constraints of the bulk tables; they are recreated afterwards
  (which also checks the generated data against them), then the id sequences are moved past the ids
  used, and the tables are vacuumed and analysed so that the planner has statistics.
* SQLite: ``executemany`` through the demo's fast inserter (``buurtteam.demo.builders.fastinsert``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection

from buurtteam.demo.builders.fastinsert import Inserter, fields_for

LINES_PER_WRITE = 20_000


class SqliteSink:
    ts_suffix = ""

    def __init__(self) -> None:
        self.inserter = Inserter()
        self.timings: dict[str, float] = {}

    def prepare(self, models: Sequence[Any]) -> None:
        self._tuned = self.inserter.tuned()
        self._tuned.__enter__()

    def copy(self, model: Any, names: Sequence[str], rows: Iterator[Sequence[Any]]) -> int:
        started = time.perf_counter()
        count = self.inserter.rows(model, names, rows)
        self.timings[model._meta.db_table] = time.perf_counter() - started
        return count

    def copy_lines(self, model: Any, names: Sequence[str], lines: Iterator[str]) -> int:
        raise NotImplementedError("SQLite takes rows, not COPY text")

    def finish(self, models: Sequence[Any]) -> dict[str, float]:
        self._tuned.__exit__(None, None, None)
        self.inserter.touched.extend(models)
        self.inserter.finish()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return {}


class PostgresSink:
    ts_suffix = "+00"

    def __init__(self) -> None:
        connection.ensure_connection()
        self.conn: Any = connection.connection  # the psycopg connection behind Django's
        self.saved: list[tuple[str, str]] = []  # (kind, SQL to recreate)
        self.timings: dict[str, float] = {}

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.conn.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall()) if cursor.description else []

    def prepare(self, models: Sequence[Any]) -> None:
        """Drop unique/foreign-key constraints and secondary indexes of the bulk tables (saved first)."""
        self.conn.autocommit = True
        self._execute("SET synchronous_commit = off")
        self._execute("SET maintenance_work_mem = '1GB'")
        tables = [m._meta.db_table for m in models]
        for table in tables:
            constraints = self._execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype IN ('f', 'u')",
                [table],
            )
            for name, definition in constraints:
                kind = "fk" if definition.startswith("FOREIGN KEY") else "unique"
                self.saved.append((kind, f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))
                self._execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            indexes = self._execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary",
                [table],
            )
            for name, definition in indexes:
                self.saved.append(("index", definition))
                self._execute(f'DROP INDEX "{name}"')

    def copy(self, model: Any, names: Sequence[str], rows: Iterator[Sequence[Any]]) -> int:
        columns = ", ".join(f'"{f.column}"' for f in fields_for(model, names))
        table = model._meta.db_table
        started = time.perf_counter()
        count = 0
        with self.conn.transaction(), self.conn.cursor() as cursor:
            cursor.execute(f'TRUNCATE "{table}" CASCADE')  # same transaction: COPY FREEZE is allowed
            with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN WITH (FREEZE)') as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        self.timings[table] = time.perf_counter() - started
        return count

    def copy_lines(self, model: Any, names: Sequence[str], lines: Iterator[str]) -> int:
        """Pre-formatted COPY text (one or more lines per item); the fastest way for the big table."""
        columns = ", ".join(f'"{f.column}"' for f in fields_for(model, names))
        table = model._meta.db_table
        started = time.perf_counter()
        count = 0
        with self.conn.transaction(), self.conn.cursor() as cursor:
            cursor.execute(f'TRUNCATE "{table}" CASCADE')
            with cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN WITH (FREEZE)') as copy:
                buffer: list[str] = []
                size = 0
                for item in lines:
                    buffer.append(item)
                    size += 1
                    if size >= LINES_PER_WRITE // 20:
                        text = "".join(buffer)
                        count += text.count("\n")
                        copy.write(text)
                        buffer, size = [], 0
                if buffer:
                    text = "".join(buffer)
                    count += text.count("\n")
                    copy.write(text)
        self.timings[table] = time.perf_counter() - started
        return count

    def finish(self, models: Sequence[Any]) -> dict[str, float]:
        """Indexes, then unique constraints, then foreign keys; sequences; VACUUM ANALYZE. Timed."""
        phases: dict[str, float] = {}
        self._execute("SET maintenance_work_mem = '1GB'")
        self._execute("SET max_parallel_maintenance_workers = 2")
        for kind in ("index", "unique", "fk"):
            started = time.perf_counter()
            for saved_kind, sql in self.saved:
                if saved_kind == kind:
                    self._execute(sql)
            phases[f"recreate {kind}"] = time.perf_counter() - started
        started = time.perf_counter()
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            self._execute(sql)
        for model in models:
            self._execute(f'VACUUM (ANALYZE) "{model._meta.db_table}"')
        phases["vacuum analyze"] = time.perf_counter() - started
        return phases
