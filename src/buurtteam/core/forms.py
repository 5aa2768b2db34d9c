"""Form helpers: NL Design System classes and accessible error wiring on every widget."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
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


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs_html(attrs: dict[str, Any]) -> SafeString:
    """Django's ``attrs.html``: each attribute in order; ``True`` bare, ``False`` left out."""
    return SafeString(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


def select_html(widget: dict[str, Any]) -> SafeString:
    """Django's ``select.html`` (with ``select_option.html`` per option) for a widget context, in Python:
    the same elements, attributes, order and escaping, without the template's line breaks."""
    parts: list[str] = [format_html('<select name="{}"{}>', widget["name"], _attrs_html(widget["attrs"]))]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        parts.extend(
            format_html(
                '<option value="{}"{}>{}</option>',
                str(option["value"]),
                _attrs_html(option["attrs"]),
                option["label"],
            )
            for option in group_choices
        )
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    return SafeString("".join(parts))


WIDGETS = "django/forms/widgets"
# Django's input widgets whose template is ``{% include "django/forms/widgets/input.html" %}`` (a test
# checks this against the installed Django) and input.html itself.
INPUT_TEMPLATES = frozenset(
    f"{WIDGETS}/{name}.html"
    for name in (
        *("checkbox", "color", "date", "datetime", "email", "file", "hidden", "input", "number"),
        *("password", "search", "tel", "text", "time", "url"),
    )
)
TEXTAREA_TEMPLATE = f"{WIDGETS}/textarea.html"


def input_html(widget: dict[str, Any]) -> SafeString:
    """Django's ``input.html`` for a widget context, in Python."""
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        format_html(' value="{}"', str(value)) if value is not None else "",
        _attrs_html(widget["attrs"]),
    )


def textarea_html(widget: dict[str, Any]) -> SafeString:
    """Django's ``textarea.html``, in Python (with its line break after the opening tag, which HTML drops)."""
    value = widget["value"]
    return format_html(
        '<textarea name="{}"{}>\n{}</textarea>', widget["name"], _attrs_html(widget["attrs"]), value or ""
    )


class QuickWidgetRenderer(DjangoTemplates):
    """The project's form renderer (``FORM_RENDERER``): Django's default, except that selects, inputs and
    text areas are rendered in Python (:func:`select_html`, :func:`input_html`, :func:`textarea_html`), to
    the same HTML. Django renders a template per widget, one for its attributes and, in a select, one per
    option: a select with a team's colleagues, a map's terms or every buurt of the municipality cost
    milliseconds on every page that shows one. A widget with a template of its own (or a select with its own
    option template) keeps the templates."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        if template_name == TEXTAREA_TEMPLATE:
            return textarea_html(context["widget"])
        if template_name == SELECT_TEMPLATE:
            widget = context["widget"]
            if all(
                option.get("template_name") == OPTION_TEMPLATE
                for _name, group, _index in widget["optgroups"]
                for option in group
            ):
                return select_html(widget)
        return str(super().render(template_name, context, request))


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
