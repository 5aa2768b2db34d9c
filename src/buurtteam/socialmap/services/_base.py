"""What every write to the map shares: who may write, applying changes, the audit event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.socialmap.rules import can_edit_map

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def require_editor(actor: Actor) -> int:
    """The actor's organisation id; ``PermissionError`` for anyone who may not change the map."""
    if not can_edit_map(actor) or actor.organisation_id is None:
        raise PermissionError("only map editors change the sociale kaart")
    return int(actor.organisation_id)


def require_own(obj: Any, organisation_id: int) -> None:
    if obj.organisation_id != organisation_id:
        raise PermissionError("entry of another organisation's map")


def apply_changes(obj: Any, changes: dict[str, Any], allowed: tuple[str, ...]) -> list[str]:
    """Set ``changes`` on ``obj`` (strings stripped); the names of the fields that really changed."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed: list[str] = []
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if value is None and _is_text(obj, name):
            value = ""
        if getattr(obj, name) != value:
            changed.append(name)
        setattr(obj, name, value)
    return sorted(changed)


def _is_text(obj: Any, name: str) -> bool:
    field = obj._meta.get_field(name.removesuffix("_id"))
    return field.get_internal_type() in {"CharField", "TextField", "EmailField", "URLField"}


def full_clean(obj: Any, *, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)


def mark_checked_now(obj: Any, actor: Actor) -> None:
    obj.last_checked_on = timezone.localdate()
    obj.checked_by_id = actor.pk


def audit(actor: Actor, action: Action, object_type: str, object_id: object, **details: Any) -> None:
    record(actor=actor, action=action, object_type=object_type, object_id=object_id, details=details)


def field_error(field: str, message: Any) -> ValidationError:
    return ValidationError({field: [message]})


NOT_ON_MAP = _("Kies een organisatie van de eigen sociale kaart.")
