from django.urls import path

from buurtteam.organisation import views

app_name = "organisation"

urlpatterns = [
    path("beheer/", views.admin_home, name="admin_home"),
    path("beheer/teams/", views.team_admin_list, name="team_admin_list"),
    path("beheer/teams/nieuw/", views.team_admin_create, name="team_admin_create"),
    path("beheer/teams/<int:team_id>/", views.team_admin_edit, name="team_admin_edit"),
    path("beheer/locaties/", views.location_admin_list, name="location_admin_list"),
    path("beheer/locaties/nieuw/", views.location_admin_create, name="location_admin_create"),
    path("beheer/locaties/<int:location_id>/", views.location_admin_edit, name="location_admin_edit"),
    path("beheer/aanbieders/", views.provider_admin_list, name="provider_admin_list"),
    path("beheer/aanbieders/nieuw/", views.provider_admin_create, name="provider_admin_create"),
    path("beheer/aanbieders/<int:provider_id>/", views.provider_admin_edit, name="provider_admin_edit"),
    path("beheer/disciplines/", views.discipline_admin_list, name="discipline_admin_list"),
    path("beheer/disciplines/nieuw/", views.discipline_admin_create, name="discipline_admin_create"),
    path(
        "beheer/disciplines/<int:discipline_id>/", views.discipline_admin_edit, name="discipline_admin_edit"
    ),
]
