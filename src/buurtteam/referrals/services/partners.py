"""The partner directory: kept by the functional administrator of the organisation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.roles import Role
from buurtteam.referrals.models import SPECIALIST_KINDS, PartnerContact, PartnerOrganisation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

PARTNER_FIELDS = (
    "name",
    "kind",
    "is_specialist",
    "offer",
    "usual_wait_weeks",
    "phone",
    "email",
    "website",
    "address",
    "notes",
    "active",
)
CONTACT_FIELDS = ("name", "function", "phone", "email")


def _require_administrator(actor: Actor) -> int:
    if actor.role != Role.ADMINISTRATOR or actor.organisation_id is None:
        raise PermissionError("only a functional administrator keeps the partner directory")
    return actor.organisation_id


def _apply(obj: Any, changes: dict[str, Any], allowed: tuple[str, ...]) -> list[str]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = sorted(name for name, value in changes.items() if getattr(obj, name) != value)
    for name, value in changes.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)
    return changed


@transaction.atomic
def partner_save(
    *, actor: Actor, partner: PartnerOrganisation | None = None, **changes: Any
) -> PartnerOrganisation:
    """Create (``partner=None``) or change a partner. A new partner of a specialist kind counts as specialist
    care unless ``is_specialist`` is given."""
    organisation_id = _require_administrator(actor)
    creating = partner is None
    obj = partner or PartnerOrganisation(organisation_id=organisation_id)
    if obj.organisation_id != organisation_id:
        raise PermissionError("partner of another organisation")
    if creating and "is_specialist" not in changes:
        changes["is_specialist"] = changes.get("kind") in SPECIALIST_KINDS
    fields = _apply(obj, changes, PARTNER_FIELDS)
    obj.full_clean()
    obj.save()
    record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        object_type="partner",
        object_id=obj.pk,
        details={"fields": fields},
    )
    return obj


@transaction.atomic
def contact_save(
    *, actor: Actor, partner: PartnerOrganisation, contact: PartnerContact | None = None, **changes: Any
) -> PartnerContact:
    organisation_id = _require_administrator(actor)
    if partner.organisation_id != organisation_id:
        raise PermissionError("partner of another organisation")
    creating = contact is None
    obj = contact or PartnerContact(partner=partner)
    if obj.partner_id != partner.pk:
        raise PermissionError("contact of another partner")
    fields = _apply(obj, changes, CONTACT_FIELDS)
    obj.full_clean()
    obj.save()
    record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        object_type="partner_contact",
        object_id=obj.pk,
        details={"fields": fields, "partner": partner.pk},
    )
    return obj


@transaction.atomic
def contact_delete(*, actor: Actor, contact: PartnerContact) -> None:
    organisation_id = _require_administrator(actor)
    if contact.partner.organisation_id != organisation_id:
        raise PermissionError("contact of another organisation")
    pk = contact.pk
    contact.delete()
    record(actor=actor, action=Action.DELETE, object_type="partner_contact", object_id=pk)
