"""The import plan: what each object of the file becomes in the map, checked, and compared with the map.

Every object gets the column values it maps to (see profile.py and docs/hsds.md), is checked by the
model's own field validation (lengths, e-mail addresses, URLs, choices), has its references resolved
(in the file or in the map), and is compared with the row of the same HSDS id: to create, to update,
unchanged, or rejected with the reasons.
"""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from buurtteam.socialmap.exchange.collect import CORE, Entity, Graph
from buurtteam.socialmap.exchange.items import LABELS, MODELS, REFS, Item, Plan, compare
from buurtteam.socialmap.exchange.profile import (
    DIRECT,
    FOLDED,
    HANDLED,
    PROFILE_TAXONOMY_ID,
    profile_term_id,
    recognised_purpose,
)
from buurtteam.socialmap.exchange.spec import SPECS, Problem, short_id
from buurtteam.socialmap.models import (
    MapLocation,
    MapService,
    Taxonomy,
)

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

HSDS_NAMES = {
    "phone": "phones[0].number",
    "address_1": "addresses[0].address_1",
    "postcode": "addresses[0].postal_code",
    "city": "addresses[0].city",
    "contact_name": "contacts[0].name",
    "accessibility": "accessibility[0].description",
    "last_checked_on": "assured_date",
    "map_organization": "organization_id",
    "term_uri": "term_uri",
}
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


class _Builder:
    """Turns the entities of a graph into plan items (one per entity), collecting problems and warnings."""

    def __init__(self, reader: Actor, graph: Graph) -> None:
        self.reader = reader
        self.graph = graph
        self.plan = Plan(warnings=list(graph.warnings))
        self.rejected_ids = graph.rejected_ids()
        self.rejected_kinds: dict[str, set[str]] = {k: set() for k in CORE}
        for r in graph.rejected:
            if r.kind in CORE and r.id:
                self.rejected_kinds[r.kind].add(r.id)
        self.existing: dict[str, set[str]] = {}
        self.implied: list[str] = []
        self.term_codes: dict[str, set[str]] = {}  # taxonomy id -> the codes of its terms in the file
        self.create_only: dict[str, dict[str, Any]] = {}  # HSDS id -> columns written only on create

    # References ---------------------------------------------------------------------------------------
    def load_existing(self) -> None:
        """The HSDS ids already on the map that the file names (as an object or a reference)."""
        wanted: dict[str, set[str]] = {kind: set(self.graph.entities[kind]) for kind in CORE}
        for kind, entities in self.graph.entities.items():
            for entity in entities.values():
                for column in ("organization_id", "service_id", "location_id", "service_at_location_id"):
                    if entity.data.get(column):
                        wanted[column.removesuffix("_id")].add(str(entity.data[column]))
                for column in ("taxonomy_id", "parent_id"):
                    if kind == "taxonomy_term" and entity.data.get(column):
                        wanted["taxonomy" if column == "taxonomy_id" else "taxonomy_term"].add(
                            entity.data[column]
                        )
                for attribute in entity.attributes:
                    if attribute.get("taxonomy_term_id"):
                        wanted["taxonomy_term"].add(str(attribute["taxonomy_term_id"]))
        for kind, ids in wanted.items():
            found: set[str] = set()
            id_list = sorted(ids)
            for start in range(0, len(id_list), 1000):
                chunk = id_list[start : start + 1000]
                manager: Any = MODELS[kind]._default_manager
                found.update(
                    str(v)
                    for v in manager.visible_to(self.reader)
                    .filter(hsds_id__in=chunk)
                    .values_list("hsds_id", flat=True)
                )
            self.existing[kind] = found

    def known(self, kind: str, object_id: str) -> bool:
        return (object_id in self.graph.entities[kind] and object_id not in self.rejected_kinds[kind]) or (
            object_id in self.existing[kind]
        )

    def resolve(
        self, entity: Entity, column: str, kind: str, problems: list[Problem], *, strict: bool
    ) -> uuid.UUID | None:
        value = entity.data.get(column)
        if not value:
            return None
        if self.known(kind, str(value)):
            return uuid.UUID(str(value))
        if str(value) in self.rejected_kinds[kind] or str(value) in self.rejected_ids:
            message = _("verwijst naar een afgewezen %(label)s (%(id)s)") % {
                "label": LABELS[kind],
                "id": short_id(value),
            }
        else:
            message = _("verwijst naar een onbekende %(label)s (%(id)s)") % {
                "label": LABELS[kind],
                "id": short_id(value),
            }
        if strict:
            problems.append(Problem(entity.where, column, message))
        else:
            self.plan.warnings.append(
                _("%(where)s, veld %(field)s: %(message)s; de koppeling wordt bewaard maar niet gelegd.")
                % {"where": entity.where, "field": column, "message": message}
            )
        return None

    # Per kind -----------------------------------------------------------------------------------------
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

    def _implied_taxonomy(self, taxonomy_id: str, name: str, where: str) -> None:
        """A term names a taxonomy the file does not describe: it is created with the name the term gives."""
        self.graph.entities["taxonomy"][taxonomy_id] = Entity(
            "taxonomy",
            taxonomy_id,
            f"taxonomy {short_id(taxonomy_id)}",
            {"id": taxonomy_id, "name": name[:200]},
        )
        self.existing.setdefault("taxonomy", set())
        self.implied.append(taxonomy_id)
        if where:
            self.plan.warnings.append(
                _("%(where)s: taxonomie %(id)s staat niet in het bestand en wordt aangemaakt als “%(name)s”.")
                % {"where": where, "id": short_id(taxonomy_id), "name": name[:200]}
            )


def _validate_model(kind: str, values: dict[str, Any], where: str) -> list[Problem]:
    """The model's own field checks (lengths, e-mail addresses, URLs, choices) on the column values."""
    model = MODELS[kind]
    scalar = {k: v for k, v in values.items() if k not in REFS[kind]}
    instance = model(**scalar)
    exclude = [f.name for f in model._meta.fields if f.name not in scalar]
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        reverse = {field: hsds for hsds, field in DIRECT.get(kind, {}).items()}
        return [
            Problem(where, HSDS_NAMES.get(name, reverse.get(name, name)), " ".join(messages))
            for name, messages in exc.message_dict.items()
        ]
    return []


def build(reader: Actor, graph: Graph) -> Plan:
    """Check and map every object of the graph and compare it with the map of ``reader``'s organisation."""
    builder = _Builder(reader, graph)
    builder.load_existing()
    plan = builder.plan
    for rejected in graph.rejected:
        plan.reject(rejected.kind, rejected.problems)
    profile_ids = {str(PROFILE_TAXONOMY_ID), *PROFILE_CODES}
    # Terms first: they may create taxonomies the file only names.
    order = [
        "taxonomy_term",
        "taxonomy",
        "organization",
        "location",
        "service",
        "service_at_location",
        "schedule",
    ]
    items: dict[str, list[Item]] = {kind: [] for kind in CORE}
    for kind in order:
        for entity in list(graph.entities[kind].values()):
            if entity.id in profile_ids:
                continue
            problems: list[Problem] = []
            terms: set[uuid.UUID] | None = None
            if kind == "service":
                values, terms = builder.service(entity, problems)
            else:
                values = getattr(builder, kind)(entity, problems)
            if not problems:
                problems = _validate_model(kind, values, entity.where)
            if problems:
                plan.reject(kind, problems)
                builder.rejected_kinds[kind].add(entity.id)
                continue
            create_only = builder.create_only.get(entity.id, {})
            items[kind].append(Item(kind, uuid.UUID(entity.id), entity.where, values, terms, create_only))
    _cascade(builder, items)
    for kind in CORE:
        plan.items[kind] = items[kind]
    compare(reader, plan)
    _purpose_notes(reader, plan)
    return plan


def _purpose_notes(reader: Actor, plan: Plan) -> None:
    """Say which new taxonomies the search filters will offer as life domains or target groups."""
    recognised = [i for i in plan.items["taxonomy"] if i.action == "create" and i.create_only.get("purpose")]
    if not recognised:
        return
    present = set(
        Taxonomy.objects.visible_to(reader)
        .filter(purpose__in=[i.create_only["purpose"] for i in recognised])
        .values_list("purpose", flat=True)
    )
    for item in recognised:
        purpose = item.create_only["purpose"]
        label = str(Taxonomy.Purpose(purpose).label).lower()
        if purpose in present:
            message = _(
                "%(where)s: herkend als %(purpose)s uit een buurtteam-export; de zoekfilters bieden de "
                "termen aan naast de %(purpose)s die de kaart al heeft."
            )
        else:
            message = _(
                "%(where)s: herkend als %(purpose)s uit een buurtteam-export; de zoekfilters bieden de "
                "termen aan."
            )
        plan.warnings.append(message % {"where": item.where, "purpose": label})


def _cascade(builder: _Builder, items: dict[str, list[Item]]) -> None:
    """An object that refers to one rejected later on (its organisation, its service) is rejected too."""
    changed = True
    while changed:
        changed = False
        for kind in CORE:
            keep = []
            for item in items[kind]:
                bad = [
                    (field, target)
                    for field, target in REFS[kind].items()
                    if item.values.get(field) is not None
                    and str(item.values[field]) in builder.rejected_kinds[target]
                    and str(item.values[field]) not in builder.existing[target]
                ]
                if bad and not (kind == "taxonomy_term" and [f for f, _t in bad] == ["parent"]):
                    field, target = bad[0]
                    builder.plan.reject(
                        kind,
                        [
                            Problem(
                                item.where,
                                f"{field}_id" if field != "map_organization" else "organization_id",
                                _("verwijst naar een afgewezen %(label)s") % {"label": LABELS[target]},
                            )
                        ],
                    )
                    builder.rejected_kinds[kind].add(str(item.hsds_id))
                    changed = True
                else:
                    if bad:
                        item.values["parent"] = None
                    keep.append(item)
            items[kind] = keep
