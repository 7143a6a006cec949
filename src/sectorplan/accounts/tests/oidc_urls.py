"""The site's URLs with the OpenID Connect ones, as they are with SECTORPLAN_OIDC_ENABLED=1 (the
URL configuration is read once, so the tests of that log-in use this one)."""

from django.urls import include, path

from sectorplan.urls import urlpatterns as site

urlpatterns = [path("oidc/", include("mozilla_django_oidc.urls")), *site]
