"""The case list's lean path (``case_list_rows`` + ``case_page``, built without validation) says exactly
what the validated schema, fed from the model instances, says."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from buurtteam.api import schemas as s
from buurtteam.api.common import case_page
from buurtteam.api.tests.helpers import as_session, as_token, ok
from buurtteam.cases.selectors.case_rows import case_list_rows
from buurtteam.cases.selectors.cases import pickup, team_cases
from buurtteam.cases.services import assignment, crisis
from buurtteam.cases.tests.factories import give_area, registered_case, resident_in
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation


def _cases(tenant: Tenant) -> None:
    """A mix: led and unassigned, simple and complex, overdue and not, crisis, a lead with a co-worker."""
    area = give_area(tenant.team)
    anna = resident_in(tenant, area, first_name="Anna", last_name="Bakker")
    omar = resident_in(tenant, area, first_name="Omar", last_name="El Idrissi")
    long_ago = timezone.now() - datetime.timedelta(days=40)
    for i in range(6):
        case = registered_case(tenant, anna if i % 2 else omar, complexity="complex" if i % 3 else "simple")
        if i in {1, 4}:  # registered weeks ago, never contacted: both complex, so overdue
            with system_access("test: an old registration"):
                type(case).objects.filter(pk=case.pk).update(registered_at=long_ago)
        if i % 2:
            assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
            assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.coordinator.pk)
        if i == 5:
            crisis.crisis_set(actor=tenant.worker, case=case, crisis=True, note="Huisuitzetting morgen")


def _reference(tenant: Tenant) -> list[dict[str, Any]]:
    """The list as the model-instance path would show it (the caseload page's selectors and ``pickup``)."""
    with system_access("test: the organisation's target"):
        target = Organisation.objects.get(pk=tenant.organisation.pk).pickup_target_working_days
    items = []
    for case in team_cases(actor=tenant.worker, team_id=tenant.team.pk):
        lead = next((a for a in getattr(case, "active_assignments", []) if a.is_lead), None)
        clock = pickup(case, target_days=target)
        items.append(
            {
                "id": case.pk,
                "reference": case.reference,
                "status": case.status,
                "team": {"id": case.team_id, "name": case.team.name},
                "client_name": case.client.full_name,
                "lead": {"id": lead.user_id, "name": lead.user.get_full_name()} if lead else None,
                "registered_at": case.registered_at,
                "pickup_overdue": bool(clock is not None and clock.overdue),
                "crisis": case.crisis,
                "crisis_since": case.crisis_since,
            }
        )
    return items


def _parsed(item: dict[str, Any]) -> dict[str, Any]:
    out = dict(item)
    for key in ("registered_at", "crisis_since"):
        if isinstance(out[key], str):
            out[key] = parse_datetime(out[key])
    return out


def _close(a: datetime.datetime | None, b: datetime.datetime | None) -> bool:
    """The JSON keeps milliseconds (Django's encoder)."""
    if a is None or b is None:
        return a is b
    return abs(a - b) < datetime.timedelta(milliseconds=1)


@pytest.mark.django_db
@pytest.mark.parametrize("auth", ["token", "session"])
def test_api_list_matches_the_model_path(tenant: Tenant, auth: str) -> None:
    _cases(tenant)
    caller = as_token(tenant.worker) if auth == "token" else as_session(tenant.worker)
    body = ok(caller.get("/cases", team_id=tenant.team.pk, limit=100))
    expected = _reference(tenant)
    assert body["count"] == 6 and len(body["items"]) == 6
    assert [i["id"] for i in body["items"]] == [e["id"] for e in expected]
    assert body["items"][0]["crisis"] is True  # crisis first
    assert sum(1 for e in expected if e["pickup_overdue"]) == 2
    assert sum(1 for e in expected if e["lead"] is not None) == 3
    for got, want in zip(body["items"], expected, strict=True):
        got = _parsed(got)
        for key in ("registered_at", "crisis_since"):
            assert _close(got.pop(key), want[key]), key
        assert got == {k: v for k, v in want.items() if k not in {"registered_at", "crisis_since"}}


@pytest.mark.django_db
def test_constructed_page_is_what_validation_would_build(tenant: Tenant) -> None:
    _cases(tenant)
    qs = team_cases(actor=tenant.worker, team_id=tenant.team.pk, summary=False)
    rows = case_list_rows(actor=tenant.worker, cases=qs, offset=0, limit=100, target_days=10)
    page = case_page(rows, count=len(rows), limit=100, offset=0)
    validated = s.CasePage.model_validate(page.model_dump())
    assert validated == page
    assert validated.model_dump() == page.model_dump()
    assert case_list_rows(actor=tenant.worker, cases=qs, offset=6, limit=10, target_days=10) == []
    # Offsets page through the same order.
    firsts = case_list_rows(actor=tenant.worker, cases=qs, offset=0, limit=3, target_days=10)
    rest = case_list_rows(actor=tenant.worker, cases=qs, offset=3, limit=3, target_days=10)
    assert [r.id for r in firsts + rest] == [r.id for r in rows]


@pytest.mark.django_db
def test_another_teams_list_shows_nothing(tenant: Tenant, other_tenant: Tenant) -> None:
    """The short rule (``of_team``) is only taken for the actor's own team: anyone else goes through the
    whole rule and sees none of these cases (another organisation: not even the team)."""
    _cases(tenant)
    assert ok(as_token(tenant.worker).get("/cases", team_id=tenant.team.pk))["count"] == 6
    body = ok(as_token(tenant.colleague).get("/cases", team_id=tenant.team.pk))
    assert body["count"] == 0 and body["items"] == []
    assert as_token(other_tenant.worker).get("/cases", team_id=tenant.team.pk).status_code == 404
