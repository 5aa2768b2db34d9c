"""The sociale kaart (``/map/...``): every staff member of the organisation reads it, policy officers
included (it holds no persons); only map editors change it. A write by anyone else is answered as if the
entry did not exist (404), like every refused write of this API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.params import P, PathEx

from buurtteam.accounts.models import User
from buurtteam.api import schemas as s
from buurtteam.api import schemas_socialmap as m
from buurtteam.api.common import READ_ERRORS, WRITE_ERRORS
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.socialmap import selectors, services
from buurtteam.socialmap.geo import postcode_point
from buurtteam.socialmap.schedules import describe, summary
from buurtteam.socialmap.staleness import is_stale, stale_cutoff

if TYPE_CHECKING:
    import datetime

    from buurtteam.socialmap.models import MapLocation, MapOrganization, MapService, Schedule

router = Router(tags=["socialmap"])
ID = P(ge=1, le=s.MAX_ID)


def map_actor(request: HttpRequest) -> User:
    """Any staff member of an organisation (the map is tenant data without persons)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User) or user.organisation_id is None:
        raise PermissionError("no organisation")
    return user


def _ref(obj: Any) -> s.Ref | None:
    return (
        s.Ref(id=obj.pk, name=str(obj.get_full_name() if hasattr(obj, "get_full_name") else obj))
        if obj
        else None
    )


def _checked(entry: Any, cutoff: datetime.date) -> dict[str, Any]:
    return {
        "last_checked_on": entry.last_checked_on,
        "checked_by": _ref(entry.checked_by) if entry.checked_by_id else None,
        "stale": is_stale(entry.last_checked_on, cutoff),
    }


def _place(loc: MapLocation) -> dict[str, Any]:
    return {
        "id": loc.pk,
        "name": loc.name,
        "address_1": loc.address_1,
        "postcode": loc.postcode,
        "city": loc.city,
        "neighbourhood": _ref(loc.neighbourhood) if loc.neighbourhood_id else None,
        "latitude": loc.latitude,
        "longitude": loc.longitude,
    }


def _schedule(item: Schedule) -> m.ScheduleOut:
    return m.ScheduleOut(
        freq=s.choice(item.freq),
        interval=item.interval,
        byday=item.byday,
        opens_at=item.opens_at,
        closes_at=item.closes_at,
        valid_from=item.valid_from,
        valid_to=item.valid_to,
        description=item.description,
        text=describe(item),
    )


def service_out(service: MapService, cutoff: datetime.date) -> m.ServiceOut:
    return m.ServiceOut(
        **_checked(service, cutoff),
        id=service.pk,
        hsds_id=service.hsds_id,
        name=service.name,
        alternate_name=service.alternate_name,
        kind=s.choice(service.kind),
        status=s.choice(service.status),
        description=service.description,
        organization=_ref(service.map_organization),
        url=service.url,
        email=service.email,
        phone=service.phone,
        contact_name=service.contact_name,
        is_free=service.is_free,
        fees_description=service.fees_description,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        eligibility_description=service.eligibility_description,
        application_process=service.application_process,
        interpretation_services=service.interpretation_services,
        wait_time=service.wait_time,
        languages=[c for c in service.languages.split(",") if c],
        terms=[
            m.TermOut(
                id=t.pk,
                code=t.code,
                name=t.name,
                taxonomy=s.Ref(id=t.taxonomy.pk, name=t.taxonomy.name),
                purpose=s.choice(t.taxonomy.purpose),
            )
            for t in service.terms.all()
        ],
        locations=[m.PlaceOut(**_place(p.location)) for p in service.service_at_locations.all()],
        schedules=[_schedule(x) for x in service.schedules.all()],
        updated_at=service.updated_at,
    )


def _service_changes(data: dict[str, Any]) -> dict[str, Any]:
    if "languages" in data and data["languages"] is not None:
        data["languages"] = ",".join(data["languages"])
    return data


def _get_service(actor: User, service_id: int) -> m.ServiceOut:
    service = selectors.service_get(actor=actor, service_id=service_id)
    return service_out(service, stale_cutoff(actor))


# --- Services ------------------------------------------------------------------------------
@router.get(
    "/map/services",
    response={200: m.ServiceSearchPage, **WRITE_ERRORS},
    operation_id="map_service_search",
    url_name="map_service_search",
    summary="Search the sociale kaart",
)
def service_search_view(request: HttpRequest, filters: Query[m.ServiceSearchQuery]) -> m.ServiceSearchPage:
    """Best match first (name over terms over description, Dutch stems and synonyms), nearest first with
    `postcode`. An unknown or malformed postcode is a 400."""
    actor = map_actor(request)
    near = None
    if filters.postcode.strip():
        try:
            code = normalise_postcode(filters.postcode)
        except ValidationError as exc:
            raise ValidationError({"postcode": exc.messages}) from exc
        near = postcode_point(code)
        if near is None:
            raise ValidationError({"postcode": [_("Van deze postcode kennen we de ligging niet.")]})
    elif filters.max_km is not None:
        raise ValidationError({"max_km": [_("Geef ook een postcode om op afstand te zoeken.")]})
    result = selectors.service_search(
        actor=actor,
        text=filters.q,
        term_ids=filters.term_id,
        neighbourhood_id=filters.neighbourhood_id,
        near=near,
        max_km=filters.max_km,
        kind=filters.kind or "",
        free_only=filters.free,
        age=filters.age,
        include_inactive=filters.include_inactive,
        limit=filters.limit,
        offset=filters.offset,
    )
    return m.ServiceSearchPage(
        count=result.total,
        limit=filters.limit,
        offset=filters.offset,
        items=[
            m.ServiceHitOut(
                id=hit.service.pk,
                name=hit.service.name,
                kind=s.choice(hit.service.kind),
                status=s.choice(hit.service.status),
                organization=_ref(hit.service.map_organization),
                is_free=hit.service.is_free,
                schedule=summary(hit.service.schedules.all()),
                locations=[m.PlaceOut(**_place(p.location)) for p in hit.service.service_at_locations.all()],
                distance_km=round(hit.distance_km, 2) if hit.distance_km is not None else None,
                score=round(hit.score, 3),
                reasons=hit.reasons,
                stale=hit.stale,
            )
            for hit in result.hits
        ],
    )


@router.post(
    "/map/services",
    response={201: m.ServiceOut, **WRITE_ERRORS},
    operation_id="map_service_create",
    url_name="map_service_create",
    summary="Add a service or activity (map editors)",
)
def service_create_view(request: HttpRequest, payload: m.ServiceIn) -> Status[m.ServiceOut]:
    actor = map_actor(request)
    service = services.service_save(actor=actor, **_service_changes(payload.dict()))
    return Status(201, _get_service(actor, service.pk))


@router.get(
    "/map/services/{service_id}",
    response={200: m.ServiceOut, **READ_ERRORS},
    operation_id="map_service_get",
    url_name="map_service_get",
    summary="One service or activity",
)
def service_get_view(request: HttpRequest, service_id: PathEx[int, ID]) -> m.ServiceOut:
    return _get_service(map_actor(request), service_id)


@router.patch(
    "/map/services/{service_id}",
    response={200: m.ServiceOut, **WRITE_ERRORS},
    operation_id="map_service_update",
    url_name="map_service_update",
    summary="Change a service or activity (map editors)",
)
def service_update_view(
    request: HttpRequest, service_id: PathEx[int, ID], payload: m.ServicePatch
) -> m.ServiceOut:
    actor = map_actor(request)
    service = selectors.service_get(actor=actor, service_id=service_id)
    services.service_save(actor=actor, service=service, **_service_changes(payload.dict(exclude_unset=True)))
    return _get_service(actor, service_id)


@router.post(
    "/map/services/{service_id}/checked",
    response={200: m.ServiceOut, **WRITE_ERRORS},
    operation_id="map_service_checked",
    url_name="map_service_checked",
    summary="Mark a service as checked today (map editors)",
)
def service_checked_view(request: HttpRequest, service_id: PathEx[int, ID]) -> m.ServiceOut:
    actor = map_actor(request)
    service = selectors.service_get(actor=actor, service_id=service_id)
    services.entry_mark_checked(actor=actor, entry=service)
    return _get_service(actor, service_id)


# --- Organisations ------------------------------------------------------------------------------
def _organization_fields(org: MapOrganization, cutoff: datetime.date) -> dict[str, Any]:
    return {
        **_checked(org, cutoff),
        "id": org.pk,
        "hsds_id": org.hsds_id,
        "name": org.name,
        "alternate_name": org.alternate_name,
        "description": org.description,
        "email": org.email,
        "website": org.website,
        "phone": org.phone,
    }


def _get_organization(actor: User, organization_id: int) -> m.OrganizationOut:
    org = selectors.organization_get(actor=actor, organization_id=organization_id)
    return m.OrganizationOut(
        **_organization_fields(org, stale_cutoff(actor)),
        services=[s.Ref(id=x.pk, name=x.name) for x in org.services.all()],
        locations=[s.Ref(id=x.pk, name=x.name) for x in org.locations.all()],
    )


@router.get(
    "/map/organizations",
    response={200: m.OrganizationPage, **READ_ERRORS},
    operation_id="map_organization_list",
    url_name="map_organization_list",
    summary="Organisations on the map",
)
def organization_list_view(request: HttpRequest, filters: Query[m.ListQuery]) -> m.OrganizationPage:
    actor = map_actor(request)
    qs = selectors.organization_list(actor=actor, query=filters.q).select_related("checked_by")
    cutoff = stale_cutoff(actor)
    return m.OrganizationPage(
        count=qs.count(),
        limit=filters.limit,
        offset=filters.offset,
        items=[
            m.OrganizationItem(**_organization_fields(o, cutoff))
            for o in qs[filters.offset : filters.offset + filters.limit]
        ],
    )


@router.post(
    "/map/organizations",
    response={201: m.OrganizationOut, **WRITE_ERRORS},
    operation_id="map_organization_create",
    url_name="map_organization_create",
    summary="Add an organisation (map editors)",
)
def organization_create_view(request: HttpRequest, payload: m.OrganizationIn) -> Status[m.OrganizationOut]:
    actor = map_actor(request)
    org = services.organization_save(actor=actor, **payload.dict())
    return Status(201, _get_organization(actor, org.pk))


@router.get(
    "/map/organizations/{organization_id}",
    response={200: m.OrganizationOut, **READ_ERRORS},
    operation_id="map_organization_get",
    url_name="map_organization_get",
    summary="One organisation, with its services and locations",
)
def organization_get_view(request: HttpRequest, organization_id: PathEx[int, ID]) -> m.OrganizationOut:
    return _get_organization(map_actor(request), organization_id)


@router.patch(
    "/map/organizations/{organization_id}",
    response={200: m.OrganizationOut, **WRITE_ERRORS},
    operation_id="map_organization_update",
    url_name="map_organization_update",
    summary="Change an organisation (map editors)",
)
def organization_update_view(
    request: HttpRequest, organization_id: PathEx[int, ID], payload: m.OrganizationPatch
) -> m.OrganizationOut:
    actor = map_actor(request)
    org = selectors.organization_get(actor=actor, organization_id=organization_id)
    services.organization_save(actor=actor, organization=org, **payload.dict(exclude_unset=True))
    return _get_organization(actor, organization_id)


@router.post(
    "/map/organizations/{organization_id}/checked",
    response={200: m.OrganizationOut, **WRITE_ERRORS},
    operation_id="map_organization_checked",
    url_name="map_organization_checked",
    summary="Mark an organisation as checked today (map editors)",
)
def organization_checked_view(request: HttpRequest, organization_id: PathEx[int, ID]) -> m.OrganizationOut:
    actor = map_actor(request)
    org = selectors.organization_get(actor=actor, organization_id=organization_id)
    services.entry_mark_checked(actor=actor, entry=org)
    return _get_organization(actor, organization_id)


# --- Locations ------------------------------------------------------------------------------
def _location_fields(loc: MapLocation, cutoff: datetime.date) -> dict[str, Any]:
    return {
        **_checked(loc, cutoff),
        **_place(loc),
        "hsds_id": loc.hsds_id,
        "kind": s.choice(loc.kind),
        "location_type": s.choice(loc.location_type),
        "alternate_name": loc.alternate_name,
        "organization": _ref(loc.map_organization) if loc.map_organization_id else None,
        "description": loc.description,
        "accessibility": loc.accessibility,
        "transportation": loc.transportation,
        "phone": loc.phone,
        "email": loc.email,
        "url": loc.url,
    }


def _get_location(actor: User, location_id: int) -> m.LocationOut:
    loc = selectors.location_get(actor=actor, location_id=location_id)
    return m.LocationOut(
        **_location_fields(loc, stale_cutoff(actor)),
        services=[s.Ref(id=p.service.pk, name=p.service.name) for p in loc.service_at_locations.all()],
    )


@router.get(
    "/map/locations",
    response={200: m.LocationPage, **READ_ERRORS},
    operation_id="map_location_list",
    url_name="map_location_list",
    summary="Locations on the map",
)
def location_list_view(request: HttpRequest, filters: Query[m.ListQuery]) -> m.LocationPage:
    actor = map_actor(request)
    qs = selectors.location_list(actor=actor, query=filters.q).select_related("checked_by")
    cutoff = stale_cutoff(actor)
    return m.LocationPage(
        count=qs.count(),
        limit=filters.limit,
        offset=filters.offset,
        items=[
            m.LocationItem(**_location_fields(x, cutoff))
            for x in qs[filters.offset : filters.offset + filters.limit]
        ],
    )


@router.post(
    "/map/locations",
    response={201: m.LocationOut, **WRITE_ERRORS},
    operation_id="map_location_create",
    url_name="map_location_create",
    summary="Add a location (map editors)",
)
def location_create_view(request: HttpRequest, payload: m.LocationIn) -> Status[m.LocationOut]:
    actor = map_actor(request)
    loc = services.location_save(actor=actor, **payload.dict())
    return Status(201, _get_location(actor, loc.pk))


@router.get(
    "/map/locations/{location_id}",
    response={200: m.LocationOut, **READ_ERRORS},
    operation_id="map_location_get",
    url_name="map_location_get",
    summary="One location, with what happens there",
)
def location_get_view(request: HttpRequest, location_id: PathEx[int, ID]) -> m.LocationOut:
    return _get_location(map_actor(request), location_id)


@router.patch(
    "/map/locations/{location_id}",
    response={200: m.LocationOut, **WRITE_ERRORS},
    operation_id="map_location_update",
    url_name="map_location_update",
    summary="Change a location (map editors)",
)
def location_update_view(
    request: HttpRequest, location_id: PathEx[int, ID], payload: m.LocationPatch
) -> m.LocationOut:
    actor = map_actor(request)
    loc = selectors.location_get(actor=actor, location_id=location_id)
    services.location_save(actor=actor, location=loc, **payload.dict(exclude_unset=True))
    return _get_location(actor, location_id)


@router.post(
    "/map/locations/{location_id}/checked",
    response={200: m.LocationOut, **WRITE_ERRORS},
    operation_id="map_location_checked",
    url_name="map_location_checked",
    summary="Mark a location as checked today (map editors)",
)
def location_checked_view(request: HttpRequest, location_id: PathEx[int, ID]) -> m.LocationOut:
    actor = map_actor(request)
    loc = selectors.location_get(actor=actor, location_id=location_id)
    services.entry_mark_checked(actor=actor, entry=loc)
    return _get_location(actor, location_id)


# --- Taxonomies ------------------------------------------------------------------------------
@router.get(
    "/map/taxonomies",
    response={200: list[m.TaxonomyOut], **READ_ERRORS},
    operation_id="map_taxonomy_list",
    url_name="map_taxonomy_list",
    summary="The taxonomies of the map (life domains, target groups, imported ones) with their terms",
)
def taxonomy_list_view(request: HttpRequest) -> list[m.TaxonomyOut]:
    actor = map_actor(request)
    services.ensure_taxonomies(actor=actor)
    return [
        m.TaxonomyOut(
            id=t.pk,
            name=t.name,
            purpose=s.choice(t.purpose),
            description=t.description,
            terms=[
                m.TaxonomyTermOut(id=x.pk, code=x.code, name=x.name, parent_id=x.parent_id)
                for x in t.terms.all()
            ],
        )
        for t in selectors.taxonomy_list(actor=actor)
    ]
