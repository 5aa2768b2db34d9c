"""Every page of network partners, referrals, bridging, agreements, meldcode and crisis: 0 axe-core
violations (WCAG 2.1 A/AA), with forms open and with errors shown; and two tasks done with the keyboard only.

One scenario holds what the pages need to show something real, built with the services as the app would:
two partners (one with a contact person), Sanne's case in execution with a proposed referral, a sent one
whose check-in is overdue, an agreement and a decided meldcode track waiting for its report; Kees's case
with a meldcode track halfway and a crisis.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from buurtteam.accounts.models import User
from buurtteam.cases.models import Case
from buurtteam.cases.services import crisis
from buurtteam.referrals.models import Agreement, PartnerContact, Referral
from buurtteam.referrals.services import agreements, bridging
from buurtteam.referrals.services.partners import contact_save
from buurtteam.referrals.tests.helpers import make_overdue, plan_of, proposed, sent
from buurtteam.safety.models import MeldcodeTrack
from buurtteam.safety.tests.helpers import record_steps
from tests.e2e.helpers import axe_violations, describe_violation, is_focused, login, tab_to
from tests.e2e.test_cases import assert_clean, case_path, open_details, section
from tests.e2e.test_referrals import REFERRAL_PATH, SPECIALIST, Network, network, referral_path
from tests.e2e.test_safety import case_of_worker, track_of, track_path

pytestmark = pytest.mark.e2e


# --- The scenario -------------------------------------------------------------------------------------
@dataclass
class Scenario:
    net: Network  # Sanne's case in execution, two partners
    contact: PartnerContact  # at the specialist partner
    proposed: Referral  # to the other partner, no consent yet
    waiting: Referral  # to the specialist, sent; the check-in is three days overdue
    agreement: Agreement
    decided: MeldcodeTrack  # Sanne's case: all five steps, the report still to be recorded
    halfway: MeldcodeTrack  # Kees's case: steps 1 and 2 done
    crisis_case: Case  # Kees's case, marked as crisis

    @property
    def worker(self) -> User:
        return self.net.tenant.worker

    @property
    def case(self) -> Case:
        return self.net.case


def scenario() -> Scenario:
    net = network()
    tenant, case = net.tenant, net.case
    contact = contact_save(
        actor=tenant.administrator,
        partner=net.specialist,
        name="Mirjam Bos",
        function="Aanmeldfunctionaris",
        phone="030 765 43 22",
        email="aanmelden@jeugdhulp-debrug.example",
    )
    first = proposed(tenant, case, net.other, question="Hulp bij het aanvragen van een betalingsregeling.")
    waiting = sent(tenant, case, net.specialist)
    bridging.check_in_record(
        actor=tenant.worker,
        plan=plan_of(waiting),
        occurred_at=timezone.now() - datetime.timedelta(days=1),
        mode="phone",
        wellbeing="worse",
        note="Moeder klinkt moe; de zoon is weer thuisgebleven.",
    )
    make_overdue(waiting, days=3)
    agreement = agreements.agreement_add(
        actor=tenant.worker,
        case=case,
        party="Wijkagent Bram",
        what="Loopt wekelijks langs bij de school.",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=60),
        afterwards="Bij de evaluatie bespreken.",
    )
    decided = track_of(case, tenant.worker)
    record_steps(tenant.worker, decided, 5)
    kees = case_of_worker(tenant, net.area, first_name="Kees", last_name="Pronk")
    halfway = track_of(kees, tenant.worker)
    record_steps(tenant.worker, halfway, 2)
    crisis.crisis_set(actor=tenant.worker, case=kees, crisis=True, note="Moeder belt in paniek.")
    return Scenario(net, contact, first, waiting, agreement, decided, halfway, kees)


# --- Checking many pages in one go --------------------------------------------------------------------
class AxeReport:
    """Collects the violations of every page visited, so that one run shows all of them."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []

    def visit(self, what: str, path: str, shows: str, *, status: int = 200) -> None:
        response = self.page.goto(path)
        assert response is not None
        assert response.status == status, f"{what}: HTTP {response.status}"
        expect(self.page.get_by_role("heading", level=1)).to_be_visible()
        expect(self.page.locator("main")).to_contain_text(shows)
        self.check(what)

    def check(self, what: str) -> None:
        violations = axe_violations(self.page)
        if violations:
            details = "\n".join(describe_violation(v) for v in violations)
            self.problems.append(f"{what} ({self.page.url}):\n{details}")

    def done(self) -> None:
        assert_clean(self.page)
        if self.problems:
            pytest.fail("axe-core: WCAG 2.1 A/AA violations\n" + "\n".join(self.problems), pytrace=False)


Paths = list[tuple[str, Callable[[Scenario], str], str]]

WORKER_PAGES: Paths = [
    ("partner_directory", lambda s: reverse("referrals:partner_directory"), SPECIALIST),
    (
        "partner_detail",
        lambda s: reverse("referrals:partner_detail", args=[s.net.specialist.pk]),
        "Mirjam Bos",
    ),
    ("referral_proposed", lambda s: referral_path(s.proposed), "Geen geldige toestemming"),
    ("referral_waiting_overdue", lambda s: referral_path(s.waiting), "3 dagen te laat"),
    (
        "referral_form",
        lambda s: reverse("referrals:referral_create", args=[s.case.pk]),
        "Waarvoor verwijst u",
    ),
    ("agreement_form", lambda s: reverse("referrals:agreement_create", args=[s.case.pk]), "Doet wat"),
    (
        "agreement_edit",
        lambda s: reverse("referrals:agreement_edit", args=[s.case.pk, s.agreement.pk]),
        "Afspraak beëindigen",
    ),
    (
        "waitlist_overdue",
        lambda s: reverse("referrals:waitlist", args=[s.net.tenant.team.pk]),
        "3 dagen te laat",
    ),
    ("home_late_check_ins", lambda s: reverse("workspace:home"), "Overbruggingscontacten te laat"),
    ("track_halfway", lambda s: track_path(s.halfway), "Stap 3: gesprek met de betrokkene(n)"),
    ("track_decided_report_form", lambda s: track_path(s.decided), "Melding vastleggen"),
]

ADMINISTRATOR_PAGES: Paths = [
    ("partner_admin_list", lambda s: reverse("referrals:partner_admin_list"), SPECIALIST),
    (
        "partner_admin_list_filtered",
        lambda s: reverse("referrals:partner_admin_list") + "?q=brug",
        SPECIALIST,
    ),
    (
        "partner_admin_create",
        lambda s: reverse("referrals:partner_admin_create"),
        "Telt als specialistische zorg",
    ),
    (
        "partner_admin_edit",
        lambda s: reverse("referrals:partner_admin_edit", args=[s.net.specialist.pk]),
        "Mirjam Bos",
    ),
    (
        "contact_admin_create",
        lambda s: reverse("referrals:contact_admin_create", args=[s.net.specialist.pk]),
        "Functie",
    ),
    (
        "contact_admin_edit",
        lambda s: reverse("referrals:contact_admin_edit", args=[s.net.specialist.pk, s.contact.pk]),
        "Contactpersoon Mirjam Bos wijzigen",
    ),
    ("partner_directory_as_administrator", lambda s: reverse("referrals:partner_directory"), SPECIALIST),
]


def test_worker_pages_have_no_axe_violations(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    report = AxeReport(page)
    for what, path, shows in WORKER_PAGES:
        report.visit(what, path(s), shows)
    report.done()


def test_administrator_pages_have_no_axe_violations(page: Page) -> None:
    s = scenario()
    login(page, s.net.tenant.administrator)
    report = AxeReport(page)
    for what, path, shows in ADMINISTRATOR_PAGES:
        report.visit(what, path(s), shows)
    # The administrator's forms sent back with errors.
    page.goto(reverse("referrals:partner_admin_create"))
    page.locator("main form[method='post']").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    report.check("partner_admin_create with errors")
    page.goto(reverse("referrals:contact_admin_create", args=[s.net.specialist.pk]))
    page.get_by_label("E-mail").fill("geen-adres")
    page.locator("main form[method='post']").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    report.check("contact_admin_create with errors")
    report.done()


def test_coordinator_start_page_with_crisis_has_no_axe_violations(page: Page) -> None:
    s = scenario()
    login(page, s.net.tenant.coordinator)
    report = AxeReport(page)
    report.visit("home_crisis", reverse("workspace:home"), "Moeder belt in paniek.")
    crisis_block = page.get_by_role("region", name=f"Crisis in {s.net.tenant.team.name}")
    expect(crisis_block.get_by_role("listitem")).to_contain_text("Kees Pronk")
    report.visit("track_halfway_as_coordinator", track_path(s.halfway), "Stap 3")
    report.done()


def wait_for_lazy_form(details: Locator) -> None:
    expect(details.locator(".bt-lazy-form")).to_have_count(0)
    expect(details.locator("form")).to_have_count(1)


def test_case_page_with_the_new_sections_open_has_no_axe_violations(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    page.goto(case_path(s.case))
    report = AxeReport(page)
    referrals = section(page, "Verwijzingen en afspraken")
    expect(referrals.get_by_role("row")).to_have_count(1 + 2 + 1 + 1)  # two tables, each with a header
    expect(referrals).to_contain_text("contact 3 dagen te laat")
    safety = section(page, "Veiligheid en meldcode")
    expect(safety).to_contain_text("Alle vijf stappen gezet")
    report.check("case page, sections closed")
    for scope, summary in [
        (referrals, "Verwijzen"),
        (referrals, "Afspraak vastleggen"),
        (safety, "Crisis markeren"),
        (safety, "Meldcodetraject starten"),
    ]:
        details = open_details(scope, summary)
        wait_for_lazy_form(details)
    report.check("case page, the forms of both sections open")
    report.done()


def test_forms_with_errors_have_no_axe_violations(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    report = AxeReport(page)

    def send_back(scope: Locator, button: str, what: str, *, fields: bool = True) -> None:
        """Send a form that is refused: the page comes back (400) with the message; check it, and that
        the breadcrumb of the page it came back on leads to a page (not to the POST-only address)."""
        with page.expect_navigation():
            scope.get_by_role("button", name=button).click()
        expect(page.get_by_role("alert").first).to_be_visible()
        if fields:  # a field's error: marked on the field, and described by the message
            expect(page.locator("main [aria-invalid='true']").first).to_be_visible()
        report.check(what)
        crumb = page.get_by_role("navigation", name="Kruimelpad").locator("[aria-current='page']")
        href = crumb.get_attribute("href")
        if href is not None:
            assert page.request.get(href).status == 200, f"{what}: the breadcrumb leads to {href}"

    # The referral page: an empty consent, then sending without consent.
    page.goto(referral_path(s.proposed))
    send_back(
        open_details(section(page, "Toestemming van de inwoner"), "Toestemming vastleggen"),
        "Toestemming opslaan",
        "referral page, consent with errors",
    )
    page.goto(referral_path(s.proposed))
    send_back(
        open_details(section(page, "Volgende stap"), "Versturen"),
        "Verwijzing versturen",
        "referral page, sending refused",
        fields=False,
    )
    expect(page.locator("main")).to_contain_text("er is geen geldige toestemming van de inwoner")
    # A check-in in the future, on the referral that waits.
    page.goto(referral_path(s.waiting))
    check_in = open_details(
        section(page, "Overbrugging tijdens het wachten"), "Overbruggingscontact vastleggen"
    )
    check_in.get_by_label("Datum").fill((timezone.localdate() + datetime.timedelta(days=2)).isoformat())
    send_back(check_in, "Contact opslaan", "referral page, check-in with errors")
    expect(page.locator("main")).to_contain_text("Een contact kan niet in de toekomst liggen.")
    # The referral and agreement pages, sent back empty.
    page.goto(reverse("referrals:referral_create", args=[s.case.pk]))
    send_back(page.locator("main form[method='post']"), "Verwijzing voorstellen", "referral form with errors")
    page.goto(reverse("referrals:agreement_create", args=[s.case.pk]))
    page.get_by_label("Vanaf").fill("")
    send_back(page.locator("main form[method='post']"), "Afspraak opslaan", "agreement form with errors")
    # The meldcode track: an empty step, and a report without a reason for not informing.
    page.goto(track_path(s.halfway))
    send_back(
        page.get_by_role("region", name="Stap 3: gesprek met de betrokkene(n)"),
        "Stap vastleggen en ondertekenen",
        "track, step with errors",
    )
    page.goto(track_path(s.decided))
    report_form = section(page, "Melding bij Veilig Thuis")
    report_form.get_by_role("group", name="Is de betrokkene vooraf geïnformeerd?").get_by_label("Nee").check()
    send_back(report_form, "Melding vastleggen", "track, report with errors")
    # The safety section's forms, refused: their own pages.
    page.goto(case_path(s.case))
    send_back(
        open_details(section(page, "Veiligheid en meldcode"), "Crisis markeren"),
        "Crisis markeren",
        "crisis refused",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Crisis markeren")
    page.goto(case_path(s.case))
    send_back(
        open_details(section(page, "Veiligheid en meldcode"), "Meldcodetraject starten"),
        "Meldcodetraject starten",
        "track start refused",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldcodetraject starten")
    report.done()


# --- Keyboard only ----------------------------------------------------------------------------------
def test_propose_a_referral_with_the_keyboard_only(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    page.goto(case_path(s.case))
    referrals = section(page, "Verwijzingen en afspraken")
    summary = referrals.locator("summary", has_text="Verwijzen")
    tab_to(page, summary, max_presses=150)
    page.keyboard.press("Enter")
    partner = referrals.get_by_label("Netwerkpartner")
    expect(partner).to_be_visible()  # loaded when the details opened
    tab_to(page, partner, max_presses=3)
    page.keyboard.type("Jeugd")  # type-ahead picks the partner in the closed list
    expect(partner).to_have_value(str(s.net.specialist.pk))
    question = referrals.get_by_label("Waarvoor verwijst u")
    tab_to(page, question, max_presses=3)
    page.keyboard.type("Gezinsbegeleiding; de zoon verzuimt al weken.")
    button = referrals.get_by_role("button", name="Verwijzing voorstellen")
    tab_to(page, button, max_presses=2)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(REFERRAL_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verwijzing naar {SPECIALIST}")
    expect(page.locator("main")).to_contain_text("de zoon verzuimt al weken")
    assert_clean(page)


def test_record_a_check_in_with_the_keyboard_only(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    page.goto(referral_path(s.waiting))
    bridging_section = section(page, "Overbrugging tijdens het wachten")
    details = bridging_section.locator(
        "details", has=page.locator("summary", has_text="Overbruggingscontact vastleggen")
    )
    expect(details).to_have_attribute("open", "")  # overdue: the form is open already
    mode = details.get_by_label("Hoe", exact=True)
    tab_to(page, mode, max_presses=80)
    page.keyboard.type("Huis")  # type-ahead: "Huisbezoek"
    expect(mode).to_have_value("home_visit")
    page.keyboard.press("Tab")  # into the radio group: the first option
    stable = details.get_by_label("Stabiel")
    assert is_focused(stable)
    page.keyboard.press("ArrowDown")  # arrow keys move and choose: "Beter"
    expect(details.get_by_label("Beter")).to_be_checked()
    page.keyboard.press("Tab")
    assert is_focused(details.get_by_label("Notitie"))
    page.keyboard.type("Huisbezoek; het gaat iets beter.")
    button = details.get_by_role("button", name="Contact opslaan")
    tab_to(page, button, max_presses=2)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".bt-messages")).to_contain_text("Het overbruggingscontact is vastgelegd")
    table = section(page, "Overbrugging tijdens het wachten").get_by_role("table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first).to_contain_text("Huisbezoek; het gaat iets beter.")
    expect(page.locator("header.bt-case-header")).not_to_contain_text("te laat")
    assert_clean(page)
