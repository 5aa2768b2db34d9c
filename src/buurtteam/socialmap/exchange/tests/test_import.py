"""Import: round trips, idempotency, the audit event, and broken files rejected with row/field messages
while the database stays exactly as it was."""

from __future__ import annotations

import copy
import io
import json
import os
import uuid
import zipfile
from typing import Any

import pytest
from conftest import Tenant
from django.core.exceptions import ValidationError

from buurtteam.audit.models import AuditEvent
from buurtteam.core.gate import system_access
from buurtteam.socialmap.exchange import export
from buurtteam.socialmap.exchange.importer import import_apply, import_preview
from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.helpers import apply, as_bytes, preview, table_counts, totals
from buurtteam.socialmap.exchange.tests.test_export import build_map
from buurtteam.socialmap.models import MapLocation, MapService
from buurtteam.socialmap.tests.factories import map_editor

pytestmark = pytest.mark.django_db


def _without_modified(document: dict[str, Any]) -> dict[str, Any]:
    for service in document["services"]:
        service.pop("last_modified", None)
    return document


def _tabular(tenant: Tenant) -> bytes:
    return export.tabular_file(tenant.administrator).read()


def test_json_round_trip_into_another_organisation_gives_the_same_export(
    tenant: Tenant, other_tenant: Tenant
) -> None:
    build_map(tenant)
    first = export.json_bytes(tenant.administrator)
    report = apply(other_tenant.organisation.pk, first)
    assert report.clean and report.counts["service"]["create"] == 3
    second = export.json_bytes(other_tenant.administrator)
    assert _without_modified(json.loads(second)) == _without_modified(json.loads(first))
    # Re-importing the same file: everything unchanged, no duplicates.
    again = preview(other_tenant.organisation.pk, first)
    assert totals(again)["create"] == totals(again)["update"] == 0
    assert totals(again)["unchanged"] == sum(r["create"] for r in report.counts.values())


def test_tabular_round_trip_gives_the_same_export(tenant: Tenant, other_tenant: Tenant) -> None:
    build_map(tenant)
    report = apply(other_tenant.organisation.pk, _tabular(tenant), "kaart.zip")
    assert report.clean, report.problems
    assert report.format == "tabular"
    first = json.loads(export.json_bytes(tenant.administrator))
    second = json.loads(export.json_bytes(other_tenant.administrator))
    assert _without_modified(second) == _without_modified(first)
    again = preview(other_tenant.organisation.pk, _tabular(tenant), "kaart.zip")
    assert totals(again)["create"] == totals(again)["update"] == 0


def test_changed_file_updates_only_what_changed(tenant: Tenant) -> None:
    document = standards.load("examples/service_full.json")
    org = tenant.organisation.pk
    apply(org, as_bytes(document))
    document["name"] = "Samen praten"
    document["languages"].append({"id": str(uuid.uuid4()), "name": "Dutch", "code": "nl"})
    report = apply(org, as_bytes(document))
    assert report.counts["service"] == {"create": 0, "update": 1, "unchanged": 0, "rejected": 0}
    assert report.counts["location"]["unchanged"] == 1
    with system_access("test"):
        service = MapService.objects.get(organisation_id=org, hsds_id=document["id"])
    assert (service.name, service.languages) == ("Samen praten", "ur,nl")


def test_import_is_audited_once_with_the_counts(tenant: Tenant) -> None:
    editor = map_editor(tenant.team)
    content = (standards.hsds_dir() / "examples" / "service_full.json").read_bytes()
    before = AuditEvent.objects.count()
    import_apply(
        actor=editor, organisation_id=tenant.organisation.pk, content=content, filename="dienst.json"
    )
    events = list(AuditEvent.objects.order_by("-pk")[: AuditEvent.objects.count() - before])
    assert len(events) == 1
    event = events[0]
    assert (event.object_type, event.actor_id, event.organisation_id) == (
        "map_import",
        editor.pk,
        tenant.organisation.pk,
    )
    assert event.details["counts"]["service"]["create"] == 1
    assert event.details["file"] == "dienst.json"


def test_plain_worker_may_not_import(tenant: Tenant) -> None:
    content = (standards.hsds_dir() / "examples" / "service_full.json").read_bytes()
    with pytest.raises(PermissionError):
        import_preview(actor=tenant.worker, organisation_id=tenant.organisation.pk, content=content)
    editor = map_editor(tenant.team)
    with pytest.raises(PermissionError):  # never into another organisation
        import_preview(actor=editor, organisation_id=tenant.organisation.pk + 1000, content=content)


# --- Broken files ------------------------------------------------------------------------------------
def _service() -> dict[str, Any]:
    return copy.deepcopy(standards.load("examples/service_full.json"))


def _rejected(tenant: Tenant, content: bytes, filename: str = "kaart.json") -> list[str]:
    """Dry run and import both refuse; nothing in the database changes. Returns the messages."""
    org = tenant.organisation.pk
    before = table_counts()
    try:
        report = preview(org, content, filename)
    except ValidationError as exc:
        messages = exc.messages
    else:
        assert not report.clean
        messages = report.problems
    with pytest.raises(ValidationError):
        apply(org, content, filename)
    assert table_counts() == before
    return messages


def test_missing_required_field(tenant: Tenant) -> None:
    document = _service()
    del document["status"]
    assert _rejected(tenant, as_bytes(document)) == [
        "service ac148810…, veld status: is verplicht maar ontbreekt"
    ]


def test_bad_id_reference(tenant: Tenant) -> None:
    document = _service()
    document.pop("organization")
    document["organization_id"] = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    messages = _rejected(tenant, as_bytes(document))
    assert (
        "service ac148810…, veld organization_id: verwijst naar een onbekende organisatie (3fa85f64…)"
        in messages
    )
    assert any(
        "service_at_location e94c9f38…, veld service_id: verwijst naar een afgewezen" in m for m in messages
    )


def test_wrong_type(tenant: Tenant) -> None:
    document = _service()
    document["minimum_age"] = "twaalf"
    document["phones"] = {"number": "1"}
    messages = _rejected(tenant, as_bytes([document]))
    assert "service ac148810…, veld minimum_age: moet een getal zijn" in messages
    assert "service ac148810…, veld phones: moet een lijst zijn" in messages


def test_bad_uuid_and_enum_and_length(tenant: Tenant) -> None:
    document = _service()
    document["service_at_locations"][0]["location"]["location_type"] = "bus"
    document["schedules"][0]["id"] = "niet-een-uuid"
    messages = _rejected(tenant, as_bytes({"contents": [document]}))
    assert any("location_type: onbekende waarde bus" in m for m in messages)
    assert any("schedules[0], veld id: moet een UUID zijn" in m for m in messages)
    document = _service()
    document["name"] = "x" * 301
    messages = _rejected(tenant, as_bytes(document))
    assert messages[0].startswith(
        "service ac148810…, veld name: Zorg dat deze waarde niet meer dan 300 tekens"
    )
    assert all("verwijst naar een afgewezen" in m for m in messages[1:])  # what hangs on it goes too


def test_unknown_taxonomy_term_in_attribute(tenant: Tenant) -> None:
    document = _service()
    document["attributes"] = [
        {"id": str(uuid.uuid4()), "taxonomy_term_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}
    ]
    messages = _rejected(tenant, as_bytes(document))
    assert any("veld taxonomy_term_id: verwijst naar een onbekende term (3fa85f64…)" in m for m in messages)


def test_malformed_json(tenant: Tenant) -> None:
    messages = _rejected(tenant, b'{"id": "ac148810-d857-441c-9679-408f346de14b", "name": ')
    assert messages[0].startswith("Het bestand is geen geldige JSON:") and "regel 1" in messages[0]


def test_ten_megabytes_of_junk(tenant: Tenant) -> None:
    junk = os.urandom(10 * 1024 * 1024)
    messages = _rejected(tenant, junk, "kaart.json")
    assert messages[0].startswith("Het bestand is geen UTF-8-tekst")
    messages = _rejected(tenant, b"[" + b"1," * (5 * 1024 * 1024), "kaart.json")  # just over 10 MB
    assert messages == ["Het bestand is groter dan 10 MB; splits het in kleinere bestanden."]
    messages = _rejected(tenant, b"PK\x03\x04" + junk[:1000], "kaart.zip")
    assert messages == ["Het bestand is geen geldig ZIP-bestand."]


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _members(tenant: Tenant) -> dict[str, str]:
    archive = zipfile.ZipFile(io.BytesIO(_tabular(tenant)))
    return {name: archive.read(name).decode() for name in archive.namelist()}


def test_csv_with_a_bad_row(tenant: Tenant, other_tenant: Tenant) -> None:
    build_map(tenant, size=2)
    files = _members(tenant)
    lines = files["services.csv"].splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("minimum_age")] = "achttien"
    cells[header.index("status")] = "open"
    files["services.csv"] = "\r\n".join([*lines[:2], ",".join(cells)]) + "\r\n"
    messages = _rejected(other_tenant, _zip(files), "kaart.zip")
    assert "services.csv rij 3, veld minimum_age: moet een getal zijn" in messages
    assert any(m.startswith("services.csv rij 3, veld status: onbekende waarde open") for m in messages)


def test_zip_missing_tables(tenant: Tenant, other_tenant: Tenant) -> None:
    build_map(tenant, size=1)
    files = _members(tenant)
    del files["services.csv"], files["locations.csv"]
    messages = _rejected(other_tenant, _zip(files), "kaart.zip")
    assert messages == [
        "Het ZIP-bestand mist tabellen die in datapackage.json staan: services.csv, locations.csv."
    ]
    messages = _rejected(other_tenant, _zip({"leesmij.txt": "hallo"}), "kaart.zip")
    assert messages[0].startswith("Het ZIP-bestand bevat geen HSDS-tabellen")


def test_broken_csv_quoting(tenant: Tenant) -> None:
    content = _zip(
        {"organizations.csv": 'id,name,description\r\n"3fa85f64-5717-4562-b3fc-2c963f66afa6,"Open\r\n'}
    )
    messages = _rejected(tenant, content, "kaart.zip")
    assert messages[0].startswith("organizations.csv is geen geldig CSV-bestand")


def test_skip_rejected_imports_the_rest(tenant: Tenant) -> None:
    good = _service()
    bad = copy.deepcopy(good)
    bad["id"] = str(uuid.uuid4())
    bad["status"] = "weg"
    for nested in bad["service_at_locations"]:
        nested["id"] = str(uuid.uuid4())
    report = apply(tenant.organisation.pk, as_bytes([good, bad]), skip_rejected=True)
    assert report.counts["service"] == {"create": 1, "update": 0, "unchanged": 0, "rejected": 1}
    with system_access("test"):
        assert MapService.objects.filter(organisation=tenant.organisation).count() == 1
        assert MapLocation.objects.filter(organisation=tenant.organisation).count() == 1
