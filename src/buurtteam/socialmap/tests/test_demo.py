"""The demo's sociale kaart: realistic, searchable, deterministic, with coordinates on every postcode."""

from __future__ import annotations

import datetime
import random

import pytest
from django.db import transaction

from buurtteam.accounts.tests.factories import member_of
from buurtteam.core.gate import system_access
from buurtteam.demo.builders.geography import build_geography
from buurtteam.demo.builders.socialmap import build_socialmap
from buurtteam.organisation.models import Organisation, Postcode
from buurtteam.organisation.tests.factories import OrganisationFactory, TeamFactory
from buurtteam.socialmap.geo import Point
from buurtteam.socialmap.models import MapService
from buurtteam.socialmap.selectors import service_search

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def _demo(seed: int) -> tuple[Organisation, dict[str, int]]:
    rng = random.Random(seed)
    with system_access("test demo"):
        geo = build_geography(rng, teams=8, scale=0.3)
        org = OrganisationFactory.create(municipality=geo.municipality)
    counts = build_socialmap(organisation=org, today=TODAY, rng=rng, scale=0.3)
    return org, counts


def test_the_demo_map_is_realistic_and_searchable() -> None:
    org, counts = _demo(7)
    assert 30 <= counts["kaart-organisaties"] <= 60
    assert 200 <= counts["kaart-activiteiten"] <= 400
    with system_access("test"):
        assert not Postcode.objects.filter(latitude__isnull=True).exists()
        services = MapService.objects.filter(organisation=org)
        stale = services.filter(last_checked_on__lt=TODAY - datetime.timedelta(days=365)).count()
        assert 0.05 < stale / services.count() < 0.3
        assert not services.filter(search_document="").exists()
    worker = member_of(TeamFactory.create(organisation=org))
    assert service_search(actor=worker, text="eenzaamheid").total > 10
    assert service_search(actor=worker, text="geldzorgen").total > 5
    assert service_search(actor=worker, text="dementie").total >= 1
    near = service_search(actor=worker, text="sporten", near=Point(52.1, 5.1), max_km=3)
    assert near.total > 0 and all(h.distance_km is not None and h.distance_km <= 3 for h in near.hits)


def _snapshot(seed: int) -> list[object]:
    with transaction.atomic():
        org, _ = _demo(seed)
        with system_access("test"):
            rows: list[object] = [
                list(
                    MapService.objects.filter(organisation=org)
                    .order_by("pk")
                    .values_list("name", "last_checked_on", "search_document")
                ),
                list(Postcode.objects.order_by("postcode").values_list("latitude", "longitude")),
            ]
        transaction.set_rollback(True)
    return rows


def test_the_demo_map_is_deterministic() -> None:
    assert _snapshot(11) == _snapshot(11)
