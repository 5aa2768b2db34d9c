"""URL patterns of registration, residents and break-the-glass: see cases/urls/__init__.py."""

from django.urls import URLPattern, path

from buurtteam.cases.views import registration, residents

urlpatterns: list[URLPattern] = [
    path("aanmelden/", registration.register, name="register"),
    path("aanmelden/dubbelen/", registration.register_duplicates, name="register_duplicates"),
    path("inwoners/", residents.resident_search_page, name="resident_search"),
    path("inwoners/<int:resident_id>/", residents.resident_detail, name="resident_detail"),
    path("inwoners/<int:resident_id>/wijzigen/", residents.resident_edit, name="resident_edit"),
    path(
        "inwoners/<int:resident_id>/netwerk/nieuw/", residents.network_member_add, name="network_member_add"
    ),
    path(
        "inwoners/<int:resident_id>/netwerk/<int:member_id>/wijzigen/",
        residents.network_member_edit,
        name="network_member_edit",
    ),
    path(
        "inwoners/<int:resident_id>/huishouden/toevoegen/",
        residents.household_member_add,
        name="household_member_add",
    ),
    path("inwoners/<int:resident_id>/noodtoegang/", residents.break_glass, name="break_glass"),
    path("noodtoegang/", residents.break_glass_review_list, name="break_glass_review_list"),
    path("noodtoegang/<int:grant_id>/beoordelen/", residents.break_glass_review, name="break_glass_review"),
]
