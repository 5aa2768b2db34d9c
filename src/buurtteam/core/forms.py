"""Form helpers: NL Design System classes and accessible error wiring on every widget."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxSelectMultiple, "utrecht-checkbox-group bt-checkbox-group"),
    (forms.RadioSelect, "bt-radio-group"),
    (forms.CheckboxInput, "utrecht-checkbox utrecht-checkbox--html-input"),
    (forms.Textarea, "utrecht-textarea utrecht-textarea--html-textarea"),
    (forms.SelectMultiple, "utrecht-select utrecht-select--html-select bt-select-multiple"),
    (forms.Select, "utrecht-select utrecht-select--html-select"),
    (forms.widgets.Input, "utrecht-textbox utrecht-textbox--html-input"),
]


class QuickSelect(forms.Select):
    """A select rendered in Python, with the same HTML as Django's template.

    The default widget renders a template per option (and one for the attributes of each); the map's
    search page has five selects with the map's terms and every buurt of the municipality, rendered on
    every search (a quarter of that page's time). Choices without groups only: a grouped select keeps
    Django's widget.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class StyledFormMixin:
    """Adds Utrecht classes, ``aria-invalid`` and ``aria-describedby`` (help text, error) to each widget."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if field.help_text:  # announced with the field from the first render on
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"  # type: ignore[index]
            for widget_type, css in WIDGET_CLASSES:
                if isinstance(widget, widget_type):
                    existing = widget.attrs.get("class", "")
                    widget.attrs["class"] = f"{existing} {css}".strip()
                    break

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name, field in self.fields.items():
            bound = self[name]  # type: ignore[index]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if bound.errors:
                described.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
                if target is not None:
                    _mark_invalid(form, target)
    else:
        form.add_error(None, exc)


def _mark_invalid(form: forms.BaseForm, name: str) -> None:
    """The accessibility wiring StyledForm does in full_clean, for errors added after it."""
    field = form.fields[name]
    auto_id = form[name].auto_id
    described = [f"{auto_id}_helptext"] if field.help_text else []
    described.append(f"{auto_id}_error")
    field.widget.attrs["aria-invalid"] = "true"
    field.widget.attrs["aria-describedby"] = " ".join(described)
