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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Make ``xdist_group`` work again under ``--dist loadgroup``.

    pytest-xdist (3.8) tells the controller a test's group by appending ``@group`` to the test's node id on
    the worker, by writing ``item._nodeid``. Since pytest 9.2 a node id lives in ``item._id`` (a structured
    ``NodeId``), so that write is lost and every group was silently ignored: each worker built the
    demo-data modules and ran browser tests of both groups (pytest-dev/pytest-xdist#1386). This hook runs
    after xdist's and puts the grouped id where pytest reads it. No-op without xdist, or once xdist sets
    the id itself.
    """
    for item in items:
        grouped = item.__dict__.get("_nodeid")
        if isinstance(grouped, str) and grouped != item.nodeid:
            item._id = type(item._id).parse(grouped)


@pytest.fixture
def tenant(db: None) -> Tenant:
    return make_tenant()


@pytest.fixture
def other_tenant(db: None) -> Tenant:
    return make_tenant()
