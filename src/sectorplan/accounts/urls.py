from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("tweestapsverificatie/", views.overview, name="two-factor"),
    path("tweestapsverificatie/instellen/", views.setup, name="two-factor-setup"),
    path("tweestapsverificatie/code/", views.verify, name="two-factor-verify"),
]
