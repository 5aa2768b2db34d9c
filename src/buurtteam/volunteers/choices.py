"""The fixed vocabularies of the databank: interests, languages, the weekly availability grid.

Interests and languages are stored as comma-delimited codes with a comma at both ends (",cycling,odd_jobs,"),
so that one code is found with a plain ``contains`` on both SQLite and PostgreSQL. Availability is a bit
mask of 21 bits: day (Monday = 0) times three parts of the day, bit ``day * 3 + part``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Interest(models.TextChoices):
    COMPANY = "company", _("Gezelschap en een goed gesprek")
    WALKING = "walking", _("Wandelen en bewegen")
    CYCLING = "cycling", _("Fietsen en fietsreparatie")
    ODD_JOBS = "odd_jobs", _("Klussen in en om het huis")
    GARDENING = "gardening", _("Tuinieren")
    COOKING = "cooking", _("Koken en samen eten")
    PAPERWORK = "paperwork", _("Post, formulieren en administratie")
    MONEY = "money", _("Geldzaken en budgetteren")
    LANGUAGE = "language", _("Nederlands oefenen en taalles")
    DIGITAL = "digital", _("Computer, telefoon en internet")
    TRANSPORT = "transport", _("Vervoer en meegaan naar afspraken")
    CHILDREN = "children", _("Kinderen, huiswerk en voorlezen")
    MUSIC = "music", _("Muziek en zingen")
    CREATIVE = "creative", _("Handwerk, tekenen en knutselen")
    SPORTS = "sports", _("Sport en spel")
    ANIMALS = "animals", _("Huisdieren verzorgen en uitlaten")
    SHOPPING = "shopping", _("Boodschappen doen")
    OUTINGS = "outings", _("Uitjes, cultuur en natuur")


# ISO 639 codes (two letters where there is one) of the languages volunteers most often speak here.
class Language(models.TextChoices):
    NL = "nl", _("Nederlands")
    EN = "en", _("Engels")
    AR = "ar", _("Arabisch")
    TR = "tr", _("Turks")
    ZGH = "zgh", _("Tamazight (Berbers)")
    PL = "pl", _("Pools")
    DE = "de", _("Duits")
    FR = "fr", _("Frans")
    ES = "es", _("Spaans")
    PT = "pt", _("Portugees")
    PAP = "pap", _("Papiaments")
    SRN = "srn", _("Sranantongo")
    RU = "ru", _("Russisch")
    UK = "uk", _("Oekraïens")
    FA = "fa", _("Perzisch (Farsi)")
    TI = "ti", _("Tigrinya")
    SO = "so", _("Somalisch")
    ZH = "zh", _("Chinees")


DAYS = (_("ma"), _("di"), _("wo"), _("do"), _("vr"), _("za"), _("zo"))
DAY_NAMES = (
    _("maandag"),
    _("dinsdag"),
    _("woensdag"),
    _("donderdag"),
    _("vrijdag"),
    _("zaterdag"),
    _("zondag"),
)
PARTS = (_("ochtend"), _("middag"), _("avond"))
SLOT_COUNT = len(DAYS) * len(PARTS)
ALL_SLOTS = (1 << SLOT_COUNT) - 1


def slot_bit(day: int, part: int) -> int:
    return 1 << (day * len(PARTS) + part)


def slot_code(index: int) -> str:
    """The form value of a slot: "0-1" is Monday afternoon."""
    return f"{index // len(PARTS)}-{index % len(PARTS)}"


def slot_label(index: int) -> str:
    """Short Dutch label: "di-middag"."""
    return f"{DAYS[index // len(PARTS)]}-{PARTS[index % len(PARTS)]}"


def slot_choices() -> list[tuple[str, str]]:
    return [(slot_code(i), slot_label(i)) for i in range(SLOT_COUNT)]


def mask_from_codes(codes: Iterable[str]) -> int:
    """Slot codes ("0-1") to a bit mask; unknown codes raise ``ValueError``."""
    mask = 0
    for code in codes:
        day_text, _sep, part_text = str(code).partition("-")
        day, part = int(day_text), int(part_text)
        if not (0 <= day < len(DAYS) and 0 <= part < len(PARTS)):
            raise ValueError(code)
        mask |= slot_bit(day, part)
    return mask


def codes_from_mask(mask: int) -> list[str]:
    return [slot_code(i) for i in range(SLOT_COUNT) if mask >> i & 1]


def labels_from_mask(mask: int) -> list[str]:
    return [slot_label(i) for i in range(SLOT_COUNT) if mask >> i & 1]


def slot_count(mask: int) -> int:
    return (mask & ALL_SLOTS).bit_count()


def pack(codes: Iterable[str]) -> str:
    """["cycling", "odd_jobs"] -> ",cycling,odd_jobs," (sorted, without duplicates); empty -> ""."""
    unique = sorted({c.strip() for c in codes if c and c.strip()})
    return f",{','.join(unique)}," if unique else ""


def unpack(value: str) -> list[str]:
    return [c for c in (value or "").split(",") if c]


INTEREST_LABELS = dict(Interest.choices)
LANGUAGE_LABELS = dict(Language.choices)


def interest_labels(value: str) -> list[str]:
    return [str(INTEREST_LABELS.get(c, c)) for c in unpack(value)]


def language_labels(value: str) -> list[str]:
    return [str(LANGUAGE_LABELS.get(c, c)) for c in unpack(value)]


INTEREST_BIT = {code: 1 << i for i, code in enumerate(Interest.values)}


def interest_bits(value: str) -> int:
    bits = 0
    for code in unpack(value):
        bits |= INTEREST_BIT.get(code, 0)
    return bits
