"""What each object of an import file becomes in the map: the column values of its row.

``Builder`` maps one entity of the file's graph per call (``organization``, ``location``, ``service``,
``service_at_location``, ``schedule``, ``taxonomy``, ``taxonomy_term``): the columns it maps to (see
profile.py and docs/hsds.md), the buurtteam profile attributes put back into their columns, the HSDS fields
without a column kept in ``hsds_extra``, and its references resolved (``references.References``). Problems
go into the list the caller passes; notes into the plan's warnings.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from buurtteam.socialmap.exchange.collect import Entity, Graph
from buurtteam.socialmap.exchange.profile import (
    DIRECT,
    FOLDED,
    HANDLED,
    PROFILE_TAXONOMY_ID,
    profile_term_id,
    recognised_purpose,
)
from buurtteam.socialmap.exchange.references import References
from buurtteam.socialmap.exchange.spec import SPECS, Problem, short_id
from buurtteam.socialmap.models import MapLocation, MapService

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

PROFILE_CODES = {
    profile_term_id(code): code
    for code in ["last_checked_on"]
    + [f"service_kind:{v}" for v in MapService.Kind.values]
    + [f"location_kind:{v}" for v in MapLocation.Kind.values]
}
IMPORTED_TAXONOMY = "Geïmporteerde taxonomie"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> datetime.date | None:
    text = _text(value).strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(_("is geen geldige datum (JJJJ-MM-DD)")) from exc


def _time(value: Any) -> datetime.time | None:
    text = _text(value).strip()
    if not text:
        return None
    try:
        return datetime.time.fromisoformat(text).replace(tzinfo=None)
    except ValueError as exc:
        raise ValueError(_("is geen geldige tijd (UU:MM of UU:MM:SS)")) from exc


def _whole(value: Any, low: int, high: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise ValueError(_("moet een geheel getal zijn"))
    if not low <= int(value) <= high:
        raise ValueError(_("moet tussen %(low)s en %(high)s liggen") % {"low": low, "high": high})
    return int(value)


class Builder(References):
    """Turns the entities of a graph into the column values of plan items, collecting problems and notes."""

    def __init__(self, reader: Actor, graph: Graph) -> None:
        super().__init__(reader, graph)
        self.term_codes: dict[str, set[str]] = {}  # taxonomy id -> the codes of its terms in the file
        self.create_only: dict[str, dict[str, Any]] = {}  # HSDS id -> columns written only on create

    def _extra(self, entity: Entity, attributes: list[dict[str, Any]]) -> dict[str, Any]:
        kind = entity.kind
        spec = SPECS[kind]
        fields = {
            key: value
            for key, value in entity.data.items()
            if key in spec.by_name and key not in DIRECT[kind] and key not in HANDLED[kind]
        }
        extra: dict[str, Any] = {}
        for name, items in entity.children.items():
            if name in FOLDED[kind]:
                extra[name] = items
            elif name not in HANDLED[kind]:
                fields[name] = items
        if kind == "service":
            if attributes:
                extra["attributes"] = attributes
        elif attributes:
            fields["attributes"] = attributes
        if fields:
            extra["fields"] = fields
        return extra

    def _profile(
        self, entity: Entity, values: dict[str, Any], problems: list[Problem]
    ) -> list[dict[str, Any]]:
        """Put the buurtteam attributes into their columns; the other attributes are returned."""
        others = []
        for attribute in entity.attributes:
            term_id = str(attribute.get("taxonomy_term_id") or "")
            code = PROFILE_CODES.get(term_id)
            if code is None:
                others.append(attribute)
                if not term_id:
                    continue
                if not self.known("taxonomy_term", term_id):
                    problems.append(
                        Problem(
                            f"attribute {short_id(attribute.get('id'))} ({entity.where})",
                            "taxonomy_term_id",
                            _("verwijst naar een onbekende term (%(id)s)") % {"id": short_id(term_id)},
                        )
                    )
                continue
            if code == "last_checked_on" and entity.kind in ("organization", "location"):
                try:
                    values["last_checked_on"] = _date(attribute.get("value"))
                except ValueError as exc:
                    problems.append(Problem(entity.where, "attributes.last_checked_on", str(exc)))
            elif code.startswith(f"{entity.kind}_kind:"):
                values["kind"] = code.split(":", 1)[1]
        return others

    def _folded(self, entity: Entity, values: dict[str, Any]) -> None:
        for name, (fold, _unfold) in FOLDED[entity.kind].items():
            items = entity.children.get(name)
            values.update(fold(items if isinstance(items, list) else []))

    def organization(self, entity: Entity, problems: list[Problem]) -> dict[str, Any]:
        values: dict[str, Any] = {
            field: _text(entity.data.get(key)) for key, field in DIRECT["organization"].items()
        }
        values["last_checked_on"] = None
        self._folded(entity, values)
        others = self._profile(entity, values, problems)
        values["hsds_extra"] = self._extra(entity, others)
        return values

    def location(self, entity: Entity, problems: list[Problem]) -> dict[str, Any]:
        values: dict[str, Any] = {
            field: _text(entity.data.get(key)) for key, field in DIRECT["location"].items()
        }
        values.update(kind=MapLocation.Kind.OTHER, last_checked_on=None, latitude=None, longitude=None)
        values["map_organization"] = self.resolve(
            entity, "organization_id", "organization", problems, strict=False
        )
        self._folded(entity, values)
        others = self._profile(entity, values, problems)
        extra = self._extra(entity, others)
        fields = extra.setdefault("fields", {})
        if entity.data.get("organization_id") and values["map_organization"] is None:
            fields["organization_id"] = entity.data["organization_id"]
        lat, lon = entity.data.get("latitude"), entity.data.get("longitude")
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            values["latitude"], values["longitude"] = float(lat), float(lon)
        elif lat is not None or lon is not None:
            fields.update({k: v for k, v in (("latitude", lat), ("longitude", lon)) if v is not None})
            self.plan.warnings.append(
                _(
                    "%(where)s: de coördinaten liggen buiten het bereik; ze worden bewaard maar niet op "
                    "de kaart gezet."
                )
                % {"where": entity.where}
            )
        address = entity.children.get("addresses") or []
        postal = [a.get("postal_code") for a in address if isinstance(a, dict) and a.get("postal_code")]
        if postal and not values["postcode"]:
            self.plan.warnings.append(
                _(
                    "%(where)s: postcode %(code)s is geen Nederlandse postcode; hij wordt bewaard maar niet "
                    "gebruikt."
                )
                % {"where": entity.where, "code": str(postal[0])[:20]}
            )
        if not values["name"]:
            values["name"] = values["address_1"] or values["city"] or _("Locatie zonder naam")
            self.plan.warnings.append(_("%(where)s: heeft geen naam.") % {"where": entity.where})
        if not fields:
            extra.pop("fields")
        values["hsds_extra"] = extra
        return values

    def service(self, entity: Entity, problems: list[Problem]) -> tuple[dict[str, Any], set[uuid.UUID]]:
        data = entity.data
        values: dict[str, Any] = {field: _text(data.get(key)) for key, field in DIRECT["service"].items()}
        values["kind"] = MapService.Kind.ACTIVITY
        values["map_organization"] = self.resolve(
            entity, "organization_id", "organization", problems, strict=True
        )
        for key in ("minimum_age", "maximum_age"):
            try:
                values[key] = _whole(data.get(key), 0, 120)
            except ValueError as exc:
                problems.append(Problem(entity.where, key, str(exc)))
        low, high = values.get("minimum_age"), values.get("maximum_age")
        if low is not None and high is not None and low > high:
            problems.append(
                Problem(entity.where, "maximum_age", _("mag niet lager zijn dan de minimumleeftijd"))
            )
        try:
            values["last_checked_on"] = _date(data.get("assured_date"))
        except ValueError as exc:
            problems.append(Problem(entity.where, "assured_date", str(exc)))
        self._folded(entity, values)
        others = self._profile(entity, values, problems)
        terms = {uuid.UUID(str(a["taxonomy_term_id"])) for a in others if a.get("taxonomy_term_id")}
        values["hsds_extra"] = self._extra(entity, others)
        return values, terms

    def service_at_location(self, entity: Entity, problems: list[Problem]) -> dict[str, Any]:
        values: dict[str, Any] = {"description": _text(entity.data.get("description"))}
        for column, kind in (("service_id", "service"), ("location_id", "location")):
            if not entity.data.get(column):
                problems.append(Problem(entity.where, column, _("is verplicht maar ontbreekt")))
            values[kind] = self.resolve(entity, column, kind, problems, strict=True)
        dropped = [name for name in entity.children if name != "metadata"] + (
            ["attributes"] if entity.attributes else []
        )
        if dropped:
            self.plan.warnings.append(
                _("%(where)s: %(fields)s worden niet bewaard.")
                % {"where": entity.where, "fields": ", ".join(dropped)}
            )
        return values

    def schedule(self, entity: Entity, problems: list[Problem]) -> dict[str, Any]:
        data = entity.data
        values: dict[str, Any] = {}
        for column, kind in (
            ("service_id", "service"),
            ("location_id", "location"),
            ("service_at_location_id", "service_at_location"),
        ):
            values[kind] = self.resolve(entity, column, kind, problems, strict=True)
        if not any(data.get(c) for c in ("service_id", "location_id", "service_at_location_id")):
            problems.append(
                Problem(
                    entity.where,
                    "service_id",
                    _("hoort bij geen activiteit, locatie of activiteit op locatie"),
                )
            )
        for key, parse in (
            ("valid_from", _date),
            ("valid_to", _date),
            ("opens_at", _time),
            ("closes_at", _time),
        ):
            try:
                values[key] = parse(data.get(key))
            except ValueError as exc:
                problems.append(Problem(entity.where, key, str(exc)))
        try:
            values["interval"] = _whole(data.get("interval"), 1, 52)
        except ValueError as exc:
            problems.append(Problem(entity.where, "interval", str(exc)))
        for key, field in DIRECT["schedule"].items():
            values[field] = _text(data.get(key))
        others = self._profile(entity, values, problems)
        values["hsds_extra"] = self._extra(entity, others)  # dtstart, until, count, notes, ...
        return values

    def taxonomy(self, entity: Entity, problems: list[Problem]) -> dict[str, Any]:
        values = {key: _text(entity.data.get(key)) for key in ("name", "description", "uri", "version")}
        purpose = recognised_purpose(values["name"], self.term_codes.get(entity.id, ()))
        if purpose:
            self.create_only[entity.id] = {"purpose": purpose}
        return values

    def taxonomy_term(self, entity: Entity, problems: list[Problem]) -> dict[str, Any]:
        data = entity.data
        values: dict[str, Any] = {
            field: _text(data.get(key)) for key, field in DIRECT["taxonomy_term"].items()
        }
        taxonomy_id = data.get("taxonomy_id")
        if taxonomy_id and not self.known("taxonomy", str(taxonomy_id)):
            self._implied_taxonomy(
                str(taxonomy_id), _text(data.get("taxonomy")) or IMPORTED_TAXONOMY, entity.where
            )
        elif not taxonomy_id:
            name = _text(data.get("taxonomy")) or IMPORTED_TAXONOMY
            taxonomy_id = str(uuid.uuid5(PROFILE_TAXONOMY_ID, f"taxonomy:{name}"))
            if not self.known("taxonomy", taxonomy_id):
                self._implied_taxonomy(taxonomy_id, name, "")
        values["taxonomy"] = uuid.UUID(str(taxonomy_id))
        values["parent"] = self.resolve(entity, "parent_id", "taxonomy_term", problems, strict=False)
        self.term_codes.setdefault(str(taxonomy_id), set()).add(values["code"])
        extra = self._extra(entity, [])  # the taxonomy text, language, metadata
        if data.get("parent_id") and values["parent"] is None:
            extra.setdefault("fields", {})["parent_id"] = data["parent_id"]
        values["hsds_extra"] = extra
        return values
