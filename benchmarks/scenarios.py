"""The built-in scenarios: the pages a team member opens most. Imported after ``django.setup()``."""

from __future__ import annotations

from typing import Any

from django.http.response import HttpResponseBase
from django.urls import reverse

from benchmarks.registry import BenchContext, scenario


@scenario("home")
def home(ctx: BenchContext) -> HttpResponseBase:
    """Start page (GET /)."""
    return ctx.client.get(reverse("workspace:home"))


def _own_team(ctx: BenchContext) -> dict[str, Any]:
    return {"team_id": ctx.demo.user("coordinator").primary_team_id}


@scenario("team", setup=_own_team)
def team(ctx: BenchContext) -> HttpResponseBase:
    """The coordinator's own team page, with members and disciplines."""
    return ctx.client.get(reverse("workspace:team_detail", args=[ctx.params["team_id"]]))


@scenario("team_list")
def team_list(ctx: BenchContext) -> HttpResponseBase:
    """All teams of the organisation, with member and buurt counts."""
    return ctx.client.get(reverse("workspace:team_list"))


@scenario("audit_trail")
def audit_trail(ctx: BenchContext) -> HttpResponseBase:
    """First page of the audit trail, as the coordinator."""
    return ctx.client.get(reverse("audit:trail"))


def _colleague(ctx: BenchContext) -> dict[str, Any]:
    return {"staff_id": ctx.demo.user("medewerker").pk}


@scenario("staff_profile", setup=_colleague)
def staff_profile(ctx: BenchContext) -> HttpResponseBase:
    """A colleague's staff profile (an audited read)."""
    return ctx.client.get(reverse("accounts:staff_detail", args=[ctx.params["staff_id"]]))
