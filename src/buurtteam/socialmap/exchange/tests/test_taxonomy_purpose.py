"""Our own life domains and target groups keep their purpose through export and import into another
organisation, so the search filters there offer them; other taxonomies are imported as "Overig"."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import Tenant

from buurtteam.core.gate import system_access
from buurtteam.socialmap.exchange import export
from buurtteam.socialmap.exchange.tests.helpers import apply, as_bytes, preview, totals
from buurtteam.socialmap.models import Taxonomy, TaxonomyTerm
from buurtteam.socialmap.selectors import service_search, term_choices
from buurtteam.socialmap.services import ensure_taxonomies, taxonomy_defaults
from buurtteam.socialmap.tests.factories import map_service

pytestmark = pytest.mark.django_db

LIFE = Taxonomy.Purpose.LIFE_DOMAINS
TARGETS = Taxonomy.Purpose.TARGET_GROUPS


def _term(tenant: Tenant, taxonomy: Taxonomy, code: str) -> TaxonomyTerm:
    with system_access("test data"):
        return TaxonomyTerm.objects.get(organisation=tenant.organisation, taxonomy=taxonomy, code=code)


def _own_map(tenant: Tenant) -> bytes:
    """The map of ``tenant`` with its default taxonomies: a debt service for carers."""
    life, targets = taxonomy_defaults(tenant.organisation)
    map_service(
        tenant.organisation,
        name="Schuldhulp voor mantelzorgers",
        terms=[_term(tenant, life, "finances"), _term(tenant, targets, "carers")],
    )
    return export.json_bytes(tenant.administrator)


def _purposes(tenant: Tenant) -> dict[str, str]:
    with system_access("test"):
        return dict(Taxonomy.objects.filter(organisation=tenant.organisation).values_list("name", "purpose"))


def _found(tenant: Tenant, term_name: str) -> list[str]:
    """The services the search finds with the filter ``term_name`` (as the search form offers it)."""
    purpose_of = {"Financiën": LIFE, "Mantelzorgers": TARGETS}
    offered = term_choices(actor=tenant.worker, purpose=purpose_of[term_name])
    choices = {name: pk for pk, name in offered}
    result = service_search(actor=tenant.worker, term_ids=[choices[term_name]])
    return [hit.service.name for hit in result.hits]


def test_life_domains_and_target_groups_survive_the_round_trip(tenant: Tenant, other_tenant: Tenant) -> None:
    content = _own_map(tenant)
    report = apply(other_tenant.organisation.pk, content)
    assert report.clean
    assert _purposes(other_tenant) == {"Leefgebieden": LIFE, "Doelgroepen": TARGETS}
    assert any("herkend als leefgebieden" in w for w in report.warnings), report.warnings
    assert _found(other_tenant, "Financiën") == ["Schuldhulp voor mantelzorgers"]
    assert _found(other_tenant, "Mantelzorgers") == ["Schuldhulp voor mantelzorgers"]
    # The imported taxonomies are the organisation's own now: no second set of defaults on first use.
    assert ensure_taxonomies(actor=other_tenant.administrator) is False
    # Importing the same file again changes nothing; the export there is the export here.
    assert totals(preview(other_tenant.organisation.pk, content))["update"] == 0
    first, second = json.loads(content), json.loads(export.json_bytes(other_tenant.administrator))
    for document in (first, second):
        for service in document["services"]:
            service.pop("last_modified")
    assert second == first


def test_next_to_the_organisations_own_defaults_both_are_offered(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    taxonomy_defaults(other_tenant.organisation)
    report = apply(other_tenant.organisation.pk, _own_map(tenant))
    assert any("naast de leefgebieden die de kaart al heeft" in w for w in report.warnings), report.warnings
    names = [name for _pk, name in term_choices(actor=other_tenant.worker, purpose=LIFE)]
    assert names.count("Financiën") == 2
    with system_access("test"):
        imported = TaxonomyTerm.objects.get(
            organisation=other_tenant.organisation, code="finances", services__isnull=False
        )
    assert imported.taxonomy.purpose == LIFE
    hits = service_search(actor=other_tenant.worker, term_ids=[imported.pk]).hits
    assert [hit.service.name for hit in hits] == ["Schuldhulp voor mantelzorgers"]


def _taxonomy_document(name: str, codes: list[str]) -> dict[str, Any]:
    taxonomy_id = "6a3f1c2e-1b7d-4c9a-8e2f-5d4c3b2a1f0e"
    terms = [
        {
            "id": f"6a3f1c2e-1b7d-4c9a-8e2f-5d4c3b2a1f{index:02x}",
            "code": code,
            "name": code.title(),
            "description": "",
            "taxonomy_id": taxonomy_id,
        }
        for index, code in enumerate(codes)
    ]
    return {
        "taxonomies": [{"id": taxonomy_id, "name": name, "description": ""}],
        "taxonomy_terms": terms,
    }


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("Leefgebieden", ["schulden", "wonen"]),  # our name, someone else's codes
        ("Domeinen", ["finances", "housing"]),  # our codes, another name
        ("Thema's", []),
    ],
)
def test_other_taxonomies_are_imported_as_other(tenant: Tenant, name: str, codes: list[str]) -> None:
    assert apply(tenant.organisation.pk, as_bytes(_taxonomy_document(name, codes))).clean
    assert _purposes(tenant) == {name: Taxonomy.Purpose.OTHER}


def test_an_existing_taxonomy_keeps_its_purpose(tenant: Tenant) -> None:
    document = _taxonomy_document("Leefgebieden", ["finances"])
    with system_access("test data"):
        Taxonomy.objects.create(
            organisation=tenant.organisation,
            hsds_id=document["taxonomies"][0]["id"],
            name="Leefgebieden",
            purpose=Taxonomy.Purpose.OTHER,
        )
    report = apply(tenant.organisation.pk, as_bytes(document))
    assert report.counts["taxonomy"]["unchanged"] == 1
    assert _purposes(tenant) == {"Leefgebieden": Taxonomy.Purpose.OTHER}
