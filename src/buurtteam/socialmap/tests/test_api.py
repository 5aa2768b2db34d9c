"""The /map API: search with stems and distance, create and change entries, Dutch errors, choices."""

from __future__ import annotations

import typing

import pytest
from conftest import Tenant

from buurtteam.api import schemas_socialmap as m
from buurtteam.api.tests.helpers import as_session, as_token, ok, writes
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.tests.factories import give_area
from buurtteam.core.gate import system_access
from buurtteam.socialmap.models import MapLocation, MapService, Schedule, Taxonomy
from buurtteam.socialmap.services import taxonomy_defaults
from buurtteam.socialmap.tests.factories import map_location, map_service

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (m.ServiceKindValue, MapService.Kind.values),
        (m.ServiceStatusValue, MapService.Status.values),
        (m.LocationKindValue, MapLocation.Kind.values),
        (m.LocationTypeValue, MapLocation.LocationType.values),
        (m.FreqValue, Schedule.Freq.values),
        (m.TaxonomyPurposeValue, Taxonomy.Purpose.values),
    ],
)
def test_choice_literals_match_the_models(literal: typing.Any, choices: list[str]) -> None:
    assert set(typing.get_args(literal)) == set(choices)


def test_search_by_stem_and_postcode(tenant: Tenant) -> None:
    area = give_area(tenant.team)
    with system_access("test"):
        area.postcode.latitude, area.postcode.longitude = 52.1, 5.1
        area.postcode.save()
    near = map_location(tenant.organisation, latitude=52.101, longitude=5.1)
    far = map_location(tenant.organisation, latitude=52.2, longitude=5.1)
    map_service(
        tenant.organisation, name="Ontmoeting Ver", description="Eenzaam?", locations=[far], weekly="MO"
    )
    map_service(tenant.organisation, name="Ontmoeting Dichtbij", description="Eenzaam?", locations=[near])
    caller = as_session(tenant.worker)
    body = ok(caller.get("/map/services", q="eenzaamheid", postcode=area.postcode.postcode.lower()))
    assert [i["name"] for i in body["items"]] == ["Ontmoeting Dichtbij", "Ontmoeting Ver"]
    assert body["count"] == 2 and body["items"][0]["distance_km"] < 0.2
    assert body["items"][1]["schedule"] == "elke maandag 10:00–12:00"
    body = ok(caller.get("/map/services", q="eenzaam", postcode=area.postcode.postcode, max_km=2))
    assert [i["name"] for i in body["items"]] == ["Ontmoeting Dichtbij"]


def test_search_refuses_bad_postcodes_in_dutch(tenant: Tenant) -> None:
    caller = as_session(tenant.worker)
    response = caller.get("/map/services", postcode="12")
    assert response.status_code == 400
    assert "postcode" in response.json()["errors"]
    response = caller.get("/map/services", postcode="9999 ZZ")
    assert response.json()["errors"]["postcode"] == ["Van deze postcode kennen we de ligging niet."]
    response = caller.get("/map/services", max_km=3)
    assert response.status_code == 400 and "max_km" in response.json()["errors"]
    assert caller.get("/map/services", limit=0).status_code == 422


def test_create_patch_and_check_a_service(tenant: Tenant) -> None:
    life, _targets = taxonomy_defaults(tenant.organisation)
    with system_access("test"):
        finance = life.terms.get(code="finances")
    caller = as_token(tenant.administrator)
    org = ok(caller.post("/map/organizations", {"name": "Geldwijzer"}), 201)
    place = ok(caller.post("/map/locations", {"name": "Wijkplein", "map_organization_id": org["id"]}), 201)
    body = ok(
        caller.post(
            "/map/services",
            {
                "name": "Spreekuur geldzaken",
                "map_organization_id": org["id"],
                "term_ids": [finance.pk],
                "location_ids": [place["id"]],
                "languages": ["nl", "tr"],
                "schedules": [{"freq": "WEEKLY", "byday": "TH", "opens_at": "09:00", "closes_at": "11:00"}],
            },
        ),
        201,
    )
    assert body["organization"]["name"] == "Geldwijzer"
    assert body["terms"][0]["purpose"] == "life_domains"
    assert body["schedules"][0]["text"] == "elke donderdag 09:00–11:00"
    assert body["languages"] == ["nl", "tr"] and body["stale"] is False
    service_id = body["id"]
    body = ok(
        caller.patch(f"/map/services/{service_id}", {"description": "Ook voor toeslagen", "schedules": []})
    )
    assert body["schedules"] == [] and body["terms"][0]["code"] == "finances"
    event = AuditEvent.objects.filter(object_type="map_service", action=Action.UPDATE).latest("id")
    assert event.details["fields"] == ["description", "schedules"]
    body = ok(caller.post(f"/map/services/{service_id}/checked", {}))
    assert body["checked_by"]["id"] == tenant.administrator.pk
    found = ok(caller.get("/map/services", q="geldzorgen"))
    assert [i["id"] for i in found["items"]] == [service_id]


def test_bad_input_is_400_or_422_in_dutch_and_writes_nothing(tenant: Tenant) -> None:
    caller = as_token(tenant.administrator)
    before = writes()
    response = caller.post("/map/services", {"name": "X", "minimum_age": 50, "maximum_age": 10})
    assert response.status_code == 400 and response.json()["detail"]
    response = caller.post("/map/services", {"name": "X", "schedules": [{"freq": "WEEKLY", "byday": "XX"}]})
    assert response.status_code == 400
    assert response.json()["errors"]["schedules"][0].startswith("Rooster 1:")
    response = caller.post("/map/services", {"name": "X", "map_organization_id": 123456})
    assert response.json()["errors"] == {
        "map_organization": ["Kies een organisatie van de eigen sociale kaart."]
    }
    response = caller.post("/map/services", {"name": "", "surprise": 1})
    assert response.status_code == 422
    assert response.json()["errors"]["surprise"] == ["Onbekend veld."]
    response = caller.post("/map/locations", {"name": "Plek", "postcode": "abc"})
    assert response.status_code == 400 and "postcode" in response.json()["errors"]
    service = map_service(tenant.organisation)
    response = caller.patch(f"/map/services/{service.pk}", {"name": None})
    assert response.status_code == 422
    assert writes() == before


def test_taxonomies_are_created_on_first_use(tenant: Tenant) -> None:
    body = ok(as_session(tenant.policy_officer).get("/map/taxonomies"))
    assert {t["purpose"] for t in body} == {"life_domains", "target_groups"}
    life = next(t for t in body if t["purpose"] == "life_domains")
    assert {"code": "finances", "name": "Financiën"} in [
        {"code": x["code"], "name": x["name"]} for x in life["terms"]
    ]
