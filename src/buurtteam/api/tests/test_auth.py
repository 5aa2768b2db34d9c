"""Tokens and sessions: who gets in, who gets a 401, and what the token page does."""

from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from buurtteam.accounts.models import User
from buurtteam.api.models import ApiToken
from buurtteam.api.services import hash_secret, token_create, token_revoke
from buurtteam.api.tests.helpers import Caller, anonymous, as_session, ok, writes
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.core.gate import system_access

INVALID = "Deze API-sleutel is ongeldig, verlopen of ingetrokken."


def _token(user: User, **kwargs: object) -> tuple[ApiToken, str]:
    return token_create(actor=user, name="script", **kwargs)  # type: ignore[arg-type]


def _unauthorised(response: object, detail: str = INVALID, reason: str = "") -> None:
    assert response.status_code == 401, response.content  # type: ignore[attr-defined]
    assert response.json() == {"detail": detail, "errors": {}}  # type: ignore[attr-defined]
    if reason:  # a refused token is a failed log-in in the audit trail
        event = AuditEvent.objects.filter(
            action=Action.LOGIN, outcome="denied", object_type="api_token"
        ).first()
        assert event is not None and event.reason == reason and event.outcome == "denied"


@pytest.mark.django_db
def test_a_valid_token_works_and_is_marked_used(tenant: Tenant) -> None:
    token, key = _token(tenant.worker)
    assert key.startswith(token.prefix + ".") and len(token.prefix) == 8
    assert token.expires_at is not None  # every token expires; 90 days unless asked otherwise
    assert token.expires_at - timezone.now() > datetime.timedelta(days=89)
    assert (
        token.secret_hash == hash_secret(key.split(".", 1)[1])
        and key.split(".", 1)[1] not in token.secret_hash
    )
    assert ok(Caller(Client(), key).get("/cases"))["items"] == []
    with system_access("test assertion"):
        assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    event = AuditEvent.objects.get(object_type="api_token", action=Action.CREATE)
    assert event.actor_id == tenant.worker.pk and key.split(".", 1)[1] not in str(event.details)


@pytest.mark.django_db
def test_revoked_token_is_refused(tenant: Tenant) -> None:
    token, key = _token(tenant.worker)
    token_revoke(actor=tenant.worker, token=token)
    _unauthorised(Caller(Client(), key).get("/cases"), reason="revoked token")
    event = AuditEvent.objects.get(action=Action.LOGIN, outcome="denied")
    assert not AuditEvent.objects.filter(action=Action.LOGIN_FAILED).exists()  # no web lock-out
    assert event.organisation_id == tenant.organisation.pk and event.actor_username == tenant.worker.username
    assert key.split(".", 1)[1] not in str(event.details)
    assert AuditEvent.objects.filter(object_type="api_token", action=Action.UPDATE).exists()


@pytest.mark.django_db
def test_expired_token_is_refused(tenant: Tenant) -> None:
    token, key = _token(tenant.worker, expires_at=timezone.now() + datetime.timedelta(days=1))
    assert ok(Caller(Client(), key).get("/cases"))["count"] == 0
    with system_access("test: let the token expire"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    _unauthorised(Caller(Client(), key).get("/cases"), reason="expired token")


@pytest.mark.django_db
def test_token_of_an_inactive_account_is_refused(tenant: Tenant) -> None:
    _token_row, key = _token(tenant.worker)
    with system_access("test: deactivate the account"):
        User.objects.filter(pk=tenant.worker.pk).update(is_active=False)
    _unauthorised(Caller(Client(), key).get("/cases"), reason="inactive account")


@pytest.mark.django_db
def test_wrong_secret_is_refused(tenant: Tenant) -> None:
    token, key = _token(tenant.worker)
    _unauthorised(Caller(Client(), f"{token.prefix}.{'x' * 43}").get("/cases"), reason="wrong secret")
    _unauthorised(Caller(Client(), f"{'0' * 8}.{key.split('.', 1)[1]}").get("/cases"), reason="unknown token")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Token abc.def",
        "Basic dXNlcjpwYXNz",
        "bearer nodot",
        "Bearer abc.def",
        "Bearer .x",
        "",
    ],
)
def test_malformed_authorization_header_is_refused(tenant: Tenant, header: str) -> None:
    """Even with a valid session: a present but unusable header never falls back to the session."""
    client = Client()
    client.force_login(tenant.worker)
    response = Caller(client, authorization=header).get("/cases")
    assert response.status_code == 401
    assert AuditEvent.objects.filter(action=Action.LOGIN, outcome="denied", object_type="api_token").exists()
    assert "API-sleutel" in response.json()["detail"] or "Authorization" in response.json()["detail"]


@pytest.mark.django_db
def test_anonymous_gets_401_in_dutch_not_the_login_page() -> None:
    response = anonymous().get("/cases")
    _unauthorised(response, "Niet ingelogd.")
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_session_works_with_csrf_on_unsafe_methods(tenant: Tenant) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(tenant.worker)
    caller = Caller(client)
    assert ok(caller.get("/cases"))["count"] == 0  # safe method: no CSRF token needed
    before = writes()
    refused = caller.post("/residents", {"first_name": "Kees", "last_name": "Bos"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert writes() == before
    secret = "a" * 32
    client.cookies["csrftoken"] = secret
    created = client.post(
        "/api/v1/residents",
        data={"first_name": "Kees", "last_name": "Bos"},
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )
    assert created.status_code == 201, created.content


@pytest.mark.django_db
def test_session_needs_the_second_factor_when_required(tenant: Tenant, settings: Settings) -> None:
    settings.REQUIRE_2FA = True
    response = as_session(tenant.worker).get("/cases")
    _unauthorised(response, response.json()["detail"])
    assert "tweestapsverificatie" in response.json()["detail"]
    # A verified session gets in ...
    device = TOTPDevice.objects.create(user=tenant.worker, name="telefoon", confirmed=True)
    client = Client()
    client.force_login(tenant.worker)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert ok(Caller(client).get("/cases"))["count"] == 0
    # ... and so does a token: it is the API's own second factor.
    _token_row, key = _token(tenant.worker)
    assert ok(Caller(Client(), key).get("/cases"))["count"] == 0


@pytest.mark.django_db
def test_session_with_an_authenticator_must_be_verified_even_if_not_required(tenant: Tenant) -> None:
    TOTPDevice.objects.create(user=tenant.worker, name="telefoon", confirmed=True)
    assert as_session(tenant.worker).get("/cases").status_code == 401


@pytest.mark.django_db
def test_token_services_refuse_bad_requests(tenant: Tenant) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="naam"):
        token_create(actor=tenant.worker, name="  ")
    with pytest.raises(ValidationError, match="toekomst"):
        token_create(actor=tenant.worker, name="x", expires_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="jaar"):
        token_create(actor=tenant.worker, name="x", expires_at=timezone.now() + datetime.timedelta(days=400))
    with pytest.raises(PermissionError):
        token_create(actor=tenant.policy_officer, name="x")
    token, _key = _token(tenant.worker)
    with pytest.raises(PermissionError):
        token_revoke(actor=tenant.colleague, token=token)
    token_revoke(actor=tenant.worker, token=token)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        token_revoke(actor=tenant.worker, token=token)


# --- The account page -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_token_page_shows_the_key_once_and_revokes(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    url = reverse("api_tokens")
    assert url == "/account/api-tokens/"
    page = client.get(url)
    assert page.status_code == 200 and "API-sleutels" in page.content.decode()
    created = client.post(url, {"action": "create", "name": "Mijn script", "valid_days": "30"})
    assert created.status_code == 200
    with system_access("test assertion"):
        token = ApiToken.objects.get(user=tenant.worker)
    html = created.content.decode()
    start = html.index(token.prefix + ".")
    key = html[start : html.index("<", start)]
    assert hash_secret(key.split(".", 1)[1]) == token.secret_hash
    assert token.expires_at is not None and token.expires_at > timezone.now() + datetime.timedelta(days=29)
    assert key not in client.get(url).content.decode()  # shown once
    assert ok(Caller(Client(), key).get("/cases"))["count"] == 0
    revoked = client.post(url, {"action": "revoke", "token": token.pk})
    assert revoked.status_code == 302
    _unauthorised(Caller(Client(), key).get("/cases"))
    assert "ingetrokken" in client.get(url).content.decode()


@pytest.mark.django_db
def test_token_page_refuses_bad_input_and_other_peoples_tokens(client: Client, tenant: Tenant) -> None:
    token, _key = _token(tenant.colleague)
    client.force_login(tenant.worker)
    url = reverse("api_tokens")
    empty = client.post(url, {"action": "create", "name": "", "valid_days": "30"})
    assert empty.status_code == 400 and "verplicht" in empty.content.decode()
    assert client.post(url, {"action": "create", "name": "x", "valid_days": "9999"}).status_code == 400
    assert client.post(url, {"action": "revoke", "token": token.pk}).status_code == 404
    assert client.post(url, {"action": "revoke", "token": "abc"}).status_code == 404
    assert client.post(url, {"action": "unknown"}).status_code == 404
    with system_access("test assertion"):
        assert ApiToken.objects.get(pk=token.pk).revoked_at is None
        assert not ApiToken.objects.filter(user=tenant.worker).exists()


@pytest.mark.django_db
def test_token_page_for_a_policy_officer_and_anonymous(client: Client, tenant: Tenant) -> None:
    assert client.get(reverse("api_tokens")).status_code == 302  # log in first
    client.force_login(tenant.policy_officer)
    page = client.get(reverse("api_tokens"))
    assert page.status_code == 200 and "niet via de API" in page.content.decode()
    assert (
        client.post(reverse("api_tokens"), {"action": "create", "name": "x", "valid_days": "30"}).status_code
        == 404
    )
