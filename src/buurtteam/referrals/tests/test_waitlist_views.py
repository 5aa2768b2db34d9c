"""The team's waitlist, the start page's blocks (late check-ins, crisis cases) and the menu."""

from __future__ import annotations

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buurtteam.audit.models import Action
from buurtteam.cases.services import crisis
from buurtteam.cases.tests.factories import give_area
from buurtteam.referrals.tests.helpers import last_event, make_overdue, make_partner, open_case, sent

pytestmark = pytest.mark.django_db


def waitlist_url(tenant: Tenant) -> str:
    return reverse("referrals:waitlist", kwargs={"team_id": tenant.team.pk})


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_waitlist_shows_everyone_waiting_overdue_first(client: Client, tenant: Tenant) -> None:
    area = give_area(tenant.team)
    partner = make_partner(tenant, name="GGZ Oost")
    on_time_case, late_case = open_case(tenant, area), open_case(tenant, area)
    on_time = sent(tenant, on_time_case, partner)
    late = sent(tenant, late_case, partner, contact_id=tenant.coordinator.pk)
    make_overdue(late, days=5)
    client.force_login(tenant.worker)
    response = client.get(waitlist_url(tenant))
    assert response.status_code == 200
    body = response.content.decode()
    summary = body[body.index('class="bt-cards"') : body.index("</ul>", body.index('class="bt-cards"'))]
    assert "2 inwoners" in summary and "1 inwoner" in summary  # waiting; of whom one is overdue
    table = body[body.index("<tbody") :]
    assert table.index(late_case.client.full_name) < table.index(on_time_case.client.full_name)
    assert "5 dagen te laat" in table and "⚠" in table  # text and icon, not colour alone
    assert reverse("cases:case_detail", kwargs={"case_id": late_case.pk}) in table
    assert tenant.coordinator.full_name in table and "GGZ Oost" in table
    event = last_event("waitlist", Action.READ)
    assert event is not None and sorted(event.details["referrals"]) == sorted([on_time.pk, late.pk])


def test_an_empty_waitlist(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.coordinator)
    body = client.get(waitlist_url(tenant)).content.decode()
    assert "Er wacht op dit moment niemand" in body


def test_the_waitlist_query_count_is_constant(client: Client, tenant: Tenant) -> None:
    area = give_area(tenant.team)
    partner = make_partner(tenant)

    def add(n: int) -> None:
        for i in range(n):
            referral = sent(tenant, open_case(tenant, area, execution=False), partner)
            if i % 2:
                make_overdue(referral, days=i)

    add(2)
    client.force_login(tenant.worker)
    client.get(waitlist_url(tenant))  # warm caches
    few = count_queries(client, waitlist_url(tenant))
    add(8)
    assert count_queries(client, waitlist_url(tenant)) == few


def test_the_waitlist_pages_with_the_overdue_first(client: Client, tenant: Tenant) -> None:
    from buurtteam.referrals.views.waitlist import PAGE_SIZE

    area = give_area(tenant.team)
    partner = make_partner(tenant)
    referrals = [
        sent(tenant, open_case(tenant, area, execution=False), partner) for _ in range(PAGE_SIZE + 2)
    ]
    late = make_overdue(referrals[-1], days=4)  # the newest, yet overdue: on page 1
    client.force_login(tenant.worker)
    first = client.get(waitlist_url(tenant)).content.decode()
    assert first.count('<tr class="utrecht-table__row">') - 1 == PAGE_SIZE  # minus the header row
    assert "Pagina 1 van 2" in first and "pagina=2" in first
    assert f"{PAGE_SIZE + 2} inwoners" in first  # the summary counts everyone, not just this page
    assert late.referral.case.reference in first
    second = client.get(waitlist_url(tenant), {"pagina": 2}).content.decode()
    assert second.count('<tr class="utrecht-table__row">') - 1 == 2
    assert late.referral.case.reference not in second
    assert client.get(waitlist_url(tenant), {"pagina": "abc"}).status_code == 200


def test_the_contact_sees_late_check_ins_on_the_start_page(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    late = sent(tenant, case, make_partner(tenant, name="Jeugdhulp De Brug"))
    make_overdue(late, days=6)
    client.force_login(tenant.worker)
    body = client.get(reverse("workspace:home")).content.decode()
    block = body[body.index('id="late-check-ins-heading"') :]
    assert "Overbruggingscontacten te laat" in body
    assert case.client.full_name in block and "6 dagen te laat" in block and "Jeugdhulp De Brug" in block
    client.force_login(tenant.coordinator)  # not the contact person
    assert "Overbruggingscontacten te laat" not in client.get(reverse("workspace:home")).content.decode()


def test_the_coordinator_sees_crisis_cases_at_the_top(client: Client, tenant: Tenant) -> None:
    case = open_case(tenant)
    crisis.crisis_set(actor=tenant.worker, case=case, crisis=True, note="Huisuitzetting <morgen>")
    client.force_login(tenant.coordinator)
    body = client.get(reverse("workspace:home")).content.decode()
    assert body.index('id="crisis-heading"') < body.index('id="my-cases-heading"')
    block = body[
        body.index('id="crisis-heading"') : body.index("</section>", body.index('id="crisis-heading"'))
    ]
    assert case.client.full_name in block and "Huisuitzetting &lt;morgen&gt;" in block
    assert reverse("cases:case_detail", kwargs={"case_id": case.pk}) in block
    event = last_event("home_caseload", Action.READ)
    assert event is not None and case.pk in event.details["case_ids"]
    client.force_login(tenant.worker)
    assert 'id="crisis-heading"' not in client.get(reverse("workspace:home")).content.decode()


def test_the_start_page_query_count_stays_constant_with_late_check_ins_and_crises(
    client: Client, tenant: Tenant
) -> None:
    area = give_area(tenant.team)
    partner = make_partner(tenant)

    def add(n: int) -> None:
        for _ in range(n):
            case = open_case(tenant, area, execution=False)
            make_overdue(sent(tenant, case, partner, contact_id=tenant.coordinator.pk), days=2)
            crisis.crisis_set(actor=tenant.coordinator, case=case, crisis=True, note="Acuut")

    add(1)
    client.force_login(tenant.coordinator)
    url = reverse("workspace:home")
    client.get(url)
    few = count_queries(client, url)
    add(6)
    assert count_queries(client, url) == few


def nav_labels(body: str) -> list[str]:
    nav = body[body.index('class="bt-nav"') : body.index("</nav>", body.index('class="bt-nav"'))]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in nav.split('class="bt-nav__link"')[1:]]


def test_the_menu_links_the_directory_and_the_waitlist(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    body = client.get(waitlist_url(tenant)).content.decode()
    assert {"Netwerkpartners", "Wachtlijst"} <= set(nav_labels(body))
    assert f'href="{waitlist_url(tenant)}" aria-current="page"' in body
    team_page = client.get(reverse("workspace:team_detail", args=[tenant.team.pk])).content.decode()
    assert waitlist_url(tenant) in team_page
    client.force_login(tenant.policy_officer)
    labels = nav_labels(client.get(reverse("workspace:home")).content.decode())
    assert "Netwerkpartners" in labels and "Wachtlijst" not in labels
