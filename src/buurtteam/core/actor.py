"""The acting user as the gate sees it. Defined here so that lower apps need not import accounts."""

from __future__ import annotations

from typing import Protocol


class Actor(Protocol):
    """Anything that acts: in practice an authenticated ``accounts.User``."""

    pk: int
    username: str
    organisation_id: int | None
    role: str
    is_authenticated: bool

    @property
    def team_ids(self) -> frozenset[int]: ...

    @property
    def primary_team_id(self) -> int | None: ...

    @property
    def primary_team_name(self) -> str: ...
