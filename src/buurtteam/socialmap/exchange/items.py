"""What an import plan is made of: one item per object of the file, and the plan that holds them.

Also the comparison of the items with the map (``compare``): create, update or unchanged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

from buurtteam.socialmap.exchange.collect import CORE
from buurtteam.socialmap.exchange.spec import Problem
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

MODELS: dict[str, type[models.Model]] = {
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "organization": MapOrganization,
    "location": MapLocation,
    "service": MapService,
    "service_at_location": ServiceAtLocation,
    "schedule": Schedule,
}
# Reference columns of each model: field name -> the kind it points to.
REFS: dict[str, dict[str, str]] = {
    "taxonomy": {},
    "taxonomy_term": {"taxonomy": "taxonomy", "parent": "taxonomy_term"},
    "organization": {},
    "location": {"map_organization": "organization"},
    "service": {"map_organization": "organization"},
    "service_at_location": {"service": "service", "location": "location"},
    "schedule": {"service": "service", "location": "location", "service_at_location": "service_at_location"},
}
LABELS = {
    "taxonomy": "taxonomie",
    "taxonomy_term": "term",
    "organization": "organisatie",
    "location": "locatie",
    "service": "activiteit",
    "service_at_location": "activiteit op locatie",
    "schedule": "rooster",
}


# Model field -> the HSDS field an error message names.
@dataclass
class Item:
    kind: str
    hsds_id: uuid.UUID
    where: str
    values: dict[str, Any]
    terms: set[uuid.UUID] | None = None
    # Columns written when the object is created and never compared or updated (a taxonomy's purpose: an
    # existing taxonomy keeps the purpose it has on the map).
    create_only: dict[str, Any] = field(default_factory=dict)
    action: str = "create"
    changed: list[str] = field(default_factory=list)
    pk: int | None = None


@dataclass
class Plan:
    items: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in CORE})
    rejected: list[tuple[str, list[Problem]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def reject(self, kind: str, problems: list[Problem]) -> None:
        self.rejected.append((kind, problems))

    def counts(self) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {}
        for kind in CORE:
            row = {"create": 0, "update": 0, "unchanged": 0, "rejected": 0}
            for item in self.items[kind]:
                row[item.action] += 1
            result[kind] = row
        for kind, _problems in self.rejected:
            result.setdefault(kind, {"create": 0, "update": 0, "unchanged": 0, "rejected": 0})[
                "rejected"
            ] += 1
        return result

    def problems(self) -> list[Problem]:
        return [p for _kind, problems in self.rejected for p in problems]


def compare(reader: Actor, plan: Plan) -> None:
    """Mark each item create, update or unchanged against the row with its HSDS id."""
    for kind, kind_items in plan.items.items():
        if not kind_items:
            continue
        model = MODELS[kind]
        refs = REFS[kind]
        sample = kind_items[0].values
        columns = [k for k in sample if k not in refs] + [f"{k}__hsds_id" for k in refs]
        by_id = {item.hsds_id: item for item in kind_items}
        ids = list(by_id)
        manager: Any = model._default_manager
        existing_terms: dict[int, set[uuid.UUID]] = {}
        for start in range(0, len(ids), 1000):
            rows = list(
                manager.visible_to(reader)
                .filter(hsds_id__in=ids[start : start + 1000])
                .values("pk", "hsds_id", *columns)
            )
            if kind == "service":
                through = MapService.terms.through.objects.filter(mapservice_id__in=[r["pk"] for r in rows])
                for service_id, term_hsds_id in through.values_list("mapservice_id", "taxonomyterm__hsds_id"):
                    existing_terms.setdefault(service_id, set()).add(term_hsds_id)
            for row in rows:
                item = by_id[row["hsds_id"]]
                item.pk = row["pk"]
                changed = [
                    k for k, v in item.values.items() if (row[f"{k}__hsds_id"] if k in refs else row[k]) != v
                ]
                if item.terms is not None and existing_terms.get(row["pk"], set()) != item.terms:
                    changed.append("terms")
                item.changed = changed
                item.action = "update" if changed else "unchanged"
