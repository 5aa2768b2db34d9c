"""Dutch codes: CBS area codes and postcodes."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

municipality_code = RegexValidator(
    r"^GM\d{4}$", _("Een gemeentecode is GM gevolgd door 4 cijfers, bijv. GM0796.")
)
district_code = RegexValidator(r"^WK\d{6}$", _("Een wijkcode is WK gevolgd door 6 cijfers, bijv. WK079601."))
neighbourhood_code = RegexValidator(
    r"^BU\d{8}$", _("Een buurtcode is BU gevolgd door 8 cijfers, bijv. BU07960101.")
)

_POSTCODE = re.compile(r"^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$")


def normalise_postcode(value: str) -> str:
    """'1234 ab' -> '1234AB'; raises ValidationError for anything that is not a Dutch postcode."""
    cleaned = (value or "").strip().upper()
    if not _POSTCODE.match(cleaned):
        raise ValidationError(_("Vul een geldige postcode in, bijvoorbeeld 5211 AB."), code="postcode")
    return cleaned.replace(" ", "")


def validate_postcode(value: str) -> None:
    normalise_postcode(value)
