"""The meldcode track through the API: five steps in order, each signed once; only the case's workers and
the team's coordinator (404 for the rest of the team and for break-the-glass)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.accounts.tests.factories import member_of
from buurtteam.api.tests.helpers import as_token, ok, writes
from buurtteam.api.tests.referral_helpers import case_in_execution
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case
from buurtteam.core.gate import system_access
from buurtteam.residents.services import break_glass
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, VeiligThuisReport


def _refused(response: Any, status: int, fragment: str, field: str = "__all__") -> None:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert set(body) == {"detail", "errors"}, body
    assert fragment in " ".join(body["errors"].get(field, [])), (field, body)


def _state() -> tuple[int, int, int, int]:
    with system_access("test assertion"):
        return (
            MeldcodeTrack.objects.count(),
            MeldcodeStep.objects.count(),
            VeiligThuisReport.objects.count(),
            writes(),
        )


@pytest.fixture
def case(tenant: Tenant) -> Case:
    return case_in_execution(tenant)


@pytest.mark.django_db
def test_the_five_steps_in_order(tenant: Tenant, case: Case) -> None:
    api = as_token(tenant.worker)
    today = timezone.localdate().isoformat()
    assert ok(api.get(f"/cases/{case.pk}/meldcode-tracks")) == []
    track = ok(api.post(f"/cases/{case.pk}/meldcode-tracks", {"concern": "Blauwe plekken bij de zoon"}), 201)
    assert track["status"] == "open"
    assert ok(api.get(f"/cases/{case.pk}"))["safety_concern"] is True
    _refused(api.post(f"/cases/{case.pk}/meldcode-tracks", {"concern": "Nog een"}), 400, "loopt al")
    path = f"/meldcode-tracks/{track['id']}"

    def step(number: int, **answers: Any) -> Any:
        return api.post(
            f"{path}/steps", {"number": number, "done_on": today, "note": f"Stap {number}", **answers}
        )

    first = ok(step(1), 201)
    assert first["number"] == 1 and first["signed_by"]["id"] == tenant.worker.pk
    assert first["label"].startswith("Stap 1")

    # Skipping step 2 is refused with the step that comes first; nothing is written.
    before = _state()
    _refused(step(3, talked_with="Moeder"), 400, "U kunt geen stap overslaan: leg eerst Stap 2")
    _refused(step(1), 400, "al vastgelegd")
    _refused(step(2), 400, "met wie u overlegde", "consulted")
    _refused(step(2, talked_with="Moeder"), 422, "horen niet bij stap 2: talked_with")
    _refused(step(6), 422, "hoogstens 5", "number")
    _refused(
        step(2, consulted="Aandachtsfunctionaris", advice_veilig_thuis="ja"),
        422,
        "true of false",
        "advice_veilig_thuis",
    )
    assert _state() == before

    ok(step(2, consulted="Aandachtsfunctionaris", advice_veilig_thuis=True), 201)
    ok(step(3, talked_with="Moeder"), 201)
    weighed = ok(step(4, suspicion=True, unsafety=True, can_help=True), 201)
    assert weighed["unsafety"] is True and weighed["accepts_help"] is None
    before = _state()
    _refused(
        step(5, report_necessary=False, help_possible=True),
        400,
        "melden bij Veilig Thuis noodzakelijk",
        "report_necessary",
    )
    _refused(api.post(f"{path}/report", {"reported_on": today}), 400, "Leg eerst stap 5 vast")
    assert _state() == before
    ok(step(5, report_necessary=True, help_possible=True), 201)

    _refused(
        api.post(f"{path}/report", {"reported_on": today, "resident_informed": False}),
        400,
        "niet is geïnformeerd",
        "not_informed_reason",
    )
    report = ok(api.post(f"{path}/report", {"reported_on": today, "reference": "VT-2024-001"}), 201)
    assert report["reference"] == "VT-2024-001" and report["reported_by"]["id"] == tenant.worker.pk
    _refused(api.post(f"{path}/report", {"reported_on": today}), 400, "al vastgelegd")

    found = ok(api.get(path))
    assert found["status"] == "decided" and found["next_step"] is None
    assert [s["number"] for s in found["steps"]] == [1, 2, 3, 4, 5]
    assert found["report"]["id"] == report["id"] and found["started_by"]["id"] == tenant.worker.pk
    assert ok(api.get(f"/cases/{case.pk}/meldcode-tracks"))[0]["id"] == track["id"]
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="meldcode_track", actor_id=tenant.worker.pk
    ).exists()
    assert AuditEvent.objects.filter(action=Action.CREATE, object_type="meldcode_step").count() == 5

    # A new track may start after the decision; stopping it keeps its steps.
    second = ok(api.post(f"/cases/{case.pk}/meldcode-tracks", {"concern": "Nieuwe zorgen"}), 201)
    ok(api.post(f"/meldcode-tracks/{second['id']}/steps", {"number": 1, "done_on": today, "note": "x"}), 201)
    stopped = ok(api.post(f"/meldcode-tracks/{second['id']}/stop", {"reason": "Vermoeden niet bevestigd"}))
    assert stopped["status"] == "stopped" and stopped["stop_reason"] == "Vermoeden niet bevestigd"
    _refused(
        api.post(
            f"/meldcode-tracks/{second['id']}/steps",
            {"number": 2, "done_on": today, "note": "x", "consulted": "y"},
        ),
        400,
        "afgerond of gestopt",
    )
    assert len(ok(api.get(f"/meldcode-tracks/{second['id']}"))["steps"]) == 1


@pytest.mark.django_db
def test_only_the_case_workers_and_the_coordinator(tenant: Tenant, case: Case) -> None:
    track = ok(as_token(tenant.worker).post(f"/cases/{case.pk}/meldcode-tracks", {"concern": "Zorgen"}), 201)
    today = timezone.localdate().isoformat()
    coordinator = as_token(tenant.coordinator)
    assert [t["id"] for t in ok(coordinator.get(f"/cases/{case.pk}/meldcode-tracks"))] == [track["id"]]
    ok(
        coordinator.post(
            f"/meldcode-tracks/{track['id']}/steps", {"number": 1, "done_on": today, "note": "Gezien"}
        ),
        201,
    )

    teammate = member_of(tenant.team)  # same team, not on the case: sees the case summary, not the track
    night_shift = member_of(tenant.other_team)
    break_glass(
        actor=night_shift, resident_id=case.client_id, reason="Crisis in de nacht, niemand bereikbaar"
    )
    for user in (teammate, night_shift, tenant.administrator):
        api = as_token(user)
        assert api.get(f"/cases/{case.pk}").status_code == 200
        before = _state()
        responses = [
            api.get(f"/cases/{case.pk}/meldcode-tracks"),
            api.post(f"/cases/{case.pk}/meldcode-tracks", {"concern": "x"}),
            api.get(f"/meldcode-tracks/{track['id']}"),
            api.post(
                f"/meldcode-tracks/{track['id']}/steps",
                {"number": 2, "done_on": today, "note": "x", "consulted": "y"},
            ),
            api.post(f"/meldcode-tracks/{track['id']}/stop", {"reason": "x"}),
            api.post(f"/meldcode-tracks/{track['id']}/report", {"reported_on": today}),
        ]
        assert [r.status_code for r in responses] == [404] * 6, user.role
        assert all(r.json() == {"detail": "Niet gevonden.", "errors": {}} for r in responses)
        assert _state() == before
        assert "Zorgen" not in "".join(r.content.decode() for r in responses)
