"""Lindewaard's sociale kaart: organisations, a community centre per wijk, a wijkplein, and a few hundred
activities and services with schedules, target groups, life domains and costs (texts: socialmap_texts.py).

Deterministic for a seed without drawing from the shared random sequence (a generator seeded from its
state), so adding the map changes nothing else in the demo. About one in six entries is stale.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterable
from typing import Any

from django.utils.text import slugify

from buurtteam.core.gate import system_access
from buurtteam.demo.builders import names
from buurtteam.demo.builders.socialmap_places import PLACE_SERVICES
from buurtteam.demo.builders.socialmap_texts import (
    CENTRE_KINDS,
    CENTRE_STREETS,
    ORGANISATIONS,
    PLACES,
)
from buurtteam.demo.builders.socialmap_wijk import WIJK_SERVICES
from buurtteam.demo.builders.structure import dutch_phone
from buurtteam.organisation.models import District, Organisation, Postcode
from buurtteam.socialmap.models import (
    MapLocation,
    MapOrganization,
    MapService,
    Schedule,
    ServiceAtLocation,
    TaxonomyTerm,
)
from buurtteam.socialmap.search import refresh_search_documents
from buurtteam.socialmap.services.taxonomy import taxonomy_defaults

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR")
EVENING_DAYS = ("MO", "TU", "WE", "TH")
WEEK_OF_MONTH = ("1", "2", "3", "4", "-1")


def _checked_on(rng: random.Random, today: datetime.date) -> datetime.date | None:
    """Most entries checked in the last ten months; some long ago, a few never."""
    roll = rng.random()
    if roll < 0.04:
        return None
    if roll < 0.17:
        return today - datetime.timedelta(days=rng.randint(400, 1000))
    return today - datetime.timedelta(days=rng.randint(0, 300))


def _time(text: str) -> datetime.time:
    hour, minute = text.split(":")
    return datetime.time(int(hour), int(minute))


class _Builder:
    def __init__(self, organisation: Organisation, today: datetime.date, rng: random.Random) -> None:
        self.org = organisation
        self.today = today
        self.rng = rng

    # --- Places ----------------------------------------------------------------------------------
    def districts(self) -> list[tuple[District, list[tuple[str, int, float | None, float | None]]]]:
        """Every wijk of the municipality with its postcodes: (postcode, buurt id, lat, lon)."""
        rows = (
            Postcode.objects.filter(neighbourhood__district__municipality_id=self.org.municipality_id)
            .order_by("neighbourhood__district__cbs_code", "postcode")
            .values_list(
                "neighbourhood__district_id", "postcode", "neighbourhood_id", "latitude", "longitude"
            )
        )
        by_district: dict[int, list[tuple[str, int, float | None, float | None]]] = {}
        for district_id, code, nb, lat, lon in rows:
            by_district.setdefault(district_id, []).append((code, nb, lat, lon))
        districts = District.objects.filter(pk__in=by_district).order_by("cbs_code")
        return [(d, by_district[d.pk]) for d in districts]

    def location(
        self,
        *,
        name: str,
        kind: str,
        street: str,
        org: MapOrganization | None,
        postcodes: list[Any],
        **extra: Any,
    ) -> MapLocation:
        code, nb, lat, lon = self.rng.choice(postcodes)
        return MapLocation(
            organisation=self.org,
            map_organization=org,
            kind=kind,
            name=name,
            address_1=street,
            postcode=code,
            city=names.MUNICIPALITY_NAME,
            neighbourhood_id=nb,
            latitude=lat,
            longitude=lon,
            last_checked_on=_checked_on(self.rng, self.today),
            **extra,
        )

    # --- Schedules -------------------------------------------------------------------------------
    def schedule(self, freq: str, hours: tuple[str, str]) -> Schedule | None:
        if not freq:
            return None
        evening = int(hours[0][:2]) >= 18
        day = self.rng.choice(EVENING_DAYS if evening else WEEKDAYS)
        if freq == "MONTHLY":
            return Schedule(
                organisation=self.org,
                freq=Schedule.Freq.MONTHLY,
                interval=1,
                byday=f"{self.rng.choice(WEEK_OF_MONTH)}{day}",
                opens_at=_time(hours[0]),
                closes_at=_time(hours[1]),
            )
        return Schedule(
            organisation=self.org,
            freq=Schedule.Freq.WEEKLY,
            interval=2 if freq == "BIWEEKLY" else 1,
            byday=day,
            opens_at=_time(hours[0]),
            closes_at=_time(hours[1]),
        )


def _bulk(model: Any, rows: Iterable[Any]) -> list[Any]:
    return list(model.objects.bulk_create(list(rows), batch_size=500))


def build_socialmap(
    *, organisation: Organisation, today: datetime.date, rng: random.Random, scale: float
) -> dict[str, int]:
    """Fill the organisation's sociale kaart; returns counts to print."""
    local = random.Random(hash(rng.getstate()))
    builder = _Builder(organisation, today, local)
    with system_access("demo data: sociale kaart"):
        life, targets = taxonomy_defaults(organisation)
        terms = {
            (t.taxonomy_id, t.code): t.pk
            for t in TaxonomyTerm.objects.filter(taxonomy__in=[life, targets]).select_related("taxonomy")
        }
        district_rows = builder.districts()
        if not district_rows:
            return {"kaart-organisaties": 0, "kaart-locaties": 0, "kaart-activiteiten": 0}

        orgs = {
            spec.key: MapOrganization(
                organisation=organisation,
                name=spec.name,
                alternate_name=spec.alternate_name,
                description=spec.description,
                phone=dutch_phone(local, mobile=False),
                email=f"info@{slugify(spec.key)}.{names.EMAIL_DOMAIN}",
                website=f"https://www.{slugify(spec.key)}.{names.EMAIL_DOMAIN}",
                last_checked_on=_checked_on(local, today),
            )
            for spec in ORGANISATIONS
        }
        _bulk(MapOrganization, orgs.values())

        centres: list[MapLocation] = []
        for index, (district, postcodes) in enumerate(district_rows):
            base = names.COMMUNITY_CENTRE_NAMES[index % len(names.COMMUNITY_CENTRE_NAMES)]
            kind = CENTRE_KINDS[index % 2]
            label = "Wijkcentrum" if kind == "community_centre" else "MFA"
            suffix = f" ({district.name})" if index >= len(names.COMMUNITY_CENTRE_NAMES) else ""
            centres.append(
                builder.location(
                    name=f"{label} {base}{suffix}",
                    kind=kind,
                    street=CENTRE_STREETS[index % len(CENTRE_STREETS)],
                    org=orgs["welzijn"],
                    postcodes=postcodes,
                    description=f"Het wijkcentrum van {district.name}: ontmoeting, activiteiten, spreekuren.",
                    accessibility="Drempelvrij, invalidentoilet.",
                    phone=dutch_phone(local, mobile=False),
                )
            )
        rooms = [
            builder.location(
                name=f"Buurtkamer {district.name}",
                kind="community_centre",
                street=f"{district.name}straat {2 + index * 3}",
                org=orgs["welzijn"],
                postcodes=postcodes[len(postcodes) // 2 :] or postcodes,
                description="Een huiskamer in de buurt, open dankzij vrijwilligers uit de straat.",
            )
            for index, (district, postcodes) in enumerate(district_rows)
        ]
        places = {
            p.key: builder.location(
                name=p.name,
                kind=p.kind,
                street=p.street,
                org=orgs[p.org],
                postcodes=district_rows[p.district % len(district_rows)][1],
                accessibility=p.accessibility,
                transportation=p.transportation,
            )
            for p in PLACES
        }
        _bulk(MapLocation, [*centres, *rooms, *places.values()])

        services: list[MapService] = []
        where: list[MapLocation] = []
        plans: list[Schedule | None] = []
        term_ids: list[list[int]] = []
        for spec in (*WIJK_SERVICES, *PLACE_SERVICES):
            if spec.where == "wijk":
                targets_of = list(centres)
            elif spec.where == "wijk+":
                targets_of = [*centres, *rooms]
            else:
                targets_of = [places[spec.where]]
            for place in targets_of:
                services.append(
                    MapService(
                        organisation=organisation,
                        map_organization=orgs[spec.org],
                        kind=spec.kind,
                        name=spec.name,
                        description=spec.description,
                        eligibility_description=spec.eligibility,
                        application_process=spec.application,
                        is_free=not spec.fees,
                        fees_description=spec.fees,
                        minimum_age=spec.min_age,
                        maximum_age=spec.max_age,
                        languages=spec.languages,
                        phone=orgs[spec.org].phone,
                        email=orgs[spec.org].email,
                        last_checked_on=_checked_on(local, today),
                        status=MapService.Status.ACTIVE
                        if local.random() > 0.03
                        else MapService.Status.TEMPORARILY_CLOSED,
                    )
                )
                where.append(place)
                plans.append(builder.schedule(spec.freq, spec.hours))
                term_ids.append(
                    [terms[(life.pk, code)] for code in spec.domains]
                    + [terms[(targets.pk, code)] for code in spec.groups]
                )
        _bulk(MapService, services)
        _bulk(
            ServiceAtLocation,
            (
                ServiceAtLocation(organisation=organisation, service=service, location=place)
                for service, place in zip(services, where, strict=True)
            ),
        )
        schedules = []
        for service, plan in zip(services, plans, strict=True):
            if plan is not None:
                plan.service = service
                schedules.append(plan)
        opening = [
            Schedule(
                organisation=organisation,
                location=centre,
                freq=Schedule.Freq.WEEKLY,
                interval=1,
                byday="MO,TU,WE,TH,FR",
                opens_at=datetime.time(9, 0),
                closes_at=datetime.time(22, 0),
            )
            for centre in centres
        ]
        _bulk(Schedule, [*schedules, *opening])
        through = MapService.terms.through
        _bulk(
            through,
            (
                through(mapservice_id=service.pk, taxonomyterm_id=term)
                for service, ids in zip(services, term_ids, strict=True)
                for term in ids
            ),
        )
        refresh_search_documents([s.pk for s in services])
    return {
        "kaart-organisaties": len(orgs),
        "kaart-locaties": len(centres) + len(rooms) + len(places),
        "kaart-activiteiten": len(services),
    }
