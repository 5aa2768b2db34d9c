"""Safety in a real browser: the meldcode track through its five steps, a crisis on top, and who may look.

The case is made through the case factories; the track, its steps, the report and the crisis are done
through the pages, as the worker on the case would.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from conftest import Tenant, make_tenant
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from buurtteam.accounts.models import User
from buurtteam.accounts.tests.factories import member_of
from buurtteam.cases.models import Case
from buurtteam.cases.services import assignment
from buurtteam.cases.tests.factories import Area, give_area, registered_case, resident_in
from buurtteam.core.gate import system_access
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, VeiligThuisReport
from buurtteam.safety.services import meldcode
from buurtteam.safety.tests.helpers import snapshot
from tests.e2e.helpers import login
from tests.e2e.test_cases import assert_clean, case_path, open_details, section, submit

pytestmark = pytest.mark.e2e

TRACK_PATH = re.compile(r"/casussen/(\d+)/meldcode/(\d+)/(\?.*)?(#.*)?$")
STEPS = ["Signalen in kaart", "Overleg en advies", "Gesprek met betrokkene", "Afwegen", "Beslissen"]


# --- Test data and page helpers -------------------------------------------------------------------
@dataclass
class Household:
    tenant: Tenant
    area: Area
    case: Case  # Lotte Smit, registered; the worker is the lead


def household(**resident: object) -> Household:
    tenant = make_tenant()
    area = give_area(tenant.team)
    return Household(tenant, area, case_of_worker(tenant, area, **resident))


def case_of_worker(tenant: Tenant, area: Area, **resident: object) -> Case:
    data = {"first_name": "Lotte", "last_name": "Smit", "birth_date": datetime.date(1992, 8, 9), **resident}
    case = registered_case(tenant, resident_in(tenant, area, **data), question="Er is veel ruzie thuis.")
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    case.refresh_from_db()
    return case


def track_of(case: Case, actor: User) -> MeldcodeTrack:
    return meldcode.track_start(
        actor=actor, case=case, concern="Blauwe plekken bij de jongste, gezien op school."
    )


def track_path(track: MeldcodeTrack) -> str:
    return reverse("safety:track_detail", kwargs={"case_id": track.case_id, "track_id": track.pk})


def stepper(page: Page) -> Locator:
    return page.get_by_role("list", name="Stappen van de meldcode")


def expect_step(page: Page, current: int | None) -> None:
    """The stepper marks step ``current`` (1-5; None: all done) and every step before it as done."""
    steps = stepper(page).get_by_role("listitem")
    expect(steps).to_have_count(5)
    marked = stepper(page).locator("[aria-current='step']")
    done = (current or 6) - 1
    for i, name in enumerate(STEPS):
        state = "gedaan" if i < done else "huidige stap" if i == done else "nog te doen"
        expect(steps.nth(i)).to_have_text(f"Stap {i + 1}: {name} ({state})")
    if current is None:
        expect(marked).to_have_count(0)
    else:
        expect(marked).to_have_count(1)
        expect(marked).to_contain_text(STEPS[current - 1])
    # Only the current step can be recorded: one step form, for this step; the stepper links nowhere.
    expect(stepper(page).get_by_role("link")).to_have_count(0)
    forms = page.locator("main form").filter(has=page.locator("input[name='stap-stap']"))
    expect(forms).to_have_count(0 if current is None else 1)
    if current is not None:
        expect(forms.locator("input[name='stap-stap']")).to_have_value(str(current))


def record_step(page: Page, number: int, fill: dict[str, str] | None = None) -> None:
    """Fill the current step's form (the note, plus ``fill``: label -> text, or "x" to tick) and sign it."""
    form_section = page.get_by_role("region", name=re.compile(f"^Stap {number}:"))
    form_section.get_by_label("Vastlegging").fill(f"Stap {number}: wat ik deed en zag, met de bronnen erbij.")
    for label, value in (fill or {}).items():
        field = form_section.get_by_label(label)
        if value == "x":
            field.check()
        else:
            field.fill(value)
    submit(form_section, "Stap vastleggen en ondertekenen")
    expect(page.locator(".bt-messages")).to_contain_text("is vastgelegd en door u ondertekend")


def answer(page: Page, question: str, choice: str) -> None:
    group = page.get_by_role("group", name=re.compile(re.escape(question)))
    group.get_by_label(choice, exact=True).check()


# --- 4. The meldcode track through its five steps, then the report ------------------------------
def test_meldcode_track_through_all_five_steps_and_the_report(page: Page) -> None:
    home = household()
    login(page, home.tenant.worker)
    page.goto(case_path(home.case))
    safety = section(page, "Veiligheid en meldcode")
    expect(safety).to_contain_text("Voor deze casus is de meldcode nog niet gevolgd.")
    details = open_details(safety, "Meldcodetraject starten")
    details.get_by_label("Aanleiding").fill("Blauwe plekken bij de jongste, gezien door de leerkracht.")
    submit(details, "Meldcodetraject starten")
    expect(page).to_have_url(TRACK_PATH)
    expect(page.locator(".bt-messages")).to_contain_text("Leg nu stap 1 vast")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldcodetraject")
    expect_step(page, 1)
    track_url = page.url.split("#")[0]

    record_step(page, 1)
    expect_step(page, 2)

    # Skipping ahead is not offered; a form changed by hand to claim step 3 is refused, nothing changes.
    before = snapshot(home.case)
    page.locator("input[name='stap-stap']").evaluate("(input) => { input.value = '3'; }")
    form_section = page.get_by_role("region", name=re.compile("^Stap 2:"))
    form_section.get_by_label("Vastlegging").fill("Overgeslagen?")
    submit(form_section, "Stap vastleggen en ondertekenen")
    expect(page.get_by_role("alert").first).to_contain_text("Er is niets opgeslagen.")
    expect(page.locator("main")).to_contain_text("U kunt geen stap overslaan: leg eerst Stap 2")
    assert snapshot(home.case) == before
    page.goto(track_url)
    expect_step(page, 2)

    record_step(
        page,
        2,
        {"Overlegd met": "Aandachtsfunctionaris Ineke", "Ik heb advies gevraagd aan Veilig Thuis": "x"},
    )
    expect_step(page, 3)
    record_step(page, 3, {"Gesproken met": "Moeder, op kantoor"})
    expect_step(page, 4)
    answer(page, "1. Is er een vermoeden", "Ja")
    answer(page, "2. Is er sprake van acute of structurele onveiligheid", "Ja")
    answer(page, "3. Kan ik effectieve hulp bieden", "Ja")
    answer(page, "4. Aanvaarden de betrokkenen die hulp", "Weet ik (nog) niet")
    answer(page, "5. Leidt de hulp tot duurzame veiligheid", "Nee")
    record_step(page, 4)
    expect_step(page, 5)
    # After "acute or structural unsafety" the decision to report is proposed.
    decision = page.get_by_role("group", name=re.compile("Beslissing 1"))
    expect(decision.get_by_label("Ja", exact=True)).to_be_checked()
    answer(page, "Beslissing 2", "Ja")
    record_step(page, 5)

    # Decided: every step is done and signed; the report to Veilig Thuis is asked for.
    expect_step(page, None)
    expect(page.locator("header.bt-case-header .utrecht-status-badge").first).to_have_text("Besloten")
    done = section(page, "Vastgelegde stappen").locator("article.bt-entry")
    expect(done).to_have_count(5)
    expect(done.nth(1)).to_contain_text("Aandachtsfunctionaris Ineke")
    expect(done.nth(3)).to_contain_text("Weet ik (nog) niet")
    expect(done.last).to_contain_text(home.tenant.worker.full_name)
    report = section(page, "Melding bij Veilig Thuis")
    report.get_by_label("Kenmerk bij Veilig Thuis").fill("VT-2024-0815")
    expect(
        report.get_by_role("group", name=re.compile("vooraf geïnformeerd")).get_by_label("Ja")
    ).to_be_checked()
    submit(report, "Melding vastleggen")
    report = section(page, "Melding bij Veilig Thuis")
    expect(report).to_contain_text("VT-2024-0815")
    expect(report.get_by_role("button")).to_have_count(0)

    # The case page lists the track as decided.
    page.goto(case_path(home.case))
    tracks = section(page, "Veiligheid en meldcode").get_by_role(
        "table", name="Meldcodetrajecten van deze casus"
    )
    expect(tracks).to_contain_text("Alle vijf stappen gezet")
    with system_access("e2e test assertion"):
        track = MeldcodeTrack.objects.get(case=home.case)
        assert track.status == MeldcodeTrack.Status.DECIDED
        assert MeldcodeStep.objects.filter(track=track).count() == 5
        assert VeiligThuisReport.objects.get(track=track).reference == "VT-2024-0815"
        assert Case.objects.get(pk=home.case.pk).safety_concern
    assert_clean(page)


# --- 4b. A crisis goes to the top of the team's list ------------------------------------------------
def test_a_case_marked_as_crisis_is_on_top_of_the_team_list(page: Page) -> None:
    home = household()
    # Registered later, so without the crisis it would be listed above Lotte's.
    case_of_worker(home.tenant, home.area, first_name="Kees", last_name="Pronk")
    team_cases = reverse("cases:team_cases", kwargs={"team_id": home.tenant.team.pk})
    login(page, home.tenant.worker)
    page.goto(team_cases)
    rows = section(page, "Alle open casussen").locator("table tbody tr")
    expect(rows.first).to_contain_text("Kees Pronk")

    page.goto(case_path(home.case))
    safety = section(page, "Veiligheid en meldcode")
    expect(safety).to_contain_text("Geen crisis")
    details = open_details(safety, "Crisis markeren")
    details.get_by_label("Wat is er aan de hand").fill("Moeder belt: vader is dronken thuisgekomen.")
    submit(details, "Crisis markeren")
    expect(page.locator(".bt-messages")).to_contain_text("De casus staat nu als crisis gemarkeerd.")
    safety = section(page, "Veiligheid en meldcode")
    expect(safety.locator(".utrecht-status-badge--danger", has_text="Crisis")).to_have_count(1)
    expect(safety).to_contain_text("vader is dronken thuisgekomen")

    page.goto(team_cases)
    rows = section(page, "Alle open casussen").locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Lotte Smit")
    expect(rows.first.locator(".utrecht-status-badge", has_text="Crisis")).to_have_count(1)
    expect(rows.nth(1)).to_contain_text("Kees Pronk")
    assert_clean(page)


# --- 5. A team member who is not on the case: no safety section, 404 on the track -----------------
def test_a_teammate_not_on_the_case_cannot_see_the_meldcode_track(page: Page) -> None:
    home = household()
    track = track_of(home.case, home.tenant.worker)
    teammate = member_of(home.tenant.team)

    login(page, teammate)
    response = page.goto(track_path(track))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    expect(page.locator("main")).to_contain_text("Deze pagina bestaat niet, of u heeft er geen toegang toe.")
    expect(page.locator("main")).not_to_contain_text("Blauwe plekken")

    response = page.goto(case_path(home.case))
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Veiligheid en meldcode")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("Meldcode")
    expect(page.locator(f"main a[href*='/meldcode/{track.pk}/']")).to_have_count(0)

    # The team's coordinator does see it (the track is not simply missing).
    page.context.clear_cookies()
    login(page, home.tenant.coordinator)
    response = page.goto(track_path(track))
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldcodetraject")
    expect(page.locator("main")).to_contain_text("Blauwe plekken")
