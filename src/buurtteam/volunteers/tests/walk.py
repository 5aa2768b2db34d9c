"""Objects of this app for the URL walk (tests/test_url_walk.py): one of every kind in ``tenant``.

``walk_objects`` returns the URL kwargs (``<thing>_id``) of objects it makes; ``TEAM_PRIVATE`` names the
kwargs of person-level objects that a worker of another team and a policy officer must get 404 for.

Volunteers, requests and matches are organisation-wide (every worker, coordinator and administrator of the
organisation keeps the databank), so none is team-private; a request's case is hidden from who cannot see
the case (``test_access.py``), and ``request_create_for_case`` is walked through ``case_id``.
"""

from __future__ import annotations

from typing import Any

TEAM_PRIVATE: set[str] = set()


def walk_objects(tenant: Any, *, case: Any, resident: Any, action_id: int) -> dict[str, int]:
    from buurtteam.volunteers.services import matches, requests, volunteers

    helper = volunteers.volunteer_register(
        actor=tenant.worker,
        first_name="Walter",
        last_name="Wandelaar",
        passions="Wandelen",
        interests=["walking"],
    )
    request = requests.request_create(
        actor=tenant.worker,
        case=case,
        title="Maatje om te wandelen",
        description="Iemand om wekelijks mee te wandelen.",
        kind="buddy",
        needs_vog=False,
    )
    match = matches.match_propose(actor=tenant.worker, help_request=request, volunteer=helper)
    return {"volunteer_id": helper.pk, "help_request_id": request.pk, "match_id": match.pk}
