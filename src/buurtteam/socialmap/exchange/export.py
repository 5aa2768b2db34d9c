"""Exporting an organisation's whole sociale kaart: HSDS JSON (streamed) and the tabular data package (ZIP).

Both walk the tables in keyset-paged batches (``BATCH`` rows, ordered by primary key) with a fixed number
of queries per batch, so memory stays flat whatever the size of the map. The JSON document::

    {"version": "3.0", "profile": ..., "organizations": [...], "locations": [...],
     "taxonomies": [...], "taxonomy_terms": [...], "services": [full service objects]}

Each list item has the shape of the standard's compiled schema of its type. The tabular export writes one CSV
file per table of the standard (``spec.SPECS``) plus ``datapackage.json``, spooled to temporary files on disk.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar

from django.db import models

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.socialmap.exchange.profile import PROFILE_URI
from buurtteam.socialmap.exchange.serialize import (
    SCHEDULE_VALUES,
    location_batch,
    organization_json,
    profile_taxonomy_json,
    profile_term_json,
    schedule_json,
    service_batch,
    taxonomy_json,
    term_json,
)
from buurtteam.socialmap.exchange.spec import DATETIME, EMAIL, ENUM, LIST, NUMBER, OBJECT, SPECS, URI, UUID
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

BATCH = 500
M = TypeVar("M", bound=models.Model)


def keyset(queryset: models.QuerySet[M], batch: int = BATCH) -> Iterator[list[M]]:
    """The rows of ``queryset`` in batches, by primary key, each batch one query."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk")[:batch])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def keyset_values(queryset: models.QuerySet[Any], *fields: str) -> Iterator[list[dict[str, Any]]]:
    """Like :func:`keyset`, as ``values()`` rows (no model instances: the big tables of the export)."""
    last = 0
    while True:
        rows = list(
            queryset.filter(pk__gt=last).order_by("pk").values(*dict.fromkeys(("pk", *fields)))[:BATCH]
        )
        if not rows:
            return
        yield rows
        last = rows[-1]["pk"]


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def organizations(actor: Actor) -> Iterator[list[dict[str, Any]]]:
    for rows in keyset(MapOrganization.objects.visible_to(actor)):
        yield [organization_json(org) for org in rows]


def locations(actor: Actor) -> Iterator[list[dict[str, Any]]]:
    for rows in keyset(MapLocation.objects.visible_to(actor).select_related("map_organization")):
        yield location_batch(actor, rows)


def taxonomies(actor: Actor) -> Iterator[list[dict[str, Any]]]:
    yield [profile_taxonomy_json()]
    for rows in keyset(Taxonomy.objects.visible_to(actor)):
        yield [taxonomy_json(t) for t in rows]


def profile_terms() -> list[dict[str, Any]]:
    terms = [profile_term_json("service_kind", v) for v in MapService.Kind.values]
    terms += [profile_term_json("location_kind", v) for v in MapLocation.Kind.values]
    return [*terms, profile_term_json("last_checked_on", "")]


def taxonomy_terms(actor: Actor) -> Iterator[list[dict[str, Any]]]:
    yield profile_terms()
    for rows in keyset(TaxonomyTerm.objects.visible_to(actor).select_related("taxonomy", "parent")):
        yield [term_json(t, parent_hsds_id=t.parent.hsds_id if t.parent else None) for t in rows]


def services(actor: Actor, *, nested: bool = True) -> Iterator[list[dict[str, Any]]]:
    for rows in keyset(MapService.objects.visible_to(actor).select_related("map_organization")):
        yield service_batch(actor, rows, nested=nested)


SECTIONS: list[tuple[str, Callable[[Actor], Iterator[list[dict[str, Any]]]]]] = [
    ("organizations", organizations),
    ("locations", locations),
    ("taxonomies", taxonomies),
    ("taxonomy_terms", taxonomy_terms),
    ("services", services),
]


def json_chunks(actor: Actor) -> Iterator[str]:
    """The whole map as one HSDS JSON document, in chunks of about one batch each."""
    yield _dumps({"version": "3.0", "profile": PROFILE_URI})[:-1]
    for index, (name, section) in enumerate(SECTIONS):
        yield f',"{name}":['
        first = True
        for batch in section(actor):
            if batch:
                yield ("" if first else ",") + ",".join(_dumps(obj) for obj in batch)
                first = False
        yield "]" if index < len(SECTIONS) - 1 else "]}\n"


# --- Tabular ------------------------------------------------------------------------------------------
_FIELD_TYPES = {
    NUMBER: ("number", None),
    UUID: ("string", "uuid"),
    EMAIL: ("string", "email"),
    URI: ("string", "uri"),
}
_FIELD_TYPES[DATETIME] = ("datetime", None)


def datapackage() -> dict[str, Any]:
    """The Frictionless data package descriptor of the tabular export (every table of the standard)."""
    resources = []
    for spec in SPECS.values():
        fields = []
        for f in spec.fields:
            if f.kind in (OBJECT, LIST):
                continue
            kind, fmt = _FIELD_TYPES.get(f.kind, ("string", None))
            entry: dict[str, Any] = {"name": f.name, "type": kind}
            if fmt:
                entry["format"] = fmt
            constraints: dict[str, Any] = {}
            if f.name in spec.required:
                constraints["required"] = True
            if f.kind == ENUM:
                constraints["enum"] = list(f.choices)
            if constraints:
                entry["constraints"] = constraints
            fields.append(entry)
        resources.append(
            {
                "name": spec.name,
                "path": spec.table,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["id"]},
            }
        )
    return {
        "name": "sociale-kaart",
        "title": "Sociale kaart (Open Referral HSDS 3.0)",
        "profile": "tabular-data-package",
        "resources": resources,
    }


class _Tables:
    """One spooled CSV writer per table; rows go to temporary files, not to memory."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.files: dict[str, tuple[IO[str], Any]] = {}
        for spec in SPECS.values():
            handle = open(f"{directory}/{spec.table}", "w", encoding="utf-8", newline="")  # noqa: SIM115
            writer = csv.DictWriter(
                handle, fieldnames=spec.columns, extrasaction="ignore", lineterminator="\r\n"
            )
            writer.writeheader()
            self.files[spec.name] = (handle, writer)

    def write(self, kind: str, row: dict[str, Any]) -> None:
        self.files[kind][1].writerow({k: _cell(v) for k, v in row.items() if not isinstance(v, dict | list)})

    def close(self) -> None:
        for handle, _writer in self.files.values():
            handle.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Nested lists that are rows of their own table, under the id column that names the parent.
_CORE_NESTED = {"organization", "location", "service", "service_at_location", "schedule", "taxonomy_term"}


def flatten(tables: _Tables, kind: str, obj: dict[str, Any], parent: tuple[str, str] | None = None) -> None:
    """Write ``obj`` and the non-core objects nested in it as rows, linked by id columns."""
    row = dict(obj)
    if parent is not None:
        column, parent_id = parent
        if column in SPECS[kind].by_name:
            row.setdefault(column, parent_id)
    if kind == "attribute" and isinstance(obj.get("taxonomy_term"), dict):
        row.setdefault("taxonomy_term_id", obj["taxonomy_term"]["id"])
    tables.write(kind, row)
    for key, value in obj.items():
        spec_field = SPECS[kind].by_name.get(key)
        if spec_field is None or spec_field.kind not in (OBJECT, LIST) or spec_field.of in _CORE_NESTED:
            continue
        if spec_field.of == "taxonomy":
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, dict):
                continue
            if spec_field.of == "attribute":
                item = {
                    **item,
                    "link_id": item.get("link_id") or obj["id"],
                    "link_entity": item.get("link_entity") or kind,
                }
            elif spec_field.of == "metadata":
                item = {
                    **item,
                    "resource_id": item.get("resource_id") or obj["id"],
                    "resource_type": item.get("resource_type") or kind,
                }
            flatten(tables, spec_field.of, item, (f"{kind}_id", obj["id"]))


def write_tabular(actor: Actor, target: IO[bytes]) -> None:
    """Write the whole map as the tabular data package (a ZIP file) to ``target``."""
    with tempfile.TemporaryDirectory(prefix="hsds-export-") as directory:
        tables = _Tables(directory)
        try:
            for batch in organizations(actor):
                for obj in batch:
                    flatten(tables, "organization", obj)
            for batch in locations(actor):
                for obj in batch:
                    flatten(tables, "location", {k: v for k, v in obj.items() if k != "schedules"})
            for batch in taxonomies(actor):
                for obj in batch:
                    flatten(tables, "taxonomy", obj)
            for batch in taxonomy_terms(actor):
                for obj in batch:
                    flatten(tables, "taxonomy_term", obj)
            for batch in services(actor, nested=False):
                for obj in batch:
                    flat = {
                        k: v
                        for k, v in obj.items()
                        if k not in ("schedules", "service_at_locations", "organization")
                    }
                    flatten(tables, "service", flat)
            sals = ServiceAtLocation.objects.visible_to(actor)
            for sal_rows in keyset_values(
                sals, "hsds_id", "service__hsds_id", "location__hsds_id", "description"
            ):
                for sal in sal_rows:
                    row = {
                        "id": str(sal["hsds_id"]),
                        "service_id": str(sal["service__hsds_id"]),
                        "location_id": str(sal["location__hsds_id"]),
                    }
                    if sal["description"]:
                        row["description"] = sal["description"]
                    tables.write("service_at_location", row)
            for schedule_rows in keyset_values(Schedule.objects.visible_to(actor), *SCHEDULE_VALUES):
                for schedule in schedule_rows:
                    flatten(tables, "schedule", schedule_json(schedule))  # with attributes, metadata
        finally:
            tables.close()
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("datapackage.json", json.dumps(datapackage(), ensure_ascii=False, indent=2))
            for spec in SPECS.values():
                with open(f"{directory}/{spec.table}", "rb") as source, archive.open(spec.table, "w") as sink:
                    shutil.copyfileobj(source, sink, 1024 * 1024)


def tabular_file(actor: Actor) -> IO[bytes]:
    """The tabular export in a temporary file (deleted when closed), positioned at its start."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (returned open, closed by the response)
    write_tabular(actor, handle)
    handle.seek(0)
    return handle


def json_bytes(actor: Actor) -> bytes:
    """The JSON export in memory (small maps and tests)."""
    buffer = io.StringIO()
    for chunk in json_chunks(actor):
        buffer.write(chunk)
    return buffer.getvalue().encode("utf-8")


def record_export(*, actor: Actor, fmt: str) -> None:
    """One audit event per download of the whole map (tenant data, no persons)."""
    record(
        actor=actor,
        action=Action.EXPORT,
        object_type="map_export",
        object_id=actor.organisation_id or "",
        details={"format": fmt},
    )
