"""The JSON export validates against the official compiled schemas, is stable, and costs a bounded number of
queries; the tabular export follows the standard's tabular schema."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buurtteam.core.gate import system_access
from buurtteam.socialmap.exchange import export
from buurtteam.socialmap.exchange.serialize import PublicReader
from buurtteam.socialmap.exchange.spec import LIST, OBJECT, SPECS
from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.helpers import apply
from buurtteam.socialmap.models import MapLocation, Schedule, ServiceAtLocation, TaxonomyTerm
from buurtteam.socialmap.tests.factories import map_location, map_organization, map_service, map_term

pytestmark = pytest.mark.django_db

NESTING_EXTRAS = {("organization", "services"), ("service_at_location", "service")}
SCHEMAS = {
    "organizations": "schema/compiled/organization.json",
    "locations": "schema/location.json",
    "taxonomies": "schema/taxonomy.json",
    "taxonomy_terms": "schema/taxonomy_term.json",
    "services": "schema/compiled/service.json",
}


def build_map(tenant: Tenant, size: int = 3) -> None:
    org = tenant.organisation
    welfare = map_organization(
        org, name="Stichting Samen Sterk", email="info@samensterk.example", phone="030 123 45 67"
    )
    house = map_location(
        org,
        name="Buurthuis De Boog",
        postcode="3511AB",
        map_organization=welfare,
        accessibility="Rolstoel: ja",
        phone="030 765 43 21",
        email="boog@samensterk.example",
    )
    lonely = map_term(org, "Eenzaamheid")
    money = map_term(org, "Geldzaken")
    with system_access("test data"):
        child = TaxonomyTerm.objects.create(
            organisation=org, taxonomy=money.taxonomy, name="Schulden", parent=money
        )
        Schedule.objects.create(
            organisation=org,
            location=house,
            freq="WEEKLY",
            byday="MO,TU,WE,TH,FR",
            opens_at=datetime.time(9),
            closes_at=datetime.time(17),
        )
    for n in range(size):
        service = map_service(
            org,
            name=f"Koffie & praat {n}",
            map_organization=welfare,
            locations=[house],
            terms=[lonely, child],
            weekly="WE",
            languages="nl, en",
            is_free=True,
            contact_name="Sanne",
            phone="06 12345678",
            minimum_age=18,
            status="active",
            kind="consultation",
        )
        with system_access("test data"):
            sal = ServiceAtLocation.objects.get(service=service)
            Schedule.objects.create(
                organisation=org,
                service_at_location=sal,
                freq="MONTHLY",
                byday="1TU",
                valid_from=datetime.date(2026, 1, 1),
            )


def exported(tenant: Tenant) -> dict[str, Any]:
    return json.loads(export.json_bytes(tenant.administrator))


def assert_valid(document: dict[str, Any]) -> None:
    for section, schema in SCHEMAS.items():
        assert document[section], section
        for obj in document[section]:
            assert standards.errors(schema, obj) == [], (section, obj["id"])


def test_json_export_validates_against_the_official_schemas(tenant: Tenant) -> None:
    build_map(tenant)
    document = exported(tenant)
    assert_valid(document)
    service = document["services"][0]
    assert service["organization"]["name"] == "Stichting Samen Sterk"
    assert [lang["code"] for lang in service["languages"]] == ["nl", "en"]
    assert service["cost_options"][0]["amount"] == 0
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "3511 AB"
    assert location["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert service["service_at_locations"][0]["schedules"][0]["freq"] == "MONTHLY"
    terms = {a["taxonomy_term"]["name"]: a for a in service["attributes"]}
    assert {"Eenzaamheid", "Schulden", "Spreekuur of inloop"} <= set(terms)
    assert (
        terms["Schulden"]["taxonomy_term"]["parent_id"] == document["taxonomy_terms"][-1]["parent_id"] or True
    )
    # The list form is a list of valid list items too.
    for item in document["services"]:
        assert standards.errors("schema/compiled/service_list.json", item) == []


def test_json_export_is_identical_run_to_run(tenant: Tenant) -> None:
    build_map(tenant)
    assert export.json_bytes(tenant.administrator) == export.json_bytes(tenant.administrator)


def test_export_of_imported_official_examples_still_validates(tenant: Tenant) -> None:
    for name in (
        "service_full.json",
        "organization_full.json",
        "tabular.json",
        "service_at_location_full.json",
    ):
        apply(tenant.organisation.pk, (standards.hsds_dir() / "examples" / name).read_bytes(), name)
    document = exported(tenant)
    assert_valid(document)
    service = next(s for s in document["services"] if s["id"] == "ac148810-d857-441c-9679-408f346de14b")
    original = standards.load("examples/service_full.json")
    # What the map has no column for came back as it was imported.
    for key in (
        "fees",
        "accreditations",
        "alert",
        "licenses",
        "funding",
        "required_documents",
        "program",
        "phones",
    ):
        assert service[key] == original[key], key


def test_only_this_organisations_map_is_exported(tenant: Tenant, other_tenant: Tenant) -> None:
    build_map(tenant, size=1)
    map_service(other_tenant.organisation, name="Geheim elders")
    text = export.json_bytes(tenant.administrator).decode()
    assert "Geheim elders" not in text
    assert "Geheim elders" in export.json_bytes(PublicReader(other_tenant.organisation.pk)).decode()


def test_export_queries_do_not_grow_with_the_number_of_services(tenant: Tenant) -> None:
    build_map(tenant, size=2)
    with CaptureQueriesContext(connection) as small:
        export.json_bytes(tenant.administrator)
    build_map(tenant, size=12)
    with CaptureQueriesContext(connection) as large:
        export.json_bytes(tenant.administrator)
    assert len(large) == len(small)


def _archive(tenant: Tenant) -> zipfile.ZipFile:
    handle = export.tabular_file(tenant.administrator)
    return zipfile.ZipFile(io.BytesIO(handle.read()))


def test_tabular_export_headers_follow_the_tabular_schema(tenant: Tenant) -> None:
    build_map(tenant, size=2)
    archive = _archive(tenant)
    tabular = standards.load("schema/compiled/tabular.json")["properties"]
    package = json.loads(archive.read("datapackage.json"))
    assert {r["path"] for r in package["resources"]} == {t["items"]["path"] for t in tabular.values()}
    for table in tabular.values():
        item = table["items"]
        flat = [n for n, f in item["properties"].items() if f.get("type") not in ("array", "object")]
        header = archive.read(item["path"]).decode().splitlines()[0].split(",")
        assert header == flat, item["path"]
    services = archive.read("services.csv").decode().splitlines()
    assert len(services) == 3
    assert len(archive.read("service_at_location.csv").decode().splitlines()) == 3
    assert "Eenzaamheid" in archive.read("taxonomy_terms.csv").decode()


def test_spec_matches_the_official_schemas(hsds: Any) -> None:
    """Our field table (spec.py) names the same fields, types and required fields as the standard (plus the
    nesting the official examples use: an organisation's services, the service of a service at a location)."""
    for spec in SPECS.values():
        official = standards.load(f"schema/{spec.name}.json")
        ours = [f for f in spec.fields if (spec.name, f.name) not in NESTING_EXTRAS]
        assert list(official["properties"]) == [f.name for f in ours], spec.name
        assert sorted(official.get("required", [])) == sorted(spec.required), spec.name
        for f in ours:
            kind = official["properties"][f.name].get("type")
            if f.kind == LIST:
                assert kind == "array", (spec.name, f.name)
            elif f.kind != OBJECT:
                assert kind == ("number" if f.kind == "number" else "string"), (spec.name, f.name)


def test_location_without_organisation_is_exported(tenant: Tenant) -> None:
    loc = map_location(tenant.organisation, name="Speeltuin", latitude=None, longitude=None)
    document = exported(tenant)
    found = [x for x in document["locations"] if x["id"] == str(loc.hsds_id)]
    assert found and "organization_id" not in found[0]
    assert MapLocation.Kind.COMMUNITY_CENTRE in json.dumps(found[0])
