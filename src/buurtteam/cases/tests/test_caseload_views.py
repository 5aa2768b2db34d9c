"""Caseload pages: my cases, the team's cases, the queue and assignment (suggestion, add, transfer)."""

from __future__ import annotations

import datetime
import itertools
import re
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtteam.accounts.models import User
from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.clock import working_days_between
from buurtteam.cases.models import Case, CaseAssignment, Status, TimelineEntry
from buurtteam.cases.services import assignment, lifecycle
from buurtteam.cases.tests.factories import Area, domain, give_area, registered_case, resident_in
from buurtteam.core.gate import system_access
from buurtteam.organisation.tests.factories import DisciplineFactory

_names = itertools.count(1)


@pytest.fixture
def area(tenant: Tenant) -> Area:
    return give_area(tenant.team)


def new_case(tenant: Tenant, area: Area, **data: Any) -> Case:
    """A registered case for a fresh resident in the team's area."""
    n = next(_names)
    resident = resident_in(
        tenant,
        area,
        first_name=f"Inwoner{n:03d}",
        last_name="Testmans",
        birth_date=datetime.date(1960, 1, 1) + datetime.timedelta(days=n * 97),
    )
    return registered_case(tenant, resident, **data)


def set_case(case: Case, **values: Any) -> None:
    """Put a case in a state the services would take weeks to reach (dates in the past)."""
    with system_access("test setup"):
        Case.objects.filter(pk=case.pk).update(**values)
    case.refresh_from_db()


def long_ago_registered(days: int = 20) -> datetime.datetime:
    """At least ``days`` calendar days ago and, whatever the holidays, more than 10 working days."""
    today = timezone.localdate()
    day = today - datetime.timedelta(days=days)
    while working_days_between(day, today) <= 11:
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def audited(object_type: str, action: str = Action.READ) -> AuditEvent:
    event = AuditEvent.objects.filter(object_type=object_type, action=action).order_by("-id").first()
    assert event is not None, f"no {action} audit event for {object_type}"
    return event


def shows(body: str, reference: str) -> bool:
    """The reference appears as a whole (2026-0000001 is not part of 2026-0000010)."""
    return re.search(rf"{re.escape(reference)}(?!\d)", body) is not None


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def active(case: Case) -> list[CaseAssignment]:
    with system_access("test assertion"):
        return list(CaseAssignment.objects.filter(case=case, ended_at__isnull=True).order_by("-is_lead"))


# --- My cases -------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_my_cases_shows_my_open_cases_with_role_tasks_and_audit(
    client: Client, tenant: Tenant, area: Area
) -> None:
    mine = new_case(tenant, area)
    helping = new_case(tenant, area)
    not_mine = new_case(tenant, area)
    assignment.case_assign(actor=tenant.worker, case=mine, user_id=tenant.worker.pk, as_lead=True)
    assignment.case_assign(
        actor=tenant.coordinator, case=helping, user_id=tenant.coordinator.pk, as_lead=True
    )
    assignment.case_assign(actor=tenant.coordinator, case=helping, user_id=tenant.worker.pk)
    lifecycle.task_add(
        actor=tenant.worker,
        case=mine,
        title="Terugbellen over de post",
        due_on=timezone.localdate() + datetime.timedelta(days=3),
        assignee_id=tenant.worker.pk,
    )
    client.force_login(tenant.worker)
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 200
    body = response.content.decode()
    assert shows(body, mine.reference) and shows(body, helping.reference)
    assert not shows(body, not_mine.reference)
    assert "Regisseur" in body and "Medewerker" in body
    assert "1 taak" in body
    event = audited("my_case_list")
    assert set(event.details["case_ids"]) == {mine.pk, helping.pk}
    assert mine.client_id in event.details["client_ids"]


@pytest.mark.django_db
def test_my_cases_query_count_is_constant(client: Client, tenant: Tenant, area: Area) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            case = new_case(tenant, area)
            assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
            assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.coordinator.pk)

    client.force_login(tenant.worker)
    url = reverse("cases:my_cases")
    add(3)
    client.get(url)  # warm up (session, content types)
    few = count_queries(client, url)
    add(27)
    assert count_queries(client, url) == few


# --- The team's cases -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_team_cases_query_count_is_constant(client: Client, tenant: Tenant, area: Area) -> None:
    def add(n: int) -> None:
        for i in range(n):
            case = new_case(tenant, area, safety_concern=i % 2 == 0)
            if i % 3 == 0:
                assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
            else:
                set_case(case, registered_at=long_ago_registered())

    client.force_login(tenant.coordinator)
    url = reverse("cases:team_cases", kwargs={"team_id": tenant.team.pk})
    add(3)
    client.get(url)
    few = count_queries(client, url)
    add(27)
    assert count_queries(client, url) == few


@pytest.mark.django_db
def test_overdue_pickup_stands_out_on_the_team_page(client: Client, tenant: Tenant, area: Area) -> None:
    late = new_case(tenant, area, complexity="complex")
    set_case(late, registered_at=long_ago_registered(20), first_contact_at=None)
    fresh = new_case(tenant, area, complexity="complex")
    simple = new_case(tenant, area, complexity="simple")
    set_case(simple, registered_at=long_ago_registered(20))
    worried = new_case(tenant, area, safety_concern=True, urgency="crisis")
    client.force_login(tenant.coordinator)
    response = client.get(reverse("cases:team_cases", kwargs={"team_id": tenant.team.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    overdue_section, _sep, all_open = body.partition('id="open-heading"')
    assert "Niet op tijd opgepakt" in overdue_section
    assert shows(overdue_section, late.reference)
    assert not shows(overdue_section, fresh.reference) and not shows(overdue_section, simple.reference)
    for case in (late, fresh, simple, worried):
        assert shows(all_open, case.reference)
    assert "utrecht-status-badge--danger" in all_open
    assert "Zorgen over veiligheid" in all_open and "Crisis" in all_open
    event = audited("team_case_list")
    assert event.subject_team_id == tenant.team.pk and late.pk in event.details["case_ids"]


@pytest.mark.django_db
def test_team_cases_filter_by_phase(client: Client, tenant: Tenant, area: Area) -> None:
    registered = new_case(tenant, area)
    in_intake = new_case(tenant, area)
    assignment.case_assign(actor=tenant.worker, case=in_intake, user_id=tenant.worker.pk, as_lead=True)
    lifecycle.conversation_add(
        actor=tenant.worker,
        case=in_intake,
        held_on=timezone.localdate(),
        mode="phone",
        participants="inwoner",
    )
    in_intake.refresh_from_db()
    assert in_intake.status == Status.INTAKE
    client.force_login(tenant.worker)
    url = reverse("cases:team_cases", kwargs={"team_id": tenant.team.pk})
    body = client.get(url, {"fase": "intake"}).content.decode()
    _overdue, _sep, listed = body.partition('id="open-heading"')
    assert shows(listed, in_intake.reference) and not shows(listed, registered.reference)
    assert "Vraagverheldering (1)" in body
    # A made-up phase is ignored, not an error.
    assert client.get(url, {"fase": "<script>", "pagina": "x"}).status_code == 200


# --- The unassigned queue -------------------------------------------------------------------------
@pytest.mark.django_db
def test_self_assign_from_the_queue(client: Client, tenant: Tenant, area: Area) -> None:
    waiting = new_case(tenant, area)
    taken = new_case(tenant, area)
    assignment.case_assign(actor=tenant.coordinator, case=taken, user_id=tenant.coordinator.pk, as_lead=True)
    client.force_login(tenant.worker)
    url = reverse("cases:unassigned_queue", kwargs={"team_id": tenant.team.pk})
    body = client.get(url).content.decode()
    assert shows(body, waiting.reference) and not shows(body, taken.reference)
    assert "Oppakken" in body
    assert audited("unassigned_queue").details["case_ids"] == [waiting.pk]

    response = client.post(url, {"case_id": waiting.pk})
    assert response.status_code == 302
    (lead,) = active(waiting)
    assert lead.user_id == tenant.worker.pk and lead.is_lead
    assert audited("case_assignment", Action.UPDATE).subject_id == waiting.client_id
    assert audited("case_summary").object_id == str(waiting.pk)
    assert "U bent nu regisseur van casus" in client.get(url).content.decode()  # the message, once
    assert not shows(client.get(url).content.decode(), waiting.reference)

    # Picking up a case someone already has: a Dutch message, nothing changes.
    response = client.post(url, {"case_id": taken.pk})
    assert response.status_code == 400
    assert "al door een collega opgepakt" in response.content.decode()
    assert [a.user_id for a in active(taken)] == [tenant.coordinator.pk]
    assert client.post(url, {"case_id": "abc"}).status_code == 400


@pytest.mark.django_db
def test_queue_query_count_is_constant(client: Client, tenant: Tenant, area: Area) -> None:
    def add(n: int) -> None:
        for i in range(n):
            case = new_case(tenant, area, safety_concern=i % 2 == 0)
            if i % 3 == 0:
                set_case(case, registered_at=long_ago_registered())

    client.force_login(tenant.worker)
    url = reverse("cases:unassigned_queue", kwargs={"team_id": tenant.team.pk})
    add(3)
    client.get(url)
    few = count_queries(client, url)
    add(27)
    assert count_queries(client, url) == few


@pytest.mark.django_db
def test_queue_refuses_a_case_of_another_team(client: Client, tenant: Tenant, area: Area) -> None:
    other_area = give_area(tenant.other_team)
    elsewhere = registered_case(tenant, resident_in(tenant, other_area, first_name="Elders"))
    client.force_login(tenant.worker)
    url = reverse("cases:unassigned_queue", kwargs={"team_id": tenant.team.pk})
    assert client.post(url, {"case_id": elsewhere.pk}).status_code == 404
    assert active(elsewhere) == []


# --- Assignment -----------------------------------------------------------------------------------
@pytest.fixture
def specialists(tenant: Tenant) -> tuple[User, User]:
    """Aisha fits money problems and has no cases; Bram has no fitting discipline and a heavy caseload."""
    debt = DisciplineFactory.create(
        organisation=tenant.organisation, code="debt-counsellor", name="Schuldhulp"
    )
    nurse = DisciplineFactory.create(
        organisation=tenant.organisation, code="community-nurse", name="Wijkzorg"
    )
    aisha = member_of(tenant.team, first_name="Aisha", last_name="Bakker", disciplines=[debt])
    bram = member_of(tenant.team, first_name="Bram", last_name="Visser", disciplines=[nurse])
    return aisha, bram


@pytest.mark.django_db
def test_suggestions_explain_themselves_and_are_ordered_by_score(
    client: Client, tenant: Tenant, area: Area, specialists: tuple[User, User]
) -> None:
    _aisha, bram = specialists
    for _ in range(2):
        busy = new_case(tenant, area)
        assignment.case_assign(actor=tenant.coordinator, case=busy, user_id=bram.pk, as_lead=True)
    case = new_case(tenant, area)
    lifecycle.problems_set(
        actor=tenant.coordinator, case=case, problems=[(domain(tenant, "finances"), "Schulden")]
    )
    client.force_login(tenant.coordinator)
    response = client.get(reverse("cases:case_assign", kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Discipline past bij: Financiën (+10); gewogen caseload 0 uit 0 open casussen (-0)" in body
    assert "gewogen caseload 8 uit 2 open casussen (-8)" in body  # 2 cases x (2 x 2)
    suggestions = body[body.index('id="suggestions-heading"') :]
    assert suggestions.index("Aisha Bakker") < suggestions.index("Bram Visser")
    assert "score 10" in suggestions and "score -8" in suggestions
    event = audited("case_summary")
    assert event.object_id == str(case.pk) and event.subject_id == case.client_id


@pytest.mark.django_db
def test_add_workers_as_lead_and_co_worker(
    client: Client, tenant: Tenant, area: Area, specialists: tuple[User, User]
) -> None:
    aisha, bram = specialists
    case = new_case(tenant, area)
    client.force_login(tenant.coordinator)
    url = reverse("cases:case_assign", kwargs={"case_id": case.pk})
    response = client.post(
        url, {"actie": "assign", "toevoegen-user": aisha.pk, "toevoegen-role": "lead", "toevoegen-reason": ""}
    )
    assert response.status_code == 302
    response = client.post(url, {"actie": "assign", "toevoegen-user": bram.pk, "toevoegen-role": "co_worker"})
    assert response.status_code == 302
    assert [(a.user_id, a.is_lead) for a in active(case)] == [(aisha.pk, True), (bram.pk, False)]
    # Adding someone twice is a Dutch field error, nothing changes.
    response = client.post(url, {"actie": "assign", "toevoegen-user": bram.pk, "toevoegen-role": "co_worker"})
    assert response.status_code == 400
    assert "werkt al aan de casus" in response.content.decode()
    assert len(active(case)) == 2
    # Taking a co-worker off the case.
    response = client.post(url, {"actie": "unassign", "afmelden-user": bram.pk})
    assert response.status_code == 302
    assert [a.user_id for a in active(case)] == [aisha.pk]
    # Nonsense is a 400 with a message, not a 500.
    assert client.post(url, {"actie": "iets"}).status_code == 400
    assert client.post(url, {"actie": "unassign", "afmelden-user": "x"}).status_code == 400


@pytest.mark.django_db
def test_transfer_requires_a_reason_and_stays_in_the_organisation(
    client: Client, tenant: Tenant, other_tenant: Tenant, area: Area
) -> None:
    case = new_case(tenant, area)
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    client.force_login(tenant.worker)
    url = reverse("cases:case_assign", kwargs={"case_id": case.pk})
    response = client.post(url, {"actie": "transfer", "overdragen-user": tenant.coordinator.pk})
    assert response.status_code == 400
    assert "Schrijf waarom u de casus overdraagt." in response.content.decode()
    response = client.post(
        url, {"actie": "transfer", "overdragen-user": tenant.coordinator.pk, "overdragen-reason": "   "}
    )
    assert response.status_code == 400
    # Someone of another organisation is refused even when the id is posted by hand.
    response = client.post(
        url, {"actie": "transfer", "overdragen-user": other_tenant.worker.pk, "overdragen-reason": "Verhuisd"}
    )
    assert response.status_code == 400
    assert "Kies een actieve collega uit dit team." in response.content.decode()
    assert [(a.user_id, a.is_lead) for a in active(case)] == [(tenant.worker.pk, True)]

    response = client.post(
        url,
        {
            "actie": "transfer",
            "overdragen-user": tenant.coordinator.pk,
            "overdragen-reason": "Meer expertise",
        },
    )
    assert response.status_code == 302
    assert [(a.user_id, a.is_lead) for a in active(case)] == [(tenant.coordinator.pk, True)]
    with system_access("test assertion"):
        texts = list(
            TimelineEntry.objects.filter(case=case, kind="assignment").values_list("text", flat=True)
        )
    assert any("Meer expertise" in t for t in texts)
    assert audited("case_assignment", Action.UPDATE).details["lead"] is True


@pytest.mark.django_db
def test_only_lead_or_coordinator_may_assign(client: Client, tenant: Tenant, area: Area) -> None:
    case = new_case(tenant, area)
    assignment.case_assign(actor=tenant.coordinator, case=case, user_id=tenant.coordinator.pk, as_lead=True)
    client.force_login(tenant.worker)
    url = reverse("cases:case_assign", kwargs={"case_id": case.pk})
    body = client.get(url).content.decode()
    assert "Alleen de regisseur" in body and 'id="assign-heading"' not in body
    response = client.post(
        url, {"actie": "assign", "toevoegen-user": tenant.worker.pk, "toevoegen-role": "lead"}
    )
    assert response.status_code == 404
    assert [a.user_id for a in active(case)] == [tenant.coordinator.pk]


# --- Access ---------------------------------------------------------------------------------------
def caseload_urls(tenant: Tenant, case: Case) -> list[str]:
    team = {"team_id": tenant.team.pk}
    return [
        reverse("cases:team_cases", kwargs=team),
        reverse("cases:unassigned_queue", kwargs=team),
        reverse("cases:meeting_list", kwargs=team),
        reverse("cases:case_assign", kwargs={"case_id": case.pk}),
    ]


@pytest.mark.django_db
def test_access_other_organisation_policy_officer_and_anonymous(
    client: Client, tenant: Tenant, other_tenant: Tenant, area: Area
) -> None:
    case = new_case(tenant, area)
    urls = caseload_urls(tenant, case)
    for url in [*urls, reverse("cases:my_cases")]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url
        assert client.post(url, {"case_id": case.pk}).status_code == 302, url
    for outsider in (other_tenant.worker, other_tenant.coordinator, tenant.policy_officer, tenant.colleague):
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider.role, url)
            if "/casussen/" not in url or "toewijzen" in url:  # the team list itself is GET only
                posted = client.post(url, {"case_id": case.pk, "actie": "assign", "held_on": "2030-01-01"})
                assert posted.status_code == 404, url
        client.logout()
    assert active(case) == []
    client.force_login(tenant.policy_officer)
    assert client.get(reverse("cases:my_cases")).status_code == 404
    # A worker of another organisation has an empty list of their own, never this team's cases.
    client.force_login(other_tenant.worker)
    response = client.get(reverse("cases:my_cases"))
    assert response.status_code == 200 and not shows(response.content.decode(), case.reference)
    # The case page of another organisation's case, with ids that do not exist, or overflow: all 404.
    client.force_login(tenant.worker)
    assert client.get(reverse("cases:case_assign", kwargs={"case_id": 10**12})).status_code == 404
    assert (
        client.get(reverse("cases:team_cases", kwargs={"team_id": other_tenant.team.pk})).status_code == 404
    )


@pytest.mark.django_db
def test_a_question_registered_as_crisis_is_a_crisis_on_top_of_the_list(
    client: Client, tenant: Tenant, area: Area
) -> None:
    from buurtteam.cases.services import crisis

    older = new_case(tenant, area)
    set_case(older, registered_at=timezone.now() + datetime.timedelta(minutes=5))  # newest, yet second
    urgent = new_case(tenant, area, urgency="crisis")
    assert urgent.crisis and urgent.crisis_since is not None
    assert urgent.crisis_note == "Bij de aanmelding als crisis gemeld."
    with system_access("test"):
        entry = TimelineEntry.objects.get(case=urgent, kind=TimelineEntry.Kind.CRISIS)
    assert entry.text == "Crisis gemarkeerd: Bij de aanmelding als crisis gemeld."
    created = AuditEvent.objects.get(action=Action.CREATE, object_type="case", object_id=str(urgent.pk))
    assert created.details["crisis"] is True
    client.force_login(tenant.worker)
    body = client.get(reverse("cases:team_cases", kwargs={"team_id": tenant.team.pk})).content.decode()
    _overdue, _sep, listed = body.partition('id="open-heading"')
    assert listed.index(urgent.reference) < listed.index(older.reference)
    # Lifted like any crisis; answered at once, a crisis question is no open crisis.
    assignment.case_assign(actor=tenant.worker, case=urgent, user_id=tenant.worker.pk, as_lead=True)
    lifted = crisis.crisis_set(actor=tenant.worker, case=urgent, crisis=False)
    assert not lifted.crisis and lifted.crisis_since is None
    answered = new_case(tenant, area, urgency="crisis", close_now=True, advice_given="Direct doorverwezen.")
    assert not answered.crisis and answered.status == Status.CLOSED
