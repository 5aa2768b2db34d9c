"""The partner directory (functional administrator only), agreements on a case and the crisis flag."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.api.tests.helpers import Caller, as_token, ok, writes
from buurtteam.api.tests.referral_helpers import case_in_execution, partner
from buurtteam.audit.models import AuditEvent
from buurtteam.cases.models import Case
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import Agreement, PartnerContact, PartnerOrganisation


def _refused(response: Any, status: int, fragment: str, field: str = "__all__") -> None:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert fragment in " ".join(body["errors"].get(field, [])), (field, body)


def _partners() -> int:
    with system_access("test assertion"):
        return PartnerOrganisation.objects.count() + PartnerContact.objects.count()


@pytest.mark.django_db
def test_only_the_functional_administrator_keeps_the_directory(tenant: Tenant) -> None:
    admin, worker = as_token(tenant.administrator), as_token(tenant.worker)
    coordinator = as_token(tenant.coordinator)
    before = (_partners(), writes())
    assert worker.post("/partners", {"name": "De Brug", "kind": "youth_care"}).status_code == 404
    assert coordinator.post("/partners", {"name": "X", "kind": "other"}).status_code == 404
    assert (_partners(), writes()) == before

    created = ok(admin.post("/partners", {"name": "Jeugdhulp De Brug", "kind": "youth_care"}), 201)
    assert created["is_specialist"] is True and created["active"] is True and created["contacts"] == []
    debt = ok(admin.post("/partners", {"name": "Schuldhulp", "kind": "debt", "usual_wait_weeks": 6}), 201)
    assert debt["is_specialist"] is False
    ok(admin.post("/partners", {"name": "Oud", "kind": "other", "is_specialist": True, "active": False}), 201)

    before = (_partners(), writes())
    _refused(admin.post("/partners", {"name": "Jeugdhulp De Brug", "kind": "other"}), 400, "")
    _refused(admin.post("/partners", {"name": "Y", "kind": "other", "email": "geen"}), 400, "e-mail", "email")
    _refused(admin.post("/partners", {"name": "Y", "kind": "kroeg"}), 422, "Kies een van", "kind")
    _refused(
        admin.post("/partners", {"name": "Y", "kind": "other", "usual_wait_weeks": 200}),
        422,
        "104",
        "usual_wait_weeks",
    )
    assert (_partners(), writes()) == before

    changed = ok(admin.patch(f"/partners/{debt['id']}", {"usual_wait_weeks": None, "notes": "Bel eerst"}))
    assert (
        changed["usual_wait_weeks"] is None
        and changed["notes"] == "Bel eerst"
        and changed["name"] == "Schuldhulp"
    )
    assert worker.patch(f"/partners/{debt['id']}", {"notes": "x"}).status_code == 404

    contact = ok(
        admin.post(f"/partners/{created['id']}/contacts", {"name": "Ilse Kramer", "function": "Intake"}), 201
    )
    assert worker.post(f"/partners/{created['id']}/contacts", {"name": "Piet"}).status_code == 404
    assert ok(worker.get(f"/partners/{created['id']}/contacts")) == [contact]
    assert ok(worker.get(f"/partners/{created['id']}"))["contacts"] == [contact]

    everyone = ok(worker.get("/partners"))
    assert everyone["count"] == 3 and [p["name"] for p in everyone["items"]] == [
        "Jeugdhulp De Brug",
        "Oud",
        "Schuldhulp",
    ]
    assert [p["name"] for p in ok(worker.get("/partners", active=False))["items"]] == ["Oud"]
    assert [p["name"] for p in ok(worker.get("/partners", q="schuld"))["items"]] == ["Schuldhulp"]
    page = ok(worker.get("/partners", limit=1, offset=1))
    assert page["count"] == 3 and [p["name"] for p in page["items"]] == ["Oud"]
    assert AuditEvent.objects.filter(object_type="partner", actor_id=tenant.administrator.pk).count() == 4


@pytest.mark.django_db
def test_agreements_through_the_api(tenant: Tenant, other_tenant: Tenant) -> None:
    case = case_in_execution(tenant)
    api = as_token(tenant.worker)
    brug = partner(tenant)
    today = timezone.localdate()
    body = {"partner_id": brug.pk, "what": "Gezinscoach twee keer per week", "starts_on": today.isoformat()}
    added = ok(api.post(f"/cases/{case.pk}/agreements", body), 201)
    assert added["party"] == brug.name and added["partner"] == {"id": brug.pk, "name": brug.name}
    assert added["active"] is True

    def count() -> int:
        with system_access("test assertion"):
            return Agreement.objects.count()

    foreign = partner(other_tenant, name="Elders")
    before = (count(), writes())
    _refused(
        api.post(f"/cases/{case.pk}/agreements", {**body, "partner_id": foreign.pk}),
        400,
        "netwerkpartner",
        "partner_id",
    )
    earlier = (today - datetime.timedelta(days=1)).isoformat()
    _refused(
        api.post(f"/cases/{case.pk}/agreements", {**body, "ends_on": earlier}),
        400,
        "vóór de startdatum",
        "ends_on",
    )
    _refused(
        api.post(f"/cases/{case.pk}/agreements", {"party": "Buur", "starts_on": today.isoformat()}),
        422,
        "verplicht",
        "what",
    )
    assert (count(), writes()) == before

    updated = ok(
        api.put(
            f"/cases/{case.pk}/agreements/{added['id']}",
            {
                "party": "Buurvrouw",
                "what": "Boodschappen",
                "starts_on": today.isoformat(),
                "afterwards": "Evalueren",
            },
        )
    )
    assert (
        updated["partner"] is None
        and updated["party"] == "Buurvrouw"
        and updated["afterwards"] == "Evalueren"
    )
    ended = ok(api.post(f"/cases/{case.pk}/agreements/{added['id']}/end"))
    assert ended["active"] is False and ended["ended_at"] is not None
    _refused(api.post(f"/cases/{case.pk}/agreements/{added['id']}/end"), 400, "al beëindigd")
    _refused(
        api.put(
            f"/cases/{case.pk}/agreements/{added['id']}",
            {"party": "X", "what": "Y", "starts_on": today.isoformat()},
        ),
        400,
        "beëindigd",
    )
    assert [a["id"] for a in ok(api.get(f"/cases/{case.pk}/agreements"))] == [added["id"]]
    assert ok(api.get(f"/cases/{case.pk}/agreements", include_ended=False)) == []
    other_case = case_in_execution(tenant, first_name="Kees")
    # An agreement is reached through its own case only.
    assert (
        api.put(
            f"/cases/{other_case.pk}/agreements/{added['id']}",
            {"party": "X", "what": "Y", "starts_on": today.isoformat()},
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_crisis_mark_and_lift(tenant: Tenant) -> None:
    case = case_in_execution(tenant)
    calm = case_in_execution(tenant, first_name="Kees")
    api: Caller = as_token(tenant.worker)
    before = writes()
    _refused(api.post(f"/cases/{case.pk}/crisis/mark", {}), 422, "verplicht", "note")
    _refused(api.post(f"/cases/{case.pk}/crisis/mark", {"note": "   "}), 400, "wat er aan de hand", "note")
    _refused(api.post(f"/cases/{case.pk}/crisis/lift", {}), 400, "niet als crisis")
    assert writes() == before

    marked = ok(api.post(f"/cases/{case.pk}/crisis/mark", {"note": "Uithuiszetting morgen"}))
    assert marked["crisis"] is True and marked["crisis_since"] is not None
    _refused(api.post(f"/cases/{case.pk}/crisis/mark", {"note": "Nog eens"}), 400, "al als crisis")
    full = ok(api.get(f"/cases/{case.pk}"))
    assert full["crisis"] is True and full["crisis_note"] == "Uithuiszetting morgen"
    # The rest of the team sees the flag in the summary (not the note), and crisis cases come first.
    member = as_token(tenant.administrator)
    summary = ok(member.get(f"/cases/{case.pk}"))
    assert summary["access"] == "summary" and summary["crisis"] is True and "crisis_note" not in summary
    listed = ok(member.get("/cases", team_id=tenant.team.pk))["items"]
    assert [c["id"] for c in listed] == [case.pk, calm.pk] and listed[0]["crisis"] is True
    assert member.post(f"/cases/{case.pk}/crisis/lift", {}).status_code == 404

    lifted = ok(api.post(f"/cases/{case.pk}/crisis/lift", {"note": "Opgelost met de corporatie"}))
    assert lifted == {
        "id": case.pk,
        "reference": case.reference,
        "crisis": False,
        "crisis_since": None,
        "crisis_note": "",
    }
    with system_access("test assertion"):
        assert Case.objects.get(pk=case.pk).crisis is False
    assert AuditEvent.objects.filter(object_type="case_crisis", actor_id=tenant.worker.pk).count() == 2
