"""The demo cases without the shared build: same seed, same data; the command's report; small helpers."""

from __future__ import annotations

import datetime
import hashlib
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from buurtteam.cases.models import Case, CaseAssignment, TimelineEntry
from buurtteam.core.gate import system_access
from buurtteam.demo.builders import DemoOptions, build_demo
from buurtteam.demo.builders.fastinsert import _sqlite_datetime
from buurtteam.demo.builders.people import bsn_pool
from buurtteam.residents.models import Resident

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 4)


def _digest(seed: int) -> str:
    options = DemoOptions(seed=seed, scale=0.3, teams=2, cases_per_team=80, today=TODAY)
    found: list[str] = []
    with transaction.atomic():
        build_demo(options)
        with system_access("test"):
            rows: list[object] = [
                list(
                    Resident.objects.order_by("pk").values_list(
                        "first_name", "last_name", "birth_date", "bsn"
                    )
                ),
                list(
                    Case.objects.order_by("pk").values_list(
                        "reference", "status", "registered_at", "closure_reason", "question"
                    )
                ),
                list(TimelineEntry.objects.order_by("pk").values_list("kind", "occurred_at", "text")),
                list(CaseAssignment.objects.order_by("pk").values_list("user__username", "started_at")),
            ]
            # Ids depend on what the database handed out before; compare relative to the first.
            first_case = Case.objects.order_by("pk").values_list("pk", flat=True).first() or 0
            rows.append([pk - first_case for pk in Case.objects.order_by("pk").values_list("pk", flat=True)])
        found.append(hashlib.sha256(repr(rows).encode()).hexdigest())
        transaction.set_rollback(True)
    return found[0]


def test_same_seed_gives_the_same_cases() -> None:
    first = _digest(4)
    assert _digest(4) == first
    assert _digest(5) != first


def test_load_demo_reports_cases() -> None:
    out = StringIO()
    call_command(
        "load_demo",
        "--teams",
        "2",
        "--scale",
        "0.3",
        "--cases-per-team",
        "40",
        "--today",
        "2026-03-04",
        stdout=out,
    )
    assert "80 casussen" in out.getvalue()
    assert "tijdlijnregels" in out.getvalue()


def test_bsn_pool_and_sqlite_dates() -> None:
    pool = bsn_pool(random.Random(1))
    assert 8000 < len(pool) < 10_000
    assert all(stdnum_bsn.is_valid(b) for b in pool[:500])
    when = timezone.make_aware(datetime.datetime(2026, 3, 29, 2, 30), datetime.UTC)
    if connection.vendor == "sqlite":
        assert _sqlite_datetime(when) == connection.ops.adapt_datetimefield_value(when)
