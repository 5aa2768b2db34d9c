"""manage.py hsds_export and hsds_import."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import Tenant
from django.core.management import call_command
from django.core.management.base import CommandError

from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.helpers import table_counts
from buurtteam.socialmap.exchange.tests.test_export import build_map

pytestmark = pytest.mark.django_db


def test_export_then_import_into_another_organisation(
    tenant: Tenant, other_tenant: Tenant, tmp_path: Path
) -> None:
    build_map(tenant, size=2)
    target = tmp_path / "kaart.json"
    call_command(
        "hsds_export", "--organisation", tenant.organisation.pk, "--format", "json", "--output", str(target)
    )
    document = json.loads(target.read_text())
    assert len(document["services"]) == 2
    zipped = tmp_path / "kaart.zip"
    call_command(
        "hsds_export",
        "--organisation",
        tenant.organisation.pk,
        "--format",
        "tabular",
        "--output",
        str(zipped),
    )
    assert "services.csv" in zipfile.ZipFile(zipped).namelist()

    out = io.StringIO()
    before = table_counts()
    call_command(
        "hsds_import", str(target), "--organisation", other_tenant.organisation.pk, "--dry-run", stdout=out
    )
    assert "Dry run (json)" in out.getvalue() and table_counts() == before
    out = io.StringIO()
    call_command("hsds_import", str(zipped), "--organisation", other_tenant.organisation.pk, stdout=out)
    assert "Imported (tabular)" in out.getvalue()
    assert table_counts()["MapService"] == before["MapService"] + 2


def test_import_of_a_broken_file_fails_with_the_reasons(tenant: Tenant, tmp_path: Path) -> None:
    document = standards.load("examples/service_full.json")
    del document["name"]
    path = tmp_path / "kapot.json"
    path.write_text(json.dumps(document))
    out = io.StringIO()
    before = table_counts()
    with pytest.raises(CommandError, match="er is niets geïmporteerd"):
        call_command("hsds_import", str(path), "--organisation", tenant.organisation.pk, stdout=out)
    with pytest.raises(CommandError, match="rejected"):
        call_command(
            "hsds_import", str(path), "--organisation", tenant.organisation.pk, "--dry-run", stdout=out
        )
    assert "veld name: is verplicht maar ontbreekt" in out.getvalue()
    assert table_counts() == before


def test_unknown_organisation(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError, match="No organisation"):
        call_command("hsds_export", "--organisation", 999999, "--output", str(tmp_path / "x.json"))
