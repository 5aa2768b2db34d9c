"""Environment-driven settings: every variable is declared here with its documentation.

The README's configuration table lists the same variables; a test keeps the two in step.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: str
    help: str


REGISTRY: dict[str, EnvVar] = {}


def _declare(name: str, default: str, help: str) -> str:
    REGISTRY[name] = EnvVar(name=name, default=default, help=help)
    return os.environ.get(name, default)


def env_str(name: str, default: str, *, help: str) -> str:
    return _declare(name, default, help)


def env_bool(name: str, default: bool, *, help: str) -> bool:
    raw = _declare(name, "true" if default else "false", help)
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, *, help: str) -> int:
    raw = _declare(name, str(default), help)
    try:
        return int(raw)
    except ValueError as exc:  # fail at start-up, not at the first request
        raise RuntimeError(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str], *, help: str) -> list[str]:
    raw = _declare(name, ",".join(default), help)
    return [item.strip() for item in raw.split(",") if item.strip()]
