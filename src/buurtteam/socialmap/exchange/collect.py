"""From a read file to the objects it describes: every organisation, location, service, service at a
location, schedule, taxonomy and term once, keyed by its HSDS id, with the lists nested under it.

JSON may nest the same object several times (a location under each service that runs there, a schedule
under the service and under its location): the copies are merged. Tabular files link rows by id
columns instead: child rows (phones, addresses, languages, ...) are put under the rows they name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from buurtteam.socialmap.exchange.reader import FileRejected, Row, Upload
from buurtteam.socialmap.exchange.spec import LIST, OBJECT, SPECS, TABLES, Problem, check_object, short_id

CORE = ("taxonomy", "taxonomy_term", "organization", "location", "service", "service_at_location", "schedule")
BUNDLE_KEYS = {
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
    "organizations": "organization",
    "locations": "location",
    "services": "service",
    "service_at_locations": "service_at_location",
}
# The id columns of a child row -> the kind of object it belongs to.
PARENT_COLUMNS = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
}
# The name of the list a child kind goes into under its parent (a service holds one "program").
LIST_NAMES = {
    "phone": "phones",
    "contact": "contacts",
    "address": "addresses",
    "language": "languages",
    "accessibility": "accessibility",
    "cost_option": "cost_options",
    "funding": "funding",
    "program": "programs",
    "service_area": "service_areas",
    "required_document": "required_documents",
    "organization_identifier": "organization_identifiers",
    "metadata": "metadata",
}


@dataclass
class Entity:
    kind: str
    id: str
    where: str
    data: dict[str, Any]
    children: dict[str, Any] = field(default_factory=dict)
    attributes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Rejected:
    kind: str
    id: str
    problems: list[Problem]


@dataclass
class Graph:
    entities: dict[str, dict[str, Entity]] = field(default_factory=lambda: {k: {} for k in CORE})
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def rejected_ids(self) -> set[str]:
        return {r.id for r in self.rejected if r.id}

    def find(self, object_id: str) -> Entity | None:
        for kind in CORE:
            entity = self.entities[kind].get(object_id)
            if entity is not None:
                return entity
        return None

    def add(self, kind: str, data: dict[str, Any], where: str) -> Entity:
        object_id = str(data["id"])
        flat = {
            key: value
            for key, value in data.items()
            if key in SPECS[kind].by_name and SPECS[kind].by_name[key].kind not in (OBJECT, LIST)
        }
        entity = self.entities[kind].get(object_id)
        if entity is None:
            entity = self.entities[kind][object_id] = Entity(kind, object_id, where, flat)
        else:
            for key, value in flat.items():
                entity.data.setdefault(key, value)
        return entity


def collect(upload: Upload) -> Graph:
    graph = Graph()
    if upload.format == "tabular":
        _collect_tabular(graph, upload.tables)
    else:
        for kind, obj, where in _top_objects(upload.document, graph):
            problems = check_object(kind, obj, where)
            if problems:
                graph.rejected.append(
                    Rejected(kind, str(obj.get("id") or "") if isinstance(obj, dict) else "", problems)
                )
                continue
            _visit(graph, kind, obj, where, {})
    return graph


# --- JSON -------------------------------------------------------------------------------------------
def _detect(item: Any) -> str | None:
    """The object type of a top-level JSON object, from the fields only that type has."""
    if not isinstance(item, dict):
        return None
    keys = set(item)
    if "location_type" in keys or "addresses" in keys or "accessibility" in keys:
        return "location"
    if keys & {"status", "service_at_locations", "organization", "cost_options", "program"}:
        return "service"
    if keys & {"location", "service", "location_id", "service_id"}:
        return "service_at_location"
    if keys & {"taxonomy_detail", "taxonomy_id", "parent_id", "term_uri", "code", "taxonomy"}:
        return "taxonomy_term"
    if keys & {
        "services",
        "locations",
        "website",
        "funding",
        "programs",
        "organization_identifiers",
        "tax_status",
    }:
        return "organization"
    if keys & {"year_incorporated", "legal_status", "logo", "parent_organization_id", "tax_id"}:
        return "organization"
    if keys <= {"id", "name", "description", "uri", "version", "metadata"} and keys & {"uri", "version"}:
        return "taxonomy"
    return None


def _listed(items: list[Any], label: str, graph: Graph) -> list[tuple[str, Any, str]]:
    kinds = [_detect(item) for item in items]
    common = Counter(k for k in kinds if k).most_common(1)
    hint = common[0][0] if common else "service"
    result = []
    for index, (item, kind) in enumerate(zip(items, kinds, strict=True)):
        kind = kind or hint
        object_id = item.get("id") if isinstance(item, dict) else None
        where = f"{kind} {short_id(object_id)}" if object_id else f"{label}[{index}]"
        result.append((kind, item, where))
    return result


def _top_objects(document: Any, graph: Graph) -> list[tuple[str, Any, str]]:
    if isinstance(document, list):
        return _listed(document, _("lijst"), graph)
    assert isinstance(document, dict)
    if isinstance(document.get("contents"), list):
        return _listed(document["contents"], "contents", graph)
    if "id" not in document and any(key in document for key in BUNDLE_KEYS):
        result: list[tuple[str, Any, str]] = []
        for key, kind in BUNDLE_KEYS.items():
            items = document.get(key) or []
            if not isinstance(items, list):
                raise FileRejected(_("%(key)s moet een lijst zijn.") % {"key": key})
            for index, item in enumerate(items):
                object_id = item.get("id") if isinstance(item, dict) else None
                result.append(
                    (kind, item, f"{kind} {short_id(object_id)}" if object_id else f"{key}[{index}]")
                )
        return result
    if "id" in document:
        kind = _detect(document) or "service"
        return [(kind, document, f"{kind} {short_id(document['id'])}")]
    if "version" in document or "openapi_url" in document:
        graph.warnings.append(
            _("Het bestand beschrijft alleen de API (versie en profiel); er staan geen objecten in.")
        )
        return []
    raise FileRejected(
        _("Het bestand heeft geen vorm die HSDS kent (een object, een lijst, of een pagina met contents).")
    )


def _visit(graph: Graph, kind: str, obj: dict[str, Any], where: str, links: dict[str, str]) -> Entity:
    entity = graph.add(kind, {**links, **obj}, f"{kind} {short_id(obj['id'])}")
    for key, value in obj.items():
        spec_field = SPECS[kind].by_name.get(key)
        if spec_field is None or value is None or spec_field.kind not in (OBJECT, LIST):
            continue
        nested = f"{where} > {key}"
        if key == "attributes":
            for attribute in value:
                _attribute(graph, entity, attribute, nested)
        elif spec_field.of in CORE and spec_field.kind == OBJECT:
            child = _visit(graph, spec_field.of, value, nested, {})
            entity.data.setdefault(f"{spec_field.of}_id", child.id)
        elif spec_field.of in CORE:
            link = {f"{kind}_id": entity.id} if f"{kind}_id" in SPECS[spec_field.of].by_name else {}
            for item in value:
                _visit(graph, spec_field.of, item, nested, link)
        else:
            entity.children.setdefault(key, value)
    return entity


def _attribute(graph: Graph, entity: Entity, attribute: dict[str, Any], where: str) -> None:
    attribute = dict(attribute)
    term = attribute.pop("taxonomy_term", None)
    if isinstance(term, dict):
        _visit(graph, "taxonomy_term", term, f"{where} > taxonomy_term", {})
        attribute.setdefault("taxonomy_term_id", term["id"])
    if not any(a.get("id") == attribute["id"] for a in entity.attributes):
        entity.attributes.append(attribute)


# --- Tabular ----------------------------------------------------------------------------------------
@dataclass
class _Child:
    kind: str
    data: dict[str, Any]
    where: str


def _collect_tabular(graph: Graph, tables: dict[str, list[Row]]) -> None:
    children: list[_Child] = []
    for table, rows in tables.items():
        kind = TABLES[table]
        for row in rows:
            problems = row.problems + check_object(kind, row.data, row.where)
            if problems:
                graph.rejected.append(Rejected(kind, str(row.data.get("id") or ""), problems))
            elif kind in CORE:
                graph.add(kind, row.data, row.where)
            elif kind == "meta_table_description":
                graph.warnings.append(
                    _("%(where)s: tabelbeschrijvingen worden niet bewaard.") % {"where": row.where}
                )
            else:
                children.append(_Child(kind, dict(row.data), row.where))
    _attach(graph, children)


def _attach(graph: Graph, children: list[_Child]) -> None:
    by_id: dict[str, list[_Child]] = {}
    for child in children:
        by_id.setdefault(str(child.data["id"]), []).append(child)

    def nest(child: _Child, column: str, parent_kind: str, list_name: str) -> bool:
        parents = [p for p in by_id.get(str(child.data.get(column)), []) if p.kind == parent_kind]
        for parent in parents:
            parent.data.setdefault(list_name, []).append(_nested(child.data))
        return bool(parents)

    # Grandchildren first: languages of a phone, phones of a contact, attributes and metadata of a child.
    for child in children:
        if child.kind == "language" and child.data.get("phone_id"):
            nest(child, "phone_id", "phone", "languages")
    for child in children:
        if child.kind == "phone" and child.data.get("contact_id"):
            nest(child, "contact_id", "contact", "phones")
    for child in children:
        placed = False
        if child.kind == "attribute":
            target = graph.find(str(child.data.get("link_id") or ""))
            if target is not None:
                _attribute(graph, target, child.data, child.where)
                placed = True
            else:
                for other in by_id.get(str(child.data.get("link_id") or ""), []):
                    other.data.setdefault("attributes", []).append(child.data)
                    placed = True
        elif child.kind == "metadata":
            target = graph.find(str(child.data.get("resource_id") or ""))
            if target is not None:
                target.children.setdefault("metadata", []).append(child.data)  # keeps resource_id
                placed = True
        else:
            placed = _place(graph, child)
            placed = placed or (child.kind == "phone" and bool(child.data.get("contact_id")))
            placed = placed or (child.kind == "language" and bool(child.data.get("phone_id")))
        if not placed:
            graph.warnings.append(
                _("%(where)s: hoort bij niets in het bestand en wordt overgeslagen.") % {"where": child.where}
            )


def _place(graph: Graph, child: _Child) -> bool:
    placed = False
    for column, parent_kind in PARENT_COLUMNS.items():
        parent_id = child.data.get(column)
        if not parent_id or column not in SPECS[child.kind].by_name:
            continue
        parent = graph.entities[parent_kind].get(str(parent_id))
        if parent is None:
            continue
        if parent_kind == "service" and child.kind == "program":
            parent.children.setdefault("program", _nested(child.data))
        else:
            parent.children.setdefault(LIST_NAMES[child.kind], []).append(_nested(child.data))
        placed = True
    if child.kind == "program":
        # A service names its program by program_id.
        for service in graph.entities["service"].values():
            if service.data.get("program_id") == child.data["id"]:
                service.children.setdefault("program", _nested(child.data))
    return placed


def _nested(data: dict[str, Any]) -> dict[str, Any]:
    """A child row as it is nested under its parent in JSON: without the id columns that name a parent."""
    return {k: v for k, v in data.items() if k not in PARENT_COLUMNS and k not in ("contact_id", "phone_id")}
