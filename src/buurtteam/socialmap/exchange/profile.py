"""The buurtteam profile of HSDS 3.0: how the map's columns fold into HSDS sub-objects and back.

The models keep one phone, one address, one contact and so on per row, where HSDS has lists. An import
folds a list into the columns (``fold_*``); an export unfolds the columns into a list (``unfold_*``),
with ids derived from the parent's id (``sub_id``) so that the same map exports the same ids every time.
An imported list is also kept as it came (``hsds_extra``): as long as the columns still say what the
list says, the export gives the list back unchanged, with everything the columns have no room for.
Columns hold the map's own formats (a postcode as ``1234AB``); ``unfold_*`` writes HSDS's (``1234 AB``).

Dutch concepts HSDS has no field for (the kind of service and of location, when an organisation or location
was last checked) are attributes with terms of the buurtteam taxonomy (``PROFILE_TAXONOMY_ID``). The map's own
life domains and target groups travel as ordinary taxonomies; ``recognised_purpose`` knows them again.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError

from buurtteam.organisation.validators import normalise_postcode
from buurtteam.socialmap.services.taxonomy import DEFAULTS as TAXONOMY_DEFAULTS

PROFILE_URI = "https://buurtteam.nl/hsds/profiel/1.0"
PROFILE_TAXONOMY_ID = uuid.uuid5(uuid.NAMESPACE_URL, PROFILE_URI)
PROFILE_TAXONOMY_NAME = "buurtteam-profiel"

# Language names (Dutch) for the codes the map uses most; others are exported with the code as name.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "Engels",
    "de": "Duits",
    "fr": "Frans",
    "es": "Spaans",
    "pl": "Pools",
    "tr": "Turks",
    "ar": "Arabisch",
    "ber": "Berbers",
    "uk": "Oekraïens",
    "ru": "Russisch",
    "ti": "Tigrinya",
    "so": "Somalisch",
    "fa": "Perzisch",
    "pap": "Papiaments",
    "fy": "Fries",
    "zh": "Chinees",
    "ur": "Urdu",
    "bg": "Bulgaars",
    "ro": "Roemeens",
    "pt": "Portugees",
    "it": "Italiaans",
    "hi": "Hindi",
    "sr": "Sranantongo",
}
_NAME_TO_CODE = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?(?!SA|SD|SS)([A-Z]{2})$")


def sub_id(parent: uuid.UUID | str, what: str) -> str:
    """A stable id for a sub-object the models fold into their parent (a phone, an address, ...):
    ``str(uuid.uuid5(parent, what))``, computed without building UUID objects (it runs for every row)."""
    raw = parent.bytes if isinstance(parent, uuid.UUID) else uuid.UUID(str(parent)).bytes
    digest = bytearray(hashlib.sha1(raw + what.encode("utf-8"), usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def profile_term_id(code: str) -> str:
    return str(uuid.uuid5(PROFILE_TAXONOMY_ID, code))


def dutch_postcode(value: str) -> str:
    """'1234ab' -> '1234 AB' (the export's format); '' for anything that is not a Dutch postcode."""
    match = _POSTCODE.match((value or "").strip().upper())
    return f"{match.group(1)} {match.group(2)}" if match else ""


def map_postcode(value: str) -> str:
    """'1234 ab' -> '1234AB', the map's own format (``normalise_postcode``, as the map's forms store it);
    '' for anything that is not a Dutch postcode (the import notes it and keeps it in the imported list)."""
    try:
        return normalise_postcode(value)
    except ValidationError:
        return ""


def recognised_purpose(name: str, codes: Iterable[str]) -> str:
    """What a taxonomy is used as on the map, when it is one of our own as our export writes it: the life
    domains or the target groups (``Taxonomy.Purpose``), recognised by its name ("Leefgebieden",
    "Doelgroepen") and at least one term with a code of that default taxonomy (``finances``, ``carers``);
    '' for any other taxonomy."""
    wanted = name.strip().casefold()
    given = set(codes)
    for purpose, default_name, _description, terms in TAXONOMY_DEFAULTS:
        if wanted == default_name.casefold() and given & {code for code, _term in terms}:
            return str(purpose)
    return ""


def language_code(item: Mapping[str, Any]) -> str:
    """The ISO 639 code of an HSDS language object ('' when it has none we understand)."""
    code = str(item.get("code") or "").strip().lower()
    if _LANGUAGE_CODE.match(code):
        return code
    return _NAME_TO_CODE.get(str(item.get("name") or "").strip().lower(), "")


def _first(items: list[Any]) -> Mapping[str, Any]:
    for item in items:
        if isinstance(item, dict):
            return item
    return {}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


# --- Folding: an HSDS list -> the columns it fills ---------------------------------------------------
def fold_phones(items: list[Any]) -> dict[str, Any]:
    return {"phone": _text(_first(items).get("number")).strip()}


def fold_service_contacts(items: list[Any]) -> dict[str, Any]:
    return {"contact_name": _text(_first(items).get("name")).strip()}


def fold_location_contacts(items: list[Any]) -> dict[str, Any]:
    return {"email": _text(_first(items).get("email")).strip()}


def fold_languages(items: list[Any]) -> dict[str, Any]:
    codes = [language_code(item) for item in items if isinstance(item, dict)]
    return {"languages": ",".join(dict.fromkeys(c for c in codes if c))}


def fold_cost_options(items: list[Any]) -> dict[str, Any]:
    amounts = [item.get("amount") for item in items if isinstance(item, dict)]
    numbers = [a for a in amounts if isinstance(a, int | float) and not isinstance(a, bool)]
    return {"is_free": bool(numbers) and all(a == 0 for a in numbers)}


def _main_address(items: list[Any]) -> Mapping[str, Any]:
    dicts = [item for item in items if isinstance(item, dict)]
    physical = [item for item in dicts if item.get("address_type") == "physical"]
    return (physical or dicts or [{}])[0]


def fold_addresses(items: list[Any]) -> dict[str, Any]:
    address = _main_address(items)
    return {
        "address_1": _text(address.get("address_1")).strip(),
        "postcode": map_postcode(_text(address.get("postal_code"))),
        "city": _text(address.get("city")).strip(),
    }


def fold_accessibility(items: list[Any]) -> dict[str, Any]:
    return {"accessibility": _text(_first(items).get("description")).strip()}


# --- Unfolding: the columns -> an HSDS list ----------------------------------------------------------
def unfold_phones(parent: uuid.UUID, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    number = values["phone"]
    return [{"id": sub_id(parent, "phone"), "number": number}] if number else []


def unfold_service_contacts(parent: uuid.UUID, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    name = values["contact_name"]
    return [{"id": sub_id(parent, "contact"), "name": name}] if name else []


def unfold_location_contacts(parent: uuid.UUID, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    email = values["email"]
    return [{"id": sub_id(parent, "contact"), "email": email}] if email else []


def unfold_languages(parent: uuid.UUID, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    codes = [c for c in (values["languages"] or "").split(",") if c]
    return [
        {"id": sub_id(parent, f"language:{code}"), "name": LANGUAGE_NAMES.get(code, code), "code": code}
        for code in codes
    ]


def unfold_cost_options(parent: uuid.UUID, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    if not values["is_free"]:
        return []
    return [{"id": sub_id(parent, "cost_option"), "option": "Gratis", "currency": "EUR", "amount": 0}]


def unfold_addresses(parent: uuid.UUID, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    if not (values["address_1"] or values["postcode"] or values["city"]):
        return []
    return [
        {
            "id": sub_id(parent, "address"),
            "address_1": values["address_1"],
            "city": values["city"],
            "state_province": "",
            "postal_code": dutch_postcode(values["postcode"]) or values["postcode"],
            "country": "NL",
            "address_type": "physical",
        }
    ]


def unfold_accessibility(parent: uuid.UUID, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    text = values["accessibility"]
    return [{"id": sub_id(parent, "accessibility"), "description": text}] if text else []


Fold = Callable[[list[Any]], dict[str, Any]]
Unfold = Callable[[uuid.UUID, Mapping[str, Any]], list[dict[str, Any]]]

# Per object type: HSDS list -> (fold, unfold). The columns are the keys ``fold`` returns.
FOLDED: dict[str, dict[str, tuple[Fold, Unfold]]] = {
    "organization": {"phones": (fold_phones, unfold_phones)},
    "location": {
        "phones": (fold_phones, unfold_phones),
        "addresses": (fold_addresses, unfold_addresses),
        "accessibility": (fold_accessibility, unfold_accessibility),
        "contacts": (fold_location_contacts, unfold_location_contacts),
    },
    "service": {
        "phones": (fold_phones, unfold_phones),
        "contacts": (fold_service_contacts, unfold_service_contacts),
        "languages": (fold_languages, unfold_languages),
        "cost_options": (fold_cost_options, unfold_cost_options),
    },
    "schedule": {},
    "taxonomy_term": {},
}

# HSDS fields that map one to one onto a column of the same meaning: HSDS name -> model field.
DIRECT: dict[str, dict[str, str]] = {
    "organization": {
        "name": "name",
        "alternate_name": "alternate_name",
        "description": "description",
        "email": "email",
        "website": "website",
    },
    "location": {
        "location_type": "location_type",
        "name": "name",
        "alternate_name": "alternate_name",
        "description": "description",
        "transportation": "transportation",
        "url": "url",
    },
    "service": {
        "name": "name",
        "alternate_name": "alternate_name",
        "description": "description",
        "url": "url",
        "email": "email",
        "status": "status",
        "interpretation_services": "interpretation_services",
        "application_process": "application_process",
        "fees_description": "fees_description",
        "wait_time": "wait_time",
        "eligibility_description": "eligibility_description",
    },
    "schedule": {"freq": "freq", "byday": "byday", "bymonthday": "bymonthday", "description": "description"},
    "taxonomy_term": {"code": "code", "name": "name", "description": "description", "term_uri": "term_uri"},
}

# HSDS fields the import handles itself (links, nested objects, generated values): never kept as extras.
HANDLED: dict[str, set[str]] = {
    "organization": {"id", "attributes", "locations", "services", "phones"},
    "location": {"id", "organization_id", "latitude", "longitude", "attributes", "schedules"}
    | set(FOLDED["location"]),
    "service": {
        "id",
        "organization_id",
        "organization",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "last_modified",
        "attributes",
        "schedules",
        "service_at_locations",
    }
    | set(FOLDED["service"]),
    "schedule": {
        "id",
        "service_id",
        "location_id",
        "service_at_location_id",
        "valid_from",
        "valid_to",
        "interval",
        "opens_at",
        "closes_at",
        "attributes",
    },
    # The taxonomy (by id or described in full) and the parent are links; the import keeps a parent it
    # cannot link in the extras itself. (The ``taxonomy`` text is kept as it came: it need not be the name.)
    "taxonomy_term": {"id", "taxonomy_id", "taxonomy_detail", "parent_id"},
}


def overlay(
    kind: str, parent: uuid.UUID, columns: Mapping[str, Any], extra: Mapping[str, Any]
) -> dict[str, Any]:
    """The HSDS lists of one row: the imported list while the columns still agree with it, else generated."""
    result: dict[str, Any] = {}
    for name, (fold, unfold) in FOLDED[kind].items():
        raw = extra.get(name)
        if isinstance(raw, list) and fold(raw) == {key: columns[key] for key in fold(raw)}:
            items = raw
        else:
            items = unfold(parent, columns)
        if items:
            result[name] = items
    return result
