from __future__ import annotations

import pytest
from conftest import Tenant
from django.apps import apps
from django.http import Http404

from buurtteam.accounts.models import TeamMembership, User
from buurtteam.core.gate import GatedModel, UnscopedQueryError, access_or_404, system_access
from buurtteam.organisation.models import Location, Team
from buurtteam.organisation.tests.factories import LocationFactory

GATED_MODELS = [m for m in apps.get_models() if issubclass(m, GatedModel)]


def test_personal_and_tenant_models_are_gated() -> None:
    names = {m.__name__ for m in GATED_MODELS}
    assert {"User", "TeamMembership", "Organisation", "Team", "Location", "Provider", "Discipline"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("model", GATED_MODELS, ids=lambda m: m.__name__)
def test_unscoped_query_fails_loudly(model: type[GatedModel], tenant: Tenant) -> None:
    qs = model._default_manager.all()
    with pytest.raises(UnscopedQueryError):
        list(qs)
    with pytest.raises(UnscopedQueryError):
        qs.count()
    with pytest.raises(UnscopedQueryError):
        qs.exists()
    with pytest.raises(UnscopedQueryError):
        qs.filter(pk=1).first()
    with pytest.raises(UnscopedQueryError):
        qs.update()
    with pytest.raises(UnscopedQueryError):
        qs.delete()
    with pytest.raises(UnscopedQueryError):
        qs.aggregate()
    with pytest.raises(UnscopedQueryError):
        list(qs.iterator())


@pytest.mark.django_db
def test_related_manager_of_gated_model_is_gated_too(tenant: Tenant) -> None:
    with pytest.raises(UnscopedQueryError):
        list(tenant.team.memberships.all())
    with pytest.raises(UnscopedQueryError):
        list(tenant.organisation.teams.all())


@pytest.mark.django_db
def test_visible_to_keeps_tenants_apart(tenant: Tenant, other_tenant: Tenant) -> None:
    LocationFactory(organisation=tenant.organisation)
    LocationFactory(organisation=other_tenant.organisation)
    mine = set(Team.objects.visible_to(tenant.worker).values_list("organisation_id", flat=True))
    assert mine == {tenant.organisation.pk}
    assert Location.objects.visible_to(tenant.worker).count() == 1
    assert not User.objects.visible_to(tenant.worker).filter(organisation=other_tenant.organisation).exists()
    # The scope survives further chaining.
    assert Team.objects.visible_to(tenant.worker).filter(name__startswith="").order_by("name").count() == 2


@pytest.mark.django_db
def test_policy_officer_sees_no_colleagues(tenant: Tenant) -> None:
    assert list(User.objects.visible_to(tenant.policy_officer)) == [tenant.policy_officer]
    assert set(
        TeamMembership.objects.visible_to(tenant.policy_officer).values_list("user_id", flat=True)
    ) == {tenant.policy_officer.pk}


@pytest.mark.django_db
def test_anonymous_and_tenantless_see_nothing(tenant: Tenant) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert list(Team.objects.visible_to(AnonymousUser())) == []  # type: ignore[arg-type]
    superuser = User.objects.create_superuser(username="platform", email="p@example.org", password="x" * 16)
    assert list(Team.objects.visible_to(superuser)) == []
    assert list(User.objects.visible_to(superuser)) == []


@pytest.mark.django_db
def test_access_or_404_missing_and_forbidden_look_the_same(tenant: Tenant, other_tenant: Tenant) -> None:
    qs = Team.objects.visible_to(tenant.worker)
    assert access_or_404(qs, pk=tenant.team.pk) == tenant.team
    with pytest.raises(Http404):
        access_or_404(qs, pk=other_tenant.team.pk)
    with pytest.raises(Http404):
        access_or_404(qs, pk=999_999_999)
    with pytest.raises(Http404):
        access_or_404(qs, pk="not-a-number")
    with pytest.raises(UnscopedQueryError):
        access_or_404(Team.objects.all(), pk=tenant.team.pk)


@pytest.mark.django_db
def test_system_access_needs_a_reason_and_ends(tenant: Tenant) -> None:
    with pytest.raises(ValueError, match="reason"), system_access(""):
        pass
    with system_access("test"):
        assert Team.objects.count() == 2
    with pytest.raises(UnscopedQueryError):
        Team.objects.count()
