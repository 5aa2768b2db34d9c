"""Django admin (/platformbeheer/) is for the platform's reference data only: CBS geography.

Tenant data and personal data are managed in the product's own screens (/beheer/), behind the access gate.
"""

from django.contrib import admin

from buurtteam.organisation.models import District, Municipality, Neighbourhood, Postcode


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "cbs_code", "cbs_year"]
    search_fields = ["name", "cbs_code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "cbs_code", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["name", "cbs_code"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "cbs_code", "district"]
    list_filter = ["district__municipality"]
    search_fields = ["name", "cbs_code"]


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["postcode", "neighbourhood"]
    search_fields = ["postcode"]
    list_select_related = ["neighbourhood"]
