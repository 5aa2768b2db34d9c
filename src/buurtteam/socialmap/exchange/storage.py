"""Uploads waiting for the "Importeren" confirmation, kept on the server (never a path from the client).

Each upload is stored under a random token, bound to the user and organisation that uploaded it, for at most
an hour; it is removed once imported. The directory is ``settings.HSDS_UPLOAD_DIR`` (default: a folder in the
system's temporary directory).
"""

from __future__ import annotations

import json
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings

from buurtteam.core.actor import Actor

MAX_AGE_SECONDS = 3600
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


def _directory() -> Path:
    configured = getattr(settings, "HSDS_UPLOAD_DIR", "")
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "buurtteam-hsds-uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _purge(directory: Path) -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for path in directory.glob("*.*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue


def store(*, actor: Actor, content: bytes, filename: str) -> str:
    """Keep an upload for the confirmation step; returns its token."""
    directory = _directory()
    _purge(directory)
    token = secrets.token_urlsafe(24)
    meta = {"user": actor.pk, "organisation": actor.organisation_id, "filename": filename[:200]}
    (directory / f"{token}.bin").write_bytes(content)
    (directory / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def load(*, actor: Actor, token: str) -> tuple[bytes, str] | None:
    """The upload behind ``token`` if it is this user's and not expired, else ``None``."""
    if not _TOKEN.match(token or ""):
        return None
    directory = _directory()
    meta_path, data_path = directory / f"{token}.json", directory / f"{token}.bin"
    try:
        if meta_path.stat().st_mtime < time.time() - MAX_AGE_SECONDS:
            discard(token)
            return None
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        content = data_path.read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user") != actor.pk or meta.get("organisation") != actor.organisation_id:
        return None
    return content, str(meta.get("filename") or "")


def discard(token: str) -> None:
    if not _TOKEN.match(token or ""):
        return
    directory = _directory()
    for suffix in (".bin", ".json"):
        (directory / f"{token}{suffix}").unlink(missing_ok=True)
