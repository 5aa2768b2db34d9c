"""The case pages, one module per area of work."""

from buurtteam.cases.urls import caseload, dossier, registration

app_name = "cases"

urlpatterns = [*registration.urlpatterns, *dossier.urlpatterns, *caseload.urlpatterns]
