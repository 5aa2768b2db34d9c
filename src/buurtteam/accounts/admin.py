"""Staff accounts and their authenticators are managed in the product (/beheer/), behind the access gate,
never in Django admin, which would bypass it."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (Group, TOTPDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
