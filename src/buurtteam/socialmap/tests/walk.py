"""Objects of this app for the URL walk (tests/test_url_walk.py): one of every kind in ``tenant``.

``walk_objects`` returns the URL kwargs (``<thing>_id``) of objects it makes; ``TEAM_PRIVATE`` names the
kwargs of person-level objects that a worker of another team and a policy officer must get 404 for. The
sociale kaart is organisation-wide tenant data without persons, so nothing of it is team-private.
"""

from __future__ import annotations

from typing import Any

TEAM_PRIVATE: set[str] = set()


def walk_objects(tenant: Any, *, case: Any, resident: Any, action_id: int) -> dict[str, int]:
    from buurtteam.socialmap import services

    editor = tenant.administrator
    org = services.organization_save(actor=editor, name="Stichting Welzijn Lindewaard")
    place = services.location_save(actor=editor, name="Buurthuis De Linde", map_organization_id=org.pk)
    service = services.service_save(
        actor=editor,
        name="Koffieochtend",
        map_organization_id=org.pk,
        location_ids=[place.pk],
        schedules=[{"freq": "WEEKLY", "byday": "TU"}],
    )
    synonym = services.synonym_save(actor=editor, words="koffie, inloop")
    return {
        "map_organization_id": org.pk,
        "map_location_id": place.pk,
        "map_service_id": service.pk,
        "map_synonym_id": synonym.pk,
    }
