from django.urls import URLPattern

app_name = "map_exchange"

urlpatterns: list[URLPattern] = []
