"""The fictional municipality's CBS-style geography: wijken, buurten and six-position postcodes."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from buurtteam.demo.builders import names
from buurtteam.organisation.models import District, Municipality, Neighbourhood, Postcode

MIN_DISTRICTS = 5
MAX_DISTRICTS = 99  # WK + GM digits + 2 digits
POSTCODE_BASE = 7340  # the first four digits of the first buurt; one number per buurt after that
# PostNL leaves F, I, O, Q, U and Y out of the letter pairs; SA, SD and SS are never used.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
FORBIDDEN_PAIRS = {"SA", "SD", "SS"}
LETTER_PAIRS = [a + b for a in POSTCODE_LETTERS for b in POSTCODE_LETTERS if a + b not in FORBIDDEN_PAIRS]


@dataclass
class Area:
    """One team's working area: a few neighbouring buurten of one wijk."""

    district: District
    neighbourhoods: list[Neighbourhood]
    covers_district: bool


@dataclass
class Geography:
    municipality: Municipality
    districts: list[District]
    neighbourhoods: list[Neighbourhood]
    postcodes: dict[int, list[str]] = field(default_factory=dict)  # neighbourhood pk -> postcodes
    areas: list[Area] = field(default_factory=list)

    @property
    def postcode_count(self) -> int:
        return sum(len(codes) for codes in self.postcodes.values())


def district_count_for(teams: int) -> int:
    """About two teams per wijk, and at least five wijken (fewer only when there are fewer teams)."""
    if teams < MIN_DISTRICTS:
        return teams
    return max(MIN_DISTRICTS, math.ceil(teams / 2))


def _name_pool(rng: random.Random) -> list[str]:
    pool = [
        prefix + suffix
        for prefix in names.NAME_PREFIXES
        for suffix in names.NAME_SUFFIXES
        if prefix.lower() != suffix and not (prefix[-1] in "aeiou" and suffix[0] in "aeiou")
    ]
    rng.shuffle(pool)
    return pool


def _postcodes(rng: random.Random, pc4: int, count: int) -> list[str]:
    count = max(1, min(count, len(LETTER_PAIRS)))
    start = rng.randrange(len(LETTER_PAIRS) - count + 1)
    return [f"{pc4}{pair}" for pair in LETTER_PAIRS[start : start + count]]


def _split(items: list[Neighbourhood], parts: int) -> list[list[Neighbourhood]]:
    """Contiguous groups whose sizes differ by at most one (larger groups first)."""
    size, extra = divmod(len(items), parts)
    groups, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        groups.append(items[start:end])
        start = end
    return groups


def build_geography(rng: random.Random, *, teams: int, scale: float) -> Geography:
    """Create the municipality, its wijken and buurten and their postcodes; plan one area per team."""
    n_districts = district_count_for(teams)
    if n_districts > MAX_DISTRICTS:
        raise ValueError(f"at most {MAX_DISTRICTS} districts fit in a CBS code")
    teams_per_district = [
        teams // n_districts + (1 if i < teams % n_districts else 0) for i in range(n_districts)
    ]
    rng.shuffle(teams_per_district)

    municipality = Municipality(
        cbs_code=names.MUNICIPALITY_CODE, name=names.MUNICIPALITY_NAME, cbs_year=names.CBS_YEAR
    )
    municipality.full_clean()
    municipality.save()

    digits = names.MUNICIPALITY_CODE[2:]
    pool = _name_pool(rng)
    fixed = names.DISTRICT_NAMES
    district_names = [fixed[i] if i < len(fixed) else pool.pop() for i in range(n_districts)]
    districts = District.objects.bulk_create(
        [
            District(municipality=municipality, cbs_code=f"WK{digits}{i + 1:02d}", name=name)
            for i, name in enumerate(district_names)
        ]
    )

    per_district: list[list[Neighbourhood]] = []
    for d_index, district in enumerate(districts):
        count = max(rng.randint(4, 6), teams_per_district[d_index])
        per_district.append(
            [
                Neighbourhood(
                    district=district, cbs_code=f"BU{digits}{d_index + 1:02d}{n + 1:02d}", name=pool.pop()
                )
                for n in range(count)
            ]
        )
    neighbourhoods = Neighbourhood.objects.bulk_create([nb for group in per_district for nb in group])

    geo = Geography(municipality=municipality, districts=districts, neighbourhoods=neighbourhoods)
    rows: list[Postcode] = []
    for index, nb in enumerate(neighbourhoods):
        codes = _postcodes(rng, POSTCODE_BASE + index, round(rng.randint(12, 30) * scale))
        geo.postcodes[nb.pk] = codes
        rows.extend(Postcode(postcode=code, neighbourhood=nb) for code in codes)
    Postcode.objects.bulk_create(rows, batch_size=500)

    for district, group, team_count in zip(districts, per_district, teams_per_district, strict=True):
        for part in _split(group, team_count):
            geo.areas.append(Area(district=district, neighbourhoods=part, covers_district=team_count == 1))
    return geo
