"""The functional administrator's staff screens: list, create, edit and reset of two-factor authentication."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import Tenant
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from buurtteam.accounts.models import TeamMembership, User
from buurtteam.accounts.tests.factories import PASSWORD, UserFactory, member_of
from buurtteam.audit.models import Action, AuditEvent
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role
from buurtteam.organisation.tests.factories import DisciplineFactory, ProviderFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _urls(staff: User) -> list[str]:
    return [
        reverse("accounts:staff_admin_list"),
        reverse("accounts:staff_admin_create"),
        reverse("accounts:staff_admin_edit", kwargs={"staff_id": staff.pk}),
        reverse("accounts:staff_admin_reset_2fa", kwargs={"staff_id": staff.pk}),
    ]


def _edit_url(staff: User) -> str:
    return reverse("accounts:staff_admin_edit", kwargs={"staff_id": staff.pk})


def _writes() -> int:
    return AuditEvent.objects.filter(action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]).count()


def _staff_count() -> int:
    with system_access("test assertion"):
        return User.objects.count()


def _fresh(staff: User) -> User:
    with system_access("test assertion"):
        return User.objects.get(pk=staff.pk)


def _new_staff(tenant: Tenant, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "username": "a.devries",
        "first_name": "Anouk",
        "last_name": "de Vries",
        "email": "a.devries@example.org",
        "phone": "06 12345678",
        "role": Role.WORKER,
        "teams": [tenant.team.pk, tenant.other_team.pk],
        "primary_team": tenant.other_team.pk,
    }
    data.update(overrides)
    return data


def _edit_data(staff: User, **overrides: Any) -> dict[str, Any]:
    with system_access("test assertion"):
        teams = list(TeamMembership.objects.filter(user=staff).values_list("team_id", flat=True))
    data: dict[str, Any] = {
        "first_name": staff.first_name,
        "last_name": staff.last_name,
        "email": staff.email,
        "phone": staff.phone,
        "role": staff.role,
        "teams": teams,
        "is_active": "on" if staff.is_active else "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


@pytest.fixture
def admin_client(client: Client, tenant: Tenant) -> Client:
    client.force_login(tenant.administrator)
    return client


# --- Access ---------------------------------------------------------------------------------------
def test_every_page_renders_for_the_administrator(admin_client: Client, tenant: Tenant) -> None:
    for url in _urls(tenant.worker):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "Medewerkers" in response.content.decode()


@pytest.mark.parametrize("role", ["worker", "coordinator", "policy_officer"])
def test_other_roles_get_404(client: Client, tenant: Tenant, role: str) -> None:
    client.force_login(getattr(tenant, role))
    for url in _urls(tenant.colleague):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Pagina niet gevonden" in response.content.decode()
    staff, writes = _staff_count(), _writes()
    assert client.post(reverse("accounts:staff_admin_create"), _new_staff(tenant)).status_code == 404
    assert client.post(_edit_url(tenant.colleague), _edit_data(tenant.colleague)).status_code == 404
    assert (_staff_count(), _writes()) == (staff, writes)


def test_administrator_of_another_organisation_gets_404(
    client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    TOTPDevice.objects.create(user=tenant.worker, name="telefoon", confirmed=True)
    client.force_login(other_tenant.administrator)
    writes = _writes()
    for url in _urls(tenant.worker)[2:]:
        assert client.get(url).status_code == 404, url
        response = client.post(url, _edit_data(tenant.worker, last_name="Overgenomen"))
        assert response.status_code == 404, url
        assert "Pagina niet gevonden" in response.content.decode()
    assert _writes() == writes
    assert _fresh(tenant.worker).last_name == tenant.worker.last_name
    assert TOTPDevice.objects.filter(user=tenant.worker).exists()
    # The list shows only the administrator's own colleagues.
    body = client.get(reverse("accounts:staff_admin_list")).content.decode()
    assert tenant.worker.username not in body
    assert other_tenant.worker.username in body


# --- List -----------------------------------------------------------------------------------------
def test_list_is_audited_and_searchable(admin_client: Client, tenant: Tenant) -> None:
    special = member_of(tenant.other_team, first_name="Zeynep", last_name="Yilmaz")
    response = admin_client.get(reverse("accounts:staff_admin_list"))
    body = response.content.decode()
    assert tenant.worker.username in body and special.username in body
    event = AuditEvent.objects.filter(action=Action.READ, object_type="staff_list").latest("id")
    assert event.subject_type == "staff"
    assert event.actor_id == tenant.administrator.pk
    assert special.pk in event.details["staff_ids"] and tenant.worker.pk in event.details["staff_ids"]

    body = admin_client.get(reverse("accounts:staff_admin_list"), {"q": "yilm"}).content.decode()
    assert special.username in body
    assert tenant.worker.username not in body
    assert "1 medewerker gevonden" in body

    body = admin_client.get(
        reverse("accounts:staff_admin_list"), {"team": tenant.other_team.pk}
    ).content.decode()
    assert special.username in body and tenant.colleague.username in body
    assert tenant.worker.username not in body


def test_list_team_filter_refuses_another_organisations_team(
    admin_client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    response = admin_client.get(reverse("accounts:staff_admin_list"), {"team": other_tenant.team.pk})
    body = response.content.decode()
    assert "Kies een team uit de lijst." in body
    assert other_tenant.worker.username not in body


def test_list_hides_inactive_staff_unless_asked(admin_client: Client, tenant: Tenant) -> None:
    gone = member_of(tenant.team, is_active=False)
    url = reverse("accounts:staff_admin_list")
    assert gone.username not in admin_client.get(url).content.decode()
    assert gone.username in admin_client.get(url, {"inactive": "on"}).content.decode()


def test_list_is_paginated_by_50(admin_client: Client, tenant: Tenant) -> None:
    UserFactory.create_batch(50, organisation=tenant.organisation, first_name="Zz")
    url = reverse("accounts:staff_admin_list")
    body = admin_client.get(url).content.decode()
    assert "55 medewerkers gevonden" in body
    assert "Pagina 1 van 2" in body
    page_two = admin_client.get(url, {"pagina": 2}).content.decode()
    assert page_two.count('scope="row"') == 5
    assert admin_client.get(url, {"pagina": "abc"}).status_code == 200


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_staff(tenant: Tenant, n: int) -> None:
    provider = ProviderFactory.create(organisation=tenant.organisation)
    disciplines = DisciplineFactory.create_batch(2, organisation=tenant.organisation)
    team = TeamFactory.create(organisation=tenant.organisation)
    staff = member_of(team, provider=provider, disciplines=disciplines)
    with system_access("test setup"):
        TeamMembership.objects.create(user=staff, team=tenant.team, is_primary=False)


def test_list_query_count_does_not_grow_with_rows(admin_client: Client, tenant: Tenant) -> None:
    url = reverse("accounts:staff_admin_list")
    admin_client.get(url)  # warm up
    for n in range(3):
        _add_staff(tenant, n)
    few = _queries(admin_client, url)
    for n in range(3, 30):
        _add_staff(tenant, n)
    many = _queries(admin_client, url)
    assert few == many


# --- Create ---------------------------------------------------------------------------------------
def test_create_staff_sends_password_link(admin_client: Client, tenant: Tenant) -> None:
    provider = ProviderFactory.create(organisation=tenant.organisation)
    discipline = DisciplineFactory.create(organisation=tenant.organisation)
    response = admin_client.post(
        reverse("accounts:staff_admin_create"),
        _new_staff(tenant, provider=provider.pk, disciplines=[discipline.pk], role=Role.COORDINATOR),
    )
    assert response.status_code == 302
    with system_access("test assertion"):
        staff = User.objects.get(username="a.devries")
        memberships = {m.team_id: m.is_primary for m in TeamMembership.objects.filter(user=staff)}
        assert list(staff.disciplines.all()) == [discipline]
    assert staff.organisation_id == tenant.organisation.pk
    assert (staff.role, staff.provider_id, staff.is_active) == (Role.COORDINATOR, provider.pk, True)
    assert not staff.has_usable_password()
    assert memberships == {tenant.team.pk: False, tenant.other_team.pk: True}
    event = AuditEvent.objects.get(action=Action.CREATE, object_type="staff")
    assert (event.object_id, event.actor_id, event.subject_id) == (
        str(staff.pk),
        tenant.administrator.pk,
        staff.pk,
    )

    page = admin_client.get(response["Location"]).content.decode()
    assert "Opgeslagen." in page
    assert "a.devries@example.org" in page

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a.devries@example.org"]
    assert "Uw account voor buurtteam" in message.subject
    assert "a.devries" in message.body
    link = re.search(r"https?://[^/\s]+(/wachtwoord-instellen/\S+)", str(message.body))
    assert link is not None

    # The link lets the new colleague set a first password.
    newcomer = Client()
    form_page = newcomer.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()
    done = newcomer.post(
        form_page.redirect_chain[-1][0], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert done.status_code == 302
    assert _fresh(staff).check_password(PASSWORD)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"username": ""}, "Dit veld is verplicht."),
        ({"first_name": ""}, "Dit veld is verplicht."),
        ({"username": "met spatie"}, "Gebruik alleen letters, cijfers en . @ + - _ (geen spaties)."),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"email": ""}, "Dit veld is verplicht."),
        ({"phone": "bel mij"}, "Vul een geldig telefoonnummer in"),
        ({"role": "superuser"}, "Selecteer een geldige keuze"),
    ],
)
def test_create_rejects_bad_input(
    admin_client: Client, tenant: Tenant, overrides: dict[str, Any], message: str
) -> None:
    staff, writes = _staff_count(), _writes()
    response = admin_client.post(reverse("accounts:staff_admin_create"), _new_staff(tenant, **overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body, body
    assert "er is nog niets opgeslagen" in body
    assert (_staff_count(), _writes()) == (staff, writes)
    assert mail.outbox == []


def test_username_must_be_unique_across_organisations(
    admin_client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    staff, writes = _staff_count(), _writes()
    response = admin_client.post(
        reverse("accounts:staff_admin_create"), _new_staff(tenant, username=other_tenant.worker.username)
    )
    assert response.status_code == 400
    assert "Deze gebruikersnaam is al in gebruik." in response.content.decode()
    assert (_staff_count(), _writes()) == (staff, writes)
    assert mail.outbox == []


def test_create_refuses_teams_and_employers_of_another_organisation(
    admin_client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    staff, writes = _staff_count(), _writes()
    url = reverse("accounts:staff_admin_create")
    response = admin_client.post(url, _new_staff(tenant, teams=[other_tenant.team.pk], primary_team=""))
    assert response.status_code == 400
    assert "Kies alleen teams van uw eigen organisatie." in response.content.decode()
    foreign = ProviderFactory.create(organisation=other_tenant.organisation)
    response = admin_client.post(url, _new_staff(tenant, provider=foreign.pk))
    assert response.status_code == 400
    assert "Kies een aanbieder van uw eigen organisatie." in response.content.decode()
    response = admin_client.post(url, _new_staff(tenant, teams=[tenant.team.pk]))  # primary not ticked
    assert response.status_code == 400
    assert "Kies als eigen team een van de aangevinkte teams." in response.content.decode()
    assert (_staff_count(), _writes()) == (staff, writes)


# --- Edit -----------------------------------------------------------------------------------------
def test_edit_page_read_is_audited(admin_client: Client, tenant: Tenant) -> None:
    response = admin_client.get(_edit_url(tenant.worker))
    assert response.status_code == 200
    assert tenant.worker.username in response.content.decode()
    event = AuditEvent.objects.filter(action=Action.READ, object_type="staff").latest("id")
    assert (event.subject_type, event.subject_id, event.actor_id) == (
        "staff",
        tenant.worker.pk,
        tenant.administrator.pk,
    )


def test_edit_staff(admin_client: Client, tenant: Tenant) -> None:
    discipline = DisciplineFactory.create(organisation=tenant.organisation)
    data = _edit_data(
        tenant.worker,
        last_name="Bakker",
        role=Role.COORDINATOR,
        teams=[tenant.other_team.pk],
        disciplines=[discipline.pk],
        is_active="",
    )
    response = admin_client.post(_edit_url(tenant.worker), data)
    assert response.status_code == 302
    staff = _fresh(tenant.worker)
    assert (staff.last_name, staff.role, staff.is_active) == ("Bakker", Role.COORDINATOR, False)
    with system_access("test assertion"):
        assert list(TeamMembership.objects.filter(user=staff).values_list("team_id", "is_primary")) == [
            (tenant.other_team.pk, True)
        ]
        assert list(staff.disciplines.all()) == [discipline]
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="staff")
    assert (event.object_id, event.actor_id) == (str(staff.pk), tenant.administrator.pk)
    assert {"last_name", "role", "is_active", "teams", "disciplines"} <= set(event.details["fields"])
    assert AuditEvent.objects.filter(action=Action.READ, object_type="staff", subject_id=staff.pk).exists()


def test_edit_rejects_invalid_email(admin_client: Client, tenant: Tenant) -> None:
    writes = _writes()
    response = admin_client.post(_edit_url(tenant.worker), _edit_data(tenant.worker, email="niet@goed"))
    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert _writes() == writes
    assert _fresh(tenant.worker).email == tenant.worker.email


def test_administrator_cannot_change_own_role_or_deactivate_self(
    admin_client: Client, tenant: Tenant
) -> None:
    me = tenant.administrator
    writes = _writes()
    response = admin_client.post(_edit_url(me), _edit_data(me, role=Role.WORKER))
    assert response.status_code == 400
    assert "U kunt uw eigen rol niet wijzigen." in response.content.decode()
    response = admin_client.post(_edit_url(me), _edit_data(me, is_active=""))
    assert response.status_code == 400
    assert "U kunt uw eigen account niet op niet-actief zetten." in response.content.decode()
    assert _writes() == writes
    fresh = _fresh(me)
    assert (fresh.role, fresh.is_active) == (Role.ADMINISTRATOR, True)
    # Other own details may change.
    assert admin_client.post(_edit_url(me), _edit_data(me, phone="073 7654321")).status_code == 302
    assert _fresh(me).phone == "073 7654321"


def test_administrator_may_change_another_administrators_role(admin_client: Client, tenant: Tenant) -> None:
    other_admin = member_of(tenant.team, role=Role.ADMINISTRATOR)
    response = admin_client.post(_edit_url(other_admin), _edit_data(other_admin, role=Role.WORKER))
    assert response.status_code == 302
    assert _fresh(other_admin).role == Role.WORKER


# --- Reset two-factor authentication --------------------------------------------------------------
def test_reset_two_factor(admin_client: Client, tenant: Tenant) -> None:
    TOTPDevice.objects.create(user=tenant.worker, name="telefoon", confirmed=True)
    url = reverse("accounts:staff_admin_reset_2fa", kwargs={"staff_id": tenant.worker.pk})
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Ja, tweestapsverificatie resetten" in page.content.decode()
    assert TOTPDevice.objects.filter(user=tenant.worker).exists()  # GET changes nothing

    response = admin_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == _edit_url(tenant.worker)
    assert not TOTPDevice.objects.filter(user=tenant.worker).exists()
    event = AuditEvent.objects.get(action=Action.UPDATE, object_type="two_factor")
    assert (event.object_id, event.subject_id, event.actor_id) == (
        str(tenant.worker.pk),
        tenant.worker.pk,
        tenant.administrator.pk,
    )
    assert "is gereset" in admin_client.get(response["Location"]).content.decode()


def test_reset_two_factor_is_post_only_for_changes(client: Client, tenant: Tenant) -> None:
    TOTPDevice.objects.create(user=tenant.worker, name="telefoon", confirmed=True)
    client.force_login(tenant.coordinator)
    url = reverse("accounts:staff_admin_reset_2fa", kwargs={"staff_id": tenant.worker.pk})
    assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=tenant.worker).exists()
    client.force_login(tenant.administrator)
    assert client.put(url).status_code == 405
    assert TOTPDevice.objects.filter(user=tenant.worker).exists()


@pytest.mark.django_db
def test_administrator_can_resend_password_link(client: Client, tenant: Tenant) -> None:
    from django.core import mail

    from buurtteam.audit.models import Action, AuditEvent

    tenant.worker.set_unusable_password()
    tenant.worker.save(update_fields=["password"])
    client.force_login(tenant.administrator)
    url = reverse("accounts:staff_admin_send_link", args=[tenant.worker.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [tenant.worker.email]
    event = AuditEvent.objects.get(object_type="password_link")
    assert event.action == Action.UPDATE and event.subject_id == tenant.worker.pk
    assert event.actor_id == tenant.administrator.pk


@pytest.mark.django_db
def test_resend_link_is_404_for_others(client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    from django.core import mail

    url = reverse("accounts:staff_admin_send_link", args=[tenant.worker.pk])
    for user in (tenant.coordinator, other_tenant.administrator):
        client.force_login(user)
        assert client.post(url).status_code == 404
    assert mail.outbox == []
