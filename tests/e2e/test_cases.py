"""Casework in a real browser: keyboard-only registration, the whole case lifecycle, escaped notes.

The data is made through the same factories and services the unit tests use (``cases/tests/factories.py``);
everything the test is about is done through the pages, as a worker would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from conftest import Tenant, make_tenant
from django.urls import reverse
from playwright.sync_api import Dialog, Locator, Page, expect

from buurtteam.cases.forms.registration import REQUIRED_FIELD_COUNT
from buurtteam.cases.models import Case
from buurtteam.cases.tests.factories import Area, give_area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from tests.e2e.conftest import page_log
from tests.e2e.helpers import axe, focused_outer_html, is_focused, login, tab_to

pytestmark = pytest.mark.e2e

CASE_PATH = re.compile(r"/casussen/(\d+)/(\?.*)?(#.*)?$")


# --- Test data and page helpers -------------------------------------------------------------------
@dataclass
class Casework:
    tenant: Tenant
    area: Area


def casework() -> Casework:
    """A tenant whose team serves a buurt with one postcode."""
    tenant = make_tenant()
    return Casework(tenant, give_area(tenant.team))


def case_in_execution(work: Casework, **resident: str) -> Case:
    """A case of the worker, walked through intake, assessment and plan by the services."""
    client = resident_in(work.tenant, work.area, **resident)
    return walk_to_execution(work.tenant, registered_case(work.tenant, client))


def case_path(case: Case) -> str:
    return reverse("cases:case_detail", kwargs={"case_id": case.pk})


def case_id_from(page: Page) -> int:
    match = CASE_PATH.search(page.url)
    assert match is not None, f"not on a case page: {page.url}"
    return int(match.group(1))


def current_phase(page: Page) -> Locator:
    return page.locator(".bt-steps [aria-current='step']")


PHASES = [
    "Aangemeld",
    "Vraagverheldering",
    "Inschatting",
    "Plan maken",
    "Uitvoering",
    "Evaluatie",
    "Afgesloten",
]


def expect_phase(page: Page, label: str) -> None:
    """The phase indicator marks ``label`` as the current step and every step before it as done."""
    expect(current_phase(page)).to_have_count(1)
    expect(current_phase(page)).to_have_text(f"{label} (huidige fase)")
    done = page.locator(".bt-steps .bt-steps__step--done")
    expect(done).to_have_count(PHASES.index(label))
    for i in range(PHASES.index(label)):
        expect(done.nth(i)).to_have_text(f"{PHASES[i]} (gedaan)")


def section(page: Page, heading: str) -> Locator:
    """A section of the case page, found by its heading (sections are labelled regions)."""
    return page.get_by_role("region", name=heading, exact=True)


def open_details(scope: Locator, summary: str) -> Locator:
    """Open a <details> by its summary text (if it is not open yet) and return it."""
    details = scope.locator("details", has=scope.page.locator("summary", has_text=summary)).first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
    expect(details).to_have_attribute("open", "")
    return details


def submit(scope: Locator, name: str) -> None:
    """Press a submit button and wait for the next page."""
    with scope.page.expect_navigation():
        scope.get_by_role("button", name=name).click()


def wait_for_htmx(page: Page) -> None:
    """Wait until no htmx request is running (the duplicate check fires when a resident field changes).

    Sending the form while that check still runs makes two requests write the session at once, which the
    test database (SQLite) refuses with "database table is locked"; a person is never that fast.
    """
    page.wait_for_function("() => document.querySelector('.htmx-request') === null")


def assert_clean(page: Page) -> None:
    """No 5xx responses and no console errors, apart from the 400 of a form sent back with errors."""
    log = page_log(page)
    assert not log.server_errors, log.server_errors
    errors = [e for e in log.console_errors if "status of 400" not in e]
    assert not errors, errors
    assert not log.csp_violations, log.csp_violations


# --- 1. Registration with the keyboard only ---------------------------------------------------------
def test_keyboard_only_registration_on_one_screen(page: Page) -> None:
    work = casework()
    login(page, work.tenant.worker)
    page.goto(reverse("cases:register"))
    form = page.locator("main form[method='post']")

    # The count of required fields: the attribute and the visible marking agree with the code.
    required = form.locator("input[required], select[required], textarea[required], [aria-required='true']")
    assert required.count() == REQUIRED_FIELD_COUNT == 3, [
        required.nth(i).get_attribute("name") for i in range(required.count())
    ]
    labels = form.locator("label.utrecht-form-label:not(.utrecht-form-label--checkbox)")
    unmarked = [
        labels.nth(i).inner_text()
        for i in range(labels.count())
        if "niet verplicht" not in labels.nth(i).inner_text()
    ]
    assert len(unmarked) == REQUIRED_FIELD_COUNT, unmarked
    expect(page.locator("main")).to_contain_text(f"{REQUIRED_FIELD_COUNT} velden zijn verplicht")

    # The cursor starts in the first name: typing starts at once.
    first_name = page.get_by_label("Voornaam")
    assert is_focused(first_name), f"focus is on {focused_outer_html(page)}"
    page.keyboard.type("Fatima")
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_label("Achternaam", exact=False))
    page.keyboard.type("El Amrani")
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_label("Geboortedatum"))
    page.keyboard.type("07-11-1979")
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_label("Postcode"))
    page.keyboard.type(work.area.postcode.postcode)
    question = page.get_by_label("Vraag in de woorden van de inwoner")
    tab_to(page, question, max_presses=15)
    page.keyboard.type("Ik krijg de huur niet meer betaald en de post stapelt zich op.")
    # Enter in a text box sends the form; from the question (a text area) the Tab key leads to the button.
    button = form.get_by_role("button", name="Aanmelden", exact=True).last
    tab_to(page, button, max_presses=25)
    wait_for_htmx(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(CASE_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima El Amrani")
    expect(page.get_by_role("status").or_(page.locator(".bt-messages"))).to_contain_text("is vastgelegd")
    expect_phase(page, "Aangemeld")
    assert_clean(page)


# --- 2. The whole lifecycle, as a worker would -------------------------------------------------------
def register_through_the_page(page: Page, work: Casework, *, first_name: str, last_name: str) -> None:
    page.goto(reverse("cases:register"))
    page.get_by_label("Voornaam").fill(first_name)
    page.get_by_label("Achternaam").fill(last_name)
    page.get_by_label("Geboortedatum").fill("02-02-1988")
    page.get_by_label("Postcode").fill(work.area.postcode.postcode)
    page.get_by_label("Vraag in de woorden van de inwoner").fill(
        "Mijn zoon gaat niet naar school en er liggen onbetaalde rekeningen."
    )
    wait_for_htmx(page)
    submit(page.locator("main form[method='post']"), "Aanmelden")
    expect(page).to_have_url(CASE_PATH)


def test_whole_lifecycle_through_the_pages(page: Page) -> None:
    work = casework()
    login(page, work.tenant.worker)

    # Registration -> the case page.
    register_through_the_page(page, work, first_name="Noor", last_name="Jansen")
    expect_phase(page, "Aangemeld")
    case_id = case_id_from(page)
    with system_access("e2e test: the reference"):
        reference = Case.objects.get(pk=case_id).reference

    # Nobody works on it yet: the worker takes it from the team's queue and opens it from "my cases".
    page.goto(reverse("cases:unassigned_queue", kwargs={"team_id": work.tenant.team.pk}))
    row = page.get_by_role("row").filter(has_text=reference)
    submit(row, f"Oppakken {reference}")
    page.goto(reverse("cases:my_cases"))
    with page.expect_navigation():
        page.get_by_role("link", name=reference, exact=True).click()
    expect_phase(page, "Aangemeld")
    axe(page, what="case page, registered")

    # Vraagverheldering: three conversations, then the form makes way for a hint.
    intake = section(page, "Vraagverheldering")
    for number, (mode, who) in enumerate(
        [
            ("Huisbezoek", "Noor en haar zoon"),
            ("Telefoon", "Noor"),
            ("Op kantoor of wijkplein", "Noor, school"),
        ],
        start=1,
    ):
        details = open_details(intake, "Gesprek vastleggen")
        details.get_by_label("Waar").select_option(label=mode)
        details.get_by_label("Wie waren erbij").fill(who)
        details.get_by_label("Verslag").fill(f"Gesprek {number}: wat speelt er thuis.")
        submit(details, "Gesprek opslaan")
        expect_phase(page, "Vraagverheldering")
        expect(intake).to_contain_text(f"{number} van de 3 gesprekken gevoerd")
    expect(intake.locator("summary", has_text="Gesprek vastleggen")).to_have_count(0)
    expect(intake).to_contain_text("Het maximale aantal gesprekken is bereikt")
    axe(page, what="case page, intake")

    # The problem list (the "kluwen"), most pressing first.
    problems = section(page, "Problemen op leefgebieden")
    details = open_details(problems, "Problemen benoemen")
    for number, (domain_name, text) in enumerate(
        [("Onderwijs", "Zoon verzuimt al weken"), ("Financiën", "Huurachterstand en aanmaningen")], start=1
    ):
        row = details.get_by_role("group", name=f"Probleem {number}")
        row.get_by_label("Leefgebied").select_option(label=domain_name)
        row.get_by_label("Omschrijving").fill(text)
    submit(details, "Problemen opslaan")
    expect(problems.locator("ol.bt-problem-list > li")).to_have_count(2)
    expect(problems.locator("ol.bt-problem-list > li").first).to_contain_text("Onderwijs")

    submit(intake, "Vraagverheldering afronden")
    expect_phase(page, "Inschatting")

    # Assessment: two domains scored with a reason; every other domain stays unscored.
    assessment = section(page, "Inschatting op leefgebieden")
    score_domains(
        page,
        {
            "Financiën": ("2 · Niet zelfredzaam", "Huurachterstand, aanmaningen"),
            "Onderwijs": ("1 · Acuut probleem", "Zoon verzuimt al weken"),
        },
    )
    expect_phase(page, "Plan maken")
    expect(assessment.locator("table").last.locator("tbody tr")).to_have_count(2)
    chart = assessment.locator("figure svg.bt-chart[role='img']")
    expect(chart).to_have_count(1)
    # Two scored domains: drawn as bars (a radar needs three axes), with the same facts in a table.
    expect(chart.locator(":scope > title")).to_have_text("Zelfredzaamheid per leefgebied")
    expect(chart.locator("rect.bt-chart__bar")).to_have_count(2)

    # Plan: a goal with an action, agreed with the household.
    plan = section(page, "Plan van aanpak")
    details = open_details(plan, "Doel toevoegen")
    details.get_by_label("Leefgebied").select_option(label="Financiën")
    details.get_by_label("Doel").fill("Noor heeft overzicht over haar post en rekeningen.")
    submit(details, "Doel opslaan")
    goal = plan.locator("article.bt-entry").first
    expect(goal).to_contain_text("Doel 1 · Financiën")
    details = open_details(goal, "Actie toevoegen")
    details.get_by_label("Actie").fill("Samen de post sorteren")
    details.get_by_label("Wie doet het").select_option(label="Inwoner zelf")
    details.get_by_label("Naam").fill("Noor")
    submit(details, "Actie opslaan")
    expect(plan.locator("article.bt-entry").first.locator("tbody")).to_contain_text("Samen de post sorteren")
    details = open_details(plan, "Plan afspreken met het huishouden")
    details.get_by_label("Akkoord van").fill("Noor Jansen")
    submit(details, "Plan afspreken")
    expect_phase(page, "Uitvoering")
    expect(plan).to_contain_text("Afgesproken op")

    # Execution: a contact lands in the timeline.
    timeline = section(page, "Contacten en notities")
    details = open_details(timeline, "Contact vastleggen")
    details.get_by_label("Contactvorm").select_option(label="Huisbezoek")
    details.get_by_label("Wat is er besproken of gedaan").fill("Post gesorteerd, betalingsregeling gebeld.")
    submit(details, "Contact opslaan")
    expect(timeline.locator(".bt-timeline__entry--contact", has_text="Post gesorteerd")).to_have_count(1)
    network = section(page, "Netwerk")
    expect(network.locator("figure svg[role='img'][aria-labelledby^='netwerk-title']")).to_have_count(1)
    axe(page, what="case page, execution")

    # Evaluation: start, re-assess, complete with "continue".
    evaluation = section(page, "Evaluatie")
    details = open_details(evaluation, "Evaluatie beginnen")
    submit(details, "Evaluatie beginnen")
    expect_phase(page, "Evaluatie")
    score_domains(
        page,
        {
            "Financiën": ("3 · Beperkt zelfredzaam", "Regeling loopt, post is op orde"),
            "Onderwijs": ("2 · Niet zelfredzaam", "Gaat weer drie dagen per week"),
            "Huisvesting": ("3 · Beperkt zelfredzaam", "Huur weer op tijd betaald"),
        },
    )
    expect_phase(page, "Evaluatie")
    # Three domains now: the radar chart, the start (dashed) against now (solid).
    expect(chart.locator(":scope > title")).to_have_text("Zelfredzaamheid per leefgebied: bij de start en nu")
    expect(chart.locator("circle.bt-chart__grid")).to_have_count(5)
    expect(chart.locator(".bt-chart__series")).to_have_count(2)
    details = open_details(evaluation, "Evaluatie afronden")
    details.get_by_label("Samenvatting").fill("Geldzaken gaan beter; school blijft aandacht vragen.")
    details.get_by_label("Doorgaan met het plan").check()
    submit(details, "Evaluatie afronden")
    expect_phase(page, "Uitvoering")
    expect(evaluation.locator("article.bt-entry")).to_contain_text("Doorgaan met het plan")

    # Closure: without a reason the Dutch error comes back and nothing changes.
    closure = section(page, "Afsluiten")
    details = open_details(closure, "Casus afsluiten")
    submit(details, "Casus afsluiten")
    closure = section(page, "Afsluiten")
    expect(closure).to_contain_text("Kies een reden om de casus af te sluiten.")
    expect(closure.get_by_label("Reden van afsluiten")).to_have_attribute("aria-invalid", "true")
    expect_phase(page, "Uitvoering")
    axe(page, what="case page, closing without a reason")

    closure.get_by_label("Reden van afsluiten").select_option(label="Doelen bereikt")
    closure.get_by_label("Rapportcijfer van de inwoner (1-10)").fill("8")
    submit(closure, "Casus afsluiten")
    expect_phase(page, "Afgesloten")
    expect(page.get_by_role("region", name="Afgesloten")).to_contain_text("Doelen bereikt")
    axe(page, what="case page, closed")
    assert_clean(page)


def score_domains(page: Page, scores: dict[str, tuple[str, str]]) -> None:
    """Record an assessment: the given domains get a score and a reason, all others stay unscored."""
    assessment = section(page, "Inschatting op leefgebieden")
    details = open_details(assessment, "Inschatting vastleggen")
    for domain_name, (level, reason) in scores.items():
        domain = open_details(details, domain_name)
        domain.get_by_label(level).check()
        domain.get_by_label("Waarom dit leefgebied").fill(reason)
    submit(details, "Inschatting opslaan")


# --- 4. HTML typed into a note is shown as text ----------------------------------------------------
HOSTILE_NOTE = '<script>alert("xss")</script><img src="x" onerror="alert(1)"> <b>vet</b> & kind < 4 jaar'


def test_html_in_a_contact_note_is_shown_escaped(page: Page) -> None:
    work = casework()
    case = case_in_execution(work)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    login(page, work.tenant.worker)
    page.goto(case_path(case))
    timeline = section(page, "Contacten en notities")
    details = open_details(timeline, "Contact vastleggen")
    details.get_by_label("Wat is er besproken of gedaan").fill(HOSTILE_NOTE)
    submit(details, "Contact opslaan")

    entry = section(page, "Contacten en notities").locator(".bt-timeline__entry--contact")
    expect(entry).to_have_count(1)
    expect(entry.locator(".bt-timeline__text")).to_have_text(HOSTILE_NOTE)
    assert entry.locator("script, img, b").count() == 0, "the note's markup must not become elements"
    page.reload()
    expect(page.locator("main img")).to_have_count(0)
    assert dialogs == [], f"a script in the note ran: {dialogs}"
    assert_clean(page)
