"""The demo cases: consistent with the state machine, plausible in their mix, deterministic, usable."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from stdnum.nl import bsn as stdnum_bsn

from buurtteam.cases.clock import working_days_between
from buurtteam.cases.models import (
    Assessment,
    Case,
    CaseAssignment,
    CaseMeeting,
    ClosureReason,
    Complexity,
    DomainScore,
    IntakeConversation,
    LifeDomain,
    Status,
    SupportPlan,
    Task,
    TimelineEntry,
)
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.selectors import dossier as dossier_selectors
from buurtteam.cases.selectors import residents as resident_selectors
from buurtteam.core.gate import system_access
from buurtteam.demo.builders import DemoOptions, DemoResult, build_demo
from buurtteam.residents.models import Household, HouseholdMember, Resident

TODAY = datetime.date(2026, 3, 4)  # a Wednesday
OPTIONS = DemoOptions(seed=11, scale=0.5, teams=3, cases_per_team=700, today=TODAY)


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoResult]:
    """One build for the whole module, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_demo(OPTIONS)
        transaction.set_rollback(True)


# One worker runs the whole module (``--dist loadgroup``), so the module's demo is built once, not per worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-cases")]


def test_counts_follow_the_options(demo: DemoResult) -> None:
    counts = demo.counts
    assert counts["cases"] == 3 * 700
    assert counts["residents"] > counts["households"] > 1000
    assert counts["timeline_entries"] > 10 * counts["cases"]
    assert counts["case_meetings"] == 2 * 3
    with system_access("test"):
        assert Case.objects.count() == counts["cases"]
        assert TimelineEntry.objects.count() == counts["timeline_entries"]
        assert dict(Counter(Case.objects.values_list("team_id", flat=True))) == {
            t.pk: 700 for t in demo.teams
        }
        assert demo.organisation.bsn_enabled


def test_closed_cases_have_a_reason_and_open_cases_none(demo: DemoResult) -> None:
    with system_access("test"):
        closed = Case.objects.filter(status=Status.CLOSED)
        assert closed.count() > 0
        assert not closed.filter(closure_reason="").exists()
        assert not closed.filter(closed_at__isnull=True).exists()
        open_cases = Case.objects.exclude(status=Status.CLOSED)
        assert not open_cases.filter(closed_at__isnull=False).exists()
        assert not open_cases.exclude(closure_reason="").exists()
        assert not CaseAssignment.objects.filter(case__status=Status.CLOSED, ended_at__isnull=True).exists()
        for case in closed.filter(closed_at_registration=True)[:50]:
            assert case.complexity == Complexity.SIMPLE
            assert case.closed_at == case.registered_at == case.first_contact_at
            assert case.advice_given


def test_every_phase_is_present_and_consistent(demo: DemoResult) -> None:
    with system_access("test"):
        statuses = set(Case.objects.values_list("status", flat=True))
        assert statuses == set(Status.values)
        running = Case.objects.filter(status__in=[Status.EXECUTION, Status.EVALUATION])
        agreed = set(
            SupportPlan.objects.filter(agreed_on__isnull=False).values_list("household_id", flat=True)
        )
        assert set(running.values_list("household_id", flat=True)) <= agreed
        # No conversation before intake; nothing past the intake without a problem list.
        assert not IntakeConversation.objects.filter(case__status=Status.REGISTERED).exists()
        later = Case.objects.filter(status__in=[Status.ASSESSMENT, Status.PLANNING, Status.EXECUTION])
        assert not later.filter(problems__isnull=True).exists()
        assert not Assessment.objects.filter(case__status__in=[Status.REGISTERED, Status.INTAKE]).exists()
        # At most one active lead per case (the database constraint would refuse it too).
        leads = CaseAssignment.objects.filter(ended_at__isnull=True, is_lead=True)
        assert not leads.values("case_id").annotate(n=Count("id")).filter(n__gt=1).exists()
        limit = demo.organisation.intake_conversation_limit
        assert not IntakeConversation.objects.filter(number__gt=limit).exists()


def test_first_and_last_contact_follow_the_timeline(demo: DemoResult) -> None:
    with system_access("test"):
        first = dict(
            TimelineEntry.objects.filter(is_substantive=True)
            .values("case_id")
            .annotate(at=Min("occurred_at"))
            .values_list("case_id", "at")
        )
        for case_id, first_contact in Case.objects.values_list("pk", "first_contact_at"):
            assert first.get(case_id) == first_contact
        assert not Case.objects.filter(first_contact_at__isnull=False, last_contact_at__isnull=True).exists()


def test_mix_of_cases_is_plausible(demo: DemoResult) -> None:
    with system_access("test"):
        cases = Case.objects.all()
        total = cases.count()
        closed = Counter(cases.filter(status=Status.CLOSED).values_list("closure_reason", flat=True))
        referred = closed[ClosureReason.REFERRED] / sum(closed.values())
        assert 0.15 <= referred <= 0.26, "about 20% referred, 80% handled within the team"
        on_the_spot = cases.filter(closed_at_registration=True).count() / total
        assert 0.25 <= on_the_spot <= 0.40, "about a third answered at the first contact"
        picked_up = [
            working_days_between(timezone.localdate(r), timezone.localdate(f))
            for r, f in cases.filter(
                complexity=Complexity.COMPLEX, first_contact_at__isnull=False
            ).values_list("registered_at", "first_contact_at")
        ]
        within = sum(1 for days in picked_up if days <= 10) / len(picked_up)
        assert 0.8 <= within < 1.0, "most complex questions picked up within two weeks, some late"
        first_domains = Counter(
            cases.filter(problems__rank=1).values_list("problems__domain__code", flat=True)
        ).most_common(2)
        assert {code for code, _n in first_domains} == {"finances", "parenting"}
        lengths = sorted(
            (c - r).days
            for r, c in cases.filter(complexity=Complexity.COMPLEX, status=Status.CLOSED).values_list(
                "registered_at", "closed_at"
            )
        )
        assert lengths[len(lengths) // 10] < 60 and lengths[-len(lengths) // 10] > 270  # weeks to 9-12 months
        assert 0 < cases.filter(safety_concern=True).count() < total * 0.1


def test_assessments_score_only_relevant_domains_with_a_reason(demo: DemoResult) -> None:
    with system_access("test"):
        all_domains = LifeDomain.objects.filter(domain_set__organisation=demo.organisation).count()
        per_assessment = DomainScore.objects.values("assessment_id").annotate(n=Count("id"))
        assert max(row["n"] for row in per_assessment) < all_domains / 2
        assert not DomainScore.objects.filter(reason="").exists()
        assert set(Assessment.objects.values_list("instrument_version", flat=True)) == {"2017"}


def test_residents_households_and_addresses(demo: DemoResult) -> None:
    with system_access("test"):
        for resident in Resident.objects.select_related("neighbourhood").order_by("pk")[:300]:
            resident.full_clean(exclude=["created_by"])
            assert resident.team is not None
            assert resident.team.neighbourhoods.filter(pk=resident.neighbourhood_id).exists()
        bsns = list(Resident.objects.exclude(bsn="").values_list("bsn", flat=True))
        assert bsns and len(bsns) == len(set(bsns))
        assert all(stdnum_bsn.is_valid(b) and b.startswith("9999") for b in bsns)
        kinds = Counter(
            HouseholdMember.objects.values("household_id").annotate(n=Count("id")).values_list("n", flat=True)
        )
        assert kinds[1] > 0 and sum(v for k, v in kinds.items() if k >= 3) > 0, "singles and families"
        household = Household.objects.annotate(n=Count("members")).filter(n__gte=3).first()
        assert household is not None
        members = list(Resident.objects.filter(memberships__household=household))
        assert len({(r.street, r.house_number, r.postcode) for r in members}) == 1
        assert Household.objects.filter(network__kind="formal").exists()
        assert Household.objects.filter(network__kind="informal").exists()


def test_rows_pass_model_validation(demo: DemoResult) -> None:
    with system_access("test"):
        for case in Case.objects.order_by("?")[:200]:
            case.full_clean()
            year = case.registered_at.astimezone(datetime.UTC).year
            assert case.reference == f"{year}-{case.pk:07d}"
        for entry in TimelineEntry.objects.order_by("?")[:300]:
            entry.full_clean()
        for task in Task.objects.order_by("?")[:100]:
            task.full_clean()


def test_demo_users_have_a_caseload(demo: DemoResult) -> None:
    worker = demo.user("medewerker")
    coordinator = demo.user("coordinator")
    week_end = TODAY + datetime.timedelta(days=4 - TODAY.weekday())
    with system_access("test"):
        for user, minimum in ((worker, 10), (coordinator, 3)):
            lead = Case.objects.exclude(status=Status.CLOSED).filter(
                assignments__user=user, assignments__is_lead=True, assignments__ended_at__isnull=True
            )
            assert lead.count() >= minimum
            assert set(lead.values_list("team_id", flat=True)) == {demo.teams[0].pk}
            tasks = Task.objects.filter(assignee=user, done_at__isnull=True)
            assert tasks.filter(due_on__lt=TODAY).exists(), "overdue items"
            assert tasks.filter(due_on__gte=TODAY, due_on__lte=week_end).exists(), "tasks due this week"
    mine = list(case_selectors.my_cases(actor=worker))
    assert len(mine) >= 10
    case = mine[0]
    assert case_selectors.has_full_access(actor=worker, case=case)
    page = dossier_selectors.timeline_page(actor=worker, case=case)
    assert len(page.object_list) > 0
    overdue = case_selectors.overdue_pickups(actor=worker, team_id=demo.teams[0].pk)
    assert overdue, "a question waiting past the pickup deadline"


def test_search_and_caseload_selectors_work_on_the_demo_data(demo: DemoResult) -> None:
    worker = demo.user("medewerker")
    team_id = demo.teams[0].pk
    rows = list(case_selectors.team_cases(actor=worker, team_id=team_id)[:100])
    assert rows and all(case.team_id == team_id for case in rows)
    with system_access("test"):
        common = (
            Resident.objects.filter(team_id=team_id)
            .values("last_name")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
    assert common is not None and common["n"] >= 5
    found = resident_selectors.resident_search(actor=worker, query=common["last_name"])
    assert found and all(r.team_id == team_id for r in found)


def test_meetings_per_team(demo: DemoResult) -> None:
    with system_access("test"):
        for team in demo.teams:
            meetings = list(CaseMeeting.objects.filter(team=team).order_by("held_on"))
            assert len(meetings) == 2
            held, upcoming = meetings
            assert held.held_on < TODAY < upcoming.held_on
            assert held.closed_at is not None and upcoming.closed_at is None
            decided = held.items.exclude(decision="")
            assert decided.exists()
            for item in decided:
                assert TimelineEntry.objects.filter(case=item.case, kind=TimelineEntry.Kind.DECISION).exists()
            assert upcoming.items.exists() and not upcoming.items.exclude(decision="").exists()
