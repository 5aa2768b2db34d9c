"""Test helpers for the databank: places with coordinates, and volunteers and requests made through the
services."""

from __future__ import annotations

import datetime
from typing import Any

from conftest import Tenant
from django.utils import timezone

from buurtteam.cases.tests.factories import Area, give_area
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Postcode
from buurtteam.organisation.tests.factories import PostcodeFactory
from buurtteam.volunteers.models import HelpRequest, Volunteer
from buurtteam.volunteers.services import requests, volunteers

# A point in a fictional town; 0.009 degrees of latitude is about 1 km.
ORIGIN = (52.0, 5.0)
KM_LAT = 1 / 110.574


def postcode_at(area: Area, km_north: float = 0.0, code: str | None = None) -> str:
    """A postcode in ``area``'s buurt, ``km_north`` kilometres north of ``ORIGIN``."""
    lat = ORIGIN[0] + km_north * KM_LAT
    with system_access("test fixture"):
        if code is None:
            postcode = PostcodeFactory.create(
                neighbourhood=area.neighbourhood, latitude=lat, longitude=ORIGIN[1]
            )
        else:
            postcode = Postcode.objects.create(
                postcode=code, neighbourhood=area.neighbourhood, latitude=lat, longitude=ORIGIN[1]
            )
    return postcode.postcode


def place(tenant: Tenant) -> Area:
    """A buurt of the tenant's team whose postcode lies on ``ORIGIN``."""
    area = give_area(tenant.team)
    with system_access("test fixture"):
        Postcode.objects.filter(pk=area.postcode.pk).update(latitude=ORIGIN[0], longitude=ORIGIN[1])
    return area


def volunteer(tenant: Tenant, *, actor: Any = None, **data: Any) -> Volunteer:
    values: dict[str, Any] = {
        "first_name": "Joke",
        "last_name": "Smit",
        "phone": "0612345678",
        "travel_radius_km": 5,
        "passions": "Fietsen en sleutelen aan oude fietsen",
        "talents": "Repareren, geduldig uitleggen",
        "likes": "Buiten bezig zijn",
        "interests": ["cycling", "odd_jobs"],
        "languages": ["nl"],
        "availability": ["1-1", "3-1"],
    }
    values.update(data)
    vog = values.pop("vog", None)
    made = volunteers.volunteer_register(actor=actor or tenant.worker, **values)
    if vog is not None:
        issued = vog if isinstance(vog, datetime.date) else timezone.localdate() - datetime.timedelta(days=30)
        made = volunteers.volunteer_vog_update(
            actor=actor or tenant.worker, volunteer=made, vog_status="valid", vog_issued_on=issued
        )
    return made


def help_request(tenant: Tenant, *, actor: Any = None, case: Any = None, **data: Any) -> HelpRequest:
    values: dict[str, Any] = {
        "title": "Fiets repareren",
        "description": "Een oudere meneer wil weer fietsen, maar zijn fiets heeft een lekke band.",
        "kind": "one_off",
        "wanted": "repareren",
        "interests": ["cycling"],
        "languages": [],
        "availability": ["1-1"],
        "needs_vog": False,
    }
    values.update(data)
    return requests.request_create(actor=actor or tenant.worker, case=case, **values)
