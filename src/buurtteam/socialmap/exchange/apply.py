"""Writing an import plan to the map: creates and updates in bulk, references resolved to rows."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from buurtteam.socialmap.exchange.collect import CORE
from buurtteam.socialmap.exchange.items import MODELS, REFS, Item, Plan
from buurtteam.socialmap.models import MapService, ServiceAtLocation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

BATCH = 500


def _pks(reader: Actor, kind: str, ids: set[uuid.UUID]) -> dict[uuid.UUID, int]:
    manager: Any = MODELS[kind]._default_manager
    found: dict[uuid.UUID, int] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), 1000):
        rows = (
            manager.visible_to(reader)
            .filter(hsds_id__in=id_list[start : start + 1000])
            .values_list("hsds_id", "pk")
        )
        found.update(dict(rows))
    return found


def _columns(kind: str, item: Item, pk_of: dict[str, dict[uuid.UUID, int]]) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for name, value in item.values.items():
        target = REFS[kind].get(name)
        if target is None:
            columns[name] = value
        elif not (kind == "taxonomy_term" and name == "parent"):  # parents are set once all terms exist
            columns[f"{name}_id"] = pk_of[target][value] if value is not None else None
    return columns


def apply(plan: Plan, *, reader: Actor, organisation_id: int) -> set[int]:
    """Write the plan's creates and updates (call inside a transaction). Returns the services to re-index."""
    pk_of: dict[str, dict[uuid.UUID, int]] = {kind: {} for kind in CORE}
    touched_services: set[int] = set()
    updated_orgs: list[int] = []
    updated_terms: list[int] = []
    now = timezone.now()
    for kind in CORE:
        model = MODELS[kind]
        manager: Any = model._default_manager
        items = [i for i in plan.items[kind] if i.action in ("create", "update")]
        needed: dict[str, set[uuid.UUID]] = {}
        for item in items:
            for name, target in REFS[kind].items():
                if item.values.get(name) is not None:
                    needed.setdefault(target, set()).add(item.values[name])
            if item.terms:
                needed.setdefault("taxonomy_term", set()).update(item.terms)
        for target, ids in needed.items():
            pk_of[target].update(_pks(reader, target, ids - set(pk_of[target])))
        creates = [i for i in items if i.action == "create"]
        model_objects = [
            model(
                organisation_id=organisation_id,
                hsds_id=i.hsds_id,
                **_columns(kind, i, pk_of),
                **i.create_only,
            )
            for i in creates
        ]
        manager.bulk_create(model_objects, batch_size=BATCH)
        created = _pks(reader, kind, {i.hsds_id for i in creates})
        for item in creates:
            item.pk = created[item.hsds_id]
        updates = [i for i in items if i.action == "update"]
        if updates:
            rows = {row.pk: row for row in manager.visible_to(reader).filter(pk__in=[i.pk for i in updates])}
            fields: set[str] = set()
            for item in updates:
                row = rows[item.pk]
                for name, value in _columns(kind, item, pk_of).items():
                    setattr(row, name, value)
                fields.update(
                    f"{c}_id" if c in REFS[kind] else c
                    for c in item.changed
                    if c != "terms" and not (kind == "taxonomy_term" and c == "parent")
                )
                if hasattr(row, "updated_at"):
                    row.updated_at = now
            if hasattr(model, "updated_at"):
                fields.add("updated_at")
            if fields:
                manager.visible_to(reader).bulk_update(list(rows.values()), sorted(fields), batch_size=BATCH)
        if kind == "taxonomy_term":
            _set_parents(plan.items[kind], reader=reader, pk_of=pk_of)
            updated_terms = [i.pk for i in updates if i.pk is not None]
        if kind == "organization":
            updated_orgs = [i.pk for i in updates if i.pk is not None]
        if kind == "location" and updates:
            # A changed place (name, buurt, coordinates) changes the search of the services held there.
            touched_services.update(
                ServiceAtLocation.objects.visible_to(reader)
                .filter(location_id__in=[i.pk for i in updates if i.pk is not None])
                .values_list("service_id", flat=True)
            )
        if kind == "service":
            _set_terms(items, pk_of=pk_of)
            touched_services.update(i.pk for i in items if i.pk is not None)
    if updated_orgs:
        touched_services.update(
            MapService.objects.visible_to(reader)
            .filter(map_organization_id__in=updated_orgs)
            .values_list("pk", flat=True)
        )
    if updated_terms:
        touched_services.update(
            MapService.terms.through.objects.filter(taxonomyterm_id__in=updated_terms).values_list(
                "mapservice_id", flat=True
            )
        )
    if any(i.action in ("create", "update") for i in plan.items["service_at_location"]):
        sal_ids = [i.pk for i in plan.items["service_at_location"] if i.action in ("create", "update")]
        touched_services.update(
            ServiceAtLocation.objects.visible_to(reader)
            .filter(pk__in=sal_ids)
            .values_list("service_id", flat=True)
        )
    return touched_services


def _set_parents(items: list[Item], *, reader: Actor, pk_of: dict[str, dict[uuid.UUID, int]]) -> None:
    wanted = [i for i in items if i.action == "create" and i.values.get("parent") is not None]
    wanted += [i for i in items if i.action == "update" and "parent" in i.changed]
    if not wanted:
        return
    model = MODELS["taxonomy_term"]
    manager: Any = model._default_manager
    parents = {i.values["parent"] for i in wanted if i.values.get("parent") is not None}
    pk_of["taxonomy_term"].update(_pks(reader, "taxonomy_term", parents))
    rows = {row.pk: row for row in manager.visible_to(reader).filter(pk__in=[i.pk for i in wanted])}
    for item in wanted:
        parent = item.values.get("parent")
        rows[item.pk].parent_id = pk_of["taxonomy_term"][parent] if parent is not None else None
    manager.visible_to(reader).bulk_update(list(rows.values()), ["parent_id"], batch_size=BATCH)


def _set_terms(items: list[Item], *, pk_of: dict[str, dict[uuid.UUID, int]]) -> None:
    through = MapService.terms.through
    changed = [i for i in items if i.terms is not None and (i.action == "create" or "terms" in i.changed)]
    if not changed:
        return
    through.objects.filter(mapservice_id__in=[i.pk for i in changed]).delete()
    links = [
        through(mapservice_id=item.pk, taxonomyterm_id=pk_of["taxonomy_term"][term])
        for item in changed
        for term in sorted(item.terms or ())
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
