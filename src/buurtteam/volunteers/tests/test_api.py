"""The API of the databank: the whole flow, Dutch errors, explained suggestions, constant query counts."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from conftest import Tenant
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buurtteam.api import schemas_volunteers as v
from buurtteam.api.tests.helpers import as_token, ok, writes
from buurtteam.volunteers import choices
from buurtteam.volunteers.models import EndReason, MatchStatus, RequestKind, RequestStatus, VogStatus
from buurtteam.volunteers.tests.factories import help_request, place, postcode_at, volunteer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate().isoformat()


@pytest.mark.parametrize(
    ("literal", "values"),
    [
        (v.InterestValue, choices.Interest.values),
        (v.LanguageValue, choices.Language.values),
        (v.VogStatusValue, VogStatus.values),
        (v.RequestKindValue, RequestKind.values),
        (v.RequestStatusValue, RequestStatus.values),
        (v.MatchStatusValue, MatchStatus.values),
        (v.EndReasonValue, EndReason.values),
    ],
)
def test_choice_types_match_the_models(literal: Any, values: list[str]) -> None:
    assert set(get_args(literal)) == set(values)


def test_the_whole_flow_through_the_api(tenant: Tenant) -> None:
    area = place(tenant)
    api = as_token(tenant.worker)
    made = ok(
        api.post(
            "/volunteers",
            {
                "first_name": "Ahmed",
                "last_name": "Bakker",
                "postcode": area.postcode.postcode,
                "passions": "Fietsen maken",
                "interests": ["cycling"],
                "languages": ["nl", "ar"],
                "availability": ["1-1"],
                "travel_radius_km": 5,
            },
        ),
        201,
    )
    assert (
        made["languages"] == ["ar", "nl"] and made["availability"] == ["1-1"] and made["vog_status"] == "none"
    )
    ok(api.post(f"/volunteers/{made['id']}/vog", {"vog_status": "valid", "vog_issued_on": "2025-06-01"}))
    request = ok(
        api.post(
            "/help-requests",
            {
                "title": "Fiets repareren",
                "description": "Lekke band en een slot dat klemt.",
                "kind": "one_off",
                "interests": ["cycling"],
                "languages": ["ar"],
                "availability": ["1-1"],
                "postcode": area.postcode.postcode,
            },
        ),
        201,
    )
    assert request["needs_vog"] is False and request["case"] is None and request["status"] == "open"
    suggestions = ok(api.get(f"/help-requests/{request['id']}/suggestions"))
    assert [s["volunteer"]["id"] for s in suggestions] == [made["id"]]
    lines = {p["key"]: p["text"] for p in suggestions[0]["explanation"]}
    assert lines["fit"].startswith("Passie of talent past: fiets") and lines["language"] == "Spreekt Arabisch"
    assert lines["distance"] == "0,0 km — binnen reisafstand (5 km)" and suggestions[0]["score"] == sum(
        p["points"] for p in suggestions[0]["explanation"]
    )
    match = ok(api.post("/matches", {"help_request_id": request["id"], "volunteer_id": made["id"]}), 201)
    assert match["status"] == "proposed" and match["explanation"][0]["key"] == "fit"
    # A step out of order: 400 in Dutch, nothing written.
    before = writes()
    refused = api.post(f"/matches/{match['id']}/start", {"started_on": TODAY})
    assert refused.status_code == 400 and "U kunt deze match niet starten" in refused.json()["detail"]
    assert writes() == before
    ok(api.post(f"/matches/{match['id']}/introduce", {"introduced_on": TODAY}))
    assert ok(api.get(f"/help-requests/{request['id']}"))["status"] == "matched"
    ok(api.post(f"/matches/{match['id']}/start", {"started_on": TODAY}))
    ended = ok(
        api.post(
            f"/matches/{match['id']}/end",
            {
                "ended_on": TODAY,
                "end_reason": "done",
                "evaluation": "Fiets rijdt weer",
                "rating": 4,
                "close_request": True,
            },
        )
    )
    assert ended["status"] == "ended" and ended["rating"] == 4
    assert ok(api.get(f"/help-requests/{request['id']}"))["status"] == "closed"
    assert [m["id"] for m in ok(api.get(f"/help-requests/{request['id']}/matches"))] == [match["id"]]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/volunteers", {"first_name": "A", "last_name": "B", "interests": ["skydiving"]}, "interests.0"),
        ("/volunteers", {"first_name": "A", "last_name": "B", "availability": ["7-1"]}, "availability.0"),
        ("/volunteers", {"first_name": "A", "last_name": "B", "travel_radius_km": "5"}, "travel_radius_km"),
        ("/volunteers", {"first_name": "A", "last_name": "B", "hobby": "x"}, "hobby"),
        ("/help-requests", {"title": "A", "description": "B", "kind": "vakantie"}, "kind"),
    ],
)
def test_schema_errors_are_422_in_dutch(tenant: Tenant, path: str, body: dict, field: str) -> None:
    api = as_token(tenant.worker)
    before = writes()
    response = api.post(path, body)
    assert response.status_code == 422 and field in response.json()["errors"], response.json()
    assert writes() == before


def test_rule_errors_are_400_in_dutch(tenant: Tenant) -> None:
    api = as_token(tenant.worker)
    response = api.post("/volunteers", {"first_name": "A", "last_name": "B", "postcode": "0000XX"})
    assert response.status_code == 400 and "postcode" in response.json()["errors"]
    made = volunteer(tenant)
    response = api.post(f"/volunteers/{made.pk}/vog", {"vog_status": "valid"})
    assert response.status_code == 400
    assert response.json()["errors"]["vog_issued_on"] == ["Vul de datum in waarop de VOG is afgegeven."]


def test_text_comes_back_as_written(tenant: Tenant) -> None:
    made = volunteer(tenant, passions="<b>Koken</b> & bakken")
    assert ok(as_token(tenant.worker).get(f"/volunteers/{made.pk}"))["passions"] == "<b>Koken</b> & bakken"


def test_lists_and_suggestions_run_a_fixed_number_of_queries(tenant: Tenant) -> None:
    area = place(tenant)
    request = help_request(tenant, postcode=area.postcode.postcode)
    api = as_token(tenant.worker)

    def count(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            ok(api.get(path))
        return len(captured)

    paths = ["/volunteers", "/help-requests", f"/help-requests/{request.pk}/suggestions"]
    for path in paths:
        count(path)  # the token's last use is stamped on the first call
    for i in range(2):
        volunteer(tenant, first_name=f"A{i}", postcode=postcode_at(area, i * 0.3))
        help_request(tenant, title=f"Klus {i}")
    few = [count(p) for p in paths]
    for i in range(10):
        volunteer(tenant, first_name=f"B{i}", postcode=postcode_at(area, i * 0.3))
        help_request(tenant, title=f"Klus B{i}")
    assert [count(p) for p in paths] == few
