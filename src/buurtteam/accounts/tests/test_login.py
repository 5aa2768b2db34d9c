from __future__ import annotations

import time

import pytest
from conftest import Tenant
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from buurtteam.accounts.middleware import LAST_SEEN_KEY
from buurtteam.accounts.tests.factories import PASSWORD
from buurtteam.audit.context import hash_session_key
from buurtteam.audit.models import Action, AuditEvent, Outcome

LOGIN = "accounts:login"
UA = "Mozilla/5.0 (buurtteam-test)"


def _login(client: Client, username: str, password: str) -> object:
    return client.post(reverse(LOGIN), {"username": username, "password": password}, HTTP_USER_AGENT=UA)


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


@pytest.mark.django_db
def test_login_leaves_complete_audit_event(client: Client, tenant: Tenant) -> None:
    response = _login(client, tenant.coordinator.username, PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    [event] = _events(Action.LOGIN)
    assert event.outcome == Outcome.SUCCESS
    assert event.actor_id == tenant.coordinator.pk
    assert event.actor_username == tenant.coordinator.username
    assert event.actor_role == "coordinator"
    assert event.actor_team_id == tenant.team.pk
    assert event.actor_team_name == tenant.team.name
    assert event.organisation_id == tenant.organisation.pk
    assert event.subject_type == "staff" and event.subject_id == tenant.coordinator.pk
    assert event.object_type == "session"
    assert event.ip_address == "127.0.0.1"
    assert event.session_hash == hash_session_key(client.session.session_key)
    assert event.access_point == f"POST {reverse(LOGIN)}"
    assert event.user_agent == UA
    assert event.request_id
    assert event.occurred_at is not None


@pytest.mark.django_db
def test_failed_login_is_audited_with_dutch_message(client: Client, tenant: Tenant) -> None:
    response = _login(client, tenant.worker.username, "wrong-password")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "De combinatie van gebruikersnaam en wachtwoord is niet juist." in response.content.decode()  # type: ignore[attr-defined]
    [event] = _events(Action.LOGIN_FAILED)
    assert event.actor_id is None
    assert event.actor_username == tenant.worker.username
    assert event.organisation_id == tenant.organisation.pk
    assert event.outcome == Outcome.FAILURE
    assert event.ip_address == "127.0.0.1"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_unknown_user_failed_login_is_audited(client: Client, db: None) -> None:
    _login(client, "niemand", "whatever-password")
    [event] = _events(Action.LOGIN_FAILED)
    assert event.actor_username == "niemand" and event.organisation_id is None


@pytest.mark.django_db
def test_repeated_failures_are_throttled_even_with_right_password(client: Client, tenant: Tenant) -> None:
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _login(client, tenant.worker.username, "wrong-password")
    response = _login(client, tenant.worker.username, PASSWORD)
    body = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Te veel mislukte inlogpogingen" in body
    assert "_auth_user_id" not in client.session
    last = AuditEvent.objects.filter(action=Action.LOGIN_FAILED).order_by("-id").first()
    assert last is not None and last.outcome == Outcome.DENIED and last.reason == "throttled"
    # Another account from another address is not affected.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert _login(other, tenant.coordinator.username, PASSWORD).status_code == 302  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_logout_is_post_only_and_audited(client: Client, tenant: Tenant) -> None:
    _login(client, tenant.worker.username, PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    [event] = _events(Action.LOGOUT)
    assert event.actor_id == tenant.worker.pk and event.actor_team_id == tenant.team.pk
    assert event.session_hash and event.ip_address == "127.0.0.1"
    assert client.get(reverse("workspace:home")).status_code == 302


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client: Client, db: None) -> None:
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(LOGIN))


@pytest.mark.django_db
def test_login_ignores_foreign_next_url(client: Client, tenant: Tenant) -> None:
    response = client.post(
        reverse(LOGIN),
        {"username": tenant.worker.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("workspace:home")


@pytest.mark.django_db
def test_reading_colleague_profile_is_audited(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    response = client.get(reverse("accounts:staff_detail", args=[tenant.coordinator.pk]), HTTP_USER_AGENT=UA)
    assert response.status_code == 200
    [event] = _events(Action.READ)
    assert event.actor_id == tenant.worker.pk
    assert event.actor_role == "worker" and event.actor_team_id == tenant.team.pk
    assert event.subject_type == "staff" and event.subject_id == tenant.coordinator.pk
    assert event.subject_team_id == tenant.team.pk
    assert event.object_type == "staff" and event.object_id == str(tenant.coordinator.pk)
    assert event.ip_address == "127.0.0.1" and event.user_agent == UA
    assert event.access_point == f"GET {reverse('accounts:staff_detail', args=[tenant.coordinator.pk])}"


@pytest.mark.django_db
def test_idle_session_is_logged_out(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    assert client.get(reverse("workspace:home")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - settings.IDLE_TIMEOUT_MINUTES * 60 - 5
    session.save()
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse(LOGIN))
    [event] = _events(Action.LOGOUT)
    assert event.reason == "idle timeout" and event.actor_id == tenant.worker.pk
    assert client.get(reverse("workspace:home")).status_code == 302


@pytest.mark.django_db
def test_active_session_is_kept(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - (settings.IDLE_TIMEOUT_MINUTES - 1) * 60
    session.save()
    assert client.get(reverse("workspace:home")).status_code == 200


@pytest.mark.django_db
def test_password_reset_by_email(client: Client, tenant: Tenant) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": tenant.worker.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/wachtwoord-instellen/" in line).strip()
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    new_password = "een-nieuw-sterk-wachtwoord-42"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="password")
    assert event.subject_id == tenant.worker.pk and event.organisation_id == tenant.organisation.pk
    assert _login(Client(), tenant.worker.username, new_password).status_code == 302  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_password_reset_for_unknown_address_reveals_nothing(client: Client, db: None) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "onbekend@example.org"})
    assert response.status_code == 302 and len(mail.outbox) == 0


@pytest.mark.django_db
def test_bad_login_input_is_a_dutch_form_error(client: Client, db: None) -> None:
    response = client.post(reverse(LOGIN), {"username": "x" * 500, "password": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()


def test_production_hasher_is_argon2() -> None:
    from buurtteam.config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_argon2_hashes_for_real() -> None:
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("een-lang-wachtwoord", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("een-lang-wachtwoord", encoded)
    assert not hasher.verify("een-ander-wachtwoord", encoded)
