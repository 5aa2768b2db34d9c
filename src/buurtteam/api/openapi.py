"""The OpenAPI description as committed in docs/openapi.json."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.utils import translation

PATH_PREFIX = "/api/v1/"


def committed_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "openapi.json"


def schema_text() -> str:
    """Stable text: sorted keys, two-space indent, a trailing newline; independent of the active language."""
    from buurtteam.api.main import api

    with translation.override("nl"):
        schema = api.get_openapi_schema(path_prefix=PATH_PREFIX)
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
