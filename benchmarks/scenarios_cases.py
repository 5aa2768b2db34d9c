"""Scenarios for the case work (issue 3): a team-scoped worker's caseload, a dossier with 200 timeline
entries and a resident search -- as pages (Django test client) and as bare selector calls, so that
numbers exist even before a page is built. All run as the demo worker 'medewerker'.

Run them against a fresh demo database (small; default) or a generated one (``--keepdb``, see
benchmarks/generate.py). Their setup looks the data up: the worker's team, the open case they lead
with exactly 200 timeline entries (topped up to 200 when the database has none), and the most common
surname among the residents of the team.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count
from django.http.response import HttpResponseBase
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from benchmarks.registry import BenchContext, SkipScenario, scenario
from buurtteam.cases.models import Case, Status, TimelineEntry
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors import dossier as dossier_selectors
from buurtteam.cases.selectors import residents as resident_selectors
from buurtteam.core.gate import system_access
from buurtteam.residents.models import Resident

WORKER = "medewerker"
DOSSIER_SIZE = 200


def _url(name: str, **kwargs: Any) -> str:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch as exc:
        raise SkipScenario(f"URL name {name!r} does not resolve yet (page not built): {exc}") from exc


def _team(ctx: BenchContext) -> dict[str, Any]:
    actor = ctx.demo.user(WORKER)
    if actor.primary_team_id is None:
        raise SkipScenario(f"{WORKER} has no team")
    return {"actor": actor, "team_id": actor.primary_team_id}


def _dossier_case(ctx: BenchContext) -> dict[str, Any]:
    """An open case the worker leads with exactly 200 timeline entries; topped up when there is none."""
    params = _team(ctx)
    actor = params["actor"]
    with system_access("benchmark setup"):
        led = Case.objects.exclude(status=Status.CLOSED).filter(
            assignments__user=actor, assignments__is_lead=True, assignments__ended_at__isnull=True
        )
        sizes = dict(
            TimelineEntry.objects.filter(case__in=led)
            .values("case_id")
            .annotate(n=Count("id"))
            .filter(n__lte=DOSSIER_SIZE)
            .values_list("case_id", "n")
        )
        if not sizes:
            raise SkipScenario(f"{WORKER} leads no open case with at most {DOSSIER_SIZE} timeline entries")
        case_id = max(sizes, key=lambda pk: sizes[pk])
        missing = DOSSIER_SIZE - sizes[case_id]
        if missing:
            now = timezone.now()
            TimelineEntry.objects.bulk_create(
                TimelineEntry(
                    case_id=case_id,
                    kind=TimelineEntry.Kind.CONTACT,
                    occurred_at=now - datetime.timedelta(days=i + 1),
                    author_id=actor.pk,
                    text="Gebeld: het gaat iets beter, de afspraken lopen.",
                    contact_mode="phone",
                    is_substantive=True,
                )
                for i in range(missing)
            )
        case = Case.objects.get(pk=case_id)
    return {**params, "case": case, "case_id": case_id, "added_entries": missing}


def _common_surname(ctx: BenchContext) -> dict[str, Any]:
    params = _team(ctx)
    with system_access("benchmark setup"):
        row = (
            Resident.objects.filter(team_id=params["team_id"])
            .values("last_name")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
    if row is None:
        raise SkipScenario("the worker's team has no residents")
    return {**params, "query": row["last_name"], "matches_in_team": row["n"]}


# --- Pages -------------------------------------------------------------------------------------------
def _caseload_page(ctx: BenchContext) -> dict[str, Any]:
    params = _team(ctx)
    return {**params, "url": _url("cases:team_cases", team_id=params["team_id"])}


@scenario("caseload", user=WORKER, setup=_caseload_page)
def caseload(ctx: BenchContext) -> HttpResponseBase:
    """The team's cases page (cases:team_cases) as a worker of the team."""
    return ctx.client.get(ctx.params["url"])


def _dossier_page(ctx: BenchContext) -> dict[str, Any]:
    params = _dossier_case(ctx)
    return {**params, "url": _url("cases:case_detail", case_id=params["case_id"])}


@scenario("dossier_200", user=WORKER, setup=_dossier_page)
def dossier_200(ctx: BenchContext) -> HttpResponseBase:
    """A case page (cases:case_detail) with exactly 200 timeline entries, as its case lead."""
    return ctx.client.get(ctx.params["url"])


def _search_page(ctx: BenchContext) -> dict[str, Any]:
    params = _common_surname(ctx)
    return {**params, "url": _url("cases:resident_search"), "data": {"q": params["query"]}}


@scenario("resident_search", user=WORKER, setup=_search_page)
def resident_search(ctx: BenchContext) -> HttpResponseBase:
    """Resident search (cases:resident_search?q=) for the most common surname in the team."""
    return ctx.client.get(ctx.params["url"], ctx.params["data"])


# --- Selectors only (no page, no middleware, no template) ----------------------------------------------
@scenario("sel_team_cases", user=WORKER, setup=_team, expected_status=None)
def sel_team_cases(ctx: BenchContext) -> Any:
    """selectors.cases.team_cases: the first 100 open cases of the team, materialised."""
    return list(case_selectors.team_cases(actor=ctx.params["actor"], team_id=ctx.params["team_id"])[:100])


@scenario("sel_timeline_page", user=WORKER, setup=_dossier_case, expected_status=None)
def sel_timeline_page(ctx: BenchContext) -> Any:
    """selectors.dossier.timeline_page: the first page of the 200-entry timeline, materialised."""
    page = dossier_selectors.timeline_page(actor=ctx.params["actor"], case=ctx.params["case"])
    return list(page.object_list)


@scenario("sel_resident_search", user=WORKER, setup=_common_surname, expected_status=None)
def sel_resident_search(ctx: BenchContext) -> Any:
    """selectors.residents.resident_search for the team's most common surname (audited search)."""
    return resident_selectors.resident_search(actor=ctx.params["actor"], query=ctx.params["query"])


# --- The API paths of the HTTP benchmark, in-process (for profiling: ``--profile N``) -----------------
def _api_residents(ctx: BenchContext) -> dict[str, Any]:
    params = _team(ctx)
    with system_access("benchmark set-up"):
        in_team = Resident.objects.filter(team_id=params["team_id"]).order_by("pk")
        residents = list(in_team.values_list("pk", flat=True)[:200])
    if not residents:
        raise SkipScenario("the worker's team has no residents")
    return {**params, "residents": residents, "turn": 0}


@scenario("api_list", user=WORKER, setup=_api_residents)
def api_list(ctx: BenchContext) -> HttpResponseBase:
    """GET /api/v1/cases?team_id=..&limit=100: 100 cases of the worker's team, as the HTTP benchmark."""
    query = {"team_id": ctx.params["team_id"], "limit": 100}
    return ctx.client.get("/api/v1/cases", query, headers={"accept": "application/json"})


@scenario("api_register", user=WORKER, setup=_api_residents, expected_status=201)
def api_register(ctx: BenchContext) -> HttpResponseBase:
    """POST /api/v1/cases for a resident of the team, as the HTTP benchmark (adds cases to the database)."""
    residents = ctx.params["residents"]
    ctx.params["turn"] += 1
    payload = {
        "client_id": residents[ctx.params["turn"] % len(residents)],
        "channel": "phone",
        "referrer": "self",
        "question": "Benchmark: ik heb een vraag over de huurtoeslag.",
    }
    return ctx.client.post("/api/v1/cases", payload, content_type="application/json")
