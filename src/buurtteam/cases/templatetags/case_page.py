"""Template tags of the case page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def lazy_form(context: template.Context, name: str) -> SafeString:
    """A closed form, loaded when its ``<details>`` opens (htmx); without JavaScript a link to it.

    Takes ``case`` and, for a per-goal form, ``goal`` from the context. Built in Python: the case page
    has a dozen of these, and an include with a ``{% url %}`` each cost more than the rest of them.
    """
    case: Any = context["case"]
    goal: Any = context.get("goal")
    url = reverse("cases:case_form", args=[case.pk, name])
    if goal:
        url = f"{url}?doel={goal.pk}"
    return format_html(
        '<div class="bt-lazy-form" hx-get="{}" hx-trigger="toggle once from:closest details" '
        'hx-swap="outerHTML">\n'
        '  <p class="utrecht-paragraph"><a class="utrecht-link" href="{}">{}</a></p>\n</div>',
        url,
        url,
        _("Open het formulier"),
    )
