"""What the community services share: text checks and the audit record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

RESIDENT = "resident"


def text(value: str, field: str, *, limit: int, required: bool = False, missing: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: missing or _("Vul dit veld in.")})
    if len(value) > limit:
        raise ValidationError({field: _("Deze tekst is te lang (hoogstens %(n)d tekens).") % {"n": limit}})
    return value


def require_staff(actor: Actor) -> int:
    """Person-level work: staff of an organisation, never a policy officer. The organisation's id."""
    organisation_id = actor.organisation_id
    if not getattr(actor, "is_authenticated", False) or organisation_id is None:
        raise PermissionError("no organisation")
    if actor.role == Role.POLICY_OFFICER:
        raise PermissionError("a policy officer works with totals only")
    return int(organisation_id)


def municipality_id(actor: Actor) -> int | None:
    """The municipality of the actor's organisation (whose buurten signals are about)."""
    from buurtteam.organisation.models import Organisation

    organisation_id = actor.organisation_id
    if organisation_id is None:
        return None
    found = (
        Organisation.objects.visible_to(actor)
        .filter(pk=organisation_id)
        .values_list("municipality_id", flat=True)
        .first()
    )
    return int(found) if found is not None else None


def audit(
    actor: Actor,
    action: Action,
    object_type: str,
    object_id: object,
    *,
    resident_id: int | None = None,
    team_id: int | None = None,
    **extra: Any,
) -> None:
    record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        subject_type=RESIDENT if resident_id is not None else "",
        subject_id=resident_id,
        subject_team_id=team_id,
        **extra,
    )
