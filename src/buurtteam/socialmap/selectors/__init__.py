"""Reads of the sociale kaart. Every read takes ``actor`` and starts from ``visible_to(actor)``."""

from buurtteam.socialmap.selectors.entries import (
    location_get,
    location_list,
    organization_get,
    organization_list,
    service_get,
    stale_entries,
    synonym_list,
    taxonomy_list,
    term_choices,
)
from buurtteam.socialmap.selectors.search import SearchResult, ServiceHit, service_search

__all__ = [
    "SearchResult",
    "ServiceHit",
    "location_get",
    "location_list",
    "organization_get",
    "organization_list",
    "service_get",
    "service_search",
    "stale_entries",
    "synonym_list",
    "taxonomy_list",
    "term_choices",
]
