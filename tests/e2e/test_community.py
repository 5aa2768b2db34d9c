"""Toeleiding, signals and groups in a real browser, with axe-core on every page (also with errors).

The case, the sociale kaart and a few earlier signals are set up through the services and factories;
everything the tests are about is done through the pages, the link flow with the keyboard only.
"""

from __future__ import annotations

import re

import pytest
from conftest import make_tenant
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from buurtteam.community.models import LinkStatus, ServiceLink, Signal
from buurtteam.community.tests.helpers import World, anonymous_signal, make_world
from buurtteam.core.gate import system_access
from tests.e2e.helpers import axe_violations, login
from tests.e2e.test_cases import assert_clean, case_path, section

pytestmark = pytest.mark.e2e


def clean(page: Page) -> None:
    assert axe_violations(page) == [], page.url
    assert_clean(page)


def named(visible: str, hidden: str) -> re.Pattern[str]:
    """An accessible name made of visible text and a visually hidden part (the browser may put a space
    between them)."""
    return re.compile(rf"^{re.escape(visible)}\s*: {re.escape(hidden)}$")


def press_on(page: Page, name: str | re.Pattern[str]) -> None:
    """Focus a link by its accessible name and press Enter, as a keyboard user does."""
    target = page.get_by_role("link", name=name)
    target.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_find_an_activity_near_the_resident_link_it_and_record_the_follow_up(page: Page) -> None:
    world: World = make_world(make_tenant())
    login(page, world.tenant.worker)
    page.goto(case_path(world.case))
    toeleiding = section(page, "Activiteiten in de buurt")
    expect(toeleiding).to_contain_text("Nog geen toeleiding naar activiteiten.")
    clean(page)

    # Keyboard only: from the plan action to the search, the search itself, the choice and the link.
    press_on(page, "Activiteit zoeken: Samen de post sorteren")
    expect(page.get_by_role("heading", level=1)).to_have_text("Activiteit zoeken")
    expect(page.get_by_label("Leefgebied")).to_have_value(re.compile(r"\d+"))  # the goal's domain
    clean(page)
    page.get_by_label("Waar zoekt u iets voor?").focus()
    page.keyboard.type("eenzaamheid")
    page.get_by_label("Leefgebied").select_option(label="Alle leefgebieden")
    page.get_by_label("Afstand tot het adres van de inwoner").select_option(label="Binnen 5 km")
    page.get_by_label("Waar zoekt u iets voor?").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    results = page.get_by_role("list", name=re.compile("gevonden"))
    expect(results).to_contain_text("Wandelclub De Linde")
    expect(results).not_to_contain_text("Eetclub Verweg")  # 30 km away
    clean(page)
    press_on(page, named("Kiezen", "Wandelclub De Linde"))
    expect(page.get_by_role("heading", level=2)).to_have_text("Wandelclub De Linde")
    clean(page)
    page.get_by_label("Toelichting").focus()
    page.keyboard.type("Gaat de eerste keer samen met de buurvrouw.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Toeleiding vastleggen")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    toeleiding = section(page, "Activiteiten in de buurt")
    expect(toeleiding).to_contain_text("Wandelclub De Linde")
    expect(toeleiding).to_contain_text("Voorgesteld")
    expect(page.get_by_role("status").or_(page.locator(".utrecht-alert")).first).to_contain_text("gekoppeld")
    clean(page)

    # The follow-up: first without an answer (error state), then the answer.
    toeleiding.get_by_role("link", name=named("Terugkoppeling vastleggen", "Wandelclub De Linde")).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Terugkoppeling opslaan").click()
    page.wait_for_load_state()
    expect(page.locator("#form-errors")).to_be_visible()
    clean(page)
    page.get_by_label("Gegaan: gaat erheen").check()
    page.get_by_label("Hoe ging het?").fill("Ging twee keer en vond het gezellig.")
    with page.expect_navigation():
        page.get_by_role("button", name="Terugkoppeling opslaan").click()
    expect(section(page, "Activiteiten in de buurt")).to_contain_text("Gaat erheen")
    with system_access("e2e test assertion"):
        link = ServiceLink.objects.select_related("follow_up_task").get(case=world.case)
    assert link.status == LinkStatus.ATTENDING
    assert link.follow_up_task is None
    clean(page)


def test_record_an_anonymous_signal_and_see_it_counted_in_the_buurt_overview(page: Page) -> None:
    world = make_world(make_tenant())
    anonymous_signal(world, "loneliness")
    anonymous_signal(world, "loneliness")
    login(page, world.tenant.worker)
    page.goto(reverse("community:signal_list"))
    clean(page)
    page.get_by_role("link", name="Signaal vastleggen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Schrijf geen naam")).to_be_visible()
    clean(page)
    page.get_by_role("button", name="Signaal opslaan").click()
    page.wait_for_load_state()
    expect(page.locator("#form-errors")).to_be_visible()
    clean(page)
    page.get_by_label("Thema").select_option(label="Eenzaamheid")
    page.get_by_label("Buurt").select_option(label=world.area.neighbourhood.name)
    page.get_by_label("Wat viel op?").fill("Oudere heer zit elke ochtend alleen op het bankje bij de vijver.")
    with page.expect_navigation():
        page.get_by_role("button", name="Signaal opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal: Eenzaamheid")
    clean(page)
    with system_access("e2e test assertion"):
        assert Signal.objects.filter(resident__isnull=True, theme="loneliness").count() == 3

    page.goto(reverse("community:signal_overview"))
    per_buurt = page.get_by_role("table", name=re.compile("per buurt en thema"))
    row = per_buurt.get_by_role("row", name=re.compile(world.area.neighbourhood.name))
    expect(row.get_by_role("cell").first).to_have_text("3")  # Eenzaamheid: the two earlier ones and this one
    expect(page.locator("svg[role='img']")).to_be_visible()
    clean(page)
    page.get_by_label("Per maand of kwartaal").select_option(label="kwartaal")
    with page.expect_navigation():
        page.get_by_role("button", name="Toon").click()
    clean(page)


def test_groups_and_counts_pages(page: Page) -> None:
    world = make_world(make_tenant())
    login(page, world.tenant.worker)
    page.goto(reverse("community:group_list"))
    clean(page)
    page.get_by_role("link", name="Nieuwe groep").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Groep aanmaken").click()
    page.wait_for_load_state()
    expect(page.locator("#form-errors")).to_be_visible()
    clean(page)
    page.get_by_label("Naam van de groep").fill("Wandelgroep de Linde")
    with page.expect_navigation():
        page.get_by_role("button", name="Groep aanmaken").click()
    clean(page)
    page.get_by_role("link", name="Deelnemer toevoegen").click()
    page.wait_for_load_state()
    page.get_by_label("Zoek een inwoner").fill("de Vries")
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    clean(page)
    with page.expect_navigation():
        page.get_by_role("button", name=named("Toevoegen", "Sanne de Vries")).click()
    page.get_by_role("link", name="Bijeenkomst vastleggen").click()
    page.wait_for_load_state()
    clean(page)
    page.get_by_label("Sanne de Vries").check()
    page.get_by_label("Wat deden jullie?").fill("Rondje park en koffie")
    with page.expect_navigation():
        page.get_by_role("button", name="Bijeenkomst opslaan").click()
    expect(page.get_by_role("region", name="Bijeenkomsten")).to_contain_text("Rondje park en koffie")
    clean(page)
    page.get_by_role("link", name=timezone.localdate().strftime("%-d")).first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("list", name="Wie was er")).to_contain_text("Sanne de Vries")
    clean(page)

    # The policy officer: counts only.
    page.context.clear_cookies()
    login(page, world.tenant.policy_officer)
    page.goto(reverse("community:group_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Groepen in aantallen")
    expect(page.locator("main")).not_to_contain_text("Sanne")
    clean(page)
    page.goto(reverse("community:link_counts"))
    clean(page)
    page.goto(reverse("community:link_counts") + "?start=2025-02-01&end=2025-01-01")
    expect(page.locator("#form-errors")).to_contain_text("De einddatum ligt vóór de begindatum.")
    clean(page)
