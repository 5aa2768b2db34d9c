"""The referrals section on the case page, proposing a referral, and the agreements (wie doet wat)."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtteam.accounts.tests.factories import member_of
from buurtteam.cases.models import Goal
from buurtteam.cases.tests.factories import domain
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import Agreement, Referral, ReferralStatus
from buurtteam.referrals.services import agreements
from buurtteam.referrals.tests.helpers import make_overdue, make_partner, open_case, proposed, sent, snapshot

pytestmark = pytest.mark.django_db


def case_page(case_id: int) -> str:
    return reverse("cases:case_detail", kwargs={"case_id": case_id})


def section(body: str) -> str:
    start = body.index('id="verwijzingen"')
    return body[start : body.index("</section>", body.index('id="afspraken"'))]


def goal_of(case_id: int) -> Goal:
    with system_access("test assertion"):
        goal = Goal.objects.filter(plan__household__members__resident__cases__pk=case_id).first()
    assert goal is not None
    return goal


def test_the_section_lists_referrals_with_bridging_and_the_forms(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    partner = make_partner(tenant, name="Jeugdhulp De Brug")
    make_partner(tenant, name="Oude Partner", active=False)
    waiting = sent(tenant, case, partner, contact_id=tenant.coordinator.pk)
    make_overdue(waiting, days=3)
    proposed(tenant, case, make_partner(tenant, name="Welzijn Centrum", kind="welfare"))
    client.force_login(tenant.worker)
    body = client.get(case_page(case.pk)).content.decode()
    part = section(body)
    assert "Jeugdhulp De Brug" in part and "Welzijn Centrum" in part
    assert (
        reverse("referrals:referral_detail", kwargs={"case_id": case.pk, "referral_id": waiting.pk}) in part
    )
    assert tenant.coordinator.full_name in part
    assert "contact 3 dagen te laat" in part and "⚠" in part  # text and icon, not colour alone
    assert "17 dagen" in part  # waiting since sending (make_overdue: sent 17 days ago)
    # The two forms load when their details open (htmx picks the form out of its own page).
    create = reverse("referrals:referral_create", kwargs={"case_id": case.pk})
    assert f'hx-get="{create}"' in part and 'hx-select="#bt-page-form"' in part
    assert "Wie doet wat, wanneer, en hoe verder" in part
    agree = reverse("referrals:agreement_create", kwargs={"case_id": case.pk})
    assert f'hx-get="{agree}"' in part
    # The Verwijzen form offers only active partners, and the goals of the household's plan.
    form_page = client.get(create).content.decode()
    assert 'id="bt-page-form"' in form_page and f'action="{create}"' in form_page
    assert "Oude Partner" not in form_page and "Jeugdhulp De Brug" in form_page
    assert goal_of(case.pk).description in form_page
    assert f'action="{agree}"' in client.get(agree).content.decode()


def test_propose_a_referral_from_the_case_page(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    partner = make_partner(tenant)
    goal = goal_of(case.pk)
    client.force_login(tenant.worker)
    url = reverse("referrals:referral_create", kwargs={"case_id": case.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "referral-partner": partner.pk,
            "referral-domain": domain(tenant, "finances").pk,
            "referral-goal": goal.pk,
            "referral-question": "Hulp bij <script>opvoeding</script>",
        },
    )
    with system_access("test assertion"):
        referral = Referral.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "referrals:referral_detail", kwargs={"case_id": case.pk, "referral_id": referral.pk}
    )
    assert referral.status == ReferralStatus.PROPOSED and referral.goal_id == goal.pk
    page = client.get(response["Location"]).content.decode()
    assert "Hulp bij &lt;script&gt;opvoeding&lt;/script&gt;" in page and "<script>opvoeding" not in page


def test_bad_referral_input_is_400_in_dutch_and_changes_nothing(
    client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    case = open_case(tenant)
    inactive = make_partner(tenant, active=False)
    foreign = make_partner(other_tenant)
    active = make_partner(tenant)
    client.force_login(tenant.worker)
    url = reverse("referrals:referral_create", kwargs={"case_id": case.pk})
    before = snapshot(case)
    for data in (
        {"referral-partner": inactive.pk, "referral-question": "Iets"},
        {"referral-partner": foreign.pk, "referral-question": "Iets"},
        {"referral-partner": "abc", "referral-question": ""},
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Kies een waarde uit de lijst." in response.content.decode()
    response = client.post(url, {"referral-partner": active.pk, "referral-question": "  "})
    assert response.status_code == 400 and "Schrijf waarvoor u verwijst." in response.content.decode()
    assert snapshot(case) == before


def test_agreements_are_added_edited_and_ended(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    partner = make_partner(tenant, name="Wijkteam Politie", kind="police")
    client.force_login(tenant.worker)
    today = timezone.localdate()
    create = reverse("referrals:agreement_create", kwargs={"case_id": case.pk})
    data = {
        "agreement-partner": partner.pk,
        "agreement-party": "Wijkagent",
        "agreement-what": "Loopt wekelijks langs",
        "agreement-starts_on": today.isoformat(),
        "agreement-ends_on": (today + datetime.timedelta(days=30)).isoformat(),
        "agreement-afterwards": "Evalueren in het casusoverleg",
        "agreement-goal": goal_of(case.pk).pk,
    }
    assert client.post(create, data).status_code == 302
    with system_access("test assertion"):
        agreement = Agreement.objects.get(case=case)
    part = section(client.get(case_page(case.pk)).content.decode())
    assert "Wijkagent" in part and "Loopt wekelijks langs" in part and "Evalueren in het casusoverleg" in part
    edit = reverse("referrals:agreement_edit", kwargs={"case_id": case.pk, "agreement_id": agreement.pk})
    assert edit in part
    assert client.get(edit).status_code == 200
    assert client.post(edit, {**data, "agreement-what": "Loopt twee keer per week langs"}).status_code == 302
    with system_access("test assertion"):
        assert Agreement.objects.get(pk=agreement.pk).what == "Loopt twee keer per week langs"
    end = reverse("referrals:agreement_end", kwargs={"case_id": case.pk, "agreement_id": agreement.pk})
    assert client.get(end).status_code == 405
    assert client.post(end).status_code == 302
    with system_access("test assertion"):
        assert Agreement.objects.get(pk=agreement.pk).ended_at is not None
    # Ending twice, or changing an ended agreement: refused in Dutch, nothing changes.
    before = snapshot(case)
    again = client.post(end)
    assert again.status_code == 400 and "Deze afspraak is al beëindigd." in again.content.decode()
    changed = client.post(edit, {**data, "agreement-what": "Anders"})
    assert changed.status_code == 400 and "kan niet meer worden gewijzigd" in changed.content.decode()
    assert snapshot(case) == before


def test_bad_agreement_input_is_400_and_changes_nothing(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    client.force_login(tenant.worker)
    today = timezone.localdate()
    before = snapshot(case)
    response = client.post(
        reverse("referrals:agreement_create", kwargs={"case_id": case.pk}),
        {
            "agreement-party": "",
            "agreement-what": "",
            "agreement-starts_on": today.isoformat(),
            "agreement-ends_on": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Schrijf wat er is afgesproken." in body
    assert "Schrijf wie de afspraak uitvoert" in body
    assert "De einddatum ligt vóór de startdatum." in body
    assert snapshot(case) == before


def test_a_team_member_not_on_the_case_cannot_post(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    partner = make_partner(tenant)
    other_worker = member_of(tenant.team)
    agreement = agreements.agreement_add(
        actor=tenant.worker,
        case=case,
        party="Buurvrouw",
        what="Kookt op woensdag",
        starts_on=timezone.localdate(),
    )
    client.force_login(other_worker)
    before = snapshot(case)
    assert (
        client.post(
            reverse("referrals:referral_create", kwargs={"case_id": case.pk}),
            {"referral-partner": partner.pk, "referral-question": "Iets"},
        ).status_code
        == 404
    )
    edit = reverse("referrals:agreement_edit", kwargs={"case_id": case.pk, "agreement_id": agreement.pk})
    assert client.get(edit).status_code == 404
    end = reverse("referrals:agreement_end", kwargs={"case_id": case.pk, "agreement_id": agreement.pk})
    assert client.post(end).status_code == 404
    assert snapshot(case) == before


def test_an_agreement_of_another_case_is_404(client: Client, tenant: Tenant) -> None:
    case, other = open_case(tenant), open_case(tenant)
    agreement = agreements.agreement_add(
        actor=tenant.worker, case=other, party="Buurvrouw", what="Kookt", starts_on=timezone.localdate()
    )
    client.force_login(tenant.worker)
    assert (
        client.get(
            reverse("referrals:agreement_edit", kwargs={"case_id": case.pk, "agreement_id": agreement.pk})
        ).status_code
        == 404
    )
