"""The demo builder: volunteers, requests and matches from a seed, with real explanations."""

from __future__ import annotations

import random

import pytest
from conftest import Tenant
from django.utils import timezone

from buurtteam.cases.tests.factories import registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.demo.builders.volunteers import build_volunteers
from buurtteam.volunteers.models import HelpRequest, Match, Volunteer
from buurtteam.volunteers.tests.factories import place, postcode_at

pytestmark = pytest.mark.django_db


def test_the_builder_fills_the_databank(tenant: Tenant) -> None:
    area = place(tenant)
    for i in range(1, 6):
        postcode_at(area, i * 0.4)
    for _ in range(3):
        walk_to_execution(tenant, registered_case(tenant, resident_in(tenant, area)))
    counts = build_volunteers(
        organisation=tenant.organisation, today=timezone.localdate(), rng=random.Random(3), scale=0.3
    )
    with system_access("test assertion"):
        assert counts["volunteers"] == Volunteer.objects.count() == 135
        assert counts["help_requests"] == HelpRequest.objects.count() == 45
        assert counts["matches"] == Match.objects.count() > 10
        assert HelpRequest.objects.filter(origin="case", case__isnull=False).exists()
        assert Volunteer.objects.filter(resident__isnull=False).exists()
        statuses = set(Match.objects.values_list("status", flat=True))
        assert {"proposed", "active"} <= statuses
        match = Match.objects.order_by("pk").first()
        assert match is not None and [p["key"] for p in match.explanation][:2] == ["fit", "distance"]
        assert sum(p["points"] for p in match.explanation) == match.score
        ended = Match.objects.filter(status="ended").first()
        if ended is not None:
            assert ended.evaluation and ended.ended_on and ended.request.status == "closed"
        assert all(v.match_tokens for v in Volunteer.objects.all()[:20])
        names = list(Volunteer.objects.order_by("pk").values_list("first_name", "last_name"))
    # The same seed gives the same volunteers.
    build_volunteers(
        organisation=tenant.organisation, today=timezone.localdate(), rng=random.Random(3), scale=0.3
    )
    with system_access("test assertion"):
        again = list(Volunteer.objects.order_by("pk").values_list("first_name", "last_name"))[len(names) :]
    assert again == names
