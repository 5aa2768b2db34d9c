from django.urls import URLPattern, path

from buurtteam.volunteers.views import matches, requests, volunteers

app_name = "volunteers"

VOLUNTEER = "vrijwilligers/<int:volunteer_id>/"
REQUEST = "hulpvragen/<int:help_request_id>/"
MATCH = "hulpvragen/matches/<int:match_id>/"

urlpatterns: list[URLPattern] = [
    path("vrijwilligers/", volunteers.volunteer_list, name="volunteer_list"),
    path("vrijwilligers/nieuw/", volunteers.volunteer_create, name="volunteer_create"),
    path(VOLUNTEER, volunteers.volunteer_detail, name="volunteer_detail"),
    path(f"{VOLUNTEER}wijzigen/", volunteers.volunteer_edit, name="volunteer_edit"),
    path(f"{VOLUNTEER}vog/", volunteers.volunteer_vog, name="volunteer_vog"),
    path(f"{VOLUNTEER}pauzeren/", volunteers.volunteer_pause, name="volunteer_pause"),
    path(f"{VOLUNTEER}hervatten/", volunteers.volunteer_resume, name="volunteer_resume"),
    path("hulpvragen/", requests.request_list, name="request_list"),
    path("hulpvragen/nieuw/", requests.request_create, name="request_create"),
    path(
        "casussen/<int:case_id>/informele-hulp/",
        requests.request_create_for_case,
        name="request_create_for_case",
    ),
    path(REQUEST, requests.request_detail, name="request_detail"),
    path(f"{REQUEST}wijzigen/", requests.request_edit, name="request_edit"),
    path(f"{REQUEST}sluiten/", requests.request_close, name="request_close"),
    path(f"{REQUEST}heropenen/", requests.request_reopen, name="request_reopen"),
    path(f"{REQUEST}voorstellen/", requests.match_propose, name="match_propose"),
    path(MATCH, matches.match_detail, name="match_detail"),
    path(f"{MATCH}kennismaking/", matches.match_introduce, name="match_introduce"),
    path(f"{MATCH}starten/", matches.match_start, name="match_start"),
    path(f"{MATCH}beeindigen/", matches.match_end, name="match_end"),
    path(f"{MATCH}afwijzen/", matches.match_decline, name="match_decline"),
]
