"""The project's form renderer renders selects in Python with the same HTML as Django's templates (same
elements, attributes, order of options and escaping; the templates' line breaks aside)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test.html import parse_html

from buurtteam.core.forms import QuickWidgetRenderer

CHOICES: list[Any] = [("", "Alles"), ("a", "Één & twee"), ("b", '<b>"vet"</b>'), (3, "Drie")]
GROUPED: list[Any] = [
    ("", "Kies"),
    ("Wonen", [("huur", "Huur"), ("koop", "Koop & <meer>")]),
    ("Geld", [("schuld", "Schulden")]),
    ("los", "Los"),
]
ATTRS: list[dict[str, Any]] = [
    {},
    {"class": "utrecht-select", "aria-invalid": "true", "required": True, "disabled": False, "data-n": 5},
]


def _both(widget: forms.Widget, value: Any) -> tuple[str, str]:
    quick = widget.render("soort", value, attrs={"id": "id_soort"}, renderer=QuickWidgetRenderer())
    django = widget.render("soort", value, attrs={"id": "id_soort"}, renderer=DjangoTemplates())
    return quick, django


@pytest.mark.parametrize("value", [None, "", "a", "b", "3", 3])
@pytest.mark.parametrize("attrs", ATTRS)
def test_a_select_is_the_same_html(value: Any, attrs: dict[str, Any]) -> None:
    quick, django = _both(forms.Select(attrs=dict(attrs), choices=CHOICES), value)
    assert parse_html(quick) == parse_html(django)
    assert "\n" not in quick  # rendered in Python, not by the template
    assert "&lt;b&gt;&quot;vet&quot;&lt;/b&gt;" in quick  # labels escaped


@pytest.mark.parametrize("value", [None, "koop", "los", ["huur", "schuld"]])
def test_grouped_and_multiple_selects_are_the_same_html(value: Any) -> None:
    for widget in (forms.Select(choices=GROUPED), forms.SelectMultiple(choices=GROUPED)):
        quick, django = _both(widget, value)
        assert parse_html(quick) == parse_html(django)
        assert '<optgroup label="Wonen">' in quick and "Koop &amp; &lt;meer&gt;" in quick


def test_null_boolean_select_is_the_same_html() -> None:
    for value in (None, True, False, "unknown"):
        quick, django = _both(forms.NullBooleanSelect(), value)
        assert parse_html(quick) == parse_html(django)


def test_a_widget_with_its_own_option_template_keeps_the_templates() -> None:
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"  # any other template

    quick, django = _both(Custom(choices=CHOICES), "a")
    assert quick == django


def test_forms_use_the_renderer_from_the_settings() -> None:
    class Form(forms.Form):
        soort = forms.ChoiceField(choices=CHOICES, required=False)

    assert isinstance(get_default_renderer(), QuickWidgetRenderer)
    form = Form({"soort": "b"})
    assert form.is_valid() and form.cleaned_data["soort"] == "b"
    html = str(form["soort"])
    assert '<option value="b" selected>' in html and "\n" not in html


def test_the_input_templates_are_djangos_include_of_input_html() -> None:
    """The renderer stands in for these templates only while they are what it assumes (an upgrade of Django
    that changes one makes this fail)."""
    from pathlib import Path

    import django

    from buurtteam.core.forms import INPUT_TEMPLATES

    root = Path(django.__file__).parent / "forms" / "templates"
    for name in INPUT_TEMPLATES - {"django/forms/widgets/input.html"}:
        assert (root / name).read_text().strip() == '{% include "django/forms/widgets/input.html" %}', name
    assert (root / "django/forms/widgets/input.html").read_text().strip() == (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
        "value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
        '{% include "django/forms/widgets/attrs.html" %}>'
    )


INPUTS: list[forms.Widget] = [
    forms.TextInput(),
    forms.NumberInput(attrs={"min": 0, "max": 120, "step": "any"}),
    forms.EmailInput(),
    forms.URLInput(),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    forms.TimeInput(),
    forms.DateTimeInput(),
    forms.CheckboxInput(),
    forms.TextInput(attrs={"class": "utrecht-textbox", "aria-invalid": "true", "required": True, "x": False}),
]


@pytest.mark.parametrize("widget", INPUTS, ids=[type(w).__name__ for w in INPUTS])
@pytest.mark.parametrize("value", [None, "", "1234 AB", '<script>"x"</script>', 42, True, False])
def test_inputs_are_the_same_html(widget: forms.Widget, value: Any) -> None:
    import datetime

    if isinstance(widget, (forms.DateInput, forms.DateTimeInput)) and value == 42:
        value = datetime.date(2026, 12, 7)
    quick, django = _both(widget, value)
    assert parse_html(quick) == parse_html(django)
    assert "<script>" not in quick


@pytest.mark.parametrize(
    "value", [None, "", "Regel 1\nRegel 2", "\nbegint met een lege regel", "<b>&amp;</b>"]
)
def test_textarea_is_the_same_html(value: Any) -> None:
    widget = forms.Textarea(attrs={"rows": 4, "maxlength": 5000})
    quick, django = _both(widget, value)
    assert quick == django.replace("\r\n", "\n")  # byte for byte: the line break after <textarea> matters
