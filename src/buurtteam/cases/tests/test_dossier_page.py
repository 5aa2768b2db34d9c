"""What the case page shows: escaped text, the timeline pages and filter, the network map, the page's own
checks, the lazily loaded forms, and a query count that stays constant as the dossier grows."""

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

from buurtteam.cases.models import Case
from buurtteam.cases.selectors.dossier import TIMELINE_PAGE
from buurtteam.cases.services import lifecycle, plan
from buurtteam.cases.tests.dossier_helpers import TODAY, ok, page, url
from buurtteam.cases.tests.factories import domain, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.residents.models import Household
from buurtteam.residents.services import network_member_save

pytestmark = pytest.mark.django_db


# --- Escaping, timeline, network -------------------------------------------------------------------
def test_html_in_a_note_is_shown_escaped(tenant: Tenant, worker: Client, case: Case) -> None:
    ok(worker, url("note_add", case), {"note-text": '<script>alert("x")</script>\n<b>vet</b>'})
    body = worker.get(page(case)).content.decode()
    assert "<script>alert" not in body and "<b>vet</b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>&lt;b&gt;vet&lt;/b&gt;" in body


def test_timeline_pages_and_filter(tenant: Tenant, worker: Client, case: Case) -> None:
    start = timezone.now() - datetime.timedelta(days=100)
    for i in range(60):
        lifecycle.contact_add(
            actor=tenant.worker,
            case=case,
            occurred_at=start + datetime.timedelta(days=i),
            text=f"Contact nummer {i}",
        )
    lifecycle.contact_add(actor=tenant.worker, case=case, occurred_at=start, text="Een notitie", kind="note")
    body = worker.get(page(case)).content.decode()
    assert body.count('class="bt-timeline__entry') == TIMELINE_PAGE == 25
    assert "Contact nummer 59" in body and "Contact nummer 5<" not in body  # newest first
    assert "pagina=2#tijdlijn" in body
    later = [worker.get(page(case) + f"?pagina={n}").content.decode() for n in (2, 3, 4)]
    assert any("Contact nummer 5<" in b for b in later) and not any("Contact nummer 59" in b for b in later)
    body = worker.get(page(case) + "?soort=note").content.decode()
    assert body.count('class="bt-timeline__entry') == 1 and "Een notitie" in body
    assert worker.get(page(case) + "?pagina=abc&soort=bestaat-niet").status_code == 200


def test_network_map_on_the_case_page(tenant: Tenant, worker: Client, case: Case) -> None:
    with system_access("test fixture"):
        household = Household.objects.get(pk=case.household_id)
    network_member_save(
        actor=tenant.worker, household=household, kind="informal", role="neighbour", name="Buurvrouw <Ans>"
    )
    network_member_save(
        actor=tenant.worker,
        household=household,
        kind="formal",
        role="gp",
        name="Dokter Bakker",
        organisation_name="Praktijk Oost",
    )
    body = worker.get(page(case)).content.decode()
    assert 'id="netwerk"' in body
    assert body.count("bt-network__node--informal") == 1 and body.count("bt-network__node--formal") == 1
    assert "Buurvrouw &lt;Ans&gt;" in body and "<Ans>" not in body
    assert "Praktijk Oost" in body


def test_the_dossier_page_passes_its_own_checks(tenant: Tenant, worker: Client, case: Case) -> None:
    """No inline style or script, ids unique, every step form loads on demand and has its own action."""
    case = walk_to_execution(tenant, case)
    body = worker.get(page(case)).content.decode()
    assert " style=" not in body and "<script>" not in body.split("</head>")[1] and " onclick" not in body
    ids = re.findall(r'\sid="([^"]+)"', body)
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates
    for name, step in (
        ("contact", "contact_add"),
        ("note", "note_add"),
        ("task", "task_add"),
        ("goal", "goal_add"),
        ("plan_agree", "plan_agree"),
        ("evaluation_start", "evaluation_start"),
        ("close", "case_close"),
    ):
        form_url = reverse("cases:case_form", kwargs={"case_id": case.pk, "name": name})
        assert f'href="{form_url}"' in body  # without JavaScript: a link to the form on its own page
        fragment = worker.get(form_url, headers={"HX-Request": "true"}).content.decode()
        assert f'action="{url(step, case)}"' in fragment and "<html" not in fragment
        page_body = worker.get(form_url).content.decode()
        assert f'action="{url(step, case)}"' in page_body and "<html" in page_body


def test_lazy_forms_need_full_access_and_a_known_name(
    tenant: Tenant, worker: Client, case: Case, client: Client
) -> None:
    case = walk_to_execution(tenant, case)
    assert (
        worker.get(
            reverse("cases:case_form", kwargs={"case_id": case.pk, "name": "bestaat-niet"})
        ).status_code
        == 404
    )
    goal_form = reverse("cases:case_form", kwargs={"case_id": case.pk, "name": "action"})
    assert worker.get(goal_form).status_code == 404  # a per-goal form needs ?doel=
    assert worker.get(goal_form, {"doel": "abc"}).status_code == 404
    client.force_login(tenant.colleague)  # another team
    assert (
        client.get(reverse("cases:case_form", kwargs={"case_id": case.pk, "name": "contact"})).status_code
        == 404
    )


# --- Query count ---------------------------------------------------------------------------------------
def _queries(client: Client, target: str) -> int:
    client.get(target)  # warm caches (holidays, the actor's teams)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(target)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_constant_as_the_dossier_grows(tenant: Tenant, worker: Client, case: Case) -> None:
    case = walk_to_execution(tenant, case)
    fin = domain(tenant, "finances")

    def grow(entries: int, goals: int, tasks: int) -> None:
        start = timezone.now() - datetime.timedelta(days=200)
        for i in range(entries):
            lifecycle.contact_add(
                actor=tenant.worker, case=case, occurred_at=start + datetime.timedelta(hours=i), text=f"c{i}"
            )
        for i in range(goals):
            goal = plan.goal_add(actor=tenant.worker, case=case, domain=fin, description=f"doel {i}")
            plan.action_add(
                actor=tenant.worker,
                case=case,
                goal=goal,
                description="a",
                owner_kind="team_member",
                owner_user_id=tenant.worker.pk,
            )
        for i in range(tasks):
            lifecycle.task_add(
                actor=tenant.worker,
                case=case,
                title=f"t{i}",
                due_on=TODAY(),
                assignee_id=tenant.coordinator.pk,
            )

    grow(5, 1, 1)  # with walk_to_execution: 2 goals
    small = _queries(worker, page(case))
    grow(55, 8, 9)  # 60+ timeline entries, 10 goals
    large = _queries(worker, page(case))
    assert small == large, (small, large)
    print(f"case page: {small} queries")
    assert small <= 40  # incl. the sections other apps register (cases.extensions): 29 with four
