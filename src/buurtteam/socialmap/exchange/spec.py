"""What an HSDS 3.0 object may hold: field types, required fields, enumerations, and the tabular tables.

Written from the standard's documentation (not copied from its schema files): enough to check an imported
file field by field, to type the columns of a CSV file, and to write the tabular data package. The tests
check this table against the official schemas, so a drift shows up there.
"""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# Field kinds: "string", "uuid", "uri", "email", "number", "datetime", "enum"; nested: "object" / "list".
STRING = "string"
UUID = "uuid"
URI = "uri"
EMAIL = "email"
NUMBER = "number"
DATETIME = "datetime"
ENUM = "enum"
OBJECT = "object"
LIST = "list"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = STRING
    of: str = ""  # the object type of an "object" or "list" field
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ObjectSpec:
    name: str
    table: str  # the file name in the tabular data package
    fields: tuple[Field, ...]
    required: tuple[str, ...] = ("id",)
    by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update({f.name: f for f in self.fields})

    @property
    def columns(self) -> list[str]:
        """The flat fields, in the order of the tabular schema: the columns of this table's CSV file."""
        return [f.name for f in self.fields if f.kind not in (OBJECT, LIST)]


def _f(names: str, kind: str = STRING, **kw: Any) -> list[Field]:
    return [Field(n, kind, **kw) for n in names.split()]


_LOCATION_TYPES = ("physical", "postal", "virtual")
_STATUS = ("active", "inactive", "defunct", "temporarily closed")
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_ATTR_META = [Field("attributes", LIST, of="attribute"), Field("metadata", LIST, of="metadata")]
_META = [Field("metadata", LIST, of="metadata")]

SPECS: dict[str, ObjectSpec] = {
    spec.name: spec
    for spec in [
        ObjectSpec(
            "organization",
            "organizations.csv",
            (
                Field("id", UUID),
                *_f("name alternate_name description"),
                Field("email", EMAIL),
                Field("website", URI),
                *_f("tax_status tax_id"),
                Field("year_incorporated", NUMBER),
                *_f("legal_status logo"),
                Field("uri", URI),
                Field("parent_organization_id", UUID),
                Field("funding", LIST, of="funding"),
                Field("contacts", LIST, of="contact"),
                Field("phones", LIST, of="phone"),
                Field("locations", LIST, of="location"),
                Field("programs", LIST, of="program"),
                Field("organization_identifiers", LIST, of="organization_identifier"),
                *_ATTR_META,
                Field("services", LIST, of="service"),
            ),
            required=("id", "name", "description"),
        ),
        ObjectSpec(
            "program",
            "programs.csv",
            (
                Field("id", UUID),
                Field("organization_id", UUID),
                *_f("name alternate_name description"),
                *_ATTR_META,
            ),
            required=("id", "name", "description"),
        ),
        ObjectSpec(
            "service",
            "services.csv",
            (
                Field("id", UUID),
                Field("organization_id", UUID),
                Field("program_id", UUID),
                *_f("name alternate_name description"),
                Field("url", URI),
                Field("email", EMAIL),
                Field("status", ENUM, choices=_STATUS),
                *_f(
                    "interpretation_services application_process fees_description wait_time fees "
                    "accreditations"
                ),
                Field("eligibility_description"),
                *_f("minimum_age maximum_age", NUMBER),
                Field("assured_date"),
                Field("assurer_email", EMAIL),
                *_f("licenses alert"),
                Field("last_modified", DATETIME),
                Field("phones", LIST, of="phone"),
                Field("schedules", LIST, of="schedule"),
                Field("service_areas", LIST, of="service_area"),
                Field("service_at_locations", LIST, of="service_at_location"),
                Field("languages", LIST, of="language"),
                Field("organization", OBJECT, of="organization"),
                Field("funding", LIST, of="funding"),
                Field("cost_options", LIST, of="cost_option"),
                Field("program", OBJECT, of="program"),
                Field("required_documents", LIST, of="required_document"),
                Field("contacts", LIST, of="contact"),
                *_ATTR_META,
            ),
            required=("id", "name", "status"),
        ),
        ObjectSpec(
            "attribute",
            "attributes.csv",
            (
                Field("id", UUID),
                Field("link_id", UUID),
                Field("taxonomy_term_id", UUID),
                *_f("link_type link_entity value"),
                Field("taxonomy_term", OBJECT, of="taxonomy_term"),
                *_META,
            ),
        ),
        ObjectSpec(
            "service_at_location",
            "service_at_location.csv",
            (
                Field("id", UUID),
                Field("service_id", UUID),
                Field("location_id", UUID),
                Field("description"),
                Field("contacts", LIST, of="contact"),
                Field("phones", LIST, of="phone"),
                Field("schedules", LIST, of="schedule"),
                Field("location", OBJECT, of="location"),
                *_ATTR_META,
                Field("service", OBJECT, of="service"),
            ),
        ),
        ObjectSpec(
            "location",
            "locations.csv",
            (
                Field("id", UUID),
                Field("location_type", ENUM, choices=_LOCATION_TYPES),
                Field("url", URI),
                Field("organization_id", UUID),
                *_f("name alternate_name description transportation"),
                *_f("latitude longitude", NUMBER),
                *_f("external_identifier external_identifier_type"),
                Field("languages", LIST, of="language"),
                Field("addresses", LIST, of="address"),
                Field("contacts", LIST, of="contact"),
                Field("accessibility", LIST, of="accessibility"),
                Field("phones", LIST, of="phone"),
                Field("schedules", LIST, of="schedule"),
                *_ATTR_META,
            ),
            required=("id", "location_type"),
        ),
        ObjectSpec(
            "phone",
            "phones.csv",
            (
                Field("id", UUID),
                *_f("location_id service_id organization_id contact_id service_at_location_id", UUID),
                Field("number"),
                Field("extension", NUMBER),
                *_f("type description"),
                Field("languages", LIST, of="language"),
                *_ATTR_META,
            ),
            required=("id", "number"),
        ),
        ObjectSpec(
            "contact",
            "contacts.csv",
            (
                Field("id", UUID),
                *_f("organization_id service_id service_at_location_id location_id", UUID),
                *_f("name title department"),
                Field("email", EMAIL),
                Field("phones", LIST, of="phone"),
                *_ATTR_META,
            ),
        ),
        ObjectSpec(
            "address",
            "addresses.csv",
            (
                Field("id", UUID),
                Field("location_id", UUID),
                *_f("attention address_1 address_2 city region state_province postal_code country"),
                Field("address_type", ENUM, choices=_LOCATION_TYPES),
                *_ATTR_META,
            ),
            required=("id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
        ),
        ObjectSpec(
            "schedule",
            "schedules.csv",
            (
                Field("id", UUID),
                *_f("service_id location_id service_at_location_id", UUID),
                *_f("valid_from valid_to dtstart"),
                Field("timezone", NUMBER),
                Field("until"),
                Field("count", NUMBER),
                Field("wkst", ENUM, choices=_DAYS),
                Field("freq", ENUM, choices=("WEEKLY", "MONTHLY")),
                Field("interval", NUMBER),
                *_f("byday byweekno bymonthday byyearday description opens_at closes_at"),
                Field("schedule_link", URI),
                *_f("attending_type notes"),
                *_ATTR_META,
            ),
        ),
        ObjectSpec(
            "funding",
            "funding.csv",
            (Field("id", UUID), *_f("organization_id service_id", UUID), Field("source"), *_ATTR_META),
        ),
        ObjectSpec(
            "service_area",
            "service_areas.csv",
            (
                Field("id", UUID),
                Field("service_id", UUID),
                *_f("name description extent extent_type uri"),
                *_ATTR_META,
            ),
        ),
        ObjectSpec(
            "required_document",
            "required_documents.csv",
            (Field("id", UUID), Field("service_id", UUID), Field("document"), Field("uri", URI), *_ATTR_META),
        ),
        ObjectSpec(
            "language",
            "languages.csv",
            (
                Field("id", UUID),
                *_f("service_id location_id phone_id", UUID),
                *_f("name code note"),
                *_ATTR_META,
            ),
        ),
        ObjectSpec(
            "accessibility",
            "accessibility.csv",
            (
                Field("id", UUID),
                Field("location_id", UUID),
                *_f("description details"),
                Field("url", URI),
                *_ATTR_META,
            ),
        ),
        ObjectSpec(
            "taxonomy_term",
            "taxonomy_terms.csv",
            (
                Field("id", UUID),
                *_f("code name description"),
                Field("parent_id", UUID),
                Field("taxonomy"),
                Field("taxonomy_detail", OBJECT, of="taxonomy"),
                Field("language"),
                Field("taxonomy_id", UUID),
                Field("term_uri", URI),
                *_META,
            ),
            required=("id", "name", "description"),
        ),
        ObjectSpec(
            "metadata",
            "metadata.csv",
            (
                Field("id", UUID),
                Field("resource_id", UUID),
                *_f("resource_type last_action_date last_action_type field_name previous_value"),
                *_f("replacement_value updated_by"),
            ),
            required=(
                "id",
                "last_action_date",
                "last_action_type",
                "field_name",
                "previous_value",
                "replacement_value",
                "updated_by",
            ),
        ),
        ObjectSpec(
            "meta_table_description",
            "meta_table_descriptions.csv",
            (Field("id", UUID), *_f("name language character_set"), *_ATTR_META),
        ),
        ObjectSpec(
            "cost_option",
            "cost_options.csv",
            (
                Field("id", UUID),
                Field("service_id", UUID),
                *_f("valid_from valid_to option currency"),
                Field("amount", NUMBER),
                Field("amount_description"),
                *_ATTR_META,
            ),
        ),
        ObjectSpec(
            "organization_identifier",
            "organization_identifiers.csv",
            (
                Field("id", UUID),
                Field("organization_id", UUID),
                *_f("identifier_scheme identifier_type identifier"),
                *_ATTR_META,
            ),
            required=("id", "identifier_type", "identifier"),
        ),
        ObjectSpec(
            "taxonomy",
            "taxonomies.csv",
            (Field("id", UUID), *_f("name description"), Field("uri", URI), Field("version"), *_META),
            required=("id", "name", "description"),
        ),
    ]
}

TABLES: dict[str, str] = {spec.table: spec.name for spec in SPECS.values()}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported value: where (object path or table row) and what."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return _("%(where)s, veld %(field)s: %(message)s") % {
            "where": self.where,
            "field": self.field,
            "message": self.message,
        }


def short_id(value: object) -> str:
    text = str(value)
    return f"{text[:8]}…" if len(text) > 8 else text


def is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def check_value(spec_field: Field, value: Any) -> str | None:
    """What is wrong with one scalar value (``None``: nothing)."""
    kind = spec_field.kind
    if value is None:
        return None
    if kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _("moet een getal zijn")
        return None
    if not isinstance(value, str):
        return _("moet tekst zijn")
    if kind == UUID and not is_uuid(value):
        return _("moet een UUID zijn (zoals 3fa85f64-5717-4562-b3fc-2c963f66afa6)")
    if kind == EMAIL and value and not _EMAIL.match(value):
        return _("is geen geldig e-mailadres")
    if kind == URI and value and not _URI.match(value):
        return _("is geen geldige URI (zoals https://voorbeeld.nl)")
    if kind == ENUM and value not in spec_field.choices:
        return _("onbekende waarde %(value)s; toegestaan: %(choices)s") % {
            "value": value[:40],
            "choices": ", ".join(spec_field.choices),
        }
    if kind == DATETIME and value:
        try:
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return _("is geen geldige datum en tijd (ISO 8601)")
    return None


def check_object(kind: str, data: Any, where: str, *, depth: int = 0) -> list[Problem]:
    """Every problem in an HSDS object and the objects nested in it (types, required fields, enums, ids)."""
    spec = SPECS[kind]
    if not isinstance(data, dict):
        return [Problem(where, kind, _("moet een object zijn"))]
    if depth > 8:
        return [Problem(where, kind, _("is te diep genest"))]
    problems: list[Problem] = []
    for name in spec.required:
        if data.get(name) is None:
            problems.append(Problem(where, name, _("is verplicht maar ontbreekt")))
    for name, value in data.items():
        spec_field = spec.by_name.get(name)
        if spec_field is None or value is None:
            continue  # unknown fields are allowed by the standard and ignored here
        if spec_field.kind == OBJECT:
            problems += check_object(spec_field.of, value, f"{where} > {name}", depth=depth + 1)
        elif spec_field.kind == LIST:
            if not isinstance(value, list):
                problems.append(Problem(where, name, _("moet een lijst zijn")))
                continue
            for index, item in enumerate(value):
                problems += check_object(spec_field.of, item, f"{where} > {name}[{index}]", depth=depth + 1)
        else:
            message = check_value(spec_field, value)
            if message:
                problems.append(Problem(where, name, message))
    return problems
