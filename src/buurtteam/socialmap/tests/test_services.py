"""Writes to the map: editors only, validated, nothing half-written, every write audited."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.core.exceptions import ValidationError

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.tests.factories import give_area
from buurtteam.core.gate import system_access
from buurtteam.socialmap import services
from buurtteam.socialmap.models import MapLocation, MapOrganization, MapService, Schedule, Taxonomy
from buurtteam.socialmap.rules import can_edit_map
from buurtteam.socialmap.selectors import service_search, stale_entries
from buurtteam.socialmap.tests.factories import map_editor, map_location, map_organization, map_service

pytestmark = pytest.mark.django_db


def event(object_type: str, action: str) -> AuditEvent:
    found = AuditEvent.objects.filter(object_type=object_type, action=action).order_by("-id").first()
    assert found is not None, f"no {action} event for {object_type}"
    return found


def count(model: Any) -> int:
    with system_access("test count"):
        return int(model.objects.count())


def test_who_may_edit(tenant: Tenant) -> None:
    assert can_edit_map(tenant.administrator)
    assert can_edit_map(map_editor(tenant.team))
    assert not can_edit_map(tenant.worker)
    assert not can_edit_map(tenant.coordinator)
    assert not can_edit_map(tenant.policy_officer)


def test_editor_creates_an_organisation_location_and_service(tenant: Tenant) -> None:
    editor = map_editor(tenant.team)
    area = give_area(tenant.team)
    with system_access("test"):
        area.postcode.latitude, area.postcode.longitude = 52.11, 5.12
        area.postcode.save()
    life, targets = services.taxonomy_defaults(tenant.organisation)
    with system_access("test"):
        finance = life.terms.get(code="finances")
        elderly = targets.terms.get(code="older-people")

    org = services.organization_save(actor=editor, name="  Stichting Geldwijs ", phone="0301234567")
    assert org.name == "Stichting Geldwijs" and org.last_checked_on == datetime.date.today()
    assert event("map_organization", Action.CREATE).actor_id == editor.pk

    place = services.location_save(
        actor=editor,
        name="Wijkplein Noord",
        postcode=area.postcode.postcode.lower(),
        map_organization_id=org.pk,
    )
    assert place.neighbourhood_id == area.neighbourhood.pk
    assert (place.latitude, place.longitude) == (52.11, 5.12)
    assert event("map_location", Action.CREATE).object_id == str(place.pk)

    service = services.service_save(
        actor=editor,
        name="Spreekuur thuisadministratie",
        description="Hulp bij post, rekeningen en betalingsachterstanden.",
        map_organization_id=org.pk,
        is_free=True,
        languages="NL, en",
        term_ids=[finance.pk, elderly.pk],
        location_ids=[place.pk],
        schedules=[
            {"freq": "WEEKLY", "byday": "TU", "opens_at": datetime.time(10), "closes_at": datetime.time(12)}
        ],
    )
    assert service.languages == "nl,en"
    created = event("map_service", Action.CREATE)
    assert created.object_id == str(service.pk)
    assert set(created.details["fields"]) >= {"terms", "locations", "schedules"}
    # The search document holds the terms and the location's buurt.
    assert names(service_search(actor=tenant.worker, text="geldzorgen")) == ["Spreekuur thuisadministratie"]
    assert names(service_search(actor=tenant.worker, text=area.neighbourhood.name)) == [
        "Spreekuur thuisadministratie"
    ]


def names(result: Any) -> list[str]:
    return [h.service.name for h in result.hits]


def test_renaming_an_organisation_refreshes_its_services_search(tenant: Tenant) -> None:
    editor = tenant.administrator
    org = map_organization(tenant.organisation, name="Stichting Oud")
    map_service(tenant.organisation, name="Koffie", map_organization=org)
    services.organization_save(actor=editor, organization=org, name="Humanitas Lindewaard")
    assert names(service_search(actor=editor, text="humanitas")) == ["Koffie"]
    assert event("map_organization", Action.UPDATE).details == {"fields": ["name"]}


@pytest.mark.parametrize("role", ["worker", "coordinator", "policy_officer"])
def test_non_editors_cannot_write(tenant: Tenant, role: str) -> None:
    actor = getattr(tenant, role)
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionError):
        services.organization_save(actor=actor, name="Nieuw")
    service = map_service(tenant.organisation)
    with pytest.raises(PermissionError):
        services.service_save(actor=actor, service=service, name="Anders")
    with pytest.raises(PermissionError):
        services.entry_mark_checked(actor=actor, entry=service)
    assert count(MapOrganization) == 0
    assert AuditEvent.objects.count() == before


def test_editor_of_another_organisation_cannot_touch_this_map(tenant: Tenant, other_tenant: Tenant) -> None:
    service = map_service(tenant.organisation)
    with pytest.raises(PermissionError):
        services.service_save(actor=other_tenant.administrator, service=service, name="Overgenomen")
    with pytest.raises(ValidationError) as exc:
        services.service_save(
            actor=other_tenant.administrator,
            name="Nieuw",
            location_ids=[map_location(tenant.organisation).pk],
        )
    assert "location_ids" in exc.value.message_dict


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "X", "minimum_age": 30, "maximum_age": 12}, "__all__"),
        ({"name": "X", "email": "geen-mail"}, "email"),
        ({"name": "X", "languages": "Nederlands"}, "languages"),
        ({"name": "X", "schedules": [{"freq": "WEEKLY", "byday": "DI"}]}, "schedules"),
        (
            {
                "name": "X",
                "schedules": [
                    {
                        "freq": "MONTHLY",
                        "byday": "1TU",
                        "opens_at": datetime.time(12),
                        "closes_at": datetime.time(10),
                    }
                ],
            },
            "schedules",
        ),
        ({"name": "X", "map_organization_id": 999999}, "map_organization"),
        ({"name": "X", "term_ids": [999999]}, "term_ids"),
    ],
)
def test_bad_service_input_is_refused_in_dutch_and_writes_nothing(
    tenant: Tenant, data: dict[str, Any], field: str
) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.service_save(actor=tenant.administrator, **data)
    assert field in exc.value.message_dict
    assert count(MapService) == 0 and count(Schedule) == 0
    assert AuditEvent.objects.count() == before


def test_bad_location_input(tenant: Tenant) -> None:
    with pytest.raises(ValidationError) as exc:
        services.location_save(actor=tenant.administrator, name="Buurthuis", postcode="12345")
    assert "postcode" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.location_save(actor=tenant.administrator, name="Buurthuis", latitude=52.1)
    assert "latitude" in exc.value.message_dict
    assert count(MapLocation) == 0


def test_mark_checked_and_stale_list(tenant: Tenant) -> None:
    old = map_service(tenant.organisation, name="Oud", last_checked_on=datetime.date(2020, 1, 1))
    map_service(tenant.organisation, name="Vers")
    stale = stale_entries(actor=tenant.worker)
    assert [(e.kind, e.entry.name) for e in stale.entries] == [("service", "Oud")]
    checked = services.entry_mark_checked(actor=tenant.administrator, entry=old)
    assert checked.last_checked_on == datetime.date.today()
    assert checked.checked_by_id == tenant.administrator.pk
    assert event("map_service", Action.UPDATE).details["fields"] == ["last_checked_on"]
    assert stale_entries(actor=tenant.worker).total == 0


def test_retire_keeps_the_row_and_hides_it(tenant: Tenant) -> None:
    service = map_service(tenant.organisation, name="Gestopt")
    services.service_retire(actor=tenant.administrator, service=service)
    assert service_search(actor=tenant.worker).total == 0
    assert event("map_service", Action.UPDATE).details["status"] == "defunct"
    with pytest.raises(ValidationError):
        services.service_retire(actor=tenant.administrator, service=service)


def test_delete_refuses_while_in_use(tenant: Tenant) -> None:
    org = map_organization(tenant.organisation)
    place = map_location(tenant.organisation, map_organization=org)
    service = map_service(tenant.organisation, map_organization=org, locations=[place])
    with pytest.raises(ValidationError):
        services.organization_delete(actor=tenant.administrator, organization=org)
    with pytest.raises(ValidationError):
        services.location_delete(actor=tenant.administrator, location=place)
    services.service_save(
        actor=tenant.administrator, service=service, location_ids=[], map_organization_id=None
    )
    place_id = place.pk
    services.location_delete(actor=tenant.administrator, location=place)
    services.organization_delete(actor=tenant.administrator, organization=org)
    assert count(MapOrganization) == 0 and count(MapLocation) == 0
    assert event("map_location", Action.DELETE).object_id == str(place_id)
    assert event("map_organization", Action.DELETE).details["name"] == org.name


def test_taxonomy_defaults_once(tenant: Tenant) -> None:
    assert services.ensure_taxonomies(actor=tenant.worker) is True
    assert services.ensure_taxonomies(actor=tenant.worker) is False
    with system_access("test"):
        assert Taxonomy.objects.filter(organisation=tenant.organisation).count() == 2
        life = Taxonomy.objects.get(organisation=tenant.organisation, purpose=Taxonomy.Purpose.LIFE_DOMAINS)
        assert life.terms.filter(code="finances", name="Financiën").exists()
    assert event("map_taxonomy", Action.CREATE).details == {"defaults": True}
    term = services.term_save(actor=tenant.administrator, taxonomy=life, name="Zingeving", code="meaning")
    assert event("map_term", Action.CREATE).object_id == str(term.pk)


def test_synonyms_are_used_by_the_search(tenant: Tenant) -> None:
    map_service(tenant.organisation, name="Noodpakket", description="Voor wie even niets te eten heeft.")
    assert service_search(actor=tenant.worker, text="crisispakket").total == 0
    synonym = services.synonym_save(actor=tenant.administrator, words="crisispakket,  noodpakket")
    assert synonym.words == "crisispakket, noodpakket"
    assert event("map_synonym", Action.CREATE).details["words"] == "crisispakket, noodpakket"
    assert names(service_search(actor=tenant.worker, text="crisispakket")) == ["Noodpakket"]
    with pytest.raises(ValidationError):
        services.synonym_save(actor=tenant.administrator, words="alleen")
    synonym_id = synonym.pk
    services.synonym_delete(actor=tenant.administrator, synonym=synonym)
    assert event("map_synonym", Action.DELETE).object_id == str(synonym_id)
