"""No NUL character (U+0000) in any text the API takes: a 422 on the field, before the operation runs.

PostgreSQL cannot hold a NUL character in a text, and psycopg refuses a query parameter that contains one
("A string literal cannot contain NUL (0x00) characters") before anything is sent: without this check a
search for ``%00`` or a ``"\\u0000"`` in a body ended in a 500. No one types the character; it comes from
copied binary data or from probing. The website's forms refuse it already (Django's ``CharField`` has the
``ProhibitNullCharactersValidator``); this is the API's equivalent, for every operation at once.

``refuse_nul_characters`` is installed on the whole API with ``api.add_decorator`` in the "operation" mode:
it runs after ninja has validated the query, path and body parameters and before the operation itself, so
it sees the typed values (strings inside body schemas, lists and dicts included) and no operation can be
added without it. It raises ninja's ``ValidationError``; ``errors.install`` turns that into the usual 422
with the message on the field (``q``, ``resident.first_name``, ``scores.0.reason``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

from ninja.errors import ValidationError
from pydantic import BaseModel

from buurtteam.api.errors import BODY_PARAM, NUL_CHARACTER

NUL = "\x00"

Location = tuple[str | int, ...]


def nul_locations(value: Any, location: Location = ()) -> Iterator[Location]:
    """Where ``value`` (a string, a schema, a list or a dict, nested) holds a NUL character."""
    if isinstance(value, str):
        if NUL in value:
            yield location
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from nul_locations(getattr(value, name), (*location, info.alias or name))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and NUL in key:
                yield location
            else:
                yield from nul_locations(item, (*location, key))
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from nul_locations(item, (*location, index))


def _parameter_locations(values: dict[str, Any]) -> Iterator[Location]:
    """The locations as the API names fields: a query schema (``filters: Query[...]``) is flattened into
    its fields, as ninja reports its own errors; the body keeps its parameter name, which the error handler
    leaves out (``payload.name`` becomes ``name``)."""
    for name, value in values.items():
        flattened = isinstance(value, BaseModel) and name != BODY_PARAM
        yield from nul_locations(value, () if flattened else (name,))


def refuse_nul_characters(view_func: Callable[..., Any]) -> Callable[..., Any]:
    """The operation decorator: a 422 when any parameter holds a NUL character, else the operation."""

    @functools.wraps(view_func)
    def checked(request: Any, *args: Any, **values: Any) -> Any:
        errors = [
            {"type": NUL_CHARACTER, "loc": location, "msg": "NUL character"}  # errors.schema_message: Dutch
            for location in dict.fromkeys(_parameter_locations(values))
        ]
        if errors:
            raise ValidationError(errors)
        return view_func(request, *args, **values)

    return checked
