"""HSDS exchange in a real browser: upload an official example, read the dry-run report, import; axe-core on
every page of the flow, and the pages under the strict CSP."""

from __future__ import annotations

import pytest
from conftest import make_tenant
from django.urls import reverse
from playwright.sync_api import Page, expect

from buurtteam.core.gate import system_access
from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.models import MapService
from buurtteam.socialmap.tests.factories import map_editor
from tests.e2e.helpers import axe, login
from tests.e2e.test_cases import assert_clean

pytestmark = pytest.mark.e2e


def test_upload_an_official_example_see_the_report_and_import(page: Page) -> None:
    example = standards.hsds_dir() / "examples" / "service_full.json"
    tenant = make_tenant()
    editor = map_editor(tenant.team)
    login(page, editor)
    page.goto(reverse("map_exchange:page"))
    expect(page.get_by_role("heading", level=1)).to_have_text("De sociale kaart uitwisselen")
    axe(page, what="exchange page")

    page.get_by_label("Bestand").set_input_files(str(example))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controle van het bestand")
    table = page.get_by_role("table", name="Wat er met de objecten in het bestand zou gebeuren")
    expect(table.get_by_role("row", name="Activiteit 1 0 0 0")).to_be_visible()
    expect(page.get_by_text("Het bestand is in orde.")).to_be_visible()
    axe(page, what="dry-run report")
    with system_access("e2e assertion"):
        assert not MapService.objects.filter(organisation=tenant.organisation).exists()

    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geïmporteerd")
    expect(page.get_by_text("service_full.json is geïmporteerd.")).to_be_visible()
    axe(page, what="import result")
    with system_access("e2e assertion"):
        assert MapService.objects.filter(
            organisation=tenant.organisation, name="Community Counselling"
        ).exists()

    # The same file again: nothing changes, and there is nothing to import.
    page.goto(reverse("map_exchange:page"))
    page.get_by_label("Bestand").set_input_files(str(example))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_text("alles staat al zo op de kaart")).to_be_visible()
    expect(page.get_by_role("button", name="Importeren")).to_have_count(0)
    assert_clean(page)


def test_bad_file_gets_a_dutch_message_and_the_pages_keep_the_strict_csp(strict_page: Page) -> None:
    tenant = make_tenant()
    login(strict_page, map_editor(tenant.team))
    strict_page.goto(reverse("map_exchange:page"))
    strict_page.get_by_label("Bestand").set_input_files(
        {"name": "kapot.json", "mimeType": "application/json", "buffer": b'{"id": '}
    )
    strict_page.get_by_role("button", name="Controleren").click()
    expect(strict_page.get_by_text("Het bestand is geen geldige JSON")).to_be_visible()
    assert_clean(strict_page)
