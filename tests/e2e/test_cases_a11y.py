"""Every casework page in a real browser: 0 axe-core violations (WCAG 2.1 A/AA), tablet layout, badges.

One scenario holds everything the pages need to show something real: residents with a household and a
network, cases in several phases (one overdue, one in crisis, one with safety concerns), a case meeting
with agenda items and an emergency access waiting for the coordinator's review. It is built with the
services, as the app itself would.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from buurtteam.accounts.models import User
from buurtteam.accounts.tests.factories import member_of
from buurtteam.cases.clock import working_days_between
from buurtteam.cases.models import Case, CaseMeeting
from buurtteam.cases.services import lifecycle, meetings
from buurtteam.cases.tests.factories import (
    domain,
    give_area,
    registered_case,
    resident_in,
    walk_to_execution,
)
from buurtteam.core.gate import system_access
from buurtteam.residents.models import HouseholdMember, NetworkMember, Resident
from buurtteam.residents.services import break_glass, network_member_save
from tests.e2e.conftest import page_log
from tests.e2e.helpers import axe, horizontal_overflow, login, tab_to
from tests.e2e.test_cases import (
    Casework,
    assert_clean,
    case_path,
    casework,
    submit,
    wait_for_htmx,
)

pytestmark = pytest.mark.e2e

TABLET_LANDSCAPE: ViewportSize = {"width": 1024, "height": 768}
TABLET_PORTRAIT: ViewportSize = {"width": 768, "height": 1024}


# --- The scenario -------------------------------------------------------------------------------------
@dataclass
class Scenario:
    work: Casework
    resident: Resident  # Sanne de Vries: a household with a network, a case in execution
    network_member: NetworkMember
    in_execution: Case  # Sanne's case; the worker is its lead
    overdue: Case  # registered weeks ago, nobody has picked it up
    crisis: Case  # urgency crisis, safety concerns, unassigned
    outsider: Resident  # lives in the other team's area
    meeting: CaseMeeting
    teammate: User  # a worker of the same team who works on none of these cases

    @property
    def worker(self) -> User:
        return self.work.tenant.worker

    @property
    def coordinator(self) -> User:
        return self.work.tenant.coordinator


def weeks_ago_in_working_days(working_days: int = 12) -> datetime.datetime:
    """A moment more than ``working_days`` working days ago, whatever the holidays."""
    today = timezone.localdate()
    day = today - datetime.timedelta(days=working_days)
    while working_days_between(day, today) <= working_days:
        day -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))


def scenario() -> Scenario:
    work = casework()
    tenant = work.tenant
    sanne = resident_in(tenant, work.area)
    with system_access("e2e test data: the household"):
        household = HouseholdMember.objects.select_related("household").get(resident=sanne).household
    gp = network_member_save(
        actor=tenant.worker,
        household=household,
        kind=NetworkMember.Kind.FORMAL,
        role=NetworkMember.Role.GP,
        name="Dr. Bakker",
        organisation_name="Huisartsenpraktijk De Linde",
        phone="030 123 45 67",
    )
    network_member_save(
        actor=tenant.worker,
        household=household,
        kind=NetworkMember.Kind.INFORMAL,
        role=NetworkMember.Role.NEIGHBOUR,
        name="Henk",
    )
    in_execution = walk_to_execution(tenant, registered_case(tenant, sanne))
    lifecycle.task_add(
        actor=tenant.worker,
        case=in_execution,
        title="Terugbellen over de betalingsregeling",
        kind="reminder",
        due_on=timezone.localdate() - datetime.timedelta(days=2),
        assignee_id=tenant.worker.pk,
    )

    late = resident_in(
        tenant, work.area, first_name="Kees", last_name="Pronk", birth_date=datetime.date(1950, 5, 1)
    )
    overdue = registered_case(tenant, late, question="Ik red het niet meer alleen thuis.")
    with system_access("e2e test data: registered weeks ago"):
        Case.objects.filter(pk=overdue.pk).update(registered_at=weeks_ago_in_working_days())
    overdue.refresh_from_db()

    worried = resident_in(
        tenant, work.area, first_name="Lotte", last_name="Smit", birth_date=datetime.date(1992, 8, 9)
    )
    crisis = registered_case(
        tenant, worried, question="Er is veel ruzie thuis.", urgency="crisis", safety_concern=True
    )
    lifecycle.problems_set(
        actor=tenant.coordinator,
        case=crisis,
        problems=[(domain(tenant, "domestic-relations"), "Ruzie thuis")],
    )

    other_area = give_area(tenant.other_team)
    outsider = resident_in(
        tenant,
        other_area,
        actor=tenant.colleague,
        first_name="Piet",
        last_name="Hendriks",
        birth_date=datetime.date(1970, 1, 2),
    )
    break_glass(
        actor=tenant.worker, resident_id=outsider.pk, reason="Crisis bij de voordeur, team niet bereikbaar"
    )

    meeting = meetings.meeting_create(
        actor=tenant.coordinator, team=tenant.team, held_on=timezone.localdate()
    )
    teammate = member_of(tenant.team)
    return Scenario(work, sanne, gp, in_execution, overdue, crisis, outsider, meeting, teammate)


# --- Pages, as (id, who looks, path, a text the page must show) ------------------------------------
Who = Callable[[Scenario], User]
PathFor = Callable[[Scenario], str]


def worker(s: Scenario) -> User:
    return s.worker


def coordinator(s: Scenario) -> User:
    return s.coordinator


def teammate(s: Scenario) -> User:
    return s.teammate


def team_id(s: Scenario) -> int:
    return int(s.work.tenant.team.pk)


PAGES: list[tuple[str, Who, PathFor, str]] = [
    ("register", worker, lambda s: reverse("cases:register"), "velden zijn verplicht"),
    (
        "register_existing_resident",
        worker,
        lambda s: f"{reverse('cases:register')}?resident={s.resident.pk}",
        "Iemand anders aanmelden",
    ),
    (
        "resident_search_results",
        worker,
        lambda s: f"{reverse('cases:resident_search')}?q=Vries",
        "1 inwoner gevonden",
    ),
    (
        "resident_detail",
        worker,
        lambda s: reverse("cases:resident_detail", args=[s.resident.pk]),
        "Dr. Bakker",
    ),
    ("resident_edit", worker, lambda s: reverse("cases:resident_edit", args=[s.resident.pk]), "wijzigen"),
    (
        "network_member_add",
        worker,
        lambda s: reverse("cases:network_member_add", args=[s.resident.pk]),
        "Het netwerk van het huishouden",
    ),
    (
        "network_member_edit",
        worker,
        lambda s: reverse("cases:network_member_edit", args=[s.resident.pk, s.network_member.pk]),
        "Het netwerk van het huishouden",
    ),
    (
        "household_member_add",
        worker,
        lambda s: f"{reverse('cases:household_member_add', args=[s.resident.pk])}?q=Smit",
        "Lotte Smit",
    ),
    (
        "break_glass",
        worker,
        lambda s: reverse("cases:break_glass", args=[s.outsider.pk]),
        "Noodtoegang nemen",
    ),
    (
        "break_glass_review_list",
        coordinator,
        lambda s: reverse("cases:break_glass_review_list"),
        "Crisis bij de voordeur",
    ),
    ("my_cases", worker, lambda s: reverse("cases:my_cases"), "verlopen"),
    (
        "team_cases",
        coordinator,
        lambda s: reverse("cases:team_cases", args=[team_id(s)]),
        "Niet op tijd opgepakt",
    ),
    (
        "unassigned_queue",
        worker,
        lambda s: reverse("cases:unassigned_queue", args=[team_id(s)]),
        "2 casussen wachten op een regisseur",
    ),
    (
        "assign_with_suggestions",
        coordinator,
        lambda s: reverse("cases:case_assign", args=[s.crisis.pk]),
        "gewogen caseload",
    ),
    (
        "assign_as_lead",
        worker,
        lambda s: reverse("cases:case_assign", args=[s.in_execution.pk]),
        "Regie overdragen",
    ),
    (
        "meeting_list",
        coordinator,
        lambda s: reverse("cases:meeting_list", args=[team_id(s)]),
        "Overleg plannen",
    ),
    (
        "meeting_detail",
        coordinator,
        lambda s: reverse("cases:meeting_detail", args=[s.meeting.pk]),
        "Besluit vastleggen",
    ),
    (
        "case_detail_execution",
        worker,
        lambda s: case_path(s.in_execution),
        "Terugbellen over de betalingsregeling",
    ),
    ("case_detail_crisis", coordinator, lambda s: case_path(s.crisis), "Zorgen over veiligheid"),
    ("case_summary", teammate, lambda s: case_path(s.in_execution), "U ziet een samenvatting"),
]


@pytest.mark.parametrize(("page_id", "who", "path_for", "shows"), PAGES, ids=[p[0] for p in PAGES])
def test_casework_page_has_no_axe_violations(
    page: Page, page_id: str, who: Who, path_for: PathFor, shows: str
) -> None:
    s = scenario()
    login(page, who(s))
    response = page.goto(path_for(s))
    assert response is not None
    assert response.status == 200, f"{page_id}: HTTP {response.status}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(shows)
    axe(page, what=page_id)
    assert_clean(page)


# --- Forms with errors and warnings ---------------------------------------------------------------
def test_registration_with_errors_has_no_axe_violations(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    page.goto(reverse("cases:register"))
    page.get_by_label("Geboortedatum").fill("31-12-2999")
    wait_for_htmx(page)
    submit(page.locator("main form[method='post']"), "Aanmelden")
    expect(page.get_by_role("alert")).to_contain_text("Niet alles is goed ingevuld")
    for label, message in [
        ("Voornaam", "Dit veld is verplicht."),
        ("Geboortedatum", "De geboortedatum ligt in de toekomst."),
        ("Vraag in de woorden van de inwoner", "Dit veld is verplicht."),
    ]:
        field = page.get_by_label(label)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(message)))
    axe(page, what="registration with errors")


def test_registration_with_duplicate_candidates_has_no_axe_violations(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    page.goto(reverse("cases:register"))
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("Geboortedatum").fill("14-03-1985")
    page.get_by_label("Postcode").fill(s.work.area.postcode.postcode)
    page.get_by_label("Vraag in de woorden van de inwoner").fill("Ze belt opnieuw over de huur.")
    # While typing: the possible duplicate is offered in the live region, before anything is sent.
    duplicates = page.locator("#duplicates")
    expect(duplicates).to_contain_text("Is dit iemand die al bekend is?")
    wait_for_htmx(page)
    axe(page, what="registration, duplicate offered while typing")

    submit(page.locator("main form[method='post']"), "Aanmelden")
    expect(page.get_by_role("alert")).to_contain_text("Deze inwoner is misschien al bekend")
    expect(
        page.get_by_role("button", name=re.compile(r"^Deze inwoner gebruiken\W+Sanne de Vries$"))
    ).to_be_visible()
    expect(page.get_by_label("Het is een andere persoon: maak een nieuwe inwoner aan")).not_to_be_checked()
    axe(page, what="registration, duplicate candidates")


def test_network_member_form_with_errors_has_no_axe_violations(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    page.goto(reverse("cases:network_member_add", args=[s.resident.pk]))
    submit(page.locator("main form[method='post']"), "Opslaan")
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page, what="network member form with errors")


# --- Tablet: home visits -------------------------------------------------------------------------------
TABLET_PAGES: list[tuple[str, Who, PathFor]] = [
    ("case_detail", worker, lambda s: case_path(s.in_execution)),
    ("team_cases", coordinator, lambda s: reverse("cases:team_cases", args=[team_id(s)])),
    ("meeting_detail", coordinator, lambda s: reverse("cases:meeting_detail", args=[s.meeting.pk])),
    ("register", worker, lambda s: reverse("cases:register")),
]

# Everything a finger presses on the case page: at least 44 CSS pixels high.
TOUCH_TARGETS = """() => {
    const selector = [
        "main button", "main summary", "main select", "main textarea",
        "main input:not([type=hidden]):not([type=checkbox]):not([type=radio])",
        "main .bt-toc a", "main .bt-actions > a", "main div.bt-radio-group label",
    ].join(", ");
    return [...document.querySelectorAll(selector)]
        .filter((el) => el.getClientRects().length > 0 && !el.classList.contains("bt-visually-hidden"))
        .map((el) => ({what: el.outerHTML.slice(0, 120), height: el.getBoundingClientRect().height}))
        .filter((target) => target.height < 44);
}"""


# Opens every <details> in main, one at a time. A closed one with a step form in it loads that form when it
# opens (htmx, referrals/_lazy_form.html); the next one opens once that request has ended and htmx has
# swapped and settled, as a person would go through them. (Opening all at once sent a dozen requests
# together, and the test database, SQLite shared in memory, refused some of the concurrent audit writes
# with "database table is locked": 500s nobody looked at.) Returns the lazy forms that never loaded.
OPEN_EVERY_DISCLOSURE = """async () => {
    const ended = new Set();
    document.addEventListener("htmx:afterRequest", (event) => ended.add(event.detail.requestConfig.elt));
    const busy = () => document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling");
    const until = (done) => new Promise((resolve) => {
        const started = Date.now();
        const check = () => (done() || Date.now() - started > 10000 ? resolve() : setTimeout(check, 10));
        check();
    });
    const lazy = [];
    for (const details of document.querySelectorAll("main details")) {
        if (details.open) continue;
        const mine = [...details.querySelectorAll(".bt-lazy-form")].filter(
            (el) => el.closest("details") === details
        );
        lazy.push(...mine);
        details.open = true;
        await until(() => mine.every((el) => ended.has(el)) && !busy());
    }
    return lazy.filter((el) => !ended.has(el)).map((el) => el.outerHTML.slice(0, 120));
}"""


@pytest.mark.parametrize("viewport", [TABLET_LANDSCAPE, TABLET_PORTRAIT], ids=["landscape", "portrait"])
@pytest.mark.parametrize(("page_id", "who", "path_for"), TABLET_PAGES, ids=[p[0] for p in TABLET_PAGES])
def test_tablet_layout_has_no_sideways_scrolling(
    page: Page, page_id: str, who: Who, path_for: PathFor, viewport: ViewportSize
) -> None:
    s = scenario()
    page.set_viewport_size(viewport)
    login(page, who(s))
    page.goto(path_for(s))
    # Open every disclosure, nested ones too: the forms inside must fit as well. Opening a step loads its
    # form (htmx): measure once every form is in, and none of them failed.
    assert page.evaluate(OPEN_EVERY_DISCLOSURE) == [], f"{page_id}: step forms that did not load"
    assert not page_log(page).server_errors, page_log(page).server_errors
    assert horizontal_overflow(page) == 0, f"{page_id} scrolls sideways at {viewport}"
    too_small = page.evaluate(TOUCH_TARGETS)
    assert not too_small, f"{page_id}: touch targets lower than 44px at {viewport}: {too_small}"
    axe(page, what=f"{page_id} at {viewport}")


# --- Badges: readable and not by colour alone --------------------------------------------------------
BADGE_FACTS = """() => [...document.querySelectorAll("main .utrecht-status-badge")].map((el) => ({
    text: el.textContent.trim(),
    kind: [...el.classList].find((c) => c.startsWith("utrecht-status-badge--")) || "",
    sign: getComputedStyle(el, "::before").content,
}))"""


def test_alarm_badges_carry_a_sign_and_a_word(page: Page) -> None:
    s = scenario()
    login(page, s.coordinator)
    page.goto(reverse("cases:team_cases", args=[team_id(s)]))
    badges = page.evaluate(BADGE_FACTS)
    kinds = {b["kind"] for b in badges}
    assert {"utrecht-status-badge--danger", "utrecht-status-badge--inactive"} <= kinds, badges
    texts = {b["text"] for b in badges}
    assert {"Niet op tijd opgepakt", "Zorgen over veiligheid", "Crisis"} <= texts, texts
    for badge in badges:
        assert badge["text"], f"a badge without words: {badge}"
        if badge["kind"] in {"utrecht-status-badge--danger", "utrecht-status-badge--warning"}:
            assert badge["sign"] not in {"none", "normal", ""}, f"no sign in front of {badge}"
    axe(page, what="team cases with alarm badges")  # includes the colour contrast of every badge


# --- Keyboard: visible focus, disclosures open with Enter ----------------------------------------------
OUTLINE = """(el) => {
    const style = getComputedStyle(el);
    return {style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor};
}"""


def test_case_page_disclosures_work_with_the_keyboard_and_show_focus(page: Page) -> None:
    s = scenario()
    login(page, s.worker)
    page.goto(case_path(s.in_execution))
    toc_link = page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role("link").first
    tab_to(page, toc_link, max_presses=30)
    outline = toc_link.evaluate(OUTLINE)
    assert outline["style"] == "solid" and outline["width"] >= 3, outline

    timeline = page.get_by_role("region", name="Contacten en notities")
    summary = timeline.locator("summary", has_text="Contact vastleggen")
    tab_to(page, summary, max_presses=80)
    outline = summary.evaluate(OUTLINE)
    assert outline["style"] == "solid" and outline["width"] >= 3, outline
    box = summary.bounding_box()
    assert box is not None and box["height"] >= 44, box
    page.keyboard.press("Enter")
    details = timeline.locator("details", has=page.locator("summary", has_text="Contact vastleggen"))
    expect(details).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(timeline.get_by_label("Datum")).to_be_focused()
