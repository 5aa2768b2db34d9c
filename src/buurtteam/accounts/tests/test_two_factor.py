from __future__ import annotations

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings as SettingsWrapper

from buurtteam.accounts.tests.factories import PASSWORD
from buurtteam.audit.models import Action, AuditEvent


def _token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client: Client, username: str) -> None:
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_required_2fa_forces_setup_then_verifies(
    client: Client, tenant: Tenant, settings: SettingsWrapper
) -> None:
    settings.REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = (
        0  # django-otp slows retries after a wrong code; not what is tested here
    )
    _login(client, tenant.worker.username)
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp_setup")

    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=tenant.worker, confirmed=False)

    wrong = client.post(
        reverse("accounts:otp_setup"), {"token": "000000" if _token(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()

    done = client.post(reverse("accounts:otp_setup"), {"token": _token(device)})
    assert done.status_code == 302
    assert client.get(reverse("workspace:home")).status_code == 200
    assert AuditEvent.objects.filter(
        action=Action.UPDATE, object_type="two_factor", actor_id=tenant.worker.pk
    ).exists()


@pytest.mark.django_db
def test_confirmed_device_is_asked_at_next_login(
    client: Client, tenant: Tenant, settings: SettingsWrapper
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = TOTPDevice.objects.create(user=tenant.worker, name="authenticator", confirmed=True)
    _login(client, tenant.worker.username)
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp_verify"))

    bad = client.post(reverse("accounts:otp_verify"), {"token": "12"})
    assert bad.status_code == 200 and "6 cijfers" in bad.content.decode()
    wrong_token = "000000" if _token(device) != "000000" else "111111"
    client.post(reverse("accounts:otp_verify"), {"token": wrong_token})
    failed = AuditEvent.objects.filter(action=Action.LOGIN_FAILED, object_type="two_factor")
    assert failed.count() == 1 and failed[0].actor_id == tenant.worker.pk

    ok = client.post(reverse("accounts:otp_verify"), {"token": _token(device)})
    assert ok.status_code == 302
    assert client.get(reverse("workspace:home")).status_code == 200


@pytest.mark.django_db
def test_2fa_optional_in_demo(client: Client, tenant: Tenant, settings: SettingsWrapper) -> None:
    settings.REQUIRE_2FA = False
    _login(client, tenant.worker.username)
    assert client.get(reverse("workspace:home")).status_code == 200


def test_production_default_requires_2fa() -> None:
    from buurtteam.config import settings as production

    assert production.REQUIRE_2FA is (not production.DEBUG)
