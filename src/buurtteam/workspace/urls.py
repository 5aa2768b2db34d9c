from django.urls import path

from buurtteam.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/<int:team_id>/", views.team_detail, name="team_detail"),
    path("sociale-basis/", views.social_basis, name="social_basis"),
]
