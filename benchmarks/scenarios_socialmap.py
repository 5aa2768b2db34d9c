"""Scenarios of the socialmap app (issue 5): the map's search page and the search selector, as the demo
worker 'medewerker'. Each call takes the next of a few typical searches (free text with stems and synonyms,
some near the worker's postcode with a maximum distance), so the percentiles cover the mix.

On a fresh demo database the map is the demo's (a few hundred services, when the lead's build_demo builds
it); for the 50,000-service figures generate one first (benchmarks/bulk_socialmap.py) and run --keepdb.
"""

from __future__ import annotations

import itertools
from typing import Any
from urllib.parse import urlencode

from django.http.response import HttpResponseBase
from django.urls import reverse

from benchmarks.registry import BenchContext, SkipScenario, scenario
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Postcode
from buurtteam.socialmap import selectors
from buurtteam.socialmap.geo import postcode_point
from buurtteam.socialmap.models import MapService

WORKER = "medewerker"
# (text, near the postcode?, max km)
SEARCHES = (
    ("eenzaam", False, None),
    ("schulden", False, None),
    ("dementie", False, None),
    ("sporten", True, 2.0),
    ("eenzaamheid", True, None),
    ("geldzorgen", True, 5.0),
)


def _setup(ctx: BenchContext) -> dict[str, Any]:
    actor = ctx.demo.user(WORKER)
    with system_access("benchmark setup"):
        services = MapService.objects.filter(organisation_id=actor.organisation_id or 0).count()
        postcode = (
            Postcode.objects.filter(
                neighbourhood__district__municipality_id=ctx.demo.organisation.municipality_id,
                latitude__isnull=False,
            )
            .order_by("postcode")
            .values_list("postcode", flat=True)
            .first()
        )
    if not services:
        raise SkipScenario("the map is empty (run benchmarks/bulk_socialmap.py, or a demo with the map)")
    if postcode is None:
        raise SkipScenario("no postcode with coordinates")
    near = postcode_point(postcode)
    print(f"  map: services={services:,} near={postcode}", flush=True)
    return {"actor": actor, "postcode": postcode, "near": near, "searches": itertools.cycle(SEARCHES)}


@scenario("map_search", user=WORKER, setup=_setup)
def map_search(ctx: BenchContext) -> HttpResponseBase:
    """The search page (socialmap:search) with the next typical search."""
    text, near, max_km = next(ctx.params["searches"])
    query: dict[str, Any] = {"q": text}
    if near:
        query["postcode"] = ctx.params["postcode"]
        if max_km:
            query["afstand"] = int(max_km)
    return ctx.client.get(f"{reverse('socialmap:search')}?{urlencode(query)}")


@scenario("sel_map_search", user=WORKER, setup=_setup, expected_status=None)
def sel_map_search(ctx: BenchContext) -> Any:
    """socialmap.selectors.service_search with the next typical search (20 hits)."""
    text, near, max_km = next(ctx.params["searches"])
    return selectors.service_search(
        actor=ctx.params["actor"],
        text=text,
        near=ctx.params["near"] if near else None,
        max_km=max_km,
        limit=20,
    )
