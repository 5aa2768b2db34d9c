from __future__ import annotations

import pytest
from conftest import Tenant
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_coordinator_sees_own_team_in_dutch(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.coordinator)
    response = client.get(reverse("workspace:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert tenant.team.name in body
    assert "Uw team" in body
    assert 'lang="nl"' in body


@pytest.mark.django_db
def test_team_page_lists_members(client: Client, tenant: Tenant) -> None:
    client.force_login(tenant.worker)
    response = client.get(reverse("workspace:team_detail", args=[tenant.team.pk]))
    assert response.status_code == 200
    assert tenant.coordinator.full_name in response.content.decode()


@pytest.mark.django_db
def test_other_organisations_team_is_404(client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    client.force_login(other_tenant.worker)
    response = client.get(reverse("workspace:team_detail", args=[tenant.team.pk]))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
