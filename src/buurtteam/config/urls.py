from django.contrib import admin
from django.urls import include, path

from buurtteam.core import views as core_views

urlpatterns = [
    path("", include("buurtteam.workspace.urls")),
    path("", include("buurtteam.accounts.urls")),
    path("", include("buurtteam.organisation.urls")),
    path("audit/", include("buurtteam.audit.urls")),
    path("taal/", core_views.set_language, name="set_language"),
    path("platformbeheer/", admin.site.urls),
]

handler400 = "buurtteam.core.views.bad_request"
handler403 = "buurtteam.core.views.permission_denied"
handler404 = "buurtteam.core.views.page_not_found"
handler500 = "buurtteam.core.views.server_error"
