"""Referrals in a real browser: refer with consent, bridge the wait, start the help, close as referred.

The partners are set up by the functional administrator through the service (``partner_save``), the case
through the case factories; everything the tests are about is done through the pages, as a worker would.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from conftest import Tenant, make_tenant
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from buurtteam.cases.models import Case, ClosureReason, Status
from buurtteam.cases.tests.factories import Area, give_area, registered_case, resident_in, walk_to_execution
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import BridgingPlan, CheckIn, PartnerOrganisation, Referral, ReferralStatus
from buurtteam.referrals.services.partners import partner_save
from buurtteam.referrals.tests.helpers import consent, proposed, snapshot
from tests.e2e.helpers import login
from tests.e2e.test_cases import assert_clean, case_path, expect_phase, open_details, section, submit

pytestmark = pytest.mark.e2e

REFERRAL_PATH = re.compile(r"/casussen/(\d+)/verwijzingen/(\d+)/(\?.*)?(#.*)?$")
SPECIALIST = "Jeugdhulp De Brug"
OTHER = "Schuldhulp Stadsbank"


# --- Test data and page helpers -------------------------------------------------------------------
@dataclass
class Network:
    tenant: Tenant
    area: Area
    case: Case  # Sanne de Vries, in execution; the worker is the lead
    specialist: PartnerOrganisation  # youth care: counts as specialist care
    other: PartnerOrganisation  # debt counselling: not specialist care


def network() -> Network:
    """A tenant with two partners in the directory and a case in execution."""
    tenant = make_tenant()
    area = give_area(tenant.team)
    specialist = partner_save(
        actor=tenant.administrator,
        name=SPECIALIST,
        kind="youth_care",
        offer="Gezinsbegeleiding en opvoedondersteuning bij zware problemen.",
        usual_wait_weeks=8,
        phone="030 765 43 21",
    )
    other = partner_save(actor=tenant.administrator, name=OTHER, kind="debt", usual_wait_weeks=4)
    case = walk_to_execution(tenant, registered_case(tenant, resident_in(tenant, area)))
    return Network(tenant, area, case, specialist, other)


def referral_path(referral: Referral) -> str:
    return reverse(
        "referrals:referral_detail", kwargs={"case_id": referral.case_id, "referral_id": referral.pk}
    )


def waitlist_path(tenant: Tenant) -> str:
    return reverse("referrals:waitlist", kwargs={"team_id": tenant.team.pk})


def the_referral(case: Case) -> Referral:
    with system_access("e2e test assertion"):
        return Referral.objects.select_related("bridging").get(case=case)


def status_badge(page: Page) -> Locator:
    return page.locator("header.bt-case-header .utrecht-status-badge").first


def messages(page: Page) -> Locator:
    return page.locator(".bt-messages")


def waitlist_row(page: Page, name: str) -> Locator:
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile(name)))


def propose_from_case_page(page: Page, net: Network, question: str) -> None:
    """On the case page: open "Verwijzen" (the form loads on demand) and propose a referral."""
    referrals = section(page, "Verwijzingen en afspraken")
    details = open_details(referrals, "Verwijzen")
    partner = details.get_by_label("Netwerkpartner")
    expect(partner).to_be_visible()  # the placeholder has made way for the form
    partner.select_option(label=SPECIALIST)
    details.get_by_label("Leefgebied").select_option(label="Onderwijs")
    details.get_by_label("Doel uit het plan").select_option(label="Financiën: Overzicht in de post")
    details.get_by_label("Waarvoor verwijst u").fill(question)
    submit(details, "Verwijzing voorstellen")
    expect(page).to_have_url(REFERRAL_PATH)


# --- 1. Refer with consent, bridge the wait, start, close as referred ------------------------------
def test_refer_with_consent_bridge_the_wait_and_close_as_referred(page: Page) -> None:
    net = network()
    worker = net.tenant.worker
    login(page, worker)
    page.goto(case_path(net.case))
    referrals = section(page, "Verwijzingen en afspraken")
    expect(referrals).to_contain_text("Nog geen verwijzingen.")

    # Propose: the referral page asks for the resident's consent first.
    propose_from_case_page(page, net, "Gezinsbegeleiding voor moeder en zoon; school blijft verzuimen.")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verwijzing naar {SPECIALIST}")
    expect(messages(page)).to_contain_text("De verwijzing is voorgesteld")
    expect(status_badge(page)).to_have_text("Voorgesteld")
    expect(page.locator("main")).to_contain_text("specialistische zorg", ignore_case=True)
    consent_section = section(page, "Toestemming van de inwoner")
    expect(consent_section).to_contain_text("Geen geldige toestemming")

    # Consent: the form is open already, because nothing can be sent without it.
    details = open_details(consent_section, "Toestemming vastleggen")
    details.get_by_label("Gegeven door").fill("Sanne de Vries")
    details.get_by_label("Waarvoor").fill("Vraag en gezinssituatie delen met Jeugdhulp De Brug.")
    details.get_by_label("Vorm").select_option(label="Schriftelijk")
    submit(details, "Toestemming opslaan")
    consent_section = section(page, "Toestemming van de inwoner")
    expect(consent_section.get_by_role("row", name=re.compile("Sanne de Vries"))).to_contain_text("Geldig")
    expect(consent_section).not_to_contain_text("Geen geldige toestemming")

    # Send with a bridging plan: the worker keeps contact every 7 days.
    next_step = section(page, "Volgende stap")
    details = open_details(next_step, "Versturen")
    expect(details.get_by_label("Contactpersoon tijdens het wachten")).to_have_value(str(worker.pk))
    details.get_by_label("Contact elke (dagen)").fill("7")
    details.get_by_label("Wat doorloopt").fill("Wekelijks belcontact en hulp bij de post.")
    submit(details, "Verwijzing versturen")
    expect(messages(page)).to_contain_text("De overbrugging loopt tot de hulp start")
    expect(status_badge(page)).to_have_text("Verstuurd")
    bridging = section(page, "Overbrugging tijdens het wachten")
    expect(bridging).to_contain_text(worker.full_name)
    expect(bridging).to_contain_text("elke 7 dagen")
    in_a_week = timezone.localdate() + datetime.timedelta(days=7)
    expect(bridging).to_contain_text(f"uiterlijk {in_a_week.day}")

    # The partner accepts and puts the resident on its waitlist.
    details = open_details(section(page, "Volgende stap"), "De partner heeft geaccepteerd")
    submit(details, "Acceptatie vastleggen")
    expect(status_badge(page)).to_have_text("Geaccepteerd")
    details = open_details(section(page, "Volgende stap"), "Op de wachtlijst gezet")
    expected = timezone.localdate() + datetime.timedelta(days=56)
    details.get_by_label("Verwachte start").fill(expected.isoformat())
    submit(details, "Wachtlijst vastleggen")
    expect(status_badge(page)).to_have_text("Op de wachtlijst")
    referral_url = page.url.split("#")[0]

    # The team's waitlist: the resident is there, nobody is late yet.
    with page.expect_navigation():
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wachtlijst").click()
    expect(page).to_have_url(re.compile(re.escape(waitlist_path(net.tenant)) + "$"))
    row = waitlist_row(page, "Sanne de Vries")
    expect(row).to_contain_text(SPECIALIST)
    expect(row).to_contain_text("Op de wachtlijst")
    expect(row).to_contain_text(worker.full_name)
    expect(row).to_contain_text("Nog geen")
    expect(page.locator("main .bt-card", has_text="Contact te laat")).to_contain_text("Niemand")

    # A check-in: the next one is due a week later.
    page.goto(referral_url)
    bridging = section(page, "Overbrugging tijdens het wachten")
    details = open_details(bridging, "Overbruggingscontact vastleggen")
    details.get_by_label("Hoe", exact=True).select_option(label="Huisbezoek")
    details.get_by_role("group", name=re.compile("Hoe gaat het met de inwoner")).get_by_label(
        "Stabiel"
    ).check()
    details.get_by_label("Notitie").fill("Thuis langs geweest; het gaat redelijk, de post is bijgehouden.")
    submit(details, "Contact opslaan")
    expect(messages(page)).to_contain_text("Het overbruggingscontact is vastgelegd")
    bridging = section(page, "Overbrugging tijdens het wachten")
    check_ins = bridging.get_by_role("table", name=re.compile("Contacten tijdens het wachten"))
    expect(check_ins.locator("tbody tr")).to_have_count(1)
    expect(check_ins).to_contain_text("Huisbezoek")
    expect(check_ins).to_contain_text("de post is bijgehouden")
    expect(page.locator("main")).not_to_contain_text("te laat")

    # The next check-in is overdue. Time cannot be moved forward through the pages (the check-in is due
    # a week from now), so the test moves the agreed date into the past in the database; everything
    # that follows reads it through the app as usual.
    with system_access("e2e test: a bridging check-in that fell overdue"):
        assert CheckIn.objects.filter(plan__referral__case=net.case).count() == 1
        BridgingPlan.objects.filter(referral__case=net.case).update(
            next_due=timezone.localdate() - datetime.timedelta(days=3)
        )
    page.goto(waitlist_path(net.tenant))
    row = waitlist_row(page, "Sanne de Vries")
    late = row.locator(".utrecht-status-badge--danger")
    expect(late).to_have_text(re.compile(r"^\W*3 dagen te laat$"))  # words and a sign, not colour alone
    expect(page.locator("main .bt-card", has_text="Contact te laat")).to_contain_text("1 inwoner")
    page.goto(reverse("workspace:home"))
    start = page.get_by_role("region", name="Overbruggingscontacten te laat")
    expect(start.get_by_role("listitem")).to_have_count(1)
    expect(start.get_by_role("listitem")).to_contain_text("3 dagen te laat")
    expect(start.get_by_role("listitem")).to_contain_text(f"Sanne de Vries ({net.case.reference}")
    expect(start.get_by_role("listitem")).to_contain_text(f"wacht op {SPECIALIST}")

    # Closing is refused while the resident waits (the Dutch message, and the case stays open).
    with page.expect_navigation():
        start.get_by_role("link", name="Sanne de Vries").click()
    closure = section(page, "Afsluiten")
    details = open_details(closure, "Casus afsluiten")
    details.get_by_label("Reden van afsluiten").select_option(label="Doorverwezen naar specialistische zorg")
    submit(details, "Casus afsluiten")
    expect(section(page, "Afsluiten")).to_contain_text("de inwoner wacht op een verwijzing")
    expect_phase(page, "Uitvoering")

    # The help starts: bridging stops, the waitlist empties.
    page.goto(referral_url)
    expect(status_badge(page)).to_have_text("Op de wachtlijst")
    expect(page.locator("header.bt-case-header")).to_contain_text("Overbruggingscontact 3 dagen te laat")
    details = open_details(section(page, "Volgende stap"), "De hulp is gestart")
    submit(details, "Start vastleggen")
    expect(status_badge(page)).to_have_text("Gestart")
    expect(section(page, "Overbrugging tijdens het wachten")).to_contain_text("De overbrugging is afgelopen")
    page.goto(waitlist_path(net.tenant))
    expect(page.locator("main table")).to_contain_text("Er wacht op dit moment niemand van dit team")

    # Close as referred to specialist care.
    page.goto(case_path(net.case))
    expect(
        section(page, "Verwijzingen en afspraken").get_by_role("row", name=re.compile(SPECIALIST))
    ).to_contain_text("Gestart")
    details = open_details(section(page, "Afsluiten"), "Casus afsluiten")
    details.get_by_label("Reden van afsluiten").select_option(label="Doorverwezen naar specialistische zorg")
    details.get_by_label("Rapportcijfer van de inwoner (1-10)").fill("7")
    submit(details, "Casus afsluiten")
    expect_phase(page, "Afgesloten")
    expect(page.get_by_role("region", name="Afgesloten")).to_contain_text(
        "Doorverwezen naar specialistische zorg"
    )
    with system_access("e2e test assertion"):
        closed = Case.objects.get(pk=net.case.pk)
    assert (closed.status, closed.closure_reason) == (Status.CLOSED, ClosureReason.REFERRED)
    assert the_referral(net.case).status == ReferralStatus.STARTED
    assert_clean(page)


# --- 2. Consent withdrawn: sending is refused -----------------------------------------------------
def test_sending_without_consent_is_refused_and_changes_nothing(page: Page) -> None:
    net = network()
    referral = proposed(net.tenant, net.case, net.specialist)
    consent(net.tenant, referral)
    login(page, net.tenant.worker)
    page.goto(referral_path(referral))

    # The resident withdraws the consent.
    consent_section = section(page, "Toestemming van de inwoner")
    details = open_details(consent_section, "Toestemming intrekken")
    details.get_by_label("Toelichting").fill("Wil eerst zelf met de school praten.")
    submit(details, "Intrekken")
    expect(messages(page)).to_contain_text("De toestemming is ingetrokken")
    consent_section = section(page, "Toestemming van de inwoner")
    expect(consent_section).to_contain_text("Geen geldige toestemming")
    expect(consent_section).to_contain_text("Ingetrokken op")

    # Sending is still on the page (the rules allow it from "proposed"), but the service refuses it.
    before = snapshot(net.case)
    details = open_details(section(page, "Volgende stap"), "Versturen")
    submit(details, "Verwijzing versturen")
    expect(page.get_by_role("alert").first).to_contain_text("Er is niets opgeslagen.")
    next_step = section(page, "Volgende stap")
    expect(next_step).to_contain_text(
        "Deze verwijzing kan niet worden verstuurd: er is geen geldige toestemming van de inwoner"
    )
    expect(status_badge(page)).to_have_text("Voorgesteld")
    expect(page.get_by_role("region", name="Overbrugging tijdens het wachten")).to_have_count(0)
    assert snapshot(net.case) == before
    assert the_referral(net.case).status == ReferralStatus.PROPOSED
    assert_clean(page)


# --- 3. An agreement: in the section and on the network map --------------------------------------
def test_agreement_from_the_case_page_shows_in_the_section_and_the_network_map(page: Page) -> None:
    net = network()
    login(page, net.tenant.worker)
    page.goto(case_path(net.case))
    network_map = section(page, "Netwerk").locator("figure svg[role='img']")
    expect(network_map).not_to_contain_text("Wijkagent Bram")

    referrals = section(page, "Verwijzingen en afspraken")
    expect(referrals).to_contain_text("Nog geen afspraken.")
    details = open_details(referrals, "Afspraak vastleggen")
    who = details.get_by_label("Wie", exact=False).first
    expect(who).to_be_visible()
    details.get_by_label("Netwerkpartner").select_option(label=OTHER)
    who.fill("Wijkagent Bram")
    details.get_by_label("Doet wat").fill("Loopt wekelijks langs en spreekt de zoon aan op straat.")
    ends = timezone.localdate() + datetime.timedelta(days=90)
    details.get_by_label("Tot en met").fill(ends.isoformat())
    details.get_by_label("En hoe verder").fill("Bij de evaluatie samen bekijken of het nog nodig is.")
    submit(details, "Afspraak opslaan")

    expect(messages(page)).to_contain_text("De afspraak is vastgelegd.")
    agreements = section(page, "Verwijzingen en afspraken").get_by_role(
        "table", name="Afspraken met netwerkpartners en anderen"
    )
    row = agreements.get_by_role("row", name=re.compile("Wijkagent Bram"))
    expect(row).to_contain_text(OTHER)
    expect(row).to_contain_text("spreekt de zoon aan op straat")
    expect(row).to_contain_text(f"tot en met {ends.day}")
    expect(row).to_contain_text("Bij de evaluatie samen bekijken")
    network_map = section(page, "Netwerk").locator("figure svg[role='img']")
    expect(network_map.locator("text", has_text="Wijkagent Bram")).to_have_count(1)
    expect(network_map.locator("desc")).to_contain_text("Wijkagent Bram")
    assert_clean(page)
