"""The volunteer databank in a real browser: register a volunteer, ask for informal help, see why a
volunteer is suggested, propose the match and walk it to 'running'; ask from a case; axe on every page,
error states included.

The place (a postcode with coordinates) and the case come from the test factories; everything the tests
are about is done through the pages, as a worker would.
"""

from __future__ import annotations

import pytest
from conftest import Tenant, make_tenant
from django.urls import reverse
from playwright.sync_api import Page, expect

from buurtteam.cases.tests.factories import Area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.volunteers.models import HelpRequest, Match, MatchStatus, Volunteer
from buurtteam.volunteers.tests.factories import place
from tests.e2e.helpers import axe_violations, describe_violation, login
from tests.e2e.test_cases import assert_clean, open_details, submit

pytestmark = pytest.mark.e2e


def no_axe_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], "\n".join(describe_violation(v) for v in violations)


def world() -> tuple[Tenant, Area]:
    tenant = make_tenant()
    return tenant, place(tenant)


def form(page: Page) -> object:
    return page.locator("main form.bt-step-form").last


def test_register_ask_and_match_with_the_reasons(page: Page) -> None:
    tenant, area = world()
    login(page, tenant.worker)

    # Register a volunteer; an empty form first.
    page.goto(reverse("volunteers:volunteer_create"))
    no_axe_violations(page)
    main = page.locator("main")
    submit(main, "Opslaan")
    expect(page.get_by_role("alert").first).to_contain_text("Niet alles is goed ingevuld")
    no_axe_violations(page)
    main.get_by_label("Voornaam").fill("Joke")
    main.get_by_label("Achternaam").fill("Smit")
    main.get_by_label("Postcode").fill(area.postcode.postcode)
    main.get_by_role("textbox", name="Passies").fill("Wandelen in het park en vogels kijken")
    main.get_by_role("textbox", name="Talenten").fill("Een goede luisteraar")
    main.get_by_label("Wandelen en bewegen").check()
    main.get_by_label("di-middag").check()
    submit(main, "Opslaan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Joke Smit")
    no_axe_violations(page)

    # Her VOG: a wrong date first, then the right one.
    vog = open_details(page.locator("main"), "VOG bijwerken")
    vog.get_by_label("VOG-status").select_option(label="Afgegeven")
    submit(vog, "VOG opslaan")
    expect(page.locator("main")).to_contain_text("Vul de datum in waarop de VOG is afgegeven.")
    no_axe_violations(page)
    vog = open_details(page.locator("main"), "VOG bijwerken")
    vog.get_by_label("Afgegeven op").fill("01-03-2025")
    submit(vog, "VOG opslaan")
    expect(page.locator("main")).to_contain_text("VOG geldig tot 03-2028")

    page.goto(reverse("volunteers:volunteer_list"))
    expect(page.get_by_role("link", name="Joke Smit")).to_be_visible()
    no_axe_violations(page)

    # Ask for a buddy to walk with.
    page.goto(reverse("volunteers:request_create"))
    no_axe_violations(page)
    main = page.locator("main")
    submit(main, "Hulpvraag opslaan")
    expect(page.get_by_role("alert").first).to_be_visible()
    no_axe_violations(page)
    main.get_by_label("Titel").fill("Maatje om mee te wandelen")
    main.get_by_label("Soort hulp", exact=True).select_option(label="Maatje")
    main.get_by_label("Omschrijving voor de vrijwilliger").fill(
        "Een oudere meneer wil weer naar buiten en zoekt iemand om mee te wandelen."
    )
    main.get_by_label("Wandelen en bewegen").check()
    main.get_by_label("di-middag").check()
    main.get_by_label("Postcode").fill(area.postcode.postcode)
    submit(main, "Hulpvraag opslaan")

    # The suggestion and why.
    suggestions = page.get_by_role("region", name="Vrijwilligers die passen")
    expect(suggestions.get_by_role("heading", name="Joke Smit")).to_be_visible()
    expect(suggestions).to_contain_text("Passie of talent past: wandelen")
    expect(suggestions).to_contain_text("Interesse past: Wandelen en bewegen")
    expect(suggestions).to_contain_text("0,0 km — binnen reisafstand (3 km)")
    expect(suggestions).to_contain_text("Beschikbaar: di-middag")
    expect(suggestions).to_contain_text("VOG geldig tot 03-2028")
    expect(suggestions.locator("meter").first).to_have_attribute("max", "100")
    no_axe_violations(page)
    submit(suggestions, "Joke Smit voorstellen")

    # The match: why, then introduce and start.
    expect(page.get_by_role("heading", level=1)).to_have_text("Match met Joke Smit")
    why = page.get_by_role("region", name="Waarom voorgesteld")
    expect(why).to_contain_text("Passie of talent past: wandelen")
    no_axe_violations(page)
    step = page.get_by_role("region", name="Volgende stap")
    submit(step, "Kennismaking vastleggen")
    expect(page.locator("header .utrecht-status-badge").first).to_have_text("Kennisgemaakt")
    no_axe_violations(page)
    step = page.get_by_role("region", name="Volgende stap")
    submit(step, "Match starten")
    expect(page.locator("header .utrecht-status-badge").first).to_have_text("Loopt")
    no_axe_violations(page)
    with system_access("e2e test assertion"):
        match = Match.objects.get()
        assert match.status == MatchStatus.ACTIVE and match.request.status == "matched"
        assert Volunteer.objects.get().vog_status == "valid"

    page.goto(reverse("volunteers:request_list"))
    expect(page.get_by_role("link", name="Maatje om mee te wandelen")).to_be_visible()
    no_axe_violations(page)
    assert_clean(page)


def test_ask_for_informal_help_from_the_case_page(page: Page) -> None:
    tenant, area = world()
    case = walk_to_execution(tenant, registered_case(tenant, resident_in(tenant, area)))
    login(page, tenant.worker)
    page.goto(reverse("cases:case_detail", kwargs={"case_id": case.pk}))
    section = page.get_by_role("region", name="Informele hulp en vrijwilligers")
    with page.expect_navigation():
        section.get_by_role("link", name="Vraag informele hulp aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informele hulp aanvragen")
    no_axe_violations(page)
    main = page.locator("main")
    main.get_by_label("Titel").fill("Hulp met de post <b>")
    submit(main, "Hulpvraag opslaan")
    expect(main).to_contain_text("Gebruik geen HTML-code")
    no_axe_violations(page)
    main.get_by_label("Titel").fill("Hulp met de post")
    main.get_by_label("Soort hulp", exact=True).select_option(label="Administratie")
    main.get_by_label("Omschrijving voor de vrijwilliger").fill("Brieven sorteren en uitleggen.")
    submit(main, "Hulpvraag opslaan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp met de post")
    expect(page.locator("main")).to_contain_text(f"Casus {case.reference}")
    no_axe_violations(page)
    with system_access("e2e test assertion"):
        made = HelpRequest.objects.get()
        assert made.case_id == case.pk and made.needs_vog is True
    # The volunteer pages of another team's colleague show the request, not the case.
    assert_clean(page)
