"""The partner directory: the administrator's screens under /beheer/ and the directory for all staff."""

from __future__ import annotations

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse

from buurtteam.audit.models import Action, AuditEvent
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import PartnerContact, PartnerOrganisation
from buurtteam.referrals.services import partners
from buurtteam.referrals.tests.helpers import last_event, make_partner

pytestmark = pytest.mark.django_db

PARTNER = {
    "name": "GGZ Oost",
    "kind": "mental_health",
    "specialist": "",
    "offer": "Behandeling bij angst en depressie",
    "usual_wait_weeks": "10",
    "phone": "073 123 45 67",
    "email": "aanmelden@ggz-oost.example",
    "website": "https://ggz-oost.example",
    "address": "Dorpsstraat 1",
    "notes": "Verwijzen via de huisarts",
    "active": "on",
}


def partners_of(tenant: Tenant) -> list[dict[str, object]]:
    with system_access("test assertion"):
        return list(
            PartnerOrganisation.objects.filter(organisation=tenant.organisation).order_by("pk").values()
        )


@pytest.mark.parametrize("role", ["worker", "coordinator", "policy_officer"])
def test_the_admin_screens_are_404_for_everyone_but_the_administrator(
    client: Client, tenant: Tenant, role: str
) -> None:
    partner = make_partner(tenant)
    contact = partners.contact_save(actor=tenant.administrator, partner=partner, name="Ilse")
    client.force_login(getattr(tenant, role))
    assert client.get(reverse("referrals:partner_admin_list")).status_code == 404
    urls = [
        reverse("referrals:partner_admin_create"),
        reverse("referrals:partner_admin_edit", args=[partner.pk]),
        reverse("referrals:contact_admin_create", args=[partner.pk]),
        reverse("referrals:contact_admin_edit", args=[partner.pk, contact.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, PARTNER).status_code == 404, url
    delete = reverse("referrals:contact_admin_delete", args=[partner.pk, contact.pk])
    assert client.post(delete).status_code == 404
    assert len(partners_of(tenant)) == 1
    with system_access("test assertion"):
        assert PartnerContact.objects.filter(pk=contact.pk).exists()


def test_administrator_creates_a_partner_and_counts_specialist_care_by_kind(
    client: Client, tenant: Tenant
) -> None:
    client.force_login(tenant.administrator)
    assert client.get(reverse("referrals:partner_admin_create")).status_code == 200
    response = client.post(reverse("referrals:partner_admin_create"), PARTNER)
    assert response.status_code == 302
    [row] = partners_of(tenant)
    assert row["name"] == "GGZ Oost" and row["is_specialist"] and row["usual_wait_weeks"] == 10
    assert response["Location"] == reverse("referrals:partner_admin_edit", args=[row["id"]])
    event = last_event("partner", Action.CREATE)
    assert event is not None and event.object_id == str(row["id"])


def test_bad_input_shows_dutch_errors_and_saves_nothing(client: Client, tenant: Tenant) -> None:
    make_partner(tenant, name="GGZ Oost")
    client.force_login(tenant.administrator)
    before = partners_of(tenant)
    response = client.post(
        reverse("referrals:partner_admin_create"),
        {**PARTNER, "usual_wait_weeks": "500", "email": "geen-adres", "website": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er is al een netwerkpartner met deze naam." in body
    assert "Vul een geldig e-mailadres in" in body
    assert "Vul een geldig webadres in" in body
    assert 'aria-invalid="true"' in body
    assert partners_of(tenant) == before


def test_administrator_edits_deactivates_and_keeps_contacts(client: Client, tenant: Tenant) -> None:
    partner = make_partner(tenant, name="Schuldhulp Noord", kind="debt")
    client.force_login(tenant.administrator)
    url = reverse("referrals:partner_admin_edit", args=[partner.pk])
    body = client.get(url).content.decode()
    assert "Schuldhulp Noord" in body and "Contactpersoon toevoegen" in body
    data = {**PARTNER, "name": "Schuldhulp Noord", "kind": "debt", "specialist": "no"}
    del data["active"]
    assert client.post(url, data).status_code == 302
    [row] = partners_of(tenant)
    assert row["active"] is False and row["is_specialist"] is False and row["offer"] == PARTNER["offer"]
    # Inactive partners leave the directory, not the admin list.
    assert "Schuldhulp Noord" in client.get(reverse("referrals:partner_admin_list")).content.decode()
    client.force_login(tenant.worker)
    assert "Schuldhulp Noord" not in client.get(reverse("referrals:partner_directory")).content.decode()


def test_contacts_are_added_edited_and_deleted(client: Client, tenant: Tenant) -> None:
    partner = make_partner(tenant)
    client.force_login(tenant.administrator)
    create = reverse("referrals:contact_admin_create", args=[partner.pk])
    assert client.get(create).status_code == 200
    bad = client.post(create, {"name": "", "email": "x"})
    assert bad.status_code == 400 and "Dit veld is verplicht." in bad.content.decode()
    assert client.post(create, {"name": "Ilse <b>Kramer</b>", "function": "Intake"}).status_code == 302
    with system_access("test assertion"):
        contact = PartnerContact.objects.get(partner=partner)
    edit_page = client.get(reverse("referrals:partner_admin_edit", args=[partner.pk])).content.decode()
    assert "Ilse &lt;b&gt;Kramer&lt;/b&gt;" in edit_page and "<b>Kramer" not in edit_page
    edit = reverse("referrals:contact_admin_edit", args=[partner.pk, contact.pk])
    assert client.post(edit, {"name": "Ilse Kramer", "phone": "06 12345678"}).status_code == 302
    with system_access("test assertion"):
        assert PartnerContact.objects.get(pk=contact.pk).phone == "06 12345678"
    delete = reverse("referrals:contact_admin_delete", args=[partner.pk, contact.pk])
    assert client.get(delete).status_code == 405
    assert client.post(delete).status_code == 302
    with system_access("test assertion"):
        assert not PartnerContact.objects.filter(pk=contact.pk).exists()
    assert AuditEvent.objects.filter(object_type="partner_contact", action=Action.DELETE).count() == 1


def test_another_organisations_administrator_gets_404(
    client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    partner = make_partner(tenant)
    contact = partners.contact_save(actor=tenant.administrator, partner=partner, name="Ilse")
    client.force_login(other_tenant.administrator)
    assert client.get(reverse("referrals:partner_admin_edit", args=[partner.pk])).status_code == 404
    assert client.post(reverse("referrals:partner_admin_edit", args=[partner.pk]), PARTNER).status_code == 404
    assert (
        client.post(reverse("referrals:contact_admin_delete", args=[partner.pk, contact.pk])).status_code
        == 404
    )
    assert client.get(reverse("referrals:partner_detail", args=[partner.pk])).status_code == 404
    assert partner.name not in client.get(reverse("referrals:partner_directory")).content.decode()


@pytest.mark.parametrize("role", ["worker", "coordinator", "administrator", "policy_officer"])
def test_every_staff_member_reads_the_directory(client: Client, tenant: Tenant, role: str) -> None:
    partner = make_partner(
        tenant, name="Jeugdhulp De Brug", offer="Gezinsbegeleiding thuis", usual_wait_weeks=8
    )
    partners.contact_save(
        actor=tenant.administrator, partner=partner, name="Ilse Kramer", phone="06 11111111"
    )
    make_partner(tenant, name="Woonstichting Zuid", kind="housing")
    client.force_login(getattr(tenant, role))
    body = client.get(reverse("referrals:partner_directory")).content.decode()
    assert "Jeugdhulp De Brug" in body and "Woonstichting Zuid" in body and "8 weken" in body
    filtered = client.get(reverse("referrals:partner_directory"), {"soort": "housing"}).content.decode()
    assert "Woonstichting Zuid" in filtered and "Jeugdhulp De Brug" not in filtered
    searched = client.get(reverse("referrals:partner_directory"), {"q": "gezins"}).content.decode()
    assert "Jeugdhulp De Brug" in searched and "Woonstichting Zuid" not in searched
    assert client.get(reverse("referrals:partner_directory"), {"soort": "bestaat-niet"}).status_code == 200
    detail = client.get(reverse("referrals:partner_detail", args=[partner.pk])).content.decode()
    assert "Gezinsbegeleiding thuis" in detail and "Ilse Kramer" in detail and "06 11111111" in detail
    assert ("Netwerkpartners beheren" in body) == (role == "administrator")


def test_the_admin_list_filters(client: Client, tenant: Tenant) -> None:
    make_partner(tenant, name="Jeugdhulp De Brug")
    make_partner(tenant, name="Woonstichting Zuid", kind="housing", active=False)
    client.force_login(tenant.administrator)
    body = client.get(reverse("referrals:partner_admin_list"), {"soort": "housing"}).content.decode()
    assert "Woonstichting Zuid" in body and "Niet actief" in body and "Jeugdhulp De Brug" not in body
