"""Every casework page in a real browser: 0 axe-core violations (WCAG 2.1 A/AA), tablet layout, badges.

One scenario holds everything the pages need to show something real: residents with a household and a
network, cases in several phases (one overdue, one in crisis, one with safety concerns), a case meeting
with agenda items and an emergency access waiting for the coordinator's review. It is built with the
services, as the app itself would.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from buurtteam.accounts.models import User
from buurtteam.accounts.tests.factories import member_of
from buurtteam.cases.clock import working_days_between
from buurtteam.cases.models import Case, CaseMeeting
from buurtteam.cases.services import assignment, lifecycle, meetings
from buurtteam.cases.tests.factories import (
    domain,
    give_area,
    registered_case,
    resident_in,
    walk_to_execution,
)
from buurtteam.core.gate import system_access
from buurtteam.residents.models import HouseholdMember, NetworkMember, Resident
from buurtteam.residents.services import break_glass, network_member_save
from tests.e2e.helpers import axe, horizontal_overflow, login
from tests.e2e.test_cases import (
    Casework,
    assert_clean,
    case_in_execution,
    case_path,
    casework,
    section,
    submit,
    wait_for_htmx,
)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

TABLET_LANDSCAPE: ViewportSize = {"width": 1024, "height": 768}
TABLET_PORTRAIT: ViewportSize = {"width": 768, "height": 1024}


# --- The scenario -------------------------------------------------------------------------------------
@dataclass
class Scenario:
    work: Casework
    resident: Resident  # Sanne de Vries: a household with a network, a case in execution
    network_member: NetworkMember
    in_execution: Case  # Sanne's case; the worker is its lead
    overdue: Case  # registered weeks ago, nobody has picked it up
    crisis: Case  # urgency crisis, safety concerns, unassigned
    outsider: Resident  # lives in the other team's area
    meeting: CaseMeeting
    teammate: User  # a worker of the same team who works on none of these cases

    @property
    def worker(self) -> User:
        return self.work.tenant.worker

    @property
    def coordinator(self) -> User:
        return self.work.tenant.coordinator


def weeks_ago_in_working_days(working_days: int = 12) -> datetime.datetime:
    """A moment more than ``working_days`` working days ago, whatever the holidays."""
    today = timezone.localdate()
    day = today - datetime.timedelta(days=working_days)
    while working_days_between(day, today) <= working_days:
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))


def scenario() -> Scenario:
    work = casework()
    tenant = work.tenant
    sanne = resident_in(tenant, work.area)
    with system_access("e2e test data: the household"):
        household = HouseholdMember.objects.select_related("household").get(resident=sanne).household
    gp = network_member_save(
        actor=tenant.worker,
        household=household,
        kind=NetworkMember.Kind.FORMAL,
        role=NetworkMember.Role.GP,
        name="Dr. Bakker",
        organisation_name="Huisartsenpraktijk De Linde",
        phone="030 123 45 67",
    )
    network_member_save(
        actor=tenant.worker,
        household=household,
        kind=NetworkMember.Kind.INFORMAL,
        role=NetworkMember.Role.NEIGHBOUR,
        name="Henk",
    )
    in_execution = walk_to_execution(tenant, registered_case(tenant, sanne))
    lifecycle.task_add(
        actor=tenant.worker,
        case=in_execution,
        title="Terugbellen over de betalingsregeling",
        kind="reminder",
        due_on=timezone.localdate() - datetime.timedelta(days=2),
        assignee_id=tenant.worker.pk,
    )

    late = resident_in(tenant, work.area, first_name="Kees", last_name="Pronk", birth_date=datetime.date(1950, 5, 1))
    overdue = registered_case(tenant, late, question="Ik red het niet meer alleen thuis.")
    with system_access("e2e test data: registered weeks ago"):
        Case.objects.filter(pk=overdue.pk).update(registered_at=weeks_ago_in_working_days())
    overdue.refresh_from_db()

    worried = resident_in(tenant, work.area, first_name="Lotte", last_name="Smit", birth_date=datetime.date(1992, 8, 9))
    crisis = registered_case(
        tenant, worried, question="Er is veel ruzie thuis.", urgency="crisis", safety_concern=True
    )
    lifecycle.problems_set(
        actor=tenant.coordinator, case=crisis, problems=[(domain(tenant, "domestic-relations"), "Ruzie thuis")]
    )

    other_area = give_area(tenant.other_team)
    outsider = resident_in(
        tenant, other_area, actor=tenant.colleague, first_name="Piet", last_name="Hendriks",
        birth_date=datetime.date(1970, 1, 2),
    )
    break_glass(actor=tenant.worker, resident_id=outsider.pk, reason="Crisis bij de voordeur, team niet bereikbaar")

    meeting = meetings.meeting_create(actor=tenant.coordinator, team=tenant.team, held_on=timezone.localdate())
    teammate = member_of(tenant.team)
    return Scenario(work, sanne, gp, in_execution, overdue, crisis, outsider, meeting, teammate)


# --- Pages, as (id, who looks, path) ---------------------------------------------------------------
Who = Callable[[Scenario], User]
PathFor = Callable[[Scenario], str]


def worker(s: Scenario) -> User:
    return s.worker


def coordinator(s: Scenario) -> User:
    return s.coordinator


def teammate(s: Scenario) -> User:
    return s.teammate


PAGES: list[tuple[str, Who, PathFor]] = [
    ("register", worker, lambda s: reverse("cases:register")),
    ("register_existing_resident", worker, lambda s: f"{reverse('cases:register')}?resident={s.resident.pk}"),
    ("resident_search_results", worker, lambda s: f"{reverse('cases:resident_search')}?q=Vries"),
    ("resident_detail", worker, lambda s: reverse("cases:resident_detail", args=[s.resident.pk])),
    ("resident_edit", worker, lambda s: reverse("cases:resident_edit", args=[s.resident.pk])),
    ("network_member_add", worker, lambda s: reverse("cases:network_member_add", args=[s.resident.pk])),
    (
        "network_member_edit",
        worker,
        lambda s: reverse("cases:network_member_edit", args=[s.resident.pk, s.network_member.pk]),
    ),
    (
        "household_member_add",
        worker,
        lambda s: f"{reverse('cases:household_member_add', args=[s.resident.pk])}?q=Smit",
    ),
    ("break_glass", worker, lambda s: reverse("cases:break_glass", args=[s.outsider.pk])),
    ("break_glass_review_list", coordinator, lambda s: reverse("cases:break_glass_review_list")),
    ("my_cases", worker, lambda s: reverse("cases:my_cases")),
    ("team_cases", coordinator, lambda s: reverse("cases:team_cases", args=[s.work.tenant.team.pk])),
    ("unassigned_queue", worker, lambda s: reverse("cases:unassigned_queue", args=[s.work.tenant.team.pk])),
    ("assign_with_suggestions", coordinator, lambda s: reverse("cases:case_assign", args=[s.crisis.pk])),
    ("assign_lead_view", worker, lambda s: reverse("cases:case_assign", args=[s.in_execution.pk])),
    ("meeting_list", coordinator, lambda s: reverse("cases:meeting_list", args=[s.work.tenant.team.pk])),
    ("meeting_detail", coordinator, lambda s: reverse("cases:meeting_detail", args=[s.meeting.pk])),
    ("case_detail_execution", worker, lambda s: case_path(s.in_execution)),
    ("case_detail_coordinator", coordinator, lambda s: case_path(s.crisis)),
    ("case_summary", teammate, lambda s: case_path(s.in_execution)),
]


@pytest.mark.parametrize(("page_id", "who", "path_for"), PAGES, ids=[p[0] for p in PAGES])
def test_casework_page_has_no_axe_violations(page: Page, page_id: str, who: Who, path_for: PathFor) -> None:
    s = scenario()
    login(page, who(s))
    response = page.goto(path_for(s))
    assert response is not None
    assert response.status == 200, f"{page_id}: HTTP {response.status}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page, what=page_id)
    assert_clean(page)
    from tests.e2e.test_cases import screenshot

    screenshot(page, page_id)
