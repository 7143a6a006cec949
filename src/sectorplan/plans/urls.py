from django.urls import path

from . import list_views, office_views, views

app_name = "plans"

urlpatterns = [
    path("", list_views.plan_list, name="list"),
    path("export.<str:fmt>", list_views.plan_list_export, name="list-export"),
    path("nieuw/", views.plan_create, name="create"),
    path("regios/", office_views.dashboard, name="dashboard"),
    path("regios.<str:fmt>", office_views.dashboard_export, name="dashboard-export"),
    path("uitstel/", office_views.extensions, name="extensions"),
    path("demodatum/", office_views.demo_clock, name="demo-clock"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/bewerken/", views.plan_edit, name="edit"),
    path("<int:pk>/handeling/<slug:code>/", views.transition, name="transition"),
    path("<int:pk>/bijlagen/nieuw/", views.attachment_add, name="attachment-add"),
    path("<int:pk>/bijlagen/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path(
        "<int:pk>/bijlagen/<int:attachment_id>/verwijderen/",
        views.attachment_delete,
        name="attachment-delete",
    ),
    path(
        "<int:pk>/cofinanciering/<int:part_id>/toezeggen/",
        views.commitment_commit,
        name="commitment-commit",
    ),
    path("<int:pk>/<slug:part>/nieuw/", views.part_edit, name="part-add"),
    path("<int:pk>/<slug:part>/<int:part_id>/", views.part_edit, name="part-edit"),
    path("<int:pk>/<slug:part>/<int:part_id>/verwijderen/", views.part_delete, name="part-delete"),
]
