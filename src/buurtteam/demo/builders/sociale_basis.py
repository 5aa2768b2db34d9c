"""The demo's sociale basis: the map first, then volunteers, then what links cases to both."""

from __future__ import annotations

import datetime
import random

from buurtteam.demo.builders.community import build_community
from buurtteam.demo.builders.socialmap import build_socialmap
from buurtteam.demo.builders.volunteers import build_volunteers
from buurtteam.organisation.models import Organisation

BUILDERS = (("socialmap", build_socialmap), ("volunteers", build_volunteers), ("community", build_community))


def build_sociale_basis(
    *, organisation: Organisation, today: datetime.date, seed: int, scale: float
) -> dict[str, int]:
    """Each part draws from its own random stream, so a change in one part leaves the others as they were."""
    counts: dict[str, int] = {}
    for name, build in BUILDERS:
        rng = random.Random(f"{seed}-{name}")
        counts.update(build(organisation=organisation, today=today, rng=rng, scale=scale))
    return counts
