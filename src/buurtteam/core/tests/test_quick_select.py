"""QuickSelect renders in Python the same HTML as Django's select template (same elements, attributes and
text; attribute order and the template's indentation aside)."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from buurtteam.core.forms import QuickSelect

CHOICES = [("", "Alles"), ("a", "Één & twee"), ("b", '<b>"vet"</b>'), (3, "Drie")]


@pytest.mark.parametrize("value", [None, "", "a", "b", "3", ["a"]])
@pytest.mark.parametrize(
    "attrs", [{}, {"class": "utrecht-select", "aria-invalid": "true", "required": True, "disabled": False}]
)
def test_same_html_as_djangos_select(value: object, attrs: dict[str, object]) -> None:
    django_html = forms.Select(attrs=dict(attrs), choices=CHOICES).render(
        "soort", value, attrs={"id": "id_soort"}
    )
    quick_html = QuickSelect(attrs=dict(attrs), choices=CHOICES).render(
        "soort", value, attrs={"id": "id_soort"}
    )
    assert parse_html(quick_html) == parse_html(django_html)
    assert "&lt;b&gt;&quot;vet&quot;&lt;/b&gt;" in quick_html  # labels escaped


def test_a_form_field_with_quick_select_renders_and_cleans_as_before() -> None:
    class Form(forms.Form):
        soort = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)

    form = Form({"soort": "b"})
    assert form.is_valid() and form.cleaned_data["soort"] == "b"
    assert '<option value="b" selected>' in str(form["soort"])
