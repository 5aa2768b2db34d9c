from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Tenant
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.fixtures import Settings as SettingsWrapper

from buurtteam.config.env import REGISTRY

ROOT = Path(__file__).resolve().parents[4]


@pytest.mark.django_db
def test_security_headers_on_every_page(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    for url in (reverse("accounts:login"), reverse("workspace:home"), "/bestaat-niet/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_templates_have_no_inline_scripts_or_styles() -> None:
    templates = list((ROOT / "src" / "buurtteam").rglob("templates/**/*.html"))
    assert templates
    for path in templates:
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {path}"
        assert not re.search(r"\sstyle=\"", text), f"inline style attribute in {path}"
        assert not re.search(r"\son[a-z]+=\"", text), f"inline event handler in {path}"


def test_check_deploy_passes_with_production_settings() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "buurtteam.config.settings",
        "BUURTTEAM_SECRET_KEY": "k" * 20 + "-Zq8#pL2@vX9!mR4$tY7%wB1^nC6&dF3*gH5",
        "BUURTTEAM_DEBUG": "false",
        "BUURTTEAM_ALLOWED_HOSTS": "buurtteam.example.org",
    }
    env.pop("BUURTTEAM_SECURE_HTTPS", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    start, end = "<!-- env-table:start -->", "<!-- env-table:end -->"
    assert start in readme and end in readme, "README needs the configuration table markers"
    table = readme.split(start, 1)[1].split(end, 1)[0]
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", table, flags=re.MULTILINE))
    assert documented == set(REGISTRY), (
        f"undocumented: {set(REGISTRY) - documented}; stale: {documented - set(REGISTRY)}"
    )
    for var in REGISTRY.values():
        assert var.help, f"{var.name} has no help text"


def test_cache_round_trip() -> None:
    """With REDIS_URL set (production, CI on PostgreSQL) this talks to a real Redis."""
    from django.core.cache import cache

    cache.set("buurtteam-test-key", {"n": 1}, timeout=5)
    assert cache.get("buurtteam-test-key") == {"n": 1}
    cache.delete("buurtteam-test-key")


@pytest.mark.django_db
def test_server_error_page_is_dutch_and_reveals_nothing(rf: RequestFactory) -> None:
    from buurtteam.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Er ging iets mis" in body and 'lang="nl"' in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_language_switch_works_before_login(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("accounts:login")})
    assert response.status_code == 302
    page = client.get(reverse("accounts:login"))
    assert 'lang="en"' in page.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_a_dutch_page(tenant: Tenant) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()


def test_forwarded_for_uses_the_proxys_view(rf: RequestFactory, settings: SettingsWrapper) -> None:
    from buurtteam.audit.context import client_ip

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.10", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "192.0.2.10"
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.1"


@pytest.mark.django_db
def test_platform_admin_login_goes_through_the_app_login(client: Client) -> None:
    response = client.get("/platformbeheer/login/?next=/platformbeheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_dutch_first_even_for_an_english_browser(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.coordinator)
    response = client.get(reverse("workspace:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert 'lang="nl"' in body and "Uw team" in body
    client.cookies["django_language"] = "en"
    body = client.get(reverse("workspace:home")).content.decode()
    assert 'lang="en"' in body and "Your team" in body
