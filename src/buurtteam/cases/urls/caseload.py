"""Caseload, assignment and casusoverleg pages. URL kwargs: case_id, team_id, meeting_id, item_id."""

from django.urls import URLPattern, path

from buurtteam.cases.views import caseload as views

urlpatterns: list[URLPattern] = [
    path("casussen/", views.my_cases, name="my_cases"),
    path("casussen/<int:case_id>/toewijzen/", views.case_assign, name="case_assign"),
    path("teams/<int:team_id>/casussen/", views.team_cases, name="team_cases"),
    path("teams/<int:team_id>/wachtrij/", views.unassigned_queue, name="unassigned_queue"),
    path("teams/<int:team_id>/casusoverleg/", views.meeting_list, name="meeting_list"),
    path("casusoverleg/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path(
        "casusoverleg/<int:meeting_id>/punten/<int:item_id>/besluit/",
        views.meeting_decide,
        name="meeting_decide",
    ),
    path("casusoverleg/<int:meeting_id>/agenda/", views.meeting_add_case, name="meeting_add_case"),
    path("casusoverleg/<int:meeting_id>/afsluiten/", views.meeting_close, name="meeting_close"),
]
