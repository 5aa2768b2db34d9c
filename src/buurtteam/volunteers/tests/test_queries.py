"""Every page of the databank runs the same number of queries with few or many rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buurtteam.cases.tests.factories import registered_case, resident_in, walk_to_execution
from buurtteam.volunteers.services import matches
from buurtteam.volunteers.tests.factories import help_request, place, postcode_at, volunteer

pytestmark = pytest.mark.django_db


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content.decode()[:500]
    return len(captured)


def grow(tenant: Tenant, n: int, state: dict[str, Any]) -> None:
    """``n`` more volunteers near the request, each proposed for its own request (and one for the main)."""
    area = state["area"]
    for i in range(n):
        made = volunteer(tenant, first_name=f"V{state['count']}", postcode=postcode_at(area, 0.1 * (i % 9)))
        state["count"] += 1
        other = help_request(tenant, case=state["case"] if i % 2 else None, title=f"Klus {state['count']}")
        matches.match_propose(actor=tenant.worker, help_request=other, volunteer=made)
        if i % 3 == 0:
            matches.match_propose(actor=tenant.worker, help_request=state["request"], volunteer=made)


@pytest.mark.parametrize(
    "url",
    [
        lambda s: reverse("volunteers:volunteer_list"),
        lambda s: reverse("volunteers:volunteer_list") + "?interesse=cycling&dagdeel=1-1&vog=none",
        lambda s: reverse("volunteers:request_list"),
        lambda s: reverse("volunteers:request_detail", kwargs={"help_request_id": s["request"].pk}),
        lambda s: reverse("volunteers:volunteer_detail", kwargs={"volunteer_id": s["first"].pk}),
        lambda s: reverse("volunteers:match_detail", kwargs={"match_id": s["match"].pk}),
        lambda s: reverse("volunteers:request_create_for_case", kwargs={"case_id": s["case"].pk}),
        lambda s: reverse("cases:case_detail", kwargs={"case_id": s["case"].pk}),
    ],
    ids=[
        "volunteers",
        "volunteers-filtered",
        "requests",
        "request",
        "volunteer",
        "match",
        "new-request",
        "case",
    ],
)
def test_query_count_does_not_grow(tenant: Tenant, url: Callable[[dict[str, Any]], str]) -> None:
    area = place(tenant)
    case = walk_to_execution(tenant, registered_case(tenant, resident_in(tenant, area)))
    request = help_request(tenant, postcode=area.postcode.postcode, case=case)
    first = volunteer(tenant, postcode=area.postcode.postcode)
    match = matches.match_propose(actor=tenant.worker, help_request=request, volunteer=first)
    state: dict[str, Any] = {
        "area": area,
        "case": case,
        "request": request,
        "first": first,
        "match": match,
        "count": 0,
    }
    grow(tenant, 2, state)
    client = Client()
    client.force_login(tenant.worker)
    queries(client, url(state))  # warm the session and caches
    few = queries(client, url(state))
    grow(tenant, 12, state)
    many = queries(client, url(state))
    assert many == few, (few, many)
