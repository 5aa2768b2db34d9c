"""Template filters of the community pages."""

from __future__ import annotations

from typing import Any

from django import template

from buurtteam.community.selectors.aggregates import shown

register = template.Library()


@register.filter
def small_cell(value: int) -> str:
    """A count as shown on aggregate pages: 1 and 2 become "<3"."""
    return shown(int(value))


@register.filter
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, 0)
