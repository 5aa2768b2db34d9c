"""Caseload, assignment and casusoverleg pages. URL kwargs: case_id, team_id, meeting_id, item_id."""

from django.urls import URLPattern, path

from buurtteam.cases.views import caseload, meetings

urlpatterns: list[URLPattern] = [
    path("casussen/", caseload.my_cases, name="my_cases"),
    path("casussen/<int:case_id>/toewijzen/", caseload.case_assign, name="case_assign"),
    path("teams/<int:team_id>/casussen/", caseload.team_cases, name="team_cases"),
    path("teams/<int:team_id>/wachtrij/", caseload.unassigned_queue, name="unassigned_queue"),
    path("teams/<int:team_id>/casusoverleg/", meetings.meeting_list, name="meeting_list"),
    path("casusoverleg/<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        "casusoverleg/<int:meeting_id>/punten/<int:item_id>/besluit/",
        meetings.meeting_decide,
        name="meeting_decide",
    ),
    path("casusoverleg/<int:meeting_id>/agenda/", meetings.meeting_add_case, name="meeting_add_case"),
    path("casusoverleg/<int:meeting_id>/afsluiten/", meetings.meeting_close, name="meeting_close"),
]
