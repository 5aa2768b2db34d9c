"""Schedules in words ("elke dinsdag 10:00–12:00") and the RFC 5545 day codes they are stored as."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = {
    "MO": gettext_lazy("maandag"),
    "TU": gettext_lazy("dinsdag"),
    "WE": gettext_lazy("woensdag"),
    "TH": gettext_lazy("donderdag"),
    "FR": gettext_lazy("vrijdag"),
    "SA": gettext_lazy("zaterdag"),
    "SU": gettext_lazy("zondag"),
}
ORDINALS = {
    "1": gettext_lazy("eerste"),
    "2": gettext_lazy("tweede"),
    "3": gettext_lazy("derde"),
    "4": gettext_lazy("vierde"),
    "-1": gettext_lazy("laatste"),
}
_MONTHLY = re.compile(r"^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$")


def validate_byday(freq: str, byday: str) -> str:
    """A Dutch problem with the day codes, or "" when they fit the frequency."""
    parts = [p for p in byday.split(",") if p]
    if not parts:
        return _("kies minstens één dag")
    if freq == "WEEKLY" and any(p not in DAYS for p in parts):
        return _("gebruik dagcodes als MO,TU,WE (maandag, dinsdag, woensdag)")
    if freq == "MONTHLY" and any(not _MONTHLY.match(p) for p in parts):
        return _("gebruik voor maandelijks codes als 1TU (eerste dinsdag) of -1FR (laatste vrijdag)")
    if len(set(parts)) != len(parts):
        return _("noem elke dag één keer")
    return ""


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s en %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _time(value: Any) -> str:
    return value.strftime("%H:%M") if value else ""


def describe(schedule: Any) -> str:
    """One schedule in Dutch, e.g. "elke dinsdag 10:00–12:00" or "elke eerste woensdag van de maand"."""
    parts = [p for p in (schedule.byday or "").split(",") if p]
    interval = schedule.interval or 1
    if schedule.freq == "MONTHLY":
        days = []
        for part in parts:
            match = _MONTHLY.match(part)
            if match:
                days.append(f"{ORDINALS[match.group(1)]} {DAY_NAMES[match.group(2)]}")
        text = _("elke %(days)s van de maand") % {"days": _join(days)} if days else _("maandelijks")
    elif schedule.freq == "WEEKLY":
        days = [str(DAY_NAMES[p]) for p in parts if p in DAY_NAMES]
        if interval == 2:
            text = _("om de week op %(days)s") % {"days": _join(days)}
        elif interval > 2:
            text = _("elke %(n)s weken op %(days)s") % {"n": interval, "days": _join(days)}
        else:
            text = _("elke %(days)s") % {"days": _join(days)} if days else _("wekelijks")
    else:
        text = schedule.description or ""
    opens, closes = _time(schedule.opens_at), _time(schedule.closes_at)
    if opens and closes:
        text = f"{text} {opens}–{closes}"
    elif opens:
        text = _("%(text)s vanaf %(time)s") % {"text": text, "time": opens}
    return text.strip()


def summary(schedules: Iterable[Any]) -> str:
    """All schedules of a service in one line ("elke dinsdag 10:00–12:00; elke eerste ...")."""
    return "; ".join(filter(None, (describe(s) for s in schedules)))
