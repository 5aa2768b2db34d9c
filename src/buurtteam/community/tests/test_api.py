"""The community API: the flows, Dutch errors under the API's field names, and the small-cell rule."""

from __future__ import annotations

import pytest
from django.utils import timezone

from buurtteam.api.tests.helpers import as_session, as_token, ok, writes
from buurtteam.community.tests.helpers import World, anonymous_signal

pytestmark = pytest.mark.django_db


def test_link_and_follow_up(world: World) -> None:
    caller = as_token(world.tenant.worker)
    made = ok(
        caller.post(
            "/service-links",
            {
                "case_id": world.case.pk,
                "action_id": world.action.pk,
                "service_id": world.walk.pk,
                "note": "<b>x</b>",
            },
        ),
        201,
    )
    assert made["status"] == "proposed" and made["note"] == "<b>x</b>" and made["follow_up_task_id"]
    listed = ok(caller.get("/service-links", case_id=world.case.pk))
    assert [x["id"] for x in listed] == [made["id"]]
    done = ok(caller.post(f"/service-links/{made['id']}/follow-up", {"status": "attending", "note": "Ging"}))
    assert done["status"] == "attending" and done["follow_up_task_id"] is None
    counts = ok(as_session(world.tenant.policy_officer).get("/service-links/counts"))
    assert counts == [
        {
            "service_id": world.walk.pk,
            "service_name": "Wandelclub De Linde",
            "linked": None,
            "went": None,
            "stopped": 0,
            "not_gone": 0,
        }
    ]


def test_errors_are_dutch_with_api_field_names(world: World) -> None:
    caller = as_token(world.tenant.worker)
    before = writes()
    refused = caller.post(
        "/service-links", {"case_id": world.case.pk, "action_id": world.action.pk, "service_id": 999999}
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"service_id": ["Kies een activiteit van de sociale kaart."]}
    unknown = caller.post(
        "/signals", {"theme": "gossip", "neighbourhood_id": 1, "noticed_on": "gisteren", "x": 1}
    )
    assert unknown.status_code == 422 and set(unknown.json()["errors"]) == {"theme", "noticed_on", "x"}
    future = caller.post(
        "/signals",
        {"theme": "money", "neighbourhood_id": world.area.neighbourhood.pk, "noticed_on": "2999-01-01"},
    )
    assert future.status_code == 400 and future.json()["errors"] == {
        "noticed_on": ["Deze datum ligt in de toekomst."]
    }
    assert writes() == before


def test_groups_and_signals(world: World) -> None:
    caller = as_token(world.tenant.worker)
    made = ok(caller.post("/groups", {"team_id": world.tenant.team.pk, "name": "Breiclub"}), 201)
    person = ok(
        caller.post(
            f"/groups/{made['id']}/participants",
            {"resident_id": world.resident.pk, "joined_on": "2025-01-06"},
        ),
        201,
    )
    assert person["name"] == "Sanne de Vries"
    session = ok(
        caller.post(
            f"/groups/{made['id']}/sessions",
            {
                "held_on": timezone.localdate().isoformat(),
                "activity": "Sjaals",
                "present_ids": [person["id"]],
                "guests": 1,
            },
        ),
        201,
    )
    assert session["attendance_count"] == 2
    detail = ok(caller.get(f"/groups/{made['id']}"))
    assert detail["sessions"][0]["present_ids"] == [person["id"]]
    anonymous_signal(world)
    page = ok(caller.get("/signals"))
    assert page["count"] == 1 and page["items"][0]["anonymous"] is True
    overview = ok(
        as_session(world.tenant.policy_officer).get("/signals/overview", granularity="quarter", periods=4)
    )
    assert overview["total"] is None and overview["per_buurt"][0]["count"] is None  # one signal: "<3"
