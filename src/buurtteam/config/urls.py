from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import RedirectView

from buurtteam.api.main import api
from buurtteam.core import views as core_views

urlpatterns = [
    path("", include("buurtteam.workspace.urls")),
    path("", include("buurtteam.accounts.urls")),
    path("", include("buurtteam.organisation.urls")),
    path("", include("buurtteam.cases.urls")),
    path("", include("buurtteam.referrals.urls")),
    path("", include("buurtteam.safety.urls")),
    path("", include("buurtteam.socialmap.urls")),
    path("", include("buurtteam.socialmap.exchange.urls")),
    path("", include("buurtteam.volunteers.urls")),
    path("", include("buurtteam.community.urls")),
    path("", include("buurtteam.api.urls")),
    path("api/v1/", api.urls),
    path("audit/", include("buurtteam.audit.urls")),
    path("taal/", core_views.set_language, name="set_language"),
    # The platform admin logs in through the app's own log-in: throttled, audited, two-factor.
    path(
        "platformbeheer/login/",
        login_not_required(RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    ),
    path("platformbeheer/", admin.site.urls),
]

handler400 = "buurtteam.core.views.bad_request"
handler403 = "buurtteam.core.views.permission_denied"
handler404 = "buurtteam.core.views.page_not_found"
handler500 = "buurtteam.core.views.server_error"
