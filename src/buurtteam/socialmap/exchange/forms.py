"""Forms of the exchange page: the upload (always checked first, as a dry run) and the confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from buurtteam.socialmap.exchange.reader import max_bytes


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Open Referral HSDS 3.0: JSON (.json) of het tabelpakket (.zip met CSV-bestanden), "
            "hoogstens 10 MB. U ziet eerst wat er zou veranderen; er wordt pas iets opgeslagen als u "
            "daarna op Importeren klikt."
        ),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB; splits het in kleinere bestanden.")
                % {"mb": limit // (1024 * 1024)}
            )
        return upload


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    skip_rejected = forms.BooleanField(
        label=_("Afgewezen objecten overslaan en de rest importeren"),
        required=False,
    )
