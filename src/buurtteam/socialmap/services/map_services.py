"""Services and activities on the map (HSDS service), with their terms, locations and schedules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.socialmap.models import MapLocation, MapService, Schedule, ServiceAtLocation, TaxonomyTerm
from buurtteam.socialmap.schedules import validate_byday
from buurtteam.socialmap.search import refresh_search_documents, refresh_search_rows
from buurtteam.socialmap.services._base import (
    apply_changes,
    audit,
    field_error,
    mark_checked_now,
    require_editor,
    require_own,
)
from buurtteam.socialmap.services.locations import own_organization_id

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

SERVICE_FIELDS = (
    "map_organization_id",
    "kind",
    "status",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "phone",
    "contact_name",
    "is_free",
    "fees_description",
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "application_process",
    "interpretation_services",
    "wait_time",
    "languages",
)
SCHEDULE_FIELDS = (
    "freq",
    "interval",
    "byday",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "description",
)
MAX_SCHEDULES = 10
OBJECT_TYPE = "map_service"
_LANGUAGES = re.compile(r"^[a-z]{2}(,[a-z]{2})*$")


def _languages(value: str) -> str:
    cleaned = ",".join(part.strip().lower() for part in (value or "").split(",") if part.strip())
    if cleaned and not _LANGUAGES.match(cleaned):
        raise field_error(
            "languages", _("Geef talen als codes van twee letters, gescheiden door komma's, bijv. nl,en,ar.")
        )
    return cleaned


def _own_ids(actor: Actor, model: Any, ids: Sequence[int], field: str, message: str) -> list[int]:
    wanted = sorted({int(i) for i in ids})
    found = set(model.objects.visible_to(actor).filter(pk__in=wanted).values_list("pk", flat=True))
    if len(found) != len(wanted):
        raise field_error(field, message)
    return wanted


def _schedule_rows(actor: Actor, organisation_id: int, schedules: Sequence[dict[str, Any]]) -> list[Schedule]:
    if len(schedules) > MAX_SCHEDULES:
        raise field_error("schedules", _("Geef hoogstens %(n)s roosters op.") % {"n": MAX_SCHEDULES})
    rows: list[Schedule] = []
    errors: list[str] = []
    for number, data in enumerate(schedules, start=1):
        unknown = set(data) - set(SCHEDULE_FIELDS)
        if unknown:
            raise TypeError(f"unknown schedule fields: {sorted(unknown)}")
        row = Schedule(organisation_id=organisation_id)
        apply_changes(row, data, SCHEDULE_FIELDS)
        row.byday = (row.byday or "").replace(" ", "").upper()
        row.interval = row.interval or 1
        problems: list[str] = []
        if row.freq not in Schedule.Freq.values:
            problems.append(_("kies wekelijks of maandelijks"))
        else:
            problem = validate_byday(row.freq, row.byday)
            if problem:
                problems.append(problem)
        if row.opens_at and row.closes_at and row.closes_at <= row.opens_at:
            problems.append(_("de eindtijd moet na de begintijd liggen"))
        if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
            problems.append(_("‘geldig tot’ ligt voor ‘geldig vanaf’"))
        try:
            row.full_clean(exclude=["service", "location", "service_at_location"])
        except ValidationError as exc:
            problems += [str(m) for m in exc.messages]
        if problems:
            errors.append(_("Rooster %(n)s: %(problems)s.") % {"n": number, "problems": "; ".join(problems)})
        rows.append(row)
    if errors:
        raise ValidationError({"schedules": errors})
    return rows


@transaction.atomic
def service_save(
    *,
    actor: Actor,
    service: MapService | None = None,
    term_ids: Sequence[int] | None = None,
    location_ids: Sequence[int] | None = None,
    schedules: Sequence[dict[str, Any]] | None = None,
    **changes: Any,
) -> MapService:
    """Create or change a service. ``term_ids``, ``location_ids`` and ``schedules`` replace what the service
    had, when given; everything is checked before anything is written."""
    organisation_id = require_editor(actor)
    creating = service is None
    obj = service or MapService(organisation_id=organisation_id)
    require_own(obj, organisation_id)
    if "map_organization_id" in changes:
        changes["map_organization_id"] = own_organization_id(actor, changes["map_organization_id"])
    if "languages" in changes:
        changes["languages"] = _languages(changes["languages"] or "")
    fields = apply_changes(obj, changes, SERVICE_FIELDS)
    terms = (
        _own_ids(
            actor, TaxonomyTerm, term_ids, "term_ids", _("Kies leefgebieden en doelgroepen van de kaart.")
        )
        if term_ids is not None
        else None
    )
    places = (
        _own_ids(
            actor, MapLocation, location_ids, "location_ids", _("Kies locaties van de eigen sociale kaart.")
        )
        if location_ids is not None
        else None
    )
    rows = _schedule_rows(actor, organisation_id, schedules) if schedules is not None else None
    if creating:
        mark_checked_now(obj, actor)
    obj.full_clean()
    obj.save()
    if terms is not None and _set_terms(obj, terms):
        fields.append("terms")
    if places is not None and _set_locations(actor, obj, places):
        fields.append("locations")
    if rows is not None:
        Schedule.objects.visible_to(actor).filter(service=obj).delete()
        for row in rows:
            row.service = obj
        Schedule.objects.bulk_create(rows)
        fields.append("schedules")
    refresh_search_documents([obj.pk])
    audit(actor, Action.CREATE if creating else Action.UPDATE, OBJECT_TYPE, obj.pk, fields=sorted(fields))
    return obj


def _set_terms(service: MapService, term_ids: list[int]) -> bool:
    # The through table holds no tenant column: both ends were checked to be on the actor's map.
    through = MapService.terms.through
    links = through.objects.filter(mapservice_id=service.pk)
    before = set(links.values_list("taxonomyterm_id", flat=True))
    if before == set(term_ids):
        return False
    links.exclude(taxonomyterm_id__in=term_ids).delete()
    through.objects.bulk_create(
        through(mapservice_id=service.pk, taxonomyterm_id=pk) for pk in sorted(set(term_ids) - before)
    )
    return True


def _set_locations(actor: Actor, service: MapService, location_ids: list[int]) -> bool:
    links = ServiceAtLocation.objects.visible_to(actor).filter(service=service)
    before = set(links.values_list("location_id", flat=True))
    wanted = set(location_ids)
    if before == wanted:
        return False
    links.exclude(location_id__in=wanted).delete()
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(organisation_id=service.organisation_id, service=service, location_id=pk)
        for pk in sorted(wanted - before)
    )
    return True


@transaction.atomic
def service_retire(*, actor: Actor, service: MapService) -> MapService:
    """Take a service off the map: it is kept as ‘opgeheven’ (references and exports stay valid)."""
    organisation_id = require_editor(actor)
    require_own(service, organisation_id)
    if service.status == MapService.Status.DEFUNCT:
        raise ValidationError(_("Deze activiteit is al opgeheven."))
    service.status = MapService.Status.DEFUNCT
    service.save(update_fields=["status", "updated_at"])
    refresh_search_rows([service.pk])
    audit(actor, Action.UPDATE, OBJECT_TYPE, service.pk, fields=["status"], status=service.status)
    return service
