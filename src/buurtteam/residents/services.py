"""Writes of residents, households and their network: transactional, validated, audited."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Organisation, Postcode, Team
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.residents.models import (
    BreakGlassAccess,
    Household,
    HouseholdMember,
    NetworkMember,
    Relation,
    Resident,
)
from buurtteam.residents.validators import normalise_bsn

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

RESIDENT = "resident"
BREAK_GLASS_HOURS = 24
RESIDENT_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "gender",
    "bsn",
    "street",
    "house_number",
    "postcode",
    "city",
    "phone",
    "email",
    "preferred_language",
    "interpreter_needed",
)


def _organisation(actor: Actor) -> Organisation:
    if actor.organisation_id is None or actor.role == Role.POLICY_OFFICER:
        raise PermissionError("this actor does not work with residents")
    return Organisation.objects.visible_to(actor).get(pk=actor.organisation_id)


def _audit(
    actor: Actor, action: Action, resident: Resident, object_type: str, object_id: object, **extra: Any
) -> None:
    record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        subject_type=RESIDENT,
        subject_id=resident.pk,
        subject_team_id=resident.team_id,
        **extra,
    )


def _place(resident: Resident, organisation: Organisation) -> None:
    """Postcode -> buurt -> responsible team. A postcode outside the municipality is refused."""
    if not resident.postcode:
        resident.neighbourhood = None
        return
    try:
        resident.postcode = normalise_postcode(resident.postcode)
    except ValidationError as exc:
        raise ValidationError({"postcode": exc.messages}) from exc
    row = (
        Postcode.objects.filter(
            postcode=resident.postcode, neighbourhood__district__municipality_id=organisation.municipality_id
        )
        .select_related("neighbourhood")
        .first()
    )
    if row is None:
        raise ValidationError(
            {
                "postcode": _("Deze postcode ligt niet in de gemeente %(name)s.")
                % {"name": organisation.municipality}
            }
        )
    resident.neighbourhood = row.neighbourhood
    with system_access("responsible team for an address"):
        team = (
            Team.objects.filter(
                organisation_id=organisation.pk, is_active=True, neighbourhoods=row.neighbourhood_id
            )
            .only("pk")
            .first()
        )
    resident.team_id = team.pk if team else None


def _clean(resident: Resident, organisation: Organisation) -> None:
    if resident.bsn:
        if not organisation.bsn_enabled:
            raise ValidationError({"bsn": _("Uw organisatie legt geen BSN vast.")})
        try:
            resident.bsn = normalise_bsn(resident.bsn)
        except ValidationError as exc:
            raise ValidationError({"bsn": exc.messages}) from exc
    if resident.birth_date and resident.birth_date > timezone.localdate():
        raise ValidationError({"birth_date": _("De geboortedatum ligt in de toekomst.")})
    if resident.birth_date and resident.birth_date < datetime.date(1900, 1, 1):
        raise ValidationError({"birth_date": _("Controleer de geboortedatum.")})
    _place(resident, organisation)
    resident.full_clean()


@transaction.atomic
def resident_create(
    *, actor: Actor, household: Household | None = None, relation: str = Relation.SELF, **data: Any
) -> Resident:
    """A new resident, in a new household of their own unless one is given."""
    organisation = _organisation(actor)
    unknown = set(data) - set(RESIDENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown resident fields: {sorted(unknown)}")
    resident = Resident(organisation=organisation, created_by_id=actor.pk, **data)
    _clean(resident, organisation)
    if resident.team_id is None and actor.primary_team_id is not None:
        resident.team_id = actor.primary_team_id  # no known address: the registering team is responsible
    resident.save()
    if household is None:
        household = Household.objects.create(
            organisation=organisation,
            name=_("Huishouden %(name)s") % {"name": resident.last_name},
            team_id=resident.team_id,
        )
        _audit(actor, Action.CREATE, resident, "household", household.pk)
    elif household.organisation_id != organisation.pk:
        raise PermissionError("household of another organisation")
    HouseholdMember.objects.create(
        household=household, resident=resident, relation=relation, is_contact=relation == Relation.SELF
    )
    _audit(actor, Action.CREATE, resident, RESIDENT, resident.pk)
    return resident


@transaction.atomic
def resident_update(*, actor: Actor, resident: Resident, **changes: Any) -> Resident:
    organisation = _organisation(actor)
    if resident.organisation_id != organisation.pk:
        raise PermissionError("resident of another organisation")
    unknown = set(changes) - set(RESIDENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown resident fields: {sorted(unknown)}")
    changed = sorted(k for k, v in changes.items() if getattr(resident, k) != v)
    for name, value in changes.items():
        setattr(resident, name, value)
    _clean(resident, organisation)
    resident.save()
    _audit(actor, Action.UPDATE, resident, RESIDENT, resident.pk, details={"fields": changed})
    return resident


NETWORK_FIELDS = ("kind", "role", "name", "organisation_name", "phone", "email", "note")


@transaction.atomic
def network_member_save(
    *, actor: Actor, household: Household, member: NetworkMember | None = None, **data: Any
) -> NetworkMember:
    organisation = _organisation(actor)
    if household.organisation_id != organisation.pk:
        raise PermissionError("household of another organisation")
    unknown = set(data) - set(NETWORK_FIELDS)
    if unknown:
        raise TypeError(f"unknown network fields: {sorted(unknown)}")
    creating = member is None
    obj = member or NetworkMember(household=household)
    if obj.household_id != household.pk:
        raise PermissionError("network member of another household")
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    contact = (
        household.members.model.objects.visible_to(actor)
        .filter(household=household)
        .select_related("resident")
        .first()
    )
    record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        object_type="network_member",
        object_id=obj.pk,
        subject_type=RESIDENT,
        subject_id=contact.resident_id if contact else None,
        subject_team_id=household.team_id,
    )
    return obj


@transaction.atomic
def household_member_add(
    *, actor: Actor, household: Household, resident: Resident, relation: str
) -> HouseholdMember:
    organisation = _organisation(actor)
    if household.organisation_id != organisation.pk or resident.organisation_id != organisation.pk:
        raise PermissionError("another organisation")
    if relation not in Relation.values:
        raise ValidationError({"relation": _("Kies een relatie.")})
    with system_access("uniqueness of a household member"):
        if HouseholdMember.objects.filter(household=household, resident=resident).exists():
            raise ValidationError(_("%(name)s hoort al bij dit huishouden.") % {"name": resident.full_name})
    member = HouseholdMember.objects.create(household=household, resident=resident, relation=relation)
    _audit(actor, Action.UPDATE, resident, "household_member", member.pk, details={"household": household.pk})
    return member


@transaction.atomic
def break_glass(*, actor: Actor, resident_id: int, reason: str) -> BreakGlassAccess:
    """Emergency access to a resident outside the actor's area. Needs a real reason; audited and reviewed."""
    organisation = _organisation(actor)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": _("Beschrijf waarom u deze gegevens nu nodig heeft (minstens 10 tekens).")}
        )
    with system_access("break the glass"):
        resident = Resident.objects.filter(pk=resident_id, organisation_id=organisation.pk).first()
    if resident is None:
        raise PermissionError("no such resident in this organisation")
    grant = BreakGlassAccess.objects.create(
        organisation=organisation,
        user_id=actor.pk,
        resident=resident,
        reason=reason,
        expires_at=timezone.now() + datetime.timedelta(hours=BREAK_GLASS_HOURS),
    )
    _audit(actor, Action.BREAK_GLASS, resident, "break_glass", grant.pk, reason=reason)
    return grant


@transaction.atomic
def break_glass_review(*, actor: Actor, grant: BreakGlassAccess, note: str) -> BreakGlassAccess:
    if actor.role != Role.COORDINATOR or grant.organisation_id != actor.organisation_id:
        raise PermissionError("only a coordinator reviews emergency access")
    if grant.user_id == actor.pk:
        raise ValidationError(_("U kunt uw eigen noodtoegang niet zelf beoordelen."))
    if not BreakGlassAccess.objects.visible_to(actor).filter(pk=grant.pk).exists():
        raise PermissionError("grant of someone outside the coordinator's teams")
    if grant.reviewed_at is not None:
        raise ValidationError(_("Deze noodtoegang is al beoordeeld."))
    grant.reviewed_by_id = actor.pk
    grant.reviewed_at = timezone.now()
    grant.review_note = (note or "").strip()
    grant.full_clean()
    grant.save(update_fields=["reviewed_by", "reviewed_at", "review_note"])
    record(
        actor=actor,
        action=Action.UPDATE,
        object_type="break_glass_review",
        object_id=grant.pk,
        subject_type=RESIDENT,
        subject_id=grant.resident_id,
    )
    return grant
