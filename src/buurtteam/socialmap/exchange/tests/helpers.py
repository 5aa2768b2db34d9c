"""Shared by the exchange tests: counting every map table, and importing through the service."""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from buurtteam.audit.models import AuditEvent
from buurtteam.core.gate import system_access
from buurtteam.socialmap.exchange.importer import Report, import_apply, import_preview
from buurtteam.socialmap.models import (
    MapLocation,
    MapOrganization,
    MapService,
    Schedule,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

TABLES: list[type[models.Model]] = [
    Taxonomy,
    TaxonomyTerm,
    MapOrganization,
    MapLocation,
    MapService,
    ServiceAtLocation,
    Schedule,
]


def table_counts() -> dict[str, int]:
    """Rows in every table an import writes (all tenants), and the audit trail."""
    with system_access("test counts"):
        counts = {model.__name__: model._default_manager.count() for model in TABLES}
    counts["service_terms"] = MapService.terms.through.objects.count()
    counts["audit"] = AuditEvent.objects.count()
    return counts


def as_bytes(document: Any) -> bytes:
    return json.dumps(document).encode("utf-8")


def preview(organisation_id: int, content: bytes, filename: str = "map.json") -> Report:
    return import_preview(actor=None, organisation_id=organisation_id, content=content, filename=filename)


def apply(organisation_id: int, content: bytes, filename: str = "map.json", **kwargs: Any) -> Report:
    return import_apply(
        actor=None, organisation_id=organisation_id, content=content, filename=filename, **kwargs
    )


def totals(report: Report) -> dict[str, int]:
    result = {"create": 0, "update": 0, "unchanged": 0, "rejected": 0}
    for row in report.counts.values():
        for key in result:
            result[key] += row[key]
    return result
