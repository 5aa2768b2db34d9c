from django.urls import path

from buurtteam.api import views

urlpatterns = [
    path("account/api-tokens/", views.api_tokens_view, name="api_tokens"),
]
