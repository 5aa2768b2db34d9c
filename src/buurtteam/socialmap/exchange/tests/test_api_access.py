"""The public HSDS API: every /public operation is in the table below, answers without a token, shows
only the map of the organisation in the path, never a person, and validates against the standard."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import Tenant
from django.test import Client
from jsonschema import Draft202012Validator

from buurtteam.core.gate import system_access
from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.test_export import build_map
from buurtteam.socialmap.models import (
    MapOrganization,
    MapService,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from buurtteam.socialmap.tests.factories import map_organization, map_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _published(tenant: Tenant, other_tenant: Tenant) -> None:
    """Both organisations chose to publish their map (``Organisation.map_public``; off by default)."""
    from buurtteam.organisation.models import Organisation

    with system_access("test fixture"):
        Organisation.objects.filter(pk__in=[tenant.organisation.pk, other_tenant.organisation.pk]).update(
            map_public=True
        )


BASE = "/api/v1"
# Every public operation: (path, the kind of object it returns: "page" or a schema file for one object).
PUBLIC = [
    ("/public/{organisation_id}/", "meta"),
    ("/public/{organisation_id}/services", "schema/compiled/service.json"),
    ("/public/{organisation_id}/services/{service_id}", "schema/compiled/service.json"),
    ("/public/{organisation_id}/service_at_locations", "schema/compiled/service_at_location.json"),
    (
        "/public/{organisation_id}/service_at_locations/{service_at_location_id}",
        "schema/compiled/service_at_location.json",
    ),
    ("/public/{organisation_id}/organizations", "schema/compiled/organization.json"),
    ("/public/{organisation_id}/organizations/{map_organization_id}", "schema/compiled/organization.json"),
    ("/public/{organisation_id}/taxonomies", "schema/taxonomy.json"),
    ("/public/{organisation_id}/taxonomies/{taxonomy_id}", "schema/taxonomy.json"),
    ("/public/{organisation_id}/taxonomy_terms", "schema/taxonomy_term.json"),
    ("/public/{organisation_id}/taxonomy_terms/{term_id}", "schema/taxonomy_term.json"),
]


def _openapi(tenant: Tenant) -> dict[str, Any]:
    """The API's own description, as served (this package may not import the api app)."""
    client = Client()
    client.force_login(tenant.administrator)
    response = client.get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    schema: dict[str, Any] = response.json()
    return schema


def _public_operations(schema: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, operations in schema["paths"].items()
        if path.removeprefix("/api/v1").startswith("/public")
        for method in operations
    }


def test_the_table_covers_every_public_operation(tenant: Tenant) -> None:
    assert _public_operations(_openapi(tenant)) == {("GET", path) for path, _kind in PUBLIC}


def test_only_public_operations_go_without_authentication(tenant: Tenant) -> None:
    schema = _openapi(tenant)
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            if path.removeprefix("/api/v1").startswith("/public"):
                assert not operation.get("security"), path
            else:
                assert operation.get("security"), path


def _ids(tenant: Tenant) -> dict[str, Any]:
    with system_access("test"):
        return {
            "organisation_id": tenant.organisation.pk,
            "service_id": MapService.objects.filter(organisation=tenant.organisation).first().hsds_id,  # type: ignore[union-attr]
            "service_at_location_id": ServiceAtLocation.objects.filter(organisation=tenant.organisation)
            .first()
            .hsds_id,  # type: ignore[union-attr]
            "map_organization_id": MapOrganization.objects.filter(organisation=tenant.organisation)
            .first()
            .hsds_id,  # type: ignore[union-attr]
            "taxonomy_id": Taxonomy.objects.filter(organisation=tenant.organisation).first().hsds_id,  # type: ignore[union-attr]
            "term_id": TaxonomyTerm.objects.filter(organisation=tenant.organisation).first().hsds_id,  # type: ignore[union-attr]
        }


def _page_schema() -> dict[str, Any]:
    return standards.load("schema/openapi.json")["components"]["schemas"]["Page"]


@pytest.mark.parametrize(("path", "kind"), PUBLIC)
def test_public_endpoint_answers_anonymously_with_valid_hsds(
    tenant: Tenant, other_tenant: Tenant, path: str, kind: str
) -> None:
    build_map(tenant, size=2)
    secret = map_organization(other_tenant.organisation, name="Verborgen Stichting")
    map_service(other_tenant.organisation, name="Verborgen activiteit", map_organization=secret)
    ids = _ids(tenant)
    response = Client().get(BASE + path.format(**ids))
    assert response.status_code == 200, response.content
    text = response.content.decode()
    data = json.loads(text)
    # Never another organisation's map, never a person (staff names, accounts).
    assert "Verborgen" not in text
    for user in (tenant.worker, tenant.administrator, tenant.coordinator):
        assert user.full_name not in text and user.username not in text and user.email not in text
    if kind == "meta":
        assert data["version"] == "3.0"
        return
    if "contents" in data:
        assert list(Draft202012Validator(_page_schema()).iter_errors(data)) == []
        assert data["contents"] and data["total_items"] >= len(data["contents"])
        objects = data["contents"]
    else:
        objects = [data]
    for obj in objects:
        assert standards.errors(kind, obj) == [], obj.get("id")
    # The same path for the other organisation with this organisation's ids finds nothing of ours.
    other = {**ids, "organisation_id": other_tenant.organisation.pk}
    response = Client().get(BASE + path.format(**other))
    if "{" in path.split("/")[-1]:
        assert response.status_code == 404
        assert response.json()["detail"]
    else:
        assert str(ids["service_id"]) not in response.content.decode()


def test_unknown_organisation_and_ids_are_404_json(tenant: Tenant) -> None:
    build_map(tenant, size=1)
    client = Client()
    for path in [
        "/public/999999/services",
        "/public/999999/",
        f"/public/{tenant.organisation.pk}/services/niet-een-id",
        f"/public/{tenant.organisation.pk}/services/3fa85f64-5717-4562-b3fc-2c963f66afa6",
    ]:
        response = client.get(BASE + path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("application/json")


def test_a_map_that_is_not_published_is_404(tenant: Tenant) -> None:
    from buurtteam.organisation.models import Organisation

    build_map(tenant, size=2)
    client = Client()
    assert client.get(f"{BASE}/public/{tenant.organisation.pk}/services").status_code == 200
    with system_access("test fixture"):
        Organisation.objects.filter(pk=tenant.organisation.pk).update(map_public=False)
    for path in (
        "/",
        "/services",
        "/service_at_locations",
        "/organizations",
        "/taxonomies",
        "/taxonomy_terms",
    ):
        response = client.get(f"{BASE}/public/{tenant.organisation.pk}{path}")
        assert response.status_code == 404, path
        assert response.json() == {"detail": "Niet gevonden.", "errors": {}}


def test_paging_search_and_filters(tenant: Tenant) -> None:
    build_map(tenant, size=5)
    client = Client()
    org = tenant.organisation.pk
    page = client.get(f"{BASE}/public/{org}/services", {"per_page": 2, "page": 3}).json()
    assert (page["total_items"], page["total_pages"], page["size"], page["last_page"]) == (5, 3, 1, True)
    assert client.get(f"{BASE}/public/{org}/services", {"per_page": 500}).status_code == 422
    assert client.get(f"{BASE}/public/{org}/services", {"search": "koffie"}).json()["total_items"] == 5
    assert client.get(f"{BASE}/public/{org}/services", {"search": "zwemmen"}).json()["total_items"] == 0
    assert client.get(f"{BASE}/public/{org}/services", {"taxonomy_term_id": "x"}).status_code == 422
    empty = client.get(f"{BASE}/public/{org}/services", {"page": 9}).json()
    assert empty["empty"] is True and empty["contents"] == []


def test_modified_after_takes_a_date_alone_and_refuses_the_ends_of_the_calendar(tenant: Tenant) -> None:
    """A time without zone is local time (no naive-datetime warning); one that cannot be put in UTC is a 422,
    not a 500. Shared by /services and /service_at_locations."""
    build_map(tenant, size=1)
    client = Client()
    for path in ("services", "service_at_locations"):
        url = f"{BASE}/public/{tenant.organisation.pk}/{path}"
        assert client.get(url, {"modified_after": "2020-01-01"}).json()["total_items"] == 1
        assert client.get(url, {"modified_after": "2999-01-01T00:00"}).json()["total_items"] == 0
        for value in ("0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "morgen"):
            response = client.get(url, {"modified_after": value})
            assert response.status_code == 422, (path, value)
            assert response.json()["detail"] == "modified_after moet een datum en tijd zijn (ISO 8601)."
