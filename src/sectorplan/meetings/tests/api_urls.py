"""Only the meeting API: its schema must generate without warnings of its own."""

from django.urls import include, path

from sectorplan.api import meetings as api_meetings

urlpatterns = [path("api/", include((api_meetings.urlpatterns, "api")))]
