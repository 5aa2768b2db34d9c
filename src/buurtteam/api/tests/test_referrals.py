"""Referrals through the API: propose, consent, send (bridging), the partner's answer, waiting, check-ins,
start and finish; and the refusals (no consent, withdrawn consent, starting a rejected referral)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.accounts.tests.factories import member_of
from buurtteam.api.tests.helpers import Caller, as_token, ok, writes
from buurtteam.api.tests.referral_helpers import case_in_execution, partner, referral_row, sent_referral
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case, Task
from buurtteam.cases.services.assignment import case_assign
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import BridgingPlan, CheckIn, Consent

HTML = '<b>Let op</b> <script>alert("x")</script> & zo'


def _refused(response: Any, status: int, fragment: str, field: str = "__all__") -> dict[str, Any]:
    assert response.status_code == status, response.content.decode()
    body: dict[str, Any] = response.json()
    assert set(body) == {"detail", "errors"}, body
    assert fragment in " ".join(body["errors"].get(field, [])), (field, body)
    return body


def _snapshot(referral_id: int) -> tuple[dict[str, Any], int, int, int]:
    with system_access("test assertion"):
        return (
            referral_row(referral_id),
            BridgingPlan.objects.filter(referral_id=referral_id).count(),
            Consent.objects.filter(referral_id=referral_id).count(),
            writes(),
        )


@pytest.fixture
def case(tenant: Tenant) -> Case:
    return case_in_execution(tenant)


@pytest.fixture
def api(tenant: Tenant) -> Caller:
    return as_token(tenant.worker)


@pytest.mark.django_db
def test_referral_lifecycle_through_the_api(tenant: Tenant, case: Case, api: Caller) -> None:
    today = timezone.localdate()
    brug = partner(tenant)
    assert [p["id"] for p in ok(api.get("/partners", kind="youth_care", active=True))["items"]] == [brug.pk]

    proposed = ok(
        api.post(
            f"/cases/{case.pk}/referrals",
            {"partner_id": brug.pk, "question": HTML, "domain": "school"},
        ),
        201,
    )
    referral_id = proposed["id"]
    assert proposed["status"] == "proposed" and proposed["question"] == HTML
    assert proposed["is_specialist"] is True and proposed["domain"] == "school"
    assert proposed["has_consent"] is False and proposed["bridging"] is None

    # No consent yet: sending is refused with the reason, and nothing changes.
    before = _snapshot(referral_id)
    _refused(api.post(f"/referrals/{referral_id}/send", {}), 400, "geen geldige toestemming")
    assert _snapshot(referral_id) == before

    consent = ok(
        api.post(
            f"/referrals/{referral_id}/consents",
            {"given_by": "Sanne de Vries", "purpose": "Gegevens delen", "given_on": today.isoformat()},
        ),
        201,
    )
    assert consent["active"] is True and consent["form"] == "verbal"
    contact = member_of(tenant.team)
    # The contact keeps contact and records it, so must work on the case: a teammate who does not is refused.
    refused = api.post(f"/referrals/{referral_id}/send", {"contact_id": contact.pk, "interval_days": 7})
    _refused(refused, 400, "Kies iemand die aan deze casus werkt", field="contact_id")
    case_assign(
        actor=tenant.worker, case=case, user_id=contact.pk, reason="Houdt contact tijdens het wachten"
    )
    sent = ok(
        api.post(
            f"/referrals/{referral_id}/send",
            {
                "contact_id": contact.pk,
                "interval_days": 7,
                "support": "Wekelijks bellen",
                "expected_start": (today + datetime.timedelta(days=30)).isoformat(),
            },
        )
    )
    assert sent["status"] == "sent" and sent["has_consent"] is True
    plan = sent["bridging"]
    assert plan["active"] is True and plan["contact"]["id"] == contact.pk and plan["interval_days"] == 7
    assert plan["next_due"] == (today + datetime.timedelta(days=7)).isoformat()
    with system_access("test assertion"):
        assert Task.objects.filter(case=case, kind="bridging", assignee=contact, done_at=None).count() == 1

    # The team's waitlist shows the resident, to every member of the team.
    waiting = ok(as_token(tenant.coordinator).get(f"/teams/{tenant.team.pk}/waitlist"))
    assert [(w["referral_id"], w["plan_id"], w["overdue"]) for w in waiting] == [
        (referral_id, plan["id"], False)
    ]
    assert waiting[0]["client_name"] == "Sanne de Vries" and waiting[0]["contact"]["id"] == contact.pk

    accepted = ok(api.post(f"/referrals/{referral_id}/answer", {"accepted": True}))
    assert accepted["status"] == "accepted" and accepted["answered_at"] is not None
    assert ok(api.post(f"/referrals/{referral_id}/wait", {}))["status"] == "waiting"

    # A bridging contact while the resident waits: the next one is due a week later.
    check_in = ok(
        api.post(
            f"/bridging-plans/{plan['id']}/check-ins",
            {"occurred_at": timezone.now().isoformat(), "mode": "phone", "wellbeing": "worse", "note": HTML},
        ),
        201,
    )
    assert check_in["note"] == HTML and check_in["author"]["id"] == tenant.worker.pk
    assert [c["id"] for c in ok(api.get(f"/bridging-plans/{plan['id']}/check-ins"))] == [check_in["id"]]
    changed = ok(api.patch(f"/bridging-plans/{plan['id']}", {"interval_days": 10}))
    assert changed["interval_days"] == 10 and changed["support"] == "Wekelijks bellen"
    assert changed["next_due"] == (today + datetime.timedelta(days=10)).isoformat()
    assert changed["contact"]["id"] == contact.pk

    started = ok(api.post(f"/referrals/{referral_id}/start", {"started_on": today.isoformat()}))
    assert started["status"] == "started" and started["actual_start"] == today.isoformat()
    assert started["bridging"]["active"] is False
    with system_access("test assertion"):
        assert not Task.objects.filter(case=case, kind="bridging", done_at=None).exists()
    assert ok(api.get(f"/teams/{tenant.team.pk}/waitlist")) == []
    late = api.post(
        f"/bridging-plans/{plan['id']}/check-ins",
        {"occurred_at": timezone.now().isoformat(), "mode": "phone", "wellbeing": "stable"},
    )
    _refused(late, 400, "wacht niet meer")

    ok(api.post(f"/referrals/{referral_id}/feedback", {"feedback": "Eerste gesprekken gevoerd"}))
    finished = ok(api.post(f"/referrals/{referral_id}/finish", {}))
    assert finished["status"] == "finished" and finished["feedback"] == "Eerste gesprekken gevoerd"

    listed = ok(api.get(f"/cases/{case.pk}/referrals"))
    assert [r["id"] for r in listed] == [referral_id] and listed[0]["consents"][0]["id"] == consent["id"]
    assert ok(api.get(f"/referrals/{referral_id}"))["status"] == "finished"
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="referral", object_id=str(referral_id), actor_id=tenant.worker.pk
    ).exists()
    timeline = ok(api.get(f"/cases/{case.pk}/timeline", kind="referral"))
    assert timeline["count"] >= 8


@pytest.mark.django_db
def test_withdrawn_consent_cannot_be_sent(tenant: Tenant, case: Case, api: Caller) -> None:
    brug = partner(tenant)
    referral_id = ok(
        api.post(f"/cases/{case.pk}/referrals", {"partner_id": brug.pk, "question": "Gezinsbegeleiding"}), 201
    )["id"]
    today = timezone.localdate().isoformat()
    consent = ok(
        api.post(
            f"/referrals/{referral_id}/consents",
            {"given_by": "Sanne", "purpose": "Delen", "given_on": today, "form": "written"},
        ),
        201,
    )
    withdrawn = ok(
        api.post(
            f"/referrals/{referral_id}/consents/{consent['id']}/withdraw",
            {"withdrawn_on": today, "reason": "Wil het toch niet"},
        )
    )
    assert withdrawn["active"] is False and withdrawn["withdrawn_reason"] == "Wil het toch niet"
    again = api.post(f"/referrals/{referral_id}/consents/{consent['id']}/withdraw", {"withdrawn_on": today})
    _refused(again, 400, "al ingetrokken")

    before = _snapshot(referral_id)
    body = _refused(api.post(f"/referrals/{referral_id}/send", {}), 400, "ingetrokken")
    assert body["detail"].startswith("Deze verwijzing kan niet worden verstuurd")
    assert _snapshot(referral_id) == before
    assert referral_row(referral_id)["status"] == "proposed"
    consents = ok(api.get(f"/referrals/{referral_id}/consents"))
    assert [(c["id"], c["active"]) for c in consents] == [(consent["id"], False)]


@pytest.mark.django_db
def test_a_rejected_referral_cannot_start(tenant: Tenant, case: Case, api: Caller) -> None:
    referral = sent_referral(tenant, case, partner(tenant))
    before = _snapshot(referral.pk)
    _refused(
        api.post(f"/referrals/{referral.pk}/answer", {"accepted": False}), 400, "waarom de partner", "reason"
    )
    assert _snapshot(referral.pk) == before

    rejected = ok(
        api.post(f"/referrals/{referral.pk}/answer", {"accepted": False, "reason": "Geen plek in de regio"})
    )
    assert rejected["status"] == "rejected" and rejected["bridging"]["active"] is False
    before = _snapshot(referral.pk)
    today = timezone.localdate().isoformat()
    _refused(api.post(f"/referrals/{referral.pk}/start", {"started_on": today}), 400, "kan niet starten")
    _refused(api.post(f"/referrals/{referral.pk}/cancel", {"reason": "x"}), 400, "al afgesloten")
    assert _snapshot(referral.pk) == before


@pytest.mark.django_db
def test_step_input_is_checked(tenant: Tenant, case: Case, api: Caller, other_tenant: Tenant) -> None:
    brug = partner(tenant)
    foreign = partner(other_tenant, name="Elders")
    before = writes()
    _refused(
        api.post(f"/cases/{case.pk}/referrals", {"partner_id": foreign.pk, "question": "x"}),
        400,
        "actieve netwerkpartner",
        "partner_id",
    )
    _refused(
        api.post(f"/cases/{case.pk}/referrals", {"partner_id": brug.pk, "question": "x", "domain": "maan"}),
        400,
        "Onbekend leefgebied",
        "domain",
    )
    _refused(api.post(f"/cases/{case.pk}/referrals", {"partner_id": brug.pk}), 422, "verplicht", "question")
    assert writes() == before

    referral = sent_referral(tenant, case, brug)
    snapshot = _snapshot(referral.pk)
    _refused(
        api.post(f"/referrals/{referral.pk}/start", {"started_on": "morgen"}), 422, "JJJJ-MM-DD", "started_on"
    )
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    _refused(
        api.post(f"/referrals/{referral.pk}/start", {"started_on": future}), 400, "toekomst", "started_on"
    )
    _refused(api.post(f"/referrals/{referral.pk}/send", {}), 400, "voorgestelde")
    with system_access("test"):
        plan_id = BridgingPlan.objects.get(referral_id=referral.pk).pk
    _refused(
        api.patch(f"/bridging-plans/{plan_id}", {"interval_days": 91}), 422, "hoogstens 90", "interval_days"
    )
    _refused(
        api.patch(f"/bridging-plans/{plan_id}", {"contact_id": other_tenant.worker.pk}),
        400,
        "eigen organisatie",
        "contact_id",
    )
    _refused(api.patch(f"/bridging-plans/{plan_id}", {"support": None}), 422, "niet leeg", "support")
    _refused(
        api.post(
            f"/bridging-plans/{plan_id}/check-ins",
            {"occurred_at": "2020-01-01T10:00", "mode": "fax", "wellbeing": "stable"},
        ),
        422,
        "Kies een van",
        "mode",
    )
    assert _snapshot(referral.pk) == snapshot
    with system_access("test assertion"):
        assert not CheckIn.objects.exists()


@pytest.mark.django_db
def test_overdue_check_ins_mine_and_the_team(tenant: Tenant, case: Case, api: Caller) -> None:
    referral = sent_referral(tenant, case, partner(tenant))
    assert ok(api.get("/check-ins/overdue")) == []
    with system_access("test: the check-in is overdue"):
        BridgingPlan.objects.filter(referral_id=referral.pk).update(
            next_due=timezone.localdate() - datetime.timedelta(days=4)
        )
    mine = ok(api.get("/check-ins/overdue"))
    assert [(o["referral_id"], o["overdue_days"]) for o in mine] == [(referral.pk, 4)]
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="overdue_check_ins", actor_id=tenant.worker.pk
    ).exists()
    coordinator = as_token(tenant.coordinator)
    assert ok(coordinator.get("/check-ins/overdue")) == []  # not the contact person
    assert len(ok(coordinator.get("/check-ins/overdue", team_id=tenant.team.pk))) == 1
    assert ok(coordinator.get("/check-ins/overdue", team_id=tenant.other_team.pk)) == []
    waiting = ok(coordinator.get(f"/teams/{tenant.team.pk}/waitlist"))
    assert waiting[0]["overdue"] is True and waiting[0]["overdue_days"] == 4
    assert coordinator.get("/check-ins/overdue", team_id=10**9).status_code == 404


@pytest.mark.django_db
def test_a_team_member_without_full_access_sees_the_waitlist_only(tenant: Tenant, case: Case) -> None:
    referral = sent_referral(tenant, case, partner(tenant))
    member = as_token(member_of(tenant.team))  # in the team, not on the case
    assert [w["referral_id"] for w in ok(member.get(f"/teams/{tenant.team.pk}/waitlist"))] == [referral.pk]
    with system_access("test"):
        plan_id = BridgingPlan.objects.get(referral_id=referral.pk).pk
    before = _snapshot(referral.pk)
    for path in (
        f"/cases/{case.pk}/referrals",
        f"/referrals/{referral.pk}",
        f"/referrals/{referral.pk}/consents",
        f"/bridging-plans/{plan_id}",
        f"/bridging-plans/{plan_id}/check-ins",
    ):
        assert member.get(path).status_code == 404, path
    assert member.post(f"/referrals/{referral.pk}/cancel", {"reason": "x"}).status_code == 404
    assert member.patch(f"/bridging-plans/{plan_id}", {"interval_days": 3}).status_code == 404
    assert _snapshot(referral.pk) == before
