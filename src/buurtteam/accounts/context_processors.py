"""What every page's shell needs: the user's team and the navigation for their role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtteam.accounts.models import User
from buurtteam.core.roles import Role


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_authenticated or user.organisation_id is None:
        return {"nav_items": []}
    items = [(reverse("workspace:home"), _("Start")), (reverse("workspace:team_list"), _("Teams"))]
    if user.role in {Role.COORDINATOR, Role.ADMINISTRATOR}:
        items.append((reverse("audit:trail"), _("Audittrail")))
    if user.role == Role.ADMINISTRATOR:
        items.append((reverse("organisation:admin_home"), _("Beheer")))
    items.append((reverse("accounts:profile"), _("Mijn account")))
    path = request.path
    nav = [
        {"url": url, "label": label, "current": path == url or (url != "/" and path.startswith(url))}
        for url, label in items
    ]
    return {
        "nav_items": nav,
        "shell_team_name": user.primary_team_name,
        "shell_role": user.get_role_display(),
    }
