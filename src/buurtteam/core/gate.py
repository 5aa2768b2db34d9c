"""The access gate: personal and tenant data is reached only through ``visible_to(actor)``.

A gated model's manager returns a :class:`GatedQuerySet`. Evaluating one that was never scoped to an
actor raises :class:`UnscopedQueryError`: a forgotten scope fails loudly in development and tests instead
of leaking quietly in production. System processes (authentication, demo data, uniqueness checks) open
an explicit, named :func:`system_access` block.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404
from django.utils import timezone

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

M = TypeVar("M", bound=models.Model)

_system_reason: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "gate_system_reason", default=None
)


class UnscopedQueryError(RuntimeError):
    """A gated model was queried without ``visible_to(actor)`` or ``system_access``."""


@contextmanager
def system_access(reason: str) -> Iterator[None]:
    """Allow unscoped queries for a named system process (never for a user's request)."""
    if not reason:
        raise ValueError("system_access needs a reason")
    token = _system_reason.set(reason)
    try:
        yield
    finally:
        _system_reason.reset(token)


class GatedQuerySet(models.QuerySet[M]):
    """A queryset that refuses to run until it is scoped to an actor."""

    _gate_scoped: bool = False
    _gate_level: str = "visible"  # which rule scoped it: "visible" (visible_to) or a stricter one

    def _clone(self) -> Self:
        clone: Self = super()._clone()  # type: ignore[misc]
        clone._gate_scoped = self._gate_scoped
        clone._gate_level = self._gate_level
        return clone

    def _check_scoped(self) -> None:
        if not self._gate_scoped and _system_reason.get() is None:
            raise UnscopedQueryError(
                f"{self.model.__name__} holds personal or tenant data: query it via visible_to(actor)."
            )

    # Every way a queryset reaches the database passes one of these.
    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_scoped()
        super()._fetch_all()

    def count(self) -> int:
        self._check_scoped()
        return super().count()

    def exists(self) -> bool:
        self._check_scoped()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._check_scoped()
        return super().aggregate(*args, **kwargs)

    def iterator(self, chunk_size: int | None = None) -> Iterator[M]:
        self._check_scoped()
        return super().iterator(chunk_size=chunk_size)

    def update(self, **kwargs: Any) -> int:
        self._check_scoped()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._check_scoped()
        return super().delete()

    def in_bulk(self, *args: Any, **kwargs: Any) -> dict[Any, M]:
        self._check_scoped()
        return super().in_bulk(*args, **kwargs)

    def contains(self, obj: models.Model) -> bool:
        self._check_scoped()
        return super().contains(obj)

    def _mark_scoped(self, level: str = "visible") -> Self:
        clone: Self = self._chain()  # type: ignore[attr-defined]
        clone._gate_scoped = True
        clone._gate_level = level
        return clone

    def visibility_filter(self, actor: Actor) -> models.Q:
        """The rows ``actor`` may see. Every gated queryset defines this."""
        raise TypeError(f"{type(self).__name__} must define visibility_filter(actor)")

    def grant_filter(self, grant: Grant) -> models.Q | None:
        """The rows inside the granted object (``None``: this grant does not open these rows)."""
        return None

    def within(self, grant: Grant) -> Self:
        """The rows inside an object the actor was granted (``grant_after_access``)."""
        condition = self.grant_filter(grant) if isinstance(grant, Grant) else None
        if condition is None:
            raise UnscopedQueryError(f"{self.model.__name__}: this grant does not open these rows")
        return self.filter(condition)._mark_scoped()

    def visible_to(self, actor: Actor) -> Self:
        """Only the rows ``actor`` may see; nothing at all for anonymous or tenant-less users."""
        if not getattr(actor, "is_authenticated", False) or actor.organisation_id is None:
            return self.none()._mark_scoped()
        return self.filter(self.visibility_filter(actor))._mark_scoped()


class GatedModel(models.Model):
    """Base for models whose rows are personal or tenant data."""

    class Meta:
        abstract = True

    def validate_unique(self, exclude: Any = None) -> None:
        # Uniqueness is a property of the whole table, so it is checked across tenants.
        with system_access("uniqueness check"):
            super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude: Any = None) -> None:
        with system_access("constraint check"):
            super().validate_constraints(exclude=exclude)


def memo_filter(actor: Actor, key: tuple[Any, ...], build: Callable[[], models.Q]) -> models.Q:
    """Build an actor's visibility filter once per actor object (in a request: once per request).

    The filters are Q objects whose sub-queries run each time the outer query runs, so reusing one is
    safe; the key holds everything the filter is built from besides the database (role, organisation,
    teams), so a changed actor never gets a stale filter, and the cache lives for one second at most.
    """
    # Filters hold "now" (e.g. break-the-glass grants that expire): keep them for this second only.
    second = int(timezone.now().timestamp())
    held: tuple[int, dict[tuple[Any, ...], models.Q]] | None = getattr(actor, "_gate_filter_cache", None)
    if held is None or held[0] != second:
        held = (second, {})
        try:
            actor._gate_filter_cache = held  # type: ignore[attr-defined]
        except AttributeError:  # an actor that takes no attributes: build every time
            return build()
    cache = held[1]
    full_key = (*key, actor.pk, actor.role, actor.organisation_id, tuple(sorted(actor.team_ids)))
    found = cache.get(full_key)
    if found is None:
        found = cache[full_key] = build()
    return found


_GRANT_KEY = object()


@dataclass(frozen=True)
class Grant:
    """Proof that ``actor_id`` read object ``object_id`` through the gate at ``level`` (e.g. a case at
    "full"), kept on that object for the rest of the request. Querysets of the rows inside it accept the
    grant (``within(grant)``) instead of repeating the whole visibility rule as a sub-query in every query
    of a page. Only :func:`grant_after_access` makes one, right after a scoped read succeeded.
    """

    kind: str
    level: str
    object_id: int
    actor_id: int
    scope: dict[str, int]  # ids the rows inside may be found by, e.g. {"household_id": 7}
    key: object = field(repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.key is not _GRANT_KEY:
            raise UnscopedQueryError("a Grant is made by grant_after_access() only")


def grant_after_access(
    queryset: GatedQuerySet[M], obj: M, *, actor: Actor, level: str, **scope: int
) -> Grant:
    """Attach a grant to ``obj``, which was just read through the scoped ``queryset``."""
    if not queryset._gate_scoped or not isinstance(obj, queryset.model):
        raise UnscopedQueryError("a grant needs an object read through a scoped queryset")
    if queryset._gate_level != level:
        raise UnscopedQueryError(f"a {level!r} grant needs a queryset scoped at that level")
    grant = Grant(type(obj).__name__, level, int(obj.pk), int(actor.pk), dict(scope), _GRANT_KEY)
    obj._gate_grant = grant  # type: ignore[attr-defined]
    return grant


def grant_of(obj: Any, actor: Actor, *, level: str) -> Grant | None:
    """The grant ``obj`` carries for ``actor`` at ``level``, if it was read through the gate so."""
    grant: Grant | None = getattr(obj, "_gate_grant", None)
    if grant is None or grant.actor_id != actor.pk or grant.level != level or grant.object_id != obj.pk:
        return None
    return grant


def access_or_404(queryset: GatedQuerySet[M], **lookup: Any) -> M:
    """One object from an actor-scoped queryset; missing and forbidden look the same (404)."""
    if not queryset._gate_scoped:
        raise UnscopedQueryError("access_or_404 needs a queryset scoped with visible_to(actor)")
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
