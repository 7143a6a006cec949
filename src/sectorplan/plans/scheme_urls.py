"""/regelingen/: the programme office's schemes page (plans/scheme_views.py). The public pages of
a scheme (/regelingen/<slug>/budget/) are the web app's."""

from django.urls import path

from . import scheme_views

app_name = "schemes"

urlpatterns = [
    path("", scheme_views.schemes, name="list"),
    path("<slug:slug>/definitie.json", scheme_views.definition, name="definition"),
]
