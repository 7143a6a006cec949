from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("sectorplan.api.urls")),
    path("", include("sectorplan.web.urls")),
]
