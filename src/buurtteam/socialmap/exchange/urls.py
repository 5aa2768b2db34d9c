"""The HSDS exchange pages, under /sociale-kaart/uitwisselen/ (see views.py)."""

from django.urls import URLPattern, path

from buurtteam.socialmap.exchange import views

app_name = "map_exchange"

ROOT = "sociale-kaart/uitwisselen/"

urlpatterns: list[URLPattern] = [
    path(ROOT, views.exchange_page, name="page"),
    path(f"{ROOT}controleren/", views.upload, name="upload"),
    path(f"{ROOT}importeren/", views.confirm, name="confirm"),
    path(f"{ROOT}sociale-kaart.json", views.download_json, name="download_json"),
    path(f"{ROOT}sociale-kaart.zip", views.download_tabular, name="download_tabular"),
]
