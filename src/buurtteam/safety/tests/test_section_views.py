"""The safety section on the case page: who sees it, starting a track, and marking or lifting a crisis."""

from __future__ import annotations

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from buurtteam.accounts.models import User
from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Case, MeetingItem
from buurtteam.cases.selectors.cases import team_cases
from buurtteam.cases.selectors.meetings import agenda_candidates
from buurtteam.cases.services import assignment, lifecycle
from buurtteam.cases.tests.factories import give_area, registered_case, resident_in
from buurtteam.core.gate import system_access
from buurtteam.residents.services import break_glass
from buurtteam.safety.models import MeldcodeTrack
from buurtteam.safety.services import meldcode
from buurtteam.safety.tests.helpers import case_with_worker, record_steps, snapshot

pytestmark = pytest.mark.django_db

SECTION = 'id="veiligheid"'


@pytest.fixture
def case(tenant: Tenant) -> Case:
    return case_with_worker(tenant)


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def case_page(case: Case) -> str:
    return reverse("cases:case_detail", kwargs={"case_id": case.pk})


def crisis_url(case: Case) -> str:
    return reverse("safety:crisis_set", kwargs={"case_id": case.pk})


def start_url(case: Case) -> str:
    return reverse("safety:track_start", kwargs={"case_id": case.pk})


def fresh(case: Case) -> Case:
    with system_access("test assertion"):
        return Case.objects.get(pk=case.pk)


def first_case(tenant: Tenant) -> int:
    """The case on top of the team's list."""
    return int(team_cases(actor=tenant.worker, team_id=tenant.team.pk).values_list("pk", flat=True)[0])


def refused(client: Client, target: str, data: dict[str, str], case: Case, message: str) -> str:
    before = snapshot(case)
    response = client.post(target, data)
    body = response.content.decode()
    assert response.status_code == 400, (target, response.status_code)
    assert message in body, f"{message!r} not on the page"
    assert "Er is niets opgeslagen." in body
    assert snapshot(case) == before
    return body


# --- Who sees the section -------------------------------------------------------------------------------
def test_the_case_worker_and_the_coordinator_see_the_section(
    client: Client, tenant: Tenant, case: Case
) -> None:
    track = meldcode.track_start(actor=tenant.worker, case=case, concern="Signalen")
    record_steps(tenant.worker, track, 2)
    track_url = reverse("safety:track_detail", kwargs={"case_id": case.pk, "track_id": track.pk})
    for user in (tenant.worker, tenant.coordinator):
        body = login(client, user).get(case_page(case)).content.decode()
        assert SECTION in body and "Veiligheid en meldcode" in body
        assert track_url in body
        assert "Bezig met stap 3 van 5" in body
        assert "Ja, gemarkeerd" in body  # the safety flag the start raised
        assert 'name="crisis-note"' in body
        # One track is open: no second start form.
        assert 'name="meldcode-concern"' not in body
    assert AuditEvent.objects.filter(
        action=Action.READ,
        object_type="meldcode_tracks",
        object_id=str(track.pk),
        actor_id=tenant.coordinator.pk,
    ).exists()


def test_a_teammate_not_on_the_case_does_not_see_the_section(
    client: Client, tenant: Tenant, case: Case
) -> None:
    track = meldcode.track_start(actor=tenant.worker, case=case, concern="Signalen")
    teammate = member_of(tenant.team)
    login(client, teammate)
    page = client.get(case_page(case))
    body = page.content.decode()
    assert page.status_code == 200  # the summary
    assert SECTION not in body and "meldcode" not in body.lower()
    track_url = reverse("safety:track_detail", kwargs={"case_id": case.pk, "track_id": track.pk})
    assert client.get(track_url).status_code == 404
    # Nor can they start a track or set the crisis flag.
    before = snapshot(case)
    assert client.post(start_url(case), {"meldcode-concern": "Zorgen"}).status_code == 404
    assert client.post(crisis_url(case), {"crisis-crisis": "1", "crisis-note": "Acuut"}).status_code == 404
    assert snapshot(case) == before


def test_no_track_yet_offers_the_start_form(client: Client, tenant: Tenant, case: Case) -> None:
    body = login(client, tenant.worker).get(case_page(case)).content.decode()
    assert "Voor deze casus is de meldcode nog niet gevolgd." in body
    assert 'name="meldcode-concern"' in body


def test_section_query_count_is_constant(client: Client, tenant: Tenant, case: Case) -> None:
    login(client, tenant.worker)
    first = meldcode.track_start(actor=tenant.worker, case=case, concern="Eerste")
    meldcode.track_stop(actor=tenant.worker, track=first, reason="Weg")
    client.get(case_page(case))  # creates the default instrument and settles the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(case_page(case)).status_code == 200
    for i in range(3):
        track = meldcode.track_start(actor=tenant.worker, case=case, concern=f"Signalen {i}")
        record_steps(tenant.worker, track, 3)
        meldcode.track_stop(actor=tenant.worker, track=track, reason="Weg")
    record_steps(tenant.worker, meldcode.track_start(actor=tenant.worker, case=case, concern="Open"), 2)
    with CaptureQueriesContext(connection) as many:
        assert client.get(case_page(case)).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# --- Starting a track -----------------------------------------------------------------------------------
def test_start_from_the_case_page(client: Client, tenant: Tenant, case: Case) -> None:
    login(client, tenant.worker)
    body = refused(
        client, start_url(case), {"meldcode-concern": "  "}, case, "Schrijf kort wat de aanleiding is."
    )
    assert 'aria-invalid="true"' in body and case.reference in body
    response = client.post(start_url(case), {"meldcode-concern": "Kind vertelt over slaan"})
    assert response.status_code == 302
    with system_access("test assertion"):
        track = MeldcodeTrack.objects.get(case=case)
    assert track.concern == "Kind vertelt over slaan" and fresh(case).safety_concern is True
    refused(client, start_url(case), {"meldcode-concern": "Nog een"}, case, "Er loopt al een meldcodetraject")


def test_start_refused_on_a_closed_case(client: Client, tenant: Tenant, case: Case) -> None:
    lifecycle.case_close(actor=tenant.worker, case=case, reason="no_longer_needed")
    login(client, tenant.worker)
    body = client.get(case_page(case)).content.decode()
    assert 'name="meldcode-concern"' not in body and 'name="crisis-note"' not in body
    refused(client, start_url(case), {"meldcode-concern": "Signalen"}, case, "Deze casus is afgesloten.")


def test_break_glass_may_not_start_a_track(client: Client, tenant: Tenant, case: Case) -> None:
    glass = member_of(tenant.other_team)
    break_glass(actor=glass, resident_id=case.client_id, reason="Acute zorg, dossier nodig")
    login(client, glass)
    before = snapshot(case)
    assert client.post(start_url(case), {"meldcode-concern": "Signalen"}).status_code == 404
    assert snapshot(case) == before


# --- The crisis flag ------------------------------------------------------------------------------------
def test_mark_and_lift_a_crisis(client: Client, tenant: Tenant, case: Case) -> None:
    area = give_area(tenant.team)
    newer = registered_case(tenant, resident_in(tenant, area, first_name="Piet"))
    assignment.case_assign(actor=tenant.worker, case=newer, user_id=tenant.worker.pk, as_lead=True)
    assert first_case(tenant) == newer.pk

    login(client, tenant.worker)
    refused(
        client,
        crisis_url(case),
        {"crisis-crisis": "1", "crisis-note": ""},
        case,
        "Schrijf kort wat er aan de hand is.",
    )
    response = client.post(crisis_url(case), {"crisis-crisis": "1", "crisis-note": "Vader dreigt met geweld"})
    assert response.status_code == 302 and response["Location"].endswith("#veiligheid")
    marked = fresh(case)
    assert marked.crisis and marked.crisis_note == "Vader dreigt met geweld" and marked.crisis_since
    assert first_case(tenant) == case.pk
    agenda = agenda_candidates(actor=tenant.coordinator, team_id=tenant.team.pk)
    assert agenda[0].case_id == case.pk and MeetingItem.Reason.CRISIS in agenda[0].reasons

    body = client.get(case_page(case)).content.decode()
    assert "Vader dreigt met geweld" in body and "Crisis opheffen" in body
    refused(client, crisis_url(case), {"crisis-crisis": "1", "crisis-note": "Weer"}, case, "al als crisis")

    response = client.post(crisis_url(case), {"crisis-crisis": "0", "crisis-note": ""})
    assert response.status_code == 302
    assert fresh(case).crisis is False
    assert first_case(tenant) == newer.pk
    refused(client, crisis_url(case), {"crisis-crisis": "0"}, case, "staat niet als crisis gemarkeerd")


def test_crisis_note_is_escaped(client: Client, tenant: Tenant, case: Case) -> None:
    login(client, tenant.worker)
    client.post(crisis_url(case), {"crisis-crisis": "1", "crisis-note": "<img src=x onerror=alert(1)>"})
    body = client.get(case_page(case)).content.decode()
    assert "<img src=x" not in body and "&lt;img src=x onerror=alert(1)&gt;" in body


def test_crisis_needs_full_access(client: Client, tenant: Tenant, other_tenant: Tenant, case: Case) -> None:
    # Break-the-glass is full access to the case: the crisis flag is allowed (not the meldcode).
    glass = member_of(tenant.other_team)
    break_glass(actor=glass, resident_id=case.client_id, reason="Acute zorg, dossier nodig")
    login(client, glass)
    assert client.post(crisis_url(case), {"crisis-crisis": "1", "crisis-note": "Acuut"}).status_code == 302
    assert fresh(case).crisis is True
    before = snapshot(case)
    for user in (tenant.colleague, tenant.policy_officer, other_tenant.worker, other_tenant.coordinator):
        login(client, user)
        assert client.post(crisis_url(case), {"crisis-crisis": "0"}).status_code == 404
        assert client.get(crisis_url(case)).status_code in (404, 405)
    assert snapshot(case) == before


def test_crisis_on_a_closed_case_is_refused(client: Client, tenant: Tenant, case: Case) -> None:
    lifecycle.case_close(actor=tenant.worker, case=case, reason="no_longer_needed")
    login(client, tenant.worker)
    refused(
        client,
        crisis_url(case),
        {"crisis-crisis": "1", "crisis-note": "Acuut"},
        case,
        "Deze casus is afgesloten.",
    )


def test_crisis_since_and_note_are_shown(client: Client, tenant: Tenant, case: Case) -> None:
    login(client, tenant.worker)
    client.post(crisis_url(case), {"crisis-crisis": "1", "crisis-note": "Acuut onveilig thuis"})
    since = fresh(case).crisis_since
    assert since is not None
    with translation.override("nl"):
        expected = dateformat.format(timezone.localtime(since), "j F Y, H:i")
    body = client.get(case_page(case)).content.decode()
    assert f"sinds {expected}" in body and "Acuut onveilig thuis" in body
