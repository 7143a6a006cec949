from django.conf import settings
from django.urls import include, path

from sectorplan.accounts.password_reset import PasswordResetView
from sectorplan.accounts.views import LoginView

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("regelingen/<slug:slug>/budget/", views.budget_page, name="budget"),
    path("regelingen/<slug:slug>/budget.csv", views.budget_csv, name="budget-csv"),
    path("regelingen/<slug:slug>/budget.xlsx", views.budget_xlsx, name="budget-xlsx"),
]

auth_urlpatterns = [
    # Django's own log-in view, with the lock-out, demo and OpenID Connect notices.
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/", include("sectorplan.accounts.urls")),
    # Django's reset, limited per address and per client (accounts/password_reset.py).
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
]
if settings.SECTORPLAN_OIDC_ENABLED:
    auth_urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
