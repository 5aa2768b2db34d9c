"""The committed OpenAPI description (docs/openapi.json) must match the API: the CI drift check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from buurtteam.api.openapi import committed_path, schema_text


def test_committed_openapi_file_is_up_to_date() -> None:
    path = committed_path()
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    assert current == schema_text(), "docs/openapi.json is out of date: run manage.py export_openapi"


def test_export_is_stable_and_describes_the_api(tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"
    call_command("export_openapi", output=str(target))
    text = target.read_text(encoding="utf-8")
    assert text == schema_text() and text.endswith("}\n")
    schema = json.loads(text)
    assert schema["info"]["title"] == "buurtteam API" and schema["info"]["version"] == "1"
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    call_command("export_openapi", output=str(target), check=True)
    target.write_text("{}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="out of date"):
        call_command("export_openapi", output=str(target), check=True)
