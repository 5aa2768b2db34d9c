"""Toeleiding: linking from a plan action, the follow-up task, the follow-up, the rules and the audit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.models import Task, TimelineEntry
from buurtteam.cases.services import lifecycle
from buurtteam.cases.tests.factories import registered_case, resident_in
from buurtteam.community.models import LinkStatus, ServiceLink
from buurtteam.community.selectors import aggregates
from buurtteam.community.selectors import links as selectors
from buurtteam.community.services import links
from buurtteam.community.tests.helpers import World, link
from buurtteam.core.gate import system_access
from buurtteam.residents.services import break_glass
from buurtteam.socialmap.models import MapService

pytestmark = pytest.mark.django_db


def _events(object_type: str, action: Action) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type=object_type, action=action).order_by("pk"))


def test_linking_makes_a_follow_up_task_a_timeline_line_and_an_audit_event(world: World) -> None:
    made = link(world)
    with system_access("test assertion"):
        task = Task.objects.get(pk=made.follow_up_task_id or 0)
        lines = list(TimelineEntry.objects.filter(case=world.case).values_list("text", flat=True))
    assert made.status == LinkStatus.PROPOSED
    assert made.service_name == "Wandelclub De Linde" and made.team_id == world.case.team_id
    assert task.title == "Nagaan hoe het ging bij Wandelclub De Linde"
    assert task.assignee_id == world.tenant.worker.pk
    assert task.due_on == timezone.localdate() + datetime.timedelta(days=14)
    assert any(t.startswith("Toegeleid naar Wandelclub De Linde") for t in lines)
    event = _events("service_link", Action.CREATE)[-1]
    assert event.subject_type == "resident" and event.subject_id == world.resident.pk
    assert event.details == {"service": world.walk.pk, "action": world.action.pk}


def test_follow_up_completes_the_task_and_moves_the_link(world: World) -> None:
    made = link(world)
    links.link_follow_up(
        actor=world.tenant.worker,
        link=made,
        status=LinkStatus.ATTENDING,
        note="Ging twee keer, vond het fijn",
    )
    with system_access("test assertion"):
        made.refresh_from_db()
        task = Task.objects.get(case=world.case, title__startswith="Nagaan")
        lines = list(TimelineEntry.objects.filter(case=world.case).values_list("text", flat=True))
    assert made.status == LinkStatus.ATTENDING and made.follow_up_note == "Ging twee keer, vond het fijn"
    assert task.done_at is not None and made.follow_up_task_id is None
    assert any("Terugkoppeling Wandelclub De Linde: Voorgesteld → Gaat erheen" in t for t in lines)
    assert _events("service_link", Action.UPDATE)[-1].details == {"status": "attending"}
    # Later: stopped; a next check planned for a link that ends is refused.
    with pytest.raises(ValidationError) as refused:
        links.link_follow_up(
            actor=world.tenant.worker,
            link=made,
            status=LinkStatus.STOPPED,
            note="Gestopt",
            next_check_on=timezone.localdate() + datetime.timedelta(days=7),
        )
    assert "next_check_on" in refused.value.message_dict
    links.link_follow_up(actor=world.tenant.worker, link=made, status=LinkStatus.STOPPED, note="Te druk")
    with system_access("test assertion"):
        assert ServiceLink.objects.get(pk=made.pk).status == LinkStatus.STOPPED


def test_a_next_check_makes_a_new_task(world: World) -> None:
    made = link(world)
    later = timezone.localdate() + datetime.timedelta(days=21)
    links.link_follow_up(
        actor=world.tenant.worker,
        link=made,
        status=LinkStatus.REGISTERED,
        note="Aangemeld",
        next_check_on=later,
    )
    with system_access("test assertion"):
        made.refresh_from_db()
        assert Task.objects.get(pk=made.follow_up_task_id or 0).due_on == later


@pytest.mark.parametrize(
    ("first", "then"),
    [(LinkStatus.NOT_GONE, LinkStatus.ATTENDING), (LinkStatus.REGISTERED, LinkStatus.STOPPED)],
)
def test_impossible_steps_are_refused_in_dutch(world: World, first: str, then: str) -> None:
    made = link(world)
    links.link_follow_up(actor=world.tenant.worker, link=made, status=first, note="Eerste terugkoppeling")
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        links.link_follow_up(actor=world.tenant.worker, link=made, status=then, note="Tweede")
    assert refused.value.messages[0][:4] in {"Deze", "Gest", "'Nie", "Aanm"}
    assert AuditEvent.objects.count() == before


def test_a_follow_up_needs_a_note(world: World) -> None:
    made = link(world)
    with pytest.raises(ValidationError) as refused:
        links.link_follow_up(actor=world.tenant.worker, link=made, status=LinkStatus.ATTENDING, note="  ")
    assert refused.value.message_dict == {"note": ["Schrijf kort hoe het ging."]}


def test_bad_links_are_refused_and_nothing_is_written(world: World, other_tenant: object) -> None:
    from buurtteam.socialmap.tests.factories import map_service

    other = map_service(other_tenant.organisation, name="Elders")  # type: ignore[attr-defined]
    link(world)
    with system_access("test setup"):
        MapService.objects.filter(pk=world.debt.pk).update(status=MapService.Status.INACTIVE)
    cases = [
        ({"service_id": other.pk}, "service"),
        ({"service_id": world.debt.pk}, "service"),
        ({"service_id": world.walk.pk}, "service"),  # already linked and still open
        ({"service_id": world.far.pk, "action_id": 999999}, "action"),
    ]
    before = AuditEvent.objects.count()
    for kwargs, field in cases:
        values = {"action_id": world.action.pk, **kwargs}
        with pytest.raises(ValidationError) as refused:
            links.link_create(actor=world.tenant.worker, case=world.case, **values)  # type: ignore[arg-type]
        assert field in refused.value.message_dict
    assert AuditEvent.objects.count() == before
    with system_access("test assertion"):
        assert ServiceLink.objects.count() == 1


def test_an_action_of_another_household_is_refused(world: World) -> None:
    other = registered_case(
        world.tenant, resident_in(world.tenant, world.area, first_name="Kees", last_name="Bos")
    )
    with pytest.raises((ValidationError, PermissionError)):
        links.link_create(
            actor=world.tenant.worker, case=other, action_id=world.action.pk, service_id=world.walk.pk
        )


def test_only_full_access_links(world: World) -> None:
    for who in (world.tenant.colleague, world.tenant.policy_officer, world.tenant.administrator):
        with pytest.raises(PermissionError):
            links.link_create(actor=who, case=world.case, action_id=world.action.pk, service_id=world.walk.pk)
    # The team's coordinator and someone who broke the glass may.
    links.link_create(
        actor=world.tenant.coordinator, case=world.case, action_id=world.action.pk, service_id=world.walk.pk
    )
    break_glass(
        actor=world.tenant.colleague, resident_id=world.resident.pk, reason="Acute zorg, niemand bereikbaar"
    )
    links.link_create(
        actor=world.tenant.colleague, case=world.case, action_id=world.action.pk, service_id=world.debt.pk
    )


def test_a_closed_case_takes_no_new_links(world: World) -> None:
    lifecycle.case_close(actor=world.tenant.worker, case=world.case, reason="goals_reached")
    with pytest.raises(ValidationError):
        link(world)


def test_reads_follow_the_case(world: World) -> None:
    made = link(world)
    assert selectors.link_get(actor=world.tenant.worker, link_id=made.pk).pk == made.pk
    event = _events("service_link", Action.READ)[-1]
    assert event.subject_id == world.resident.pk
    from django.http import Http404

    for who in (world.tenant.colleague, world.tenant.policy_officer, world.tenant.administrator):
        with pytest.raises(Http404):
            selectors.link_get(actor=who, link_id=made.pk)
        assert selectors.case_links(actor=who, case=world.case) == []


def test_search_starts_at_the_residents_address_with_the_goals_domain(world: World) -> None:
    start = selectors.search_start(actor=world.tenant.worker, case=world.case, action=world.action)
    assert start.near is not None and start.term_name == "Financiën"


def test_counts_per_activity_have_no_persons(world: World) -> None:
    made = link(world)
    link(world, world.debt)
    links.link_follow_up(actor=world.tenant.worker, link=made, status=LinkStatus.ATTENDING, note="Ging")
    counts = {c.service_name: c for c in aggregates.link_counts(actor=world.tenant.policy_officer)}
    assert counts["Wandelclub De Linde"].linked == 1 and counts["Wandelclub De Linde"].went == 1
    assert counts["Formulierenspreekuur"].went == 0
    assert aggregates.link_counts(actor=world.tenant.worker, team_id=world.tenant.other_team.pk) == []
    assert aggregates.link_counts(actor=world.tenant.worker, service_ids=[world.far.pk]) == []
    today = timezone.localdate()
    assert aggregates.link_counts(actor=world.tenant.worker, period=(today, today))
    assert aggregates.shown(2) == "<3" and aggregates.shown(0) == "0" and aggregates.shown(3) == "3"
