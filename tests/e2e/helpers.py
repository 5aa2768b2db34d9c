"""Helpers for the browser tests: log in like a person, run axe-core, move with the keyboard, test data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Tenant, make_tenant
from django.urls import reverse
from playwright.sync_api import Locator, Page

from buurtteam.accounts.models import User
from buurtteam.accounts.tests.factories import PASSWORD, UserFactory
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.organisation.tests.factories import (
    DisciplineFactory,
    LocationFactory,
    NeighbourhoodFactory,
    ProviderFactory,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
HOME_PATH = re.compile(r"^https?://[^/]+/(\?.*)?$")


# --- Logging in -------------------------------------------------------------------------------


def login(page: Page, user: User, *, password: str = PASSWORD) -> None:
    """Log in through the real login form and wait for the start page."""
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(password)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    page.wait_for_url(HOME_PATH)


# --- axe-core ---------------------------------------------------------------------------------


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core with the WCAG 2.0/2.1 A and AA rules on the current page; return the violations.

    The script is injected as an inline <script>, which the app's CSP forbids: the page's browser context
    must bypass the CSP (the ``page`` fixture does; ``strict_page`` does not).
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations;
        }""",
        AXE_TAGS,
    )
    assert isinstance(violations, list)
    return violations


def describe_violation(violation: dict[str, Any], *, max_nodes: int = 8) -> str:
    nodes: list[dict[str, Any]] = violation.get("nodes") or []
    lines = [
        f"- {violation.get('id')} ({violation.get('impact')}): {violation.get('help')}",
        f"  {violation.get('helpUrl')}",
    ]
    for node in nodes[:max_nodes]:
        target = " ".join(str(part) for part in node.get("target") or [])
        summary = " ".join(str(node.get("failureSummary") or "").split())
        lines.append(f"    at {target}" + (f" -- {summary}" if summary else ""))
    if len(nodes) > max_nodes:
        lines.append(f"    ... and {len(nodes) - max_nodes} more element(s)")
    return "\n".join(lines)


def axe(page: Page, *, what: str = "") -> None:
    """Assert that axe-core finds no WCAG 2.1 A/AA violations on the current page."""
    violations = axe_violations(page)
    if violations:
        details = "\n".join(describe_violation(v) for v in violations)
        pytest.fail(
            f"axe-core: {len(violations)} WCAG 2.1 A/AA violation(s) on {what or page.url}:\n{details}",
            pytrace=False,
        )


# --- Keyboard ---------------------------------------------------------------------------------


def focused_outer_html(page: Page) -> str:
    return str(page.evaluate("() => (document.activeElement || document.body).outerHTML.slice(0, 200)"))


def is_focused(locator: Locator) -> bool:
    return bool(locator.evaluate("element => element === document.activeElement"))


def tab_to(page: Page, target: Locator, *, max_presses: int = 12) -> int:
    """Press Tab until ``target`` has focus; return the number of presses. Fails after ``max_presses``."""
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if is_focused(target):
            return presses
    pytest.fail(f"{target} not reached in {max_presses} Tab presses; focus is on {focused_outer_html(page)}")


# --- Layout -----------------------------------------------------------------------------------


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


# --- Test data --------------------------------------------------------------------------------


def rich_tenant() -> Tenant:
    """A tenant whose team has neighbourhoods, a location, a provider and members with disciplines."""
    tenant = make_tenant()
    org, team = tenant.organisation, tenant.team
    social, debt = DisciplineFactory.create_batch(2, organisation=org)
    provider = ProviderFactory.create(organisation=org)
    with system_access("e2e test data"):
        team.neighbourhoods.set(NeighbourhoodFactory.create_batch(3))
        team.locations.set([LocationFactory.create(organisation=org)])
        team.providers.set([provider])
        tenant.worker.disciplines.set([social])
        tenant.coordinator.disciplines.set([social, debt])
    UserFactory.create(organisation=org, team=team, role=Role.WORKER, provider=provider, disciplines=[debt])
    return tenant
