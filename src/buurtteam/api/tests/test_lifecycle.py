"""The whole life of a case through the API, as a worker would do it from a script."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.api.tests.helpers import as_token, ok
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.tests.factories import give_area

HTML_NOTE = '<b>Gebeld</b> met moeder <script>alert("x")</script> & zoon'


@pytest.mark.django_db
def test_whole_lifecycle_through_the_api(tenant: Tenant) -> None:
    area = give_area(tenant.team)
    api = as_token(tenant.worker)
    today = timezone.localdate()

    # Registration: a new resident and their question, in one request.
    case = ok(
        api.post(
            "/cases",
            {
                "resident": {
                    "first_name": "Sanne",
                    "last_name": "de Vries",
                    "birth_date": "1985-03-14",
                    "postcode": area.postcode.postcode,
                    "street": "Lindelaan",
                    "house_number": "4",
                    "city": "Teststad",
                },
                "channel": "phone",
                "referrer": "self",
                "question": "Ik heb schulden en mijn zoon gaat niet meer naar school.",
            },
        ),
        201,
    )
    assert case["status"] == "registered" and case["team"]["id"] == tenant.team.pk
    assert case["access"] == "summary"  # registering does not make you the case's worker
    case_id = case["id"]
    ok(api.post(f"/cases/{case_id}/assign", {"user_id": tenant.worker.pk, "as_lead": True}))
    detail = ok(api.get(f"/cases/{case_id}"))
    assert detail["access"] == "full" and detail["lead"]["id"] == tenant.worker.pk
    assert detail["question"].startswith("Ik heb schulden")

    # Intake: three conversations (a fourth is refused), the problem list, finish.
    for i in range(3):
        conversation = ok(
            api.post(
                f"/cases/{case_id}/conversations",
                {
                    "held_on": (today - datetime.timedelta(days=3 - i)).isoformat(),
                    "mode": "home_visit",
                    "participants": "moeder en zoon",
                    "note": f"gesprek {i + 1}",
                },
            ),
            201,
        )
        assert conversation["number"] == i + 1
    fourth = api.post(
        f"/cases/{case_id}/conversations",
        {"held_on": today.isoformat(), "mode": "phone", "participants": "moeder"},
    )
    assert fourth.status_code == 400 and "maximum" in fourth.json()["detail"]
    assert [c["number"] for c in ok(api.get(f"/cases/{case_id}/conversations"))] == [1, 2, 3]
    problems = ok(
        api.put(
            f"/cases/{case_id}/problems",
            {
                "problems": [
                    {"domain": "finances", "description": "Betalingsachterstanden"},
                    {"domain": "school", "description": "Verzuim"},
                ]
            },
        )
    )
    assert [(p["rank"], p["domain"]) for p in problems] == [(1, "finances"), (2, "school")]
    assert ok(api.post(f"/cases/{case_id}/finish-intake"))["status"] == "assessment"

    # Assessment: only the domains that matter, each with why.
    assessment = ok(
        api.post(
            f"/cases/{case_id}/assessments",
            {
                "kind": "intake",
                "assessed_on": today.isoformat(),
                "strengths": "Moeder zoekt zelf hulp",
                "scores": [
                    {"domain": "finances", "score": 2, "reason": "Schulden zijn de hoofdvraag"},
                    {"domain": "school", "score": 1, "reason": "Zoon verzuimt al weken"},
                ],
            },
        ),
        201,
    )
    assert {s["domain"]: s["score"] for s in assessment["scores"]} == {"finances": 2, "school": 1}
    assert assessment["instrument"] and assessment["instrument_version"]

    # Plan: a goal, an action with an owner, the household's agreement.
    assert ok(api.get(f"/cases/{case_id}/plan")) is None
    goal = ok(
        api.post(
            f"/cases/{case_id}/plan/goals", {"domain": "finances", "description": "Overzicht in de post"}
        ),
        201,
    )
    action = ok(
        api.post(
            f"/cases/{case_id}/plan/goals/{goal['id']}/actions",
            {
                "description": "Samen de post sorteren",
                "owner_kind": "resident",
                "owner_name": "Sanne",
                "due_on": (today + datetime.timedelta(days=7)).isoformat(),
            },
        ),
        201,
    )
    agreed = ok(api.post(f"/cases/{case_id}/plan/agree", {"agreed_by": "Sanne de Vries"}))
    assert agreed["case_status"] == "execution" and agreed["agreed_on"] == today.isoformat()
    plan = ok(api.get(f"/cases/{case_id}/plan"))
    assert plan["goals"][0]["actions"][0]["id"] == action["id"]

    # Execution: a contact (with HTML in it), a task that gets done.
    contact = ok(
        api.post(
            f"/cases/{case_id}/contacts",
            {"occurred_at": timezone.now().isoformat(), "text": HTML_NOTE, "contact_mode": "phone"},
        ),
        201,
    )
    assert contact["text"] == HTML_NOTE and contact["author"]["id"] == tenant.worker.pk
    task = ok(
        api.post(
            f"/cases/{case_id}/tasks",
            {"title": "Terugbellen", "due_on": today.isoformat(), "assignee_id": tenant.worker.pk},
        ),
        201,
    )
    assert ok(api.post(f"/tasks/{task['id']}/done"))["done_at"] is not None
    assert ok(api.get(f"/cases/{case_id}/tasks"))[0]["done_at"] is not None

    # Evaluation: re-assessment, then carry on.
    evaluation = ok(api.post(f"/cases/{case_id}/evaluations", {"held_on": today.isoformat()}), 201)
    ok(
        api.post(
            f"/cases/{case_id}/assessments",
            {
                "kind": "evaluation",
                "assessed_on": today.isoformat(),
                "scores": [{"domain": "finances", "score": 4, "reason": "Opnieuw gescoord"}],
            },
        ),
        201,
    )
    completed = ok(
        api.post(
            f"/evaluations/{evaluation['id']}/complete", {"summary": "Het gaat beter", "outcome": "continue"}
        )
    )
    assert completed["outcome"] == "continue" and completed["completed_at"] is not None
    assert len(ok(api.get(f"/cases/{case_id}/assessments"))) == 2

    # The timeline has it all; HTML comes back as the plain text it was, in JSON.
    response = api.get(f"/cases/{case_id}/timeline")
    assert response["Content-Type"].startswith("application/json")
    timeline = ok(response)
    kinds = {e["kind"] for e in timeline["items"]}
    assert {"status", "conversation", "assessment", "plan", "contact", "task", "evaluation"} <= kinds
    assert HTML_NOTE in [e["text"] for e in timeline["items"]]
    assert timeline["page"] == 1 and timeline["count"] == len(timeline["items"])

    # Closure with a reason and a satisfaction score; reopening keeps the history.
    closed = ok(api.post(f"/cases/{case_id}/close", {"reason": "goals_reached", "satisfaction": 8}))
    assert closed["status"] == "closed" and closed["closure_reason"] == "goals_reached"
    reopened = ok(api.post(f"/cases/{case_id}/reopen", {"reason": "Toch weer hulp nodig"}))
    assert reopened["status"] == "execution" and reopened["reopened_count"] == 1
    assert len(ok(api.get(f"/cases/{case_id}/conversations"))) == 3

    # Every step is in the audit trail, on the resident, from the API.
    events = AuditEvent.objects.filter(actor_id=tenant.worker.pk, subject_id=detail["client_id"])
    assert {
        "case",
        "intake_conversation",
        "assessment",
        "goal",
        "plan_action",
        "timeline_entry",
        "task",
    } <= set(events.values_list("object_type", flat=True))
    assert all(
        e.access_point.startswith(("GET /api/v1/", "POST /api/v1/", "PUT /api/v1/"))
        for e in events.exclude(object_type="api_token")  # made by the test, not through a request
    )
    assert events.filter(action=Action.READ, object_type="case").exists()


@pytest.mark.django_db
def test_residents_and_households_through_the_api(tenant: Tenant) -> None:
    area = give_area(tenant.team)
    api = as_token(tenant.worker)
    resident = ok(
        api.post(
            "/residents",
            {
                "first_name": "Özlem",
                "last_name": "Yılmaz",
                "birth_date": "1979-11-02",
                "postcode": area.postcode.postcode.lower(),
                "interpreter_needed": True,
                "preferred_language": "Turks",
            },
        ),
        201,
    )
    assert resident["team"]["id"] == tenant.team.pk and resident["postcode"] == area.postcode.postcode
    assert resident["household_id"] is not None
    found = ok(api.get("/residents", q="OZLEM"))
    assert [r["id"] for r in found] == [resident["id"]]
    assert AuditEvent.objects.filter(action=Action.SEARCH, object_type="resident_search").exists()
    changed = ok(api.patch(f"/residents/{resident['id']}", {"phone": "06-12345678", "birth_date": None}))
    assert changed["phone"] == "06-12345678" and changed["birth_date"] is None
    assert changed["first_name"] == "Özlem"  # fields not sent stay as they were
    household_id = resident["household_id"]
    member = ok(
        api.post(
            f"/households/{household_id}/network",
            {"kind": "formal", "role": "gp", "name": "Dokter Bakker", "phone": "010-1234567"},
        ),
        201,
    )
    household = ok(api.get(f"/households/{household_id}"))
    assert household["members"][0]["resident_id"] == resident["id"]
    assert household["network"] == [member]
    assert AuditEvent.objects.filter(
        action=Action.READ, object_type="household", object_id=household_id
    ).exists()
