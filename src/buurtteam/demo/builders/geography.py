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


# --- Coordinates ---------------------------------------------------------------------------------
# A made-up town centre; the wijken lie around it, each buurt a cluster of postcodes. The points come
# from generators seeded with the CBS codes, so they never change the shared random sequence (the rest
# of the demo stays the same) and a seed always gives the same map.
TOWN_CENTRE = (52.1000, 5.1000)
KM_PER_DEGREE_LAT = 110.574


def _offset(origin: tuple[float, float], north_km: float, east_km: float) -> tuple[float, float]:
    lat, lon = origin
    km_per_degree_lon = 111.320 * math.cos(math.radians(lat))
    return round(lat + north_km / KM_PER_DEGREE_LAT, 6), round(lon + east_km / km_per_degree_lon, 6)


def _neighbourhood_centres(per_district: list[list[Neighbourhood]]) -> dict[str, tuple[float, float]]:
    """Each wijk's buurten around a point on a ring round the centre (the first wijk is the centre)."""
    centres: dict[str, tuple[float, float]] = {}
    ring = max(1, len(per_district) - 1)
    for d_index, group in enumerate(per_district):
        local = random.Random(f"wijk-{d_index}")
        if d_index == 0:
            wijk = TOWN_CENTRE
        else:
            angle = 2 * math.pi * (d_index - 1) / ring + local.uniform(-0.2, 0.2)
            distance = local.uniform(1.6, 2.8)
            wijk = _offset(TOWN_CENTRE, distance * math.cos(angle), distance * math.sin(angle))
        for n_index, nb in enumerate(group):
            angle = 2 * math.pi * n_index / max(1, len(group)) + local.uniform(-0.3, 0.3)
            distance = local.uniform(0.35, 0.8)
            centres[nb.cbs_code] = _offset(wijk, distance * math.cos(angle), distance * math.sin(angle))
    return centres


def _postcode_points(cbs_code: str, centre: tuple[float, float], count: int) -> list[tuple[float, float]]:
    """Points scattered within about 300 m of the buurt's centre."""
    local = random.Random(f"postcodes-{cbs_code}")
    return [_offset(centre, local.gauss(0, 0.15), local.gauss(0, 0.15)) for _ in range(count)]


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
    centres = _neighbourhood_centres(per_district)
    rows: list[Postcode] = []
    for index, nb in enumerate(neighbourhoods):
        codes = _postcodes(rng, POSTCODE_BASE + index, round(rng.randint(12, 30) * scale))
        geo.postcodes[nb.pk] = codes
        rows.extend(
            Postcode(postcode=code, neighbourhood=nb, latitude=lat, longitude=lon)
            for code, (lat, lon) in zip(
                codes, _postcode_points(nb.cbs_code, centres[nb.cbs_code], len(codes)), strict=True
            )
        )
    Postcode.objects.bulk_create(rows, batch_size=500)

    for district, group, team_count in zip(districts, per_district, teams_per_district, strict=True):
        for part in _split(group, team_count):
            geo.areas.append(Area(district=district, neighbourhoods=part, covers_district=team_count == 1))
    return geo
