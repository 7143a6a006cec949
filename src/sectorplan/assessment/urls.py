from django.urls import path

from . import national_views, views

app_name = "assessment"

urlpatterns = [
    path("", national_views.overview, name="overview"),
    path("voortgang.<str:fmt>", national_views.overview_export, name="overview-export"),
    path("landelijk/", national_views.national_plans, name="national-plans"),
    path("landelijk/<int:pk>/", national_views.national_plan, name="national-plan"),
    path(
        "landelijk/<int:pk>/indienen/",
        national_views.national_plan_submit,
        name="national-plan-submit",
    ),
    path("plan/<int:pk>/", views.review, name="review"),
    path("plan/<int:pk>/toets/", views.answer, name="answer"),
    path("plan/<int:pk>/advies/", views.advise, name="advise"),
    path("plan/<int:pk>/stap/<str:code>/", views.step, name="step"),
    path("plan/<int:pk>/versies/", views.versions, name="versions"),
    path("plan/<int:pk>/beschikking.pdf", views.decision_pdf, name="decision-pdf"),
    path("plan/<int:pk>/tijdlijn/", views.timeline, name="timeline"),
    path("plan/<int:pk>/tijdlijn.<str:fmt>", views.timeline_export, name="timeline-export"),
]
