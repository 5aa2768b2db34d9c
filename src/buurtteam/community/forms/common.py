"""Field builders shared by the community forms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

INVALID_CHOICE = gettext_lazy("Kies een waarde uit de lijst.")


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label: str | _StrPromise, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=date_widget(),
        help_text=help_text,
        error_messages={
            "required": gettext_lazy("Vul een datum in."),
            "invalid": gettext_lazy("Vul een bestaande datum in, bijvoorbeeld 14-03-2025."),
        },
    )


def text_area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def choice_field(
    label: str | _StrPromise, *, required: bool = True, missing: Any = "", **kwargs: Any
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=required,
        error_messages={
            "required": missing or gettext_lazy("Maak een keuze."),
            "invalid_choice": INVALID_CHOICE,
        },
        **kwargs,
    )


def set_choices(form: forms.BaseForm, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def optional_id(value: str | None) -> int | None:
    return int(value) if value else None


def too_long(n: int) -> dict[str, Any]:
    return {"max_length": gettext_lazy("Deze tekst is te lang (hoogstens %(limit_value)d tekens).")}
