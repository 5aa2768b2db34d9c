"""The building blocks every API schema uses.

Text limits read from the models (``text``, ``patch_text``), strict ISO dates and times, ids, the base of
every request body (``In``: unknown fields are an error), the error bodies and the small ``Ref``.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, cast

from django.db import models
from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StrictInt
from pydantic_core import PydanticCustomError

from buurtteam.cases.models import LifeDomain

MAX_ID = 10**18  # ids are bigints; a limit keeps absurd numbers from reaching the database driver


def max_length(model: type[models.Model], field: str) -> int:
    """The model's own limit, so that schema and model cannot drift apart."""
    value = cast("models.Field[Any, Any]", model._meta.get_field(field)).max_length
    assert value is not None, f"{model.__name__}.{field} has no max_length"
    return value


def text(model: type[models.Model], field: str, *, required: bool = False) -> Any:
    """A string field limited like ``model.field``: required (at least one character) or empty by default."""
    if required:
        return Field(max_length=max_length(model, field), min_length=1)
    return Field("", max_length=max_length(model, field))


def patch_text(model: type[models.Model], field: str, *, required: bool = False) -> Any:
    """The same limit for a field that may be left out of a PATCH."""
    return Field(None, max_length=max_length(model, field), min_length=1 if required else None)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _iso_date_text(value: Any) -> Any:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("date_type", "Vul een datum in als JJJJ-MM-DD.")
    return value


def _iso_datetime_text(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATETIME.match(value):
        raise PydanticCustomError("datetime_type", "Vul een tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601).")
    return value


def _aware(value: datetime.datetime) -> datetime.datetime:
    """A time without zone is Dutch local time."""
    return timezone.make_aware(value) if timezone.is_naive(value) else value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_text)]
IsoDateTime = Annotated[datetime.datetime, BeforeValidator(_iso_datetime_text), AfterValidator(_aware)]
Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
DomainCode = Annotated[str, Field(min_length=1, max_length=max_length(LifeDomain, "code"))]

NOT_NULL = "Dit veld kan niet leeg worden gemaakt; laat het weg om het niet te wijzigen."


def _not_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("not_null", NOT_NULL)
    return value


NotNull = BeforeValidator(_not_null)


def choice(value: str) -> Any:
    """A model's choice value for a ``Literal`` field of a response (pydantic checks it when it is built)."""
    return value


class In(Schema):
    """Base of every request body: unknown fields are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# --- Errors ---------------------------------------------------------------------------------------
class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in Dutch.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages per field (dotted path, e.g. `scores.0.reason`); `__all__`: the whole request.",
    )


class DuplicateOut(Schema):
    resident_id: int
    score: int
    reasons: list[str]
    visible: bool = Field(description="False: the resident belongs to another team; no details are shown.")
    label: str
    team_name: str


class DuplicateErrorOut(ErrorOut):
    duplicates: list[DuplicateOut]


# --- Small shared parts ------------------------------------------------------------------------------
class Ref(Schema):
    id: int
    name: str
