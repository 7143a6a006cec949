from django.urls import path

from . import views

# Public pages of the activity map; the slug is the scheme's (sw2015). The fixed first segment
# keeps these patterns from catching the progress reports' URLs under /monitoring/.
urlpatterns = [
    path("activiteiten/", views.chosen_activity_map, name="activity-map-chosen"),
    path("activiteiten/<slug:slug>/", views.activity_map, name="activity-map"),
    path("activiteiten/<slug:slug>/kaart/", views.region_map, name="region-map"),
    path(
        "activiteiten/<slug:slug>/<str:table>.<str:fmt>",
        views.export,
        name="activity-map-export",
    ),
]
