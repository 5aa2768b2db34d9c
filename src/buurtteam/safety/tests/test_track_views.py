"""The meldcode track page and its forms: the whole track through the views, refusals, access, audit."""

from __future__ import annotations

import re

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
from buurtteam.cases.models import Case
from buurtteam.core.gate import system_access
from buurtteam.residents.services import break_glass
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, VeiligThuisReport
from buurtteam.safety.services import meldcode
from buurtteam.safety.tests.helpers import case_with_worker, fresh_track, record_steps, snapshot

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate

STEP_POSTS: dict[int, dict[str, str]] = {
    1: {},
    2: {"consulted": "Aandachtsfunctionaris", "advice_veilig_thuis": "on", "advice_anonymous": "on"},
    3: {"talked_with": "Moeder en vader"},
    4: {
        "suspicion": "ja",
        "unsafety": "ja",
        "can_help": "ja",
        "accepts_help": "onbekend",
        "lasting_safety": "nee",
    },
    5: {"report_necessary": "ja", "help_possible": "ja"},
}


@pytest.fixture
def case(tenant: Tenant) -> Case:
    return case_with_worker(tenant)


@pytest.fixture
def track(tenant: Tenant, case: Case) -> MeldcodeTrack:
    return meldcode.track_start(actor=tenant.worker, case=case, concern="Blauwe plekken op de armen")


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def url(name: str, track: MeldcodeTrack) -> str:
    return reverse(f"safety:{name}", kwargs={"case_id": track.case_id, "track_id": track.pk})


def step_data(number: int, **extra: str) -> dict[str, str]:
    data = {"stap": str(number), "done_on": TODAY().isoformat(), "note": f"Vastlegging stap {number}"}
    data.update(STEP_POSTS[number])
    data.update(extra)
    return {f"stap-{key}": value for key, value in data.items()}


def refused(client: Client, target: str, data: dict[str, str], case: Case, message: str) -> str:
    """A POST that must be refused: 400, the Dutch message on the page, nothing changed."""
    before = snapshot(case)
    response = client.post(target, data)
    body = response.content.decode()
    assert response.status_code == 400, (target, response.status_code)
    assert message in body, f"{message!r} not on the page"
    assert "Er is niets opgeslagen." in body
    assert snapshot(case) == before
    return body


def track_reads(track: MeldcodeTrack) -> int:
    return AuditEvent.objects.filter(
        action=Action.READ, object_type="meldcode_track", object_id=str(track.pk)
    ).count()


# --- The whole track ---------------------------------------------------------------------------------
def test_the_whole_track_through_the_views(client: Client, tenant: Tenant, case: Case) -> None:
    login(client, tenant.worker)
    response = client.post(
        reverse("safety:track_start", kwargs={"case_id": case.pk}),
        {"meldcode-concern": "Kind vertelt over slaan thuis"},
    )
    assert response.status_code == 302
    with system_access("test assertion"):
        track = MeldcodeTrack.objects.get(case=case)
    assert response["Location"].startswith(url("track_detail", track))

    page = client.get(url("track_detail", track))
    body = page.content.decode()
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert "Kind vertelt over slaan thuis" in body
    assert body.count('aria-current="step"') == 1
    assert "Signalen in kaart</strong>" in body  # step 1 is the current step

    for number in range(1, 6):
        response = client.post(url("step_record", track), step_data(number))
        assert response.status_code == 302, response.content.decode()[:2000]
        body = client.get(url("track_detail", track)).content.decode()
        assert f'id="stap-{number}"' in body
    with system_access("test assertion"):
        steps = list(MeldcodeStep.objects.filter(track=track).order_by("number"))
    assert [s.number for s in steps] == [1, 2, 3, 4, 5]
    assert all(s.signed_by_id == tenant.worker.pk for s in steps)
    assert steps[1].advice_veilig_thuis and steps[1].advice_anonymous
    assert steps[3].suspicion is True and steps[3].accepts_help is None and steps[3].lasting_safety is False
    assert fresh_track(track).status == MeldcodeTrack.Status.DECIDED

    # All steps done: no step form, no aria-current, the signature and the report form.
    assert 'aria-current="step"' not in body
    assert 'id="volgende-stap"' not in body
    assert "Ondertekend" in body and tenant.worker.full_name in body
    assert 'name="melding-reported_on"' in body

    response = client.post(
        url("report_record", track),
        {
            "melding-reported_on": TODAY().isoformat(),
            "melding-reference": "VT-2024-0815",
            "melding-resident_informed": "ja",
            "melding-not_informed_reason": "",
            "melding-note": "Telefonisch gemeld",
        },
    )
    assert response.status_code == 302
    with system_access("test assertion"):
        report = VeiligThuisReport.objects.get(track=track)
    assert report.reference == "VT-2024-0815" and report.reported_by_id == tenant.worker.pk
    body = client.get(url("track_detail", track)).content.decode()
    assert "VT-2024-0815" in body and "Telefonisch gemeld" in body
    assert 'name="melding-reported_on"' not in body


def test_stop_through_the_view(client: Client, tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    login(client, tenant.worker)
    refused(
        client, url("track_stop", track), {"stoppen-reason": ""}, case, "Schrijf waarom het traject stopt."
    )
    response = client.post(url("track_stop", track), {"stoppen-reason": "Vermoeden weggenomen"})
    assert response.status_code == 302
    assert fresh_track(track).status == MeldcodeTrack.Status.STOPPED
    body = client.get(url("track_detail", track)).content.decode()
    assert "Vermoeden weggenomen" in body
    assert 'name="stap-note"' not in body and 'name="stoppen-reason"' not in body
    refused(client, url("step_record", track), step_data(1), case, "afgerond of gestopt")


def test_step_5_suggests_a_report_after_unsafety(
    client: Client, tenant: Tenant, track: MeldcodeTrack
) -> None:
    record_steps(tenant.worker, track, 4)
    body = login(client, tenant.worker).get(url("track_detail", track)).content.decode()
    checked = re.search(r'<input[^>]*name="stap-report_necessary"[^>]*value="ja"[^>]*>', body)
    assert checked is not None and "checked" in checked.group(0)
    assert "<legend" in body and "Beslissing 1: is melden bij Veilig Thuis noodzakelijk?" in body


def test_step_4_questions_are_radio_groups_with_legends(
    client: Client, tenant: Tenant, track: MeldcodeTrack
) -> None:
    record_steps(tenant.worker, track, 3)
    body = login(client, tenant.worker).get(url("track_detail", track)).content.decode()
    assert body.count("<fieldset") == 5
    for name in ("suspicion", "unsafety", "can_help", "accepts_help", "lasting_safety"):
        assert f'type="radio" name="stap-{name}" value="ja"' in body
    assert 'name="stap-can_help" value="onbekend"' in body
    assert "Weeg met de vijf vragen van het afwegingskader" in body


# --- Refusals -------------------------------------------------------------------------------------------
def test_bad_step_input_is_refused(client: Client, tenant: Tenant, case: Case, track: MeldcodeTrack) -> None:
    login(client, tenant.worker)
    target = url("step_record", track)
    refused(client, target, step_data(1, note=""), case, "Leg vast wat u deed en zag in deze stap.")
    refused(client, target, step_data(1, done_on="morgen"), case, "Vul een geldige datum in.")
    refused(client, target, step_data(2), case, "U kunt geen stap overslaan")
    refused(client, target, {**step_data(1), "stap-stap": "9"}, case, "Niet alles is goed ingevuld.")
    refused(client, target, {"stap-done_on": TODAY().isoformat()}, case, "Niet alles is goed ingevuld.")
    record_steps(tenant.worker, track, 1)
    body = refused(
        client,
        target,
        step_data(2, consulted="", advice_veilig_thuis="", advice_anonymous=""),
        case,
        "Leg vast met wie u overlegde, of dat u advies vroeg aan Veilig Thuis.",
    )
    assert 'aria-invalid="true"' in body
    refused(
        client,
        target,
        step_data(2, advice_veilig_thuis=""),
        case,
        "Anoniem advies kan alleen als u advies vroeg aan Veilig Thuis.",
    )
    refused(client, target, step_data(1), case, "Deze stap is al vastgelegd en ondertekend.")
    record_steps(tenant.worker, track, 3)
    refused(client, target, step_data(4, suspicion="onbekend"), case, "Kies een van de antwoorden.")
    refused(client, target, step_data(4, unsafety=""), case, "Kies een antwoord.")
    record_steps(tenant.worker, track, 4)
    refused(
        client,
        target,
        step_data(5, report_necessary="nee"),
        case,
        "dan is melden bij Veilig Thuis noodzakelijk.",
    )


def test_report_is_refused_before_the_decision_and_without_a_reason(
    client: Client, tenant: Tenant, case: Case, track: MeldcodeTrack
) -> None:
    login(client, tenant.worker)
    data = {
        "melding-reported_on": TODAY().isoformat(),
        "melding-reference": "VT-1",
        "melding-resident_informed": "nee",
        "melding-not_informed_reason": "",
    }
    refused(client, url("report_record", track), data, case, "Leg eerst stap 5 vast")
    record_steps(tenant.worker, track, 5)
    refused(
        client,
        url("report_record", track),
        data,
        case,
        "Schrijf waarom de betrokkene vooraf niet is geïnformeerd.",
    )


def test_user_text_is_escaped(client: Client, tenant: Tenant, case: Case) -> None:
    track = meldcode.track_start(actor=tenant.worker, case=case, concern="<script>alert('x')</script>")
    record_steps(tenant.worker, track, 2, {2: {"consulted": "<b>collega</b>"}})
    body = login(client, tenant.worker).get(url("track_detail", track)).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "<b>collega</b>" not in body and "&lt;b&gt;collega&lt;/b&gt;" in body


def test_post_only_and_get_only(client: Client, tenant: Tenant, track: MeldcodeTrack) -> None:
    login(client, tenant.worker)
    for name in ("step_record", "track_stop", "report_record"):
        assert client.get(url(name, track)).status_code == 405
    assert client.post(url("track_detail", track)).status_code == 405


# --- Access and audit -----------------------------------------------------------------------------------
def test_the_case_worker_and_the_coordinator_open_the_track_and_each_view_is_audited(
    client: Client, tenant: Tenant, track: MeldcodeTrack
) -> None:
    for user in (tenant.worker, tenant.coordinator):
        login(client, user)
        before = track_reads(track)
        assert client.get(url("track_detail", track)).status_code == 200
        assert client.get(url("track_detail", track)).status_code == 200
        assert track_reads(track) == before + 2
        event = AuditEvent.objects.filter(action=Action.READ, object_type="meldcode_track").latest("pk")
        assert event.actor_id == user.pk and event.subject_id == track.case.client_id


def test_others_get_a_404(
    client: Client, tenant: Tenant, other_tenant: Tenant, case: Case, track: MeldcodeTrack
) -> None:
    teammate = member_of(tenant.team)  # same team, not on the case
    glass = member_of(tenant.other_team)
    break_glass(actor=glass, resident_id=case.client_id, reason="Acute zorg, dossier nodig")
    outsiders = [
        teammate,
        glass,
        tenant.colleague,
        tenant.administrator,
        tenant.policy_officer,
        other_tenant.worker,
        other_tenant.coordinator,
    ]
    reads = track_reads(track)
    before = snapshot(case)
    for user in outsiders:
        login(client, user)
        assert client.get(url("track_detail", track)).status_code == 404, user.role
        assert client.post(url("step_record", track), step_data(1)).status_code == 404
        assert client.post(url("track_stop", track), {"stoppen-reason": "Weg"}).status_code == 404
        assert client.post(url("report_record", track), {}).status_code == 404
    assert track_reads(track) == reads
    assert snapshot(case) == before


def test_break_glass_sees_the_dossier_but_not_the_track(client: Client, tenant: Tenant, case: Case) -> None:
    track = meldcode.track_start(actor=tenant.worker, case=case, concern="Signalen")
    glass = member_of(tenant.other_team)
    break_glass(actor=glass, resident_id=case.client_id, reason="Acute zorg, dossier nodig")
    login(client, glass)
    page = client.get(reverse("cases:case_detail", kwargs={"case_id": case.pk}))
    body = page.content.decode()
    assert page.status_code == 200 and 'id="tijdlijn"' in body  # the whole dossier
    assert 'id="veiligheid"' not in body and url("track_detail", track) not in body
    assert client.get(url("track_detail", track)).status_code == 404


def test_a_track_under_another_case_is_a_404(client: Client, tenant: Tenant, track: MeldcodeTrack) -> None:
    other_case = case_with_worker(tenant, first_name="Piet", birth_date=TODAY().replace(year=1990))
    login(client, tenant.worker)
    wrong = reverse("safety:track_detail", kwargs={"case_id": other_case.pk, "track_id": track.pk})
    assert client.get(wrong).status_code == 404
    wrong_post = reverse("safety:step_record", kwargs={"case_id": other_case.pk, "track_id": track.pk})
    before = snapshot(track.case)
    assert client.post(wrong_post, step_data(1)).status_code == 404
    assert snapshot(track.case) == before


# --- Query counts ---------------------------------------------------------------------------------------
def test_track_page_query_count_is_constant(client: Client, tenant: Tenant, track: MeldcodeTrack) -> None:
    login(client, tenant.worker)
    record_steps(tenant.worker, track, 1)
    client.get(url("track_detail", track))  # settles the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("track_detail", track)).status_code == 200
    record_steps(tenant.worker, track, 5)
    meldcode.report_record(actor=tenant.worker, track=track, reported_on=TODAY(), reference="VT-9")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("track_detail", track)).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
