"""An imported location gets its buurt (and, without coordinates in the file, the postcode's centre) from its
Dutch postcode, as a location saved through the map's forms does; coordinates in the file win, and importing
the same file again changes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from conftest import Tenant

from buurtteam.core.gate import system_access
from buurtteam.organisation.tests.factories import PostcodeFactory
from buurtteam.socialmap.exchange.tests.helpers import apply, as_bytes, preview
from buurtteam.socialmap.models import MapLocation

pytestmark = pytest.mark.django_db

LOCATION_ID = "8a0c3f52-7d4e-4b6a-9f21-3e5d7c9b1a40"
UNCHANGED = {"create": 0, "update": 0, "unchanged": 1, "rejected": 0}


def _file(postal_code: str, **coordinates: float) -> bytes:
    address = {
        "id": str(uuid.uuid5(uuid.UUID(LOCATION_ID), "adres")),
        "address_1": "Dorpsstraat 1",
        "city": "Utrecht",
        "state_province": "Utrecht",
        "postal_code": postal_code,
        "country": "NL",
        "address_type": "physical",
    }
    location: dict[str, Any] = {
        "id": LOCATION_ID,
        "name": "Buurthuis",
        "location_type": "physical",
        "addresses": [address],
        **coordinates,
    }
    return as_bytes(location)


def _stored(tenant: Tenant) -> MapLocation:
    with system_access("test"):
        return MapLocation.objects.get(organisation=tenant.organisation, hsds_id=LOCATION_ID)


def test_a_known_postcode_gives_the_buurt_and_the_centre(tenant: Tenant) -> None:
    known = PostcodeFactory.create(postcode="3511AB", latitude=52.0907, longitude=5.1214)
    org = tenant.organisation.pk
    report = apply(org, _file("3511 ab"))
    assert report.clean and report.counts["location"]["create"] == 1
    stored = _stored(tenant)
    assert (stored.postcode, stored.neighbourhood_id) == ("3511AB", known.neighbourhood_id)
    assert (stored.latitude, stored.longitude) == (52.0907, 5.1214)
    # The derived values are no change against the file: the second import is unchanged.
    assert preview(org, _file("3511 ab")).counts["location"] == UNCHANGED
    assert apply(org, _file("3511 ab")).counts["location"] == UNCHANGED


def test_coordinates_in_the_file_win(tenant: Tenant) -> None:
    known = PostcodeFactory.create(postcode="3511AB", latitude=52.0907, longitude=5.1214)
    org = tenant.organisation.pk
    assert apply(org, _file("3511AB", latitude=52.1, longitude=5.2)).clean
    stored = _stored(tenant)
    assert stored.neighbourhood_id == known.neighbourhood_id
    assert (stored.latitude, stored.longitude) == (52.1, 5.2)
    assert preview(org, _file("3511AB", latitude=52.1, longitude=5.2)).counts["location"] == UNCHANGED
    # The file drops its coordinates: the postcode's centre takes their place.
    report = apply(org, _file("3511AB"))
    assert report.counts["location"]["update"] == 1
    assert (_stored(tenant).latitude, _stored(tenant).longitude) == (52.0907, 5.1214)


def test_a_known_postcode_without_a_centre_gives_only_the_buurt(tenant: Tenant) -> None:
    known = PostcodeFactory.create(postcode="3511AB", latitude=None, longitude=None)
    org = tenant.organisation.pk
    assert apply(org, _file("3511AB")).clean
    stored = _stored(tenant)
    assert stored.neighbourhood_id == known.neighbourhood_id
    assert (stored.latitude, stored.longitude) == (None, None)
    assert preview(org, _file("3511AB")).counts["location"] == UNCHANGED


@pytest.mark.parametrize("postal_code", ["9999ZZ", "B-1000"])
def test_an_unknown_or_foreign_postcode_gives_nothing(tenant: Tenant, postal_code: str) -> None:
    PostcodeFactory.create(postcode="3511AB", latitude=52.0907, longitude=5.1214)
    org = tenant.organisation.pk
    assert apply(org, _file(postal_code)).counts["location"]["create"] == 1
    stored = _stored(tenant)
    assert (stored.neighbourhood_id, stored.latitude, stored.longitude) == (None, None, None)
    assert preview(org, _file(postal_code)).counts["location"] == UNCHANGED


def test_a_changed_postcode_moves_the_location(tenant: Tenant) -> None:
    first = PostcodeFactory.create(postcode="3511AB", latitude=52.0907, longitude=5.1214)
    second = PostcodeFactory.create(postcode="1012AB", latitude=52.3731, longitude=4.8922)
    org = tenant.organisation.pk
    assert apply(org, _file("3511AB")).clean
    assert _stored(tenant).neighbourhood_id == first.neighbourhood_id
    report = apply(org, _file("1012AB"))
    assert report.counts["location"]["update"] == 1
    stored = _stored(tenant)
    assert (stored.neighbourhood_id, stored.latitude, stored.longitude) == (
        second.neighbourhood_id,
        52.3731,
        4.8922,
    )
