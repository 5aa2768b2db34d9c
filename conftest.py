"""Shared pytest fixtures: two organisations, so that every test can check tenant isolation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from buurtteam.accounts.models import User
from buurtteam.accounts.tests.factories import member_of
from buurtteam.core.roles import Role
from buurtteam.organisation.models import Organisation, Team
from buurtteam.organisation.tests.factories import OrganisationFactory, TeamFactory


@dataclass
class Tenant:
    organisation: Organisation
    team: Team
    other_team: Team
    worker: User
    colleague: User
    coordinator: User
    administrator: User
    policy_officer: User


def make_tenant() -> Tenant:
    org = OrganisationFactory.create()
    team = TeamFactory.create(organisation=org)
    other_team = TeamFactory.create(organisation=org)
    return Tenant(
        organisation=org,
        team=team,
        other_team=other_team,
        worker=member_of(team),
        colleague=member_of(other_team),
        coordinator=member_of(team, role=Role.COORDINATOR),
        administrator=member_of(team, role=Role.ADMINISTRATOR),
        policy_officer=member_of(team, role=Role.POLICY_OFFICER),
    )


@pytest.fixture
def tenant(db: None) -> Tenant:
    return make_tenant()


@pytest.fixture
def other_tenant(db: None) -> Tenant:
    return make_tenant()
