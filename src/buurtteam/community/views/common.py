"""What the community views share: the acting user and running a service on a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from buurtteam.core.forms import add_service_errors
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from django.forms import BaseForm

    from buurtteam.accounts.models import User


def actor_of(request: HttpRequest) -> User:
    return cast("User", request.user)


def person_worker(request: HttpRequest) -> User:
    """Someone who works with persons: staff of an organisation, not a policy officer (404 otherwise)."""
    actor = actor_of(request)
    if actor.organisation_id is None or actor.role == Role.POLICY_OFFICER:
        raise Http404
    return actor


def run(form: BaseForm, call: Callable[[], object]) -> bool:
    """Validate, call the service; False (with the Dutch message on the form) when refused."""
    if not form.is_valid():
        return False
    try:
        call()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    except PermissionError as exc:
        raise Http404 from exc
    return True
