"""Distances on the map: a resident's postcode to a location, a volunteer to a request.

Coordinates are WGS84 degrees. Within a municipality an equirectangular approximation is accurate to a
few metres and needs only arithmetic, so the database can sort by it (SQLite has no trigonometry).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import models
from django.db.models.functions import Power

from buurtteam.organisation.models import Postcode

KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_EQUATOR = 111.320


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance in kilometres (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def squared_km_expression(origin: Point, lat_field: str, lon_field: str) -> models.Expression:
    """An expression for the squared distance (km²) from ``origin`` to the row's coordinates.

    Sort or filter on it in the database; take the square root in Python for display.
    """
    kx = KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(origin.latitude))
    dx = (models.F(lon_field) - models.Value(origin.longitude)) * models.Value(kx)
    dy = (models.F(lat_field) - models.Value(origin.latitude)) * models.Value(KM_PER_DEGREE_LAT)
    return models.ExpressionWrapper(Power(dx, 2) + Power(dy, 2), output_field=models.FloatField())


def squared_km_sql(origin: Point, lat_column: str, lon_column: str) -> tuple[str, list[float]]:
    """The same squared distance as SQL text and parameters (multiplications only: every database)."""
    kx = KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(origin.latitude))
    dx = f"(({lon_column} - %s) * %s)"
    dy = f"(({lat_column} - %s) * %s)"
    sql = f"({dx} * {dx} + {dy} * {dy})"
    lon, lat = [origin.longitude, kx], [origin.latitude, KM_PER_DEGREE_LAT]
    return sql, [*lon, *lon, *lat, *lat]


def bounding_box(origin: Point, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) around ``origin``: a cheap, indexable pre-filter."""
    dlat = radius_km / KM_PER_DEGREE_LAT
    dlon = radius_km / (KM_PER_DEGREE_LON_EQUATOR * max(math.cos(math.radians(origin.latitude)), 0.01))
    return origin.latitude - dlat, origin.latitude + dlat, origin.longitude - dlon, origin.longitude + dlon


def postcode_point(postcode: str) -> Point | None:
    """The centre of a postcode area (reference data, not personal data), or ``None`` when unknown."""
    code = (postcode or "").replace(" ", "").upper()
    row = Postcode.objects.filter(postcode=code).values_list("latitude", "longitude").first()
    if row is None or row[0] is None or row[1] is None:
        return None
    return Point(row[0], row[1])
