"""The community pages: the flows, bad input (Dutch, 400, nothing changed), escaping, access, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.community.models import GroupSession, LinkStatus, ServiceLink, Signal
from buurtteam.community.tests.helpers import World, anonymous_signal, group, link, make_world
from buurtteam.core.gate import system_access

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _writes() -> int:
    return AuditEvent.objects.filter(action__in=[Action.CREATE, Action.UPDATE]).count()


def test_the_case_page_shows_the_section_and_the_actions(world: World) -> None:
    link(world)
    body = (
        _client(world.tenant.worker).get(reverse("cases:case_detail", args=[world.case.pk])).content.decode()
    )
    assert 'id="toeleiding"' in body and "Wandelclub De Linde" in body
    assert reverse("community:action_search", args=[world.case.pk, world.action.pk]) in body
    # A team member without full access sees the summary page: no section.
    summary = _client(world.tenant.colleague).get(reverse("cases:case_detail", args=[world.case.pk]))
    assert "Wandelclub" not in summary.content.decode()


def test_search_link_and_follow_up_through_the_pages(world: World) -> None:
    client = _client(world.tenant.worker)
    search_url = reverse("community:action_search", args=[world.case.pk, world.action.pk])
    first = client.get(search_url)
    assert first.status_code == 200
    assert "Formulierenspreekuur" in first.content.decode()  # the goal's domain (finances) is pre-selected
    found = client.get(search_url, {"q": "eenzaamheid", "term": "", "max_km": "5"}).content.decode()
    assert "Wandelclub De Linde" in found and "Eetclub Verweg" not in found  # 30 km away
    confirm_url = reverse("community:link_create", args=[world.case.pk, world.action.pk])
    assert client.get(confirm_url, {"service": world.walk.pk}).status_code == 200
    response = client.post(confirm_url, {"service": world.walk.pk, "note": "<b>samen</b> met de buurvrouw"})
    assert response.status_code == 302 and response["Location"].endswith("#toeleiding")
    with system_access("test assertion"):
        made = ServiceLink.objects.get(case=world.case)
    detail_url = reverse("community:link_detail", args=[world.case.pk, made.pk])
    page = client.get(detail_url).content.decode()
    assert "&lt;b&gt;samen&lt;/b&gt;" in page and "<b>samen</b>" not in page
    done = client.post(detail_url, {"status": "attending", "note": "Ging, vond het gezellig"})
    assert done.status_code == 302
    with system_access("test assertion"):
        assert ServiceLink.objects.get(pk=made.pk).status == LinkStatus.ATTENDING


def test_bad_input_on_the_link_pages(world: World) -> None:
    client = _client(world.tenant.worker)
    confirm_url = reverse("community:link_create", args=[world.case.pk, world.action.pk])
    before = _writes()
    bad = client.post(confirm_url, {"service": "abc"})
    assert bad.status_code == 400 and "Kies een activiteit." in bad.content.decode()
    other = client.post(confirm_url, {"service": 99999999})
    assert other.status_code == 400 and "Kies een activiteit van de sociale kaart." in other.content.decode()
    assert client.get(confirm_url).status_code == 404  # no activity chosen
    search = client.get(
        reverse("community:action_search", args=[world.case.pk, world.action.pk]),
        {"q": "x" * 300, "max_km": "99"},
    )
    assert search.status_code == 400 and "Kies een waarde uit de lijst." in search.content.decode()
    made = link(world)
    before = _writes()
    detail_url = reverse("community:link_detail", args=[world.case.pk, made.pk])
    refused = client.post(detail_url, {"status": "stopped", "note": "Gestopt"})
    assert refused.status_code == 400 and "Kies een waarde uit de lijst." in refused.content.decode()
    empty = client.post(detail_url, {"status": "attending", "note": ""})
    assert empty.status_code == 400 and "Schrijf kort hoe het ging." in empty.content.decode()
    assert _writes() == before


def test_link_pages_are_404_without_full_access(world: World) -> None:
    made = link(world)
    urls = [
        reverse("community:action_search", args=[world.case.pk, world.action.pk]),
        reverse("community:link_create", args=[world.case.pk, world.action.pk]) + f"?service={world.walk.pk}",
        reverse("community:link_detail", args=[world.case.pk, made.pk]),
    ]
    for who in (world.tenant.colleague, world.tenant.policy_officer, world.tenant.administrator):
        client = _client(who)
        for url in urls:
            assert client.get(url).status_code == 404, (who.role, url)


def test_counts_page_for_every_role_without_persons(world: World) -> None:
    link(world)
    for who in (world.tenant.policy_officer, world.tenant.worker, world.tenant.coordinator):
        body = _client(who).get(reverse("community:link_counts")).content.decode()
        assert "Wandelclub De Linde" in body and "Sanne" not in body and "&lt;3" in body
    bad = _client(world.tenant.worker).get(
        reverse("community:link_counts"), {"start": "2025-02-01", "end": "2025-01-01"}
    )
    assert bad.status_code == 400 and "De einddatum ligt vóór de begindatum." in bad.content.decode()


def test_group_pages(world: World) -> None:
    client = _client(world.tenant.worker)
    response = client.post(
        reverse("community:group_create"),
        {
            "name": "<script>alert(1)</script> Mannen in de moestuin",
            "team": world.tenant.team.pk,
            "active": "on",
        },
    )
    assert response.status_code == 302
    group_id = int(response["Location"].rstrip("/").split("/")[-1])
    page = client.get(reverse("community:group_detail", args=[group_id])).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    add = reverse("community:participant_create", args=[group_id])
    assert "Sanne de Vries" in client.get(add, {"q": "de Vries"}).content.decode()
    assert (
        client.post(
            add, {"inwoner-resident": world.resident.pk, "inwoner-joined_on": "2025-01-06"}
        ).status_code
        == 302
    )
    assert client.post(add, {"naam-name": "Gerrit", "naam-joined_on": "2025-01-06"}).status_code == 302
    bad = client.post(add, {"naam-name": "", "naam-joined_on": "morgen"})
    assert bad.status_code == 400 and "Schrijf de naam van de deelnemer." in bad.content.decode()
    session_url = reverse("community:session_create", args=[group_id])
    form = client.get(session_url).content.decode()
    assert "Sanne de Vries" in form and "Gerrit" in form
    refused = client.post(session_url, {"held_on": "2999-01-01", "activity": "Zaaien"})
    assert (
        refused.status_code == 400
        and "Leg een bijeenkomst vast als die geweest is." in refused.content.decode()
    )
    with system_access("test assertion"):
        assert not GroupSession.objects.filter(group_id=group_id).exists()
    made = client.post(
        session_url, {"held_on": timezone.localdate().isoformat(), "activity": "Zaaien", "guests": "1"}
    )
    assert made.status_code == 302
    assert client.get(reverse("community:group_list")).status_code == 200
    # Policy officer: counts, no names; the group itself is a 404.
    officer = _client(world.tenant.policy_officer)
    counts = officer.get(reverse("community:group_list")).content.decode()
    assert "Mannen in de moestuin" in counts and "Sanne" not in counts and "Gerrit" not in counts
    assert officer.get(reverse("community:group_detail", args=[group_id])).status_code == 404
    assert (
        _client(world.tenant.colleague).get(reverse("community:group_detail", args=[group_id])).status_code
        == 404
    )


def test_signal_pages(world: World) -> None:
    client = _client(world.tenant.worker)
    create = reverse("community:signal_create")
    form = client.get(create).content.decode()
    assert "Schrijf geen naam" in form
    before = _writes()
    bad = client.post(
        create, {"theme": "", "neighbourhood": "abc", "noticed_on": "gisteren", "team": world.tenant.team.pk}
    )
    body = bad.content.decode()
    assert bad.status_code == 400 and "Kies een thema." in body and "Vul een bestaande datum in" in body
    assert _writes() == before
    response = client.post(
        create,
        {
            "theme": "loneliness",
            "neighbourhood": world.area.neighbourhood.pk,
            "noticed_on": timezone.localdate().isoformat(),
            "team": world.tenant.team.pk,
            "note": "<i>Oudere heer</i> zit elke dag alleen op het bankje",
        },
    )
    assert response.status_code == 302
    with system_access("test assertion"):
        made = Signal.objects.get()
    assert made.resident_id is None
    detail = client.get(reverse("community:signal_detail", args=[made.pk])).content.decode()
    assert "&lt;i&gt;Oudere heer" in detail
    about = client.get(create, {"resident": world.resident.pk}).content.decode()
    assert "Signaal over Sanne de Vries" in about
    assert client.get(create, {"resident": 99999999}).status_code == 404
    assert (
        client.post(
            reverse("community:signal_pick_up", args=[made.pk]), {"user": world.tenant.worker.pk}
        ).status_code
        == 302
    )
    refused = client.post(reverse("community:signal_close", args=[made.pk]), {"note": ""})
    assert refused.status_code == 400
    assert (
        client.post(
            reverse("community:signal_close", args=[made.pk]), {"note": "Naar de koffieochtend"}
        ).status_code
        == 302
    )
    assert client.get(reverse("community:signal_list")).status_code == 200
    assert _client(world.tenant.policy_officer).get(reverse("community:signal_list")).status_code == 302
    assert (
        _client(world.tenant.colleague).get(reverse("community:signal_detail", args=[made.pk])).status_code
        == 404
    )


def test_overview_page_for_everyone_with_a_chart_and_tables(world: World) -> None:
    anonymous_signal(world, "loneliness")
    for who in (world.tenant.policy_officer, world.tenant.worker):
        response = _client(who).get(reverse("community:signal_overview"))
        body = response.content.decode()
        assert response.status_code == 200 and 'role="img"' in body and "<title" in body
        assert world.area.neighbourhood.name in body and "&lt;3" in body
        assert "betalingsachterstanden" not in body.lower()  # no notes
    bad = _client(world.tenant.worker).get(reverse("community:signal_overview"), {"granularity": "jaar"})
    assert bad.status_code == 400


def _count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_data(tenant: Any) -> None:
    world = make_world(tenant)
    client = _client(world.tenant.worker)
    case_url = reverse("cases:case_detail", args=[world.case.pk])
    overview = reverse("community:signal_overview")
    link(world)
    made = group(world)
    anonymous_signal(world)
    urls = [
        case_url,
        overview,
        reverse("community:group_list"),
        reverse("community:signal_list"),
        reverse("community:group_detail", args=[made.pk]),
        reverse("community:link_counts"),
    ]
    client.get(urls[0])  # the first request stamps the session; not part of the page
    small = [_count_queries(client, url) for url in urls]
    link(world, world.debt)
    link(world, world.far)
    for name in ("Anna", "Bram", "Cor"):
        from buurtteam.community.services import groups as group_services

        group_services.participant_add(
            actor=world.tenant.worker, group=made, name=name, joined_on=timezone.localdate()
        )
    group(world)
    for theme in ("money", "health", "housing", "neglect"):
        anonymous_signal(world, theme)
    large = [_count_queries(client, url) for url in urls]
    assert large == small


def test_the_section_reuses_the_plan_the_case_page_read_in_the_same_order(world: World) -> None:
    """The section's actions come from the dossier's own read of the plan: the same rows, in the same order,
    with goal and life domain, as the section's own query -- and only for the actor who read them."""
    import datetime

    from buurtteam.cases.selectors import cases as case_selectors
    from buurtteam.cases.selectors import dossier as dossier_selectors
    from buurtteam.cases.services import plan as plan_service
    from buurtteam.cases.tests.factories import domain
    from buurtteam.community.selectors import links as link_selectors

    worker = world.tenant.worker
    first_goal = world.action.goal
    second_goal = plan_service.goal_add(
        actor=worker, case=world.case, domain=domain(world.tenant, "housing"), description="Woning op orde"
    )
    steps = [(second_goal, None), (first_goal, datetime.date(2030, 1, 5)), (second_goal, None)]
    for goal, due in steps:
        for description, due_on in [("Stap", due), ("Eerder", datetime.date(2029, 6, 1))]:
            plan_service.action_add(
                actor=worker,
                case=world.case,
                goal=goal,
                description=description,
                owner_kind="resident",
                owner_name="Inwoner",
                due_on=due_on,
            )

    queried_case = case_selectors.case_get_full(actor=worker, case_id=world.case.pk)
    queried = link_selectors.plan_actions(actor=worker, case=queried_case)
    page_case = case_selectors.case_get_full(actor=worker, case_id=world.case.pk)
    dossier_selectors.dossier(actor=worker, case=page_case)
    with CaptureQueriesContext(connection) as queries:
        reused = link_selectors.plan_actions(actor=worker, case=page_case)
        labels = [(a.goal.position, a.goal.domain.code) for a in reused]
    assert len(queries) == 0
    assert [a.pk for a in reused] == [a.pk for a in queried] and len(reused) == 7
    assert labels == [(a.goal.position, a.goal.domain.code) for a in queried]
    # Another actor holding the same case object does not get the worker's read.
    assert dossier_selectors.plan_actions_loaded(actor=world.tenant.coordinator, case=page_case) is None
