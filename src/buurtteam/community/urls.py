from django.urls import URLPattern, path

from buurtteam.community.views import groups, links, signals

app_name = "community"

ACTION = "casussen/<int:case_id>/acties/<int:action_id>/"
GROUP = "groepen/<int:group_id>/"
SIGNAL = "signalen/<int:signal_id>/"

urlpatterns: list[URLPattern] = [
    # Toeleiding, from a plan action of a case.
    path(f"{ACTION}activiteit-zoeken/", links.action_search, name="action_search"),
    path(f"{ACTION}koppelen/", links.link_create, name="link_create"),
    path("casussen/<int:case_id>/toeleiding/<int:link_id>/", links.link_detail, name="link_detail"),
    path("toeleiding/per-activiteit/", links.link_counts, name="link_counts"),
    # Groups.
    path("groepen/", groups.group_list, name="group_list"),
    path("groepen/nieuw/", groups.group_create, name="group_create"),
    path(GROUP, groups.group_detail, name="group_detail"),
    path(f"{GROUP}wijzigen/", groups.group_edit, name="group_edit"),
    path(f"{GROUP}bijeenkomsten/nieuw/", groups.session_create, name="session_create"),
    path(f"{GROUP}bijeenkomsten/<int:session_id>/", groups.session_detail, name="session_detail"),
    path(f"{GROUP}deelnemers/nieuw/", groups.participant_create, name="participant_create"),
    path(
        f"{GROUP}deelnemers/<int:participant_id>/stopt/", groups.participant_leave, name="participant_leave"
    ),
    # Signals.
    path("signalen/", signals.signal_list, name="signal_list"),
    path("signalen/nieuw/", signals.signal_create, name="signal_create"),
    path("signalen/per-buurt/", signals.signal_overview, name="signal_overview"),
    path(SIGNAL, signals.signal_detail, name="signal_detail"),
    path(f"{SIGNAL}oppakken/", signals.signal_pick_up, name="signal_pick_up"),
    path(f"{SIGNAL}afsluiten/", signals.signal_close, name="signal_close"),
]
