"""Objects of this app for the URL walk (tests/test_url_walk.py): one of every kind in ``tenant``.

``walk_objects`` returns the URL kwargs (``<thing>_id``) of objects it makes; ``TEAM_PRIVATE`` names the
kwargs of person-level objects that a worker of another team and a policy officer must get 404 for.
"""

from __future__ import annotations

from typing import Any

TEAM_PRIVATE: set[str] = set()


def walk_objects(tenant: Any, *, case: Any, resident: Any, action_id: int) -> dict[str, int]:
    return {}
