from __future__ import annotations

import datetime

import pytest
from conftest import Tenant
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from buurtteam.audit.models import Action, AuditEvent, ImmutableAuditEventError
from buurtteam.audit.services import record


@pytest.fixture
def event(tenant: Tenant) -> AuditEvent:
    return record(actor=tenant.worker, action=Action.READ, object_type="staff", object_id=1)


@pytest.mark.django_db
def test_events_cannot_be_changed_through_the_model(event: AuditEvent) -> None:
    event.reason = "verborgen"
    with pytest.raises(ImmutableAuditEventError):
        event.save()
    with pytest.raises(ImmutableAuditEventError):
        event.delete()
    with pytest.raises(RuntimeError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(RuntimeError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


@pytest.mark.django_db
def test_database_refuses_raw_update_and_delete(event: AuditEvent) -> None:
    table = AuditEvent._meta.db_table
    statements = (f"UPDATE {table} SET reason = 'x' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s")  # noqa: S608
    for sql in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


@pytest.mark.django_db
def test_event_stands_or_falls_with_the_change(tenant: Tenant) -> None:
    before = AuditEvent.objects.count()

    def change_then_fail() -> None:
        with transaction.atomic():
            record(actor=tenant.worker, action=Action.UPDATE, object_type="team", object_id=tenant.team.pk)
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        change_then_fail()
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_trail_visibility_per_role(tenant: Tenant, other_tenant: Tenant) -> None:
    mine = record(actor=tenant.worker, action=Action.READ, object_type="staff")
    other_team = record(actor=tenant.colleague, action=Action.READ, object_type="staff")
    foreign = record(actor=other_tenant.worker, action=Action.READ, object_type="staff")
    coordinator_sees = set(AuditEvent.objects.visible_to(tenant.coordinator).values_list("pk", flat=True))
    assert mine.pk in coordinator_sees
    assert other_team.pk not in coordinator_sees and foreign.pk not in coordinator_sees
    admin_sees = set(AuditEvent.objects.visible_to(tenant.administrator).values_list("pk", flat=True))
    assert {mine.pk, other_team.pk} <= admin_sees and foreign.pk not in admin_sees
    assert not AuditEvent.objects.visible_to(tenant.worker).exists()
    assert not AuditEvent.objects.visible_to(tenant.policy_officer).exists()


@pytest.mark.django_db
def test_coordinator_filters_trail_by_person_subject_and_period(client: Client, tenant: Tenant) -> None:
    record(actor=tenant.worker, action=Action.READ, object_type="staff", subject_type="staff", subject_id=42)
    record(actor=tenant.coordinator, action=Action.UPDATE, object_type="team")
    client.force_login(tenant.coordinator)
    url = reverse("audit:trail")
    response = client.get(url, {"person": tenant.worker.username})
    page = response.context["page"]
    assert response.status_code == 200
    assert {e.actor_username for e in page} == {tenant.worker.username}
    response = client.get(url, {"subject_type": "staff", "subject_id": "42"})
    assert [e.subject_id for e in response.context["page"]] == [42]
    today = datetime.date.today()
    response = client.get(url, {"date_from": (today + datetime.timedelta(days=1)).isoformat()})
    assert list(response.context["page"]) == []
    # Reading the trail is itself audited.
    assert AuditEvent.objects.filter(actor_id=tenant.coordinator.pk, object_type="audit_trail").count() == 3


@pytest.mark.django_db
def test_bad_filters_give_dutch_errors_not_500(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.coordinator)
    response = client.get(
        reverse("audit:trail"),
        {"date_from": "2026-13-45", "subject_id": "abc", "date_to": "2020-01-01", "pagina": "x"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Voer een geldige datum in." in body
    assert "Voer een geheel getal in." in body
    assert "De einddatum ligt vóór de begindatum." not in body  # only shown when both dates are valid


@pytest.mark.django_db
def test_trail_is_404_for_workers_and_policy_officers(client: Client, tenant: Tenant) -> None:
    for user in (tenant.worker, tenant.policy_officer):
        client.force_login(user)
        assert client.get(reverse("audit:trail")).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_trail_cannot_be_altered_through_any_url(client: Client, tenant: Tenant, method: str) -> None:
    event = record(actor=tenant.worker, action=Action.READ, object_type="staff")
    client.force_login(tenant.administrator)
    before = list(AuditEvent.objects.values_list("pk", "reason", "action"))
    response = getattr(client, method)(reverse("audit:trail"), {"id": event.pk, "reason": "x"})
    assert response.status_code == 405
    after = list(AuditEvent.objects.values_list("pk", "reason", "action"))
    assert after == before
