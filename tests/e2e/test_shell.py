"""The page shell in a real browser: accessibility (axe-core), tablet and phone layout, language, CSP."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import Tenant, make_tenant
from django.urls import NoReverseMatch, get_resolver, reverse
from playwright.sync_api import Page, ViewportSize, expect

from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Discipline, Location, Provider
from tests.e2e.conftest import page_log
from tests.e2e.helpers import axe, horizontal_overflow, login, rich_tenant

pytestmark = pytest.mark.e2e

NAV_LABEL = "Hoofdmenu"

# Pages a coordinator can open, as (id, function giving the path for a tenant).
COORDINATOR_PAGES: list[tuple[str, Callable[[Tenant], str]]] = [
    ("home", lambda t: reverse("workspace:home")),
    ("team_list", lambda t: reverse("workspace:team_list")),
    ("team_detail", lambda t: reverse("workspace:team_detail", args=[t.team.pk])),
    ("staff_detail", lambda t: reverse("accounts:staff_detail", args=[t.worker.pk])),
    ("profile", lambda t: reverse("accounts:profile")),
    ("otp_setup", lambda t: reverse("accounts:otp_setup")),
    ("password_change", lambda t: reverse("accounts:password_change")),
    ("audit_trail", lambda t: reverse("audit:trail")),
]

# Functional-administration pages; a URL name that does not exist (yet) is skipped, nothing else is.
ADMIN_URL_NAMES = [
    "organisation:admin_home",
    "organisation:team_admin_list",
    "organisation:team_admin_create",
    "organisation:team_admin_edit",
    "organisation:location_admin_list",
    "organisation:location_admin_create",
    "organisation:location_admin_edit",
    "organisation:provider_admin_list",
    "organisation:provider_admin_create",
    "organisation:provider_admin_edit",
    "organisation:discipline_admin_list",
    "organisation:discipline_admin_create",
    "organisation:discipline_admin_edit",
    "accounts:staff_admin_list",
    "accounts:staff_admin_create",
    "accounts:staff_admin_edit",
    "accounts:staff_admin_reset_2fa",
]
ADMIN_FORMS_WITH_ERRORS = ["organisation:team_admin_create", "accounts:staff_admin_create"]

VIEWPORTS: dict[str, ViewportSize] = {
    "tablet-landscape": {"width": 1024, "height": 768},
    "tablet-portrait": {"width": 768, "height": 1024},
    "phone": {"width": 375, "height": 740},
}


def url_name_exists(name: str) -> bool:
    """Whether a (namespaced) URL name is defined at all, whatever arguments it takes."""
    *namespaces, short_name = name.split(":")
    resolver = get_resolver()
    for namespace in namespaces:
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    return short_name in resolver.reverse_dict


def admin_args(name: str, tenant: Tenant) -> list[int]:
    """The object an edit page is about: something of the tenant's own organisation."""
    org = tenant.organisation
    with system_access("e2e test: pick an object to edit"):
        objects: dict[str, Callable[[], int]] = {
            "organisation:team_admin_edit": lambda: tenant.team.pk,
            "organisation:location_admin_edit": lambda: Location.objects.filter(organisation=org)[0].pk,
            "organisation:provider_admin_edit": lambda: Provider.objects.filter(organisation=org)[0].pk,
            "organisation:discipline_admin_edit": lambda: Discipline.objects.filter(organisation=org)[0].pk,
            "accounts:staff_admin_edit": lambda: tenant.worker.pk,
            "accounts:staff_admin_reset_2fa": lambda: tenant.worker.pk,
        }
        return [objects[name]()] if name in objects else []


def admin_path(name: str, tenant: Tenant) -> str:
    args = admin_args(name, tenant)
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        if url_name_exists(name):
            raise  # the page exists but takes other arguments: update this test, do not hide it
        pytest.skip(f"URL name {name!r} does not resolve (NoReverseMatch): the admin page does not exist yet")


@pytest.mark.parametrize(("page_id", "path_for"), COORDINATOR_PAGES, ids=[p[0] for p in COORDINATOR_PAGES])
def test_page_has_no_axe_violations(page: Page, page_id: str, path_for: Callable[[Tenant], str]) -> None:
    tenant = rich_tenant()
    login(page, tenant.coordinator)
    response = page.goto(path_for(tenant))
    assert response is not None
    assert response.status == 200, f"{page_id}: HTTP {response.status}"
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page, what=page_id)


def test_filtered_audit_trail_has_no_axe_violations(page: Page) -> None:
    tenant = make_tenant()
    login(page, tenant.coordinator)
    page.goto(reverse("audit:trail"))
    page.get_by_label("Medewerker (gebruikersnaam)").fill(tenant.coordinator.username)
    with page.expect_response(lambda r: reverse("audit:trail") in r.url and "person=" in r.url):
        page.get_by_role("button", name="Filteren").click()
    results = page.locator("#results")
    expect(results).to_contain_text(tenant.coordinator.username)
    expect(results).to_have_count(1)  # swapped into the container, never nested inside it
    expect(results).to_be_focused()  # screen-reader users land on the new results
    assert "person=" in page.url, "the filter is kept in the address (hx-push-url)"
    axe(page, what="audit trail after filtering")


def test_not_found_page_has_no_axe_violations(page: Page) -> None:
    tenant = make_tenant()
    login(page, tenant.worker)
    response = page.goto("/deze-pagina-bestaat-niet/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    axe(page, what="404 page")


@pytest.mark.parametrize("name", ADMIN_URL_NAMES)
def test_admin_page_has_no_axe_violations(page: Page, name: str) -> None:
    tenant = rich_tenant()
    path = admin_path(name, tenant)
    login(page, tenant.administrator)
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, f"{name}: HTTP {response.status}"
    axe(page, what=name)


@pytest.mark.parametrize("name", ADMIN_FORMS_WITH_ERRORS)
def test_admin_form_with_errors_has_no_axe_violations(page: Page, name: str) -> None:
    tenant = rich_tenant()
    path = admin_path(name, tenant)
    login(page, tenant.administrator)
    page.goto(path)
    page.locator("main form[method=post]").get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page, what=f"{name} with errors")


@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=list(VIEWPORTS))
@pytest.mark.parametrize("page_id", ["home", "team_detail", "audit_trail"])
def test_layout_fits_small_screens(page: Page, viewport: str, page_id: str) -> None:
    tenant = rich_tenant()
    login(page, tenant.coordinator)
    size = VIEWPORTS[viewport]
    page.set_viewport_size(size)
    paths = {
        "home": reverse("workspace:home"),
        "team_detail": reverse("workspace:team_detail", args=[tenant.team.pk]),
        "audit_trail": reverse("audit:trail"),
    }
    page.goto(paths[page_id])

    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{page_id} at {size['width']}px scrolls sideways by {overflow}px"
    nav = page.get_by_role("navigation", name=NAV_LABEL)
    expect(nav).to_be_visible()
    for link in nav.get_by_role("link").all():
        expect(link).to_be_in_viewport()
        box = link.bounding_box()
        assert box is not None
        assert box["height"] >= 44, f"navigation link {link.inner_text()!r} is {box['height']}px high (< 44)"
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= size["width"], f"navigation link {link.inner_text()!r} is cut off"
    for button in page.locator("header").get_by_role("button").all():
        box = button.bounding_box()
        assert box is not None
        assert box["height"] >= 44, f"header button {button.inner_text()!r} is {box['height']}px high (< 44)"
    axe(page, what=f"{page_id} at {size['width']}x{size['height']}")


def test_language_switch(page: Page) -> None:
    tenant = make_tenant()
    login(page, tenant.worker)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "nl")

    page.locator("header").get_by_role("button", name="English").click()
    expect(html).to_have_attribute("lang", "en")
    expect(page.locator("header").get_by_role("button", name="Nederlands")).to_be_visible()

    page.locator("header").get_by_role("button", name="Nederlands").click()
    expect(html).to_have_attribute("lang", "nl")
    expect(page.locator("header").get_by_role("button", name="English")).to_be_visible()


def test_focus_indicator_is_clearly_visible(page: Page) -> None:
    tenant = make_tenant()
    login(page, tenant.worker)
    link = page.get_by_role("navigation", name=NAV_LABEL).get_by_role("link", name="Teams")
    link.focus()
    # Keyboard focus (focus-visible) draws a solid outline of at least 3px.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = link.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert style[0] == "solid"
    assert style[1] >= 3


def test_app_runs_under_its_content_security_policy(strict_page: Page) -> None:
    """Without bypass_csp: the pages, their styles and htmx work, and the browser reports no violation."""
    page = strict_page
    tenant = rich_tenant()
    login(page, tenant.coordinator)
    for path in (
        reverse("workspace:home"),
        reverse("workspace:team_detail", args=[tenant.team.pk]),
        reverse("accounts:profile"),
        reverse("accounts:otp_setup"),
        reverse("audit:trail"),
    ):
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, f"{path}: HTTP {response.status}"
        assert "content-security-policy" in response.headers, f"{path} is served without a CSP header"

    # htmx (the audit filter) swaps the results in place under the policy.
    page.get_by_label("Medewerker (gebruikersnaam)").fill(tenant.coordinator.username)
    with page.expect_response(lambda r: "person=" in r.url):
        page.get_by_role("button", name="Filteren").click()
    expect(page.locator("#results")).to_contain_text(tenant.coordinator.username)

    # The stylesheet applied: the skip link is off-screen until focused.
    box = page.get_by_role("link", name="Naar de inhoud").bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 0

    log = page_log(page)
    assert log.csp_violations == [], "Content Security Policy violations:\n" + "\n".join(log.csp_violations)
    assert log.server_errors == []
