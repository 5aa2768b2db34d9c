"""The BSN (burgerservicenummer): nine digits passing the elfproef."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn as stdnum_bsn


def normalise_bsn(value: str) -> str:
    """'1112.22.333' -> '111222333'; eight digits get a leading zero. Raises a Dutch ValidationError."""
    digits = "".join(ch for ch in (value or "") if not ch.isspace() and ch not in ".-")
    if not digits.isdigit() or len(digits) not in (8, 9):
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_format")
    digits = digits.zfill(9)
    if digits == "000000000":
        raise ValidationError(_("Dit BSN is ongeldig."), code="bsn_zero")
    try:
        stdnum_bsn.validate(digits)
    except StdnumError as exc:
        raise ValidationError(
            _("Dit BSN klopt niet (de elfproef faalt). Controleer het nummer."), code="bsn_checksum"
        ) from exc
    return digits


def validate_bsn(value: str) -> None:
    normalise_bsn(value)


def mask_bsn(value: str) -> str:
    """Lists show only the last three digits."""
    return f"******{value[-3:]}" if value else ""
