"""Rows of the map as HSDS 3.0 objects (the shapes of the official compiled schemas).

``service_batch`` turns a batch of services into full service objects with a fixed number of queries,
whatever the batch size: the export, the public API and the tests all use it.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import translation

from buurtteam.socialmap.exchange.profile import (
    PROFILE_TAXONOMY_ID,
    PROFILE_TAXONOMY_NAME,
    PROFILE_URI,
    overlay,
    profile_term_id,
    sub_id,
)
from buurtteam.socialmap.models import (
    MapLocation,
    MapOrganization,
    MapService,
    Schedule,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

# The buurtteam attributes: link_type -> the choices whose labels name the terms.
PROFILE_ATTRIBUTES = ("service_kind", "location_kind", "last_checked_on")


@dataclass(frozen=True)
class PublicReader:
    """The caller of the public HSDS API: reads one organisation's map (tenant data, never persons).

    Only map querysets are ever scoped with it; their rule needs nothing but the organisation.
    """

    organisation_id: int
    pk: None = None
    username: str = ""
    role: str = "public"
    is_authenticated: bool = True
    team_ids: frozenset[int] = frozenset()
    primary_team_id: None = None
    primary_team_name: str = ""


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Optional fields: left out when empty (an empty e-mail address or URI is not valid HSDS)."""
    if value not in (None, ""):
        target[key] = value


def _extras(target: dict[str, Any], extra: dict[str, Any], *, attributes: bool = False) -> None:
    """The imported HSDS fields without a column, where the row did not fill them itself. Attributes only
    when asked: organisations and locations merge them with their own (``_checked_attributes``)."""
    for key, value in (extra.get("fields") or {}).items():
        if key not in target and (attributes or key != "attributes"):
            target[key] = value


def _iso(value: datetime.date | datetime.time | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- Taxonomies ---------------------------------------------------------------------------------------
def profile_taxonomy_json() -> dict[str, Any]:
    return {
        "id": str(PROFILE_TAXONOMY_ID),
        "name": PROFILE_TAXONOMY_NAME,
        "description": "Begrippen van buurtteam waarvoor HSDS geen veld heeft (zie docs/hsds.md).",
        "uri": PROFILE_URI,
        "version": "1.0",
    }


def _profile_label(link_type: str, value: str) -> str:
    with translation.override("nl"):
        if link_type == "service_kind":
            return str(MapService.Kind(value).label) if value in MapService.Kind.values else value
        if link_type == "location_kind":
            return str(MapLocation.Kind(value).label) if value in MapLocation.Kind.values else value
    return "Laatst gecontroleerd op"


def profile_code(link_type: str, value: str) -> str:
    return link_type if link_type == "last_checked_on" else f"{link_type}:{value}"


@lru_cache(maxsize=64)
def profile_term_json(link_type: str, value: str) -> dict[str, Any]:
    """(Cached: shared by every row that has the term; never changed by a caller.)"""
    code = profile_code(link_type, value)
    return {
        "id": profile_term_id(code),
        "code": code,
        "name": _profile_label(link_type, value),
        "description": "",
        "taxonomy": PROFILE_TAXONOMY_NAME,
        "taxonomy_id": str(PROFILE_TAXONOMY_ID),
        "taxonomy_detail": profile_taxonomy_json(),
    }


def profile_attribute(parent: uuid.UUID, entity: str, link_type: str, value: str) -> dict[str, Any]:
    term_value = "" if link_type == "last_checked_on" else value
    return {
        "id": sub_id(parent, f"attribute:{link_type}"),
        "link_id": str(parent),
        "taxonomy_term_id": profile_term_id(profile_code(link_type, term_value)),
        "link_type": link_type,
        "link_entity": entity,
        "value": value,
        "taxonomy_term": profile_term_json(link_type, term_value),
    }


def taxonomy_json(taxonomy: Taxonomy) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": str(taxonomy.hsds_id),
        "name": taxonomy.name,
        "description": taxonomy.description,
    }
    _put(result, "uri", taxonomy.uri)
    _put(result, "version", taxonomy.version)
    return result


def term_json(term: TaxonomyTerm, *, parent_hsds_id: uuid.UUID | None = None) -> dict[str, Any]:
    """A term with its taxonomy (``term.taxonomy`` must be loaded)."""
    result: dict[str, Any] = {"id": str(term.hsds_id)}
    _put(result, "code", term.code)
    result["name"] = term.name
    result["description"] = term.description
    if parent_hsds_id is not None:
        result["parent_id"] = str(parent_hsds_id)
    # An imported ``taxonomy`` text is given back as it came (the standard does not say it is the name).
    result["taxonomy"] = (term.hsds_extra.get("fields") or {}).get("taxonomy") or term.taxonomy.name
    result["taxonomy_id"] = str(term.taxonomy.hsds_id)
    result["taxonomy_detail"] = taxonomy_json(term.taxonomy)
    _put(result, "term_uri", term.term_uri)
    _extras(result, term.hsds_extra)  # language, metadata, a parent_id the map could not link
    return result


# --- Organisations, locations, schedules ---------------------------------------------------------------
def _checked_attributes(row: MapOrganization | MapLocation, entity: str) -> list[dict[str, Any]]:
    attributes: list[dict[str, Any]] = []
    if isinstance(row, MapLocation):
        attributes.append(profile_attribute(row.hsds_id, entity, "location_kind", row.kind))
    if row.last_checked_on is not None:
        attributes.append(
            profile_attribute(row.hsds_id, entity, "last_checked_on", row.last_checked_on.isoformat())
        )
    attributes += [
        a for a in (row.hsds_extra.get("fields") or {}).get("attributes") or [] if isinstance(a, dict)
    ]
    return attributes


def organization_json(org: MapOrganization) -> dict[str, Any]:
    result: dict[str, Any] = {"id": str(org.hsds_id), "name": org.name}
    _put(result, "alternate_name", org.alternate_name)
    result["description"] = org.description
    _put(result, "email", org.email)
    _put(result, "website", org.website)
    result.update(overlay("organization", org.hsds_id, {"phone": org.phone}, org.hsds_extra))
    result["attributes"] = _checked_attributes(org, "organization")
    _extras(result, org.hsds_extra)
    return result


SCHEDULE_VALUES = (
    "pk",
    "hsds_id",
    "service_id",
    "location_id",
    "service_at_location_id",
    "service__hsds_id",
    "location__hsds_id",
    "service_at_location__hsds_id",
    "valid_from",
    "valid_to",
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "description",
    "opens_at",
    "closes_at",
    "hsds_extra",
)


def schedule_json(row: dict[str, Any]) -> dict[str, Any]:
    """A schedule from a ``values(*SCHEDULE_VALUES)`` row (with the HSDS ids of what it belongs to)."""
    result: dict[str, Any] = {"id": str(row["hsds_id"])}
    for key in ("service", "location", "service_at_location"):
        if row[f"{key}__hsds_id"] is not None:
            result[f"{key}_id"] = str(row[f"{key}__hsds_id"])
    _put(result, "valid_from", _iso(row["valid_from"]))
    _put(result, "valid_to", _iso(row["valid_to"]))
    _put(result, "freq", row["freq"])
    _put(result, "interval", row["interval"])
    _put(result, "byday", row["byday"])
    _put(result, "bymonthday", row["bymonthday"])
    _put(result, "description", row["description"])
    _put(result, "opens_at", _iso(row["opens_at"]))
    _put(result, "closes_at", _iso(row["closes_at"]))
    _extras(result, row["hsds_extra"], attributes=True)  # dtstart, until, count, notes, attributes, ...
    return result


def location_columns(location: MapLocation) -> dict[str, Any]:
    return {
        "phone": location.phone,
        "email": location.email,
        "address_1": location.address_1,
        "postcode": location.postcode,  # the column ("1234AB"); unfold_addresses writes "1234 AB"
        "city": location.city,
        "accessibility": location.accessibility,
    }


def location_json(location: MapLocation, schedules: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    result: dict[str, Any] = {"id": str(location.hsds_id), "location_type": location.location_type}
    _put(result, "url", location.url)
    if location.map_organization is not None:
        result["organization_id"] = str(location.map_organization.hsds_id)
    _put(result, "name", location.name)
    _put(result, "alternate_name", location.alternate_name)
    _put(result, "description", location.description)
    _put(result, "transportation", location.transportation)
    _put(result, "latitude", location.latitude)
    _put(result, "longitude", location.longitude)
    result.update(overlay("location", location.hsds_id, location_columns(location), location.hsds_extra))
    if schedules:
        result["schedules"] = list(schedules)
    result["attributes"] = _checked_attributes(location, "location")
    _extras(result, location.hsds_extra)
    return result


# --- Services ------------------------------------------------------------------------------------------
def service_columns(service: MapService) -> dict[str, Any]:
    languages = ",".join(c.strip().lower() for c in (service.languages or "").split(",") if c.strip())
    return {
        "phone": service.phone,
        "contact_name": service.contact_name,
        "languages": languages,
        "is_free": service.is_free,
    }


def _service_attributes(
    service: MapService, terms: Sequence[tuple[TaxonomyTerm, dict[str, Any]]]
) -> list[Any]:
    attributes = [profile_attribute(service.hsds_id, "service", "service_kind", service.kind)]
    raw = {
        str(a.get("taxonomy_term_id") or (a.get("taxonomy_term") or {}).get("id")): a
        for a in service.hsds_extra.get("attributes") or []
        if isinstance(a, dict)
    }
    for term, term_object in terms:
        term_id = str(term.hsds_id)
        kept = raw.get(term_id) or {}
        attribute: dict[str, Any] = {
            "id": kept.get("id") or sub_id(service.hsds_id, f"attribute:{term_id}"),
            "link_id": str(service.hsds_id),
            "taxonomy_term_id": term_id,
            "link_type": kept.get("link_type") or term.taxonomy.name[:100],
            "link_entity": "service",
        }
        attribute.update({k: v for k, v in kept.items() if k not in attribute and k != "taxonomy_term"})
        attribute["taxonomy_term"] = term_object
        attributes.append(attribute)
    return attributes


def service_json(
    service: MapService,
    *,
    terms: Sequence[tuple[TaxonomyTerm, dict[str, Any]]],
    schedules: Sequence[dict[str, Any]],
    service_at_locations: Sequence[dict[str, Any]],
    organization: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A full service; ``terms``: its terms (taxonomy loaded) with their HSDS objects."""
    result: dict[str, Any] = {"id": str(service.hsds_id)}
    org = service.map_organization
    if org is not None:
        result["organization_id"] = str(org.hsds_id)
    result["name"] = service.name
    _put(result, "alternate_name", service.alternate_name)
    _put(result, "description", service.description)
    _put(result, "url", service.url)
    _put(result, "email", service.email)
    result["status"] = service.status
    for key in ("interpretation_services", "application_process", "fees_description", "wait_time"):
        _put(result, key, getattr(service, key))
    _put(result, "eligibility_description", service.eligibility_description)
    _put(result, "minimum_age", service.minimum_age)
    _put(result, "maximum_age", service.maximum_age)
    _put(result, "assured_date", _iso(service.last_checked_on))
    result["last_modified"] = service.updated_at.isoformat()
    if schedules:
        result["schedules"] = list(schedules)
    if service_at_locations:
        result["service_at_locations"] = list(service_at_locations)
    if org is not None and organization is not None:
        result["organization"] = organization
    result.update(overlay("service", service.hsds_id, service_columns(service), service.hsds_extra))
    result["attributes"] = _service_attributes(service, terms)
    _extras(result, service.hsds_extra)
    return result


def schedules_by_owner(
    actor: Actor, *, service_ids: Iterable[int], sal_ids: Iterable[int], location_ids: Iterable[int]
) -> dict[str, dict[int, list[dict[str, Any]]]]:
    """The schedules of these owners as HSDS objects, grouped per owner (one query)."""
    service_ids, sal_ids, location_ids = set(service_ids), set(sal_ids), set(location_ids)
    grouped: dict[str, dict[int, list[dict[str, Any]]]] = {"service": {}, "sal": {}, "location": {}}
    if not (service_ids or sal_ids or location_ids):
        return grouped
    rows = (
        Schedule.objects.visible_to(actor)
        .filter(
            Q(service_id__in=service_ids)
            | Q(service_at_location_id__in=sal_ids)
            | Q(location_id__in=location_ids)
        )
        .order_by("pk")
        .values(*SCHEDULE_VALUES)
    )
    for row in rows:
        obj = schedule_json(row)
        if row["service_id"] in service_ids:
            grouped["service"].setdefault(row["service_id"], []).append(obj)
        if row["service_at_location_id"] in sal_ids:
            grouped["sal"].setdefault(row["service_at_location_id"], []).append(obj)
        if row["location_id"] in location_ids:
            grouped["location"].setdefault(row["location_id"], []).append(obj)
    return grouped


def term_parent_ids(actor: Actor, terms: Iterable[TaxonomyTerm]) -> dict[int, uuid.UUID]:
    """HSDS ids of the parents of these terms (one query)."""
    parent_pks = {t.parent_id for t in terms if t.parent_id}
    if not parent_pks:
        return {}
    return dict(TaxonomyTerm.objects.visible_to(actor).filter(pk__in=parent_pks).values_list("pk", "hsds_id"))


def sal_json(
    sal: ServiceAtLocation,
    *,
    service_hsds_id: uuid.UUID,
    location: dict[str, Any],
    schedules: Sequence[dict[str, Any]],
) -> dict[str, Any]:
    """A service at a location with its schedules and its (already built) location object; the caller adds
    ``service`` where the standard nests it (``sal.location`` must be loaded)."""
    result: dict[str, Any] = {
        "id": str(sal.hsds_id),
        "service_id": str(service_hsds_id),
        "location_id": str(sal.location.hsds_id),
    }
    _put(result, "description", sal.description)
    if schedules:
        result["schedules"] = list(schedules)
    result["location"] = location
    return result


def service_batch(
    actor: Actor, services: Sequence[MapService], *, nested: bool = True, locations: bool = True
) -> list[dict[str, Any]]:
    """Full HSDS service objects for these services (``map_organization`` selected), in a fixed number of
    queries: term links, terms, services at locations with their locations, schedules, term parents.

    Objects shared within the batch (an organisation, a location, a term) are built once. Without
    ``nested`` (the tabular export) the services at locations, schedules and organisation are left out;
    without ``locations`` (a service nested in its service at location) only the services at locations."""
    ids = [s.pk for s in services]
    if not ids:
        return []
    links: dict[int, list[int]] = defaultdict(list)
    for service_id, term_id in MapService.terms.through.objects.filter(mapservice_id__in=ids).values_list(
        "mapservice_id", "taxonomyterm_id"
    ):
        links[service_id].append(term_id)
    term_rows = {
        t.pk: t
        for t in TaxonomyTerm.objects.visible_to(actor)
        .filter(pk__in={t for ts in links.values() for t in ts})
        .select_related("taxonomy")
    }
    parents = term_parent_ids(actor, term_rows.values())
    term_objects = {
        pk: term_json(t, parent_hsds_id=parents.get(t.parent_id or 0)) for pk, t in term_rows.items()
    }

    def sort_key(pk: int) -> tuple[str, str, int]:
        return (term_rows[pk].taxonomy.name, term_rows[pk].name, pk)

    sals: dict[int, list[ServiceAtLocation]] = defaultdict(list)
    sal_rows = (
        list(
            ServiceAtLocation.objects.visible_to(actor)
            .filter(service_id__in=ids)
            .select_related("location__map_organization")
            .order_by("pk")
        )
        if nested and locations
        else []
    )
    for sal in sal_rows:
        sals[sal.service_id].append(sal)
    grouped = schedules_by_owner(
        actor,
        service_ids=ids if nested else (),
        sal_ids=[s.pk for s in sal_rows],
        location_ids={s.location_id for s in sal_rows},
    )
    location_objects: dict[int, dict[str, Any]] = {}
    organizations: dict[int, dict[str, Any]] = {}
    result: list[dict[str, Any]] = []
    for service in services:
        sal_objects = []
        for sal in sals.get(service.pk, []):
            if sal.location_id not in location_objects:
                location_objects[sal.location_id] = location_json(
                    sal.location, grouped["location"].get(sal.location_id, [])
                )
            sal_objects.append(
                sal_json(
                    sal,
                    service_hsds_id=service.hsds_id,
                    location=location_objects[sal.location_id],
                    schedules=grouped["sal"].get(sal.pk, []),
                )
            )
        org = service.map_organization
        if nested and org is not None and org.pk not in organizations:
            organizations[org.pk] = organization_json(org)
        result.append(
            service_json(
                service,
                terms=[
                    (term_rows[pk], term_objects[pk])
                    for pk in sorted(links.get(service.pk, []), key=sort_key)
                ],
                schedules=grouped["service"].get(service.pk, []),
                service_at_locations=sal_objects,
                organization=organizations.get(org.pk) if org is not None else None,
            )
        )
    return result


def location_batch(actor: Actor, locations: Sequence[MapLocation]) -> list[dict[str, Any]]:
    """Location objects with their schedules (``map_organization`` selected), in one query more."""
    grouped = schedules_by_owner(
        actor, service_ids=(), sal_ids=(), location_ids=[loc.pk for loc in locations]
    )
    return [location_json(loc, grouped["location"].get(loc.pk, [])) for loc in locations]
