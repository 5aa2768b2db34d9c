"""The access gate: personal and tenant data is reached only through ``visible_to(actor)``.

A gated model's manager returns a :class:`GatedQuerySet`. Evaluating one that was never scoped to an
actor raises :class:`UnscopedQueryError`: a forgotten scope fails loudly in development and tests instead
of leaking quietly in production. System processes (authentication, demo data, uniqueness checks) open
an explicit, named :func:`system_access` block.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Self, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

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

    def _clone(self) -> Self:
        clone: Self = super()._clone()  # type: ignore[misc]
        clone._gate_scoped = self._gate_scoped
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

    def _mark_scoped(self) -> Self:
        clone: Self = self._chain()  # type: ignore[attr-defined]
        clone._gate_scoped = True
        return clone

    def visibility_filter(self, actor: Actor) -> models.Q:
        """The rows ``actor`` may see. Every gated queryset defines this."""
        raise TypeError(f"{type(self).__name__} must define visibility_filter(actor)")

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


def access_or_404(queryset: GatedQuerySet[M], **lookup: Any) -> M:
    """One object from an actor-scoped queryset; missing and forbidden look the same (404)."""
    if not queryset._gate_scoped:
        raise UnscopedQueryError("access_or_404 needs a queryset scoped with visible_to(actor)")
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError) as exc:
        raise Http404 from exc
