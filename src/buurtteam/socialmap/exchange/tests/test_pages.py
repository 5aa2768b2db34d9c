"""The exchange pages: editors only, upload -> dry-run report -> import, bad uploads in Dutch, downloads."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from conftest import Tenant
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from buurtteam.audit.models import AuditEvent
from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.helpers import table_counts
from buurtteam.socialmap.exchange.tests.test_export import build_map
from buurtteam.socialmap.tests.factories import map_editor

pytestmark = pytest.mark.django_db

PAGES = ["page", "download_json", "download_tabular"]


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _example(name: str = "service_full.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (standards.hsds_dir() / "examples" / name).read_bytes())


@pytest.mark.parametrize("name", PAGES)
def test_plain_worker_and_policy_officer_get_404(tenant: Tenant, name: str) -> None:
    for user in (tenant.worker, tenant.policy_officer, tenant.coordinator):
        assert _client(user).get(reverse(f"map_exchange:{name}")).status_code == 404
    before = table_counts()
    response = _client(tenant.worker).post(reverse("map_exchange:upload"), {"file": _example()})
    assert response.status_code == 404
    assert table_counts() == before


def test_anonymous_is_sent_to_log_in(db: None) -> None:
    response = Client().get(reverse("map_exchange:page"))
    assert response.status_code == 302  # the log-in page


def test_upload_report_then_import(tenant: Tenant) -> None:
    editor = map_editor(tenant.team)
    client = _client(editor)
    page = client.get(reverse("map_exchange:page"))
    assert page.status_code == 200
    assert "HSDS JSON downloaden" in page.content.decode()
    before = table_counts()
    report = client.post(reverse("map_exchange:upload"), {"file": _example()})
    html = report.content.decode()
    assert report.status_code == 200
    assert "Controle van het bestand" in html and "Er is nog niets opgeslagen" in html
    assert table_counts() == before
    token = report.context["confirm"].initial["token"]
    done = client.post(reverse("map_exchange:confirm"), {"token": token})
    assert done.status_code == 200
    assert "service_full.json is geïmporteerd" in done.content.decode()
    after = table_counts()
    assert after["MapService"] == before["MapService"] + 1
    assert AuditEvent.objects.filter(object_type="map_import", actor_id=editor.pk).count() == 1
    # The token is used up; a token of someone else never works.
    again = client.post(reverse("map_exchange:confirm"), {"token": token})
    assert again.status_code == 400 and "niet meer beschikbaar" in again.content.decode()
    assert table_counts() == after


def test_token_of_another_user_does_not_import(tenant: Tenant) -> None:
    editor, other = map_editor(tenant.team), map_editor(tenant.other_team)
    report = _client(editor).post(reverse("map_exchange:upload"), {"file": _example()})
    token = report.context["confirm"].initial["token"]
    before = table_counts()
    response = _client(other).post(reverse("map_exchange:confirm"), {"token": token})
    assert response.status_code == 400
    response = _client(editor).post(reverse("map_exchange:confirm"), {"token": "../../etc/passwd"})
    assert response.status_code == 400
    assert table_counts() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"{niet json", "Het bestand is geen geldige JSON"),
        (b"\xff\xfe\x00junk", "Het bestand is geen UTF-8-tekst"),
        (b"PK\x03\x04rommel", "Het bestand is geen geldig ZIP-bestand."),
    ],
)
def test_bad_upload_gives_a_dutch_message(tenant: Tenant, content: bytes, message: str) -> None:
    client = _client(map_editor(tenant.team))
    before = table_counts()
    response = client.post(
        reverse("map_exchange:upload"), {"file": SimpleUploadedFile("kaart.json", content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert table_counts() == before


def test_no_file_chosen(tenant: Tenant) -> None:
    response = _client(map_editor(tenant.team)).post(reverse("map_exchange:upload"), {})
    assert response.status_code == 400 and "Kies een bestand." in response.content.decode()


def test_rejected_file_imports_nothing_unless_skipped(tenant: Tenant) -> None:
    good = standards.load("examples/service_full.json")
    bad = {
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "name": "Kapot",
        "status": "<script>alert(1)</script>",
    }
    upload = SimpleUploadedFile("kapot.json", json.dumps([good, bad]).encode())
    client = _client(map_editor(tenant.team))
    report = client.post(reverse("map_exchange:upload"), {"file": upload})
    html = report.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "Afgewezen objecten overslaan" in html
    token = report.context["confirm"].initial["token"]
    before = table_counts()
    refused = client.post(reverse("map_exchange:confirm"), {"token": token})
    assert refused.status_code == 400 and "er is niets geïmporteerd" in refused.content.decode()
    assert table_counts() == before
    done = client.post(reverse("map_exchange:confirm"), {"token": token, "skip_rejected": "on"})
    assert done.status_code == 200
    assert table_counts()["MapService"] == before["MapService"] + 1


def test_downloads(tenant: Tenant) -> None:
    build_map(tenant, size=2)
    client = _client(tenant.administrator)
    response = client.get(reverse("map_exchange:download_json"))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    document = json.loads(_body(response))
    assert len(document["services"]) == 2
    response = client.get(reverse("map_exchange:download_tabular"))
    archive = zipfile.ZipFile(io.BytesIO(_body(response)))
    assert "datapackage.json" in archive.namelist()
    assert AuditEvent.objects.filter(object_type="map_export", actor_id=tenant.administrator.pk).count() == 2
