"""The references of an import: which HSDS ids the file and the map know, and resolving a link to one.

``References`` is the base of the plan's builder (``values.Builder``): it holds the graph of the file, the
ids already on the map that the file names (``load_existing``, a few queries in chunks of 1000), and the
rejections so far, and resolves a reference strictly (the object is rejected) or leniently (a note; the link
is kept as data but not made). A term that names a taxonomy the file does not describe implies it.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from buurtteam.socialmap.exchange.collect import CORE, Entity, Graph
from buurtteam.socialmap.exchange.items import LABELS, MODELS, Plan
from buurtteam.socialmap.exchange.spec import Problem, short_id

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


class References:
    """What the file and the map know, for the objects of one import."""

    def __init__(self, reader: Actor, graph: Graph) -> None:
        self.reader = reader
        self.graph = graph
        self.plan = Plan(warnings=list(graph.warnings))
        self.rejected_ids = graph.rejected_ids()
        self.rejected_kinds: dict[str, set[str]] = {k: set() for k in CORE}
        for r in graph.rejected:
            if r.kind in CORE and r.id:
                self.rejected_kinds[r.kind].add(r.id)
        self.existing: dict[str, set[str]] = {}
        self.implied: list[str] = []

    def load_existing(self) -> None:
        """The HSDS ids already on the map that the file names (as an object or a reference)."""
        wanted: dict[str, set[str]] = {kind: set(self.graph.entities[kind]) for kind in CORE}
        for kind, entities in self.graph.entities.items():
            for entity in entities.values():
                for column in ("organization_id", "service_id", "location_id", "service_at_location_id"):
                    if entity.data.get(column):
                        wanted[column.removesuffix("_id")].add(str(entity.data[column]))
                for column in ("taxonomy_id", "parent_id"):
                    if kind == "taxonomy_term" and entity.data.get(column):
                        wanted["taxonomy" if column == "taxonomy_id" else "taxonomy_term"].add(
                            entity.data[column]
                        )
                for attribute in entity.attributes:
                    if attribute.get("taxonomy_term_id"):
                        wanted["taxonomy_term"].add(str(attribute["taxonomy_term_id"]))
        for kind, ids in wanted.items():
            found: set[str] = set()
            id_list = sorted(ids)
            for start in range(0, len(id_list), 1000):
                chunk = id_list[start : start + 1000]
                manager: Any = MODELS[kind]._default_manager
                found.update(
                    str(v)
                    for v in manager.visible_to(self.reader)
                    .filter(hsds_id__in=chunk)
                    .values_list("hsds_id", flat=True)
                )
            self.existing[kind] = found

    def known(self, kind: str, object_id: str) -> bool:
        return (object_id in self.graph.entities[kind] and object_id not in self.rejected_kinds[kind]) or (
            object_id in self.existing[kind]
        )

    def resolve(
        self, entity: Entity, column: str, kind: str, problems: list[Problem], *, strict: bool
    ) -> uuid.UUID | None:
        value = entity.data.get(column)
        if not value:
            return None
        if self.known(kind, str(value)):
            return uuid.UUID(str(value))
        if str(value) in self.rejected_kinds[kind] or str(value) in self.rejected_ids:
            message = _("verwijst naar een afgewezen %(label)s (%(id)s)") % {
                "label": LABELS[kind],
                "id": short_id(value),
            }
        else:
            message = _("verwijst naar een onbekende %(label)s (%(id)s)") % {
                "label": LABELS[kind],
                "id": short_id(value),
            }
        if strict:
            problems.append(Problem(entity.where, column, message))
        else:
            self.plan.warnings.append(
                _("%(where)s, veld %(field)s: %(message)s; de koppeling wordt bewaard maar niet gelegd.")
                % {"where": entity.where, "field": column, "message": message}
            )
        return None

    def _implied_taxonomy(self, taxonomy_id: str, name: str, where: str) -> None:
        """A term names a taxonomy the file does not describe: it is created with the name the term gives."""
        self.graph.entities["taxonomy"][taxonomy_id] = Entity(
            "taxonomy",
            taxonomy_id,
            f"taxonomy {short_id(taxonomy_id)}",
            {"id": taxonomy_id, "name": name[:200]},
        )
        self.existing.setdefault("taxonomy", set())
        self.implied.append(taxonomy_id)
        if where:
            self.plan.warnings.append(
                _("%(where)s: taxonomie %(id)s staat niet in het bestand en wordt aangemaakt als “%(name)s”.")
                % {"where": where, "id": short_id(taxonomy_id), "name": name[:200]}
            )
