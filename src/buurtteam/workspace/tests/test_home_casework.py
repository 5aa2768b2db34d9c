"""The start page for case work (my cases, my tasks, the team's attention points) and the case menu."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from buurtteam.audit.models import AuditEvent
from buurtteam.cases.services import assignment, lifecycle
from buurtteam.cases.tests.factories import Area, give_area
from buurtteam.cases.tests.test_caseload_views import (
    count_queries,
    long_ago_registered,
    new_case,
    set_case,
    shows,
)


@pytest.fixture
def area(tenant: Tenant) -> Area:
    return give_area(tenant.team)


def nav_labels(body: str) -> list[str]:
    nav = body[body.index('class="bt-nav"') : body.index("</nav>", body.index('class="bt-nav"'))]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in nav.split('class="bt-nav__link"')[1:]]


@pytest.mark.django_db
def test_worker_sees_my_cases_and_tasks(client: Client, tenant: Tenant, area: Area) -> None:
    cases = [new_case(tenant, area) for _ in range(7)]
    for case in cases[:6]:
        assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    today = timezone.localdate()
    lifecycle.task_add(
        actor=tenant.worker,
        case=cases[0],
        title="Later bellen",
        due_on=today + datetime.timedelta(days=9),
        assignee_id=tenant.worker.pk,
    )
    lifecycle.task_add(
        actor=tenant.worker,
        case=cases[1],
        title="Eerst de brief",
        due_on=today - datetime.timedelta(days=1),
        assignee_id=tenant.worker.pk,
    )
    client.force_login(tenant.worker)
    body = client.get(reverse("workspace:home")).content.decode()
    assert "Mijn casussen" in body and "U werkt aan 6 open casussen." in body
    mine = body[body.index('id="my-cases-heading"') : body.index('id="my-tasks-heading"')]
    assert sum(shows(mine, c.reference) for c in cases[:6]) == 5  # the five newest
    assert not shows(mine, cases[0].reference) and not shows(body, cases[6].reference)
    assert "Mijn taken" in body
    assert body.index("Eerst de brief") < body.index("Later bellen")  # due soonest first
    assert "verlopen" in body
    assert "Aandacht nodig" not in body  # only for the coordinator
    event = AuditEvent.objects.filter(object_type="home_caseload").order_by("-id").first()
    assert event is not None and cases[0].pk in event.details["case_ids"]


@pytest.mark.django_db
def test_coordinator_sees_overdue_and_unassigned_with_links(
    client: Client, tenant: Tenant, area: Area
) -> None:
    late = new_case(tenant, area)
    set_case(late, registered_at=long_ago_registered())
    new_case(tenant, area)
    client.force_login(tenant.coordinator)
    body = client.get(reverse("workspace:home")).content.decode()
    assert "Aandacht nodig in" in body
    team = {"team_id": tenant.team.pk}
    assert reverse("cases:team_cases", kwargs=team) in body
    assert reverse("cases:unassigned_queue", kwargs=team) in body
    attention = body[body.index('id="attention-heading"') :]
    assert "Niet op tijd opgepakt" in attention and "1 casus" in attention
    assert "2 casussen" in attention  # both are still unassigned


@pytest.mark.django_db
def test_home_query_count_is_constant(client: Client, tenant: Tenant, area: Area) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            case = new_case(tenant, area)
            assignment.case_assign(
                actor=tenant.coordinator, case=case, user_id=tenant.coordinator.pk, as_lead=True
            )
            lifecycle.task_add(
                actor=tenant.coordinator,
                case=case,
                title="Bellen",
                due_on=timezone.localdate(),
                assignee_id=tenant.coordinator.pk,
            )
            late = new_case(tenant, area)
            set_case(late, registered_at=long_ago_registered())

    client.force_login(tenant.coordinator)
    url = reverse("workspace:home")
    add(3)
    client.get(url)
    few = count_queries(client, url)
    add(27)
    assert count_queries(client, url) == few


@pytest.mark.django_db
def test_case_menu_for_team_members_not_for_the_policy_officer(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    labels = nav_labels(client.get(reverse("workspace:home")).content.decode())
    assert "Casussen" in labels and "Casusoverleg" in labels
    body = client.get(reverse("cases:meeting_list", kwargs={"team_id": tenant.team.pk})).content.decode()
    assert (
        f'href="{reverse("cases:meeting_list", kwargs={"team_id": tenant.team.pk})}" aria-current="page"'
        in body
    )
    assert 'href="/teams/" aria-current="page"' not in body  # the most specific item is current

    client.force_login(tenant.policy_officer)
    body = client.get(reverse("workspace:home")).content.decode()
    labels = nav_labels(body)
    for hidden in ("Casussen", "Aanmelden", "Inwoners", "Casusoverleg"):
        assert hidden not in labels
    assert "Mijn casussen" not in body


@pytest.mark.django_db
def test_the_menu_is_kept_per_role_and_team_and_speaks_the_page_language(
    client: Client, tenant: Tenant
) -> None:
    """The menu is reversed once per role and team (``context_processors._menu``); its labels still follow
    the language of each page, and each role keeps its own items."""
    from buurtteam.workspace.context_processors import _menu

    _menu.cache_clear()
    client.force_login(tenant.coordinator)
    home = reverse("workspace:home")
    assert "Audittrail" in nav_labels(client.get(home).content.decode())
    client.cookies["django_language"] = "en"
    english = nav_labels(client.get(home, headers={"accept-language": "en"}).content.decode())
    assert "Audit trail" in english and "Audittrail" not in english
    hits = _menu.cache_info().hits
    assert hits >= 1  # the second page reused the menu
    client.cookies.pop("django_language")
    client.force_login(tenant.worker)
    worker = nav_labels(client.get(home).content.decode())
    assert "Audittrail" not in worker and "Casussen" in worker
    client.force_login(tenant.administrator)
    assert "Beheer" in nav_labels(client.get(home).content.decode())
