"""The map search: stemming, synonyms, filters, distance, tenant isolation."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.http import Http404

from buurtteam.cases.tests.factories import give_area
from buurtteam.socialmap.geo import Point
from buurtteam.socialmap.models import MapService, Taxonomy
from buurtteam.socialmap.search import expand_query, stem_words
from buurtteam.socialmap.selectors import service_get, service_search
from buurtteam.socialmap.tests.factories import map_location, map_service, map_term

pytestmark = pytest.mark.django_db


def names(result: object) -> list[str]:
    return [hit.service.name for hit in result.hits]  # type: ignore[attr-defined]


def test_stem_words_folds_forms_and_drops_stop_words() -> None:
    assert stem_words("Eenzaamheid") == stem_words("eenzaam") == stem_words("eenzame")
    assert stem_words("hulp bij de Schulden!") == ["hulp", "schuld"]
    assert stem_words("Café Ontmoeting") == ["cafe", "ontmoet"] or stem_words("Café")[0].startswith("caf")


def test_query_words_expand_to_their_synonym_group() -> None:
    (group,) = expand_query("geldzorgen")
    assert "schuld" in group.synonyms
    (own,) = expand_query("voedselpakket", extra_groups=[["voedselpakket", "pakketje", "noodhulp"]])
    assert "noodhulp" in own.synonyms


def test_stemming_finds_eenzaam_for_eenzaamheid(tenant: Tenant) -> None:
    map_service(tenant.organisation, name="Inloop De Linde", description="Voor wie zich eenzaam voelt.")
    map_service(tenant.organisation, name="Fietsmaatjes", description="Samen fietsen door de polder.")
    result = service_search(actor=tenant.worker, text="eenzaamheid")
    assert names(result) == ["Inloop De Linde"]
    assert result.total == 1
    assert any("omschrijving" in reason for reason in result.hits[0].reasons)


def test_synonym_geldzorgen_finds_schuldhulp(tenant: Tenant) -> None:
    map_service(tenant.organisation, name="Schuldhulp Lindewaard", description="Spreekuur op maandag.")
    map_service(tenant.organisation, name="Breicafé", description="Breien en kletsen.")
    assert names(service_search(actor=tenant.worker, text="geldzorgen")) == ["Schuldhulp Lindewaard"]


def test_name_match_ranks_above_description_match(tenant: Tenant) -> None:
    map_service(
        tenant.organisation, name="Wandelclub", description="Wekelijks in het park, ook tegen eenzaamheid."
    )
    map_service(tenant.organisation, name="Eenzaamheid doorbreken", description="Gesprekken in een groep.")
    hits = service_search(actor=tenant.worker, text="eenzaam").hits
    assert [h.service.name for h in hits] == ["Eenzaamheid doorbreken", "Wandelclub"]
    assert hits[0].score > hits[1].score


def test_filters_kind_free_age_terms_and_neighbourhood(tenant: Tenant) -> None:
    area = give_area(tenant.team)
    finance = map_term(tenant.organisation, "Financiën")
    elderly = map_term(tenant.organisation, "Ouderen", purpose=Taxonomy.Purpose.TARGET_GROUPS)
    youth = map_term(tenant.organisation, "Jeugd", purpose=Taxonomy.Purpose.TARGET_GROUPS)
    here = map_location(tenant.organisation, neighbourhood=area.neighbourhood)
    map_service(tenant.organisation, name="A", terms=[finance, elderly], is_free=True, locations=[here])
    map_service(tenant.organisation, name="B", terms=[finance, youth], kind=MapService.Kind.COURSE)
    map_service(tenant.organisation, name="C", minimum_age=12, maximum_age=18, terms=[youth])
    map_service(tenant.organisation, name="D", status=MapService.Status.DEFUNCT)
    actor = tenant.worker
    assert names(service_search(actor=actor, free_only=True)) == ["A"]
    assert names(service_search(actor=actor, kind=MapService.Kind.COURSE)) == ["B"]
    assert names(service_search(actor=actor, age=70)) == ["A", "B"]
    assert names(service_search(actor=actor, term_ids=[finance.pk])) == ["A", "B"]
    # Within one taxonomy any term, across taxonomies all.
    assert names(service_search(actor=actor, term_ids=[elderly.pk, youth.pk])) == ["A", "B", "C"]
    assert names(service_search(actor=actor, term_ids=[finance.pk, youth.pk])) == ["B"]
    assert names(service_search(actor=actor, neighbourhood_id=area.neighbourhood.pk)) == ["A"]
    assert names(service_search(actor=actor, include_inactive=True)) == ["A", "B", "C", "D"]


def test_distance_orders_and_limits(tenant: Tenant) -> None:
    org = tenant.organisation
    near = map_location(org, name="Dichtbij", latitude=52.101, longitude=5.101)
    far = map_location(org, name="Ver weg", latitude=52.2, longitude=5.3)
    map_service(org, name="Zz dichtbij", description="Wandelen", locations=[near])
    map_service(org, name="Aa ver", description="Wandelen", locations=[far])
    map_service(org, name="Mm nergens", description="Wandelen")
    origin = Point(52.1, 5.1)
    result = service_search(actor=tenant.worker, near=origin)
    assert names(result) == ["Zz dichtbij", "Aa ver", "Mm nergens"]
    assert result.hits[0].distance_km is not None and result.hits[0].distance_km < 0.2
    assert result.hits[2].distance_km is None
    assert names(service_search(actor=tenant.worker, near=origin, max_km=5)) == ["Zz dichtbij"]
    # With text the nearby one gets a boost over an equal match further away.
    assert names(service_search(actor=tenant.worker, text="wandelen", near=origin))[0] == "Zz dichtbij"


def test_other_organisations_map_never_shows(tenant: Tenant, other_tenant: Tenant) -> None:
    theirs = map_service(other_tenant.organisation, name="Eenzaamheid aanpakken")
    map_service(tenant.organisation, name="Taalcafé")
    assert names(service_search(actor=tenant.worker, text="eenzaam")) == []
    assert names(service_search(actor=tenant.worker)) == ["Taalcafé"]
    with pytest.raises(Http404):
        service_get(actor=tenant.worker, service_id=theirs.pk)


def test_stale_flag_and_paging(tenant: Tenant) -> None:
    long_ago = datetime.date.today() - datetime.timedelta(days=800)
    map_service(tenant.organisation, name="Oud", last_checked_on=long_ago)
    map_service(tenant.organisation, name="Vers")
    result = service_search(actor=tenant.worker)
    assert [(h.service.name, h.stale) for h in result.hits] == [("Oud", True), ("Vers", False)]
    second = service_search(actor=tenant.worker, limit=1, offset=1)
    assert names(second) == ["Vers"] and second.total == 2


def test_only_stop_words_finds_nothing(tenant: Tenant) -> None:
    map_service(tenant.organisation, name="De inloop")
    assert service_search(actor=tenant.worker, text="de het een").total == 0
