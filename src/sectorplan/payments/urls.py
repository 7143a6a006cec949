from django.urls import path

from . import confirm_views, views

app_name = "payments"

urlpatterns = [
    path("", views.batches, name="batches"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/betaald/", views.batch_paid, name="batch-paid"),
    path("<int:pk>/betaald/bevestigen/", confirm_views.confirm_paid, name="batch-paid-confirm"),
    path("<int:pk>/intrekken/", views.batch_cancel, name="batch-cancel"),
    path("<int:pk>.<str:fmt>", views.batch_export, name="batch-export"),
    path("restant/", views.leftover, name="leftover"),
    path("restant.<str:fmt>", views.leftover_export, name="leftover-export"),
    path("verdelingen/", views.runs, name="runs"),
]
