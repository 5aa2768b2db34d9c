"""Every schema class the API uses gets an OpenAPI component name of its own.

django-ninja names a component after the class (pydantic's definition name) and merges the components of all
operations into one dict, so two classes with the same name (say ``CloseIn`` of cases and of signals) silently
collapse into one component: one operation is then documented with the other's body. The test walks every
operation's parameter and response models, collects the schema classes (models and enums, nested ones too)
and asks pydantic for each one's component name.
"""

from __future__ import annotations

import enum
import typing
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, create_model

from buurtteam.api.main import api
from buurtteam.api.openapi import PATH_PREFIX

REF_TEMPLATE = "#/components/schemas/{model}"


def _collect(annotation: Any, found: set[type]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in found:
            found.add(annotation)
            for field in annotation.model_fields.values():
                _collect(field.annotation, found)
        return
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.add(annotation)
        return
    for argument in typing.get_args(annotation):
        _collect(argument, found)


def schema_classes() -> set[type]:
    """The classes behind the API's components. ninja's own wrapper models (one per parameter source, one per
    response) are not components themselves: only what their fields hold is."""
    found: set[type] = set()
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if not operation.include_in_schema:
                    continue
                wrappers = [*operation.models, *operation.response_models.values()]
                for wrapper in wrappers:
                    if isinstance(wrapper, type) and issubclass(wrapper, BaseModel):
                        for field in wrapper.model_fields.values():
                            _collect(field.annotation, found)
    return found


def component_name(cls: type) -> str:
    """The name pydantic (and so ninja) gives ``cls`` when it is used as a field's type."""
    probe = create_model("Probe", value=(cls, ...))
    schema = probe.model_json_schema(ref_template=REF_TEMPLATE)
    ref = schema["properties"]["value"]["$ref"]
    assert isinstance(ref, str)
    return ref.removeprefix("#/components/schemas/")


def test_every_schema_class_has_its_own_component_name() -> None:
    classes = schema_classes()
    by_name: dict[str, list[str]] = defaultdict(list)
    for cls in classes:
        by_name[component_name(cls)].append(f"{cls.__module__}.{cls.__qualname__}")
    collisions = {name: sorted(owners) for name, owners in by_name.items() if len(owners) > 1}
    assert collisions == {}, f"schema classes share an OpenAPI component name: {collisions}"
    # The walk sees exactly the components the description has: none is missed, none is made up.
    components = api.get_openapi_schema(path_prefix=PATH_PREFIX)["components"]["schemas"]
    assert set(by_name) == set(components)


def test_the_walk_finds_a_collision() -> None:
    """Two classes of the same name in different places: the check would see them."""
    first = create_model("CloseIn", note=(str, ...))
    second = create_model("CloseIn", reason=(str, ...))
    assert component_name(first) == component_name(second) == "CloseIn"
    found: set[type] = set()
    _collect(list[first] | None, found)  # type: ignore[valid-type]
    _collect(dict[str, second], found)  # type: ignore[valid-type]
    assert found == {first, second}


def test_case_close_documents_its_own_body() -> None:
    schema = api.get_openapi_schema(path_prefix=PATH_PREFIX)
    body = schema["paths"]["/api/v1/cases/{case_id}/close"]["post"]["requestBody"]
    assert body["required"] is True
    ref = body["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][ref.removeprefix("#/components/schemas/")]
    assert component["required"] == ["reason"]
    assert set(component["properties"]) == {"reason", "note", "satisfaction"}
    assert "goals_reached" in component["properties"]["reason"]["enum"]
