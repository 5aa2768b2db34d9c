"""What every page's shell needs: the user's team and the navigation for their role."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from buurtteam.accounts.models import User
from buurtteam.core.roles import Role


def _optional(name: str, **kwargs: Any) -> str | None:
    """A page that may not be installed (yet): the menu leaves it out instead of breaking."""
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _casework_items(team_id: int | None) -> list[tuple[str, Any]]:
    """Case work in the menu: never for the policy officer, who sees no person."""
    candidates = [
        (_optional("cases:my_cases"), _("Casussen")),
        (_optional("cases:register"), _("Aanmelden")),
        (_optional("cases:resident_search"), _("Inwoners")),
    ]
    if team_id is not None:
        candidates.append((_optional("cases:meeting_list", team_id=team_id), _("Casusoverleg")))
        candidates.append((_optional("referrals:waitlist", team_id=team_id), _("Wachtlijst")))
    return [(url, label) for url, label in candidates if url is not None]


@functools.lru_cache(maxsize=512)
def _menu(prefix: str, urlconf: str | None, role: str, team_id: int | None) -> tuple[tuple[str, Any], ...]:
    """The menu of a role (and primary team): the same on every page, so reversed once per process.
    ``prefix`` and ``urlconf`` are part of the key because the URLs depend on them."""
    items = [(reverse("workspace:home"), _("Start"))]
    if role != Role.POLICY_OFFICER:
        items += _casework_items(team_id)
    items.append((reverse("workspace:social_basis"), _("Sociale basis")))
    partners = _optional("referrals:partner_directory")
    if partners is not None:
        items.append((partners, _("Netwerkpartners")))
    items.append((reverse("workspace:team_list"), _("Teams")))
    if role in {Role.COORDINATOR, Role.ADMINISTRATOR}:
        items.append((reverse("audit:trail"), _("Audittrail")))
    if role == Role.ADMINISTRATOR:
        items.append((reverse("organisation:admin_home"), _("Beheer")))
    items.append((reverse("accounts:profile"), _("Mijn account")))
    return tuple(items)


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated or user.organisation_id is None:
        return {"nav_items": []}
    items = _menu(get_script_prefix(), get_urlconf(), user.role, user.primary_team_id)
    path = request.path
    # The most specific matching item is the current one: /teams/1/casusoverleg/ is not "Teams".
    matches = [url for url, _label in items if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default=None)
    nav = [{"url": url, "label": label, "current": url == current} for url, label in items]
    return {
        "nav_items": nav,
        "shell_team_name": user.primary_team_name,
        "shell_role": user.get_role_display(),
    }
