"""The case page and its step forms: every step posts to its own URL (POST only)."""

from django.urls import URLPattern, path

from buurtteam.cases.views import dossier, dossier_forms
from buurtteam.cases.views import dossier_steps as steps

CASE = "casussen/<int:case_id>/"

urlpatterns: list[URLPattern] = [
    path(CASE, dossier.case_detail, name="case_detail"),
    path(f"{CASE}formulier/<slug:name>/", dossier_forms.case_form, name="case_form"),
    path(f"{CASE}gesprekken/", steps.conversation_add, name="conversation_add"),
    path(f"{CASE}problemen/", steps.problems_set, name="problems_set"),
    path(f"{CASE}vraagverheldering/afronden/", steps.intake_finish, name="intake_finish"),
    path(f"{CASE}inschatting/", steps.assessment_add, name="assessment_add"),
    path(f"{CASE}plan/doelen/", steps.goal_add, name="goal_add"),
    path(f"{CASE}plan/doelen/<int:goal_id>/stand/", steps.goal_status, name="goal_status"),
    path(f"{CASE}plan/doelen/<int:goal_id>/acties/", steps.action_add, name="action_add"),
    path(f"{CASE}plan/acties/<int:action_id>/gedaan/", steps.action_done, name="action_done"),
    path(f"{CASE}plan/akkoord/", steps.plan_agree, name="plan_agree"),
    path(f"{CASE}contacten/", steps.contact_add, name="contact_add"),
    path(f"{CASE}notities/", steps.note_add, name="note_add"),
    path(f"{CASE}taken/", steps.task_add, name="task_add"),
    path(f"{CASE}taken/<int:task_id>/gedaan/", steps.task_done, name="task_done"),
    path(f"{CASE}evaluatie/", steps.evaluation_start, name="evaluation_start"),
    path(
        f"{CASE}evaluatie/<int:evaluation_id>/afronden/",
        steps.evaluation_complete,
        name="evaluation_complete",
    ),
    path(f"{CASE}afsluiten/", steps.case_close, name="case_close"),
    path(f"{CASE}heropenen/", steps.case_reopen, name="case_reopen"),
]
