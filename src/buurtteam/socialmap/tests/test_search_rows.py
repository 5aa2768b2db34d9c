"""The narrow search rows follow every write, and the search on them finds what the services hold."""

from __future__ import annotations

import math
from typing import Any

import pytest
from conftest import Tenant

from buurtteam.core.gate import system_access
from buurtteam.socialmap import services
from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.helpers import apply, as_bytes
from buurtteam.socialmap.geo import KM_PER_DEGREE_LAT, Point
from buurtteam.socialmap.models import MapService, ServiceSearchRow
from buurtteam.socialmap.search import refresh_search_rows
from buurtteam.socialmap.selectors import service_search
from buurtteam.socialmap.tests.factories import map_location, map_service, map_term

pytestmark = pytest.mark.django_db

ORIGIN = Point(52.1, 5.1)


def row_of(service: MapService) -> ServiceSearchRow:
    with system_access("test"):
        return ServiceSearchRow.objects.get(pk=service.pk)


def names(result: Any) -> list[str]:
    return [hit.service.name for hit in result.hits]


def north(km: float) -> tuple[float, float]:
    """Coordinates ``km`` north of ORIGIN."""
    return ORIGIN.latitude + km / KM_PER_DEGREE_LAT, ORIGIN.longitude


def test_service_save_writes_and_rewrites_its_row(tenant: Tenant) -> None:
    editor = tenant.administrator
    service = services.service_save(
        actor=editor, name="Schuldhulp Centrum", kind=MapService.Kind.CONSULTATION, is_free=True
    )
    row = row_of(service)
    assert (row.organisation_id, row.name, row.status, row.kind, row.is_free) == (
        tenant.organisation.pk,
        "Schuldhulp Centrum",
        MapService.Status.ACTIVE,
        MapService.Kind.CONSULTATION,
        True,
    )
    assert row.place_count == 0 and row.latitude is None
    services.service_save(actor=editor, service=service, name="Thuisadministratie", minimum_age=18)
    row = row_of(service)
    assert (row.name, row.minimum_age) == ("Thuisadministratie", 18)
    # The vector (PostgreSQL) or the stems (SQLite) follow: the old name no longer matches.
    assert names(service_search(actor=tenant.worker, text="thuisadministratie")) == ["Thuisadministratie"]
    assert service_search(actor=tenant.worker, text="centrum").total == 0


def test_retire_and_status_change_follow_to_the_row(tenant: Tenant) -> None:
    service = map_service(tenant.organisation, name="Breicafé")
    services.service_save(actor=tenant.administrator, service=service, status=MapService.Status.INACTIVE)
    assert row_of(service).status == MapService.Status.INACTIVE
    assert service_search(actor=tenant.worker, text="breicafe").total == 0
    assert service_search(actor=tenant.worker, text="breicafe", include_inactive=True).total == 1
    with system_access("test"):
        service.refresh_from_db()
    services.service_retire(actor=tenant.administrator, service=service)
    assert row_of(service).status == MapService.Status.DEFUNCT


def test_locations_on_the_row_and_the_nearest_of_several(tenant: Tenant) -> None:
    org = tenant.organisation
    places = [map_location(org, name=f"Plek {km}", latitude=north(km)[0], longitude=ORIGIN.longitude)
              for km in (4.0, 3.0, 1.0)]  # fmt: skip
    one = map_service(org, name="Een plek", locations=places[:1])
    two = map_service(org, name="Twee plekken", locations=places[:2])
    three = map_service(org, name="Drie plekken", locations=places)
    nowhere = map_service(
        org, name="Geen plek", locations=[map_location(org, name="Online", latitude=None, longitude=None)]
    )
    assert [row_of(s).place_count for s in (one, two, three, nowhere)] == [1, 2, 3, 0]
    assert row_of(two).latitude_2 is not None and row_of(one).latitude_2 is None

    hits = {h.service.name: h.distance_km for h in service_search(actor=tenant.worker, near=ORIGIN).hits}
    assert hits["Een plek"] == pytest.approx(4.0, abs=0.01)
    assert hits["Twee plekken"] == pytest.approx(3.0, abs=0.01)
    assert hits["Drie plekken"] == pytest.approx(1.0, abs=0.01)  # the third place: looked up
    assert hits["Geen plek"] is None
    assert names(service_search(actor=tenant.worker, near=ORIGIN))[-1] == "Geen plek"
    # Within a radius: the nearest place counts, whichever it is.
    within = service_search(actor=tenant.worker, near=ORIGIN, max_km=3.5)
    assert sorted(names(within)) == ["Drie plekken", "Twee plekken"]
    assert names(service_search(actor=tenant.worker, near=ORIGIN, max_km=0.5)) == []


def test_moving_a_location_moves_the_distance(tenant: Tenant) -> None:
    place = map_location(
        tenant.organisation, name="Buurthuis", latitude=north(8)[0], longitude=ORIGIN.longitude
    )
    map_service(tenant.organisation, name="Koffieochtend", locations=[place])
    assert service_search(actor=tenant.worker, near=ORIGIN, max_km=2).total == 0
    lat, lon = north(1.5)
    services.location_save(actor=tenant.administrator, location=place, latitude=lat, longitude=lon)
    (hit,) = service_search(actor=tenant.worker, near=ORIGIN, max_km=2).hits
    assert hit.distance_km == pytest.approx(1.5, abs=0.01)
    assert math.isclose(row_of(hit.service).latitude or 0.0, lat)


def test_renaming_a_term_is_searchable_through_the_row(tenant: Tenant) -> None:
    term = map_term(tenant.organisation, "Geldzaken")
    map_service(tenant.organisation, name="Spreekuur", description="Op dinsdag.", terms=[term])
    assert service_search(actor=tenant.worker, text="mantelzorg").total == 0
    with system_access("test"):
        taxonomy = term.taxonomy
    services.term_save(actor=tenant.administrator, taxonomy=taxonomy, term=term, name="Mantelzorg")
    (hit,) = service_search(actor=tenant.worker, text="mantelzorg").hits
    assert any("leefgebied" in reason for reason in hit.reasons)


def test_an_import_writes_the_rows_and_a_moved_location_moves_them(tenant: Tenant) -> None:
    document = standards.load("examples/service_full.json")
    org = tenant.organisation.pk
    apply(org, as_bytes(document))
    with system_access("test"):
        imported = MapService.objects.get(organisation_id=org, hsds_id=document["id"])
    row = row_of(imported)
    assert (row.name, row.organisation_id) == (imported.name, org)
    assert service_search(actor=tenant.worker, text=imported.name).total == 1

    location = document["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = 52.2, 5.2
    apply(org, as_bytes(document))
    row = row_of(imported)
    assert (row.place_count, row.latitude, row.longitude) == (1, 52.2, 5.2)


def test_another_organisations_rows_never_show(tenant: Tenant, other_tenant: Tenant) -> None:
    mine = map_service(tenant.organisation, name="Wandelclub Noord", description="Samen wandelen.")
    map_service(other_tenant.organisation, name="Wandelclub Zuid", description="Samen wandelen.")
    assert names(service_search(actor=tenant.worker, text="wandelen")) == ["Wandelclub Noord"]
    assert names(service_search(actor=other_tenant.worker, text="wandelen")) == ["Wandelclub Zuid"]
    with system_access("test"):
        assert ServiceSearchRow.objects.count() == 2
    assert list(ServiceSearchRow.objects.visible_to(tenant.worker).values_list("pk", flat=True)) == [mine.pk]


def test_refresh_removes_the_row_of_a_deleted_service(tenant: Tenant) -> None:
    service = map_service(tenant.organisation, name="Tijdelijk")
    with system_access("test"):
        MapService.objects.filter(pk=service.pk).delete()
        assert not ServiceSearchRow.objects.filter(pk=service.pk).exists()
    refresh_search_rows([service.pk])  # a stale id is harmless
    with system_access("test"):
        assert not ServiceSearchRow.objects.filter(pk=service.pk).exists()


def test_server_side_binding_gives_the_same_ranking(tenant: Tenant, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    map_service(tenant.organisation, name="Eenzaamheid samen aanpakken")
    map_service(tenant.organisation, name="Koffie", description="Tegen eenzaamheid.")
    options = connection.settings_dict.get("OPTIONS", {})
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", {**options, "server_side_binding": True})
    with CaptureQueriesContext(connection) as captured:
        ranked = names(service_search(actor=tenant.worker, text="eenzaam"))
    assert ranked == ["Eenzaamheid samen aanpakken", "Koffie"]
    if connection.vendor == "postgresql":  # (on by default there: BUURTTEAM_DB_PREPARE_THRESHOLD)
        # The settings go first, in the search's transaction: the GIN index, and a plan for the words at hand.
        (settings_sql,) = [q["sql"] for q in captured.captured_queries if "set_config" in q["sql"]]
        assert "'enable_seqscan', 'off', true" in settings_sql
        assert "'plan_cache_mode', 'force_custom_plan', true" in settings_sql


def test_without_terms_the_page_needs_one_query_less(tenant: Tenant) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    term = map_term(tenant.organisation, "Ontmoeting")
    map_service(tenant.organisation, name="Koffieochtend", terms=[term])
    with CaptureQueriesContext(connection) as full:
        (hit,) = service_search(actor=tenant.worker, text="koffie", with_terms=True).hits
    assert [t.name for t in hit.service.terms.all()] == ["Ontmoeting"]
    with CaptureQueriesContext(connection) as lean:
        (lean_hit,) = service_search(actor=tenant.worker, text="koffie").hits
    assert len(lean) == len(full) - 1
    assert (lean_hit.service.pk, lean_hit.score) == (hit.service.pk, hit.score)


# --- Built-in synonym groups as tokens in the vector (PostgreSQL) ---------------------------------------
SYNONYM_SERVICES = {
    "Sportgroep 55+": "Samen sporten in de gymzaal.",
    "Wandelclub De Stap": "Elke week een stuk wandelen.",
    "Fietsmaatjes": "Samen fietsen door de wijk.",
    "Gym voor ouderen": "Bewegen op muziek.",
    "Zwemuur": "Ontspannen zwemmen.",
    "Taalcafé": "Nederlands oefenen bij de koffie.",
    "Schuldhulp Maatjes": "Hulp bij geldzorgen en post.",
    "Budgetcursus": "Rondkomen met een klein inkomen.",
}


def _stem_expansion_ids(organisation_id: int, text: str) -> set[int]:
    """The services whose vector matches every stem of the query and its synonyms word by word: what
    the search found before the groups had tokens."""
    from django.db import connection

    from buurtteam.socialmap.search import expand_query, tsquery_part

    stems = [stem for group in expand_query(text) for stem in group.stems]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT service_id FROM socialmap_servicesearchrow WHERE organisation_id = %s "
            "AND search_vector @@ to_tsquery('simple', %s)",
            [organisation_id, " | ".join(tsquery_part(s) for s in stems)],
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize("text", ["sporten", "bewegen", "gym", "geldzorgen", "schulden", "taal", "koffie"])
def test_synonym_tokens_find_what_the_words_of_the_group_find(tenant: Tenant, text: str) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the vector and its synonym tokens exist on PostgreSQL only")
    made = {
        name: map_service(tenant.organisation, name=name, description=d)
        for name, d in SYNONYM_SERVICES.items()
    }
    result = service_search(actor=tenant.worker, text=text, limit=100)
    found = {hit.service.pk for hit in result.hits}
    assert found == _stem_expansion_ids(tenant.organisation.pk, text)
    assert result.total == len(found)
    if text in {"sporten", "bewegen", "gym"}:
        assert {
            made[n].pk for n in ("Sportgroep 55+", "Wandelclub De Stap", "Fietsmaatjes", "Zwemuur")
        } <= found


def test_a_synonym_ranks_below_the_word_itself(tenant: Tenant) -> None:
    map_service(tenant.organisation, name="Wandelclub", description="Elke week een stuk lopen.")
    map_service(tenant.organisation, name="Sportgroep", description="Samen in de zaal.")
    hits = service_search(actor=tenant.worker, text="sporten").hits
    assert [h.service.name for h in hits] == ["Sportgroep", "Wandelclub"]
    assert hits[0].score > hits[1].score > 0
    assert hits[1].reasons == ["verwant aan “sporten”"]


def test_an_organisations_own_synonyms_still_count_word_by_word(tenant: Tenant) -> None:
    map_service(tenant.organisation, name="Jeu de boules", description="Op het plein.")
    assert service_search(actor=tenant.worker, text="sporten").total == 0
    services.synonym_save(actor=tenant.administrator, words="sporten, jeu de boules")
    assert names(service_search(actor=tenant.worker, text="sporten")) == ["Jeu de boules"]


def test_group_patterns_take_stems_only() -> None:
    from buurtteam.socialmap.search import synonym_group_pattern

    assert synonym_group_pattern(["sport", "gym", "beweg"]) == " (beweg|sport)| (gym) "
    with pytest.raises(ValueError, match="not a stem"):
        synonym_group_pattern(["sport'); DROP TABLE x; --"])


def test_refresh_map_search_rewrites_every_row(tenant: Tenant, other_tenant: Tenant) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    mine = map_service(tenant.organisation, name="Sportgroep")
    theirs = map_service(other_tenant.organisation, name="Wandelclub")
    with system_access("test"):
        ServiceSearchRow.objects.filter(pk__in=[mine.pk, theirs.pk]).delete()
    out = StringIO()
    call_command("refresh_map_search", organisation=tenant.organisation.pk, stdout=out)
    assert "1 services refreshed" in out.getvalue()
    assert names(service_search(actor=tenant.worker, text="sporten")) == ["Sportgroep"]
    with system_access("test"):
        assert not ServiceSearchRow.objects.filter(pk=theirs.pk).exists()
    call_command("refresh_map_search", stdout=StringIO())
    assert names(service_search(actor=other_tenant.worker, text="wandelen")) == ["Wandelclub"]
    with pytest.raises(CommandError, match="No organisation"):
        call_command("refresh_map_search", organisation=999_999, stdout=StringIO())
