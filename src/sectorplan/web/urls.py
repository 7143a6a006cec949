from django.urls import include, path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("regelingen/<slug:slug>/budget/", views.budget_page, name="budget"),
    path("regelingen/<slug:slug>/budget.csv", views.budget_csv, name="budget-csv"),
    path("regelingen/<slug:slug>/budget.xlsx", views.budget_xlsx, name="budget-xlsx"),
]

auth_urlpatterns = [path("accounts/", include("django.contrib.auth.urls"))]
