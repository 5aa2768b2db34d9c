"""The import plan: what each object of the file becomes in the map, checked, and compared with the map.

Every object gets the column values it maps to (``values.Builder``; see profile.py and docs/hsds.md), is
checked by the model's own field validation (lengths, e-mail addresses, URLs, choices), has its references
resolved (in the file or in the map; ``references.References``), and is compared with the row of the same
HSDS id: to create, to update, unchanged, or rejected with the reasons.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from buurtteam.socialmap.exchange.collect import CORE, Graph
from buurtteam.socialmap.exchange.items import LABELS, MODELS, REFS, Item, Plan, compare
from buurtteam.socialmap.exchange.profile import DIRECT, PROFILE_TAXONOMY_ID
from buurtteam.socialmap.exchange.spec import Problem
from buurtteam.socialmap.exchange.values import PROFILE_CODES, Builder
from buurtteam.socialmap.models import Taxonomy
from buurtteam.socialmap.services.locations import postcode_place, postcode_places

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
    builder = Builder(reader, graph)
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
    _place_locations(items["location"])
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


def _place_locations(items: list[Item]) -> None:
    """A location's buurt from its Dutch postcode, and the postcode's centre as coordinates when the file
    gives none, as the map's forms do (``services.locations.postcode_place``); one query for all postcodes.
    Derived the same way on every import, so a second import of the same file is unchanged."""
    places = postcode_places(item.values["postcode"] for item in items)
    for item in items:
        values = item.values
        values["neighbourhood_id"], values["latitude"], values["longitude"] = postcode_place(
            places.get(values["postcode"]),
            values["latitude"],
            values["longitude"],
            coordinates_given=values["latitude"] is not None,
        )


def _cascade(builder: Builder, items: dict[str, list[Item]]) -> None:
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
