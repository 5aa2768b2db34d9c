"""Pages of the sociale kaart, under /sociale-kaart/."""

from django.urls import URLPattern, path

from buurtteam.socialmap.views import entries, maintenance, search

app_name = "socialmap"

ROOT = "sociale-kaart/"
SERVICE = f"{ROOT}activiteiten/<int:map_service_id>/"
ORG = f"{ROOT}organisaties/<int:map_organization_id>/"
LOC = f"{ROOT}locaties/<int:map_location_id>/"

urlpatterns: list[URLPattern] = [
    path(ROOT, search.search, name="search"),
    path(f"{ROOT}activiteiten/nieuw/", entries.service_create, name="service_create"),
    path(SERVICE, search.service_detail, name="service_detail"),
    path(f"{SERVICE}wijzigen/", entries.service_edit, name="service_edit"),
    path(f"{SERVICE}gecontroleerd/", search.service_check, name="service_check"),
    path(f"{SERVICE}opheffen/", search.service_retire, name="service_retire"),
    path(f"{ROOT}organisaties/", entries.organization_list, name="organization_list"),
    path(f"{ROOT}organisaties/nieuw/", entries.organization_create, name="organization_create"),
    path(ORG, entries.organization_detail, name="organization_detail"),
    path(f"{ORG}wijzigen/", entries.organization_edit, name="organization_edit"),
    path(f"{ORG}gecontroleerd/", entries.organization_check, name="organization_check"),
    path(f"{ORG}verwijderen/", entries.organization_delete, name="organization_delete"),
    path(f"{ROOT}locaties/", entries.location_list, name="location_list"),
    path(f"{ROOT}locaties/nieuw/", entries.location_create, name="location_create"),
    path(LOC, entries.location_detail, name="location_detail"),
    path(f"{LOC}wijzigen/", entries.location_edit, name="location_edit"),
    path(f"{LOC}gecontroleerd/", entries.location_check, name="location_check"),
    path(f"{LOC}verwijderen/", entries.location_delete, name="location_delete"),
    path(f"{ROOT}te-controleren/", maintenance.stale, name="stale"),
    path(f"{ROOT}synoniemen/", maintenance.synonyms, name="synonyms"),
    path(
        f"{ROOT}synoniemen/<int:map_synonym_id>/verwijderen/",
        maintenance.synonym_delete,
        name="synonym_delete",
    ),
]
