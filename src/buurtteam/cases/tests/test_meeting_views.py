"""Casusoverleg pages: the agenda builds itself, decisions land in the case's timeline."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, CaseMeeting, MeetingItem, TimelineEntry
from buurtteam.cases.services import assignment, meetings
from buurtteam.cases.tests.factories import Area, give_area
from buurtteam.cases.tests.test_caseload_views import audited, count_queries, new_case, set_case, shows
from buurtteam.core.gate import system_access


@pytest.fixture
def area(tenant: Tenant) -> Area:
    return give_area(tenant.team)


def items_of(meeting: CaseMeeting) -> dict[int, MeetingItem]:
    with system_access("test assertion"):
        return {i.case_id: i for i in MeetingItem.objects.filter(meeting=meeting)}


def timeline_of(case: Case, kind: str) -> list[str]:
    with system_access("test assertion"):
        return list(TimelineEntry.objects.filter(case=case, kind=kind).values_list("text", flat=True))


@pytest.fixture
def agenda_cases(tenant: Tenant, area: Area) -> tuple[Case, Case, Case]:
    """A safety-flagged case, a stuck case (no contact for six weeks) and a quiet, recent one."""
    safety = new_case(tenant, area, safety_concern=True)
    assignment.case_assign(actor=tenant.worker, case=safety, user_id=tenant.worker.pk, as_lead=True)
    stuck = new_case(tenant, area)
    assignment.case_assign(actor=tenant.worker, case=stuck, user_id=tenant.worker.pk, as_lead=True)
    six_weeks_ago = timezone.now() - datetime.timedelta(weeks=6)
    set_case(stuck, last_contact_at=six_weeks_ago, first_contact_at=six_weeks_ago)
    quiet = new_case(tenant, area)
    assignment.case_assign(actor=tenant.worker, case=quiet, user_id=tenant.worker.pk, as_lead=True)
    set_case(quiet, last_contact_at=timezone.now(), first_contact_at=timezone.now())
    return safety, stuck, quiet


@pytest.mark.django_db
def test_new_meeting_builds_its_agenda(
    client: Client, tenant: Tenant, agenda_cases: tuple[Case, Case, Case]
) -> None:
    safety, stuck, quiet = agenda_cases
    client.force_login(tenant.worker)
    url = reverse("cases:meeting_list", kwargs={"team_id": tenant.team.pk})
    page = client.get(url)
    assert page.status_code == 200 and "Nieuw overleg" in page.content.decode()
    response = client.post(url, {"held_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    meeting = CaseMeeting.objects.visible_to(tenant.worker).get()
    assert response["Location"] == reverse("cases:meeting_detail", kwargs={"meeting_id": meeting.pk})
    items = items_of(meeting)
    assert MeetingItem.Reason.SAFETY in items[safety.pk].reasons
    assert MeetingItem.Reason.STUCK in items[stuck.pk].reasons
    assert quiet.pk not in items

    body = client.get(response["Location"]).content.decode()
    assert shows(body, safety.reference) and shows(body, stuck.reference)
    assert not shows(body, quiet.reference)
    assert "Zorgen over veiligheid" in body and "Geen contact" in body
    assert safety.client.full_name in body
    event = audited("case_meeting")
    assert set(event.details["case_ids"]) == {safety.pk, stuck.pk}
    assert event.subject_team_id == tenant.team.pk
    assert audited("case_meeting", Action.CREATE).object_id == str(meeting.pk)
    # The list shows the meeting with its counts.
    listing = client.get(url).content.decode()
    assert timezone.localdate().strftime("%d-%m-%Y") in listing


@pytest.mark.django_db
def test_meeting_date_errors_are_dutch(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    url = reverse("cases:meeting_list", kwargs={"team_id": tenant.team.pk})
    response = client.post(url, {"held_on": "gisteren"})
    assert response.status_code == 400 and "Vul een geldige datum in." in response.content.decode()
    long_ago = (timezone.localdate() - datetime.timedelta(days=90)).isoformat()
    response = client.post(url, {"held_on": long_ago})
    assert response.status_code == 400 and "vanaf een maand geleden" in response.content.decode()
    assert not CaseMeeting.objects.visible_to(tenant.worker).exists()


@pytest.mark.django_db
def test_decision_lands_in_the_case_timeline(
    client: Client, tenant: Tenant, agenda_cases: tuple[Case, Case, Case]
) -> None:
    safety, _stuck, _quiet = agenda_cases
    meeting = meetings.meeting_create(
        actor=tenant.coordinator, team=tenant.team, held_on=timezone.localdate()
    )
    item = items_of(meeting)[safety.pk]
    client.force_login(tenant.coordinator)
    url = reverse("cases:meeting_decide", kwargs={"meeting_id": meeting.pk, "item_id": item.pk})
    field = f"punt-{item.pk}-decision"

    response = client.post(url, {field: "  "})
    assert response.status_code == 400 and "Schrijf het besluit op." in response.content.decode()
    assert timeline_of(safety, "decision") == []

    decision = "Veilig Thuis raadplegen <script>alert(1)</script>"
    response = client.post(url, {field: decision})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#punt-{item.pk}")
    (text,) = timeline_of(safety, "decision")
    assert "Veilig Thuis raadplegen" in text
    item.refresh_from_db()
    assert item.decided_by_id == tenant.coordinator.pk
    event = audited("meeting_item", Action.UPDATE)
    assert event.subject_id == safety.client_id and event.details["decided"] is True
    body = client.get(reverse("cases:meeting_detail", kwargs={"meeting_id": meeting.pk})).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert(1)" not in body
    assert "Besluit aanpassen" in body


@pytest.mark.django_db
def test_add_a_case_to_the_agenda_and_close_the_meeting(
    client: Client, tenant: Tenant, area: Area, agenda_cases: tuple[Case, Case, Case]
) -> None:
    _safety, _stuck, quiet = agenda_cases
    meeting = meetings.meeting_create(actor=tenant.worker, team=tenant.team, held_on=timezone.localdate())
    client.force_login(tenant.worker)
    add_url = reverse("cases:meeting_add_case", kwargs={"meeting_id": meeting.pk})
    response = client.post(add_url, {"case": "2099-9999999"})
    assert response.status_code == 400 and "geen open casus van dit team" in response.content.decode()
    assert client.post(add_url, {"case": ""}).status_code == 400

    response = client.post(add_url, {"case": quiet.reference})
    assert response.status_code == 302
    assert items_of(meeting)[quiet.pk].reasons == [MeetingItem.Reason.REQUESTED]
    response = client.post(add_url, {"case": quiet.reference})
    assert response.status_code == 400 and "staat al op de agenda" in response.content.decode()
    body = client.get(reverse("cases:meeting_detail", kwargs={"meeting_id": meeting.pk})).content.decode()
    assert "Ingebracht" in body

    # A case of another team of the organisation cannot be brought in.
    elsewhere = new_case(tenant, give_area(tenant.other_team))
    assert client.post(add_url, {"case": elsewhere.reference}).status_code == 400

    close_url = reverse("cases:meeting_close", kwargs={"meeting_id": meeting.pk})
    assert client.post(close_url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.closed_at is not None
    assert audited("case_meeting", Action.UPDATE).object_id == str(meeting.pk)
    # Closed: no more decisions, cases or closing, each a Dutch message.
    item = items_of(meeting)[quiet.pk]
    decide_url = reverse("cases:meeting_decide", kwargs={"meeting_id": meeting.pk, "item_id": item.pk})
    response = client.post(decide_url, {f"punt-{item.pk}-decision": "Toch nog iets"})
    assert response.status_code == 400 and "afgesloten" in response.content.decode()
    assert timeline_of(quiet, "decision") == []
    assert client.post(add_url, {"case": quiet.reference}).status_code == 400
    response = client.post(close_url)
    assert response.status_code == 400 and "al afgesloten" in response.content.decode()


@pytest.mark.django_db
def test_meeting_page_query_count_is_constant(client: Client, tenant: Tenant, area: Area) -> None:
    meeting = meetings.meeting_create(actor=tenant.worker, team=tenant.team, held_on=timezone.localdate())

    def add(n: int) -> None:
        for _ in range(n):
            case = new_case(tenant, area, safety_concern=True)
            assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
            meetings.meeting_add_case(actor=tenant.worker, meeting=meeting, case_id=case.pk)

    client.force_login(tenant.worker)
    url = reverse("cases:meeting_detail", kwargs={"meeting_id": meeting.pk})
    add(3)
    client.get(url)
    few = count_queries(client, url)
    add(27)
    assert count_queries(client, url) == few
    list_url = reverse("cases:meeting_list", kwargs={"team_id": tenant.team.pk})
    assert count_queries(client, list_url) > 0


@pytest.mark.django_db
def test_meeting_access_other_organisation_policy_officer_other_team_and_anonymous(
    client: Client, tenant: Tenant, other_tenant: Tenant, agenda_cases: tuple[Case, Case, Case]
) -> None:
    safety, _stuck, _quiet = agenda_cases
    meeting = meetings.meeting_create(actor=tenant.worker, team=tenant.team, held_on=timezone.localdate())
    item = items_of(meeting)[safety.pk]
    field = f"punt-{item.pk}-decision"
    get_urls = [
        reverse("cases:meeting_list", kwargs={"team_id": tenant.team.pk}),
        reverse("cases:meeting_detail", kwargs={"meeting_id": meeting.pk}),
    ]
    post_urls = [
        reverse("cases:meeting_list", kwargs={"team_id": tenant.team.pk}),
        reverse("cases:meeting_decide", kwargs={"meeting_id": meeting.pk, "item_id": item.pk}),
        reverse("cases:meeting_add_case", kwargs={"meeting_id": meeting.pk}),
        reverse("cases:meeting_close", kwargs={"meeting_id": meeting.pk}),
    ]
    data = {
        field: "Besluit van buiten",
        "case": safety.reference,
        "held_on": timezone.localdate().isoformat(),
    }
    for url in get_urls + post_urls:
        response = client.get(url) if url in get_urls else client.post(url, data)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], url
    for outsider in (other_tenant.worker, other_tenant.coordinator, tenant.policy_officer, tenant.colleague):
        client.force_login(outsider)
        for url in get_urls:
            assert client.get(url).status_code == 404, (outsider.role, url)
        for url in post_urls:
            assert client.post(url, data).status_code == 404, (outsider.role, url)
        client.logout()
    meeting.refresh_from_db()
    assert meeting.closed_at is None
    assert timeline_of(safety, "decision") == []
    assert CaseMeeting.objects.visible_to(tenant.worker).count() == 1
    # An item of another meeting under this meeting's URL: 404.
    other = meetings.meeting_create(actor=tenant.worker, team=tenant.team, held_on=timezone.localdate())
    other_item = items_of(other)[safety.pk]
    client.force_login(tenant.worker)
    url = reverse("cases:meeting_decide", kwargs={"meeting_id": meeting.pk, "item_id": other_item.pk})
    assert client.post(url, {f"punt-{other_item.pk}-decision": "x"}).status_code == 404
    assert client.get(url).status_code == 405
