"""The case list costs the same number of queries for 3 cases as for 30."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buurtteam.api.tests.helpers import Caller, as_session, as_token, ok
from buurtteam.cases.services import assignment
from buurtteam.cases.tests.factories import give_area, registered_case, resident_in


def _add_cases(tenant: Tenant, n: int) -> None:
    area = give_area(tenant.team)
    residents = [resident_in(tenant, area, first_name=f"Inwoner{i}") for i in range(3)]
    for i in range(n):
        case = registered_case(tenant, residents[i % 3], complexity="complex" if i % 2 else "simple")
        if i % 3:
            assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
            if i % 2:
                assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.coordinator.pk)


def _queries(caller: Caller, path: str, **query: object) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as ctx:
        body = ok(caller.get(path, **query))
    return len(ctx.captured_queries), body


@pytest.mark.django_db
@pytest.mark.parametrize("auth", ["token", "session"])
def test_case_list_query_count_is_constant(tenant: Tenant, auth: str) -> None:
    caller = as_token(tenant.worker) if auth == "token" else as_session(tenant.worker)
    ok(caller.get("/cases"))  # warm up: the default instrument, last-used bookkeeping
    _add_cases(tenant, 3)
    few_team, few_body = _queries(caller, "/cases", team_id=tenant.team.pk)
    few_mine, _ = _queries(caller, "/cases")
    assert few_body["count"] == 3
    _add_cases(tenant, 27)
    many_team, many_body = _queries(caller, "/cases", team_id=tenant.team.pk, limit=100)
    many_mine, mine = _queries(caller, "/cases", limit=100)
    assert many_body["count"] == 30 and len(many_body["items"]) == 30
    assert mine["count"] == 20  # the worker is on two of every three (2 of the first 3, 18 of the next 27)
    assert (
        sum(
            1
            for c in many_body["items"]
            if c["lead"] == {"id": tenant.worker.pk, "name": tenant.worker.full_name}
        )
        == 20
    )
    assert few_team == many_team, (few_team, many_team)
    assert few_mine == many_mine, (few_mine, many_mine)
    assert many_team <= (10 if auth == "token" else 15), many_team
    print(f"case list ({auth}): {many_team} queries for a team's 30 cases, {many_mine} for own cases")
