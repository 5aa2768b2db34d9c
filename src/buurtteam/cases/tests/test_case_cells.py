"""The case lists' cells built in Python (``views/case_cells.py``) and the case page's ``{% lazy_form %}``
give the same HTML as the templates they replaced (kept here verbatim): every kind of pickup, lead,
co-workers, badges and link, with escaping."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from buurtteam.cases.selectors.cases import Pickup
from buurtteam.cases.views import case_cells

OLD_LINK = (
    '{% if row.url %}<a class="utrecht-link" href="{{ row.url }}">{{ row.case.reference }}</a'
    ">{% else %}{{ row.case.reference }}{% endif %}"
)
OLD_PICKUP = (
    '{% load i18n %}{% with p=row.pickup %}{% if p is None %}<span class="bt-muted">{% transl'
    'ate "Geen termijn" %}</span>{% elif p.picked_up %}{% if p.overdue %}<span class="utrecht'
    '-status-badge utrecht-status-badge--warning">{% translate "Te laat opgepakt" %}</span> {'
    "% endif %}{% blocktranslate count counter=p.working_days %}Opgepakt na {{ counter }} wer"
    "kdag{% plural %}Opgepakt na {{ counter }} werkdagen{% endblocktranslate %}{% elif p.over"
    'due %}<span class="utrecht-status-badge utrecht-status-badge--danger">{% translate "Niet'
    ' op tijd opgepakt" %}</span> {% blocktranslate count counter=p.working_days %}wacht {{ c'
    "ounter }} werkdag{% plural %}wacht {{ counter }} werkdagen{% endblocktranslate %}{% else"
    ' %}{% blocktranslate with date=p.deadline|date:"d-m-Y" %}Oppakken v\u00f3\u00f3r {{ date }}{% endb'
    "locktranslate %}{% endif %}{% endwith %}"
)
OLD_WORKERS = (
    '{% load i18n %}{% if row.lead %}{{ row.lead.user.full_name }} <span class="bt-muted">({%'
    ' translate "regisseur" %})</span>{% else %}<span class="utrecht-status-badge utrecht-sta'
    'tus-badge--inactive">{% translate "Niet toegewezen" %}</span>{% endif %}{% if row.co_wor'
    'kers %}<br><span class="bt-muted">{% blocktranslate count counter=row.co_workers|length '
    "%}+ {{ counter }} collega{% plural %}+ {{ counter }} collega's{% endblocktranslate %}</s"
    "pan>{% endif %}"
)
OLD_BADGES = (
    '{% for label, kind in row.badges %}<span class="utrecht-status-badge utrecht-status-badg'
    'e--{{ kind }}">{{ label }}</span> {% endfor %}'
)


def _old(template: str, row: Any) -> str:
    return Template(template).render(Context({"row": row}))


def _person(name: str) -> Any:
    return SimpleNamespace(user=SimpleNamespace(full_name=name))


PICKUPS = [
    None,
    Pickup(datetime.date(2026, 3, 2), 1, False, True),
    Pickup(datetime.date(2026, 3, 2), 4, False, True),
    Pickup(datetime.date(2026, 3, 2), 14, True, True),
    Pickup(datetime.date(2026, 3, 2), 1, True, False),
    Pickup(datetime.date(2026, 3, 2), 12, True, False),
    Pickup(datetime.date(2026, 12, 24), 3, False, False),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("pickup", PICKUPS)
def test_pickup_cell(pickup: Pickup | None, language: str) -> None:
    with translation.override(language):
        assert parse_html(case_cells.pickup(pickup)) == parse_html(
            _old(OLD_PICKUP, SimpleNamespace(pickup=pickup))
        )


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("lead", "co_workers"),
    [
        (None, []),
        (_person("Fatima <b>Amrani</b>"), []),
        (_person("Joost de Wit"), [_person("A")]),
        (None, [_person("A"), _person("B"), _person("C")]),
    ],
)
def test_workers_cell(lead: Any, co_workers: list[Any], language: str) -> None:
    row = SimpleNamespace(lead=lead, co_workers=co_workers)
    with translation.override(language):
        new = case_cells.workers(lead, co_workers)
        assert parse_html(new) == parse_html(_old(OLD_WORKERS, row))
    if lead is not None and "<b>" in lead.user.full_name:
        assert "&lt;b&gt;" in new  # the name is escaped


@pytest.mark.parametrize("url", [None, "", "/casussen/12/", '/x/?a=1&b="2"'])
def test_link_cell(url: str | None) -> None:
    case = SimpleNamespace(reference="2026-<0000012>")
    row = SimpleNamespace(url=url, case=case)
    assert parse_html(case_cells.case_link(case, url)) == parse_html(_old(OLD_LINK, row))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "badges", [[], [("Crisis", "danger")], [("Zorgen over veiligheid", "danger"), ("Met <spoed>", "warning")]]
)
def test_badges_cell(badges: list[tuple[str, str]]) -> None:
    new = case_cells.badges(badges)
    assert parse_html(new) == parse_html(_old(OLD_BADGES, SimpleNamespace(badges=badges)))
    assert "<spoed>" not in new


OLD_LAZY = (
    "{% load i18n %}{% url 'cases:case_form' case.pk name as form_url %}"
    '<div class="bt-lazy-form" hx-get="{{ form_url }}{% if goal %}?doel={{ goal.pk }}{% endif %}" '
    'hx-trigger="toggle once from:closest details" hx-swap="outerHTML">'
    '<p class="utrecht-paragraph"><a class="utrecht-link" href="{{ form_url }}'
    '{% if goal %}?doel={{ goal.pk }}{% endif %}">{% translate "Open het formulier" %}</a></p></div>'
)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("goal", [None, SimpleNamespace(pk=7)])
@pytest.mark.parametrize("name", ["contact", "goal_status"])
def test_lazy_form_tag(name: str, goal: Any, language: str) -> None:
    """``{% lazy_form %}`` gives the markup of the include it replaced (``cases/dossier/_lazy.html``)."""
    context = {"case": SimpleNamespace(pk=12), "goal": goal, "name": name}
    with translation.override(language):
        new = Template("{% load case_page %}{% lazy_form name %}").render(Context(context))
        assert parse_html(new) == parse_html(Template(OLD_LAZY).render(Context(context)))
    assert f"/casussen/12/formulier/{name}/" in new
