"""What the pages of the databank share: the actor, breadcrumbs, the form-or-redirect pattern."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from buurtteam.core.forms import add_service_errors
from buurtteam.volunteers.querysets import may_use_databank

if TYPE_CHECKING:
    from django.forms import BaseForm

    from buurtteam.accounts.models import User


def databank_actor(request: HttpRequest) -> User:
    """The logged-in staff member, if they use the databank; anyone else (a policy officer) gets 404."""
    user = cast("User", request.user)
    if not may_use_databank(user):
        raise Http404
    return user


def crumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    """Breadcrumbs from the sociale basis start page; the last item is the current page."""
    trail = [(_("Sociale basis"), reverse("workspace:social_basis")), *items]
    return [{"label": str(label), "url": url} for label, url in trail]


def volunteers_crumb() -> tuple[str, str]:
    return _("Vrijwilligers"), reverse("volunteers:volunteer_list")


def requests_crumb() -> tuple[str, str]:
    return _("Hulpvragen"), reverse("volunteers:request_list")


def try_service(request: HttpRequest, form: BaseForm, call: Callable[[], Any], done: str) -> Any:
    """Run a service for a valid form: a Dutch message and the result, or the error on the form (``None``).
    A ``PermissionError`` is a 404, as everywhere."""
    try:
        result = call()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    except PermissionError as exc:
        raise Http404 from exc
    messages.success(request, done)
    return result if result is not None else True


def go(url: str, anchor: str = "") -> HttpResponse:
    return redirect(f"{url}#{anchor}" if anchor else url)
