"""The project's URLs plus the meeting API, for as long as sectorplan.api.urls does not include
sectorplan.api.meetings itself (it is edited elsewhere); once it does, this adds nothing."""

from django.urls import include, path

from sectorplan import urls as root
from sectorplan.api import meetings as api_meetings
from sectorplan.api import urls as api_urls

_included = any(getattr(p, "name", None) == "meeting-list" for p in api_urls.urlpatterns)
_api = [*api_urls.urlpatterns, *([] if _included else api_meetings.urlpatterns)]

urlpatterns = [
    path("api/", include((_api, "api"))),
    *[p for p in root.urlpatterns if str(p.pattern) != "api/"],
]
