"""Every official HSDS 3.0 example imports cleanly: a clean dry run, the import, and re-import unchanged;
and every schedule and taxonomy_term field of the examples comes back, field by field, in the export."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from conftest import Tenant

from buurtteam.socialmap.exchange import export
from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.helpers import apply, as_bytes, preview, table_counts, totals

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", standards.example_names())
def test_official_example_imports_cleanly(tenant: Tenant, name: str) -> None:
    content = (standards.hsds_dir() / "examples" / name).read_bytes()
    org = tenant.organisation.pk
    before = table_counts()
    dry = preview(org, content, name)
    assert dry.problems == [], dry.problems
    assert table_counts() == before  # a dry run writes nothing
    done = apply(org, content, name)
    assert done.clean and done.counts == dry.counts
    again = preview(org, content, name)
    assert again.problems == []
    assert totals(again)["create"] == 0 and totals(again)["update"] == 0, again.counts
    assert (
        totals(again)["unchanged"] >= totals(dry)["create"] - 1
    )  # a taxonomy only named by a term is not re-listed
    after = table_counts()
    apply(org, content, name)
    assert table_counts() == {**after, "audit": after["audit"] + 1}  # no duplicates, one audit event


# --- Every schedule and taxonomy_term field of the examples survives import and export ----------------
KINDS = {"schedule": "schema/schedule.json", "taxonomy_term": "schema/taxonomy_term.json"}
TIMES = {"opens_at", "closes_at"}
# Fields that name what the object belongs to by nesting in one file and by id in another (a schedule
# under its location has no location_id, the export writes it): compared only where the example has them.


def _objects(document: Any, kind: str, found: dict[str, list[dict[str, Any]]]) -> None:
    """Every object of ``kind`` in an HSDS document, JSON or the tabular example, by id (copies kept)."""
    if isinstance(document, list):
        for item in document:
            _objects(item, kind, found)
    elif isinstance(document, dict):
        for key, value in document.items():
            holds = {
                "schedule": key in ("schedules", "schedules.csv"),
                "taxonomy_term": key in ("taxonomy_term", "taxonomy_terms", "taxonomy_terms.csv"),
            }[kind]
            items = value if isinstance(value, list) else [value]
            if holds:
                for item in items:
                    if isinstance(item, dict) and "id" in item:
                        found.setdefault(str(item["id"]), []).append(item)
            _objects(value, kind, found)
        if kind == "taxonomy_term" and _is_term(document):
            found.setdefault(str(document["id"]), []).append(document)


def _is_term(obj: dict[str, Any]) -> bool:
    return (
        "id" in obj
        and bool(set(obj) & {"taxonomy_detail", "term_uri", "parent_id", "code"})
        and ("link_type" not in obj)
    )


def _same(field: str, given: Any, exported: Any) -> bool:
    if field in TIMES and isinstance(given, str) and isinstance(exported, str):
        return datetime.time.fromisoformat(given) == datetime.time.fromisoformat(exported)
    return bool(given == exported)


def field_losses(original: Any, exported: Any) -> list[str]:
    """Every field of a schedule or term (as the standard defines them) that the example has and the export
    does not give back equal."""
    losses = []
    for kind, schema in KINDS.items():
        defined = set(standards.load(schema)["properties"])
        before: dict[str, list[dict[str, Any]]] = {}
        after: dict[str, list[dict[str, Any]]] = {}
        _objects(original, kind, before)
        _objects(exported, kind, after)
        for object_id, copies in before.items():
            if object_id not in after:
                losses.append(f"{kind} {object_id}: not exported")
                continue
            back = after[object_id][0]
            assert all(copy == back for copy in after[object_id]), f"{kind} {object_id}: copies differ"
            for copy in copies:
                for field in sorted(defined & set(copy)):
                    if not _same(field, copy[field], back.get(field)):
                        losses.append(f"{kind} {object_id}.{field}: {copy[field]!r} -> {back.get(field)!r}")
    return losses


@pytest.mark.parametrize("name", standards.example_names())
def test_every_schedule_and_term_field_survives_the_round_trip(tenant: Tenant, name: str) -> None:
    example = standards.load(f"examples/{name}")
    content = (standards.hsds_dir() / "examples" / name).read_bytes()
    assert apply(tenant.organisation.pk, content, name).clean
    exported = json.loads(export.json_bytes(tenant.administrator))
    assert field_losses(example, exported) == []
    found: dict[str, list[dict[str, Any]]] = {}
    _objects(example, "schedule", found)
    _objects(example, "taxonomy_term", found)
    assert found or name in WITHOUT, name  # the walk finds what the example has


# Examples without a schedule or a term (a taxonomy alone, the API's description).
WITHOUT = {
    "base.json",
    "taxonomy.json",
    "taxonomy_list.json",
    "organization_list.json",
    "service_list.json",
    "service_at_location_list.json",
}


def test_schedule_attributes_and_metadata_and_term_metadata_survive(tenant: Tenant) -> None:
    """Fields the examples leave out: a schedule's attributes and metadata, a term's metadata."""
    document = standards.load("examples/service_full.json")
    term = document["attributes"][0]["taxonomy_term"]
    metadata = standards.load("examples/tabular.json")["metadata.csv"][0]
    schedule = document["schedules"][0]
    schedule["attributes"] = [
        {
            "id": "2f0b6f0e-6f5e-4c8f-9f7e-3c1a1d2b4e5f",
            "taxonomy_term_id": term["id"],
            "link_type": "toegang",
            "link_entity": "schedule",
            "value": "inloop",
        }
    ]
    schedule["metadata"] = [{**metadata, "resource_id": schedule["id"], "resource_type": "schedule"}]
    term["metadata"] = [{**metadata, "id": "0c4e1f2a-5b6d-4e7f-8a9b-1c2d3e4f5a6b", "resource_id": term["id"]}]
    org = tenant.organisation.pk
    assert apply(org, as_bytes(document)).clean
    exported = json.loads(export.json_bytes(tenant.administrator))
    assert field_losses(document, exported) == []
    again = preview(org, export.json_bytes(tenant.administrator))  # the export, imported again
    assert again.counts["schedule"] == {"create": 0, "update": 0, "unchanged": 1, "rejected": 0}
    assert again.counts["taxonomy_term"] == {"create": 0, "update": 0, "unchanged": 1, "rejected": 0}
