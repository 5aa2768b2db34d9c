"""The official HSDS 3.0 files (schemas and examples), read from outside the repository.

They are CC BY-SA and are never copied into the project. Looked up in ``$BUURTTEAM_HSDS_DIR``, then
``<repository>/../shared/standards/hsds-3.0``, then ``/work/shared/standards/hsds-3.0``; tests that need them
are skipped with a message naming those places when none exists.
"""

from __future__ import annotations

import json
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

REPO = Path(__file__).resolve().parents[5]
CANDIDATES = [
    *([Path(os.environ["BUURTTEAM_HSDS_DIR"])] if os.environ.get("BUURTTEAM_HSDS_DIR") else []),
    REPO.parent / "shared" / "standards" / "hsds-3.0",
    Path("/work/shared/standards/hsds-3.0"),
]


def hsds_dir() -> Path:
    for candidate in CANDIDATES:
        if (candidate / "schema" / "compiled" / "service.json").is_file():
            return candidate
    pytest.skip(
        "The official HSDS 3.0 files are not here: set BUURTTEAM_HSDS_DIR, or put them in "
        + " or ".join(str(c) for c in CANDIDATES)
    )


def load(relative: str) -> Any:
    return json.loads((hsds_dir() / relative).read_text(encoding="utf-8"))


def example_names() -> list[str]:
    for candidate in CANDIDATES:
        if (candidate / "examples").is_dir():
            return sorted(p.name for p in (candidate / "examples").glob("*.json"))
    return ["(no examples found)"]


@lru_cache(maxsize=1)
def _registry() -> Registry[Any]:
    """Every schema file of the standard under its file name, so ``$ref: "phone.json"`` resolves locally."""
    registry: Registry[Any] = Registry()
    for path in sorted((hsds_dir() / "schema").glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(
            path.name, Resource.from_contents(contents, default_specification=DRAFT202012)
        )
    return registry


@cache
def validator(relative: str) -> Draft202012Validator:
    """A Draft 2020-12 validator (with format checks) for one schema file of the standard.

    References resolve against the local files only, never the network."""
    schema = load(relative)
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def errors(relative: str, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(relative).iter_errors(instance)
    ]
