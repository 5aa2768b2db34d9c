"""The meldcode track page and the safety section's forms: every form posts to its own URL (POST only)."""

from django.urls import URLPattern, path

from buurtteam.safety import views

CASE = "casussen/<int:case_id>/"
TRACK = f"{CASE}meldcode/<int:track_id>/"

app_name = "safety"

urlpatterns: list[URLPattern] = [
    path(f"{CASE}crisis/", views.crisis_set, name="crisis_set"),
    path(f"{CASE}meldcode/", views.track_start, name="track_start"),
    path(TRACK, views.track_detail, name="track_detail"),
    path(f"{TRACK}stap/", views.step_record, name="step_record"),
    path(f"{TRACK}stoppen/", views.track_stop, name="track_stop"),
    path(f"{TRACK}melding/", views.report_record, name="report_record"),
]
