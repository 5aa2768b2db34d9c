"""Fixtures shared by the view tests of the cases app.

``area`` (an area of the tenant's team), ``other_area`` (of its other team), ``worker`` (a client logged in as
the tenant's worker), ``resident`` (a resident in ``area``) and ``case`` (a registered case of a resident in
``area`` with the worker as its lead). A test module may define its own fixture of the same name instead.
"""

from __future__ import annotations

import pytest
from conftest import Tenant
from django.test import Client

from buurtteam.cases.models import Case
from buurtteam.cases.services import assignment
from buurtteam.cases.tests.factories import Area, give_area, registered_case, resident_in
from buurtteam.residents.models import Resident


@pytest.fixture
def area(tenant: Tenant) -> Area:
    return give_area(tenant.team)


@pytest.fixture
def other_area(tenant: Tenant) -> Area:
    return give_area(tenant.other_team)


@pytest.fixture
def worker(client: Client, tenant: Tenant) -> Client:
    client.force_login(tenant.worker)
    return client


@pytest.fixture
def resident(tenant: Tenant, area: Area) -> Resident:
    return resident_in(tenant, area)


@pytest.fixture
def case(tenant: Tenant, area: Area) -> Case:
    """A registered case with the worker as its lead."""
    case = registered_case(tenant, resident_in(tenant, area))
    assignment.case_assign(actor=tenant.worker, case=case, user_id=tenant.worker.pk, as_lead=True)
    return case
