"""The case page and its step forms: every step posts to its own URL (POST only)."""

from django.urls import URLPattern, path

from buurtteam.cases.views import dossier as views
from buurtteam.cases.views import dossier_forms

CASE = "casussen/<int:case_id>/"

urlpatterns: list[URLPattern] = [
    path(CASE, views.case_detail, name="case_detail"),
    path(f"{CASE}formulier/<slug:name>/", dossier_forms.case_form, name="case_form"),
    path(f"{CASE}gesprekken/", views.conversation_add, name="conversation_add"),
    path(f"{CASE}problemen/", views.problems_set, name="problems_set"),
    path(f"{CASE}vraagverheldering/afronden/", views.intake_finish, name="intake_finish"),
    path(f"{CASE}inschatting/", views.assessment_add, name="assessment_add"),
    path(f"{CASE}plan/doelen/", views.goal_add, name="goal_add"),
    path(f"{CASE}plan/doelen/<int:goal_id>/stand/", views.goal_status, name="goal_status"),
    path(f"{CASE}plan/doelen/<int:goal_id>/acties/", views.action_add, name="action_add"),
    path(f"{CASE}plan/acties/<int:action_id>/gedaan/", views.action_done, name="action_done"),
    path(f"{CASE}plan/akkoord/", views.plan_agree, name="plan_agree"),
    path(f"{CASE}contacten/", views.contact_add, name="contact_add"),
    path(f"{CASE}notities/", views.note_add, name="note_add"),
    path(f"{CASE}taken/", views.task_add, name="task_add"),
    path(f"{CASE}taken/<int:task_id>/gedaan/", views.task_done, name="task_done"),
    path(f"{CASE}evaluatie/", views.evaluation_start, name="evaluation_start"),
    path(
        f"{CASE}evaluatie/<int:evaluation_id>/afronden/",
        views.evaluation_complete,
        name="evaluation_complete",
    ),
    path(f"{CASE}afsluiten/", views.case_close, name="case_close"),
    path(f"{CASE}heropenen/", views.case_reopen, name="case_reopen"),
]
