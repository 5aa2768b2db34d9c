from django.urls import path

app_name = "organisation"

urlpatterns: list[object] = []
