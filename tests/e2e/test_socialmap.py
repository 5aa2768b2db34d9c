"""The sociale kaart in a real browser: search near a postcode, open a result, edit and check an entry.

The map is set up through the test factories; everything the tests are about is done through the pages.
Every page of the map is checked with axe-core (WCAG 2.1 A/AA), error states included.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from conftest import Tenant, make_tenant
from django.urls import reverse
from playwright.sync_api import Page, expect

from buurtteam.accounts.models import User
from buurtteam.cases.tests.factories import give_area
from buurtteam.core.gate import system_access
from buurtteam.socialmap.models import MapLocation, MapOrganization, MapService
from buurtteam.socialmap.services import taxonomy_defaults
from buurtteam.socialmap.tests.factories import map_editor, map_location, map_organization, map_service
from tests.e2e.helpers import axe, login
from tests.e2e.test_cases import assert_clean

pytestmark = pytest.mark.e2e


@dataclass
class Map:
    tenant: Tenant
    editor: User
    postcode: str
    organization: MapOrganization
    near: MapLocation
    lonely: MapService  # near the postcode, described with "eenzaam"
    far_lonely: MapService


def a_map() -> Map:
    tenant = make_tenant()
    area = give_area(tenant.team)
    with system_access("e2e test data"):
        area.postcode.latitude, area.postcode.longitude = 52.1, 5.1
        area.postcode.save()
    taxonomy_defaults(tenant.organisation)
    org = map_organization(tenant.organisation, name="Stichting Welzijn Lindewaard", phone="030 123 45 67")
    near = map_location(
        tenant.organisation,
        name="Wijkcentrum De Schakel",
        latitude=52.102,
        longitude=5.101,
        neighbourhood=area.neighbourhood,
        map_organization=org,
    )
    far = map_location(tenant.organisation, name="MFA Het Anker", latitude=52.14, longitude=5.16)
    lonely = map_service(
        tenant.organisation,
        name="Koffie en een praatje",
        description="Voor wie zich eenzaam voelt: elke week koffie met buurtgenoten.",
        map_organization=org,
        locations=[near],
        weekly="TU",
        last_checked_on=datetime.date(2020, 3, 1),
    )
    far_lonely = map_service(
        tenant.organisation,
        name="Spelletjesmiddag",
        description="Minder eenzaam door samen spelletjes te doen.",
        locations=[far],
        weekly="TH",
    )
    map_service(tenant.organisation, name="Fietsles", description="Leren fietsen op het plein.")
    return Map(tenant, map_editor(tenant.team), area.postcode.postcode, org, near, lonely, far_lonely)


def test_search_near_a_postcode_and_open_a_result(page: Page) -> None:
    world = a_map()
    login(page, world.tenant.worker)
    page.goto(reverse("socialmap:search"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociale kaart")
    axe(page, what="the map's search page")

    # A postcode that does not exist: a Dutch message on the field, nothing else breaks.
    page.get_by_role("searchbox", name=re.compile("^Zoeken")).fill("eenzaamheid")
    page.get_by_label("In de buurt van postcode").fill("12")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("main")).to_contain_text("Vul een geldige postcode in")
    expect(page.get_by_label("In de buurt van postcode")).to_have_attribute("aria-invalid", "true")
    axe(page, what="the search page with an error")

    page.get_by_label("In de buurt van postcode").fill(world.postcode)
    page.get_by_role("button", name="Zoeken").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("2 activiteiten en voorzieningen gevonden")
    rows = table.locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("Koffie en een praatje")
    expect(rows.nth(0)).to_contain_text("elke dinsdag 10:00–12:00")
    expect(rows.nth(0)).to_contain_text(re.compile(r"0,\d km"))
    expect(rows.nth(0)).to_contain_text("Lang niet gecontroleerd")
    expect(rows.nth(1)).to_contain_text("Spelletjesmiddag")
    expect(table).not_to_contain_text("Fietsles")
    axe(page, what="the search results")

    rows.nth(0).get_by_role("link", name="Koffie en een praatje").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koffie en een praatje")
    expect(page.locator("main")).to_contain_text("Deze gegevens zijn lang niet gecontroleerd")
    expect(page.locator("main")).not_to_contain_text("Gecontroleerd: klopt nog")  # a worker reads only
    axe(page, what="a service page")
    page.get_by_role("link", name="Wijkcentrum De Schakel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijkcentrum De Schakel")
    axe(page, what="a location page")
    page.get_by_role("link", name="Stichting Welzijn Lindewaard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stichting Welzijn Lindewaard")
    axe(page, what="an organisation page")
    assert_clean(page)


def test_an_editor_edits_an_entry_and_marks_it_checked(page: Page) -> None:
    world = a_map()
    login(page, world.editor)
    page.goto(reverse("socialmap:service_detail", args=[world.lonely.pk]))
    page.get_by_role("link", name="Wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koffie en een praatje wijzigen")
    axe(page, what="the service form")

    # Bad input: Dutch messages, nothing saved.
    page.get_by_label("Naam", exact=True).fill("")
    page.get_by_label("E-mail").fill("geen-adres")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#form-errors")).to_contain_text("Niet alles is goed ingevuld")
    expect(page.locator("main")).to_contain_text("Dit veld is verplicht.")
    axe(page, what="the service form with errors")

    page.get_by_label("Naam", exact=True).fill("Koffie en een praatje in De Schakel")
    page.get_by_label("E-mail").fill("koffie@welzijn.example")
    page.get_by_label("Sociaal netwerk").check()
    page.get_by_label("Ouderen").check()
    row = page.get_by_role("group", name="Tijdstip 2")
    row.get_by_label("Hoe vaak").select_option(label="Eén keer per maand")
    row.get_by_label("Week van de maand").select_option(label="laatste")
    row.get_by_label(re.compile(r"^Dag\b")).select_option(label="vrijdag")
    row.get_by_label(re.compile(r"^Van\b")).fill("14:00")
    row.get_by_label(re.compile(r"^Tot\b")).fill("16:00")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Koffie en een praatje in De Schakel")
    main = page.locator("main")
    expect(main).to_contain_text("Opgeslagen.")
    expect(main).to_contain_text("elke dinsdag 10:00–12:00")
    expect(main).to_contain_text("elke laatste vrijdag van de maand 14:00–16:00")
    expect(main).to_contain_text("Sociaal netwerk")
    expect(main).to_contain_text("Deze gegevens zijn lang niet gecontroleerd")

    page.get_by_role("button", name="Gecontroleerd: klopt nog").click()
    expect(main).to_contain_text("is gemarkeerd als gecontroleerd")
    expect(main).not_to_contain_text("Deze gegevens zijn lang niet gecontroleerd")
    expect(main).to_contain_text(f"door {world.editor.full_name}")
    with system_access("e2e test assertion"):
        service = MapService.objects.get(pk=world.lonely.pk)
    assert service.last_checked_on == datetime.date.today()
    assert service.email == "koffie@welzijn.example"
    axe(page, what="the service page after checking")
    assert_clean(page)


def test_every_editor_page_is_accessible(page: Page) -> None:
    world = a_map()
    login(page, world.editor)
    pages = [
        ("socialmap:stale", []),
        ("socialmap:organization_list", []),
        ("socialmap:location_list", []),
        ("socialmap:synonyms", []),
        ("socialmap:organization_create", []),
        ("socialmap:location_create", []),
        ("socialmap:service_create", []),
        ("socialmap:organization_edit", [world.organization.pk]),
        ("socialmap:location_edit", [world.near.pk]),
    ]
    for name, args in pages:
        page.goto(reverse(name, args=args))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page, what=name)

    # Error states of the smaller forms.
    page.goto(reverse("socialmap:location_create"))
    page.get_by_label("Naam", exact=True).fill("Buurtkamer")
    page.get_by_label("Postcode").fill("99")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("Vul een geldige postcode in")
    axe(page, what="the location form with errors")
    page.goto(reverse("socialmap:synonyms"))
    page.get_by_label("Woorden die hetzelfde betekenen").fill("alleen")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("main")).to_contain_text("Geef minstens twee woorden")
    axe(page, what="the synonyms page with an error")

    # The stale list: check an entry there and it leaves the list.
    page.goto(reverse("socialmap:stale"))
    row = page.get_by_role("row", name=re.compile("Koffie en een praatje"))
    row.get_by_role("button", name=re.compile("Gecontroleerd")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Te controleren")
    expect(page.get_by_role("table")).not_to_contain_text("Koffie en een praatje")
    assert_clean(page)
