"""Writes to the sociale kaart: keyword-only, transactional, validated, audited; editors only."""

from buurtteam.socialmap.services.checks import entry_mark_checked
from buurtteam.socialmap.services.locations import location_delete, location_save
from buurtteam.socialmap.services.map_services import service_retire, service_save
from buurtteam.socialmap.services.organizations import organization_delete, organization_save
from buurtteam.socialmap.services.synonyms import synonym_delete, synonym_save
from buurtteam.socialmap.services.taxonomy import ensure_taxonomies, taxonomy_defaults, term_save

__all__ = [
    "ensure_taxonomies",
    "entry_mark_checked",
    "location_delete",
    "location_save",
    "organization_delete",
    "organization_save",
    "service_retire",
    "service_save",
    "synonym_delete",
    "synonym_save",
    "taxonomy_defaults",
    "term_save",
]
