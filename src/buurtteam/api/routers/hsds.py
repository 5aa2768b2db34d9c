"""Public, read-only HSDS 3.0 endpoints of an organisation's sociale kaart (never persons).

The paths follow the standard's OpenAPI description (``/services``, ``/services/{id}``,
``/service_at_locations``, ``/organizations``, ``/taxonomies``, ``/taxonomy_terms``), under
``/public/{organisation_id}``. They need no token (``auth=None``
on each operation; the rest of the API keeps its authentication) and read only map tables, scoped to the
organisation in the path. An unknown organisation or id answers 404 in JSON.
"""

from __future__ import annotations

import datetime
import math
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from buurtteam.api.schemas.common import MAX_ID, ErrorOut
from buurtteam.api.schemas_hsds import (
    HsdsMeta,
    HsdsPage,
    PageQuery,
    ServiceAtLocationQuery,
    ServiceQuery,
    TermQuery,
)
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.organisation.validators import normalise_postcode
from buurtteam.socialmap.exchange.export import profile_terms
from buurtteam.socialmap.exchange.profile import PROFILE_URI
from buurtteam.socialmap.exchange.serialize import (
    PublicReader,
    organization_json,
    profile_taxonomy_json,
    service_batch,
    taxonomy_json,
    term_json,
)
from buurtteam.socialmap.exchange.serialize_sal import SAL_RELATED, service_at_location_batch
from buurtteam.socialmap.geo import bounding_box, postcode_point, squared_km_expression
from buurtteam.socialmap.models import MapOrganization, MapService, ServiceAtLocation, Taxonomy, TaxonomyTerm
from buurtteam.socialmap.search import like_fragment, stem_words

router = Router(tags=["hsds"])

PREFIX = "/public/{organisation_id}"
ERRORS: dict[int, type[ErrorOut]] = {404: ErrorOut, 422: ErrorOut}


def _reader(organisation_id: int) -> PublicReader:
    if not 1 <= organisation_id <= MAX_ID:
        raise Http404
    with system_access("public HSDS API: does the organisation exist"):
        # Only an organisation that chose to publish its map (Organisation.map_public); others look missing.
        if not Organisation.objects.filter(pk=organisation_id, map_public=True).exists():
            raise Http404
    return PublicReader(organisation_id=organisation_id)


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise Http404 from exc


def _filter_uuid(value: str, name: str) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise HttpError(422, _("%(name)s moet een UUID zijn.") % {"name": name}) from exc


def _modified_after(value: str) -> datetime.datetime | None:
    """The ``modified_after`` parameter as an aware time (a time without zone is local time)."""
    if not value:
        return None
    try:
        after = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        if timezone.is_naive(after):
            after = timezone.make_aware(after)
        # Far ends of the calendar (year 1 east of UTC, year 9999 west of it) cannot be compared in UTC.
        return after.astimezone(datetime.UTC)
    except (ValueError, OverflowError) as exc:
        raise HttpError(422, _("modified_after moet een datum en tijd zijn (ISO 8601).")) from exc


def _search(queryset: models.QuerySet[Any], text: str, field: str) -> models.QuerySet[Any]:
    for stem in stem_words(text)[:8]:
        queryset = queryset.filter(**{f"{field}__contains": like_fragment(stem)})
    return queryset


def _service_filters(
    qs: models.QuerySet[Any], query: ServiceQuery | ServiceAtLocationQuery, path: str
) -> models.QuerySet[Any]:
    """The service filters of the standard (search, organization_id, taxonomy_term_id, taxonomy_id), for rows
    that are services (``path`` "") or point at one (``path`` "service__")."""
    qs = _search(qs, query.search, f"{path}search_document")
    if (org := _filter_uuid(query.organization_id, "organization_id")) is not None:
        qs = qs.filter(**{f"{path}map_organization__hsds_id": org})
    if (term := _filter_uuid(query.taxonomy_term_id, "taxonomy_term_id")) is not None:
        qs = qs.filter(**{f"{path}terms__hsds_id": term})
    if (taxonomy := _filter_uuid(query.taxonomy_id, "taxonomy_id")) is not None:
        qs = qs.filter(**{f"{path}terms__taxonomy__hsds_id": taxonomy}).distinct()
    return qs


def _page(queryset: models.QuerySet[Any], query: PageQuery, build: Any) -> HsdsPage:
    total = queryset.count()
    pages = max(1, math.ceil(total / query.per_page))
    start = (query.page - 1) * query.per_page
    rows = list(queryset.order_by("pk")[start : start + query.per_page]) if start < total else []
    contents = build(rows)
    return HsdsPage(
        total_items=total,
        total_pages=pages,
        page_number=query.page,
        size=len(contents),
        first_page=query.page == 1,
        last_page=query.page >= pages,
        empty=not contents,
        contents=contents,
    )


@router.get(
    f"{PREFIX}/",
    auth=None,
    response={200: HsdsMeta, **ERRORS},
    operation_id="hsds_meta",
    url_name="hsds_meta",
    summary="HSDS: which version and profile this API follows (public)",
)
def meta(request: HttpRequest, organisation_id: int) -> HsdsMeta:
    _reader(organisation_id)
    return HsdsMeta(
        version="3.0", profile=PROFILE_URI, openapi_url=request.build_absolute_uri("/api/v1/openapi.json")
    )


@router.get(
    f"{PREFIX}/services",
    auth=None,
    response={200: HsdsPage, **ERRORS},
    operation_id="hsds_service_list",
    url_name="hsds_service_list",
    summary="HSDS: the services of an organisation's map, fully nested, a page at a time (public)",
)
def service_list(request: HttpRequest, organisation_id: int, query: Query[ServiceQuery]) -> HsdsPage:
    reader = _reader(organisation_id)
    qs: models.QuerySet[MapService] = MapService.objects.visible_to(reader).select_related("map_organization")
    qs = _service_filters(qs, query, "")
    if (after := _modified_after(query.modified_after)) is not None:
        qs = qs.filter(updated_at__gte=after)
    return _page(qs, query, lambda rows: service_batch(reader, rows))


@router.get(
    f"{PREFIX}/services/{{service_id}}",
    auth=None,
    response={200: dict[str, Any], **ERRORS},
    operation_id="hsds_service_get",
    url_name="hsds_service_get",
    summary="HSDS: one fully nested service (public)",
)
def service_get(request: HttpRequest, organisation_id: int, service_id: str) -> dict[str, Any]:
    reader = _reader(organisation_id)
    rows = list(
        MapService.objects.visible_to(reader)
        .select_related("map_organization")
        .filter(hsds_id=_uuid(service_id))
    )
    if not rows:
        raise Http404
    return service_batch(reader, rows)[0]


def _near(
    queryset: models.QuerySet[ServiceAtLocation], postcode: str, proximity: int | None
) -> models.QuerySet[ServiceAtLocation]:
    """The ``postcode`` and ``proximity`` parameters: the location's postcode, or its distance (metres) from
    the centre of the postcode (the reference table ``Postcode``; locations without coordinates drop out)."""
    if not postcode.strip():
        if proximity is not None:
            raise HttpError(422, _("Geef ook een postcode om op afstand te zoeken."))
        return queryset
    try:
        code = normalise_postcode(postcode)
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    if proximity is None:
        # The map stores postcodes as "1234AB", from its own forms and from an HSDS import alike.
        return queryset.filter(location__postcode=code)
    centre = postcode_point(code)
    if centre is None:
        raise HttpError(422, _("Van deze postcode kennen we de ligging niet."))
    km = proximity / 1000
    min_lat, max_lat, min_lon, max_lon = bounding_box(centre, km)
    return (
        queryset.filter(
            location__latitude__range=(min_lat, max_lat), location__longitude__range=(min_lon, max_lon)
        )
        .alias(squared_km=squared_km_expression(centre, "location__latitude", "location__longitude"))
        .filter(squared_km__lte=km * km)
    )


@router.get(
    f"{PREFIX}/service_at_locations",
    auth=None,
    response={200: HsdsPage, **ERRORS},
    operation_id="hsds_service_at_location_list",
    url_name="hsds_service_at_location_list",
    summary="HSDS: the services at locations of an organisation's map, fully nested, a page at a time "
    "(public)",
)
def service_at_location_list(
    request: HttpRequest, organisation_id: int, query: Query[ServiceAtLocationQuery]
) -> HsdsPage:
    reader = _reader(organisation_id)
    qs: models.QuerySet[ServiceAtLocation] = ServiceAtLocation.objects.visible_to(reader).select_related(
        *SAL_RELATED
    )
    qs = _service_filters(qs, query, "service__")
    if (after := _modified_after(query.modified_after)) is not None:
        qs = qs.filter(
            models.Q(updated_at__gte=after)
            | models.Q(service__updated_at__gte=after)
            | models.Q(location__updated_at__gte=after)
        )
    qs = _near(qs, query.postcode, query.proximity)
    return _page(qs, query, lambda rows: service_at_location_batch(reader, rows))


@router.get(
    f"{PREFIX}/service_at_locations/{{service_at_location_id}}",
    auth=None,
    response={200: dict[str, Any], **ERRORS},
    operation_id="hsds_service_at_location_get",
    url_name="hsds_service_at_location_get",
    summary="HSDS: one fully nested service at a location (public)",
)
def service_at_location_get(
    request: HttpRequest, organisation_id: int, service_at_location_id: str
) -> dict[str, Any]:
    reader = _reader(organisation_id)
    rows = list(
        ServiceAtLocation.objects.visible_to(reader)
        .select_related(*SAL_RELATED)
        .filter(hsds_id=_uuid(service_at_location_id))
    )
    if not rows:
        raise Http404
    return service_at_location_batch(reader, rows)[0]


@router.get(
    f"{PREFIX}/organizations",
    auth=None,
    response={200: HsdsPage, **ERRORS},
    operation_id="hsds_organization_list",
    url_name="hsds_organization_list",
    summary="HSDS: the organizations on the map (public)",
)
def organization_list(request: HttpRequest, organisation_id: int, query: Query[PageQuery]) -> HsdsPage:
    reader = _reader(organisation_id)
    qs = MapOrganization.objects.visible_to(reader)
    if query.search:
        qs = qs.filter(name__icontains=query.search)
    return _page(qs, query, lambda rows: [organization_json(o) for o in rows])


@router.get(
    f"{PREFIX}/organizations/{{map_organization_id}}",
    auth=None,
    response={200: dict[str, Any], **ERRORS},
    operation_id="hsds_organization_get",
    url_name="hsds_organization_get",
    summary="HSDS: one organization (public)",
)
def organization_get(request: HttpRequest, organisation_id: int, map_organization_id: str) -> dict[str, Any]:
    reader = _reader(organisation_id)
    org = MapOrganization.objects.visible_to(reader).filter(hsds_id=_uuid(map_organization_id)).first()
    if org is None:
        raise Http404
    return organization_json(org)


@router.get(
    f"{PREFIX}/taxonomies",
    auth=None,
    response={200: HsdsPage, **ERRORS},
    operation_id="hsds_taxonomy_list",
    url_name="hsds_taxonomy_list",
    summary="HSDS: the taxonomies of the map (public)",
)
def taxonomy_list(request: HttpRequest, organisation_id: int, query: Query[PageQuery]) -> HsdsPage:
    reader = _reader(organisation_id)
    qs = Taxonomy.objects.visible_to(reader)
    if query.search:
        qs = qs.filter(name__icontains=query.search)
    return _page(qs, query, lambda rows: [taxonomy_json(t) for t in rows])


@router.get(
    f"{PREFIX}/taxonomies/{{taxonomy_id}}",
    auth=None,
    response={200: dict[str, Any], **ERRORS},
    operation_id="hsds_taxonomy_get",
    url_name="hsds_taxonomy_get",
    summary="HSDS: one taxonomy (public; also the buurtteam profile taxonomy)",
)
def taxonomy_get(request: HttpRequest, organisation_id: int, taxonomy_id: str) -> dict[str, Any]:
    reader = _reader(organisation_id)
    wanted = _uuid(taxonomy_id)
    profile = profile_taxonomy_json()
    if str(wanted) == profile["id"]:
        return profile
    taxonomy = Taxonomy.objects.visible_to(reader).filter(hsds_id=wanted).first()
    if taxonomy is None:
        raise Http404
    return taxonomy_json(taxonomy)


@router.get(
    f"{PREFIX}/taxonomy_terms",
    auth=None,
    response={200: HsdsPage, **ERRORS},
    operation_id="hsds_taxonomy_term_list",
    url_name="hsds_taxonomy_term_list",
    summary="HSDS: the taxonomy terms of the map (public)",
)
def taxonomy_term_list(request: HttpRequest, organisation_id: int, query: Query[TermQuery]) -> HsdsPage:
    reader = _reader(organisation_id)
    qs = TaxonomyTerm.objects.visible_to(reader).select_related("taxonomy", "parent")
    if query.search:
        qs = qs.filter(name__icontains=query.search)
    if (taxonomy := _filter_uuid(query.taxonomy_id, "taxonomy_id")) is not None:
        qs = qs.filter(taxonomy__hsds_id=taxonomy)
    if (parent := _filter_uuid(query.parent_id, "parent_id")) is not None:
        qs = qs.filter(parent__hsds_id=parent)
    if query.top_only:
        qs = qs.filter(parent__isnull=True)
    return _page(
        qs,
        query,
        lambda rows: [term_json(t, parent_hsds_id=t.parent.hsds_id if t.parent else None) for t in rows],
    )


@router.get(
    f"{PREFIX}/taxonomy_terms/{{term_id}}",
    auth=None,
    response={200: dict[str, Any], **ERRORS},
    operation_id="hsds_taxonomy_term_get",
    url_name="hsds_taxonomy_term_get",
    summary="HSDS: one taxonomy term (public)",
)
def taxonomy_term_get(request: HttpRequest, organisation_id: int, term_id: str) -> dict[str, Any]:
    reader = _reader(organisation_id)
    wanted = _uuid(term_id)
    for term in profile_terms():
        if term["id"] == str(wanted):
            return term
    found = (
        TaxonomyTerm.objects.visible_to(reader)
        .select_related("taxonomy", "parent")
        .filter(hsds_id=wanted)
        .first()
    )
    if found is None:
        raise Http404
    return term_json(found, parent_hsds_id=found.parent.hsds_id if found.parent else None)
