"""Prepared statements on PostgreSQL (``BUURTTEAM_DB_PREPARE_THRESHOLD``) and ``custom_plans``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from buurtteam.core.plans import PREPARED_MAX, custom_plans, prepares_statements

ROOT = Path(__file__).resolve().parents[4]
POSTGRESQL = connection.vendor == "postgresql"
needs_postgresql = pytest.mark.skipif(not POSTGRESQL, reason="prepared statements exist on PostgreSQL only")


def _database_options(**env: str) -> subprocess.CompletedProcess[str]:
    """The production settings' database options for these environment variables, read in a new process."""
    code = (
        "import json; from buurtteam.config import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("BUURTTEAM_", "DATABASE_URL"))}
    environment.update(env, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_postgresql_prepares_statements_by_default_and_the_setting_switches_it_off() -> None:
    url = "postgres://postgres@127.0.0.1:5432/buurtteam"
    default = _database_options(DATABASE_URL=url)
    assert default.returncode == 0, default.stderr
    assert json.loads(default.stdout) == {
        "options": "-c jit=off",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
    off = _database_options(DATABASE_URL=url, BUURTTEAM_DB_PREPARE_THRESHOLD="0")
    assert json.loads(off.stdout) == {"options": "-c jit=off"}  # values bound by psycopg, nothing prepared
    two = _database_options(DATABASE_URL=url, BUURTTEAM_DB_PREPARE_THRESHOLD="2", BUURTTEAM_DB_JIT="true")
    assert json.loads(two.stdout) == {"server_side_binding": True, "prepare_threshold": 2}
    sqlite = _database_options(DATABASE_URL="sqlite:///var/x.sqlite3")
    assert "prepare_threshold" not in json.loads(sqlite.stdout)
    wrong = _database_options(DATABASE_URL=url, BUURTTEAM_DB_PREPARE_THRESHOLD="vijf")
    assert wrong.returncode != 0
    assert "BUURTTEAM_DB_PREPARE_THRESHOLD must be an integer" in wrong.stderr


@needs_postgresql
@pytest.mark.django_db
def test_a_statement_is_prepared_after_the_threshold_and_the_connection_keeps_more() -> None:
    if not prepares_statements():
        pytest.skip("BUURTTEAM_DB_PREPARE_THRESHOLD=0 in this environment")
    threshold = connection.settings_dict["OPTIONS"]["prepare_threshold"]
    connection.ensure_connection()
    assert connection.connection.prepared_max == PREPARED_MAX
    marker = "SELECT 41 + %s AS buurtteam_plans_test"
    with connection.cursor() as cursor:
        for _ in range(threshold + 1):
            cursor.execute(marker, [1])
            assert cursor.fetchone() == (42,)
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%buurtteam_plans_test%"]
        )
        assert cursor.fetchone() == (1,)


def _plan_cache_mode() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return str(cursor.fetchone()[0])


def _with_threshold(monkeypatch: pytest.MonkeyPatch, threshold: int | None) -> None:
    """This test's database options with (or without) a prepare threshold, whatever the environment set."""
    options = {
        k: v for k, v in connection.settings_dict.get("OPTIONS", {}).items() if k != "prepare_threshold"
    }
    if threshold is not None:
        options["prepare_threshold"] = threshold
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)


@needs_postgresql
@pytest.mark.django_db
def test_custom_plans_hold_inside_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_threshold(monkeypatch, 5)
    assert prepares_statements()
    assert _plan_cache_mode() == "auto"
    with custom_plans():
        assert connection.in_atomic_block
        assert _plan_cache_mode() == "force_custom_plan"
    # (Outside a test's transaction the setting ends with the block's own transaction; here, with the test's.)


@pytest.mark.django_db
def test_custom_plans_open_no_transaction_without_prepared_statements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_threshold(monkeypatch, None)
    assert not prepares_statements()
    depth = len(connection.savepoint_ids)
    with custom_plans():
        assert len(connection.savepoint_ids) == depth  # no savepoint opened for nothing
        assert _count_sessions_rows() == 0  # the connection still answers


@pytest.mark.django_db
def test_an_error_inside_custom_plans_undoes_the_setting_and_leaves_the_connection_usable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_threshold(monkeypatch, 5)  # on PostgreSQL the block opens a savepoint and sets the mode
    depth = len(connection.savepoint_ids)
    with pytest.raises(ZeroDivisionError), custom_plans():
        1 / 0  # noqa: B018
    assert len(connection.savepoint_ids) == depth
    if POSTGRESQL:
        assert _plan_cache_mode() == "auto"  # the savepoint's SET LOCAL was rolled back with it
    assert _count_sessions_rows() == 0  # the connection still answers


def _count_sessions_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_session")
        return int(cursor.fetchone()[0])
