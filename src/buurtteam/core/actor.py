"""The acting user as the gate sees it. Defined here so that lower apps need not import accounts."""

from __future__ import annotations

from typing import Any, Protocol


class Actor(Protocol):
    """Anything that acts: in practice an authenticated ``accounts.User``."""

    @property
    def pk(self) -> Any: ...

    @property
    def username(self) -> str: ...

    @property
    def organisation_id(self) -> int | None: ...

    @property
    def role(self) -> str: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def team_ids(self) -> frozenset[int]: ...

    @property
    def primary_team_id(self) -> int | None: ...

    @property
    def primary_team_name(self) -> str: ...
