"""Location postcodes in one format: the map stores ``1234AB`` whether a location came from its own forms or
from an HSDS import; the export writes ``1234 AB``; an imported address list comes back as it was."""

from __future__ import annotations

import importlib
import json
import uuid
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from buurtteam.core.gate import system_access
from buurtteam.socialmap.exchange import export
from buurtteam.socialmap.exchange.tests.helpers import apply, as_bytes, preview, totals
from buurtteam.socialmap.models import MapLocation
from buurtteam.socialmap.tests.factories import map_location

pytestmark = pytest.mark.django_db

LOCATION_ID = "5c1f6e0a-3b1d-4f8e-9a39-0d7f6c1c2b11"


def _location(postal_code: str) -> dict[str, Any]:
    address = {
        "id": str(uuid.uuid5(uuid.UUID(LOCATION_ID), "adres")),
        "attention": "t.a.v. de beheerder",  # no column for it: kept in the imported list
        "address_1": "Dorpsstraat 1",
        "city": "Utrecht",
        "state_province": "Utrecht",
        "postal_code": postal_code,
        "country": "NL",
        "address_type": "physical",
    }
    return {"id": LOCATION_ID, "name": "Buurthuis", "location_type": "physical", "addresses": [address]}


def _stored(tenant: Tenant) -> MapLocation:
    with system_access("test"):
        return MapLocation.objects.get(organisation=tenant.organisation, hsds_id=LOCATION_ID)


def _exported_location(tenant: Tenant) -> dict[str, Any]:
    document = json.loads(export.json_bytes(tenant.administrator))
    return next(loc for loc in document["locations"] if loc["id"] == LOCATION_ID)


def test_an_imported_postcode_is_stored_as_the_forms_store_it(tenant: Tenant) -> None:
    org = tenant.organisation.pk
    report = apply(org, as_bytes(_location("1234 ab")))
    assert report.clean and report.counts["location"]["create"] == 1
    assert _stored(tenant).postcode == "1234AB"
    # Importing the same file again changes nothing.
    again = preview(org, as_bytes(_location("1234 ab")))
    assert again.counts["location"] == {"create": 0, "update": 0, "unchanged": 1, "rejected": 0}
    # The export gives the imported address back as it came (the column still says the same postcode).
    assert _exported_location(tenant)["addresses"] == _location("1234 ab")["addresses"]


def test_a_postal_code_that_is_not_dutch_is_noted_and_kept_in_the_list(tenant: Tenant) -> None:
    org = tenant.organisation.pk
    report = apply(org, as_bytes(_location("B-1000")))
    assert report.clean
    assert any("B-1000 is geen Nederlandse postcode" in w for w in report.warnings), report.warnings
    assert _stored(tenant).postcode == ""
    assert _exported_location(tenant)["addresses"][0]["postal_code"] == "B-1000"


def test_round_trip_into_another_organisation(tenant: Tenant, other_tenant: Tenant) -> None:
    """A location made on the map (``1234AB``) is exported as ``1234 AB``, imported elsewhere as ``1234AB``,
    and exported there exactly as here."""
    map_location(tenant.organisation, name="Wijkplein Oost", postcode="3511AB", city="Utrecht")
    first = export.json_bytes(tenant.administrator)
    (location,) = json.loads(first)["locations"]
    assert location["addresses"][0]["postal_code"] == "3511 AB"  # the export's format, as before
    assert apply(other_tenant.organisation.pk, first).clean
    with system_access("test"):
        stored = MapLocation.objects.get(organisation=other_tenant.organisation)
    assert stored.postcode == "3511AB"
    assert json.loads(export.json_bytes(other_tenant.administrator))["locations"] == [location]
    assert totals(preview(other_tenant.organisation.pk, first))["update"] == 0


def test_the_migration_normalises_existing_postcodes(tenant: Tenant) -> None:
    org = tenant.organisation
    rows = {
        "1234 AB": "1234AB",  # as an import stored it before
        "1234ab": "1234AB",
        "1234AB": "1234AB",
        "B-1000": "B-1000",  # not a Dutch postcode: left as it is
        "": "",
    }
    made = {given: map_location(org, name=f"Plek {given}") for given in rows}
    with system_access("test data"):
        for given, location in made.items():
            MapLocation.objects.filter(pk=location.pk).update(postcode=given)
    name = "0008_normalise_location_postcodes"
    migration = importlib.import_module(f"buurtteam.socialmap.migrations.{name}")
    state = MigrationExecutor(connection).loader.project_state(("socialmap", name))
    migration.forwards(state.apps, None)  # the historical model, as ``migrate`` runs it
    with system_access("test"):
        stored = dict(MapLocation.objects.filter(organisation=org).values_list("pk", "postcode"))
    assert {given: stored[location.pk] for given, location in made.items()} == rows
