"""Writes to the tenant's structure: keyword-only, transactional, validated and audited.

Only a functional administrator of the organisation changes its structure (see docs/permissions.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models, transaction

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Discipline, Location, Municipality, Organisation, Provider, Team

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

M = TypeVar("M", bound=models.Model)

DEFAULT_DISCIPLINES = [
    ("social-work", "Maatschappelijk werk"),
    ("mee-consultant", "MEE-consulent"),
    ("youth-family", "Jeugd- en gezinswerk"),
    ("community-nurse", "Wijkverpleging"),
    ("debt-counsellor", "Schuldhulpverlening"),
    ("mental-health", "GGZ"),
    ("wmo-consultant", "Wmo-consulent"),
    ("expert-by-experience", "Ervaringsdeskundige"),
    ("safety-lead", "Aandachtsfunctionaris huiselijk geweld"),
    ("social-basis-lead", "Aandachtsfunctionaris sociale basis"),
]


def _require_administrator(actor: Actor) -> None:
    if actor.role != Role.ADMINISTRATOR or actor.organisation_id is None:
        raise PermissionError("only a functional administrator changes the organisation")


def _tenant_id(actor: Actor) -> int:
    if actor.organisation_id is None:
        raise PermissionError("actor belongs to no organisation")
    return actor.organisation_id


def _check_tenant(actor: Actor, objects: list[Any]) -> None:
    for obj in objects:
        if getattr(obj, "organisation_id", actor.organisation_id) != actor.organisation_id:
            raise PermissionError("object of another organisation")


def _save(obj: M, *, actor: Actor, object_type: str, creating: bool, fields: list[str]) -> M:
    obj.full_clean()
    obj.save()
    record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        object_type=object_type,
        object_id=obj.pk,
        details={"fields": fields},
    )
    return obj


def _apply(obj: M, changes: dict[str, Any], allowed: tuple[str, ...]) -> list[str]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = [name for name, value in changes.items() if getattr(obj, name) != value]
    for name, value in changes.items():
        setattr(obj, name, value)
    return sorted(changed)


# --- Organisation -----------------------------------------------------------------------------
@transaction.atomic
def organisation_create(
    *, name: str, municipality: Municipality, kind: str = Organisation.Kind.PROVIDER
) -> Organisation:
    """Set up a new tenant with the default disciplines. Run by the platform (command line), not by a user."""
    org = Organisation(name=name, municipality=municipality, kind=kind)
    org.full_clean()
    org.save()
    Discipline.objects.bulk_create(
        [Discipline(organisation=org, code=code, name=label) for code, label in DEFAULT_DISCIPLINES]
    )
    record(
        actor=None, action=Action.CREATE, object_type="organisation", object_id=org.pk, organisation_id=org.pk
    )
    return org


ORGANISATION_FIELDS = (
    "name",
    "kind",
    "email",
    "phone",
    "bsn_enabled",
    "intake_conversation_limit",
    "pickup_target_working_days",
    "reopen_window_days",
    "stuck_after_weeks",
    "map_stale_after_months",
    "map_public",
)


@transaction.atomic
def organisation_update(*, actor: Actor, organisation: Organisation, **changes: Any) -> Organisation:
    _require_administrator(actor)
    if organisation.pk != actor.organisation_id:
        raise PermissionError("another organisation")
    fields = _apply(organisation, changes, ORGANISATION_FIELDS)
    return _save(organisation, actor=actor, object_type="organisation", creating=False, fields=fields)


# --- Providers, disciplines, locations --------------------------------------------------------
PROVIDER_FIELDS = ("name", "kvk_number")
DISCIPLINE_FIELDS = ("code", "name")
LOCATION_FIELDS = (
    "name",
    "kind",
    "street",
    "house_number",
    "postcode",
    "city",
    "neighbourhood",
    "opening_hours",
)


@transaction.atomic
def provider_save(*, actor: Actor, provider: Provider | None = None, **changes: Any) -> Provider:
    _require_administrator(actor)
    creating = provider is None
    obj = provider or Provider(organisation_id=_tenant_id(actor))
    _check_tenant(actor, [obj])
    fields = _apply(obj, changes, PROVIDER_FIELDS)
    return _save(obj, actor=actor, object_type="provider", creating=creating, fields=fields)


@transaction.atomic
def discipline_save(*, actor: Actor, discipline: Discipline | None = None, **changes: Any) -> Discipline:
    _require_administrator(actor)
    creating = discipline is None
    obj = discipline or Discipline(organisation_id=_tenant_id(actor))
    _check_tenant(actor, [obj])
    fields = _apply(obj, changes, DISCIPLINE_FIELDS)
    return _save(obj, actor=actor, object_type="discipline", creating=creating, fields=fields)


@transaction.atomic
def location_save(*, actor: Actor, location: Location | None = None, **changes: Any) -> Location:
    _require_administrator(actor)
    creating = location is None
    obj = location or Location(organisation_id=_tenant_id(actor))
    _check_tenant(actor, [obj])
    fields = _apply(obj, changes, LOCATION_FIELDS)
    return _save(obj, actor=actor, object_type="location", creating=creating, fields=fields)


# --- Teams ------------------------------------------------------------------------------------
TEAM_FIELDS = ("name", "email", "phone", "is_active")


@transaction.atomic
def team_save(
    *,
    actor: Actor,
    team: Team | None = None,
    neighbourhoods: list[Any] | None = None,
    locations: list[Location] | None = None,
    providers: list[Provider] | None = None,
    **changes: Any,
) -> Team:
    """Create or change a team. A buurt is served by at most one active team of the organisation."""
    _require_administrator(actor)
    creating = team is None
    obj = team or Team(organisation_id=_tenant_id(actor))
    _check_tenant(actor, [obj, *(locations or []), *(providers or [])])
    fields = _apply(obj, changes, TEAM_FIELDS)
    _save(obj, actor=actor, object_type="team", creating=creating, fields=fields)
    if neighbourhoods is not None:
        taken = (
            Team.objects.visible_to(actor)
            .filter(is_active=True, neighbourhoods__in=neighbourhoods)
            .exclude(pk=obj.pk)
            .values_list("neighbourhoods__name", "name")
            .distinct()
        )
        clashes = [(n, t) for n, t in taken if n in {nb.name for nb in neighbourhoods}]
        if clashes:
            from django.core.exceptions import ValidationError
            from django.utils.translation import gettext as _

            raise ValidationError(
                {
                    "neighbourhoods": [
                        _("Buurt %(buurt)s hoort al bij team %(team)s.") % {"buurt": n, "team": t}
                        for n, t in clashes
                    ]
                }
            )
        obj.neighbourhoods.set(neighbourhoods)
    with system_access("many-to-many update inside team service"):  # targets were checked above
        if locations is not None:
            obj.locations.set(locations)
        if providers is not None:
            obj.providers.set(providers)
    return obj
