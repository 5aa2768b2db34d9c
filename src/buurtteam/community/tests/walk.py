"""Objects of this app for the URL walk (tests/test_url_walk.py): one of every kind in ``tenant``.

``walk_objects`` returns the URL kwargs (``<thing>_id``) of objects it makes; ``TEAM_PRIVATE`` names the
kwargs of person-level objects that a worker of another team and a policy officer must get 404 for.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from buurtteam.community.services import groups, links, signals
from buurtteam.socialmap.tests.factories import map_location, map_service

# A link is part of a dossier; a group (with its sessions and participants) belongs to its team; the
# walk's signal is about the walk's resident.
TEAM_PRIVATE: set[str] = {"link_id", "group_id", "session_id", "participant_id", "signal_id"}


def walk_objects(tenant: Any, *, case: Any, resident: Any, action_id: int) -> dict[str, int]:
    place = map_location(tenant.organisation, name="Buurthuis De Walk")
    service = map_service(tenant.organisation, name="Wandelclub De Walk", locations=[place])
    link = links.link_create(actor=tenant.worker, case=case, action_id=action_id, service_id=service.pk)
    group = groups.group_create(
        actor=tenant.worker, team_id=tenant.team.pk, name="Wandelgroep De Walk", leader_ids=[tenant.worker.pk]
    )
    participant = groups.participant_add(
        actor=tenant.worker, group=group, resident_id=resident.pk, joined_on=timezone.localdate()
    )
    session = groups.session_add(
        actor=tenant.worker,
        group=group,
        held_on=timezone.localdate(),
        activity="Rondje door het park",
        present_ids=[participant.pk],
    )
    neighbourhood_id = resident.neighbourhood_id
    signals.signal_record(
        actor=tenant.worker, theme="money", neighbourhood_id=neighbourhood_id, noticed_on=timezone.localdate()
    )
    signal = signals.signal_record(
        actor=tenant.worker,
        theme="loneliness",
        neighbourhood_id=neighbourhood_id,
        noticed_on=timezone.localdate(),
        resident_id=resident.pk,
        note="Komt de deur weinig uit",
    )
    return {
        "link_id": link.pk,
        "group_id": group.pk,
        "session_id": session.pk,
        "participant_id": participant.pk,
        "signal_id": signal.pk,
    }
