"""Groups and signals: services with their audit, the access rules and the aggregates."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.community.models import Attendance, GroupParticipant, Signal, SignalStatus
from buurtteam.community.selectors import aggregates
from buurtteam.community.selectors import groups as group_selectors
from buurtteam.community.selectors import signals as signal_selectors
from buurtteam.community.services import groups, signals
from buurtteam.community.tests.helpers import World, anonymous_signal, group, person_signal
from buurtteam.core.gate import system_access

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today


def _last(object_type: str) -> AuditEvent:
    return AuditEvent.objects.filter(object_type=object_type).latest("pk")


# --- Groups -------------------------------------------------------------------------------------------------
def test_a_group_with_participants_and_a_session(world: World) -> None:
    made = group(world)
    assert _last("group").action == Action.CREATE and _last("group").subject_team_id == world.tenant.team.pk
    resident = groups.participant_add(
        actor=world.tenant.worker, group=made, resident_id=world.resident.pk, joined_on=timezone.localdate()
    )
    event = _last("group_participant")
    assert event.subject_type == "resident" and event.subject_id == world.resident.pk
    guest = groups.participant_add(
        actor=world.tenant.worker, group=made, name="Gerrit (buurman)", joined_on=timezone.localdate()
    )
    session = groups.session_add(
        actor=world.tenant.worker,
        group=made,
        held_on=timezone.localdate(),
        activity="Rondje park, koffie na afloop",
        guests=2,
        present_ids=[resident.pk, guest.pk],
    )
    assert session.attendance_count == 4
    assert _last("group_session").details == {
        "group": made.pk,
        "present": sorted([resident.pk, guest.pk]),
        "guests": 2,
    }
    with system_access("test assertion"):
        assert Attendance.objects.filter(session=session).count() == 2
    page = group_selectors.group_page(actor=world.tenant.worker, group_id=made.pk)
    assert [p.display_name for p in page.active_participants] == ["Gerrit (buurman)", "Sanne de Vries"]
    assert page.attended[session.pk] == {resident.pk, guest.pk}
    assert _last("group").action == Action.READ and _last("group").details == {
        "residents": [world.resident.pk]
    }
    groups.participant_leave(actor=world.tenant.worker, participant=guest)
    with system_access("test assertion"):
        assert GroupParticipant.objects.get(pk=guest.pk).left_on == timezone.localdate()
    counts = aggregates.group_counts(actor=world.tenant.policy_officer)
    assert [(c.name, c.participants, c.sessions, c.attendance) for c in counts] == [
        ("Wandelgroep dinsdag", 1, 1, 4)
    ]


def test_bad_group_input_is_refused(world: World) -> None:
    made = group(world)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    attempts = [
        lambda: groups.group_create(actor=world.tenant.worker, team_id=world.tenant.other_team.pk, name="X"),
        lambda: groups.group_create(actor=world.tenant.worker, team_id=world.tenant.team.pk, name=" "),
        lambda: groups.group_create(
            actor=world.tenant.worker,
            team_id=world.tenant.team.pk,
            name="X",
            leader_ids=[world.tenant.policy_officer.pk],
        ),
        lambda: groups.participant_add(actor=world.tenant.worker, group=made, joined_on=TODAY()),
        lambda: groups.participant_add(
            actor=world.tenant.worker, group=made, name="A", resident_id=world.resident.pk, joined_on=TODAY()
        ),
        lambda: groups.participant_add(actor=world.tenant.worker, group=made, name="A", joined_on=tomorrow),
        lambda: groups.session_add(
            actor=world.tenant.worker, group=made, held_on=tomorrow, activity="Wandelen"
        ),
        lambda: groups.session_add(actor=world.tenant.worker, group=made, held_on=TODAY(), activity=""),
        lambda: groups.session_add(
            actor=world.tenant.worker, group=made, held_on=TODAY(), activity="X", present_ids=[999999]
        ),
    ]
    before = AuditEvent.objects.filter(action=Action.CREATE).count()
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()
    assert AuditEvent.objects.filter(action=Action.CREATE).count() == before


def test_groups_are_for_the_team_and_the_leaders(world: World) -> None:
    made = group(world)
    for who in (world.tenant.colleague, world.tenant.policy_officer):
        with pytest.raises(Http404):
            group_selectors.group_page(actor=who, group_id=made.pk)
        with pytest.raises(PermissionError):
            groups.participant_add(actor=who, group=made, name="X", joined_on=TODAY())
        assert list(group_selectors.group_list(actor=who)) == []
    # A leader from another team works with the group too.
    groups.group_update(
        actor=world.tenant.worker, group=made, name=made.name, leader_ids=[world.tenant.colleague.pk]
    )
    assert group_selectors.group_page(actor=world.tenant.colleague, group_id=made.pk).group.pk == made.pk
    with pytest.raises(PermissionError):
        groups.group_create(actor=world.tenant.policy_officer, team_id=world.tenant.team.pk, name="X")


def test_a_resident_the_actor_cannot_see_is_refused(world: World, other_tenant: object) -> None:
    made = group(world)
    # A leader of another team works with the group, but cannot add a resident they may not see.
    groups.group_update(
        actor=world.tenant.worker, group=made, name=made.name, leader_ids=[world.tenant.colleague.pk]
    )
    with pytest.raises(ValidationError) as refused:
        groups.participant_add(
            actor=world.tenant.colleague, group=made, resident_id=world.resident.pk, joined_on=TODAY()
        )
    assert refused.value.message_dict == {"resident": ["Kies een inwoner die u kunt zien."]}


# --- Signals ------------------------------------------------------------------------------------------------
def test_an_anonymous_signal_is_for_the_team(world: World) -> None:
    made = anonymous_signal(world)
    event = _last("signal")
    assert event.action == Action.CREATE and event.subject_id is None and event.details["anonymous"] is True
    assert signal_selectors.signal_get(actor=world.tenant.coordinator, signal_id=made.pk).pk == made.pk
    for who in (world.tenant.colleague, world.tenant.policy_officer):
        with pytest.raises(Http404):
            signal_selectors.signal_get(actor=who, signal_id=made.pk)


def test_a_signal_about_a_person_follows_the_resident(world: World) -> None:
    from buurtteam.residents.services import break_glass

    made = person_signal(world)
    assert _last("signal").subject_id == world.resident.pk
    with pytest.raises(Http404):
        signal_selectors.signal_get(actor=world.tenant.colleague, signal_id=made.pk)
    break_glass(
        actor=world.tenant.colleague, resident_id=world.resident.pk, reason="Acute zorgen, dringend nodig"
    )
    assert (
        signal_selectors.signal_get(actor=world.tenant.colleague, signal_id=made.pk).resident_id
        == world.resident.pk
    )
    read = _last("signal")
    assert read.action == Action.READ and read.subject_id == world.resident.pk


def test_pick_up_and_close(world: World) -> None:
    made = anonymous_signal(world)
    signals.signal_pick_up(
        actor=world.tenant.worker, signal=made, user_id=world.tenant.coordinator.pk, note="Belt"
    )
    with pytest.raises(ValidationError):
        signals.signal_pick_up(actor=world.tenant.worker, signal=made)
    with pytest.raises(ValidationError) as refused:
        signals.signal_close(actor=world.tenant.worker, signal=made, note="")
    assert refused.value.message_dict == {"note": ["Schrijf kort wat er met het signaal is gedaan."]}
    signals.signal_close(actor=world.tenant.worker, signal=made, note="Besproken in het buurtoverleg")
    with system_access("test assertion"):
        found = Signal.objects.get(pk=made.pk)
    assert found.status == SignalStatus.CLOSED and found.picked_up_by_id == world.tenant.coordinator.pk
    assert _last("signal").details == {"status": "closed"}
    with pytest.raises(ValidationError):
        signals.signal_close(actor=world.tenant.worker, signal=made, note="Nog eens")
    other = anonymous_signal(world)
    with pytest.raises(ValidationError):  # someone outside the signal's team
        signals.signal_pick_up(actor=world.tenant.worker, signal=other, user_id=world.tenant.colleague.pk)


def test_bad_signals_are_refused(world: World, other_tenant: object) -> None:
    from buurtteam.cases.tests.factories import give_area

    elsewhere = give_area(other_tenant.team)  # type: ignore[attr-defined]
    base: dict[str, Any] = {
        "theme": "money",
        "neighbourhood_id": world.area.neighbourhood.pk,
        "noticed_on": TODAY(),
    }
    attempts: list[dict[str, Any]] = [
        {"theme": "gossip"},
        {"neighbourhood_id": elsewhere.neighbourhood.pk},
        {"noticed_on": TODAY() + datetime.timedelta(days=1)},
        {"noticed_on": datetime.date(1990, 1, 1)},
        {"team_id": world.tenant.other_team.pk},
        {"resident_id": 999999},
        {"note": "x" * 2001},
    ]
    before = AuditEvent.objects.count()
    for change in attempts:
        with pytest.raises(ValidationError):
            signals.signal_record(actor=world.tenant.worker, **{**base, **change})
    with pytest.raises(PermissionError):
        signals.signal_record(actor=world.tenant.policy_officer, **base)
    assert AuditEvent.objects.count() == before


def test_the_overview_counts_themes_per_buurt_with_small_cells(world: World) -> None:
    for _i in range(3):
        anonymous_signal(world, "loneliness")
    anonymous_signal(world, "money")
    person_signal(world)
    overview = aggregates.signal_overview(actor=world.tenant.policy_officer, end=timezone.localdate())
    month = overview.periods[-1].start
    assert overview.by_period[("loneliness", month)] == 4
    assert overview.by_period[("money", month)] == 1
    assert overview.total == 5 and len(overview.periods) == 12
    assert overview.neighbourhoods == [(world.area.neighbourhood.pk, world.area.neighbourhood.name)]
    quarters = aggregates.signal_overview(
        actor=world.tenant.worker, end=timezone.localdate(), granularity="quarter", periods=4
    )
    assert len(quarters.periods) == 4 and quarters.total == 5
    nothing = aggregates.signal_overview(
        actor=world.tenant.worker,
        end=timezone.localdate(),
        neighbourhood_id=world.area.neighbourhood.pk + 1000,
    )
    assert nothing.total == 0 and nothing.by_buurt  # the per-buurt table still covers every buurt


def test_overview_of_another_organisation_is_empty(world: World, other_tenant: object) -> None:
    anonymous_signal(world)
    overview = aggregates.signal_overview(actor=other_tenant.policy_officer, end=timezone.localdate())  # type: ignore[attr-defined]
    assert overview.total == 0 and overview.neighbourhoods == []
    assert aggregates.group_counts(actor=other_tenant.worker) == []  # type: ignore[attr-defined]
