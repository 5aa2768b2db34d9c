"""A large volunteer databank for the ranking benchmark: 10,000 volunteers (or ``count``) and a few requests.

Written with the demo builders' fast inserter (executemany with explicit ids), so 10,000 volunteers take a
second or two on PostgreSQL. The texts, interests, availability, languages and VOG states are drawn from the
demo's personas (``demo/builders/volunteers_texts.py``) with the same spread as the demo; the stems are
computed once per distinct text and stored as the services would (``match_tokens``). Volunteers live on the
municipality's postcodes, so their distances to a request vary from 0 to the width of the town.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from buurtteam.core.gate import system_access
from buurtteam.demo.builders.fastinsert import Inserter
from buurtteam.demo.builders.volunteers import RADII, VOLUNTEER_COLUMNS, persona_texts, weighted
from buurtteam.demo.builders.volunteers_requests import slots_for
from buurtteam.demo.builders.volunteers_texts import PERSONAS
from buurtteam.organisation.models import Organisation, Postcode, Team
from buurtteam.volunteers import choices, text
from buurtteam.volunteers.models import Volunteer

FIRST = ("Anna", "Bram", "Fatima", "Henk", "Ilse", "Jan", "Karim", "Lotte", "Mehmet", "Noor", "Piet", "Sara")
LAST = ("de Jong", "Jansen", "Bakker", "El Amrani", "Visser", "Smit", "Yilmaz", "de Boer", "Mulder", "Bos")


def volunteer_count(organisation: Organisation) -> int:
    with system_access("benchmark: how many volunteers"):
        return Volunteer.objects.filter(organisation=organisation).count()


def generate_volunteers(*, organisation: Organisation, count: int, seed: int = 1) -> int:
    """Add ``count`` volunteers to ``organisation``; returns how many were written."""
    rng = random.Random(seed)
    today = timezone.localdate()
    ins = Inserter()
    with system_access("benchmark data: volunteers"), ins.tuned():
        teams = list(Team.objects.filter(organisation=organisation).values_list("pk", flat=True))
        places = list(
            Postcode.objects.filter(neighbourhood__district__municipality_id=organisation.municipality_id)
            .order_by("postcode")
            .values_list("postcode", "neighbourhood_id", "latitude", "longitude")
        )
        if not teams or not places:
            return 0
        tokens_of: dict[tuple[str, str, str], tuple[str, int]] = {}
        now = timezone.now()
        rows: list[tuple[Any, ...]] = []
        for i in range(count):
            persona = rng.choice(PERSONAS)
            second = rng.choice(PERSONAS) if rng.random() < 0.4 else None
            texts = persona_texts(rng, persona, second)
            key = (texts["passions"], texts["talents"], texts["likes"])
            if key not in tokens_of:
                stems = text.tokens(*key)
                tokens_of[key] = (text.as_column(stems), text.signature(stems))
            place = rng.choice(places)
            languages = {"nl"}
            if rng.random() < 0.25:
                languages.add(rng.choice(("ar", "tr", "en", "pl", "zgh")))
            valid = rng.random() < 0.5
            paused = rng.random() < 0.07
            rows.append(
                (
                    organisation.pk,
                    rng.choice(teams),
                    rng.choice(FIRST),
                    f"{rng.choice(LAST)} {i}",
                    "",
                    "",
                    place[0],
                    place[1],
                    place[2],
                    place[3],
                    weighted(rng, RADII),
                    texts["passions"],
                    texts["talents"],
                    texts["likes"],
                    texts["interests"],
                    choices.pack(languages),
                    choices.mask_from_codes(slots_for(rng, persona.days, rng.randint(2, 6))),
                    tokens_of[key][0],
                    choices.interest_bits(texts["interests"]),
                    tokens_of[key][1],
                    "valid" if valid else "none",
                    today - datetime.timedelta(days=rng.randint(20, 4 * 365)) if valid else None,
                    "paused" if paused else "active",
                    "",
                    None,
                    None,
                    now,
                    now,
                )
            )
        ins.add(Volunteer, VOLUNTEER_COLUMNS, rows)
        ins.finish()
    return len(rows)
