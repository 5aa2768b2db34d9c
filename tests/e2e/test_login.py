"""Logging in and out in a real browser: keyboard only, wrong passwords, lock-out, accessibility."""

from __future__ import annotations

import re

import pytest
from conftest import make_tenant
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings as SettingsWrapper

from buurtteam.accounts.tests.factories import PASSWORD
from tests.e2e.helpers import HOME_PATH, axe, focused_outer_html, is_focused, tab_to

pytestmark = pytest.mark.e2e

WRONG_COMBINATION = "De combinatie van gebruikersnaam en wachtwoord is niet juist."
LOCKED_OUT = "Te veel mislukte inlogpogingen"


def submit_login(page: Page, username: str, password: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_keyboard_only_login_and_logout(page: Page) -> None:
    tenant = make_tenant()
    page.goto(reverse("accounts:login"))

    # Focus starts at the top of the page, so the first Tab reaches the skip link.
    assert page.evaluate("() => document.activeElement === document.body"), (
        "Focus must start at the top of the login page, but it is on "
        f"{focused_outer_html(page)}. Remove `autofocus` from the login form's username widget "
        "(accounts/forms.py, LoginForm): it skips the heading and instructions for screen-reader users "
        "and the skip link for keyboard users."
    )
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    before = skip_link.bounding_box()
    assert before is not None
    assert before["y"] + before["height"] <= 0, "the skip link is hidden until it receives focus"

    page.keyboard.press("Tab")
    assert is_focused(skip_link), f"the skip link must be focused first, not {focused_outer_html(page)}"
    box = skip_link.bounding_box()
    assert box is not None
    assert box["y"] >= 0, "the focused skip link is visible inside the viewport"
    assert box["height"] >= 44, "the skip link is a large enough target"
    expect(skip_link).to_be_in_viewport()

    # Following the skip link moves focus to the main content; the next Tab is the username field.
    page.keyboard.press("Enter")
    assert is_focused(page.locator("main"))
    page.keyboard.press("Tab")
    username = page.get_by_label("Gebruikersnaam")
    assert is_focused(username), f"expected the username field, focus is on {focused_outer_html(page)}"
    page.keyboard.type(tenant.worker.username)
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_label("Wachtwoord"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url(HOME_PATH)
    expect(page.get_by_role("heading", name="Uw team", exact=True)).to_be_visible()
    expect(page.locator("header")).to_contain_text(tenant.team.name)
    expect(page.locator("main")).to_contain_text(tenant.team.name)

    # Log out with the keyboard only.
    logout = page.get_by_role("button", name="Uitloggen")
    tab_to(page, logout)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(reverse("accounts:login"))))
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


def test_wrong_password_shows_dutch_error(page: Page) -> None:
    tenant = make_tenant()
    page.goto(reverse("accounts:login"))
    submit_login(page, tenant.worker.username, "niet-het-goede-wachtwoord")

    expect(page.get_by_role("alert")).to_contain_text(WRONG_COMBINATION)
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    axe(page, what="login page with a wrong password")


def test_lock_out_after_too_many_wrong_passwords(page: Page) -> None:
    tenant = make_tenant()
    page.goto(reverse("accounts:login"))
    for attempt in range(settings.LOGIN_FAILURE_LIMIT):
        submit_login(page, tenant.worker.username, f"fout-{attempt}")
        expect(page.get_by_role("alert")).to_contain_text(WRONG_COMBINATION)

    # Locked out now: even the right password is refused, with a Dutch explanation.
    submit_login(page, tenant.worker.username, PASSWORD)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(LOCKED_OUT)
    expect(alert).to_contain_text("functioneel beheerder")
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    axe(page, what="login page with the lock-out message")


def test_login_page_is_accessible(page: Page) -> None:
    page.goto(reverse("accounts:login"))
    axe(page, what="login page")


def test_login_page_with_field_errors_is_accessible(page: Page) -> None:
    page.goto(reverse("accounts:login"))
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Gebruikersnaam")).to_have_attribute("aria-invalid", "true")
    axe(page, what="login page with field errors")


def test_password_reset_page_is_accessible(page: Page) -> None:
    page.goto(reverse("accounts:password_reset"))
    expect(page.get_by_role("heading", name="Wachtwoord vergeten")).to_be_visible()
    axe(page, what="password reset page")


def test_demo_login_page_is_accessible(page: Page, settings: SettingsWrapper) -> None:
    settings.DEMO_MODE = True  # the live server runs in this process: it sees the override
    page.goto(reverse("accounts:login"))
    expect(page.get_by_role("heading", name="Demo-accounts")).to_be_visible()
    axe(page, what="login page in demo mode")
