"""The demo's partner directory, referrals, bridging, agreements, meldcode tracks and crisis cases:
consistent with the services' rules, plausible in their mix, deterministic, usable through the selectors."""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from buurtteam.accounts.models import TeamMembership, User
from buurtteam.cases.models import (
    Case,
    CaseAssignment,
    ClosureReason,
    Complexity,
    Status,
    Task,
    TimelineEntry,
)
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.demo.builders import DemoOptions, DemoResult, build_demo
from buurtteam.referrals import selectors as referral_selectors
from buurtteam.referrals.models import (
    WAITING_STATUSES,
    Agreement,
    BridgingPlan,
    CheckIn,
    Consent,
    PartnerContact,
    PartnerKind,
    PartnerOrganisation,
    Referral,
    ReferralStatus,
)
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, VeiligThuisReport

TODAY = datetime.date(2026, 3, 4)
OPTIONS = DemoOptions(seed=11, scale=0.5, teams=3, cases_per_team=700, today=TODAY)
S = ReferralStatus
UNANSWERED = [
    "suspicion",
    "unsafety",
    "can_help",
    "accepts_help",
    "lasting_safety",
    "report_necessary",
    "help_possible",
]


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoResult]:
    """One build for the whole module, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_demo(OPTIONS)
        transaction.set_rollback(True)


# One worker runs the whole module (``--dist loadgroup``), so the module's demo is built once, not per worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-network")]


def _local(value: datetime.datetime) -> datetime.date:
    return timezone.localdate(value)


def test_partner_directory(demo: DemoResult) -> None:
    with system_access("test"):
        partners = list(PartnerOrganisation.objects.filter(organisation=demo.organisation))
        assert 25 <= len(partners) <= 35
        assert demo.counts["partners"] == len(partners)
        kinds = Counter(p.kind for p in partners)
        for kind in (
            PartnerKind.GP,
            PartnerKind.YOUTH_CARE,
            PartnerKind.MENTAL_HEALTH,
            PartnerKind.ADDICTION,
            PartnerKind.VEILIG_THUIS,
            PartnerKind.POLICE,
            PartnerKind.DEBT,
            PartnerKind.SCHOOL,
            PartnerKind.FRONT_OFFICE,
            PartnerKind.MEE,
            PartnerKind.HOME_CARE,
            PartnerKind.WELFARE,
        ):
            assert kinds[kind] >= 1, kind
        assert kinds[PartnerKind.HOUSING] == 2
        for partner in partners:
            partner.full_clean()
            wait = partner.usual_wait_weeks
            if partner.kind in (PartnerKind.YOUTH_CARE, PartnerKind.MENTAL_HEALTH):
                assert partner.is_specialist and wait is not None and 8 <= wait <= 26
            elif partner.kind == PartnerKind.DEBT:
                assert not partner.is_specialist and wait is not None and 4 <= wait <= 10
            elif not partner.is_specialist:
                assert wait is None or wait <= 3
        contacts = PartnerContact.objects.filter(partner__organisation=demo.organisation)
        assert contacts.count() >= len(partners)
        assert not PartnerOrganisation.objects.filter(contacts__isnull=True).exists()
        for contact in contacts:
            contact.full_clean()
            assert contact.email.endswith(".example")


def test_about_one_in_five_cases_goes_to_specialist_care(demo: DemoResult) -> None:
    with system_access("test"):
        total = Case.objects.count()
        specialist = Case.objects.filter(referrals__is_specialist=True).distinct().count()
        assert 0.14 <= specialist / total <= 0.28
        closed = Case.objects.filter(status=Status.CLOSED)
        share = closed.filter(closure_reason=ClosureReason.REFERRED).count() / closed.count()
        assert 0.15 <= share <= 0.26, "about 20% of the questions referred, 80% handled in the team"
        complex_closed = closed.filter(complexity=Complexity.COMPLEX)
        complex_share = (
            complex_closed.filter(closure_reason=ClosureReason.REFERRED).count() / complex_closed.count()
        )
        assert 0.22 <= complex_share <= 0.42, "a third of the questions is simple and rarely referred"
        assert Referral.objects.filter(is_specialist=False).count() > 0.2 * specialist


def test_every_referred_closure_has_started_specialist_care(demo: DemoResult) -> None:
    with system_access("test"):
        referred = Case.objects.filter(closure_reason=ClosureReason.REFERRED)
        assert referred.exists()
        started = defaultdict(list)
        for case_id, start in Referral.objects.filter(
            is_specialist=True, status__in=[S.STARTED, S.FINISHED]
        ).values_list("case_id", "actual_start"):
            started[case_id].append(start)
        for case in referred:
            assert case.closed_at is not None
            starts = started.get(case.pk)
            assert starts, f"{case.reference} closed as referred without started specialist care"
            assert min(starts) < _local(case.closed_at)


def test_closed_cases_wait_for_nobody(demo: DemoResult) -> None:
    with system_access("test"):
        closed = Referral.objects.filter(case__status=Status.CLOSED)
        assert not closed.filter(status__in=[*WAITING_STATUSES, S.PROPOSED]).exists()
        assert not BridgingPlan.objects.filter(active=True, referral__case__status=Status.CLOSED).exists()
        assert not Task.objects.filter(
            kind=Task.Kind.BRIDGING, done_at__isnull=True, case__status=Status.CLOSED
        ).exists()


def test_waiting_referrals_have_consent_and_an_active_bridging_plan(demo: DemoResult) -> None:
    now = OPTIONS.now()
    with system_access("test"):
        waiting = list(
            Referral.objects.filter(status__in=WAITING_STATUSES).select_related(
                "case", "bridging", "bridging__task"
            )
        )
        assert len(waiting) >= 20
        leads = dict(
            CaseAssignment.objects.filter(is_lead=True, ended_at__isnull=True).values_list(
                "case_id", "user_id"
            )
        )
        consents = set(
            Consent.objects.filter(withdrawn_on__isnull=True).values_list("referral_id", flat=True)
        )
        intervals: Counter[int] = Counter()
        for r in waiting:
            assert r.case.status != Status.CLOSED
            assert r.pk in consents
            assert r.sent_at is not None and r.sent_at <= now
            plan = r.bridging
            assert plan.active
            assert plan.contact_id == leads[r.case_id], "the case lead keeps contact"
            intervals[plan.interval_days] += 1
            task = plan.task
            assert task is not None and task.done_at is None and task.kind == Task.Kind.BRIDGING
            assert task.case_id == r.case_id and task.assignee_id == plan.contact_id
            assert task.due_on == plan.next_due
            base = _local(plan.last_check_in_at) if plan.last_check_in_at else _local(plan.created_at)
            assert plan.next_due == base + datetime.timedelta(days=plan.interval_days)
            if r.status != S.SENT:
                assert r.answered_at is not None
        assert intervals[14] / sum(intervals.values()) >= 0.6, "fortnightly contact, mostly"
        # One open check-in task per active plan, and none without one.
        open_tasks = Task.objects.filter(kind=Task.Kind.BRIDGING, done_at__isnull=True)
        assert open_tasks.count() == BridgingPlan.objects.filter(active=True).count()
        assert (
            not BridgingPlan.objects.filter(active=True)
            .exclude(referral__status__in=WAITING_STATUSES)
            .exists()
        )


def test_check_ins_follow_the_rhythm_since_sending(demo: DemoResult) -> None:
    now = OPTIONS.now()
    with system_access("test"):
        by_plan: dict[int, list[datetime.datetime]] = defaultdict(list)
        for plan_id, at in CheckIn.objects.order_by("occurred_at").values_list("plan_id", "occurred_at"):
            by_plan[plan_id].append(at)
        plans = BridgingPlan.objects.select_related("referral")
        assert CheckIn.objects.count() > plans.count()
        for plan in plans:
            times = by_plan.get(plan.pk, [])
            sent = plan.referral.sent_at
            assert sent is not None and plan.created_at == sent
            ended = plan.referral.ended_at or now
            previous = sent
            for at in times:
                assert previous < at <= now
                assert (at - previous).days <= plan.interval_days + 6  # weekends and holidays
                previous = at
            if plan.referral.actual_start is not None:
                assert times == [] or times[-1] < ended or plan.referral.status == S.FINISHED
            assert plan.last_check_in_at == (times[-1] if times else None)


def test_some_check_ins_are_overdue_in_every_team(demo: DemoResult) -> None:
    with system_access("test"):
        overdue = Counter(
            BridgingPlan.objects.filter(active=True, next_due__lt=TODAY).values_list(
                "referral__case__team_id", flat=True
            )
        )
        active = BridgingPlan.objects.filter(active=True).count()
    assert all(overdue[team.pk] >= 1 for team in demo.teams)
    assert sum(overdue.values()) < active / 2, "a few, not most"


def test_waiting_times_run_from_weeks_to_months(demo: DemoResult) -> None:
    with system_access("test"):
        started = Referral.objects.filter(actual_start__isnull=False, sent_at__isnull=False)
        specialist = [
            (start - _local(sent)).days
            for start, sent in started.filter(is_specialist=True).values_list("actual_start", "sent_at")
        ]
        other = [
            (start - _local(sent)).days
            for start, sent in started.filter(is_specialist=False).values_list("actual_start", "sent_at")
        ]
        waiting = [
            (TODAY - _local(sent)).days
            for sent in Referral.objects.filter(status__in=WAITING_STATUSES).values_list("sent_at", flat=True)
        ]
    assert min(specialist) >= 1 and max(specialist) <= 300
    assert 35 <= statistics.median(specialist) <= 130, "specialist care: two to four months, usually"
    assert statistics.median(other) < statistics.median(specialist)
    assert min(waiting) >= 0 and max(waiting) <= 300
    assert statistics.median(waiting) >= 14


def test_answers_end_with_reasons_and_feedback(demo: DemoResult) -> None:
    with system_access("test"):
        statuses = Counter(Referral.objects.values_list("status", flat=True))
        assert {S.SENT, S.ACCEPTED, S.WAITING, S.STARTED, S.FINISHED, S.REJECTED, S.CANCELLED} <= set(
            statuses
        )
        assert not Referral.objects.filter(status=S.REJECTED, rejection_reason="").exists()
        assert not Referral.objects.filter(status=S.CANCELLED, cancel_reason="").exists()
        ended = Referral.objects.filter(status__in=[S.REJECTED, S.CANCELLED, S.FINISHED])
        assert not ended.filter(ended_at__isnull=True).exists()
        assert not BridgingPlan.objects.filter(
            active=True, referral__status__in=[S.STARTED, S.FINISHED]
        ).exists()
        finished = Referral.objects.filter(status=S.FINISHED)
        assert finished.exclude(feedback="").count() > finished.count() / 2
        assert not finished.exclude(feedback="").filter(feedback_at__isnull=True).exists()
        # Consent always precedes sending.
        for consent in Consent.objects.filter(referral__sent_at__isnull=False).select_related("referral")[
            :400
        ]:
            sent = consent.referral.sent_at
            assert sent is not None and consent.recorded_at <= sent and consent.given_on <= _local(sent)
        for referral in Referral.objects.order_by("?")[:200]:
            referral.full_clean()
            assert referral.status_changed_at >= referral.proposed_at
        for model in (Consent, BridgingPlan, CheckIn):
            for row in model.objects.order_by("?")[:100]:
                row.full_clean()


def test_referral_steps_are_on_the_timeline(demo: DemoResult) -> None:
    with system_access("test"):
        entries = TimelineEntry.objects.filter(kind=TimelineEntry.Kind.REFERRAL)
        proposed = Counter(
            entries.filter(text__startswith="Verwijzing voorgesteld").values_list("case_id", flat=True)
        )
        referrals = Counter(Referral.objects.values_list("case_id", flat=True))
        assert proposed == referrals
        sent = entries.filter(text__startswith="Verwijzing verstuurd").count()
        assert sent == Referral.objects.filter(sent_at__isnull=False).count()
        check_ins = entries.filter(text__startswith="Overbruggingscontact").count()
        assert check_ins == CheckIn.objects.count()
        started = entries.filter(text__startswith="Hulp bij", text__contains="gestart").count()
        assert started == Referral.objects.filter(actual_start__isnull=False).count()


def test_agreements_on_about_a_third_of_running_cases(demo: DemoResult) -> None:
    with system_access("test"):
        running = Case.objects.filter(status__in=[Status.EXECUTION, Status.EVALUATION])
        share = running.filter(agreements__isnull=False).distinct().count() / running.count()
        assert 0.2 <= share <= 0.45
        agreements = Agreement.objects.all()
        assert agreements.filter(partner__kind=PartnerKind.POLICE).exists()
        assert agreements.filter(partner__kind=PartnerKind.DEBT).exists()
        assert not agreements.filter(ends_on__lt=F("starts_on")).exists()
        assert not agreements.filter(case__status=Status.CLOSED, ended_at__isnull=True).exists()
        for agreement in agreements.order_by("?")[:150]:
            agreement.full_clean()
            if agreement.ended_at is not None:
                assert agreement.ended_at >= agreement.created_at


def test_meldcode_tracks(demo: DemoResult) -> None:
    with system_access("test"):
        tracks = list(MeldcodeTrack.objects.select_related("case").prefetch_related("steps"))
        assert tracks
        assert all(t.case.safety_concern for t in tracks)
        open_per_case = Counter(t.case_id for t in tracks if t.status == MeldcodeTrack.Status.OPEN)
        assert max(open_per_case.values()) == 1
        reports = {r.track_id: r for r in VeiligThuisReport.objects.all()}
        open_at_step = []
        for track in tracks:
            steps = sorted(track.steps.all(), key=lambda s: s.number)
            assert [s.number for s in steps] == list(range(1, len(steps) + 1))
            days = [s.done_on for s in steps]
            assert days == sorted(days) and days[0] >= _local(track.started_at)
            assert all(s.signed_by_id is not None for s in steps)
            for step in steps:
                step.full_clean(exclude=UNANSWERED)  # null=True without blank=True: None fails full_clean
            if track.status == MeldcodeTrack.Status.OPEN:
                assert track.case.status != Status.CLOSED and track.ended_at is None
                open_at_step.append(len(steps))
            elif track.status == MeldcodeTrack.Status.DECIDED:
                assert len(steps) == 5 and track.ended_at is not None
                weigh, decide = steps[3], steps[4]
                assert weigh.suspicion is not None and weigh.unsafety is not None
                assert decide.report_necessary is not None and decide.help_possible is not None
                if weigh.unsafety:
                    assert decide.report_necessary
                if track.pk in reports:
                    assert decide.report_necessary
                    assert reports[track.pk].reported_on >= decide.done_on
            else:
                assert track.stop_reason and track.ended_at is not None
            if track.case.closed_at is not None and track.ended_at is not None:
                assert track.ended_at < track.case.closed_at
        assert {2, 3} & set(open_at_step), "some tracks are at step 2 or 3"
        assert reports, "some tracks led to a report to Veilig Thuis"
        per_team = Counter(t.case.team_id for t in tracks)
        assert all(per_team[team.pk] >= 1 for team in demo.teams)
        assert MeldcodeStep.objects.count() >= len(tracks)


def test_one_or_two_crisis_cases_per_team(demo: DemoResult) -> None:
    now = OPTIONS.now()
    with system_access("test"):
        crisis = Case.objects.filter(crisis=True)
        per_team = Counter(crisis.values_list("team_id", flat=True))
        assert all(1 <= per_team[team.pk] <= 2 for team in demo.teams)
        for case in crisis:
            assert case.status != Status.CLOSED
            assert case.crisis_since is not None and case.registered_at < case.crisis_since <= now
            assert case.crisis_note
            assert case.timeline.filter(
                kind=TimelineEntry.Kind.CRISIS, occurred_at=case.crisis_since
            ).exists()
        assert (
            not Case.objects.filter(crisis=False)
            .filter(Q(crisis_since__isnull=False) | ~Q(crisis_note=""))
            .exists()
        )


def test_waitlist_selectors_on_the_demo_data(demo: DemoResult) -> None:
    worker = demo.user("medewerker")
    team_id = demo.teams[0].pk
    rows = referral_selectors.waitlist(actor=worker, team_id=team_id, today=TODAY)
    assert rows and all(row.referral.case.team_id == team_id for row in rows)
    assert rows[0].overdue, "overdue check-ins first"
    assert not any(row.no_plan for row in rows)
    mine = referral_selectors.overdue_check_ins(actor=worker, contact_id=worker.pk, today=TODAY)
    assert mine, "the demo worker has an overdue bridging check-in"
    with system_access("test"):
        members = dict(
            TeamMembership.objects.filter(user__role=Role.COORDINATOR).values_list("team_id", "user")
        )
    for team in demo.teams:
        with system_access("test"):
            coordinator = User.objects.get(pk=members[team.pk])
        assert referral_selectors.overdue_check_ins(actor=coordinator, team_id=team.pk, today=TODAY)
    case = mine[0].referral.case
    referrals = referral_selectors.case_referrals(actor=worker, case=case)
    assert any(r.is_waiting for r in referrals)
    assert referral_selectors.waiting_referral_count(actor=worker, case=case) >= 1


def test_counts_match_the_rows(demo: DemoResult) -> None:
    counts = demo.counts
    with system_access("test"):
        assert counts["referrals"] == Referral.objects.count()
        assert counts["waiting_referrals"] == Referral.objects.filter(status__in=WAITING_STATUSES).count()
        assert counts["consents"] == Consent.objects.count()
        assert counts["bridging_plans"] == BridgingPlan.objects.count()
        assert counts["check_ins"] == CheckIn.objects.count()
        assert counts["agreements"] == Agreement.objects.count()
        assert counts["meldcode_tracks"] == MeldcodeTrack.objects.count()
        assert counts["veilig_thuis_reports"] == VeiligThuisReport.objects.count()
        assert counts["crisis_cases"] == Case.objects.filter(crisis=True).count()
        per_case = Referral.objects.values("case_id").annotate(n=Count("id"))
        assert max(row["n"] for row in per_case) <= 4
