"""The referral page: who sees it, the steps the rules allow, consent, bridging and check-ins."""

from __future__ import annotations

import datetime
import re

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtteam.accounts.tests.factories import member_of
from buurtteam.audit.models import Action
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import CheckIn, Consent, Referral, ReferralStatus
from buurtteam.referrals.services import agreements, bridging, referrals
from buurtteam.referrals.tests.helpers import (
    consent,
    fresh,
    last_event,
    make_overdue,
    make_partner,
    open_case,
    plan_of,
    proposed,
    sent,
    snapshot,
)

pytestmark = pytest.mark.django_db


def url(name: str, referral: Referral, **extra: int) -> str:
    return reverse(
        f"referrals:{name}", kwargs={"case_id": referral.case_id, "referral_id": referral.pk, **extra}
    )


def actions(body: str) -> set[str]:
    return {part.split('"', 1)[0] for part in body.split('action="')[1:]}


def test_the_page_shows_everything_to_the_worker_and_coordinator(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(
        tenant, case, make_partner(tenant, name="Jeugdhulp De Brug"), contact_id=tenant.coordinator.pk
    )
    for who in (tenant.worker, tenant.coordinator):
        client.force_login(who)
        response = client.get(url("referral_detail", referral))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Verwijzing naar Jeugdhulp De Brug" in body and "Gezinsbegeleiding" in body
        assert "De inwoner zelf" in body and "Geldig" in body  # the consent
        assert tenant.coordinator.full_name in body and "Wekelijks belcontact" in body  # the bridging plan
    event = last_event("referral", Action.READ)
    assert event is not None and event.object_id == str(referral.pk) and event.subject_id == case.client_id


def test_only_the_steps_the_rules_allow_are_offered(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    partner = make_partner(tenant)
    client.force_login(tenant.worker)
    referral = proposed(tenant, case, partner)
    body = client.get(url("referral_detail", referral)).content.decode()
    assert actions(body) >= {
        url("referral_send", referral),
        url("referral_cancel", referral),
        url("consent_record", referral),
    }
    assert url("referral_start", referral) not in body and url("referral_accept", referral) not in body
    assert url("referral_feedback", referral) not in body  # feedback only after sending
    assert "Geen geldige toestemming" in body

    consent(tenant, referral)
    referrals.referral_send(actor=tenant.worker, referral=referral, contact_id=tenant.worker.pk)
    body = client.get(url("referral_detail", referral)).content.decode()
    for step in ("referral_accept", "referral_reject", "referral_wait", "referral_start", "referral_cancel"):
        assert url(step, referral) in body, step
    assert url("referral_send", referral) not in body and url("referral_finish", referral) not in body
    plan = plan_of(referral)
    assert url("check_in_record", referral, plan_id=plan.pk) in body
    assert url("bridging_update", referral, plan_id=plan.pk) in body

    referrals.referral_answer(actor=tenant.worker, referral=referral, accepted=False, reason="Geen plek")
    body = client.get(url("referral_detail", referral)).content.decode()
    assert "er volgen geen stappen meer" in body and "Geen plek" in body
    for step in ("referral_accept", "referral_start", "referral_cancel", "referral_finish"):
        assert url(step, referral) not in body, step
    assert url("check_in_record", referral, plan_id=plan.pk) not in body


def test_record_consent_send_accept_start_finish(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = proposed(tenant, case, make_partner(tenant))
    client.force_login(tenant.worker)
    today = timezone.localdate()
    response = client.post(
        url("consent_record", referral),
        {
            "consent-given_by": "Moeder",
            "consent-purpose": "Delen met de partner",
            "consent-form": "written",
            "consent-given_on": today.isoformat(),
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#toestemming")
    response = client.post(
        url("referral_send", referral),
        {
            "send-contact": tenant.coordinator.pk,
            "send-interval_days": "7",
            "send-support": "Huisbezoek",
            "send-expected_start": "",
        },
    )
    assert response.status_code == 302
    plan = plan_of(referral)
    assert (
        fresh(referral).status == ReferralStatus.SENT
        and plan.contact_id == tenant.coordinator.pk
        and plan.interval_days == 7
    )
    later = (today + datetime.timedelta(days=20)).isoformat()
    assert client.post(url("referral_accept", referral), {"accept-expected_start": later}).status_code == 302
    accepted = fresh(referral)
    assert accepted.status == ReferralStatus.ACCEPTED and accepted.expected_start is not None
    assert accepted.expected_start.isoformat() == later
    assert client.post(url("referral_wait", referral), {"wait-expected_start": ""}).status_code == 302
    assert fresh(referral).status == ReferralStatus.WAITING
    assert (
        client.post(url("referral_start", referral), {"start-started_on": today.isoformat()}).status_code
        == 302
    )
    assert fresh(referral).status == ReferralStatus.STARTED and not plan_of(referral).active
    assert (
        client.post(url("referral_feedback", referral), {"feedback-feedback": "Loopt goed"}).status_code
        == 302
    )
    assert client.post(url("referral_finish", referral), {"finish-feedback": ""}).status_code == 302
    assert fresh(referral).status == ReferralStatus.FINISHED and fresh(referral).feedback == "Loopt goed"


def test_send_without_consent_is_400_in_dutch_and_changes_nothing(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = proposed(tenant, case, make_partner(tenant))
    given = consent(tenant, referral)
    client.force_login(tenant.worker)
    withdraw = url("consent_withdraw", referral, consent_id=given.pk)
    response = client.post(withdraw, {f"withdraw-{given.pk}-withdrawn_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    with system_access("test assertion"):
        assert Consent.objects.get(pk=given.pk).withdrawn_on == timezone.localdate()
    before = snapshot(case)
    response = client.post(
        url("referral_send", referral), {"send-contact": tenant.worker.pk, "send-interval_days": "14"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "geen geldige toestemming van de inwoner" in body and "Er is niets opgeslagen." in body
    assert snapshot(case) == before


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("referral_reject", {"reject-reason": " "}, "Schrijf waarom de partner afwees."),
        ("referral_cancel", {"cancel-reason": ""}, "Schrijf waarom u annuleert."),
        ("referral_start", {"start-started_on": "2999-01-01"}, "Een start kan niet in de toekomst liggen."),
        ("referral_start", {"start-started_on": "geen datum"}, "Voer een geldige datum in."),
        ("referral_feedback", {"feedback-feedback": ""}, "Schrijf de terugkoppeling van de partner."),
        (
            "referral_finish",
            {"finish-feedback": "Klaar"},
            "Alleen een gestarte verwijzing kan worden afgerond.",
        ),
        (
            "referral_send",
            {"send-contact": "1", "send-interval_days": "14"},
            "Alleen een voorgestelde verwijzing",
        ),
    ],
)
def test_bad_step_input_is_400_in_dutch_and_changes_nothing(
    client: Client, tenant: Tenant, step: str, data: dict[str, str], message: str
) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    client.force_login(tenant.worker)
    if step == "referral_send":
        data = {**data, "send-contact": str(tenant.worker.pk)}
    before = snapshot(case)
    response = client.post(url(step, referral), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot(case) == before


def test_a_rejected_referral_cannot_be_started_through_the_page(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    referrals.referral_answer(actor=tenant.worker, referral=referral, accepted=False, reason="Vol")
    client.force_login(tenant.worker)
    before = snapshot(case)
    response = client.post(
        url("referral_start", referral), {"start-started_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 400 and "kan niet starten" in response.content.decode()
    assert snapshot(case) == before


def test_check_in_and_bridging_update_through_the_page(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    plan = make_overdue(referral, days=2)
    client.force_login(tenant.worker)
    body = client.get(url("referral_detail", referral)).content.decode()
    assert "2 dagen te laat" in body
    now = timezone.localtime() - datetime.timedelta(minutes=30)
    response = client.post(
        url("check_in_record", referral, plan_id=plan.pk),
        {
            "check-in-occurred_on": now.date().isoformat(),
            "check-in-occurred_time": now.strftime("%H:%M"),
            "check-in-mode": "phone",
            "check-in-wellbeing": "worse",
            "check-in-note": "Zorgen om <img src=x onerror=alert(1)>",
        },
    )
    assert response.status_code == 302
    body = client.get(url("referral_detail", referral)).content.decode()
    assert "Zorgen om &lt;img src=x onerror=alert(1)&gt;" in body and "<img src=x" not in body
    assert "te laat" not in body.split('id="overbrugging"')[1].split("</dl>")[0]
    response = client.post(
        url("bridging_update", referral, plan_id=plan.pk),
        {
            "bridging-contact": tenant.coordinator.pk,
            "bridging-interval_days": "21",
            "bridging-support": "Minder vaak",
        },
    )
    assert response.status_code == 302
    updated = plan_of(referral)
    assert updated.contact_id == tenant.coordinator.pk and updated.interval_days == 21


def test_bad_check_in_is_400_and_changes_nothing(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    plan = plan_of(referral)
    client.force_login(tenant.worker)
    before = snapshot(case)
    future = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        url("check_in_record", referral, plan_id=plan.pk),
        {
            "check-in-occurred_on": future.date().isoformat(),
            "check-in-occurred_time": "10:00",
            "check-in-mode": "fax",
            "check-in-wellbeing": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Een contact kan niet in de toekomst liggen." in body
    assert "Kies een waarde uit de lijst." in body and "Kies hoe het met de inwoner gaat." in body
    bad_interval = client.post(
        url("bridging_update", referral, plan_id=plan.pk),
        {"bridging-contact": tenant.worker.pk, "bridging-interval_days": "365"},
    )
    assert bad_interval.status_code == 400 and "tussen 1 en 90 dagen" in bad_interval.content.decode()
    with system_access("test assertion"):
        assert not CheckIn.objects.filter(plan=plan).exists()
    assert snapshot(case) == before


def test_a_team_member_not_on_the_case_gets_404(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    plan = plan_of(referral)
    client.force_login(member_of(tenant.team))
    assert client.get(url("referral_detail", referral)).status_code == 404
    before = snapshot(case)
    assert client.post(url("referral_cancel", referral), {"cancel-reason": "Weg"}).status_code == 404
    assert client.post(url("check_in_record", referral, plan_id=plan.pk), {}).status_code == 404
    assert snapshot(case) == before
    # ... but sees the team's waitlist, with this resident on it.
    response = client.get(reverse("referrals:waitlist", kwargs={"team_id": tenant.team.pk}))
    assert response.status_code == 200 and case.client.full_name in response.content.decode()


@pytest.mark.parametrize("who", ["colleague", "policy_officer"])
def test_another_team_and_the_policy_officer_get_404(client: Client, tenant: Tenant, who: str) -> None:
    referral = sent(tenant, open_case(tenant), make_partner(tenant))
    client.force_login(getattr(tenant, who))
    assert client.get(url("referral_detail", referral)).status_code == 404
    assert client.get(reverse("referrals:waitlist", kwargs={"team_id": tenant.team.pk})).status_code == 404


def test_the_case_in_the_url_must_match(client: Client, tenant: Tenant) -> None:
    referral = sent(tenant, open_case(tenant), make_partner(tenant))
    other = open_case(tenant)
    plan = plan_of(referral)
    client.force_login(tenant.worker)
    wrong = {"case_id": other.pk, "referral_id": referral.pk}
    assert client.get(reverse("referrals:referral_detail", kwargs=wrong)).status_code == 404
    assert (
        client.post(reverse("referrals:referral_cancel", kwargs=wrong), {"cancel-reason": "x"}).status_code
        == 404
    )
    other_plan = plan_of(sent(tenant, other, make_partner(tenant)))
    assert client.post(url("check_in_record", referral, plan_id=other_plan.pk), {}).status_code == 404
    assert fresh(referral).status == ReferralStatus.SENT and plan.active


def test_the_pages_pass_their_own_checks(client: Client, tenant: Tenant) -> None:
    """No inline style or script, unique ids, on the referral page and on the case page with the section."""
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    proposed(tenant, case, make_partner(tenant))
    agreements.agreement_add(
        actor=tenant.worker, case=case, party="Wijkagent", what="Loopt langs", starts_on=timezone.localdate()
    )
    client.force_login(tenant.worker)
    for page in (url("referral_detail", referral), reverse("cases:case_detail", kwargs={"case_id": case.pk})):
        body = client.get(page).content.decode()
        main = body.split("</head>")[1]
        assert " style=" not in body and "<script>" not in main and " onclick" not in body
        ids = re.findall(r'\sid="([^"]+)"', body)
        assert not {i for i in ids if ids.count(i) > 1}, page
        for label_for in re.findall(r'<label[^>]* for="([^"]+)"', body):
            assert label_for in ids, label_for


def test_a_withdrawn_consent_cannot_be_withdrawn_again(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = proposed(tenant, case, make_partner(tenant))
    given = consent(tenant, referral)
    client.force_login(tenant.worker)
    withdraw = url("consent_withdraw", referral, consent_id=given.pk)
    data = {f"withdraw-{given.pk}-withdrawn_on": timezone.localdate().isoformat()}
    assert client.post(withdraw, data).status_code == 302
    before = snapshot(case)
    response = client.post(withdraw, data)
    assert response.status_code == 400 and "Deze toestemming is al ingetrokken." in response.content.decode()
    assert snapshot(case) == before


def test_the_referral_page_query_count_is_constant(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    referral = sent(tenant, case, make_partner(tenant))
    make_overdue(referral, days=1)
    page = url("referral_detail", referral)
    client.force_login(tenant.worker)

    def grow(n: int) -> None:
        for _ in range(n):
            consent(tenant, referral)
            bridging.check_in_record(
                actor=tenant.worker,
                plan=plan_of(referral),
                occurred_at=timezone.now() - datetime.timedelta(minutes=1),
                mode="phone",
                wellbeing="stable",
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page).status_code == 200
        return len(ctx.captured_queries)

    grow(1)
    client.get(page)
    few = queries()
    grow(6)
    assert queries() == few
