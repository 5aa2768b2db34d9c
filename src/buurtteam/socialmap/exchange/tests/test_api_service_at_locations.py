"""The public HSDS API's /service_at_locations: full objects that validate against the standard, the
standard's filters that fit the map (each with a hit and a miss), paging, the organisation boundary, no
persons, Dutch 422/404 for bad input, and a query count that does not grow with the page."""

from __future__ import annotations

import datetime
import json
import uuid
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from jsonschema import Draft202012Validator

from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.organisation.tests.factories import PostcodeFactory
from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.helpers import as_bytes, preview, totals
from buurtteam.socialmap.exchange.tests.test_export import build_map
from buurtteam.socialmap.models import (
    MapLocation,
    MapOrganization,
    MapService,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from buurtteam.socialmap.tests.factories import map_location, map_organization, map_service, map_term

pytestmark = pytest.mark.django_db

BASE = "/api/v1/public"
FULL = "schema/compiled/service_at_location.json"
LIST_ITEM = "schema/compiled/service_at_location_list.json"
KM_LAT = 1 / 110.574  # degrees of latitude in a kilometre


def publish(*tenants: Tenant) -> None:
    with system_access("test fixture"):
        Organisation.objects.filter(pk__in=[t.organisation.pk for t in tenants]).update(map_public=True)


def sal_list(tenant: Tenant, **params: Any) -> Any:
    return Client().get(f"{BASE}/{tenant.organisation.pk}/service_at_locations", params)


def names(tenant: Tenant, **params: Any) -> list[str]:
    response = sal_list(tenant, **params)
    assert response.status_code == 200, response.content
    return sorted(item["service"]["name"] for item in response.json()["contents"])


def sal_of(service: MapService) -> ServiceAtLocation:
    with system_access("test"):
        return ServiceAtLocation.objects.select_related("location").get(service=service)


# --- Shape --------------------------------------------------------------------------------------------
def test_list_and_item_are_full_objects_valid_against_the_official_schemas(tenant: Tenant) -> None:
    publish(tenant)
    build_map(tenant, size=3)
    response = sal_list(tenant)
    assert response.status_code == 200, response.content
    page = response.json()
    page_schema = standards.load("schema/openapi.json")["components"]["schemas"]["Page"]
    assert list(Draft202012Validator(page_schema).iter_errors(page)) == []
    assert (page["total_items"], page["size"], page["first_page"], page["last_page"]) == (3, 3, True, True)
    for item in page["contents"]:
        assert standards.errors(FULL, item) == [], item["id"]
        assert standards.errors(LIST_ITEM, item) == [], item["id"]
        single = Client().get(f"{BASE}/{tenant.organisation.pk}/service_at_locations/{item['id']}")
        assert single.status_code == 200
        assert single.json() == item
    item = page["contents"][0]
    # The location and the service are nested, as in the compiled schema; the service without its own
    # services at locations (they would repeat this object).
    assert item["location_id"] == item["location"]["id"]
    assert item["location"]["name"] == "Buurthuis De Boog"
    assert item["location"]["addresses"][0]["postal_code"] == "3511 AB"
    assert item["location"]["schedules"][0]["byday"] == "MO,TU,WE,TH,FR"
    assert item["schedules"][0]["freq"] == "MONTHLY"
    assert item["schedules"][0]["service_at_location_id"] == item["id"]
    assert item["service_id"] == item["service"]["id"]
    assert item["service"]["organization"]["name"] == "Stichting Samen Sterk"
    assert item["service"]["schedules"][0]["byday"] == "WE"
    assert "service_at_locations" not in item["service"]
    assert {"Eenzaamheid", "Schulden"} <= {a["taxonomy_term"]["name"] for a in item["service"]["attributes"]}


def test_an_item_reads_as_inside_its_service_and_imports_cleanly(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    """The same object as the service's own ``service_at_locations`` entry (one serializer), and the
    standard's "service at a location with its service" that the import accepts."""
    publish(tenant)
    build_map(tenant, size=1)
    client = Client()
    item = client.get(f"{BASE}/{tenant.organisation.pk}/service_at_locations").json()["contents"][0]
    service = client.get(f"{BASE}/{tenant.organisation.pk}/services/{item['service_id']}").json()
    assert {k: v for k, v in item.items() if k != "service"} == service["service_at_locations"][0]
    assert {k: v for k, v in service.items() if k != "service_at_locations"} == item["service"]
    report = preview(other_tenant.organisation.pk, as_bytes(item))
    assert totals(report)["rejected"] == 0, report


# --- Filters ------------------------------------------------------------------------------------------
@pytest.fixture
def two_places(tenant: Tenant) -> dict[str, Any]:
    """Coffee at a buurthuis in 3511 AB (welfare, life domain) and swimming at a pool in 3521 XY (sport,
    target group), 1.4 km apart; a taxonomy and a term that no service uses."""
    publish(tenant)
    org = tenant.organisation
    welfare = map_organization(org, name="Stichting Samen Sterk")
    sport = map_organization(org, name="Sportbedrijf")
    house = map_location(org, name="Buurthuis De Boog", postcode="3511AB", latitude=52.09, longitude=5.12)
    pool = map_location(
        org, name="Zwembad Het Bad", postcode="3521XY", latitude=52.09 + 1.4 * KM_LAT, longitude=5.12
    )
    lonely = map_term(org, "Eenzaamheid")
    elderly = map_term(org, "Ouderen", purpose=Taxonomy.Purpose.TARGET_GROUPS)
    unused = map_term(org, "Ongebruikt", purpose=Taxonomy.Purpose.OTHER)
    coffee = map_service(
        org, name="Koffie en praat", map_organization=welfare, locations=[house], terms=[lonely]
    )
    swim = map_service(
        org,
        name="Zwemmen voor ouderen",
        description="Baantjes trekken in het ondiepe bad.",
        map_organization=sport,
        locations=[pool],
        terms=[elderly],
    )
    return {
        "welfare": welfare,
        "sport": sport,
        "house": house,
        "pool": pool,
        "lonely": lonely,
        "elderly": elderly,
        "unused": unused,
        "coffee": coffee,
        "swim": swim,
    }


COFFEE, SWIM = ["Koffie en praat"], ["Zwemmen voor ouderen"]


def test_search(tenant: Tenant, two_places: dict[str, Any]) -> None:
    assert names(tenant) == sorted(COFFEE + SWIM)
    assert names(tenant, search="koffie") == COFFEE
    assert names(tenant, search="zwemmen ouderen") == SWIM
    assert names(tenant, search="schaken") == []


def test_organization_id(tenant: Tenant, other_tenant: Tenant, two_places: dict[str, Any]) -> None:
    assert names(tenant, organization_id=str(two_places["welfare"].hsds_id)) == COFFEE
    assert names(tenant, organization_id=str(two_places["sport"].hsds_id)) == SWIM
    elsewhere = map_organization(other_tenant.organisation, name="Elders")
    assert names(tenant, organization_id=str(elsewhere.hsds_id)) == []
    assert names(tenant, organization_id=str(uuid.uuid4())) == []


def test_taxonomy_term_id_and_taxonomy_id(tenant: Tenant, two_places: dict[str, Any]) -> None:
    lonely, elderly, unused = two_places["lonely"], two_places["elderly"], two_places["unused"]
    assert names(tenant, taxonomy_term_id=str(lonely.hsds_id)) == COFFEE
    assert names(tenant, taxonomy_term_id=str(elderly.hsds_id)) == SWIM
    assert names(tenant, taxonomy_term_id=str(unused.hsds_id)) == []
    assert names(tenant, taxonomy_id=str(lonely.taxonomy.hsds_id)) == COFFEE
    assert names(tenant, taxonomy_id=str(elderly.taxonomy.hsds_id)) == SWIM
    assert names(tenant, taxonomy_id=str(unused.taxonomy.hsds_id)) == []
    # A second term of the same taxonomy on the service: still one row.
    with system_access("test data"):
        two_places["coffee"].terms.add(
            TaxonomyTerm.objects.create(
                organisation=tenant.organisation, taxonomy=lonely.taxonomy, name="Rouw"
            )
        )
    assert names(tenant, taxonomy_id=str(lonely.taxonomy.hsds_id)) == COFFEE


def test_modified_after_looks_at_the_row_its_service_and_its_location(
    tenant: Tenant, two_places: dict[str, Any]
) -> None:
    long_ago = timezone.make_aware(datetime.datetime(2020, 1, 1))
    with system_access("test data"):
        for model in (ServiceAtLocation, MapService, MapLocation):
            model.objects.filter(organisation=tenant.organisation).update(updated_at=long_ago)
    assert names(tenant, modified_after="2019-12-31T00:00:00Z") == sorted(COFFEE + SWIM)
    assert names(tenant, modified_after="2024-01-01T00:00:00+01:00") == []
    assert names(tenant, modified_after="2024-01-01") == []  # a date alone: local midnight
    now = timezone.now()
    with system_access("test data"):
        MapLocation.objects.filter(pk=two_places["pool"].pk).update(updated_at=now)
    assert names(tenant, modified_after="2024-01-01") == SWIM
    with system_access("test data"):
        MapService.objects.filter(pk=two_places["coffee"].pk).update(updated_at=now)
    assert names(tenant, modified_after="2024-01-01") == sorted(COFFEE + SWIM)
    with system_access("test data"):
        MapService.objects.filter(pk=two_places["coffee"].pk).update(updated_at=long_ago)
        MapLocation.objects.filter(pk=two_places["pool"].pk).update(updated_at=long_ago)
        ServiceAtLocation.objects.filter(service=two_places["coffee"]).update(updated_at=now)
    assert names(tenant, modified_after="2024-01-01") == COFFEE


def test_postcode_alone_is_the_locations_postcode(tenant: Tenant, two_places: dict[str, Any]) -> None:
    assert names(tenant, postcode="3511AB") == COFFEE
    assert names(tenant, postcode="3511 ab") == COFFEE
    assert names(tenant, postcode="3521 xy") == SWIM  # the map stores "3521XY"; the query may have a space
    assert names(tenant, postcode="9999ZZ") == []


def test_postcode_with_proximity_is_distance_from_its_centre(
    tenant: Tenant, two_places: dict[str, Any]
) -> None:
    with system_access("test data"):
        PostcodeFactory.create(postcode="3511AB", latitude=52.09, longitude=5.12)
        PostcodeFactory.create(postcode="3512CD", latitude=52.09 - 2 * KM_LAT, longitude=5.12)
    assert names(tenant, postcode="3511AB", proximity=500) == COFFEE
    assert names(tenant, postcode="3511AB", proximity=2000) == sorted(COFFEE + SWIM)
    assert names(tenant, postcode="3512CD", proximity=1500) == []
    assert names(tenant, postcode="3512CD", proximity=2500) == COFFEE
    # A location without coordinates is never "near".
    with system_access("test data"):
        MapLocation.objects.filter(pk=two_places["house"].pk).update(latitude=None, longitude=None)
    assert names(tenant, postcode="3511AB", proximity=500) == []


def test_filters_combine(tenant: Tenant, two_places: dict[str, Any]) -> None:
    welfare = str(two_places["welfare"].hsds_id)
    assert names(tenant, organization_id=welfare, search="koffie", postcode="3511AB") == COFFEE
    assert names(tenant, organization_id=welfare, search="zwemmen") == []


# --- Paging, boundaries, persons ----------------------------------------------------------------------
def test_paging(tenant: Tenant) -> None:
    publish(tenant)
    build_map(tenant, size=5)
    seen: list[str] = []
    for number in (1, 2, 3):
        page = sal_list(tenant, per_page=2, page=number).json()
        assert (page["total_items"], page["total_pages"], page["page_number"]) == (5, 3, number)
        assert page["first_page"] is (number == 1) and page["last_page"] is (number == 3)
        assert page["size"] == len(page["contents"]) == (1 if number == 3 else 2)
        seen += [item["id"] for item in page["contents"]]
    with system_access("test"):
        everything = {str(i) for i in ServiceAtLocation.objects.values_list("hsds_id", flat=True)}
    assert len(seen) == 5 and set(seen) == everything
    beyond = sal_list(tenant, per_page=2, page=4).json()
    assert (beyond["empty"], beyond["contents"], beyond["size"], beyond["total_items"]) == (True, [], 0, 5)
    assert sal_list(tenant).json()["size"] == 5  # default page size 25


def test_another_organisations_ids_are_404(tenant: Tenant, other_tenant: Tenant) -> None:
    publish(tenant, other_tenant)
    build_map(tenant, size=1)
    ours = sal_list(tenant).json()["contents"][0]
    response = Client().get(f"{BASE}/{other_tenant.organisation.pk}/service_at_locations/{ours['id']}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden.", "errors": {}}
    theirs = sal_list(other_tenant, organization_id=ours["service"]["organization_id"]).json()
    assert theirs["total_items"] == 0
    assert ours["id"] not in sal_list(other_tenant).content.decode()


def test_an_unpublished_map_is_404(tenant: Tenant) -> None:
    publish(tenant)
    build_map(tenant, size=1)
    item = sal_list(tenant).json()["contents"][0]
    with system_access("test fixture"):
        Organisation.objects.filter(pk=tenant.organisation.pk).update(map_public=False)
    client = Client()
    for path in ("/service_at_locations", f"/service_at_locations/{item['id']}"):
        response = client.get(f"{BASE}/{tenant.organisation.pk}{path}")
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Niet gevonden.", "errors": {}}


def test_no_person_appears(tenant: Tenant) -> None:
    """Who checked an entry, and the staff of the organisation, are never part of the public objects."""
    publish(tenant)
    build_map(tenant, size=2)
    with system_access("test data"):
        for model in (MapOrganization, MapLocation, MapService):
            model.objects.filter(organisation=tenant.organisation).update(checked_by=tenant.worker)
    client = Client()
    text = sal_list(tenant).content.decode()
    item = json.loads(text)["contents"][0]
    text += client.get(f"{BASE}/{tenant.organisation.pk}/service_at_locations/{item['id']}").content.decode()
    assert "checked_by" not in text
    for user in (tenant.worker, tenant.administrator, tenant.coordinator, tenant.policy_officer):
        assert user.full_name not in text and user.username not in text and user.email not in text


# --- Bad input ----------------------------------------------------------------------------------------
UNPROCESSABLE: list[dict[str, Any]] = [
    {"taxonomy_term_id": "x"},
    {"taxonomy_id": "12"},
    {"organization_id": "niet-een-uuid"},
    {"organization_id": "\x00"},
    {"organization_id": "x" * 37},
    {"modified_after": "gisteren"},
    {"modified_after": "2026-13-01"},
    {"modified_after": "0001-01-01T00:00:00+05:00"},
    {"modified_after": "9999-12-31T23:59:59-05:00"},
    {"modified_after": "2026\x00"},
    {"page": 0},
    {"page": -1},
    {"page": "een"},
    {"page": 10**20},
    {"per_page": 0},
    {"per_page": 101},
    {"per_page": 500},
    {"search": "x" * 201},
    {"postcode": "abc"},
    {"postcode": "1234\x00AB"},
    {"search": "koffie\x00"},  # a NUL character in any text: 422 (api/nul_characters.py)
    {"search": "\x00%_"},
    {"postcode": "12345678"},
    {"proximity": 500},
    {"postcode": "3511AB", "proximity": 0},
    {"postcode": "3511AB", "proximity": 100_001},
    {"postcode": "3511AB", "proximity": "ver"},
    {"postcode": "3511AB", "proximity": "1.5"},
    {"postcode": "9999ZZ", "proximity": 500},  # no centre known for this postcode
]


@pytest.mark.parametrize("params", UNPROCESSABLE, ids=lambda p: repr(p)[:60])
def test_bad_parameters_are_422_in_dutch(tenant: Tenant, params: dict[str, Any]) -> None:
    publish(tenant)
    build_map(tenant, size=1)
    response = sal_list(tenant, **params)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] and set(body) == {"detail", "errors"}
    assert "Field" not in body["detail"] and "Input" not in body["detail"]  # not pydantic's English


def test_odd_but_harmless_input_answers_200(tenant: Tenant) -> None:
    publish(tenant)
    build_map(tenant, size=1)
    for params in ({"search": "%_"}, {"page": 10**6}, {"full": "true"}):
        assert sal_list(tenant, **params).status_code == 200, params


@pytest.mark.parametrize(
    "path",
    [
        "/{org}/service_at_locations/niet-een-id",
        "/{org}/service_at_locations/3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "/999999/service_at_locations",
        "/999999/service_at_locations/3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "/0/service_at_locations",
        "/99999999999999999999/service_at_locations",
    ],
)
def test_unknown_organisations_and_ids_are_404_json(tenant: Tenant, path: str) -> None:
    publish(tenant)
    build_map(tenant, size=1)
    response = Client().get(BASE + path.format(org=tenant.organisation.pk))
    assert response.status_code == 404, response.content
    assert response.json() == {"detail": "Niet gevonden.", "errors": {}}


def test_a_nul_character_in_the_id_is_422(tenant: Tenant) -> None:
    publish(tenant)
    response = Client().get(f"{BASE}/{tenant.organisation.pk}/service_at_locations/%00")
    assert response.status_code == 422, response.content
    assert set(response.json()["errors"]) == {"service_at_location_id"}


# --- Queries ------------------------------------------------------------------------------------------
def test_list_queries_do_not_grow_with_the_number_of_rows(tenant: Tenant) -> None:
    publish(tenant)
    build_map(tenant, size=2)
    with CaptureQueriesContext(connection) as small:
        assert sal_list(tenant, per_page=100).json()["size"] == 2
    # More services, locations, organisations, terms and schedules.
    build_map(tenant, size=12)
    build_map(tenant, size=6)
    with CaptureQueriesContext(connection) as large:
        assert sal_list(tenant, per_page=100).json()["size"] == 20
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    with CaptureQueriesContext(connection) as filtered:
        sal_list(tenant, per_page=100, search="koffie", modified_after="2020-01-01", postcode="3511AB")
    assert len(filtered) == len(small)


def test_an_organisation_id_that_is_not_a_number_is_422_as_for_services(tenant: Tenant) -> None:
    client = Client()
    response = client.get(f"{BASE}/abc/service_at_locations")
    assert response.status_code == 422
    assert response.json() == client.get(f"{BASE}/abc/services").json()
    assert response.json()["errors"] == {"organisation_id": ["Vul een geheel getal in."]}
