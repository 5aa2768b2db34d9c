"""Field builders and checks shared by the registration and resident forms.

Plain-text fields with the Dutch "too long" message, the dd-mm-jjjj date field, the check that refuses HTML
tags in names, addresses and the question, and ``relabel`` for a field of a built form.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from buurtteam.organisation.forms import REQUIRED

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d%m%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 14-03-1985.")}
TOO_LONG = _("Dit is te lang: maximaal %(limit_value)d tekens (nu %(show_value)d).")

# Anything that looks like an HTML tag: "<b>", "</p>", "<script src=...>", "<!-- -->". A lone "<" as in
# "kind < 4 jaar" is fine.
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>")


def no_html(value: str) -> None:
    if _HTML_TAG.search(value or ""):
        raise ValidationError(
            _("Gebruik geen HTML-code zoals <b> of <script>; schrijf gewone tekst."), code="html"
        )


def text_field(label: Any, max_length: int, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={**REQUIRED, "max_length": TOO_LONG},
        **kwargs,
    )


def textarea_field(label: Any, max_length: int, *, required: bool = False, **kwargs: Any) -> forms.CharField:
    return text_field(
        label, max_length, required=required, widget=forms.Textarea(attrs={"rows": 4}), **kwargs
    )


def date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages=DATE_ERRORS,
        help_text=_("dd-mm-jjjj"),
        widget=forms.DateInput(
            format="%d-%m-%Y", attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10}
        ),
    )


def relabel(form: forms.BaseForm, name: str, *, label: Any = None, help_text: Any = None) -> None:
    """Change a field's label or help text after the form was built (StyledForm already bound it)."""
    field, bound = form.fields[name], form[name]
    if label is not None:
        field.label = bound.label = label
    if help_text is not None:
        field.help_text = bound.help_text = help_text


__all__ = [
    "DATE_ERRORS",
    "DATE_INPUT_FORMATS",
    "TOO_LONG",
    "date_field",
    "no_html",
    "relabel",
    "text_field",
    "textarea_field",
]
