"""The map's pages: readers and editors, bad input, escaping, constant query counts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from conftest import Tenant
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.cases.tests.factories import give_area
from buurtteam.core.gate import system_access
from buurtteam.socialmap.models import MapLocation, MapOrganization, MapService, Schedule, SearchSynonym
from buurtteam.socialmap.services import taxonomy_defaults
from buurtteam.socialmap.tests.factories import (
    map_editor,
    map_location,
    map_organization,
    map_service,
    map_term,
)

pytestmark = pytest.mark.django_db


def count(model: Any, **lookup: Any) -> int:
    with system_access("test count"):
        return int(model.objects.filter(**lookup).count())


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(ctx.captured_queries)


def fill_map(tenant: Tenant, n: int, *, area: Any) -> None:
    org = map_organization(tenant.organisation, name=f"Stichting {n}")
    term = map_term(tenant.organisation, f"Term {n}")
    for i in range(n):
        place = map_location(tenant.organisation, name=f"Buurthuis {n}-{i}", neighbourhood=area.neighbourhood)
        map_service(
            tenant.organisation,
            name=f"Koffieochtend {n}-{i}",
            description="Tegen eenzaamheid",
            map_organization=org,
            locations=[place],
            terms=[term],
            weekly="TU",
            last_checked_on=datetime.date(2020, 1, 1),
        )


def test_search_page_finds_with_stems_and_shows_distance_and_schedule(client: Client, tenant: Tenant) -> None:
    area = give_area(tenant.team)
    with system_access("test"):
        area.postcode.latitude, area.postcode.longitude = 52.1, 5.1
        area.postcode.save()
    place = map_location(tenant.organisation, latitude=52.11, longitude=5.1, neighbourhood=area.neighbourhood)
    service = map_service(
        tenant.organisation,
        name="Inloop De Linde",
        description="Voor wie eenzaam is",
        locations=[place],
        weekly="TU",
    )
    map_service(tenant.organisation, name="Fietsles", description="Leren fietsen")
    client.force_login(tenant.worker)
    response = client.get(
        reverse("socialmap:search"), {"q": "eenzaamheid", "postcode": area.postcode.postcode}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inloop De Linde" in html and "Fietsles" not in html
    assert "elke dinsdag 10:00–12:00" in html
    assert "1,1 km" in html or "1.1 km" in html
    assert reverse("socialmap:service_detail", args=[service.pk]) in html
    assert "Nieuwe activiteit" not in html  # a plain worker does not edit


def test_search_result_rows_escape_and_show_badges_places_and_cost(client: Client, tenant: Tenant) -> None:
    area = give_area(tenant.team)
    org = map_organization(tenant.organisation, name="Stichting <b>Samen</b>")
    place = map_location(tenant.organisation, name="Buurthuis & Co", neighbourhood=area.neighbourhood)
    map_service(
        tenant.organisation,
        name="Koffie <script>alert(1)</script>",
        description="Tegen eenzaamheid",
        map_organization=org,
        locations=[place],
        status=MapService.Status.INACTIVE,
        is_free=True,
        last_checked_on=datetime.date(2020, 1, 1),
    )
    map_service(tenant.organisation, name="Eenzaam? Kom eten", fees_description="€ 3,50 <per keer>")
    client.force_login(tenant.worker)
    html = client.get(reverse("socialmap:search"), {"q": "eenzaam", "ook_inactief": "on"}).content.decode()
    assert "<script>alert(1)" not in html and "Koffie &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Stichting &lt;b&gt;Samen&lt;/b&gt;" in html
    assert f'Buurthuis &amp; Co <span class="bt-muted">({area.neighbourhood.name})</span>' in html
    assert "Lang niet gecontroleerd" in html and "Gratis" in html and ">Niet actief</span>" in html
    assert "€ 3,50 &lt;per keer&gt;" in html
    assert "“eenzaam” in de naam" in html and "“eenzaam” in de omschrijving" in html


def test_search_page_bad_input_gives_dutch_errors(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    response = client.get(
        reverse("socialmap:search"), {"postcode": "12345", "leeftijd": "oud", "buurt": "99999"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vul een geldige postcode in" in html
    assert "Vul een leeftijd in jaren in." in html
    assert "Kies een van de mogelijkheden uit de lijst." in html
    response = client.get(reverse("socialmap:search"), {"postcode": "9999ZZ"})
    assert "Van deze postcode kennen we de ligging niet" in response.content.decode()
    response = client.get(reverse("socialmap:search"), {"afstand": "5"})
    assert "Vul een postcode in om op afstand te zoeken." in response.content.decode()


def test_html_in_map_text_is_escaped(client: Client, tenant: Tenant) -> None:
    service = map_service(tenant.organisation, name="<script>alert(1)</script>", description="<b>vet</b>")
    client.force_login(tenant.worker)
    for url in (reverse("socialmap:search"), reverse("socialmap:service_detail", args=[service.pk])):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_detail_pages_for_readers(client: Client, tenant: Tenant) -> None:
    org = map_organization(tenant.organisation, name="Bibliotheek Lindewaard", last_checked_on=None)
    place = map_location(tenant.organisation, name="Bieb Centrum", map_organization=org)
    service = map_service(tenant.organisation, name="Taalcafé", map_organization=org, locations=[place])
    client.force_login(tenant.policy_officer)
    html = client.get(reverse("socialmap:organization_detail", args=[org.pk])).content.decode()
    assert "Taalcafé" in html and "Bieb Centrum" in html and "Nooit gecontroleerd" in html
    assert "Gecontroleerd: klopt nog" not in html
    html = client.get(reverse("socialmap:location_detail", args=[place.pk])).content.decode()
    assert "Taalcafé" in html
    html = client.get(reverse("socialmap:service_detail", args=[service.pk])).content.decode()
    assert "Bibliotheek Lindewaard" in html
    assert client.get(reverse("socialmap:organization_list")).status_code == 200
    assert client.get(reverse("socialmap:location_list")).status_code == 200
    assert client.get(reverse("socialmap:stale")).status_code == 200


@pytest.mark.parametrize("role", ["worker", "coordinator", "policy_officer"])
def test_non_editors_get_404_on_editor_pages(client: Client, tenant: Tenant, role: str) -> None:
    service = map_service(tenant.organisation)
    client.force_login(getattr(tenant, role))
    for name, args in [
        ("socialmap:service_create", []),
        ("socialmap:service_edit", [service.pk]),
        ("socialmap:organization_create", []),
        ("socialmap:location_create", []),
        ("socialmap:synonyms", []),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse("socialmap:service_check", args=[service.pk])).status_code == 404
    assert client.post(reverse("socialmap:service_retire", args=[service.pk])).status_code == 404


def test_other_organisation_gets_404(client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    service = map_service(tenant.organisation)
    client.force_login(other_tenant.administrator)
    assert client.get(reverse("socialmap:service_detail", args=[service.pk])).status_code == 404
    assert client.get(reverse("socialmap:service_edit", args=[service.pk])).status_code == 404
    assert client.post(reverse("socialmap:service_check", args=[service.pk])).status_code == 404


def test_editor_creates_and_edits_a_service_with_schedule(client: Client, tenant: Tenant) -> None:
    editor = map_editor(tenant.team)
    life, targets = taxonomy_defaults(tenant.organisation)
    with system_access("test"):
        finance = life.terms.get(code="finances")
        carers = targets.terms.get(code="carers")
    org = map_organization(tenant.organisation)
    place = map_location(tenant.organisation)
    client.force_login(editor)
    url = reverse("socialmap:service_create")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Mantelzorgcafé",
            "kind": "activity",
            "status": "active",
            "map_organization": str(org.pk),
            "life_domains": [str(finance.pk)],
            "target_groups": [str(carers.pk)],
            "locations": [str(place.pk)],
            "is_free": "on",
            "rooster_1_herhaling": "monthly",
            "rooster_1_week": "1",
            "rooster_1_dag": "WE",
            "rooster_1_van": "14:00",
            "rooster_1_tot": "16:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with system_access("test"):
        service = MapService.objects.get(name="Mantelzorgcafé")
        schedule = Schedule.objects.get(service=service)
    assert (schedule.freq, schedule.byday) == ("MONTHLY", "1WE")
    assert AuditEvent.objects.filter(object_type="map_service", action=Action.CREATE).count() == 1
    detail = client.get(response["Location"]).content.decode()
    assert "elke eerste woensdag van de maand 14:00–16:00" in detail
    edit_url = reverse("socialmap:service_edit", args=[service.pk])
    form_html = client.get(edit_url).content.decode()
    assert 'value="1WE"' not in form_html and "Mantelzorgcafé" in form_html
    response = client.post(
        edit_url,
        {
            "name": "Mantelzorgcafé Noord",
            "kind": "activity",
            "status": "active",
            "rooster_1_herhaling": "weekly",
            "rooster_1_dag": "TH",
        },
    )
    assert response.status_code == 302
    with system_access("test"):
        assert list(Schedule.objects.filter(service=service).values_list("freq", "byday")) == [
            ("WEEKLY", "TH")
        ]


def test_editor_bad_input_changes_nothing(client: Client, tenant: Tenant) -> None:
    service = map_service(tenant.organisation, name="Wandelgroep")
    taxonomy_defaults(tenant.organisation)
    client.force_login(tenant.administrator)
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("socialmap:service_edit", args=[service.pk]),
        {
            "name": "",
            "kind": "activity",
            "status": "nonsense",
            "minimum_age": "-3",
            "email": "geen",
            "rooster_1_herhaling": "monthly",
            "rooster_1_van": "25:99",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Dit veld is verplicht.",
        "Kies een van de mogelijkheden uit de lijst.",
        "Vul een leeftijd van 0 tot 120 in.",
        "Vul een geldig e-mailadres in",
        "Kies de dag.",
        "Kies in welke week van de maand.",
        "Vul een tijd in als UU:MM",
    ):
        assert message in html, message
    assert 'aria-invalid="true"' in html
    assert count(MapService, name="Wandelgroep") == 1
    assert AuditEvent.objects.count() == before
    # A service error (age range) lands on the form, too.
    response = client.post(
        reverse("socialmap:service_edit", args=[service.pk]),
        {
            "name": "Wandelgroep",
            "kind": "activity",
            "status": "active",
            "minimum_age": "40",
            "maximum_age": "10",
        },
    )
    assert response.status_code == 400
    assert count(MapService, name="Wandelgroep", minimum_age=None) == 1


def test_location_form_fills_buurt_from_postcode_and_refuses_bad_postcode(
    client: Client, tenant: Tenant
) -> None:
    area = give_area(tenant.team)
    client.force_login(tenant.administrator)
    url = reverse("socialmap:location_create")
    response = client.post(
        url, {"name": "MFA De Schakel", "kind": "mfa", "location_type": "physical", "postcode": "1"}
    )
    assert response.status_code == 400 and "Vul een geldige postcode in" in response.content.decode()
    assert count(MapLocation) == 0
    response = client.post(
        url,
        {
            "name": "MFA De Schakel",
            "kind": "mfa",
            "location_type": "physical",
            "postcode": area.postcode.postcode,
        },
    )
    assert response.status_code == 302
    with system_access("test"):
        assert MapLocation.objects.get().neighbourhood_id == area.neighbourhood.pk


@pytest.mark.parametrize(("typed", "expected"), [("52,0913", 52.0913), ("52.0913", 52.0913)])
def test_location_coordinates_take_a_decimal_comma(
    client: Client, tenant: Tenant, typed: str, expected: float
) -> None:
    area = give_area(tenant.team)
    client.force_login(tenant.administrator)
    response = client.post(
        reverse("socialmap:location_create"),
        {
            "name": "Buurtkamer De Linde",
            "kind": "community_centre",
            "location_type": "physical",
            "postcode": area.postcode.postcode,
            "latitude": typed,
            "longitude": "5,1214",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    with system_access("test"):
        location = MapLocation.objects.get()
    assert (location.latitude, location.longitude) == (expected, 5.1214)


def test_organisation_form_and_delete(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.administrator)
    response = client.post(
        reverse("socialmap:organization_create"), {"name": "Voedselbank", "website": "geen url"}
    )
    assert response.status_code == 400 and "Vul een geldig webadres in" in response.content.decode()
    response = client.post(reverse("socialmap:organization_create"), {"name": "Voedselbank"})
    assert response.status_code == 302
    with system_access("test"):
        org = MapOrganization.objects.get()
    map_service(tenant.organisation, map_organization=org)
    response = client.post(reverse("socialmap:organization_delete", args=[org.pk]), follow=True)
    assert "nog 1 activiteit" in response.content.decode()
    assert count(MapOrganization) == 1


def test_mark_checked_from_the_stale_list(client: Client, tenant: Tenant) -> None:
    service = map_service(tenant.organisation, name="Oude inloop", last_checked_on=datetime.date(2019, 5, 1))
    client.force_login(tenant.administrator)
    html = client.get(reverse("socialmap:stale")).content.decode()
    assert "Oude inloop" in html and "01-05-2019" in html
    response = client.post(reverse("socialmap:service_check", args=[service.pk]), {"next": "stale"})
    assert response["Location"] == reverse("socialmap:stale")
    with system_access("test"):
        service.refresh_from_db()
    assert service.last_checked_on == datetime.date.today()
    assert "Alles is recent gecontroleerd." in client.get(reverse("socialmap:stale")).content.decode()


def test_synonyms_page(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.administrator)
    url = reverse("socialmap:synonyms")
    response = client.post(url, {"words": "alleen"})
    assert response.status_code == 400 and "Geef minstens twee woorden" in response.content.decode()
    assert client.post(url, {"words": "pakket, voedselpakket"}).status_code == 302
    with system_access("test"):
        synonym = SearchSynonym.objects.get()
    assert "pakket, voedselpakket" in client.get(url).content.decode()
    assert client.post(reverse("socialmap:synonym_delete", args=[synonym.pk])).status_code == 302
    assert count(SearchSynonym) == 0


def test_query_counts_do_not_grow_with_the_map(client: Client, tenant: Tenant) -> None:
    area = give_area(tenant.team)
    client.force_login(tenant.administrator)
    fill_map(tenant, 2, area=area)
    with system_access("test"):
        org = MapOrganization.objects.first()
        service = MapService.objects.first()
        place = MapLocation.objects.first()
    assert org is not None and service is not None and place is not None
    urls = [
        reverse("socialmap:search") + "?q=eenzaamheid",
        reverse("socialmap:search") + f"?postcode={area.postcode.postcode}",
        reverse("socialmap:search"),
        reverse("socialmap:organization_list"),
        reverse("socialmap:location_list"),
        reverse("socialmap:stale"),
        reverse("socialmap:organization_detail", args=[org.pk]),
        reverse("socialmap:location_detail", args=[place.pk]),
        reverse("socialmap:service_detail", args=[service.pk]),
        reverse("socialmap:service_edit", args=[service.pk]),
    ]
    with system_access("test"):
        area.postcode.latitude, area.postcode.longitude = 52.1, 5.1
        area.postcode.save()
    for url in urls:  # the first request makes the default taxonomies
        client.get(url)
    small = [queries(client, url) for url in urls]
    fill_map(tenant, 9, area=area)
    large = [queries(client, url) for url in urls]
    assert small == large


def test_administrator_sets_the_staleness_period(client: Client, tenant: Tenant) -> None:
    from buurtteam.organisation.models import Organisation

    service = map_service(tenant.organisation, name="Half jaar oud")
    with system_access("test"):
        MapService.objects.filter(pk=service.pk).update(
            last_checked_on=datetime.date.today() - datetime.timedelta(days=200)
        )
    client.force_login(tenant.administrator)
    assert "Alles is recent gecontroleerd." in client.get(reverse("socialmap:stale")).content.decode()
    base = {
        "name": tenant.organisation.name,
        "kind": "provider",
        "intake_conversation_limit": "3",
        "pickup_target_working_days": "10",
        "reopen_window_days": "90",
        "stuck_after_weeks": "4",
    }
    response = client.post(reverse("organisation:admin_home"), {**base, "map_stale_after_months": "99"})
    assert response.status_code == 400
    assert "Vul een aantal maanden van 1 tot 60 in." in response.content.decode()
    response = client.post(reverse("organisation:admin_home"), {**base, "map_stale_after_months": "6"})
    assert response.status_code == 302
    with system_access("test"):
        assert Organisation.objects.get(pk=tenant.organisation.pk).map_stale_after_months == 6
    assert "Half jaar oud" in client.get(reverse("socialmap:stale")).content.decode()
