"""Scenarios of the community app (issue 5): the buurt overview of signals, the counts per activity and
the case page with its toeleiding section.

On a database without community rows yet (the demo loader before the community builder is wired in),
the first setup runs ``build_community`` once for the demo organisation (and first the sociale kaart's
``build_socialmap`` when the map is empty, since links need map services), so the scenarios measure the
demo's volume either way.
"""

from __future__ import annotations

import random
from typing import Any

from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone

from benchmarks.registry import BenchContext, SkipScenario, scenario
from buurtteam.cases.models import Case
from buurtteam.community.models import ServiceLink, Signal
from buurtteam.community.selectors import aggregates
from buurtteam.core.gate import system_access
from buurtteam.demo.builders.community import build_community
from buurtteam.demo.builders.socialmap import build_socialmap
from buurtteam.socialmap.models import MapService

WORKER = "medewerker"
OFFICER = "beleid"


def _ensure_data(ctx: BenchContext) -> dict[str, Any]:
    organisation = ctx.demo.organisation
    with system_access("benchmark setup"):
        if not Signal.objects.filter(organisation=organisation).exists():
            if not MapService.objects.filter(organisation=organisation).exists():
                build_socialmap(
                    organisation=organisation, today=timezone.localdate(), rng=random.Random(1), scale=1.0
                )
            build_community(
                organisation=organisation, today=timezone.localdate(), rng=random.Random(1), scale=1.0
            )
        signals = Signal.objects.filter(organisation=organisation).count()
        links = ServiceLink.objects.filter(organisation=organisation).count()
    return {"signals": signals, "links": links}


def _overview(ctx: BenchContext) -> dict[str, Any]:
    return {**_ensure_data(ctx), "actor": ctx.demo.user(OFFICER), "url": reverse("community:signal_overview")}


@scenario("signal_overview", user=OFFICER, setup=_overview)
def signal_overview(ctx: BenchContext) -> HttpResponseBase:
    """The buurt overview (community:signal_overview): 12 months, all buurten, chart and two tables."""
    return ctx.client.get(ctx.params["url"])


@scenario("signal_overview_quarters", user=OFFICER, setup=_overview)
def signal_overview_quarters(ctx: BenchContext) -> HttpResponseBase:
    """The buurt overview per quarter over two years (8 quarters)."""
    return ctx.client.get(ctx.params["url"], {"granularity": "quarter", "periods": "8"})


@scenario("sel_signal_overview", user=OFFICER, setup=_overview, expected_status=None)
def sel_signal_overview(ctx: BenchContext) -> Any:
    """community.selectors.aggregates.signal_overview: 24 months, all buurten."""
    return aggregates.signal_overview(actor=ctx.params["actor"], end=timezone.localdate(), periods=24)


@scenario("link_counts", user=OFFICER, setup=_overview)
def link_counts(ctx: BenchContext) -> HttpResponseBase:
    """Toeleiding per activiteit (community:link_counts) for the whole organisation."""
    return ctx.client.get(reverse("community:link_counts"))


def _case_with_links(ctx: BenchContext) -> dict[str, Any]:
    found = _ensure_data(ctx)
    actor = ctx.demo.user(WORKER)
    with system_access("benchmark setup"):
        mine = Case.objects.filter(assignments__user_id=actor.pk, assignments__ended_at__isnull=True).exclude(
            status="closed"
        )
        case_id = (
            ServiceLink.objects.filter(case__in=mine)
            .order_by("-linked_at")
            .values_list("case_id", flat=True)
            .first()
            or mine.order_by("pk").values_list("pk", flat=True).first()
        )
        if case_id is None:
            raise SkipScenario(f"{WORKER} works on no open case")
        in_case = ServiceLink.objects.filter(case_id=case_id).count()
    return {
        **found,
        "links_in_case": in_case,
        "url": reverse("cases:case_detail", kwargs={"case_id": case_id}),
    }


@scenario("dossier_toeleiding", user=WORKER, setup=_case_with_links)
def dossier_toeleiding(ctx: BenchContext) -> HttpResponseBase:
    """A case page (cases:case_detail) of an open case of the worker with links to activities."""
    return ctx.client.get(ctx.params["url"])
