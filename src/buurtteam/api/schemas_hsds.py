"""Shapes of the public HSDS 3.0 endpoints. The objects themselves are HSDS JSON (see docs/hsds.md): they are
documented by the standard's schemas, not repeated here."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from buurtteam.api.schemas.common import MAX_ID


class HsdsPage(Schema):
    """A page as the standard's API returns it."""

    total_items: int = Field(description="How many objects match, on all pages.")
    total_pages: int
    page_number: int
    size: int = Field(description="How many objects are on this page.")
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]] = Field(description="HSDS 3.0 objects (compiled schema of their type).")


class HsdsMeta(Schema):
    version: str
    profile: str
    openapi_url: str


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_ID, description="Page number, from 1.")
    per_page: int = Field(25, ge=1, le=100, description="Objects per page (at most 100).")
    search: str = Field("", max_length=200, description="Words to look for (Dutch stemming).")


class ServiceQuery(PageQuery):
    organization_id: str = Field(
        "", max_length=36, description="Only services of this organization (HSDS id)."
    )
    taxonomy_term_id: str = Field(
        "", max_length=36, description="Only services with this taxonomy term (HSDS id)."
    )
    taxonomy_id: str = Field("", max_length=36, description="Only services with a term of this taxonomy.")
    modified_after: str = Field(
        "", max_length=40, description="Only services changed on or after this ISO 8601 time."
    )


class ServiceAtLocationQuery(PageQuery):
    """The standard's parameters for ``/service_at_locations`` that map onto the sociale kaart (see
    docs/hsds.md for the ones left out: ``full``, ``format``)."""

    search: str = Field(
        "", max_length=200, description="Words to look for in the service (Dutch stemming), as `/services`."
    )
    organization_id: str = Field(
        "", max_length=36, description="Only services at locations of this organization's services (HSDS id)."
    )
    taxonomy_term_id: str = Field(
        "",
        max_length=36,
        description="Only services at locations whose service has this taxonomy term (HSDS id).",
    )
    taxonomy_id: str = Field(
        "", max_length=36, description="Only services at locations whose service has a term of this taxonomy."
    )
    modified_after: str = Field(
        "",
        max_length=40,
        description="Only services at locations changed on or after this ISO 8601 time (themselves, their "
        "service or their location).",
    )
    postcode: str = Field(
        "",
        max_length=7,
        description="Dutch postcode (1234 AB). Alone: locations with this postcode. With `proximity`: "
        "locations within that distance of the postcode's centre.",
    )
    proximity: int | None = Field(
        None, ge=1, le=100_000, description="With `postcode`: at most this many metres from its centre."
    )


class TermQuery(PageQuery):
    taxonomy_id: str = Field("", max_length=36, description="Only terms of this taxonomy (HSDS id).")
    parent_id: str = Field("", max_length=36, description="Only terms under this term (HSDS id).")
    top_only: bool = Field(False, description="Only terms without a parent.")
