"""Scenarios of the volunteers app (issue 5): ranking 10,000 volunteers for a request, and the pages.

The setup tops the databank up to ``TARGET`` volunteers (bulk_volunteers.py; the demo has about 450) and
makes one request in the middle of the town asking for a buddy to walk with (interests walking and
company, two parts of the week, no VOG or language demanded, so that as many volunteers as possible pass
the database's pre-filter and are scored). All run as the demo worker 'medewerker'.
"""

from __future__ import annotations

from statistics import median
from typing import Any

from django.http.response import HttpResponseBase
from django.urls import reverse

from benchmarks.bulk_volunteers import generate_volunteers, volunteer_count
from benchmarks.registry import BenchContext, SkipScenario, scenario
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Postcode
from buurtteam.volunteers.matching import Profile, candidates, rank_volunteers
from buurtteam.volunteers.models import HelpRequest
from buurtteam.volunteers.services import requests

WORKER = "medewerker"
TARGET = 10_000
_prepared: dict[str, Any] = {}


def _setup(ctx: BenchContext) -> dict[str, Any]:
    """10,000 volunteers and the request (made once per run, shared by the scenarios)."""
    if _prepared:
        return dict(_prepared)
    actor = ctx.demo.user(WORKER)
    organisation = ctx.demo.organisation
    missing = TARGET - volunteer_count(organisation)
    if missing > 0:
        generate_volunteers(organisation=organisation, count=missing, seed=5)
    with system_access("benchmark setup"):
        points = [
            (code, lat, lon)
            for code, lat, lon in Postcode.objects.filter(
                neighbourhood__district__municipality_id=organisation.municipality_id
            ).values_list("postcode", "latitude", "longitude")
            if lat is not None and lon is not None
        ]
    if not points:
        raise SkipScenario("the municipality's postcodes have no coordinates")
    lat, lon = median(p[1] for p in points), median(p[2] for p in points)
    centre = min(points, key=lambda p: (p[1] - lat) ** 2 + (p[2] - lon) ** 2)[0]
    request = requests.request_create(
        actor=actor,
        title="Maatje om mee te wandelen",
        description="Een oudere meneer wil graag weer naar buiten; samen wandelen en een kop koffie.",
        kind="buddy",
        wanted="wandelen, gezelligheid, een luisterend oor",
        interests=["walking", "company"],
        availability=["1-1", "3-0"],
        postcode=centre,
        needs_vog=False,
    )
    with system_access("benchmark setup"):
        scored = len(list(candidates(actor=actor, request=request, profile=_profile(request))))
        total = volunteer_count(organisation)
    print(f"  volunteers={total} scored_after_prefilter={scored} request={request.pk} postcode={centre}")
    _prepared.update(actor=actor, request=request, url=_url(request))
    return dict(_prepared)


def _profile(request: HelpRequest) -> Profile:
    from django.utils import timezone

    return Profile.of(request, timezone.localdate())


def _url(request: HelpRequest) -> str:
    return reverse("volunteers:request_detail", kwargs={"help_request_id": request.pk})


@scenario("sel_rank_volunteers", user=WORKER, setup=_setup, expected_status=None)
def sel_rank_volunteers(ctx: BenchContext) -> Any:
    """volunteers.matching.rank_volunteers: the best 10 of 10,000 volunteers for a request, with why."""
    return rank_volunteers(actor=ctx.params["actor"], request=ctx.params["request"], limit=10)


@scenario("help_request_page", user=WORKER, setup=_setup)
def help_request_page(ctx: BenchContext) -> HttpResponseBase:
    """The request page (volunteers:request_detail) with the ranked, explained suggestions."""
    return ctx.client.get(ctx.params["url"])


def _list_setup(ctx: BenchContext) -> dict[str, Any]:
    return {**_setup(ctx), "url": reverse("volunteers:volunteer_list")}


@scenario("volunteer_list", user=WORKER, setup=_list_setup)
def volunteer_list(ctx: BenchContext) -> HttpResponseBase:
    """The databank's first page (volunteers:volunteer_list), 25 of 10,000 by name."""
    return ctx.client.get(ctx.params["url"])
