"""A NUL character (U+0000) in any text sent to the API: a Dutch 422 on the field, never a 500.

PostgreSQL cannot store or compare a text with a NUL character (psycopg refuses it before the query is sent),
so before this check a ``?search=%00`` on the public HSDS API, or a ``"\\u0000"`` in a body, ended in a 500.
The test walks the OpenAPI description, so an operation added later is covered without a new entry:

* every string query parameter of every operation, one request per parameter;
* every string path parameter;
* every JSON body: a body built from the operation's schema with a NUL in every free-text field (and the
  required fields filled), which must come back as 422 naming exactly those fields. Where the OpenAPI
  description cannot give a body that passes (a model-level rule) a hand-made body
  in ``BODIES`` takes its place.

Nothing may be written: the row count of every table is the same before and after.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import Tenant

from buurtteam.api.errors import NUL_CHARACTER, schema_message
from buurtteam.api.main import api
from buurtteam.api.tests.helpers import BASE, Caller, anonymous, as_token
from buurtteam.core.gate import system_access
from buurtteam.core.tests.tables import table_counts
from buurtteam.organisation.models import Organisation

pytestmark = pytest.mark.django_db

MESSAGE = schema_message({"type": NUL_CHARACTER})  # "Deze tekst mag geen onzichtbare nul-tekens ..."

NUL = "\x00"
TEXT = f"Tekst{NUL}met nul"
SHORT_TEXT = f"ab{NUL}"  # fits every query parameter (a postcode takes at most 7 characters)
_PATTERNS = {"^[0-6]-[0-2]$": "1-1", "^[a-z]{2}$": "nl"}
_FORMATS = {
    "date": "2020-01-01",
    "date-time": "2020-01-01T10:00:00+01:00",
    "time": "10:00",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
}


# Bodies the schema walk cannot make: the meldcode step takes only the answers of its own step (one body per
# step with text answers).
BODIES: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("POST", "/meldcode-tracks/{track_id}/steps"): [
        {"number": 1, "done_on": "2020-01-01", "note": TEXT},
        {"number": 2, "done_on": "2020-01-01", "note": TEXT, "consulted": TEXT},
        {"number": 3, "done_on": "2020-01-01", "note": TEXT, "talked_with": TEXT, "no_talk_reason": TEXT},
    ],
}


def text_fields(body: Any, path: tuple[str, ...] = ()) -> list[str]:
    """The dotted paths of the strings in ``body`` that carry a NUL."""
    if isinstance(body, str):
        return [".".join(path)] if NUL in body else []
    if isinstance(body, dict):
        return [f for key, value in body.items() for f in text_fields(value, (*path, key))]
    if isinstance(body, list):
        return [f for i, value in enumerate(body) for f in text_fields(value, (*path, str(i)))]
    return []


def _schema() -> dict[str, Any]:
    result: dict[str, Any] = api.get_openapi_schema(path_prefix=BASE + "/")
    return result


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path.removeprefix(BASE), operation)
        for path, item in sorted(_schema()["paths"].items())
        for method, operation in sorted(item.items())
    ]


class Bodies:
    """Request bodies built from the OpenAPI schemas: free text carries a NUL, everything else is valid."""

    def __init__(self, components: dict[str, Any]) -> None:
        self.components = components

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.components[schema["$ref"].rsplit("/", 1)[1]]
        if "anyOf" in schema:
            return self.resolve(next(s for s in schema["anyOf"] if s.get("type") != "null"))
        return schema

    def is_free_text(self, schema: dict[str, Any]) -> bool:
        schema = self.resolve(schema)
        return schema.get("type") == "string" and not ({"enum", "const", "format", "pattern"} & set(schema))

    def carries_text(self, schema: dict[str, Any]) -> bool:
        schema = self.resolve(schema)
        if schema.get("type") == "array":
            return self.carries_text(schema.get("items", {}))
        if schema.get("type") == "object" or "properties" in schema:
            return any(self.carries_text(p) for p in schema.get("properties", {}).values())
        return self.is_free_text(schema)

    def sample(self, schema: dict[str, Any]) -> Any:
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return schema["enum"][0]
        kind = schema.get("type")
        if kind == "string":
            if schema.get("format") in _FORMATS:
                return _FORMATS[schema["format"]]
            if schema.get("pattern") in _PATTERNS:
                return _PATTERNS[schema["pattern"]]
            return TEXT[: schema.get("maxLength", len(TEXT))]
        if kind in {"integer", "number"}:
            return max(1, schema.get("minimum", 1))
        if kind == "boolean":
            return False
        if kind == "array":
            return [self.sample(schema.get("items", {}))]
        properties: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        return {
            name: self.sample(prop)
            for name, prop in properties.items()
            if name in required or self.carries_text(prop)
        }

    def bodies(self, method: str, path: str, operation: dict[str, Any]) -> list[dict[str, Any]]:
        if (method, path) in BODIES:
            return BODIES[method, path]
        return [self.sample(operation["requestBody"]["content"]["application/json"]["schema"])]


@pytest.fixture
def caller(tenant: Tenant) -> Caller:
    """The functional administrator may use every operation (map editor, partner directory); the public
    HSDS API needs a published map to get as far as its queries."""
    with system_access("test fixture"):
        Organisation.objects.filter(pk=tenant.organisation.pk).update(map_public=True)
    return as_token(tenant.administrator)


def _path(path: str, tenant: Tenant, operation: dict[str, Any], string_value: str = "x") -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "organisation_id":
            return str(tenant.organisation.pk)
        parameter = next(p for p in operation.get("parameters", []) if p["name"] == name)
        return string_value if parameter["schema"].get("type") == "string" else "1"

    return re.sub(r"\{(\w+)\}", value, path)


def _nul_refused(response: Any, fields: list[str]) -> list[str]:
    """What is wrong with the answer (empty: a 422 with the NUL message on each field)."""
    if response.status_code != 422:
        return [f"status {response.status_code}: {response.content.decode()[:300]}"]
    errors: dict[str, list[str]] = response.json()["errors"]
    return [f"{field}: {errors.get(field)}" for field in fields if MESSAGE not in errors.get(field, [])]


def test_every_string_query_and_path_parameter(tenant: Tenant, caller: Caller) -> None:
    before = table_counts()
    failures: list[tuple[str, str, list[str]]] = []
    tried = 0
    for method, path, operation in _operations():
        for parameter in operation.get("parameters", []):
            if "string" not in str(parameter["schema"]):
                continue
            tried += 1
            where = parameter["in"]
            free = not {"enum", "format", "pattern"} & set(str(parameter["schema"]).split("'"))
            if where == "path":
                response = caller.call(method, _path(path, tenant, operation, "%00"), {})
            else:
                url = _path(path, tenant, operation)
                response = (
                    caller.get(url, **{parameter["name"]: SHORT_TEXT})
                    if method == "GET"
                    else caller.call(method, f"{url}?{parameter['name']}=ab%00", {})
                )
            problems = _nul_refused(response, [parameter["name"]] if free else [])
            if problems:
                failures.append((f"{method} {path}", parameter["name"], problems))
    assert tried >= 45, tried  # the walk found the parameters (query: q, search, ...; path: HSDS ids)
    assert not failures, failures
    assert table_counts() == before


def test_every_json_body(tenant: Tenant, caller: Caller) -> None:
    schema = _schema()
    bodies = Bodies(schema["components"]["schemas"])
    before = table_counts()
    failures: list[tuple[str, Any]] = []
    tried = 0
    for method, path, operation in _operations():
        if "requestBody" not in operation:
            continue
        for body in bodies.bodies(method, path, operation):
            if not (fields := text_fields(body)):
                continue
            tried += 1
            response = caller.call(method, _path(path, tenant, operation), body)
            if problems := _nul_refused(response, fields):
                failures.append((f"{method} {path}", problems))
    assert tried >= 64, tried  # every body with a text field (64 requests when this was written)
    assert not failures, failures
    assert table_counts() == before


def test_a_nul_in_a_nested_field_and_a_list_names_the_place(tenant: Tenant, caller: Caller) -> None:
    resident = {"first_name": f"A{NUL}", "last_name": "Bos"}
    body = {"channel": "phone", "referrer": "self", "question": "Hulp", "resident": resident}
    response = caller.post("/cases", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {"resident.first_name": [MESSAGE]}
    problems = [{"domain": "finances", "description": "Schulden"}, {"domain": "housing", "description": NUL}]
    response = caller.put("/cases/1/problems", {"problems": problems})
    assert response.status_code == 422
    assert response.json()["errors"] == {"problems.1.description": [MESSAGE]}


def test_the_public_search_that_used_to_fail(tenant: Tenant, caller: Caller) -> None:
    """The report: ``?search=%00`` on the public HSDS lists was a 500 on PostgreSQL."""
    for kind in ("organizations", "taxonomies", "taxonomy_terms", "services", "service_at_locations"):
        response = anonymous().get(f"/public/{tenant.organisation.pk}/{kind}", search=NUL)
        assert response.status_code == 422, (kind, response.content)
        assert response.json()["errors"] == {"search": [MESSAGE]}
