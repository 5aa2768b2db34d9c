"""The scenario registry. A scenario is one kind of request, measured over many iterations.

Register one with the :func:`scenario` decorator, in ``benchmarks/scenarios.py`` or in any module listed in
``SCENARIO_MODULES`` (runner.py)::

    @scenario("team", setup=lambda ctx: {"team_id": ctx.demo.teams[0].pk})
    def team(ctx: BenchContext) -> HttpResponseBase:
        return ctx.client.get(reverse("workspace:team_detail", args=[ctx.params["team_id"]]))

``setup`` runs once, outside the measurement (look-ups, creating extra data); the function itself runs for
every warm-up and measured iteration and must do exactly one request -- or, with ``expected_status=None``,
one call of a selector (no HTTP, no status check). A setup that finds the scenario cannot run yet (a page
not built, no data) raises :class:`SkipScenario` with the reason; the runner reports it and goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http.response import HttpResponseBase
    from django.test import Client

    from buurtteam.demo.builders import DemoResult


@dataclass
class BenchContext:
    """What a scenario gets: the demo data, a client logged in as the scenario's user, its setup values."""

    demo: DemoResult
    client: Client
    params: dict[str, Any] = field(default_factory=dict)


class SkipScenario(Exception):
    """The scenario cannot run here; the message says why."""


ScenarioFunc = Callable[[BenchContext], "HttpResponseBase | Any"]
SetupFunc = Callable[[BenchContext], dict[str, Any]]


@dataclass(frozen=True)
class Scenario:
    name: str
    func: ScenarioFunc
    user: str  # a demo username: coordinator, medewerker, beheerder or beleid
    description: str
    expected_status: int | None  # None: not a request (a selector), no status check
    setup: SetupFunc | None


SCENARIOS: dict[str, Scenario] = {}


def scenario(
    name: str,
    *,
    user: str = "coordinator",
    description: str = "",
    expected_status: int | None = 200,
    setup: SetupFunc | None = None,
) -> Callable[[ScenarioFunc], ScenarioFunc]:
    """Register a scenario under ``name`` (names are unique)."""

    def register(func: ScenarioFunc) -> ScenarioFunc:
        if name in SCENARIOS:
            raise ValueError(f"scenario {name!r} is registered twice")
        SCENARIOS[name] = Scenario(
            name=name,
            func=func,
            user=user,
            description=description or (func.__doc__ or "").strip(),
            expected_status=expected_status,
            setup=setup,
        )
        return func

    return register
